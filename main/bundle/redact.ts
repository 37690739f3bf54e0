/**
 * Secret redaction: the global pass every exported string goes through (Snapshot, findings, answers,
 * raw outputs, entry names). Secrets are replaced by "[REDACTED:<kind>]" so the bundle still reads.
 * Idempotent: redacting redacted text changes nothing.
 */
import { mapStrings } from './json-walk';

export type SecretKind =
  | 'private-key'
  | 'authorization'
  | 'cookie'
  | 'web-ticket'
  | 'ntlm'
  | 'kerberos'
  | 'token'
  | 'jwt'
  | 'password'
  | 'url-password'
  | 'saml';

export const REDACTED_PREFIX = '[REDACTED:';
const mark = (kind: SecretKind): string => `${REDACTED_PREFIX}${kind}]`;
const isMarked = (s: string): boolean => s.trimStart().startsWith(REDACTED_PREFIX);

/** Counts per kind, for the manifest (how much was removed, never what). */
export type RedactionCounts = Partial<Record<SecretKind, number>>;

/** Object keys whose whole value is a secret, wherever they appear in a section. */
export const SENSITIVE_KEY =
  /^(?:password|passwd|pwd|passphrase|secret|client_?secret|authorization|proxy-?authorization|cookies?|set-?cookie|x-ms-webticket|web_?ticket|webticket|access_?token|refresh_?token|id_?token|token|bearer|private_?key|credentials?)$/i;

const AUTH_SCHEMES = 'Negotiate|Kerberos|NTLM|Bearer|Basic|Digest|MsRtcOAuth|TLS-DSK|OAuth';

interface Rule {
  readonly kind: SecretKind;
  readonly re: RegExp;
  readonly replace: (m: string, groups: readonly (string | undefined)[]) => string;
}

/** A header value runs to the end of its line, but never across an XML/HTML tag or a JSON escape (\n, \"). */
const VALUE = '(?:[^\\r\\n<\\\\]|\\\\(?![nrt"\\\\/u]))';

const RULES: readonly Rule[] = [
  {
    // PEM private keys (PKCS#1/#8, EC, OpenSSH, encrypted, PGP blocks), terminated or cut off.
    kind: 'private-key',
    re: /-----BEGIN ([A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?)-----(?:(?!-----END)[A-Za-z0-9+/=\s\\:,.()-])*(?:-----END [A-Z0-9 ]*-----)?/g,
    replace: () => mark('private-key'),
  },
  {
    // XML security tokens and web tickets: keep the element, drop its content.
    kind: 'saml',
    re: /<((?:[\w-]+:)?(?:Assertion|BinarySecurityToken|RequestedSecurityToken|EncryptedData|EncryptedAssertion|CipherValue|UserToken|WebTicket|SecurityToken))\b([^>]*)>([\s\S]*?)<\/\1>/g,
    replace: (m, g) => (isMarked(g[2] ?? '') ? m : `<${g[0]}>${mark('saml')}</${g[0]}>`),
  },
  {
    // Header lines whose whole value is a credential: Cookie, Set-Cookie, web tickets.
    kind: 'cookie',
    re: new RegExp(`\\b((?:Set-)?Cookie2?|X-MS-WebTicket|X-Ms-Credential|X-Auth-Token|X-Api-Key)(\\s*[:=]\\s*)((?:${VALUE})+)`, 'gi'),
    replace: (m, g) => (isMarked(g[2] ?? '') ? m : `${g[0]}${g[1]}${mark(/ticket/i.test(g[0] ?? '') ? 'web-ticket' : /cookie/i.test(g[0] ?? '') ? 'cookie' : 'token')}`),
  },
  {
    // Credential headers as JSON keys in raw outputs: "Cookie": "…", "Authorization": "…".
    kind: 'authorization',
    re: /"((?:Proxy-)?Authorization|(?:Set-)?Cookie2?|X-MS-WebTicket)"(\s*:\s*)"((?:[^"\\\r\n]|\\.)*)"/gi,
    replace: (m, g) => (!g[2] || isMarked(g[2]) ? m : `"${g[0]}"${g[1]}"${mark(/cookie/i.test(g[0] ?? '') ? 'cookie' : /ticket/i.test(g[0] ?? '') ? 'web-ticket' : 'authorization')}"`),
  },
  {
    // HAR-style header lists: {"name": "Cookie", "value": "…"} (either order).
    kind: 'cookie',
    re: /("name"\s*:\s*"(?:(?:Proxy-)?Authorization|(?:Set-)?Cookie2?|X-MS-WebTicket)"\s*,\s*"value"\s*:\s*")((?:[^"\\\r\n]|\\.)*)(")|("value"\s*:\s*")((?:[^"\\\r\n]|\\.)*)("\s*,\s*"name"\s*:\s*"(?:(?:Proxy-)?Authorization|(?:Set-)?Cookie2?|X-MS-WebTicket)")/gi,
    replace: (m, g) => {
      const value = g[1] ?? g[4] ?? '';
      if (!value || isMarked(value)) return m;
      return g[0] !== undefined ? `${g[0]}${mark('cookie')}${g[2]}` : `${g[3]}${mark('cookie')}${g[5]}`;
    },
  },
  {
    // HAR / JSON cookie lists: "cookies": [ … ] keeps its brackets, loses its content.
    kind: 'cookie',
    re: /("cookies"\s*:\s*\[)((?:[^\]"]|"(?:[^"\\\r\n]|\\.)*")*)(\])/gi,
    replace: (m, g) => (!(g[1] ?? '').trim() || (g[1] ?? '').includes('[REDACTED') ? m : `${g[0]}"${mark('cookie')}"${g[2]}`),
  },
  {
    // Authorization / Proxy-Authorization: keep the scheme name, drop the credentials.
    kind: 'authorization',
    re: new RegExp(`\\b((?:Proxy-)?Authorization)(\\s*[:=]\\s*)(?:(${AUTH_SCHEMES})\\b\\s*)?((?:${VALUE})*)`, 'gi'),
    replace: (m, g) => {
      const rest = (g[3] ?? '').trim();
      if (!rest || isMarked(rest)) return m;
      return `${g[0]}${g[1]}${g[2] ? `${g[2]} ` : ''}${mark('authorization')}`;
    },
  },
  {
    // Raw NTLMSSP messages in base64 (type 1/2/3), wherever they appear.
    kind: 'ntlm',
    re: /TlRMTVNTUA[A-Za-z0-9+/]*={0,2}/g,
    replace: () => mark('ntlm'),
  },
  {
    // SPNEGO / Kerberos tokens in base64 (GSS-API 0x60 or negTokenResp 0xa1 headers).
    kind: 'kerberos',
    re: /(?<![A-Za-z0-9+/])(?:YI|oY|oR)[A-Za-z0-9+/]{30,}={0,2}(?![A-Za-z0-9+/])/g,
    replace: () => mark('kerberos'),
  },
  {
    // JSON Web Tokens (OAuth access tokens, id tokens).
    kind: 'jwt',
    re: /\beyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g,
    replace: () => mark('jwt'),
  },
  {
    // "<scheme> <token>" in prose or logs without a header name.
    kind: 'token',
    re: new RegExp(`\\b(${AUTH_SCHEMES})(\\s+)([A-Za-z0-9+/=._~-]{16,})`, 'g'),
    replace: (m, g) => (/[0-9+/=]/.test(g[2] ?? '') || (g[2] ?? '').length >= 24 ? `${g[0]}${g[1]}${mark('token')}` : m),
  },
  {
    // key=value / key: value / "key": "value" secrets (query strings, forms, command lines, JSON, YAML).
    kind: 'password',
    re: /(?<![A-Za-z0-9_-])(password|passwd|pwd|passphrase|client_secret|secret|access_token|refresh_token|id_token|token|cwt|webticket|web_ticket|apikey|api_key|sig|SAMLResponse)(["']?\s*[:=]\s*)("(?:[^"\\\r\n]|\\.)*"|'[^'\r\n]*'|[^\s&;,"'<>\\]+)/gi,
    replace: (m, g) => {
      const value = g[2] ?? '';
      const quote = value.startsWith('"') || value.startsWith("'") ? value[0] : '';
      const inner = quote ? value.slice(1, -1) : value;
      if (!inner || isMarked(inner)) return m;
      const kind: SecretKind = /pass|pwd|secret|sig/i.test(g[0] ?? '') ? 'password' : /cwt|ticket|saml/i.test(g[0] ?? '') ? 'web-ticket' : 'token';
      return `${g[0]}${g[1]}${quote}${mark(kind)}${quote}`;
    },
  },
  {
    // Command-line passwords: -Password x, --password x, /p:x, /password:x
    kind: 'password',
    re: /(?<![A-Za-z0-9_-])(-{1,2}(?:Password|passwd|pwd|pass)|\/(?:p|pass|password|pwd))(\s+|:)("[^"\r\n]*"|'[^'\r\n]*'|[^\s"'<>\\]+)/gi,
    replace: (m, g) => {
      const value = g[2] ?? '';
      const quote = value.startsWith('"') || value.startsWith("'") ? value[0] : '';
      const inner = quote ? value.slice(1, -1) : value;
      if (!inner || isMarked(inner) || inner.startsWith('-')) return m;
      return `${g[0]}${g[1]}${quote}${mark('password')}${quote}`;
    },
  },
  {
    // Digest response hashes.
    kind: 'password',
    re: /\b(response)(\s*=\s*)("[0-9a-fA-F]{16,}"|[0-9a-fA-F]{16,})/g,
    replace: (m, g) => `${g[0]}${g[1]}"${mark('password')}"`,
  },
  {
    // Passwords in URLs: scheme://user:password@host
    kind: 'url-password',
    re: /\b([a-z][a-z0-9+.-]*:\/\/[^/\s:@"'<>]+:)([^/\s@"'<>]+)@/gi,
    replace: (m, g) => (isMarked(g[1] ?? '') ? m : `${g[0]}${mark('url-password')}@`),
  },
];

/** Redacts one text; adds what it removed to `counts`. */
export function redactText(text: string, counts?: Record<string, number>): string {
  let out = text;
  for (const rule of RULES) {
    rule.re.lastIndex = 0;
    out = out.replace(rule.re, (m: string, ...rest: unknown[]) => {
      const groups = rest.slice(0, -2).filter((x) => typeof x === 'string' || x === undefined) as Array<string | undefined>;
      const r = rule.replace(m, groups);
      if (r !== m && counts) counts[rule.kind] = (counts[rule.kind] ?? 0) + 1;
      return r;
    });
  }
  return out;
}

/** Redacts every string of a JSON value; values under sensitive keys are replaced whole. */
export function redactValue<T>(value: T, counts?: Record<string, number>): T {
  return mapStrings(value, (s, key) => {
    if (key !== undefined && SENSITIVE_KEY.test(key) && s !== '' && !isMarked(s)) {
      if (counts) counts.password = (counts.password ?? 0) + 1;
      return mark(/cookie/i.test(key) ? 'cookie' : /ticket/i.test(key) ? 'web-ticket' : /authori/i.test(key) ? 'authorization' : /key/i.test(key) ? 'private-key' : 'password');
    }
    return redactText(s, counts);
  }, (k) => redactText(k, counts)) as T;
}

/** High-confidence secret signatures: the last guard before bytes leave the exporter. */
const LEAK_SIGNATURES: ReadonlyArray<readonly [SecretKind, RegExp]> = [
  ['private-key', /-----BEGIN [A-Z0-9 ]*PRIVATE KEY/],
  ['ntlm', /TlRMTVNTUA/],
  ['jwt', /\beyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\./],
  ['authorization', new RegExp(`\\b(?:Proxy-)?Authorization\\s*:\\s*(?:${AUTH_SCHEMES})\\s+(?!\\[REDACTED)[A-Za-z0-9+/=._~-]{8,}`, 'i')],
  ['cookie', /\bSet-Cookie\s*:\s*(?!\[REDACTED)[^\s=;]+=/i],
];

/** Names the kinds of secret still visible in a text (empty when clean). */
export function findLeaks(text: string): SecretKind[] {
  return LEAK_SIGNATURES.filter(([, re]) => re.test(text)).map(([k]) => k);
}
