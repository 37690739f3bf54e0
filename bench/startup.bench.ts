/**
 * Start-up budget of the built code, medians side by side with a bare `node -e 0` on the same machine:
 * `lyncdoctor --help` ≤ 3×, `lyncdoctor demo` ≤ 5×, and `npm start` (dist/start.js, second start: dist/
 * already built) printing its address within 1 s.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { CLI_JS, cleanEnv, interleavedMedians, ROOT, verdict } from './process';

const RUNS = 9;
const GOAL_HELP_RATIO = 3;
const GOAL_DEMO_RATIO = 5;
const GOAL_START_MS = 1000;

/** Time from spawning dist/start.js until it prints the loopback address; the process is then stopped. */
function timeToAddress(): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [join(ROOT, 'dist', 'start.js')], { cwd: ROOT, env: cleanEnv({ DISPLAY: '', WAYLAND_DISPLAY: '', ELECTRON_PATH: '/nonexistent' }), stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no address within 15 s: ${out}`));
    }, 15_000);
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      if (/http:\/\/127\.0\.0\.1:\d+\//.test(out)) {
        const ms = performance.now() - t0;
        clearTimeout(timer);
        child.once('exit', () => resolve(ms));
        child.kill('SIGTERM');
      }
    });
    child.on('error', reject);
  });
}

export async function run(): Promise<void> {
  const env = cleanEnv();
  const [node, help, demo] = (await interleavedMedians([['-e', '0'], [CLI_JS, '--help'], [CLI_JS, 'demo']], RUNS, { env })) as [Awaited<ReturnType<typeof interleavedMedians>>[number], Awaited<ReturnType<typeof interleavedMedians>>[number], Awaited<ReturnType<typeof interleavedMedians>>[number]];
  const hr = help.median / node.median;
  const dr = demo.median / node.median;
  console.log(`  medians of ${RUNS} interleaved runs (after one warm-up), process start included:`);
  console.log(`    node -e 0                 ${node.median.toFixed(0).padStart(5)} ms   1.0×`);
  console.log(`    lyncdoctor --help         ${help.median.toFixed(0).padStart(5)} ms   ${hr.toFixed(1)}×  (goal ≤ ${GOAL_HELP_RATIO}×)  ${verdict(hr, GOAL_HELP_RATIO)}`);
  console.log(`    lyncdoctor demo           ${demo.median.toFixed(0).padStart(5)} ms   ${dr.toFixed(1)}×  (goal ≤ ${GOAL_DEMO_RATIO}×)  ${verdict(dr, GOAL_DEMO_RATIO)}   exit ${demo.last.code}`);
  await timeToAddress(); // warm-up: the first start after a build
  const starts: number[] = [];
  for (let i = 0; i < 5; i++) starts.push(await timeToAddress());
  starts.sort((a, b) => a - b);
  const sm = starts[2] as number;
  console.log(`    npm start → address       ${sm.toFixed(0).padStart(5)} ms   ${(sm / node.median).toFixed(1)}×  (goal ≤ ${GOAL_START_MS} ms; dist/start.js, median of 5 second starts)  ${verdict(sm, GOAL_START_MS)}`);
}

if (require.main === module) void run();
