/**
 * Reads a pasted excerpt (a client log page, SIP messages, an Edge trace) of any length and picks out what
 * search needs: the diagnostic codes it names and the lines that say what failed. Linear work with caps:
 * lines are scanned once, each in bounded pieces, and only a few dozen lines and codes are kept.
 */
import { words } from './text';

/** How a code was written: ms-diagnostics (also x- / -public forms) or ms-client-diagnostics. */
export type CodeForm = 'ms-diagnostics' | 'ms-client-diagnostics';

/** A diagnostic code named in the text. */
export interface ExcerptCode {
  readonly code: number;
  readonly form: CodeForm;
  /** Seen only where every sign-in has it (1033 beside the first 401 challenge): listed after the others. */
  readonly routine: boolean;
  /** The header value as written where the code was first seen (`54503;reason="…"`), cut to RAW_CHARS. */
  readonly raw: string;
}

/** What an excerpt says, reduced for search. */
export interface Excerpt {
  /** Codes named in the text (ms-diagnostics NNNN, ms-diagnostics: NNNN;reason=…), telling ones first, at most MAX_CODES. */
  readonly codes: readonly ExcerptCode[];
  /** The text to search with: the picked lines when the input reads as a log or message dump, else the input cut to MAX_QUERY_TEXT. */
  readonly query: string;
  /** True when `query` is made of picked lines rather than the input itself. */
  readonly condensed: boolean;
  /** Characters of the input that were read (the rest of a gigantic paste is not). */
  readonly scanned: number;
}

/** Characters of a paste that are read at most (larger pastes are read up to here). */
export const MAX_SCAN_CHARS = 16 * 1024 * 1024;
/** Codes kept at most. */
export const MAX_CODES = 8;
/** Picked lines kept at most. */
export const MAX_LINES = 24;
/** Length of the text handed to the query analyser. */
export const MAX_QUERY_TEXT = 4000;
/** A line is matched in pieces of this size, so no pattern ever runs over a huge line. */
const PIECE = 2000;
/** A picked line is cut to this many characters. */
const LINE_CHARS = 240;
/** Text up to this size without anything log-like is searched as typed. */
const PLAIN_MAX = 1200;

// Every pattern is linear: no nested quantifiers, bounded repeats.
const DIAG = /\b(x-)?ms-(client-)?diagnostics?(?:-public)?\s{0,4}[:=#]?\s{0,4}(\d{1,7})\b/gi;
/**
 * A diagnostic value quoted on a line of its own without its header name, as support articles and error
 * reports write it: `54503;reason="Connection to the Web Conferencing Server…"` (4-7 digits, then `;reason=`).
 * Only at the start of a line: after another header's name (`X-Remote-Reason: 1409; reason=…`) it is not one.
 */
const BARE_DIAG = /^\s{0,8}(\d{4,7})\s{0,2};\s{0,2}reason\s{0,2}=/i;
/** Characters of a code's value kept as written. */
const RAW_CHARS = 200;
const STATUS = /\b(?:SIP|HTTP)\/[12](?:\.[01])?\s{1,4}([1-6]\d\d)\b([^\r\n]{0,80})/i;
const HRESULT = /\b0x[89a-f][0-9a-f]{7}\b/i;
const REASON = /\breason\s{0,4}=\s{0,4}"?[^";\r\n]{3,200}/i;
const AUTH = /^\s{0,8}(WWW|Proxy)-Authenticate:\s{0,4}([A-Za-z][\w-]{1,20})/i;
/** A log line of level error/fail (UccApilog `ERROR ::`, SipStack `TL_ERROR(`, `Severity: error`). */
const LOG_ERROR = /\bERROR\s{0,4}::|\bTL_ERROR\b|\bSeverity:\s{0,4}error\b|\bFAIL\b/;
/** Words that make a free-text log line worth keeping. */
const FAILING = /\b(?:error|errors|failed|fails|failure|exception|denied|refused|unable|cannot|can't|couldn't|timed out|time-out|untrusted|not trusted)\b/i;
/** The code that accompanies the first 401 of every sign-in ("Previous hop server component did not report diagnostic information"). */
const ROUTINE_CODE = 1033;

interface Picked {
  readonly text: string;
  /** 0 = a diagnostic code line, 1 = HRESULT / error line, 2 = failure status line, 3 = routine (401 challenge, 1033). */
  readonly rank: number;
}

/** Calls `each` with every line of `text` up to `limit` characters (CRLF, LF, CR and syslog's `#015` end a line). */
function forEachLine(text: string, limit: number, each: (line: string) => void): void {
  const end = Math.min(text.length, limit);
  let start = 0;
  while (start < end) {
    let nl = text.indexOf('\n', start);
    if (nl < 0 || nl > end) nl = end;
    const raw = text.slice(start, nl);
    start = nl + 1;
    for (const part of raw.includes('#015') ? raw.split('#015') : [raw]) {
      const line = part.replace(/\r/g, ' ');
      if (line.length <= PIECE) each(line);
      else for (let i = 0; i < line.length; i += PIECE) each(line.slice(i, i + PIECE));
    }
  }
}

/** A picked line without what only adds noise: log prefixes, host names in URLs, long tokens, key=value tails we do not index. */
function clean(line: string): string {
  let s = line
    // SipStack trace record prefix: TL_ERROR(TF_COMPONENT) [0]0860.0CDC::01/18/2012-…(SIPStack,Class::Method:File.cpp(2440))( 00000000028FDD70 )
    .replace(/^TL_[A-Z]{1,12}\([A-Z_]{1,30}\)\s{0,4}\[[^\]]{0,100}\]\S{0,80}\s{0,4}/, '')
    .replace(/\([^()]{0,200}\([^()]{0,20}\)\)/g, ' ')
    .replace(/\(\s{0,4}[0-9A-Fa-f]{8,16}\s{0,4}\)|\[\d{1,12}\]|\$\$(?:begin|end)_record/g, ' ')
    .replace(/^\s*\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}[|\sT]\d{1,2}:\d{2}:\d{2}(?:\.\d+)?\s+[0-9A-Fa-f]+:[0-9A-Fa-f]+\s+[A-Z]+\s*::\s*/, '')
    .replace(/https?:\/\/[^/\s"']{1,255}/gi, ' ')
    // Long tokens are base64 or hex noise; an all-capitals symbol (SIPPROXY_E_…) is kept.
    .replace(/[\w+/=-]{41,}/g, (t) => (/^[A-Z0-9_]+$/.test(t) ? t : ' '))
    .replace(/;\s{0,4}(?:source|PeerServer|Domain|appName|fqdn\d?|tls-target|Component)\s{0,4}=\s{0,4}"[^"]{0,200}"?/gi, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (s.length > LINE_CHARS) s = s.slice(0, LINE_CHARS);
  return s;
}

/** Picks the codes and telling lines out of a paste; plain short text comes back as it is. Never throws. */
export function readExcerpt(input: unknown): Excerpt {
  const text = typeof input === 'string' ? input : typeof input === 'number' ? String(input) : '';
  // By form and number: a client code and a server id of the same number are different codes.
  const codes = new Map<string, { code: number; form: CodeForm; routine: boolean; order: number; raw: string }>();
  const picked = new Map<string, Picked>();
  let lines = 0;
  let logLike = false;
  let nonRoutine = false;
  let lastStatus = 0;
  const pick = (line: string, rank: number): void => {
    const t = clean(line);
    if (words(t).length === 0) return;
    const key = t.toLowerCase().replace(/\d{5,}/g, '#');
    const had = picked.get(key);
    if (!had || had.rank > rank) {
      if (!had && picked.size >= MAX_LINES * 4) return;
      picked.set(key, { text: t, rank });
    }
  };
  forEachLine(text, MAX_SCAN_CHARS, (line) => {
    lines++;
    let diag = false;
    const found = (code: number, form: CodeForm, at: number): void => {
      diag = true;
      const routine = code === ROUTINE_CODE && (lastStatus === 401 || lastStatus === 0);
      if (!routine) nonRoutine = true;
      const key = `${form}:${code}`;
      const had = codes.get(key);
      if (!had && codes.size < MAX_CODES * 4) codes.set(key, { code, form, routine, order: codes.size, raw: line.slice(at, at + RAW_CHARS).trim() });
      else if (had && had.routine && !routine) codes.set(key, { ...had, routine: false });
    };
    for (const m of line.matchAll(DIAG)) found(Number(m[3]), m[2] ? 'ms-client-diagnostics' : 'ms-diagnostics', (m.index ?? 0) + m[0].length - (m[3] as string).length);
    const bare = diag ? null : BARE_DIAG.exec(line);
    if (bare) found(Number(bare[1]), 'ms-diagnostics', bare[0].indexOf(bare[1] as string));
    const status = STATUS.exec(line);
    if (status) {
      lastStatus = Number(status[1]);
      logLike = true;
    }
    if (diag) {
      logLike = true;
      const code = Number(/(\d{1,7})/.exec(line.slice(Math.max(0, line.search(/diagnostics/i))))?.[1]);
      pick(line, code === ROUTINE_CODE && (lastStatus === 401 || lastStatus === 0) ? 3 : 0);
      return;
    }
    if (status) {
      const n = lastStatus;
      if (n >= 400) {
        if (n !== 401 && n !== 407) nonRoutine = true;
        pick(`${/\bHTTP\//i.test(line) ? 'HTTP' : 'SIP'} ${n}${status[2] ?? ''}`, n === 401 ? 3 : 2);
      }
      return;
    }
    const auth = AUTH.exec(line);
    if (auth) {
      logLike = true;
      pick(`${auth[1]}-Authenticate ${auth[2]}`, 3);
      return;
    }
    const error = LOG_ERROR.test(line);
    if (error || HRESULT.test(line) || REASON.test(line)) {
      logLike = true;
      nonRoutine = true;
      // "Severity: error" alone is a marker; the record's Text: line says what failed.
      if (!/^\s*Severity:/i.test(line)) pick(line, 1);
      return;
    }
    if (FAILING.test(line)) pick(line, 2);
  });
  const scanned = Math.min(text.length, MAX_SCAN_CHARS);
  const codeList = [...codes.values()]
    .sort((a, b) => Number(a.routine) - Number(b.routine) || a.order - b.order)
    .slice(0, MAX_CODES)
    .map(({ code, form, routine, raw }) => ({ code, form, routine, raw }));
  const plain = !logLike && text.length <= PLAIN_MAX;
  if (plain || (lines <= 1 && text.length <= MAX_QUERY_TEXT) || picked.size === 0) {
    return { codes: codeList, query: text.slice(0, MAX_QUERY_TEXT), condensed: false, scanned };
  }
  // Routine sign-in lines (the first 401 and its 1033) say nothing when something else failed.
  const kept = [...picked.values()].filter((p) => !nonRoutine || p.rank < 3).sort((a, b) => a.rank - b.rank).slice(0, MAX_LINES);
  let query = '';
  for (const p of kept) {
    if (query.length + p.text.length + 1 > MAX_QUERY_TEXT) break;
    query += `${p.text}\n`;
  }
  return { codes: codeList, query: query.trimEnd(), condensed: true, scanned };
}
