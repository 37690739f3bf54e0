/** Bounded TCP connections for the network probes: one scope per collector, every socket destroyed on abort. */
import { hostPort } from '../model/endpoint';
import { isIP, Socket } from 'node:net';
import { isDnsFact, type DnsOutcome } from '../model/dns';
import type { Sections } from '../model/snapshot';
import { DnsClient } from './dns-query';
import type { CollectorContext } from './types';

/** Why a network step failed, in the words the Snapshot uses. */
export type NetFailure =
  | 'timeout'
  | 'refused'
  | 'unreachable'
  | 'dns-failed'
  | 'reset'
  | 'not-http'
  | 'not-tls'
  | 'handshake-failed'
  | 'too-large'
  | 'proxy-auth-required'
  | 'proxy-refused'
  | 'proxy-failed';

/** A failed network step: a kind for the Snapshot and a message for the technician. */
export class NetError extends Error {
  constructor(
    readonly kind: NetFailure,
    message: string,
    readonly detail: { readonly status?: number; readonly authSchemes?: readonly string[]; readonly dnsOutcome?: DnsOutcome } = {},
  ) {
    super(message);
  }
}

interface Destroyable {
  destroy(error?: Error): void;
  once(event: 'close', listener: () => void): unknown;
}

/** Tracks every socket a collector opens; all are destroyed on abort, at the deadline or on close(). */
export class ProbeScope {
  private readonly sockets = new Set<Destroyable>();
  private readonly closers: Array<() => void> = [];
  private closed = false;
  private readonly timer: NodeJS.Timeout;
  private readonly onAbort = (): void => this.close();

  constructor(
    private readonly signal: AbortSignal,
    readonly deadline: number,
  ) {
    this.timer = setTimeout(this.onAbort, Math.max(0, deadline - Date.now()));
    this.timer.unref();
    if (signal.aborted) this.close();
    else signal.addEventListener('abort', this.onAbort, { once: true });
  }

  /** True once aborted, past the deadline or closed: start nothing new. */
  get expired(): boolean {
    return this.closed || this.signal.aborted || Date.now() >= this.deadline;
  }

  remaining(): number {
    return this.expired ? 0 : Math.max(0, this.deadline - Date.now());
  }

  /** Time for one step: what is left, at most `capMs`. */
  budget(capMs: number): number {
    return Math.max(0, Math.min(this.remaining(), capMs));
  }

  /** Registers a socket (destroyed at once if the scope is already over). */
  track<T extends Destroyable>(s: T): T {
    if (this.closed) {
      s.destroy();
      return s;
    }
    this.sockets.add(s);
    s.once('close', () => this.sockets.delete(s));
    return s;
  }

  /** Runs `fn` when the scope closes (abort, deadline or close()); at once if it already has. */
  onClose(fn: () => void): void {
    if (this.closed) fn();
    else this.closers.push(fn);
  }

  /** Sockets still open (for tests). */
  get open(): number {
    return this.sockets.size;
  }

  close(): void {
    if (!this.closed) {
      this.closed = true;
      clearTimeout(this.timer);
      this.signal.removeEventListener('abort', this.onAbort);
    }
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
    for (const fn of this.closers.splice(0)) {
      try {
        fn();
      } catch {
        /* a closer never stops the others */
      }
    }
  }
}

/** A curl-style --connect-to rule: connections for host:port go to toHost:toPort. */
export interface ConnectTo {
  readonly host: string;
  readonly port: number;
  readonly toHost: string;
  readonly toPort: number;
}

/** Parses "HOST:PORT:ADDR:PORT" (HOST and ADDR may be [v6], as curl writes them); throws with a usage-style message. */
export function parseConnectTo(spec: string): ConnectTo {
  const m = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+):(\d{1,5}):(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+):(\d{1,5})$/.exec(spec.trim());
  if (!m) throw new Error(`"${spec}" is not HOST:PORT:ADDRESS:PORT (e.g. lyncdiscover.contoso.com:443:127.0.0.1:8443)`);
  const port = Number(m[2]);
  const toPort = Number(m[4]);
  if (port < 1 || port > 65535 || toPort < 1 || toPort > 65535) throw new Error(`"${spec}": ports must be 1-65535`);
  return { host: (m[1] as string).replace(/^\[|\]$/g, '').toLowerCase(), port, toHost: (m[3] as string).replace(/^\[|\]$/g, ''), toPort };
}

/** What every probe needs: the scope, address hints and the overrides from the command line. */
export interface NetEnv {
  readonly scope: ProbeScope;
  readonly connectTo: readonly ConnectTo[];
  /** Addresses the DNS collector already found, by lower-case name. */
  readonly known: ReadonlyMap<string, readonly string[]>;
  readonly dns: DnsClient;
  readonly now: () => Date;
}

/** Addresses the dns section found for each discovery name and SRV target (CNAME chains included). */
export function knownAddresses(sections: Sections): Map<string, readonly string[]> {
  const m = new Map<string, readonly string[]>();
  const d = sections.dns?.data;
  if (!d) return m;
  for (const n of [...d.names, ...d.srvTargets]) {
    if (n.addresses.length === 0) continue;
    for (const name of [n.name, ...n.cnameChain]) m.set(name.toLowerCase(), n.addresses);
  }
  return m;
}

/** Builds the probe environment for a collector run (invalid --connect-to entries are skipped). */
export function netEnv(ctx: Pick<CollectorContext, 'signal' | 'deadline' | 'input' | 'sections' | 'now'>, scope = new ProbeScope(ctx.signal, ctx.deadline)): NetEnv {
  const connectTo: ConnectTo[] = [];
  for (const spec of ctx.input.connectTo ?? []) {
    try {
      connectTo.push(parseConnectTo(spec));
    } catch {
      /* validated by the CLI; a bad entry from elsewhere is ignored */
    }
  }
  const dns = new DnsClient({ server: ctx.input.dnsServer, timeoutMs: Math.max(50, ctx.deadline - Date.now()), signal: ctx.signal, deadline: ctx.deadline });
  return { scope, connectTo, known: knownAddresses(ctx.sections), dns, now: ctx.now };
}

/** Where a connection for host:port really goes, after --connect-to. */
export function connectTarget(env: Pick<NetEnv, 'connectTo'>, host: string, port: number): { host: string; port: number; mapped: boolean } {
  const rule = env.connectTo.find((r) => r.host === host.toLowerCase() && r.port === port);
  return rule ? { host: rule.toHost, port: rule.toPort, mapped: true } : { host, port, mapped: false };
}

/** Addresses for a name: literal, known from the dns section, else asked (A and AAAA) within `timeoutMs`. */
export async function resolveHost(env: NetEnv, host: string, timeoutMs = env.scope.remaining()): Promise<string[]> {
  if (isIP(host)) return [host];
  if (host.toLowerCase() === 'localhost') return ['127.0.0.1'];
  const known = env.known.get(host.toLowerCase());
  if (known && known.length) return [...known];
  if (env.scope.expired || timeoutMs <= 0) throw new NetError('timeout', `no time left to resolve ${host}`);
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new NetError('timeout', `DNS did not answer for ${host} within ${timeoutMs} ms`)), timeoutMs);
  });
  const [a, aaaa] = await Promise.race([Promise.all([env.dns.query(host, 'A'), env.dns.query(host, 'AAAA')]), late]).finally(() => clearTimeout(timer));
  const addrs = [...a.answers, ...aaaa.answers];
  if (addrs.length) return addrs;
  if (a.outcome === 'timeout') throw new NetError('timeout', `DNS did not answer for ${host} in time`);
  // The A answer decides unless it is a "no" and AAAA could not be asked (then nothing is known).
  const outcome = isDnsFact(a.outcome) && !isDnsFact(aaaa.outcome) ? aaaa.outcome : a.outcome;
  const message = isDnsFact(outcome) ? `${host} does not resolve (${outcome})` : `DNS could not be asked for ${host} (${outcome}), so whether it exists is unknown`;
  throw new NetError('dns-failed', message, { dnsOutcome: outcome });
}

function connectOnce(scope: ProbeScope, address: string, port: number, timeoutMs: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    if (scope.expired || timeoutMs <= 0) {
      reject(new NetError('timeout', `no time left to connect to ${hostPort(address, port)}`));
      return;
    }
    const s = scope.track(new Socket());
    let done = false;
    const finish = (err: NetError | null): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      s.removeAllListeners('error');
      s.removeAllListeners('connect');
      if (err) {
        s.on('error', () => undefined);
        s.destroy();
        reject(err);
      } else {
        s.on('error', () => undefined); // later errors surface through the caller's own listeners
        resolve(s);
      }
    };
    const timer = setTimeout(() => finish(new NetError('timeout', `${hostPort(address, port)} did not accept a connection within ${timeoutMs} ms`)), timeoutMs);
    s.once('connect', () => finish(null));
    s.once('error', (e: NodeJS.ErrnoException) => finish(socketError(e, hostPort(address, port))));
    s.once('close', () => finish(new NetError('timeout', `connection to ${hostPort(address, port)} was cancelled (deadline reached)`)));
    s.connect({ host: address, port });
  });
}

/** Maps a socket error to a NetError. */
export function socketError(e: NodeJS.ErrnoException, where: string): NetError {
  switch (e.code) {
    case 'ECONNREFUSED':
      return new NetError('refused', `${where} refused the connection (nothing listens on that port, or a firewall rejects it)`);
    case 'ECONNRESET':
    case 'EPIPE':
      return new NetError('reset', `${where} reset the connection`);
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'EADDRNOTAVAIL':
      return new NetError('unreachable', `${where} is unreachable (${e.code}) — check routing, VPN or firewall`);
    case 'ETIMEDOUT':
      return new NetError('timeout', `${where} did not answer (${e.code})`);
    default:
      return new NetError('unreachable', `${where}: ${e.code ?? e.message}`);
  }
}

export interface TcpConnection {
  readonly socket: Socket;
  /** ip:port connected to. */
  readonly address: string;
}

/** Connects to host:port (after --connect-to), IPv4 addresses first, falling back on refusal. */
export async function openTcp(env: NetEnv, host: string, port: number, timeoutMs: number): Promise<TcpConnection> {
  const started = Date.now();
  const target = connectTarget(env, host, port);
  const addrs = await resolveHost(env, target.host, timeoutMs);
  addrs.sort((a, b) => Number(isIP(a) === 6) - Number(isIP(b) === 6));
  let last: NetError | undefined;
  for (const a of addrs.slice(0, 4)) {
    const left = timeoutMs - (Date.now() - started);
    try {
      const socket = await connectOnce(env.scope, a, target.port, Math.min(left, env.scope.remaining()));
      return { socket, address: hostPort(a, target.port) };
    } catch (e) {
      last = e instanceof NetError ? e : new NetError('unreachable', String(e));
      if (last.kind === 'timeout') break; // the budget is spent; another address would not help
    }
  }
  throw last ?? new NetError('dns-failed', `${host} has no address`);
}
