/**
 * DNS discovery against a real DNS server: Debian's dnsmasq on 127.0.0.1 serving Lync discovery zones from its
 * own record options (--srv-host, --host-record, --cname, --address, --local). Every expected value below was
 * written from `man dnsmasq` and the configuration before our code ran (test/fixtures/dns/real/SOURCES.md);
 * where dnsmasq's real answers differ from a textbook server, the reason is written beside the expectation.
 * Skipped with a reason when dnsmasq is not installed.
 */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import * as packet from 'dns-packet';
import { createSocket } from 'node:dgram';
import { dnsCollector, resolveName } from '../../main/collect/dns';
import { DnsClient } from '../../main/collect/dns-query';
import type { CollectorContext } from '../../main/collect/types';
import type { DnsSection } from '../../main/model/dns';
import { runCli } from '../helpers/cli';
import { startDnsLab, type DnsLab } from '../helpers/dns-server';
import { dnsmasqSkipReason, startDnsmasq, type Dnsmasq } from '../helpers/dnsmasq';

const skip = dnsmasqSkipReason();
if (skip) console.log(`# dnsmasq tests skipped: ${skip}`);
const opts = { skip: skip ?? false, timeout: 60_000 };

const servers: Array<Dnsmasq | DnsLab> = [];
after(async () => {
  await Promise.all(servers.map((s) => ('stop' in s ? s.stop() : s.close())));
});

async function dnsmasq(lines: readonly string[]): Promise<Dnsmasq> {
  const d = await startDnsmasq(lines);
  servers.push(d);
  return d;
}

/** A complete Lync deployment seen from inside: internal pool, external edge and web services. */
const CONTOSO = [
  'local=/contoso.com/',
  'host-record=pool01.contoso.com,127.0.30.1',
  'host-record=sip.contoso.com,127.0.30.2',
  'host-record=webext.contoso.com,127.0.30.3',
  'cname=lyncdiscoverinternal.contoso.com,pool01.contoso.com',
  'cname=sipinternal.contoso.com,pool01.contoso.com',
  'cname=lyncdiscover.contoso.com,webext.contoso.com',
  'srv-host=_sipinternaltls._tcp.contoso.com,pool01.contoso.com,5061,0,100',
  'srv-host=_sip._tls.contoso.com,sip.contoso.com,443,0,100',
];

/** Only the records the public DNS has: what a PC outside the company sees. */
const FABRIKAM = [
  'local=/fabrikam.com/',
  'host-record=sip.fabrikam.com,127.0.31.2',
  'host-record=webext.fabrikam.com,127.0.31.3',
  'cname=lyncdiscover.fabrikam.com,webext.fabrikam.com',
  'srv-host=_sip._tls.fabrikam.com,sip.fabrikam.com,443,0,100',
  'srv-host=_sipfederationtls._tcp.fabrikam.com,sip.fabrikam.com,5061,0,100',
];

interface JsonOut {
  snapshot: { sections: Record<string, { status: string; message: string; data?: unknown }> };
  findings: Array<{ checkId: string; severity: string; message: string; evidence: Array<{ label: string; value: string }> }>;
}

async function diagnose(address: string, domain: string, timeoutMs = 8000): Promise<JsonOut> {
  const r = await runCli(['diagnose', '--sip-address', `alice@${domain}`, '--dns-server', address, '--timeout-ms', String(timeoutMs), '--json']);
  assert.ok(r.code === 0 || r.code === 1, `exit ${r.code}: ${r.err}`);
  return JSON.parse(r.out) as JsonOut;
}

const dnsOf = (j: JsonOut): DnsSection => j.snapshot.sections.dns?.data as DnsSection;
const dnsIds = (j: JsonOut): string[] => j.findings.filter((f) => f.checkId.startsWith('LD-DNS')).map((f) => f.checkId).sort();
/** role → [CNAME chain, addresses, outcome]: the reading a technician makes of each discovery name. */
const names = (d: DnsSection): Record<string, [readonly string[], readonly string[], string]> =>
  Object.fromEntries(d.names.map((n) => [n.role, [n.cnameChain, n.addresses, n.outcome]]));
const srv = (d: DnsSection): Record<string, [string, readonly string[]]> =>
  Object.fromEntries(d.srv.map((s) => [s.role, [s.outcome, s.records.map((r) => `${r.priority} ${r.weight} ${r.port} ${r.target}`)]]));

function ctxFor(address: string, domain: string, timeoutMs = 8000): CollectorContext {
  return {
    input: { sipAddress: `alice@${domain}`, sipDomain: domain, dnsServer: address, timeoutMs },
    signal: new AbortController().signal,
    deadline: Date.now() + timeoutMs,
    raw: () => undefined,
    progress: () => undefined,
  } as unknown as CollectorContext;
}

function client(address: string): DnsClient {
  return new DnsClient({ server: address, timeoutMs: 5000, signal: new AbortController().signal });
}

test('complete internal deployment: every name through its CNAME, both SRV records, inside, no DNS finding', opts, async () => {
  const d = await dnsmasq(CONTOSO);
  const j = await diagnose(d.address, 'contoso.com');
  const dns = dnsOf(j);
  assert.deepEqual(names(dns), {
    lyncdiscoverinternal: [['pool01.contoso.com'], ['127.0.30.1'], 'answer'],
    lyncdiscover: [['webext.contoso.com'], ['127.0.30.3'], 'answer'],
    sipinternal: [['pool01.contoso.com'], ['127.0.30.1'], 'answer'],
    sip: [[], ['127.0.30.2'], 'answer'],
    sipexternal: [[], [], 'nxdomain'], // nothing configured in a --local zone
  });
  assert.deepEqual(srv(dns), {
    sipinternaltls: ['answer', ['0 100 5061 pool01.contoso.com']],
    'sip-tls': ['answer', ['0 100 443 sip.contoso.com']],
    sipfederationtls: ['nxdomain', []],
  });
  assert.deepEqual(dns.srvTargets.map((t) => [t.name, t.addresses, t.outcome]), [['pool01.contoso.com', ['127.0.30.1'], 'answer'], ['sip.contoso.com', ['127.0.30.2'], 'answer']]);
  // host-records with an A only: the AAAA question is NODATA (the name exists), never NXDOMAIN.
  const hosts = ['pool01.contoso.com', 'sip.contoso.com', 'webext.contoso.com'];
  assert.deepEqual([...new Set(dns.queries.filter((q) => q.type === 'AAAA' && hosts.includes(q.name)).map((q) => q.outcome))], ['nodata']);
  assert.equal(dns.location, 'inside');
  assert.equal(dns.locationReason, 'internal records answer: lyncdiscoverinternal, sipinternal, _sipinternaltls._tcp');
  assert.equal(j.snapshot.sections.dns?.status, 'ok');
  assert.deepEqual(dnsIds(j), []);
  assert.ok(!j.findings.some((f) => f.checkId === 'LD-GAP-001' && /dns/.test(f.evidence.map((e) => e.label).join())), 'no DNS gap');
});

test('external-only records: outside, internal names NXDOMAIN, no DNS finding', opts, async () => {
  const d = await dnsmasq(FABRIKAM);
  const j = await diagnose(d.address, 'fabrikam.com');
  const dns = dnsOf(j);
  assert.deepEqual(names(dns), {
    lyncdiscoverinternal: [[], [], 'nxdomain'],
    lyncdiscover: [['webext.fabrikam.com'], ['127.0.31.3'], 'answer'],
    sipinternal: [[], [], 'nxdomain'],
    sip: [[], ['127.0.31.2'], 'answer'],
    sipexternal: [[], [], 'nxdomain'],
  });
  assert.deepEqual(srv(dns), {
    sipinternaltls: ['nxdomain', []],
    'sip-tls': ['answer', ['0 100 443 sip.fabrikam.com']],
    sipfederationtls: ['answer', ['0 100 5061 sip.fabrikam.com']],
  });
  assert.equal(dns.location, 'outside');
  assert.equal(dns.locationReason, 'only external records answer (lyncdiscover, sip, _sip._tls); no internal record does');
  assert.equal(j.snapshot.sections.dns?.status, 'ok');
  assert.deepEqual(dnsIds(j), []);
});

test('a CNAME to a target with only an A record: the chain, the A address, AAAA NODATA', opts, async () => {
  const d = await dnsmasq(CONTOSO);
  const c = client(d.address);
  const r = await resolveName(c, 'lyncdiscoverinternal', 'lyncdiscoverinternal.contoso.com');
  assert.deepEqual(r, { role: 'lyncdiscoverinternal', name: 'lyncdiscoverinternal.contoso.com', cnameChain: ['pool01.contoso.com'], addresses: ['127.0.30.1'], outcome: 'answer' });
  assert.deepEqual(
    c.queries.map((q) => [q.name, q.type, q.outcome, q.answers]).sort((a, b) => `${a[0]}${a[1]}`.localeCompare(`${b[0]}${b[1]}`)),
    [
      ['lyncdiscoverinternal.contoso.com', 'CNAME', 'answer', ['pool01.contoso.com']],
      ['pool01.contoso.com', 'A', 'answer', ['127.0.30.1']],
      ['pool01.contoso.com', 'AAAA', 'nodata', []],
      ['pool01.contoso.com', 'CNAME', 'nodata', []],
    ],
  );
});

test('NXDOMAIN for a name with no record in a --local zone, NODATA for a name that exists with another type', opts, async () => {
  const d = await dnsmasq([...CONTOSO, 'local=/tailspin.com/', 'txt-record=lyncdiscover.tailspin.com,"v=1"', 'host-record=sip.tailspin.com,127.0.32.2', 'srv-host=_sip._tls.tailspin.com,sip.tailspin.com,443,0,100']);
  const c = client(d.address);
  const outcome = async (name: string, type: 'A' | 'AAAA' | 'CNAME' | 'SRV'): Promise<string> => (await c.query(name, type)).outcome;
  for (const type of ['A', 'AAAA', 'CNAME', 'SRV'] as const) assert.equal(await outcome('nosuch.contoso.com', type), 'nxdomain', type);
  for (const type of ['AAAA', 'CNAME', 'SRV'] as const) assert.equal(await outcome('pool01.contoso.com', type), 'nodata', type);
  // Through the CLI: lyncdiscover.tailspin.com exists (TXT) but has no address, while sip and _sip._tls answer.
  const j = await diagnose(d.address, 'tailspin.com');
  const dns = dnsOf(j);
  assert.deepEqual(names(dns).lyncdiscover, [[], [], 'nodata']);
  assert.deepEqual(names(dns).lyncdiscoverinternal, [[], [], 'nxdomain']);
  assert.equal(dns.location, 'outside');
  assert.deepEqual(dnsIds(j), ['LD-DNS-002']);
  const f = j.findings.find((x) => x.checkId === 'LD-DNS-002')!;
  assert.deepEqual(f.evidence, [{ label: 'lyncdiscover.tailspin.com', value: 'nodata' }]);
});

/** Sends one UDP question as c-ares does (EDNS, 1232 bytes) and returns the answer's TC flag and record count. */
async function udpAnswer(port: number, name: string): Promise<{ truncated: boolean; count: number }> {
  const s = createSocket('udp4');
  try {
    const msg = await new Promise<Buffer>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error('no UDP answer')), 3000);
      s.once('message', (m) => {
        clearTimeout(t);
        resolve(m);
      });
      s.send(packet.encode({ id: 7, type: 'query', flags: packet.RECURSION_DESIRED, questions: [{ name, type: 'SRV' }], additionals: [{ type: 'OPT', name: '.', udpPayloadSize: 1232 } as packet.Answer] }), port, '127.0.0.1');
    });
    const p = packet.decode(msg);
    return { truncated: ((p.flags ?? 0) & packet.TRUNCATED_RESPONSE) !== 0, count: (p.answers ?? []).length };
  } finally {
    s.close();
  }
}

test('60 SRV records: the UDP answer is truncated, c-ares retries over TCP, every record and target arrives', opts, async () => {
  const N = 60;
  const pad = (i: number): string => String(i).padStart(2, '0');
  const lines = ['local=/litware.com/', 'host-record=sip.litware.com,127.0.33.200'];
  for (let i = 1; i <= N; i++) {
    lines.push(`host-record=pool-${pad(i)}-frontend.litware.com,127.0.33.${i}`, `srv-host=_sipinternaltls._tcp.litware.com,pool-${pad(i)}-frontend.litware.com,5061,${i % 3},${i}`);
  }
  const d = await dnsmasq(lines);
  // The precondition: over UDP dnsmasq cannot fit them and says so (TC), so only TCP can give all 60.
  const udp = await udpAnswer(d.port, '_sipinternaltls._tcp.litware.com');
  assert.equal(udp.truncated, true);
  assert.ok(udp.count < N, `UDP carried ${udp.count}`);
  const r = await dnsCollector.collect(ctxFor(d.address, 'litware.com'));
  const dns = r.data as DnsSection;
  // Expected: priority ascending, then weight descending (our order); from the configuration, not the answer.
  const expected = Array.from({ length: N }, (_, k) => k + 1)
    .sort((a, b) => (a % 3) - (b % 3) || b - a)
    .map((i) => `${i % 3} ${i} 5061 pool-${pad(i)}-frontend.litware.com`);
  assert.deepEqual(srv(dns).sipinternaltls, ['answer', expected]);
  assert.equal(dns.srvTargets.length, N);
  for (const t of dns.srvTargets) {
    const i = Number(/^pool-(\d+)-/.exec(t.name)?.[1]);
    assert.deepEqual([t.addresses, t.outcome], [[`127.0.33.${i}`], 'answer'], t.name);
  }
  assert.equal(dns.location, 'inside');
  assert.equal(r.status, 'ok');
});

test('dnsmasq stopped (its port closed): every query unreachable, LD-GAP-001 only, never "no record exists"', opts, async () => {
  const d = await dnsmasq(CONTOSO);
  const address = d.address;
  await d.stop();
  const j = await diagnose(address, 'contoso.com');
  const dns = dnsOf(j);
  assert.deepEqual([...new Set(dns.queries.map((q) => q.outcome))], ['unreachable']);
  assert.equal(j.snapshot.sections.dns?.status, 'error');
  assert.match(j.snapshot.sections.dns?.message ?? '', /refused the connection \(nothing listens there\) for every query/);
  assert.equal(dns.location, 'unknown');
  assert.deepEqual(j.findings.map((f) => f.checkId), ['LD-GAP-001']);
});

test('a domain dnsmasq has no server for: REFUSED to every query, LD-GAP-001 only', opts, async () => {
  const d = await dnsmasq(CONTOSO);
  const j = await diagnose(d.address, 'northwind.com');
  const dns = dnsOf(j);
  assert.deepEqual([...new Set(dns.queries.map((q) => q.outcome))], ['refused']);
  assert.equal(j.snapshot.sections.dns?.status, 'error');
  assert.match(j.snapshot.sections.dns?.message ?? '', /answered REFUSED \(it will not resolve for this PC\) for every query/);
  assert.deepEqual(j.findings.map((f) => f.checkId), ['LD-GAP-001']);
});

test('forwarded to a dead loopback upstream: dnsmasq never answers (timeout), LD-GAP-001 only', opts, async () => {
  const probe = createSocket('udp4');
  await new Promise<void>((r) => probe.bind(0, '127.0.0.1', r));
  const dead = probe.address().port;
  await new Promise<void>((r) => probe.close(() => r()));
  const d = await dnsmasq([`server=/northwind.com/127.0.0.1#${dead}`]);
  // Expected "timeout or SERVFAIL"; measured with dig (SOURCES.md): dnsmasq forwards and stays silent.
  const j = await diagnose(d.address, 'northwind.com', 1500);
  const dns = dnsOf(j);
  assert.deepEqual([...new Set(dns.queries.map((q) => q.outcome))], ['timeout']);
  assert.equal(j.snapshot.sections.dns?.status, 'timeout');
  assert.deepEqual(j.findings.map((f) => f.checkId), ['LD-GAP-001']);
  assert.match(d.log(), /forwarded lyncdiscover\.northwind\.com to 127\.0\.0\.1#\d+/);
});

test('an upstream answering SERVFAIL: dnsmasq passes it on, every query servfail, LD-GAP-001 only', opts, async () => {
  const up = await startDnsLab({ records: [], mode: 'servfail' });
  servers.push(up);
  const d = await dnsmasq([`server=/wingtip.com/127.0.0.1#${up.address.split(':')[1]}`]);
  const j = await diagnose(d.address, 'wingtip.com');
  const dns = dnsOf(j);
  assert.deepEqual([...new Set(dns.queries.map((q) => q.outcome))], ['servfail']);
  assert.equal(j.snapshot.sections.dns?.status, 'error');
  assert.deepEqual(j.findings.map((f) => f.checkId), ['LD-GAP-001']);
  assert.match(d.log(), /reply error is SERVFAIL/);
});

test('--address names: A answers while CNAME says NXDOMAIN (with --local) or REFUSED (without): the name resolves', opts, async () => {
  const d = await dnsmasq([...FABRIKAM, 'address=/sipexternal.fabrikam.com/127.0.31.4', 'address=/lyncdiscover.adatum.com/127.0.34.1']);
  // What a Lync client gets (it asks for the address): 127.0.31.4 and 127.0.34.1; no CNAME on the way.
  assert.deepEqual(await resolveName(client(d.address), 'sipexternal', 'sipexternal.fabrikam.com'), { role: 'sipexternal', name: 'sipexternal.fabrikam.com', cnameChain: [], addresses: ['127.0.31.4'], outcome: 'answer' });
  assert.deepEqual(await resolveName(client(d.address), 'lyncdiscover', 'lyncdiscover.adatum.com'), { role: 'lyncdiscover', name: 'lyncdiscover.adatum.com', cnameChain: [], addresses: ['127.0.34.1'], outcome: 'answer' });
  const j = await diagnose(d.address, 'fabrikam.com');
  const dns = dnsOf(j);
  assert.deepEqual(names(dns).sipexternal, [[], ['127.0.31.4'], 'answer']);
  assert.equal(dns.location, 'outside');
  assert.equal(dns.locationReason, 'only external records answer (lyncdiscover, sip, sipexternal, _sip._tls); no internal record does');
  assert.deepEqual(dnsIds(j), []);
});
