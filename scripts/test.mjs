// `npm test`: typecheck, then node's test runner over test/**/*.test.ts, every test process (and any
// node process it spawns) under the loopback guard, so no test can reach beyond 127.0.0.0/8 and ::1.
// `npm test -- test/unit/main/kb` runs only the files under the given paths.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const run = (args, env = process.env) => spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit', env }).status ?? 1;

function find(dir) {
  const out = [];
  for (const e of readdirSync(dir)) {
    const p = join(dir, e);
    if (e === 'node_modules' || e === 'screenshots') continue;
    if (statSync(p).isDirectory()) out.push(...find(p));
    else if (e.endsWith('.test.ts')) out.push(relative(root, p));
  }
  return out;
}

const only = process.argv.slice(2);
// The CLI and E2E tests run the built code (dist/): build it first (nothing is rebuilt when unchanged).
if (run([join(root, 'scripts', 'build.mjs'), '--quiet']) !== 0) {
  console.error('build failed: 0 passed, 1 failed');
  process.exit(1);
}
if (only.length === 0) {
  const tsc = run([join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json', '--noEmit']);
  if (tsc !== 0) {
    console.error('typecheck failed: 0 passed, 1 failed');
    process.exit(tsc);
  }
}
const files = find(join(root, 'test'))
  .filter((f) => only.length === 0 || only.some((o) => f.startsWith(o.replace(/^\.\//, ''))))
  .sort();
if (files.length === 0) {
  // node --test without files would run every *test* file it finds (scripts included): refuse instead.
  console.error(`no test files under ${only.join(', ')}: 0 passed, 1 failed`);
  process.exit(1);
}
const guard = pathToFileURL(join(root, 'test', 'helpers', 'loopback-guard.mjs')).href;
const env = { ...process.env, LYNCDOCTOR_TEST_BUILT: '1', NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import ${guard}`.trim() };
process.exit(run(['--import', 'tsx', '--test', '--test-concurrency=2', ...files], env));
