/**
 * Planted secrets: a private key, passwords, Authorization/Proxy-Authorization values, NTLM and
 * Kerberos tokens, cookies, web tickets and OAuth tokens are planted in every kind of field (input,
 * section messages and data, object keys, findings, answers) and every raw file type; the zip is
 * unzipped with plain yauzl and every byte is searched.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { exportBundle } from '../../../../main/bundle/export';
import { importBundle } from '../../../../main/bundle/import';
import type { Finding } from '../../../../main/model/finding';
import type { RawArtifact, Sections, Snapshot } from '../../../../main/model/snapshot';
import { makeCert } from '../../../helpers/forge-certs';
import { seededKeys } from '../../../helpers/seeded-keys';
import { baseSnapshot, certInfo, certSection, dnsSection, name } from '../../../helpers/snapshot';
import { unzipPlain as unzip } from '../../../helpers/unzip-plain';

// A fixed key and certificate (seeded), so every run plants the same bytes.
const cert = makeCert({
  subjectCN: 'alice@contoso.com',
  issuerCN: 'Communications Server',
  emails: ['alice@contoso.com'],
  keys: seededKeys(13),
  serial: '0a1b2c3d4e5f',
  notBefore: new Date('2026-01-01T00:00:00Z'),
  notAfter: new Date('2027-01-01T00:00:00Z'),
});
/**
 * Needles from the key's private half: the PKCS#1 body starts with the public modulus (which the kept
 * certificate rightly carries), so the last full lines are taken — they hold the CRT values (dP, dQ, qInv)
 * that exist nowhere else. The test checks that below, so a needle can never be public material.
 */
const keyBody = cert.keyPem.split(/\r?\n/).filter((l) => /^[A-Za-z0-9+/=]{64}$/.test(l));
const privateLines = keyBody.slice(-4).map((l) => l.slice(0, 48));

/** Distinctive pieces of each planted secret: none may appear anywhere in the bundle. */
const NEEDLES = [
  ...privateLines,
  'PRIVATE KEY-----',
  'YIIGhgYGKwYBBQUCoIIGej',
  'TlRMTVNTUAADAAAAGAAY',
  'YWxpY2U6UzNjcjN0UGFzcw',
  'eyJ0eXAiOiJKV1QiLCJhbGciOi',
  'MRHSession=0123456789',
  'SETCOOKIESECRET',
  'WEBTICKETSECRET',
  'CWTSECRETTICKET',
  'InputProxySecret1',
  'FieldPwSecret',
  'KeyNameCookieSecret',
  'AnswerBearerSecret',
  'FindingPwSecret',
  'RawNamePwSecret',
  'RegPwSecret',
  'SAMLSECRETASSERTION',
  'BSTSECRETVALUE',
  'HarCookieSecret',
  'oYG2MIGzoAMKAQChCwYJ',
  'ClientSecretValue42',
];

const JWT = 'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl';
const NEGOTIATE = 'Negotiate YIIGhgYGKwYBBQUCoIIGejCCBnagMDAuBgkqhkiC9xIBAgIGCSqGSIb3EgECAg==';
const NTLM = 'NTLM TlRMTVNTUAADAAAAGAAYAIgAAAAYABgAoAAAAA4ADgBYAAAACgAKAGYAAAAU';

function planted(): { snapshot: Snapshot; findings: Finding[]; raw: RawArtifact[] } {
  const sections = {
    dns: dnsSection({ names: [name('sip', 'sip.contoso.com', ['192.0.2.1'])] }),
    certificates: certSection([certInfo(cert)]),
    // Sections with data shapes of their own (ids no schema knows, so the import checks only their envelope).
    httpTrace: {
      status: 'error',
      message: 'GET https://lyncweb.contoso.com/ucwa?cwt=CWTSECRETTICKET1 failed: 407',
      durationMs: 3,
      data: {
        endpoints: [
          {
            url: 'https://lyncdiscover.contoso.com',
            requestHeaders: { Authorization: NEGOTIATE, 'Proxy-Authorization': NTLM, Cookie: 'MRHSession=0123456789abcdef' },
            responseHeaders: ['Set-Cookie: ASP.NET_SessionId=SETCOOKIESECRET; path=/', 'X-MS-WebTicket: opaque=WEBTICKETSECRET'],
            password: 'FieldPwSecret',
            'Cookie: KeyNameCookieSecret=1': true,
            nested: [[{ note: `Authorization: Basic YWxpY2U6UzNjcjN0UGFzcw==` }]],
          },
        ],
        leftover: cert.keyPem,
      },
    },
    logExcerpt: { status: 'ok', message: 'log read', durationMs: 1, data: { lines: [`SIP/2.0 401\r\nWWW-Authenticate: Negotiate oYG2MIGzoAMKAQChCwYJKoZIgvcSAQICooGeBIGbYIGYBgkqhkiG9xIBAgICAG+BiDCBhaADAgEF`, `Authorization: Bearer ${JWT}`] } },
  } as unknown as Sections;
  const snapshot = baseSnapshot(sections, {
    input: { sipAddress: 'alice@contoso.com', sipDomain: 'contoso.com', dnsServer: null, timeoutMs: 3000, proxy: 'http://proxyuser:InputProxySecret1@proxy.contoso.com:8080' },
    answers: { mobile: { app: 'Lync Bearer AnswerBearerSecret0123456789abcdef' } },
  });
  const findings: Finding[] = [
    {
      checkId: 'LD-TEST-001',
      severity: 'error',
      title: 'planted',
      message: `sign-in failed with Authorization: ${NEGOTIATE}`,
      evidence: [{ label: 'command', value: "Set-Cred -Password 'FindingPwSecret'" }, { label: 'cookie', value: 'Cookie: MRHSession=0123456789abcdef' }],
      articleId: 'x',
      research: [],
      fix: 'client_secret=ClientSecretValue42',
      sections: ['proxy'],
    },
  ];
  const raw: RawArtifact[] = [
    { collectorId: 'proxy', name: 'http-trace.txt', content: `GET / HTTP/1.1\r\nHost: lyncweb.contoso.com\r\nProxy-Authorization: ${NTLM}\r\nCookie: MRHSession=0123456789abcdef\r\n\r\n` },
    { collectorId: 'proxy', name: 'response.json', content: JSON.stringify({ headers: { 'Set-Cookie': 'ASP.NET_SessionId=SETCOOKIESECRET', Authorization: `Bearer ${JWT}` }, password: 'FieldPwSecret' }, null, 2) },
    { collectorId: 'proxy', name: 'session.har', content: JSON.stringify({ log: { entries: [{ request: { headers: [{ name: 'Cookie', value: 'HarCookieSecret=1' }], cookies: [{ name: 'a', value: 'HarCookieSecret' }] } }] } }) },
    { collectorId: 'certificates', name: 'certs/alice.pem', content: `${cert.pem}${cert.keyPem}` },
    { collectorId: 'sip', name: 'webticket.xml', content: '<s:Envelope><wsse:BinarySecurityToken ValueType="x">BSTSECRETVALUE123</wsse:BinarySecurityToken><saml:Assertion ID="1">SAMLSECRETASSERTION</saml:Assertion></s:Envelope>' },
    { collectorId: 'logs', name: 'Lync-UccApi-0.UccApilog', content: `2026-03-02 09:15 INFO :: Authorization: ${NEGOTIATE}\n2026-03-02 09:15 INFO :: X-MS-WebTicket: opaque=WEBTICKETSECRET\n` },
    { collectorId: 'policy', name: 'reg-query.txt', content: '\r\nHKEY_CURRENT_USER\\Software\\X\r\n    ProxyPassword    REG_SZ    password=RegPwSecret\r\n' },
    { collectorId: 'proxy', name: 'password=RawNamePwSecret.txt', content: 'x' },
  ];
  return { snapshot, findings, raw };
}

test('the private-key needles are private: absent from the public certificate in every encoding', () => {
  assert.equal(privateLines.length, 4);
  for (const n of privateLines) {
    assert.equal(n.length, 48);
    assert.ok(!cert.pem.replace(/\r?\n/g, '').includes(n) && !cert.derBase64.includes(n), `${n} is public material`);
    assert.ok(cert.keyPem.includes(n));
  }
});

for (const level of ['standard', 'pseudonymise'] as const) {
  test(`no planted secret survives anywhere in a ${level} bundle`, async () => {
    const { snapshot, findings, raw } = planted();
    const b = await exportBundle({ snapshot, findings, raw }, { redaction: level, now: () => new Date('2026-06-02T00:00:00Z') });
    const entries = await unzip(b.zip);
    assert.ok(entries.length >= 5 + raw.length, 'every raw file type is in the bundle');
    for (const e of entries) {
      const text = e.data.toString('utf8');
      for (const needle of NEEDLES) {
        assert.ok(!text.includes(needle), `${needle} found in ${e.name}`);
        assert.ok(!e.name.includes(needle), `${needle} found in the entry name ${e.name}`);
      }
    }
    for (const needle of NEEDLES) assert.ok(!b.zip.includes(Buffer.from(needle)), `${needle} in the zip bytes`);
    // The context is still there to read: markers where the secrets were.
    const all = entries.map((e) => e.data.toString('utf8')).join('\n');
    for (const kind of ['private-key', 'authorization', 'cookie', 'web-ticket', 'password', 'saml']) assert.ok(all.includes(`[REDACTED:${kind}]`), `no ${kind} marker`);
    assert.ok(Object.values(b.manifest.redaction.removed).reduce((a, n) => a + n, 0) >= NEEDLES.length / 2);
    // and the public certificate is still in raw/ for a standard bundle
    if (level === 'standard') assert.ok(all.includes(cert.pem.split(/\r?\n/)[2] as string));
    // and it still imports
    const back = await importBundle(b.zip);
    assert.equal(back.raw.length, raw.length);
  });
}
