/** The CLI contract end to end against a real DNS server on loopback. */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { runCli } from '../helpers/cli';
import { healthyZone, startDnsLab, type DnsLab, type ZoneRecord } from '../helpers/dns-server';

const labs: DnsLab[] = [];
after(async () => {
  await Promise.all(labs.map((l) => l.close()));
});

async function lab(records: ZoneRecord[], opts: Parameters<typeof startDnsLab>[0] extends infer O ? Partial<O> : never = {}): Promise<DnsLab> {
  const l = await startDnsLab({ records, ...opts });
  labs.push(l);
  return l;
}

interface JsonOut {
  snapshot: { sections: Record<string, { status: string; durationMs?: number; data?: { location?: string } }> };
  findings: Array<{ checkId: string; severity: string; title: string; evidence: Array<{ label: string; value: string }>; articleId: string; research: string[] }>;
}

async function diagnoseJson(dns: string, extra: string[] = []): Promise<{ code: number; json: JsonOut; err: string }> {
  const r = await runCli(['diagnose', '--sip-address', 'alice@contoso.com', '--dns-server', dns, '--timeout-ms', '2000', '--json', ...extra]);
  return { code: r.code, json: JSON.parse(r.out) as JsonOut, err: r.err };
}

const dnsIds = (j: JsonOut): string[] => j.findings.filter((f) => f.checkId.startsWith('LD-DNS')).map((f) => f.checkId).sort();

test('healthy zone: no DNS finding, inside the network, JSON contract shape; exit 1 from the unreachable endpoints only', async () => {
  const l = await lab(healthyZone('contoso.com'));
  const { code, json } = await diagnoseJson(l.address);
  assert.deepEqual(dnsIds(json), []);
  // The zone's addresses (127.0.20.x) have no servers behind them: the TLS, SIP and autodiscover probes
  // rightly report errors, so the exit code is 1 — and no error comes from DNS.
  assert.equal(code, 1);
  const errorAreas = [...new Set(json.findings.filter((f) => f.severity === 'error').map((f) => f.checkId.split('-')[1]))].sort();
  assert.deepEqual(errorAreas, ['AUTO', 'SIP', 'TLS']);
  assert.equal(json.snapshot.sections.dns?.status, 'ok');
  assert.equal(json.snapshot.sections.dns?.data?.location, 'inside');
  if (process.platform !== 'win32') assert.equal(json.snapshot.sections.certificates?.status, 'not-applicable');
});

test('SRV target outside the SIP domain: LD-DNS-004 error with evidence, exit 1', async () => {
  const records = healthyZone('contoso.com').filter((r) => !r.name.startsWith('_sip._tls'));
  records.push({ name: '_sip._tls.contoso.com', type: 'SRV', data: { target: 'sip.contoso-hosting.net', port: 443 } }, { name: 'sip.contoso-hosting.net', type: 'A', data: '127.0.50.50' });
  const l = await lab(records);
  const { code, json } = await diagnoseJson(l.address);
  assert.equal(code, 1);
  const f = json.findings.find((x) => x.checkId === 'LD-DNS-004');
  assert.ok(f, 'LD-DNS-004 expected');
  assert.equal(f.severity, 'error');
  assert.deepEqual(f.research, ['SFB-KI-018']);
  assert.equal(f.articleId, 'dns-srv-target-outside-sip-domain');
  assert.ok(f.evidence.some((e) => e.value.includes('sip.contoso-hosting.net')));
});

test('empty domain: LD-DNS-001 only', async () => {
  const l = await lab([]);
  const { code, json } = await diagnoseJson(l.address);
  assert.equal(code, 1);
  assert.deepEqual(dnsIds(json), ['LD-DNS-001']);
});

test('lyncdiscover missing outside, SRV target unresolved, CNAME loop', async () => {
  const l = await lab([
    { name: 'sip.contoso.com', type: 'A', data: '127.0.20.2' },
    { name: '_sip._tls.contoso.com', type: 'SRV', data: { target: 'sipedge.contoso.com', port: 443 } },
    { name: 'lyncdiscover.contoso.com', type: 'CNAME', data: 'a.contoso.com' },
    { name: 'a.contoso.com', type: 'CNAME', data: 'lyncdiscover.contoso.com' },
  ]);
  const { json } = await diagnoseJson(l.address);
  assert.deepEqual(dnsIds(json), ['LD-DNS-002', 'LD-DNS-005', 'LD-DNS-006']);
});

test('inside without lyncdiscoverinternal: LD-DNS-003', async () => {
  const l = await lab(healthyZone('contoso.com').filter((r) => !r.name.startsWith('lyncdiscoverinternal')));
  const { json } = await diagnoseJson(l.address);
  assert.deepEqual(dnsIds(json), ['LD-DNS-003']);
});

test('SERVFAIL and garbage answers are recorded distinctly, never a crash', async () => {
  const sf = await lab(healthyZone('contoso.com'), { servfail: ['lyncdiscover.contoso.com'] });
  const a = await diagnoseJson(sf.address);
  const raw = JSON.stringify(a.json.snapshot.sections.dns);
  assert.match(raw, /"outcome":"servfail"/);
  const garbage = await lab([], { mode: 'garbage' });
  const b = await runCli(['diagnose', '--sip-address', 'alice@contoso.com', '--dns-server', garbage.address, '--timeout-ms', '6000', '--json'] /* answers at once: a long deadline keeps a loaded CI from calling it a timeout */);
  assert.equal(b.code, 1, b.err);
  const j = JSON.parse(b.out) as JsonOut;
  // Garbage is no answer: c-ares reports a bad response (error), never "the records do not exist".
  assert.equal(j.snapshot.sections.dns?.status, 'error');
  assert.deepEqual(j.findings.map((f) => f.checkId), ['LD-GAP-001']);
});

test('a DNS server that never answers: the run ends within the deadline plus a margin, status timeout', async () => {
  const l = await lab([], { mode: 'blackhole' });
  const started = Date.now();
  const r = await runCli(['diagnose', '--sip-address', 'alice@contoso.com', '--dns-server', l.address, '--timeout-ms', '800', '--json']);
  const elapsed = Date.now() - started;
  const j = JSON.parse(r.out) as JsonOut;
  assert.equal(j.snapshot.sections.dns?.status, 'timeout');
  // The collector itself stopped at the deadline (its own measure, free of process start-up)…
  const ran = j.snapshot.sections.dns?.durationMs ?? Number.POSITIVE_INFINITY;
  assert.ok(ran <= 800 + 1500, `the DNS collector ran ${ran} ms for an 800 ms deadline`);
  // …and the process ended: a loose bound on termination only (a loaded 2-core CI machine starts node slowly;
  // without the deadline, c-ares would retry for well over 15 s).
  assert.ok(elapsed < 800 + 15_000, `took ${elapsed} ms`);
});

test('human output lists collectors and findings grouped by severity', async () => {
  const l = await lab([]);
  const r = await runCli(['diagnose', '--sip-address', 'alice@contoso.com', '--dns-server', l.address, '--timeout-ms', '2000']);
  assert.equal(r.code, 1);
  assert.match(r.out, /Collectors\n {2}ok {6}dns/);
  assert.match(r.out, /\nERROR\n {2}\[LD-DNS-001\]/);
  assert.match(r.out, /fix: /);
});

test('usage errors exit 2 with a clear message', async () => {
  for (const argv of [['diagnose'], ['diagnose', '--sip-address', 'not-an-address'], ['diagnose', '--sip-address', 'a@b.com', '--dns-server', 'dns.example'], ['diagnose', '--sip-address', 'a@b.com', '--bogus'], ['diagnose', '--sip-address', 'a@b.com', '--timeout-ms', '-5'], ['nonsense']]) {
    const r = await runCli(argv);
    assert.equal(r.code, 2, argv.join(' '));
    assert.ok(r.err.length > 10, 'stderr explains');
  }
});

test('the demo runs the real checks on the recorded snapshot and says it is a demo', async () => {
  const r = await runCli(['demo']);
  assert.equal(r.code, 1);
  assert.match(r.out, /DEMO/);
  for (const id of ['LD-CERT-001', 'LD-CERT-002', 'LD-CERT-003', 'LD-DNS-004', 'LD-MOB-001', 'LD-PUSH-001', 'LD-PUSH-002', 'LD-PROXY-001', 'LD-SIP-004']) assert.ok(r.out.includes(`[${id}]`), id);
  assert.match(r.out, /^Most likely cause: /m);
  assert.match(r.out, /Sign-in breaks at "Certificate provisioning/);
  const j = JSON.parse((await runCli(['demo', '--json'])).out) as JsonOut & { snapshot: { demo: boolean } };
  assert.equal(j.snapshot.demo, true);
});

test('--answers adds questionnaire facts: the iOS 9 language/region finding appears', async () => {
  const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { tmpdir } = await import('node:os');
  const dir = mkdtempSync(join(tmpdir(), 'ld-answers-'));
  try {
    const file = join(dir, 'answers.json');
    writeFileSync(file, JSON.stringify({ mobile: { platform: 'ios', osVersion: '9.1', app: 'Lync 2013 for iPhone', language: 'English', region: 'Sweden' }, server: { imUrlFilterEnabled: 'yes', imUrlFilterAction: 'warn', pushNotificationsConfigured: 'yes' } }));
    const l = await lab(healthyZone('contoso.com'));
    const { code, json } = await diagnoseJson(l.address, ['--answers', file]);
    assert.equal(code, 1);
    const ids = json.findings.map((f) => f.checkId);
    assert.ok(ids.includes('LD-MOB-001') && ids.includes('LD-PUSH-001'), ids.join());
    writeFileSync(file, '{"mobile": {"platform": "nokia"}}');
    const bad = await runCli(['diagnose', '--sip-address', 'alice@contoso.com', '--dns-server', l.address, '--answers', file]);
    assert.equal(bad.code, 2);
    assert.match(bad.err, /answers\.mobile\.platform/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
