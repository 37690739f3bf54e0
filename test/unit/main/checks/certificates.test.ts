import assert from 'node:assert/strict';
import { test } from 'node:test';
import { leftoversAfterPolicy, personalStoreConflict, tlsDskDuplicates, tlsDskExpiry, tlsDskWithoutKey, unreadableCertificates } from '../../../../main/checks/certificates';
import { makeCert, tlsDskCert } from '../../../helpers/forge-certs';
import { baseSnapshot, certInfo, certSection, NOW, policySection } from '../../../helpers/snapshot';

const env = { now: NOW };
const day = (n: number): Date => new Date(NOW.getTime() + n * 86_400_000);
const valid = certInfo(tlsDskCert('alice@contoso.com', day(-10), day(170)));
const expired = certInfo(tlsDskCert('alice@contoso.com', day(-200), day(-1)));
const soon = certInfo(tlsDskCert('bob@contoso.com', day(-170), day(5)));
const wifi = certInfo(makeCert({ subjectCN: 'alice', issuerCN: 'Contoso Issuing CA', ekus: ['clientAuth'] }));
const server = certInfo(makeCert({ subjectCN: 'web', issuerCN: 'Contoso Issuing CA', ekus: ['serverAuth'] }));

test('LD-CERT-001: expired is an error, expiring within 14 days a warning, valid passes', () => {
  const f = tlsDskExpiry.evaluate(baseSnapshot({ certificates: certSection([valid, expired, soon]) }), env);
  assert.deepEqual(f.map((x) => x.severity), ['error', 'warning']);
  assert.ok(f[0]!.evidence.some((e) => e.label === 'thumbprint' && e.value === expired.thumbprint));
  assert.match(f[1]!.message, /in 5 day\(s\)/);
  assert.deepEqual(tlsDskExpiry.evaluate(baseSnapshot({ certificates: certSection([valid]) }), env), []);
});

test('LD-CERT-002: two TLS-DSK certificates for one SIP address; one per address passes', () => {
  const f = tlsDskDuplicates.evaluate(baseSnapshot({ certificates: certSection([valid, expired, soon]) }), env);
  assert.equal(f.length, 1);
  assert.match(f[0]!.message, /2 TLS-DSK certificates exist for alice@contoso.com/);
  assert.deepEqual(tlsDskDuplicates.evaluate(baseSnapshot({ certificates: certSection([valid, soon]) }), env), []);
});

test('LD-CERT-003: TLS-DSK next to a client-auth certificate without the policy', () => {
  const s = baseSnapshot({ certificates: certSection([valid, wifi]), policy: policySection([]) });
  const [f] = personalStoreConflict.evaluate(s, env);
  assert.ok(f);
  assert.ok(f.evidence.some((e) => e.label === 'other client certificate' && e.value.includes(wifi.thumbprint)));
});

test('LD-CERT-003 passes with the policy set, with only server certs, or without policy data', () => {
  assert.deepEqual(personalStoreConflict.evaluate(baseSnapshot({ certificates: certSection([valid, wifi]), policy: policySection([{ name: 'UseLyncCertStore', data: '0x1' }]) }), env), []);
  assert.deepEqual(personalStoreConflict.evaluate(baseSnapshot({ certificates: certSection([valid, server]), policy: policySection([]) }), env), []);
  assert.deepEqual(personalStoreConflict.evaluate(baseSnapshot({ certificates: certSection([valid, wifi]) }), env), []);
});

test('LD-CERT-004: policy set but TLS-DSK left in My; certs in LyncCertStore pass', () => {
  const policy = policySection([{ name: 'UseLyncCertStore', data: '0x1' }]);
  assert.equal(leftoversAfterPolicy.evaluate(baseSnapshot({ certificates: certSection([valid]), policy }), env).length, 1);
  const inStore = { ...valid, store: 'LyncCertStore' as const };
  assert.deepEqual(leftoversAfterPolicy.evaluate(baseSnapshot({ certificates: certSection([inStore]), policy }), env), []);
  assert.deepEqual(leftoversAfterPolicy.evaluate(baseSnapshot({ certificates: certSection([valid]), policy: policySection([{ name: 'UseLyncCertStore', data: '0x0' }]) }), env), []);
});

test('LD-CERT-005: valid TLS-DSK without private key', () => {
  assert.equal(tlsDskWithoutKey.evaluate(baseSnapshot({ certificates: certSection([{ ...valid, hasPrivateKey: false }]) }), env).length, 1);
  assert.deepEqual(tlsDskWithoutKey.evaluate(baseSnapshot({ certificates: certSection([valid]) }), env), []);
});

test('LD-CERT-006: unreadable certificates are reported as info', () => {
  const sec = { status: 'ok' as const, message: '', durationMs: 1, data: { stores: [], certificates: [], parseErrors: [{ store: 'My' as const, thumbprint: 'AB', reason: 'not a valid X.509 certificate' }] } };
  const [f] = unreadableCertificates.evaluate(baseSnapshot({ certificates: sec }), env);
  assert.match(f!.message, /could not be read/);
  assert.deepEqual(unreadableCertificates.evaluate(baseSnapshot({ certificates: certSection([valid]) }), env), []);
});
