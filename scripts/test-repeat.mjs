// `npm run test:repeat -- <path> [N]`: runs the test files under <path> N times (default 20), each run in
// a fresh node --test process exactly as `npm test -- <path>` runs them (loopback guard, tsx, built dist/),
// and reports which tests failed in which run. Exit code 1 when any run failed.
//   npm run test:repeat -- test/unit/main/bundle/export-secrets.test.ts 40
//   npm run test:repeat -- test 3            (the whole suite three times; the typecheck is not repeated)
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const n = args.length > 1 && /^\d+$/.test(args[args.length - 1]) ? Number(args.pop()) : 20;
if (args.length === 0 || n < 1) {
  console.error('usage: npm run test:repeat -- <path under test/>... [N]');
  process.exit(2);
}

const failures = new Map(); // test name -> runs it failed in
let failedRuns = 0;
const started = Date.now();
for (let i = 1; i <= n; i++) {
  const t0 = Date.now();
  const r = spawnSync(process.execPath, [join(root, 'scripts', 'test.mjs'), ...args], { cwd: root, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const out = `${r.stdout}\n${r.stderr}`;
  const failed = [...out.matchAll(/^\s*not ok \d+ - (.*)$/gm)].map((m) => m[1].trim());
  const count = (k) => Number(out.match(new RegExp(`^# ${k} (\\d+)`, 'm'))?.[1] ?? NaN);
  const ok = r.status === 0;
  if (!ok) failedRuns++;
  for (const f of failed) failures.set(f, [...(failures.get(f) ?? []), i]);
  console.log(`run ${String(i).padStart(String(n).length)}/${n}: ${ok ? 'ok  ' : 'FAIL'} pass ${count('pass')} fail ${count('fail')} skipped ${count('skipped')} in ${((Date.now() - t0) / 1000).toFixed(1)} s${!ok && failed.length === 0 ? ` (exit ${r.status}: ${out.trim().split('\n').slice(-3).join(' | ')})` : ''}`);
}
console.log(`\n${n - failedRuns} of ${n} runs passed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
for (const [name, runs] of [...failures].sort((a, b) => b[1].length - a[1].length)) console.log(`  failed ${runs.length}×: ${name}  (runs ${runs.join(', ')})`);
process.exit(failedRuns ? 1 : 0);
