// `npm test`: typecheck, then node's test runner over test/**/*.test.ts, every test process (and any
// node process it spawns) under the loopback guard, so no test can reach beyond 127.0.0.0/8 and ::1.
// `npm test -- test/unit/main/kb` runs only the files under the given paths.
import { spawn, spawnSync } from 'node:child_process';
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
// The output is passed through as it comes and read on the way: at the end, every failed test is listed again
// with its file and first error line, so a failure deep in a long CI log is named in its last lines.
const child = spawn(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', ...files], { cwd: root, stdio: ['inherit', 'pipe', 'inherit'], env });
const failed = [];
let pending = '';
let current = null; // the failed test whose YAML block is being read
const readLine = (line) => {
  const m = /^(\s*)not ok \d+ - (.*)$/.exec(line);
  if (m) {
    current = /#\s*(TODO|SKIP)\b/i.test(m[2]) ? null : { name: m[2], depth: m[1].length / 4, location: '', error: '' };
    if (current) failed.push(current);
    return;
  }
  // An error thrown after its test ended fails the run without a "not ok" line of its own: name it too.
  if (/asynchronous activity after the test ended|triggered an? (uncaughtException|unhandledRejection)/.test(line)) {
    failed.push({ name: line.replace(/^\s*#\s*/, '').slice(0, 400), depth: 0, location: '', error: '' });
    return;
  }
  if (!current) return;
  const loc = /^\s*location: '(.*)'$/.exec(line);
  if (loc) current.location = loc[1];
  const err = /^\s*error: \|?-?\s*(.*)$/.exec(line);
  if (err && !current.error) current.error = err[1] || '(next line)';
  else if (current.error === '(next line)' && line.trim()) current.error = line.trim();
  if (/^\s*\.\.\.$/.test(line)) current = null;
};
child.stdout.on('data', (chunk) => {
  process.stdout.write(chunk);
  const lines = (pending + chunk.toString('utf8')).split('\n');
  pending = lines.pop() ?? '';
  for (const l of lines) readLine(l);
});
child.on('close', (code, signal) => {
  if (pending) readLine(pending);
  // TAP prints subtests before their parent, so a failed subtest comes right above the suite it failed.
  const leaves = failed;
  if (leaves.length > 0) {
    console.log(`\n# ${leaves.length} failed test${leaves.length === 1 ? '' : 's'}:`);
    for (const f of leaves) console.log(`#   ${'  '.repeat(f.depth)}${f.name}${f.location ? `  (${f.location})` : ''}${f.error ? `\n#   ${'  '.repeat(f.depth)}  ${f.error.slice(0, 300)}` : ''}`);
  }
  process.exit(code ?? (signal ? 1 : 0));
});
