/** `lyncdoctor compare` text: facts in words and aligned columns, unchanged facts counted, pseudonymised vs standard by pseudonym. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { exportBundle } from '../../../../main/bundle/export';
import { fitLabel } from '../../../../main/cli/compare';
import { demoSnapshot } from '../../../../main/demo/demo';
import { analyze } from '../../../../main/diagnose';
import { articleLookup } from '../../../../main/kb/lookup';
import type { RedactionLevel } from '../../../../main/model/api';
import type { Snapshot } from '../../../../main/model/snapshot';
import { runCliInProcess as runCli } from '../../../helpers/cli';

let dir = '';
const files: Record<string, string> = {};
async function write(name: string, s: Snapshot, redaction: RedactionLevel): Promise<void> {
  const r = analyze(s, { articles: articleLookup(), at: new Date(s.createdAt) });
  const zip = (await exportBundle({ snapshot: s, findings: r.findings }, { redaction, now: () => new Date(s.createdAt), pseudonym: { key: Buffer.alloc(32, 3) } })).zip;
  files[name] = join(dir, `${name}.zip`);
  writeFileSync(files[name] as string, zip);
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ld-compare-'));
  const s = demoSnapshot();
  const fixed = JSON.parse(JSON.stringify(s)) as Snapshot;
  const dns = (fixed.sections.dns as unknown as { data: { srv: Array<{ records: Array<{ target: string }> }> } }).data;
  for (const x of dns.srv) for (const r of x.records) r.target = r.target.replace('tailspintoys-hosting.net', 'tailspintoys.com');
  await write('std', s, 'standard');
  await write('pse', s, 'pseudonymise');
  await write('fixed', fixed, 'standard');
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('compare text: a fact in words with its before and after in aligned columns; the unchanged ones counted, not listed; exit 1', async () => {
  const r = await runCli(['compare', files.std as string, files.fixed as string]);
  assert.equal(r.code, 1, r.err);
  const lines = r.out.split('\n');
  const head = lines.find((l) => l.trimStart().startsWith('What')) as string;
  const row = lines.find((l) => l.includes('SRV _sip._tls · records')) as string;
  assert.ok(head && row, r.out);
  // "Before" and the row's before value start in the same column.
  assert.equal(row.indexOf('target sip.tailspintoys-hosting.net'), head.indexOf('Before'));
  assert.equal(row.indexOf('target sip.tailspintoys.com'), head.indexOf('After'));
  assert.match(r.out, /^Facts: 1 differ, \d{3} unchanged \(not listed\)$/m);
  assert.match(r.out, /^ {2}- gone {5}\[LD-DNS-004\]/m);
  assert.doesNotMatch(r.out, /data\.srv|records\[/);
  assert.ok(lines.every((l) => l.length <= 132 || !l.startsWith('    ') || l.includes('[LD-')), 'the facts table fits 132 columns');
});

test('compare standard with pseudonymised of the same diagnosis: matched by pseudonym, the same, exit 0; --json adds label, unchanged, matchedBy', async () => {
  const r = await runCli(['compare', files.std as string, files.pse as string]);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /compared by kind/);
  assert.match(r.out, /Findings: 0 new, 0 no longer reported, 0 changed/);
  assert.match(r.out, /The two diagnoses are the same\./);
  const j = JSON.parse((await runCli(['compare', files.std as string, files.fixed as string, '--json'])).out) as { facts: Array<{ area: string; key: string; label: string }>; unchanged: number; matchedBy: string };
  assert.equal(j.matchedBy, 'value');
  assert.ok(j.unchanged > 300);
  assert.deepEqual(j.facts.map((f) => [f.area, f.key, f.label]), [['dns', 'data.srv[sip-tls].records', 'DNS · SRV _sip._tls · records']]);
});

test('fitLabel shortens the item names, never the field at the end', () => {
  assert.equal(fitLabel('TLS-DSK certificate E08083A3… kim.akers@tailspintoys.com · expiry', 44), 'TLS-DSK certificate E08083A3… kim.… · expiry');
  assert.equal(fitLabel('short · x', 40), 'short · x');
});
