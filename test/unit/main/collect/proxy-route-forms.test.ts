// The route chosen for each proxy configuration form (--proxy, PAC answers, WinINET static, environment,
// none). Expected routes from the PAC spec (Netscape/MDN FindProxyForURL: first usable entry; WinHTTP and
// WinINET go DIRECT when the answer cannot be used) and KB4025058, written before running our code.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { makeProxyCollector } from '../../../../main/collect/proxy';
import { recordingRunner } from '../../../../main/collect/windows/runner';
import { collect } from '../../../../main/diagnose';
import type { ProxyRoute, ProxySection } from '../../../../main/model/proxy';
import { dnsData, fixedCollector } from '../../../helpers/network-snapshot';
import { name } from '../../../helpers/snapshot';

const dir = mkdtempSync(join(tmpdir(), 'ld-route-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const pacFile = (body: string): string => {
  const p = join(dir, `r${n++}.pac`);
  writeFileSync(p, body);
  return p;
};
const dns = dnsData({ names: [name('lyncdiscover', 'lyncdiscover.contoso.com', ['192.0.2.10'])] });

async function route(opts: { input?: Record<string, unknown>; env?: Record<string, string> }): Promise<ProxyRoute> {
  const c = await collect({
    input: { sipAddress: 'alice@contoso.com', sipDomain: 'contoso.com', dnsServer: '127.0.0.1:9', timeoutMs: 10_000, ...(opts.input ?? {}) },
    collectors: [fixedCollector('dns', dns), makeProxyCollector(() => opts.env ?? {})],
    platform: 'linux',
    run: recordingRunner(() => ({ code: 1 })),
  });
  const d = c.snapshot.sections.proxy?.data as ProxySection;
  const r = d.routes.find((x) => x.host === 'lyncdiscover.contoso.com');
  assert.ok(r, 'route for lyncdiscover');
  return r;
}
const text = (r: ProxyRoute): string => (r.chosen.kind === 'proxy' ? `PROXY ${r.chosen.host}:${r.chosen.port}` : r.chosen.kind === 'unsupported' ? `unsupported ${r.chosen.value}` : r.chosen.kind);

// FindProxyForURL's return value (as JS source) → the route chosen and the kind of the first candidate.
const PAC_ANSWERS: ReadonlyArray<readonly [string, string, string]> = [
  ['"PROXY p1.contoso.com:8080"', 'PROXY p1.contoso.com:8080', 'proxy'],
  ['"PROXY p1.contoso.com:8080; DIRECT"', 'PROXY p1.contoso.com:8080', 'proxy'],
  ['"DIRECT; PROXY p1.contoso.com:8080"', 'direct', 'direct'],
  ['"  proxy p1.contoso.com:8080 ;; "', 'PROXY p1.contoso.com:8080', 'proxy'],
  ['"PROXY p1.contoso.com"', 'PROXY p1.contoso.com:80', 'proxy'],
  ['"PROXY p1.contoso.com:8080; PROXY p2.contoso.com:3128"', 'PROXY p1.contoso.com:8080', 'proxy'],
  ['"DIRECT"', 'direct', 'direct'],
  ['""', 'direct', 'direct'],
  ['null', 'direct', 'direct'],
  ['undefined', 'direct', 'direct'],
  ['"BANANA p1.contoso.com:8080"', 'direct', 'error'], // unreadable answer: DIRECT, not the garbage
  ['"PROXY"', 'direct', 'error'],
  ['"PROXY p1 contoso com:99999"', 'direct', 'error'],
  ['"BANANA; PROXY p1.contoso.com:8080"', 'direct', 'error'], // first entry unreadable: DIRECT (not the next entry)
  ['42', 'direct', 'error'],
  ['"SOCKS5 s.contoso.com:1080"', 'unsupported SOCKS5 s.contoso.com:1080', 'unsupported'],
  ['"HTTPS p1.contoso.com:443"', 'unsupported HTTPS p1.contoso.com:443', 'unsupported'],
];

for (const [answer, want, firstKind] of PAC_ANSWERS) {
  test(`PAC answer ${answer} → ${want}`, async () => {
    const r = await route({ input: { proxyPac: pacFile(`function FindProxyForURL(url, host) { return ${answer}; }`) } });
    assert.equal(r.source, 'cli-pac');
    assert.equal(text(r), want);
    assert.equal(r.candidates[0]?.kind, firstKind);
    assert.equal(r.url, 'https://lyncdiscover.contoso.com/');
  });
}

test('PAC that throws → DIRECT with the error kept as the candidate', async () => {
  const r = await route({ input: { proxyPac: pacFile('function FindProxyForURL(url, host) { throw new Error("boom"); }') } });
  assert.equal(text(r), 'direct');
  assert.equal(r.candidates[0]?.kind, 'error');
  assert.match(r.reason, /clients then go direct/);
});

test('PAC that cannot be read (missing file) → DIRECT for every route', async () => {
  const r = await route({ input: { proxyPac: join(dir, 'missing.pac') } });
  assert.equal(text(r), 'direct');
  assert.equal(r.candidates[0]?.kind, 'error');
  assert.match(r.reason, /PAC unusable/);
});

test('--proxy wins over a PAC and the environment', async () => {
  const r = await route({ input: { proxy: 'http://127.0.0.1:3128', proxyPac: pacFile('function FindProxyForURL(u, h) { return "DIRECT"; }') }, env: { HTTPS_PROXY: 'http://env.contoso.com:1' } });
  assert.equal(r.source, 'cli-proxy');
  assert.equal(text(r), 'PROXY 127.0.0.1:3128');
});

const ENV: ReadonlyArray<readonly [Record<string, string>, string, string]> = [
  [{ HTTPS_PROXY: 'http://p.contoso.com:3128' }, 'PROXY p.contoso.com:3128', 'HTTPS_PROXY environment variable'],
  [{ https_proxy: 'p.contoso.com:3128' }, 'PROXY p.contoso.com:3128', 'HTTPS_PROXY environment variable'],
  [{ HTTP_PROXY: 'http://h.contoso.com:8080' }, 'PROXY h.contoso.com:8080', 'HTTP_PROXY environment variable'],
  [{ HTTPS_PROXY: 'http://p.contoso.com:3128', HTTP_PROXY: 'http://h.contoso.com:8080' }, 'PROXY p.contoso.com:3128', 'HTTPS_PROXY environment variable'],
  [{ HTTPS_PROXY: 'http://p.contoso.com:3128', NO_PROXY: 'contoso.com' }, 'direct', 'NO_PROXY entry "contoso.com" matches lyncdiscover.contoso.com'],
  [{ HTTPS_PROXY: 'http://p.contoso.com:3128', NO_PROXY: '.contoso.com' }, 'direct', 'NO_PROXY entry ".contoso.com" matches lyncdiscover.contoso.com'],
  [{ HTTPS_PROXY: 'http://p.contoso.com:3128', NO_PROXY: 'lyncdiscover.contoso.com:443' }, 'direct', 'NO_PROXY entry "lyncdiscover.contoso.com:443" matches lyncdiscover.contoso.com'],
  [{ HTTPS_PROXY: 'http://p.contoso.com:3128', NO_PROXY: 'lyncdiscover.contoso.com:8443' }, 'PROXY p.contoso.com:3128', 'HTTPS_PROXY environment variable'],
  [{ HTTPS_PROXY: 'http://p.contoso.com:3128', NO_PROXY: 'notcontoso.com' }, 'PROXY p.contoso.com:3128', 'HTTPS_PROXY environment variable'],
  [{ HTTPS_PROXY: 'socks5://s.contoso.com:1080' }, 'unsupported socks5://s.contoso.com:1080', 'proxy environment variable is not an http:// address'],
];
for (const [env, want, reason] of ENV) {
  test(`environment ${JSON.stringify(env)} → ${want}`, async () => {
    const r = await route({ env });
    assert.equal(r.source, 'env');
    assert.equal(text(r), want);
    assert.equal(r.reason, reason);
  });
}

test('nothing configured → DIRECT, source none', async () => {
  const r = await route({});
  assert.equal(r.source, 'none');
  assert.equal(text(r), 'direct');
  assert.deepEqual(r.candidates, [{ kind: 'direct' }]);
});
