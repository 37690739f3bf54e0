// cert-parse, field by field, against OpenSSL's own reading of certificates made with OpenSSL
// (`openssl x509 -noout -subject -issuer -serial -startdate -enddate -fingerprint -sha1
// -ext subjectAltName,extendedKeyUsage -nameopt RFC2253`, run on 2026-12-05; sources in
// test/fixtures/certs/SOURCES.md and test/fixtures/tls/real-like/SOURCES.md). Both paths: node-forge
// (RSA keys) and node:crypto (EC, DSA). Key facts (type, size) are pinned elsewhere and left out here.
// OpenSSL prints RFC 2253 names last-RDN-first; ours keep the certificate's order ("C=SE, O=Contoso, CN=…").
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseCertificate } from '../../../../main/collect/cert-parse';
import { cnFromNode } from '../../../../main/collect/tls-cert-facts';
import type { CertificateInfo } from '../../../../main/model/certificates';

const FX = join(__dirname, '..', '..', '..', 'fixtures');
const b64 = (n: string): string => readFileSync(join(FX, 'certs', n), 'utf8').trim();
const pem = (n: string): string => readFileSync(join(FX, 'tls', 'real-like', `${n}.pem`), 'utf8').replace(/-----[^-]+-----|\s/g, '');

const EKU = { serverAuth: '1.3.6.1.5.5.7.3.1', clientAuth: '1.3.6.1.5.5.7.3.2', codeSigning: '1.3.6.1.5.5.7.3.3', emailProtection: '1.3.6.1.5.5.7.3.4' };
type Fields = Pick<CertificateInfo, 'thumbprint' | 'subject' | 'issuer' | 'issuerCommonName' | 'subjectCommonName' | 'sans' | 'notBefore' | 'notAfter' | 'ekus' | 'serialNumber' | 'tlsDsk' | 'sipAddress' | 'parsedWith'>;

const CERTS: ReadonlyArray<readonly [string, string, Fields]> = [
  [
    'TLS-DSK-like RSA certificate (node-forge): every SAN kind, four EKUs',
    b64('openssl-tlsdsk-like.der.b64'),
    {
      thumbprint: '0A06530E286864EFD3BE49C7CACC3956B36F305E',
      subject: 'C=SE, O=Contoso, CN=Alice Smith',
      issuer: 'CN=Communications Server',
      issuerCommonName: 'Communications Server',
      subjectCommonName: 'Alice Smith',
      sans: ['sip:Alice.Smith@Contoso.com', 'alice.contoso.com', 'alice@contoso.com', '127.0.0.1'],
      notBefore: '2026-12-05T06:25:20.000Z',
      notAfter: '2027-06-03T06:25:20.000Z',
      ekus: [EKU.serverAuth, EKU.clientAuth, EKU.codeSigning, EKU.emailProtection],
      serialNumber: '1a2b3c',
      tlsDsk: true,
      sipAddress: 'alice.smith@contoso.com',
      parsedWith: 'node-forge',
    },
  ],
  [
    'self-signed web certificate (node-forge): no EKU, not TLS-DSK',
    b64('openssl-web.der.b64'),
    {
      thumbprint: '19E4544954A21226496E6637F0F815824BB86FFD',
      subject: 'CN=web.contoso.com, O=Contoso',
      issuer: 'CN=web.contoso.com, O=Contoso',
      issuerCommonName: 'web.contoso.com',
      subjectCommonName: 'web.contoso.com',
      sans: ['web.contoso.com'],
      notBefore: '2026-12-05T06:25:20.000Z',
      notAfter: '2027-01-04T06:25:20.000Z',
      ekus: [],
      serialNumber: '5dee9f228346f35baa2e0a09ebcac7321602e537',
      tlsDsk: false,
      sipAddress: null,
      parsedWith: 'node-forge',
    },
  ],
  [
    'TLS-DSK-shaped EC certificate (node:crypto): SIP URI SAN',
    pem('tlsdsk-ec'),
    {
      thumbprint: 'AC0039A49C35903FE07390B096C92A5AA0BE8845',
      subject: 'CN=alice@contoso.com',
      issuer: 'CN=Communications Server',
      issuerCommonName: 'Communications Server',
      subjectCommonName: 'alice@contoso.com',
      sans: ['sip:alice@contoso.com'],
      notBefore: '2026-12-05T06:07:17.000Z',
      notAfter: '2027-06-03T06:07:17.000Z',
      ekus: [EKU.clientAuth],
      serialNumber: '282416fbc030a86d67806a45b393e861ad598cf8',
      tlsDsk: true,
      sipAddress: 'alice@contoso.com',
      parsedWith: 'node-crypto',
    },
  ],
  [
    'EC server certificate (node:crypto): DNS SAN, two EKUs in certificate order',
    pem('leaf-ec'),
    {
      thumbprint: '8302C8D715DA6AEB2224D1F73513B8970DA67F2A',
      subject: 'CN=ec.lab.test',
      issuer: 'O=Lync Doctor Lab, CN=LD Lab Issuing CA',
      issuerCommonName: 'LD Lab Issuing CA',
      subjectCommonName: 'ec.lab.test',
      sans: ['ec.lab.test'],
      notBefore: '2026-12-05T06:03:42.000Z',
      notAfter: '2126-11-11T06:03:42.000Z',
      ekus: [EKU.serverAuth, EKU.clientAuth],
      serialNumber: '538ce02dbbdc553fc3a4e8299dae89a7eddf7be4',
      tlsDsk: false,
      sipAddress: null,
      parsedWith: 'node-crypto',
    },
  ],
  [
    'DSA client certificate (node:crypto): e-mail and UPN SANs',
    pem('client-dsa'),
    {
      thumbprint: 'B46862DB6C90B91696DC60999AAB5424B07D4B82',
      subject: 'CN=dsa user',
      issuer: 'O=Lync Doctor Lab, CN=LD Lab Issuing CA',
      issuerCommonName: 'LD Lab Issuing CA',
      subjectCommonName: 'dsa user',
      sans: ['user@lab.test', 'user@lab.test'],
      notBefore: '2026-12-05T06:03:42.000Z',
      notAfter: '2126-11-11T06:03:42.000Z',
      ekus: [EKU.clientAuth],
      serialNumber: '538ce02dbbdc553fc3a4e8299dae89a7eddf7be7',
      tlsDsk: false,
      sipAddress: null,
      parsedWith: 'node-crypto',
    },
  ],
];

for (const [label, der, want] of CERTS) {
  for (const [store, key] of [['LyncCertStore', true], ['My', false]] as const) {
    test(`${label} [${store}]`, () => {
      const r = parseCertificate(der, store, key);
      assert.ok(r.ok, r.ok ? '' : r.reason);
      if (!r.ok) return;
      const got = Object.fromEntries(Object.keys(want).map((k) => [k, r.cert[k as keyof CertificateInfo]]));
      assert.deepEqual(got, want);
      assert.equal(r.cert.store, store);
      assert.equal(r.cert.hasPrivateKey, key);
      assert.equal(r.cert.derBase64, der);
    });
  }
}

test('base64 with line breaks and spaces (as certutil/PowerShell wrap it) reads the same certificate; derBase64 is the clean form', () => {
  const der = b64('openssl-tlsdsk-like.der.b64');
  const wrapped = `  ${der.match(/.{1,64}/g)!.join('\r\n')}\n\t `;
  const r = parseCertificate(wrapped, 'My', false);
  assert.ok(r.ok);
  assert.equal(r.ok && r.cert.thumbprint, '0A06530E286864EFD3BE49C7CACC3956B36F305E');
  assert.equal(r.ok && r.cert.derBase64, der);
});

test('the reasons for refused input name the step that failed', () => {
  const web = Buffer.from(b64('openssl-web.der.b64'), 'base64');
  const cases: ReadonlyArray<readonly [string, string]> = [
    ['A', 'not a valid X.509 certificate ('],
    ['=AAA', 'certificate data is not base64'],
    [web.subarray(0, 40).toString('base64'), 'not a valid X.509 certificate ('],
    [Buffer.concat([web, Buffer.from([5, 0])]).toString('base64'), 'not a valid X.509 certificate ('],
  ];
  for (const [input, start] of cases) {
    const r = parseCertificate(input, 'My', false);
    assert.equal(r.ok, false, input.slice(0, 20));
    assert.ok(!r.ok && r.reason.startsWith(start), `${input.slice(0, 20)}: ${r.ok ? '' : r.reason}`);
    assert.ok(!r.ok && !r.reason.includes('\n'), 'one line');
  }
});

// Rarer shapes (test/fixtures/certs/SOURCES.md, second list): no CN, a Registered ID and a non-UPN othername in
// the SAN (not names: left out, never an empty or undefined entry), a padded upper-case TLS-DSK issuer name.
const RARE: ReadonlyArray<readonly [string, string, Partial<CertificateInfo>]> = [
  ['RSA, no CN, DNS + Registered ID (node-forge)', 'openssl-rsa-nocn-rid.der.b64', { parsedWith: 'node-forge', thumbprint: '319E3F6E70EE515F337EA84FC92BF62148343AE0', subject: 'O=Contoso, OU=Lync', subjectCommonName: '', issuerCommonName: '', sans: ['nocn.contoso.com'], ekus: [EKU.clientAuth], tlsDsk: false, sipAddress: null }],
  ['EC, no CN, DNS + Registered ID + SmtpUTF8Mailbox othername (node:crypto)', 'openssl-ec-nocn-rid.der.b64', { parsedWith: 'node-crypto', thumbprint: '762FA678309A2194DCB7959EAE9BB39F65AB8528', subject: 'O=Contoso, OU=Lync', subjectCommonName: '', issuerCommonName: '', sans: ['ec-nocn.contoso.com'], ekus: [], tlsDsk: false, sipAddress: null }],
  ['RSA, issuer " COMMUNICATIONS SERVER " (node-forge)', 'openssl-rsa-padded-issuer.der.b64', { parsedWith: 'node-forge', thumbprint: '949A37953D8ADB6132209FCC1441880F5C8406EB', issuerCommonName: ' COMMUNICATIONS SERVER ', sans: [], ekus: [], tlsDsk: true, sipAddress: null }],
  ['EC, issuer " COMMUNICATIONS SERVER " (node:crypto)', 'openssl-ec-padded-issuer.der.b64', { parsedWith: 'node-crypto', thumbprint: '7340E7AA4EC19F35CE7DD09BD75BA555C91F6758', issuerCommonName: ' COMMUNICATIONS SERVER ', sans: [], ekus: [], tlsDsk: true, sipAddress: null }],
  // A CN inside a multi-valued RDN (OpenSSL reads "CN=Communications Server+OU=Lync,O=Contoso"): node:crypto writes that
  // RDN as one line "OU=Lync + CN=Communications Server", where the CN once went unfound (no TLS-DSK issuer on EC keys).
  ['RSA, CN in a multi-valued RDN "OU=Lync + CN=Communications Server" (node-forge)', 'openssl-rsa-multivalued-rdn.der.b64', { parsedWith: 'node-forge', thumbprint: '7E5D4C3F3193A9FA5039C20A7C2410A637FA0380', subjectCommonName: 'Communications Server', issuerCommonName: 'Communications Server', sans: [], ekus: [], tlsDsk: true, sipAddress: null }],
  ['EC, CN in a multi-valued RDN "OU=Lync + CN=Communications Server" (node:crypto)', 'openssl-ec-multivalued-rdn.der.b64', { parsedWith: 'node-crypto', thumbprint: 'C5AECB26C67323C3275FC7701187A32E996AF3C3', subjectCommonName: 'Communications Server', issuerCommonName: 'Communications Server', sans: [], ekus: [], tlsDsk: true, sipAddress: null }],
];
for (const [label, file, want] of RARE) {
  test(`rare shape: ${label}`, () => {
    const r = parseCertificate(b64(file), 'My', false);
    assert.ok(r.ok, r.ok ? '' : r.reason);
    if (!r.ok) return;
    assert.deepEqual(Object.fromEntries(Object.keys(want).map((k) => [k, r.cert[k as keyof CertificateInfo]])), want);
  });
}

test('DER that is ASN.1 but not a certificate (SEQUENCE { INTEGER 1 }): both readers refuse it, with the first line of the reason', () => {
  const r = parseCertificate(Buffer.from([0x30, 0x03, 0x02, 0x01, 0x01]).toString('base64'), 'My', false);
  assert.equal(r.ok, false);
  assert.match(r.ok ? '' : r.reason, /^not a valid X\.509 certificate \([^\n]{5,}\)$/);
});

test('the ASN.1 error reason keeps its whole first line, not a character of it', () => {
  const r = parseCertificate(Buffer.from('hello, not a certificate').toString('base64'), 'My', false);
  assert.match(r.ok ? '' : r.reason, /^not a valid X\.509 certificate \([^\n]{5,}\)$/);
});

// node:crypto's own name text for certificates made with `openssl req -subj` (OpenSSL 3.0.19, node 20, 2026-12-07):
// "/O=Contoso/CN=a \+ b" → "O=Contoso\nCN=a \\+ b"; with -multivalue-rdn "/O=Contoso/CN=Pool+OU=Lync" →
// "O=Contoso\nCN=Pool + OU=Lync". Only an unescaped " + " separates the parts of one RDN.
test('cnFromNode: the CN of a multi-valued RDN, first or not, and a "+" inside a value', () => {
  assert.equal(cnFromNode('O=Contoso\nCN=Pool + OU=Lync'), 'Pool');
  assert.equal(cnFromNode('O=Contoso\nOU=Lync + CN=Communications Server'), 'Communications Server');
  assert.equal(cnFromNode('O=Contoso\nCN=a \\+ b'), 'a + b');
  assert.equal(cnFromNode('OU=x + O=y\nCN=z'), 'z');
  assert.equal(cnFromNode('O=Contoso'), '');
  assert.equal(cnFromNode(undefined), '');
});
