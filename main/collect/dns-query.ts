/** Bounded DNS queries through Node's resolver, with every outcome told apart. */
import { Resolver } from 'node:dns';
import type { DnsOutcome, DnsQuery, DnsRecordType, SrvAnswer } from '../model/dns';

export interface DnsClientOptions {
  /** host:port of one DNS server, or null for the system's. */
  readonly server: string | null;
  /** Per-query timeout in ms. */
  readonly timeoutMs: number;
  readonly signal: AbortSignal;
  /** Epoch ms: every query still running then is cancelled and recorded as a timeout. */
  readonly deadline?: number;
}

/** Maps a Node/c-ares error code to our outcome vocabulary. */
export function outcomeOf(code: string | undefined): DnsOutcome {
  switch (code) {
    case 'ENOTFOUND':
      return 'nxdomain';
    case 'ENODATA':
      return 'nodata';
    case 'ESERVFAIL':
      return 'servfail';
    case 'EREFUSED':
      return 'refused';
    case 'ETIMEOUT':
    case 'ECANCELLED':
      return 'timeout';
    case 'ECONNREFUSED':
      return 'unreachable';
    default:
      return 'error';
  }
}

/** Parses "host:port", "[v6]:port" or a bare host into the form Resolver.setServers takes. */
export function normaliseServer(server: string): string {
  const s = server.trim();
  if (!s) throw new Error('empty DNS server');
  const v6 = /^\[([0-9a-fA-F:.]+)\](?::(\d{1,5}))?$/.exec(s);
  if (v6) return v6[2] ? `[${v6[1]}]:${v6[2]}` : (v6[1] as string);
  const v4 = /^([0-9]{1,3}(?:\.[0-9]{1,3}){3})(?::(\d{1,5}))?$/.exec(s);
  if (v4) return v4[2] ? `${v4[1]}:${v4[2]}` : (v4[1] as string);
  if (/^[0-9a-fA-F:]+$/.test(s) && s.includes(':')) return s;
  throw new Error(`"${server}" is not an IP address with optional port (e.g. 127.0.0.1:5300 or [::1]:53)`);
}

/** One DNS client per diagnosis: a dedicated Resolver so cancel() stops only our queries. */
export class DnsClient {
  readonly queries: DnsQuery[] = [];
  private readonly resolver: Resolver;
  private readonly signal: AbortSignal;

  constructor(options: DnsClientOptions) {
    this.resolver = new Resolver({ timeout: Math.max(50, Math.floor(options.timeoutMs)), tries: 1 });
    if (options.server) this.resolver.setServers([normaliseServer(options.server)]);
    this.signal = options.signal;
    this.deadline = options.deadline ?? Number.POSITIVE_INFINITY;
    const cancel = (): void => {
      this.expired = true;
      this.resolver.cancel();
    };
    if (this.signal.aborted) cancel();
    else this.signal.addEventListener('abort', cancel, { once: true });
    if (Number.isFinite(this.deadline)) setTimeout(cancel, Math.max(0, this.deadline - Date.now())).unref();
  }

  private readonly deadline: number;
  private expired = false;

  /** Servers the resolver will ask (for the report). */
  servers(): string[] {
    return this.resolver.getServers();
  }

  async query(name: string, type: DnsRecordType): Promise<DnsQuery> {
    const started = Date.now();
    let q: DnsQuery;
    if (this.signal.aborted || this.expired || Date.now() >= this.deadline) {
      q = { name, type, outcome: 'timeout', answers: [], error: 'deadline reached before the query was sent', durationMs: 0 };
    } else {
      try {
        q = { name, type, outcome: 'answer', ...(await this.ask(name, type)), durationMs: Date.now() - started };
      } catch (e) {
        const err = e as NodeJS.ErrnoException;
        q = { name, type, outcome: outcomeOf(err.code), answers: [], error: err.code ?? err.message, durationMs: Date.now() - started };
      }
    }
    this.queries.push(q);
    return q;
  }

  private async ask(name: string, type: DnsRecordType): Promise<{ answers: string[]; srv?: SrvAnswer[] }> {
    const r = this.resolver;
    const call = <T>(fn: (cb: (err: NodeJS.ErrnoException | null, v: T) => void) => void): Promise<T> =>
      new Promise<T>((resolve, reject) => fn((err, v) => (err ? reject(err) : resolve(v))));
    switch (type) {
      case 'A':
        return { answers: await call<string[]>((cb) => r.resolve4(name, cb)) };
      case 'AAAA':
        return { answers: await call<string[]>((cb) => r.resolve6(name, cb)) };
      case 'CNAME':
        return { answers: (await call<string[]>((cb) => r.resolveCname(name, cb))).map(lower) };
      case 'SRV': {
        const recs = await call<Array<{ name: string; port: number; priority: number; weight: number }>>((cb) => r.resolveSrv(name, cb));
        const srv = recs
          .map((x) => ({ target: lower(x.name), port: x.port, priority: x.priority, weight: x.weight }))
          .sort((a, b) => a.priority - b.priority || b.weight - a.weight);
        return { answers: srv.map((s) => `${s.priority} ${s.weight} ${s.port} ${s.target}`), srv };
      }
    }
  }
}

function lower(s: string): string {
  return s.replace(/\.$/, '').toLowerCase();
}
