/** Runs a PAC script in a worker thread (pac-resolver + quickjs-wasi): bounded per call, terminated when it overruns. */
import { readFileSync } from 'node:fs';
import { isIPv4 } from 'node:net';
import { networkInterfaces } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { PAC_WORKER_SOURCE } from './pac-worker';
import { resolveHost, type NetEnv } from './proxy-net';

/** Time one FindProxyForURL call may take. */
export const PAC_CALL_MS = 1000;
/** Most time the worker may take to start, load the engine and compile the script (the deadline bounds it too). */
const START_MS = 5000;
const PAC_MEMORY = 32 * 1024 * 1024;

/** What one FindProxyForURL call gave. */
export type PacCall = { readonly ok: true; readonly result: unknown } | { readonly ok: false; readonly timedOut: boolean; readonly error: string };

export interface PacEngine {
  call(url: string, host: string): Promise<PacCall>;
  /** Messages the script passed to alert(). */
  readonly alerts: readonly string[];
  dispose(): void;
}

export type PacCompile = { readonly ok: true; readonly engine: PacEngine } | { readonly ok: false; readonly outcome: 'script-error' | 'timeout' | 'not-pac'; readonly message: string };

let wasmModule: Promise<WebAssembly.Module> | undefined;

/** The QuickJS WASM module, compiled once per process and handed to each worker. */
function quickjsWasm(): Promise<WebAssembly.Module> {
  wasmModule ??= WebAssembly.compile(readFileSync(join(dirname(require.resolve('quickjs-wasi/package.json')), 'quickjs.wasm')));
  return wasmModule;
}

/** isInNet semantics on IPv4 dotted quads. */
export function ipInNet(ip: string, pattern: string, mask: string): boolean {
  if (!isIPv4(ip) || !isIPv4(pattern) || !isIPv4(mask)) return false;
  const toInt = (a: string): number => a.split('.').reduce((acc, o) => (acc << 8) + (Number(o) & 255), 0) >>> 0;
  const m = toInt(mask);
  return (toInt(ip) & m) >>> 0 === (toInt(pattern) & m) >>> 0;
}

/** The PC's first non-internal IPv4 address (no network traffic, unlike the stock myIpAddress). */
export function localIpv4(): string {
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  }
  return '127.0.0.1';
}

type FromWorker =
  | { type: 'compiled'; ok: true }
  | { type: 'compiled'; ok: false; error: string }
  | { type: 'dns'; id: number; host: string }
  | { type: 'result'; id: number; ok: true; result: unknown; alerts: string[] }
  | { type: 'result'; id: number; ok: false; timedOut: boolean; error: string; alerts: string[] };

function compileFailure(error: string): PacCompile {
  if (/interrupted/i.test(error)) return { ok: false, outcome: 'timeout', message: `the PAC script's top-level code ran longer than ${PAC_CALL_MS} ms` };
  if (/Expected a "function" named `FindProxyForURL`/.test(error)) return { ok: false, outcome: 'not-pac', message: 'the script defines no FindProxyForURL function' };
  return { ok: false, outcome: 'script-error', message: `the PAC script does not compile: ${error}` };
}

/** A started PAC worker: loading the engine in the background until a script is given. */
export interface PacWorker {
  /** Compiles the script; the engine answers FindProxyForURL calls afterwards. */
  load(script: string): Promise<PacCompile>;
  dispose(): void;
}

/**
 * Starts a worker thread for one PAC script. DNS helpers (dnsResolve, isResolvable, isInNet) are answered
 * by this thread from the dns section or the configured DNS server, never the stock resolver; myIpAddress
 * makes no traffic; each call is cut at PAC_CALL_MS (or the deadline) by terminating the worker.
 */
export function startPacWorker(env: NetEnv, myIp = localIpv4()): PacWorker {
  const started = Date.now();
  const wasm = quickjsWasm();
  let worker: Worker | undefined;
  let alive = true;
  const alerts: string[] = [];
  const waiting = new Map<number, (r: PacCall) => void>();
  let onCompiled: ((m: { ok: boolean; error?: string }) => void) | undefined;
  const dispose = (): void => {
    if (!alive) return;
    alive = false;
    void worker?.terminate();
    const why = env.scope.expired ? 'deadline reached' : 'PAC engine stopped';
    onCompiled?.({ ok: false, error: why });
    for (const [, w] of waiting) w({ ok: false, timedOut: env.scope.expired, error: why });
    waiting.clear();
  };
  env.scope.onClose(dispose); // abort or deadline: stop the worker and release every waiting call at once
  const booted = wasm.then(
    (module) => {
      if (!alive) return false;
      const w = new Worker(PAC_WORKER_SOURCE, {
        eval: true,
        execArgv: [], // plain JavaScript: no loader flags inherited from the parent
        stdout: true,
        stderr: true,
        resourceLimits: { maxOldGenerationSizeMb: 96, maxYoungGenerationSizeMb: 16 },
        workerData: {
          myIp,
          wasm: module,
          memoryLimit: PAC_MEMORY,
          quickjsUrl: pathToFileURL(require.resolve('quickjs-wasi')).href,
          pacResolverUrl: pathToFileURL(require.resolve('pac-resolver')).href,
        },
      });
      worker = w;
      w.unref();
      const fail = (why: string): void => {
        onCompiled?.({ ok: false, error: why });
        for (const [, cb] of waiting) cb({ ok: false, timedOut: false, error: why });
        waiting.clear();
        dispose();
      };
      w.on('error', (e) => fail(`PAC engine failed: ${(e as Error).message.split('\n')[0]}`));
      w.on('exit', () => fail('PAC engine exited'));
      w.on('message', (m: FromWorker) => {
        if (m.type === 'compiled') onCompiled?.(m);
        else if (m.type === 'dns') {
          resolveHost(env, m.host)
            .then((a) => a.find((x) => isIPv4(x)) ?? null, () => null)
            .then((ip) => {
              if (alive) w.postMessage({ type: 'dns-answer', id: m.id, ip });
            });
        } else if (m.type === 'result') {
          for (const a of m.alerts) if (alerts.length < 20) alerts.push(a);
          const cb = waiting.get(m.id);
          waiting.delete(m.id);
          cb?.(m.ok ? { ok: true, result: m.result } : { ok: false, timedOut: m.timedOut, error: m.timedOut ? `FindProxyForURL ran longer than ${PAC_CALL_MS} ms (endless loop?)` : `FindProxyForURL threw: ${m.error}` });
          // Interrupted inside the worker before our timer fired: same rule as the timer — not reused.
          if (!m.ok && m.timedOut) dispose();
        }
      });
      return true;
    },
    () => false,
  );
  let nextId = 1;
  const engine: PacEngine = {
    alerts,
    dispose,
    call(url, host) {
      if (!alive || !worker) return Promise.resolve({ ok: false, timedOut: true, error: 'not evaluated: an earlier call did not finish in time' });
      const budget = Math.min(PAC_CALL_MS, env.scope.remaining());
      if (budget <= 0) return Promise.resolve({ ok: false, timedOut: true, error: 'not evaluated: deadline reached' });
      const w = worker;
      const id = nextId++;
      return new Promise<PacCall>((resolve) => {
        const t = setTimeout(() => {
          waiting.delete(id);
          dispose(); // a worker stuck in a call is terminated, not reused
          resolve({ ok: false, timedOut: true, error: `FindProxyForURL did not answer within ${budget} ms` });
        }, budget);
        waiting.set(id, (r) => {
          clearTimeout(t);
          resolve(r);
        });
        w.postMessage({ type: 'call', id, url, host, budget });
      });
    },
  };
  return {
    dispose,
    async load(script) {
      const budget = Math.min(START_MS - (Date.now() - started), env.scope.remaining());
      if (!(await booted) || !worker || !alive) {
        dispose();
        return { ok: false, outcome: 'script-error', message: 'the PAC engine could not be started' };
      }
      if (budget <= 0) {
        dispose();
        return { ok: false, outcome: 'timeout', message: 'no time left to run the PAC script' };
      }
      const w = worker;
      const compiled = await new Promise<{ ok: boolean; error?: string } | null>((resolve) => {
        const t = setTimeout(() => resolve(null), budget);
        onCompiled = (m) => {
          clearTimeout(t);
          resolve(m);
        };
        w.postMessage({ type: 'load', script, compileMs: Math.min(PAC_CALL_MS, env.scope.remaining()) });
      });
      onCompiled = undefined;
      if (compiled === null) {
        dispose();
        return { ok: false, outcome: 'timeout', message: `the PAC script did not finish loading within ${budget} ms` };
      }
      if (!compiled.ok) {
        dispose();
        if (compiled.error === 'deadline reached') return { ok: false, outcome: 'timeout', message: 'the deadline was reached while the PAC script was loading' };
        return compileFailure(compiled.error ?? 'unknown error');
      }
      return { ok: true, engine };
    },
  };
}

/** Starts a worker and compiles `script` in it. */
export function compilePac(env: NetEnv, script: string, myIp = localIpv4()): Promise<PacCompile> {
  return startPacWorker(env, myIp).load(script);
}
