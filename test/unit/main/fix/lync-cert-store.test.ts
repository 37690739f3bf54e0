import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { applyFix, listFixes, previewFix, undoFix } from '../../../../main/fix/engine';
import { ALL_FIXES } from '../../../../main/fix';
import { lyncCertStoreClearUser, lyncCertStoreMachine, lyncCertStoreUser, regAddData, regFile } from '../../../../main/fix/lync-cert-store';
import { tlsDskCert, makeCert } from '../../../helpers/forge-certs';
import { fakePc, mutating, psCert } from './fake-pc';
import { NOW, filesUnder, makeDeps, tempDirsCleanedAfter, viewOf } from './setup';

const tmp = tempDirsCleanedAfter();

const HKCU16 = 'HKEY_CURRENT_USER\\SOFTWARE\\Policies\\Microsoft\\Office\\16.0\\Lync';
const HKCU15 = 'HKEY_CURRENT_USER\\SOFTWARE\\Policies\\Microsoft\\Office\\15.0\\Lync';
const HKLM16 = 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Office\\16.0\\Lync';
const dsk = tlsDskCert('alice@contoso.com', new Date(NOW.getTime() - 10 * 86_400_000), new Date(NOW.getTime() + 170 * 86_400_000));
const wifi = makeCert({ subjectCN: 'alice', issuerCN: 'Contoso Issuing CA 01', ekus: ['clientAuth'] });

/** The conflict of LD-CERT-003: a TLS-DSK certificate next to a Wi-Fi certificate, no policy. */
function conflictPc(extra: Parameters<typeof fakePc>[0] = {}) {
  return fakePc({ my: [psCert(dsk), psCert(wifi)], registry: new Map([[HKCU16, [{ name: 'EnableSIPHighSecurityMode', type: 'REG_DWORD', data: '0x1' }]]]), ...extra });
}

const ADD = (hive: string, v: string) => `reg.exe add ${hive}\\SOFTWARE\\Policies\\Microsoft\\Office\\${v}\\Lync /v UseLyncCertStore /t REG_DWORD /d 1 /f`;

test('regAddData turns reg query data back into what reg add takes', () => {
  assert.equal(regAddData('REG_DWORD', '0x1'), '1');
  assert.equal(regAddData('REG_DWORD', '0xffffffff'), '4294967295');
  assert.equal(regAddData('REG_QWORD', '0x100000000'), '4294967296');
  assert.equal(regAddData('REG_SZ', '1'), '1');
  assert.equal(regAddData('REG_NONE', ''), null);
  assert.equal(regAddData('REG_DWORD', 'garbage'), null);
});

test('.reg files: Registry Editor 5.00, UTF-16LE with BOM, CRLF, "=-" for an absent value', () => {
  const buf = regFile('HKLM', [{ version: '15.0', value: null }, { version: '16.0', value: { type: 'REG_DWORD', data: '0x1' } }]);
  assert.deepEqual([...buf.subarray(0, 2)], [0xff, 0xfe]);
  const text = buf.subarray(2).toString('utf16le');
  assert.equal(text, ['Windows Registry Editor Version 5.00', '', '[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Office\\15.0\\Lync]', '"UseLyncCertStore"=-', '', '[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Office\\16.0\\Lync]', '"UseLyncCertStore"=dword:00000001', ''].join('\r\n'));
  assert.match(regFile('HKCU', [{ version: '16.0', value: { type: 'REG_SZ', data: 'a"b\\c' } }]).toString('utf16le'), /"UseLyncCertStore"="a\\"b\\\\c"/);
});

test('offered for LD-CERT-003: the user and machine variants, not the clear ones', async () => {
  const pc = conflictPc();
  const view = await viewOf(pc.run);
  assert.ok(view.findings.some((f) => f.checkId === 'LD-CERT-003'));
  const { items } = await listFixes(ALL_FIXES, view, makeDeps(tmp(), pc.run));
  const ids = items.map((i) => i.fix.id);
  assert.ok(ids.includes('lync-cert-store-user') && ids.includes('lync-cert-store-machine'));
  assert.ok(!ids.includes('lync-cert-store-clear-user'));
});

test('HKCU set (the user may write Policies): backup of the absence, exact reg add per version, verified, undo deletes again', async () => {
  const pc = conflictPc({ userPoliciesWritable: true });
  const view = await viewOf(pc.run);
  const dataDir = tmp();
  const deps = makeDeps(dataDir, pc.run);
  pc.run.calls.length = 0;
  const r = await applyFix(lyncCertStoreUser, view, deps, true);
  assert.ok(r.kind === 'done' && r.ok, r.kind === 'done' ? r.message : r.message);
  assert.deepEqual(mutating(pc.run.calls), [ADD('HKCU', '15.0'), ADD('HKCU', '16.0')]);
  assert.deepEqual(r.entry.backup?.data, { previous: [{ version: '15.0', keyExisted: false, value: null }, { version: '16.0', keyExisted: true, value: null }] });
  assert.equal(r.verified?.result, 'resolved', r.verified?.message);
  const undoReg = readFileSync(join(deps.journal.backupDir(r.entry.journalId), 'undo.reg')).subarray(2).toString('utf16le');
  assert.match(undoReg, /15\.0\\Lync\]\r\n"UseLyncCertStore"=-/);

  pc.run.calls.length = 0;
  const u = await undoFix(ALL_FIXES, r.entry.journalId, deps, true);
  assert.ok(u.kind === 'done' && u.ok, u.message);
  assert.deepEqual(mutating(pc.run.calls), [
    'reg.exe delete HKCU\\SOFTWARE\\Policies\\Microsoft\\Office\\15.0\\Lync /v UseLyncCertStore /f',
    'reg.exe delete HKCU\\SOFTWARE\\Policies\\Microsoft\\Office\\16.0\\Lync /v UseLyncCertStore /f',
  ]);
  assert.deepEqual(pc.state.registry.get(HKCU16), [{ name: 'EnableSIPHighSecurityMode', type: 'REG_DWORD', data: '0x1' }], 'the other value is untouched');
  assert.deepEqual(pc.state.registry.get(HKCU15), [], 'the key the fix created stays, empty');
  assert.match(u.message, /created by the fix stay, empty/);
});

test('HKCU set with the default Windows ACL: "Access is denied" is explained, nothing changed, undo has nothing to do', async () => {
  const pc = conflictPc();
  const view = await viewOf(pc.run);
  const deps = makeDeps(tmp(), pc.run);
  const r = await applyFix(lyncCertStoreUser, view, deps, true);
  assert.ok(r.kind === 'done');
  assert.equal(r.ok, false);
  assert.equal(r.entry.state, 'failed');
  assert.deepEqual(r.entry.steps.map((s) => s.outcome), ['failed', 'skipped']);
  assert.match(r.entry.steps[0]?.message ?? '', /only administrators write under HKCU\\SOFTWARE\\Policies/);
  assert.match(r.message, /Nothing was changed/);
  const u = await undoFix(ALL_FIXES, r.entry.journalId, deps, true);
  assert.ok(u.kind === 'done' && u.ok);
  assert.match(u.message, /nothing had changed/);
});

test('an invalid HKCU value (LD-POL-001): set replaces it, undo writes the old REG_SZ back exactly', async () => {
  const pc = fakePc({ registry: new Map([[HKCU16, [{ name: 'UseLyncCertStore', type: 'REG_SZ', data: '1' }]]]), userPoliciesWritable: true });
  const view = await viewOf(pc.run);
  assert.ok(view.findings.some((f) => f.checkId === 'LD-POL-001'));
  const deps = makeDeps(tmp(), pc.run);
  const r = await applyFix(lyncCertStoreUser, view, deps, true);
  assert.ok(r.kind === 'done' && r.ok);
  assert.equal(r.verified?.result, 'resolved', r.verified?.message);
  assert.deepEqual(pc.state.registry.get(HKCU16), [{ name: 'UseLyncCertStore', type: 'REG_DWORD', data: '0x1' }]);
  pc.run.calls.length = 0;
  const u = await undoFix(ALL_FIXES, r.entry.journalId, deps, true);
  assert.ok(u.kind === 'done' && u.ok);
  assert.deepEqual(mutating(pc.run.calls), [
    'reg.exe delete HKCU\\SOFTWARE\\Policies\\Microsoft\\Office\\15.0\\Lync /v UseLyncCertStore /f',
    'reg.exe add HKCU\\SOFTWARE\\Policies\\Microsoft\\Office\\16.0\\Lync /v UseLyncCertStore /t REG_SZ /d 1 /f',
  ]);
  assert.deepEqual(pc.state.registry.get(HKCU16), [{ name: 'UseLyncCertStore', type: 'REG_SZ', data: '1' }]);
});

test('HKLM without elevation: no change, no journal entry; apply.reg / undo.reg and a one-line elevated command instead', async () => {
  const pc = conflictPc();
  const view = await viewOf(pc.run);
  const dataDir = tmp();
  const deps = makeDeps(dataDir, pc.run);
  pc.run.calls.length = 0;
  const r = await applyFix(lyncCertStoreMachine, view, deps, true);
  assert.equal(r.kind, 'handoff');
  assert.ok(r.kind === 'handoff');
  assert.deepEqual(mutating(pc.run.calls), [], 'nothing was written, nothing elevated');
  assert.deepEqual(deps.journal.list().entries, []);
  assert.deepEqual(r.handoff.commands, [`reg import "${join(r.exportDir, 'apply.reg')}"`]);
  assert.deepEqual(r.handoff.undoCommands, [`reg import "${join(r.exportDir, 'undo.reg')}"`]);
  const apply = readFileSync(join(r.exportDir, 'apply.reg')).subarray(2).toString('utf16le');
  assert.match(apply, /\[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Office\\16\.0\\Lync\]\r\n"UseLyncCertStore"=dword:00000001/);
  const undo = readFileSync(join(r.exportDir, 'undo.reg')).subarray(2).toString('utf16le');
  assert.match(undo, /16\.0\\Lync\]\r\n"UseLyncCertStore"=-/);
  assert.match(r.message, /does not elevate silently/);
});

test('HKLM in an elevated process: applied live with backup and undo', async () => {
  const pc = conflictPc({ elevated: true, registry: new Map([[HKLM16, [{ name: 'UseLyncCertStore', type: 'REG_DWORD', data: '0x0' }]]]) });
  const view = await viewOf(pc.run);
  const deps = makeDeps(tmp(), pc.run);
  pc.run.calls.length = 0;
  const r = await applyFix(lyncCertStoreMachine, view, deps, true);
  assert.ok(r.kind === 'done' && r.ok, r.kind === 'done' ? r.message : r.kind);
  assert.deepEqual(mutating(pc.run.calls), [ADD('HKLM', '15.0'), ADD('HKLM', '16.0')]);
  assert.deepEqual(r.entry.backup?.data, { previous: [{ version: '15.0', keyExisted: false, value: null }, { version: '16.0', keyExisted: true, value: { type: 'REG_DWORD', data: '0x0' } }] });
  pc.run.calls.length = 0;
  const u = await undoFix(ALL_FIXES, r.entry.journalId, deps, true);
  assert.ok(u.kind === 'done' && u.ok);
  assert.deepEqual(mutating(pc.run.calls), [
    'reg.exe delete HKLM\\SOFTWARE\\Policies\\Microsoft\\Office\\15.0\\Lync /v UseLyncCertStore /f',
    'reg.exe add HKLM\\SOFTWARE\\Policies\\Microsoft\\Office\\16.0\\Lync /v UseLyncCertStore /t REG_DWORD /d 0 /f',
  ]);
  assert.deepEqual(pc.state.registry.get(HKLM16), [{ name: 'UseLyncCertStore', type: 'REG_DWORD', data: '0x0' }]);
});

test('clear (HKCU): deletes the values, absent versions are "no change", undo puts back only what was deleted', async () => {
  const pc = fakePc({ registry: new Map([[HKCU16, [{ name: 'UseLyncCertStore', type: 'REG_DWORD', data: '0x1' }]]]), userPoliciesWritable: true });
  const view = await viewOf(pc.run);
  const deps = makeDeps(tmp(), pc.run);
  const p = await previewFix(lyncCertStoreClearUser, view, deps);
  assert.ok(p.applicable);
  const r = await applyFix(lyncCertStoreClearUser, view, deps, true);
  assert.ok(r.kind === 'done' && r.ok, r.kind === 'done' ? r.message : r.kind);
  assert.deepEqual(r.entry.steps.map((s) => [s.id, s.outcome]), [['15.0', 'no-change'], ['16.0', 'ok']]);
  pc.run.calls.length = 0;
  const u = await undoFix(ALL_FIXES, r.entry.journalId, deps, true);
  assert.ok(u.kind === 'done' && u.ok);
  assert.deepEqual(mutating(pc.run.calls), ['reg.exe add HKCU\\SOFTWARE\\Policies\\Microsoft\\Office\\16.0\\Lync /v UseLyncCertStore /t REG_DWORD /d 1 /f']);
});

test('already set, or no policy data: not applicable with the reason', async () => {
  const set = fakePc({ registry: new Map([[HKCU16, [{ name: 'UseLyncCertStore', type: 'REG_DWORD', data: '0x1' }]], [HKCU16.replace('16.0', '15.0'), [{ name: 'UseLyncCertStore', type: 'REG_DWORD', data: '0x1' }]]]) });
  const p = await previewFix(lyncCertStoreUser, await viewOf(set.run), makeDeps(tmp(), set.run));
  assert.equal(p.applicable, false);
  assert.match(p.reason ?? '', /already REG_DWORD 1/);
  const view = await viewOf(set.run);
  const noPolicy = { ...view, snapshot: { ...view.snapshot, sections: { certificates: view.snapshot.sections.certificates } } };
  const q = await previewFix(lyncCertStoreUser, noPolicy, makeDeps(tmp(), set.run));
  assert.match(q.reason ?? '', /no policy data/);
  assert.deepEqual(filesUnder(tmp()), []);
});

test('the backup cannot be read (reg query denied): journal says failed, nothing was changed, nothing to undo', async () => {
  const pc = conflictPc({ userPoliciesWritable: true });
  const view = await viewOf(pc.run);
  const deps = makeDeps(tmp(), pc.run);
  pc.state.failWhen = (c, a) => (c === 'reg.exe' && a[0] === 'query' ? { code: 1, stderr: 'ERROR: Access is denied.\r\n' } : undefined);
  pc.run.calls.length = 0;
  const r = await applyFix(lyncCertStoreUser, view, deps, true);
  assert.ok(r.kind === 'done');
  assert.equal(r.ok, false);
  assert.deepEqual(r.entry.history.map((h) => h.state), ['planned', 'failed']);
  assert.equal(r.entry.backup, null);
  assert.deepEqual(r.entry.steps, []);
  assert.match(r.message, /Nothing was changed: the backup failed \(cannot read HKCU\\SOFTWARE\\Policies\\Microsoft\\Office\\15\.0\\Lync: ERROR: Access is denied\.\)/);
  assert.deepEqual(mutating(pc.run.calls), []);
  const u = await undoFix(ALL_FIXES, r.entry.journalId, deps, true);
  assert.equal(u.kind, 'refused');
  assert.match(u.message, /Nothing to undo/);
});

test('backup on a French, Japanese or Russian PC: reg.exe\'s localized "key not found" (real captures, decoded from the OEM code page) is "absent", not an error', async () => {
  const { decodeConsole } = await import('../../../../main/collect/windows/codepage.js');
  for (const [file, cp] of [['reg-absent.fr.cp850.txt', 850], ['reg-absent.ja.cp932.txt', 932], ['reg-absent.ru.cp866.txt', 866]] as const) {
    const notFound = decodeConsole(readFileSync(join(process.cwd(), 'test', 'fixtures', 'windows', 'real', file)), cp);
    const pc = conflictPc({ userPoliciesWritable: true });
    const view = await viewOf(pc.run);
    pc.state.failWhen = (c, a) => (c === 'reg.exe' && a[0] === 'query' && /15\.0\\Lync$/.test(a[1] ?? '') ? { code: 1, stderr: notFound } : undefined);
    const r = await applyFix(lyncCertStoreUser, view, makeDeps(tmp(), pc.run), true);
    assert.ok(r.kind === 'done' && r.ok, `${file}: ${r.message}`);
    assert.deepEqual((r.entry.backup?.data as { previous: unknown[] }).previous[0], { version: '15.0', keyExisted: false, value: null }, file);
  }
});
