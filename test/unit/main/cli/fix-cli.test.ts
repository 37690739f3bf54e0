// `lyncdoctor fix` text and --json as README "Fixes" and the fix usage describe them: what is printed where (stdout,
// stderr), the confirmation hints, the rows of `fix list`, previews of guided and not-applicable fixes, the journal.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { makeFixCommand, renderPreview } from '../../../../main/cli/fix';
import type { FixPreviewDetail } from '../../../../main/fix/engine';
import { runCli, type CliRun } from '../../../helpers/cli';
import { fakePc } from '../fix/fake-pc';
import { COLLECTORS, NOW, tempDirsCleanedAfter } from '../fix/setup';

const tmp = tempDirsCleanedAfter();

/** The fix command on a fake Windows PC (no TLS-DSK certificate, no policy), in process. */
async function onFakePc(argv: readonly string[], dataDir = tmp()): Promise<CliRun> {
  const pc = fakePc({});
  const fix = makeFixCommand({ run: pc.run, platform: 'win32', collectors: COLLECTORS, now: () => NOW, dataDir });
  let out = '';
  let err = '';
  const code = await fix(argv, { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`) });
  return { code, out, err };
}

test('fix list --demo: one row per fix (offered mark, id in 30 columns, kind in 17, the findings it is for), its title below, then how to preview', async () => {
  const dataDir = tmp();
  const r = await runCli(['fix', 'list', '--demo', '--data-dir', dataDir]);
  assert.equal(r.code, 0, r.err);
  assert.equal(r.err, '', 'the demo needs no diagnosis: nothing on stderr');
  const lines = r.out.trimEnd().split('\n');
  assert.match(lines[0] as string, /^Fixes for kim\.akers@tailspintoys\.com — DEMO: /);
  assert.equal(lines.at(-1), `Preview one: npm run lyncdoctor -- fix preview <id> --demo --data-dir ${dataDir}`);
  assert.equal(lines.at(-2), '');
  assert.ok(lines.includes(`    ${'remove-stale-tls-dsk'.padEnd(30)} ${'automated'.padEnd(17)} for LD-CERT-001, LD-CERT-002`), r.out);
  assert.ok(lines.includes(`    ${'lync-cert-store-machine'.padEnd(30)} ${'automated, admin'.padEnd(17)} for LD-CERT-003`), r.out);
  assert.ok(lines.includes(`    ${'flush-dns-cache'.padEnd(30)} ${'automated'.padEnd(17)} on request`), r.out);
  assert.ok(lines.includes(`    ${'server-push-federation'.padEnd(30)} ${'guided'.padEnd(17)} for LD-PUSH-002`), r.out);
  const at = lines.findIndex((l) => l.includes('flush-dns-cache'));
  assert.equal(lines[at + 1], '      Flush the Windows DNS client cache');
});

test('fix list --json: {mode, sipAddress, fixes}; a guided fix always needs an admin; "reason" only where there is one', async () => {
  const r = await runCli(['fix', 'list', '--demo', '--json', '--data-dir', tmp()]);
  const j = JSON.parse(r.out) as { mode: { mode: string; reason: string }; sipAddress: string; fixes: Array<Record<string, unknown>> };
  assert.deepEqual(Object.keys(j), ['mode', 'sipAddress', 'fixes']);
  assert.equal(j.sipAddress, 'kim.akers@tailspintoys.com');
  const guided = j.fixes.find((f) => f.fixId === 'server-push-federation');
  assert.deepEqual(guided, { fixId: 'server-push-federation', title: 'Server: federate push.lync.com and enable push notifications (admin)', kind: 'guided', needsAdmin: true, resolves: guided?.resolves, findings: ['LD-PUSH-002'], offered: true });
  const flush = j.fixes.find((f) => f.fixId === 'flush-dns-cache');
  assert.equal(flush?.needsAdmin, false);
  assert.deepEqual(flush?.findings, []);
  assert.equal(flush?.kind, 'automated');
  assert.ok(j.fixes.every((f) => !('reason' in f)), 'every offered fix of the demo applies: no reason');
});

test('fix list on a PC (--sip-address): "diagnosing … first" on stderr (not with --json); --all lists what is not offered with why; the preview hint repeats the source flags', async () => {
  const answers = join(tmp(), 'answers.json');
  writeFileSync(answers, '{}');
  const r = await onFakePc(['list', '--sip-address', 'alice@contoso.com', '--dns-server', '127.0.0.1:53', '--answers', answers, '--all']);
  assert.equal(r.code, 0, r.err);
  assert.equal(r.err, 'diagnosing alice@contoso.com first…\n');
  assert.ok(r.out.endsWith(`\nPreview one: npm run lyncdoctor -- fix preview <id> --sip-address alice@contoso.com --dns-server 127.0.0.1:53 --answers ${answers}\n`), r.out);
  const lines = r.out.split('\n');
  const at = lines.findIndex((l) => l.includes('remove-stale-tls-dsk'));
  assert.equal(lines[at], `  - ${'remove-stale-tls-dsk'.padEnd(30)} ${'automated'.padEnd(17)} `);
  assert.equal(lines[at + 2], '      (not offered: no TLS-DSK certificate for alice@contoso.com in this diagnosis)');
  const json = await onFakePc(['list', '--sip-address', 'alice@contoso.com', '--json', '--all']);
  assert.equal(json.err, '');
  const j = JSON.parse(json.out) as { fixes: Array<{ fixId: string; offered: boolean; reason?: string }> };
  assert.deepEqual(j.fixes.find((f) => f.fixId === 'remove-stale-tls-dsk'), { ...j.fixes.find((f) => f.fixId === 'remove-stale-tls-dsk'), offered: false, reason: 'no TLS-DSK certificate for alice@contoso.com in this diagnosis' });
  const plain = await onFakePc(['list', '--sip-address', 'alice@contoso.com']);
  assert.ok(plain.out.endsWith('\nPreview one: npm run lyncdoctor -- fix preview <id> --sip-address alice@contoso.com\n'), plain.out);
  assert.ok(!plain.out.includes('remove-stale-tls-dsk'), 'without --all a fix that does not apply is not listed');
});

test('a fix that does not apply: the preview says why and exits 1, with no "To apply" hint', async () => {
  for (const argv of [['preview', 'remove-stale-tls-dsk'], ['remove-stale-tls-dsk']]) {
    const r = await onFakePc([...argv, '--sip-address', 'alice@contoso.com']);
    assert.equal(r.code, 1, argv.join(' '));
    assert.match(r.out, /\nNot applicable: no TLS-DSK certificate for alice@contoso\.com in this diagnosis\n$/);
    assert.ok(!r.out.includes('To apply'));
    assert.equal(r.out.startsWith('PREVIEW ONLY'), argv.length === 1, 'only "fix <id>" without --yes says it is a preview');
  }
  const yes = await onFakePc(['remove-stale-tls-dsk', '--sip-address', 'alice@contoso.com', '--yes']);
  assert.equal(yes.code, 1);
  assert.match(yes.out, /^Nothing was changed: no TLS-DSK certificate for alice@contoso\.com/);
});

test('a guided fix: its steps and commands to hand over, the guided hint instead of "To apply"; "fix apply <id>" is "fix <id>"', async () => {
  const dataDir = tmp();
  const p = await runCli(['fix', 'preview', 'server-push-federation', '--demo', '--data-dir', dataDir]);
  assert.equal(p.code, 0, p.err);
  const lines = p.out.trimEnd().split('\n');
  assert.deepEqual(lines.slice(0, 2), ['Server: federate push.lync.com and enable push notifications (admin)  [server-push-federation]', '  guided: never run by Lync Doctor; needs admin: yes; article: ' + (lines[1] as string).split('article: ')[1]]);
  assert.ok(lines.includes('Steps:'));
  assert.ok(lines.includes('Commands to hand over (copy as they are):'));
  assert.ok(!lines.includes('What changes:') && !lines.includes('Exact commands, in order:'));
  const step = lines[lines.indexOf('Steps:') + 1] as string;
  assert.match(step, /^ {2}[^ -]/, 'guided steps are not bulleted');
  assert.equal(lines.at(-1), 'This is a guided fix: Lync Doctor never runs it; copy the commands above.');
  const apply = await runCli(['fix', 'apply', 'flush-dns-cache', '--demo', '--data-dir', dataDir]);
  assert.equal(apply.code, 0);
  assert.match(apply.out, /^PREVIEW ONLY — nothing was changed \(add --yes to apply\)\.\n\nFlush the Windows DNS client cache {2}\[flush-dns-cache\]\n {2}automated; needs admin: no; article: /);
  assert.ok(apply.out.endsWith(`\n\nTo apply, run: npm run lyncdoctor -- fix flush-dns-cache --demo --data-dir ${dataDir} --yes\n`), apply.out);
  assert.match((await runCli(['fix', 'apply', '--demo', '--data-dir', dataDir])).err, /^lyncdoctor fix: the fix id \(see: fix list\) is missing\nusage:/);
  assert.match((await runCli(['fix', 'preview', '--demo', '--data-dir', dataDir])).err, /^lyncdoctor fix: the fix id \(see: fix list\) is missing\nusage:/);
});

test('the journal: "(empty)" at first; after a recorded fix its entry with steps and verification; undo preview, undo, refused undo', async () => {
  const dataDir = tmp();
  const empty = await runCli(['fix', 'journal', '--data-dir', dataDir]);
  assert.deepEqual([empty.code, empty.out], [0, `Fix journal in ${dataDir}\n  (empty)\n`]);
  const ej = JSON.parse((await runCli(['fix', 'journal', '--json', '--data-dir', dataDir])).out) as Record<string, unknown>;
  assert.deepEqual(ej, { dataDir, entries: [], problems: [] });
  const done = await runCli(['fix', 'flush-dns-cache', '--demo', '--yes', '--data-dir', dataDir]);
  assert.equal(done.code, 0, done.err);
  const lines = done.out.trimEnd().split('\n');
  const id = (lines[1] as string).split('  ')[0] as string;
  assert.match(id, /^\d{8}-\d{6}-flush-dns-cache-[0-9a-f]{6}$/);
  assert.match(lines[1] as string, /^\S+ {2}applied \(recorded\) {2}flush-dns-cache {2}kim\.akers@tailspintoys\.com {2}\d{4}-\d\d-\d\dT/);
  assert.equal(lines[3], '  step flush the DNS client cache: recorded — recorded, not run on this machine');
  assert.match(lines[4] as string, /^ {2}verified: not-checked — /);
  assert.deepEqual(lines.slice(5), ['Commands recorded (not run):', '  1. flush the DNS client cache  (cmd)', '       ipconfig.exe /flushdns']);
  const journal = await runCli(['fix', 'journal', '--data-dir', dataDir]);
  assert.equal(journal.out, `Fix journal in ${dataDir}\n${lines.slice(1, 5).join('\n')}\n`);
  const undoPreview = await runCli(['fix', 'undo', id, '--data-dir', dataDir]);
  assert.equal(undoPreview.code, 1, 'a flushed cache has nothing to undo');
  assert.match(undoPreview.out, /^Not undone: /);
  const ghost = await runCli(['fix', 'undo', '20260101-000000-flush-dns-cache-abcdef', '--data-dir', dataDir]);
  assert.equal(ghost.code, 1);
  assert.match(ghost.out, /^Not undone: /);
});

test('--replay works with list and preview only; elsewhere it is a usage error (exit 2, stderr, nothing on stdout)', async () => {
  const pc = join(tmp(), 'pc.json');
  writeFileSync(pc, JSON.stringify({ platform: 'win32', commands: [] }));
  for (const sub of [['journal'], ['undo', 'x'], ['flush-dns-cache', '--yes']]) {
    const r = await runCli(['fix', ...sub, '--replay', pc, '--data-dir', tmp()]);
    assert.deepEqual([r.code, r.out], [2, ''], sub.join(' '));
    assert.match(r.err, /--replay works with "fix list" and "fix preview" only/);
  }
  // list and preview on the recorded PC: the REPLAY line on stderr says nothing runs here (not with --json)
  const argv = ['fix', 'list', '--sip-address', 'alice@contoso.com', '--dns-server', '127.0.0.1:9', '--timeout-ms', '1000', '--replay', pc, '--data-dir', tmp()];
  const list = await runCli(argv);
  assert.equal(list.code, 0, list.err);
  assert.equal(list.err.split('\n')[0], `REPLAY: Windows commands are answered from ${pc}; nothing runs on, or changes, this machine (a "LIVE" line below means "as on that PC").`);
  assert.equal(list.err.split('\n')[1], 'diagnosing alice@contoso.com first…');
  const listJson = await runCli([...argv, '--json']);
  assert.equal(listJson.err, '');
  assert.equal((JSON.parse(listJson.out) as { sipAddress: string }).sipAddress, 'alice@contoso.com');
  const none = await runCli(['fix', '--data-dir', tmp()]);
  assert.deepEqual([none.code, none.out], [2, '']);
  assert.match(none.err, /^lyncdoctor fix: usage: lyncdoctor fix <list \| preview <id> \| <id> \| undo <journalId> \| journal> \[options\]\n/);
  const unknown = await runCli(['fix', 'nope', '--demo', '--data-dir', tmp()]);
  assert.match(unknown.err, /^lyncdoctor fix: there is no fix "nope"; known: remove-stale-tls-dsk, /);
});

test('renderPreview: an automated fix lists its changes as bullets, its commands numbered with their shell, the read-only checks, backup, undo and notes', () => {
  const p: FixPreviewDetail = {
    fixId: 'x-fix', title: 'X', kind: 'automated', needsAdmin: true, articleId: 'art', modeReason: 'LIVE: here', applicable: true, summary: 'Sum.',
    changes: ['one change'], commands: [{ label: 'do it', shell: 'powershell', display: 'Line-One\nLine-Two' }, { label: 'then', shell: 'cmd', display: 'c.exe' }], checks: ['looked'], backup: 'B.', undo: 'U.', notes: ['n1'],
  } as unknown as FixPreviewDetail;
  assert.equal(renderPreview(p), [
    'X  [x-fix]', '  automated; needs admin: yes; article: art', '  LIVE: here', '', 'Sum.', '',
    'What changes:', '  - one change', '',
    'Exact commands, in order:', '  1. do it  (PowerShell)', '       Line-One', '       Line-Two', '  2. then  (cmd)', '       c.exe', '',
    'Checked now (read-only):', '  - looked', '',
    'Backup: B.', 'Undo: U.', '', 'Notes:', '  - n1',
  ].join('\n'));
  const bare = { ...p, changes: [], commands: [], checks: [], notes: [] } as FixPreviewDetail;
  assert.equal(renderPreview(bare), ['X  [x-fix]', '  automated; needs admin: yes; article: art', '  LIVE: here', '', 'Sum.', '', 'Backup: B.', 'Undo: U.'].join('\n'));
  assert.equal(renderPreview({ ...p, applicable: false, reason: 'why' } as FixPreviewDetail), ['X  [x-fix]', '  automated; needs admin: yes; article: art', '  LIVE: here', '', 'Not applicable: why'].join('\n'));
  const { reason: _none, ...noReason } = { ...p, applicable: false } as FixPreviewDetail;
  assert.equal(renderPreview(noReason as FixPreviewDetail).split('\n').at(-1), 'Not applicable.', 'no reason given: no dangling colon');
});
