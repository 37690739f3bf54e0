/**
 * Comparing a pseudonymised bundle with a standard one (or two pseudonymised with different keys): names,
 * addresses, users and hashes are replaced by their kind ("⟨user⟩@⟨domain⟩", "lyncdiscover.⟨domain⟩",
 * "⟨ip⟩", "⟨hash⟩") on both sides before values are compared, so the same finding or fact reads the same
 * whatever the pseudonyms. Well-known first labels (lyncdiscover, sip, _sip._tls …) stay: they are kept by
 * the pseudonymiser too. A renamed host is not seen in this mode; the comparison says so. Pure.
 */
import { mapStrings, visitStrings } from './json-walk';
import { KEEP_DOMAINS, WELL_KNOWN_LABELS } from './public-names';

const EMAIL = /(?<![A-Za-z0-9._%+-])([A-Za-z0-9._%+-]{1,64})@((?:[A-Za-z0-9_-]{1,63}\.)+[A-Za-z][A-Za-z0-9-]{1,62})(?![A-Za-z0-9-])/g;
const HOST = /(?<![A-Za-z0-9_@-])(?<![A-Za-z0-9_-]\.)((?:\*|[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?)(?:\.[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?)*\.[A-Za-z][A-Za-z0-9-]{1,62})(?![A-Za-z0-9_-]|\.[A-Za-z0-9])/g;
const IPV4 = /(?<![0-9A-Za-z.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?![0-9]|\.[0-9])/g;
const HEX = /(?<![0-9A-Za-z])(?=[0-9A-Fa-f]{0,63}[A-Fa-f])(?=[0-9A-Fa-f]{0,63}\d)[0-9A-Fa-f]{12,64}(?![0-9A-Za-z])|(?<![0-9A-Fa-f:])(?:[0-9A-Fa-f]{2}:){7,}[0-9A-Fa-f]{2}(?![0-9A-Fa-f:])/g;
const DER = /-----BEGIN ([A-Z0-9 ]+)-----[\s\S]*?-----END \1-----|(?<![A-Za-z0-9+/])MI[IHGJ][A-Za-z0-9+/]{60,}={0,2}(?![A-Za-z0-9+/])|\[REMOVED:(?:pem|der)\]/g;
/** Dotted words that are file names, not hosts (as the pseudonymiser reads them). */
const FILE_EXT = /\.(?:log|txt|json|xml|pem|cer|crt|der|pfx|zip|html?|etl|pac|dat|ps1|exe|dll|uccapilog|md|csv|har|js|svc|asmx|aspx|reg|cfg|ini|sqlite|evtx)$/i;

function host(h: string): string {
  const lower = h.toLowerCase();
  if (FILE_EXT.test(lower)) return h;
  const pseudonym = /(?:^|\.)(?:domain|tenant)\d+\.(?:example|onmicrosoft\.com)$/.test(lower);
  // Public names are kept by the pseudonymiser (and so here); its own domainN.example tokens are not public.
  if (!pseudonym && (KEEP_DOMAINS.some((k) => lower === k || lower.endsWith(`.${k}`)) || /\.(?:example|test|invalid|localhost)$/.test(lower))) return h;
  const labels = lower.split('.');
  const kept: string[] = [];
  for (const l of labels.slice(0, -2)) {
    if (!WELL_KNOWN_LABELS.has(l)) break;
    kept.push(l);
  }
  return [...kept, '⟨domain⟩'].join('.');
}

/** The canonical form of one text: identifiers replaced by their kind. */
export function pseudonymForm(text: string, users: ReadonlySet<string> = new Set()): string {
  let s = text.replace(DER, '⟨certificate data⟩');
  s = s.replace(EMAIL, (_m, _local: string, domain: string) => `⟨user⟩@${host(domain)}`);
  // A user name standing alone (CN=kim.akers) before host names: "kim.akers" would read as one.
  if (users.size) s = s.replace(/(?<![A-Za-z0-9._-])[A-Za-z0-9._-]{3,64}(?![A-Za-z0-9_-]|\.[A-Za-z0-9])/g, (w) => (users.has(w.toLowerCase()) ? '⟨user⟩' : w));
  s = s.replace(HOST, (m: string) => host(m));
  s = s.replace(IPV4, '⟨ip⟩');
  s = s.replace(HEX, '⟨hash⟩');
  return s;
}

/** The user names (local parts of SIP/e-mail addresses) a value holds, to be replaced where they stand alone. */
export function usersIn(value: unknown): Set<string> {
  const out = new Set<string>();
  visitStrings(value, (s) => {
    if (s.length > 4096 || !s.includes('@')) return;
    for (const m of s.matchAll(EMAIL)) if ((m[1] ?? '').length >= 3) out.add((m[1] as string).toLowerCase());
  });
  return out;
}

/** A copy of a JSON value with every string (values and keys) in its canonical form. */
export function pseudonymValue<T>(value: T, users: ReadonlySet<string>): T {
  return mapStrings(value, (s) => pseudonymForm(s, users)) as T;
}
