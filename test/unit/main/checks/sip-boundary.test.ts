// Boundary tables for the SIP checks LD-SIP-001…013: each threshold and condition on both sides, with severity
// and evidence. Rules from README "SIP sign-in", the articles and research (SFB-KI-007/011/012/032/038/047):
// a 401/407 to a credential-less REGISTER is the expected answer; a failure is >= 400 (3xx redirects are not);
// clock skew fails from 300 s (Kerberos/NTLM/TLS-DSK tolerance: 5 minutes); a certificate is valid from notBefore
// up to but not including notAfter (as LD-CERT-001 / LD-TLS-003 judge it); a TLS-DSK certificate counts when it
// has its private key, is valid now and is for this user.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  CLOCK_SKEW_LIMIT_S,
  edgeWithoutNtlm,
  federationTls,
  loggedCertProvisioningFailure,
  ntlmMismatch,
  poolCertificateDates,
  poolCertificateName,
  researchLinkedDiagnostic,
  signInRefused,
  sipChecks,
  sipClockSkew,
  sipUnreachable,
  tlsDskWithoutCertificate,
  undocumentedDiagnostic,
  userReplicator4005,
} from '../../../../main/checks/sip';
import type { Check, FindingDraft } from '../../../../main/checks/types';
import type { CertificateInfo } from '../../../../main/model/certificates';
import type { SipAttempt, WebServiceProbe } from '../../../../main/model/sip';
import { tlsDskCert } from '../../../helpers/forge-certs';
import { attempt, challenges, diag, KERBEROS, logsSection, NTLM, req, resp, response, sipSection, TLS_DSK, tlsOk, webCall } from '../../../helpers/sip-snapshot';
import { baseSnapshot, certInfo, certSection, dnsSection, NOW } from '../../../helpers/snapshot';

const env = { now: NOW };
const T = NOW.getTime();
const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();
const sev = (c: Check, d: FindingDraft) => d.severity ?? c.severity;
const E = (label: string, value: string) => ({ label, value });
const serverEv = (a: SipAttempt) => [E('server', `${a.target.host}:${a.target.port} (${a.target.source}${a.target.redirectedFrom ? ` from ${a.target.redirectedFrom}` : ''})`), E('result', a.message)];
const r401 = (schemes: string[], over = {}) => attempt('pool01.contoso.com', 5061, response(401, { challenges: challenges(...schemes), ...over }));

test('default severities of the SIP family; the clock limit is 300 s', () => {
  assert.deepEqual(sipChecks.map((c) => [c.id, c.severity]), [
    ['LD-SIP-001', 'error'], ['LD-SIP-002', 'error'], ['LD-SIP-003', 'error'], ['LD-SIP-004', 'warning'], ['LD-SIP-005', 'warning'], ['LD-SIP-006', 'error'], ['LD-SIP-007', 'error'],
    ['LD-SIP-008', 'warning'], ['LD-SIP-009', 'warning'], ['LD-SIP-010', 'error'], ['LD-SIP-011', 'info'], ['LD-SIP-012', 'error'], ['LD-SIP-013', 'error'],
    ['LD-SIP-014', 'warning'], ['LD-SIP-015', 'warning'],
  ]);
  assert.equal(CLOCK_SKEW_LIMIT_S, 300);
});

// ---- LD-SIP-001: nobody answered; only time-outs → warning ----
const noAns = (host: string) => attempt(host, 5061, null);
const refused = (host: string) => attempt(host, 5061, null, { outcome: 'connect-failed', tls: { ...tlsOk(host, 5061), outcome: 'refused', certificate: null }, message: `${host}:5061 refused` });
const tlsTimeout = (host: string) => attempt(host, 5061, null, { outcome: 'connect-failed', tls: { ...tlsOk(host, 5061), outcome: 'timeout', certificate: null }, message: `${host}:5061 timed out` });
const skipped = (host: string) => attempt(host, 5061, null, { outcome: 'skipped', message: 'skipped' });
const P001: ReadonlyArray<readonly [string, SipAttempt[], null | 'warning' | 'error']> = [
  ['one answered', [refused('a.contoso.com'), attempt('b.contoso.com', 5061, response(401))], null],
  ['no attempt made', [], null],
  ['only skipped attempts', [skipped('a.contoso.com')], null],
  ['one refused', [refused('a.contoso.com')], 'error'],
  ['one silent (no SIP answer)', [noAns('a.contoso.com')], 'warning'],
  ['one TLS time-out', [tlsTimeout('a.contoso.com')], 'warning'],
  ['silent and TLS time-out', [noAns('a.contoso.com'), tlsTimeout('b.contoso.com')], 'warning'],
  ['silent and refused', [noAns('a.contoso.com'), refused('b.contoso.com')], 'error'],
  ['refused and skipped (skipped not counted)', [refused('a.contoso.com'), skipped('b.contoso.com')], 'error'],
];
for (const [label, attempts, want] of P001) {
  test(`LD-SIP-001 ${label} → ${want ?? 'pass'}`, () => {
    const f = sipUnreachable.evaluate(baseSnapshot({ sip: sipSection(attempts) }), env);
    if (!want) return assert.deepEqual(f, []);
    const tried = attempts.filter((a) => a.outcome !== 'skipped');
    assert.equal(f.length, 1);
    assert.equal(sev(sipUnreachable, f[0]!), want);
    assert.equal(f[0]!.message, `None of ${tried.length} SIP server(s) answered: ${tried.map((a) => a.message).join('; ')}. The client shows "server temporarily unavailable"${want === 'warning' ? ' (only time-outs: a firewall dropping packets, or a too short --timeout-ms)' : ''}.`);
    assert.deepEqual(f[0]!.evidence, tried.flatMap(serverEv));
  });
}

// ---- LD-SIP-001 after a 301/302: the probe ends on the redirect target; its refusal (error) or silence (warning) fails the sign-in ----
const director = attempt('director.contoso.com', 5061, response(301, { reasonPhrase: 'Redirect request', contacts: ['<sip:pool02.contoso.com:5061;transport=tls>'] }), { redirectTo: { host: 'pool02.contoso.com', port: 5061 }, message: 'director.contoso.com:5061 answered 301 Redirect request; redirects to pool02.contoso.com:5061' });
const redirTarget = { host: 'pool02.contoso.com', port: 5061, source: 'redirect' as const, addresses: ['192.0.2.20'], redirectedFrom: 'director.contoso.com:5061' };
const hop = (over: Partial<SipAttempt>) => attempt('pool02.contoso.com', 5061, null, { target: redirTarget, ...over });
const hopTls = (outcome: SipAttempt['tls']['outcome']) => ({ ...tlsOk('pool02.contoso.com', 5061), outcome, certificate: null });
const R001: ReadonlyArray<readonly [string, SipAttempt, null | 'warning' | 'error', string]> = [
  ['target answers 401', hop({ outcome: 'response', response: response(401), message: 'pool02.contoso.com:5061 answered 401' }), null, ''],
  ['target answers 403 (LD-SIP-010, not unreachable)', hop({ outcome: 'response', response: response(403), message: 'pool02.contoso.com:5061 answered 403' }), null, ''],
  ['target refuses the connection', hop({ outcome: 'connect-failed', tls: hopTls('refused'), message: 'pool02.contoso.com:5061 (redirect): could not connect (connection refused)' }), 'error', ''],
  ['target unreachable (no route)', hop({ outcome: 'connect-failed', tls: hopTls('unreachable'), message: 'pool02.contoso.com:5061 (redirect): could not connect (EHOSTUNREACH)' }), 'error', ''],
  ['TLS handshake with the target fails', hop({ outcome: 'tls-failed', tls: hopTls('tls-error'), message: 'pool02.contoso.com:5061 (redirect): TLS handshake failed (alert 40)' }), 'error', ''],
  ['target hangs up after TLS', hop({ outcome: 'closed', message: 'pool02.contoso.com:5061 (redirect): closed without an answer' }), 'error', ''],
  ['no TCP/TLS connection before the time limit', hop({ outcome: 'connect-failed', tls: hopTls('timeout'), message: 'pool02.contoso.com:5061 (redirect): could not connect (no TCP/TLS connection before the time limit)' }), 'warning', ' (a time-out: a firewall dropping packets, or a too short --timeout-ms)'],
  ['connected, but no SIP answer', hop({ outcome: 'no-answer', message: 'pool02.contoso.com:5061 (redirect): no SIP answer within 5000 ms' }), 'warning', ' (a time-out: a firewall dropping packets, or a too short --timeout-ms)'],
  ['not tried before the deadline (not judged)', hop({ outcome: 'skipped', tls: hopTls('timeout'), message: 'pool02.contoso.com:5061 not tried: no time left before the deadline' }), null, ''],
];
for (const [label, target, want, timeoutNote] of R001) {
  test(`LD-SIP-001 redirect: ${label} → ${want ?? 'pass'}`, () => {
    const f = sipUnreachable.evaluate(baseSnapshot({ sip: sipSection([director, target], [], 1) }), env);
    if (!want) return assert.deepEqual(f, []);
    assert.equal(f.length, 1);
    assert.equal(sev(sipUnreachable, f[0]!), want);
    assert.equal(f[0]!.message, `The sign-in was redirected to pool02.contoso.com:5061 by director.contoso.com:5061, and that server did not answer: ${target.message}. The client shows "server temporarily unavailable"${timeoutNote}.`);
    assert.deepEqual(f[0]!.evidence, [
      E('server', 'director.contoso.com:5061 (srv-internal)'), E('result', 'director.contoso.com:5061 answered 301 Redirect request; redirects to pool02.contoso.com:5061'),
      E('server', 'pool02.contoso.com:5061 (redirect from director.contoso.com:5061)'), E('result', target.message),
    ]);
  });
}
test('LD-SIP-001 redirect to a server already probed from DNS that refused: that attempt is the final one (no "by", no redirect source)', () => {
  const pool = refused('pool02.contoso.com');
  const f = sipUnreachable.evaluate(baseSnapshot({ sip: sipSection([director, pool], [], 1) }), env);
  assert.equal(f.length, 1);
  assert.equal(sev(sipUnreachable, f[0]!), 'error');
  assert.equal(f[0]!.message, 'The sign-in was redirected to pool02.contoso.com:5061, and that server did not answer: pool02.contoso.com:5061 refused. The client shows "server temporarily unavailable".');
  assert.deepEqual(f[0]!.evidence.map((e) => e.value), ['director.contoso.com:5061 (srv-internal)', director.message, 'pool02.contoso.com:5061 (srv-internal)', 'pool02.contoso.com:5061 refused']);
});
test('LD-SIP-001 an IPv6 redirect target is written in brackets', () => {
  const v6 = hop({ target: { ...redirTarget, host: '2001:db8::20' }, outcome: 'connect-failed', tls: hopTls('refused'), message: 'refused' });
  const [f] = sipUnreachable.evaluate(baseSnapshot({ sip: sipSection([director, v6], [], 1) }), env);
  assert.ok(f!.message.startsWith('The sign-in was redirected to [2001:db8::20]:5061 by director.contoso.com:5061,'), f!.message);
});

// ---- LD-SIP-002: certificate name (only when TLS completed and the name check said no) ----
const P002: ReadonlyArray<readonly [string, Partial<SipAttempt['tls']>, boolean]> = [
  ['name matches', { nameMatches: true }, false],
  ['name not judged (address target)', { nameMatches: null }, false],
  ['name does not match', { nameMatches: false, nameError: 'not in altnames' }, true],
  ['no match but TLS failed', { nameMatches: false, outcome: 'tls-error' }, false],
];
for (const [label, tls, fires] of P002) {
  test(`LD-SIP-002 ${label} → ${fires ? 'error' : 'pass'}`, () => {
    const a = attempt('pool01.contoso.com', 5061, response(401), { tls: tlsOk('pool01.contoso.com', 5061, { ...tls, certificate: { ...tlsOk('x', 1).certificate!, subject: 'CN=other.contoso.com', dnsNames: ['other.contoso.com'] } }) });
    const f = poolCertificateName.evaluate(baseSnapshot({ sip: sipSection([a]) }), env);
    if (!fires) return assert.deepEqual(f, []);
    assert.equal(f.length, 1);
    assert.equal(sev(poolCertificateName, f[0]!), 'error');
    assert.equal(f[0]!.message, 'The certificate of pool01.contoso.com:5061 does not cover pool01.contoso.com; the client refuses or warns about the server.');
    assert.deepEqual(f[0]!.evidence, [...serverEv(a), E('certificate subject', 'CN=other.contoso.com'), E('certificate names', 'other.contoso.com'), E('expected', 'a SAN (or CN) matching pool01.contoso.com'), E('note', 'trust was not enforced for this probe; the REGISTER was still sent')]);
  });
}

// ---- LD-SIP-003: pool certificate dates (valid on [notBefore, notAfter)) ----
const P003: ReadonlyArray<readonly [string, number, number, string | null]> = [
  ['valid', T - DAY, T + DAY, null],
  ['notAfter 1 ms ahead', T - DAY, T + 1, null],
  ['notAfter exactly now (expired, as LD-TLS-003 judges it)', T - DAY, T, 'expired on 2026-06-01'],
  ['notAfter 1 ms ago', T - DAY, T - 1, 'expired on 2026-06-01'],
  ['notBefore exactly now', T, T + DAY, null],
  ['notBefore 1 ms ahead', T + 1, T + DAY, 'is valid only from 2026-06-01'],
];
for (const [label, nb, na, frag] of P003) {
  test(`LD-SIP-003 ${label} → ${frag ? 'error' : 'pass'}`, () => {
    const a = attempt('pool01.contoso.com', 5061, response(401), { tls: tlsOk('pool01.contoso.com', 5061, { certificate: { ...tlsOk('x', 1).certificate!, subject: 'CN=pool01.contoso.com', notBefore: iso(nb), notAfter: iso(na) } }) });
    const f = poolCertificateDates.evaluate(baseSnapshot({ sip: sipSection([a]) }), env);
    if (!frag) return assert.deepEqual(f, []);
    assert.equal(f.length, 1);
    assert.equal(sev(poolCertificateDates, f[0]!), 'error');
    assert.equal(f[0]!.message, `The certificate of pool01.contoso.com:5061 ${frag}; the client reports a problem verifying the certificate from the server.`);
    assert.deepEqual(f[0]!.evidence, [...serverEv(a), E('certificate', 'CN=pool01.contoso.com'), E('valid', `${iso(nb)} → ${iso(na)}`), E('checked at', NOW.toISOString())]);
  });
}

// ---- LD-SIP-004: TLS-DSK offered, no valid TLS-DSK certificate ----
const dsk = certInfo(tlsDskCert('alice@contoso.com', new Date(T - 10 * DAY), new Date(T + 170 * DAY)));
const cert = (over: Partial<CertificateInfo>): CertificateInfo => ({ ...dsk, ...over });
const cp = (outcome: WebServiceProbe['outcome'], message: string): WebServiceProbe => ({ kind: 'cert-provisioning', url: 'https://webpool.contoso.com/CertProv/CertProvisioningService.svc/mex', outcome, httpStatus: outcome === 'ok' ? 200 : null, tls: null, message });
const TLS_DSK_NO_STS = 'TLS-DSK realm="SIP Communications Service", targetname="pool01.contoso.com", version=4';
const P004: ReadonlyArray<readonly [string, CertificateInfo[] | null, string[], WebServiceProbe | null, null | 'info' | 'warning' | 'error']> = [
  ['valid certificate', [dsk], [NTLM, TLS_DSK], null, null],
  ['valid from exactly now', [cert({ notBefore: iso(T) })], [TLS_DSK], null, null],
  ['not valid before now + 1 ms', [cert({ notBefore: iso(T + 1) })], [TLS_DSK], null, 'info'],
  ['expires exactly now', [cert({ notAfter: iso(T) })], [TLS_DSK], null, 'info'],
  ['expires in 1 ms', [cert({ notAfter: iso(T + 1) })], [TLS_DSK], null, null],
  ['no private key', [cert({ hasPrivateKey: false })], [TLS_DSK], null, 'info'],
  ['for another user', [cert({ sipAddress: 'bob@contoso.com' })], [TLS_DSK], null, 'info'],
  ['no SIP address on it (counts)', [cert({ sipAddress: null })], [TLS_DSK], null, null],
  ['not a TLS-DSK certificate', [cert({ tlsDsk: false })], [TLS_DSK], null, 'info'],
  ['none, CertProv answers', [], [TLS_DSK], cp('ok', 'answered HTTP 200 without credentials'), 'info'],
  ['none, CertProv unreachable', [], [TLS_DSK], cp('unreachable', 'ECONNREFUSED'), 'error'],
  ['none, no sts-uri', [], [TLS_DSK_NO_STS], null, 'warning'],
  ['none, TLS-DSK not offered', [], [NTLM, KERBEROS], null, null],
  ['stores not read (cannot judge)', null, [TLS_DSK], cp('unreachable', 'x'), null],
];
for (const [label, certs, schemes, web, want] of P004) {
  test(`LD-SIP-004 ${label} → ${want ?? 'pass'}`, () => {
    const s = baseSnapshot({ sip: sipSection([r401(schemes)], web ? [web] : []), ...(certs ? { certificates: certSection(certs) } : {}) });
    const f = tlsDskWithoutCertificate.evaluate(s, env);
    if (!want) return assert.deepEqual(f, []);
    assert.equal(f.length, 1);
    assert.equal(sev(tlsDskWithoutCertificate, f[0]!), want);
    const sts = schemes.includes(TLS_DSK) ? 'https://webpool.contoso.com/CertProv/CertProvisioningService.svc' : null;
    const start = { error: 'The pool offers TLS-DSK and no valid TLS-DSK certificate for alice@contoso.com is on this PC, and the certificate provisioning service is not usable (ECONNREFUSED)', info: `The pool offers TLS-DSK and no valid TLS-DSK certificate for alice@contoso.com is on this PC; the client must request one from ${sts}`, warning: 'The pool offers TLS-DSK without an sts-uri' }[want];
    assert.ok(f[0]!.message.startsWith(start), f[0]!.message);
    assert.deepEqual(f[0]!.evidence, [E('TLS-DSK offered by', 'probe pool01.contoso.com:5061'), E('sts-uri', sts ?? '(none)'), E('valid TLS-DSK certificates', '0'), ...(web ? [E(web.url, web.message)] : [])]);
  });
}
test('LD-SIP-004 TLS-DSK offered in the client log (no probe answer) counts too', () => {
  const logs = logsSection([req(1), resp(1, 401, { challenges: challenges(TLS_DSK) })]);
  const [f] = tlsDskWithoutCertificate.evaluate(baseSnapshot({ logs, certificates: certSection([]) }), env);
  assert.deepEqual(f!.evidence.slice(0, 2), [E('TLS-DSK offered by', 'client log'), E('sts-uri', 'https://webpool.contoso.com/CertProv/CertProvisioningService.svc')]);
});

// ---- LD-SIP-005: only TLS-DSK through the Edge ----
const P005: ReadonlyArray<readonly [string, SipAttempt, 'with-store' | 'no-store' | 'valid', Partial<Parameters<typeof baseSnapshot>[0]>, null | 'warning' | 'info']> = [
  ['RemoteUser, only TLS-DSK, store read, none valid', r401([TLS_DSK], { userLogonData: 'RemoteUser' }), 'with-store', {}, 'warning'],
  ['RemoteUser, only TLS-DSK, stores not read', r401([TLS_DSK], { userLogonData: 'RemoteUser' }), 'no-store', {}, 'info'],
  ['RemoteUser, only TLS-DSK, a valid certificate', r401([TLS_DSK], { userLogonData: 'RemoteUser' }), 'valid', {}, null],
  ['407 instead of 401', attempt('pool01.contoso.com', 5061, response(407, { challenges: challenges(TLS_DSK), userLogonData: 'RemoteUser' })), 'with-store', {}, 'warning'],
  ['403 (not a challenge)', attempt('pool01.contoso.com', 5061, response(403, { challenges: challenges(TLS_DSK), userLogonData: 'RemoteUser' })), 'with-store', {}, null],
  ['RemoteUser, NTLM offered too', r401([NTLM, TLS_DSK], { userLogonData: 'RemoteUser' }), 'with-store', {}, null],
  ['RemoteUser, Kerberos offered too', r401([KERBEROS, TLS_DSK], { userLogonData: 'RemoteUser' }), 'with-store', {}, null],
  ['RemoteUser, NTLM only', r401([NTLM], { userLogonData: 'RemoteUser' }), 'with-store', {}, null],
  ['inside (no RemoteUser, internal SRV)', r401([TLS_DSK]), 'with-store', {}, null],
  ['external SRV target', { ...r401([TLS_DSK]), target: { host: 'sip.contoso.com', port: 443, source: 'srv-external', addresses: [] } }, 'with-store', {}, 'warning'],
  ['DNS says outside', r401([TLS_DSK]), 'with-store', { dns: dnsSection({ location: 'outside' }) }, 'warning'],
  ['DNS says outside, but a --sip-server override', { ...r401([TLS_DSK]), target: { host: 'pool01.contoso.com', port: 5061, source: 'override', addresses: [] } }, 'with-store', { dns: dnsSection({ location: 'outside' }) }, null],
];
for (const [label, a, store, extra, want] of P005) {
  test(`LD-SIP-005 ${label} → ${want ?? 'pass'}`, () => {
    const certificates = store === 'no-store' ? {} : { certificates: certSection(store === 'valid' ? [dsk] : []) };
    const f = edgeWithoutNtlm.evaluate(baseSnapshot({ sip: sipSection([a]), ...certificates, ...extra }), env);
    if (!want) return assert.deepEqual(f, []);
    assert.equal(f.length, 1);
    assert.equal(sev(edgeWithoutNtlm, f[0]!), want);
    assert.ok(f[0]!.message.startsWith(`${a.target.host}:${a.target.port} (reached from outside${a.response!.userLogonData ? ', ms-user-logon-data RemoteUser' : ''}) offers only TLS-DSK`), f[0]!.message);
    assert.deepEqual(f[0]!.evidence, [...serverEv(a), E('schemes offered', 'TLS-DSK'), E('valid TLS-DSK certificates', want === 'info' ? 'unknown (stores not read)' : '0')]);
  });
}

// ---- LD-SIP-006 / 007 / 008 / 009 / 011: ms-diagnostics by code and where seen ----
const probeWith = (status: number, value: string) => baseSnapshot({ sip: sipSection([attempt('pool01.contoso.com', 5061, response(status, { diagnostics: [diag(value)] }))]) });
const logWith = (status: number, method: string, value: string, header: 'ms-diagnostics' | 'ms-diagnostics-public' = 'ms-diagnostics') => baseSnapshot({ logs: logsSection([resp(7, status, { cseqMethod: method, diagnostics: [diag(value, header)] })]) });
const DIAG: ReadonlyArray<readonly [string, ReturnType<typeof baseSnapshot>, Record<string, 'info' | 'warning' | 'error'>]> = [
  ['1000 on the probe', probeWith(401, '1000;reason="Final handshake failed"'), { 'LD-SIP-006': 'error' }],
  ['4005 on the probe REGISTER', probeWith(404, '4005;reason="Destination URI either not enabled for SIP or does not exist"'), { 'LD-SIP-007': 'error' }],
  ['4005 on a logged SUBSCRIBE', logWith(404, 'SUBSCRIBE', '4005;reason="x"'), { 'LD-SIP-007': 'error' }],
  ['4005 on a logged INVITE', logWith(404, 'INVITE', '4005;reason="x"'), { 'LD-SIP-007': 'warning' }],
  ['1047 in the log', logWith(504, 'SUBSCRIBE', '1047;reason="Failed to complete TLS negotiation with a federated peer server";Domain="fabrikam.com"'), { 'LD-SIP-008': 'warning' }],
  ['1046 (unconfirmed) in the log', logWith(504, 'SUBSCRIBE', '1046;reason="x"'), { 'LD-SIP-008': 'warning' }],
  ['17002 on the probe REGISTER 403', probeWith(403, '17002;reason="Invalid protocol client version."'), { 'LD-SIP-009': 'error' }],
  ['1013 on the probe REGISTER 401 (>= 400)', probeWith(401, '1013;reason="Significant time skew detected during authentication."'), { 'LD-SIP-009': 'error' }],
  ['17002 on the probe REGISTER 400 (the first refusal)', probeWith(400, '17002;reason="x"'), { 'LD-SIP-009': 'error' }],
  ['17002 on a logged REGISTER 301 (a redirect is a followed step)', logWith(301, 'REGISTER', '17002;reason="x"'), { 'LD-SIP-009': 'warning' }],
  ['17002 on a logged REGISTER 399 (< 400)', logWith(399, 'REGISTER', '17002;reason="x"'), { 'LD-SIP-009': 'warning' }],
  ['17002 on a logged REGISTER 299', logWith(299, 'REGISTER', '17002;reason="x"'), { 'LD-SIP-009': 'warning' }],
  ['17002 on a logged INVITE 403', logWith(403, 'INVITE', '17002;reason="x"'), { 'LD-SIP-009': 'warning' }],
  ['1033 on a 401 (documented, no research)', probeWith(401, '1033;reason="Previous hop server component did not report diagnostic information"'), {}],
  ['4003 public (documented, no research) on a logged INVITE', logWith(403, 'INVITE', '4003;reason="From URI not enabled for remote access."', 'ms-diagnostics-public'), {}],
  ['52999 (not documented) in the log', logWith(500, 'SUBSCRIBE', '52999;reason="who knows"'), { 'LD-SIP-011': 'info' }],
];
const DIAG_CHECKS = [ntlmMismatch, userReplicator4005, federationTls, researchLinkedDiagnostic, undocumentedDiagnostic];
for (const [label, s, want] of DIAG) {
  test(`ms-diagnostics ${label} → ${Object.entries(want).map(([k, v]) => `${k} ${v}`).join(', ') || 'no diagnostics finding'}`, () => {
    const got: Record<string, string> = {};
    for (const c of DIAG_CHECKS) for (const d of c.evaluate(s, env)) got[c.id] = sev(c, d);
    assert.deepEqual(got, want);
  });
}
test('ms-diagnostics evidence: header and raw value, where seen, meaning and fix from the table', () => {
  const [f] = userReplicator4005.evaluate(logWith(404, 'INVITE', '4005;reason="x"'), env);
  assert.deepEqual(f!.evidence.map((e) => e.label), ['ms-diagnostics', 'seen in', 'meaning', 'likely fix']);
  assert.deepEqual([f!.evidence[0]!.value, f!.evidence[2]!.value, f!.evidence[3]!.value], ['4005;reason="x"', 'unknown user', 'replicator']);
  assert.match(f!.evidence[1]!.value, /^log Lync-UccApi-0\.UccApilog line \d+ \(INVITE 404\)$/);
  const [p] = userReplicator4005.evaluate(probeWith(404, '4005;reason="x"'), env);
  assert.equal(p!.evidence[1]!.value, 'probe pool01.contoso.com:5061 → 404');
  assert.equal(p!.message, 'The pool answered 404 with ms-diagnostics 4005 during sign-in: it does not know alice@contoso.com as a SIP-enabled user (typical for newly created users when User Replicator does not read their domain).');
});
test('LD-SIP-006 from the HRESULT alone, and from 0xC3E93EE4 inside another code', () => {
  const hr = baseSnapshot({ logs: logsSection([], { errors: [{ hresult: '0xc3e93ee4', name: 'SIP_E_AUTH_NTLMMISMATCH', count: 3, firstLine: 9, firstFile: 'C:\\x\\a.UccApilog', firstTimestamp: null, sample: 'hr=0xC3E93EE4' }] }) });
  const [f] = ntlmMismatch.evaluate(hr, env);
  assert.equal(f!.message, "The sign-in's authentication handshake failed; the client log shows HRESULT 0xC3E93EE4 (SIP_E_AUTH_NTLMMISMATCH) 3×. Users then hear their password is wrong although it is right.");
  assert.deepEqual(f!.evidence, [E('HRESULT 0xc3e93ee4', 'SIP_E_AUTH_NTLMMISMATCH first at a.UccApilog line 9: hr=0xC3E93EE4')]);
  assert.equal(ntlmMismatch.evaluate(probeWith(401, '1033;reason="x";HRESULT="0xC3E93EE4"'), env).length, 1);
  assert.deepEqual(ntlmMismatch.evaluate(baseSnapshot({ logs: logsSection([], { errors: [{ hresult: '0xC3E93EE5', name: null, count: 1, firstLine: 1, firstFile: 'a', firstTimestamp: null, sample: 's' }] }) }), env), []);
});

// ---- LD-SIP-010: REGISTER refused (>= 400, not the expected 401/407 challenge, not explained by a specific check) ----
const P010: ReadonlyArray<readonly [string, number, string | null, boolean]> = [
  ['probe 401', 401, null, false],
  ['probe 407', 407, null, false],
  ['probe 399 (not a failure)', 399, null, false],
  ['probe 400', 400, null, true],
  ['probe 403, no diagnostics', 403, null, true],
  ['probe 403 with 4003 (documented, no research)', 403, '4003;reason="From URI not enabled for remote access."', true],
  ['probe 403 with 17002 (research-linked: LD-SIP-009)', 403, '17002;reason="x"', false],
  ['probe 404 with 4005 (LD-SIP-007)', 404, '4005;reason="x"', false],
  ['probe 500', 500, null, true],
];
for (const [label, status, value, fires] of P010) {
  test(`LD-SIP-010 ${label} → ${fires ? 'error' : 'pass'}`, () => {
    const d = value ? [diag(value, value.startsWith('4003') ? 'ms-diagnostics-public' : 'ms-diagnostics')] : [];
    const a = attempt('sip.contoso.com', 443, response(status, { reasonPhrase: 'Why', diagnostics: d }));
    const f = signInRefused.evaluate(baseSnapshot({ sip: sipSection([a]) }), env);
    if (!fires) return assert.deepEqual(f, []);
    assert.equal(f.length, 1);
    assert.equal(sev(signInRefused, f[0]!), 'error');
    assert.ok(f[0]!.message.startsWith(`sip.contoso.com:443 answered the REGISTER for alice@contoso.com with ${status} Why${d.length ? ' (ms-diagnostics-public 4003' : ' and no ms-diagnostics'}`), f[0]!.message);
    assert.deepEqual(f[0]!.evidence, [...serverEv(a), ...d.map((x) => E(x.header, `${x.raw}${x.decoded.meaning ? ` — ${x.decoded.meaning}` : ''}`))]);
  });
}
const L010: ReadonlyArray<readonly [string, ReturnType<typeof req>[], number | null]> = [
  ['401 to the first REGISTER (the challenge)', [req(1), resp(1, 401)], null],
  ['401 after NTLM credentials', [req(1), resp(1, 401), req(2, 'NTLM'), resp(2, 401)], 401],
  ['407 after credentials', [req(1), resp(1, 407), req(2, 'NTLM'), resp(2, 407)], 407],
  ['403 after TLS-DSK credentials', [req(1), resp(1, 401), req(2, 'TLS-DSK'), resp(2, 403)], 403],
  ['399 after credentials (not a failure)', [req(1), resp(1, 401), req(2, 'TLS-DSK'), resp(2, 399)], null],
  ['200 after credentials', [req(1), resp(1, 401), req(2, 'TLS-DSK'), resp(2, 200)], null],
];
for (const [label, messages, code] of L010) {
  test(`LD-SIP-010 log: ${label} → ${code ? 'error' : 'pass'}`, () => {
    const f = signInRefused.evaluate(baseSnapshot({ logs: logsSection(messages) }), env);
    if (!code) return assert.deepEqual(f, []);
    assert.equal(f.length, 1);
    const scheme = messages.at(-2)!.credentialsScheme!;
    assert.equal(f[0]!.message, `The client log shows REGISTER with ${scheme} credentials answered ${code} x.`);
    assert.deepEqual(f[0]!.evidence.map((e) => e.label), ['request', 'response']);
    assert.match(f[0]!.evidence[1]!.value, new RegExp(`: ${code} x$`));
  });
}

// ---- LD-SIP-012: SIP Date skew >= 300 s, unless LD-CLOCK-001 already reports a skew >= 300 s ----
const P012: ReadonlyArray<readonly [number, boolean]> = [[0, false], [299, false], [300, true], [301, true], [-299, false], [-300, true], [-3600, true]];
for (const [skew, fires] of P012) {
  test(`LD-SIP-012 SIP Date skew ${skew} s → ${fires ? 'error' : 'pass'}`, () => {
    const a = r401([NTLM], { date: 'Mon, 01 Jun 2026 11:55:00 GMT', clockSkewSeconds: skew });
    const f = sipClockSkew.evaluate(baseSnapshot({ sip: sipSection([a]) }), env);
    if (!fires) return assert.deepEqual(f, []);
    assert.equal(f.length, 1);
    assert.equal(sev(sipClockSkew, f[0]!), 'error');
    assert.equal(f[0]!.message, `This PC's clock is ${Math.abs(skew)} s ${skew > 0 ? 'ahead of' : 'behind'} pool01.contoso.com (Date: Mon, 01 Jun 2026 11:55:00 GMT); sign-in fails from about 300 s.`);
    assert.deepEqual(f[0]!.evidence, [E('server Date', 'Mon, 01 Jun 2026 11:55:00 GMT'), E('skew (s, PC minus server)', String(skew)), E('limit (s)', '300'), ...serverEv(a)]);
  });
}
const C012: ReadonlyArray<readonly [string, number | null, 'ok' | 'error', boolean]> = [
  ['HTTP skew 300 000 ms (LD-CLOCK-001 reports it)', 300_000, 'ok', false],
  ['HTTP skew −300 000 ms', -300_000, 'ok', false],
  ['HTTP skew 299 999 ms (below the limit)', 299_999, 'ok', true],
  ['HTTP skew unknown', null, 'ok', true],
  ['clock section failed', 600_000, 'error', true],
];
for (const [label, skewMs, status, fires] of C012) {
  test(`LD-SIP-012 with a 600 s SIP skew and ${label} → ${fires ? 'error' : 'pass'}`, () => {
    const clock = { status, message: '', durationMs: 1, data: { observations: [], skewMs, resolutionMs: 1000 } } as never;
    const f = sipClockSkew.evaluate(baseSnapshot({ sip: sipSection([r401([NTLM], { clockSkewSeconds: 600 })]), clock }), env);
    assert.equal(f.length, fires ? 1 : 0);
  });
}

// ---- LD-SIP-013: logged CertProv / WebTicket failures (HTTP >= 400 except 401, or FAIL/FAILED/FAILURE) ----
const P013: ReadonlyArray<readonly [string, Parameters<typeof webCall>, boolean]> = [
  ['CertProv 200', ['cert-provisioning', 'https://w/CertProv/x', 200], false],
  ['CertProv 399', ['cert-provisioning', 'https://w/CertProv/x', 399], false],
  ['CertProv 400', ['cert-provisioning', 'https://w/CertProv/x', 400], true],
  ['CertProv 401 (the challenge)', ['cert-provisioning', 'https://w/CertProv/x', 401], false],
  ['WebTicket 403', ['web-ticket', 'https://w/WebTicket/x', 403], true],
  ['WebTicket 500', ['web-ticket', 'https://w/WebTicket/x', 500], true],
  ['CertProv no status, FAIL', ['cert-provisioning', 'https://w/CertProv/x', null, 'GetAndPublishCert FAIL'], true],
  ['CertProv no status, FAILED', ['cert-provisioning', 'https://w/CertProv/x', null, 'request FAILED'], true],
  ['CertProv no status, FAILURE', ['cert-provisioning', 'https://w/CertProv/x', null, 'FAILURE: x'], true],
  ['CertProv no status, FAILOVER (not a failure word)', ['cert-provisioning', 'https://w/CertProv/x', null, 'FAILOVER to pool2'], false],
  ['CertProv no status, "failed" lower case', ['cert-provisioning', 'https://w/CertProv/x', null, 'send failed'], false],
];
for (const [label, args, fires] of P013) {
  test(`LD-SIP-013 ${label} → ${fires ? 'error' : 'pass'}`, () => {
    const w = webCall(...args);
    const f = loggedCertProvisioningFailure.evaluate(baseSnapshot({ logs: logsSection([], { webCalls: [w] }) }), env);
    if (!fires) return assert.deepEqual(f, []);
    assert.equal(f.length, 1);
    assert.equal(sev(loggedCertProvisioningFailure, f[0]!), 'error');
    assert.ok(f[0]!.message.startsWith(`The client could not obtain its TLS-DSK certificate: ${w.url}${w.httpStatus ? ` answered HTTP ${w.httpStatus}` : ' failed'} (1 failing call(s) logged).`), f[0]!.message);
    assert.deepEqual(f[0]!.evidence, [E('x.UccApilog line 5 2026-05-31T09:00:01.000', w.text)]);
  });
}
test('LD-SIP-013 evidence keeps the last 5 failing calls; the message names the last', () => {
  const calls = [1, 2, 3, 4, 5, 6].map((i) => ({ ...webCall('cert-provisioning', `https://w/CertProv/${i}`, 500), line: i }));
  const [f] = loggedCertProvisioningFailure.evaluate(baseSnapshot({ logs: logsSection([], { webCalls: calls }) }), env);
  assert.ok(f!.message.includes('https://w/CertProv/6 answered HTTP 500 (6 failing call(s) logged)'), f!.message);
  assert.deepEqual(f!.evidence.map((e) => e.label.split(' ')[2]), ['2', '3', '4', '5', '6']);
});
