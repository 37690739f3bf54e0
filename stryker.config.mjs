// StrykerJS mutation testing (`npm run mutate`, driven per folder by scripts/mutate.mjs).
// The tap runner starts one node process per test file (node's test runner prints TAP when piped),
// with tsx for TypeScript and the loopback guard like `npm test`. Coverage is per test file, so a
// mutant only re-runs the test files that reach it. Incremental: a rerun only mutates what changed.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
const config = {
  plugins: ['@stryker-mutator/tap-runner'],
  testRunner: 'tap',
  tap: {
    // scripts/mutate.mjs passes each folder's own tests: a plausible bug must turn the area's tests red.
    testFiles: (process.env.STRYKER_TEST_FILES ?? 'test/unit/main/**/*.test.ts').split(','),
    nodeArgs: ['-r', '{{hookFile}}', '--import', 'tsx', '--import', './test/helpers/loopback-guard.mjs'],
    forceBail: true,
  },
  coverageAnalysis: 'perTest',
  // The tap runner records coverage per test file, module load included, so module-level mutants (tables,
  // check metadata) are run against the files that load them like any other (it reports no static coverage).
  checkers: [],
  concurrency: 2,
  timeoutMS: 20000,
  timeoutFactor: 2,
  incremental: true,
  incrementalFile: process.env.STRYKER_INCREMENTAL_FILE ?? 'reports/stryker-incremental.json',
  reporters: ['progress', 'json', 'html'],
  jsonReporter: { fileName: process.env.STRYKER_JSON_REPORT ?? 'reports/mutation/mutation.json' },
  htmlReporter: { fileName: process.env.STRYKER_HTML_REPORT ?? 'reports/mutation/mutation.html' },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
  ignorePatterns: ['dist', 'dist-bench', 'out', 'bench/out', 'reports', 'test/e2e/screenshots', '*.sqlite', '.tmp'],
  disableTypeChecks: '{main,test}/**/*.{ts,tsx}',
};
export default config;
