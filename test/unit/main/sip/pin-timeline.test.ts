/**
 * Pins of the sign-in timeline (issue 18, session 8): bugs found while scoring timeline.ts, timeline-network.ts and
 * timeline-step.ts, and the steps' exact wording. Each expectation follows from the sign-in flow (RFC 3261 and the
 * Lync/Skype sign-in sequence), not from the current output: a step fails only on a fact that is on the client's path
 * and quotes it (issue 16); a provisional 1xx answer decides nothing; a redirect puts its target on the path.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SipAttempt, TimelineStepId } from '../../../../main/model/sip';
import { buildTimeline } from '../../../../main/sip/timeline';
import { attempt, challenges, KERBEROS, logsSection, NTLM, req, resp, response, sipSection, TLS_DSK, tlsOk, webCall } from '../../../helpers/sip-snapshot';
import { baseSnapshot, dnsSection, name, srv } from '../../../helpers/snapshot';

type Timeline = ReturnType<typeof buildTimeline>;
const step = (t: Timeline, id: TimelineStepId) => t.steps.find((s) => s.id === id) as Timeline['steps'][number];
const dns = dnsSection({
  srv: [srv('sipinternaltls', '_sipinternaltls._tcp.contoso.com', [['dir01.contoso.com', 5061], ['dir02.contoso.com', 5061]])],
  srvTargets: [name('srv-target', 'dir01.contoso.com', ['192.0.2.10']), name('srv-target', 'dir02.contoso.com', ['192.0.2.11'])],
});
const redirectHop = (a: SipAttempt, from: string): SipAttempt => ({ ...a, target: { ...a.target, source: 'redirect', redirectedFrom: from } });
const director301 = (host: string, over: Partial<SipAttempt> = {}): SipAttempt =>
  attempt(host, 5061, response(301, { reasonPhrase: 'Moved Permanently', contacts: ['<sip:pool01.contoso.com:5061;transport=tls>'] }), { redirectTo: { host: 'pool01.contoso.com', port: 5061 }, ...over });
const pool401 = (): SipAttempt => redirectHop(attempt('pool01.contoso.com', 5061, response(401, { challenges: challenges(NTLM, KERBEROS) })), 'dir01.contoso.com:5061');
const refused = (host: string, port = 5061): SipAttempt =>
  attempt(host, port, null, {
    outcome: 'connect-failed',
    tls: { ...tlsOk(host, port), outcome: 'refused', error: 'connect ECONNREFUSED', protocol: null, cipher: null, certificate: null, nameMatches: null, chainTrusted: null },
    message: `${host}:${port}: could not connect (connection refused)`,
  });

test('a director whose certificate does not cover its name fails the TLS step, though the home pool after its 301 is fine', () => {
  const dir = director301('dir01.contoso.com', { tls: tlsOk('dir01.contoso.com', 5061, { nameMatches: false, nameError: "Host: dir01.contoso.com. is not in the cert's altnames: DNS:pool01.contoso.com" }) });
  const t = buildTimeline(baseSnapshot({ dns, sip: sipSection([dir, pool401()]) }));
  const tls = step(t, 'tls');
  assert.equal(tls.status, 'failed');
  assert.equal(t.failedStepId, 'tls');
  assert.equal(tls.articleId, 'trust-model-certificate-name-mismatch');
  assert.equal(tls.detail, "Certificate of dir01.contoso.com does not cover that name (Host: dir01.contoso.com. is not in the cert's altnames: DNS:pool01.contoso.com)");
  // the proof: the director's own certificate, named as such
  assert.ok(tls.evidence.some((e) => e.label === 'certificate of dir01.contoso.com:5061' && e.value === 'CN=dir01.contoso.com; names dir01.contoso.com; valid to 2027-01-01T00:00:00.000Z'), JSON.stringify(tls.evidence));
});

test('a server probed in parallel (not on the path) with a bad name does not fail TLS', () => {
  const other = attempt('dir02.contoso.com', 5061, response(401, { challenges: challenges(NTLM) }), { tls: tlsOk('dir02.contoso.com', 5061, { nameMatches: false, nameError: 'mismatch' }) });
  const t = buildTimeline(baseSnapshot({ dns, sip: sipSection([attempt('dir01.contoso.com', 5061, response(401, { challenges: challenges(NTLM) })), other], [], 0) }));
  assert.equal(step(t, 'tls').status, 'ok');
  assert.equal(t.failedStepId, null);
});

test("after a 301, only the home pool's silence fails REGISTER; a silent director the client skipped does not", () => {
  const silentDir = attempt('dir02.contoso.com', 5061, null); // no SIP answer, probed in parallel
  const poolSilent = redirectHop(attempt('pool01.contoso.com', 5061, null, { message: 'pool01.contoso.com:5061: no SIP answer within 3000 ms' }), 'dir01.contoso.com:5061');
  const t = buildTimeline(baseSnapshot({ dns, sip: sipSection([silentDir, director301('dir01.contoso.com'), poolSilent], [], 2) }));
  const reg = step(t, 'register');
  assert.equal(reg.status, 'failed');
  assert.equal(reg.detail, 'pool01.contoso.com:5061: no SIP answer within 3000 ms');
  assert.deepEqual(reg.evidence.map((e) => `${e.label}: ${e.value}`), ['redirect: dir01.contoso.com:5061 answered 301 → pool01.contoso.com:5061', 'probe: pool01.contoso.com:5061: pool01.contoso.com:5061: no SIP answer within 3000 ms']);
  assert.equal(reg.articleId, 'dns-server-temporarily-unavailable');

  // the home pool refused: nothing was sent, the director's silence is no proof about REGISTER
  const poolRefused = redirectHop(refused('pool01.contoso.com'), 'dir01.contoso.com:5061');
  const r = buildTimeline(baseSnapshot({ dns, sip: sipSection([silentDir, director301('dir01.contoso.com'), poolRefused], [], 2) }));
  assert.equal(step(r, 'register').status, 'not-observed');
  assert.equal(step(r, 'register').detail, 'No connection to send it on');
  assert.equal(r.failedStepId, 'connect');
});

test('without a redirect a silent server still fails REGISTER with its probe line', () => {
  const t = buildTimeline(baseSnapshot({ dns, sip: sipSection([refused('dir01.contoso.com'), attempt('dir02.contoso.com', 5061, null)]) }));
  const reg = step(t, 'register');
  assert.equal(reg.status, 'failed');
  assert.deepEqual(reg.evidence.map((e) => `${e.label}: ${e.value}`), ['probe: dir02.contoso.com:5061: dir02.contoso.com:5061: no SIP answer']);
  assert.deepEqual([step(t, 'challenge').status, step(t, 'challenge').detail], ['not-observed', 'No answer to read']);
});

test('a 301 to a server that already refused the connection during discovery fails the connect step on that hop', () => {
  // The probe reuses the discovery attempt for a redirect target it already tried: its source stays srv-internal.
  const t = buildTimeline(baseSnapshot({ dns, sip: sipSection([director301('dir01.contoso.com'), refused('pool01.contoso.com')], [], 1) }));
  const c = step(t, 'connect');
  assert.equal(c.status, 'failed');
  assert.equal(t.failedStepId, 'connect');
  assert.equal(c.detail, 'Redirected to pool01.contoso.com:5061, which did not accept the TCP connection');
  assert.deepEqual(c.evidence.map((e) => `${e.label}: ${e.value}`), [
    'redirect: dir01.contoso.com:5061 answered 301 → pool01.contoso.com:5061',
    'tried: pool01.contoso.com:5061 (192.0.2.10): refused the connection — could not connect (connection refused)',
  ]);
  assert.equal(step(t, 'tls').status, 'not-observed');
  assert.equal(step(t, 'register').status, 'not-observed');
});

test('log: a 100 Trying to the authenticated REGISTER is provisional — neither a rejection nor the result', () => {
  const trying = resp(2, 100, { reasonPhrase: 'Trying' });
  const t = buildTimeline(baseSnapshot({ logs: logsSection([req(1), resp(1, 401, { challenges: challenges(NTLM) }), req(2, 'NTLM'), trying]) }));
  assert.equal(t.failedStepId, null);
  const result = step(t, 'result');
  assert.equal(result.status, 'warning');
  assert.equal(result.detail, 'No answer to the authenticated REGISTER in the log (the excerpt may end here)');
  // followed by the final answer, that answer decides
  const ok = buildTimeline(baseSnapshot({ logs: logsSection([req(1), resp(1, 401, { challenges: challenges(NTLM) }), req(2, 'NTLM'), trying, resp(2, 200, { reasonPhrase: 'OK' }), resp(2, 100, { reasonPhrase: 'Trying' })]) }));
  assert.deepEqual([step(ok, 'result').status, step(ok, 'result').detail], ['ok', '200 OK: signed in']);
});

test('log: certificate provisioning failing after an NTLM sign-in that succeeded is a warning, not where sign-in breaks', () => {
  const messages = [req(1), resp(1, 401, { challenges: challenges(NTLM, TLS_DSK) }), req(2, 'NTLM'), resp(2, 200, { reasonPhrase: 'OK', authInfoScheme: 'NTLM' })];
  const calls = [webCall('cert-provisioning', 'https://webpool.contoso.com/CertProv/CertProvisioningService.svc', 500)];
  const t = buildTimeline(baseSnapshot({ logs: logsSection(messages, { webCalls: calls }) }));
  const cert = step(t, 'certificate');
  assert.equal(cert.status, 'warning');
  assert.equal(cert.detail, 'https://webpool.contoso.com/CertProv/CertProvisioningService.svc answered HTTP 500; the client signed in with NTLM without it');
  assert.deepEqual(cert.evidence.map((e) => `${e.label}: ${e.value}`), ['log cert-provisioning: x.UccApilog:5 https://webpool.contoso.com/CertProv/CertProvisioningService.svc → HTTP 500']);
  assert.equal(t.failedStepId, null);
  assert.equal(t.summary, 'Sign-in completed (200 OK) in the newest logged attempt');
  assert.doesNotMatch(t.summary, /breaks/);

  // the same failure while the NTLM answer was a rejection still fails the certificate step (the first broken one)
  const rejected = buildTimeline(baseSnapshot({ logs: logsSection([...messages.slice(0, 3), resp(2, 403, { reasonPhrase: 'Forbidden' })], { webCalls: calls }) }));
  assert.equal(step(rejected, 'certificate').status, 'failed');
  assert.equal(step(rejected, 'certificate').detail, 'https://webpool.contoso.com/CertProv/CertProvisioningService.svc answered HTTP 500');
  assert.equal(rejected.failedStepId, 'certificate');
});

test('texts have no stray double spaces when a reason phrase is missing', () => {
  const noReason = { reasonPhrase: null };
  const texts = (t: Timeline): string[] => [t.summary, ...t.steps.flatMap((s) => [s.detail, ...s.evidence.map((e) => e.value)])];
  const cases = [
    [req(1), resp(1, 403, noReason)],
    [req(1), resp(1, 301, { ...noReason, contacts: ['<sip:pool02.contoso.com>'] })],
    [req(1), resp(1, 401, { challenges: challenges(NTLM) }), req(2, 'NTLM'), resp(2, 403, noReason)],
    [req(1), resp(1, 401, { challenges: challenges(NTLM) }), req(2, 'NTLM'), resp(2, 200, noReason)],
    [req(1), resp(1, 401, { challenges: challenges(NTLM) }), req(2, 'NTLM'), resp(2, 301, { ...noReason, contacts: ['<sip:pool02.contoso.com>'] })],
  ];
  for (const messages of cases) {
    const t = buildTimeline(baseSnapshot({ logs: logsSection(messages) }));
    for (const x of texts(t)) assert.doesNotMatch(x, / {2}| [,):]|^ | $/, `"${x}"`);
  }
  const t403 = buildTimeline(baseSnapshot({ logs: logsSection(cases[0] ?? []) }));
  assert.equal(step(t403, 'challenge').detail, '403 instead of a 401 challenge');
  assert.equal(step(t403, 'register').detail, 'sip:contoso.com sent to 192.0.2.10:443; answered 403');
  const t301 = buildTimeline(baseSnapshot({ logs: logsSection(cases[1] ?? []) }));
  assert.equal(step(t301, 'challenge').detail, 'Redirected to pool02.contoso.com before any challenge (301); the client follows it');
  const tAuth403 = buildTimeline(baseSnapshot({ logs: logsSection(cases[2] ?? []) }));
  assert.equal(step(tAuth403, 'result').detail, '403');
  const t200 = buildTimeline(baseSnapshot({ logs: logsSection(cases[3] ?? []) }));
  assert.equal(step(t200, 'result').detail, '200: signed in');
  const tAuth301 = buildTimeline(baseSnapshot({ logs: logsSection(cases[4] ?? []) }));
  assert.equal(step(tAuth301, 'result').detail, 'Authenticated and redirected to the home pool pool02.contoso.com (301, followed); the sign-in there is not in the log');
  // the probe's answer without a reason phrase
  const p = buildTimeline(baseSnapshot({ dns, sip: sipSection([attempt('dir01.contoso.com', 5061, response(403, { reasonPhrase: '' }))]) }));
  assert.equal(step(p, 'challenge').detail, '403 instead of a 401 challenge');
  assert.equal(step(p, 'register').detail, 'Sent to dir01.contoso.com:5061; answered 403');
  assert.deepEqual(step(p, 'challenge').evidence.map((e) => e.value), ['dir01.contoso.com:5061 answered 403']);
});
