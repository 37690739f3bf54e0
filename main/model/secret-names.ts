/** Names that mean "the value is a secret": shared by the collectors' credential stripping and the bundle redaction. */

/**
 * A `name=value` pair whose name means a secret: the last word of the name (camelCase, _, -, . split) is
 * one of these, so `proxyPassword`, `api_key`, `auth`, `sessionToken` go and `keyUsage`, `authSchemes`,
 * `statusCode` stay. `code` counts only alone or as auth/otp/access code (OAuth authorisation codes).
 */
const SECRET_WORDS: ReadonlySet<string> = new Set(['pass', 'passwd', 'password', 'pwd', 'pw', 'passphrase', 'secret', 'token', 'key', 'apikey', 'auth', 'sig', 'signature', 'ticket', 'cwt', 'credential', 'credentials', 'cred', 'creds', 'session', 'sessionid', 'sid', 'otp', 'pin', 'cookie', 'bearer', 'jwt', 'assertion', 'samlresponse', 'saml', 'nonce', 'hash', 'hmac', 'authorization']);
const NOT_SECRET_NAMES = /^(?:public_?key|publickey|pubkey|key_?id|keyid|session_?state)$/i;

/** True when a parameter or field name means its value is a secret. */
export function isSecretName(name: string): boolean {
  if (NOT_SECRET_NAMES.test(name)) return false;
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().split(/[\s_.-]+/).filter(Boolean);
  const last = words[words.length - 1] ?? '';
  if (SECRET_WORDS.has(last)) return true;
  if (last === 'code') return words.length === 1 || ['auth', 'otp', 'access', 'authorization', 'verification', 'device', 'user', 'one'].includes(words[words.length - 2] ?? '');
  return false;
}
