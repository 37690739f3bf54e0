/**
 * Facts vs absence against real DNS servers on loopback: a server that is down (closed port), refusing
 * (REFUSED rcode), black-holed (never answers) or failing (SERVFAIL everywhere) is "could not ask", never
 * "the records do not exist". Expected results written from the issue before running: dns status error
 * (timeout when silent), no LD-DNS finding, exactly one LD-GAP-001 error, exit 1, no "no known issue matched".
 */
import assert from 'node:assert/strict';
import { createSocket } from 'node:dgram';
import { after, test } from 'node:test';
import { runCli } from '../helpers/cli';
import { healthyZone, startDnsLab, type DnsLab, type ServerMode } from '../helpers/dns-server';

const labs: DnsLab[] = [];
after(async () => {
  await Promise.all(labs.map((l) => l.close()));
});

interface JsonOut {
  snapshot: { sections: Record<string, { status: string; message: string }> };
  findings: Array<{ checkId: string; severity: string; message: string; evidence: Array<{ label: string; value: string }>; articleId: string }>;
}

/** A loopback UDP port with nothing listening (bound, then released). */
async function closedPort(): Promise<string> {
  const s = createSocket('udp4');
  await new Promise<void>((r) => s.bind(0, '127.0.0.1', r));
  const port = s.address().port;
  await new Promise<void>((r) => s.close(() => r()));
  return `127.0.0.1:${port}`;
}

async function server(mode: ServerMode): Promise<string> {
  const l = await startDnsLab({ records: healthyZone('contoso.com'), mode });
  labs.push(l);
  return l.address;
}

/**
 * The CLI's deadline: the black-holed server is waited for in full, so it gets a short one; a server that answers
 * (refused, REFUSED, SERVFAIL) gets a long one, so a loaded machine (CI) never turns its answer into a timeout.
 */
const SILENT_MS = 1200;
const ANSWERING_MS = 8000;

async function diagnose(dns: string, json: boolean, timeoutMs = ANSWERING_MS): Promise<{ code: number; out: string }> {
  const r = await runCli(['diagnose', '--sip-address', 'alice@contoso.com', '--dns-server', dns, '--timeout-ms', String(timeoutMs), ...(json ? ['--json'] : [])]);
  return { code: r.code, out: r.out };
}

const CASES: ReadonlyArray<{ name: string; address: () => Promise<string>; status: string; why: RegExp; timeoutMs?: number }> = [
  { name: 'DNS server down (nothing listens)', address: closedPort, status: 'error', why: /^DNS could not be asked: 127\.0\.0\.1:\d+ refused the connection \(nothing listens there\) for every query — check the PC's DNS settings or VPN/ },
  { name: 'DNS server refusing (REFUSED)', address: () => server('refused'), status: 'error', why: /^DNS could not be asked: 127\.0\.0\.1:\d+ answered REFUSED \(it will not resolve for this PC\) for every query/ },
  { name: 'DNS server black-holed (never answers)', address: () => server('blackhole'), status: 'timeout', why: /^DNS could not be asked: no answer from 127\.0\.0\.1:\d+ within 1200 ms/, timeoutMs: SILENT_MS },
  { name: 'SERVFAIL everywhere', address: () => server('servfail'), status: 'error', why: /^DNS could not be asked: 127\.0\.0\.1:\d+ answered SERVFAIL \(it could not resolve the name\) for every query/ },
];

for (const c of CASES) {
  test(`${c.name}: dns ${c.status}, LD-GAP-001 only, exit 1, never "no known issue matched"`, async () => {
    const address = await c.address();
    const { code, out } = await diagnose(address, true, c.timeoutMs);
    assert.equal(code, 1);
    const j = JSON.parse(out) as JsonOut;
    assert.equal(j.snapshot.sections.dns?.status, c.status);
    assert.match(j.snapshot.sections.dns?.message ?? '', c.why);
    // Sections that need DNS names say so instead of "nothing to probe".
    assert.equal(j.snapshot.sections.sip?.status, 'error');
    assert.equal(j.snapshot.sections.autodiscover?.status, 'error');
    assert.equal(j.snapshot.sections.tls?.status, 'error');
    assert.deepEqual(j.findings.map((f) => f.checkId), ['LD-GAP-001']);
    const gap = j.findings[0]!;
    assert.equal(gap.severity, 'error');
    assert.equal(gap.articleId, 'diagnosis-facts-missing');
    assert.deepEqual(gap.evidence.map((e) => e.label.split(' ')[0]), ['dns', 'sip', 'autodiscover', 'tls']);
    assert.match(gap.message, new RegExp(`\\)\\. ${c.why.source.slice(1)}`));
    const text = await diagnose(address, false, c.timeoutMs);
    assert.equal(text.code, 1);
    assert.doesNotMatch(text.out, /No known issue matched/);
    assert.match(text.out, new RegExp(`\\n  ${c.status === 'timeout' ? 'TIMEOUT' : 'ERROR  '} dns `));
    assert.match(text.out, /\[LD-GAP-001\]/);
  });
}

test('SERVFAIL for one name only: dns partial, the answered facts still judged, one gap finding', async () => {
  const l = await startDnsLab({ records: healthyZone('contoso.com').filter((r) => !r.name.startsWith('lyncdiscover.') && !r.name.startsWith('webext.')), servfail: ['lyncdiscover.contoso.com'] });
  labs.push(l);
  const { code, out } = await diagnose(l.address, true);
  const j = JSON.parse(out) as JsonOut;
  assert.equal(j.snapshot.sections.dns?.status, 'partial');
  // The lab SERVFAILs every type of lyncdiscover: its CNAME, A and AAAA questions (a SERVFAIL to the CNAME question
  // does not stop the address questions: a real server may answer those, see dnsmasq-discovery.test.ts).
  assert.match(j.snapshot.sections.dns?.message ?? '', /could not be asked: 127\.0\.0\.1:\d+ answered SERVFAIL .* for 3 of \d+ queries/);
  const ids = j.findings.map((f) => f.checkId);
  assert.ok(ids.includes('LD-GAP-001'), ids.join());
  assert.match(j.findings.find((f) => f.checkId === 'LD-GAP-001')?.message ?? '', /^Not everything could be checked \(missing: the DNS records of lyncdiscover\.contoso\.com; the lyncdiscover \(autodiscover\) answer\)\. /);
  assert.ok(!ids.includes('LD-DNS-002'), 'lyncdiscover was not asked successfully: no "missing" verdict');
  assert.equal(code, 1);
});
