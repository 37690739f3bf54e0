/** The PAC sandbox's DNS helpers ask the diagnosis's resolver — here a real DNS server on loopback — synchronously, from any function form. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compilePac } from '../../../main/collect/pac-engine';
import { netEnv, ProbeScope } from '../../../main/collect/proxy-net';
import { startDnsLab } from '../../helpers/dns-server';

test('dnsResolve / isInNet / dnsResolveEx inside a method and a function expression are answered by the lab DNS server', async () => {
  const dns = await startDnsLab({
    records: [
      { name: 'intranet.contoso.com', type: 'A', data: '10.1.2.3' },
      { name: 'intranet.contoso.com', type: 'AAAA', data: 'fd00::3' },
      { name: 'www.fabrikam.com', type: 'A', data: '198.51.100.80' },
    ],
  });
  const controller = new AbortController();
  const deadline = Date.now() + 10_000;
  const scope = new ProbeScope(controller.signal, deadline);
  const env = netEnv({ signal: controller.signal, deadline, input: { sipAddress: 'a@contoso.com', sipDomain: 'contoso.com', dnsServer: dns.address, timeoutMs: 10_000 }, sections: {}, now: () => new Date() }, scope);
  try {
    const script = `var net = { inside: function (h) { return isInNet(dnsResolve(h), "10.0.0.0", "255.0.0.0"); } };
      var ex = function (h) { return dnsResolveEx(h); };
      function FindProxyForURL(url, host) {
        if (!isResolvable(host)) return "PROXY unresolved:1";
        return (net.inside(host) ? "DIRECT" : "PROXY proxy.contoso.com:8080") + "; " + ex(host);
      }`;
    const c = await compilePac(env, script, { myIps: ['10.61.5.20'] });
    assert.ok(c.ok, JSON.stringify(c));
    assert.deepEqual(await c.engine.call('https://intranet.contoso.com/', 'intranet.contoso.com'), { ok: true, result: 'DIRECT; 10.1.2.3;fd00::3' });
    assert.deepEqual(await c.engine.call('https://www.fabrikam.com/', 'www.fabrikam.com'), { ok: true, result: 'PROXY proxy.contoso.com:8080; 198.51.100.80' });
    assert.deepEqual(await c.engine.call('https://nowhere.contoso.com/', 'nowhere.contoso.com'), { ok: true, result: 'PROXY unresolved:1' });
    assert.ok(dns.queries.some((q) => q.name === 'intranet.contoso.com'), 'the questions reached the lab server');
    c.engine.dispose();
  } finally {
    scope.close();
    await dns.close();
  }
});
