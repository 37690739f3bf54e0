// Boundary tables for the TLS-DSK certificate checks (LD-CERT-001…006). Certificates are hand-built
// CertificateInfo records (labelled: the parser is tested on real certificates in test/unit/main/collect).
// Expected values come from the rules in README "Checks" and knowledge/articles (SFB-KI-006, SFB-KI-007).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EXPIRY_WARNING_DAYS, leftoversAfterPolicy, personalStoreConflict, tlsDskDuplicates, tlsDskExpiry, tlsDskWithoutKey, unreadableCertificates } from '../../../../main/checks/certificates';
import type { Check, FindingDraft } from '../../../../main/checks/types';
import type { CertificateInfo } from '../../../../main/model/certificates';
import { baseSnapshot, certSection, NOW, policySection } from '../../../helpers/snapshot';

const env = { now: NOW };
const DAY = 86_400_000;
const CLIENT_AUTH = '1.3.6.1.5.5.7.3.2';
const SERVER_AUTH = '1.3.6.1.5.5.7.3.1';
const at = (ms: number): string => new Date(NOW.getTime() + ms).toISOString();
const severity = (c: Check, d: FindingDraft) => d.severity ?? c.severity;

let serial = 0;
/** A hand-built certificate record. */
function cert(over: Partial<CertificateInfo> = {}): CertificateInfo {
  serial++;
  const tp = serial.toString(16).toUpperCase().padStart(40, 'A');
  return {
    store: 'My',
    thumbprint: tp,
    subject: 'CN=alice@contoso.com',
    issuer: 'CN=Communications Server',
    issuerCommonName: 'Communications Server',
    subjectCommonName: 'alice@contoso.com',
    sans: [],
    notBefore: at(-170 * DAY),
    notAfter: at(170 * DAY),
    ekus: [CLIENT_AUTH],
    serialNumber: String(serial),
    hasPrivateKey: true,
    tlsDsk: true,
    sipAddress: 'alice@contoso.com',
    derBase64: '',
    ...over,
  };
}
const other = (over: Partial<CertificateInfo> = {}) => cert({ tlsDsk: false, sipAddress: null, subject: 'CN=alice', subjectCommonName: 'alice', issuer: 'CN=Contoso Issuing CA', issuerCommonName: 'Contoso Issuing CA', ...over });
const certs = (list: CertificateInfo[], policy?: Array<{ name: string; data: string; type?: string }>) =>
  baseSnapshot({ certificates: certSection(list), ...(policy ? { policy: policySection(policy) } : {}) });

test('LD-CERT-001 window is 14 days; default severities of the family', () => {
  assert.equal(EXPIRY_WARNING_DAYS, 14);
  assert.deepEqual([tlsDskExpiry, tlsDskDuplicates, personalStoreConflict, leftoversAfterPolicy, tlsDskWithoutKey, unreadableCertificates].map((c) => c.severity), ['error', 'warning', 'warning', 'warning', 'warning', 'info']);
});

// notAfter relative to now → expected severity and message fragment (null = passes).
const EXPIRY: ReadonlyArray<readonly [string, number, null | readonly ['error' | 'warning', string]]> = [
  ['expired 10 days ago', -10 * DAY, ['error', '(10 days ago)']],
  ['expired 1 ms ago', -1, ['error', '(0 days ago)']],
  ['expires exactly now', 0, ['error', '(0 days ago)']],
  ['expires in 1 ms', 1, ['warning', 'in 1 day(s)']],
  ['expires in 1 day', DAY, ['warning', 'in 1 day(s)']],
  ['expires in 13 days', 13 * DAY, ['warning', 'in 13 day(s)']],
  ['expires 1 ms before the 14-day limit', 14 * DAY - 1, ['warning', 'in 14 day(s)']],
  ['expires exactly 14 days from now', 14 * DAY, null],
  ['expires 14 days + 1 ms from now', 14 * DAY + 1, null],
  ['expires in 15 days', 15 * DAY, null],
];
for (const [label, offset, want] of EXPIRY) {
  test(`LD-CERT-001 TLS-DSK ${label} → ${want ? want[0] : 'pass'}`, () => {
    const c = cert({ notAfter: at(offset) });
    const f = tlsDskExpiry.evaluate(certs([c]), env);
    if (!want) return assert.deepEqual(f, []);
    assert.equal(f.length, 1);
    assert.equal(severity(tlsDskExpiry, f[0]!), want[0]);
    assert.ok(f[0]!.message.includes(want[1]), f[0]!.message);
    assert.ok(f[0]!.message.includes(`for alice@contoso.com ${want[0] === 'error' ? 'expired on' : 'expires on'} ${c.notAfter.slice(0, 10)}`), f[0]!.message);
    assert.deepEqual(f[0]!.evidence, [
      { label: 'thumbprint', value: c.thumbprint },
      { label: 'store', value: 'Cert:\\CurrentUser\\My' },
      { label: 'subject', value: c.subject },
      { label: 'valid', value: `${c.notBefore} → ${c.notAfter}` },
    ]);
  });
}

test('LD-CERT-001 ignores non-TLS-DSK certificates and unusable sections; names the CN without a SIP address', () => {
  assert.deepEqual(tlsDskExpiry.evaluate(certs([other({ notAfter: at(-DAY) })]), env), []);
  assert.deepEqual(tlsDskExpiry.evaluate(baseSnapshot({ certificates: { status: 'error', message: 'x', durationMs: 1, data: { stores: [], certificates: [cert({ notAfter: at(-DAY) })], parseErrors: [] } } }), env), []);
  assert.deepEqual(tlsDskExpiry.evaluate(baseSnapshot(), env), []);
  const [f] = tlsDskExpiry.evaluate(certs([cert({ sipAddress: null, subjectCommonName: 'bob', notAfter: at(DAY), store: 'LyncCertStore' })]), env);
  assert.ok(f!.message.includes('for bob expires'));
  assert.equal(f!.evidence[1]!.value, 'Cert:\\CurrentUser\\LyncCertStore');
  // each certificate judged on its own
  assert.deepEqual(tlsDskExpiry.evaluate(certs([cert({ notAfter: at(-DAY) }), cert(), cert({ notAfter: at(DAY) })]), env).map((d) => severity(tlsDskExpiry, d)), ['error', 'warning']);
});

// LD-CERT-002: TLS-DSK certificates per SIP address (any store); 1 passes, 2+ warns.
const DUPES: ReadonlyArray<readonly [string, () => CertificateInfo[], null | readonly [number, string]]> = [
  ['one TLS-DSK', () => [cert()], null],
  ['two for one address', () => [cert({ notAfter: at(10 * DAY) }), cert({ notAfter: at(300 * DAY), store: 'LyncCertStore' })], [2, 'alice@contoso.com']],
  ['three for one address', () => [cert(), cert(), cert()], [3, 'alice@contoso.com']],
  ['one each for two addresses', () => [cert(), cert({ sipAddress: 'bob@contoso.com' })], null],
  ['one TLS-DSK and a non-TLS-DSK with the same address', () => [cert(), other({ sipAddress: 'alice@contoso.com' })], null],
  ['two without SIP address, same CN', () => [cert({ sipAddress: null, subjectCommonName: 'x' }), cert({ sipAddress: null, subjectCommonName: 'x' })], [2, '(no SIP address) x']],
  ['two without SIP address, different CNs', () => [cert({ sipAddress: null, subjectCommonName: 'x' }), cert({ sipAddress: null, subjectCommonName: 'y' })], null],
];
for (const [label, make, want] of DUPES) {
  test(`LD-CERT-002 ${label} → ${want ? 'warning' : 'pass'}`, () => {
    const list = make();
    const f = tlsDskDuplicates.evaluate(certs(list), env);
    if (!want) return assert.deepEqual(f, []);
    assert.equal(f.length, 1);
    assert.equal(severity(tlsDskDuplicates, f[0]!), 'warning');
    const newest = [...list].sort((a, b) => b.notAfter.localeCompare(a.notAfter))[0]!;
    assert.equal(f[0]!.message, `${want[0]} TLS-DSK certificates exist for ${want[1]}; expected 1. The newest expires ${newest.notAfter.slice(0, 10)}.`);
    assert.deepEqual(f[0]!.evidence, list.map((c) => ({ label: `${c.store} ${c.thumbprint}`, value: `valid ${c.notBefore.slice(0, 10)} → ${c.notAfter.slice(0, 10)}` })));
  });
}

test('LD-CERT-002 needs certificate data', () => {
  assert.deepEqual(tlsDskDuplicates.evaluate(baseSnapshot(), env), []);
});

// LD-CERT-003: TLS-DSK in My + another client-auth certificate (My, private key, clientAuth EKU or no EKU = any purpose), policy not 1.
const OFF: Array<{ name: string; data: string }> = [];
const CONFLICT: ReadonlyArray<readonly [string, () => CertificateInfo[], Array<{ name: string; data: string; type?: string }> | undefined, boolean]> = [
  ['TLS-DSK + Wi-Fi client cert, no policy value', () => [cert(), other()], OFF, true],
  ['TLS-DSK + Wi-Fi client cert, policy 0x0', () => [cert(), other()], [{ name: 'UseLyncCertStore', data: '0x0' }], true],
  ['TLS-DSK + Wi-Fi client cert, policy 0x1', () => [cert(), other()], [{ name: 'UseLyncCertStore', data: '0x1' }], false],
  ['TLS-DSK + Wi-Fi client cert, policy 1 as REG_SZ (ignored by the client)', () => [cert(), other()], [{ name: 'UseLyncCertStore', data: '1', type: 'REG_SZ' }], true],
  ['TLS-DSK + Wi-Fi client cert, policy section missing', () => [cert(), other()], undefined, false],
  ['other cert without private key', () => [cert(), other({ hasPrivateKey: false })], OFF, false],
  ['other cert with server-auth EKU only', () => [cert(), other({ ekus: [SERVER_AUTH] })], OFF, false],
  ['other cert without EKU (any purpose)', () => [cert(), other({ ekus: [] })], OFF, true],
  ['other cert with server- and client-auth EKUs', () => [cert(), other({ ekus: [SERVER_AUTH, CLIENT_AUTH] })], OFF, true],
  ['other cert in LyncCertStore', () => [cert(), other({ store: 'LyncCertStore' })], OFF, false],
  ['TLS-DSK only in LyncCertStore', () => [cert({ store: 'LyncCertStore' }), other()], OFF, false],
  ['TLS-DSK alone', () => [cert()], OFF, false],
  ['other cert alone', () => [other()], OFF, false],
];
for (const [label, make, policy, fires] of CONFLICT) {
  test(`LD-CERT-003 ${label} → ${fires ? 'warning' : 'pass'}`, () => {
    const list = make();
    const f = personalStoreConflict.evaluate(certs(list, policy), env);
    if (!fires) return assert.deepEqual(f, []);
    assert.equal(f.length, 1);
    assert.equal(severity(personalStoreConflict, f[0]!), 'warning');
    const [dsk, oth] = list as [CertificateInfo, CertificateInfo];
    assert.ok(f[0]!.message.startsWith('1 TLS-DSK certificate(s) sit in Cert:\\CurrentUser\\My beside 1 other client-authentication certificate(s)'), f[0]!.message);
    const expectPolicy = policy!.length ? `HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Office\\16.0\\Lync = ${policy![0]!.data}` : 'not set under HKLM/HKCU ...\\Office\\{15.0,16.0}\\Lync';
    assert.deepEqual(f[0]!.evidence, [
      { label: 'TLS-DSK', value: `${dsk.thumbprint} (${dsk.subject})` },
      { label: 'other client certificate', value: `${oth.thumbprint} (${oth.subject}, issuer Contoso Issuing CA)` },
      { label: 'policy UseLyncCertStore', value: expectPolicy },
    ]);
  });
}

test('LD-CERT-003 ignores other policy values and matches the name case-insensitively', () => {
  assert.equal(personalStoreConflict.evaluate(certs([cert(), other()], [{ name: 'SomethingElse', data: '0x1' }]), env).length, 1);
  assert.deepEqual(personalStoreConflict.evaluate(certs([cert(), other()], [{ name: 'uselynccertstore', data: '0x1' }]), env), []);
});

// LD-CERT-004: policy 1 and TLS-DSK still in My.
const LEFT: ReadonlyArray<readonly [string, () => CertificateInfo[], Array<{ name: string; data: string }> | undefined, number]> = [
  ['policy 0x1, TLS-DSK in My', () => [cert()], [{ name: 'UseLyncCertStore', data: '0x1' }], 1],
  ['policy 0x1, two TLS-DSK in My', () => [cert(), cert()], [{ name: 'UseLyncCertStore', data: '0x1' }], 2],
  ['policy 0x1, TLS-DSK in LyncCertStore', () => [cert({ store: 'LyncCertStore' })], [{ name: 'UseLyncCertStore', data: '0x1' }], 0],
  ['policy 0x1, non-TLS-DSK in My', () => [other()], [{ name: 'UseLyncCertStore', data: '0x1' }], 0],
  ['policy 0x0, TLS-DSK in My', () => [cert()], [{ name: 'UseLyncCertStore', data: '0x0' }], 0],
  ['policy 0x2, TLS-DSK in My', () => [cert()], [{ name: 'UseLyncCertStore', data: '0x2' }], 0],
  ['no policy value, TLS-DSK in My', () => [cert()], [], 0],
  ['no policy section, TLS-DSK in My', () => [cert()], undefined, 0],
];
for (const [label, make, policy, n] of LEFT) {
  test(`LD-CERT-004 ${label} → ${n ? 'warning' : 'pass'}`, () => {
    const list = make();
    const f = leftoversAfterPolicy.evaluate(certs(list, policy), env);
    if (!n) return assert.deepEqual(f, []);
    assert.equal(f.length, 1);
    assert.equal(severity(leftoversAfterPolicy, f[0]!), 'warning');
    assert.ok(f[0]!.message.startsWith(`UseLyncCertStore is 1, yet ${n} TLS-DSK certificate(s) remain in Cert:\\CurrentUser\\My`), f[0]!.message);
    assert.deepEqual(f[0]!.evidence, [
      ...list.map((c) => ({ label: 'TLS-DSK in My', value: `${c.thumbprint} expires ${c.notAfter.slice(0, 10)}` })),
      { label: 'policy', value: 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Office\\16.0\\Lync\\UseLyncCertStore = 0x1' },
    ]);
  });
}

// LD-CERT-005: TLS-DSK, no private key, still valid (notAfter strictly after now).
const NOKEY: ReadonlyArray<readonly [string, Partial<CertificateInfo>, boolean]> = [
  ['valid, no key', { hasPrivateKey: false }, true],
  ['valid, with key', {}, false],
  ['expires in 1 ms, no key', { hasPrivateKey: false, notAfter: at(1) }, true],
  ['expires exactly now, no key (LD-CERT-001 reports it)', { hasPrivateKey: false, notAfter: at(0) }, false],
  ['expired, no key', { hasPrivateKey: false, notAfter: at(-DAY) }, false],
  ['not TLS-DSK, no key', { hasPrivateKey: false, tlsDsk: false }, false],
];
for (const [label, over, fires] of NOKEY) {
  test(`LD-CERT-005 ${label} → ${fires ? 'warning' : 'pass'}`, () => {
    const c = cert(over);
    const f = tlsDskWithoutKey.evaluate(certs([c]), env);
    if (!fires) return assert.deepEqual(f, []);
    assert.equal(f.length, 1);
    assert.equal(severity(tlsDskWithoutKey, f[0]!), 'warning');
    assert.equal(f[0]!.message, `TLS-DSK certificate ${c.thumbprint} for alice@contoso.com has no private key on this PC; the client cannot use it for sign-in.`);
    assert.deepEqual(f[0]!.evidence.map((e) => e.label), ['thumbprint', 'store', 'subject', 'valid']);
  });
}

test('LD-CERT-005 names the CN when there is no SIP address; needs data', () => {
  const [f] = tlsDskWithoutKey.evaluate(certs([cert({ hasPrivateKey: false, sipAddress: null, subjectCommonName: 'bob' })]), env);
  assert.ok(f!.message.includes(' for bob has no private key'));
  assert.deepEqual(tlsDskWithoutKey.evaluate(baseSnapshot(), env), []);
});

test('LD-CERT-006 one info finding per unreadable certificate, also from a section that is not ok', () => {
  const parseErrors = [
    { store: 'My' as const, thumbprint: 'AB12', reason: 'not a valid X.509 certificate' },
    { store: 'LyncCertStore' as const, thumbprint: null, reason: 'empty DER' },
  ];
  const s = baseSnapshot({ certificates: { status: 'ok', message: '', durationMs: 1, data: { stores: [], certificates: [], parseErrors } } });
  const f = unreadableCertificates.evaluate(s, env);
  assert.equal(f.length, 2);
  assert.deepEqual(f.map((d) => severity(unreadableCertificates, d)), ['info', 'info']);
  assert.equal(f[0]!.message, 'A certificate in My could not be read: not a valid X.509 certificate.');
  assert.deepEqual(f[1]!.evidence, [
    { label: 'store', value: 'Cert:\\CurrentUser\\LyncCertStore' },
    { label: 'thumbprint', value: 'unknown' },
    { label: 'reason', value: 'empty DER' },
  ]);
  assert.equal(unreadableCertificates.evaluate(baseSnapshot({ certificates: { status: 'error', message: '', durationMs: 1, data: { stores: [], certificates: [], parseErrors } } }), env).length, 2);
  assert.deepEqual(unreadableCertificates.evaluate(certs([cert()]), env), []);
  assert.deepEqual(unreadableCertificates.evaluate(baseSnapshot(), env), []);
});

test('LD-CERT-001/002/003 message and evidence details: dates cut to the day, CN when there is no SIP address, several policy values', () => {
  const c = cert({ notAfter: at(-3 * DAY), sipAddress: null, subjectCommonName: 'carol' });
  const [e] = tlsDskExpiry.evaluate(certs([c]), env);
  assert.equal(e!.message, `TLS-DSK certificate for carol expired on ${c.notAfter.slice(0, 10)} (3 days ago).`);
  const w = cert({ notAfter: at(2 * DAY + 5) });
  assert.equal(tlsDskExpiry.evaluate(certs([w]), env)[0]!.message, `TLS-DSK certificate for alice@contoso.com expires on ${w.notAfter.slice(0, 10)}, in 3 day(s) (warning threshold 14).`);
  const [f] = personalStoreConflict.evaluate(certs([cert(), other()], [{ name: 'UseLyncCertStore', data: '0x0' }, { name: 'UseLyncCertStore', data: '0x0' }]), env);
  const k = 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Office\\16.0\\Lync';
  assert.equal(f!.evidence.at(-1)!.value, `${k} = 0x0; ${k} = 0x0`);
});
