/** DNS discovery facts: every query and its outcome, recorded distinctly. */

export type DnsRecordType = 'A' | 'AAAA' | 'CNAME' | 'SRV';

/** Outcome of one DNS query, as the resolver reported it. */
export type DnsOutcome = 'answer' | 'nxdomain' | 'nodata' | 'servfail' | 'refused' | 'timeout' | 'error';

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
