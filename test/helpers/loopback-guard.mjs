/**
 * Test-run guard (loaded with --import for every test process): our tests may only talk to loopback.
 * A TCP connect or UDP send to any other address is blocked, reported on stderr, and fails the run.
 */
import dgram from 'node:dgram';
import net from 'node:net';

const LOOPBACK = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|::1|::ffff:127\.\d{1,3}\.\d{1,3}\.\d{1,3}|localhost|0\.0\.0\.0|::)$/i;

function blocked(kind, host) {
  const msg = `loopback-guard: blocked ${kind} to ${host} — tests may only reach 127.0.0.0/8 and ::1`;
  process.stderr.write(`${msg}\n`);
  process.exitCode = 1;
  const e = new Error(msg);
  e.code = 'EACCES';
  return e;
}

function hostOf(args) {
  let first = args[0];
  if (Array.isArray(first)) first = first[0];
  if (first && typeof first === 'object') {
    const o = first;
    if (typeof o.path === 'string') return null; // unix socket / pipe
    return typeof o.host === 'string' ? o.host : 'localhost';
  }
  if (typeof first === 'string' && !/^\d+$/.test(first)) return null; // a pipe path
  return typeof args[1] === 'string' ? args[1] : 'localhost';
}

const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function guardedConnect(...args) {
  const host = hostOf(args);
  if (host !== null && !LOOPBACK.test(host.replace(/^\[|\]$/g, ''))) {
    const err = blocked('TCP connect', host);
    process.nextTick(() => this.destroy(err));
    return this;
  }
  return connect.apply(this, args);
};

const send = dgram.Socket.prototype.send;
dgram.Socket.prototype.send = function guardedSend(...args) {
  const address = args.slice(1).find((a) => typeof a === 'string');
  if (address && !LOOPBACK.test(address)) {
    const err = blocked('UDP send', address);
    const cb = args.find((a) => typeof a === 'function');
    if (cb) process.nextTick(() => cb(err));
    return;
  }
  return send.apply(this, args);
};
