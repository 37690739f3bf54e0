/** The sign-in probe against real TLS SIP servers and a real DNS server on loopback. */
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { after, before, test } from 'node:test';
import { analyze } from '../../../main/diagnose';
import { sipChecks } from '../../../main/checks/sip';
import { articleLookup } from '../../../main/kb/lookup';
import type { SipSection } from '../../../main/model/sip';
import type { Snapshot } from '../../../main/model/snapshot';
import { tableFromJson } from '../../../main/sip/ms-diagnostics';
import { MAX_REDIRECTS, probeSip } from '../../../main/sip/probe';
import { buildTimeline } from '../../../main/sip/timeline';
import type { SignInTimeline } from '../../../main/model/sip';
import { runCli } from '../../helpers/cli';
import { startDnsLab, type DnsLab, type ZoneRecord } from '../../helpers/dns-server';
import { makeCert, type MadeCert } from '../../helpers/forge-certs';
import { lync401, reply, startMexServer, startSipServer, type MexLab, type SipLab } from '../../helpers/sip-server';
import { baseSnapshot } from '../../helpers/snapshot';

const closers: Array<() => Promise<void>> = [];
after(async () => {
  await Promise.all(closers.map((c) => c()));
});

let poolCert: MadeCert;
let wrongNameCert: MadeCert;
before(() => {
  poolCert = makeCert({ subjectCN: 'pool01.contoso.com', dnsNames: ['pool01.contoso.com', 'director.contoso.com', 'webpool.contoso.com', 'sip.contoso.com'], ekus: ['serverAuth'] });
  wrongNameCert = makeCert({ subjectCN: 'other.fabrikam.com', dnsNames: ['other.fabrikam.com'], ekus: ['serverAuth'] });
});

async function sipLab(...args: Parameters<typeof startSipServer>): Promise<SipLab> {
  const l = await startSipServer(...args);
  closers.push(() => l.close());
  return l;
}
async function mexLab(...args: Parameters<typeof startMexServer>): Promise<MexLab> {
  const l = await startMexServer(...args);
  closers.push(() => l.close());
  return l;
}
async function dnsLab(records: ZoneRecord[]): Promise<DnsLab> {
  const l = await startDnsLab({ records });
  closers.push(() => l.close());
  return l;
}

/** SRV _sipinternaltls._tcp → pool01:port, and loopback addresses for every name. */
function zone(sipPort: number, extra: ZoneRecord[] = []): ZoneRecord[] {
  return [
    { name: '_sipinternaltls._tcp.contoso.com', type: 'SRV', data: { target: 'pool01.contoso.com', port: sipPort } },
    { name: 'pool01.contoso.com', type: 'A', data: '127.0.0.1' },
    { name: 'pool02.contoso.com', type: 'A', data: '127.0.0.1' },
    { name: 'webpool.contoso.com', type: 'A', data: '127.0.0.1' },
    ...extra,
  ];
}

interface ProbeJson {
  snapshot: Snapshot;
  findings: Array<{ checkId: string; severity: string; research: string[]; articleId: string; message: string; evidence: Array<{ label: string; value: string }> }>;
  timeline: SignInTimeline;
}

const table = tableFromJson([
  { code: 1033, header: 'ms-diagnostics', reason: 'Previous hop server component did not report diagnostic information', meaning: 'normal on a 401', likelyFix: '-', context: '', research: [], articleId: 'sip-sign-in-flow', verified: true, sources: ['seed'] },
]);

test('401 with NTLM, Kerberos and TLS-DSK: schemes, sts-uri, ms-diagnostics, untrusted chain recorded, mex probed, never a credential', async () => {
  const mex = await mexLab(poolCert, { '/CertProv/CertProvisioningService.svc/mex': 200, '/WebTicket/WebTicketService.svc/mex': 200 });
  const sts = `https://webpool.contoso.com:${mex.port}/CertProv/CertProvisioningService.svc`;
  const sip = await sipLab(poolCert, (req) => lync401(req, { stsUri: sts }));
  const dns = await dnsLab(zone(sip.port));
  const r = await runCli(['sip', 'probe', '--sip-address', 'alice@contoso.com', '--dns-server', dns.address, '--timeout-ms', '10000', '--json']);
  // A normal 401 challenge with every scheme and the web services answering: nothing wrong, so no error finding and exit 0.
  assert.equal(r.code, 0, r.err);
  const j = JSON.parse(r.out) as ProbeJson;
  const section = j.snapshot.sections.sip;
  assert.equal(section?.status, 'ok', section?.message);
  // the collector's one-line summary: who answered what, the schemes offered, and that trust was not enforced
  assert.equal(section?.message, `pool01.contoso.com:${sip.port} answered 401 Unauthorized offering NTLM, Kerberos, TLS-DSK; trust not enforced for this probe`);
  const d = section!.data as SipSection;
  assert.equal(d.trustEnforced, false);
  const fin = d.attempts[d.finalAttempt!]!;
  assert.equal(fin.response?.statusCode, 401);
  assert.deepEqual(fin.response?.challenges.map((c) => c.scheme), ['NTLM', 'Kerberos', 'TLS-DSK']);
  assert.equal(fin.response?.challenges[2]?.stsUri, sts);
  assert.deepEqual(fin.response?.diagnostics.map((x) => [x.header, x.code]), [['ms-diagnostics', 1033], ['ms-diagnostics-public', 1033]]);
  assert.equal(fin.response?.diagnostics[0]?.attributes.PeerServer, 'pool01.contoso.com');
  assert.equal(fin.tls.chainTrusted, false, 'a forge-made certificate is not publicly trusted');
  assert.equal(fin.tls.nameMatches, true);
  assert.ok(fin.tls.certificate?.dnsNames.includes('pool01.contoso.com'));
  assert.deepEqual(d.webServices.map((w) => [w.kind, w.outcome, w.httpStatus]), [['cert-provisioning', 'ok', 200], ['web-ticket', 'ok', 200]]);
  // never a credential: not in the REGISTER, not in the mex GETs
  assert.equal(sip.requests.length, 1);
  assert.match(sip.requests[0]!.startLine, /^REGISTER sip:contoso\.com SIP\/2\.0$/);
  assert.equal(sip.requests[0]!.header('Authorization'), undefined);
  assert.equal(sip.requests[0]!.header('Proxy-Authorization'), undefined);
  assert.match(sip.requests[0]!.header('From') ?? '', /sip:alice@contoso\.com/);
  assert.deepEqual(mex.paths.sort(), ['/CertProv/CertProvisioningService.svc/mex', '/WebTicket/WebTicketService.svc/mex']);
  assert.ok(mex.headers.every((h) => h.authorization === undefined));
  // timeline: challenge ok with the schemes, credentials step needs the log
  const ids = Object.fromEntries(j.timeline.steps.map((s) => [s.id, s.status]));
  assert.equal(ids.challenge, 'ok');
  assert.equal(ids.certificate, 'ok');
  assert.equal(ids['register-auth'], 'not-observed');
  assert.equal(j.timeline.failedStep, null);
  assert.ok(!j.findings.some((f) => f.checkId === 'LD-SIP-001' || f.checkId === 'LD-SIP-002'));
  const text = await runCli(['sip', 'probe', '--sip-address', 'alice@contoso.com', '--dns-server', dns.address, '--timeout-ms', '10000']);
  assert.match(text.out, /Trust was not enforced for this probe/);
  assert.match(text.out, /Sign-in timeline/);
  assert.match(text.out, /Offers NTLM, Kerberos, TLS-DSK \(sts-uri https:\/\/webpool\.contoso\.com/);
});

test('301 redirect to a pool whose certificate does not cover its name: followed, recorded, LD-SIP-002 with the redirect', async () => {
  const pool02 = await sipLab(wrongNameCert, (req) => lync401(req, { stsUri: 'https://webpool.contoso.com/CertProv/CertProvisioningService.svc', schemes: ['NTLM', 'TLS-DSK'] }));
  const director = await sipLab(poolCert, (req) => reply(req, 301, 'Redirect request to Home Server', [`Contact: <sip:pool02.contoso.com:${pool02.port};transport=Tls>`]));
  const dns = await dnsLab(zone(director.port));
  const r = await runCli(['diagnose', '--sip-address', 'alice@contoso.com', '--dns-server', dns.address, '--timeout-ms', '10000', '--json']);
  const j = JSON.parse(r.out) as ProbeJson;
  const d = j.snapshot.sections.sip?.data as SipSection;
  assert.equal(d.attempts.length, 2);
  assert.equal(d.attempts[0]?.response?.statusCode, 301);
  assert.deepEqual(d.attempts[0]?.redirectTo, { host: 'pool02.contoso.com', port: pool02.port });
  assert.equal(d.attempts[1]?.target.source, 'redirect');
  assert.equal(d.attempts[1]?.response?.statusCode, 401);
  assert.equal(d.finalAttempt, 1);
  assert.equal(d.attempts[1]?.tls.nameMatches, false);
  const f = j.findings.find((x) => x.checkId === 'LD-SIP-002');
  assert.ok(f, 'LD-SIP-002 expected');
  assert.equal(f.articleId, 'trust-model-certificate-name-mismatch');
  assert.match(f.message, /redirected the sign-in to pool pool02\.contoso\.com/);
  assert.ok(f.evidence.some((e) => e.label === 'certificate names' && e.value === 'other.fabrikam.com'));
  assert.equal(pool02.requests.length, 1, 'the redirect target got the REGISTER');
  // diagnose keeps its {snapshot, findings} contract; the timeline is built from the snapshot by the same pure function
  const timeline = buildTimeline(j.snapshot);
  const tls = timeline.steps.find((s) => s.id === 'tls');
  assert.equal(tls?.status, 'failed');
  assert.equal(tls?.articleId, 'trust-model-certificate-name-mismatch');
  assert.equal(timeline.steps[timeline.failedStep!]?.id, 'tls');
  assert.equal(timeline.steps.find((s) => s.id === 'challenge')?.status, 'ok', 'trust not enforced: the 401 behind the bad certificate is still read');
});

test('403 with ms-diagnostics 4005 through --server: LD-SIP-007 (SFB-KI-038), exit 1', async () => {
  const sip = await sipLab(poolCert, (req) => reply(req, 403, 'Forbidden', ['ms-diagnostics: 4005;reason="Destination URI either not enabled for SIP or does not exist";source="pool01.contoso.com"']));
  const r = await runCli(['sip', 'probe', '--sip-address', 'alice@contoso.com', '--server', `127.0.0.1:${sip.port}`, '--timeout-ms', '10000', '--json']);
  assert.equal(r.code, 1, r.err);
  const j = JSON.parse(r.out) as ProbeJson;
  const f = j.findings.find((x) => x.checkId === 'LD-SIP-007');
  assert.ok(f);
  assert.equal(f.severity, 'error');
  assert.deepEqual(f.research, ['SFB-KI-038']);
  assert.equal(f.articleId, 'user-replicator-ms-diagnostics-4005');
  const ch = j.timeline.steps.find((s) => s.id === 'challenge');
  assert.equal(ch?.status, 'failed');
  assert.equal(ch?.articleId, 'user-replicator-ms-diagnostics-4005');
  assert.equal(j.timeline.steps.find((s) => s.id === 'discovery')?.status, 'skipped');
  // the certificate lacks the address 127.0.0.1: a name problem recorded, not a refusal
  assert.equal((j.snapshot.sections.sip?.data as SipSection).attempts[0]?.tls.nameMatches, false);
});

test('a server that accepts TLS and stays silent: no-answer, status timeout, ends within the deadline', async () => {
  const sip = await sipLab(poolCert, () => ({ kind: 'silence' }));
  const started = Date.now();
  const r = await runCli(['sip', 'probe', '--sip-address', 'alice@contoso.com', '--server', `127.0.0.1:${sip.port}`, '--timeout-ms', '3000', '--json']);
  const elapsed = Date.now() - started;
  const j = JSON.parse(r.out) as ProbeJson;
  assert.equal(j.snapshot.sections.sip?.status, 'timeout');
  const d = j.snapshot.sections.sip?.data as SipSection;
  assert.equal(d.attempts[0]?.outcome, 'no-answer');
  assert.equal(d.attempts[0]?.tls.outcome, 'ok', 'TLS came up; only SIP was silent');
  const f = j.findings.find((x) => x.checkId === 'LD-SIP-001');
  assert.equal(f?.severity, 'warning');
  assert.equal(j.timeline.steps.find((s) => s.id === 'register')?.status, 'failed');
  // A loose bound on termination (start-up on a loaded machine included): a hang would never end.
  assert.ok(elapsed < 3000 + 15_000, `took ${elapsed} ms`);
});

test('garbage, hang-up and a closed port are told apart; LD-SIP-001 error', async () => {
  const garbage = await sipLab(poolCert, () => ({ kind: 'garbage' }));
  const hangup = await sipLab(poolCert, () => ({ kind: 'close' }));
  const closedPort = await new Promise<number>((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
  const targets = [garbage.port, hangup.port, closedPort].map((port) => ({ host: 'pool01.contoso.com', port, source: 'srv-internal' as const, addresses: ['127.0.0.1'] }));
  const d = await probeSip({ sipAddress: 'alice@contoso.com', targets, deadline: Date.now() + 10_000, attemptTimeoutMs: 8000, table, userAgent: 'test', resolve: async () => [], resolverOnly: true });
  assert.deepEqual(d.attempts.map((a) => a.outcome), ['garbage', 'closed', 'connect-failed']);
  assert.equal(d.attempts[2]?.tls.outcome, 'refused');
  assert.equal(d.finalAttempt, null);
  const s = baseSnapshot({ sip: { status: 'ok', message: '', durationMs: 1, data: d } });
  const { findings } = analyze(s, { articles: articleLookup(), checks: sipChecks });
  const f = findings.find((x) => x.checkId === 'LD-SIP-001');
  assert.equal(f?.severity, 'error');
  // through the collector (--server): a refused port is an answer of sorts (not a timeout): status ok, and the
  // summary says no server answered, with each attempt's own message
  const r = await runCli(['sip', 'probe', '--sip-address', 'alice@contoso.com', '--server', `127.0.0.1:${closedPort}`, '--timeout-ms', '5000', '--json']);
  const sec = (JSON.parse(r.out) as ProbeJson).snapshot.sections.sip;
  assert.equal(sec?.status, 'ok', sec?.message);
  assert.equal(sec?.message, `no SIP server answered (${(sec?.data as SipSection).attempts.map((a) => a.message).join('; ')})`);
  assert.match(sec?.message ?? '', new RegExp(`^no SIP server answered \\(127\\.0\\.0\\.1:${closedPort}: could not connect \\(connection refused\\)\\)$`));
});

test('redirect loops are bounded', async () => {
  let aPort = 0;
  const b = await sipLab(poolCert, (req) => reply(req, 301, 'Moved', [`Contact: <sip:pool01.contoso.com:${aPort};transport=tls>`]));
  const a = await sipLab(poolCert, (req) => reply(req, 301, 'Moved', [`Contact: <sip:pool02.contoso.com:${b.port};transport=tls>`]));
  aPort = a.port;
  const d = await probeSip({
    sipAddress: 'alice@contoso.com',
    targets: [{ host: 'pool01.contoso.com', port: a.port, source: 'srv-internal', addresses: ['127.0.0.1'] }],
    deadline: Date.now() + 10_000,
    attemptTimeoutMs: 8000,
    table,
    userAgent: 'test',
    resolve: async () => ['127.0.0.1'],
  });
  assert.ok(d.attempts.length <= 1 + MAX_REDIRECTS, `${d.attempts.length} attempts`);
  assert.ok(a.requests.length + b.requests.length <= 1 + MAX_REDIRECTS);
});

test('server clock 10 minutes behind: LD-SIP-012; TLS-DSK only via the Edge: LD-SIP-005', async () => {
  const sip = await sipLab(poolCert, (req) => lync401(req, { stsUri: 'https://webpool.contoso.com/CertProv/CertProvisioningService.svc', schemes: ['TLS-DSK'], remoteUser: true, date: new Date(Date.now() - 600_000) }));
  const d = await probeSip({
    sipAddress: 'alice@contoso.com',
    targets: [{ host: 'pool01.contoso.com', port: sip.port, source: 'srv-external', addresses: ['127.0.0.1'] }],
    deadline: Date.now() + 10_000,
    attemptTimeoutMs: 8000,
    table,
    userAgent: 'test',
    resolve: async () => [],
    resolverOnly: true,
  });
  const skew = d.attempts[0]?.response?.clockSkewSeconds ?? 0;
  assert.ok(skew >= 590 && skew <= 610, `skew ${skew}`);
  const s = baseSnapshot({ sip: { status: 'ok', message: '', durationMs: 1, data: d } });
  const ids = analyze(s, { articles: articleLookup(), checks: sipChecks }).findings.map((f) => f.checkId);
  assert.ok(ids.includes('LD-SIP-012'));
  assert.ok(ids.includes('LD-SIP-005'));
});

test('a pool that speaks only TLS 1.0 (Lync 2010 on Windows 2008 R2) is still read; the old protocol is a timeline warning', async () => {
  const sip = await sipLab(poolCert, (req) => lync401(req, { stsUri: 'https://webpool.contoso.com/CertProv/CertProvisioningService.svc', schemes: ['NTLM'] }), { minVersion: 'TLSv1', maxVersion: 'TLSv1', ciphers: 'DEFAULT:@SECLEVEL=0' });
  const d = await probeSip({
    sipAddress: 'alice@contoso.com',
    targets: [{ host: 'pool01.contoso.com', port: sip.port, source: 'srv-internal', addresses: ['127.0.0.1'] }],
    deadline: Date.now() + 10_000,
    attemptTimeoutMs: 8000,
    table,
    userAgent: 'test',
    resolve: async () => [],
    resolverOnly: true,
  });
  assert.equal(d.attempts[0]?.tls.protocol, 'TLSv1');
  assert.equal(d.attempts[0]?.response?.statusCode, 401);
  const tl = buildTimeline(baseSnapshot({ sip: { status: 'ok', message: '', durationMs: 1, data: d } }));
  const tls = tl.steps.find((x) => x.id === 'tls');
  assert.equal(tls?.status, 'warning');
  assert.equal(tls?.articleId, 'tls10-11-disabled-old-clients');
});
