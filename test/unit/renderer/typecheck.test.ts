import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

// The root typecheck does not cover renderer/ (its own tsconfig: DOM lib, no Node types), so npm test runs it here.
test('renderer/ typechecks under its own tsconfig (DOM, no Node types)', () => {
  const root = join(__dirname, '..', '..', '..');
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  const r = spawnSync(process.execPath, [tsc, '-p', join(root, 'renderer', 'tsconfig.json')], { encoding: 'utf8', timeout: 120_000 });
  assert.equal(r.status, 0, `${r.stdout}${r.stderr}`);
});
