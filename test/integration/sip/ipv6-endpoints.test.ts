/**
 * IPv6 endpoints on the wire and in the text: a SIP pool, a TLS server and a proxy listening on ::1. Every place the
 * endpoint is written back (the probe's messages, the findings, the sign-in timeline, the CLI text, --json values, a
 * CONNECT request) must read "[::1]:port" — RFC 3986 §3.2.2 (IP-literal = "[" IPv6address "]"), RFC 5952 §6
 * ("[2001:db8::1]:80") — never "::1:port", where the port cannot be told from the address. The --json field names
 * stay; a host field still holds the bare address ("::1"). Skipped, with the reason, on a machine without ::1.
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { after, before, test, type TestContext } from 'node:test';
import { trustStore } from '../../../main/collect/tls-chain';
import { probeThroughProxy } from '../../../main/collect/proxy-auth';
import { probeTls } from '../../../main/collect/tls';
import { tlsChecks } from '../../../main/checks/tls';
import { analyze } from '../../../main/diagnose';
import { articleLookup } from '../../../main/kb/lookup';
import type { NetworkEndpoint } from '../../../main/model/proxy';
import type { SignInTimeline, SipSection, TimelineStep, TimelineStepId } from '../../../main/model/sip';
import type { Snapshot } from '../../../main/model/snapshot';
import type { TlsProbe } from '../../../main/model/tls';
import { runCli } from '../../helpers/cli';
import { makeCert, type MadeCert } from '../../helpers/forge-certs';
import { labPki } from '../../helpers/lab-pki';
import { testNet } from '../../helpers/net-env';
import { closeAll, startProxy, startTlsServer, type LabServer } from '../../helpers/net-lab';
import { lync401, reply, startSipServer } from '../../helpers/sip-server';
import { baseSnapshot } from '../../helpers/snapshot';

const closers: Array<() => Promise<void>> = [];
const servers: LabServer[] = [];
after(async () => {
  await Promise.all(closers.map((c) => c()));
  await closeAll(servers);
});

/** Why ::1 cannot be used here (null when a server can listen on it). */
let noIpv6: string | null = null;
let poolCert: MadeCert;
before(async () => {
  poolCert = makeCert({ subjectCN: 'pool01.contoso.com', dnsNames: ['pool01.contoso.com'], ekus: ['serverAuth'] });
  noIpv6 = await new Promise<string | null>((resolve) => {
    const s = createServer();
    s.once('error', (e: NodeJS.ErrnoException) => resolve(`this machine has no IPv6 loopback (listen on ::1: ${e.code ?? e.message})`));
    s.listen(0, '::1', () => s.close(() => resolve(null)));
  });
});
const needsIpv6 = (t: TestContext): boolean => {
  if (noIpv6) t.skip(noIpv6);
  return noIpv6 === null;
};

/** "::1" followed by ":digits" without the opening bracket: the ambiguous form this file exists to forbid. */
const BARE = /(?<![[\w:])::1:\d/;

/** A port on ::1 with nothing listening (bound, then released). */
async function closedV6Port(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '::1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

interface ProbeJson {
  snapshot: Snapshot;
  findings: Array<{ checkId: string; message: string; evidence: Array<{ label: string; value: string }> }>;
  timeline: SignInTimeline;
}
const stepOf = (t: SignInTimeline, id: TimelineStepId): TimelineStep => t.steps.find((s) => s.id === id) as TimelineStep;
const lines = (s: TimelineStep): string[] => s.evidence.map((e) => `${e.label}: ${e.value}`);

test('sip probe --server [::1]:port: the section, the attempt, the findings and every timeline step write [::1]:port (--json and text)', async (t) => {
  if (!needsIpv6(t)) return;
  const lab = await startSipServer(poolCert, (req) => reply(req, 403, 'Forbidden', ['ms-diagnostics: 4005;reason="Destination URI either not enabled for SIP or does not exist";source="pool01.contoso.com"']), {}, '::1');
  closers.push(() => lab.close());
  const ep = `[::1]:${lab.port}`;
  const argv = ['sip', 'probe', '--sip-address', 'alice@contoso.com', '--server', ep, '--timeout-ms', '8000'];
  const r = await runCli([...argv, '--json']);
  assert.equal(lab.requests.length, 1, r.err);
  const j = JSON.parse(r.out) as ProbeJson;
  const sip = j.snapshot.sections.sip;
  const d = sip?.data as SipSection;
  // field names and host values unchanged: the host is the bare address, the port a number
  assert.deepEqual({ host: d.targets[0]?.host, port: d.targets[0]?.port, source: d.targets[0]?.source }, { host: '::1', port: lab.port, source: 'override' });
  assert.equal(sip?.message, `${ep} answered 403 Forbidden; trust not enforced for this probe`);
  assert.ok(d.attempts[0]?.message.startsWith(`${ep} answered 403 Forbidden; `), d.attempts[0]?.message);
  // the findings: the certificate (LD-SIP-002) and the 4005 answer (LD-SIP-007)
  const name = j.findings.find((f) => f.checkId === 'LD-SIP-002');
  assert.equal(name?.message, `The certificate of ${ep} does not cover ::1; the client refuses or warns about the server.`);
  const forbidden = j.findings.find((f) => f.checkId === 'LD-SIP-007');
  assert.ok(forbidden?.evidence.some((e) => e.label === 'seen in' && e.value === `probe ${ep} → 403`), JSON.stringify(forbidden?.evidence));
  // the sign-in timeline
  assert.equal(stepOf(j.timeline, 'discovery').detail, `SIP server given directly (${ep}); DNS discovery not used`);
  assert.equal(stepOf(j.timeline, 'connect').detail, `${ep} accepted the TCP connection`);
  assert.ok(lines(stepOf(j.timeline, 'connect')).includes(`connected: ${ep} (::1)`), lines(stepOf(j.timeline, 'connect')).join('\n'));
  assert.ok(lines(stepOf(j.timeline, 'tls')).includes(`server: ${ep} (::1)`), lines(stepOf(j.timeline, 'tls')).join('\n'));
  assert.equal(stepOf(j.timeline, 'register').detail, `Sent to ${ep}; answered 403 Forbidden`);
  assert.doesNotMatch(r.out, BARE);
  // the text report says the same
  const text = await runCli(argv);
  assert.ok(text.out.includes(`SIP server given directly (${ep}); DNS discovery not used`), text.out);
  assert.ok(text.out.includes(`The certificate of ${ep} does not cover ::1`), text.out);
  assert.doesNotMatch(text.out, BARE);
});

test('a director on [::1] redirecting (301) to a pool on [::1]: the probe, the timeline and the redirect source write [::1]:port', async (t) => {
  if (!needsIpv6(t)) return;
  const pool = await startSipServer(poolCert, (req) => lync401(req, { stsUri: 'https://webpool.contoso.com/CertProv/CertProvisioningService.svc' }), {}, '::1');
  closers.push(() => pool.close());
  const director = await startSipServer(poolCert, (req) => reply(req, 301, 'Redirect request to Home Server', [`Contact: <sip:[::1]:${pool.port};transport=Tls>`]), {}, '::1');
  closers.push(() => director.close());
  const from = `[::1]:${director.port}`;
  const to = `[::1]:${pool.port}`;
  const r = await runCli(['sip', 'probe', '--sip-address', 'alice@contoso.com', '--server', from, '--timeout-ms', '8000', '--json']);
  assert.equal(pool.requests.length, 1, r.err);
  const j = JSON.parse(r.out) as ProbeJson;
  const d = j.snapshot.sections.sip?.data as SipSection;
  assert.ok(d.attempts[0]?.message.includes(`; redirects to ${to}`), d.attempts[0]?.message);
  assert.deepEqual(d.attempts[0]?.redirectTo, { host: '::1', port: pool.port });
  assert.deepEqual([d.attempts[1]?.target.host, d.attempts[1]?.target.port], ['::1', pool.port]);
  assert.ok(lines(stepOf(j.timeline, 'register')).includes(`redirect: ${from} answered 301 → ${to}`), lines(stepOf(j.timeline, 'register')).join('\n'));
  assert.match(stepOf(j.timeline, 'register').detail, new RegExp(`^Sent to \\[::1\\]:${pool.port} after 1 redirect\\(s\\); answered 401`));
  assert.doesNotMatch(r.out, BARE);
});

test('sip probe --server [::1]:port where nothing listens: the refusal names [::1]:port', async (t) => {
  if (!needsIpv6(t)) return;
  const port = await closedV6Port();
  const r = await runCli(['sip', 'probe', '--sip-address', 'alice@contoso.com', '--server', `[::1]:${port}`, '--timeout-ms', '5000', '--json']);
  const j = JSON.parse(r.out) as ProbeJson;
  const d = j.snapshot.sections.sip?.data as SipSection;
  assert.equal(d.attempts[0]?.outcome, 'connect-failed', d.attempts[0]?.message);
  assert.equal(d.attempts[0]?.message, `[::1]:${port}: could not connect (connection refused)`);
  assert.ok(lines(stepOf(j.timeline, 'connect')).includes(`tried: [::1]:${port} (::1): refused the connection — could not connect (connection refused)`), lines(stepOf(j.timeline, 'connect')).join('\n'));
  assert.ok(j.findings.some((f) => f.evidence.some((e) => e.label === 'server' && e.value === `[::1]:${port} (override)`)), JSON.stringify(j.findings));
  // Node's own error text ("connect ECONNREFUSED ::1:43879"), quoted verbatim in the TLS observation, is the one exception
  assert.doesNotMatch(r.out.replace(/connect E[A-Z]+ \S+/g, ''), BARE);
});

const pki = labPki('V6');
const store = trustStore(null, [pki.root.pem]);
const DAY = 86_400_000;
const v6Endpoint = (port: number): NetworkEndpoint => ({ host: '::1', port, protocol: 'sip-tls', roles: ['sip-srv'], addresses: [], probe: true });

async function probeV6(port: number, route: Parameters<typeof probeTls>[2]): Promise<TlsProbe> {
  const { env, scope } = testNet({ timeoutMs: 5000 });
  try {
    return (await probeTls(env, v6Endpoint(port), route, store, 5000)).probe;
  } finally {
    scope.close();
  }
}

test('TLS probe of [::1]:port: the address is [::1]:port; the expiry and TLS 1.2-only findings name [::1]:port in message and evidence', async (t) => {
  if (!needsIpv6(t)) return;
  const s = await startTlsServer({ cert: pki.leaf(['sip.contoso.com'], { notBefore: new Date(Date.now() - 400 * DAY), notAfter: new Date(Date.now() - 2 * DAY) }), listenHost: '::1' });
  servers.push(s);
  const p = await probeV6(s.port, { kind: 'direct' });
  assert.equal(p.outcome, 'ok', p.message);
  assert.equal(p.host, '::1');
  assert.equal(p.address, `[::1]:${s.port}`);
  const snap = baseSnapshot({ tls: { status: 'ok', message: '', durationMs: 1, data: { trustStore: { sources: ['lab'], anchors: 1, caFile: null }, probes: [p] } } });
  const { findings } = analyze(snap, { articles: articleLookup(), checks: tlsChecks, at: new Date() });
  const expired = findings.find((f) => f.checkId === 'LD-TLS-003');
  assert.match(expired?.message ?? '', new RegExp(`^The server certificate of \\[::1\\]:${s.port} expired on \\d{4}-\\d{2}-\\d{2} `));
  assert.equal(expired?.evidence.find((e) => e.label === 'endpoint')?.value, `[::1]:${s.port}`);
  // a Node server refuses TLS 1.0/1.1 by default: the legacy-client finding lists the endpoint
  assert.match(findings.find((f) => f.checkId === 'LD-TLS-008')?.message ?? '', new RegExp(`^\\[::1\\]:${s.port} accept TLS 1\\.2 or later only\\.`));
  for (const f of findings) assert.doesNotMatch(`${f.message}\n${JSON.stringify(f.evidence)}`, BARE, f.checkId);
});

test('TLS probe to [::1] through a proxy on [::1] that refuses: CONNECT [::1]:port (RFC 9110 §9.3.6 authority form), the error and via name both in brackets', async (t) => {
  if (!needsIpv6(t)) return;
  const proxy = await startProxy({ mode: 'refuse', listenHost: '::1' });
  servers.push(proxy);
  const target = await closedV6Port();
  const p = await probeV6(target, { kind: 'proxy', host: '::1', port: proxy.port });
  const head = proxy.heads[0] ?? '';
  assert.equal(head.split('\r\n')[0], `CONNECT [::1]:${target} HTTP/1.1`);
  assert.match(head, new RegExp(`^Host: \\[::1\\]:${target}\\r?$`, 'mi'));
  assert.equal(p.via, `[::1]:${proxy.port}`);
  assert.ok(p.message.includes(`proxy [::1]:${proxy.port} refused CONNECT [::1]:${target} (`), p.message);
  assert.doesNotMatch(p.message, BARE);
});

test('TLS probe of a [::1] port where nothing listens: the refusal names [::1]:port', async (t) => {
  if (!needsIpv6(t)) return;
  const port = await closedV6Port();
  const p = await probeV6(port, { kind: 'direct' });
  assert.equal(p.outcome, 'refused', p.message);
  assert.ok(p.message.includes(`[::1]:${port}`), p.message);
  assert.doesNotMatch(p.message, BARE);
});

test('proxy probe (proxyAuth) through a proxy on [::1] asking 407 for [::1]:port: the proxy and target values are [::1]:port, and so is the CONNECT', async (t) => {
  if (!needsIpv6(t)) return;
  const proxy = await startProxy({ mode: 'auth', schemes: ['NTLM'], listenHost: '::1' });
  servers.push(proxy);
  const target = await closedV6Port();
  const { env, scope } = testNet({ timeoutMs: 5000 });
  try {
    const p = await probeThroughProxy(env, { proxy: { host: '::1', port: proxy.port }, host: '::1', port: target, roles: ['sip'] }, 5000);
    assert.equal(p.proxy, `[::1]:${proxy.port}`);
    assert.equal(p.target, `[::1]:${target}`);
    assert.equal(p.status, 407, p.message);
    assert.equal((proxy.heads[0] ?? '').split('\r\n')[0], `CONNECT [::1]:${target} HTTP/1.1`);
  } finally {
    scope.close();
  }
});
