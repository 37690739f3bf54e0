/** Whole-process timing for the benchmarks: what a technician waits for, process start included. */
import { spawn } from 'node:child_process';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..');
/** The built CLI (npm run bench builds dist/ first). */
export const CLI_JS = join(ROOT, 'dist', 'cli.js');

/** Median of a list of numbers. */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

export interface ProcessRun {
  readonly ms: number;
  readonly code: number | null;
  readonly out: string;
  readonly err: string;
}

/** Runs `node …args` (or another command) to its end, asynchronously (loopback labs keep serving in this process). */
export function timeProcess(args: readonly string[], opts: { command?: string; env?: NodeJS.ProcessEnv; cwd?: string } = {}): Promise<ProcessRun> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(opts.command ?? process.execPath, args, { cwd: opts.cwd ?? ROOT, env: opts.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ ms: performance.now() - t0, code, out, err }));
  });
}

/** Median wall time of `runs` runs of the same command (one unmeasured warm-up run first). */
export async function medianProcess(args: readonly string[], runs: number, opts: Parameters<typeof timeProcess>[1] = {}): Promise<{ median: number; max: number; last: ProcessRun }> {
  await timeProcess(args, opts);
  const ms: number[] = [];
  let last: ProcessRun | undefined;
  for (let i = 0; i < runs; i++) {
    last = await timeProcess(args, opts);
    ms.push(last.ms);
  }
  return { median: median(ms), max: Math.max(...ms), last: last as ProcessRun };
}

/** "ok" or "OVER" for a figure against its goal. */
export function verdict(value: number, goal: number): string {
  return value <= goal ? 'ok' : 'OVER';
}

/** The environment for benchmark children: no loader or guard flags inherited (a user's shell has none). */
export function cleanEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env = { ...process.env, ...extra };
  delete env.NODE_OPTIONS;
  return env;
}

/**
 * Runs several commands in interleaved rounds (a, b, c, a, b, c, …) so a busy machine slows each alike;
 * returns each command's median. One unmeasured warm-up round first.
 */
export async function interleavedMedians(commands: ReadonlyArray<readonly string[]>, rounds: number, opts: Parameters<typeof timeProcess>[1] = {}): Promise<Array<{ median: number; max: number; last: ProcessRun }>> {
  for (const c of commands) await timeProcess(c, opts);
  const times = commands.map(() => [] as number[]);
  const last: ProcessRun[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const [i, c] of commands.entries()) {
      const x = await timeProcess(c, opts);
      times[i]?.push(x.ms);
      last[i] = x;
    }
  }
  return times.map((t, i) => ({ median: median(t), max: Math.max(...t), last: last[i] as ProcessRun }));
}
