/**
 * splitTraceLine's one distance limit: the " ::" separator must come within 80 characters of the pipe (PID:TID and
 * the level are short), so a line that merely starts like a date and holds " ::" far away is not read as a trace
 * line. At the limit and one past it (the line's shape follows the UccApilog prefix, see pin-trace-line-pure).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { splitTraceLine } from '../../../../main/logs/trace-line';

const head = '04/16/2013|03:17:30.168 1F68:C14 ';

test('" ::" at 80 characters after the pipe: a trace line; at 81: not', () => {
  const at80 = `${head}${'L'.repeat(90 - head.length)} :: text`;
  const at81 = `${head}${'L'.repeat(91 - head.length)} :: text`;
  assert.equal(at80.indexOf(' ::') - at80.indexOf('|'), 80);
  assert.equal(at81.indexOf(' ::') - at81.indexOf('|'), 81);
  const t = splitTraceLine(at80);
  assert.ok(t);
  assert.deepEqual([t.format, t.level, t.text], ['ucc', 'L'.repeat(90 - head.length), 'text']);
  assert.equal(splitTraceLine(at81), null);
});
