/** PAC files served over HTTP/HTTPS by real loopback servers, evaluated by the proxy collector. */
import assert from 'node:assert/strict';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { after, test } from 'node:test';
import { makeProxyCollector } from '../../../main/collect/proxy';
import { collect } from '../../../main/diagnose';
import type { ProxySection } from '../../../main/model/proxy';
import { labPki } from '../../helpers/lab-pki';
import { closeAll, startBlackhole, startHttpServer, startTlsServer, type LabServer } from '../../helpers/net-lab';
import { dnsData, fixedCollector } from '../../helpers/network-snapshot';
import { name } from '../../helpers/snapshot';

const servers: LabServer[] = [];
after(() => closeAll(servers));
const PAC = 'function FindProxyForURL(url, host) { if (dnsDomainIs(host, ".contoso.com")) return "PROXY lync-proxy.contoso.com:8080"; return "DIRECT"; }';
const dns = dnsData({ names: [name('lyncdiscover', 'lyncdiscover.contoso.com', ['127.0.30.1'])] });

async function runWithPac(url: string, timeoutMs = 8000): Promise<{ data: ProxySection; ms: number }> {
  const started = Date.now();
  const c = await collect({
    input: { sipAddress: 'alice@contoso.com', sipDomain: 'contoso.com', dnsServer: '127.0.0.1:9', timeoutMs, proxyPac: url },
    collectors: [fixedCollector('dns', dns), makeProxyCollector(() => ({}))],
    platform: 'linux',
  });
  return { data: c.snapshot.sections.proxy?.data as ProxySection, ms: Date.now() - started };
}

async function http(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<string> {
  const s = await startHttpServer(handler);
  servers.push(s);
  return `http://127.0.0.1:${s.port}`;
}

test('PAC over HTTP: fetched with its type and Date, evaluated per endpoint', async () => {
  const base = await http((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/x-ns-proxy-autoconfig', Date: new Date().toUTCString() });
    res.end(PAC);
  });
  const { data } = await runWithPac(`${base}/proxy.pac`);
  assert.equal(data.pac?.outcome, 'ok', data.pac?.message);
  assert.equal(data.pac?.httpStatus, 200);
  assert.equal(data.pac?.contentType, 'application/x-ns-proxy-autoconfig');
  assert.ok(data.pac?.serverDate);
  assert.ok(data.routes.every((r) => r.source === 'cli-pac' && r.chosen.kind === 'proxy' && r.chosen.host === 'lync-proxy.contoso.com'));
});

test('PAC over HTTPS and through a redirect', async () => {
  const pki = labPki('Pac');
  const s = await startTlsServer({ cert: pki.leaf(['127.0.0.1']), handler: (_q, r) => r.end(PAC) });
  servers.push(s);
  assert.equal((await runWithPac(`https://127.0.0.1:${s.port}/proxy.pac`)).data.pac?.outcome, 'ok');
  const base = await http((req, res) => {
    if (req.url === '/old.pac') {
      res.writeHead(301, { Location: '/new.pac' });
      res.end();
    } else res.end(PAC);
  });
  assert.equal((await runWithPac(`${base}/old.pac`)).data.pac?.outcome, 'ok');
});

test('404, an HTML page and a 100 MB answer are findings, not crashes', async () => {
  const base = await http((req, res) => {
    if (req.url === '/missing.pac') {
      res.writeHead(404);
      res.end('not found');
    } else if (req.url === '/login.pac') {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.end('<html><body>Sign in to the guest Wi-Fi</body></html>');
    } else {
      res.writeHead(200);
      const chunk = Buffer.alloc(64 * 1024, 0x2f);
      let sent = 0;
      const pump = (): void => {
        while (sent < 100 * 1024 * 1024 && !res.destroyed) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      pump();
    }
  });
  const missing = await runWithPac(`${base}/missing.pac`);
  assert.equal(missing.data.pac?.outcome, 'fetch-failed');
  assert.equal(missing.data.pac?.httpStatus, 404);
  assert.equal((await runWithPac(`${base}/login.pac`)).data.pac?.outcome, 'not-pac');
  const big = await runWithPac(`${base}/huge.pac`);
  assert.equal(big.data.pac?.outcome, 'too-large');
  assert.ok(big.ms < 8000);
  assert.ok(big.data.routes.every((r) => r.chosen.kind === 'direct'));
});

test('a PAC server that never answers: fetch-failed within the PAC share of the deadline', async () => {
  const hole = await startBlackhole();
  servers.push(hole);
  const { data, ms } = await runWithPac(`http://127.0.0.1:${hole.port}/proxy.pac`, 2000);
  assert.equal(data.pac?.outcome, 'fetch-failed');
  assert.match(data.pac?.message ?? '', /no complete answer|did not/);
  // Ends near the 2000 ms deadline, not at a hang; the margin leaves room for a loaded CI machine's timers.
  assert.ok(ms < 2000 + 1500, `${ms} ms`);
});
