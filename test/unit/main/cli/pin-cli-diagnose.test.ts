// `lyncdoctor diagnose` end to end (README "The command line"): --answers FILE's questionnaire facts are kept in the
// Snapshot and checked like everything else (iOS 9.1 with English language and Sweden region: LD-MOB-001, README's
// own example); the text report's head names the SIP address; the bundle hook runs before the report is printed.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
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
