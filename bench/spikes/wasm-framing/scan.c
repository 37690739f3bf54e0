// Spike: frame a UccApilog chunk of complete lines in WASM; records for JS. Not product code.
typedef unsigned char u8;
#define IN_MAX (1 << 20)
#define OUT_MAX (1 << 16)
u8 IN[IN_MAX + 16];
int OUT[OUT_MAX * 8];
static int outN;
// state across chunks
static int open_ = 0, sawStart = 0, inBody = 0, clen = -1, body = 0;
static int lineNo = 0;
u8 *in_ptr(void) { return IN; }
int *out_ptr(void) { return OUT; }
static int isDigit(int c) { return c >= '0' && c <= '9'; }
static int lower(int c) { return (c >= 'A' && c <= 'Z') ? c + 32 : c; }
static int starts(const u8 *p, const u8 *e, const char *s) { while (*s) { if (p >= e || *p != (u8)*s) return 0; p++; s++; } return 1; }
static int istarts(const u8 *p, const u8 *e, const char *s) { while (*s) { if (p >= e || lower(*p) != (u8)*s) return 0; p++; s++; } return 1; }
static int busy(const u8 *p, const u8 *e) {
  for (; p + 1 < e; p++) {
    int c = *p;
    if ((c | 32) == 'h') { int d = p[1] | 32; if (d == 'r') return 1; if (p + 3 < e && ((p[1]=='t'&&p[2]=='t'&&p[3]=='p')||(p[1]=='T'&&p[2]=='T'&&p[3]=='P'))) return 1; }
    else if (c == '0' && p[1] == 'x' && p + 2 < e) { int d = p[2]; if ((d >= '8' && d <= '9') || (lower(d) >= 'a' && lower(d) <= 'f')) return 1; }
    else if (c == 'i' && starts(p, e, "iagnostics")) return 1;
    else if (c == 'S' && starts(p, e, "SIP/2.0")) return 1;
  }
  return 0;
}
static void emit(int a, int b, int c, int d, int e2, int f, int g, int h) {
  int *o = OUT + outN * 8; o[0]=a;o[1]=b;o[2]=c;o[3]=d;o[4]=e2;o[5]=f;o[6]=g;o[7]=h; outN++;
}
static int msgLine, startS, startE, cseqS, cseqE, flags, headS;
// returns number of records; kinds: 1 message, 2 busy line, 3 last quiet trace (one per chunk)
int scan(int len) {
  outN = 0;
  const u8 *b = IN, *end = IN + len;
  int lastQuiet = -1, lastQuietE = -1;
  const u8 *p = b;
  while (p < end) {
    const u8 *nl = p;
    while (nl + 8 <= end) { // eight bytes at a time: any byte equal to '\n'?
      unsigned long long w; __builtin_memcpy(&w, nl, 8); w ^= 0x0a0a0a0a0a0a0a0aULL;
      if ((w - 0x0101010101010101ULL) & ~w & 0x8080808080808080ULL) break;
      nl += 8;
    }
    while (nl < end && *nl != '\n') nl++;
    const u8 *e = nl; if (e > p && e[-1] == '\r') e--;
    lineNo++;
    // trace prefix?
    int trace = 0; const u8 *t = 0;
    if (e - p > 20 && isDigit(*p)) {
      const u8 *pipe = 0; for (const u8 *q = p; q < p + 11 && q < e; q++) if (*q == '|') { pipe = q; break; }
      if (pipe && isDigit(pipe[1])) { for (const u8 *q = pipe; q + 2 < e && q < pipe + 80; q++) if (q[0]==' '&&q[1]==':'&&q[2]==':') { trace = 1; t = q + 3; if (t < e && *t == ' ') t++; break; } }
    }
    if (open_) {
      if (trace) {
        if (!sawStart) { startS = t - b; startE = e - b; sawStart = 1; p = nl + 1; continue; }
        // End of … or any trace line ends the message
        emit(1, msgLine, startS, startE, cseqS, cseqE, flags, headS); open_ = 0;
        if (*t == 'E') { p = nl + 1; continue; }
      } else if (!inBody) {
        if (e == p) { // blank: end of head
          if (clen <= 0) { emit(1, msgLine, startS, startE, cseqS, cseqE, flags, headS); open_ = 0; }
          else { inBody = 1; body = 0; }
        } else {
          int c = lower(*p);
          if (c == 'c' && istarts(p, e, "cseq:")) { const u8 *v = p + 5; while (v < e && *v == ' ') v++; cseqS = v - b; cseqE = e - b; }
          else if (c == 'c' && istarts(p, e, "content-length:")) { const u8 *v = p + 15; while (v < e && *v == ' ') v++; int n = 0; while (v < e && isDigit(*v)) n = n * 10 + (*v++ - '0'); clen = n; }
          else if (c == 'm' && istarts(p, e, "ms-")) flags |= 1;
          else if (c == 'w' && istarts(p, e, "www-authenticate:")) flags |= 2;
          else if (c == 'a' && istarts(p, e, "authorization:")) flags |= 4;
        }
        p = nl + 1; continue;
      } else { body += (nl - p) + 1; if (body >= clen) { emit(1, msgLine, startS, startE, cseqS, cseqE, flags, headS); open_ = 0; } p = nl + 1; continue; }
    }
    if (trace) {
      if ((*t == 'S' && starts(t, e, "Sending Packet")) || (*t == 'D' && starts(t, e, "Data Received"))) {
        open_ = 1; sawStart = 0; inBody = 0; clen = -1; flags = 0; cseqS = cseqE = -1; msgLine = lineNo; headS = nl + 1 - b; p = nl + 1; continue;
      }
      const u8 *lv = t - 4; // level word before " ::"
      if (busy(t, e) || (lv > p && (starts(lv - 3, e, "ERROR") || starts(lv - 2, e, "WARN")))) emit(2, lineNo, p - b, e - b, 0, 0, 0, 0);
      else { lastQuiet = p - b; lastQuietE = e - b; }
    } else if (e > p) emit(2, lineNo, p - b, e - b, 0, 0, 0, 0);
    p = nl + 1;
  }
  if (lastQuiet >= 0) emit(3, 0, lastQuiet, lastQuietE, 0, 0, 0, 0);
  return outN;
}
int line_count(void) { return lineNo; }
