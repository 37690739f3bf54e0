/** Line-by-line analysis of client traces (pure, bounded memory): SIP messages, ms-diagnostics, web calls, HRESULTs. */
import type { DiagnosticCount, LoggedError, LoggedSipMessage, LoggedWebCall, LogsSection, WebCallKind } from '../model/logs';
import type { MsDiagnostic } from '../model/sip';
import { challengesOf, credentialsScheme, normaliseScheme } from '../sip/auth';
import { diagnosticsOf, parseDiagnosticValue, type MsDiagnosticsTable } from '../sip/ms-diagnostics';
import { hresultName, hresultsOnLine } from '../sip/hresults';
import { cseqOf, header, headerValues, isStartLine, parseSipHead, parseSipMessage, splitList, startLineOffset, startLineParts, utf8Length, HEAD_NAMES, type SipMessage, type StartFields } from '../sip/parse';
import { isEndMarker, packetMarker, splitTraceLine, uccTimestamp, type TraceLine } from './trace-line';
import { Ring } from './ring';

export const MAX_KEPT_REGISTER = 300;
export const MAX_KEPT_FAILURES = 200;
export const MAX_WEB_CALLS = 300;
export const MAX_ERROR_CODES = 200;
export const MAX_DIAGNOSTIC_KEYS = 300;
export const MAX_MESSAGE_LINES = 2000;
export const MAX_MESSAGE_CHARS = 128 * 1024;

export { HRESULT_NAMES } from '../sip/hresults';

/** A server-side CLS / OCSLogger entry ("TL_INFO(TF_PROTOCOL) … $$begin_record" up to "$$end_record"). */
interface ClsEntry {
  readonly protocol: boolean;
  readonly timestamp: string | null;
  direction: LoggedSipMessage['direction'];
  peer: string | null;
}

const CLS_TS = /(\d{2})\/(\d{2})\/(\d{4})-(\d{2}:\d{2}:\d{2}\.\d{3})/;

function clsTimestamp(line: string): string | null {
  const m = CLS_TS.exec(line);
  return m ? `${m[3]}-${m[1]}-${m[2]}T${m[4]}` : null;
}

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
  /** The start line's parts when it was read in place (it is then `lines[0]`). */
  start: StartFields | null;
}

const URL_RE = /https?:\/\/[^\s"'<>]+/gi;
// ("status code" covers "statuscode" too)
const STATUS_RE = /\b(?:HTTP\/1\.[01]\s+|status\s*code\s*[:=]?\s*|http status\s*[:=]?\s*)([1-5]\d\d)\b/i;
/** An HRESULT written without "0x" after "hr=" / "hresult:", any case (those with "0x" are hresultsOnLine's, which scanText asks first). */
const HRESULT_RE = /\b(?:hr|hresult)\s*[=:]\s*([89a-f][0-9a-f]{7})\b/i;
const HR_HINT = /\bhr\s*[=:]|hresult/i;
const MSDIAG_INLINE = /\b(ms-diagnostics(?:-public)?|x-ms-diagnostics|ms-client-diagnostics)\s*:\s*(\d{1,9}\s*;.*)/is; // (the value runs to the line's end, U+2028 included)
const ESCAPED_EOL = /#015#012|#015 ?|#012/g;

/** True for an empty or all-blank line, without allocating (hot path). */
function isBlank(line: string): boolean {
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c !== 32 && c !== 9) return false; // (no CR: `line` splits lines at every CR)
  }
  return true;
}

/**
 * A flat copy of a string. Substrings of a read chunk are "sliced strings" in V8 that keep the whole chunk
 * alive; everything this analyzer keeps beyond the current line goes through here, so memory stays bounded.
 */
// Stryker disable all: detach changes how a string is held in memory (a flat copy, interned), never its value: every mutant
// here answers an equal string (only more or less memory is kept; V8 makes no sliced string under 13 characters)
export function detach(s: string): string {
  if (s.length < 13) return s;
  if (s.length > 256) return Buffer.from(s, 'utf8').toString('utf8');
  const hit = INTERN.get(s); // short values (peers, URLs) repeat: one flat copy each
  if (hit !== undefined) return hit;
  const flat = Buffer.from(s, 'utf8').toString('utf8');
  if (INTERN.size >= 4096) INTERN.clear();
  INTERN.set(flat, flat);
  return flat;
}
// Stryker restore all

const INTERN = new Map<string, string>();

/** Strings the fast path looks for, by index (see LogAnalyzer.lineAt): CR, syslog escapes, the trace separator. */
const TOKENS = ['\r', '#01', ' ::'] as const;
const T_CR = 0;
const T_ESC = 1;
const T_SEP = 2;

/**
 * True when trace text[from, to) holds nothing `scanText` or `one` would act on: no "SIP/2.0", "http"/"HTTP"/"Http",
 * "iagnostics"/"IAGNOSTICS", "hr" in any case, and no "0x" followed by 8-9/a-f/A-F (the start of an HRESULT).
 */
export function quietText(text: string, from: number, to: number): boolean {
  return !BUSY.test(text.slice(from, to)); // one compiled regex beats a JS character loop here (measured)
}

const BUSY = /[hH][rR]|http|HTTP|Http|0x[89a-fA-F]|iagnostics|IAGNOSTICS|SIP\/2\.0/;

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
/**
 * `map`'s value for `key`, made once by `make` (values that repeat: keys, memoised parses); the map is emptied
 * when it holds `max` entries, so memory stays bounded. A key must not be a slice of a read chunk (see detach).
 */
function memo<K, V>(map: Map<K, V>, key: K, max: number, make: () => V): V {
  const hit = map.get(key);
  if (hit !== undefined) return hit;
  const v = make();
  // Stryker disable next-line ConditionalExpression,EqualityOperator: when the memo is emptied changes memory use, not results
  if (map.size >= max) map.clear();
  map.set(key, v);
  return v;
}

/** Per (shared, memoised) diagnostic object: its HRESULT attribute. A bounded strong map: WeakMaps cost the GC dearly here. */
const HR_ATTR = new Map<MsDiagnostic, { hr: string; written: string | null } | null>();

/** The HRESULT attribute of a diagnostic ("0x80090322(SEC_E_WRONG_PRINCIPAL)"), memoised per (shared) diagnostic. */
function hresultAttribute(d: MsDiagnostic): { hr: string; written: string | null } | null {
  return memo(HR_ATTR, d, 1024, () => {
    for (const k in d.attributes) {
      if (k.toLowerCase() !== 'hresult') continue;
      const hm = /^(?:0x)?([0-9a-fA-F]{8})\s*(?:\(\s*([A-Za-z0-9_]+)\s*\))?/.exec(d.attributes[k] as string); // (parseDiagnosticValue trims values)
      return hm ? { hr: `0x${(hm[1] as string).toUpperCase()}`, written: hm[2] ?? null } : null; // the first HRESULT attribute
    }
    return null;
  });
}

export function webCallKind(url: string): WebCallKind | null {
  if (/\/certprov\//i.test(url)) return 'cert-provisioning';
  if (/\/webticket\//i.test(url)) return 'web-ticket';
  if (/lyncdiscover|\/autodiscover\//i.test(url)) return 'autodiscover';
  return null;
}

/** Contact values (split into single contacts, at most 8). */
function contactsOf(msg: Parameters<typeof headerValues>[0]): string[] {
  return headerValues(msg, 'contact').flatMap(splitList).slice(0, 8);
}

/** CSeq split into number and method (cseqOf's answer). */
type CSeqParts = { seq: number | null; method: string | null };

const NO_CSEQ: CSeqParts = Object.freeze({ seq: null, method: null });

/** CSeq values repeat ("1 REGISTER"): cseqOf's split of a value is memoised (bounded; shared results, read only). */
const CSEQ_MEMO = new Map<string, CSeqParts>();

function cseqMemo(value: string, msg: SipMessage): CSeqParts {
  // Stryker disable next-line ConditionalExpression,EqualityOperator: long (odd) values are not memoised, to bound memory: the answer is cseqOf's either way
  if (value.length > 64) return cseqOf(msg);
  return memo(CSEQ_MEMO, detach(value), 4096, () => cseqOf(msg));
}

/** A kept REGISTER or failure: its record is built only when `section()` asks (most are evicted before that). */
interface Kept {
  readonly seq: number;
  readonly m: OpenMessage;
  /** The parse (parseSipHead's in the fast reading: the record parses `joined` whole). */
  readonly msg: SipMessage;
  readonly joined: string;
  readonly cseq: CSeqParts;
  readonly creds: string | null;
  readonly challenges: LoggedSipMessage['challenges'];
  readonly diagnostics: MsDiagnostic[];
  readonly authInfoScheme: string | null;
  built: LoggedSipMessage | null;
}

/** The kept message's record; `whole`: `msg` is the whole parse already. */
function logged(k: Kept, whole: boolean): LoggedSipMessage {
  const { m, msg, joined, cseq } = k;
  const full = whole ? msg : (parseSipMessage(joined) as { ok: true; message: SipMessage }).message; // same start line: parses too
  return {
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
    callId: header(full, 'call-id'),
    cseq: cseq.seq,
    cseqMethod: cseq.method,
    from: header(full, 'from'),
    credentialsScheme: k.creds,
    challenges: k.challenges,
    diagnostics: k.diagnostics,
    contacts: contactsOf(full),
    date: header(full, 'date'),
    authInfoScheme: k.authInfoScheme,
    startLine: joined.slice(0, Math.min(300, joined.indexOf('\r'))),
  };
}

/** The count key of a response ("REGISTER 401"), one string per method and code. */
const RESPONSE_KEYS = new Map<string | null, Map<number, string>>();

function responseKey(method: string | null, code: number): string {
  const byCode = memo(RESPONSE_KEYS, method === null ? null : detach(method), 256, () => new Map<number, string>());
  return memo(byCode, code, 1000, () => `${method ?? '?'} ${code}`); // (status codes are 100-699)
}

/** The count key of a diagnostic, memoised per (shared, memoised) diagnostic object. */
const DIAG_KEYS = new Map<MsDiagnostic, string>();

function diagnosticKey(d: MsDiagnostic): string {
  return memo(DIAG_KEYS, d, 1024, () => `${d.header}|${d.code ?? d.raw.slice(0, 40)}`);
}

/** Feed lines in order with `line(text, no)`; `section()` returns the findings so far. */
export class LogAnalyzer {
  private file = '';
  private open: OpenMessage | null = null;
  /** Kept messages; each record is built only when `section()` asks (most are evicted before that). */
  private readonly registers = new Ring<Kept>(MAX_KEPT_REGISTER);
  private readonly failures = new Ring<Kept>(MAX_KEPT_FAILURES);
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
  private cls: ClsEntry | null = null;
  /** HRESULTs already counted for the current event (one trace entry or CLS record): each event counts once. */
  private eventSeen = new Set<string>();

  /** Timestamp of the current file's first and last trace lines. */
  get firstTimestamp(): string | null {
    return this.firstTrace?.timestamp ?? null;
  }
  get lastTimestamp(): string | null {
    if (this.pendText !== null) this.settleTrace();
    return this.lastTrace?.timestamp ?? null;
  }

  /**
   * `wholeParse`: every message is parsed whole and its kept record built at once (the reference reading);
   * by default only the start line and the headers every message needs are read (`parseSipHead`), and a kept
   * message is parsed whole when its record is built. test/unit/main/logs/speed-equivalence.test.ts compares.
   */
  constructor(
    private readonly table: MsDiagnosticsTable,
    private readonly opts: { readonly wholeParse?: boolean } = {},
  ) {}

  /** Starts a new file (closes any message left open by the previous one). */
  beginFile(file: string): void {
    this.chunkEnd();
    this.flush();
    this.file = file;
    this.cls = null;
    this.eventSeen.clear();
    this.firstTrace = null;
    this.lastTrace = null;
  }

  /** Ends the current file: a message cut off by the end of the file is still recorded. */
  // Stryker disable next-line BlockStatement: beginFile, section() and the timestamp getters do the same before anything is read again
  endFile(): void {
    this.chunkEnd();
    this.flush();
  }

  /** One line (the reference path: every line goes through `one`). */
  line(raw: string, no: number): void {
    if (this.rgText !== null) this.materialize();
    if (this.pendText !== null) this.settleTrace();
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.includes('#01')) {
      // syslog-escaped line ends ("#015", "#012"): one physical line holds a whole message
      for (const piece of line.split(ESCAPED_EOL)) this.one(piece, no);
      return;
    }
    // Stryker disable next-line StringLiteral: "" only splits every line at "\r", which finds nothing in a line without one
    if (line.includes('\r')) {
      for (const piece of line.split('\r')) this.one(piece, no); // CR-only line ends
      return;
    }
    this.one(line, no);
  }

  // ---- Fast path: the same reading as `line`, decided in place on the read chunk (no per-line string) ----
  // Two kinds of lines are taken in place, everything else goes through `line`:
  //  * a trace line that can change nothing but "last trace line" (no message open, no CLS record, no packet
  //    marker, no SIP start line, no URL, no diagnostics, no HRESULT, not ERROR/WARN);
  //  * a header line of an open SIP message (kept as a region of the chunk, parsed at its blank line).
  // test/unit/main/logs/fast-path.test.ts proves both paths give the same section on the corpus and fuzzed text.

  /** The chunk the token positions below refer to. */
  private tkText: string | null = null;
  /** Next position (≥ the current line) of each token in tkText; Infinity when none is left. */
  private readonly tkNext: number[] = new Array<number>(TOKENS.length); // (set for each new chunk in lineAt)
  /** Header lines of the open message read in place: tkText[rgStart, rgEnd). */
  private rgText: string | null = null;
  private rgStart = 0;
  private rgEnd = 0;
  private rgCount = 0;
  private rgChars = 0;
  /** The newest trace line taken in place, not yet made a TraceLine (pendText[pendStart, pendEnd)). */
  private pendText: string | null = null;
  private pendStart = 0;
  private pendEnd = 0;

  private nextToken(i: number, from: number): number {
    const t = this.tkText as string;
    let at = this.tkNext[i] as number;
    if (at < from) {
      at = t.indexOf(TOKENS[i] as string, from);
      if (at < 0) at = Infinity;
      this.tkNext[i] = at;
    }
    return at;
  }

  /** True when [from, to) of the current chunk holds token i. */
  private has(i: number, from: number, to: number): boolean {
    return this.nextToken(i, from) < to;
  }

  /**
   * The line text[start, end) (end at its "\n" or the text's end), numbered `no`: read in place when that
   * changes nothing, else handed to `line`. Call `chunkEnd()` before the text goes away.
   */
  lineAt(text: string, start: number, end: number, no: number): void {
    if (text !== this.tkText) {
      this.chunkEnd();
      this.tkText = text;
      this.tkNext.fill(-1);
    }
    const e = text.charCodeAt(end - 1) === 13 ? end - 1 : end; // (an empty line's end - 1 is the "\n" before it)
    if (this.cls === null && !this.has(T_CR, start, e) && !this.has(T_ESC, start, e)) {
      const m = this.open;
      if (m === null || !m.sawStart) {
        if (this.traceInPlace(m, text, start, e, no)) return;
      } else if (!m.headerDone && e < end && this.headerInPlace(m, text, start, e, end)) return;
    }
    this.line(text.slice(start, end), no);
  }

  /** Makes everything read in place from the current chunk independent of it (called before the chunk goes). */
  chunkEnd(): void {
    if (this.rgText !== null) this.materialize();
    if (this.pendText !== null) this.settleTrace();
    this.tkText = null;
  }

  private settleTrace(): void {
    const t = this.pendText as string;
    this.pendText = null;
    this.lastTrace = splitTraceLine(t.slice(this.pendStart, this.pendEnd));
  }

  /** The header lines read in place become the open message's lines, as `line` would have appended them. */
  private materialize(): void {
    const t = this.rgText as string;
    this.rgText = null;
    const m = this.open as OpenMessage; // (header lines are read in place only into the open message, which a flush materializes first)
    let p = this.rgStart;
    while (p < this.rgEnd) {
      const cr = t.indexOf('\r\n', p);
      this.append(m, t.slice(p, cr));
      p = cr + 2;
    }
  }

  /** A header line (ending in CRLF, no other CR) of an open message, before its blank line. */
  private headerInPlace(m: OpenMessage, text: string, start: number, e: number, end: number): boolean {
    const c0 = text.charCodeAt(start);
    if (isDigit(c0) || text.startsWith('TL_', start)) return false; // maybe a trace or CLS line
    // (lines come in order: a region read in place ends where this line starts, since a line on the line path and a chunk end materialize it)
    let blank = true;
    for (let i = start; i < e; i++) {
      const c = text.charCodeAt(i);
      if (c !== 32 && c !== 9) {
        blank = false;
        break;
      }
    }
    if (blank) {
      if (!(m.contentLength === 0 || (m.contentLength === null && !m.marked))) return false; // a body follows: the reference path
      const region = this.rgText !== null ? text.slice(this.rgStart, this.rgEnd) : '';
      this.rgText = null;
      // Stryker disable next-line BooleanLiteral: flushed at once: its text with or without a final blank line parses the same
      m.headerDone = true;
      this.flush(region);
      return true;
    }
    const len = e - start;
    if (m.lines.length + this.rgCount + 1 >= MAX_MESSAGE_LINES || m.chars + this.rgChars + len + 2 >= MAX_MESSAGE_CHARS) return false;
    let k = start;
    while (text.charCodeAt(k) === 32 || text.charCodeAt(k) === 9) k++;
    const c = text.charCodeAt(k) | 0x20;
    if (c === 108 || (c === 99 && (text.charCodeAt(k + 1) | 0x20) === 111)) {
      // "l" or "co…": only then can the Content-Length pattern match (Call-ID and CSeq never do)
      const cl = /^\s*(?:content-length|l)\s*:\s*(\d{1,9})\s*$/i.exec(text.slice(start, e));
      if (cl) m.contentLength = Number(cl[1]);
    }
    if (this.rgText === null) {
      this.rgText = text;
      this.rgStart = start;
      this.rgCount = 0;
      this.rgChars = 0;
    }
    // Stryker disable next-line ArithmeticOperator: a region ending before its last CRLF reads the same (materialize and the parser take a last line without it)
    this.rgEnd = end + 1;
    this.rgCount++;
    this.rgChars += len + 2;
    return true;
  }

  /**
   * A UccApilog trace line taken in place (true) when it is, with no message open, a packet marker (opens a
   * message) or a line that records nothing (see the list above); or, right after a packet marker, the
   * message's start line.
   */
  private traceInPlace(m: OpenMessage | null, text: string, start: number, e: number, no: number): boolean {
    if (e - start < 20 || !isDigit(text.charCodeAt(start)) || this.firstTrace === null) return false;
    let pipe = -1;
    // (text[start] is a digit, and the line is 20 characters or more: the loop needs no other bound)
    for (let i = start; i <= start + 10; i++) {
      if (text.charCodeAt(i) === 124) {
        pipe = i;
        break;
      }
    }
    if (pipe === -1 || !isDigit(text.charCodeAt(pipe + 1)) || (text.charCodeAt(start + 1) !== 47 && text.charCodeAt(start + 2) !== 47)) return false;
    const sep = this.nextToken(T_SEP, pipe);
    if (sep + 3 > e || sep > pipe + 80) return false; // " ::" within the line (then t <= e: text[e] is the line end, no space)
    let t = sep + 3;
    if (text.charCodeAt(t) === 32) t++;
    const c = text.charCodeAt(t);
    if (m !== null) {
      // a packet marker's message: its start line carries the trace prefix ("End of …" and other lines are no start line)
      const body = text.slice(t, e);
      const parts = startLineParts(body);
      if (parts === null) return false;
      this.traced(text, start, e);
      this.append(m, body);
      m.sawStart = true;
      m.start = parts; // (the message had no line before: this start line is lines[0])
      return true;
    }
    if (c === 83 || c === 68) {
      // 'S'/'D': a packet marker opens a message
      const pm = packetMarker(text.slice(t, e));
      if (!pm) return false;
      this.traced(text, start, e);
      this.open = this.newMessage(no, uccTimestamp(text.slice(start, e)), pm.direction, pm.peer === null ? null : detach(pm.peer), true);
      return true;
    }
    // the level: the word before " ::" (a word right after the pipe is the time, which starts with a digit: no level)
    let le = sep;
    while (text.charCodeAt(le - 1) === 32) le--; // (stops at the digit after the pipe at the latest)
    let lb = le;
    while (lb > pipe && text.charCodeAt(lb - 1) !== 32) lb--;
    const n = le - lb;
    if ((n === 5 && text.startsWith('ERROR', lb)) || (n === 4 && text.startsWith('WARN', lb)) || (n === 7 && text.startsWith('WARNING', lb))) return false;
    if (!quietText(text, t, e)) return false;
    this.traced(text, start, e);
    return true;
  }

  /** What every trace line does: it is the newest trace line, and a new event. */
  private traced(text: string, start: number, e: number): void {
    // Set.clear() allocates a new table even when empty: on every trace line that cost ~40 % more peak RSS (bench)
    // Stryker disable next-line ConditionalExpression: clearing the set when it is empty too changes memory use, not results
    if (this.eventSeen.size !== 0) this.eventSeen.clear();
    this.pendText = text;
    this.pendStart = start;
    this.pendEnd = e;
  }

  /** A CLS / OCSLogger line: entries start with "TL_" and records end with "$$end_record". True when consumed. */
  private clsLine(line: string, no: number): boolean {
    if (/^TL_[A-Z]+\(/.test(line)) {
      this.flush();
      this.eventSeen.clear();
      const protocol = line.includes('TF_PROTOCOL') && line.includes('$$begin_record');
      this.cls = { protocol, timestamp: clsTimestamp(line), direction: 'unknown', peer: null };
      if (!protocol) this.scanText(line, no, null);
      return true;
    }
    const c = this.cls;
    if (!c) return false;
    if (line.startsWith('$$end_record')) {
      this.flush();
      this.cls = null;
      this.eventSeen.clear();
      return true;
    }
    if (!c.protocol) {
      this.scanText(line, no, null); // diagnostic record: Result-Code, Text… (SIP-Start-Line is a reference, not a message)
      return true;
    }
    const m = this.open;
    if (m) {
      if (!m.headerDone && line.startsWith('Message-Body:')) {
        const v = line.slice(13).trim();
        m.headerDone = true;
        // Stryker disable next-line ConditionalExpression,EqualityOperator,LogicalOperator,StringLiteral: flushing here or at $$end_record gives the same message (a body is never reported, and the record's later lines are not scanned either way)
        if (v === '-' || v === '') this.flush();
        else {
          this.append(m, '');
          this.append(m, v);
        }
        return true;
      }
      this.append(m, line); // a header line, or a body line once Message-Body was read
      return true;
    }
    if (line.startsWith('Direction:')) c.direction = /outgoing/i.test(line) ? 'sent' : /incoming/i.test(line) ? 'received' : 'unknown';
    else if (line.startsWith('Peer:')) c.peer = detach(line.slice(5).trim().slice(0, 300));
    else if (line.startsWith('Start-Line:')) {
      const start = line.slice(11).trim();
      if (isStartLine(start)) {
        const msg = this.newMessage(no, c.timestamp, c.direction, c.peer, true);
        this.append(msg, start);
        msg.sawStart = true;
        this.open = msg;
      }
    }
    return true;
  }

  private one(line: string, no: number): void {
    if (this.clsLine(line, no)) return;
    const trace = splitTraceLine(line);
    if (trace) {
      this.firstTrace ??= trace;
      this.lastTrace = trace;
      // Stryker disable next-line ConditionalExpression: clearing the set when it is empty too changes memory use, not results (see traced)
      if (this.eventSeen.size !== 0) this.eventSeen.clear();
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
          const off = t.indexOf('SIP/2.0') >= 0 && !isStartLine(t) ? startLineOffset(t) : 0;
          if (off > 0 && isStartLine(t.slice(off).trim())) {
            this.append(m, t.slice(off).trim());
            m.sawStart = true;
          } else if (isStartLine(t)) {
            this.append(m, t);
            m.sawStart = true;
          } else if (t !== '' && ++m.junk > 2) this.open = null; // marker not followed by SIP: drop it
          return;
        }
        if (m.headerDone && !m.marked && (isStartLine(line) || (line.indexOf('SIP/2.0') >= 0 && startLineOffset(line) >= 0))) this.flush();
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
    const at = text.length > 10 && text.indexOf('SIP/2.0') >= 0 ? (isStartLine(text) ? 0 : startLineOffset(text)) : -1;
    if (at >= 0) {
      const msg = this.newMessage(no, trace?.timestamp ?? null, 'unknown', null, false);
      this.append(msg, at === 0 ? text : text.slice(at).trim());
      msg.sawStart = true;
      this.open = msg;
      return;
    }
    if (isBlank(text)) {
      // an empty or all-blank line (any length) ends the HRESULT event, as an empty one does
      this.eventSeen.clear();
      return;
    }
    this.scanText(text, no, trace);
  }

  private newMessage(no: number, timestamp: string | null, direction: LoggedSipMessage['direction'], peer: string | null, marked: boolean): OpenMessage {
    return { file: this.file, line: no, timestamp, direction, peer, marked, lines: [], chars: 0, sawStart: false, headerDone: false, contentLength: null, bodyChars: 0, junk: 0, start: null };
  }

  private append(m: OpenMessage, line: string): void {
    if (m.lines.length >= MAX_MESSAGE_LINES || m.chars >= MAX_MESSAGE_CHARS) return;
    m.lines.push(line);
    m.chars += line.length + 2;
  }

  private continueMessage(m: OpenMessage, line: string): void {
    if (!m.headerDone) {
      if (isBlank(line)) {
        m.headerDone = true;
        if (m.contentLength === 0 || (m.contentLength === null && !m.marked)) this.flush();
        else this.append(m, '');
        return;
      }
      let k = 0;
      while (line.charCodeAt(k) === 32 || line.charCodeAt(k) === 9) k++;
      const c0 = line.charCodeAt(k) | 0x20; // 'c' or 'l', case-insensitively: only then try the Content-Length pattern
      if (c0 === 108 || (c0 === 99 && (line.charCodeAt(k + 1) | 0x20) === 111)) {
        const cl = /^\s*(?:content-length|l)\s*:\s*(\d{1,9})\s*$/i.exec(line);
        if (cl) m.contentLength = Number(cl[1]);
      }
      this.append(m, line);
      return;
    }
    this.append(m, line);
    m.bodyChars += utf8Length(line) + 2; // Content-Length counts bytes
    if (m.contentLength !== null && m.bodyChars >= m.contentLength) this.flush();
  }

  private bump(key: string): void {
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  /** Parses the open message (if any) and records it; `region` is header text read in place ("h1\r\n…hk\r\n"), appended after the lines. */
  private flush(region = ''): void {
    if (this.rgText !== null) this.materialize();
    const m = this.open;
    this.open = null;
    if (!m || !m.sawStart) return;
    const joined = `${m.lines.join('\r\n')}\r\n${region}${m.headerDone ? '' : '\r\n'}`; // one flat copy: nothing below keeps the read chunk alive
    // Stryker disable next-line ConditionalExpression,EqualityOperator,BooleanLiteral: the whole parse and the head parse give the same section (speed-equivalence.test.ts; the pin tests compare both readings)
    const whole = this.opts.wholeParse === true;
    const parsed = whole ? parseSipMessage(joined) : parseSipHead(joined, HEAD_NAMES, m.start ?? undefined);
    if (!parsed.ok) return;
    const msg = parsed.message;
    let cseq: CSeqParts;
    let diagnostics: MsDiagnostic[];
    let creds: string | null;
    let authInfo: string | null;
    // Stryker disable next-line ConditionalExpression: the whole parse and the head parse give the same section (speed-equivalence.test.ts; the pin tests compare both readings)
    if (whole) {
      cseq = cseqOf(msg);
      diagnostics = diagnosticsOf(msg, this.table);
      creds = msg.kind === 'request' ? credentialsScheme(msg) : null;
      authInfo = msg.kind === 'response' ? header(msg, 'authentication-info') : null;
    } else {
      // one pass over the few headers parseSipHead kept; the readers above run only when their header is there
      let cseqValue: string | null = null;
      let info: string | null = null;
      // Stryker disable next-line BooleanLiteral: starting true only runs diagnosticsOf on messages without a diagnostics header, which finds none
      let anyDiagnostics = false;
      // Stryker disable next-line BooleanLiteral: starting true only runs credentialsScheme on requests without Authorization, which finds none
      let anyAuthorization = false;
      for (const h of msg.headers) {
        const c = h.canon as string;
        if (c === 'cseq') cseqValue ??= h.value;
        else if (c === 'authentication-info') info ??= h.value;
        else if (c === 'authorization' || c === 'proxy-authorization') anyAuthorization = true;
        // Stryker disable next-line StringLiteral: "" only makes every other header count as a diagnostics header, and diagnosticsOf finds nothing in them
        else if (c.indexOf('diagnostics') >= 0) anyDiagnostics = true;
      }
      cseq = cseqValue === null ? NO_CSEQ : cseqMemo(cseqValue, msg);
      diagnostics = anyDiagnostics ? diagnosticsOf(msg, this.table) : [];
      creds = msg.kind === 'request' && anyAuthorization ? credentialsScheme(msg) : null;
      authInfo = msg.kind === 'response' ? info : null;
    }
    const challenges = msg.statusCode === 401 || msg.statusCode === 407 ? challengesOf(msg) : []; // challenges belong to 401/407 only
    const authInfoMatch = authInfo ? /^\s*([A-Za-z0-9_-]{1,32})/.exec(authInfo) : null;
    const authInfoScheme = authInfoMatch ? normaliseScheme(authInfoMatch[1] as string) : null;
    this.bump(msg.kind === 'request' ? (msg.method as string) : responseKey(cseq.method, msg.statusCode as number));
    for (const c of challenges) this.offered.add(normaliseScheme(c.scheme));
    if (creds) this.used.add(creds);
    if (authInfoScheme) this.used.add(authInfoScheme);
    for (const c of challenges) if (c.params['gssapi-data']) this.used.add(normaliseScheme(c.scheme)); // a second leg answers the client's credentials
    let seen: string | null = null;
    for (const d of diagnostics) {
      this.countDiagnostic(d, m.file, m.line, msg.statusCode, cseq.method);
      const hr = hresultAttribute(d);
      if (hr && hr.hr !== seen) {
        seen = hr.hr;
        this.recordError(hr.hr, hr.written, m.line, m.timestamp, `${d.header}: ${d.raw}`);
      }
    }
    const isRegister = msg.method === 'REGISTER' || cseq.method === 'REGISTER';
    const code = msg.statusCode ?? 0;
    const ring = isRegister ? this.registers : code >= 300 && code !== 401 && code !== 407 ? this.failures : null;
    if (ring === null) return;
    // The record reads the message from `joined`: its lines (slices of read chunks, which they would keep alive
    // while the message is kept, so every young-generation GC would copy those chunks again) are let go.
    m.lines.length = 0;
    const kept: Kept = { seq: this.seq++, m, msg, joined, cseq, creds, challenges, diagnostics, authInfoScheme, built: null };
    // Stryker disable next-line BooleanLiteral: logged() from a new whole parse of `joined` gives the same record as from this whole parse
    if (whole) kept.built = logged(kept, true); // the reference builds its record at once
    ring.push(kept);
  }

  private countDiagnostic(d: MsDiagnostic, file: string, line: number, statusCode: number | null, cseqMethod: string | null): void {
    const key = diagnosticKey(d);
    const cur = this.diags.get(key);
    if (cur) cur.count++;
    else if (this.diags.size < MAX_DIAGNOSTIC_KEYS) this.diags.set(key, { diagnostic: d, count: 1, firstFile: file, firstLine: line, statusCode, cseqMethod });
  }

  /** Outside SIP messages: web-service URLs, HRESULTs, inline ms-diagnostics. */
  private scanText(text: string, no: number, trace: TraceLine | null): void {
    // Stryker disable next-line StringLiteral: a prefilter: URL_RE alone decides
    if (text.includes('http') || text.includes('HTTP') || text.includes('Http')) {
      // URL_RE is case-insensitive: "HTTPS://…" is a web call too
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
    // Stryker disable next-line StringLiteral: a prefilter: MSDIAG_INLINE alone decides
    const diag = text.includes('iagnostics') || text.includes('IAGNOSTICS') ? MSDIAG_INLINE.exec(text) : null; // "MS-DIAGNOSTICS:" too
    if (diag) {
      const kind = (diag[1] as string).toLowerCase() as MsDiagnostic['header'];
      this.countDiagnostic(parseDiagnosticValue(detach(diag[2] as string), kind, this.table), this.file, no, null, null);
    }
    // Stryker disable next-line StringLiteral: has0x only chooses hresultsOnLine first; on a line without "0x" it finds nothing and HRESULT_RE answers the same
    const has0x = text.includes('0x');
    // (a trace line's level changes nothing here: hresultsOnLine needs "0x", and whatever HRESULT_RE matches HR_HINT admits)
    if (has0x || HR_HINT.test(text)) {
      const found = has0x ? hresultsOnLine(text) : [];
      if (found.length === 0) {
        const h = HRESULT_RE.exec(text);
        if (h) found.push({ hresult: `0x${(h[1] as string).toUpperCase()}`, written: null });
      }
      for (const f of found) this.recordError(f.hresult, f.written, no, trace?.timestamp ?? this.cls?.timestamp ?? null, text);
    }
  }

  /** Counts one HRESULT event (once per trace entry / CLS record), naming it from the line or the table. */
  private recordError(hresult: string, written: string | null, no: number, timestamp: string | null, text: string): void {
    if (this.eventSeen.has(hresult)) {
      const cur = this.errors.get(hresult);
      if (cur && cur.name === null && written) cur.name = hresultName(hresult, written);
      return;
    }
    this.eventSeen.add(hresult);
    const cur = this.errors.get(hresult);
    if (cur) {
      cur.count++;
      if (cur.name === null && written) cur.name = hresultName(hresult, written);
    } else if (this.errors.size < MAX_ERROR_CODES) {
      this.errors.set(hresult, { hresult, name: hresultName(hresult, written), count: 1, firstLine: no, firstFile: this.file, firstTimestamp: timestamp, sample: detach(text.slice(0, 300)) });
    }
  }

  /** Everything found so far, as the Snapshot's logs section (files filled in by the reader). */
  section(files: LogsSection['files']): LogsSection {
    this.chunkEnd();
    this.flush();
    const messages = [...this.registers.values(), ...this.failures.values()].sort((a, b) => a.seq - b.seq).map((x) => x.built ?? logged(x, false));
    const diagnostics: DiagnosticCount[] = [...this.diags.values()].map((d) => ({ ...d }));
    const errors: LoggedError[] = [...this.errors.values()].map((e) => {
      const a = this.table.hresults?.get(e.hresult);
      return a ? { ...e, advice: { meaning: a.meaning, likelyFix: a.likelyFix, articleId: a.articleId } } : { ...e };
    });
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
