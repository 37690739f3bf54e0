import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError, dispatch, errorReply, notAvailable } from '../../../../main/api/dispatch';
import { createApi } from '../../../../main/api';
import { API_VERBS, type LyncDoctorApi } from '../../../../main/model/api';

/** An API whose every verb records its call and answers with its own name. */
function recordingApi(calls: Array<{ verb: string; args: unknown[] }>): LyncDoctorApi {
  const api: Record<string, (...args: unknown[]) => Promise<unknown>> = {};
  for (const verb of API_VERBS) {
    api[verb] = async (...args: unknown[]) => {
      calls.push({ verb, args });
      return `${verb} called`;
    };
  }
  return api as unknown as LyncDoctorApi;
}

test('a valid call reaches exactly its verb with its arguments', async () => {
  const calls: Array<{ verb: string; args: unknown[] }> = [];
  const api = recordingApi(calls);
  assert.deepEqual(await dispatch(api, 'kbSearch', ['proxy', 5]), { ok: true, value: 'kbSearch called' });
  assert.deepEqual(calls, [{ verb: 'kbSearch', args: ['proxy', 5] }]);
  assert.deepEqual(await dispatch(api, 'cancelRun', ['abc-1']), { ok: true, value: 'cancelRun called' });
});

test('refused calls never reach the API', async () => {
  const calls: Array<{ verb: string; args: unknown[] }> = [];
  const api = recordingApi(calls);
  const r1 = await dispatch(api, 'rmrf', []);
  const r2 = await dispatch(api, 'kbSearch', ['proxy']);
  const r3 = await dispatch(api, 'kbSearch', 'proxy');
  assert.deepEqual(calls, []);
  assert.equal(r1.ok || r1.error.code, 'unknown-verb');
  assert.equal(r2.ok || r2.error.code, 'bad-request');
  assert.equal(r3.ok || r3.error.code, 'bad-request');
});

test('failures come back as plain messages: no stack, code kept for ApiError', async () => {
  const seen: string[] = [];
  const api = { ...recordingApi([]), kbArticle: async () => { throw new Error('disk on fire\n    at secret/path.ts:1:1'); } } as LyncDoctorApi;
  const r = await dispatch(api, 'kbArticle', ['x'], (verb) => seen.push(verb));
  assert.deepEqual(r, { ok: false, error: { code: 'failed', message: 'disk on fire' } });
  assert.deepEqual(seen, ['kbArticle']);
  assert.deepEqual(errorReply(new ApiError('not-found', 'No such run')), { ok: false, error: { code: 'not-found', message: 'No such run' } });
  assert.deepEqual(errorReply('plain string'), { ok: false, error: { code: 'failed', message: 'plain string' } });
});

test('createApi: the demo works offline and every capability is wired', async () => {
  const api = createApi({ collectors: [] });
  const demo = await dispatch(api, 'demo', []);
  assert.ok(demo.ok);
  const view = demo.ok ? (demo.value as { snapshot: { demo: boolean }; findings: unknown[] }) : null;
  assert.equal(view?.snapshot.demo, true);
  assert.ok((view?.findings.length ?? 0) > 0);
  const fixes = await dispatch(api, 'fixList', [view]);
  assert.ok(fixes.ok && Array.isArray(fixes.value), JSON.stringify(fixes).slice(0, 200));
  const hits = await dispatch(api, 'kbSearch', ['lyncdiscover', 3]);
  assert.ok(hits.ok && Array.isArray(hits.value) && hits.value.length > 0);
  const preview = await dispatch(api, 'bundlePreview', [view, 'standard']);
  assert.ok(preview.ok && Array.isArray(preview.value) && preview.value.length > 0);
  const badZip = await dispatch(api, 'bundleImport', [{ fileName: 'x.zip', base64: 'AAAA' }]);
  assert.equal(!badZip.ok && badZip.error.code, 'bad-request', 'a broken bundle is an input problem, said plainly');
  api.close();
});

test('a capability left out of a build says so', async () => {
  const api = createApi({ collectors: [], overrides: { fixList: async () => { throw notAvailable('fixList', 'Automated fixes'); } } });
  const r = await dispatch(api, 'fixList', [await api.demo()]);
  assert.deepEqual(r, { ok: false, error: { code: 'not-available', message: 'Automated fixes is not available in this build (fixList).' } });
});

test('createApi: overrides replace a capability', async () => {
  const api = createApi({ collectors: [], overrides: { kbSearch: async () => [{ articleId: 'a', research: [], title: 'A', score: 1, snippet: '«a»' }] } });
  const r = await dispatch(api, 'kbSearch', ['a', 1]);
  assert.deepEqual(r.ok && r.value, [{ articleId: 'a', research: [], title: 'A', score: 1, snippet: '«a»' }]);
});
