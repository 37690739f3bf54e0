import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  edgeWithoutNtlm,
  federationTls,
  loggedCertProvisioningFailure,
  ntlmMismatch,
  poolCertificateDates,
  poolCertificateName,
  researchLinkedDiagnostic,
  signInRefused,
  sipClockSkew,
  sipUnreachable,
  tlsDskWithoutCertificate,
  undocumentedDiagnostic,
  userReplicator4005,
} from '../../../../main/checks/sip';
import { tlsDskCert } from '../../../helpers/forge-certs';
import { baseSnapshot, certInfo, certSection, NOW } from '../../../helpers/snapshot';
import { attempt, challenges, diag, KERBEROS, logsSection, NTLM, req, resp, response, sipSection, TLS_DSK, tlsOk, webCall } from '../../../helpers/sip-snapshot';

const env = { now: NOW };
const day = (n: number): Date => new Date(NOW.getTime() + n * 86_400_000);
const ok401 = (schemes = [NTLM, KERBEROS, TLS_DSK], over = {}) => attempt('pool01.contoso.com', 5061, response(401, { challenges: challenges(...schemes), diagnostics: [diag('1033;reason="Previous hop server component did not report diagnostic information"')], ...over }));
const healthy = baseSnapshot({ sip: sipSection([ok401()]) });
const validDsk = certInfo(tlsDskCert('alice@contoso.com', day(-10), day(170)));
const expiredDsk = certInfo(tlsDskCert('alice@contoso.com', day(-200), day(-1)));
const cpOk = { kind: 'cert-provisioning' as const, url: 'https://webpool.contoso.com/CertProv/CertProvisioningService.svc/mex', outcome: 'ok' as const, httpStatus: 200, tls: null, message: 'answered HTTP 200 without credentials' };
const cpDown = { ...cpOk, outcome: 'unreachable' as const, httpStatus: null, message: 'webpool.contoso.com:443 could not be reached: ECONNREFUSED' };

test('LD-SIP-001: nobody answered → error (refusals) or warning (only time-outs); an answer passes', () => {
  const refused = attempt('pool01.contoso.com', 5061, null, { outcome: 'connect-failed', tls: { ...tlsOk('pool01.contoso.com', 5061), outcome: 'refused', certificate: null }, message: 'could not connect (connection refused)' });
  const [f] = sipUnreachable.evaluate(baseSnapshot({ sip: sipSection([refused]) }), env);
  assert.equal(f?.severity, 'error');
  assert.match(f!.message, /connection refused/);
  const [w] = sipUnreachable.evaluate(baseSnapshot({ sip: sipSection([attempt('pool01.contoso.com', 5061, null)]) }), env);
  assert.equal(w?.severity, 'warning');
  assert.deepEqual(sipUnreachable.evaluate(healthy, env), []);
  assert.deepEqual(sipUnreachable.evaluate(baseSnapshot(), env), [], 'no probe data: nothing to judge');
});

test('LD-SIP-002: certificate name mismatch, worded for a redirect target; matching names pass', () => {
  const redirected = attempt('pool02.contoso.com', 5061, response(401), { target: { host: 'pool02.contoso.com', port: 5061, source: 'redirect', addresses: [], redirectedFrom: 'director.contoso.com:5061' }, tls: tlsOk('pool02.contoso.com', 5061, { nameMatches: false, nameError: "Host: pool02.contoso.com. is not in the cert's altnames" }) });
  const [f] = poolCertificateName.evaluate(baseSnapshot({ sip: sipSection([attempt('director.contoso.com', 5061, response(301), { redirectTo: { host: 'pool02.contoso.com', port: 5061 } }), redirected]) }), env);
  assert.match(f!.message, /director\.contoso\.com:5061 redirected the sign-in to pool pool02\.contoso\.com/);
  assert.ok(f!.evidence.some((e) => e.label === 'note' && /not enforced/.test(e.value)));
  assert.deepEqual(poolCertificateName.evaluate(healthy, env), []);
});

test('LD-SIP-003: expired pool certificate; a valid one passes', () => {
  const exp = ok401(undefined, {});
  const expired = { ...exp, tls: tlsOk('pool01.contoso.com', 5061, { certificate: { ...tlsOk('x', 1).certificate!, notAfter: day(-3).toISOString() } }) };
  const [f] = poolCertificateDates.evaluate(baseSnapshot({ sip: sipSection([expired]) }), env);
  assert.match(f!.message, /expired on/);
  assert.deepEqual(poolCertificateDates.evaluate(healthy, env), []);
});

test('LD-SIP-004: TLS-DSK offered, no valid local certificate: info when CertProv answers, error when it does not; valid cert passes', () => {
  const certs = certSection([expiredDsk]);
  const [info] = tlsDskWithoutCertificate.evaluate(baseSnapshot({ sip: sipSection([ok401()], [cpOk]), certificates: certs }), env);
  assert.equal(info?.severity, 'info');
  const [err] = tlsDskWithoutCertificate.evaluate(baseSnapshot({ sip: sipSection([ok401()], [cpDown]), certificates: certs }), env);
  assert.equal(err?.severity, 'error');
  assert.match(err!.message, /ECONNREFUSED/);
  assert.deepEqual(tlsDskWithoutCertificate.evaluate(baseSnapshot({ sip: sipSection([ok401()], [cpDown]), certificates: certSection([validDsk]) }), env), []);
  assert.deepEqual(tlsDskWithoutCertificate.evaluate(baseSnapshot({ sip: sipSection([ok401([NTLM])]), certificates: certs }), env), [], 'TLS-DSK not offered');
  assert.deepEqual(tlsDskWithoutCertificate.evaluate(baseSnapshot({ sip: sipSection([ok401()], [cpDown]) }), env), [], 'stores not read: cannot judge');
});

test('LD-SIP-005: only TLS-DSK through the Edge and no local certificate; NTLM offered passes', () => {
  const edge = ok401([TLS_DSK], { userLogonData: 'RemoteUser' });
  const [f] = edgeWithoutNtlm.evaluate(baseSnapshot({ sip: sipSection([edge]), certificates: certSection([]) }), env);
  assert.equal(f?.severity, 'warning');
  assert.match(f!.message, /NTLM is not offered at the Edge/);
  assert.equal(edgeWithoutNtlm.evaluate(baseSnapshot({ sip: sipSection([edge]) }), env)[0]?.severity, 'info');
  assert.deepEqual(edgeWithoutNtlm.evaluate(baseSnapshot({ sip: sipSection([ok401([NTLM, TLS_DSK], { userLogonData: 'RemoteUser' })]), certificates: certSection([]) }), env), []);
  assert.deepEqual(edgeWithoutNtlm.evaluate(baseSnapshot({ sip: sipSection([edge]), certificates: certSection([validDsk]) }), env), []);
  assert.deepEqual(edgeWithoutNtlm.evaluate(baseSnapshot({ sip: sipSection([ok401([TLS_DSK])]), certificates: certSection([]) }), env), [], 'inside: not the Edge');
});

test('LD-SIP-006: ms-diagnostics 1000 or HRESULT 0xC3E93EE4 in the log; a clean log passes', () => {
  const failing = logsSection([req(1), resp(1, 401, { challenges: challenges(NTLM) }), req(2, 'NTLM'), resp(2, 401, { diagnostics: [diag('1000;reason="Final handshake failed";HRESULT="0xC3E93EE4(SIP_E_AUTH_NTLMMISMATCH)"')] })]);
  const [f] = ntlmMismatch.evaluate(baseSnapshot({ logs: failing }), env);
  assert.match(f!.message, /Final handshake failed/);
  const hrOnly = logsSection([], { errors: [{ hresult: '0xC3E93EE4', name: 'SIP_E_AUTH_NTLMMISMATCH', count: 2, firstLine: 9, firstFile: 'a.UccApilog', firstTimestamp: null, sample: 'hr=0xC3E93EE4' }] });
  assert.match(ntlmMismatch.evaluate(baseSnapshot({ logs: hrOnly }), env)[0]!.message, /0xC3E93EE4/);
  assert.deepEqual(ntlmMismatch.evaluate(baseSnapshot({ logs: logsSection([req(1), resp(1, 200)]) }), env), []);
});

test('LD-SIP-007: 4005 on REGISTER is an error, on INVITE a warning; absent passes', () => {
  const d4005 = diag('4005;reason="Destination URI either not enabled for SIP or does not exist";source="pool01.contoso.com"');
  const [f] = userReplicator4005.evaluate(baseSnapshot({ sip: sipSection([attempt('pool01.contoso.com', 5061, response(404, { diagnostics: [d4005] }))]) }), env);
  assert.equal(f?.severity, 'error');
  const [w] = userReplicator4005.evaluate(baseSnapshot({ logs: logsSection([resp(3, 404, { cseqMethod: 'INVITE', diagnostics: [d4005] })]) }), env);
  assert.equal(w?.severity, 'warning');
  assert.deepEqual(userReplicator4005.evaluate(healthy, env), []);
});

test('LD-SIP-008: 1047 and unconfirmed 1046 reported with the partner domain; none passes', () => {
  const f = federationTls.evaluate(baseSnapshot({ logs: logsSection([resp(1, 504, { cseqMethod: 'SUBSCRIBE', diagnostics: [diag('1047;reason="Failed to complete TLS negotiation with a federated peer server";WinsockFailureCode="10054(WSAECONNRESET)";Domain="fabrikam.com"'), diag('1046;reason="x"')] })]) }), env);
  assert.equal(f.length, 2);
  assert.match(f[0]!.message, /partner domain fabrikam\.com/);
  assert.match(f[1]!.message, /not confirmed/);
  assert.deepEqual(federationTls.evaluate(healthy, env), []);
});

test('LD-SIP-009: other codes whose entry names research ids (17002, 1013); 1033 on a 401 passes', () => {
  const f = researchLinkedDiagnostic.evaluate(baseSnapshot({ sip: sipSection([attempt('pool01.contoso.com', 5061, response(403, { diagnostics: [diag('17002;reason="Invalid protocol client version."')] }))]) }), env);
  assert.equal(f.length, 1);
  assert.equal(f[0]?.severity, 'error');
  assert.ok(f[0]!.evidence.some((e) => e.label === 'research' && e.value === 'SFB-KI-059'));
  assert.ok(f[0]!.evidence.some((e) => e.label === 'article' && e.value === 'client-version-policy-block'));
  assert.equal(researchLinkedDiagnostic.evaluate(baseSnapshot({ logs: logsSection([resp(2, 401, { diagnostics: [diag('1013;reason="Significant time skew detected during authentication."')] })]) }), env).length, 1);
  assert.deepEqual(researchLinkedDiagnostic.evaluate(healthy, env), []);
});

test('LD-SIP-010: REGISTER refused (probe 403 4003, log 403 after credentials); challenge and explained codes pass', () => {
  const refused = attempt('sip.contoso.com', 443, response(403, { diagnostics: [diag('4003;reason="From URI not enabled for remote access."', 'ms-diagnostics-public')] }));
  const [p] = signInRefused.evaluate(baseSnapshot({ sip: sipSection([refused]) }), env);
  assert.match(p!.message, /answered the REGISTER for alice@contoso\.com with 403/);
  const [l] = signInRefused.evaluate(baseSnapshot({ logs: logsSection([req(1), resp(1, 401), req(2, 'TLS-DSK'), resp(2, 403)]) }), env);
  assert.match(l!.message, /REGISTER with TLS-DSK credentials answered 403/);
  assert.deepEqual(signInRefused.evaluate(healthy, env), []);
  assert.deepEqual(signInRefused.evaluate(baseSnapshot({ logs: logsSection([req(1), resp(1, 401), req(2, 'TLS-DSK'), resp(2, 200)]) }), env), []);
  assert.deepEqual(signInRefused.evaluate(baseSnapshot({ sip: sipSection([attempt('p', 1, response(404, { diagnostics: [diag('4005;reason="x"')] }))]) }), env), [], '4005 has its own check');
});

test('LD-SIP-011: undocumented code shown raw as info; documented codes pass', () => {
  const [f] = undocumentedDiagnostic.evaluate(baseSnapshot({ logs: logsSection([resp(5, 500, { cseqMethod: 'SUBSCRIBE', diagnostics: [diag('52999;reason="who knows";Component="x"')] })]) }), env);
  assert.equal(f?.severity, undefined, 'default severity info');
  assert.match(f!.message, /not documented/);
  assert.ok(f!.evidence.some((e) => e.value === '52999;reason="who knows";Component="x"'));
  assert.deepEqual(undocumentedDiagnostic.evaluate(healthy, env), []);
});

test('LD-SIP-012: server Date 10 minutes off; 30 s passes', () => {
  const skewed = baseSnapshot({ sip: sipSection([ok401(undefined, { date: 'Mon, 01 Jun 2026 11:50:00 GMT', clockSkewSeconds: 600 })]) });
  const [f] = sipClockSkew.evaluate(skewed, env);
  assert.match(f!.message, /600 s ahead of pool01\.contoso\.com/);
  assert.deepEqual(sipClockSkew.evaluate(baseSnapshot({ sip: sipSection([ok401(undefined, { clockSkewSeconds: -30 })]) }), env), []);
});

test('LD-SIP-013: logged CertProv failure (HTTP 500 or FAIL); 200s and the 401 challenge pass', () => {
  const bad = logsSection([], { webCalls: [webCall('web-ticket', 'https://w/WebTicket/WebTicketService.svc/mex', 200), webCall('cert-provisioning', 'https://w/CertProv/CertProvisioningService.svc/WebTicket_Proof', 500)] });
  const [f] = loggedCertProvisioningFailure.evaluate(baseSnapshot({ logs: bad }), env);
  assert.match(f!.message, /answered HTTP 500/);
  const failText = logsSection([], { webCalls: [webCall('cert-provisioning', 'https://w/CertProv/x', null, 'GetAndPublishCert FAIL TargetUri=https://w/CertProv/x')] });
  assert.equal(loggedCertProvisioningFailure.evaluate(baseSnapshot({ logs: failText }), env).length, 1);
  const good = logsSection([], { webCalls: [webCall('cert-provisioning', 'https://w/CertProv/x', 200), webCall('web-ticket', 'https://w/WebTicket/y', 401)] });
  assert.deepEqual(loggedCertProvisioningFailure.evaluate(baseSnapshot({ logs: good }), env), []);
});

test('LD-SIP-012 stays quiet when LD-CLOCK-001 already reports the skew from HTTP Date headers', () => {
  const sip = sipSection([ok401(undefined, { date: 'Mon, 01 Jun 2026 11:50:00 GMT', clockSkewSeconds: 600 })]);
  const clock = (skewMs: number) => ({ status: 'ok' as const, message: '', durationMs: 1, data: { observations: [], skewMs, resolutionMs: 1000 } });
  assert.deepEqual(sipClockSkew.evaluate(baseSnapshot({ sip, clock: clock(600_000) }), env), []);
  assert.equal(sipClockSkew.evaluate(baseSnapshot({ sip, clock: clock(2_000) }), env).length, 1, 'HTTP servers agree with the PC: the SIP skew is still reported');
});
