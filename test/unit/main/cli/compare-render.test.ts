// renderCompare on comparisons written here (findings and facts chosen per case), so each line of the text follows
// from the input: the findings' three kinds, the facts table's columns, wrapping, grouping by area, the "same" line.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fitLabel, renderCompare } from '../../../../main/cli/compare';
import type { CompareResult } from '../../../../main/model/api';
import type { Finding } from '../../../../main/model/finding';
import { runCli } from '../../../helpers/cli';

const dir = mkdtempSync(join(tmpdir(), 'ld-compare-render-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const f = (checkId: string, severity: Finding['severity'], message: string): Finding => ({ checkId, severity, message }) as unknown as Finding;
const EMPTY: CompareResult = { appeared: [], disappeared: [], changed: [], facts: [], unchanged: 0, matchedBy: 'value' };
type Fact = CompareResult['facts'][number];
const fact = (area: string, label: string, before: string, after: string): Fact => ({ area, key: `k.${label}`, label, before, after });

test('findings: gone, new, changed (before, then the after severity and message under it); the counts line first', () => {
  const out = renderCompare({ ...EMPTY, disappeared: [f('LD-A-001', 'error', 'gone one')], appeared: [f('LD-B-002', 'warning', 'new one')], changed: [{ before: f('LD-C-003', 'warning', 'was'), after: f('LD-C-003', 'error', 'is') }] }, 'a.zip', 'b.zip');
  assert.deepEqual(out.split('\n'), [
    'Comparing a.zip (before) with b.zip (after)', '',
    'Findings: 1 new, 1 no longer reported, 1 changed',
    '  - gone     [LD-A-001] error: gone one',
    '  + new      [LD-B-002] warning: new one',
    '  ~ changed  [LD-C-003] warning: was',
    '             → error: is',
    '', 'Facts: 0 differ, 0 unchanged (not listed)',
  ]);
});

test('nothing differs: the "same" sentence; pseudonymised: the note on comparing by kind after the title', () => {
  assert.deepEqual(renderCompare({ ...EMPTY, unchanged: 12 }, 'a', 'b').split('\n'), ['Comparing a (before) with b (after)', '', 'Findings: 0 new, 0 no longer reported, 0 changed', '', 'Facts: 0 differ, 12 unchanged (not listed)', '', 'The two diagnoses are the same.']);
  const p = renderCompare({ ...EMPTY, matchedBy: 'pseudonym' }, 'a', 'b').split('\n');
  assert.deepEqual(p.slice(0, 4), ['Comparing a (before) with b (after)', '', 'One bundle is pseudonymised: names, addresses, users and thumbprints are compared by kind (a renamed host is not seen).', '']);
  // any one difference is enough to leave the sentence out
  for (const r of [{ appeared: [f('X', 'info', 'm')] }, { disappeared: [f('X', 'info', 'm')] }, { changed: [{ before: f('X', 'info', 'm'), after: f('X', 'error', 'n') }] }, { facts: [fact('dns', 'DNS · a', '1', '2')] }]) {
    assert.ok(!renderCompare({ ...EMPTY, ...r }, 'a', 'b').includes('the same'), JSON.stringify(r));
  }
});

test('facts: the area title once per area, the label without it, the What column as wide as the longest label (at most 50), values in 36 columns', () => {
  const out = renderCompare({ ...EMPTY, facts: [fact('dns', 'DNS · SRV · target', 'a', 'b'), fact('dns', 'DNS · lyncdiscover · outcome', 'nxdomain', 'answer'), fact('clock', 'Clock · skew', '5', ''), fact('other', 'bare label', 'x', 'y')], unchanged: 3 }, 'a', 'b');
  const lines = out.split('\n');
  const at = lines.indexOf('Facts: 4 differ, 3 unchanged (not listed)');
  const w = 'lyncdiscover · outcome'.length; // the longest label once its area is taken off ("bare label" has none)
  assert.deepEqual(lines.slice(at + 1), [
    `    ${'What'.padEnd(w)}  ${'Before'.padEnd(36)}  After`,
    '  DNS',
    `    ${'SRV · target'.padEnd(w)}  ${'a'.padEnd(36)}  b`,
    `    ${'lyncdiscover · outcome'.padEnd(w)}  ${'nxdomain'.padEnd(36)}  answer`,
    '  Clock',
    `    ${'skew'.padEnd(w)}  5`,
    '  bare label',
    `    ${'bare label'.padEnd(w)}  ${'x'.padEnd(36)}  y`,
  ]);
  const long = 'x'.repeat(70);
  const wide = renderCompare({ ...EMPTY, facts: [fact('dns', `DNS · ${long}`, 'a', 'b')] }, 'a', 'b').split('\n');
  assert.equal(wide.at(-3), `    ${'What'.padEnd(50)}  ${'Before'.padEnd(36)}  After`);
  assert.equal(wide.at(-1), `    ${fitLabel(long, 50)}  ${'a'.padEnd(36)}  b`);
  assert.equal(fitLabel(long, 50), `${'x'.repeat(49)}…`, 'one long word is cut with an ellipsis');
});

test('facts: a long value wraps in its column after the last space past half the width, at most three lines, the rest cut with …', () => {
  const words = 'alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigma tau upsilon';
  const out = renderCompare({ ...EMPTY, facts: [fact('dns', 'DNS · v', words, 'short')] }, 'a', 'b').split('\n');
  const rows = out.slice(out.indexOf('  DNS') + 1);
  // label "v": the What column keeps the width of its heading (4), so the values start under Before and After
  assert.deepEqual(rows.map((r) => r.slice(4 + 4 + 2, 4 + 4 + 2 + 36).trimEnd()), ['alpha beta gamma delta epsilon zeta', 'eta theta iota kappa lambda mu nu xi', 'omicron pi rho sigma tau upsilon']);
  assert.equal(rows[0]?.slice(4 + 4 + 2 + 36 + 2), 'short');
  assert.equal(rows.length, 3);
  // no space past half the column: cut at the width
  const solid = 'y'.repeat(100);
  const s = renderCompare({ ...EMPTY, facts: [fact('dns', 'DNS · v', 'b', solid)] }, 'a', 'b').split('\n');
  const sr = s.slice(s.indexOf('  DNS') + 1).map((r) => r.slice(4 + 4 + 2 + 36 + 2));
  assert.deepEqual(sr, ['y'.repeat(36), 'y'.repeat(36), 'y'.repeat(28)]);
  const tooLong = 'z'.repeat(200);
  const t = renderCompare({ ...EMPTY, facts: [fact('dns', 'DNS · v', 'b', tooLong)] }, 'a', 'b').split('\n');
  assert.equal(t.at(-1)?.slice(4 + 4 + 2 + 36 + 2), `${'z'.repeat(35)}…`);
  // a space only in the first half of the column is not used: the line is cut at the width
  const early = `ab ${'q'.repeat(60)}`;
  const e = renderCompare({ ...EMPTY, facts: [fact('dns', 'DNS · v', early, 'b')] }, 'a', 'b').split('\n');
  assert.equal(e[e.indexOf('  DNS') + 1]?.slice(10, 10 + 36), early.slice(0, 36));
  // a value exactly the column wide stays on one line
  const exact = renderCompare({ ...EMPTY, facts: [fact('dns', 'DNS · v', 'w'.repeat(36), 'b')] }, 'a', 'b').split('\n');
  assert.equal(exact.length, exact.indexOf('  DNS') + 2);
});

test('fitLabel: shortens the longest item name first, keeps at least 6 characters of it and the last part whole; when that is not enough the end is cut', () => {
  // 35 characters into 30: the longest item loses the 5 over and one more for the ellipsis
  assert.equal(fitLabel('abcdefghijklmnop · qrstuvwxyz · end', 30), 'abcdefghij… · qrstuvwxyz · end');
  // both items down to 6 characters and the ellipsis (23 characters) still do not fit 22: then the end is cut
  assert.equal(fitLabel('abcdefghijklmnop · qrstuvwxyz · end', 23), 'abcdef… · qrstuv… · end');
  assert.equal(fitLabel('abcdefghijklmnop · qrstuvwxyz · end', 22), 'abcdef… · qrstuv… · e…');
  // items of 8 characters or fewer are not shortened: the whole label is cut at the end instead
  assert.equal(fitLabel('abcdefgh · abcdefgh · the-field-name', 20), 'abcdefgh · abcdefgh…');
  assert.equal(fitLabel('one-part-only-and-long', 10), 'one-part-…');
  assert.equal(fitLabel('exact · ten', 11), 'exact · ten');
});

test('compare usage: one or three bundles is a usage error; a bundle that cannot be read is named in the reason (exit 2)', async () => {
  for (const argv of [['compare'], ['compare', 'a.zip'], ['compare', 'a.zip', 'b.zip', 'c.zip']]) {
    const r = await runCli(argv);
    assert.deepEqual([r.code, r.out, r.err], [2, '', 'lyncdoctor compare: usage: lyncdoctor compare BEFORE.zip AFTER.zip [--json]\n'], argv.join(' '));
  }
  const junk = join(dir, 'junk.zip');
  writeFileSync(junk, 'not a zip');
  const r = await runCli(['compare', junk, join(dir, 'other.zip')]);
  assert.deepEqual([r.code, r.out], [2, '']);
  assert.match(r.err, new RegExp(`^lyncdoctor compare: ${junk.replace(/[.\\/]/g, '\\$&')}: not a readable zip`));
});
