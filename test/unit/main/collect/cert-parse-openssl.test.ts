// cert-parse against certificates made by OpenSSL, expected values from OpenSSL's own reading
// (test/fixtures/certs/SOURCES.md), plus the input-validation boundaries.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseCertificate, pemOf, sipAddressFrom, thumbprintOf } from '../../../../main/collect/cert-parse';

const fx = (n: string): string => readFileSync(join(__dirname, '..', '..', '..', 'fixtures', 'certs', n), 'utf8').trim();

// `openssl x509 -inform DER -noout -text` of this certificate (OpenSSL 3.0, read before running our code):
//   Signature Algorithm: sha256WithRSAEncryption        → signatureAlgorithm
//   Subject Public Key Info: Public Key Algorithm: rsaEncryption, Public-Key: (2048 bit) → keyType 'rsa' (node:crypto's
//   name for rsaEncryption), keyBits 2048; an RSA key, so node-forge reads it (parsedWith 'node-forge'), no curve.
test('TLS-DSK-like certificate: every field as OpenSSL reads it', () => {
  const b64 = fx('openssl-tlsdsk-like.der.b64');
  const r = parseCertificate(`${b64.slice(0, 100)}\n  ${b64.slice(100)}\r\n`, 'LyncCertStore', true);
  assert.ok(r.ok, r.ok ? '' : r.reason);
  assert.deepEqual(r.cert, {
    store: 'LyncCertStore',
    thumbprint: '0A06530E286864EFD3BE49C7CACC3956B36F305E',
    subject: 'C=SE, O=Contoso, CN=Alice Smith', // OpenSSL RFC 2253: CN=Alice Smith,O=Contoso,C=SE (reverse order)
    issuer: 'CN=Communications Server',
    issuerCommonName: 'Communications Server',
    subjectCommonName: 'Alice Smith',
    sans: ['sip:Alice.Smith@Contoso.com', 'alice.contoso.com', 'alice@contoso.com', '127.0.0.1'],
    notBefore: '2026-12-05T06:25:20.000Z',
    notAfter: '2027-06-03T06:25:20.000Z',
    ekus: ['1.3.6.1.5.5.7.3.1', '1.3.6.1.5.5.7.3.2', '1.3.6.1.5.5.7.3.3', '1.3.6.1.5.5.7.3.4'],
    serialNumber: '1a2b3c',
    hasPrivateKey: true,
    tlsDsk: true,
    sipAddress: 'alice.smith@contoso.com',
    derBase64: b64,
    signatureAlgorithm: 'sha256WithRSAEncryption',
    keyType: 'rsa',
    keyBits: 2048,
    parsedWith: 'node-forge',
  });
});

test('ordinary web certificate: not TLS-DSK, no SIP address, no EKU', () => {
  const r = parseCertificate(fx('openssl-web.der.b64'), 'My', false);
  assert.ok(r.ok);
  assert.equal(r.cert.thumbprint, '19E4544954A21226496E6637F0F815824BB86FFD');
  assert.equal(r.cert.subject, 'CN=web.contoso.com, O=Contoso');
  assert.equal(r.cert.issuerCommonName, 'web.contoso.com');
  assert.equal(r.cert.serialNumber, '5dee9f228346f35baa2e0a09ebcac7321602e537');
  assert.deepEqual([r.cert.sans, r.cert.ekus, r.cert.tlsDsk, r.cert.sipAddress, r.cert.hasPrivateKey], [['web.contoso.com'], [], false, null, false]);
  assert.equal(r.cert.notAfter, '2027-01-04T06:25:20.000Z');
});

const BAD: ReadonlyArray<readonly [string, string, RegExp]> = [
  ['empty', '', /^certificate data is not base64$/],
  ['spaces only', ' \n ', /^certificate data is not base64$/],
  ['not base64', 'MII$$$', /^certificate data is not base64$/],
  ['three padding characters', 'QUJD===', /^certificate data is not base64$/],
  ['base64 of text', Buffer.from('hello, not a certificate').toString('base64'), /^not a valid X\.509 certificate \(/],
  ['truncated DER', 'x', /^not a valid X\.509 certificate \(/],
];
for (const [label, input, reason] of BAD) {
  test(`parseCertificate(${label}) → reason`, () => {
    const r = parseCertificate(input, 'My', false);
    assert.equal(r.ok, false);
    assert.match(r.ok ? '' : r.reason, reason);
  });
}

test('a certificate with one byte cut off, or one byte appended, is refused', () => {
  const der = Buffer.from(fx('openssl-web.der.b64'), 'base64');
  for (const bad of [der.subarray(0, der.length - 1), Buffer.concat([der, Buffer.from([0])])]) assert.equal(parseCertificate(bad.toString('base64'), 'My', false).ok, false);
});

test('thumbprint is upper-case SHA-1 hex; SIP address forms; PEM in 64-character lines', () => {
  assert.equal(thumbprintOf('abc'), 'A9993E364706816ABA3E25717850C26C9CD0D89D'); // FIPS 180 test vector
  assert.equal(sipAddressFrom(['DNS:x', 'sip:Bob@Fabrikam.COM']), 'bob@fabrikam.com');
  assert.equal(sipAddressFrom(["o'brien@contoso.co.uk"]), "o'brien@contoso.co.uk");
  assert.equal(sipAddressFrom(['bob@localhost', 'no address']), null);
  assert.equal(pemOf('A'.repeat(130)), `-----BEGIN CERTIFICATE-----\n${'A'.repeat(64)}\n${'A'.repeat(64)}\nAA\n-----END CERTIFICATE-----\n`);
  assert.equal(pemOf(''), '-----BEGIN CERTIFICATE-----\n\n-----END CERTIFICATE-----\n');
});
