/**
 * Credentials removed where they are first seen: proxy addresses and URLs as Windows tools, users and
 * environments write them — `http://user:pass@host`, `DOMAIN\user:pass@host:port`, `user:p@ss@host`,
 * `http%3A%2F%2Fuser%3Apass%40host`, `http=user:pass@a:80;https=…` — lose their user-info, and query
 * parameters whose name means a secret (`?key=`, `pw=`, `token=`…) lose their value.
 */
import { isSecretName } from '../model/secret-names';

/** What replaces a removed query-parameter value (the bundle's redaction counts it as already redacted). */
export const REMOVED_VALUE = '[REDACTED:password]';

const SCHEME = /^([a-z][a-z0-9+.-]*(?::\/\/|%3A%2F%2F))/i;

/** One address or URL (no spaces): user-info dropped, secret query values masked. */
export function stripCredentials(value: string): string {
  const m = SCHEME.exec(value);
  const prefix = m ? (m[1] as string) : '';
  let rest = value.slice(prefix.length);
  // The authority ends at the first "/", "?" or "#"; its user-info ends at the LAST "@" (a raw "@" may sit in a password).
  const encoded = /%3A%2F%2F/i.test(prefix);
  const authEnd = encoded ? rest.search(/%2F|%3F|%23|[/?#&]/i) : rest.search(/[/?#]/);
  const authority = authEnd < 0 ? rest : rest.slice(0, authEnd);
  let cut = authority.lastIndexOf('@') + 1;
  if (encoded && authority.toUpperCase().lastIndexOf('%40') >= 0) cut = Math.max(cut, authority.toUpperCase().lastIndexOf('%40') + 3);
  if (cut > 0) rest = rest.slice(cut);
  return `${prefix}${maskSecretParams(rest)}`;
}

/** Masks the values of secret-named query parameters (`a=1&key=xyz` → `a=1&key=[REDACTED:password]`). */
export function maskSecretParams(text: string): string {
  return text.replace(/([?&;])([^=&;#?\s]{1,64})=([^&;#\s]*)/g, (m, sep: string, name: string, v: string) => {
    let decoded = name;
    try {
      decoded = decodeURIComponent(name);
    } catch {
      /* keep the raw name */
    }
    return v && v !== REMOVED_VALUE && isSecretName(decoded) ? `${sep}${name}=${REMOVED_VALUE}` : m;
  });
}

/** A proxy list (`host:port`, `http=a:80;https=b:443`, space or ";" separated): each address stripped. */
export function stripProxyList(value: string): string {
  return value.replace(/[^;\s]+/g, (item) => {
    const eq = /^([a-z]+=)(.*)$/i.exec(item);
    return eq ? `${eq[1]}${stripCredentials(eq[2] as string)}` : stripCredentials(item);
  });
}

/** Every URL or proxy address inside a free text (messages, reasons, raw reg/netsh output): stripped the same way. */
export function stripCredentialsInText(text: string): string {
  return text.replace(/[^\s"'<>(),;]+/g, (token) => {
    const named = /^([A-Za-z]+=)(.+)$/.exec(token);
    if (named && /:\/\/|@|%40/i.test(named[2] as string)) return `${named[1]}${stripCredentialsInText(named[2] as string)}`;
    const hasAt = /@|%40/i.test(token);
    if (!hasAt && !/[?&][^=]*=/.test(token)) return token;
    if (/^<?(?:sips?|tel|mailto):/i.test(token)) return token;
    // alice@contoso.com is an address, not a credential: user-info counts only with a password or DOMAIN\user.
    if (hasAt && !/^[a-z][a-z0-9+.-]*:\/\//i.test(token) && !/[:\\]|%3A|%5C/i.test(token.split(/@|%40/i)[0] ?? '')) return maskSecretParams(token);
    return stripCredentials(token);
  });
}

/** A copy of collected data with every string passed through stripCredentialsInText (a collector's last step). */
export function stripCredentialsDeep<T>(value: T): T {
  const walk = (v: unknown, depth: number): unknown => {
    if (typeof v === 'string') return stripCredentialsInText(v);
    if (depth > 64 || v === null || typeof v !== 'object') return v;
    if (Array.isArray(v)) return v.map((x) => walk(x, depth + 1));
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, depth + 1)]));
  };
  return walk(value, 0) as T;
}
