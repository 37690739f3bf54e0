import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compilePac, ipInNet, localIpv4 } from '../../../../main/collect/pac-engine';
import { netEnv, ProbeScope } from '../../../../main/collect/proxy-net';
import { dnsData, ok } from '../../../helpers/network-snapshot';
import { name } from '../../../helpers/snapshot';

function env(timeoutMs = 15_000) {
  const controller = new AbortController();
  const deadline = Date.now() + timeoutMs;
  const scope = new ProbeScope(controller.signal, deadline);
  const e = netEnv({ signal: controller.signal, deadline, input: { sipAddress: 'a@contoso.com', sipDomain: 'contoso.com', dnsServer: '127.0.0.1:9', timeoutMs }, sections: { dns: ok<'dns'>(dnsData({ names: [name('sip', 'sip.contoso.com', ['192.0.2.11'])] })) }, now: () => new Date() }, scope);
  return { e, scope };
}

test('isInNet arithmetic', () => {
  assert.ok(ipInNet('10.1.2.3', '10.0.0.0', '255.0.0.0'));
  assert.ok(!ipInNet('11.1.2.3', '10.0.0.0', '255.0.0.0'));
  assert.ok(ipInNet('192.0.2.200', '192.0.2.128', '255.255.255.128'));
  assert.ok(!ipInNet('not-an-ip', '10.0.0.0', '255.0.0.0'));
  assert.match(localIpv4(), /^\d+\.\d+\.\d+\.\d+$/);
});

test('sandbox helpers answer from the diagnosis, never from the network', async () => {
  const { e, scope } = await env();
  // (calls inside array literals are not awaited by degenerator, so the script concatenates)
  const c = await compilePac(e, 'function FindProxyForURL(u, h) { return dnsResolve(h) + "|" + isResolvable(h) + "|" + isInNet(h, "192.0.2.0", "255.255.255.0") + "|" + myIpAddress() + "|" + dnsDomainIs(h, ".contoso.com") + "|" + localHostOrDomainIs(h, "sip.contoso.com") + "|" + dnsResolve("unknown.invalid"); }', '198.51.100.9');
  assert.ok(c.ok);
  const r = await c.engine.call('https://sip.contoso.com/', 'sip.contoso.com');
  assert.deepEqual(r, { ok: true, result: '192.0.2.11|true|true|198.51.100.9|true|true|null' });
  c.engine.dispose();
  scope.close();
});

test('alert() is captured (capped), not printed', async () => {
  const { e, scope } = await env();
  const c = await compilePac(e, 'function FindProxyForURL(u, h) { for (var i = 0; i < 50; i++) alert("step " + i); return "DIRECT"; }');
  assert.ok(c.ok);
  await c.engine.call('https://x.contoso.com/', 'x.contoso.com');
  assert.equal(c.engine.alerts.length, 20);
  c.engine.dispose();
  scope.close();
});

test('runtime errors, memory bombs and endless loops end with a reason, bounded', async () => {
  const { e, scope } = await env();
  const c = await compilePac(e, `function FindProxyForURL(u, h) {
    if (h === "throw.contoso.com") throw new Error("boom");
    if (h === "mem.contoso.com") { var a = []; while (true) a.push(new Array(100000).join("x")); }
    if (h === "ref.contoso.com") return notDefined();
    return "DIRECT";
  }`);
  assert.ok(c.ok);
  const t = await c.engine.call('https://throw.contoso.com/', 'throw.contoso.com');
  assert.ok(!t.ok && !t.timedOut && /boom/.test(t.error));
  const ref = await c.engine.call('https://ref.contoso.com/', 'ref.contoso.com');
  assert.ok(!ref.ok && /notDefined/.test(ref.error));
  const m = await c.engine.call('https://mem.contoso.com/', 'mem.contoso.com');
  assert.ok(!m.ok, 'memory bomb fails (out of memory, or cut by the call budget)');
  c.engine.dispose();
  scope.close();
});

test('a call after a stuck call is refused at once (the VM is gone)', async () => {
  const { e, scope } = await env();
  const c = await compilePac(e, 'function FindProxyForURL(u, h) { if (h === "loop") { for (;;) {} } return "DIRECT"; }');
  assert.ok(c.ok);
  const l = await c.engine.call('https://loop/', 'loop');
  assert.ok(!l.ok && l.timedOut);
  const after = await c.engine.call('https://x.contoso.com/', 'x.contoso.com');
  assert.ok(!after.ok && /earlier call/.test(after.error));
  scope.close();
});

test('aborting the diagnosis releases a PAC call stuck in a loop at once', async () => {
  const { e, scope } = await env();
  const c = await compilePac(e, 'function FindProxyForURL(u, h) { for (;;) {} }');
  assert.ok(c.ok);
  const pending = c.engine.call('https://loop/', 'loop');
  setTimeout(() => scope.close(), 50);
  const r = await pending;
  // released by the abort ("deadline reached"), not by the 1 s call budget ("did not answer within")
  assert.ok(!r.ok && /deadline reached/.test(r.error), JSON.stringify(r));
});
