import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { tlsDskExpiry, unreadableCertificates } from '../../../../main/checks/certificates';
import { parseCertificate, pemOf, sipAddressFrom, thumbprintOf } from '../../../../main/collect/cert-parse';
import { makeCert, tlsDskCert } from '../../../helpers/forge-certs';
import { ok } from '../../../helpers/network-snapshot';
import { baseSnapshot } from '../../../helpers/snapshot';

test('a TLS-DSK certificate is recognised with its SIP address, validity and EKU', () => {
  const c = tlsDskCert('Alice@Contoso.com', new Date('2026-01-01T00:00:00Z'), new Date('2026-06-30T00:00:00Z'));
  const r = parseCertificate(c.derBase64, 'My', true);
  assert.ok(r.ok);
  if (!r.ok) return;
  assert.equal(r.cert.tlsDsk, true);
  assert.equal(r.cert.sipAddress, 'alice@contoso.com');
  assert.equal(r.cert.issuerCommonName, 'Communications Server');
  assert.equal(r.cert.notAfter, '2026-06-30T00:00:00.000Z');
  assert.deepEqual(r.cert.ekus, ['1.3.6.1.5.5.7.3.2']);
  assert.equal(r.cert.thumbprint, thumbprintOf(c.der));
  assert.equal(r.cert.hasPrivateKey, true);
});

test('a certificate from another issuer is not TLS-DSK', () => {
  const c = makeCert({ subjectCN: 'alice', issuerCN: 'Contoso CA', ekus: ['clientAuth'] });
  const r = parseCertificate(c.derBase64, 'My', false);
  assert.ok(r.ok && !r.cert.tlsDsk && r.cert.sipAddress === null);
});

test('garbage, truncated and empty DER give a reason, never an exception', () => {
  const good = tlsDskCert('a@b.com', new Date(), new Date(Date.now() + 1e9)).derBase64;
  for (const bad of ['', '!!!not base64!!!', Buffer.from('hello world').toString('base64'), good.slice(0, 120), good.slice(0, good.length - 8), `${good}AAAA`]) {
    const r = parseCertificate(bad, 'My', false);
    assert.equal(r.ok, false, `expected failure for ${bad.slice(0, 20)}`);
    if (!r.ok) assert.ok(r.reason.length > 5);
  }
});

test('SIP address extraction and PEM output', () => {
  assert.equal(sipAddressFrom(['sip:Bob@Fabrikam.com']), 'bob@fabrikam.com');
  assert.equal(sipAddressFrom(['no address here']), null);
  assert.match(pemOf('QUJD'), /^-----BEGIN CERTIFICATE-----\nQUJD\n-----END CERTIFICATE-----\n$/);
});

// Certificates with keys node-forge cannot read, made with OpenSSL (test/fixtures/tls/real-like/make-certs.sh,
// make-tlsdsk.sh); expected values are OpenSSL's own reading (`openssl x509 -noout -text -fingerprint -sha1`).
const realLike = (n: string): string => readFileSync(join(__dirname, '..', '..', '..', 'fixtures', 'tls', 'real-like', `${n}.pem`), 'utf8').replace(/-----[^-]+-----|\s/g, '');

test('EC, Ed25519 and DSA client certificates are read (node:crypto), with key type, size, signature algorithm, SAN and EKU', () => {
  const expected = [
    { file: 'client-ec', keyType: 'ec', keyBits: 384, keyCurve: 'secp384r1', subjectCN: 'user@lab.test', thumbprint: 'AE3E40085EA499E37082406BEED122824237D0F1' },
    { file: 'client-ed25519', keyType: 'ed25519', keyBits: 255, subjectCN: 'ed25519 user', thumbprint: '1050677D527057402B6D1E6D69AB4C6279B90462' },
    { file: 'client-dsa', keyType: 'dsa', keyBits: 2048, subjectCN: 'dsa user', thumbprint: 'B46862DB6C90B91696DC60999AAB5424B07D4B82' },
  ];
  for (const e of expected) {
    const r = parseCertificate(realLike(e.file), 'My', true);
    assert.ok(r.ok, `${e.file}: ${r.ok ? '' : r.reason}`);
    if (!r.ok) continue;
    assert.equal(r.cert.parsedWith, 'node-crypto', e.file);
    assert.equal(r.cert.keyType, e.keyType, e.file);
    assert.equal(r.cert.keyBits, e.keyBits, e.file);
    if (e.keyCurve) assert.equal(r.cert.keyCurve, e.keyCurve);
    assert.equal(r.cert.signatureAlgorithm, 'sha256WithRSAEncryption', e.file);
    assert.equal(r.cert.subjectCommonName, e.subjectCN);
    assert.equal(r.cert.issuer, 'O=Lync Doctor Lab, CN=LD Lab Issuing CA');
    assert.equal(r.cert.thumbprint, e.thumbprint);
    assert.deepEqual(r.cert.ekus, ['1.3.6.1.5.5.7.3.2'], e.file);
    assert.deepEqual(r.cert.sans, ['user@lab.test', 'user@lab.test'], `${e.file}: e-mail and UPN`);
    assert.equal(r.cert.tlsDsk, false);
  }
});

test('an RSA certificate still goes through node-forge and now carries key facts too', () => {
  const r = parseCertificate(realLike('leaf-good'), 'My', false);
  assert.ok(r.ok);
  if (!r.ok) return;
  assert.equal(r.cert.parsedWith, 'node-forge');
  assert.equal(r.cert.keyType, 'rsa');
  assert.equal(r.cert.keyBits, 2048);
  assert.equal(r.cert.signatureAlgorithm, 'sha256WithRSAEncryption');
});

test('an EC TLS-DSK certificate counts in the client-certificate checks (LD-CERT-001 sees it expire)', () => {
  const r = parseCertificate(realLike('tlsdsk-ec'), 'My', true);
  assert.ok(r.ok, r.ok ? '' : r.reason);
  if (!r.ok) return;
  assert.equal(r.cert.tlsDsk, true);
  assert.equal(r.cert.sipAddress, 'alice@contoso.com');
  assert.equal(r.cert.thumbprint, 'AC0039A49C35903FE07390B096C92A5AA0BE8845');
  const snap = baseSnapshot({ certificates: ok<'certificates'>({ stores: [{ store: 'My', outcome: 'ok', message: '' }], certificates: [r.cert], parseErrors: [] }) });
  const after = new Date(Date.parse(r.cert.notAfter) + 86_400_000);
  const findings = tlsDskExpiry.evaluate(snap, { now: after });
  assert.equal(findings.length, 1);
  assert.match(findings[0]!.message, /alice@contoso\.com|AC0039A4/i);
  assert.deepEqual(unreadableCertificates.evaluate(snap, { now: after }), []);
});
