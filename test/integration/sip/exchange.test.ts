/** The REGISTER exchange over a real TCP socket: 1xx skipped, chunked answers, bodies, garbage, hang-ups, silence. */
import assert from 'node:assert/strict';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { after, test } from 'node:test';
import { exchange, frameLength } from '../../../main/sip/exchange';

const servers: Server[] = [];
const sockets: Socket[] = [];
after(async () => {
  for (const s of sockets) s.destroy();
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
});

async function peer(onRequest: (s: Socket) => void): Promise<Socket> {
  const server = createServer((s) => {
    sockets.push(s);
    s.on('error', () => undefined);
    s.once('data', () => onRequest(s));
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const c = connect((server.address() as { port: number }).port, '127.0.0.1');
  sockets.push(c);
  await new Promise((r) => c.once('connect', r));
  return c;
}

const REQ = 'REGISTER sip:contoso.com SIP/2.0\r\nContent-Length: 0\r\n\r\n';

test('framing: incomplete, complete with body, not SIP', () => {
  assert.equal(frameLength(Buffer.from('SIP/2.0 401 Unauth')), 0);
  assert.equal(frameLength(Buffer.from('SIP/2.0 200 OK\r\nContent-Length: 3\r\n\r\nab')), 0);
  assert.equal(frameLength(Buffer.from('SIP/2.0 200 OK\r\nContent-Length: 3\r\n\r\nabcEXTRA')), 'SIP/2.0 200 OK\r\nContent-Length: 3\r\n\r\nabc'.length);
  assert.equal(frameLength(Buffer.from('HTTP/1.1 400 Bad Request\r\n\r\n')), -1);
});

test('100 Trying is skipped; the final answer arrives in pieces with a body', async () => {
  const c = await peer((s) => {
    s.write('SIP/2.0 100 Trying\r\nContent-Length: 0\r\n\r\nSIP/2.0 403 Forb');
    setTimeout(() => s.write('idden\r\nms-diagnostics: 17002;reason="Invalid protocol client version."\r\nContent-Length: 4\r\n\r\nbody'), 20);
  });
  const r = await exchange(c, REQ, 2000);
  assert.equal(r.kind, 'response');
  if (r.kind === 'response') {
    assert.equal(r.message.statusCode, 403);
    assert.equal(r.message.body, 'body');
  }
});

test('garbage, hang-up and silence are told apart, each bounded', async () => {
  const g = await exchange(await peer((s) => s.write(Buffer.from([0x16, 0x03, 0x01, 0x00, 0xff, 0x41, 0x42, 0x43, 0x44, 0x45]))), REQ, 2000);
  assert.equal(g.kind, 'garbage');
  const h = await exchange(await peer((s) => s.end()), REQ, 2000);
  assert.equal(h.kind, 'closed');
  const started = Date.now();
  const q = await exchange(await peer(() => undefined), REQ, 300);
  assert.equal(q.kind, 'no-answer');
  assert.ok(Date.now() - started < 2000);
  const ac = new AbortController();
  setTimeout(() => ac.abort(), 50);
  const a = await exchange(await peer(() => undefined), REQ, 10_000, ac.signal);
  assert.equal(a.kind, 'no-answer');
});
