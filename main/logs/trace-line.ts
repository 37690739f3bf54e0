/**
 * Trace-line prefixes of Lync / Skype for Business client logs (pure).
 *
 * Windows UccApilog (documented by msxfaq's Parse-UCCAPILog page and forensic grep patterns):
 *   04/16/2013|03:17:30.168 1F68:C14 INFO  :: End of Sending Packet - 192.168.100.100:5061 (From Local Address: …) 1503 bytes
 * Lync for Mac 2011 (Microsoft-Lync.log, as quoted in a field report):
 *   2012/05/18 08:32:28.602 SIPService::Logon
 */

/** A prefixed trace line; the timestamp is parsed only when asked for (most lines never need it). */
export class TraceLine {
  constructor(
    /** The whole line. */
    readonly line: string,
    readonly format: 'ucc' | 'mac',
    /** INFO, ERROR, WARN, TRACE… (UccApilog); null for the Mac format. */
    readonly level: string | null,
    /** Text after the prefix. */
    readonly text: string,
  ) {}

  /** ISO-like local timestamp without zone ("2013-04-16T03:17:30.168"), as the log wrote it. */
  get timestamp(): string | null {
    if (this.format === 'ucc') return uccTimestamp(this.line);
    const l = this.line;
    const sp = l.indexOf(' ', 11);
    // Stryker disable next-line EqualityOperator: sp <= 0 is the same test (a space found from index 11 is not at 0)
    return `${l.slice(0, 4)}-${l.slice(5, 7)}-${l.slice(8, 10)}T${l.slice(11, sp < 0 ? l.length : sp)}`;
  }
}

const UCC_TS = /^(\d{1,2})\/(\d{1,2})\/(\d{4})\|(\d{1,2}):(\d{2}):(\d{2}(?:\.\d{1,7})?)/;

function pad2(s: string): string {
  return s.length < 2 ? `0${s}` : s;
}

/** The usual UccApilog prefix, every field two digits wide ('0' = any digit). */
// Stryker disable next-line StringLiteral: an empty pattern only makes the fast path reject every line (see isPaddedUcc)
const UCC_PADDED = '00/00/0000|00:00:00';

/**
 * True when the prefix starts exactly like UCC_PADDED (then UCC_TS would read the same fields). A stricter fast path is
 * not a wrong one: whatever it rejects, the regex fallback reads the same (only slower) — so the mutants that only make
 * it reject more are equivalent (the `digit && !isDigit(c)` / `!digit && c !== …` conditions made always true or
 * joined with || are too; they stay listed as reviewed survivors because the same lines hold killable mutants of those kinds).
 */
// Stryker disable next-line BlockStatement: an empty body returns undefined, so every line takes the regex fallback (same answer)
function isPaddedUcc(prefix: string): boolean {
  // Stryker disable next-line EqualityOperator,UpdateOperator: i <= 19 or i-- only compare an index outside 0–18 with NaN and so reject every line
  for (let i = 0; i < 19; i++) {
    const c = prefix.charCodeAt(i);
    // Stryker disable next-line ConditionalExpression,EqualityOperator: a wrong digit/separator choice only rejects lines (see above)
    const digit = UCC_PADDED.charCodeAt(i) === 48;
    if (digit && !isDigit(c)) return false;
    if (!digit && c !== UCC_PADDED.charCodeAt(i)) return false;
  }
  // Stryker disable next-line BooleanLiteral: false sends every line to the regex fallback (same answer)
  return true;
}

/** Turns the UccApilog "MM/DD/YYYY|HH:MM:SS.mmm" prefix into "YYYY-MM-DDTHH:MM:SS.mmm". */
export function uccTimestamp(prefix: string): string | null {
  // Fast path for the usual "MM/DD/YYYY|HH:MM:SS.mmm" (no regex on the hot path). It must accept only what
  // UCC_TS accepts: it once checked only the separators and two digits, and turned "04/16/20a3|…" into "20a3-04-16T…".
  // Stryker disable next-line ConditionalExpression,BlockStatement: without the fast path every line takes the regex fallback, which gives the same answer (only slower)
  if (isPaddedUcc(prefix)) {
    let e = 19;
    if (prefix.charCodeAt(19) === 46) {
      e = 20;
      // (charCodeAt past the end is NaN: not a digit, so the loop needs no length bound)
      while (e < 27 && isDigit(prefix.charCodeAt(e))) e++;
      if (e === 20) e = 19;
    }
    return `${prefix.slice(6, 10)}-${prefix.slice(0, 2)}-${prefix.slice(3, 5)}T${prefix.slice(11, e)}`;
  }
  const m = UCC_TS.exec(prefix);
  if (!m) return null;
  return `${m[3]}-${pad2(m[1] as string)}-${pad2(m[2] as string)}T${pad2(m[4] as string)}:${m[5]}:${m[6]}`;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Splits a trace line into prefix facts and text; null when the line has no known prefix (a raw continuation line). */
export function splitTraceLine(line: string): TraceLine | null {
  if (line.length < 20 || !isDigit(line.charCodeAt(0))) return null;
  // UccApilog: "MM/DD/YYYY|time PID:TID LEVEL :: text"
  const pipe = line.indexOf('|');
  // Stryker disable next-line EqualityOperator: pipe >= 0 is the same test (a line starting with "|" was rejected above)
  if (pipe > 0 && pipe <= 10) {
    if (!isDigit(line.charCodeAt(pipe + 1)) || (line.charCodeAt(1) !== 47 && line.charCodeAt(2) !== 47)) return null;
    const sep = line.indexOf(' ::', pipe);
    // Stryker disable next-line EqualityOperator: sep <= 0 is the same test (a found sep is after the pipe, so > 0)
    if (sep < 0 || sep > pipe + 80) return null;
    // (the digit after the pipe ends both scans before the pipe)
    let e = sep;
    while (line.charCodeAt(e - 1) === 32) e--;
    const b = line.lastIndexOf(' ', e - 1) + 1;
    const level = b > pipe + 1 ? line.slice(b, e) : null;
    let t = sep + 3;
    if (line.charCodeAt(t) === 32) t++;
    return new TraceLine(line, 'ucc', level, line.slice(t));
  }
  // Mac: "YYYY/MM/DD HH:MM:SS.mmm text"
  if (line.charCodeAt(4) === 47 && line.charCodeAt(7) === 47 && line.charCodeAt(10) === 32 && line.charCodeAt(13) === 58 && line.charCodeAt(16) === 58) {
    const sp = line.indexOf(' ', 19);
    // Stryker disable next-line EqualityOperator: sp <= 0 is the same test (a space found from index 19 is not at 0)
    const t = sp < 0 ? line.length : sp;
    return new TraceLine(line, 'mac', null, line.slice(t + 1));
  }
  return null;
}

/** "Sending Packet - 10.0.0.5:5061 (…)" / "Data Received - …": direction and peer of the SIP message that follows. */
export function packetMarker(text: string): { direction: 'sent' | 'received'; peer: string | null } | null {
  const c = text.charCodeAt(0);
  if (c !== 83 && c !== 68) return null; // 'S' / 'D'
  const sent = text.startsWith('Sending Packet');
  if (!sent && !text.startsWith('Data Received')) return null;
  let i = sent ? 14 : 13;
  while (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9) i++;
  if (text.charCodeAt(i) !== 45) return null; // '-'
  i++;
  while (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9) i++;
  let e = i;
  // (charCodeAt past the end is NaN, not > 32: the loop stops at the end)
  while (text.charCodeAt(e) > 32) e++;
  return { direction: sent ? 'sent' : 'received', peer: e > i ? text.slice(i, e) : null };
}

/** "End of Sending Packet …" / "End of Data Received …". */
export function isEndMarker(text: string): boolean {
  return text.startsWith('End of Sending Packet') || text.startsWith('End of Data Received');
}
