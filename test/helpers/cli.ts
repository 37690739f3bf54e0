/**
 * Runs the built CLI (dist/cli.js, what `lyncdoctor` and `npm run lyncdoctor` run) as its own process and
 * captures its output and exit code. `npm test` builds dist/ first (scripts/build.mjs, nothing rebuilt when
 * unchanged); run outside it, the first call builds. The child inherits NODE_OPTIONS, so the loopback
 * guard applies to it too.
 */
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';

export interface CliRun {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

const ROOT = join(__dirname, '..', '..');
/** The built CLI every CLI test runs. */
export const CLI_JS = join(ROOT, 'dist', 'cli.js');
let built = process.env.LYNCDOCTOR_TEST_BUILT === '1';

/** Builds dist/ once per test process unless the test runner already did. */
export function ensureBuilt(): void {
  if (built) return;
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs'), '--quiet'], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`dist/ could not be built: ${r.stderr || r.stdout}`);
  built = true;
}

export interface CliOptions {
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly cwd?: string;
  readonly timeoutMs?: number;
}

/**
 * Under StrykerJS (`npm run mutate`) the active mutant lives in this test process: a child built from the sandbox
 * would run the code unmutated, so every mutant would "survive". There the same tests run main() in process
 * (what dist/cli.js runs, minus its two-line process wrapper); everywhere else the real built CLI is spawned.
 */
const UNDER_STRYKER = (globalThis as Record<string, unknown>)[process.env.STRYKER_NAMESPACE ?? '__stryker__'] !== undefined;

/**
 * A fixed identity for this PC: a pseudonymised bundle replaces the local user and computer names, so the
 * machine's own (a CI host named like a word our texts use, say) must not change what a test sees.
 */
const TEST_IDENTITY = { COMPUTERNAME: 'LDTEST-PC42', USERNAME: 'ldtester' } as const;

/** `node dist/cli.js …argv`: resolves with the exit code and both streams (never rejects on a non-zero exit). */
export async function runCli(argv: readonly string[], opts: CliOptions = {}): Promise<CliRun> {
  if (UNDER_STRYKER) return runCliInProcess(argv, opts);
  ensureBuilt();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI_JS, ...argv], {
      cwd: opts.cwd ?? ROOT,
      env: { ...process.env, ...TEST_IDENTITY, ...opts.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 60_000);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? (signal ? 128 : 2), out, err });
    });
  });
}

/** In-process runs one at a time: each swaps process.env and the working directory for its own while it runs. */
let inProcessQueue: Promise<unknown> = Promise.resolve();

/**
 * The CLI from sources in this process: for unit tests that inject dependencies (e.g. kbCommandDeps), and what
 * runCli does under StrykerJS. It sees what the spawned CLI would: the same fixed identity and `opts.env` over
 * process.env (a value undefined removes the variable), `opts.cwd` as the working directory (else the repository
 * root); both are put back afterwards. `timeoutMs` does not apply (nothing to kill).
 */
export async function runCliInProcess(argv: readonly string[], opts: Omit<CliOptions, 'timeoutMs'> = {}): Promise<CliRun> {
  const run = inProcessQueue.then(() => runInProcessNow(argv, opts));
  inProcessQueue = run.catch(() => undefined);
  return run;
}

async function runInProcessNow(argv: readonly string[], opts: Omit<CliOptions, 'timeoutMs'>): Promise<CliRun> {
  const { main } = await import('../../main/cli.js');
  const overlay: Record<string, string | undefined> = { ...TEST_IDENTITY, ...opts.env };
  const saved = new Map(Object.keys(overlay).map((k) => [k, process.env[k]]));
  const savedCwd = process.cwd();
  for (const [k, v] of Object.entries(overlay)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  process.chdir(opts.cwd ?? ROOT);
  let out = '';
  let err = '';
  try {
    // the same line ends as processIo writes them
    const code = await main(argv, { out: (t: string) => (out += t.endsWith('\n') ? t : `${t}\n`), err: (t: string) => (err += t.endsWith('\n') ? t : `${t}\n`) });
    return { code, out, err };
  } finally {
    process.chdir(savedCwd);
    for (const [k, v] of saved) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}
