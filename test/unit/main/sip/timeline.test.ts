import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { TimelineStepId } from '../../../../main/model/sip';
import type { LoggedSipMessage } from '../../../../main/model/logs';
import { buildTimeline, renderTimeline, requireProof } from '../../../../main/sip/timeline';
import { attempt, challenges, diag, KERBEROS, logsSection, NTLM, req, resp, response, sipSection, TLS_DSK, tlsOk, webCall } from '../../../helpers/sip-snapshot';
import { baseSnapshot, dnsSection, name, srv } from '../../../helpers/snapshot';

const step = (t: ReturnType<typeof buildTimeline>, id: TimelineStepId) => t.steps.find((s) => s.id === id) as ReturnType<typeof buildTimeline>['steps'][number];
const statuses = (t: ReturnType<typeof buildTimeline>): Record<TimelineStepId, string> => Object.fromEntries(t.steps.map((s) => [s.id, s.status])) as Record<TimelineStepId, string>;
const dns = dnsSection({ srv: [srv('sipinternaltls', '_sipinternaltls._tcp.contoso.com', [['pool01.contoso.com', 5061]])], srvTargets: [name('srv-target', 'pool01.contoso.com', ['10.0.0.12'])] });
const a401 = attempt('pool01.contoso.com', 5061, response(401, { challenges: challenges(NTLM, KERBEROS, TLS_DSK), diagnostics: [diag('1033;reason="x"')] }));

test('steps are always the nine, in sign-in order', () => {
  const t = buildTimeline(baseSnapshot());
  assert.deepEqual(t.steps.map((s) => s.id), ['discovery', 'connect', 'tls', 'autodiscover', 'register', 'challenge', 'certificate', 'register-auth', 'result']);
  assert.equal(t.failedStep, null);
  assert.equal(t.failedStepId, null);
  // Nothing was observed, so every step is "not-observed" — not even the certificate step is "skipped"
  // (whether TLS-DSK is offered is unknown until a challenge is seen).
  assert.deepEqual(t.steps.map((s) => s.status), Array(9).fill('not-observed'));
});

test('probe only: discovery → TLS → 401 with schemes; credentials and result need the log', () => {
  const t = buildTimeline(baseSnapshot({ dns, sip: sipSection([a401]) }));
  const s = statuses(t);
  assert.deepEqual([s.discovery, s.tls, s.register, s.challenge, s['register-auth'], s.result], ['ok', 'ok', 'ok', 'ok', 'not-observed', 'not-observed']);
  assert.match(step(t, 'challenge').detail, /Offers NTLM, Kerberos, TLS-DSK \(sts-uri https:\/\/webpool/);
  assert.equal(step(t, 'challenge').diagnostics[0]?.code, 1033);
  assert.equal(t.failedStep, null);
});

test('no discovery record: the first step fails and links its article', () => {
  const t = buildTimeline(baseSnapshot({ dns: dnsSection({}) }));
  assert.equal(t.failedStep, 0);
  assert.equal(t.failedStepId, 'discovery');
  assert.equal(step(t, 'discovery')?.articleId, 'dns-no-lync-server-found');
  assert.match(renderTimeline(t), />> 1\. FAILED Discovery/);
});

test('no SIP server in DNS but lyncdiscover or lyncdiscoverinternal resolves: discovery is not observed (the client goes through autodiscover), never failed; a lyncdiscover name without an address does not count', () => {
  for (const role of ['lyncdiscover', 'lyncdiscoverinternal'] as const) {
    const t = buildTimeline(baseSnapshot({ dns: dnsSection({ names: [name(role, `${role}.contoso.com`, ['192.0.2.7'])] }) }));
    const d = step(t, 'discovery');
    assert.equal(d.status, 'not-observed', role);
    assert.equal(d.detail, `No SIP SRV record or sip host of contoso.com resolved, but ${role}.contoso.com resolves: the client finds its SIP server through autodiscover, which this probe does not follow (pass --server host:port)`);
    assert.deepEqual(d.evidence[0], { label: `${role}.contoso.com`, value: '192.0.2.7' });
    assert.equal(d.articleId, null);
    assert.equal(t.failedStep, null);
  }
  const both = buildTimeline(baseSnapshot({ dns: dnsSection({ names: [name('lyncdiscoverinternal', 'lyncdiscoverinternal.contoso.com', ['10.0.0.7']), name('lyncdiscover', 'lyncdiscover.contoso.com', ['192.0.2.7'])] }) }));
  assert.match(step(both, 'discovery').detail, /but lyncdiscoverinternal\.contoso\.com and lyncdiscover\.contoso\.com resolves/);
  // resolved to nothing (NXDOMAIN/no address): still no discovery at all
  const none = buildTimeline(baseSnapshot({ dns: dnsSection({ names: [name('lyncdiscover', 'lyncdiscover.contoso.com', [])] }) }));
  assert.equal(step(none, 'discovery').status, 'failed');
  // a sip host without SRV is a target already: discovery ok, not this case
  const sipHost = buildTimeline(baseSnapshot({ dns: dnsSection({ names: [name('sip', 'sip.contoso.com', ['192.0.2.8']), name('lyncdiscover', 'lyncdiscover.contoso.com', ['192.0.2.7'])] }) }));
  assert.equal(step(sipHost, 'discovery').status, 'ok');
});

test('name mismatch fails TLS (the 401 behind it is still shown); untrusted chain is only a warning', () => {
  const bad = { ...a401, tls: tlsOk('pool01.contoso.com', 5061, { nameMatches: false, nameError: 'not in altnames' }) };
  const t = buildTimeline(baseSnapshot({ dns, sip: sipSection([bad]) }));
  assert.equal(t.steps[t.failedStep!]?.id, 'tls');
  assert.equal(step(t, 'tls')?.articleId, 'trust-model-certificate-name-mismatch');
  assert.equal(statuses(t).challenge, 'ok');
  const untrusted = { ...a401, tls: tlsOk('pool01.contoso.com', 5061, { chainTrusted: false, chainError: 'self-signed certificate' }) };
  const u = buildTimeline(baseSnapshot({ dns, sip: sipSection([untrusted]) }));
  assert.equal(statuses(u).tls, 'warning');
  assert.equal(u.failedStep, null);
});

test('a 403 instead of the challenge fails there, linked to the code\'s article', () => {
  const t = buildTimeline(baseSnapshot({ dns, sip: sipSection([attempt('pool01.contoso.com', 5061, response(403, { diagnostics: [diag('17002;reason="Invalid protocol client version."')] }))]) }));
  assert.equal(t.steps[t.failedStep!]?.id, 'challenge');
  assert.equal(step(t, 'challenge')?.articleId, 'client-version-policy-block');
});

test('silent server: REGISTER fails; no connection at all: the TCP step fails and TLS is not observed', () => {
  const silent = buildTimeline(baseSnapshot({ dns, sip: sipSection([attempt('pool01.contoso.com', 5061, null)]) }));
  assert.equal(silent.steps[silent.failedStep!]?.id, 'register');
  assert.equal(silent.failedStepId, 'register');
  assert.deepEqual([statuses(silent).connect, statuses(silent).tls], ['ok', 'ok']);
  const refused = attempt('pool01.contoso.com', 5061, null, { outcome: 'connect-failed', tls: { ...tlsOk('pool01.contoso.com', 5061), outcome: 'refused', certificate: null } });
  const r = buildTimeline(baseSnapshot({ dns, sip: sipSection([refused]) }));
  assert.equal(r.steps[r.failedStep!]?.id, 'connect');
  assert.equal(r.failedStepId, 'connect');
  assert.equal(step(r, 'connect').articleId, 'network-endpoint-unreachable');
  assert.equal(statuses(r).tls, 'not-observed');
});

test('log only, successful TLS-DSK sign-in: every observed step ok, result 200', () => {
  const logs = logsSection([req(1), resp(1, 401, { challenges: challenges(NTLM, TLS_DSK) }), req(2, 'TLS-DSK'), resp(2, 200)], { webCalls: [webCall('cert-provisioning', 'https://w/CertProv/CertProvisioningService.svc/WebTicket_Proof', 200)] });
  const t = buildTimeline(baseSnapshot({ logs }));
  const s = statuses(t);
  assert.deepEqual([s.tls, s.register, s.challenge, s.certificate, s['register-auth'], s.result], ['ok', 'ok', 'ok', 'ok', 'ok', 'ok']);
  assert.match(t.summary, /Sign-in completed/);
  assert.equal(step(t, 'result')?.source, 'log');
});

test('log: NTLM credentials answered with 1000 → result fails, linked to the NTLM article', () => {
  const logs = logsSection([req(1), resp(1, 401, { challenges: challenges(NTLM) }), req(2, 'NTLM'), resp(2, 401, { diagnostics: [diag('1000;reason="Final handshake failed"')] })]);
  const t = buildTimeline(baseSnapshot({ logs }));
  assert.equal(t.steps[t.failedStep!]?.id, 'result');
  assert.equal(step(t, 'result')?.articleId, 'ntlm-session-security-mismatch');
  assert.equal(statuses(t).certificate, 'skipped');
  const text = renderTimeline(t);
  assert.match(text, />> 9\. FAILED Sign-in result/);
  assert.match(text, /article: ntlm-session-security-mismatch/);
});

test('the newest sign-in is judged: an older failure followed by a success reads as success', () => {
  const older = [req(1), resp(1, 401, { challenges: challenges(NTLM) }), req(2, 'NTLM'), resp(2, 403)];
  const newer = [req(1), resp(1, 401, { challenges: challenges(NTLM) }), req(2, 'NTLM'), resp(2, 200)].map((m) => ({ ...m, callId: 'call-2' }));
  const t = buildTimeline(baseSnapshot({ logs: logsSection([...older, ...newer]) }));
  assert.equal(statuses(t).result, 'ok');
});

const sessionLog = (...m: LoggedSipMessage[]) => baseSnapshot({ logs: logsSection(m) });

test('log: an authenticated 301 to the home pool is a followed step, never "sign-in breaks"', () => {
  const t = buildTimeline(sessionLog(req(1), resp(1, 401, { challenges: challenges(NTLM, TLS_DSK) }), req(2, 'NTLM'), resp(2, 301, { authInfoScheme: 'NTLM', contacts: ['<sip:pool02.contoso.com:5061;transport=tls>'] })));
  assert.equal(t.failedStep, null);
  assert.equal(statuses(t).result, 'not-observed');
  assert.match(step(t, 'result').detail, /redirected to the home pool pool02\.contoso\.com:5061/);
  assert.doesNotMatch(t.summary, /breaks/);
});

test('log: an NTLM second-leg 401 (gssapi-data) is authentication in progress, not a first challenge', () => {
  const leg = resp(2, 401, { challenges: challenges('NTLM opaque="1", gssapi-data="TlRMTVNTUAACAAAA", targetname="pool01.contoso.com", realm="SIP Communications Service", version=4') });
  const t = buildTimeline(sessionLog(leg));
  const s = statuses(t);
  assert.deepEqual([s.challenge, s.certificate, s['register-auth'], s.result], ['not-observed', 'not-observed', 'ok', 'not-observed']);
});

test('log: a lone authenticated 200 OK to REGISTER means signed in', () => {
  const t = buildTimeline(sessionLog(resp(3, 200, { authInfoScheme: 'NTLM' })));
  assert.equal(statuses(t).result, 'ok');
  assert.equal(statuses(t)['register-auth'], 'ok');
});

test('log: without a 401 nothing is asserted about TLS-DSK; with one that lacks it, the 401 line is the evidence', () => {
  const none = buildTimeline(sessionLog(req(1)));
  assert.equal(statuses(none).certificate, 'not-observed');
  const ntlmOnly = buildTimeline(sessionLog(req(1), resp(1, 401, { challenges: challenges(NTLM) })));
  assert.equal(statuses(ntlmOnly).certificate, 'skipped');
  assert.match(step(ntlmOnly, 'certificate').evidence[0]?.value ?? '', /401/);
});

test('log: credentials rejected fails the result with the proving line; a failed step always carries evidence', () => {
  const t = buildTimeline(sessionLog(req(1), resp(1, 401, { challenges: challenges(NTLM) }), req(2, 'NTLM'), resp(2, 403, { diagnostics: [diag('1000;reason="Final handshake failed."')] })));
  assert.equal(t.steps[t.failedStep!]?.id, 'result');
  assert.match(step(t, 'result').evidence[0]?.value ?? '', /403/);
  assert.equal(requireProof({ ...step(t, 'result'), evidence: [] }).status, 'warning');
});

test('a server certificate is expired from its notAfter on, as the TLS checks judge it (−1 ms: TLS ok; 0 and +1 ms: failed)', () => {
  const at = (deltaMs: number) => {
    const created = Date.parse(baseSnapshot().createdAt);
    const notAfter = new Date(created + deltaMs).toISOString();
    const tls = tlsOk('pool01.contoso.com', 5061);
    const probe = { ...a401, tls: { ...tls, certificate: { ...tls.certificate!, notAfter } } };
    return step(buildTimeline(baseSnapshot({ dns, sip: sipSection([probe]) })), 'tls');
  };
  assert.equal(at(1).status, 'ok');
  assert.equal(at(0).status, 'failed');
  assert.match(at(0).detail, /^Certificate of pool01\.contoso\.com expired on /);
  assert.equal(at(-1).status, 'failed');
});
