/**
 * Issue 18 pins (session 8) from the review of the surviving mutants: forms each rule must handle on its own, where a
 * later rule does not happen to repair the result — YAML "key: value" (the name=value rule reads "=" only), spacing
 * around JSON colons as PowerShell/.NET pretty-printers write it, several credentials in one text, a secret parameter
 * inside another parameter's value, public PEM blocks next to tokens, marks of another kind left alone, escapes kept
 * byte for byte. Secrets are synthetic; expected outputs written from the formats before running the code.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { findLeaks, redactValue, SENSITIVE_KEY } from '../../../../main/bundle/redact';
import { KEYS, R, redact } from '../../../helpers/redact-check';

const PKCS8 = readFileSync(join(KEYS, 'test-rsa-12.pem'), 'utf8');

const CASES: ReadonlyArray<readonly [string, string, Record<string, number>]> = [
  // YAML / "key: value": only the password rule reads ":" — the whole value goes, its quotes stay
  ['password: hunter2', `password: ${R('password')}`, { password: 1 }],
  ["password: 'two words'", `password: '${R('password')}'`, { password: 1 }],
  ['client_secret: "s3cr3t value"', `client_secret: "${R('password')}"`, { password: 1 }],
  // a secret parameter inside another parameter's value (a return URL): the inner one still goes
  ['next=/login?otp=123456', `next=/login?otp=${R('password')}`, { password: 1 }],
  ['returnUrl=https://app.contoso.com/cb?pin=4321', `returnUrl=https://app.contoso.com/cb?pin=${R('password')}`, { password: 1 }],
  // name=value with a quoted value: the quotes stay, the value goes
  ['userPin="1234"', `userPin="${R('password')}"`, { password: 1 }],
  ["sessionKey='xyz'", `sessionKey='${R('password')}'`, { password: 1 }],
  // JSON pretty-printed with spaces before the colon (HAR header lists, cookie lists)
  ['{"name" : "Cookie", "value" : "a=b"}', `{"name" : "Cookie", "value" : "${R('cookie')}"}`, { cookie: 1 }],
  ['{"value" : "a=b", "name" : "Cookie"}', `{"value" : "${R('cookie')}", "name" : "Cookie"}`, { cookie: 1 }],
  ['{"value": "Basic dXNlcjpwYXNz", "name" : "Authorization"}', `{"value": "${R('authorization')}", "name" : "Authorization"}`, { authorization: 1 }],
  ['"cookies":[{"name":"a","value":"b"}]', `"cookies":["${R('cookie')}"]`, { cookie: 1 }],
  ['"cookies":  [{"name":"a","value":"b"}]', `"cookies":  ["${R('cookie')}"]`, { cookie: 1 }],
  // an empty HAR header value has nothing to hide
  ['{"name": "Cookie", "value": ""}', '{"name": "Cookie", "value": ""}', {}],
  ['{"value": "", "name": "Authorization"}', '{"value": "", "name": "Authorization"}', {}],
  // gssapi-data with a space before "=", and a JSON-escaped quoted value holding another escape
  ['gssapi-data ="Zm9vYmFyYmF6cXV4"', `gssapi-data ="${R('kerberos')}"`, { kerberos: 1 }],
  ['gssapi-data=\\"Zm9v\\\\YmFyYmF6\\"', `gssapi-data=\\"${R('kerberos')}\\"`, { kerberos: 1 }],
  // command-line switches: two spaces before the value, a JSON-escaped quoted value holding a backslash
  ['tool -Password  S3cret x', `tool -Password  ${R('password')} x`, { password: 1 }],
  ['tool --password \\"S3\\\\cret\\" x', `tool --password \\"${R('password')}\\" x`, { password: 1 }],
  // several credentials in one text: each goes (every rule replaces all its matches, in any letter case)
  ['Authorization: NTLM abc1\r\nAuthorization: NTLM def2', `Authorization: NTLM ${R('authorization')}\r\nAuthorization: NTLM ${R('authorization')}`, { authorization: 2 }],
  ['proxy-authorization: basic dXNlcjpwYXNz', `proxy-authorization: basic ${R('authorization')}`, { authorization: 1 }],
  ['Bearer abcdefghijklmno1 and Bearer zyxwvutsrqponml2', `Bearer ${R('token')} and Bearer ${R('token')}`, { token: 2 }],
  // URI schemes that are not "user:" — the part before "@" is no password
  ['ldap:cn@dc01.contoso.com ldaps:cn@dc01.contoso.com', 'ldap:cn@dc01.contoso.com ldaps:cn@dc01.contoso.com', {}],
  ['ms-settings:network@x msrtc:x@contoso.com news:x@contoso.com about:x@y data:x@y', 'ms-settings:network@x msrtc:x@contoso.com news:x@contoso.com about:x@y data:x@y', {}],
  // a password already replaced by a mark of any kind stays as it is (nothing added, nothing counted)
  ['bob:[REDACTED:password]@proxy.contoso.com', 'bob:[REDACTED:password]@proxy.contoso.com', {}],
  ['http://bob:[REDACTED:password]@proxy.contoso.com', 'http://bob:[REDACTED:password]@proxy.contoso.com', {}],
  ['<saml:Assertion ID="a1">[REDACTED:saml]</saml:Assertion>', '<saml:Assertion ID="a1">[REDACTED:saml]</saml:Assertion>', {}],
  // a JSON string with escapes but no secret keeps its escapes byte for byte
  ['{"url":"https:\\/\\/web.contoso.com\\/x","note":"caf\\u00e9"}', '{"url":"https:\\/\\/web.contoso.com\\/x","note":"caf\\u00e9"}', {}],
  // a cookie header in a JSON array, with a space before the colon: only its own string's value goes
  ['["Set-Cookie : a=b", "next"]', `["Set-Cookie : ${R('cookie')}", "next"]`, { cookie: 1 }],
];

test('rule forms a later rule does not repair: input → expected output and counts', () => {
  for (const [input, expected, counts] of CASES) assert.deepEqual(redact(input), { out: expected, counts }, input);
});

test('public PEM blocks: a token inside stays; a token before, after or right after the END line goes', () => {
  const token = `YII${'A1b2C3d4'.repeat(5)}`; // a SPNEGO-like base64 run (GSS-API 0x60)
  const cert = `-----BEGIN CERTIFICATE-----\n${token}\n-----END CERTIFICATE-----`;
  assert.deepEqual(redact(cert), { out: cert, counts: {} });
  assert.deepEqual(redact(`t ${token} x\n${cert}\nt ${token} x`), { out: `t ${R('kerberos')} x\n${cert}\nt ${R('kerberos')} x`, counts: { kerberos: 2 } });
  assert.deepEqual(redact(`${cert}${token}`), { out: `${cert}${R('kerberos')}`, counts: { kerberos: 1 } });
  // a block whose label says PRIVATE is not public, even when it is no key
  const priv = `-----BEGIN ENCRYPTED PRIVATE DATA-----\n${token}\n-----END ENCRYPTED PRIVATE DATA-----`;
  assert.equal(redact(priv).out, `-----BEGIN ENCRYPTED PRIVATE DATA-----\n${R('kerberos')}\n-----END ENCRYPTED PRIVATE DATA-----`);
});

test('a sensitive key whose value is already a mark (with leading space) is left alone and not counted', () => {
  const counts: Record<string, number> = {};
  assert.deepEqual(redactValue({ password: ' [REDACTED:password]' }, counts), { password: ' [REDACTED:password]' });
  assert.deepEqual(counts, {});
});

test('the leak guard knows a private-key header even without its closing dashes', () => {
  assert.deepEqual(findLeaks('-----BEGIN RSA PRIVATE KEY'), ['private-key']);
  assert.deepEqual(findLeaks('-----BEGIN PRIVATE KEY'), ['private-key']);
  assert.deepEqual(findLeaks('-----BEGIN CERTIFICATE'), []);
});

test('the leak guard sees a credential after an empty folded line (which the rules take too since session 10: redact-gaps.test.ts)', () => {
  // RFC 7230 obs-fold: the value continues on lines that start with a space; here the first continuation is empty
  for (const text of ['Set-Cookie:\n \n ab=c', 'Set-Cookie :\r\n \r\n\tab=c']) assert.deepEqual(findLeaks(text), ['cookie'], text);
  for (const text of ['Authorization: Negotiate\n \n abcdefgh12', 'authorization: negotiate\n \n abcdefgh12']) assert.deepEqual(findLeaks(text), ['authorization'], text);
  // already redacted: nothing to see; a value without a name ("=c") is a value all the same for the rules
  assert.deepEqual(findLeaks('Set-Cookie:\n \n [REDACTED:cookie]'), []);
  assert.deepEqual(findLeaks('Set-Cookie:\n \n =c'), ['cookie']);
});

test('the leak guard does not take JWT-like text with one-character or non-base64url parts for a token', () => {
  assert.deepEqual(findLeaks('eyJa.eyJb.'), []);
  assert.deepEqual(findLeaks('eyJ!!!!!.eyJ!!!!!.'), []);
  assert.deepEqual(findLeaks('eyJabcde.eyJ!!!!!.'), []);
});

test('a key in a JSON-like line that is not valid JSON, written with escaped slashes (\\/), goes whole', () => {
  const lines = PKCS8.trimEnd().split('\n');
  assert.ok(lines.slice(1, -1).some((l) => l.includes('/')));
  const text = lines.map((l) => l.replace(/\//g, '\\/')).join('\\n');
  // the string itself is not valid JSON (a raw Windows path), so it is read as text, escapes and all
  const line = `{"text": "C:\\Temp\\key.pem: ${text}", "size": 1704}`;
  assert.throws(() => JSON.parse(line.slice(9, line.indexOf('", "size') + 1)));
  assert.deepEqual(redact(line), { out: `{"text": "C:\\Temp\\key.pem: ${R('private-key')}", "size": 1704}`, counts: { 'private-key': 1 } });
});

test('a logged key cut after 16 base64 characters on a prefixed line: the piece goes with the header, once', () => {
  const lines = PKCS8.trimEnd().split('\n');
  const pre = '09:15:02.123 [7] INFO :: ';
  const text = `${pre}${lines[0]}\n${pre}${(lines[1] as string).slice(0, 16)}\n${pre}the key was cut here`;
  assert.deepEqual(redact(text), { out: `${pre}${R('private-key')}\n${pre}the key was cut here`, counts: { 'private-key': 1 } });
});

test('OAuth token keys written without their underscore are sensitive keys', () => {
  for (const k of ['refreshtoken', 'RefreshToken', 'idtoken', 'IdToken']) assert.ok(SENSITIVE_KEY.test(k), k);
  assert.deepEqual(redactValue({ RefreshToken: 'abc', IdToken: 'def' }), { RefreshToken: R('token'), IdToken: R('token') });
});

test('header lines after a JSON escape (\\n, \\r, \\t) in a string read as text (not valid JSON) lose their credentials too', () => {
  // "C:\Temp" makes the string invalid JSON, so it is not decoded: the headers follow the two characters \ and n
  const text = 'C:\\Temp\\x: ok\\nAuthorization: NTLM TlRMabcdefgh12345\\r\\nCookie: MRHSession=abc\\tSet-Cookie: a=b';
  assert.deepEqual(redact(text), {
    out: `C:\\Temp\\x: ok\\nAuthorization: NTLM ${R('authorization')}\\r\\nCookie: ${R('cookie')}\\tSet-Cookie: ${R('cookie')}`,
    counts: { authorization: 1, cookie: 2 },
  });
  // a name glued to a word is no header
  assert.deepEqual(redact('xnCookie: a=b'), { out: 'xnCookie: a=b', counts: {} });
});
