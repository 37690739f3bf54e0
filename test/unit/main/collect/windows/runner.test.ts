import assert from 'node:assert/strict';
import { test } from 'node:test';
import { spawnRunner } from '../../../../../main/collect/windows/runner';

test('spawnRunner captures output and exit code of a real process', async () => {
  const r = await spawnRunner(process.execPath, ['-e', 'process.stdout.write("hi"); process.stderr.write("e"); process.exit(3)'], { timeoutMs: 10_000 });
  assert.deepEqual([r.code, r.stdout, r.stderr, r.timedOut], [3, 'hi', 'e', false]);
});

test('spawnRunner kills a process that outlives its timeout', async () => {
  const r = await spawnRunner(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { timeoutMs: 200 });
  assert.equal(r.timedOut, true);
  assert.equal(r.code, null);
});

test('spawnRunner caps output', async () => {
  const r = await spawnRunner(process.execPath, ['-e', 'process.stdout.write("x".repeat(100000))'], { timeoutMs: 10_000, maxBytes: 1000 });
  assert.equal(r.stdout.length, 1000);
  assert.equal(r.truncated, true);
});

test('spawnRunner reports a missing command without throwing', async () => {
  const r = await spawnRunner('definitely-not-a-command-xyz', [], { timeoutMs: 1000 });
  assert.ok(r.spawnError);
  assert.equal(r.code, null);
});
