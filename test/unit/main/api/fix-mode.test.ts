/**
 * Fix mode is decided on the server side from what this process collected: a view the caller sends —
 * an imported bundle's view without `importedFrom`, a forged "live Windows" view, a live view with its
 * platform changed — previews and applies recorded; only a run this process collected is live.
 */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { createFixVerbs, type FixPreviewExtras } from '../../../../main/api/fix';
import { trustedView } from '../../../../main/api/provenance';
import { exportBundle } from '../../../../main/bundle/export';
import { importBundle } from '../../../../main/bundle/import';
import { tlsDskCert } from '../../../helpers/forge-certs';
import { fakePc, mutating, psCert } from '../fix/fake-pc';
import { COLLECTORS, NOW, tempDir, viewOf } from '../fix/setup';

const DAY = 86_400_000;
const extras = (p: unknown): FixPreviewExtras => p as FixPreviewExtras;
const cleanups: Array<() => void> = [];
after(() => cleanups.forEach((c) => c()));
function tmp(): string {
  const t = tempDir();
  cleanups.push(t.cleanup);
  return t.dir;
}
const stalePc = () => fakePc({ my: [psCert(tlsDskCert('alice@contoso.com', new Date(NOW.getTime() - 300 * DAY), new Date(NOW.getTime() - 100 * DAY)))] });

test('a live run collected by this process previews live', async () => {
  const pc = stalePc();
  const view = await viewOf(pc.run);
  const api = createFixVerbs({ dataDir: tmp(), platform: 'win32', run: pc.run, collectors: COLLECTORS, now: () => NOW });
  const p = extras(await api.fixPreview('remove-stale-tls-dsk', view));
  assert.equal(p.mode, 'live', p.modeReason);
});

test('an imported bundle view sent back without importedFrom previews and applies recorded; nothing runs', async () => {
  const pc = stalePc();
  const live = await viewOf(pc.run);
  // The same PC's diagnosis after a round trip through a bundle: not the object this process collected.
  const b = await exportBundle({ snapshot: live.snapshot, findings: live.findings }, { redaction: 'standard', now: () => NOW });
  const imported = await importBundle(b.zip);
  const sentBack = { snapshot: { ...imported.snapshot, createdAt: new Date(NOW.getTime() + 1000).toISOString() }, findings: imported.findings };
  const api = createFixVerbs({ dataDir: tmp(), platform: 'win32', run: pc.run, collectors: COLLECTORS, now: () => NOW });
  const p = extras(await api.fixPreview('remove-stale-tls-dsk', sentBack));
  assert.equal(p.mode, 'recorded');
  assert.match(p.modeReason, /imported \(a diagnosis this app did not make on this PC\)/);
  pc.run.calls.length = 0;
  const out = await api.fixApply('remove-stale-tls-dsk', sentBack, true);
  assert.deepEqual(mutating(pc.run.calls), [], 'no command ran on this PC');
  assert.equal(pc.state.my.length, 1, 'the certificate is still there');
  assert.match(out.message, /recorded/i);
});

test('a live view with host.platform or demo changed by the caller is no longer the stored run: recorded', async () => {
  const pc = stalePc();
  const view = await viewOf(pc.run);
  const api = createFixVerbs({ dataDir: tmp(), platform: 'win32', run: pc.run, collectors: COLLECTORS, now: () => NOW });
  const forged = { ...view, snapshot: { ...view.snapshot, sections: { ...view.snapshot.sections, tampered: { status: 'ok', message: 'x', durationMs: 0, data: null } } } } as typeof view;
  assert.equal(extras(await api.fixPreview('remove-stale-tls-dsk', forged)).mode, 'recorded');
  const demoFlag = { ...view, snapshot: { ...view.snapshot, demo: true } };
  const p = extras(await api.fixPreview('remove-stale-tls-dsk', demoFlag));
  assert.equal(p.mode, 'recorded');
  assert.match(p.modeReason, /DEMO/);
});

test('the caller cannot claim live: importedFrom removed and demo false on an unknown Snapshot still gives "other"', async () => {
  const pc = stalePc();
  const view = await viewOf(pc.run);
  const unknown = { snapshot: { ...view.snapshot, createdAt: '2020-01-01T00:00:00.000Z' }, findings: view.findings };
  const t = trustedView(unknown);
  assert.equal(t.provenance, 'other');
  assert.equal(t.view.importedFrom, 'a diagnosis this app did not make on this PC');
  // The stored run wins over what the caller sends for a live view (answers are the caller's).
  const live = trustedView({ ...view, snapshot: { ...view.snapshot, answers: { mobile: { app: 'x' } } as typeof view.snapshot.answers } });
  assert.equal(live.provenance, 'live');
  assert.deepEqual(live.view.snapshot.answers, { mobile: { app: 'x' } });
});
