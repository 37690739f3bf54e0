import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { applyFix, previewFix, undoFix } from '../../../../main/fix/engine';
import { ALL_FIXES } from '../../../../main/fix';
import { chooseTargets, importScript, removeScript, removeStaleTlsDsk } from '../../../../main/fix/tls-dsk-cleanup';
import { certInfo } from '../../../helpers/snapshot';
import { makeCert, tlsDskCert } from '../../../helpers/forge-certs';
import { callLines, fakePc, mutating, psCert } from './fake-pc';
import { NOW, filesUnder, makeDeps, tempDirsCleanedAfter, viewOf } from './setup';

const DAY = 86_400_000;
const d = (days: number): Date => new Date(NOW.getTime() + days * DAY);

const expired = tlsDskCert('alice@contoso.com', d(-380), d(-200));
const expired2 = tlsDskCert('alice@contoso.com', d(-200), d(-20));
const olderDup = tlsDskCert('alice@contoso.com', d(-150), d(30));
const newest = tlsDskCert('alice@contoso.com', d(-10), d(170));
const bobs = tlsDskCert('bob@contoso.com', d(-380), d(-200));
const wifi = makeCert({ subjectCN: 'alice', issuerCN: 'Contoso Issuing CA 01', ekus: ['clientAuth'] });

const thumb = (c: { derBase64: string }): string => createHash('sha1').update(Buffer.from(c.derBase64, 'base64')).digest('hex').toUpperCase();
const tmp = tempDirsCleanedAfter();

function pcWith(extra: Parameters<typeof fakePc>[0] = {}) {
  return fakePc({ my: [psCert(expired), psCert(olderDup), psCert(newest), psCert(bobs), psCert(wifi)], ...extra });
}

test('chooseTargets: keeps the newest usable certificate, removes expired ones and duplicates', () => {
  const mine = [certInfo(expired), certInfo(olderDup), certInfo(newest)];
  const r = chooseTargets(mine, NOW.getTime(), false);
  assert.equal(r.keep?.thumbprint, thumb(newest));
  assert.deepEqual(r.targets.map((t) => [t.cert.thumbprint, t.reason]), [[thumb(expired), 'expired'], [thumb(olderDup), 'duplicate']]);
});

test('chooseTargets: a certificate without its private key is never the one kept', () => {
  const r = chooseTargets([certInfo(newest, 'My', false), certInfo(olderDup)], NOW.getTime(), false);
  assert.equal(r.keep?.thumbprint, thumb(olderDup));
  assert.deepEqual(r.targets.map((t) => t.reason), ['duplicate']);
});

test('chooseTargets: with UseLyncCertStore on, Personal-store copies are leftovers and LyncCertStore is kept', () => {
  const r = chooseTargets([certInfo(olderDup, 'My'), certInfo(newest, 'LyncCertStore')], NOW.getTime(), true);
  assert.equal(r.keep?.store, 'LyncCertStore');
  assert.deepEqual(r.targets.map((t) => t.reason), ['leftover']);
});

test('preview: exact PowerShell per certificate, only the signed-in address, Lync-running check for a valid duplicate', async () => {
  const pc = pcWith();
  const view = await viewOf(pc.run);
  const dataDir = tmp();
  const deps = makeDeps(dataDir, pc.run);
  pc.run.calls.length = 0;
  const p = await previewFix(removeStaleTlsDsk, view, deps);
  assert.equal(p.applicable, true);
  assert.equal(p.commands.length, 2);
  assert.equal(p.commands[0]?.display, removeScript('My', thumb(expired)).join('\n'));
  assert.equal(p.commands[1]?.display, removeScript('My', thumb(olderDup)).join('\n'));
  assert.ok(!p.commands.some((c) => c.display.includes(thumb(bobs))), "bob's certificate is not touched");
  assert.ok(!p.commands.some((c) => c.display.includes(thumb(newest))), 'the newest usable certificate is kept');
  assert.match(p.summary, new RegExp(`keep ${thumb(newest)}`));
  assert.match(p.undo, /private key is not restored/);
  assert.ok(p.checks.some((c) => /lync\.exe is not running/.test(c)));
  assert.deepEqual(mutating(pc.run.calls), [], 'the preview changes nothing');
  assert.deepEqual(filesUnder(dataDir), [], 'the preview writes nothing');
});

test('apply: backup of the public parts, exact commands in order, verify re-runs the checks (resolved), undo re-imports after a restart', async () => {
  const pc = pcWith();
  const view = await viewOf(pc.run);
  assert.ok(view.findings.some((f) => f.checkId === 'LD-CERT-001'));
  assert.ok(view.findings.some((f) => f.checkId === 'LD-CERT-002'));
  const dataDir = tmp();
  const deps = makeDeps(dataDir, pc.run);
  pc.run.calls.length = 0;

  const r = await applyFix(removeStaleTlsDsk, view, deps, true);
  assert.equal(r.kind, 'done');
  assert.ok(r.kind === 'done');
  assert.equal(r.ok, true, r.message);
  assert.equal(r.entry.state, 'applied');
  assert.deepEqual(r.entry.history.map((h) => h.state), ['planned', 'backed-up', 'applying', 'applied']);
  assert.deepEqual(r.entry.steps.map((s) => [s.id, s.outcome]), [[thumb(expired), 'ok'], [thumb(olderDup), 'ok']]);
  assert.equal(r.verified?.result, 'resolved', r.verified?.message);

  const changes = mutating(pc.run.calls);
  assert.deepEqual(changes, [`powershell.exe ${removeScript('My', thumb(expired)).join('\n')}`, `powershell.exe ${removeScript('My', thumb(olderDup)).join('\n')}`]);
  assert.ok(callLines(pc.run.calls)[0]?.startsWith('tasklist.exe /FI IMAGENAME eq lync.exe'), 'tasklist ran before anything changed');
  assert.deepEqual(pc.state.my.map((c) => c.thumbprint), [thumb(newest), thumb(bobs), thumb(wifi)]);

  const backupDir = deps.journal.backupDir(r.entry.journalId);
  assert.deepEqual(r.entry.backup?.files.map((f) => f.name), [`${thumb(expired)}.cer`, `${thumb(olderDup)}.cer`]);
  for (const [c, f] of [[expired, `${thumb(expired)}.cer`], [olderDup, `${thumb(olderDup)}.cer`]] as const) {
    const der = readFileSync(join(backupDir, f));
    assert.deepEqual(der, Buffer.from(c.derBase64, 'base64'), 'the .cer is the DER of the removed certificate');
    assert.equal(createHash('sha1').update(der).digest('hex').toUpperCase(), thumb(c));
  }
  for (const f of filesUnder(dataDir)) assert.doesNotMatch(readFileSync(join(dataDir, f)).toString('latin1'), /PRIVATE KEY/, `${f} holds no private key`);
  assert.equal(filesUnder(dataDir).filter((f) => f.endsWith('.tmp')).length, 0, 'no temp files left');

  // After a "restart": a fresh deps object and journal read from disk.
  const later = makeDeps(dataDir, pc.run);
  pc.run.calls.length = 0;
  const preview = await undoFix(ALL_FIXES, r.entry.journalId, later, false);
  assert.equal(preview.kind, 'preview');
  assert.deepEqual(mutating(pc.run.calls), [], 'undo without confirmation runs nothing');
  const u = await undoFix(ALL_FIXES, r.entry.journalId, later, true);
  assert.equal(u.kind, 'done');
  assert.ok(u.kind === 'done' && u.ok, u.message);
  assert.equal(u.entry.state, 'undone');
  assert.deepEqual(mutating(pc.run.calls), [
    `powershell.exe ${importScript('My', thumb(expired), join(backupDir, `${thumb(expired)}.cer`)).join('\n')}`,
    `powershell.exe ${importScript('My', thumb(olderDup), join(backupDir, `${thumb(olderDup)}.cer`)).join('\n')}`,
  ]);
  const back = pc.state.my.filter((c) => c.thumbprint === thumb(expired) || c.thumbprint === thumb(olderDup));
  assert.equal(back.length, 2);
  assert.ok(back.every((c) => !c.hasPrivateKey), 'restored entries have no private key: the honest limit of this undo');
  const again = await undoFix(ALL_FIXES, r.entry.journalId, later, true);
  assert.equal(again.kind, 'refused');
});

test('a removal failing half-way: journal says failed with ok/failed/skipped, all backups kept, undo restores only what changed', async () => {
  const pc = pcWith({ my: [psCert(expired), psCert(expired2), psCert(olderDup), psCert(newest)] });
  const view = await viewOf(pc.run);
  const dataDir = tmp();
  const deps = makeDeps(dataDir, pc.run);
  pc.state.failWhen = (_c, _a, script) => (script?.includes(thumb(expired2)) && script.includes('Remove-Item') ? { code: 1, stderr: 'Remove-Item : Access is denied.\r\n' } : undefined);
  pc.run.calls.length = 0;

  const r = await applyFix(removeStaleTlsDsk, view, deps, true);
  assert.ok(r.kind === 'done');
  assert.equal(r.ok, false);
  assert.equal(r.entry.state, 'failed');
  assert.deepEqual(r.entry.steps.map((s) => [s.id, s.outcome]), [[thumb(expired), 'ok'], [thumb(expired2), 'failed'], [thumb(olderDup), 'skipped']]);
  assert.match(r.entry.steps[1]?.message ?? '', /Access is denied/);
  assert.deepEqual(r.entry.history.map((h) => h.state), ['planned', 'backed-up', 'applying', 'failed']);
  assert.equal(mutating(pc.run.calls).length, 2, 'the third removal never ran');
  assert.deepEqual(pc.state.my.map((c) => c.thumbprint).sort(), [thumb(expired2), thumb(olderDup), thumb(newest)].sort());

  const onDisk = deps.journal.read(r.entry.journalId);
  assert.ok('entry' in onDisk);
  assert.deepEqual(onDisk.entry, r.entry, 'the journal file says exactly what the result says');
  const backupDir = deps.journal.backupDir(r.entry.journalId);
  for (const f of r.entry.backup?.files ?? []) assert.equal(createHash('sha256').update(readFileSync(join(backupDir, f.name))).digest('hex'), f.sha256);
  assert.equal(r.entry.backup?.files.length, 3, 'every planned certificate was backed up before the first removal');
  assert.deepEqual(filesUnder(dataDir).filter((f) => f.endsWith('.tmp')), []);

  pc.state.failWhen = undefined;
  pc.run.calls.length = 0;
  const u = await undoFix(ALL_FIXES, r.entry.journalId, deps, true);
  assert.ok(u.kind === 'done' && u.ok, u.kind === 'done' ? u.message : u.message);
  assert.deepEqual(mutating(pc.run.calls), [`powershell.exe ${importScript('My', thumb(expired), join(backupDir, `${thumb(expired)}.cer`)).join('\n')}`]);
  assert.ok(pc.state.my.some((c) => c.thumbprint === thumb(expired)));
});

test('verify says not resolved when the certificate is still there afterwards', async () => {
  const pc = pcWith();
  const view = await viewOf(pc.run);
  const deps = makeDeps(tmp(), pc.run);
  pc.state.failWhen = (_c, _a, script) => (script?.includes('Remove-Item') ? { stdout: 'removed\r\n' } : undefined);
  const r = await applyFix(removeStaleTlsDsk, view, deps, true);
  assert.ok(r.kind === 'done');
  assert.equal(r.verified?.result, 'not-resolved');
  assert.match(r.verified?.message ?? '', /LD-CERT-00[12]/);
});

test('Lync running while a valid duplicate would be removed: refused, nothing journaled or changed', async () => {
  const pc = pcWith({ lyncRunning: true });
  const view = await viewOf(pc.run);
  const dataDir = tmp();
  pc.run.calls.length = 0;
  const r = await applyFix(removeStaleTlsDsk, view, makeDeps(dataDir, pc.run), true);
  assert.equal(r.kind, 'refused');
  assert.match(r.kind === 'refused' ? r.message : '', /lync\.exe is running/);
  assert.deepEqual(mutating(pc.run.calls), []);
  assert.deepEqual(filesUnder(dataDir), []);
});

test('only expired certificates to remove: no Lync check needed', async () => {
  const pc = fakePc({ my: [psCert(expired), psCert(newest)], lyncRunning: true });
  const view = await viewOf(pc.run);
  const r = await applyFix(removeStaleTlsDsk, view, makeDeps(tmp(), pc.run), true);
  assert.ok(r.kind === 'done' && r.ok);
  assert.deepEqual(pc.state.my.map((c) => c.thumbprint), [thumb(newest)]);
});

test('a certificate whose public copy does not match its thumbprint is never removed', async () => {
  const pc = pcWith();
  const view = await viewOf(pc.run);
  const certs = view.snapshot.sections.certificates?.data?.certificates ?? [];
  const tampered = certs.map((c) => (c.thumbprint === thumb(expired) ? { ...c, derBase64: newest.derBase64 } : c));
  const sections = { ...view.snapshot.sections, certificates: { ...view.snapshot.sections.certificates!, data: { ...view.snapshot.sections.certificates!.data!, certificates: tampered } } };
  const p = await previewFix(removeStaleTlsDsk, { ...view, snapshot: { ...view.snapshot, sections } }, makeDeps(tmp(), pc.run));
  assert.ok(p.applicable);
  assert.ok(!p.commands.some((c) => c.display.includes(thumb(expired))));
  assert.ok(p.notes.some((n) => n.includes(`Not removing ${thumb(expired)}`)));
});

test('nothing to remove: one usable certificate is not applicable, with the reason', async () => {
  const pc = fakePc({ my: [psCert(newest)] });
  const view = await viewOf(pc.run);
  const r = await applyFix(removeStaleTlsDsk, view, makeDeps(tmp(), pc.run), true);
  assert.equal(r.kind, 'refused');
  assert.match(r.kind === 'refused' ? r.message : '', /one usable TLS-DSK certificate/);
});

test('recorded mode (not Windows): commands are recorded, the live runner never runs, undo is recorded too', async () => {
  const pc = pcWith();
  const view = await viewOf(pc.run);
  const dataDir = tmp();
  const deps = makeDeps(dataDir, pc.run, { platform: 'linux' });
  pc.run.calls.length = 0;
  const r = await applyFix(removeStaleTlsDsk, view, deps, true);
  assert.ok(r.kind === 'done' && r.ok);
  assert.equal(r.entry.mode, 'recorded');
  assert.deepEqual(r.entry.steps.map((s) => s.outcome), ['recorded', 'recorded']);
  assert.equal(r.verified?.result, 'not-checked');
  assert.equal(pc.run.calls.length, 0, 'the live runner was never called');
  assert.equal(pc.state.my.length, 5);
  const recordedLines = deps.recorded.flatMap((x) => callLines(x.calls));
  assert.ok(recordedLines.includes(`powershell.exe ${removeScript('My', thumb(expired)).join('\n')}`));
  assert.equal(r.entry.backup?.files.length, 2, 'the backup is real even in recorded mode');
  const u = await undoFix(ALL_FIXES, r.entry.journalId, deps, true);
  assert.ok(u.kind === 'done' && u.ok && /recorded, not run/.test(u.message));
  assert.equal(pc.run.calls.length, 0);
});
