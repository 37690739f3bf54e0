/** WWW-Authenticate / Proxy-Authenticate parsing: the schemes Lync offers (NTLM, Kerberos, TLS-DSK and sts-uri). */
import type { SipChallenge } from '../model/sip';
import { canonicalName, header, type SipMessage } from './parse';

interface Param {
  readonly name: string;
  readonly value: string;
}

/** Reads `name=value` / `name="quoted"` pairs; a bare token followed by space starts a new challenge. */
function tokenize(value: string): Array<{ scheme: string; params: Param[] }> {
  const out: Array<{ scheme: string; params: Param[] }> = [];
  let i = 0;
  const n = value.length;
  const skip = (chars: string): void => {
    // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent, value[n] is undefined and no skip set includes "undefined"
    while (i < n && chars.includes(value[i] as string)) i++;
  };
  const token = (): string => {
    const s = i;
    // Stryker disable next-line EqualityOperator: equivalent, i = n + 1 slices the same token and every later test reads i >= n alike
    while (i < n && !' \t,="'.includes(value[i] as string)) i++;
    return value.slice(s, i);
  };
  let current: { scheme: string; params: Param[] } | null = null;
  let guard = 0;
  // Stryker disable next-line ConditionalExpression,EqualityOperator,LogicalOperator,UpdateOperator: equivalent, every turn moves i on (the guard is defensive) and the break below ends the loop at the end of the value
  while (i < n && guard++ < 10_000) {
    skip(' \t,');
    // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent, at the end the empty-token branch below moves i past n and the loop ends
    if (i >= n) break;
    const start = i;
    const t = token();
    if (!t) {
      if (value[i] === '"') {
        // a quoted string where a token belongs: skip it whole
        const close = value.indexOf('"', i + 1);
        // Stryker disable next-line EqualityOperator: equivalent, a quote found after i + 1 is never at index 0
        i = close < 0 ? n : close + 1;
      } else {
        // Stryker disable next-line MethodExpression,ArithmeticOperator: equivalent, an empty token leaves i === start, so every variant gives start + 1
        i = Math.max(i + 1, start + 1); // stray '=': move on
      }
      continue;
    }
    skip(' \t');
    if (value[i] === '=' && current) {
      i++;
      skip(' \t');
      let v = '';
      if (value[i] === '"') {
        i++;
        while (i < n && value[i] !== '"') {
          if (value[i] === '\\' && i + 1 < n) i++;
          v += value[i];
          i++;
        }
        i++;
      } else {
        const s = i;
        // Stryker disable next-line EqualityOperator: equivalent, value[n] is undefined: slice(s, n + 1) is slice(s, n)
        while (i < n && value[i] !== ',') i++;
        v = value.slice(s, i).trim();
      }
      current.params.push({ name: t.toLowerCase(), value: v });
    } else if (value[i] === '=') {
      // parameter before any scheme: malformed, skip its value
      // Stryker disable next-line UpdateOperator: equivalent, the scan to the next ',' starts inside the name (no ',' there) either way
      i++;
      // Stryker disable next-line EqualityOperator: equivalent, value[n] is undefined: i = n + 1 also ends the outer loop
      while (i < n && value[i] !== ',') i++;
    } else {
      current = { scheme: t, params: [] };
      out.push(current);
    }
  }
  return out;
}

/** Parses one challenge header value (may hold several challenges). */
export function parseChallengeValue(value: string, header: SipChallenge['header'] = 'WWW-Authenticate'): SipChallenge[] {
  return tokenize(value).map(({ scheme, params }) => {
    const map: Record<string, string> = {};
    for (const p of params) if (!(p.name in map)) map[p.name] = p.value;
    return {
      header,
      scheme,
      realm: map.realm ?? null,
      targetname: map.targetname ?? null,
      version: map.version ?? null,
      stsUri: map['sts-uri'] ?? null,
      params: map,
    };
  });
}

const CHALLENGE_CACHE: Record<SipChallenge['header'], Map<string, SipChallenge[]>> = { 'WWW-Authenticate': new Map(), 'Proxy-Authenticate': new Map() };

/** parseChallengeValue, memoised (bounded): traces repeat the same challenge thousands of times. Results are shared: never mutate. */
function cachedChallenges(value: string, header: SipChallenge['header']): SipChallenge[] {
  if (value.length > 2048) return parseChallengeValue(value, header);
  const cache = CHALLENGE_CACHE[header];
  let hit = cache.get(value);
  if (!hit) {
    hit = parseChallengeValue(value, header);
    if (cache.size >= 256) cache.clear();
    cache.set(value, hit);
  }
  return hit;
}

/** Every challenge a response carries, WWW-Authenticate first. */
export function challengesOf(msg: Pick<SipMessage, 'headers'>): SipChallenge[] {
  const www: SipChallenge[] = [];
  const proxy: SipChallenge[] = [];
  for (const h of msg.headers) {
    const n = h.canon ?? canonicalName(h.name);
    if (n === 'www-authenticate') www.push(...cachedChallenges(h.value, 'WWW-Authenticate'));
    else if (n === 'proxy-authenticate') proxy.push(...cachedChallenges(h.value, 'Proxy-Authenticate'));
  }
  return proxy.length ? www.concat(proxy) : www;
}

/** Normalised scheme names for comparisons ("tls-dsk" → "TLS-DSK"). */
export function normaliseScheme(scheme: string): string {
  const s = scheme.trim().toLowerCase();
  if (s === 'tls-dsk') return 'TLS-DSK';
  if (s === 'ntlm') return 'NTLM';
  if (s === 'kerberos') return 'Kerberos';
  if (s === 'negotiate') return 'Negotiate';
  if (s === 'digest') return 'Digest';
  if (s === 'basic') return 'Basic';
  return scheme.trim();
}

/** Scheme of the credentials a request carried (never the credential itself), or null. */
export function credentialsScheme(msg: Pick<SipMessage, 'headers'>): string | null {
  const v = header(msg, 'proxy-authorization') ?? header(msg, 'authorization');
  if (!v) return null;
  const m = /^\s*([A-Za-z0-9_-]{1,32})/.exec(v);
  return m ? normaliseScheme(m[1] as string) : 'unknown';
}
