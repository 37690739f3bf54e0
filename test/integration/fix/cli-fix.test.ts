/** `lyncdoctor fix …` end to end: the demo flow in-process, confirmation, JSON shapes, usage errors. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeFixCommand } from '../../../main/cli/fix';
import { runCli } from '../../helpers/cli';
import { tlsDskCert } from '../../helpers/forge-certs';
import { fakePc, mutating, psCert } from '../../unit/main/fix/fake-pc';
import { COLLECTORS, filesUnder, NOW, tempDirsCleanedAfter } from '../../unit/main/fix/setup';

const tmp = tempDirsCleanedAfter();

test('demo flow: list → preview → "fix <id>" without --yes only previews → --yes records → journal → undo', async () => {
  const dataDir = tmp();
  const list = await runCli(['fix', 'list', '--demo', '--data-dir', dataDir]);
  assert.equal(list.code, 0, list.err);
  assert.match(list.out, /DEMO: commands are recorded against the built-in demo PC; nothing changes on this machine/);
  assert.match(list.out, /remove-stale-tls-dsk\s+automated\s+for LD-CERT-001, LD-CERT-002/);

  const json = JSON.parse((await runCli(['fix', 'list', '--demo', '--json', '--data-dir', dataDir])).out) as { mode: { mode: string }; fixes: Array<{ fixId: string; offered: boolean }> };
  assert.equal(json.mode.mode, 'recorded');
  assert.ok(json.fixes.some((f) => f.fixId === 'lync-cert-store-machine' && f.offered));

  const preview = await runCli(['fix', 'preview', 'remove-stale-tls-dsk', '--demo', '--data-dir', dataDir]);
  assert.equal(preview.code, 0);
  assert.match(preview.out, /Exact commands, in order:/);
  assert.match(preview.out, /Remove-Item -LiteralPath \$path/);

  const noYes = await runCli(['fix', 'remove-stale-tls-dsk', '--demo', '--data-dir', dataDir]);
  assert.equal(noYes.code, 0);
  assert.match(noYes.out, /^PREVIEW ONLY — nothing was changed/);
  assert.ok(noYes.out.includes(`To apply, run: npm run lyncdoctor -- fix remove-stale-tls-dsk --demo --data-dir ${dataDir} --yes`), noYes.out);
  assert.deepEqual(filesUnder(dataDir), [], 'without --yes nothing was written');

  const yes = await runCli(['fix', 'remove-stale-tls-dsk', '--demo', '--yes', '--json', '--data-dir', dataDir]);
  assert.equal(yes.code, 0, yes.err);
  const applied = JSON.parse(yes.out) as { kind: string; entry: { journalId: string; state: string; mode: string; steps: Array<{ outcome: string }> } };
  assert.deepEqual([applied.kind, applied.entry.state, applied.entry.mode], ['done', 'applied', 'recorded']);
  assert.deepEqual(applied.entry.steps.map((s) => s.outcome), ['recorded', 'recorded'], 'one step per expired TLS-DSK certificate of the demo PC');

  const journal = await runCli(['fix', 'journal', '--data-dir', dataDir]);
  assert.match(journal.out, new RegExp(`${applied.entry.journalId}\\s+applied \\(recorded\\)`));

  const undoPreview = await runCli(['fix', 'undo', applied.entry.journalId, '--data-dir', dataDir]);
  assert.equal(undoPreview.code, 0);
  assert.match(undoPreview.out, /UNDO PREVIEW — nothing was changed/);
  assert.match(undoPreview.out, /Import-Certificate -FilePath \$file -CertStoreLocation/);
  const undo = await runCli(['fix', 'undo', applied.entry.journalId, '--yes', '--data-dir', dataDir]);
  assert.equal(undo.code, 0, undo.out);
  assert.match(undo.out, /Undo recorded, not run — nothing changed on this machine/);
  const again = await runCli(['fix', 'undo', applied.entry.journalId, '--yes', '--data-dir', dataDir]);
  assert.equal(again.code, 1);
  assert.match(again.out, /already undone/);
});

test('needs admin in the demo: the hand-over is printed, exit 1, nothing applied', async () => {
  const dataDir = tmp();
  const r = await runCli(['fix', 'winhttp-import-ie-proxy', '--demo', '--yes', '--data-dir', dataDir]);
  assert.equal(r.code, 1);
  assert.match(r.out, /Run in an elevated Command Prompt:\n  netsh winhttp import proxy source=ie/);
  assert.match(r.out, /To undo it later \(elevated\):\n  netsh winhttp reset proxy/);
  assert.ok(!filesUnder(dataDir).some((f) => f.startsWith('journal/')));
});

test('usage errors exit 2 with a clear message', async () => {
  const dataDir = tmp();
  for (const [argv, re] of [
    [['fix'], /usage: lyncdoctor fix/],
    [['fix', 'no-such-fix', '--demo'], /there is no fix "no-such-fix"/],
    [['fix', 'list'], /--demo, or --sip-address/],
    [['fix', 'list', '--demo', '--sip-address', 'a@contoso.com'], /either --demo or --sip-address/],
    [['fix', 'undo'], /journal id/],
    [['fix', 'list', '--demo', '--bogus'], /unknown option --bogus/],
  ] as const) {
    const r = await runCli([...argv, '--data-dir', dataDir]);
    assert.equal(r.code, 2, `${argv.join(' ')}: ${r.out}${r.err}`);
    assert.match(r.err, re);
  }
  const bad = await runCli(['fix', 'undo', '../../etc/passwd', '--yes', '--data-dir', dataDir]);
  assert.equal(bad.code, 1);
  assert.match(bad.out, /not a journal id/);
});

test('live (fake Windows PC): without --yes not one change is made; with --yes the certificate goes and verify says resolved', async () => {
  const DAY = 86_400_000;
  const pc = fakePc({ my: [psCert(tlsDskCert('alice@contoso.com', new Date(NOW.getTime() - 300 * DAY), new Date(NOW.getTime() - 100 * DAY)))] });
  const dataDir = tmp();
  const fix = makeFixCommand({ run: pc.run, platform: 'win32', collectors: COLLECTORS, now: () => NOW, dataDir });
  let out = '';
  let err = '';
  const io = { out: (t: string) => (out += `${t}\n`), err: (t: string) => (err += `${t}\n`) };
  assert.equal(await fix(['remove-stale-tls-dsk', '--sip-address', 'alice@contoso.com'], io), 0, err);
  assert.match(out, /PREVIEW ONLY/);
  assert.match(out, /LIVE: commands run on this PC/);
  assert.deepEqual(mutating(pc.run.calls), []);
  assert.deepEqual(filesUnder(dataDir), []);
  assert.equal(pc.state.my.length, 1);
  out = '';
  assert.equal(await fix(['remove-stale-tls-dsk', '--sip-address', 'alice@contoso.com', '--yes'], io), 0, out + err);
  assert.equal(pc.state.my.length, 0);
  assert.match(out, /verified: resolved/);
  assert.equal(mutating(pc.run.calls).length, 1);
});
