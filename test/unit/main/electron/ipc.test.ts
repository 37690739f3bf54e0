import { test } from 'node:test';
import assert from 'node:assert/strict';
import { channelFor } from '../../../../main/electron/channels';
import { isTrustedSender, registerIpc, type InvokeEventLike, type IpcMainLike } from '../../../../main/electron/ipc';
import { API_VERBS, type ApiReply, type LyncDoctorApi } from '../../../../main/model/api';

type Handler = (event: InvokeEventLike, ...args: unknown[]) => Promise<ApiReply>;

function fakeIpcMain(): IpcMainLike & { handlers: Map<string, Handler> } {
  const handlers = new Map<string, Handler>();
  return {
    handlers,
    handle(channel, listener) {
      assert.ok(!handlers.has(channel), `${channel} registered twice`);
      handlers.set(channel, listener);
    },
    removeHandler(channel) {
      handlers.delete(channel);
    },
  };
}

const calls: Array<{ verb: string; args: unknown[] }> = [];
const api: Record<string, (...args: unknown[]) => Promise<unknown>> = {};
for (const verb of API_VERBS) api[verb] = async (...args: unknown[]) => { calls.push({ verb, args }); return `${verb} ok`; };

const WINDOW_ID = 7;
const ours: InvokeEventLike = { sender: { id: WINDOW_ID }, senderFrame: { url: 'app://lyncdoctor/index.html#findings', parent: null } };

function setup(windowId: number | null = WINDOW_ID) {
  const ipc = fakeIpcMain();
  const unregister = registerIpc(ipc, api as unknown as LyncDoctorApi, () => windowId);
  return { ipc, unregister, call: (channel: string, event: InvokeEventLike, ...args: unknown[]) => (ipc.handlers.get(channel) as Handler)(event, ...args) };
}

test('one channel per verb, and nothing else, is handled; unregister removes them all', () => {
  const { ipc, unregister } = setup();
  assert.deepEqual([...ipc.handlers.keys()].sort(), API_VERBS.map((v) => channelFor(v)).sort());
  assert.ok(!ipc.handlers.has('lyncdoctor:eval'));
  unregister();
  assert.equal(ipc.handlers.size, 0);
});

test('a call from our window reaches the API with its arguments', async () => {
  calls.length = 0;
  const { call } = setup();
  assert.deepEqual(await call(channelFor('kbSearch'), ours, 'proxy', 3), { ok: true, value: 'kbSearch ok' });
  assert.deepEqual(calls, [{ verb: 'kbSearch', args: ['proxy', 3] }]);
});

test('calls from any other sender are refused before validation or the API', async () => {
  calls.length = 0;
  const { call } = setup();
  const strangers: Array<[string, InvokeEventLike]> = [
    ['another webContents', { ...ours, sender: { id: 99 } }],
    ['a subframe of our window', { ...ours, senderFrame: { url: 'app://lyncdoctor/index.html', parent: {} } }],
    ['a remote page', { ...ours, senderFrame: { url: 'https://evil.example/', parent: null } }],
    ['another host on our scheme', { ...ours, senderFrame: { url: 'app://evil/index.html', parent: null } }],
    ['another custom scheme (URL.origin is "null" for both)', { ...ours, senderFrame: { url: 'evil://lyncdoctor/index.html', parent: null } }],
    ['a file page', { ...ours, senderFrame: { url: 'file:///tmp/x.html', parent: null } }],
    ['credentials trick', { ...ours, senderFrame: { url: 'app://x@lyncdoctor/', parent: null } }],
    ['a destroyed frame', { ...ours, senderFrame: null }],
  ];
  for (const [what, event] of strangers) {
    const r = await call(channelFor('demo'), event);
    assert.equal(r.ok, false, what);
    if (!r.ok) assert.equal(r.error.code, 'refused', what);
  }
  const closed = setup(null);
  const r = await closed.call(channelFor('demo'), ours);
  assert.equal(!r.ok && r.error.code, 'refused');
  assert.deepEqual(calls, []);
});

test('bad payloads from our own window are refused with a reason', async () => {
  calls.length = 0;
  const { call } = setup();
  const r1 = await call(channelFor('kbSearch'), ours, { sql: 'drop' }, 3);
  const r2 = await call(channelFor('startDiagnosis'), ours);
  const r3 = await call(channelFor('fixApply'), ours, 'x', {}, 'yes');
  for (const r of [r1, r2, r3]) assert.equal(!r.ok && r.error.code, 'bad-request');
  assert.deepEqual(calls, []);
});

test('isTrustedSender is strict about the origin', () => {
  assert.equal(isTrustedSender(ours, WINDOW_ID), true);
  assert.equal(isTrustedSender({ ...ours, senderFrame: { url: 'not a url', parent: null } }, WINDOW_ID), false);
});
