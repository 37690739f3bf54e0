// Details of the SIP findings the boundary table leaves open: where a diagnostic was seen (probe / log line,
// repeats), one finding per code and source, whole messages of each wording, fallbacks for missing facts.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diagnosticSites, federationTls, ntlmMismatch, poolCertificateName, researchLinkedDiagnostic, signInRefused, sipClockSkew, tlsDskWithoutCertificate, undocumentedDiagnostic, userReplicator4005 } from '../../../../main/checks/sip';
import type { DiagnosticCount } from '../../../../main/model/logs';
import { attempt, challenges, diag, logsSection, NTLM, req, resp, response, sipSection, TLS_DSK, tlsOk } from '../../../helpers/sip-snapshot';
import { baseSnapshot, certSection, NOW } from '../../../helpers/snapshot';

const env = { now: NOW };
const E = (label: string, value: string) => ({ label, value });
const count = (value: string, over: Partial<DiagnosticCount> = {}): DiagnosticCount => ({ diagnostic: diag(value), count: 1, firstFile: 'C:\\Users\\a\\Tracing\\Lync-UccApi-0.UccApilog', firstLine: 42, statusCode: 403, cseqMethod: 'INVITE', ...over });

test('diagnosticSites: probe answers and log lines (file name only, status, repeats), in that order', () => {
  const s = baseSnapshot({
    sip: sipSection([attempt('pool01.contoso.com', 5061, response(403, { diagnostics: [diag('4005;reason="x"')] }))]),
    logs: logsSection([], { diagnostics: [count('1047;reason="y"', { count: 3 }), count('52999', { statusCode: null, cseqMethod: null })] }),
  });
  assert.deepEqual(diagnosticSites(s).map((x) => [x.source, x.d.code, x.statusCode, x.method, x.where]), [
    ['probe', 4005, 403, 'REGISTER', 'probe pool01.contoso.com:5061 → 403'],
    ['log', 1047, 403, 'INVITE', 'log Lync-UccApi-0.UccApilog line 42 (INVITE 403), 3×'],
    ['log', 52999, null, null, 'log Lync-UccApi-0.UccApilog line 42'],
  ]);
});

test('one finding per code and source: repeats in the log are one; the same code from the probe is another', () => {
  const s = baseSnapshot({
    sip: sipSection([attempt('pool01.contoso.com', 5061, response(404, { diagnostics: [diag('4005;reason="x"')] }))]),
    logs: logsSection([], { diagnostics: [count('4005;reason="x"'), count('4005;reason="x"', { firstLine: 50 })] }),
  });
  assert.deepEqual(userReplicator4005.evaluate(s, env).map((f) => f.evidence[1]!.value), ['probe pool01.contoso.com:5061 → 404', 'log Lync-UccApi-0.UccApilog line 42 (INVITE 403)']);
});

test('LD-SIP-002 redirect wording; no certificate seen, no DNS names', () => {
  const a = attempt('pool02.contoso.com', 5061, response(401), { target: { host: 'pool02.contoso.com', port: 5061, source: 'redirect', addresses: [], redirectedFrom: 'director.contoso.com:5061' }, tls: tlsOk('pool02.contoso.com', 5061, { nameMatches: false, certificate: null }) });
  const [f] = poolCertificateName.evaluate(baseSnapshot({ sip: sipSection([a]) }), env);
  assert.equal(f!.message, "director.contoso.com:5061 redirected the sign-in to pool pool02.contoso.com, but that pool's certificate does not cover pool02.contoso.com; the client refuses or warns about the pool.");
  assert.deepEqual(f!.evidence.slice(0, 4), [E('server', 'pool02.contoso.com:5061 (redirect from director.contoso.com:5061)'), E('result', a.message), E('certificate subject', '?'), E('certificate names', '(no DNS names)')]);
});

test('LD-SIP-004 info wording: with a reachable CertProv it says so; without a CertProv probe it says nothing about it', () => {
  const cp = { kind: 'cert-provisioning' as const, url: 'https://w/CertProv/mex', outcome: 'ok' as const, httpStatus: 200, tls: null, message: 'answered HTTP 200' };
  const base = { sip: sipSection([attempt('pool01.contoso.com', 5061, response(401, { challenges: challenges(TLS_DSK) }))], [cp]), certificates: certSection([]) };
  const [a] = tlsDskWithoutCertificate.evaluate(baseSnapshot(base), env);
  assert.ok(a!.message.endsWith('at sign-in (reachable without credentials).'), a!.message);
  const [b] = tlsDskWithoutCertificate.evaluate(baseSnapshot({ ...base, sip: sipSection([attempt('pool01.contoso.com', 5061, response(401, { challenges: challenges(TLS_DSK) }))]) }), env);
  assert.ok(b!.message.endsWith('/CertProvisioningService.svc at sign-in.'), b!.message);
  assert.equal(b!.evidence.length, 3);
});

test('LD-SIP-006 whole message with both signs; the evidence lists the diagnostic, then the HRESULT', () => {
  const logs = logsSection([resp(2, 401, { diagnostics: [diag('1000;reason="Final handshake failed"')] })], { errors: [{ hresult: '0xC3E93EE4', name: null, count: 2, firstLine: 7, firstFile: '/x/y.UccApilog', firstTimestamp: null, sample: 'hr' }] });
  const [f] = ntlmMismatch.evaluate(baseSnapshot({ logs }), env);
  assert.equal(f!.message, 'The sign-in\'s authentication handshake failed with ms-diagnostics 1000 "Final handshake failed"; the client log shows HRESULT 0xC3E93EE4 (SIP_E_AUTH_NTLMMISMATCH) 2×. Users then hear their password is wrong although it is right.');
  assert.deepEqual(f!.evidence.map((e) => e.label), ['ms-diagnostics', 'seen in', 'meaning', 'likely fix', 'HRESULT 0xC3E93EE4']);
  assert.equal(f!.evidence.at(-1)!.value, 'first at y.UccApilog line 7: hr'); // no name: no leading space
});

test('LD-SIP-007 on another method: the destination wording', () => {
  const [f] = userReplicator4005.evaluate(baseSnapshot({ logs: logsSection([], { diagnostics: [count('4005;reason="x"', { cseqMethod: null })] }) }), env);
  assert.equal(f!.severity, 'warning');
  assert.equal(f!.message, 'A SIP request was answered with ms-diagnostics 4005: the destination is not SIP-enabled or does not exist.');
});

test('LD-SIP-008 whole messages: documented 1047 with its partner; unconfirmed 1046 without a reason or domain', () => {
  const logs = logsSection([], { diagnostics: [count('1047;reason="Failed";Domain="fabrikam.com"'), count('1046')] });
  const [a, b] = federationTls.evaluate(baseSnapshot({ logs }), env);
  assert.equal(a!.message, 'ms-diagnostics 1047 "Failed" for partner domain fabrikam.com: your Edge and the partner\'s Edge could not complete TLS (usually the partner does not trust the CA of your Edge certificate).');
  assert.equal(b!.message, "ms-diagnostics 1046: your Edge and the partner's Edge could not complete TLS (usually the partner does not trust the CA of your Edge certificate). The meaning of this code is not confirmed by the sources.");
});

test('LD-SIP-009 whole message and evidence; a logged REGISTER 401 (>= 400) is an error', () => {
  const logs = logsSection([], { diagnostics: [count('1013;reason="Significant time skew detected during authentication."', { statusCode: 401, cseqMethod: 'REGISTER' })] });
  const [f] = researchLinkedDiagnostic.evaluate(baseSnapshot({ logs }), env);
  assert.equal(f!.severity, 'error');
  assert.equal(f!.message, 'ms-diagnostics 1013 "Significant time skew detected during authentication." (documented): clock. Known issue SFB-KI-011, article clock-skew-sign-in.');
  assert.deepEqual(f!.evidence.slice(-2), [E('research', 'SFB-KI-011'), E('article', 'clock-skew-sign-in')]);
});

test('LD-SIP-010: probe answer with a Warning header; a logged refusal of the first REGISTER has no credentials part', () => {
  const a = attempt('sip.contoso.com', 443, response(480, { reasonPhrase: 'Temporarily Unavailable', warning: '399 pool "down"' }));
  const [p] = signInRefused.evaluate(baseSnapshot({ sip: sipSection([a]) }), env);
  assert.equal(p!.message, 'sip.contoso.com:443 answered the REGISTER for alice@contoso.com with 480 Temporarily Unavailable and no ms-diagnostics; expected a 401 challenge.');
  assert.deepEqual(p!.evidence.at(-1), E('Warning', '399 pool "down"'));
  const [l] = signInRefused.evaluate(baseSnapshot({ logs: logsSection([req(1), resp(1, 403)]) }), env);
  assert.equal(l!.message, 'The client log shows REGISTER answered 403 x.');
  assert.match(l!.evidence[0]!.value, /^Lync-UccApi-0\.UccApilog line \d+ 2026-05-31T09:00:00\.000$/);
  // a logged refusal explained by a research-linked code is left to LD-SIP-009
  assert.deepEqual(signInRefused.evaluate(baseSnapshot({ logs: logsSection([req(1), resp(1, 401), req(2, 'NTLM'), resp(2, 403, { diagnostics: [diag('17002;reason="x"')] })]) }), env), []);
  // a 2xx probe answer is no refusal either
  assert.deepEqual(signInRefused.evaluate(baseSnapshot({ sip: sipSection([attempt('p', 1, response(200))]) }), env), []);
  // log and probe together: one finding each
  assert.equal(signInRefused.evaluate(baseSnapshot({ sip: sipSection([a]), logs: logsSection([req(1), resp(1, 403)]) }), env).length, 2);
  assert.ok(challenges(NTLM).length > 0);
});

test('LD-SIP-011 an undocumented code: raw header kept, every attribute as evidence; 1046 (own check) is not repeated here', () => {
  const [u] = undocumentedDiagnostic.evaluate(baseSnapshot({ logs: logsSection([], { diagnostics: [count('52999;reason="r";Source="edge.contoso.com"')] }) }), env);
  assert.equal(u!.message, 'ms-diagnostics 52999 "r" (not documented) — not documented: the raw header is kept for escalation.');
  assert.deepEqual(u!.evidence.slice(2), [E('Source', 'edge.contoso.com')]); // the reason is its own field, not an attribute
  assert.deepEqual(undocumentedDiagnostic.evaluate(baseSnapshot({ logs: logsSection([], { diagnostics: [count('1046;reason="r"')] }) }), env), []);
});

test('LD-SIP-012 behind: the negative skew worded as behind', () => {
  const a = attempt('pool01.contoso.com', 5061, response(401, { date: 'D', clockSkewSeconds: -400 }));
  const [f] = sipClockSkew.evaluate(baseSnapshot({ sip: sipSection([a]) }), env);
  assert.equal(f!.message, "This PC's clock is 400 s behind pool01.contoso.com (Date: D); sign-in fails from about 300 s.");
});
