import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBridge, type Bridge } from '../../../../main/bridge/server';
import { LoginCodes } from '../../../../main/bridge/security';
import { createRuns } from '../../../../main/api/runs';
import { ApiError } from '../../../../main/api/dispatch';
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

test('listens on 127.0.0.1 with a random port; the URL carries a one-time code, never the session token', () => {
  assert.match(bridge.url, /^http:\/\/127\.0\.0\.1:\d+\/\?code=[A-Za-z0-9_-]{32}$/);
  assert.ok(!bridge.url.includes(bridge.token));
  assert.ok(bridge.port > 0);
});

/** Signs in with a fresh one-time code; returns the session cookie pair. */
async function signIn(b: Bridge = bridge): Promise<string> {
  const login = new URL(b.loginUrl());
  const r = await http(b, 'GET', login.pathname + login.search);
  return String(r.headers['set-cookie']?.[0] ?? '').split(';')[0] as string;
}

test('the one-time code is exchanged once for an HttpOnly SameSite=Strict cookie, then expires', async () => {
  const path = (u: string): string => new URL(u).pathname + new URL(u).search;
  const login = bridge.loginUrl();
  const first = await http(bridge, 'GET', path(login));
  assert.equal(first.status, 303);
  assert.equal(first.headers.location, '/');
  const cookie = String(first.headers['set-cookie']?.[0] ?? '');
  assert.match(cookie, /^ld_session=[A-Za-z0-9_-]{32}; HttpOnly; SameSite=Strict; Path=\/$/);
  // Used once: the same code opens nothing any more.
  const again = await http(bridge, 'GET', path(login));
  assert.equal(again.status, 403);
  assert.match(again.body, /already used or has expired/);
  assert.equal(again.headers['set-cookie'], undefined);
  // The cookie opens the page and its assets; no cookie, no page.
  const session = cookie.split(';')[0] as string;
  assert.equal((await http(bridge, 'GET', '/', { headers: { cookie: session } })).status, 200);
  assert.equal((await http(bridge, 'GET', '/app.js', { headers: { cookie: session } })).body, 'console.log(1)');
  assert.equal((await http(bridge, 'GET', '/')).status, 403);
  assert.equal((await http(bridge, 'GET', `/?token=${bridge.token}`)).status, 403, 'the token in a URL is no longer accepted');
  assert.equal((await http(bridge, 'GET', '/', { headers: { cookie: 'ld_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' } })).status, 403);
  // An API call with the cookie (what the page does) is answered.
  const api = await post('demo', { args: [] }, { cookie: session, 'content-type': 'application/json' });
  assert.equal(api.status, 200);
  // A spent code with a valid cookie just goes to the page.
  assert.equal((await http(bridge, 'GET', path(login), { headers: { cookie: session } })).status, 303);
});

test('a login code expires after its time-to-live even unused', () => {
  let t = 1000;
  const codes = new LoginCodes(60_000, () => t);
  const a = codes.issue();
  const b = codes.issue();
  t += 60_001;
  assert.equal(codes.redeem(a), false);
  assert.equal(codes.redeem('nonsense'), false);
  const c = codes.issue();
  assert.equal(codes.redeem(c), true);
  assert.equal(codes.redeem(c), false);
  assert.equal(codes.redeem(b), false);
});

test('a malformed %-escape in the path is answered 400, the server keeps serving', async () => {
  const session = await signIn();
  for (const p of ['/%E0%A4%A', '/%', '/app%zz.js']) assert.equal((await http(bridge, 'GET', p, { headers: { cookie: session } })).status, 400, p);
  assert.equal((await http(bridge, 'GET', '/', { headers: { cookie: session } })).status, 200);
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
  const get = await http(bridge, 'GET', '/api/demo', { headers: auth() });
  assert.equal(get.status, 405);
  assert.deepEqual(calls, []);
});

test('oversized bodies are refused (413)', async () => {
  const small = await startBridge({ api: api as unknown as LyncDoctorApi, rendererDir: dir, maxBodyBytes: 1024 });
  try {
    const r = await http(small, 'POST', '/api/kbSearch', { headers: { authorization: `Bearer ${small.token}`, 'content-type': 'application/json' }, body: JSON.stringify({ args: ['x'.repeat(5000), 1] }) });
    assert.equal(r.status, 413);
    assert.equal(JSON.parse(r.body).error.code, 'bad-request');
  } finally {
    await small.close();
  }
});

test('requests in flight are capped: more are answered 429 busy', async () => {
  let release: () => void = () => undefined;
  const gate = new Promise<void>((r) => (release = r));
  const slow: Record<string, (...a: unknown[]) => Promise<unknown>> = { ...api, demo: async () => { await gate; return { verb: 'demo' }; } };
  const b = await startBridge({ api: slow as unknown as LyncDoctorApi, rendererDir: dir, maxInFlight: 2 });
  try {
    const h = { authorization: `Bearer ${b.token}`, 'content-type': 'application/json' };
    const call = (): Promise<Res> => http(b, 'POST', '/api/demo', { headers: h, body: '{"args":[]}' });
    const first = [call(), call()];
    await new Promise((r) => setTimeout(r, 100));
    const third = await call();
    assert.equal(third.status, 429);
    assert.equal(JSON.parse(third.body).error.code, 'busy');
    release();
    assert.deepEqual((await Promise.all(first)).map((r) => r.status), [200, 200]);
    assert.equal((await call()).status, 200, 'free again once they finish');
  } finally {
    release();
    await b.close();
  }
});

test('diagnoses running at once are capped: the next start is refused busy (429 on the bridge)', async () => {
  const hang = { id: 'dns', title: 'hangs', platforms: 'all', collect: (ctx: { signal: AbortSignal }) => new Promise((r) => ctx.signal.addEventListener('abort', () => r({ status: 'timeout', message: 'x' }))) };
  const runs = createRuns({ articles: () => undefined, collectors: [hang as never], maxConcurrent: 2 });
  const b = await startBridge({ api: { ...api, startDiagnosis: runs.startDiagnosis } as unknown as LyncDoctorApi, rendererDir: dir });
  try {
    const h = { authorization: `Bearer ${b.token}`, 'content-type': 'application/json' };
    const start = (): Promise<Res> => http(b, 'POST', '/api/startDiagnosis', { headers: h, body: JSON.stringify({ args: [{ sipAddress: 'alice@contoso.com', timeoutMs: 60000 }] }) });
    assert.equal((await start()).status, 200);
    assert.equal((await start()).status, 200);
    const third = await start();
    assert.equal(third.status, 429, third.body);
    assert.match(JSON.parse(third.body).error.message, /2 diagnoses are already running/);
    await assert.rejects(runs.startDiagnosis({ sipAddress: 'alice@contoso.com' } as never), (e: unknown) => e instanceof ApiError && e.code === 'busy');
  } finally {
    runs.cancelAll();
    await b.close();
  }
});

test('the page gets a strict CSP and is served unchanged', async () => {
  const session = await signIn();
  const page = await http(bridge, 'GET', '/', { headers: { cookie: session } });
  assert.equal(page.status, 200);
  assert.match(String(page.headers['content-type']), /text\/html/);
  assert.equal(page.headers['content-security-policy'], CSP);
  assert.match(CSP, /script-src 'self'(;|$)/);
  assert.doesNotMatch(CSP, /unsafe-eval|unsafe-inline|https?:/);
  assert.equal(page.headers['x-content-type-options'], 'nosniff');
  assert.equal(page.headers['referrer-policy'], 'no-referrer');
  assert.ok(page.body.includes('src="./app.js"'));
  assert.equal((await http(bridge, 'GET', '/', { headers: { cookie: session, host: 'localhost.evil.example' } })).status, 403);
});

test('only known asset types inside the renderer folder are served', async () => {
  const headers = { cookie: await signIn() };
  assert.equal((await http(bridge, 'GET', '/secret.txt', { headers })).status, 404);
  assert.equal((await http(bridge, 'GET', '/..%2f..%2fetc%2fpasswd', { headers })).status, 404);
  assert.equal((await http(bridge, 'GET', '/../package.json', { headers })).status, 404);
  assert.equal((await http(bridge, 'GET', '/nested/app.js', { headers })).status, 404);
});
