import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { applyFix, listFixes, previewFix, undoFix } from '../../../../main/fix/engine';
import { ALL_FIXES, findFix } from '../../../../main/fix';
import { serverPushFederation } from '../../../../main/fix/guided';
import { importScript, removeStaleTlsDsk } from '../../../../main/fix/tls-dsk-cleanup';
import { flushDnsCache } from '../../../../main/fix/flush-dns';
import { analyze } from '../../../../main/diagnose';
import { articleLookup } from '../../../../main/kb/lookup';
import { baseSnapshot } from '../../../helpers/snapshot';
import { tlsDskCert } from '../../../helpers/forge-certs';
import { fakePc, mutating, psCert } from './fake-pc';
import { NOW, filesUnder, makeDeps, tempDirsCleanedAfter, viewOf } from './setup';

const tmp = tempDirsCleanedAfter();

const DAY = 86_400_000;
const expired = tlsDskCert('alice@contoso.com', new Date(NOW.getTime() - 300 * DAY), new Date(NOW.getTime() - 100 * DAY));
const current = tlsDskCert('alice@contoso.com', new Date(NOW.getTime() - 10 * DAY), new Date(NOW.getTime() + 170 * DAY));
const pcWith = () => fakePc({ my: [psCert(expired), psCert(current)] });

test('no fix runs without explicit confirmation: not one command (not even a read), not one file', async () => {
  for (const fix of ALL_FIXES) {
    const pc = pcWith();
    const view = await viewOf(pc.run);
    const dataDir = tmp();
    const deps = makeDeps(dataDir, pc.run);
    pc.run.calls.length = 0;
    const r = await applyFix(fix, view, deps, false);
    assert.equal(r.kind, 'not-confirmed', fix.id);
    assert.equal(pc.run.calls.length, 0, `${fix.id} ran a command without confirmation`);
    assert.equal(deps.recorded.length, 0);
    assert.deepEqual(filesUnder(dataDir), [], `${fix.id} wrote without confirmation`);
  }
});

test('guided fixes are never run: preview shows the article\'s server commands, apply is refused', async () => {
  const snapshot = baseSnapshot({}, { answers: { server: { pushNotificationsConfigured: 'yes', pushLyncComFederated: 'no' } } });
  const view = { snapshot, findings: analyze(snapshot, { articles: articleLookup() }).findings };
  const pc = fakePc();
  const deps = makeDeps(tmp(), pc.run);
  const { items } = await listFixes(ALL_FIXES, view, deps);
  assert.ok(items.some((i) => i.fix.id === 'server-push-federation' && i.findings.includes('LD-PUSH-002')));
  const p = await previewFix(serverPushFederation, view, deps);
  const all = p.commands.map((c) => c.display).join('\n');
  for (const cmdlet of ['New-CsHostingProvider', 'New-CsAllowedDomain -Identity "push.lync.com"', 'Set-CsPushNotificationConfiguration', 'Test-CsMcxPushNotification']) assert.ok(all.includes(cmdlet), cmdlet);
  pc.run.calls.length = 0;
  const r = await applyFix(serverPushFederation, view, deps, true);
  assert.equal(r.kind, 'refused');
  assert.equal(pc.run.calls.length, 0);
});

test('a live change is undone only on the PC that made it, and only on Windows', async () => {
  const pc = pcWith();
  const view = await viewOf(pc.run);
  const dataDir = tmp();
  const r = await applyFix(removeStaleTlsDsk, view, makeDeps(dataDir, pc.run), true);
  assert.ok(r.kind === 'done' && r.ok);
  pc.run.calls.length = 0;
  const other = await undoFix(ALL_FIXES, r.entry.journalId, makeDeps(dataDir, pc.run, { machine: 'another-pc' }), true);
  assert.equal(other.kind, 'refused');
  assert.match(other.message, /another Windows PC/);
  const linux = await undoFix(ALL_FIXES, r.entry.journalId, makeDeps(dataDir, pc.run, { platform: 'linux' }), true);
  assert.equal(linux.kind, 'refused');
  assert.equal(pc.run.calls.length, 0);
});

test('a backup file changed after the fact: undo refuses and restores nothing', async () => {
  const pc = pcWith();
  const view = await viewOf(pc.run);
  const deps = makeDeps(tmp(), pc.run);
  const r = await applyFix(removeStaleTlsDsk, view, deps, true);
  assert.ok(r.kind === 'done' && r.ok);
  const f = r.entry.backup?.files[0];
  assert.ok(f);
  writeFileSync(join(deps.journal.backupDir(r.entry.journalId), f.name), Buffer.from(current.derBase64, 'base64'));
  pc.run.calls.length = 0;
  const u = await undoFix(ALL_FIXES, r.entry.journalId, deps, true);
  assert.equal(u.kind, 'refused');
  assert.match(u.message, /was changed since the backup/);
  assert.deepEqual(mutating(pc.run.calls), []);
});

test('a journal entry whose fix data was tampered with is refused (undo builds commands only from validated data)', async () => {
  const pc = pcWith();
  const view = await viewOf(pc.run);
  const dataDir = tmp();
  const deps = makeDeps(dataDir, pc.run);
  const r = await applyFix(removeStaleTlsDsk, view, deps, true);
  assert.ok(r.kind === 'done');
  const file = join(dataDir, 'journal', `${r.entry.journalId}.json`);
  const json = JSON.parse(readFileSync(file, 'utf8'));
  json.data.targets[0].store = "My'; Remove-Item C:\\ -Recurse; '";
  writeFileSync(file, JSON.stringify(json));
  pc.run.calls.length = 0;
  const u = await undoFix(ALL_FIXES, r.entry.journalId, deps, true);
  assert.equal(u.kind, 'refused');
  assert.match(u.message, /damaged/);
  assert.equal(pc.run.calls.length, 0);
});

test('a crash in the middle of a step leaves the entry "applying" with that step "unknown"; undo after restart restores it', async () => {
  const pc = pcWith();
  const view = await viewOf(pc.run);
  const dataDir = tmp();
  const deps = makeDeps(dataDir, pc.run);
  const crashing = Object.assign(async (...a: Parameters<typeof pc.run>) => {
    const res = await pc.run(...a);
    if (a[0] === 'powershell.exe' && !pc.state.my.some((c) => c.thumbprint === psCert(expired).thumbprint)) throw new Error('process killed');
    return res;
  }, { calls: pc.run.calls });
  await assert.rejects(applyFix(removeStaleTlsDsk, view, { ...deps, liveRunner: crashing }, true), /process killed/);
  const [entry] = deps.journal.list().entries;
  assert.ok(entry);
  assert.equal(entry.state, 'applying');
  assert.deepEqual(entry.steps.map((s) => [s.outcome, s.message]), [['unknown', 'started']]);
  pc.run.calls.length = 0;
  const u = await undoFix(ALL_FIXES, entry.journalId, makeDeps(dataDir, pc.run), true);
  assert.ok(u.kind === 'done' && u.ok, u.message);
  assert.deepEqual(mutating(pc.run.calls), [`powershell.exe ${importScript('My', psCert(expired).thumbprint, join(deps.journal.backupDir(entry.journalId), `${psCert(expired).thumbprint}.cer`)).join('\n')}`]);
});

test('list: offered fixes first; --all adds the others with the reason they are not offered', async () => {
  const pc = pcWith();
  const view = await viewOf(pc.run);
  const deps = makeDeps(tmp(), pc.run);
  const offered = await listFixes(ALL_FIXES, view, deps);
  assert.equal(offered.items[0]?.fix.id, 'remove-stale-tls-dsk');
  assert.ok(offered.items.every((i) => i.relevant && i.applicable));
  const all = await listFixes(ALL_FIXES, view, deps, true);
  assert.equal(all.items.length, ALL_FIXES.length);
  const clear = all.items.find((i) => i.fix.id === 'lync-cert-store-clear-user');
  assert.equal(clear?.applicable, false);
  assert.match(clear?.reason ?? '', /not set under HKCU/);
  assert.equal(findFix('no-such-fix'), undefined);
});

test('recorded mode is said in the preview, and the recorded runner (never the live one) answers its reads', async () => {
  const pc = pcWith();
  const view = await viewOf(pc.run);
  const deps = makeDeps(tmp(), pc.run, { platform: 'darwin' });
  pc.run.calls.length = 0;
  const p = await previewFix(flushDnsCache, view, deps);
  assert.equal(p.mode, 'recorded');
  assert.match(p.modeReason, /RECORDED MODE: this is darwin/);
  assert.equal(pc.run.calls.length, 0);
});

test('an unwritable data folder: refused before anything changes, with what to do', async () => {
  const pc = pcWith();
  const view = await viewOf(pc.run);
  const file = join(tmp(), 'not-a-folder');
  writeFileSync(file, 'x');
  pc.run.calls.length = 0;
  const r = await applyFix(removeStaleTlsDsk, view, makeDeps(file, pc.run), true);
  assert.equal(r.kind, 'refused');
  assert.match(r.kind === 'refused' ? r.message : '', /journal cannot be written.*--data-dir/);
  assert.deepEqual(mutating(pc.run.calls), []);
  assert.equal(pc.state.my.length, 2);
});

test('an undo interrupted half-way (entry left "undoing") can be run again to the end', async () => {
  const pc = pcWith();
  const view = await viewOf(pc.run);
  const deps = makeDeps(tmp(), pc.run);
  const r = await applyFix(removeStaleTlsDsk, view, deps, true);
  assert.ok(r.kind === 'done' && r.ok);
  deps.journal.transition(r.entry, 'undoing', 'undoing 1 step(s)', NOW);
  const u = await undoFix(ALL_FIXES, r.entry.journalId, deps, true);
  assert.ok(u.kind === 'done' && u.ok, u.message);
  assert.deepEqual(u.entry.history.map((h) => h.state).slice(-4), ['undoing', 'undo-failed', 'undoing', 'undone']);
  assert.equal(pc.state.my.length, 2);
});
