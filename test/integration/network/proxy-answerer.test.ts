// A proxy that answers a CONNECT badly (no HTTP, a hang-up, silence) is the proxy's failure: the message must name the
// proxy, never the target it was asked to reach — "lyncdiscover.contoso.com:443 answered with something that is not
// HTTP" sent a technician to the Lync server, which was never reached. Loopback stand-ins play the proxy.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { proxyConnect, openRoute } from '../../../main/collect/proxy-tunnel';
import { NetError } from '../../../main/collect/proxy-net';
import { closeAll, startBlackhole, startRawServer, type LabServer } from '../../helpers/net-lab';
import { closedPort, testNet } from '../../helpers/net-env';

const servers: LabServer[] = [];
after(() => closeAll(servers));

const TARGET = 'lyncdiscover.contoso.com:443';

async function failureOf(run: () => Promise<unknown>): Promise<NetError> {
  try {
    await run();
  } catch (e) {
    assert.ok(e instanceof NetError, String(e));
    return e;
  }
  assert.fail('no error');
}

const CASES: ReadonlyArray<readonly [string, () => Promise<LabServer>, NetError['kind'], RegExp]> = [
  ['an answer that is not HTTP', () => startRawServer((s) => s.end('SSH-2.0-OpenSSH_9.2\r\n')), 'not-http', /answered with something that is not HTTP/],
  ['a hang-up before any answer', () => startRawServer((s) => s.on('data', () => s.destroy())), 'reset', /closed the connection without an HTTP answer/],
  ['silence', () => startBlackhole(), 'timeout', /accepted the connection but sent no complete answer within \d+ ms/],
];

for (const [label, start, kind, wording] of CASES) {
  test(`CONNECT answered by ${label}: the message names the proxy, not the target`, async () => {
    const proxy = await start();
    servers.push(proxy);
    const { env } = testNet();
    const e = await failureOf(() => proxyConnect(env, { host: '127.0.0.1', port: proxy.port }, TARGET, 300));
    assert.equal(e.kind, kind);
    assert.match(e.message, wording);
    assert.ok(e.message.startsWith(`proxy 127.0.0.1:${proxy.port} (asked to CONNECT ${TARGET}) `), e.message);
    assert.ok(!e.message.startsWith(TARGET), e.message);
  });
}

test('a route through such a proxy: one "proxy …" prefix, not two', async () => {
  const proxy = await startRawServer((s) => s.end('SSH-2.0-OpenSSH_9.2\r\n'));
  servers.push(proxy);
  const { env } = testNet();
  const e = await failureOf(() => openRoute(env, { kind: 'proxy', host: '127.0.0.1', port: proxy.port }, 'lyncdiscover.contoso.com', 443, 300));
  assert.equal(e.kind, 'proxy-failed');
  assert.match(e.message, new RegExp(`^proxy 127\\.0\\.0\\.1:${proxy.port} \\(asked to CONNECT ${TARGET.replace(/\./g, '\\.')}\\) answered with something that is not HTTP`));
});

test('a proxy that refuses the TCP connection still gets the "proxy …:" prefix', async () => {
  const port = await closedPort();
  const { env } = testNet();
  const e = await failureOf(() => openRoute(env, { kind: 'proxy', host: '127.0.0.1', port }, 'lyncdiscover.contoso.com', 443, 300));
  assert.ok(e.message.startsWith(`proxy 127.0.0.1:${port}: `), e.message);
});

test('a silent proxy on a route: a time-out (not a proxy failure), named once', async () => {
  const proxy = await startBlackhole();
  servers.push(proxy);
  const { env } = testNet();
  const e = await failureOf(() => openRoute(env, { kind: 'proxy', host: '127.0.0.1', port: proxy.port }, 'lyncdiscover.contoso.com', 443, 300));
  assert.equal(e.kind, 'timeout');
  assert.ok(e.message.startsWith(`proxy 127.0.0.1:${proxy.port} (asked to CONNECT ${TARGET}) accepted the connection but sent no complete answer`), e.message);
});

test('the deadline of the whole diagnosis, reached while the proxy is silent, is said as such and names the proxy', async () => {
  const proxy = await startBlackhole();
  servers.push(proxy);
  const { env } = testNet({ timeoutMs: 250 });
  const e = await failureOf(() => proxyConnect(env, { host: '127.0.0.1', port: proxy.port }, TARGET, 5000));
  assert.equal(e.kind, 'timeout');
  assert.equal(e.message, `proxy 127.0.0.1:${proxy.port} (asked to CONNECT ${TARGET}): no complete answer before the deadline`);
});

test('not HTTP: the parser error is quoted on one line with its text; a reason phrase is kept up to 200 characters', async () => {
  const garbage = await startRawServer((s) => s.end('SSH-2.0-OpenSSH_9.2\r\n'));
  const long = await startRawServer((s) => s.on('data', () => s.end(`HTTP/1.1 403 ${'x'.repeat(250)}\r\nContent-Length: 0\r\n\r\n`)));
  servers.push(garbage, long);
  const { env } = testNet();
  const e = await failureOf(() => proxyConnect(env, { host: '127.0.0.1', port: garbage.port }, TARGET, 1000));
  assert.match(e.message, /\(HPE_[A-Z_]+: [^\n]{5,}\)$/);
  const a = await proxyConnect(env, { host: '127.0.0.1', port: long.port }, TARGET, 1000);
  assert.equal(a.status, 403);
  assert.equal(a.statusText, 'x'.repeat(200));
});
