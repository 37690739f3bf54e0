import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyFix, previewFix, undoFix } from '../../../../main/fix/engine';
import { ALL_FIXES } from '../../../../main/fix';
import { renameScript, resetSignInCache, restoreScript } from '../../../../main/fix/sign-in-cache';
import { callLines, fakePc, mutating } from './fake-pc';
import { NOW, filesUnder, makeDeps, tempDirsCleanedAfter, viewOf } from './setup';

const tmp = tempDirsCleanedAfter();

const STAMP = '20260601-120000';
const f16 = { version: '16.0' as const, name: 'sip_alice@contoso.com', backupName: `sip_alice@contoso.com.lyncdoctor-${STAMP}` };
const f15 = { ...f16, version: '15.0' as const };

test('the rename script renames only the sip_ folder of the address, to a dated name, never deletes', () => {
  const s = renameScript(f16).join('\n');
  assert.match(s, /Join-Path \$env:LOCALAPPDATA 'Microsoft\\Office\\16\.0\\Lync'/);
  assert.match(s, /Rename-Item -LiteralPath \$src -NewName 'sip_alice@contoso\.com\.lyncdoctor-20260601-120000'/);
  assert.doesNotMatch(s, /Remove-Item|\bdel\b|rmdir/i);
  assert.doesNotMatch(restoreScript(f16, STAMP).join('\n'), /Remove-Item|\bdel\b|rmdir/i);
});

test('quotes in an address stay inside the PowerShell string', () => {
  const s = renameScript({ version: '16.0', name: "sip_o'neil@contoso.com", backupName: `sip_o'neil@contoso.com.lyncdoctor-${STAMP}` }).join('\n');
  assert.match(s, /'sip_o''neil@contoso\.com'/);
});

test('while lync.exe runs: refused, said so, nothing renamed or journaled', async () => {
  const pc = fakePc({ lyncRunning: true, folders: new Set(['16.0\\sip_alice@contoso.com']) });
  const view = await viewOf(pc.run);
  const dataDir = tmp();
  const deps = makeDeps(dataDir, pc.run);
  const p = await previewFix(resetSignInCache, view, deps);
  assert.ok(p.checks.some((c) => /lync\.exe is running \(PID 8412\)/.test(c)));
  pc.run.calls.length = 0;
  const r = await applyFix(resetSignInCache, view, deps, true);
  assert.equal(r.kind, 'refused');
  assert.match(r.kind === 'refused' ? r.message : '', /lync\.exe is running.*exit the client/);
  assert.deepEqual(callLines(pc.run.calls), ['tasklist.exe /FI IMAGENAME eq lync.exe /FO CSV /NH']);
  assert.deepEqual([...pc.state.folders], ['16.0\\sip_alice@contoso.com']);
  assert.deepEqual(filesUnder(dataDir), []);
});

test('when tasklist gives no clear answer on a live PC: refused (unknown is never "not running")', async () => {
  const pc = fakePc({ folders: new Set(['16.0\\sip_alice@contoso.com']) });
  pc.state.failWhen = (c) => (c === 'tasklist.exe' ? { stdout: '' } : undefined);
  const view = await viewOf(pc.run);
  const r = await applyFix(resetSignInCache, view, makeDeps(tmp(), pc.run), true);
  assert.equal(r.kind, 'refused');
  assert.match(r.kind === 'refused' ? r.message : '', /could not tell whether lync\.exe is running/);
  assert.ok(pc.state.folders.has('16.0\\sip_alice@contoso.com'));
});

test('not running: renames the existing folder, the absent version is "no change", read-back confirms, undo renames back', async () => {
  const pc = fakePc({ folders: new Set(['16.0\\sip_alice@contoso.com', '16.0\\sip_bob@contoso.com']) });
  const view = await viewOf(pc.run);
  const deps = makeDeps(tmp(), pc.run);
  pc.run.calls.length = 0;
  const r = await applyFix(resetSignInCache, view, deps, true);
  assert.ok(r.kind === 'done' && r.ok, r.kind === 'done' ? r.message : r.message);
  assert.deepEqual(mutating(pc.run.calls), [`powershell.exe ${renameScript(f15).join('\n')}`, `powershell.exe ${renameScript(f16).join('\n')}`]);
  assert.deepEqual(r.entry.steps.map((s) => [s.id, s.outcome]), [['15.0', 'no-change'], ['16.0', 'ok']]);
  assert.deepEqual([...pc.state.folders].sort(), [`16.0\\${f16.backupName}`, '16.0\\sip_bob@contoso.com']);
  assert.equal(r.verified?.result, 'resolved', r.verified?.message);
  assert.match(r.verified?.message ?? '', /sign in to confirm/);

  pc.state.folders.add('16.0\\sip_alice@contoso.com'); // the client signed in again and made a new cache
  pc.run.calls.length = 0;
  const u = await undoFix(ALL_FIXES, r.entry.journalId, deps, true);
  assert.ok(u.kind === 'done' && u.ok, u.message);
  assert.deepEqual(callLines(pc.run.calls), ['tasklist.exe /FI IMAGENAME eq lync.exe /FO CSV /NH', `powershell.exe ${restoreScript(f16, STAMP).join('\n')}`]);
  assert.deepEqual([...pc.state.folders].sort(), ['16.0\\sip_alice@contoso.com', `16.0\\sip_alice@contoso.com.lyncdoctor-replaced-${STAMP}`, '16.0\\sip_bob@contoso.com'], 'the newer cache is moved aside, not deleted');
});

test('undo while Lync runs is refused and leaves the journal entry undoable', async () => {
  const pc = fakePc({ folders: new Set(['16.0\\sip_alice@contoso.com']) });
  const view = await viewOf(pc.run);
  const deps = makeDeps(tmp(), pc.run);
  const r = await applyFix(resetSignInCache, view, deps, true);
  assert.ok(r.kind === 'done' && r.ok);
  pc.state.lyncRunning = true;
  const u = await undoFix(ALL_FIXES, r.entry.journalId, deps, true);
  assert.equal(u.kind, 'refused');
  const still = deps.journal.read(r.entry.journalId);
  assert.ok('entry' in still && still.entry.state === 'applied');
  assert.equal(NOW.toISOString().slice(0, 4), '2026');
});
