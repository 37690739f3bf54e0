import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { makeProxyCollector } from '../../../../main/collect/proxy';
import { recordingRunner, type CommandResult } from '../../../../main/collect/windows/runner';
import { collect } from '../../../../main/diagnose';
import type { ProxySection } from '../../../../main/model/proxy';
import { dnsData, fixedCollector } from '../../../helpers/network-snapshot';
import { name, srv } from '../../../helpers/snapshot';

const FX = join(__dirname, '..', '..', '..', 'fixtures', 'proxy');
const fx = (n: string): string => readFileSync(join(FX, n), 'utf8');
const dir = mkdtempSync(join(tmpdir(), 'ld-proxy-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const dns = dnsData({
  names: [name('lyncdiscover', 'lyncdiscover.contoso.com', ['192.0.2.10']), name('sipinternal', 'sipinternal.contoso.local', ['10.0.0.5'])],
  srv: [srv('sip-tls', '_sip._tls.contoso.com', [['sip.contoso.com', 443]])],
  srvTargets: [name('srv-target', 'sip.contoso.com', ['192.0.2.11'])],
});

/** A Windows PC answering reg.exe and netsh.exe from fixtures. */
function pc(files: { internet?: string; connections?: string; ucc?: string; netsh?: string; dsp?: string; denied?: boolean }) {
  return recordingRunner((command, args): Partial<CommandResult> => {
    const miss = { code: 1, stderr: fx('reg-not-found-en.txt') };
    if (files.denied) return { code: 1, stderr: fx('reg-access-denied-en.txt'), stdout: '' };
    if (/netsh/i.test(command)) return files.netsh ? { stdout: fx(files.netsh) } : { code: 1, stdout: fx('netsh-command-not-found-en.txt') };
    const key = args[1] ?? '';
    if (key.endsWith('Internet Settings')) return files.internet ? { stdout: fx(files.internet) } : miss;
    if (key.endsWith('Connections')) return files.connections ? { stdout: fx(files.connections) } : miss;
    if (key.endsWith('UCCPlatform\\Lync')) return files.ucc ? { stdout: fx(files.ucc) } : miss;
    if (key.endsWith('WinHttp')) return files.dsp ? { stdout: fx(files.dsp) } : miss;
    return miss;
  });
}

async function runProxy(opts: { platform?: string; run?: ReturnType<typeof pc>; env?: Record<string, string>; input?: Record<string, unknown> }) {
  const c = await collect({
    input: { sipAddress: 'alice@contoso.com', sipDomain: 'contoso.com', dnsServer: '127.0.0.1:9', timeoutMs: 10_000, ...(opts.input ?? {}) },
    collectors: [fixedCollector('dns', dns), makeProxyCollector(() => opts.env ?? {})],
    platform: opts.platform ?? 'win32',
    run: opts.run ?? pc({}),
  });
  const r = c.snapshot.sections.proxy;
  assert.ok(r);
  return { result: r, data: r.data as ProxySection, raw: c.raw };
}

const chosen = (d: ProxySection, host: string): string => {
  const r = d.routes.find((x) => x.host === host);
  return r ? (r.chosen.kind === 'proxy' ? `${r.chosen.host}:${r.chosen.port}` : r.chosen.kind) : 'missing';
};

test('Windows static proxy: per-protocol https entry, bypass and <local>, WinHTTP direct', async () => {
  const { result, data, raw } = await runProxy({ run: pc({ internet: 'reg-internet-settings-static.txt', connections: 'reg-connections-proxy-noautodetect.txt', netsh: 'netsh-direct-en.txt', dsp: 'reg-winhttp-dsp-tls12.txt' }) });
  assert.equal(result.status, 'ok');
  assert.equal(data.wininet?.outcome, 'ok');
  assert.equal(data.wininet?.autoDetect, false, 'from DefaultConnectionSettings');
  assert.equal(data.wininet?.enableDetectProxyForAllConnections, null);
  assert.equal(data.winhttp?.direct, true);
  assert.equal(data.winhttp?.defaultSecureProtocols, 0xa80);
  assert.equal(chosen(data, 'lyncdiscover.contoso.com'), 'proxy.contoso.com:8443');
  assert.equal(chosen(data, 'sip.contoso.com'), 'proxy.contoso.com:8443');
  assert.equal(chosen(data, 'autodiscover.contoso.com'), 'proxy.contoso.com:8443');
  assert.ok(data.routes.every((r) => r.source === 'wininet-static'));
  assert.ok(raw.some((a) => a.name === 'netsh-winhttp-show-proxy.txt' && a.content.includes('Direct access')));
});

test('bypass entries: *.contoso.local goes direct', async () => {
  const { data } = await runProxy({ run: pc({ internet: 'reg-internet-settings-static.txt', netsh: 'netsh-direct-en.txt' }) });
  const r = data.routes.find((x) => x.host === 'sipinternal.contoso.local');
  assert.equal(r?.chosen.kind, 'direct');
  assert.match(r?.reason ?? '', /bypass entry "\*\.contoso\.local"/);
});

test('German netsh and the Lync EnableDetectProxyForAllConnections value are read', async () => {
  const { data } = await runProxy({ run: pc({ internet: 'reg-internet-settings-direct.txt', ucc: 'reg-uccplatform-lync-1.txt', netsh: 'netsh-proxy-de.txt' }) });
  assert.equal(data.winhttp?.direct, false);
  assert.equal(data.winhttp?.proxyServer, 'proxy.contoso.com:8080');
  assert.equal(data.wininet?.enableDetectProxyForAllConnections, 1);
  assert.ok(data.routes.every((r) => r.chosen.kind === 'direct'), 'WinHTTP does not steer the Lync client');
});

test('access denied everywhere: status error with a message, never a throw', async () => {
  const { result, data } = await runProxy({ run: pc({ denied: true }) });
  assert.equal(result.status, 'error');
  assert.match(result.message, /could not be read/);
  assert.equal(data.wininet?.outcome, 'access-denied');
});

test('not on Windows: no reg/netsh calls; env proxy with credentials stripped; NO_PROXY honoured', async () => {
  const run = pc({});
  const { data } = await runProxy({ platform: 'linux', run, env: { HTTPS_PROXY: 'http://bob:secret@proxy.example.net:3128', NO_PROXY: 'contoso.local,.internal' } });
  assert.equal(run.calls.length, 0);
  assert.equal(data.wininet, null);
  assert.equal(data.env.httpsProxy, 'http://proxy.example.net:3128');
  assert.ok(!JSON.stringify(data).includes('secret'));
  assert.equal(chosen(data, 'lyncdiscover.contoso.com'), 'proxy.example.net:3128');
  assert.equal(chosen(data, 'sipinternal.contoso.local'), 'direct');
});

test('--proxy overrides the PC settings for every endpoint', async () => {
  const { data } = await runProxy({ run: pc({ internet: 'reg-internet-settings-static.txt', netsh: 'netsh-direct-en.txt' }), input: { proxy: 'http://127.0.0.1:3128' } });
  assert.ok(data.routes.length >= 4);
  assert.ok(data.routes.every((r) => r.source === 'cli-proxy' && chosen(data, r.host) === '127.0.0.1:3128'));
  assert.equal(data.cli.proxy, 'http://127.0.0.1:3128');
});

let pacFiles = 0;
function pacFile(body: string): string {
  const p = join(dir, `p${++pacFiles}.pac`);
  writeFileSync(p, body);
  return p;
}

test('PAC on disk: evaluated per endpoint with the DNS answers of the diagnosis', async () => {
  const pac = pacFile(`function FindProxyForURL(url, host) {
    if (isPlainHostName(host) || shExpMatch(host, "*.contoso.local")) return "DIRECT";
    if (isInNet(dnsResolve(host), "192.0.2.0", "255.255.255.0")) return "PROXY lync-proxy.contoso.com:8080; DIRECT";
    return "PROXY other.contoso.com:3128";
  }`);
  const { data, result } = await runProxy({ platform: 'linux', input: { proxyPac: pac } });
  assert.equal(result.status, 'ok');
  assert.equal(data.pac?.outcome, 'ok');
  assert.equal(data.pac?.scheme, 'file');
  assert.equal(chosen(data, 'lyncdiscover.contoso.com'), 'lync-proxy.contoso.com:8080');
  assert.equal(data.routes.find((r) => r.host === 'lyncdiscover.contoso.com')?.candidates.length, 2);
  assert.equal(chosen(data, 'sipinternal.contoso.local'), 'direct');
  assert.equal(data.routes.find((r) => r.host === 'lyncdiscover.contoso.com')?.pacResult, 'PROXY lync-proxy.contoso.com:8080; DIRECT');
});

test('Windows AutoConfigURL with file:// is fetched from disk', async () => {
  const pac = pacFile('function FindProxyForURL(u, h) { return "PROXY p.contoso.com:80"; }');
  const text = fx('reg-internet-settings-pac.txt').replace('http://wpad.contoso.com/proxy.pac', `file://${pac}`);
  const internet = join(dir, 'internet.txt');
  writeFileSync(internet, text);
  const run = recordingRunner((command, args) => (/netsh/i.test(command) ? { stdout: fx('netsh-direct-en.txt') } : (args[1] ?? '').endsWith('Internet Settings') ? { stdout: text } : { code: 1, stderr: fx('reg-not-found-en.txt') }));
  const { data } = await runProxy({ run });
  assert.equal(data.pac?.origin, 'wininet');
  assert.equal(data.pac?.outcome, 'ok');
  assert.ok(data.routes.every((r) => r.source === 'wininet-pac' && chosen(data, r.host) === 'p.contoso.com:80'));
});

for (const [label, body, outcome] of [
  ['garbage', '\u0000\u0001%%% not javascript at all ((((', 'not-pac'],
  ['syntax error', 'function FindProxyForURL(url, host) { return "DIRECT" +; }', 'script-error'],
  ['HTML login page', '<html><body><form>Please sign in</form></body></html>', 'not-pac'],
  ['no FindProxyForURL function', 'var FindProxyForURL = 3;', 'not-pac'],
  ['top-level endless loop', 'while (true) {} function FindProxyForURL(u, h) { return "DIRECT"; }', 'timeout'],
] as const) {
  test(`bad PAC (${label}) ends as "${outcome}" and routes fall back to direct`, async () => {
    const { data, result } = await runProxy({ platform: 'linux', input: { proxyPac: pacFile(body) } });
    assert.equal(result.status, 'ok');
    assert.equal(data.pac?.outcome, outcome, data.pac?.message);
    assert.ok(data.routes.every((r) => r.chosen.kind === 'direct' && r.candidates[0]?.kind === 'error'));
  });
}

test('a PAC that throws or loops for some hosts: per-route errors, every other endpoint still evaluated', async () => {
  const pac = pacFile(`function FindProxyForURL(url, host) {
    if (host === "lyncdiscover.contoso.com") { while (true) {} }
    if (host === "sip.contoso.com") return undefinedHelper(host);
    return "DIRECT";
  }`);
  const { data, result } = await runProxy({ platform: 'linux', input: { proxyPac: pac, timeoutMs: 8000 } });
  assert.equal(result.status, 'ok', 'ended by the per-call budget, not by the diagnosis deadline');
  const ld = data.routes.find((r) => r.host === 'lyncdiscover.contoso.com');
  assert.equal(ld?.candidates[0]?.kind, 'error');
  assert.match(ld?.reason ?? '', /longer than|did not answer/);
  // one overrun never blanks the others: every other endpoint is really evaluated
  const sip = data.routes.find((r) => r.host === 'sip.contoso.com');
  assert.match(sip?.reason ?? '', /undefinedHelper/);
  const others = data.routes.filter((r) => r.host !== 'lyncdiscover.contoso.com' && r.host !== 'sip.contoso.com');
  assert.ok(others.length > 0);
  assert.ok(others.every((r) => r.pacResult === 'DIRECT' && r.candidates[0]?.kind === 'direct'), JSON.stringify(others.map((r) => r.reason)));
});

test('PAC file too large and missing file', async () => {
  const big = pacFile(`function FindProxyForURL(u,h){return "DIRECT";}\n//${'x'.repeat(1024 * 1024 + 10)}`);
  assert.equal((await runProxy({ platform: 'linux', input: { proxyPac: big } })).data.pac?.outcome, 'too-large');
  const missing = await runProxy({ platform: 'linux', input: { proxyPac: join(dir, 'nope.pac') } });
  assert.equal(missing.data.pac?.outcome, 'fetch-failed');
  assert.match(missing.data.pac?.message ?? '', /does not exist/);
});
