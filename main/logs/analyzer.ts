/** Line-by-line analysis of client traces (pure, bounded memory): SIP messages, ms-diagnostics, web calls, HRESULTs. */
import type { DiagnosticCount, LoggedError, LoggedSipMessage, LoggedWebCall, LogsSection, WebCallKind } from '../model/logs';
import type { MsDiagnostic } from '../model/sip';
import { challengesOf, credentialsScheme, normaliseScheme } from '../sip/auth';
import { diagnosticsOf, parseDiagnosticValue, type MsDiagnosticsTable } from '../sip/ms-diagnostics';
import { cseqOf, header, headerValues, isStartLine, parseSipMessage, splitList } from '../sip/parse';
import { isEndMarker, packetMarker, splitTraceLine, type TraceLine } from './trace-line';

export const MAX_KEPT_REGISTER = 300;
export const MAX_KEPT_FAILURES = 200;
export const MAX_WEB_CALLS = 300;
export const MAX_ERROR_CODES = 200;
export const MAX_DIAGNOSTIC_KEYS = 300;
export const MAX_MESSAGE_LINES = 2000;
export const MAX_MESSAGE_CHARS = 128 * 1024;

/** HRESULT names the research sources give. */
export const HRESULT_NAMES: Readonly<Record<string, string>> = {
  C3E93EE4: 'SIP_E_AUTH_NTLMMISMATCH',
  C3E93EC3: 'SIP_E_AUTH_UNAUTHORIZED',
};

interface OpenMessage {
  readonly file: string;
  readonly line: number;
  readonly timestamp: string | null;
  readonly direction: LoggedSipMessage['direction'];
  readonly peer: string | null;
  readonly marked: boolean;
  lines: string[];
  chars: number;
  sawStart: boolean;
  headerDone: boolean;
  contentLength: number | null;
  bodyChars: number;
  junk: number;
}

/** A bounded ring: keeps the last `max` items, counts the evicted. */
class Ring<T> {
  items: T[] = [];
  dropped = 0;
  constructor(private readonly max: number) {}
  push(x: T): void {
    this.items.push(x);
    if (this.items.length > this.max * 2) {
      const cut = this.items.length - this.max;
      this.items = this.items.slice(cut);
      this.dropped += cut;
    }
  }
  values(): T[] {
    if (this.items.length > this.max) {
      this.dropped += this.items.length - this.max;
      this.items = this.items.slice(this.items.length - this.max);
    }
    return this.items;
  }
}

const URL_RE = /https?:\/\/[^\s"'<>]+/gi;
const STATUS_RE = /\b(?:HTTP\/1\.[01]\s+|status\s*code\s*[:=]?\s*|statuscode\s*[:=]\s*|http status\s*[:=]?\s*)([1-5]\d\d)\b/i;
const HRESULT_RE = /(?:0x|\bhr\s*[=:]\s*(?:0x)?|\bhresult\s*[=:]\s*(?:0x)?|\bstatus\s*=\s*0x)([89a-fA-F][0-9a-fA-F]{7})\b/;
const HR_HINT = /\bhr\s*[=:]|hresult/i;
const MSDIAG_INLINE = /\b(ms-diagnostics(?:-public)?|x-ms-diagnostics)\s*:\s*(\d{1,9}\s*;.*)$/i;

/**
 * A flat copy of a string. Substrings of a read chunk are "sliced strings" in V8 that keep the whole chunk
 * alive; everything this analyzer keeps beyond the current line goes through here, so memory stays bounded.
 */
export function detach(s: string): string {
  return s.length < 13 ? s : s.split('').join('');
}

export function webCallKind(url: string): WebCallKind | null {
  if (/\/certprov\//i.test(url)) return 'cert-provisioning';
  if (/\/webticket\//i.test(url)) return 'web-ticket';
  if (/lyncdiscover|\/autodiscover\//i.test(url)) return 'autodiscover';
  return null;
}

/** Feed lines in order with `line(text, no)`; `section()` returns the findings so far. */
export class LogAnalyzer {
  private file = '';
  private open: OpenMessage | null = null;
  private readonly registers = new Ring<{ seq: number; msg: LoggedSipMessage }>(MAX_KEPT_REGISTER);
  private readonly failures = new Ring<{ seq: number; msg: LoggedSipMessage }>(MAX_KEPT_FAILURES);
  private seq = 0;
  private readonly counts = new Map<string, number>();
  private readonly diags = new Map<string, { diagnostic: MsDiagnostic; count: number; firstFile: string; firstLine: number; statusCode: number | null; cseqMethod: string | null }>();
  private readonly web: LoggedWebCall[] = [];
  private droppedWeb = 0;
  private readonly errors = new Map<string, { hresult: string; name: string | null; count: number; firstLine: number; firstFile: string; firstTimestamp: string | null; sample: string }>();
  private readonly offered = new Set<string>();
  private readonly used = new Set<string>();
  private firstTrace: TraceLine | null = null;
  private lastTrace: TraceLine | null = null;

  /** Timestamp of the current file's first and last trace lines. */
  get firstTimestamp(): string | null {
    return this.firstTrace?.timestamp ?? null;
  }
  get lastTimestamp(): string | null {
    return this.lastTrace?.timestamp ?? null;
  }

  constructor(private readonly table: MsDiagnosticsTable) {}

  /** Starts a new file (closes any message left open by the previous one). */
  beginFile(file: string): void {
    this.flush();
    this.file = file;
    this.firstTrace = null;
    this.lastTrace = null;
  }

  /** Ends the current file: a message cut off by the end of the file is still recorded. */
  endFile(): void {
    this.flush();
  }

  line(raw: string, no: number): void {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const trace = splitTraceLine(line);
    if (trace) {
      this.firstTrace ??= trace;
      this.lastTrace = trace;
    }
    const m = this.open;
    if (m) {
      if (trace) {
        if (isEndMarker(trace.text)) {
          this.flush();
          return;
        }
        if (!m.sawStart && isStartLine(trace.text)) {
          this.append(m, trace.text);
          m.sawStart = true;
          return;
        }
        this.flush(); // a new trace entry ends the message
      } else {
        if (!m.sawStart) {
          const t = line.trim();
          if (isStartLine(t)) {
            this.append(m, t);
            m.sawStart = true;
          } else if (t !== '' && ++m.junk > 2) this.open = null; // marker not followed by SIP: drop it
          return;
        }
        if (m.headerDone && !m.marked && isStartLine(line)) this.flush();
        else {
          this.continueMessage(m, line);
          return;
        }
      }
    }
    const text = trace ? trace.text : line;
    if (trace) {
      const pm = packetMarker(text);
      if (pm) {
        this.open = this.newMessage(no, trace.timestamp, pm.direction, pm.peer === null ? null : detach(pm.peer), true);
        return;
      }
    }
    if (isStartLine(text)) {
      const msg = this.newMessage(no, trace?.timestamp ?? null, 'unknown', null, false);
      this.append(msg, text);
      msg.sawStart = true;
      this.open = msg;
      return;
    }
    this.scanText(text, no, trace);
  }

  private newMessage(no: number, timestamp: string | null, direction: LoggedSipMessage['direction'], peer: string | null, marked: boolean): OpenMessage {
    return { file: this.file, line: no, timestamp, direction, peer, marked, lines: [], chars: 0, sawStart: false, headerDone: false, contentLength: null, bodyChars: 0, junk: 0 };
  }

  private append(m: OpenMessage, line: string): void {
    if (m.lines.length >= MAX_MESSAGE_LINES || m.chars >= MAX_MESSAGE_CHARS) return;
    m.lines.push(line);
    m.chars += line.length + 2;
  }

  private continueMessage(m: OpenMessage, line: string): void {
    if (!m.headerDone) {
      if (line.trim() === '') {
        m.headerDone = true;
        if (m.contentLength === 0 || (m.contentLength === null && !m.marked)) this.flush();
        else this.append(m, '');
        return;
      }
      const cl = /^(?:content-length|l)\s*:\s*(\d{1,9})\s*$/i.exec(line);
      if (cl) m.contentLength = Number(cl[1]);
      this.append(m, line);
      return;
    }
    this.append(m, line);
    m.bodyChars += line.length + 2;
    if (m.contentLength !== null && m.bodyChars >= m.contentLength) this.flush();
  }

  private bump(key: string): void {
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  /** Parses the open message (if any) and records it. */
  private flush(): void {
    const m = this.open;
    this.open = null;
    if (!m || !m.sawStart) return;
    const parsed = parseSipMessage(`${m.lines.join('\r\n')}\r\n${m.headerDone ? '' : '\r\n'}`);
    if (!parsed.ok) return;
    const msg = parsed.message;
    const cseq = cseqOf(msg);
    const diagnostics = diagnosticsOf(msg, this.table);
    const challenges = msg.kind === 'response' ? challengesOf(msg) : [];
    const creds = msg.kind === 'request' ? credentialsScheme(msg) : null;
    const logged: LoggedSipMessage = {
      file: m.file,
      line: m.line,
      timestamp: m.timestamp,
      direction: m.direction,
      peer: m.peer,
      kind: msg.kind,
      method: msg.method,
      requestUri: msg.requestUri,
      statusCode: msg.statusCode,
      reasonPhrase: msg.reasonPhrase,
      callId: header(msg, 'call-id'),
      cseq: cseq.seq,
      cseqMethod: cseq.method,
      from: header(msg, 'from'),
      credentialsScheme: creds,
      challenges,
      diagnostics,
      contacts: headerValues(msg, 'contact').flatMap(splitList).slice(0, 8),
      date: header(msg, 'date'),
    };
    this.bump(msg.kind === 'request' ? (msg.method as string) : `${cseq.method ?? '?'} ${msg.statusCode}`);
    for (const c of challenges) this.offered.add(normaliseScheme(c.scheme));
    if (creds) this.used.add(creds);
    for (const d of diagnostics) this.countDiagnostic(d, m.file, m.line, msg.statusCode, cseq.method);
    const isRegister = msg.method === 'REGISTER' || cseq.method === 'REGISTER';
    const code = msg.statusCode ?? 0;
    if (isRegister) this.registers.push({ seq: this.seq++, msg: logged });
    else if (code >= 300 && code !== 401 && code !== 407) this.failures.push({ seq: this.seq++, msg: logged });
  }

  private countDiagnostic(d: MsDiagnostic, file: string, line: number, statusCode: number | null, cseqMethod: string | null): void {
    const key = `${d.header}|${d.code ?? d.raw.slice(0, 40)}`;
    const cur = this.diags.get(key);
    if (cur) cur.count++;
    else if (this.diags.size < MAX_DIAGNOSTIC_KEYS) this.diags.set(key, { diagnostic: d, count: 1, firstFile: file, firstLine: line, statusCode, cseqMethod });
  }

  /** Outside SIP messages: web-service URLs, HRESULTs, inline ms-diagnostics. */
  private scanText(text: string, no: number, trace: TraceLine | null): void {
    const level = trace?.level ?? null;
    if (text.includes('http')) {
      URL_RE.lastIndex = 0;
      for (const u of text.matchAll(URL_RE)) {
        const url = u[0].replace(/[),.;\]]+$/, '');
        const kind = webCallKind(url);
        if (!kind) continue;
        if (this.web.length >= MAX_WEB_CALLS) {
          this.droppedWeb++;
          continue;
        }
        const st = STATUS_RE.exec(text);
        this.web.push({ file: this.file, line: no, timestamp: trace?.timestamp ?? null, kind, url: detach(url.slice(0, 500)), httpStatus: st ? Number(st[1]) : null, text: detach(text.slice(0, 300)) });
      }
    }
    const diag = text.includes('iagnostics') ? MSDIAG_INLINE.exec(text) : null;
    if (diag) {
      const kind = (diag[1] as string).toLowerCase() as MsDiagnostic['header'];
      this.countDiagnostic(parseDiagnosticValue(detach(diag[2] as string), kind, this.table), this.file, no, null, null);
    }
    if (level === 'ERROR' || level === 'WARN' || level === 'WARNING' || text.includes('0x') || HR_HINT.test(text)) {
      const h = HRESULT_RE.exec(text);
      if (!h) return;
      const hresult = `0x${(h[1] as string).toUpperCase()}`;
      const cur = this.errors.get(hresult);
      if (cur) cur.count++;
      else if (this.errors.size < MAX_ERROR_CODES) {
        this.errors.set(hresult, { hresult, name: HRESULT_NAMES[hresult.slice(2)] ?? null, count: 1, firstLine: no, firstFile: this.file, firstTimestamp: trace?.timestamp ?? null, sample: detach(text.slice(0, 300)) });
      }
    }
  }

  /** Everything found so far, as the Snapshot's logs section (files filled in by the reader). */
  section(files: LogsSection['files']): LogsSection {
    this.flush();
    const messages = [...this.registers.values(), ...this.failures.values()].sort((a, b) => a.seq - b.seq).map((x) => x.msg);
    const diagnostics: DiagnosticCount[] = [...this.diags.values()].map((d) => ({ ...d }));
    const errors: LoggedError[] = [...this.errors.values()].map((e) => ({ ...e }));
    return {
      files,
      messages,
      droppedMessages: this.registers.dropped + this.failures.dropped,
      counts: Object.fromEntries([...this.counts.entries()].sort((a, b) => b[1] - a[1]).slice(0, 100)),
      diagnostics,
      webCalls: [...this.web],
      droppedWebCalls: this.droppedWeb,
      errors,
      schemesOffered: [...this.offered],
      schemesUsed: [...this.used],
    };
  }
}
