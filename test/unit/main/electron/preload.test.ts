import { test } from 'node:test';
import assert from 'node:assert/strict';
import { API_VERBS } from '../../../../main/model/api';

/**
 * Loads the real preload file with fake `contextBridge` / `ipcRenderer` put in place of the electron
 * module (require cache), so no Electron binary is needed and nothing is downloaded.
 */
function loadPreload() {
  const exposed: Array<{ key: string; api: unknown }> = [];
  const invoked: Array<{ channel: string; args: unknown[] }> = [];
  const fake = {
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.push({ key, api }) },
    ipcRenderer: {
      invoke: async (channel: string, ...args: unknown[]) => {
        invoked.push({ channel, args });
        return { ok: true, value: `answer from ${channel}` };
      },
      send: () => assert.fail('preload must not use ipcRenderer.send'),
      on: () => assert.fail('preload must not listen on arbitrary channels'),
    },
  };
  const electronPath = require.resolve('electron');
  const preloadPath = require.resolve('../../../../main/electron/preload');
  const saved = require.cache[electronPath];
  require.cache[electronPath] = { id: electronPath, filename: electronPath, loaded: true, exports: fake } as unknown as NodeJS.Module;
  delete require.cache[preloadPath];
  try {
    require(preloadPath);
  } finally {
    if (saved) require.cache[electronPath] = saved;
    else delete require.cache[electronPath];
    delete require.cache[preloadPath];
  }
  return { exposed, invoked };
}

test('the preload exposes one object, window.lyncDoctor, with exactly the API verbs', () => {
  const { exposed } = loadPreload();
  assert.equal(exposed.length, 1);
  assert.equal(exposed[0]?.key, 'lyncDoctor');
  const api = exposed[0]?.api as Record<string, unknown>;
  assert.deepEqual(Object.keys(api).sort(), [...API_VERBS].sort());
  for (const v of API_VERBS) assert.equal(typeof api[v], 'function', v);
  assert.ok(Object.isFrozen(api));
  for (const forbidden of ['ipcRenderer', 'invoke', 'send', 'on', 'require', 'process']) assert.equal(api[forbidden], undefined, forbidden);
});

test('each verb forwards its arguments on its own channel and returns the reply', async () => {
  const { exposed, invoked } = loadPreload();
  const api = exposed[0]?.api as Record<string, (...a: unknown[]) => Promise<unknown>>;
  assert.deepEqual(await api.kbSearch?.('proxy', 5), { ok: true, value: 'answer from lyncdoctor:kbSearch' });
  await api.cancelRun?.('run-1');
  await api.demo?.();
  assert.deepEqual(invoked, [
    { channel: 'lyncdoctor:kbSearch', args: ['proxy', 5] },
    { channel: 'lyncdoctor:cancelRun', args: ['run-1'] },
    { channel: 'lyncdoctor:demo', args: [] },
  ]);
});
