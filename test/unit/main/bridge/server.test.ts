import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBridge, withToken, type Bridge } from '../../../../main/bridge/server';
import { CSP } from '../../../../main/bridge/security';
import { API_VERBS, type LyncDoctorApi } from '../../../../main/model/api';

interface Res {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

function http(bridge: Bridge, method: string, path: string, opts: { headers?: Record<string, string>; body?: string } = {}): Promise<Res> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: bridge.port, method, path, headers: { host: `127.0.0.1:${bridge.port}`, ...opts.headers }, timeout: 5000 }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('timeout', () => req.destroy(new Error('request timed out')));
    req.on('error', reject);
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}

const calls: Array<{ verb: string; args: unknown[] }> = [];
const api: Record<string, (...args: unknown[]) => Promise<unknown>> = {};
for (const verb of API_VERBS) {
  api[verb] = async (...args: unknown[]) => {
    calls.push({ verb, args });
    return { verb };
  };
}

let bridge: Bridge;
let dir: string;
const auth = (): Record<string, string> => ({ authorization: `Bearer ${bridge.token}`, 'content-type': 'application/json' });
const post = (verb: string, body: unknown, headers: Record<string, string> = auth()): Promise<Res> => http(bridge, 'POST', `/api/${verb}`, { headers, body: JSON.stringify(body) });

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ld-bridge-'));
  writeFileSync(join(dir, 'index.html'), '<html><head><link rel="stylesheet" href="./app.css"><script defer src="./app.js"></script></head><body></body></html>');
  writeFileSync(join(dir, 'app.js'), 'console.log(1)');
  writeFileSync(join(dir, 'app.css'), 'body{}');
  writeFileSync(join(dir, 'secret.txt'), 'not served');
  bridge = await startBridge({ api: api as unknown as LyncDoctorApi, rendererDir: dir });
});

after(async () => {
  await bridge.close();
  rmSync(dir, { recursive: true, force: true });
});

test('listens on 127.0.0.1 with a random port and a long random token', () => {
  assert.match(bridge.url, /^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{32}$/);
  assert.ok(bridge.port > 0);
});

test('a valid API call is dispatched and answered with the reply envelope', async () => {
  calls.length = 0;
  const r = await post('kbSearch', { args: ['proxy', 5] });
  assert.equal(r.status, 200);
  assert.deepEqual(JSON.parse(r.body), { ok: true, value: { verb: 'kbSearch' } });
  assert.deepEqual(calls, [{ verb: 'kbSearch', args: ['proxy', 5] }]);
  assert.equal(r.headers['content-security-policy'], CSP);
});

test('wrong or missing token, Host or Origin is refused before the API is reached', async () => {
  calls.length = 0;
  const cases: Array<[string, Promise<Res>]> = [
    ['no token', post('demo', { args: [] }, { 'content-type': 'application/json' })],
    ['wrong token', post('demo', { args: [] }, { ...auth(), authorization: 'Bearer AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' })],
    ['token in the query of an API call', http(bridge, 'POST', `/api/demo?token=${bridge.token}`, { headers: { 'content-type': 'application/json' }, body: '{"args":[]}' })],
    ['foreign Host (DNS rebinding)', post('demo', { args: [] }, { ...auth(), host: `evil.example:${0}` })],
    ['foreign Origin', post('demo', { args: [] }, { ...auth(), origin: 'http://evil.example' })],
    ['cross-site fetch', post('demo', { args: [] }, { ...auth(), 'sec-fetch-site': 'cross-site' })],
  ];
  for (const [what, p] of cases) {
    const r = await p;
    assert.equal(r.status, 403, what);
    assert.equal(JSON.parse(r.body).error.code, 'refused', what);
  }
  const sameOrigin = await post('demo', { args: [] }, { ...auth(), origin: `http://127.0.0.1:${bridge.port}`, 'sec-fetch-site': 'same-origin' });
  assert.equal(sameOrigin.status, 200);
  assert.deepEqual(calls.map((c) => c.verb), ['demo']);
});

test('bad verbs and bad payloads are refused with a reason', async () => {
  calls.length = 0;
  const unknown = await post('rmrf', { args: [] });
  assert.equal(unknown.status, 404);
  assert.equal(JSON.parse(unknown.body).error.code, 'unknown-verb');
  const proto = await post('constructor', { args: [] });
  assert.equal(proto.status, 404);
  const badArgs = await post('kbSearch', { args: ['x'] });
  assert.equal(badArgs.status, 400);
  assert.match(JSON.parse(badArgs.body).error.message, /expected 2 argument/);
  const notJson = await http(bridge, 'POST', '/api/demo', { headers: auth(), body: '{nope' });
  assert.equal(notJson.status, 400);
  const extra = await post('demo', { args: [], evil: true });
  assert.equal(extra.status, 400);
  const textPlain = await http(bridge, 'POST', '/api/demo', { headers: { ...auth(), 'content-type': 'text/plain' }, body: '{"args":[]}' });
  assert.equal(textPlain.status, 415);
  const get = await http(bridge, 'GET', `/api/demo?token=${bridge.token}`);
  assert.equal(get.status, 405);
  assert.deepEqual(calls, []);
});

test('oversized bodies are refused', async () => {
  const small = await startBridge({ api: api as unknown as LyncDoctorApi, rendererDir: dir, maxBodyBytes: 1024 });
  try {
    const r = await http(small, 'POST', '/api/kbSearch', { headers: { authorization: `Bearer ${small.token}`, 'content-type': 'application/json' }, body: JSON.stringify({ args: ['x'.repeat(5000), 1] }) });
    assert.equal(r.status, 413);
  } finally {
    await small.close();
  }
});

test('the page and its assets need the token; the page gets a strict CSP and tokenised asset links', async () => {
  const page = await http(bridge, 'GET', `/?token=${bridge.token}`);
  assert.equal(page.status, 200);
  assert.match(String(page.headers['content-type']), /text\/html/);
  assert.equal(page.headers['content-security-policy'], CSP);
  assert.match(CSP, /script-src 'self'(;|$)/);
  assert.doesNotMatch(CSP, /unsafe-eval|unsafe-inline|https?:/);
  assert.equal(page.headers['x-content-type-options'], 'nosniff');
  assert.equal(page.headers['referrer-policy'], 'no-referrer');
  assert.ok(page.body.includes(`src="./app.js?token=${bridge.token}"`));
  assert.equal((await http(bridge, 'GET', '/')).status, 403);
  assert.equal((await http(bridge, 'GET', '/app.js')).status, 403);
  assert.equal((await http(bridge, 'GET', `/app.js?token=${bridge.token}`)).body, 'console.log(1)');
  assert.equal((await http(bridge, 'GET', `/?token=${bridge.token}`, { headers: { host: 'localhost.evil.example' } })).status, 403);
});

test('only known asset types inside the renderer folder are served', async () => {
  const t = `?token=${bridge.token}`;
  assert.equal((await http(bridge, 'GET', `/secret.txt${t}`)).status, 404);
  assert.equal((await http(bridge, 'GET', `/..%2f..%2fetc%2fpasswd${t}`)).status, 404);
  assert.equal((await http(bridge, 'GET', `/../package.json${t}`)).status, 404);
  assert.equal((await http(bridge, 'GET', `/nested/app.js${t}`)).status, 404);
});

test('withToken only rewrites the page\'s own relative asset links', () => {
  assert.equal(withToken('<script src="./app.js"></script><a href="https://x.test/a.js">', 'T'), '<script src="./app.js?token=T"></script><a href="https://x.test/a.js">');
});
