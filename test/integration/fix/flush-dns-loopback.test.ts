/** flush-dns-cache on a fake Windows PC, verified by re-running the REAL dns collector against a loopback DNS server. */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { dnsCollector } from '../../../main/collect/dns';
import { makeFixCommand } from '../../../main/cli/fix';
import { healthyZone, startDnsLab, type DnsLab } from '../../helpers/dns-server';
import { fakePc } from '../../unit/main/fix/fake-pc';
import { COLLECTORS, tempDir } from '../../unit/main/fix/setup';

const labs: DnsLab[] = [];
const dirs: Array<() => void> = [];
after(async () => {
  await Promise.all(labs.map((l) => l.close()));
  dirs.forEach((c) => c());
});

async function run(records: ReturnType<typeof healthyZone>): Promise<{ code: number; out: string; flushes: number }> {
  const lab = await startDnsLab({ records });
  labs.push(lab);
  const t = tempDir();
  dirs.push(t.cleanup);
  const pc = fakePc();
  const fix = makeFixCommand({ run: pc.run, platform: 'win32', collectors: [dnsCollector, ...COLLECTORS], dataDir: t.dir, timeoutMs: 5000 });
  let out = '';
  const code = await fix(['flush-dns-cache', '--sip-address', 'alice@contoso.com', '--dns-server', lab.address, '--timeout-ms', '2000', '--yes'], { out: (x) => (out += `${x}\n`), err: () => undefined });
  return { code, out, flushes: pc.state.dnsFlushes };
}

test('records corrected: ipconfig /flushdns ran once and the DNS re-check says resolved', async () => {
  const r = await run(healthyZone('contoso.com'));
  assert.equal(r.code, 0, r.out);
  assert.equal(r.flushes, 1);
  assert.match(r.out, /verified: resolved — Resolved: re-ran dns and LD-DNS-/);
});

test('records still wrong (no lyncdiscover): flushed, but verify says not resolved and names the finding', async () => {
  const r = await run(healthyZone('contoso.com').filter((x) => !x.name.startsWith('lyncdiscover.') && !x.name.startsWith('webext.')));
  assert.equal(r.code, 0, r.out);
  assert.equal(r.flushes, 1);
  assert.match(r.out, /verified: not-resolved — .*LD-DNS-002/);
});
