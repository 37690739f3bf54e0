/** Autodiscover against real loopback HTTPS servers: JSON and XML answers, errors, redirects, huge and silent answers, proxies. */
import assert from 'node:assert/strict';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { after, test } from 'node:test';
import { askAutodiscover, autodiscoverCollector } from '../../../main/collect/autodiscover';
import { collect } from '../../../main/diagnose';
import type { AutodiscoverAttempt } from '../../../main/model/autodiscover';
import { autodiscoverHandler } from '../../helpers/autodiscover-lab';
import { labPki } from '../../helpers/lab-pki';
import { testNet } from '../../helpers/net-env';
import { closeAll, startBlackhole, startHttpServer, startProxy, startTlsServer, type LabServer } from '../../helpers/net-lab';
import { dnsData, fixedCollector, proxyData, route } from '../../helpers/network-snapshot';
import { name } from '../../helpers/snapshot';

const pki = labPki('Auto');
const cert = pki.leaf(['lyncdiscover.contoso.com', 'lyncdiscoverinternal.contoso.com', 'webext.contoso.com', 'next.contoso.com']);
const servers: LabServer[] = [];
after(() => closeAll(servers));

async function https(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<LabServer> {
  const s = await startTlsServer({ cert, handler });
  servers.push(s);
  return s;
}

async function ask(port: number, extra: string[] = [], capMs = 3000, routes = undefined as Parameters<typeof askAutodiscover>[4]): Promise<AutodiscoverAttempt> {
  const { env, scope } = testNet({ timeoutMs: capMs + 500, connectTo: [`lyncdiscover.contoso.com:443:127.0.0.1:${port}`, `webext.contoso.com:443:127.0.0.1:${port}`, ...extra] });
  try {
    return await askAutodiscover(env, 'lyncdiscover', 'contoso.com', 'alice@contoso.com', routes, capMs);
  } finally {
    scope.close();
  }
}

test('JSON answer: links recorded, User link answers 401 MsRtcOAuth, Date kept', async () => {
  let asked = '';
  const s = await https((req, res) => {
    if (!asked) asked = req.url ?? '';
    autodiscoverHandler({ webHost: 'webext.contoso.com', domain: 'contoso.com' })(req, res);
  });
  const a = await ask(s.port);
  assert.equal(asked, '/?sipuri=alice@contoso.com');
  assert.equal(a.outcome, 'ok', a.message);
  assert.equal(a.format, 'json');
  assert.deepEqual(a.links.map((l) => l.token), ['self', 'user', 'xframe']);
  assert.equal(a.user?.status, 401);
  assert.deepEqual(a.user?.authSchemes, ['MsRtcOAuth']);
  assert.ok(a.serverDate && a.localDate);
  assert.equal(a.leafSha256?.length, 64);
});

test('XML answer', async () => {
  const s = await https(autodiscoverHandler({ webHost: 'webext.contoso.com', domain: 'contoso.com', format: 'xml' }));
  const a = await ask(s.port);
  assert.equal(a.format, 'xml');
  assert.equal(a.accessLocation, 'External');
  assert.match(a.userUrl ?? '', /root\/user/);
});

test('503 from the reverse proxy: http-error with the status', async () => {
  const s = await https(autodiscoverHandler({ webHost: 'webext.contoso.com', domain: 'contoso.com', failWith: 503 }));
  const a = await ask(s.port);
  assert.equal(a.outcome, 'http-error');
  assert.equal(a.status, 503);
});

test('HTTP redirect and Redirect link are followed; a loop stops', async () => {
  const redirecting = await https((req, res) => {
    if (req.url?.startsWith('/?')) {
      res.writeHead(302, { Location: 'https://next.contoso.com/Autodiscover/AutodiscoverService.svc/root?sipuri=alice@contoso.com' });
      res.end();
    } else autodiscoverHandler({ webHost: 'webext.contoso.com', domain: 'contoso.com' })({ ...req, url: '/?sipuri=x' } as IncomingMessage, res);
  });
  const a = await ask(redirecting.port, [`next.contoso.com:443:127.0.0.1:${redirecting.port}`]);
  assert.equal(a.outcome, 'ok', a.message);
  assert.equal(a.hops.length, 2);
  const link = await https((req, res) => {
    if (req.url?.startsWith('/?')) {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ Root: { Links: [{ token: 'Redirect', href: 'https://next.contoso.com/next' }] } }));
    } else autodiscoverHandler({ webHost: 'webext.contoso.com', domain: 'contoso.com' })({ ...req, url: '/?sipuri=x' } as IncomingMessage, res);
  });
  const b = await ask(link.port, [`next.contoso.com:443:127.0.0.1:${link.port}`]);
  assert.equal(b.hops.length, 2);
  assert.equal(b.outcome, 'ok');
  const loop = await https((_req, res) => {
    res.writeHead(302, { Location: '/?again' });
    res.end();
  });
  assert.equal((await ask(loop.port)).outcome, 'redirect-loop');
});

test('a 100 MB answer ends as too-large, quickly', async () => {
  const s = await https((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    let sent = 0;
    const pump = (): void => {
      while (sent < 100 * 1024 * 1024 && !res.destroyed) {
        sent += chunk.length;
        if (!res.write(chunk)) return void res.once('drain', pump);
      }
      res.end();
    };
    pump();
  });
  const started = Date.now();
  const a = await ask(s.port);
  assert.equal(a.outcome, 'too-large');
  assert.ok(Date.now() - started < 3000);
});

test('garbage body, silent server, plain HTTP on 443, and a 407 proxy', async () => {
  const junk = await https((_req, res) => res.end('\u0000\u0001 not an answer'));
  assert.equal((await ask(junk.port)).outcome, 'bad-answer');
  const hole = await startBlackhole();
  servers.push(hole);
  const started = Date.now();
  assert.equal((await ask(hole.port, [], 700)).outcome, 'timeout');
  assert.ok(Date.now() - started < 1500);
  const plain = await startHttpServer((_q, r) => r.end('{}'));
  servers.push(plain);
  assert.equal((await ask(plain.port)).outcome, 'tls-failed');
  const proxy = await startProxy({ mode: 'auth', schemes: ['NTLM'] });
  servers.push(proxy);
  const viaProxy = await ask(1, [], 3000, [route('lyncdiscover.contoso.com', 443, { chosen: { kind: 'proxy', host: '127.0.0.1', port: proxy.port } })]);
  assert.equal(viaProxy.outcome, 'proxy-auth-required');
  assert.equal(viaProxy.via, `127.0.0.1:${proxy.port}`);
});

test('collector: unresolved names are not asked; the resolved one is', async () => {
  const s = await https(autodiscoverHandler({ webHost: 'webext.contoso.com', domain: 'contoso.com' }));
  const c = await collect({
    input: { sipAddress: 'alice@contoso.com', sipDomain: 'contoso.com', dnsServer: '127.0.0.1:9', timeoutMs: 3000, connectTo: [`lyncdiscover.contoso.com:443:127.0.0.1:${s.port}`, `webext.contoso.com:443:127.0.0.1:${s.port}`] },
    collectors: [fixedCollector('dns', dnsData({ names: [name('lyncdiscover', 'lyncdiscover.contoso.com', ['127.0.30.1'])] })), fixedCollector('proxy', proxyData()), autodiscoverCollector],
  });
  const r = c.snapshot.sections.autodiscover;
  assert.equal(r?.status, 'ok');
  assert.deepEqual(r?.data?.attempts.map((a) => [a.role, a.outcome]), [['lyncdiscoverinternal', 'not-resolved'], ['lyncdiscover', 'ok']]);
});
