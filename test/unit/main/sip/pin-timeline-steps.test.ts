/**
 * Every step of the sign-in timeline, branch by branch: its state, where the facts came from, the proving line or probe
 * fact it quotes, its article and its wording (issue 16: never failed without the line that proves it). The expected
 * texts follow the step's rule (what was observed, on the client's path), one row per rule.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CertificateInfo } from '../../../../main/model/certificates';
import type { SipAttempt, TimelineStep, TimelineStepId, WebServiceProbe } from '../../../../main/model/sip';
import type { Sections } from '../../../../main/model/snapshot';
import { articleForDiagnostics, buildTimeline, renderTimeline, requireProof } from '../../../../main/sip/timeline';
import { proof } from '../../../../main/sip/timeline-step';
import { attempt, challenges, diag, KERBEROS, logged, logsSection, NTLM, req, resp, response, sipSection, TLS_DSK, tlsOk, webCall } from '../../../helpers/sip-snapshot';
import { baseSnapshot, dnsSection, name, NOW, srv } from '../../../helpers/snapshot';

type Timeline = ReturnType<typeof buildTimeline>;
const step = (t: Timeline, id: TimelineStepId): TimelineStep => t.steps.find((s) => s.id === id) as TimelineStep;
const lines = (s: TimelineStep): string[] => s.evidence.map((e) => `${e.label}: ${e.value}`);
/** The parts of a step a reader sees. */
const seen = (s: TimelineStep) => ({ status: s.status, source: s.source, detail: s.detail, evidence: lines(s), articleId: s.articleId, at: s.at });
const tl = (sections: Sections): Timeline => buildTimeline(baseSnapshot(sections));
const dns = dnsSection({ srv: [srv('sipinternaltls', '_sipinternaltls._tcp.contoso.com', [['pool01.contoso.com', 5061]])], srvTargets: [name('srv-target', 'pool01.contoso.com', ['192.0.2.10'])] });
const a401 = (over: Partial<SipAttempt> = {}): SipAttempt => attempt('pool01.contoso.com', 5061, response(401, { challenges: challenges(NTLM, KERBEROS) }), over);
const tlsDskCert = (over: Partial<CertificateInfo> = {}): CertificateInfo => ({
  store: 'My', thumbprint: 'AB12', subject: 'CN=alice@contoso.com', issuer: 'CN=Communications Server', issuerCommonName: 'Communications Server', subjectCommonName: 'alice@contoso.com', sans: [],
  notBefore: '2026-05-01T00:00:00.000Z', notAfter: '2026-11-01T00:00:00.000Z', ekus: [], serialNumber: '01', hasPrivateKey: true, tlsDsk: true, sipAddress: 'alice@contoso.com', derBase64: '', ...over,
});
const certs = (list: CertificateInfo[]): Sections['certificates'] => ({ status: 'ok', message: 'test', durationMs: 1, data: { stores: [], certificates: list, parseErrors: [] } });
const web = (kind: WebServiceProbe['kind'], outcome: WebServiceProbe['outcome'], message: string): WebServiceProbe => ({ kind, url: 'https://webpool.contoso.com/x', outcome, httpStatus: outcome === 'ok' ? 401 : 500, tls: null, message });

test('articleForDiagnostics: the first decoded article other than the flow article, else the flow article, else the fallback', () => {
  assert.equal(articleForDiagnostics([diag('1033;reason="x"'), diag('4005;reason="y"')], 'fb'), 'user-replicator-ms-diagnostics-4005');
  assert.equal(articleForDiagnostics([diag('1033;reason="x"')], 'fb'), 'sip-sign-in-flow');
  assert.equal(articleForDiagnostics([diag('1046;reason="z"')], 'fb'), 'fb');
  assert.equal(articleForDiagnostics([], 'fb'), 'fb');
});

test('discovery: given directly, not run, not answered, could not be asked, found', () => {
  const override = attempt('sip.contoso.com', 443, response(401, { challenges: challenges(NTLM) }), { target: { host: 'sip.contoso.com', port: 443, source: 'override', addresses: [] } });
  assert.deepEqual(seen(step(tl({ sip: sipSection([override]) }), 'discovery')), { status: 'skipped', source: 'probe', detail: 'SIP server given directly (sip.contoso.com:443); DNS discovery not used', evidence: [], articleId: null, at: null });
  assert.deepEqual(seen(step(tl({}), 'discovery')), { status: 'not-observed', source: 'none', detail: 'DNS discovery did not run', evidence: [], articleId: null, at: null });
  assert.equal(step(tl({ dns: { status: 'error', message: 'resolver crashed', durationMs: 1 } }), 'discovery').detail, 'DNS discovery: resolver crashed');
  for (const status of ['error', 'timeout', 'partial'] as const) {
    const d = dnsSection({ srv: [{ ...srv('sipinternaltls', '_sipinternaltls._tcp.contoso.com', []), outcome: 'timeout' }] });
    const s = step(tl({ dns: { status, message: 'DNS server did not answer', durationMs: 1, data: d?.data } }), 'discovery');
    assert.deepEqual(seen(s), { status: 'not-observed', source: 'dns', detail: 'DNS could not be asked, so whether the records exist is unknown: DNS server did not answer', evidence: ['_sipinternaltls._tcp.contoso.com: timeout'], articleId: 'diagnosis-facts-missing', at: null }, status);
  }
  assert.deepEqual(seen(step(tl({ dns: dnsSection({ srv: [srv('sipinternaltls', '_sipinternaltls._tcp.contoso.com', [])] }) }), 'discovery')), {
    status: 'failed', source: 'dns', detail: 'No SIP SRV record or sip host of contoso.com resolved',
    evidence: ['_sipinternaltls._tcp.contoso.com: nxdomain', 'dns: contoso.com: no SIP SRV record and no sip/sipinternal host resolved'], articleId: 'dns-no-lync-server-found', at: null,
  });
  assert.deepEqual(seen(step(tl({ dns }), 'discovery')), { status: 'ok', source: 'dns', detail: '1 SIP server(s) found; the client tries pool01.contoso.com:5061 first', evidence: ['srv-internal: pool01.contoso.com:5061 → 192.0.2.10'], articleId: null, at: null });
  const unresolved = attempt('pool01.contoso.com', 5061, response(401, { challenges: challenges(NTLM) }), { target: { host: 'pool01.contoso.com', port: 5061, source: 'srv-internal', addresses: [] } });
  assert.deepEqual(lines(step(tl({ dns, sip: sipSection([unresolved]) }), 'discovery')), ['srv-internal: pool01.contoso.com:5061 → unresolved']);
});

test('TLS from the probe: what the evidence names, and each way it ends', () => {
  const ok = step(tl({ dns, sip: sipSection([a401()]) }), 'tls');
  assert.deepEqual(seen(ok), {
    status: 'ok', source: 'probe', detail: 'Connected to pool01.contoso.com:5061 with TLSv1.2',
    evidence: ['server: pool01.contoso.com:5061 (192.0.2.10)', 'protocol: TLSv1.2 ECDHE-RSA-AES256-GCM-SHA384', 'certificate: CN=pool01.contoso.com; names pool01.contoso.com; valid to 2027-01-01T00:00:00.000Z', 'trust: not enforced for this probe'],
    articleId: null, at: null,
  });
  const bare = step(tl({ dns, sip: sipSection([a401({ tls: tlsOk('pool01.contoso.com', 5061, { address: null, protocol: null, cipher: null, certificate: { ...tlsOk('p', 1).certificate!, dnsNames: [] } }) })]) }), 'tls');
  assert.equal(bare.detail, 'Connected to pool01.contoso.com:5061 with TLS');
  assert.deepEqual(lines(bare).slice(0, 3), ['server: pool01.contoso.com:5061 (?)', 'protocol: ?', 'certificate: CN=p; names (none); valid to 2027-01-01T00:00:00.000Z']);
  const noCert = step(tl({ dns, sip: sipSection([a401({ tls: tlsOk('pool01.contoso.com', 5061, { certificate: null }) })]) }), 'tls');
  assert.deepEqual(lines(noCert), ['server: pool01.contoso.com:5061 (192.0.2.10)', 'protocol: TLSv1.2 ECDHE-RSA-AES256-GCM-SHA384', 'trust: not enforced for this probe']);

  for (const protocol of ['TLSv1', 'TLSv1.1']) {
    const old = step(tl({ dns, sip: sipSection([a401({ tls: tlsOk('pool01.contoso.com', 5061, { protocol }) })]) }), 'tls');
    assert.deepEqual([old.status, old.detail, old.articleId], ['warning', `pool01.contoso.com:5061 negotiated only ${protocol}: PCs or clients with TLS 1.0/1.1 disabled cannot connect`, 'tls10-11-disabled-old-clients']);
  }
  const untrusted = step(tl({ dns, sip: sipSection([a401({ tls: tlsOk('pool01.contoso.com', 5061, { chainTrusted: false, chainError: 'unable to get local issuer certificate' }) })]) }), 'tls');
  assert.deepEqual([untrusted.status, untrusted.detail, untrusted.articleId], ['warning', "Connected with TLSv1.2; the chain is not trusted by this tool's public CA list (unable to get local issuer certificate) — fine if Windows trusts your enterprise CA", 'server-certificate-untrusted-chain']);
  const untrustedBare = step(tl({ dns, sip: sipSection([a401({ tls: tlsOk('pool01.contoso.com', 5061, { protocol: null, chainTrusted: false, chainError: null }) })]) }), 'tls');
  assert.equal(untrustedBare.detail, "Connected with TLS; the chain is not trusted by this tool's public CA list (untrusted) — fine if Windows trusts your enterprise CA");
  const unknownTrust = step(tl({ dns, sip: sipSection([a401({ tls: tlsOk('pool01.contoso.com', 5061, { chainTrusted: null }) })]) }), 'tls');
  assert.equal(unknownTrust.status, 'ok');

  const mismatch = step(tl({ dns, sip: sipSection([a401({ tls: tlsOk('pool01.contoso.com', 5061, { nameMatches: false, nameError: null }) })]) }), 'tls');
  assert.deepEqual([mismatch.status, mismatch.detail, mismatch.articleId], ['failed', 'Certificate of pool01.contoso.com does not cover that name (name mismatch)', 'trust-model-certificate-name-mismatch']);
  // its own certificate is already the "certificate" line: not quoted twice
  assert.deepEqual(lines(mismatch), lines(ok));
  const unknownName = step(tl({ dns, sip: sipSection([a401({ tls: tlsOk('pool01.contoso.com', 5061, { nameMatches: null }) })]) }), 'tls');
  assert.equal(unknownName.status, 'ok');

  const expired = step(tl({ dns, sip: sipSection([a401({ tls: tlsOk('pool01.contoso.com', 5061, { certificate: { ...tlsOk('p', 1).certificate!, notAfter: '2026-05-31T00:00:00.000Z' } }) })]) }), 'tls');
  assert.deepEqual([expired.status, expired.detail, expired.articleId], ['failed', 'Certificate of pool01.contoso.com expired on 2026-05-31', 'server-certificate-untrusted-chain']);
  assert.equal(lines(expired)[2], 'certificate: CN=p; names p; valid to 2026-05-31T00:00:00.000Z');
  const noEnd = step(tl({ dns, sip: sipSection([a401({ tls: tlsOk('pool01.contoso.com', 5061, { certificate: { ...tlsOk('p', 1).certificate!, notAfter: '' } }) })]) }), 'tls');
  assert.equal(noEnd.status, 'ok');
});

test('TLS from the probe: servers that failed the handshake before the one the client ended on make a warning and are quoted', () => {
  const hsFailed = attempt('sip.contoso.com', 443, null, { outcome: 'tls-failed', tls: { ...tlsOk('sip.contoso.com', 443), outcome: 'tls-error', certificate: null }, message: 'sip.contoso.com:443: TLS handshake failed (wrong version number)' });
  const tlsTimeout = attempt('edge.contoso.com', 443, null, { outcome: 'connect-failed', tls: { ...tlsOk('edge.contoso.com', 443), outcome: 'timeout', error: 'TLS handshake did not complete within 3000 ms', certificate: null }, message: 'edge.contoso.com:443: could not connect (TLS handshake timeout)' });
  const refused = attempt('old.contoso.com', 5061, null, { outcome: 'connect-failed', tls: { ...tlsOk('old.contoso.com', 5061), outcome: 'refused', certificate: null }, message: 'old.contoso.com:5061: could not connect (connection refused)' });
  const later = attempt('late.contoso.com', 5061, null, { outcome: 'tls-failed', tls: { ...tlsOk('late.contoso.com', 5061), outcome: 'tls-error', certificate: null }, message: 'late.contoso.com:5061: TLS handshake failed' });
  const t = tl({ dns, sip: sipSection([hsFailed, tlsTimeout, refused, a401(), later], [], 3) });
  const s = step(t, 'tls');
  assert.equal(s.status, 'warning');
  assert.equal(s.detail, 'Connected to pool01.contoso.com:5061 with TLSv1.2 after 2 server(s) failed');
  assert.deepEqual(lines(s).filter((l) => l.startsWith('tried first')), ['tried first: sip.contoso.com:443: TLS handshake failed (wrong version number)', 'tried first: edge.contoso.com:443: could not connect (TLS handshake timeout)']);
  assert.equal(lines(s).at(-1), 'trust: not enforced for this probe');
});

test('TLS from the probe: no answer anywhere — failed with each handshake, or not observed when no TCP came up', () => {
  const hsFailed = (h: string): SipAttempt => attempt(h, 5061, null, { outcome: 'tls-failed', tls: { ...tlsOk(h, 5061), outcome: 'tls-error', certificate: null }, message: `${h}:5061: TLS handshake failed (alert 40)` });
  const refused = (h: string): SipAttempt => attempt(h, 5061, null, { outcome: 'connect-failed', tls: { ...tlsOk(h, 5061), outcome: 'refused', certificate: null }, message: `${h}:5061: could not connect` });
  const failed = step(tl({ dns, sip: sipSection([hsFailed('a.contoso.com'), refused('b.contoso.com'), hsFailed('c.contoso.com')]) }), 'tls');
  assert.deepEqual(seen(failed), { status: 'failed', source: 'probe', detail: 'TLS handshake with the SIP server failed', evidence: ['tried: a.contoso.com:5061: TLS handshake failed (alert 40)', 'tried: c.contoso.com:5061: TLS handshake failed (alert 40)'], articleId: 'sip-sign-in-flow', at: null });
  const none = step(tl({ dns, sip: sipSection([refused('b.contoso.com')]) }), 'tls');
  assert.deepEqual(seen(none), { status: 'not-observed', source: 'probe', detail: 'No TCP connection came up, so no TLS handshake was tried', evidence: [], articleId: null, at: null });
  const empty = step(tl({ dns, sip: sipSection([]) }), 'tls');
  assert.equal(empty.detail, 'No TCP connection came up, so no TLS handshake was tried');
  // the final server (a redirect target) failed its handshake: only that one is quoted
  const dir = attempt('dir.contoso.com', 5061, response(301, { contacts: ['<sip:c.contoso.com:5061>'] }), { redirectTo: { host: 'c.contoso.com', port: 5061 } });
  const hop = { ...hsFailed('c.contoso.com'), target: { host: 'c.contoso.com', port: 5061, source: 'redirect' as const, addresses: [] } };
  const viaRedirect = step(tl({ dns, sip: sipSection([hsFailed('a.contoso.com'), dir, hop], [], 2) }), 'tls');
  assert.deepEqual([viaRedirect.status, lines(viaRedirect)], ['failed', ['tried: c.contoso.com:5061: TLS handshake failed (alert 40)']]);
  const hopRefused = { ...refused('c.contoso.com'), target: hop.target };
  const notTried = step(tl({ dns, sip: sipSection([dir, hopRefused], [], 1) }), 'tls');
  assert.deepEqual(seen(notTried), { status: 'not-observed', source: 'probe', detail: 'No TCP connection to c.contoso.com:5061 came up, so no TLS handshake with it was tried', evidence: [], articleId: null, at: null });
});

test('TLS and connect from the client log alone: a sent REGISTER or an answer proves the connection, quoting that line', () => {
  const r = req(1);
  const sent = tl({ logs: logsSection([r]) });
  assert.deepEqual(seen(step(sent, 'tls')), { status: 'ok', source: 'log', detail: 'The client sent REGISTER to 192.0.2.10:443, so its TLS connection came up', evidence: [`line: Lync-UccApi-0.UccApilog:${r.line} REGISTER sip:contoso.com SIP/2.0 (CSeq 1 REGISTER)`], articleId: null, at: '2026-05-31T09:00:00.000' });
  const noPeer = step(tl({ logs: logsSection([{ ...req(1), peer: null }]) }), 'tls');
  assert.equal(noPeer.detail, 'The client sent REGISTER to the server, so its TLS connection came up');
  const a = resp(1, 401, { challenges: challenges(NTLM), reasonPhrase: 'Unauthorized', timestamp: '2026-05-31T09:00:05.000' });
  const answered = step(tl({ logs: logsSection([a]) }), 'tls');
  assert.deepEqual(seen(answered), { status: 'ok', source: 'log', detail: 'The server answered a REGISTER, so the connection to it came up', evidence: [`line: Lync-UccApi-0.UccApilog:${a.line} SIP/2.0 401 Unauthorized (CSeq 1 REGISTER)`], articleId: null, at: '2026-05-31T09:00:05.000' });
  assert.deepEqual(seen(step(tl({ logs: logsSection([]) }), 'tls')), { status: 'not-observed', source: 'none', detail: 'No probe and no logged sign-in', evidence: [], articleId: null, at: null });
});

test('REGISTER and challenge from the probe: redirect chain, Server and Date, the schemes offered', () => {
  const dir = attempt('dir.contoso.com', 5061, response(301, { reasonPhrase: 'Moved Permanently' }), { redirectTo: { host: 'pool01.contoso.com', port: 5061 } });
  const pool = a401({ response: response(401, { challenges: challenges(NTLM, TLS_DSK), date: 'Sun, 31 May 2026 09:00:00 GMT', clockSkewSeconds: 12, userLogonData: 'RemoteUser', diagnostics: [diag('1033;reason="x"')] }) });
  const t = tl({ dns, sip: sipSection([dir, { ...pool, target: { ...pool.target, source: 'redirect' } }]) });
  assert.deepEqual(seen(step(t, 'register')), {
    status: 'ok', source: 'probe', detail: 'Sent to pool01.contoso.com:5061 after 1 redirect(s); answered 401 Unauthorized',
    evidence: ['redirect: dir.contoso.com:5061 answered 301 → pool01.contoso.com:5061', 'Server: RTC/7.0', 'Date: Sun, 31 May 2026 09:00:00 GMT (skew 12 s)'], articleId: null, at: null,
  });
  const ch = step(t, 'challenge');
  assert.deepEqual(seen(ch), {
    status: 'ok', source: 'probe', detail: 'Offers NTLM, TLS-DSK (sts-uri https://webpool.contoso.com/CertProv/CertProvisioningService.svc)',
    evidence: ['NTLM: realm "SIP Communications Service", targetname pool01.contoso.com, version 4', 'TLS-DSK: realm "SIP Communications Service", targetname pool01.contoso.com, version 4', 'ms-user-logon-data: RemoteUser'],
    articleId: 'sip-sign-in-flow', at: null,
  });
  assert.equal(ch.diagnostics[0]?.code, 1033);
  const plain = tl({ dns, sip: sipSection([a401({ response: response(401, { server: null, date: 'D', clockSkewSeconds: null, challenges: challenges('Negotiate') }) })]) });
  assert.deepEqual(lines(step(plain, 'register')), ['Date: D (skew ? s)']);
  assert.equal(step(plain, 'register').detail, 'Sent to pool01.contoso.com:5061; answered 401 Unauthorized');
  assert.deepEqual(lines(step(plain, 'challenge')), ['Negotiate: realm "", targetname -, version -']);
  const bare = step(tl({ dns, sip: sipSection([a401({ response: response(407, { reasonPhrase: 'Proxy Authentication Required' }) })]) }), 'challenge');
  assert.deepEqual(seen(bare), { status: 'warning', source: 'probe', detail: '407 without any WWW-Authenticate challenge', evidence: [], articleId: 'sip-sign-in-flow', at: null });
});

test('challenge from the probe: an answer other than 401/407 — a rejection fails, a 2xx is a warning; diagnostics and Warning quoted', () => {
  const rejected = step(tl({ dns, sip: sipSection([a401({ response: response(403, { reasonPhrase: 'Forbidden', warning: '399 pool01 "blocked"', diagnostics: [diag('4005;reason="Destination URI either not enabled for SIP or does not exist."')] }) })]) }), 'challenge');
  assert.deepEqual(seen(rejected), {
    status: 'failed', source: 'probe', detail: '403 Forbidden instead of a 401 challenge: ms-diagnostics 4005 "Destination URI either not enabled for SIP or does not exist." (documented)',
    evidence: ['probe answer: pool01.contoso.com:5061 answered 403 Forbidden', 'Warning: 399 pool01 "blocked"'], articleId: 'user-replicator-ms-diagnostics-4005', at: null,
  });
  const okAnswer = step(tl({ dns, sip: sipSection([a401({ response: response(200, { reasonPhrase: 'OK' }) })]) }), 'challenge');
  assert.deepEqual([okAnswer.status, okAnswer.detail, okAnswer.articleId, lines(okAnswer)], ['warning', '200 OK instead of a 401 challenge', 'sip-sign-in-flow', ['probe answer: pool01.contoso.com:5061 answered 200 OK']]);
  const at300 = step(tl({ dns, sip: sipSection([a401({ response: response(300, { reasonPhrase: 'Multiple Choices' }) })]) }), 'challenge');
  assert.equal(at300.status, 'failed');
  const at299 = step(tl({ dns, sip: sipSection([a401({ response: response(299, { reasonPhrase: 'x' }) })]) }), 'challenge');
  assert.equal(at299.status, 'warning');
});

test('REGISTER from the probe without an answer: silent (closed, garbage) fails with the probe line; nothing sent is not observed', () => {
  for (const outcome of ['no-answer', 'closed', 'garbage'] as const) {
    const silent = attempt('pool01.contoso.com', 5061, null, { outcome, message: `pool01.contoso.com:5061: ${outcome}` });
    const t = tl({ dns, sip: sipSection([silent]) });
    assert.deepEqual(seen(step(t, 'register')), { status: 'failed', source: 'probe', detail: `pool01.contoso.com:5061: ${outcome}`, evidence: [`probe: pool01.contoso.com:5061: pool01.contoso.com:5061: ${outcome}`], articleId: 'dns-server-temporarily-unavailable', at: null }, outcome);
    assert.equal(t.summary, `Sign-in breaks at "REGISTER without credentials": pool01.contoso.com:5061: ${outcome}`);
  }
  const skipped = attempt('pool01.contoso.com', 5061, null, { outcome: 'skipped', tls: { ...tlsOk('pool01.contoso.com', 5061), outcome: 'timeout', error: 'no time left' } });
  const t = tl({ dns, sip: sipSection([skipped]) });
  assert.deepEqual([seen(step(t, 'register')), seen(step(t, 'challenge'))], [
    { status: 'not-observed', source: 'none', detail: 'No connection to send it on', evidence: [], articleId: null, at: null },
    { status: 'not-observed', source: 'none', detail: 'No answer to read', evidence: [], articleId: null, at: null },
  ]);
});

test('REGISTER and challenge from the log: each reading with its proving line', () => {
  const r1 = req(1);
  const c1 = resp(1, 401, { reasonPhrase: 'Unauthorized', challenges: challenges(NTLM, KERBEROS), diagnostics: [diag('1033;reason="x"')], timestamp: '2026-05-31T09:00:01.000' });
  const t = tl({ logs: logsSection([r1, c1]) });
  assert.deepEqual(seen(step(t, 'register')), {
    status: 'ok', source: 'log', detail: 'sip:contoso.com sent to 192.0.2.10:443; answered 401 Unauthorized',
    evidence: [`line: Lync-UccApi-0.UccApilog:${r1.line} REGISTER sip:contoso.com SIP/2.0 (CSeq 1 REGISTER)`, `line: Lync-UccApi-0.UccApilog:${c1.line} SIP/2.0 401 Unauthorized (CSeq 1 REGISTER)`], articleId: null, at: '2026-05-31T09:00:00.000',
  });
  assert.deepEqual(seen(step(t, 'challenge')), { status: 'ok', source: 'log', detail: 'Offers NTLM, Kerberos', evidence: [`line: Lync-UccApi-0.UccApilog:${c1.line} SIP/2.0 401 Unauthorized (CSeq 1 REGISTER)`], articleId: 'sip-sign-in-flow', at: '2026-05-31T09:00:01.000' });
  assert.equal(step(t, 'challenge').diagnostics[0]?.code, 1033);

  const r2 = { ...req(1), peer: null, requestUri: null };
  const unanswered = step(tl({ logs: logsSection([r2]) }), 'register');
  assert.deepEqual(seen(unanswered), { status: 'warning', source: 'log', detail: 'REGISTER sent; no answer to it in the log (the excerpt may end here)', evidence: [`line: Lync-UccApi-0.UccApilog:${r2.line} REGISTER SIP/2.0 (CSeq 1 REGISTER)`], articleId: null, at: '2026-05-31T09:00:00.000' });
  const withPeer = step(tl({ logs: logsSection([req(1)]) }), 'register');
  assert.equal(withPeer.detail, 'sip:contoso.com sent to 192.0.2.10:443; no answer to it in the log (the excerpt may end here)');
  const answeredNoPeer = step(tl({ logs: logsSection([r2, resp(1, 401, { reasonPhrase: 'Unauthorized', challenges: challenges(NTLM) })]) }), 'register');
  assert.equal(answeredNoPeer.detail, 'REGISTER sent; answered 401 Unauthorized');

  const lone = resp(1, 407, { reasonPhrase: 'Proxy Authentication Required', challenges: challenges(NTLM) });
  assert.deepEqual(seen(step(tl({ logs: logsSection([lone]) }), 'register')), { status: 'ok', source: 'log', detail: 'The REGISTER itself is not in the log; its 407 answer is', evidence: [`line: Lync-UccApi-0.UccApilog:${lone.line} SIP/2.0 407 Proxy Authentication Required (CSeq 1 REGISTER)`], articleId: null, at: '2026-05-31T09:00:00.000' });
  const nothing = tl({ logs: logsSection([resp(5, 200, { reasonPhrase: 'OK' })]) });
  assert.deepEqual([step(nothing, 'register').status, step(nothing, 'register').detail], ['not-observed', 'No REGISTER without credentials and no first challenge in the log']);
  assert.deepEqual([step(nothing, 'challenge').status, step(nothing, 'challenge').detail], ['not-observed', 'No 401 challenge in the log']);

  const moved = resp(1, 302, { reasonPhrase: 'Moved Temporarily', contacts: ['<sip:pool02.contoso.com;transport=tls>'], diagnostics: [diag('1033;reason="x"')] });
  const redirected = step(tl({ logs: logsSection([req(1), moved]) }), 'challenge');
  assert.deepEqual(seen(redirected), { status: 'ok', source: 'log', detail: 'Redirected to pool02.contoso.com before any challenge (302 Moved Temporarily); the client follows it', evidence: [`line: Lync-UccApi-0.UccApilog:${moved.line} SIP/2.0 302 Moved Temporarily (CSeq 1 REGISTER)`], articleId: null, at: '2026-05-31T09:00:00.000' });
  assert.equal(redirected.diagnostics.length, 1);
  const noContact = step(tl({ logs: logsSection([req(1), resp(1, 301, { reasonPhrase: 'Moved' })]) }), 'challenge');
  assert.equal(noContact.detail, 'Redirected to an address not given before any challenge (301 Moved); the client follows it');
  const oddContact = step(tl({ logs: logsSection([req(1), resp(1, 301, { reasonPhrase: 'Moved', contacts: ['not a uri'] })]) }), 'challenge');
  assert.equal(oddContact.detail, 'Redirected to not a uri before any challenge (301 Moved); the client follows it');

  const refused = resp(1, 480, { reasonPhrase: 'Temporarily Unavailable', diagnostics: [diag('17002;reason="Invalid protocol client version."')] });
  const rej = step(tl({ logs: logsSection([req(1), refused]) }), 'challenge');
  assert.deepEqual(seen(rej), { status: 'failed', source: 'log', detail: '480 Temporarily Unavailable instead of a 401 challenge: ms-diagnostics 17002 "Invalid protocol client version." (documented)', evidence: [`line: Lync-UccApi-0.UccApilog:${refused.line} SIP/2.0 480 Temporarily Unavailable (CSeq 1 REGISTER)`], articleId: 'client-version-policy-block', at: '2026-05-31T09:00:00.000' });
  assert.equal(step(tl({ logs: logsSection([req(1), resp(1, 403, { reasonPhrase: 'Forbidden' })]) }), 'challenge').articleId, 'sip-sign-in-flow');
  // a 2xx to the credential-less REGISTER is no challenge and no rejection
  const two = step(tl({ logs: logsSection([req(1), resp(1, 200, { reasonPhrase: 'OK' })]) }), 'challenge');
  assert.deepEqual([two.status, two.detail], ['not-observed', 'No 401 challenge in the log']);
  // a 401 without any challenge header is not a first leg
  const empty401 = step(tl({ logs: logsSection([req(1), resp(1, 401, { reasonPhrase: 'Unauthorized' })]) }), 'challenge');
  assert.deepEqual([empty401.status, empty401.detail], ['not-observed', 'No 401 challenge in the log']);
});

test('certificate step: not seen, not offered, used by the client, a valid local certificate, provisioning answers', () => {
  const notSeen = step(tl({ logs: logsSection([req(1)]) }), 'certificate');
  assert.deepEqual(seen(notSeen), { status: 'not-observed', source: 'none', detail: 'No 401 challenge was seen, so whether TLS-DSK was offered is not known', evidence: [], articleId: null, at: null });
  const probeOnly = step(tl({ dns, sip: sipSection([a401()]) }), 'certificate');
  assert.deepEqual(seen(probeOnly), { status: 'skipped', source: 'probe', detail: 'TLS-DSK not offered in the 401 challenge: the client signs in with NTLM/Kerberos', evidence: [], articleId: null, at: null });
  const c = resp(1, 401, { reasonPhrase: 'Unauthorized', challenges: challenges(NTLM, TLS_DSK) });
  const withCreds = req(2, 'TLS-DSK');
  const used = step(tl({ logs: logsSection([req(1), c, withCreds]) }), 'certificate');
  // the proof: the challenge offering TLS-DSK and the REGISTER that carried TLS-DSK credentials
  assert.deepEqual(seen(used), { status: 'ok', source: 'log', detail: 'The client answered with TLS-DSK credentials, so it holds a valid TLS-DSK certificate', evidence: [`line: Lync-UccApi-0.UccApilog:${c.line} SIP/2.0 401 Unauthorized (CSeq 1 REGISTER)`, `line: Lync-UccApi-0.UccApilog:${withCreds.line} REGISTER sip:contoso.com SIP/2.0 (CSeq 2 REGISTER)`], articleId: null, at: null });
  // TLS-DSK used (Authentication-Info) with no challenge in the log: offered; the 200 naming TLS-DSK is the proof
  const ok200 = resp(3, 200, { reasonPhrase: 'OK', authInfoScheme: 'TLS-DSK' });
  const usedOnly = step(tl({ logs: logsSection([ok200]) }), 'certificate');
  assert.deepEqual([usedOnly.status, lines(usedOnly)], ['ok', [`line: Lync-UccApi-0.UccApilog:${ok200.line} SIP/2.0 200 OK (CSeq 3 REGISTER)`]]);
  // the log's challenge lacks TLS-DSK but the probe's offers it: offered
  const probeOffers = attempt('pool01.contoso.com', 5061, response(401, { challenges: challenges(NTLM, TLS_DSK) }));
  const both = step(buildTimeline(baseSnapshot({ dns, sip: sipSection([probeOffers]), logs: logsSection([req(1), resp(1, 401, { challenges: challenges(NTLM) })]) })), 'certificate');
  assert.equal(both.status, 'not-observed');
  assert.equal(both.detail, 'Certificate stores not read on this OS and services not probed');
  // lower-case scheme still TLS-DSK
  const lower = step(tl({ dns, sip: sipSection([attempt('pool01.contoso.com', 5061, response(401, { challenges: challenges('tls-dsk realm="x"') }))]) }), 'certificate');
  assert.equal(lower.status, 'not-observed');

  const offered = sipSection([probeOffers]);
  const valid = tlsDskCert();
  const withCert = step(tl({ dns, sip: offered, certificates: certs([valid, tlsDskCert({ thumbprint: 'CD34', store: 'LyncCertStore', notAfter: '2026-12-01T00:00:00.000Z' })]) }), 'certificate');
  assert.deepEqual(seen(withCert), { status: 'ok', source: 'certificates', detail: 'A valid TLS-DSK certificate is present (AB12, until 2026-11-01); no provisioning needed', evidence: ['My: AB12 until 2026-11-01T00:00:00.000Z', 'LyncCertStore: CD34 until 2026-12-01T00:00:00.000Z'], articleId: null, at: null });
  const expired = step(tl({ dns, sip: offered, certificates: certs([tlsDskCert({ notAfter: NOW.toISOString() })]) }), 'certificate');
  assert.deepEqual(seen(expired), { status: 'not-observed', source: 'none', detail: 'No valid TLS-DSK certificate; the provisioning service was not probed', evidence: ['local TLS-DSK certificate: none valid for this address'], articleId: null, at: null });

  const answering = step(tl({ dns, sip: sipSection([probeOffers], [web('cert-provisioning', 'ok', 'CertProvisioningService answers 401'), web('web-ticket', 'ok', 'WebTicketService answers 401')]) }), 'certificate');
  assert.deepEqual(seen(answering), { status: 'ok', source: 'probe', detail: 'Certificate provisioning and web ticket services answer without credentials', evidence: ['cert-provisioning: CertProvisioningService answers 401', 'web-ticket: WebTicketService answers 401'], articleId: null, at: null });
  const called = step(tl({ dns, sip: offered, logs: logsSection([], { webCalls: [webCall('web-ticket', 'https://w/WebTicket/WebTicketService.svc', 200), webCall('autodiscover', 'https://lyncdiscover.contoso.com', 200)] }) }), 'certificate');
  assert.deepEqual(seen(called), { status: 'ok', source: 'log', detail: 'The client called the certificate provisioning / web ticket services', evidence: ['log web-ticket: x.UccApilog:5 https://w/WebTicket/WebTicketService.svc → HTTP 200'], articleId: null, at: null });
  const noStatus = step(tl({ dns, sip: offered, logs: logsSection([], { webCalls: [webCall('cert-provisioning', 'https://w/CertProv', null)] }) }), 'certificate');
  assert.deepEqual(lines(noStatus), ['log cert-provisioning: x.UccApilog:5 https://w/CertProv']);
});

test('certificate step: a failing provisioning or web-ticket service fails it (probe first, else the log), quoting the call', () => {
  const offered = (ws: WebServiceProbe[] = []) => sipSection([attempt('pool01.contoso.com', 5061, response(401, { challenges: challenges(NTLM, TLS_DSK) }))], ws);
  const prov = step(tl({ dns, sip: offered([web('web-ticket', 'unreachable', 'WebTicketService unreachable'), web('cert-provisioning', 'http-error', 'CertProvisioningService answered HTTP 500')]) }), 'certificate');
  assert.deepEqual(seen(prov), { status: 'failed', source: 'probe', detail: 'CertProvisioningService answered HTTP 500', evidence: ['web-ticket: WebTicketService unreachable', 'cert-provisioning: CertProvisioningService answered HTTP 500'], articleId: 'certificate-provisioning-failed', at: null });
  const ticket = step(tl({ dns, sip: offered([web('cert-provisioning', 'ok', 'ok'), web('web-ticket', 'tls-failed', 'WebTicketService TLS failed')]) }), 'certificate');
  assert.deepEqual([ticket.status, ticket.detail], ['failed', 'WebTicketService TLS failed']);
  const ticketHttp = step(tl({ dns, sip: offered([web('cert-provisioning', 'ok', 'ok'), web('web-ticket', 'http-error', 'WebTicketService answered HTTP 404')]) }), 'certificate');
  assert.deepEqual(seen(ticketHttp), { status: 'warning', source: 'probe', detail: 'Certificate provisioning answers, but WebTicketService answered HTTP 404', evidence: ['cert-provisioning: ok', 'web-ticket: WebTicketService answered HTTP 404'], articleId: 'certificate-provisioning-failed', at: null });

  const calls = [webCall('cert-provisioning', 'https://w/CertProv', 500), ...[1, 2, 3, 4, 5, 6].map((i) => webCall('web-ticket', `https://w/t${i}`, i === 6 ? 401 : 200))];
  const fromLog = step(tl({ dns, sip: offered(), logs: logsSection([], { webCalls: calls }) }), 'certificate');
  assert.equal(fromLog.status, 'failed');
  assert.equal(fromLog.source, 'log');
  assert.equal(fromLog.detail, 'https://w/CertProv answered HTTP 500');
  assert.equal(fromLog.at, '2026-05-31T09:00:01.000');
  // the failing call is quoted first even though six newer calls followed; a 401 is the web ticket's normal challenge
  assert.deepEqual(lines(fromLog), ['log cert-provisioning: x.UccApilog:5 https://w/CertProv → HTTP 500', ...[1, 2, 3, 4, 5, 6].map((i) => `log web-ticket: x.UccApilog:5 https://w/t${i} → HTTP ${i === 6 ? 401 : 200}`)]);
  const at400 = step(tl({ dns, sip: offered(), logs: logsSection([], { webCalls: [webCall('web-ticket', 'https://w/t', 400), webCall('web-ticket', 'https://w/u', 399)] }) }), 'certificate');
  assert.deepEqual([at400.status, at400.detail, lines(at400).length], ['failed', 'https://w/t answered HTTP 400', 2]);
  const newest = step(tl({ dns, sip: offered(), logs: logsSection([], { webCalls: [webCall('web-ticket', 'https://w/old', 500), webCall('web-ticket', 'https://w/new', 503)] }) }), 'certificate');
  assert.equal(newest.detail, 'https://w/new answered HTTP 503');
  const only401 = step(tl({ dns, sip: offered(), logs: logsSection([], { webCalls: [webCall('web-ticket', 'https://w/t', 401)] }) }), 'certificate');
  assert.equal(only401.status, 'ok');
});

test('REGISTER with credentials and the result, from the log', () => {
  const c1 = resp(1, 401, { reasonPhrase: 'Unauthorized', challenges: challenges(NTLM) });
  const r2 = req(2, 'NTLM');
  const ok = resp(2, 200, { reasonPhrase: 'OK', timestamp: '2026-05-31T09:00:09.000', diagnostics: [diag('1033;reason="x"')] });
  const t = tl({ logs: logsSection([req(1), c1, r2, ok]) });
  assert.deepEqual(seen(step(t, 'register-auth')), { status: 'ok', source: 'log', detail: 'REGISTER with NTLM credentials (CSeq 2)', evidence: [`line: Lync-UccApi-0.UccApilog:${r2.line} REGISTER sip:contoso.com SIP/2.0 (CSeq 2 REGISTER)`], articleId: null, at: '2026-05-31T09:00:00.000' });
  assert.deepEqual(seen(step(t, 'result')), { status: 'ok', source: 'log', detail: '200 OK: signed in', evidence: [`line: Lync-UccApi-0.UccApilog:${ok.line} SIP/2.0 200 OK (CSeq 2 REGISTER)`], articleId: null, at: '2026-05-31T09:00:09.000' });
  assert.equal(step(t, 'result').diagnostics.length, 1);
  assert.equal(t.summary, 'Sign-in completed (200 OK) in the newest logged attempt');
  const noCseq = step(tl({ logs: logsSection([req(1), c1, { ...req(2, 'Kerberos'), cseq: null }]) }), 'register-auth');
  assert.equal(noCseq.detail, 'REGISTER with Kerberos credentials (CSeq ?)');

  const unanswered = tl({ logs: logsSection([req(1), c1, r2]) });
  assert.deepEqual(seen(step(unanswered, 'result')), { status: 'warning', source: 'log', detail: 'No answer to the authenticated REGISTER in the log (the excerpt may end here)', evidence: [`line: Lync-UccApi-0.UccApilog:${r2.line} REGISTER sip:contoso.com SIP/2.0 (CSeq 2 REGISTER)`], articleId: null, at: '2026-05-31T09:00:00.000' });
  assert.equal(unanswered.summary, 'No step failed in what could be observed (7 of 9 steps observed)');
  const leg = resp(2, 401, { reasonPhrase: 'Unauthorized', challenges: challenges('NTLM opaque="1", gssapi-data="TlRMTVNTUAACAAAA", realm="SIP Communications Service"') });
  const inProgress = step(tl({ logs: logsSection([req(1), c1, r2, leg]) }), 'result');
  assert.deepEqual(seen(inProgress), { status: 'not-observed', source: 'none', detail: 'Authentication in progress; its final answer is not in the log', evidence: [], articleId: null, at: null });

  // the credentials' REGISTER not logged: the server's authenticated answer or its NTLM leg shows they were sent
  const authOk = resp(3, 200, { reasonPhrase: 'OK', authInfoScheme: 'Kerberos' });
  assert.deepEqual(seen(step(tl({ logs: logsSection([authOk]) }), 'register-auth')), { status: 'ok', source: 'log', detail: "The REGISTER with credentials is not in the log; the server's authenticated answer (Authentication-Info Kerberos) shows the client sent them", evidence: [`line: Lync-UccApi-0.UccApilog:${authOk.line} SIP/2.0 200 OK (CSeq 3 REGISTER)`], articleId: null, at: '2026-05-31T09:00:00.000' });
  assert.equal(step(tl({ logs: logsSection([leg]) }), 'register-auth').detail, "The REGISTER with credentials is not in the log; the server's NTLM challenge leg (gssapi-data) shows the client sent them");
  const noneLogged = tl({ logs: logsSection([req(1), c1]) });
  assert.deepEqual([seen(step(noneLogged, 'register-auth')), seen(step(noneLogged, 'result'))], [
    { status: 'not-observed', source: 'none', detail: 'The log shows no REGISTER with credentials for the newest sign-in', evidence: [], articleId: null, at: null },
    { status: 'not-observed', source: 'none', detail: 'No authenticated answer logged', evidence: [], articleId: null, at: null },
  ]);
  const noLog = tl({ dns, sip: sipSection([a401()]) });
  assert.deepEqual([step(noLog, 'register-auth').detail, step(noLog, 'result').detail], ["Only the client log shows this: the probe never sends credentials (pass --log, or diagnose on the user's PC)", 'Needs the client log']);
});

test('result from the log: a rejection fails with its line and the diagnostics; NTLM mismatch errors pick that article', () => {
  const c1 = resp(1, 401, { challenges: challenges(NTLM) });
  const no = resp(2, 403, { reasonPhrase: 'Forbidden', timestamp: '2026-05-31T09:00:07.000', diagnostics: [diag('4005;reason="Destination URI either not enabled for SIP or does not exist."')] });
  const t = tl({ logs: logsSection([req(1), c1, req(2, 'NTLM'), no]) });
  assert.deepEqual(seen(step(t, 'result')), { status: 'failed', source: 'log', detail: '403 Forbidden: ms-diagnostics 4005 "Destination URI either not enabled for SIP or does not exist." (documented)', evidence: [`line: Lync-UccApi-0.UccApilog:${no.line} SIP/2.0 403 Forbidden (CSeq 2 REGISTER)`], articleId: 'user-replicator-ms-diagnostics-4005', at: '2026-05-31T09:00:07.000' });
  assert.equal(t.failedStep, 8);
  assert.equal(t.summary, 'Sign-in breaks at "Sign-in result": 403 Forbidden: ms-diagnostics 4005 "Destination URI either not enabled for SIP or does not exist." (documented)');
  const ntlm = { hresult: '0xC3E93C1A', name: 'SIP_E_AUTH_NTLMMISMATCH', count: 1, firstLine: 1, firstFile: 'a.log', firstTimestamp: null, sample: 'x' };
  const other = { ...ntlm, name: 'SIP_E_OTHER' };
  assert.equal(step(tl({ logs: logsSection([req(1), c1, req(2, 'NTLM'), no], { errors: [other, ntlm] }) }), 'result').articleId, 'ntlm-session-security-mismatch');
  assert.equal(step(tl({ logs: logsSection([req(1), c1, req(2, 'NTLM'), no], { errors: [other] }) }), 'result').articleId, 'user-replicator-ms-diagnostics-4005');
  // a response to another CSeq is not the answer to the credentials; an Authentication-Info answer is
  const stray = tl({ logs: logsSection([req(1), c1, req(2, 'NTLM'), resp(7, 500, { reasonPhrase: 'Server Error' })]) });
  assert.equal(step(stray, 'result').status, 'not-observed');
  // (another Call-ID is another dialog: not part of this sign-in, so the credentials are still unanswered)
  const otherCall = tl({ logs: logsSection([req(1), c1, req(2, 'NTLM'), resp(2, 500, { reasonPhrase: 'Server Error', callId: 'call-9' })]) });
  assert.equal(step(otherCall, 'result').status, 'warning');
  const upper = tl({ logs: logsSection([req(1), c1, req(2, 'NTLM'), resp(2, 300, { reasonPhrase: 'Multiple' })]) });
  assert.equal(step(upper, 'result').status, 'failed');
  const at299 = tl({ logs: logsSection([req(1), c1, req(2, 'NTLM'), resp(2, 299, { reasonPhrase: 'x' })]) });
  assert.equal(step(at299, 'result').status, 'ok');
  const redirected = step(tl({ logs: logsSection([req(1), c1, req(2, 'NTLM'), resp(2, 302, { reasonPhrase: 'Moved Temporarily', contacts: ['<sip:pool02.contoso.com:5061>'], diagnostics: [diag('1033;reason="x"')] })]) }), 'result');
  assert.deepEqual([redirected.status, redirected.source, redirected.detail, redirected.diagnostics.length], ['not-observed', 'log', 'Authenticated and redirected to the home pool pool02.contoso.com:5061 (302 Moved Temporarily, followed); the sign-in there is not in the log', 1]);
});

test('buildTimeline: the first failed step is the one named; a failed step with no proof is shown as a warning', () => {
  const t = tl({ dns: dnsSection({}), logs: logsSection([req(1), resp(1, 401, { challenges: challenges(NTLM) }), req(2, 'NTLM'), resp(2, 403, { reasonPhrase: 'Forbidden' })]) });
  assert.equal(t.failedStep, 0);
  assert.equal(t.failedStepId, 'discovery');
  assert.equal(step(t, 'result').status, 'failed');
  const bare: TimelineStep = { id: 'result', title: 'Sign-in result', status: 'failed', source: 'log', detail: '403 Forbidden', evidence: [], articleId: 'x', diagnostics: [], at: null };
  assert.deepEqual(requireProof(bare), { ...bare, status: 'warning', detail: '403 Forbidden (no logged line or probe result proves a failure here)' });
  assert.equal(requireProof({ ...bare, status: 'warning' }).detail, '403 Forbidden');
  const proved = { ...bare, evidence: [{ label: 'line', value: 'a:1 SIP/2.0 403' }] };
  assert.equal(requireProof(proved), proved);
});

test('renderTimeline: pointer, marks, time, source, diagnostics with meaning and advice, evidence, article only for failed/warning', () => {
  const refined = diag('1000;reason="Final handshake failed.";HRESULT="C3E93C1A"');
  const t = tl({ logs: logsSection([req(1), resp(1, 401, { reasonPhrase: 'Unauthorized', challenges: challenges(NTLM) }), req(2, 'NTLM'), resp(2, 403, { reasonPhrase: 'Forbidden', diagnostics: [refined, diag('1046')] })]) });
  const text = renderTimeline(t);
  const out = text.split('\n');
  assert.equal(out[0], 'Sign-in timeline');
  assert.equal(out[1], '   1. --     Discovery (DNS)');
  assert.equal(out[2], '        DNS discovery did not run');
  assert.deepEqual(out.filter((l) => l === '   2. ok     TCP connection to the SIP server  [2026-05-31T09:00:00.000]  (log)'), ['   2. ok     TCP connection to the SIP server  [2026-05-31T09:00:00.000]  (log)']);
  assert.ok(out.some((l) => /^>> 9\. FAILED Sign-in result {2}\[2026-05-31T09:00:00\.000\] {2}\(log\)$/.test(l)), text);
  assert.deepEqual(out.filter((l) => l === '   7. skip   Certificate provisioning / web ticket (TLS-DSK)  (log)'), ['   7. skip   Certificate provisioning / web ticket (TLS-DSK)  (log)']);
  assert.deepEqual(out.filter((l) => l === '          meaning: NTLM mismatch'), ['          meaning: NTLM mismatch']);
  const quoted = t.steps[8]?.evidence[0];
  assert.match(quoted?.value ?? '', /^Lync-UccApi-0\.UccApilog:\d+ SIP\/2\.0 403 Forbidden \(CSeq 2 REGISTER\)$/);
  assert.deepEqual(out.filter((l) => l === `        - line: ${quoted?.value}`), [`        - line: ${quoted?.value}`]);
  assert.deepEqual(out.filter((l) => l === '        article: ntlm-session-security-mismatch'), ['        article: ntlm-session-security-mismatch']);
  // an ok step with an article (the challenge's flow article) shows none
  assert.equal(out.filter((l) => l === '        article: sip-sign-in-flow').length, 0, text);
  assert.equal(out.at(-2), '');
  assert.equal(out.at(-1), t.summary);
  const refinedBy = t.steps[8]?.diagnostics[0]?.decoded.refinedBy;
  if (refinedBy) assert.ok(out.some((l) => l.startsWith(`          advice (from ${refinedBy}): `)), text);
  // a warning shows its article
  const w = renderTimeline(tl({ dns, sip: sipSection([a401({ tls: tlsOk('pool01.contoso.com', 5061, { protocol: 'TLSv1' }) })]) }));
  assert.ok(w.includes('\n        article: tls10-11-disabled-old-clients\n'), w);
  assert.ok(w.includes('\n   3. WARN   TLS connection to the SIP server  (probe)\n'), w);
});

test('the nine steps carry their titles, in sign-in order', () => {
  assert.deepEqual(tl({}).steps.map((s) => s.title), [
    'Discovery (DNS)', 'TCP connection to the SIP server', 'TLS connection to the SIP server', 'Autodiscover (lyncdiscover)', 'REGISTER without credentials',
    '401 challenge: authentication methods offered', 'Certificate provisioning / web ticket (TLS-DSK)', 'REGISTER with credentials', 'Sign-in result',
  ]);
});

test('lists in the evidence are comma-separated: addresses, certificate names; several diagnostics are joined by "; "', () => {
  const two = attempt('pool01.contoso.com', 5061, response(401, { challenges: challenges(NTLM) }), {
    target: { host: 'pool01.contoso.com', port: 5061, source: 'srv-internal', addresses: ['192.0.2.10', '192.0.2.11'] },
    tls: tlsOk('pool01.contoso.com', 5061, { certificate: { ...tlsOk('p', 1).certificate!, dnsNames: ['pool01.contoso.com', 'sip.contoso.com'] } }),
  });
  const t = tl({ dns, sip: sipSection([two]) });
  assert.deepEqual(lines(step(t, 'discovery')), ['srv-internal: pool01.contoso.com:5061 → 192.0.2.10, 192.0.2.11']);
  assert.equal(lines(step(t, 'tls'))[2], 'certificate: CN=p; names pool01.contoso.com, sip.contoso.com; valid to 2027-01-01T00:00:00.000Z');
  const diags = [diag('4005;reason="Destination URI either not enabled for SIP or does not exist."'), diag('1046')];
  const both = 'ms-diagnostics 4005 "Destination URI either not enabled for SIP or does not exist." (documented); ms-diagnostics 1046 (not confirmed by sources)';
  assert.equal(step(tl({ dns, sip: sipSection([attempt('pool01.contoso.com', 5061, response(404, { reasonPhrase: 'Not Found', diagnostics: diags }))]) }), 'challenge').detail, `404 Not Found instead of a 401 challenge: ${both}`);
  assert.equal(step(tl({ logs: logsSection([req(1), resp(1, 404, { reasonPhrase: 'Not Found', diagnostics: diags })]) }), 'challenge').detail, `404 Not Found instead of a 401 challenge: ${both}`);
  assert.equal(step(tl({ logs: logsSection([req(1), resp(1, 401, { challenges: challenges(NTLM) }), req(2, 'NTLM'), resp(2, 404, { reasonPhrase: 'Not Found', diagnostics: diags })]) }), 'result').detail, `404 Not Found: ${both}`);
});

test('discovery found servers even when part of DNS failed: ok, not "could not be asked"', () => {
  const partial = step(tl({ dns: { status: 'partial', message: 'one query timed out', durationMs: 1, data: dns?.data } }), 'discovery');
  assert.deepEqual([partial.status, partial.detail], ['ok', '1 SIP server(s) found; the client tries pool01.contoso.com:5061 first']);
});

test('TLS sources and the servers on the path: each failed TLS step says it came from the probe', () => {
  const bad = step(tl({ dns, sip: sipSection([a401({ tls: tlsOk('pool01.contoso.com', 5061, { nameMatches: false, nameError: 'x' }) })]) }), 'tls');
  assert.equal(bad.source, 'probe');
  const expired = step(tl({ dns, sip: sipSection([a401({ tls: tlsOk('pool01.contoso.com', 5061, { certificate: { ...tlsOk('p', 1).certificate!, notAfter: '2026-01-01T00:00:00.000Z' } }) })]) }), 'tls');
  assert.equal(expired.source, 'probe');
  const untrusted = step(tl({ dns, sip: sipSection([a401({ tls: tlsOk('pool01.contoso.com', 5061, { chainTrusted: false }) })]) }), 'tls');
  assert.equal(untrusted.source, 'probe');
  // two redirects: the middle hop (a pool that redirects again) is on the path too
  const dir = attempt('dir.contoso.com', 5061, response(301, {}), { redirectTo: { host: 'pool01.contoso.com', port: 5061 } });
  const mid = attempt('pool01.contoso.com', 5061, response(301, {}), { target: { host: 'pool01.contoso.com', port: 5061, source: 'redirect', addresses: [] }, redirectTo: { host: 'pool02.contoso.com', port: 5061 }, tls: tlsOk('pool01.contoso.com', 5061, { nameMatches: false, nameError: 'not in altnames' }) });
  const home = attempt('pool02.contoso.com', 5061, response(401, { challenges: challenges(NTLM) }), { target: { host: 'pool02.contoso.com', port: 5061, source: 'redirect', addresses: [] } });
  const chained = step(tl({ dns, sip: sipSection([dir, mid, home]) }), 'tls');
  assert.deepEqual([chained.status, chained.detail], ['failed', 'Certificate of pool01.contoso.com does not cover that name (not in altnames)']);
  assert.equal(lines(chained).at(-1), 'certificate of pool01.contoso.com:5061: CN=pool01.contoso.com; names pool01.contoso.com; valid to 2027-01-01T00:00:00.000Z');
});

test('TLS when no server answered: the handshake of a silent server is the one shown; the failures counted are the ones before an answer', () => {
  const refusedFirst = attempt('a.contoso.com', 5061, null, { outcome: 'connect-failed', tls: { ...tlsOk('a.contoso.com', 5061), outcome: 'refused', certificate: null }, message: 'a.contoso.com:5061: could not connect' });
  const silent = attempt('b.contoso.com', 5061, null);
  const t = step(tl({ dns, sip: sipSection([refusedFirst, silent], [], null) }), 'tls');
  assert.deepEqual([t.status, t.detail, lines(t)[0]], ['ok', 'Connected to b.contoso.com:5061 with TLSv1.2', 'server: b.contoso.com:5061 (192.0.2.10)']);
  // no answer anywhere: every handshake that failed counts, the last one too
  const hsFailed = attempt('c.contoso.com', 5061, null, { outcome: 'tls-failed', tls: { ...tlsOk('c.contoso.com', 5061), outcome: 'tls-error', certificate: null }, message: 'c.contoso.com:5061: TLS handshake failed' });
  const last = step(tl({ dns, sip: sipSection([silent, hsFailed], [], null) }), 'tls');
  assert.deepEqual([last.status, last.detail], ['warning', 'Connected to b.contoso.com:5061 with TLSv1.2 after 1 server(s) failed']);
  // the first server answered: failures after it were probed in parallel, not on the path
  const first = step(tl({ dns, sip: sipSection([a401(), hsFailed]) , }), 'tls');
  assert.deepEqual([first.status, first.detail], ['ok', 'Connected to pool01.contoso.com:5061 with TLSv1.2']);
});

test('REGISTER evidence from the probe: the Server header alone when there is no Date', () => {
  assert.deepEqual(lines(step(tl({ dns, sip: sipSection([a401()]) }), 'register')), ['Server: RTC/7.0']);
});

test('log: a 300 answer to the first REGISTER is a rejection of it (only 301/302 are followed)', () => {
  const r = resp(1, 300, { reasonPhrase: 'Multiple Choices' });
  const c = step(tl({ logs: logsSection([req(1), r]) }), 'challenge');
  assert.deepEqual([c.status, c.detail], ['failed', '300 Multiple Choices instead of a 401 challenge']);
});

test('log: only an NTLM second leg in the log — the first 401 is said to be missing, whatever else is logged', () => {
  const leg = resp(2, 401, { reasonPhrase: 'Unauthorized', challenges: challenges('NTLM opaque="1", gssapi-data="TlRMTVNTUAACAAAA", realm="SIP Communications Service"') });
  const t = tl({ logs: logsSection([leg, resp(2, 200, { reasonPhrase: 'OK', authInfoScheme: 'NTLM' })]) });
  assert.deepEqual([step(t, 'challenge').status, step(t, 'challenge').detail], ['not-observed', 'The first 401 is not in the log (an NTLM second leg is)']);
});

test('certificate step, the quiet cases: nothing but the offer gives no evidence; only the six newest calls are quoted', () => {
  const offers = sipSection([attempt('pool01.contoso.com', 5061, response(401, { challenges: challenges(NTLM, TLS_DSK) }))]);
  assert.deepEqual(seen(step(tl({ dns, sip: offers }), 'certificate')), { status: 'not-observed', source: 'none', detail: 'Certificate stores not read on this OS and services not probed', evidence: [], articleId: null, at: null });
  const seven = [1, 2, 3, 4, 5, 6, 7].map((i) => webCall('web-ticket', `https://w/t${i}`, 200));
  const many = step(tl({ dns, sip: offers, logs: logsSection([], { webCalls: seven }) }), 'certificate');
  assert.deepEqual(lines(many), [2, 3, 4, 5, 6, 7].map((i) => `log web-ticket: x.UccApilog:5 https://w/t${i} → HTTP 200`));
  // a probe answer other than a challenge (403) says nothing about TLS-DSK
  const rejected = step(tl({ dns, sip: sipSection([attempt('pool01.contoso.com', 5061, response(403, { reasonPhrase: 'Forbidden' }))]) }), 'certificate');
  assert.deepEqual([rejected.status, rejected.detail], ['not-observed', 'No 401 challenge was seen, so whether TLS-DSK was offered is not known']);
});

test('credentials and result: the newest authenticated REGISTER, leg and answer are the ones read; answers of another dialog are not paired', () => {
  const c1 = resp(1, 401, { challenges: challenges(NTLM, KERBEROS) });
  const twice = tl({ logs: logsSection([req(1), c1, req(2, 'Kerberos'), resp(2, 403, { reasonPhrase: 'Forbidden' }), req(3, 'NTLM'), resp(3, 200, { reasonPhrase: 'OK' })]) });
  assert.equal(step(twice, 'register-auth').detail, 'REGISTER with NTLM credentials (CSeq 3)');
  assert.deepEqual([step(twice, 'result').status, step(twice, 'result').detail], ['ok', '200 OK: signed in']);
  const kerbLeg = resp(4, 401, { challenges: challenges('Kerberos opaque="1", gssapi-data="YIIB", realm="SIP Communications Service"') });
  const ntlmLeg = resp(5, 401, { challenges: challenges('NTLM opaque="2", gssapi-data="TlRMTVNTUAACAAAA", realm="SIP Communications Service"') });
  assert.equal(step(tl({ logs: logsSection([kerbLeg, ntlmLeg]) }), 'register-auth').detail, "The REGISTER with credentials is not in the log; the server's NTLM challenge leg (gssapi-data) shows the client sent them");
  // a Kerberos leg alone is named Kerberos, not the NTLM default
  assert.equal(step(tl({ logs: logsSection([kerbLeg]) }), 'register-auth').detail, "The REGISTER with credentials is not in the log; the server's Kerberos challenge leg (gssapi-data) shows the client sent them");
  const answers = [resp(6, 403, { reasonPhrase: 'Forbidden', authInfoScheme: 'Kerberos' }), resp(7, 200, { reasonPhrase: 'OK', authInfoScheme: 'NTLM' })];
  assert.equal(step(tl({ logs: logsSection(answers) }), 'register-auth').detail, "The REGISTER with credentials is not in the log; the server's authenticated answer (Authentication-Info NTLM) shows the client sent them");
  // an excerpt that starts mid-sign-in holds two dialogs: a 403 in the other dialog answers nothing of this one
  const mid = tl({ logs: logsSection([{ ...req(2, 'NTLM'), callId: 'call-A' }, resp(2, 403, { reasonPhrase: 'Forbidden', callId: 'call-B' })]) });
  assert.deepEqual([step(mid, 'result').status, step(mid, 'result').detail], ['not-observed', 'Authentication in progress; its final answer is not in the log']);
  const redirected = resp(2, 301, { reasonPhrase: 'Moved Permanently', contacts: ['<sip:pool02.contoso.com>'] });
  assert.deepEqual(lines(step(tl({ logs: logsSection([req(1), c1, req(2, 'NTLM'), redirected]) }), 'result')), [`line: Lync-UccApi-0.UccApilog:${redirected.line} SIP/2.0 301 Moved Permanently (CSeq 2 REGISTER)`]);
});

test('a provisioning failure after a sign-in that succeeded names the scheme of the newest credentials', () => {
  const calls = [webCall('cert-provisioning', 'https://w/CertProv', 500)];
  const c1 = resp(1, 401, { challenges: challenges(NTLM, KERBEROS, TLS_DSK) });
  const t = tl({ logs: logsSection([req(1), c1, req(2, 'NTLM'), resp(2, 401, { challenges: challenges('NTLM opaque="1", gssapi-data="TlRM", realm="x"') }), req(3, 'Kerberos'), resp(3, 200, { reasonPhrase: 'OK' })], { webCalls: calls }) });
  assert.deepEqual([step(t, 'certificate').status, step(t, 'certificate').detail], ['warning', 'https://w/CertProv answered HTTP 500; the client signed in with Kerberos without it']);
});

test('renderTimeline: each diagnostic on its own line, its meaning when known, the advice and what it was chosen from', () => {
  const refined = diag('1047;reason="Failed to complete TLS negotiation";HRESULT="80090322"');
  const t = tl({ logs: logsSection([req(1), resp(1, 504, { reasonPhrase: 'Server Time-out', diagnostics: [refined, diag('9999')] })]) });
  const out = renderTimeline(t).split('\n');
  const at = out.indexOf('        ms-diagnostics 1047 "Failed to complete TLS negotiation" (documented)');
  assert.ok(at > 0, out.join('\n'));
  assert.deepEqual(out.slice(at, at + 4), [
    '        ms-diagnostics 1047 "Failed to complete TLS negotiation" (documented)',
    '          meaning: fed tls',
    `          advice (from HRESULT=80090322): ${refined.decoded.likelyFix}`,
    '        ms-diagnostics 9999 (not documented)',
  ]);
  assert.equal(out[at + 4], `        - line: ${step(t, 'challenge').evidence[0]?.value}`);
});

test('proof() of an answer without a reason phrase ends at the status code', () => {
  const r = { ...resp(1, 401), reasonPhrase: null, file: '/tmp/a.UccApilog', line: 3 };
  assert.equal(proof(r).value, 'a.UccApilog:3 SIP/2.0 401 (CSeq 1 REGISTER)');
});
