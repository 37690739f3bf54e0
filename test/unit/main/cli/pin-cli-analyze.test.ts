// `lyncdoctor analyze IN.zip [--json]` (README "Diagnostic bundles": the current checks on an imported bundle's
// Snapshot, same output and exit codes as diagnose): the head line from the bundle's manifest, the blank line,
// then diagnose's report; the drift note counting each kind of difference on its own; --json as diagnose's.
// Bundles are written here from chosen findings, so each count follows from the input.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { exportBundle } from '../../../../main/bundle/export';
import { renderReport } from '../../../../main/cli/render-text';
import { demoSnapshot } from '../../../../main/demo/demo';
import { analyze } from '../../../../main/diagnose';
import { articleLookup } from '../../../../main/kb/lookup';
import type { Finding } from '../../../../main/model/finding';
import type { Snapshot } from '../../../../main/model/snapshot';
import { TOOL_VERSION } from '../../../../main/version';
import { runCliInProcess as runCli } from '../../../helpers/cli';
import { baseSnapshot } from '../../../helpers/snapshot';

const dir = mkdtempSync(join(tmpdir(), 'ld-pin-analyze-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const EXPORTED = '2026-12-02T08:30:00.000Z';

async function bundle(name: string, snapshot: Snapshot, findings: readonly Finding[], redaction: 'standard' | 'pseudonymise' = 'standard'): Promise<string> {
  const file = join(dir, name);
  const b = await exportBundle({ snapshot, findings }, { redaction, now: () => new Date(EXPORTED), ...(redaction === 'pseudonymise' ? { pseudonym: { key: Buffer.alloc(32, 7) } } : {}) });
  writeFileSync(file, b.zip);
  return file;
}

test('analyze text: "Imported FILE: exported WHEN by Lync Doctor VERSION, redaction LEVEL; checks judged as of SNAPSHOT TIME", a blank line, then the diagnosis report; exit 0 without an error finding', async () => {
  const s = baseSnapshot({ dns: { status: 'ok', message: 'answered', durationMs: 4 } as never });
  const zip = await bundle('plain.zip', s, []);
  const r = await runCli(['analyze', zip]);
  assert.deepEqual([r.code, r.err], [0, '']);
  const lines = r.out.trimEnd().split('\n');
  assert.equal(lines[0], `Imported ${zip}: exported ${EXPORTED} by Lync Doctor ${TOOL_VERSION}, redaction standard; checks judged as of ${s.createdAt}`);
  assert.equal(lines[1], '');
  // the rest is what diagnose prints for the same Snapshot and findings (none here)
  assert.equal(lines.slice(2).join('\n'), renderReport(s, []));
  assert.ok(lines.includes('  No known issue matched the collected facts.'));

  const p = await runCli(['analyze', await bundle('pseudo.zip', s, [], 'pseudonymise')]);
  assert.equal(p.code, 0, p.err);
  assert.match(p.out.split('\n')[0] as string, /, redaction pseudonymise; checks judged as of /);
});

test('analyze --json: { snapshot, findings, cause } as diagnose --json; exit 1 when a finding is an error, in text and JSON alike', async () => {
  const s = baseSnapshot();
  const none = await runCli(['analyze', await bundle('none.zip', s, []), '--json']);
  assert.equal(none.code, 0, none.err);
  assert.deepEqual(JSON.parse(none.out), { snapshot: s, findings: [], cause: null });

  const demo = { ...demoSnapshot(), demo: false };
  const findings = analyze(demo, { articles: articleLookup() }).findings;
  assert.ok(findings.some((f) => f.severity === 'error'), 'the demo PC has error findings');
  const zip = await bundle('demo.zip', demo, findings);
  const j = await runCli(['analyze', zip, '--json']);
  assert.equal(j.code, 1, j.err);
  const parsed = JSON.parse(j.out) as { findings: Finding[]; cause: { checkId: string } | null };
  assert.deepEqual(parsed.findings.map((f) => f.checkId), findings.map((f) => f.checkId));
  assert.ok(parsed.cause !== null);
  const t = await runCli(['analyze', zip]);
  assert.equal(t.code, 1, t.err);
  // recorded with the same findings the current checks give: no drift note, the report follows the head at once
  assert.equal(t.out.split('\n')[1], '');
  assert.ok(!t.out.includes('Note: this Lync Doctor'));
});

test('analyze: the drift note counts new, gone and changed findings each on its own, and their sum', async () => {
  const demo = { ...demoSnapshot(), demo: false };
  const now = analyze(demo, { articles: articleLookup() }).findings;
  const once = (f: Finding) => now.filter((x) => x.checkId === f.checkId).length === 1;
  const [dropped, altered] = now.filter(once);
  assert.ok(dropped && altered, 'two checks with one finding each');
  const ids = new Set(now.map((f) => f.checkId));
  const extraId = ['LD-CLOCK-001', 'LD-MOB-002', 'LD-TLS-012'].find((id) => !ids.has(id)) as string;
  const recorded: Finding[] = [
    ...now.filter((f) => f !== dropped).map((f) => (f === altered ? { ...f, severity: f.severity === 'info' ? 'warning' : 'info' } as Finding : f)),
    { ...altered, checkId: extraId, evidence: [{ label: 'only then', value: 'x' }] },
    { ...altered, checkId: extraId, evidence: [{ label: 'only then', value: 'y' }] },
  ];
  const r = await runCli(['analyze', await bundle('drift3.zip', demo, recorded)]);
  assert.equal(r.code, 1, r.err);
  // 1 new (dropped from the record), 2 gone (recorded, not found now), 1 changed (another severity): 4 in all
  assert.equal(r.out.split('\n')[1], "  Note: this Lync Doctor's checks differ from the exporting one's on 4 finding(s) (1 new, 2 gone, 1 changed).");
  assert.equal(r.out.split('\n')[2], '');
});
