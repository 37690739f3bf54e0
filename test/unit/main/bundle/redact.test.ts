/** Redaction rules: each kind of secret goes, the context around it stays, redaction is idempotent. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { findLeaks, redactText, redactValue } from '../../../../main/bundle/redact';
import { makeCert } from '../../../helpers/forge-certs';

const cases: ReadonlyArray<readonly [string, string, string, RegExp?]> = [
  // [input, secret substring that must go, kind, what must remain]
  ['Authorization: Negotiate YIIGhgYGKwYBBQUCoIIGejCCBnagMDAuBgkqhkiC9xIBAgIGCSqGSIb3EgECAg==', 'YIIGhgYGKwYBBQUC', 'authorization', /Authorization: Negotiate \[REDACTED:authorization\]/],
  ['proxy-authorization: NTLM TlRMTVNTUAADAAAAGAAYAIgAAAAYABgAoAAAAA4ADgBYAAAA', 'TlRMTVNTUAAD', 'authorization', /proxy-authorization: NTLM \[REDACTED/],
  ['Authorization: Basic YWxpY2U6UzNjcjN0UGFzcw==', 'YWxpY2U6UzNjcjN0', 'authorization', /Basic \[REDACTED/],
  ['Authorization: Bearer eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl', 'eyJ0eXAiOiJKV1Qi', 'authorization'],
  ['Authorization: Digest username="alice", realm="x", response="6629fae49393a05397450978507c4ef1"', '6629fae49393a053', 'authorization', /Digest \[REDACTED/],
  ['Authorization: TLS-DSK qop="auth", opaque="0123abcd", crand="5f2a", response="aabbccddeeff00112233"\r\nNext: x', 'opaque="0123abcd"', 'authorization', /TLS-DSK \[REDACTED:authorization\]\r\nNext: x$/],
  ['<Header>Authorization: Bearer abcdefghijklmnop1234</Header>', 'abcdefghijklmnop1234', 'authorization', /\]<\/Header>$/],
  ['Cookie: MRHSession=0123456789abcdefSECRET; Other=xyz', 'MRHSession=0123', 'cookie', /Cookie: \[REDACTED:cookie\]/],
  ['Set-Cookie: ASP.NET_SessionId=SETCOOKIESECRET123; path=/; HttpOnly', 'SETCOOKIESECRET', 'cookie'],
  ['X-MS-WebTicket: opaque=WEBTICKETSECRET0123456789', 'WEBTICKETSECRET', 'web-ticket', /X-MS-WebTicket: \[REDACTED:web-ticket\]/],
  ['GET https://lyncweb.contoso.com/ucwa/v1/applications?cwt=CWTSECRETTICKET123&x=1', 'CWTSECRETTICKET', 'web-ticket', /&x=1$/],
  ['client_secret=ClientSecretValue42&grant_type=password', 'ClientSecretValue', 'password', /grant_type=password/],
  ['access_token=AccessTokenValue99', 'AccessTokenValue', 'token'],
  ['{"password": "JsonPwSecret", "user": "alice"}', 'JsonPwSecret', 'password', /"user": "alice"/],
  ['{"Authorization":"Negotiate abc"}', 'Negotiate abc', 'authorization'],
  ['password: yamlSecretPw', 'yamlSecretPw', 'password'],
  ['Set-ProxyCred -UserName alice -Password P@ssw0rdCli', 'P@ssw0rdCli', 'password', /-UserName alice -Password \[REDACTED/],
  ['net use x: /user:alice /p:NetUsePw1', 'NetUsePw1', 'password'],
  ['proxy http://proxyuser:ProxyPassSecret@proxy.contoso.com:8080 used', 'ProxyPassSecret', 'url-password', /proxyuser:\[REDACTED:url-password\]@proxy\.contoso\.com/],
  ['WWW-Authenticate: Negotiate oYG2MIGzoAMKAQChCwYJKoZIgvcSAQICooGeBIGbYIGYBgkqhkiG9xIBAgICAG+BiDCBhaADAgEF', 'oYG2MIGzoAMK', 'kerberos'],
  ['token in log YIIFzQYJKoZIhvcSAQICAQBuggW8MIIFuKADAgEFoQMCAQ6iBwMFACAAAACjggTR end', 'YIIFzQYJKoZI', 'kerberos', /end$/],
  ['<wsse:BinarySecurityToken ValueType="x">BSTSECRETVALUE123</wsse:BinarySecurityToken>', 'BSTSECRETVALUE', 'saml', /<wsse:BinarySecurityToken>/],
  ['<saml:Assertion ID="a"><saml:Subject>alice</saml:Subject>SAMLSECRET</saml:Assertion>', 'SAMLSECRET', 'saml'],
  ['MsRtcOAuth eyJhbGciOiJub25lIn0.eyJ1cG4iOiJhbGljZSJ9.', 'eyJ1cG4iOiJhbGljZSJ9', 'jwt'],
];

test('each planted secret is removed, its kind counted, its context kept', () => {
  for (const [input, secret, kind, keep] of cases) {
    const counts: Record<string, number> = {};
    const out = redactText(input, counts);
    assert.ok(!out.includes(secret), `${kind}: "${secret}" survived in: ${out}`);
    assert.ok(out.includes('[REDACTED:'), `${kind}: no marker in ${out}`);
    assert.ok(Object.values(counts).reduce((a, b) => a + b, 0) > 0, `${kind}: not counted`);
    if (keep) assert.match(out, keep);
    assert.equal(redactText(out), out, `not idempotent for ${kind}: ${out}`);
    assert.deepEqual(findLeaks(out), [], `leak guard still sees ${kind} in ${out}`);
  }
});

test('PEM private keys go whole (PKCS#1, PKCS#8, encrypted, cut-off); certificates stay', () => {
  const cert = makeCert({ subjectCN: 'sip.contoso.com' });
  const keyBody = cert.keyPem.split('\n')[3] as string;
  for (const pem of [cert.keyPem, cert.keyPem.replace(/RSA PRIVATE KEY/g, 'PRIVATE KEY'), cert.keyPem.replace(/RSA PRIVATE KEY/g, 'ENCRYPTED PRIVATE KEY'), cert.keyPem.slice(0, 400)]) {
    const text = `before\n${cert.pem}${pem}\nafter`;
    const out = redactText(text);
    assert.ok(!out.includes(keyBody.slice(0, 40)) && !out.includes('PRIVATE KEY-----'), out.slice(0, 300));
    assert.ok(out.includes('[REDACTED:private-key]'));
    assert.ok(out.includes(cert.pem.trim()), 'the public certificate is kept');
    assert.ok(out.startsWith('before'));
  }
  // The same key inside JSON text (escaped newlines) also goes, and the JSON stays valid.
  const json = JSON.stringify({ key: cert.keyPem, other: 'x' });
  const outJson = redactText(json);
  const parsed = JSON.parse(outJson) as { key: string; other: string };
  assert.match(parsed.key, /^\[REDACTED:private-key\]\s*$/);
  assert.equal(parsed.other, 'x');
});

test('ordinary diagnostic text is left alone (no false positives on our own data)', () => {
  const cert = makeCert({ subjectCN: 'sip.contoso.com' });
  const texts = [
    cert.derBase64,
    cert.pem,
    'lyncdiscover.contoso.com\tA\tanswer\t192.0.2.10\t12ms',
    'Proxy-Authenticate: NTLM, Negotiate, Basic realm="corp"',
    'The proxy asked for NTLM authentication; Basic authentication is disabled.',
    'HKEY_CURRENT_USER\\SOFTWARE\\Policies\\Microsoft\\Office\\16.0\\Lync    EnableSIPHighSecurityMode    REG_DWORD    0x1',
    'TLS-DSK certificate for alice@contoso.com expired on 2026-02-10 (20 days ago).',
    'ms-diagnostics: 1000;reason="Final handshake failed";source="pool01.contoso.com"',
    'thumbprint A41B19C69F5F142C61B4798E62E53D635DB887FE',
    // SIP addresses and URIs are not credentials; parameter names that merely contain a secret word stay.
    'From: <sip:alice@contoso.com>;tag=c5e826a828;epid=2385f4c267',
    'Contact: <sip:10.1.2.3:50123;transport=tls;ms-opaque=77a6d4f9c0>;proxy=replace',
    'P-Asserted-Identity: <sip:alice@contoso.com>, <tel:+14255550100>',
    'mailto:alice@contoso.com and alice@contoso.com',
    'statusCode=407 keyUsage=digitalSignature authSchemes=NTLM publicKey=RSA2048 errorCode=0x80EF0191',
    'WWW-Authenticate: NTLM realm="SIP Communications Service", targetname="pool01.contoso.com", version=4',
    'C:\\Users\\alice\\AppData\\Local\\Microsoft\\Office\\16.0\\Lync\\sip_alice@contoso.com',
  ];
  for (const t of texts) assert.equal(redactText(t), t);
});

test('values under sensitive keys go whole wherever they sit; structure and other values stay', () => {
  const value = {
    status: 'ok',
    data: {
      endpoints: [{ url: 'https://a', headers: { Authorization: 'Negotiate abc', Cookie: ['a=1', 'b=2'], Accept: 'text/xml' }, password: 'pw1', hasPrivateKey: true }],
      token: 'short',
    },
  };
  const counts: Record<string, number> = {};
  const out = redactValue(value, counts);
  assert.deepEqual(out, {
    status: 'ok',
    data: {
      endpoints: [{ url: 'https://a', headers: { Authorization: '[REDACTED:authorization]', Cookie: ['[REDACTED:cookie]', '[REDACTED:cookie]'], Accept: 'text/xml' }, password: '[REDACTED:password]', hasPrivateKey: true }],
      token: '[REDACTED:token]',
    },
  });
  // counted under the kind each mark names (issue 18: all were counted as "password")
  assert.deepEqual(counts, { authorization: 1, cookie: 2, password: 1, token: 1 });
  assert.deepEqual(redactValue(out), out);
});

test('secrets in object keys are redacted too', () => {
  const out = redactValue({ 'Cookie: KEYSECRET=1': 1 });
  assert.deepEqual(Object.keys(out), ['Cookie: [REDACTED:cookie]']);
});

test('a header inside JSON text stops at the JSON escape, so the rest of the document survives', () => {
  const json = JSON.stringify({ log: 'Authorization: Negotiate abcdefgh12345678\nNext: 1', other: 'x' });
  const parsed = JSON.parse(redactText(json)) as { log: string; other: string };
  assert.equal(parsed.log, 'Authorization: Negotiate [REDACTED:authorization]\nNext: 1');
  assert.equal(parsed.other, 'x');
});

test('HAR header lists and cookie lists lose their values and stay valid JSON', () => {
  const har = JSON.stringify({ headers: [{ name: 'Cookie', value: 'HarSecret=1' }, { value: 'Negotiate abc', name: 'Authorization' }, { name: 'Accept', value: 'text/html' }], cookies: [{ name: 'a', value: 'HarSecret2' }] }, null, 2);
  const out = redactText(har);
  assert.ok(!out.includes('HarSecret') && !out.includes('Negotiate abc'), out);
  const parsed = JSON.parse(out) as { headers: Array<{ name: string; value: string }>; cookies: unknown[] };
  assert.equal(parsed.headers[2]?.value, 'text/html');
  assert.deepEqual(parsed.cookies, ['[REDACTED:cookie]']);
  assert.equal(redactText(out), out);
});

/** Every PEM block of a file (certificates only). */
function pemBlocks(path: string): string[] {
  return readFileSync(path, 'utf8').match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----\n?/g) ?? [];
}
const FIX = join(__dirname, '../../../fixtures/bundle');

test('public certificates whose PEM lines start like Kerberos tokens (YI/oY/oR) are never touched', () => {
  const lookalikes = pemBlocks(join(FIX, 'kerberos-lookalike-certs.pem'));
  const mozilla = pemBlocks(join(FIX, 'real/mozilla-ca-bundle-deb12.pem'));
  assert.equal(lookalikes.length, 60);
  assert.equal(mozilla.length, 144);
  // The precondition that makes this test mean something: each look-alike has such a line.
  for (const pem of lookalikes) assert.match(pem, /^(?:YI|oY|oR)[A-Za-z0-9+/]{30,}/m);
  assert.equal(mozilla.filter((p) => /^(?:YI|oY|oR)[A-Za-z0-9+/]{30,}/m.test(p)).length, 1);
  for (const pem of [...lookalikes, ...mozilla]) {
    const prefixed = pem.split('\n').map((l) => (l ? `2026-03-02 09:15:02.123 INFO :: ${l}` : l)).join('\n');
    for (const text of [pem, `cert:\r\n${pem.replace(/\n/g, '\r\n')}`, prefixed]) assert.equal(redactText(text), text);
    const json = JSON.stringify({ pem });
    assert.equal(redactText(json), json);
    assert.deepEqual(findLeaks(pem), []);
  }
  // …while the same base64 outside a PEM block, after a Negotiate header, still goes.
  const line = (lookalikes[0] as string).split('\n').find((l) => /^(?:YI|oY|oR)/.test(l)) as string;
  assert.equal(redactText(`WWW-Authenticate: Negotiate ${line}`), 'WWW-Authenticate: Negotiate [REDACTED:kerberos]');
  assert.equal(redactText(`token ${line} end`), 'token [REDACTED:kerberos] end');
});

test('every key the text rules treat as a secret is also a sensitive key, so a JSON entry never trips the leak guard', () => {
  for (const key of ['password', 'passwd', 'pwd', 'passphrase', 'client_secret', 'secret', 'access_token', 'refresh_token', 'id_token', 'token', 'cwt', 'webticket', 'web_ticket', 'apikey', 'api_key', 'sig', 'SAMLResponse', 'proxyPassword']) {
    const value = redactValue({ [key]: 'Sekr3tValue' });
    const text = JSON.stringify(value, null, 1);
    assert.ok(!text.includes('Sekr3tValue'), key);
    assert.deepEqual(findLeaks(text), [], `${key}: ${text}`);
  }
});
