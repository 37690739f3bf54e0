/** A tolerant SIP message parser (RFC 3261 framing, folded lines, compact names): garbage yields an error, never a throw. */

export interface SipHeader {
  /** Name as sent (compact forms expanded by `header`, not here). */
  readonly name: string;
  readonly value: string;
  /** Canonical lower-case name, filled by the parser so lookups never recompute it. */
  readonly canon?: string;
}

export interface SipMessage {
  readonly kind: 'request' | 'response';
  readonly method: string | null;
  readonly requestUri: string | null;
  readonly statusCode: number | null;
  readonly reasonPhrase: string | null;
  readonly headers: readonly SipHeader[];
  readonly body: string;
  /** Content-Length announced more than the text holds. */
  readonly bodyTruncated: boolean;
}

export type SipParseResult = { readonly ok: true; readonly message: SipMessage } | { readonly ok: false; readonly error: string };

export const MAX_HEADERS = 400;
export const MAX_MESSAGE_CHARS = 256 * 1024;

const COMPACT: Readonly<Record<string, string>> = {
  i: 'call-id',
  m: 'contact',
  f: 'from',
  t: 'to',
  v: 'via',
  l: 'content-length',
  c: 'content-type',
  k: 'supported',
  e: 'content-encoding',
  s: 'subject',
  o: 'event',
};

/** An indented line that is a header ("  Via: …"), not a folded continuation ("   proxy=replace;…"). */
const INDENTED_HEADER = /^[ \t]+[A-Za-z][A-Za-z0-9!%*+_.`'~-]{0,63}[ \t]*:(?:[ \t]|$)/;
/** A header run into the status line as published ("SIP/2.0 504 Server time-out Via: SIP/2.0/TLS …"). */
const UTF8 = new TextEncoder();

/** UTF-8 byte length of a string (its character count when it is plain ASCII). */
export function utf8Length(s: string): number {
  return /[^\x00-\x7f]/.test(s) ? UTF8.encode(s).length : s.length;
}

/** The longest prefix of `s` that fits in `n` UTF-8 bytes (never splitting a character). */
function utf8Prefix(s: string, n: number): string {
  let bytes = 0;
  let i = 0;
  // Stryker disable next-line EqualityOperator: one more round at i === s.length reads no character (slice past the end is the whole string)
  while (i < s.length) {
    const cp = s.codePointAt(i) as number;
    const size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    if (bytes + size > n) break;
    bytes += size;
    i += cp > 0xffff ? 2 : 1;
  }
  return s.slice(0, i);
}

const GLUED_HEADER = / (Via|From|To|Call-ID|CSeq|Authentication-Info|WWW-Authenticate|Proxy-Authenticate|Contact|Content-Length|Content-Type|Date|Server|ms-user-logon-data|ms-diagnostics|ms-diagnostics-public|ms-client-diagnostics)[ \t]*: /i;
const REQUEST_LINE = /^([A-Za-z][A-Za-z0-9_.!%*+`'~-]{0,31}) (\S{1,4096}) SIP\/2\.0$/;
const STATUS_LINE = /^SIP\/2\.0 ([1-6]\d\d)(?: (.*))?$/;

/** Lower-case canonical header name (compact forms expanded). */
export function canonicalName(name: string): string {
  const last = name.length - 1;
  // Stryker disable next-line ConditionalExpression: fast path: trimming a name with no blank at either end gives it back unchanged (the trim itself is pinned by " Via" and "Via ")
  const n = (name.charCodeAt(0) <= 32 || name.charCodeAt(last) <= 32 ? name.trim() : name).toLowerCase();
  return n.length === 1 ? (COMPACT[n] ?? n) : n;
}

/** Header-name characters (RFC 3261 token): A-Z a-z 0-9 ! % * + _ . ` ' ~ - */
const TOKEN_CHAR = ((): Uint8Array => {
  const t = new Uint8Array(128);
  for (const ch of "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!%*+_.`'~-") t[ch.charCodeAt(0)] = 1;
  return t;
})();

/** line[0, colon) trimmed, when it is a token (a header name); else null. Same reading as trim + /^[token]+$/, without the regex. */
function tokenName(line: string, colon: number): string | null {
  let a = 0;
  let b = colon;
  // Stryker disable next-line ConditionalExpression,EqualityOperator: the colon at b is no blank, so the scan stops there anyway
  while (a < b && isTrimmed(line.charCodeAt(a))) a++;
  while (b > a && isTrimmed(line.charCodeAt(b - 1))) b--;
  if (a === b) return null;
  for (let i = a; i < b; i++) {
    const c = line.charCodeAt(i);
    // Stryker disable next-line ConditionalExpression,EqualityOperator: spares an out-of-range read only: TOKEN_CHAR[c] is undefined (not 1) for c >= 128 as well
    if (c >= 128) return null;
    if (TOKEN_CHAR[c] !== 1) return null;
  }
  return line.slice(a, b);
}

/** Characters String.prototype.trim removes that can occur before a colon in one line (LF cannot: it ends the line; others fall to the token test). */
function isTrimmed(c: number): boolean {
  return c === 32 || c === 9 || c === 11 || c === 12 || c === 13 || c === 160 || c === 0xfeff || (c >= 0x2000 && c <= 0x200a) || c === 0x1680 || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000;
}

/** True for an empty or all-blank line (no allocation). */
function blankLine(line: string): boolean {
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 13) return false;
  }
  return true;
}

/** Where a SIP start line begins inside a line carrying a prefix ("|SIP/2.0 504 …", "Start-Line: OPTIONS … SIP/2.0", "message=<BYE … SIP/2.0"), or -1. */
export function startLineOffset(line: string): number {
  const st = line.indexOf('SIP/2.0 ');
  // Stryker disable next-line ConditionalExpression: st = -1 slices the last character, never a status line
  if (st >= 0 && STATUS_LINE.test(line.slice(st).trimEnd())) {
    const before = line.charCodeAt(st - 1); // NaN at the line start: no letter or digit
    if (!((before >= 48 && before <= 57) || (before >= 65 && before <= 90) || (before >= 97 && before <= 122))) return st;
  }
  const t = line.trimEnd();
  // Stryker disable next-line ConditionalExpression,StringLiteral: fast path: REQUEST_AT_END needs " SIP/2.0" at the end as well (the test itself is pinned)
  if (!t.endsWith(' SIP/2.0')) return -1;
  const m = REQUEST_AT_END.exec(t);
  return m ? m.index + (m[1] as string).length : -1;
}

const REQUEST_AT_END = /(^|[^A-Za-z0-9_-])[A-Z][A-Z-]{1,31} \S{1,4096} SIP\/2\.0$/;

/** The parts of `line` when it is a SIP request or status line (memoised, shared: read only), else null; `isStartLine` is this !== null. */
export function startLineParts(line: string): StartFields | null {
  // Stryker disable next-line ConditionalExpression,StringLiteral: fast path: startFields finds no start line in others either (the || is pinned)
  return line.startsWith('SIP/2.0 ') || line.endsWith(' SIP/2.0') ? startFields(line) : null;
}

/** True when `line` is a SIP request line or status line. */
export function isStartLine(line: string): boolean {
  return startLineParts(line) !== null;
}

/** A start line's parts (request: method as written, URI; response: status and the reason as written). */
export interface StartFields {
  readonly kind: 'request' | 'response';
  readonly method: string | null;
  readonly requestUri: string | null;
  readonly statusCode: number | null;
  readonly reason: string;
}

/** Start lines repeat all through a trace: their parts are memoised (bounded; keys are flat copies, never slices of a read chunk). */
const START_MEMO = new Map<string, StartFields | null>();

/** The parts of a (trimmed) start line, as STATUS_LINE / REQUEST_LINE read it; null when it is none. */
function startFields(start: string): StartFields | null {
  const known = START_MEMO.get(start);
  // Stryker disable next-line ConditionalExpression: the memo: reading the line again gives the same parts
  if (known !== undefined) return known;
  const status = STATUS_LINE.exec(start);
  const request = status ? null : REQUEST_LINE.exec(start);
  const f: StartFields | null = status
    ? { kind: 'response', method: null, requestUri: null, statusCode: Number(status[1]), reason: status[2] ?? '' }
    : request
      ? { kind: 'request', method: request[1] as string, requestUri: request[2] as string, statusCode: null, reason: '' }
      : null;
  // A wide line is never memoised: its Latin-1 key would be another line's ("SIP/2.0 200\u2020OK" stored as "SIP/2.0 200 OK").
  if (WIDE.test(start)) return f;
  // Stryker disable next-line ConditionalExpression,EqualityOperator,BlockStatement: the length bound only bounds memory: memoising longer lines too, or no line, changes no answer
  if (start.length <= 512) {
    // Stryker disable next-line ConditionalExpression,EqualityOperator: the memo's size bound: clearing it earlier or never changes no answer, only memory
    if (START_MEMO.size >= 4096) START_MEMO.clear();
    START_MEMO.set(flatCopy(start), f === null ? null : { ...f, method: f.method === null ? null : flatCopy(f.method), requestUri: f.requestUri === null ? null : flatCopy(f.requestUri), reason: flatCopy(f.reason) });
  }
  return f;
}

// Stryker disable next-line Regex: only decides which lines are memoised (see startFields), never an answer
const WIDE = /[^\x00-\xff]/;

/** An exact copy of a (Latin-1) string that shares no memory with a bigger one (a slice of a read chunk would keep the chunk alive). */
function flatCopy(s: string): string {
  // Stryker disable next-line ConditionalExpression,EqualityOperator: short strings are not copied (a copy is equal to them anyway: only memory differs)
  return s.length < 13 ? s : Buffer.from(s, 'latin1').toString('latin1');
}

/** Parses one message from text; CRLF, LF and stray CR line ends are all accepted. */
export function parseSipMessage(input: string): SipParseResult {
  if (typeof input !== 'string') return { ok: false, error: 'not text' };
  const text = input.slice(0, MAX_MESSAGE_CHARS); // the text itself when no longer
  let pos = 0;
  const nextLine = (): string | null => {
    // Stryker disable next-line EqualityOperator: one more empty line at the very end is a blank line that ends the headers with an empty body, as the end does
    if (pos >= text.length) return null;
    let end = text.indexOf('\n', pos);
    if (end < 0) end = text.length;
    const stop = text.charCodeAt(end - 1) === 13 ? end - 1 : end; // one slice per line, CR dropped (an empty line: the LF before, never CR)
    const line = text.slice(pos, stop);
    pos = end + 1;
    return line;
  };
  let first = nextLine();
  // Tolerate leading blank lines (keep-alive CRLFs in a stream).
  while (first !== null && first.trim() === '') first = nextLine();
  if (first === null) return { ok: false, error: 'empty message' };
  const start = first.trim();
  const status = STATUS_LINE.exec(start);
  const request = status ? null : REQUEST_LINE.exec(start);
  if (!status && !request) return { ok: false, error: `not a SIP start line: "${start.slice(0, 80)}"` };
  const headers: Array<{ name: string; value: string; canon: string }> = [];
  let complete = false;
  for (;;) {
    const line = nextLine();
    if (line === null) break;
    if (blankLine(line)) {
      complete = true;
      break;
    }
    const c0 = line.charCodeAt(0);
    if ((c0 === 32 || c0 === 9) && !INDENTED_HEADER.test(line)) {
      // RFC 3261 folding; an indented "Name: value" is a header published with a leading space instead.
      const last = headers[headers.length - 1];
      if (last) last.value = `${last.value} ${line.trim()}`.trim();
      continue;
    }
    const colon = line.indexOf(':');
    // Stryker disable next-line EqualityOperator: a colon first gives an empty name, which tokenName refuses as well
    if (colon <= 0) continue; // not a header: skipped, not fatal
    const name = tokenName(line, colon);
    if (name === null) continue;
    if (headers.length >= MAX_HEADERS) break;
    headers.push({ name, value: line.slice(colon + 1).trim(), canon: canonicalName(name) });
  }
  let body = complete ? text.slice(pos) : '';
  let bodyTruncated = false;
  const cl = headers.find((h) => h.canon === 'content-length');
  if (cl) {
    const n = /^\d{1,9}$/.test(cl.value) ? Number(cl.value) : NaN;
    // Stryker disable next-line ConditionalExpression: NaN compares false both ways below
    if (Number.isFinite(n)) {
      // Content-Length counts bytes (RFC 3261 §20.14); the body here is text, so count its UTF-8 bytes.
      const bytes = utf8Length(body);
      // Stryker disable next-line EqualityOperator: the prefix of exactly n bytes is the whole body
      if (bytes > n) body = utf8Prefix(body, n);
      else if (bytes < n) bodyTruncated = true;
    }
  }
  const frozen: SipHeader[] = headers;
  if (status) {
    let reason = (status[2] ?? '').trim();
    const glued = GLUED_HEADER.exec(reason);
    if (glued && headers.length < MAX_HEADERS) {
      const rest = reason.slice(glued.index + 1);
      const colon = rest.indexOf(':');
      const gluedName = rest.slice(0, colon).trim();
      frozen.unshift({ name: gluedName, value: rest.slice(colon + 1).trim(), canon: canonicalName(gluedName) });
      reason = reason.slice(0, glued.index).trim();
    }
    return {
      ok: true,
      message: { kind: 'response', method: null, requestUri: null, statusCode: Number(status[1]), reasonPhrase: reason, headers: frozen, body, bodyTruncated },
    };
  }
  const r = request as RegExpExecArray;
  return {
    ok: true,
    message: { kind: 'request', method: (r[1] as string).toUpperCase(), requestUri: r[2] as string, statusCode: null, reasonPhrase: null, headers: frozen, body, bodyTruncated },
  };
}

/** Canonical names `parseSipHead` keeps by default: what the log analyzer reads from every message. */
export const HEAD_NAMES: ReadonlySet<string> = new Set(['cseq', 'ms-diagnostics', 'ms-diagnostics-public', 'x-ms-diagnostics', 'ms-client-diagnostics', 'www-authenticate', 'proxy-authenticate', 'authorization', 'proxy-authorization', 'authentication-info']);

/**
 * A name set made for matching in place: its names by length (only names of header-name characters that
 * `|0x20` lower-cases exactly: a-z, 0-9, "." and "-"), whether one stands for a compact form (then a one-letter
 * name is read the slow way) and whether a name is of other characters (then every name is).
 */
interface NameTable {
  readonly byLength: ReadonlyArray<readonly string[] | undefined>;
  readonly compact: boolean;
  readonly other: boolean;
}

const TABLES = new WeakMap<ReadonlySet<string>, NameTable>();

function tableOf(names: ReadonlySet<string>): NameTable {
  return TABLES.get(names) ?? newTable(names);
}

function newTable(names: ReadonlySet<string>): NameTable {
  // Stryker disable next-line ArrayDeclaration: byLength[0] is never a match that counts: an empty name is refused whatever it matched
  const byLength: string[][] = [];
  // Stryker disable next-line BooleanLiteral: fast path only: every name read the slow way (canonicalName) gives the same headers
  let other = false;
  for (const n of names) {
    if (Object.hasOwn(COMPACT, n)) continue; // "i" is always read as call-id: never a canonical name
    // the empty name fails the "+" too
    if (!/^[a-z0-9.-]+$/.test(n)) {
      other = true;
      continue;
    }
    // Stryker disable next-line ArrayDeclaration: an added candidate with a capital never matches (`|0x20` lower-cases the text)
    (byLength[n.length] ??= []).push(n);
  }
  const t = { byLength, compact: Object.values(COMPACT).some((c) => names.has(c)), other };
  TABLES.set(names, t);
  return t;
}

/** The wanted canonical name text[a, a + len) spells (case-insensitively), or null; no string is made. */
function matchName(text: string, a: number, len: number, t: NameTable): string | null {
  const cands = t.byLength[len];
  if (cands === undefined) return null;
  for (const c of cands) {
    let i = 0;
    // `|0x20` also maps controls onto "-", "." and digits (CR onto "-"), which are no header-name characters:
    // such a "match" is refused by the token test every name passes after this. c.charCodeAt(len) is NaN, which
    // equals nothing: the scan stops at the candidate's end at the latest
    while ((text.charCodeAt(a + i) | 0x20) === c.charCodeAt(i)) i++;
    if (i === len) return c;
  }
  return null;
}

/**
 * The start line and only the headers named in `names` (canonical) of a message,
 * each exactly as `parseSipMessage` reads it (same framing, folding, header limit and glued status-line
 * header), without building the others; `body` is always empty. `known`: the parts `startLineParts` gave for
 * the text's first line (a start line with no line break inside), which is then not read again. The log analyzer's hot path: it reads a few
 * headers of every message. test/unit/main/logs/speed-equivalence.test.ts checks it against parseSipMessage.
 */
export function parseSipHead(input: string, names: ReadonlySet<string> = HEAD_NAMES, known?: StartFields): SipParseResult {
  if (typeof input !== 'string') return { ok: false, error: 'not text' };
  const text = input.slice(0, MAX_MESSAGE_CHARS); // the text itself when no longer
  const table = tableOf(names);
  const n = text.length;
  // Nothing folded (no line begins with a space or tab) and too short for MAX_HEADERS header lines (each takes
  // 3 characters or more): then which other lines are headers changes nothing, and they are passed over unread.
  // Stryker disable next-line StringLiteral,ArithmeticOperator: both only turn the fast path off (an empty string is always found; 3 / MAX_HEADERS is below every length), which reads the same headers
  const quick = n < 3 * MAX_HEADERS && text.indexOf('\n ') < 0 && text.indexOf('\n\t') < 0;
  let pos = 0;
  let sf: StartFields | null;
  if (known !== undefined) {
    // the caller read the first line already (startLineParts of exactly that line, no line break in it)
    // Stryker disable next-line StringLiteral: from its second character a start line is still no header line (a blank comes before any colon in it)
    const nl = text.indexOf('\n');
    pos = nl < 0 ? n : nl + 1;
    sf = known;
  } else {
    let first: string | null = null;
    while (pos < n) {
      let end = text.indexOf('\n', pos);
      if (end === -1) end = n;
      const from = pos;
      pos = end + 1;
      // a CR before the LF is trimmed like any blank: the line is read up to the LF
      if (!rangeTrimsEmpty(text, from, end)) {
        first = text.slice(from, end); // leading blank lines are tolerated, as in parseSipMessage
        break;
      }
    }
    if (first === null) return { ok: false, error: 'empty message' };
    const start = first.trim();
    sf = startFields(start);
    if (sf === null) return { ok: false, error: `not a SIP start line: "${start.slice(0, 80)}"` };
  }
  const headers: Array<{ name: string; value: string; canon: string }> = [];
  let count = 0; // every header the full parse would keep (the MAX_HEADERS limit counts them all)
  let lastKept = false;
  while (pos < n) {
    let end = text.indexOf('\n', pos);
    if (end === -1) end = n;
    const stop = text.charCodeAt(end - 1) === 13 ? end - 1 : end; // empty line: the LF before, never CR
    const from = pos;
    pos = end + 1;
    if (blankRange(text, from, stop)) break;
    const c0 = text.charCodeAt(from);
    if ((c0 === 32 || c0 === 9) && !INDENTED_HEADER.test(text.slice(from, stop))) {
      if (lastKept) {
        const last = headers[headers.length - 1] as { value: string };
        last.value = `${last.value} ${text.slice(from, stop).trim()}`.trim();
      }
      continue;
    }
    const colon = text.indexOf(':', from);
    // Stryker disable next-line EqualityOperator: indexOf from `from` is never below it (a colon at `from` gives an empty name, refused below) and text[stop] is CR, LF or the end, never the colon
    if (colon <= from || colon >= stop) continue;
    let a = from;
    let b = colon;
    // Stryker disable next-line ConditionalExpression,EqualityOperator: the colon at b is no blank, so the scan stops there anyway
    while (a < b && isTrimmed(text.charCodeAt(a))) a++;
    while (b > a && isTrimmed(text.charCodeAt(b - 1))) b--;
    const len = b - a;
    // a compact letter is in no table (tableOf): it matches nothing and is read the slow way below
    let canon = matchName(text, a, len, table);
    if (canon === null && quick && !table.other && !(len === 1 && table.compact)) continue;
    if (a === b || !tokenRange(text, a, b)) continue;
    if (count >= MAX_HEADERS) break;
    count++;
    lastKept = false;
    if (canon === null) {
      if (!table.other && !(len === 1 && table.compact)) continue;
      canon = canonicalName(text.slice(a, b));
      if (!names.has(canon)) continue;
    }
    headers.push({ name: text.slice(a, b), value: text.slice(colon + 1, stop).trim(), canon });
    lastKept = true;
  }
  const frozen: SipHeader[] = headers;
  if (sf.kind === 'response') {
    let reason = sf.reason.trim();
    const glued = GLUED_HEADER.exec(reason);
    if (glued && count < MAX_HEADERS) {
      const rest = reason.slice(glued.index + 1);
      const colon = rest.indexOf(':');
      const gluedName = rest.slice(0, colon).trim();
      const canon = canonicalName(gluedName);
      if (names.has(canon)) frozen.unshift({ name: gluedName, value: rest.slice(colon + 1).trim(), canon });
      reason = reason.slice(0, glued.index).trim();
    }
    return { ok: true, message: { kind: 'response', method: null, requestUri: null, statusCode: sf.statusCode, reasonPhrase: reason, headers: frozen, body: '', bodyTruncated: false } };
  }
  return { ok: true, message: { kind: 'request', method: (sf.method as string).toUpperCase(), requestUri: sf.requestUri, statusCode: null, reasonPhrase: null, headers: frozen, body: '', bodyTruncated: false } };
}

/** True for an empty or all-blank (space, tab, CR) range of text. */
function blankRange(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 13) return false;
  }
  return true;
}

/** True when text[from, to) is all characters String.prototype.trim removes. */
function rangeTrimsEmpty(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!isTrimmed(text.charCodeAt(i))) return false;
  return true;
}

/** True when text[a, b) is all header-name characters. */
function tokenRange(text: string, a: number, b: number): boolean {
  for (let i = a; i < b; i++) {
    const c = text.charCodeAt(i);
    // Stryker disable next-line ConditionalExpression,EqualityOperator: spares an out-of-range read only: TOKEN_CHAR[c] is undefined (not 1) for c >= 128 as well
    if (c >= 128) return false;
    if (TOKEN_CHAR[c] !== 1) return false;
  }
  return true;
}

/** Every value of a header (compact names included), in order. */
export function headerValues(msg: Pick<SipMessage, 'headers'>, name: string): string[] {
  const want = canonicalName(name);
  const out: string[] = [];
  for (const h of msg.headers) if ((h.canon ?? canonicalName(h.name)) === want) out.push(h.value);
  return out;
}

/** Canonical names of a header list (the parser's, else computed): header lookups are the analyzer's hot path. */
export function canonicalNames(headers: readonly SipHeader[]): string[] {
  // Stryker disable next-line ArrayDeclaration: sized ahead for speed only; an empty array filled by index gives the same list
  const names: string[] = new Array<string>(headers.length);
  for (let i = 0; i < headers.length; i++) {
    const h = headers[i] as SipHeader;
    names[i] = h.canon ?? canonicalName(h.name);
  }
  return names;
}

/** The first value of a header, or null. */
export function header(msg: Pick<SipMessage, 'headers'>, name: string): string | null {
  const want = canonicalName(name);
  for (const h of msg.headers) if ((h.canon ?? canonicalName(h.name)) === want) return h.value;
  return null;
}

/** CSeq split into number and method. */
export function cseqOf(msg: Pick<SipMessage, 'headers'>): { seq: number | null; method: string | null } {
  const v = header(msg, 'cseq');
  const m = v ? /^(\S{1,16})\s+([A-Za-z-]+)/.exec(v) : null;
  if (!m) return { seq: null, method: null };
  // a number that is not one (a template's "%d") keeps the method: the answer still belongs to that method
  return { seq: /^\d{1,10}$/.test(m[1] as string) ? Number(m[1]) : null, method: (m[2] as string).toUpperCase() };
}

/**
 * Splits a header list value on commas outside quotes and angle brackets
 * (Contact: <sip:a>;q=1, <sip:b>).
 */
export function splitList(value: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quote = false;
  let angle = 0;
  for (let i = 0; i < value.length; i++) {
    const ch = value[i] as string;
    if (quote) {
      cur += ch;
      if (ch === '\\' && i + 1 < value.length) cur += value[++i];
      else if (ch === '"') quote = false;
      continue;
    }
    if (ch === '"') quote = true;
    else if (ch === '<') angle++;
    else if (ch === '>' && angle > 0) angle--;
    else if (ch === ',' && angle === 0) {
      if (cur.trim()) out.push(cur.trim());
      cur = '';
      continue;
    }
    cur += ch;
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}

/**
 * Extracts host and port from a SIP URI or Contact value ("<sip:pool2.contoso.com:5061;transport=tls>").
 * The user part may hold ';' (RFC 3261 §25.1 user-unreserved); '@' never follows the host, so the last '@' ends it.
 */
export function uriHostPort(value: string): { host: string; port: number | null; transport: string | null } | null {
  const m = /sips?:(?:[^@<>\s]*@)?(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+)(?::(\d{1,5}))?([^>\s,]*)/i.exec(value);
  if (!m) return null;
  const host = (m[1] as string).replace(/[[\]]/g, '').toLowerCase(); // the brackets of an IPv6 literal, only ever at its ends
  if (!host || host.length > 253) return null;
  const port = Number(m[2]); // NaN when there is none: no port
  const t = /;transport=([A-Za-z]+)/i.exec(m[3] as string); // the group always takes part (maybe empty)
  return { host, port: port > 0 && port < 65536 ? port : null, transport: t ? (t[1] as string).toLowerCase() : null };
}
