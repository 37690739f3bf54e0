/** Real 407 answers (squid captured on loopback, published ISA/squid/other answers) replayed through the probe and the proxy checks. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { proxyChecks } from '../../../main/checks/proxy';
import { probeThroughProxy } from '../../../main/collect/proxy-auth';
import type { EndpointRole, ProxyProbe } from '../../../main/model/proxy';
import type { Snapshot } from '../../../main/model/snapshot';
import { closedPort, collectProxyAuth, testNet } from '../../helpers/net-env';
import { closeAll, startProxy, type LabServer } from '../../helpers/net-lab';
import { dnsData, ok } from '../../helpers/network-snapshot';
import { baseSnapshot, name, NOW } from '../../helpers/snapshot';

const DIR = join(__dirname, '../../fixtures/proxy/auth/real');

interface Expected {
  readonly status: number;
  readonly statusText: string;
  readonly authSchemes: readonly string[];
  readonly proxyAgent: string | null;
  readonly proxyError: string | null;
  readonly serverDate: boolean;
  readonly findings: Readonly<Record<'lyncdiscover' | 'exchange-autodiscover', readonly string[]>>;
}

const expected = (JSON.parse(readFileSync(join(DIR, 'expected.json'), 'utf8')) as { answers: Record<string, Expected> }).answers;
const servers: LabServer[] = [];
after(() => closeAll(servers));

/** Challenge data that must never reach the snapshot: realm, nonce and opaque values, NTLM/Negotiate tokens. */
function secretsIn(bytes: string): string[] {
  const out: string[] = [];
  for (const m of bytes.matchAll(/^proxy-authenticate:[^\r\n]*/gim)) {
    for (const q of m[0].matchAll(/\b(?:realm|nonce|opaque)="([^"]+)"/gi)) out.push(q[1] as string);
    const token = /^proxy-authenticate:\s*\S+\s+([A-Za-z0-9+/]{16,}={0,2})\s*$/i.exec(m[0]);
    if (token) out.push(token[1] as string);
  }
  return out;
}

async function replayProbe(bytes: Buffer, host: string, roles: EndpointRole[]): Promise<ProxyProbe> {
  const proxy = await startProxy({ mode: 'silent', replay: { [`${host}:443`]: bytes } });
  servers.push(proxy);
  // The name "resolves" (mapped like --connect-to) to a closed port: the direct path is blocked, as behind a mandatory proxy.
  const { env, scope } = testNet({ connectTo: [`${host}:443:127.0.0.1:${await closedPort()}`], timeoutMs: 4000 });
  try {
    return await probeThroughProxy(env, { proxy: { host: '127.0.0.1', port: proxy.port }, host, port: 443, roles }, 3000);
  } finally {
    scope.close();
  }
}

/** Ids of the proxy checks that fire on a snapshot. */
function firing(s: Snapshot): string[] {
  return proxyChecks.filter((c) => c.evaluate(s, { now: NOW }).length > 0).map((c) => c.id);
}

for (const [file, want] of Object.entries(expected)) {
  test(`${file}: the probe reads what an expert reads, and the checks conclude as expected`, async () => {
    const bytes = readFileSync(join(DIR, file));
    const p = await replayProbe(bytes, 'lyncdiscover.contoso.com', ['lyncdiscover']);
    assert.equal(p.outcome, 'auth-required', p.message);
    assert.equal(p.status, want.status);
    assert.equal(p.statusText, want.statusText);
    assert.deepEqual(p.authSchemes, want.authSchemes);
    assert.equal(p.proxyAgent, want.proxyAgent);
    assert.equal(p.proxyError ?? null, want.proxyError);
    assert.equal(p.serverDate !== undefined, want.serverDate);
    assert.equal(p.directDns, 'resolves');
    const stored = JSON.stringify(p);
    for (const secret of secretsIn(bytes.toString('latin1'))) assert.ok(!stored.includes(secret), `challenge data kept: ${secret}`);
    assert.deepEqual(firing(baseSnapshot({ proxyAuth: ok<'proxyAuth'>({ probes: [p] }) })), want.findings.lyncdiscover);

    const x = await replayProbe(bytes, 'autodiscover.fabrikam.com', ['exchange-autodiscover']);
    assert.equal(x.outcome, 'auth-required');
    assert.deepEqual(firing(baseSnapshot({ proxyAuth: ok<'proxyAuth'>({ probes: [x] }) })), want.findings['exchange-autodiscover']);
  });
}

test('collector + checks: a real squid 407 is reported even when DNS could not be asked for another endpoint', async () => {
  const bytes = readFileSync(join(DIR, 'squid-407-negotiate-ntlm-basic.http'));
  const proxy = await startProxy({ mode: 'silent', replay: { 'lyncdiscover.contoso.com:443': bytes, 'autodiscover.contoso.com:443': bytes } });
  servers.push(proxy);
  const dns = dnsData({ names: [name('lyncdiscover', 'lyncdiscover.contoso.com', ['127.0.30.1'])] });
  const c = await collectProxyAuth(dns, proxy.port);
  const section = c.snapshot.sections.proxyAuth;
  // autodiscover.contoso.com is asked from the lab's DNS (127.0.0.1:9), which never answers: the section is partial.
  assert.equal(section?.status, 'partial');
  const byTarget = Object.fromEntries((section?.data?.probes ?? []).map((p) => [p.target, [p.outcome, p.authSchemes.join(',')]]));
  assert.deepEqual(byTarget, { 'lyncdiscover.contoso.com:443': ['auth-required', 'Negotiate,NTLM,Basic'], 'autodiscover.contoso.com:443': ['auth-required', 'Negotiate,NTLM,Basic'] });
  // The 407 for lyncdiscover stands on its own (no DNS needed); the Exchange one is not blamed on the proxy (DNS unknown).
  assert.deepEqual(firing(c.snapshot), ['LD-PROXY-001', 'LD-PROXY-002']);
});
