/**
 * Checks name an IPv6 endpoint as "[2001:db8::10]:5061" (RFC 3986 §3.2.2, RFC 5952 §6), in messages and evidence,
 * never "2001:db8::10:5061" (where 5061 reads as the last group of the address). Expected texts are written by hand.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { directSipFirst } from '../../../../main/checks/proxy';
import { poolCertificateDates, poolCertificateName, signInRefused, userReplicator4005 } from '../../../../main/checks/sip';
import { certificateExpiry, legacyClientsLockedOut, noSubjectAltName, noTls12, untrustedChain, weakRsaKey, weakSignature } from '../../../../main/checks/tls';
import type { FindingDraft } from '../../../../main/checks/types';
import type { TlsProbe } from '../../../../main/model/tls';
import { ok, proxyData, tlsCert, tlsProbe, trusted, wininet } from '../../../helpers/network-snapshot';
import { attempt, diag, response, sipSection, tlsOk } from '../../../helpers/sip-snapshot';
import { baseSnapshot, NOW } from '../../../helpers/snapshot';

const env = { now: NOW };
const DAY = 86_400_000;
const V6 = '2001:db8::10';
const EP = '[2001:db8::10]:5061';
const BARE = '2001:db8::10:5061';
const text = (f: FindingDraft | undefined): string => `${f?.message}\n${(f?.evidence ?? []).map((e) => `${e.label}: ${e.value}`).join('\n')}`;
const tlsSnap = (p: Partial<TlsProbe>) =>
  baseSnapshot({ tls: ok<'tls'>({ trustStore: { sources: ['Node.js bundled roots (144)'], anchors: 144, caFile: null }, probes: [tlsProbe({ host: V6, port: 5061, roles: ['sip-srv'], address: EP, ...p })] }) });

const TLS_CASES: ReadonlyArray<readonly [string, () => readonly FindingDraft[], string]> = [
  ['LD-TLS-003 expired', () => certificateExpiry.evaluate(tlsSnap({ chain: [tlsCert({ notAfter: new Date(NOW.getTime() - 3 * DAY).toISOString() })] }), env), `The server certificate of ${EP} expired on `],
  ['LD-TLS-003 not yet valid', () => certificateExpiry.evaluate(tlsSnap({ chain: [tlsCert({ notBefore: new Date(NOW.getTime() + DAY).toISOString() })] }), env), `The server certificate of ${EP} is not valid before `],
  ['LD-TLS-003 expiring', () => certificateExpiry.evaluate(tlsSnap({ chain: [tlsCert({ notAfter: new Date(NOW.getTime() + 5 * DAY).toISOString() })] }), env), `The server certificate of ${EP} expires on `],
  ['LD-TLS-004 issuer missing', () => untrustedChain.evaluate(tlsSnap({ trust: trusted({ trusted: false, problem: 'issuer-missing', anchor: null, anchorSource: null, missingIssuer: 'CN=Contoso Issuing CA' }) }), env), `${EP}: `],
  ['LD-TLS-004 store intermediate', () => untrustedChain.evaluate(tlsSnap({ trust: trusted({ usedStoreIntermediate: true }) }), env), `${EP} does not send its intermediate certificate`],
  ['LD-TLS-006 TLS 1.3 only', () => noTls12.evaluate(tlsSnap({ tls12: 'no', tls13: 'yes', legacy: 'no' }), env), `${EP} accepts only TLS 1.3;`],
  ['LD-TLS-006 TLS 1.0 only', () => noTls12.evaluate(tlsSnap({ protocol: 'TLSv1', tls12: 'no', tls13: 'no', legacy: 'yes' }), env), `${EP} negotiates only TLSv1 (TLS 1.0/1.1);`],
  ['LD-TLS-008 TLS 1.2+ only', () => legacyClientsLockedOut.evaluate(tlsSnap({}), env), `${EP} accept TLS 1.2 or later only.`],
  ['LD-TLS-011 SHA-1', () => weakSignature.evaluate(tlsSnap({ chain: [tlsCert({ signatureAlgorithm: 'sha1WithRSAEncryption' })] }), env), `${EP}: the `],
  ['LD-TLS-012 1024-bit RSA', () => weakRsaKey.evaluate(tlsSnap({ chain: [tlsCert({ keyBits: 1024 })] }), env), `${EP}: the `],
  ['LD-TLS-013 no SAN', () => noSubjectAltName.evaluate(tlsSnap({ chain: [tlsCert({ dnsNames: [], subjectCN: V6 })] }), env), `${EP}: the server certificate has no subjectAltName`],
];

for (const [name, run, start] of TLS_CASES) {
  test(`${name}: the message starts "${start}", the evidence names ${EP}`, () => {
    const [f] = run();
    assert.ok(f?.message.startsWith(start), f?.message);
    assert.ok((f?.evidence ?? []).some((e) => e.value === EP || e.label === EP || e.value.startsWith(`${EP} `)), text(f));
    assert.ok(!text(f).includes(BARE), text(f));
  });
}

test('a host name and an IPv4 address are written as before (no brackets)', () => {
  for (const [host, want] of [['sip.contoso.com', 'sip.contoso.com:5061'], ['192.0.2.10', '192.0.2.10:5061']] as const) {
    const [f] = legacyClientsLockedOut.evaluate(baseSnapshot({ tls: ok<'tls'>({ trustStore: { sources: [], anchors: 0, caFile: null }, probes: [tlsProbe({ host, port: 5061 })] }) }), env);
    assert.ok(f?.message.startsWith(`${want} accept TLS 1.2 or later only.`), f?.message);
  }
});

const v6Attempt = (r: ReturnType<typeof response>, over: Parameters<typeof attempt>[3] = {}) => attempt(V6, 5061, r, { target: { host: V6, port: 5061, source: 'override', addresses: [V6] }, message: `${EP} answered ${r.statusCode}`, ...over });

test('LD-SIP-002: the certificate of [2001:db8::10]:5061 does not cover 2001:db8::10', () => {
  const a = v6Attempt(response(401), { tls: tlsOk(V6, 5061, { nameMatches: false, nameError: 'IP: 2001:db8::10 is not in the cert\'s list' }) });
  const [f] = poolCertificateName.evaluate(baseSnapshot({ sip: sipSection([a]) }), env);
  assert.equal(f?.message, `The certificate of ${EP} does not cover ${V6}; the client refuses or warns about the server.`);
  assert.ok(f.evidence.some((e) => e.label === 'server' && e.value === `${EP} (override)`), text(f));
});

test('LD-SIP-003: the certificate of [2001:db8::10]:5061 expired', () => {
  const a = v6Attempt(response(401), { tls: tlsOk(V6, 5061, { certificate: { ...tlsOk('x', 1).certificate!, notAfter: new Date(NOW.getTime() - 3 * DAY).toISOString() } }) });
  const [f] = poolCertificateDates.evaluate(baseSnapshot({ sip: sipSection([a]) }), env);
  assert.ok(f?.message.startsWith(`The certificate of ${EP} expired on `), f?.message);
});

test('LD-SIP-007: the diagnostic is "seen in: probe [2001:db8::10]:5061 → 403"', () => {
  const a = v6Attempt(response(403, { reasonPhrase: 'Forbidden', diagnostics: [diag('4005;reason="Destination URI either not enabled for SIP or does not exist"')] }));
  const [f] = userReplicator4005.evaluate(baseSnapshot({ sip: sipSection([a]) }), env);
  assert.ok(f?.evidence.some((e) => e.label === 'seen in' && e.value === `probe ${EP} → 403`), text(f));
});

test('LD-SIP-010: [2001:db8::10]:5061 answered the REGISTER with 500', () => {
  const a = v6Attempt(response(500, { reasonPhrase: 'Server Internal Error' }));
  const [f] = signInRefused.evaluate(baseSnapshot({ sip: sipSection([a]) }), env);
  assert.ok(f?.message.startsWith(`${EP} answered the REGISTER for alice@contoso.com with 500 Server Internal Error`), f?.message);
});

test('LD-PROXY-005: the blocked direct SIP endpoint is "[2001:db8::10]:5061 timeout" and labelled "direct [2001:db8::10]:5061"', () => {
  const blocked = [tlsProbe({ host: V6, port: 5061, roles: ['sip-srv'], outcome: 'timeout', message: 'no answer', chain: [], trust: null })];
  const s = baseSnapshot({ proxy: ok<'proxy'>(proxyData({ wininet: wininet({ autoConfigUrl: 'http://wpad/p.pac' }) })), tls: ok<'tls'>({ trustStore: { sources: [], anchors: 0, caFile: null }, probes: blocked }) });
  const [f] = directSipFirst.evaluate(s, env);
  assert.ok(f?.message.includes(`direct SIP connections fail (${EP} timeout)`), f?.message);
  assert.ok((f?.evidence ?? []).some((e) => e.label === `direct ${EP}` && e.value === 'timeout: no answer'), text(f));
});
