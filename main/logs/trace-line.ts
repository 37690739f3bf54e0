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
    return `${l.slice(0, 4)}-${l.slice(5, 7)}-${l.slice(8, 10)}T${l.slice(11, l.indexOf(' ', 11) < 0 ? l.length : l.indexOf(' ', 11))}`;
  }
}

const UCC_TS = /^(\d{1,2})\/(\d{1,2})\/(\d{4})\|(\d{1,2}):(\d{2}):(\d{2}(?:\.\d{1,7})?)/;

function pad2(s: string): string {
  return s.length < 2 ? `0${s}` : s;
}

/** Turns the UccApilog "MM/DD/YYYY|HH:MM:SS.mmm" prefix into "YYYY-MM-DDTHH:MM:SS.mmm". */
export function uccTimestamp(prefix: string): string | null {
  // fast path for the usual "MM/DD/YYYY|HH:MM:SS.mmm" (no regex on the hot path)
  if (prefix.charCodeAt(2) === 47 && prefix.charCodeAt(5) === 47 && prefix.charCodeAt(10) === 124 && prefix.charCodeAt(13) === 58 && prefix.charCodeAt(16) === 58 && isDigit(prefix.charCodeAt(11)) && isDigit(prefix.charCodeAt(18))) {
    let e = 19;
    if (prefix.charCodeAt(19) === 46) {
      e = 20;
      while (e < prefix.length && e < 27 && isDigit(prefix.charCodeAt(e))) e++;
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
  if (pipe > 0 && pipe <= 10) {
    if (!isDigit(line.charCodeAt(pipe + 1)) || (line.charCodeAt(1) !== 47 && line.charCodeAt(2) !== 47)) return null;
    const sep = line.indexOf(' ::', pipe);
    if (sep < 0 || sep > pipe + 80) return null;
    let e = sep;
    while (e > pipe && line.charCodeAt(e - 1) === 32) e--;
    let b = e;
    while (b > pipe && line.charCodeAt(b - 1) !== 32) b--;
    const level = b > pipe + 1 && e > b ? line.slice(b, e) : null;
    let t = sep + 3;
    if (line.charCodeAt(t) === 32) t++;
    return new TraceLine(line, 'ucc', level, line.slice(t));
  }
  // Mac: "YYYY/MM/DD HH:MM:SS.mmm text"
  if (line.charCodeAt(4) === 47 && line.charCodeAt(7) === 47 && line.charCodeAt(10) === 32 && line.charCodeAt(13) === 58 && line.charCodeAt(16) === 58) {
    let t = 19;
    while (t < line.length && line.charCodeAt(t) !== 32) t++;
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
  while (e < text.length && text.charCodeAt(e) > 32) e++;
  return { direction: sent ? 'sent' : 'received', peer: e > i ? text.slice(i, e) : null };
}

/** "End of Sending Packet …" / "End of Data Received …". */
export function isEndMarker(text: string): boolean {
  return text.charCodeAt(0) === 69 && (text.startsWith('End of Sending Packet') || text.startsWith('End of Data Received'));
}
