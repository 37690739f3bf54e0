// `lyncdoctor compare` text, the edges of its facts table (README "Diagnostic bundles"; main/cli/compare.ts's rules):
// a value breaks after a space only when that space is past half the 36-column width; a shortened item name never
// ends in a space before its ellipsis; of two equally long item names the first is shortened first.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fitLabel, renderCompare } from '../../../../main/cli/compare';
import type { CompareResult } from '../../../../main/model/api';

const EMPTY: CompareResult = { appeared: [], disappeared: [], changed: [], facts: [], unchanged: 0, matchedBy: 'value' };
/** The Before column of each row of a one-fact table (label "v": the What column is 4 wide, "What"). */
function beforeColumn(value: string): string[] {
  const lines = renderCompare({ ...EMPTY, facts: [{ area: 'dns', key: 'k', label: 'DNS · v', before: value, after: 'x' }] }, 'a', 'b').split('\n');
  return lines.slice(lines.indexOf('  DNS') + 1).map((l) => l.slice(4 + 4 + 2, 4 + 4 + 2 + 36).trimEnd());
}

test('a label shorter than the heading "What": the column keeps the heading\'s width, values start under Before and After (was: under "What  B")', () => {
  const lines = renderCompare({ ...EMPTY, facts: [{ area: 'dns', key: 'k', label: 'DNS · v', before: 'old', after: 'new' }] }, 'a', 'b').split('\n');
  const head = lines.find((l) => l.trimStart().startsWith('What')) as string;
  const row = lines.at(-1) as string;
  assert.equal(row.indexOf('old'), head.indexOf('Before'));
  assert.equal(row.indexOf('new'), head.indexOf('After'));
  assert.equal(row.indexOf('v'), head.indexOf('What'));
});

test('wrap: a space exactly at half the column (18) is not used, the line is cut at 36; one just past half (19) is', () => {
  const at18 = `${'a'.repeat(18)} ${'b'.repeat(40)}`;
  assert.deepEqual(beforeColumn(at18), [at18.slice(0, 36), at18.slice(36)]);
  const at19 = `${'a'.repeat(19)} ${'b'.repeat(40)}`;
  assert.deepEqual(beforeColumn(at19), ['a'.repeat(19), 'b'.repeat(36), 'bbbb']);
});

test('fitLabel: the shortened item loses a trailing space before its ellipsis; of equally long items the first goes first', () => {
  // 23 characters into 13: the item keeps its 6 first characters "abcde " and the space is dropped
  assert.equal(fitLabel('abcde fghijklmnop · end', 13), 'abcde… · end');
  // two 10-character items, 29 into 25: the first is cut (4 over + the ellipsis), then the second by what is left over
  assert.equal(fitLabel('abcdefghij · klmnopqrst · end', 25), 'abcdef… · klmnopqr… · end');
});

test('fitLabel: the field at the end stays whole even when it is the longest part', () => {
  assert.equal(fitLabel('abcdefghij · klmnopqrstuvwxyz', 25), 'abcdef… · klmnopqrstuvwx…');
});

test('wrap: at most three lines (the third cut with …); a rest exactly the column wide is shown whole; continuation lines leave the other columns blank', () => {
  const lines = (before: string, after: string): string[] => {
    const out = renderCompare({ ...EMPTY, facts: [{ area: 'dns', key: 'k', label: 'DNS · v', before, after }] }, 'a', 'b').split('\n');
    return out.slice(out.indexOf('  DNS') + 1);
  };
  const z = lines('z'.repeat(200), 'x');
  assert.deepEqual(z, [`    v     ${'z'.repeat(36)}  x`, `          ${'z'.repeat(36)}`, `          ${'z'.repeat(35)}…`]);
  // 72 characters: two full lines, nothing cut
  assert.deepEqual(lines('q'.repeat(72), 'x'), [`    v     ${'q'.repeat(36)}  x`, `          ${'q'.repeat(36)}`]);
  // the After value longer: the What and Before columns stay blank under the first line
  assert.deepEqual(lines('b', 'y'.repeat(50)), [`    v     ${'b'.padEnd(36)}  ${'y'.repeat(36)}`, `          ${''.padEnd(36)}  ${'y'.repeat(14)}`]);
});

test('"The two diagnoses are the same." only when nothing at all differs: any two kinds of difference together leave it out', () => {
  const fi = { checkId: 'LD-X-001', severity: 'info', message: 'm' } as never;
  const kinds = {
    appeared: { appeared: [fi] },
    disappeared: { disappeared: [fi] },
    changed: { changed: [{ before: fi, after: fi }] },
    facts: { facts: [{ area: 'dns', key: 'k', label: 'DNS · v', before: '1', after: '2' }] },
  };
  for (const [a, x] of Object.entries(kinds)) for (const [b, y] of Object.entries(kinds)) {
    if (a === b) continue;
    assert.ok(!renderCompare({ ...EMPTY, ...x, ...y }, 'a', 'b').includes('are the same'), `${a} + ${b}`);
  }
});
