/**
 * HTTP / SIP Date header values read by their grammar (pure), never by `Date.parse`.
 *
 * RFC 9110 §5.6.7 (HTTP) and RFC 3261 §20.17 (SIP, rfc1123-date) write the time in GMT. HTTP recipients must accept
 * three forms:
 *   IMF-fixdate   Sun, 06 Nov 1994 08:49:37 GMT
 *   rfc850-date   Sunday, 06-Nov-94 08:49:37 GMT
 *   asctime-date  Sun Nov  6 08:49:37 1994          (no zone written: it is GMT too)
 * `Date.parse` reads the asctime form, and any value without a zone, in the *local* time zone of the machine that
 * runs it: on a PC in Tokyo a correct server clock then looks 9 hours off. Here the three forms are read as GMT, a
 * written zone of UTC/UT/Z or a numeric offset is honoured (seen from misconfigured servers), and anything else —
 * a date without a time, a time without a zone in the other forms, an impossible day — is no date (null): the clock
 * comparison is then "could not check", never a skew invented from a guess.
 */

const MONTHS: Readonly<Record<string, number>> = { jan: 0, feb: 1, mar: 2, apr: 3, may: 4, jun: 5, jul: 6, aug: 7, sep: 8, oct: 9, nov: 10, dec: 11 };
const DAY_NAMES = '(?:mon|tue|wed|thu|fri|sat|sun)(?:day|sday|nesday|rsday|urday)?';
const TIME = '(\\d{1,2}):(\\d{2}):(\\d{2})';
const ZONE = '(gmt|utc|ut|z|[+-]\\d{4})';
/** IMF-fixdate and rfc850-date (and the day-less "06 Nov 1994 08:49:37 GMT"): day, month, year, time, zone. */
const DAY_FIRST = new RegExp(`^(?:${DAY_NAMES}\\s*,\\s*)?(\\d{1,2})[ -]([a-z]{3})[ -](\\d{4}|\\d{2})\\s+${TIME}\\s+${ZONE}$`, 'i');
/** asctime-date: month, day, time, year; GMT unless a zone follows. */
const ASCTIME = new RegExp(`^(?:${DAY_NAMES}\\s+)?([a-z]{3})\\s+(\\d{1,2})\\s+${TIME}\\s+(\\d{4})(?:\\s+${ZONE})?$`, 'i');

/** Days in a month of a year (Gregorian). */
function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
}

/**
 * RFC 9110: a two-digit year more than 50 years in the future is the most recent past year with those digits.
 * `now` is the reader's clock (a coarse reference is enough: it only picks the century).
 */
function fullYear(two: number, now: Date): number {
  const y = now.getUTCFullYear();
  let year = y - (y % 100) + two;
  if (year > y + 50) year -= 100;
  return year;
}

function build(year: number, month: number | undefined, day: number, h: number, mi: number, s: number, zone: string | undefined): number | null {
  if (month === undefined || day < 1 || day > daysIn(year, month) || h > 23 || mi > 59 || s > 60) return null;
  // GMT, UTC, UT, Z or no zone (asctime) are GMT; a numeric offset ("+0100") is honoured, up to ±14:00 (Kiribati)
  let offsetMin = 0;
  if (zone !== undefined && (zone[0] === '+' || zone[0] === '-')) {
    const hours = Number(zone.slice(1, 3));
    const minutes = Number(zone.slice(3, 5));
    offsetMin = (zone[0] === '-' ? -1 : 1) * (hours * 60 + minutes);
    if (minutes > 59 || Math.abs(offsetMin) > 14 * 60) return null;
  }
  // a leap second (60) is read as the next second, as most clocks do
  return Date.UTC(year, month, day, h, mi, s) - offsetMin * 60_000;
}

/** Epoch milliseconds of a Date header value, or null when it is not one of the HTTP/SIP forms (see above). */
export function parseHttpDate(value: string | null | undefined, now: Date = new Date()): number | null {
  if (typeof value !== 'string' || value.length > 64) return null;
  const v = value.trim().replace(/\s+/g, ' ');
  const d = DAY_FIRST.exec(v);
  if (d) {
    const y = d[3] as string;
    return build(y.length === 2 ? fullYear(Number(y), now) : Number(y), MONTHS[(d[2] as string).toLowerCase()], Number(d[1]), Number(d[4]), Number(d[5]), Number(d[6]), d[7]);
  }
  const a = ASCTIME.exec(v);
  if (a) return build(Number(a[6]), MONTHS[(a[1] as string).toLowerCase()], Number(a[2]), Number(a[3]), Number(a[4]), Number(a[5]), a[7]);
  return null;
}
