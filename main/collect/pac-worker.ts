/**
 * Source of the worker thread that runs a PAC script (plain CommonJS JavaScript, started with `eval: true` so
 * no loader or file path is involved). It loads pac-resolver + quickjs-wasi from the URLs it is given as
 * soon as it starts (while the PAC file is still downloading), compiles the script on "load", asks
 * the parent for DNS answers, and is terminated by the parent when a call overruns: a WASM loop blocks its
 * own thread, never the diagnosis.
 */
export const PAC_WORKER_SOURCE = String.raw`
'use strict';
const { parentPort, workerData } = require('node:worker_threads');
let deadline = 0;
let find = null;
const alerts = [];
const pending = new Map();
let nextId = 1;

function describe(e) {
  const name = e && e.name && e.name !== 'Error' ? e.name + ': ' : '';
  const msg = e && e.message !== undefined ? String(e.message) : String(e);
  return (name + msg).split('\n')[0].slice(0, 300);
}
function ask(host) {
  return new Promise((resolve) => {
    const id = nextId++;
    pending.set(id, resolve);
    parentPort.postMessage({ type: 'dns', id, host: String(host) });
  });
}
function toInt(ip) {
  return ip.split('.').reduce((a, o) => (a << 8) + (Number(o) & 255), 0) >>> 0;
}
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;
function inNet(ip, pattern, mask) {
  if (!IPV4.test(ip) || !IPV4.test(pattern) || !IPV4.test(mask)) return false;
  const m = toInt(mask);
  return ((toInt(ip) & m) >>> 0) === ((toInt(pattern) & m) >>> 0);
}
function asyncFn(fn) {
  return Object.assign(fn, { async: true });
}

parentPort.on('message', async (m) => {
  if (m.type === 'dns-answer') {
    const r = pending.get(m.id);
    pending.delete(m.id);
    if (r) r(m.ip);
    return;
  }
  if (m.type === 'load') {
    await load(m);
    return;
  }
  if (m.type !== 'call' || !find) return;
  deadline = Date.now() + m.budget;
  try {
    const r = await find(m.url, m.host);
    const plain = r === null || r === undefined || typeof r === 'string' || typeof r === 'number' || typeof r === 'boolean';
    parentPort.postMessage({ type: 'result', id: m.id, ok: true, result: plain ? r : '[' + typeof r + ']', alerts: alerts.splice(0) });
  } catch (e) {
    const error = describe(e);
    parentPort.postMessage({ type: 'result', id: m.id, ok: false, timedOut: /interrupted/i.test(error), error, alerts: alerts.splice(0) });
  }
});

const ready = (async () => {
  const [qjs, pac] = await Promise.all([import(workerData.quickjsUrl), import(workerData.pacResolverUrl)]);
  const vm = await qjs.QuickJS.create({ wasm: workerData.wasm, memoryLimit: workerData.memoryLimit, interruptHandler: () => Date.now() > deadline });
  return { vm, pac };
})();
ready.catch(() => undefined);

async function load(m) {
  try {
    const { vm, pac } = await ready;
    const sandbox = {
      dnsResolve: asyncFn(async (h) => ask(h)),
      isResolvable: asyncFn(async (h) => (await ask(h)) !== null),
      isInNet: asyncFn(async (h, p, mask) => {
        const ip = IPV4.test(String(h)) ? String(h) : await ask(h);
        return ip !== null && inNet(ip, String(p), String(mask));
      }),
      myIpAddress: () => workerData.myIp,
      alert: (msg) => {
        if (alerts.length < 20) alerts.push(String(msg === undefined ? '' : msg).slice(0, 200));
      },
    };
    deadline = Date.now() + m.compileMs;
    find = pac.createPacResolver(vm, m.script, { filename: 'proxy.pac', sandbox });
    parentPort.postMessage({ type: 'compiled', ok: true });
  } catch (e) {
    parentPort.postMessage({ type: 'compiled', ok: false, error: describe(e) });
  }
}
`;
