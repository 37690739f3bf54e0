// One table per redaction rule: a secret just inside each rule's limits is replaced (with its kind counted),
// one just outside is left alone. Secrets are synthetic (labelled: never real credentials); the forms follow
// RFC 7235 (Authorization), RFC 6265 (Cookie), MS-NLMP (NTLMSSP base64 "TlRMTVNTUA"), RFC 4178 (SPNEGO
// 0x60/0xa1 → "YI"/"oY"/"oR"), RFC 7519 (JWT), RFC 2617 (Digest response), RFC 3986 (userinfo).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findLeaks, redactText, redactValue, SENSITIVE_KEY } from '../../../../main/bundle/redact';

const R = (k: string) => `[REDACTED:${k}]`;
const b64 = (n: number, first = 'A') => first + 'bCdEfGhIjKlMnOpQrStUvWxYz0123456789abcdefghijklmnopqrstuvwxyz'.repeat(3).slice(0, n - 1);

// input → expected output, and the counts it must add
const CASES: ReadonlyArray<readonly [string, string, string, Record<string, number>]> = [
  ['PEM RSA key', '-----BEGIN RSA PRIVATE KEY-----\nMIIBOgIBAAJBAK=\n-----END RSA PRIVATE KEY-----', R('private-key'), { 'private-key': 1 }],
  // issue 18: a key cut off at the end of the text takes its short last line with it (once redacted, once counted); before,
  // the 14-character remainder was left to the armour-less DER rule and counted twice — and any remainder not starting
  // like DER (MII…) stayed in the bundle (see redact-misses.test.ts).
  ['PEM PKCS#8 cut off', 'x -----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBg', `x ${R('private-key')}`, { 'private-key': 1 }],
  ['PEM PKCS#8 cut off after a full line', 'x -----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7\n', `x ${R('private-key')}`, { 'private-key': 1 }], // a blank line just after the body goes with it
  ['PEM certificate stays', '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----', '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----', {}],
  ['SAML assertion', '<saml:Assertion ID="a1">secret</saml:Assertion>', `<saml:Assertion>${R('saml')}</saml:Assertion>`, { saml: 1 }],
  ['web ticket element', '<WebTicket>abc</WebTicket>', `<WebTicket>${R('saml')}</WebTicket>`, { saml: 1 }],
  ['other XML stays', '<Address>abc</Address>', '<Address>abc</Address>', {}],
  ['Cookie header', 'Cookie: a=b; c=d', `Cookie: ${R('cookie')}`, { cookie: 1 }],
  ['Set-Cookie header stops at a tag', 'Set-Cookie: x=1<br>', `Set-Cookie: ${R('cookie')}<br>`, { cookie: 1 }],
  ['X-MS-WebTicket header', 'X-MS-WebTicket: opaque', `X-MS-WebTicket: ${R('web-ticket')}`, { 'web-ticket': 1 }],
  ['X-Api-Key header', 'X-Api-Key= k1', `X-Api-Key= ${R('token')}`, { token: 1 }],
  ['JSON Authorization', '"Authorization": "Bearer abc"', `"Authorization": "${R('authorization')}"`, { authorization: 1 }],
  ['JSON Proxy-Authorization', '"Proxy-Authorization":"NTLM x"', `"Proxy-Authorization":"${R('authorization')}"`, { authorization: 1 }],
  ['JSON Cookie', '"cookie": "a=b"', `"cookie": "${R('cookie')}"`, { cookie: 1 }],
  ['JSON web ticket', '"X-MS-WebTicket": "t"', `"X-MS-WebTicket": "${R('web-ticket')}"`, { 'web-ticket': 1 }],
  ['JSON empty Cookie stays', '"Cookie": ""', '"Cookie": ""', {}],
  ['HAR header name first', '{"name": "Cookie", "value": "a=b"}', `{"name": "Cookie", "value": "${R('cookie')}"}`, { cookie: 1 }],
  ['HAR header value first', '{"value": "a=b", "name": "Authorization"}', `{"value": "${R('authorization')}", "name": "Authorization"}`, { authorization: 1 }],
  ['HAR other header stays', '{"name": "Accept", "value": "a"}', '{"name": "Accept", "value": "a"}', {}],
  ['cookie list', '"cookies": [{"name":"a","value":"b"}]', `"cookies": ["${R('cookie')}"]`, { cookie: 1 }],
  ['empty cookie list stays', '"cookies": [ ]', '"cookies": [ ]', {}],
  ['Authorization keeps the scheme', 'Authorization: NTLM abcdef', `Authorization: NTLM ${R('authorization')}`, { authorization: 1 }],
  ['Proxy-Authorization Basic', 'Proxy-Authorization: Basic dXNlcjpwYXNz', `Proxy-Authorization: Basic ${R('authorization')}`, { authorization: 1 }],
  ['Authorization without a scheme', 'authorization=xyz', `authorization=${R('authorization')}`, { authorization: 1 }],
  ['Authorization with a scheme only stays', 'Authorization: Negotiate', 'Authorization: Negotiate', {}],
  ['raw NTLMSSP', 'hdr TlRMTVNTUAABAAAAB4IIog== end', `hdr ${R('ntlm')} end`, { ntlm: 1 }],
  ['SPNEGO token, 32 chars', `t ${b64(30, 'YI')}x end`, `t ${R('kerberos')} end`, { kerberos: 1 }],
  ['SPNEGO oY token', `t ${b64(32, 'oY')} end`, `t ${R('kerberos')} end`, { kerberos: 1 }],
  ['"YI" + 29 chars stays', `t ${b64(30, 'YI')} end`, `t ${b64(30, 'YI')} end`, {}],
  ['SPNEGO inside a longer word stays', `t x${b64(40, 'YI')} end`, `t x${b64(40, 'YI')} end`, {}],
  ['JWT', 'id eyJhbGciOi.eyJzdWIiOi.c2lnbmF0dXJl end', `id ${R('jwt')} end`, { jwt: 1 }],
  ['JWT-like with a 4-char part stays', 'eyJhbGc.eyJzdWI.sig', 'eyJhbGc.eyJzdWI.sig', {}],
  ['scheme + 16 chars with a digit', 'Bearer abcdefghijklmno1 x', `Bearer ${R('token')} x`, { token: 1 }],
  ['scheme + 24 letters', 'Bearer abcdefghijklmnopqrstuvwx x', `Bearer ${R('token')} x`, { token: 1 }],
  ['scheme + 23 letters stays', 'Bearer abcdefghijklmnopqrstuvw x', 'Bearer abcdefghijklmnopqrstuvw x', {}],
  ['scheme + 15 chars stays', 'Bearer abcdefghijklmn1 x', 'Bearer abcdefghijklmn1 x', {}],
  ['password=', 'user=bob&password=hunter2&x=1', `user=bob&password=${R('password')}&x=1`, { password: 1 }],
  ['"token": "…"', '{"token": "abc"}', `{"token": "${R('token')}"}`, { token: 1 }],
  ['cwt=', 'cwt=AAEC', `cwt=${R('web-ticket')}`, { 'web-ticket': 1 }],
  ['SAMLResponse=', 'SAMLResponse=PHNh', `SAMLResponse=${R('web-ticket')}`, { 'web-ticket': 1 }],
  ["pwd='…'", "pwd='a b'", `pwd='${R('password')}'`, { password: 1 }],
  ['sig=', 'sv=1&sig=abc', `sv=1&${'sig'}=${R('password')}`, { password: 1 }],
  ['empty password stays', 'password=&x', 'password=&x', {}],
  ['mypassword= stays', 'mypassword=x', 'mypassword=x', {}],
  ['-Password x', 'cmd -Password s3cret -Force', `cmd -Password ${R('password')} -Force`, { password: 1 }],
  ['/p:x', 'net use /p:secret', `net use /p:${R('password')}`, { password: 1 }],
  ['--pass "a b"', 'x --pass "a b"', `x --pass "${R('password')}"`, { password: 1 }],
  ['-Password followed by a switch stays', 'cmd -Password -Force', 'cmd -Password -Force', {}],
  ['Digest response, 16 hex', 'response="0123456789abcdef"', `response="${R('password')}"`, { password: 1 }],
  ['Digest response unquoted (stays unquoted)', 'response=0123456789abcdef0123', `response=${R('password')}`, { password: 1 }],
  ['15 hex stays', 'response="0123456789abcde"', 'response="0123456789abcde"', {}],
  ['URL password', 'http://bob:pw1@proxy:8080/', `http://bob:${R('url-password')}@proxy:8080/`, { 'url-password': 1 }],
  ['URL without password stays', 'http://bob@proxy:8080/', 'http://bob@proxy:8080/', {}],
];

for (const [label, input, want, counts] of CASES) {
  test(`redactText: ${label}`, () => {
    const c: Record<string, number> = {};
    assert.equal(redactText(input, c), want);
    // counted once per secret, under the kind its mark names (issue 18)
    assert.deepEqual(c, counts);
    const KINDS = ['private-key', 'authorization', 'cookie', 'web-ticket', 'ntlm', 'kerberos', 'token', 'jwt', 'password', 'url-password', 'saml'];
    for (const k of Object.keys(c)) assert.ok(KINDS.includes(k), `count under an unknown kind "${k}"`);
    const marks = [...want.matchAll(/\[REDACTED:([a-z-]+)\]/g)].map((m) => m[1]);
    assert.deepEqual(marks.sort(), Object.entries(counts).flatMap(([k, n]) => Array(n).fill(k)).sort());
    assert.equal(redactText(want), want, 'idempotent');
  });
}

test('redactText works without a counts object', () => {
  assert.equal(redactText('password=x'), `password=${R('password')}`);
});

test('redactValue: sensitive keys go whole, by kind; empty and already-redacted values stay; keys are redacted too', () => {
  const c: Record<string, number> = {};
  const out = redactValue({ Cookie: 'a', WebTicket: 'b', Authorization: 'c', private_key: 'd', password: 'e', token: '', secret: R('password'), other: 'password=f', 'password=g': 1 }, c);
  assert.deepEqual(out, { Cookie: R('cookie'), WebTicket: R('web-ticket'), Authorization: R('authorization'), private_key: R('private-key'), password: R('password'), token: '', secret: R('password'), other: `password=${R('password')}`, [`password=${R('password')}`]: 1 });
  assert.deepEqual(c, { cookie: 1, 'web-ticket': 1, authorization: 1, 'private-key': 1, password: 3 }); // by mark kind (issue 18)
  assert.deepEqual(redactValue({ Cookie: 'a' }), { Cookie: R('cookie') });
});

// text → leak kinds still visible. Issue 13: the guard names the high-confidence signatures AND every shape a redaction
// rule would still change (under the rule's kind), so whatever redaction takes, the guard also catches.
const LEAKS: ReadonlyArray<readonly [string, string[]]> = [
  ['-----BEGIN EC PRIVATE KEY-----', ['private-key']],
  ['-----BEGIN ENCRYPTED PRIVATE KEY-----', ['private-key']],
  ['MIIEvQIBADANBgkqhkiG9w0BAQEFAASC', ['private-key']], // PKCS#8 DER without armour
  ['-----BEGIN PUBLIC KEY-----', []],
  ['TlRMTVNTUA', ['ntlm']],
  ['eyJhbGciOi.eyJzdWIiOi.', ['jwt']],
  ['eyJhbGc.eyJzdWI.sig', []], // 4-character parts: not a JWT for either rule
  ['Authorization: Bearer abcdefgh', ['authorization']],
  ['Proxy-Authorization : NTLM abcdefgh', ['authorization']],
  ['Authorization: Bearer abcdefg', ['authorization']], // under the 8-character signature, but the authorization rule redacts it
  ['Authorization: Bearer', []], // a scheme without credentials
  ['Authorization: NTLM TlRMTVNTUAABAAAAB4IIog==', ['authorization', 'ntlm']],
  [`Authorization: Bearer ${R('authorization')}`, []],
  ['Set-Cookie: a=1', ['cookie']],
  ['Cookie: a', ['cookie']],
  [`Set-Cookie: ${R('cookie')}`, []],
  ['password=x', ['password']],
  ['password=', []],
  ['http://bob:pw@proxy:8080/', ['url-password']],
  ['sip:alice@contoso.com', []],
  ['-----BEGIN CERTIFICATE-----', []],
];
for (const [text, kinds] of LEAKS) test(`findLeaks(${JSON.stringify(text)}) → [${kinds.join(', ')}]`, () => assert.deepEqual(findLeaks(text).sort(), kinds));

// Issue 13 widened the keys: short forms (pw, pass, sig, cwt, api_key, samlresponse, gssapi-data) and any name that ends in
// a password/secret word after a prefix (userPassword, proxy_password, dbPasswd, clientSecret, app_secret, mypassword).
test('SENSITIVE_KEY: each spelling of each key goes whole; near misses do not', () => {
  for (const k of ['password', 'passwd', 'pwd', 'pw', 'pass', 'passphrase', 'secret', 'client_secret', 'clientsecret', 'authorization', 'proxy-authorization', 'proxyauthorization', 'cookie', 'cookies', 'set-cookie', 'setcookie', 'x-ms-webticket', 'web_ticket', 'webticket', 'access_token', 'accesstoken', 'refresh_token', 'id_token', 'token', 'bearer', 'private_key', 'privatekey', 'credential', 'credentials', 'PASSWORD', 'gssapi-data', 'gssapidata', 'sig', 'cwt', 'api_key', 'apikey', 'samlresponse', 'mypassword', 'userPassword', 'proxy_password', 'proxy-password', '_password', 'dbPasswd', 'clientSecret', 'app_secret']) assert.ok(SENSITIVE_KEY.test(k), k);
  for (const k of ['passwords', 'password_hint', 'passwordPolicy', 'tokens', 'cookie_name', 'key', 'publickey', 'thumbprint', 'signature', 'secretary', 'secrets', 'client__secret']) assert.ok(!SENSITIVE_KEY.test(k), k);
});

test('already-redacted and quoted values are left as they are', () => {
  for (const t of [`password="${R('password')}"`, `password='${R('password')}'`, `-Password '${R('password')}'`, `--pwd "${R('password')}"`, `"name": "Cookie", "value": "${R('cookie')}"`, `"cookies": [${R('cookie')}]`, `Authorization: NTLM ${R('authorization')}`, 'password=""', "pwd=''", '-Password ""']) {
    assert.equal(redactText(t), t, t);
  }
  assert.equal(redactText('password="a b" x'), `password="${R('password')}" x`);
  assert.equal(redactText("-Password 'a b' x"), `-Password '${R('password')}' x`);
  assert.equal(redactText('/password:x'), `/password:${R('password')}`);
  assert.equal(redactText('-pwd\tx'), `-pwd\t${R('password')}`);
  assert.equal(redactText('response = 0123456789abcdef'), `response = ${R('password')}`); // (unquoted stays unquoted: redact-gaps.test.ts)
  assert.equal(redactText('"Authorization" : "x"'), `"Authorization" : "${R('authorization')}"`);
  assert.equal(redactText('{"name":"Proxy-Authorization","value":"x"}'), `{"name":"Proxy-Authorization","value":"${R('authorization')}"}`);
  assert.equal(redactText('{"name": "Set-Cookie2", "value": "x"}'), `{"name": "Set-Cookie2", "value": "${R('cookie')}"}`);
  assert.equal(redactText('{"name":"X-MS-WebTicket","value":"x"}'), `{"name":"X-MS-WebTicket","value":"${R('web-ticket')}"}`);
  assert.equal(redactText('<wst:RequestedSecurityToken>t</wst:RequestedSecurityToken>'), `<wst:RequestedSecurityToken>${R('saml')}</wst:RequestedSecurityToken>`);
});

// Issue 13: the cookie rule takes any value after the Set-Cookie header name, so the guard does too (no "name=" needed).
test('findLeaks: any value after a Set-Cookie header is a leak; only the header name itself counts', () => {
  assert.deepEqual(findLeaks('Set-Cookie:a=1'), ['cookie']);
  assert.deepEqual(findLeaks('Set-Cookie :  ab=1'), ['cookie']);
  assert.deepEqual(findLeaks('Set-Cookie: =1'), ['cookie']);
  assert.deepEqual(findLeaks('Set-Cookie:'), []);
  assert.deepEqual(findLeaks('Set-Cookie-Policy: a=1'), []);
});
