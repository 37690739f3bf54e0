import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApi } from '../../../../main/api';
import { ApiError, dispatch } from '../../../../main/api/dispatch';
import { createHistory, storableView } from '../../../../main/api/history';
import type { DiagnosisView, UiState } from '../../../../main/model/api';
import { mostLikelyCause } from '../../../../main/model/finding';
import { buildTimeline } from '../../../../main/sip/timeline';

function tempDir(t: { after(fn: () => void): void }): string {
  const d = mkdtempSync(join(tmpdir(), 'ld-history-'));
  t.after(() => rmSync(d, { recursive: true, force: true }));
  return d;
}

const ui: UiState = { selected: 'LD-DNS-002#0', guided: { 'LD-DNS-002#0': { open: true, done: [true, false, true] } } };

test('a kept diagnosis and its guided-fix state come back after a restart (a new API on the same folder)', async (t) => {
  const dir = tempDir(t);
  const api1 = createApi({ collectors: [], history: { dataDir: dir } });
  const demo = await api1.demo();
  assert.deepEqual(await api1.historyList(), { entries: [], current: null });
  const entry = await api1.historySave(null, demo, ui);
  assert.equal(entry.source, 'demo');
  assert.equal(entry.sipAddress, demo.snapshot.input.sipAddress);
  assert.equal(entry.errors, demo.findings.filter((f) => f.severity === 'error').length);
  assert.match(entry.cause ?? '', /^Most likely cause: /);
  api1.close();

  const api2 = createApi({ collectors: [], history: { dataDir: dir } });
  const list = await api2.historyList();
  assert.equal(list.current, entry.id);
  assert.deepEqual(list.entries.map((e) => e.id), [entry.id]);
  const back = await api2.historyOpen(entry.id);
  assert.deepEqual(back.ui, ui);
  assert.deepEqual(back.view.findings, demo.findings);
  // The derived parts are rebuilt by the service, the same as for the demo itself.
  assert.deepEqual(back.view.timeline, demo.timeline);
  assert.deepEqual(back.view.cause, demo.cause);
  api2.close();
});

test('saving again under the same id updates it; a second diagnosis is a new entry and becomes current; the oldest go past the limit', async (t) => {
  const dir = tempDir(t);
  let clock = Date.parse('2026-12-01T10:00:00Z');
  const h = createHistory({ dataDir: dir, keep: 2, now: () => new Date((clock += 60_000)) });
  const view = (await createApi({ collectors: [] }).demo()) as DiagnosisView;
  const a = await h.historySave(null, view, { guided: {} });
  const a2 = await h.historySave(a.id, view, ui);
  assert.equal(a2.id, a.id);
  assert.equal(a2.savedAt, a.savedAt);
  assert.deepEqual((await h.historyOpen(a.id)).ui, ui);
  const b = await h.historySave(null, view, { guided: {} });
  assert.equal((await h.historyList()).current, b.id);
  // Reading one (to compare it) does not make it the current one; keeping it again does.
  await h.historyOpen(a.id);
  assert.equal((await h.historyList()).current, b.id);
  const c = await h.historySave(null, view, { guided: {} });
  const list = await h.historyList();
  assert.deepEqual(list.entries.map((e) => e.id), [c.id, b.id]);
  await assert.rejects(h.historyOpen(a.id), (e: unknown) => e instanceof ApiError && e.code === 'not-found');
  await assert.rejects(h.historySave(a.id, view, ui), (e: unknown) => e instanceof ApiError && e.code === 'not-found');
});

test('nothing secret is kept: proxy credentials and secret-looking values are removed before writing; files are private', async (t) => {
  const dir = tempDir(t);
  const h = createHistory({ dataDir: dir });
  const demo = await createApi({ collectors: [] }).demo();
  const view: DiagnosisView = {
    ...demo,
    snapshot: { ...demo.snapshot, input: { ...demo.snapshot.input, proxy: 'http://bob:Secr3t@proxy.contoso.com:8080', proxyPac: 'https://wpad.contoso.com/p.pac?token=abc123' } },
    findings: [{ ...demo.findings[0]!, evidence: [{ label: 'header', value: 'Proxy-Authorization: Basic Ym9iOlNlY3IzdA==' }] }],
  };
  const e = await h.historySave(null, view, ui);
  const text = readFileSync(join(dir, 'history', `${e.id}.json`), 'utf8');
  assert.doesNotMatch(text, /Secr3t|bob:|abc123|Ym9iOlNlY3IzdA/);
  assert.match(text, /proxy\.contoso\.com:8080/);
  if (process.platform !== 'win32') {
    assert.equal(statSync(join(dir, 'history')).mode & 0o777, 0o700);
    assert.equal(statSync(join(dir, 'history', `${e.id}.json`)).mode & 0o777, 0o600);
  }
  assert.equal(storableView(view).timeline, undefined);
});

test('a damaged or foreign file in the history folder is skipped, never a crash', async (t) => {
  const dir = tempDir(t);
  const h = createHistory({ dataDir: dir });
  const demo = await createApi({ collectors: [] }).demo();
  const good = await h.historySave(null, demo, ui);
  writeFileSync(join(dir, 'history', '00000000-0000-0000-0000-000000000000.json'), '{"entry": {"savedAt": "x"}, "view": {"snapshot": 1}}');
  writeFileSync(join(dir, 'history', '11111111-1111-1111-1111-111111111111.json'), 'not json');
  writeFileSync(join(dir, 'history', 'notes.txt'), 'hello');
  const list = await h.historyList();
  assert.deepEqual(list.entries.map((x) => x.id), [good.id]);
  assert.equal(readdirSync(join(dir, 'history')).length, 5);
});

test('the history verbs are validated at the boundary: ids, and the window state has booleans only', async (t) => {
  const api = createApi({ collectors: [], history: { dataDir: tempDir(t) } });
  const demo = await api.demo();
  const bad = await dispatch(api, 'historyOpen', ['../../etc/passwd']);
  assert.equal(bad.ok, false);
  assert.match(!bad.ok ? bad.error.message : '', /history id/);
  const badUi = await dispatch(api, 'historySave', [null, demo, { guided: { k: { open: 'yes', done: [] } } }]);
  assert.equal(badUi.ok, false);
  const extra = await dispatch(api, 'historySave', [null, demo, { guided: {}, password: 'x' }]);
  assert.equal(extra.ok, false);
  // The window sends its view back with the derived fields; they are accepted and dropped.
  const ok = await dispatch(api, 'historySave', [null, JSON.parse(JSON.stringify(demo)), ui]);
  assert.equal(ok.ok, true);
  api.close();
});

test('every view the window gets carries the CLI timeline and the most likely cause', async () => {
  const api = createApi({ collectors: [] });
  const demo = await api.demo();
  assert.deepEqual(demo.timeline, buildTimeline(demo.snapshot));
  assert.deepEqual(demo.cause, mostLikelyCause(demo.findings));
  const again = await api.reanalyze(demo.snapshot, demo.snapshot.answers);
  assert.deepEqual(again.timeline, demo.timeline);
  api.close();
});
