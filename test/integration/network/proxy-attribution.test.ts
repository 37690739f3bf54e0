/**
 * Proxy attribution against squid's real answers (captured bytes replayed by a loopback stand-in, see
 * test/fixtures/proxy/squid/real/SOURCES.md) and a real DNS lab: squid answers 500 ERR_CANNOT_FORWARD for a
 * name that does not exist — also as an open proxy — which is not the proxy's fault; a 403 ERR_ACCESS_DENIED
 * for a name that resolves is. Expected results written from the issue before running.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { runCli } from '../../helpers/cli';
import { startDnsLab, type DnsLab, type ZoneRecord } from '../../helpers/dns-server';
import { closeAll, startProxy, type LabServer } from '../../helpers/net-lab';

/** The captured bytes, with only the Date header brought to now (a live squid sends the current date; the clock check reads it). */
const squid = (file: string): Buffer => {
  const raw = readFileSync(join(__dirname, '..', '..', 'fixtures', 'proxy', 'squid', 'real', file)).toString('latin1');
  return Buffer.from(raw.replace(/\r\nDate: [^\r]*\r\n/, `\r\nDate: ${new Date().toUTCString()}\r\n`), 'latin1');
};
const servers: Array<LabServer | DnsLab> = [];
after(() => closeAll(servers));

interface Out {
  snapshot: { sections: Record<string, { status: string; message: string; data?: { probes?: Array<{ target: string; outcome: string; status: number | null; directDns?: string; proxyError?: string; message: string }> } }> };
  findings: Array<{ checkId: string; message: string; evidence: Array<{ label: string; value: string }> }>;
}

async function diagnose(records: ZoneRecord[], answer: Buffer): Promise<Out> {
  const dns = await startDnsLab({ records });
  const proxy = await startProxy({ mode: 'tunnel', replay: { 'autodiscover.contoso.com:443': answer } });
  servers.push(dns, proxy);
  const r = await runCli(['diagnose', '--sip-address', 'alice@contoso.com', '--dns-server', dns.address, '--proxy', `http://127.0.0.1:${proxy.port}`, '--timeout-ms', '3000', '--json']);
  return JSON.parse(r.out) as Out;
}

const probe = (o: Out, target: string) => o.snapshot.sections.proxyAuth?.data?.probes?.find((p) => p.target === target);

test('squid 500 ERR_CANNOT_FORWARD for autodiscover.<domain> after NXDOMAIN: the proxy is not blamed', async () => {
  const o = await diagnose([{ name: 'sip.contoso.com', type: 'A', data: '127.0.0.1' }], squid('connect-nxdomain.http'));
  const p = probe(o, 'autodiscover.contoso.com:443');
  assert.equal(p?.outcome, 'refused');
  assert.equal(p?.status, 500);
  assert.equal(p?.directDns, 'nxdomain');
  assert.equal(p?.proxyError, 'ERR_CANNOT_FORWARD 0');
  assert.match(p?.message ?? '', /does not exist in DNS \(NXDOMAIN\), so no proxy could connect: not the proxy's fault/);
  const ids = o.findings.map((f) => f.checkId);
  assert.ok(!ids.includes('LD-PROXY-006'), ids.join());
  assert.ok(!o.findings.some((f) => f.message.includes('autodiscover.contoso.com')), 'no finding blames the proxy for autodiscover.contoso.com');
  assert.ok(!ids.includes('LD-CLOCK-001'), ids.join());
  assert.equal(o.snapshot.sections.proxyAuth?.status, 'ok');
});

test('squid 403 ERR_ACCESS_DENIED for an autodiscover name that resolves: LD-PROXY-006 blames the proxy', async () => {
  const o = await diagnose([{ name: 'sip.contoso.com', type: 'A', data: '127.0.0.1' }, { name: 'autodiscover.contoso.com', type: 'A', data: '127.0.0.1' }], squid('connect-denied.http'));
  const p = probe(o, 'autodiscover.contoso.com:443');
  assert.equal(p?.directDns, 'resolves');
  assert.equal(p?.proxyError, 'ERR_ACCESS_DENIED 0');
  const f = o.findings.filter((x) => x.checkId === 'LD-PROXY-006');
  assert.equal(f.length, 1);
  assert.match(f[0]!.message, /refused 403\) although the name resolves directly/);
});

test('DNS could not be asked for the name (SERVFAIL): no blame, proxyAuth partial, LD-GAP-001 says why', async () => {
  const dns = await startDnsLab({ records: [{ name: 'sip.contoso.com', type: 'A', data: '127.0.0.1' }], servfail: ['autodiscover.contoso.com'] });
  const proxy = await startProxy({ mode: 'tunnel', replay: { 'autodiscover.contoso.com:443': squid('connect-dns-down.http') } });
  servers.push(dns, proxy);
  const r = await runCli(['diagnose', '--sip-address', 'alice@contoso.com', '--dns-server', dns.address, '--proxy', `http://127.0.0.1:${proxy.port}`, '--timeout-ms', '3000', '--json']);
  const o = JSON.parse(r.out) as Out;
  assert.equal(probe(o, 'autodiscover.contoso.com:443')?.directDns, 'could-not-ask');
  assert.equal(o.snapshot.sections.proxyAuth?.status, 'partial');
  const ids = o.findings.map((f) => f.checkId);
  assert.ok(!ids.includes('LD-PROXY-006'), ids.join());
  assert.ok(ids.includes('LD-GAP-001'), ids.join());
  assert.equal(r.code, 1);
});
