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
  const c = await compilePac(e, 'function FindProxyForURL(u, h) { return dnsResolve(h) + "|" + isResolvable(h) + "|" + isInNet(h, "192.0.2.0", "255.255.255.0") + "|" + myIpAddress() + "|" + dnsDomainIs(h, ".contoso.com") + "|" + localHostOrDomainIs(h, "sip.contoso.com") + "|" + dnsResolve("unknown.invalid"); }', '198.51.100.9');
  assert.ok(c.ok, JSON.stringify(c));
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

test('one overrun never blanks the other endpoints: the next call is evaluated', async () => {
  const { e, scope } = await env();
  const c = await compilePac(e, 'function FindProxyForURL(u, h) { if (h === "loop") { for (;;) {} } return "PROXY p:8080"; }', { callMs: 300 });
  assert.ok(c.ok);
  const l = await c.engine.call('https://loop/', 'loop');
  assert.ok(!l.ok && l.timedOut && /longer than 300 ms/.test(l.error), JSON.stringify(l));
  const after = await c.engine.call('https://x.contoso.com/', 'x.contoso.com');
  assert.deepEqual(after, { ok: true, result: 'PROXY p:8080' });
  c.engine.dispose();
  scope.close();
});

test('hostile files end with a clear message and leave the engine usable', async () => {
  const { e, scope } = await env();
  const c = await compilePac(e, `function deep(n) { return deep(n + 1) + 1; }
    function FindProxyForURL(u, h) {
      if (h === "deep") return deep(0);
      if (h === "mem") { var s = "x"; for (;;) s = s + s; }
      if (h === "arr") { var a = []; for (;;) a.push({ k: a.length, v: "yyyyyyyyyyyyyyyyyyyy" + a.length }); }
      return "DIRECT";
    }`);
  assert.ok(c.ok);
  const d = await c.engine.call('https://deep/', 'deep');
  assert.ok(!d.ok && !d.timedOut && /recursed too deeply/.test(d.error) && !/out of bounds/.test(d.error), JSON.stringify(d));
  const m = await c.engine.call('https://mem/', 'mem');
  assert.ok(!m.ok && /more than 32 MB|string too long|longer than/.test(m.error) && !/out of bounds/.test(m.error), JSON.stringify(m));
  const a = await c.engine.call('https://arr/', 'arr');
  assert.ok(!a.ok && !/out of bounds/.test(a.error), JSON.stringify(a));
  const ok = await c.engine.call('https://x.contoso.com/', 'x.contoso.com');
  assert.deepEqual(ok, { ok: true, result: 'DIRECT' });
  c.engine.dispose();
  scope.close();
});

test('DNS helpers work from any function form: expressions, object methods, labels (no source rewriting)', async () => {
  const { e, scope } = await env();
  const script = `var rules = { internal: function (h) { return isInNet(dnsResolve(h), "192.0.2.0", "255.255.255.0"); } };
    var viaExpr = function (h) { return isResolvable(h); };
    function FindProxyForURL(url, host) {
      outer: for (var i = 0; i < 2; i++) { if (i === 1) break outer; }
      var list = [dnsResolve(host), viaExpr(host), rules.internal(host), dnsResolveEx(host)];
      return list.join("|");
    }`;
  const c = await compilePac(e, script, { resolve: async (h) => (h === 'sip.contoso.com' ? ['192.0.2.11', '2001:db8::11'] : []) });
  assert.ok(c.ok, JSON.stringify(c));
  assert.deepEqual(await c.engine.call('https://sip.contoso.com/', 'sip.contoso.com'), { ok: true, result: '192.0.2.11|true|true|192.0.2.11;2001:db8::11' });
  assert.deepEqual(await c.engine.call('https://nope.contoso.com/', 'nope.contoso.com'), { ok: true, result: '|false|false|' });
  c.engine.dispose();
  scope.close();
});

test('FindProxyForURLEx is preferred when defined (WinHTTP and Chromium behaviour)', async () => {
  const { e, scope } = await env();
  const c = await compilePac(e, 'function FindProxyForURL(u, h) { return "PROXY v4:1"; } function FindProxyForURLEx(u, h) { return "PROXY ex:1; " + myIpAddressEx() + "; " + getClientVersion(); }', { myIps: ['192.0.2.7', '2001:db8::7'] });
  assert.ok(c.ok);
  assert.equal(c.engine.entry, 'FindProxyForURLEx');
  assert.deepEqual(await c.engine.call('http://a/', 'a'), { ok: true, result: 'PROXY ex:1; 192.0.2.7;2001:db8::7; 1.0' });
  c.engine.dispose();
  scope.close();
});

test('date and time helpers use the injected clock (GMT and local)', async () => {
  const { e, scope } = await env();
  // Tuesday 3 March 2009, 03:34:01 UTC; the zone 240 minutes west of UTC makes it Monday 2 March 23:34 local
  const now = () => new Date(Date.UTC(2009, 2, 3, 3, 34, 1));
  const script = 'function FindProxyForURL(u, h) { return [weekdayRange("TUE", "GMT"), weekdayRange("MON"), dateRange(3, "GMT"), dateRange(2), dateRange("MAR"), timeRange(3, "GMT"), timeRange(23), timeRange(23, 30, 23, 40), dateRange(1, "JAN", 2009, 3, "MAR", 2009, "GMT")].join(","); }';
  const c = await compilePac(e, script, { now, tzOffsetMin: 240 });
  assert.ok(c.ok);
  assert.deepEqual(await c.engine.call('http://a/', 'a'), { ok: true, result: 'true,true,true,true,true,true,true,true,true' });
  c.engine.dispose();
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

test('hostile top-level code: an endless loop is a timeout, deep recursion a plain script error', async () => {
  const { e, scope } = await env();
  const loop = await compilePac(e, 'for (;;) {} function FindProxyForURL(u, h) { return "DIRECT"; }', { callMs: 300 });
  assert.ok(!loop.ok && loop.outcome === 'timeout', JSON.stringify(loop));
  const deep = await compilePac(e, 'function r(n) { return r(n + 1); } r(0); function FindProxyForURL(u, h) { return "DIRECT"; }');
  assert.ok(!deep.ok && deep.outcome === 'script-error' && /recursed too deeply/.test(deep.message), JSON.stringify(deep));
  const none = await compilePac(e, 'var FindProxyForURL = 3;');
  assert.ok(!none.ok && none.outcome === 'not-pac', JSON.stringify(none));
  scope.close();
});
