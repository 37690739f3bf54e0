/** The bounded TCP/HTTP plumbing against real loopback servers: mapping, refusals, silence, garbage, huge answers, abort. */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { httpExchange } from '../../../main/collect/proxy-http';
import { NetError, openTcp } from '../../../main/collect/proxy-net';
import { closedPort, testNet } from '../../helpers/net-env';
import { closeAll, startBlackhole, startHttpServer, startRawServer, type LabServer } from '../../helpers/net-lab';

const servers: LabServer[] = [];
after(() => closeAll(servers));
async function srv<T extends LabServer>(p: Promise<T>): Promise<T> {
  const s = await p;
  servers.push(s);
  return s;
}

async function kindOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'resolved';
  } catch (e) {
    return e instanceof NetError ? e.kind : `other: ${String(e)}`;
  }
}

test('--connect-to sends a name to a loopback port; the Host header keeps the name', async () => {
  let host = '';
  const s = await srv(startHttpServer((req, res) => {
    host = req.headers.host ?? '';
    res.writeHead(200, { Date: new Date().toUTCString() });
    res.end('hello');
  }));
  const { env, scope } = testNet({ connectTo: [`lyncdiscover.contoso.com:443:127.0.0.1:${s.port}`] });
  const c = await openTcp(env, 'lyncdiscover.contoso.com', 443, 1000);
  assert.equal(c.address, `127.0.0.1:${s.port}`);
  const a = await httpExchange(scope, c.socket, { method: 'GET', path: '/', host: 'lyncdiscover.contoso.com', maxBody: 100, timeoutMs: 1000 }, () => new Date());
  assert.equal(a.status, 200);
  assert.equal(a.body.toString(), 'hello');
  assert.equal(host, 'lyncdiscover.contoso.com');
  scope.close();
});

test('refused, unresolvable and silent endpoints end with distinct kinds within their budget', async () => {
  const { env, scope } = testNet();
  assert.equal(await kindOf(openTcp(env, '127.0.0.1', await closedPort(), 1000)), 'refused');
  assert.equal(await kindOf(openTcp(env, 'nothing.invalid', 443, 1000)), 'dns-failed');
  const hole = await srv(startBlackhole());
  const c = await openTcp(env, '127.0.0.1', hole.port, 1000);
  const started = Date.now();
  assert.equal(await kindOf(httpExchange(scope, c.socket, { method: 'GET', path: '/', host: 'x', maxBody: 10, timeoutMs: 300 }, () => new Date())), 'timeout');
  assert.ok(Date.now() - started < 1500);
  scope.close();
});

test('non-HTTP bytes are "not-http"', async () => {
  const raw = await srv(startRawServer((s) => s.end('SSH-2.0-OpenSSH_9.6\r\n')));
  const { env, scope } = testNet();
  const c = await openTcp(env, '127.0.0.1', raw.port, 1000);
  assert.equal(await kindOf(httpExchange(scope, c.socket, { method: 'GET', path: '/', host: 'x', maxBody: 10, timeoutMs: 1000 }, () => new Date())), 'not-http');
  scope.close();
});

test('a 100 MB answer is cut at the cap, marked truncated, and the socket is closed', async () => {
  let sent = 0;
  const chunk = Buffer.alloc(64 * 1024, 0x61);
  const s = await srv(startHttpServer((_req, res) => {
    res.writeHead(200, { 'Content-Length': String(100 * 1024 * 1024) });
    const pump = (): void => {
      while (sent < 100 * 1024 * 1024) {
        sent += chunk.length;
        if (!res.write(chunk)) {
          res.once('drain', pump);
          return;
        }
      }
      res.end();
    };
    res.on('close', () => undefined);
    pump();
  }));
  const { env, scope } = testNet();
  const c = await openTcp(env, '127.0.0.1', s.port, 1000);
  const started = Date.now();
  const a = await httpExchange(scope, c.socket, { method: 'GET', path: '/', host: 'x', maxBody: 256 * 1024, timeoutMs: 3000 }, () => new Date());
  assert.equal(a.truncated, true);
  assert.equal(a.body.length, 256 * 1024);
  assert.ok(Date.now() - started < 3000);
  assert.ok(c.socket.destroyed);
  assert.ok(sent < 100 * 1024 * 1024, `server stopped early (${sent} bytes written)`);
  scope.close();
});

test('aborting the collector signal destroys every open socket and fails pending exchanges as timeouts', async () => {
  const hole = await srv(startBlackhole());
  const { env, scope, abort } = testNet();
  const conns = await Promise.all([1, 2, 3].map(() => openTcp(env, '127.0.0.1', hole.port, 1000)));
  assert.equal(scope.open, 3);
  const pending = httpExchange(scope, conns[0]!.socket, { method: 'GET', path: '/', host: 'x', maxBody: 10, timeoutMs: 10_000 }, () => new Date());
  abort();
  assert.equal(await kindOf(pending), 'timeout');
  assert.ok(conns.every((c) => c.socket.destroyed));
  assert.equal(scope.open, 0);
  assert.equal(await kindOf(openTcp(env, '127.0.0.1', hole.port, 1000)), 'timeout', 'nothing new starts after abort');
});
