/** The proxy-authentication probe against real loopback proxies: 407 schemes, tunnels, interception, refusals, garbage, silence. */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { probeThroughProxy } from '../../../main/collect/proxy-auth';
import type { ProxyProbe } from '../../../main/model/proxy';
import { labPki } from '../../helpers/lab-pki';
import { closedPort, collectProxyAuth, testNet } from '../../helpers/net-env';
import { closeAll, startProxy, startTlsServer, type LabServer, type ProxyOptions } from '../../helpers/net-lab';
import { dnsData } from '../../helpers/network-snapshot';
import { name } from '../../helpers/snapshot';

const pki = labPki('Proxy');
const inspect = labPki('Inspect');
const servers: LabServer[] = [];
after(() => closeAll(servers));

async function lab() {
  const real = await startTlsServer({ cert: pki.leaf(['lyncdiscover.contoso.com']) });
  const fake = await startTlsServer({ cert: inspect.leaf(['lyncdiscover.contoso.com']) });
  servers.push(real, fake);
  return { real, fake };
}

async function probeVia(opts: ProxyOptions, target = { host: 'lyncdiscover.contoso.com', port: 443 }, connectTo: string[] = [], capMs = 3000): Promise<{ p: ProxyProbe; heads: string[] }> {
  const proxy = await startProxy(opts);
  servers.push(proxy);
  const { env, scope } = testNet({ connectTo, timeoutMs: capMs + 500 });
  try {
    const p = await probeThroughProxy(env, { proxy: { host: '127.0.0.1', port: proxy.port }, ...target, roles: ['lyncdiscover'] }, capMs);
    return { p, heads: proxy.heads };
  } finally {
    scope.close();
  }
}

test('407 with NTLM and Negotiate: schemes recorded, no credentials sent, challenge data not kept', async () => {
  const { p, heads } = await probeVia({ mode: 'auth', schemes: ['NTLM', 'Negotiate', 'Basic realm="Contoso Proxy"'] });
  assert.equal(p.outcome, 'auth-required');
  assert.equal(p.status, 407);
  assert.deepEqual(p.authSchemes, ['NTLM', 'Negotiate', 'Basic']);
  assert.equal(p.proxyAgent, 'LabProxy/1.0');
  assert.ok(p.serverDate && p.localDate, 'Date kept for the clock check');
  assert.ok(!JSON.stringify(p).includes('Contoso Proxy'), 'realm not stored');
  assert.equal(heads.length, 1);
  assert.match(heads[0] ?? '', /^CONNECT lyncdiscover\.contoso\.com:443 HTTP\/1\.1/);
  assert.ok(!/proxy-authorization|authorization:/i.test(heads[0] ?? ''));
});

test('407 offering Digest', async () => {
  const { p } = await probeVia({ mode: 'auth', schemes: ['Digest realm="x", nonce="abcdef", qop="auth"'] });
  assert.deepEqual(p.authSchemes, ['Digest']);
  assert.ok(!JSON.stringify(p).includes('abcdef'), 'nonce not stored');
});

test('tunnel to the real server: no interception', async () => {
  const { real } = await lab();
  const { p } = await probeVia({ mode: 'tunnel', resolve: () => ({ host: '127.0.0.1', port: real.port }) }, undefined, [`lyncdiscover.contoso.com:443:127.0.0.1:${real.port}`]);
  assert.equal(p.outcome, 'tunnel');
  assert.equal(p.interception, 'none');
  assert.equal(p.proxiedLeaf?.sha256, p.directLeaf?.sha256);
});

test('tunnel to an inspection server: interception detected with both issuers', async () => {
  const { real, fake } = await lab();
  const { p } = await probeVia({ mode: 'tunnel', resolve: () => ({ host: '127.0.0.1', port: fake.port }) }, undefined, [`lyncdiscover.contoso.com:443:127.0.0.1:${real.port}`]);
  assert.equal(p.interception, 'detected');
  assert.equal(p.proxiedLeaf?.issuer, 'CN=Inspect Issuing CA');
  assert.equal(p.directLeaf?.issuer, 'CN=Proxy Issuing CA');
});

test('direct path blocked: interception unknown, proxied issuer still reported', async () => {
  const { fake } = await lab();
  const { p } = await probeVia({ mode: 'tunnel', resolve: () => ({ host: '127.0.0.1', port: fake.port }) }, undefined, [`lyncdiscover.contoso.com:443:127.0.0.1:${await closedPort()}`]);
  assert.equal(p.interception, 'unknown');
  assert.match(p.message, /Inspect Issuing CA/);
});

test('CONNECT refused (403), proxy answering SSH bytes, proxy that never answers, proxy port closed', async () => {
  assert.equal((await probeVia({ mode: 'refuse' }, { host: 'sip.contoso.com', port: 5061 })).p.outcome, 'refused');
  assert.equal((await probeVia({ mode: 'garbage' })).p.outcome, 'not-http');
  const started = Date.now();
  const silent = await probeVia({ mode: 'silent' }, undefined, [], 600);
  assert.equal(silent.p.outcome, 'timeout');
  assert.ok(Date.now() - started < 1500);
  const { env, scope } = testNet();
  const gone = await probeThroughProxy(env, { proxy: { host: '127.0.0.1', port: await closedPort() }, host: 'x.contoso.com', port: 443, roles: ['sip'] }, 1000);
  scope.close();
  assert.equal(gone.outcome, 'unreachable');
});

test('collector: only endpoints routed through a proxy are probed, per (proxy, endpoint)', async () => {
  const proxy = await startProxy({ mode: 'auth', perTarget: { 'autodiscover.contoso.com:443': 'refuse' } });
  servers.push(proxy);
  const dns = dnsData({ names: [name('lyncdiscover', 'lyncdiscover.contoso.com', ['127.0.30.1'])] });
  const c = await collectProxyAuth(dns, proxy.port);
  const r = c.snapshot.sections.proxyAuth;
  // lyncdiscover is known from the dns section; autodiscover needs the lab's DNS (127.0.0.1:9), which cannot be asked: partial.
  assert.equal(r?.status, 'partial');
  assert.equal(r?.message, '2 CONNECT probe(s): 1 auth-required, 1 refused; DNS could not be asked for autodiscover.contoso.com:443, so whether the proxy is at fault there is unknown');
  const byTarget = Object.fromEntries((r?.data?.probes ?? []).map((p) => [p.target, p.outcome]));
  assert.deepEqual(byTarget, { 'lyncdiscover.contoso.com:443': 'auth-required', 'autodiscover.contoso.com:443': 'refused' });
  const none = await collectProxyAuth(dns, null, 1000);
  assert.equal(none.snapshot.sections.proxyAuth?.status, 'not-applicable');
});
