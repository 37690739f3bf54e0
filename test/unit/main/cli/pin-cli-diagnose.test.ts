// `lyncdoctor diagnose` end to end (README "The command line"): --answers FILE's questionnaire facts are kept in the
// Snapshot and checked like everything else (iOS 9.1 with English language and Sweden region: LD-MOB-001, README's
// own example); the text report's head names the SIP address; the bundle hook runs before the report is printed;
// `demo --answers` replaces the demo's questionnaire.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { bool, parseArgs, str } from '../../../../main/cli/args';
import { DIAGNOSE_FLAGS, diagnoseCommand, diagnoseHooks } from '../../../../main/cli/diagnose';
import { TOOL_VERSION } from '../../../../main/version';
import { runCliInProcess as runCli } from '../../../helpers/cli';

const dir = mkdtempSync(join(tmpdir(), 'ld-pin-diagnose-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const DIAG = ['diagnose', '--sip-address', 'kim@fabrikam.com', '--dns-server', '127.0.0.1:9', '--timeout-ms', '800'];
const ANSWERS = { mobile: { platform: 'ios', osVersion: '9.1', app: 'Lync 2013 for iPhone', appVersion: '5.4', language: 'English', region: 'Sweden' } };

test('diagnose --answers: the answers in the Snapshot and checked (LD-MOB-001), in --json and in the text report', async () => {
  const file = join(dir, 'answers.json');
  writeFileSync(file, JSON.stringify(ANSWERS));
  const j = await runCli([...DIAG, '--json', '--answers', file]);
  assert.equal(j.err, '');
  const parsed = JSON.parse(j.out) as { snapshot: { answers: unknown; input: { sipAddress: string } }; findings: Array<{ checkId: string }> };
  assert.deepEqual(parsed.snapshot.answers, ANSWERS);
  assert.equal(parsed.snapshot.input.sipAddress, 'kim@fabrikam.com');
  assert.ok(parsed.findings.some((f) => f.checkId === 'LD-MOB-001'), JSON.stringify(parsed.findings.map((f) => f.checkId)));

  const t = await runCli([...DIAG, '--answers', file]);
  assert.equal(t.code, 1, 'a DNS server that never answers leaves a gap: an error finding');
  assert.match(t.out.split('\n')[0] as string, new RegExp(`^Lync Doctor ${TOOL_VERSION.replace(/\./g, '\\.')} — diagnosis for kim@fabrikam\\.com at \\d{4}-\\d\\d-\\d\\dT`));
  assert.match(t.out, /^ {2}\[LD-MOB-001\] /m);
  const none = await runCli([...DIAG, '--json']);
  assert.deepEqual((JSON.parse(none.out) as { snapshot: { answers: unknown } }).snapshot.answers, {});
  assert.ok(!none.out.includes('"LD-MOB-001"'));
});

test('diagnose runs the after-diagnosis hook (what --bundle registers) once, with the result and the flags, before the report; without a hook it just reports', async () => {
  const saved = diagnoseHooks.afterDiagnosis;
  try {
    const seen: Array<{ sip: string; bundle: unknown; pseudonymise: unknown; printedBefore: number }> = [];
    let printed = 0;
    const io = { out: () => void (printed += 1), err: () => undefined };
    diagnoseHooks.afterDiagnosis = async (result, flags) => {
      seen.push({ sip: result.snapshot.input.sipAddress, bundle: flags.flags.bundle, pseudonymise: flags.flags.pseudonymise, printedBefore: printed });
    };
    assert.equal(await diagnoseCommand([...DIAG.slice(1), '--json', '--bundle', join(dir, 'out.zip'), '--pseudonymise'], io), 1);
    assert.deepEqual(seen, [{ sip: 'kim@fabrikam.com', bundle: join(dir, 'out.zip'), pseudonymise: true, printedBefore: 0 }]);
    assert.equal(printed, 1, 'then the report, once');
    diagnoseHooks.afterDiagnosis = undefined;
    let out = '';
    assert.equal(await diagnoseCommand([...DIAG.slice(1), '--json'], { out: (t) => void (out += t), err: () => undefined }), 1);
    assert.equal((JSON.parse(out) as { snapshot: { input: { sipAddress: string } } }).snapshot.input.sipAddress, 'kim@fabrikam.com');
  } finally {
    diagnoseHooks.afterDiagnosis = saved;
  }
});

test('demo --answers FILE: the file replaces the demo\'s questionnaire (an up-to-date Android phone, a server set up for push): its findings go, the PC\'s stay', async () => {
  const file = join(dir, 'android.json');
  const answers = { mobile: { platform: 'android', osVersion: '14', app: 'Skype for Business', appVersion: '6.30', language: 'English', region: 'United Kingdom' }, server: { imUrlFilterEnabled: 'no', pushNotificationsConfigured: 'yes', pushLyncComFederated: 'yes' } };
  writeFileSync(file, JSON.stringify(answers));
  const base = JSON.parse((await runCli(['demo', '--json'])).out) as { findings: Array<{ checkId: string }> };
  const baseIds = base.findings.map((f) => f.checkId);
  for (const id of ['LD-MOB-001', 'LD-PUSH-001', 'LD-PUSH-002']) assert.ok(baseIds.includes(id), `the demo itself has ${id}`);
  const j = await runCli(['demo', '--json', '--answers', file]);
  assert.equal(j.code, 1, 'the demo PC is still broken (certificates, sign-in)');
  const parsed = JSON.parse(j.out) as { snapshot: { demo: boolean; answers: unknown }; findings: Array<{ checkId: string }> };
  assert.equal(parsed.snapshot.demo, true);
  assert.deepEqual(parsed.snapshot.answers, answers);
  const ids = parsed.findings.map((f) => f.checkId);
  for (const id of ['LD-MOB-001', 'LD-PUSH-001', 'LD-PUSH-002']) assert.ok(!ids.includes(id), `${id} came from the demo's answers: ${ids.join(', ')}`);
  assert.ok(ids.includes('LD-CERT-001'), 'the expired TLS-DSK certificates are the PC\'s');
  const t = await runCli(['demo', '--answers', file]);
  assert.equal(t.code, 1);
  assert.ok(!/\[LD-MOB-001\]/.test(t.out) && /\[LD-CERT-001\]/.test(t.out), t.out);
});

test('the diagnose flags --bundle FILE and --pseudonymise (README: diagnose … [--bundle out.zip]) parse as a value and a switch', () => {
  const p = parseArgs(['--sip-address', 'a@contoso.com', '--bundle', 'out.zip', '--pseudonymise'], DIAGNOSE_FLAGS);
  assert.deepEqual([str(p, 'bundle'), bool(p, 'pseudonymise')], ['out.zip', true]);
});
