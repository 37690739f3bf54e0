/** DNS discovery facts: every query and its outcome, recorded distinctly. */

export type DnsRecordType = 'A' | 'AAAA' | 'CNAME' | 'SRV';

/**
 * Outcome of one DNS query, as the resolver reported it. `answer`, `nxdomain` and `nodata` are facts (the
 * server was asked and said yes or no); the rest mean the question could not be asked or answered:
 * `servfail`/`refused` (rcodes), `timeout`, `unreachable` (nothing listens: ECONNREFUSED), `error` (other).
 */
export type DnsOutcome = 'answer' | 'nxdomain' | 'nodata' | 'servfail' | 'refused' | 'timeout' | 'unreachable' | 'error';

export const DNS_OUTCOMES: readonly DnsOutcome[] = ['answer', 'nxdomain', 'nodata', 'servfail', 'refused', 'timeout', 'unreachable', 'error'];

/** True when the outcome is a fact about the name (it exists or it does not), not a failure to ask. */
export function isDnsFact(outcome: DnsOutcome): boolean {
  return outcome === 'answer' || outcome === 'nxdomain' || outcome === 'nodata';
}

/** True when a name resolution is a known negative: the server said the name has no address, or its CNAMEs are broken. */
export function knownMissing(n: Pick<DnsNameResolution, 'addresses' | 'outcome' | 'chainProblem'>): boolean {
  return n.addresses.length === 0 && (n.chainProblem !== undefined || n.outcome === 'nxdomain' || n.outcome === 'nodata');
}

const UNASKED_WORDS: Readonly<Record<Exclude<DnsOutcome, 'answer' | 'nxdomain' | 'nodata'>, string>> = {
  unreachable: 'refused the connection (nothing listens there)',
  refused: 'answered REFUSED (it will not resolve for this PC)',
  servfail: 'answered SERVFAIL (it could not resolve the name)',
  timeout: 'did not answer in time',
  error: 'failed',
};

/** Summary of the queries that could not be asked: counts by outcome, and a plain sentence. */
export function dnsUnasked(d: Pick<DnsSection, 'queries' | 'server'>): { readonly unasked: number; readonly total: number; readonly why: string } {
  const counts = new Map<DnsOutcome, number>();
  for (const q of d.queries) if (!isDnsFact(q.outcome)) counts.set(q.outcome, (counts.get(q.outcome) ?? 0) + 1);
  const unasked = [...counts.values()].reduce((a, b) => a + b, 0);
  const total = d.queries.length;
  const server = d.server ?? 'the system DNS server';
  const parts = [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([o, n]) => `${UNASKED_WORDS[o as keyof typeof UNASKED_WORDS]} for ${n === total ? 'every query' : `${n} of ${total} queries`}`);
  return { unasked, total, why: unasked === 0 ? '' : `${server} ${parts.join('; ')}` };
}

export interface SrvAnswer {
  readonly target: string;
  readonly port: number;
  readonly priority: number;
  readonly weight: number;
}

/** One query and what came back. `answers` holds addresses, CNAME targets or SRV records. */
export interface DnsQuery {
  readonly name: string;
  readonly type: DnsRecordType;
  readonly outcome: DnsOutcome;
  readonly answers: readonly string[];
  readonly srv?: readonly SrvAnswer[];
  readonly error?: string;
  readonly durationMs: number;
}

/** A discovery name (e.g. lyncdiscover.contoso.com) followed through its CNAME chain to addresses. */
export interface DnsNameResolution {
  readonly role: DiscoveryRole;
  readonly name: string;
  /** CNAME hops in order, starting after `name`. */
  readonly cnameChain: readonly string[];
  readonly chainProblem?: 'loop' | 'too-long';
  readonly addresses: readonly string[];
  /** Outcome of the final address lookup (answer when addresses is non-empty). */
  readonly outcome: DnsOutcome;
}

export type DiscoveryRole =
  | 'lyncdiscoverinternal'
  | 'lyncdiscover'
  | 'sipinternal'
  | 'sip'
  | 'sipexternal'
  | 'srv-target';

export type SrvRole = 'sipinternaltls' | 'sip-tls' | 'sipfederationtls';

export interface SrvResolution {
  readonly role: SrvRole;
  readonly name: string;
  readonly outcome: DnsOutcome;
  readonly records: readonly SrvAnswer[];
}

/** Where the PC appears to be, judged from which internal records answer. */
export type NetworkLocation = 'inside' | 'outside' | 'unknown';

export interface DnsSection {
  readonly domain: string;
  readonly server: string | null;
  readonly names: readonly DnsNameResolution[];
  readonly srv: readonly SrvResolution[];
  readonly srvTargets: readonly DnsNameResolution[];
  readonly location: NetworkLocation;
  readonly locationReason: string;
  readonly queries: readonly DnsQuery[];
}
