/**
 * Source of the worker thread that runs a PAC script in QuickJS (quickjs-wasi), started with `eval: true` so
 * no loader or file path is involved. The script runs as written (no source rewriting): DNS helpers call a
 * synchronous host function that posts the question to the parent and blocks on a SharedArrayBuffer
 * (Atomics.wait) until the parent — which resolves through the diagnosis's own resolver — writes the answer.
 * Every call has its own interrupt deadline; stack depth and memory are capped so a hostile file ends with
 * a clear error, and the VM stays usable for the next endpoint. Time for the date helpers can be injected.
 */
export const PAC_WORKER_SOURCE = String.raw`
'use strict';
const { parentPort, workerData } = require('node:worker_threads');
const wd = workerData;
let deadline = Number.MAX_SAFE_INTEGER;
let dnsSeq = 0;
const state = new Int32Array(wd.dnsBuffer, 0, 2); // [answered sequence, answer length]
const answerBytes = new Uint8Array(wd.dnsBuffer, 8);
const cache = new Map();
const alerts = [];
let dnsQueries = 0;
const t0 = Date.now();
const clockMs = () => (wd.nowMs === null ? Date.now() : wd.nowMs + (Date.now() - t0));

function describe(e) {
  const name = e && e.name && e.name !== 'Error' ? e.name + ': ' : '';
  const msg = e && e.message !== undefined ? String(e.message) : String(e);
  return (name + msg).split('\n')[0].slice(0, 300);
}

/** Synchronous DNS: ask the parent, block until it answers or the call's budget runs out. */
function resolveSync(host) {
  const key = host.toLowerCase();
  if (cache.has(key)) return cache.get(key);
  if (dnsQueries >= wd.maxDnsQueries) return '';
  dnsQueries++;
  const seq = ++dnsSeq;
  parentPort.postMessage({ type: 'dns', seq, host: key });
  for (;;) {
    const seen = Atomics.load(state, 0);
    if (seen === seq) break;
    const left = Math.min(deadline, Date.now() + wd.dnsWaitMs) - Date.now();
    if (left <= 0) return ''; // unanswered in time: treated as not resolvable (not cached)
    Atomics.wait(state, 0, seen, left);
  }
  const len = Atomics.load(state, 1);
  const text = Buffer.from(answerBytes.subarray(0, len)).toString('utf8');
  cache.set(key, text);
  return text;
}

let vm = null;
let entry = null;

const ready = (async () => {
  const qjs = await import(wd.quickjsUrl);
  const opts = {
    wasm: wd.wasm,
    memoryLimit: wd.memoryLimit,
    interruptHandler: () => Date.now() > deadline,
    wasi: (memory) => ({
      clock_time_get(clockId, _precision, resultPtr) {
        new DataView(memory.buffer).setBigUint64(resultPtr, BigInt(Math.floor(clockMs())) * 1000000n, true);
        return 0;
      },
    }),
  };
  if (wd.tzOffsetMin !== null) opts.timezoneOffset = wd.tzOffsetMin;
  const v = await qjs.QuickJS.create(opts);
  // QuickJS's own stack check: deep recursion becomes a catchable "stack overflow", never a WASM fault
  v.exports.qjs_set_max_stack_size(wd.maxStackBytes);
  const fn = (name, f) => v.newFunction(name, f).consume((h) => v.setProp(v.global, name, h));
  fn('__ld_dns', (h) => v.hostToHandle(resolveSync(String(v.dump(h)))));
  fn('__ld_myip', (all) => v.hostToHandle(v.dump(all) ? wd.myIps.join(';') : (wd.myIps.find((a) => a.indexOf(':') < 0) || '127.0.0.1')));
  fn('__ld_alert', (m) => {
    if (alerts.length < 20) alerts.push(String(v.dump(m)).slice(0, 200));
    return v.undefined;
  });
  v.evalCode(wd.library, 'pac-library.js').dispose();
  return v;
})();
ready.catch(() => undefined);

parentPort.on('message', async (m) => {
  if (m.type === 'load') {
    try {
      vm = await ready;
      deadline = Date.now() + m.compileMs;
      vm.evalCode(m.script, 'proxy.pac').dispose();
      deadline = Number.MAX_SAFE_INTEGER;
      for (const name of ['FindProxyForURLEx', 'FindProxyForURL']) {
        const h = vm.global.getProp(name);
        if (h.isFunction) {
          entry = { name, h };
          break;
        }
        h.dispose();
      }
      if (!entry) parentPort.postMessage({ type: 'compiled', ok: false, error: 'no-entry' });
      else parentPort.postMessage({ type: 'compiled', ok: true, entry: entry.name });
    } catch (e) {
      parentPort.postMessage({ type: 'compiled', ok: false, error: describe(e) });
    }
    return;
  }
  if (m.type !== 'call' || !entry) return;
  deadline = Date.now() + m.budget;
  dnsQueries = 0;
  let result;
  try {
    const u = vm.hostToHandle(m.url);
    const h = vm.hostToHandle(m.host);
    const r = vm.callFunction(entry.h, vm.undefined, u, h);
    u.dispose();
    h.dispose();
    const t = r.typeof;
    const plain = t === 'string' || t === 'number' || t === 'boolean' || t === 'undefined' || r.isNull;
    const value = t === 'string' || t === 'number' || t === 'boolean' ? vm.dump(r) : r.isNull ? null : undefined;
    r.dispose();
    result = plain
      ? { type: 'result', id: m.id, ok: true, result: value, alerts: alerts.splice(0) }
      : { type: 'result', id: m.id, ok: false, timedOut: false, error: 'returned ' + (t === 'object' ? 'an object' : 'a ' + t) + ', not a string', alerts: alerts.splice(0) };
  } catch (e) {
    const error = describe(e);
    const timedOut = /interrupted/i.test(error);
    result = { type: 'result', id: m.id, ok: false, timedOut, error, alerts: alerts.splice(0) };
  }
  deadline = Number.MAX_SAFE_INTEGER;
  try {
    vm.runGC();
  } catch {
    /* a failed GC leaves the VM as it is */
  }
  parentPort.postMessage(result);
});
`;
