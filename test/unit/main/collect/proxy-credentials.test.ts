/**
 * Proxy credentials are removed where they are first seen: every planted form in HTTPS_PROXY (non-Windows),
 * WinINET ProxyServer, WinHTTP (netsh) and a PAC URL (user-info and ?key=) leaves no password piece in the
 * proxy section or its raw outputs, while the proxy host and port are still found.
 */
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { maskSecretParams, stripCredentials, stripCredentialsInText, stripProxyList } from '../../../../main/collect/credentials';
import { makeProxyCollector } from '../../../../main/collect/proxy';
import { recordingRunner, type CommandResult } from '../../../../main/collect/windows/runner';
import { collect } from '../../../../main/diagnose';
import type { ProxySection } from '../../../../main/model/proxy';
import { dnsData, fixedCollector } from '../../../helpers/network-snapshot';
import { PLANTED_PROXIES, PLANTED_PROXY_HOST, PLANTED_PROXY_PORT } from '../../../helpers/planted-proxy-credentials';
import { name } from '../../../helpers/snapshot';

const FX = join(__dirname, '..', '..', '..', 'fixtures', 'proxy');
const fx = (n: string): string => readFileSync(join(FX, n), 'utf8');
const dns = dnsData({ names: [name('lyncdiscover', 'lyncdiscover.contoso.com', ['192.0.2.10'])] });

function pc(internet: string, netsh: string) {
  return recordingRunner((command, args): Partial<CommandResult> => {
    if (/netsh/i.test(command)) return { stdout: netsh };
    if ((args[1] ?? '').endsWith('Internet Settings')) return { stdout: internet };
    return { code: 1, stderr: fx('reg-not-found-en.txt') };
  });
}

async function run(platform: string, env: Record<string, string>, runner?: ReturnType<typeof pc>) {
  const c = await collect({
    input: { sipAddress: 'alice@contoso.com', sipDomain: 'contoso.com', dnsServer: '127.0.0.1:9', timeoutMs: 5_000 },
    collectors: [fixedCollector('dns', dns), makeProxyCollector(() => env)],
    platform,
    ...(runner ? { run: runner } : {}),
  });
  const r = c.snapshot.sections.proxy;
  assert.ok(r);
  return { text: JSON.stringify(c.snapshot) + c.raw.map((a) => a.content + a.name).join('\n'), data: r.data as ProxySection };
}

const assertClean = (text: string, needles: readonly string[], where: string): void => {
  for (const n of needles) assert.ok(!text.includes(n), `${where}: "${n}" survived`);
};

test('stripCredentials: each planted form loses its password and keeps host:port', () => {
  for (const p of PLANTED_PROXIES) {
    const out = stripCredentials(p.value);
    assertClean(out, p.needles, p.label);
    assert.match(out, /proxy\.contoso\.com:8080$/, p.label);
  }
  assert.equal(stripCredentials('http%3A%2F%2Falice%3AEncWhole%40proxy.contoso.com%3A8080'), 'http%3A%2F%2Fproxy.contoso.com%3A8080');
  assert.equal(stripCredentials('http://wpad.contoso.com/proxy.pac?key=K3y&v=2'), 'http://wpad.contoso.com/proxy.pac?key=[REDACTED:password]&v=2');
  assert.equal(stripCredentials('proxy.contoso.com:8080'), 'proxy.contoso.com:8080');
  assert.equal(stripProxyList('http=a:Pw1@p.contoso.com:80;https=p.contoso.com:443'), 'http=p.contoso.com:80;https=p.contoso.com:443');
  assert.equal(maskSecretParams('?pw=1&statusCode=407&code=abc&auth=x'), '?pw=[REDACTED:password]&statusCode=407&code=[REDACTED:password]&auth=[REDACTED:password]');
  // Addresses that are not credentials stay as they are.
  assert.equal(stripCredentialsInText('sign-in as alice@contoso.com via <sip:alice@contoso.com>'), 'sign-in as alice@contoso.com via <sip:alice@contoso.com>');
  assert.equal(stripCredentialsInText('proxy CONTOSO\\alice:Pw9@proxy.contoso.com:8080 refused'), 'proxy proxy.contoso.com:8080 refused');
});

for (const p of PLANTED_PROXIES) {
  test(`HTTPS_PROXY=${p.label}: no password in the section or raw outputs; the route still uses the proxy`, async () => {
    const { text, data } = await run('linux', { HTTPS_PROXY: p.value, NO_PROXY: 'sipinternal' });
    assertClean(text, p.needles, 'env');
    const route = data.routes.find((r) => r.host === 'lyncdiscover.contoso.com');
    assert.deepEqual(route?.chosen, { kind: 'proxy', host: PLANTED_PROXY_HOST, port: PLANTED_PROXY_PORT });
  });

  test(`WinINET ProxyServer and WinHTTP with ${p.label}: no password anywhere`, async () => {
    const internet = fx('reg-internet-settings-static.txt').replace(/ProxyServer {4}REG_SZ {4}.*/, `ProxyServer    REG_SZ    http=${p.value};https=${p.value}`);
    const netsh = `\r\nCurrent WinHTTP proxy settings:\r\n\r\n    Proxy Server(s) :  ${p.value}\r\n    Bypass List     :  <local>\r\n`;
    const { text, data } = await run('win32', {}, pc(internet, netsh));
    assertClean(text, p.needles, 'windows');
    assert.equal(data.wininet?.outcome, 'ok');
    assert.deepEqual(data.wininet?.servers.find((s) => s.scheme === 'https'), { scheme: 'https', host: PLANTED_PROXY_HOST, port: PLANTED_PROXY_PORT });
  });
}

test('a PAC URL with user-info and ?key=: fetched with the full URL, stored without the secrets', async () => {
  const seen: string[] = [];
  const server = createServer((req: IncomingMessage, res) => {
    seen.push(req.url ?? '');
    res.writeHead(200, { 'content-type': 'application/x-ns-proxy-autoconfig' });
    res.end('function FindProxyForURL(u, h) { return "PROXY proxy.contoso.com:8080"; }');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  try {
    const port = (server.address() as AddressInfo).port;
    const url = `http://pacuser:PacPwJj1@127.0.0.1:${port}/proxy.pac?key=PacKeyKk2&v=1`;
    const internet = fx('reg-internet-settings-pac.txt').replace('http://wpad.contoso.com/proxy.pac', url);
    const { text, data } = await run('win32', {}, pc(internet, fx('netsh-direct-en.txt')));
    assert.deepEqual(seen, ['/proxy.pac?key=PacKeyKk2&v=1'], 'the PAC server got its key');
    assert.equal(data.pac?.outcome, 'ok');
    assertClean(text, ['PacPwJj1', 'PacKeyKk2'], 'pac');
    assert.equal(data.wininet?.autoConfigUrl, `http://127.0.0.1:${port}/proxy.pac?key=[REDACTED:password]&v=1`);
  } finally {
    server.close();
  }
});
