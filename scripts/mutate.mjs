// `npm run mutate [-- group...]`: StrykerJS per folder group (one group at a time: the machine is small),
// each with its own incremental file, then the mutation score per group from the JSON reports.
// `npm run mutate -- --score` only prints the scores of the last runs, `--files` prints the score per file,
// `--concurrency N` sets Stryker's number of test processes (default from stryker.config.mjs), `--timeoutMS N` its
// per-mutant time limit, `--files-only` and
// `--tests-only` narrow the mutated files and the tests run (see below).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The folders the mutation score is held for (issue 18): Stryker `mutate` globs and the area's tests that must kill them. */
export const GROUPS = {
  checks: {
    mutate: ['main/checks/**/*.ts', '!main/checks/index.ts', '!main/checks/types.ts'],
    tests: ['test/unit/main/checks/**/*.test.ts', 'test/unit/conformance.test.ts'],
  },
  collect: {
    mutate: ['main/collect/windows/parse-*.ts', 'main/collect/autodiscover-parse.ts', 'main/collect/cert-parse.ts', 'main/collect/dns.ts', 'main/collect/proxy-route.ts'],
    tests: ['test/unit/main/collect/**/*.test.ts'],
  },
  redact: { mutate: ['main/bundle/redact*.ts'], tests: ['test/unit/main/bundle/redact*.test.ts', 'test/unit/main/bundle/export-secrets.test.ts'] },
  // The probe's network code (exchange, probe, connect options) is pinned by loopback integration tests too.
  sip: { mutate: ['main/sip/**/*.ts'], tests: ['test/unit/main/sip/**/*.test.ts', 'test/integration/sip/exchange.test.ts', 'test/integration/sip/probe.test.ts', 'test/integration/sip/connect-options.test.ts'] },
  logs: { mutate: ['main/logs/**/*.ts'], tests: ['test/unit/main/logs/**/*.test.ts', 'test/unit/main/collect/sip-logs.test.ts'] },
  // The CLI's own end-to-end tests too: under Stryker test/helpers/cli.ts runs main() in process, so they reach the mutants.
  cli: {
    mutate: ['main/cli/**/*.ts', 'main/cli.ts'],
    tests: ['test/unit/main/cli/**/*.test.ts', 'test/integration/cli/**/*.test.ts', 'test/integration/cli-diagnose-*.test.ts', 'test/integration/fix/cli-fix.test.ts', 'test/integration/sip/cli-log.test.ts', 'test/integration/bundle/round-trip.test.ts', 'test/integration/bundle/fix-journal.test.ts'],
  },
};

const report = (g) => join(root, 'reports', 'mutation', `${g}.json`);

/** Stryker's score: (killed + timeout) / (killed + timeout + survived + no coverage); errors and ignored left out. */
function score(file) {
  const r = JSON.parse(readFileSync(file, 'utf8'));
  const c = { Killed: 0, Timeout: 0, Survived: 0, NoCoverage: 0, Ignored: 0, CompileError: 0, RuntimeError: 0 };
  const perFile = [];
  for (const [name, f] of Object.entries(r.files)) {
    const fc = { detected: 0, undetected: 0 };
    for (const m of f.mutants) {
      c[m.status] = (c[m.status] ?? 0) + 1;
      if (m.status === 'Killed' || m.status === 'Timeout') fc.detected++;
      if (m.status === 'Survived' || m.status === 'NoCoverage') fc.undetected++;
    }
    perFile.push([name, fc]);
  }
  return { c, perFile };
}

const pct = (d, u) => (d + u === 0 ? 'n/a' : `${((100 * d) / (d + u)).toFixed(1)} %`);

/** `file:line-line` ranges (one per line holding a time-out) for re-checking the time-outs alone. */
function timeoutRanges(file) {
  const r = JSON.parse(readFileSync(file, 'utf8'));
  const out = new Set();
  for (const [name, f] of Object.entries(r.files)) for (const m of f.mutants) if (m.status === 'Timeout') out.add(`${name}:${m.location.start.line}-${m.location.end.line}`);
  return [...out];
}

function printScores(groups, verbose) {
  console.log('\ngroup     score     killed  timeout  survived  no-cov  disabled  lower bound');
  console.log('(score = (killed + timeout) / (killed + timeout + survived + no-cov); disabled = `// Stryker disable` equivalent mutants;');
  console.log(' lower bound = killed / the same total: a time-out counts as a kill, but on a loaded machine a slow test times out too)');
  const recheck = [];
  for (const g of groups) {
    if (!existsSync(report(g))) {
      console.log(`${g.padEnd(9)} (not run yet)`);
      continue;
    }
    const { c, perFile } = score(report(g));
    const d = c.Killed + c.Timeout;
    const u = c.Survived + c.NoCoverage;
    console.log(`${g.padEnd(9)} ${pct(d, u).padEnd(9)} ${String(c.Killed).padStart(6)} ${String(c.Timeout).padStart(8)} ${String(c.Survived).padStart(9)} ${String(c.NoCoverage).padStart(7)} ${String(c.Ignored).padStart(9)}  ${pct(c.Killed, c.Timeout + u)}`);
    if (c.Timeout > 0) recheck.push([g, timeoutRanges(report(g))]);
    if (verbose) for (const [name, fc] of perFile) console.log(`    ${pct(fc.detected, fc.undetected).padEnd(9)} ${name} (${fc.undetected} undetected)`);
  }
  for (const [g, ranges] of recheck) {
    console.log(`\n${g}: re-check the time-outs alone, with a longer limit, on a quiet machine (a real hang times out again):`);
    console.log(`  npm run mutate -- ${g} --files-only ${ranges.join(',')} --timeoutMS 60000 --concurrency 1`);
  }
}

const args = process.argv.slice(2);
// `--files-only a.ts,b.ts` narrows the group to some of its files (the incremental file keeps the others' results).
const narrowAt = args.indexOf('--files-only');
const narrow = narrowAt >= 0 ? args.splice(narrowAt, 2)[1] : null;
// `--tests-only a.test.ts,b.test.ts` runs only those of the group's tests (faster; the score is then a lower bound).
const testsAt = args.indexOf('--tests-only');
const testsOnly = testsAt >= 0 ? args.splice(testsAt, 2)[1] : null;
const concAt = args.indexOf('--concurrency');
const concurrency = concAt >= 0 ? args.splice(concAt, 2)[1] : null;
if (concurrency !== null && !/^[1-9]\d*$/.test(concurrency ?? '')) {
  console.error('--concurrency needs a whole number of processes, e.g. --concurrency 1');
  process.exit(2);
}
// `--timeoutMS N`: Stryker's per-mutant time limit on top of the dry run's time (network tests on a busy machine need more).
const timeoutAt = args.indexOf('--timeoutMS');
const timeoutMS = timeoutAt >= 0 ? args.splice(timeoutAt, 2)[1] : null;
if (timeoutMS !== null && !/^[1-9]\d*$/.test(timeoutMS ?? '')) {
  console.error('--timeoutMS needs a whole number of milliseconds, e.g. --timeoutMS 60000');
  process.exit(2);
}
const verbose = args.includes('--files');
const only = args.filter((a) => !a.startsWith('--'));
for (const g of only) if (!GROUPS[g]) {
  console.error(`unknown group "${g}"; groups: ${Object.keys(GROUPS).join(', ')}`);
  process.exit(2);
}
const groups = only.length ? only : Object.keys(GROUPS);
if (!args.includes('--score')) {
  for (const g of groups) {
    console.log(`\n== mutating ${g}: ${GROUPS[g].mutate.join(' ')}`);
    const stryker = join(root, 'node_modules', '@stryker-mutator', 'core', 'bin', 'stryker.js');
    const status = spawnSync(
      process.execPath,
      [stryker, 'run', 'stryker.config.mjs', '--mutate', narrow ?? GROUPS[g].mutate.join(','), ...(concurrency ? ['--concurrency', concurrency] : []), ...(timeoutMS ? ['--timeoutMS', timeoutMS] : [])],
      {
        cwd: root,
        stdio: 'inherit',
        env: {
          ...process.env,
          STRYKER_JSON_REPORT: report(g),
          STRYKER_TEST_FILES: testsOnly ?? GROUPS[g].tests.join(','),
          STRYKER_HTML_REPORT: report(g).replace(/\.json$/, '.html'),
          STRYKER_INCREMENTAL_FILE: join('reports', 'mutation', `${g}.incremental.json`),
        },
      },
    ).status;
    if (status !== 0) {
      console.error(`stryker failed for ${g} (exit ${status})`);
      process.exit(status ?? 2);
    }
  }
}
printScores(groups, verbose);
