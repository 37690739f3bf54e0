/**
 * The built code (dist/, scripts/build.mjs): the bin has its shebang and is executable, worker threads
 * are discovered, and heavy packages load only for the commands that need them (`--help` and `demo`
 * stay light; `kb search` really opens better-sqlite3 — the positive control).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CLI_JS, ensureBuilt } from '../../helpers/cli';

const ROOT = join(__dirname, '..', '..', '..');
const HEAVY = ['node-forge', 'better-sqlite3', 'yaml', 'yazl', 'yauzl', 'quickjs-wasi', 'react-dom'];

/** Runs dist/cli.js in a child and returns which heavy npm packages it loaded by the end. */
function packagesLoaded(args: readonly string[]): { code: number | null; loaded: string[] } {
  ensureBuilt();
  const r = spawnSync(process.execPath, ['-r', join(ROOT, 'test', 'helpers', 'loaded-packages.cjs'), CLI_JS, ...args], { cwd: ROOT, encoding: 'utf8' });
  const line = /LOADED (\[.*\])/.exec(r.stderr ?? '')?.[1];
  assert.ok(line, `no probe output: ${r.stderr}`);
  return { code: r.status, loaded: (JSON.parse(line) as string[]).filter((p) => HEAVY.includes(p)).sort() };
}

test('dist/cli.js is the bin: shebang first, executable', () => {
  ensureBuilt();
  assert.equal(readFileSync(CLI_JS, 'utf8').split('\n')[0], '#!/usr/bin/env node');
  if (process.platform !== 'win32') assert.ok((statSync(CLI_JS).mode & 0o111) !== 0, 'executable bit');
});

test('every *-worker.ts becomes dist/workers/<name>.js', () => {
  ensureBuilt();
  assert.ok(existsSync(join(ROOT, 'dist', 'workers', 'pac-worker.js')));
});

test('--help and demo load no heavy package; kb search loads better-sqlite3', () => {
  assert.deepEqual(packagesLoaded(['--help']), { code: 0, loaded: [] });
  assert.deepEqual(packagesLoaded(['demo', '--json']), { code: 1, loaded: [] });
  const kb = packagesLoaded(['kb', 'search', 'lyncdiscover', '--limit', '1']);
  assert.equal(kb.code, 0);
  assert.ok(kb.loaded.includes('better-sqlite3'), kb.loaded.join());
});
