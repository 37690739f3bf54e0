/** Runs a PAC script in a worker thread (QuickJS via quickjs-wasi, our own helper library): each call bounded on its own, a stuck worker replaced. */
import { readFileSync } from 'node:fs';
import { isIPv4 } from 'node:net';
import { networkInterfaces } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { PAC_LIBRARY_SOURCE } from './pac-library';
import { PAC_WORKER_SOURCE } from './pac-worker';
import { resolveHost, type NetEnv } from './proxy-net';

/** Time one FindProxyForURL call may take. */
export const PAC_CALL_MS = 1000;
/** Most time the worker may take to start, load the engine and compile the script (the deadline bounds it too). */
const START_MS = 5000;
/** Heap one PAC script may use inside QuickJS. */
export const PAC_MEMORY = 32 * 1024 * 1024;
/** QuickJS stack limit: deep recursion ends as "stack overflow" well before the WASM stack runs out. */
const PAC_STACK = 256 * 1024;
/** Longest wait for one DNS answer inside a call (the call budget bounds it too). */
const DNS_WAIT_MS = 2000;
/** DNS questions one call may ask (a script resolving thousands of names is cut off, answers "not resolvable"). */
const MAX_DNS_PER_CALL = 64;
/** Extra time past a call's budget before the worker is considered stuck and replaced. */
const STUCK_GRACE_MS = 300;

/** What one FindProxyForURL call gave. */
export type PacCall = { readonly ok: true; readonly result: unknown } | { readonly ok: false; readonly timedOut: boolean; readonly error: string };

export interface PacEngine {
  call(url: string, host: string): Promise<PacCall>;
  /** The entry point used: FindProxyForURLEx when the script defines it (as WinHTTP and Chromium do), else FindProxyForURL. */
  readonly entry: 'FindProxyForURL' | 'FindProxyForURLEx';
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
  return localAddresses().find((a) => isIPv4(a)) ?? '127.0.0.1';
}

/** Every non-internal address of the PC (IPv4 first), for myIpAddress / myIpAddressEx. */
export function localAddresses(): string[] {
  const out: string[] = [];
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) if (!a.internal && !a.address.startsWith('fe80:')) out.push(a.address);
  }
  out.sort((a, b) => Number(!isIPv4(a)) - Number(!isIPv4(b)));
  return out.length ? out : ['127.0.0.1'];
}

/** How the PAC sandbox sees the PC: its addresses, the clock, the time zone, and the resolver. */
export interface PacOptions {
  /** Addresses myIpAddress (first IPv4) and myIpAddressEx (all) return. */
  readonly myIps?: readonly string[];
  /** The time the date/time helpers see (tests pin it); default: the diagnosis's clock (env.now). */
  readonly now?: () => Date;
  /** Minutes west of UTC, like Date#getTimezoneOffset; default: this PC's zone. */
  readonly tzOffsetMin?: number;
  /** Name → addresses; default: the diagnosis's resolver (the dns section, then --dns-server). */
  readonly resolve?: (host: string) => Promise<readonly string[]>;
  /** Budget of one FindProxyForURL call (default PAC_CALL_MS). */
  readonly callMs?: number;
}


type FromWorker =
  | { type: 'compiled'; ok: true; entry: PacEngine['entry'] }
  | { type: 'compiled'; ok: false; error: string }
  | { type: 'dns'; seq: number; host: string }
  | { type: 'result'; id: number; ok: true; result: unknown; alerts: string[] }
  | { type: 'result'; id: number; ok: false; timedOut: boolean; error: string; alerts: string[] };

function compileFailure(error: string): PacCompile {
  if (/interrupted/i.test(error)) return { ok: false, outcome: 'timeout', message: `the PAC script's top-level code ran longer than ${PAC_CALL_MS} ms` };
  if (error === 'no-entry') return { ok: false, outcome: 'not-pac', message: 'the script defines no FindProxyForURL function' };
  return { ok: false, outcome: 'script-error', message: `the PAC script does not compile or its top-level code fails: ${plainError(error)}` };
}

/** Turns QuickJS's terse errors into what a technician can act on. */
function plainError(error: string): string {
  if (/stack overflow|call stack size/i.test(error)) return 'the script recursed too deeply (stack overflow) — a PAC file calling itself without end';
  if (/out of memory/i.test(error)) return `the script used more than ${PAC_MEMORY / 1024 / 1024} MB of memory`;
  return error;
}

/** A started PAC worker: loading the engine in the background until a script is given. */
export interface PacWorker {
  /** Compiles the script; the engine answers FindProxyForURL calls afterwards. */
  load(script: string): Promise<PacCompile>;
  dispose(): void;
}

const DNS_ANSWER_BYTES = 4096;

/** One worker thread with the QuickJS module started; replaced by a fresh one when it gets stuck. */
class PacThread {
  readonly worker: Worker;
  readonly dnsBuffer = new SharedArrayBuffer(8 + DNS_ANSWER_BYTES);
  private latestDns = 0;
  onMessage: (m: FromWorker) => void = () => undefined;
  onGone: (why: string) => void = () => undefined;
  gone = false;

  constructor(module: WebAssembly.Module, opts: Required<Pick<PacOptions, 'myIps'>> & PacOptions, resolve: (host: string) => Promise<readonly string[]>) {
    const now = opts.now;
    this.worker = new Worker(PAC_WORKER_SOURCE, {
      eval: true,
      execArgv: [], // plain JavaScript: no loader flags inherited from the parent
      stdout: true,
      stderr: true,
      resourceLimits: { maxOldGenerationSizeMb: 96, maxYoungGenerationSizeMb: 16 },
      workerData: {
        myIps: [...opts.myIps],
        wasm: module,
        memoryLimit: PAC_MEMORY,
        maxStackBytes: PAC_STACK,
        dnsBuffer: this.dnsBuffer,
        dnsWaitMs: DNS_WAIT_MS,
        maxDnsQueries: MAX_DNS_PER_CALL,
        nowMs: now ? now().getTime() : null,
        tzOffsetMin: opts.tzOffsetMin ?? null,
        library: PAC_LIBRARY_SOURCE,
        quickjsUrl: pathToFileURL(require.resolve('quickjs-wasi')).href,
      },
    });
    this.worker.unref();
    const state = new Int32Array(this.dnsBuffer, 0, 2);
    const bytes = new Uint8Array(this.dnsBuffer, 8);
    this.worker.on('error', (e) => this.finish(`PAC engine failed: ${plainError((e as Error).message.split('\n')[0] ?? '')}`));
    this.worker.on('exit', () => this.finish('PAC engine exited'));
    this.worker.on('message', (m: FromWorker) => {
      if (m.type !== 'dns') {
        this.onMessage(m);
        return;
      }
      this.latestDns = m.seq;
      resolve(m.host)
        .then((a) => a.join(';'), () => '')
        .then((text) => {
          if (this.gone || m.seq !== this.latestDns) return; // a late answer for an abandoned question
          const enc = Buffer.from(text.slice(0, DNS_ANSWER_BYTES), 'utf8').subarray(0, DNS_ANSWER_BYTES);
          bytes.set(enc);
          Atomics.store(state, 1, enc.length);
          Atomics.store(state, 0, m.seq);
          Atomics.notify(state, 0);
        });
    });
  }

  private finish(why: string): void {
    if (this.gone) return;
    this.gone = true;
    this.onGone(why);
  }

  stop(): void {
    this.gone = true;
    void this.worker.terminate();
  }
}

/**
 * Starts a worker thread for one PAC script. DNS helpers (dnsResolve, isResolvable, isInNet, the Ex variants)
 * are answered synchronously through the diagnosis's resolver; myIpAddress makes no traffic. Each call has its
 * own budget (PAC_CALL_MS or less near the deadline): an overrun is interrupted inside QuickJS and only that
 * endpoint is marked; a worker that does not come back is replaced by a fresh one for the next endpoints.
 */
export function startPacWorker(env: NetEnv, options: PacOptions = {}): PacWorker {
  const started = Date.now();
  const opts = { ...options, myIps: options.myIps ?? localAddresses(), now: options.now ?? env.now }; // the diagnosis's clock by default
  const resolve = options.resolve ?? ((h: string) => resolveHost(env, h, Math.min(DNS_WAIT_MS, env.scope.remaining())));
  const callMs = options.callMs ?? PAC_CALL_MS;
  let alive = true;
  let script: string | null = null;
  let entry: PacEngine['entry'] = 'FindProxyForURL';
  let thread: PacThread | null = null;
  const alerts: string[] = [];
  let pending: ((m: FromWorker | { type: 'gone'; why: string }) => void) | null = null;

  const spawn = async (): Promise<PacThread | null> => {
    let module: WebAssembly.Module;
    try {
      module = await quickjsWasm();
    } catch {
      return null;
    }
    if (!alive) return null;
    const t = new PacThread(module, opts, resolve);
    t.onMessage = (m) => pending?.(m);
    t.onGone = (why) => pending?.({ type: 'gone', why });
    thread = t; // tracked at once, so dispose() stops it even before a script is loaded
    return t;
  };
  const dispose = (): void => {
    if (!alive) return;
    alive = false;
    thread?.stop();
    pending?.({ type: 'gone', why: env.scope.expired ? 'deadline reached' : 'PAC engine stopped' });
  };
  env.scope.onClose(dispose); // abort or deadline: stop the worker and release a waiting call at once
  const first = spawn();

  /** Sends one message and waits for the answer (or the worker's end, or `ms`). */
  const exchange = (t: PacThread, msg: object, ms: number): Promise<FromWorker | { type: 'gone'; why: string } | null> =>
    new Promise((done) => {
      const timer = setTimeout(() => {
        pending = null;
        done(null);
      }, ms);
      pending = (m) => {
        if (m.type === 'dns') return;
        clearTimeout(timer);
        pending = null;
        done(m);
      };
      t.worker.postMessage(msg);
    });

  /** Compiles the script in `t`; the outcome as PacCompile (without the engine). */
  const compileIn = async (t: PacThread, budget: number): Promise<PacCompile | 'ok'> => {
    const m = await exchange(t, { type: 'load', script, compileMs: Math.min(callMs, budget) }, budget);
    if (m === null) return { ok: false, outcome: 'timeout', message: `the PAC script did not finish loading within ${budget} ms` };
    if (m.type === 'gone') return m.why === 'deadline reached' ? { ok: false, outcome: 'timeout', message: 'the deadline was reached while the PAC script was loading' } : { ok: false, outcome: 'script-error', message: m.why };
    if (m.type !== 'compiled') return { ok: false, outcome: 'script-error', message: 'unexpected answer from the PAC engine' };
    if (!m.ok) return compileFailure(m.error);
    entry = m.entry;
    return 'ok';
  };

  const engine: PacEngine = {
    alerts,
    dispose,
    get entry() {
      return entry;
    },
    async call(url, host) {
      if (!alive) return { ok: false, timedOut: env.scope.expired, error: env.scope.expired ? 'not evaluated: deadline reached' : 'not evaluated: the PAC engine was stopped' };
      const budget = Math.min(callMs, env.scope.remaining());
      if (budget <= 0) return { ok: false, timedOut: true, error: 'not evaluated: deadline reached' };
      if (!thread || thread.gone) {
        // the previous worker got stuck or died: a fresh one with the same script for this endpoint
        thread?.stop();
        thread = await spawn();
        if (!thread) return { ok: false, timedOut: false, error: 'the PAC engine could not be restarted' };
        const c = await compileIn(thread, Math.min(START_MS, env.scope.remaining()));
        if (c !== 'ok') return { ok: false, timedOut: c.ok === false && c.outcome === 'timeout', error: `the PAC engine could not be restarted: ${c.ok ? '' : c.message}` };
      }
      const t = thread;
      const m = await exchange(t, { type: 'call', url, host, budget }, budget + STUCK_GRACE_MS);
      if (m === null) {
        t.stop(); // stuck outside QuickJS's interrupt checks: replaced before the next endpoint
        return { ok: false, timedOut: true, error: `FindProxyForURL did not answer within ${budget} ms` };
      }
      if (m.type === 'gone') {
        if (m.why === 'deadline reached') return { ok: false, timedOut: true, error: 'deadline reached' };
        return { ok: false, timedOut: false, error: `FindProxyForURL crashed the PAC engine: ${m.why}` };
      }
      if (m.type !== 'result') return { ok: false, timedOut: false, error: 'unexpected answer from the PAC engine' };
      for (const a of m.alerts) if (alerts.length < 20) alerts.push(a);
      if (m.ok) return { ok: true, result: m.result };
      if (m.timedOut) return { ok: false, timedOut: true, error: `${entry} ran longer than ${budget} ms (endless loop?)` };
      return { ok: false, timedOut: false, error: /^returned .*not a string$/.test(m.error) ? `${entry} ${m.error}` : `${entry} threw: ${plainError(m.error)}` };
    },
  };
  return {
    dispose,
    async load(text) {
      script = text;
      const t = await first;
      thread = t;
      const budget = Math.min(START_MS - (Date.now() - started), env.scope.remaining());
      if (!t || !alive) {
        dispose();
        return { ok: false, outcome: 'script-error', message: 'the PAC engine could not be started' };
      }
      if (budget <= 0) {
        dispose();
        return { ok: false, outcome: 'timeout', message: 'no time left to run the PAC script' };
      }
      const c = await compileIn(t, budget);
      if (c !== 'ok') {
        dispose();
        return c;
      }
      return { ok: true, engine };
    },
  };
}

/** Starts a worker and compiles `script` in it. */
export function compilePac(env: NetEnv, script: string, options: PacOptions | string = {}): Promise<PacCompile> {
  return startPacWorker(env, typeof options === 'string' ? { myIps: [options] } : options).load(script);
}
