import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseCertificate, pemOf, sipAddressFrom, thumbprintOf } from '../../../../main/collect/cert-parse';
import { makeCert, tlsDskCert } from '../../../helpers/forge-certs';

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
