import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createFixVerbs } from '../../../../main/api/fix';
import { ApiError, dispatch } from '../../../../main/api/dispatch';
import { createApi } from '../../../../main/api';
import { analyze } from '../../../../main/diagnose';
import { demoSnapshot } from '../../../../main/demo/demo';
import { articleLookup } from '../../../../main/kb/lookup';
import { tlsDskCert } from '../../../helpers/forge-certs';
import { fakePc, mutating, psCert } from './fake-pc';
import { COLLECTORS, NOW, filesUnder, tempDirsCleanedAfter, viewOf } from './setup';

const tmp = tempDirsCleanedAfter();

const DAY = 86_400_000;
const demoView = () => {
  const snapshot = demoSnapshot();
  return { snapshot, findings: analyze(snapshot, { articles: articleLookup() }).findings };
};

test('fixList / fixPreview follow the contract (FixInfo, FixPreview with backup and undo in changes)', async () => {
  const api = createFixVerbs({ dataDir: tmp(), platform: 'linux' });
  const list = await api.fixList(demoView());
  const cert = list.find((f) => f.fixId === 'remove-stale-tls-dsk');
  assert.deepEqual(cert, { fixId: 'remove-stale-tls-dsk', title: 'Remove expired and duplicate Lync sign-in (TLS-DSK) certificates', resolves: ['LD-CERT-001', 'LD-CERT-002', 'LD-CERT-004'], offeredFor: ['LD-CERT-001', 'LD-CERT-002', 'LD-CERT-004'], automated: true, needsAdmin: false });
  assert.ok(list.some((f) => f.fixId === 'server-tls-dsk-validity' && !f.automated));
  const p = await api.fixPreview('remove-stale-tls-dsk', demoView());
  assert.equal(p.applicable, true);
  assert.ok(p.commands[0]?.includes('Remove-Item -LiteralPath $path'));
  assert.ok(p.changes.some((c) => c.startsWith('Backup: ')) && p.changes.some((c) => c.startsWith('Undo: ')));
  await assert.rejects(api.fixPreview('no-such-fix', demoView()), (e: unknown) => e instanceof ApiError && e.code === 'not-found');
});

test('fixApply without confirmed === true is refused before anything runs; with it: applied, undone by journal id', async () => {
  const pc = fakePc({ my: [psCert(tlsDskCert('alice@contoso.com', new Date(NOW.getTime() - 300 * DAY), new Date(NOW.getTime() - 100 * DAY)))] });
  const view = await viewOf(pc.run);
  const dataDir = tmp();
  const api = createFixVerbs({ dataDir, platform: 'win32', run: pc.run, collectors: COLLECTORS, now: () => NOW, hostname: 'PC1' });
  pc.run.calls.length = 0;
  await assert.rejects(api.fixApply('remove-stale-tls-dsk', view, false), (e: unknown) => e instanceof ApiError && e.code === 'refused');
  assert.equal(pc.run.calls.length, 0);
  assert.deepEqual(filesUnder(dataDir), []);
  const out = await api.fixApply('remove-stale-tls-dsk', view, true);
  assert.equal(out.ok, true, out.message);
  assert.equal(out.verified, 'resolved');
  assert.match(out.journalId, /remove-stale-tls-dsk/);
  assert.equal(pc.state.my.length, 0);
  const undone = await api.fixUndo(out.journalId);
  assert.equal(undone.ok, true, undone.message);
  assert.equal(pc.state.my.length, 1);
  await assert.rejects(api.fixUndo('20260601-120000-flush-dns-cache-abcdef'), (e: unknown) => e instanceof ApiError && e.code === 'not-found');
});

test('through the API boundary (dispatch + validation): unconfirmed apply is a "refused" reply; guided apply too', async () => {
  const api = createApi({ overrides: createFixVerbs({ dataDir: tmp(), platform: 'linux' }) });
  const view = demoView();
  const a = await dispatch(api, 'fixApply', ['flush-dns-cache', view, false]);
  assert.deepEqual(a.ok ? null : a.error.code, 'refused');
  const g = await dispatch(api, 'fixApply', ['server-tls-dsk-validity', view, true]);
  assert.deepEqual(g.ok ? null : g.error.code, 'refused');
  const ok = await dispatch(api, 'fixApply', ['flush-dns-cache', view, true]);
  assert.ok(ok.ok);
  assert.match((ok.value as { message: string }).message, /recorded, not run/);
  api.close();
});

test('needs-admin fix without elevation: ok false, no journal id, the elevated one-liner in the message', async () => {
  const pc = fakePc();
  const view = await viewOf(pc.run);
  const api = createFixVerbs({ dataDir: tmp(), platform: 'win32', run: pc.run, collectors: COLLECTORS, now: () => NOW });
  pc.run.calls.length = 0;
  const out = await api.fixApply('winhttp-import-ie-proxy', view, true);
  assert.equal(out.ok, false);
  assert.equal(out.journalId, '');
  assert.match(out.message, /netsh winhttp import proxy source=ie/);
  assert.deepEqual(mutating(pc.run.calls), []);
});
