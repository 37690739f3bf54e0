// `lyncdoctor fix` as README "Guided fixes" describes it, pinned line by line where a technician reads it: a live
// fix's journal entry (no "(recorded)", its summary, steps, verification and backup files), the undo preview and
// the undo, a failed undo (exit 1), the admin hand-over, a guided fix refused with --yes, journal files that are
// not entries, --all's "not offered" rows, the demo's questionnaire replaced by --answers, and the diagnosis taken
// at the command's clock.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { makeFixCommand, renderFixRows } from '../../../../main/cli/fix';
import { runCliInProcess as runCli, type CliRun } from '../../../helpers/cli';
import { tlsDskCert } from '../../../helpers/forge-certs';
import { fakePc, psCert, type PcState } from '../fix/fake-pc';
import { COLLECTORS, NOW, tempDirsCleanedAfter } from '../fix/setup';

const tmp = tempDirsCleanedAfter();
const DAY = 86_400_000;

/** The fix command on a fake Windows PC at NOW, in process, with one data folder for all its runs. */
function onPc(init: Partial<PcState>, dataDir = tmp()) {
  const pc = fakePc(init);
  const fix = makeFixCommand({ run: pc.run, platform: 'win32', collectors: COLLECTORS, now: () => NOW, dataDir });
  const run = async (...argv: string[]): Promise<CliRun> => {
    let out = '';
    let err = '';
    const code = await fix(argv, { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`) });
    return { code, out, err };
  };
  return { pc, run, dataDir };
}

/** alice's one TLS-DSK certificate, expired 100 days before NOW. */
function expiredCert() {
  return psCert(tlsDskCert('alice@contoso.com', new Date(NOW.getTime() - 300 * DAY), new Date(NOW.getTime() - 100 * DAY)));
}

test('a live fix: the result, then its journal entry (state without "(recorded)", summary, step, verification, backup file), the same entry in "fix journal"', async () => {
  const cert = expiredCert();
  const { run, dataDir } = onPc({ my: [cert] });
  const r = await run('remove-stale-tls-dsk', '--sip-address', 'alice@contoso.com', '--yes');
  assert.equal(r.code, 0, r.out + r.err);
  const lines = r.out.trimEnd().split('\n');
  assert.match(lines[0] as string, /^Remove expired and duplicate Lync sign-in \(TLS-DSK\) certificates: applied /);
  const id = (lines[1] as string).split('  ')[0] as string;
  assert.match(id, /^20260601-120000-remove-stale-tls-dsk-[0-9a-f]{6}$/, 'the journal id carries the fix clock (NOW)');
  assert.deepEqual(lines.slice(1, 4), [
    `${id}  applied  remove-stale-tls-dsk  alice@contoso.com  2026-06-01T12:00:00.000Z`,
    '  Remove 1 TLS-DSK certificate(s) of alice@contoso.com. The client requests a new certificate at its next sign-in.',
    `  step remove Cert:\\CurrentUser\\My\\${cert.thumbprint}: ok — removed`,
  ]);
  assert.match(lines[4] as string, /^ {2}verified: resolved — /);
  assert.equal(lines[5], `  backup: ${cert.thumbprint}.cer`);
  assert.equal(lines.length, 6, 'a live fix ran its commands: no "Commands recorded (not run)" list');
  const journal = await run('journal');
  assert.deepEqual([journal.code, journal.out], [0, `Fix journal in ${dataDir}\n${lines.slice(1).join('\n')}\n`]);
});

test('undo of a live fix: the preview (exit 0, its commands, how to confirm), then the undo with the entry and its undo steps; the certificate is back', async () => {
  const cert = expiredCert();
  const { pc, run } = onPc({ my: [cert] });
  const applied = await run('remove-stale-tls-dsk', '--sip-address', 'alice@contoso.com', '--yes');
  const id = (applied.out.split('\n')[1] as string).split('  ')[0] as string;
  assert.equal(pc.state.my.length, 0);

  const preview = await run('undo', id);
  assert.equal(preview.code, 0, preview.out);
  const p = preview.out.trimEnd().split('\n');
  assert.equal(p[0], 'UNDO PREVIEW — nothing was changed.');
  assert.match(p[1] as string, new RegExp(`^Undo of ${id} would run 1 command\\(s\\): `), 'live: no "(recorded, not run)"');
  assert.equal(p[2], `  1. re-import ${cert.thumbprint}.cer into Cert:\\CurrentUser\\My  (PowerShell)`);
  assert.ok(p.slice(3, -2).every((l) => l.startsWith('       ')), 'the script indented under its step');
  assert.deepEqual(p.slice(-2), ['', `To undo, run: npm run lyncdoctor -- fix undo ${id} --yes`]);
  assert.equal(pc.state.my.length, 0, 'the preview changed nothing');

  const undo = await run('undo', id, '--yes');
  assert.equal(undo.code, 0, undo.out);
  const u = undo.out.trimEnd().split('\n');
  assert.match(u[0] as string, /^Undone: /);
  assert.equal(u[1], `${id}  undone  remove-stale-tls-dsk  alice@contoso.com  2026-06-01T12:00:00.000Z`);
  assert.equal(u[2], '  Remove 1 TLS-DSK certificate(s) of alice@contoso.com. The client requests a new certificate at its next sign-in.');
  assert.equal(u[3], `  step remove Cert:\\CurrentUser\\My\\${cert.thumbprint}: ok — removed`);
  assert.match(u[4] as string, new RegExp(`^ {2}undo re-import ${cert.thumbprint}\\.cer into Cert:\\\\CurrentUser\\\\My: ok — `));
  assert.equal(pc.state.my.length, 1, 'the certificate entry is back');

  const again = await run('undo', id, '--yes');
  assert.equal(again.code, 1);
  assert.match(again.out, new RegExp(`^Not undone: ${id} was already undone \\(`));
});

test('an undo whose command fails: exit 1 with what failed, not "Not undone" (the entry is shown, the backup kept)', async () => {
  const cert = expiredCert();
  let failImports = false;
  const { run } = onPc({ my: [cert], failWhen: (_c, _a, script) => (failImports && script?.includes('Import-Certificate') ? { code: 1, stderr: 'Access is denied.\r\n' } : undefined) });
  const applied = await run('remove-stale-tls-dsk', '--sip-address', 'alice@contoso.com', '--yes');
  const id = (applied.out.split('\n')[1] as string).split('  ')[0] as string;
  failImports = true;
  const undo = await run('undo', id, '--yes');
  assert.equal(undo.code, 1, undo.out);
  const u = undo.out.split('\n');
  assert.match(u[0] as string, new RegExp(`^Undo of ${id} failed: .*The backup is kept; fix the cause and run undo again\\.$`));
  assert.match(u[1] as string, new RegExp(`^${id} {2}\\S+ {2}remove-stale-tls-dsk {2}alice@contoso\\.com {2}`));
});

test('a fix that needs an administrator (demo): the hand-over, its undo and the saved files, exit 1', async () => {
  const dataDir = tmp();
  const r = await runCli(['fix', 'winhttp-import-ie-proxy', '--demo', '--yes', '--data-dir', dataDir]);
  assert.equal(r.code, 1);
  const lines = r.out.trimEnd().split('\n');
  const exportDir = /^Files: winhttp-before\.txt in (.+)$/.exec(lines.at(-1) as string)?.[1] as string;
  assert.ok(exportDir?.startsWith(join(dataDir, 'exports')), r.out);
  assert.match(lines[0] as string, /^Nothing was changed: /);
  assert.ok((lines[0] as string).includes(exportDir), 'the message says where the current setting was saved');
  assert.deepEqual(lines.slice(1, -1), ['', 'Run in an elevated Command Prompt:', '  netsh winhttp import proxy source=ie', '', 'To undo it later (elevated):', '  netsh winhttp reset proxy', '']);
});

test('a guided fix with --yes is refused (exit 1): one line saying Lync Doctor never runs it, no preview', async () => {
  const r = await runCli(['fix', 'server-push-federation', '--demo', '--yes', '--data-dir', tmp()]);
  assert.equal(r.code, 1);
  assert.match(r.out, /^server-push-federation is a guided fix for the .+: Lync Doctor never runs server or other people's settings\. Copy the commands from the preview\.\n$/);
  const j = JSON.parse((await runCli(['fix', 'server-push-federation', '--demo', '--yes', '--json', '--data-dir', tmp()])).out) as { kind: string };
  assert.equal(j.kind, 'refused');
});

test('fix journal: a file in the journal folder that is no entry is listed with "!" after the entries (and in --json problems)', async () => {
  const dataDir = tmp();
  mkdirSync(join(dataDir, 'journal'), { recursive: true });
  writeFileSync(join(dataDir, 'journal', 'notes.json'), '{}');
  const r = await runCli(['fix', 'journal', '--data-dir', dataDir]);
  assert.deepEqual([r.code, r.out], [0, `Fix journal in ${dataDir}\n  (empty)\n  ! ignored notes.json: not a journal entry name\n`]);
  const j = JSON.parse((await runCli(['fix', 'journal', '--json', '--data-dir', dataDir])).out) as unknown;
  assert.deepEqual(j, { dataDir, entries: [], problems: ['ignored notes.json: not a journal entry name'] });
});

test('fix list --all: a fix no finding asks for is marked "-" with why; an offered fix has no "(not offered" line', async () => {
  const { run } = onPc({});
  const r = await run('list', '--sip-address', 'alice@contoso.com', '--all');
  const lines = r.out.split('\n');
  const at = lines.findIndex((l) => l.includes(' lync-cert-store-user '));
  assert.deepEqual(lines.slice(at, at + 3), [
    `  - ${'lync-cert-store-user'.padEnd(30)} ${'automated'.padEnd(17)} `,
    '      Set the UseLyncCertStore policy for this user (HKCU)',
    '      (not offered: no current finding asks for it)',
  ]);
  const flush = lines.findIndex((l) => l.includes(' flush-dns-cache '));
  assert.equal(lines[flush], `    ${'flush-dns-cache'.padEnd(30)} ${'automated'.padEnd(17)} on request`);
  assert.match(lines[flush + 2] as string, /^ {4}\S/, 'the next row follows the title directly');
  const j = JSON.parse((await run('list', '--sip-address', 'alice@contoso.com', '--all', '--json')).out) as { fixes: Array<{ fixId: string; offered: boolean; reason?: string }> };
  const user = j.fixes.find((f) => f.fixId === 'lync-cert-store-user');
  assert.deepEqual([user?.offered, user?.reason], [false, 'no current finding asks for it']);
  assert.equal(j.fixes.find((f) => f.fixId === 'flush-dns-cache')?.offered, true);
});

test('fix list --demo --answers: the file replaces the demo\'s questionnaire, so the server fixes it asked for are no longer offered', async () => {
  const answers = join(tmp(), 'answers.json');
  writeFileSync(answers, JSON.stringify({ server: { imUrlFilterEnabled: 'no', pushNotificationsConfigured: 'yes', pushLyncComFederated: 'yes' } }));
  const demo = JSON.parse((await runCli(['fix', 'list', '--demo', '--json', '--data-dir', tmp()])).out) as { fixes: Array<{ fixId: string }> };
  assert.ok(demo.fixes.some((f) => f.fixId === 'server-push-federation'), 'the demo itself: push.lync.com not federated');
  const r = await runCli(['fix', 'list', '--demo', '--json', '--answers', answers, '--data-dir', tmp()]);
  const ids = (JSON.parse(r.out) as { fixes: Array<{ fixId: string }> }).fixes.map((f) => f.fixId);
  assert.ok(!ids.includes('server-push-federation') && !ids.includes('server-im-url-filter'), ids.join(', '));
  assert.ok(ids.includes('remove-stale-tls-dsk'), 'the PC\'s own facts still ask for their fixes');
});

test('fix list on a PC diagnoses at the command\'s clock: a certificate valid at that time is no stale one', async () => {
  // valid until 30 days after NOW: expired by today's clock, not by the one the command was given
  const cert = psCert(tlsDskCert('alice@contoso.com', new Date(NOW.getTime() - 300 * DAY), new Date(NOW.getTime() + 30 * DAY)));
  const { run } = onPc({ my: [cert] });
  const r = await run('list', '--sip-address', 'alice@contoso.com', '--json');
  const ids = (JSON.parse(r.out) as { fixes: Array<{ fixId: string }> }).fixes.map((f) => f.fixId);
  assert.ok(!ids.includes('remove-stale-tls-dsk'), ids.join(', '));
});

test('renderFixRows: no row at all says no fix applies; a row not offered without findings has an empty "for" column', () => {
  assert.deepEqual(renderFixRows([]), ['  No fix applies to these findings.']);
  assert.deepEqual(renderFixRows([{ fixId: 'x-fix', title: 'X', kind: 'automated', needsAdmin: true, findings: [], offered: false, reason: 'why' }]), [
    `  - ${'x-fix'.padEnd(30)} ${'automated, admin'.padEnd(17)} \n      X\n      (not offered: why)`,
  ]);
});

test('a fix whose command fails: exit 1, what failed and that the backup is kept, then the entry (failed, the failed step, the backup) with no verification line', async () => {
  const cert = expiredCert();
  const { run } = onPc({ my: [cert], failWhen: (_c, _a, script) => (script?.includes('Remove-Item') ? { code: 1, stderr: 'Access is denied.\r\n' } : undefined) });
  const r = await run('remove-stale-tls-dsk', '--sip-address', 'alice@contoso.com', '--yes');
  assert.equal(r.code, 1, r.out);
  const lines = r.out.trimEnd().split('\n');
  assert.match(lines[0] as string, /: failed — .*The backup is kept\.$/);
  const id = (lines[1] as string).split('  ')[0] as string;
  assert.deepEqual(lines.slice(1), [
    `${id}  failed  remove-stale-tls-dsk  alice@contoso.com  2026-06-01T12:00:00.000Z`,
    '  Remove 1 TLS-DSK certificate(s) of alice@contoso.com. The client requests a new certificate at its next sign-in.',
    `  step remove Cert:\\CurrentUser\\My\\${cert.thumbprint}: failed — Access is denied.`,
    `  backup: ${cert.thumbprint}.cer`,
  ]);
});

test('a fix whose backup fails: exit 1, "Nothing was changed: the backup failed (…)", then the entry with neither steps nor backup', async () => {
  // elevated, so the WinHTTP import is made here; reading WinHTTP for the backup (after the elevation check) fails
  let elevationChecked = false;
  const { run } = onPc({
    elevated: true,
    failWhen: (command) => {
      if (command.startsWith('whoami')) elevationChecked = true;
      return elevationChecked && command.startsWith('netsh') ? { code: 1, stderr: 'The RPC server is unavailable.\r\n' } : undefined;
    },
  });
  const r = await run('winhttp-import-ie-proxy', '--sip-address', 'alice@contoso.com', '--yes');
  assert.equal(r.code, 1, r.out);
  const lines = r.out.trimEnd().split('\n');
  assert.equal(lines[0], 'Nothing was changed: the backup failed (cannot read the WinHTTP proxy: The RPC server is unavailable.).');
  assert.match(lines[1] as string, /^20260601-120000-winhttp-import-ie-proxy-[0-9a-f]{6} {2}failed {2}winhttp-import-ie-proxy {2}alice@contoso\.com {2}2026-06-01T12:00:00\.000Z$/);
  assert.match(lines[2] as string, /^ {2}WinHTTP uses direct access .*: import the Internet Options setting into WinHTTP\.$/);
  assert.equal(lines.length, 3, 'no step ran, no backup was written');
});

test('recorded demo fixes: the backup line lists every file; a hand-over lists every saved file, comma-separated', async () => {
  const dataDir = tmp();
  const applied = await runCli(['fix', 'remove-stale-tls-dsk', '--demo', '--yes', '--data-dir', dataDir]);
  assert.ok(applied.out.split('\n').some((l) => /^ {2}backup: [0-9A-F]{40}\.cer, [0-9A-F]{40}\.cer$/.test(l)), `the demo PC's two expired certificates: ${applied.out}`);
  const h = await runCli(['fix', 'lync-cert-store-machine', '--demo', '--yes', '--data-dir', dataDir]);
  assert.equal(h.code, 1);
  assert.match(h.out, /\nFiles: reg-query-before\.txt, apply\.reg, undo\.reg in \S+\n$/);
  const refused = await runCli(['fix', 'lync-cert-store-clear-machine', '--demo', '--yes', '--data-dir', dataDir]);
  assert.deepEqual([refused.code, refused.out], [1, 'Nothing was changed: UseLyncCertStore is not set under HKLM\n']);
});

test('the next-step hints repeat what chose the diagnosis and the journal folder: --answers with --demo, --timeout-ms, --data-dir (quoted when it holds a space); undo\'s too', async () => {
  const dataDir = join(tmp(), 'Lync Doctor data');
  const answers = join(tmp(), 'answers.json');
  writeFileSync(answers, JSON.stringify({ server: { imUrlFilterEnabled: 'no' } }));
  const list = await runCli(['fix', 'list', '--demo', '--answers', answers, '--data-dir', dataDir]);
  assert.equal(list.out.trimEnd().split('\n').at(-1), `Preview one: npm run lyncdoctor -- fix preview <id> --demo --answers ${answers} --data-dir "${dataDir}"`);
  const preview = await runCli(['fix', 'preview', 'flush-dns-cache', '--demo', '--data-dir', dataDir]);
  assert.equal(preview.out.trimEnd().split('\n').at(-1), `To apply, run: npm run lyncdoctor -- fix flush-dns-cache --demo --data-dir "${dataDir}" --yes`);
  const applied = await runCli(['fix', 'remove-stale-tls-dsk', '--demo', '--yes', '--data-dir', dataDir]);
  const id = (applied.out.split('\n')[1] as string).split('  ')[0] as string;
  const undo = await runCli(['fix', 'undo', id, '--data-dir', dataDir]);
  assert.equal(undo.out.trimEnd().split('\n').at(-1), `To undo, run: npm run lyncdoctor -- fix undo ${id} --data-dir "${dataDir}" --yes`);
  const { run } = onPc({});
  const live = await run('list', '--sip-address', 'alice@contoso.com', '--timeout-ms', '9000');
  assert.equal(live.out.trimEnd().split('\n').at(-1), 'Preview one: npm run lyncdoctor -- fix preview <id> --sip-address alice@contoso.com --timeout-ms 9000');
});

test('with --replay the preview hint keeps --replay (else it previews this machine), and a preview says to apply on that PC, without --replay', async () => {
  const pc = join(tmp(), 'pc.json');
  writeFileSync(pc, JSON.stringify({ platform: 'win32', commands: [] }));
  const source = ['--sip-address', 'alice@contoso.com', '--dns-server', '127.0.0.1:9', '--timeout-ms', '1000'];
  const list = await runCli(['fix', 'list', ...source, '--replay', pc]);
  assert.equal(list.code, 0, list.err);
  assert.equal(list.out.trimEnd().split('\n').at(-1), `Preview one: npm run lyncdoctor -- fix preview <id> ${source.join(' ')} --replay ${pc}`);
  const preview = await runCli(['fix', 'preview', 'flush-dns-cache', ...source, '--replay', pc]);
  assert.equal(preview.code, 0, preview.err);
  assert.equal(preview.out.trimEnd().split('\n').at(-1), `To apply, run this on that PC (a recorded PC is never changed from here): npm run lyncdoctor -- fix flush-dns-cache ${source.join(' ')} --yes`);
});

test('--demo with --replay is a usage error (exit 2, nothing on stdout): the demo is a recorded PC already, and the REPLAY line would name a file the plan never read', async () => {
  const pc = join(tmp(), 'pc.json');
  writeFileSync(pc, JSON.stringify({ platform: 'win32', commands: [] }));
  for (const sub of [['list'], ['preview', 'flush-dns-cache']]) {
    const r = await runCli(['fix', ...sub, '--demo', '--replay', pc]);
    assert.deepEqual([r.code, r.out], [2, ''], sub.join(' '));
    assert.match(r.err, /^lyncdoctor fix: use either --demo or --replay PC\.json, not both/);
    assert.doesNotMatch(r.err, /REPLAY:/);
  }
});
