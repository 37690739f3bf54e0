/** Every endpoint black-holed: the diagnosis still ends at its deadline, with timeouts reported and every socket closed. */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { runCli } from '../../helpers/cli';
import { startDnsLab, type DnsLab } from '../../helpers/dns-server';
import { closeAll, startBlackhole, type LabServer } from '../../helpers/net-lab';

const servers: LabServer[] = [];
let dns: DnsLab | undefined;
after(async () => {
  await closeAll(servers);
  await dns?.close();
});

test('black-holed site and PAC server: deadline respected, timeouts reported, no socket left open', async () => {
  const hole = await startBlackhole();
  const pacHole = await startBlackhole();
  servers.push(hole, pacHole);
  dns = await startDnsLab({
    records: [
      { name: 'lyncdiscover.contoso.com', type: 'A', data: '127.0.0.1' },
      { name: 'lyncdiscoverinternal.contoso.com', type: 'A', data: '127.0.0.1' },
      { name: 'sip.contoso.com', type: 'A', data: '127.0.0.1' },
      { name: '_sip._tls.contoso.com', type: 'SRV', data: { target: 'sip.contoso.com', port: hole.port } },
      { name: '_sipinternaltls._tcp.contoso.com', type: 'SRV', data: { target: 'pool.contoso.com', port: hole.port } },
      { name: 'pool.contoso.com', type: 'A', data: '127.0.0.1' },
    ],
  });
  const timeoutMs = 2000;
  const map = (h: string, p: number) => ['--connect-to', `${h}:${p}:127.0.0.1:${hole.port}`];
  const started = Date.now();
  const r = await runCli([
    'diagnose', '--sip-address', 'alice@contoso.com', '--dns-server', dns.address, '--timeout-ms', String(timeoutMs), '--json',
    '--proxy-pac', `http://127.0.0.1:${pacHole.port}/proxy.pac`,
    ...map('lyncdiscover.contoso.com', 443), ...map('lyncdiscoverinternal.contoso.com', 443), ...map('sip.contoso.com', 443), ...map('autodiscover.contoso.com', 443),
  ]);
  const elapsed = Date.now() - started;
  const out = JSON.parse(r.out) as { snapshot: { sections: Record<string, { status: string; message: string; durationMs: number }> }; findings: Array<{ checkId: string; severity: string }> };
  const s = out.snapshot.sections;
  // The collection ends at the deadline: no collector ran longer (the process's own start-up and exit are
  // measured by bench/diagnosis.bench.ts; here only a hang would exceed the loose whole-process bound).
  const longest = Math.max(...Object.values(s).map((x) => x.durationMs));
  assert.ok(longest <= timeoutMs + 1500, `a collector ran ${longest} ms for a ${timeoutMs} ms deadline`);
  assert.ok(elapsed <= timeoutMs + 15_000, `the whole process took ${elapsed} ms for a ${timeoutMs} ms deadline`);
  assert.equal(s.proxy?.status, 'ok');
  assert.match(s.proxy?.message ?? '', /PAC fetch-failed/);
  assert.equal(s.autodiscover?.status, 'timeout', s.autodiscover?.message);
  // Whether the TLS collector returns its timed-out probes just before the deadline (ok) or is cut by it
  // (timeout) is a race by design; what it must say either way is that the endpoints timed out.
  assert.match(s.tls?.message ?? '', /timeout/);
  assert.ok(out.findings.some((f) => f.checkId === 'LD-TLS-009' && f.severity === 'error'), 'no endpoint reachable');
  assert.ok(out.findings.some((f) => f.checkId === 'LD-PROXY-007'), 'PAC unusable');
  // every probe socket was destroyed by the client side: the servers see them close
  for (let i = 0; i < 50 && (hole.open() > 0 || pacHole.open() > 0); i++) await new Promise((res) => setTimeout(res, 20));
  assert.equal(hole.open() + pacHole.open(), 0, 'sockets left open');
  assert.ok(hole.connections() >= 4);
});
