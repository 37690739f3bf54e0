/** DNS discovery collector: lyncdiscover(internal), SIP SRV records and SIP hosts, in parallel. */
import { dnsUnasked, isDnsFact, type DiscoveryRole, type DnsOutcome, type DnsNameResolution, type DnsSection, type NetworkLocation, type SrvResolution, type SrvRole } from '../model/dns';
import { DnsClient } from './dns-query';
import type { Collector, CollectorContext } from './types';
import { remainingMs } from './types';

export const MAX_CNAME_HOPS = 8;

/** CNAME outcomes after which the address questions are not asked: the server gave no usable reply. */
const NO_REPLY: ReadonlySet<DnsOutcome> = new Set<DnsOutcome>(['timeout', 'unreachable', 'error']);

const NAME_ROLES: ReadonlyArray<readonly [DiscoveryRole, string]> = [
  ['lyncdiscoverinternal', 'lyncdiscoverinternal'],
  ['lyncdiscover', 'lyncdiscover'],
  ['sipinternal', 'sipinternal'],
  ['sip', 'sip'],
  ['sipexternal', 'sipexternal'],
];

const SRV_ROLES: ReadonlyArray<readonly [SrvRole, string]> = [
  ['sipinternaltls', '_sipinternaltls._tcp'],
  ['sip-tls', '_sip._tls'],
  ['sipfederationtls', '_sipfederationtls._tcp'],
];

/**
 * Follows a name through CNAMEs (loop- and length-guarded), then asks A and AAAA of the end. The address
 * questions are asked whenever the server replied to the CNAME one, even with NXDOMAIN, REFUSED or SERVFAIL:
 * a server may answer A and not CNAME (dnsmasq's --address says NXDOMAIN or REFUSED to a CNAME question), and
 * the client asks only for the address. A server that did not reply (timeout, nothing listening, garbage) is
 * not asked again.
 */
export async function resolveName(client: DnsClient, role: DiscoveryRole, name: string): Promise<DnsNameResolution> {
  const chain: string[] = [];
  const seen = new Set([name.toLowerCase()]);
  let current = name;
  for (;;) {
    const c = await client.query(current, 'CNAME');
    if (NO_REPLY.has(c.outcome)) return { role, name, cnameChain: chain, addresses: [], outcome: c.outcome };
    if (c.answers.length === 0) break; // (only an 'answer' outcome carries records)
    const next = c.answers[0] as string;
    if (seen.has(next)) {
      chain.push(next);
      return { role, name, cnameChain: chain, chainProblem: 'loop', addresses: [], outcome: 'error' };
    }
    chain.push(next);
    seen.add(next);
    current = next;
    if (chain.length > MAX_CNAME_HOPS) {
      return { role, name, cnameChain: chain, chainProblem: 'too-long', addresses: [], outcome: 'error' };
    }
  }
  const [a, aaaa] = await Promise.all([client.query(current, 'A'), client.query(current, 'AAAA')]);
  const addresses = [...a.answers, ...aaaa.answers];
  // No address: a "no" only when both questions were answered; otherwise the failure to ask.
  const failed = [a, aaaa].find((q) => !isDnsFact(q.outcome));
  const outcome = addresses.length > 0 ? 'answer' : failed ? failed.outcome : a.outcome === 'answer' ? 'nodata' : a.outcome;
  return { role, name, cnameChain: chain, addresses, outcome };
}

/** Judges inside/outside from which internal records answer. */
export function judgeLocation(names: readonly DnsNameResolution[], srv: readonly SrvResolution[]): { location: NetworkLocation; reason: string } {
  const answered = (role: string): boolean => names.some((n) => n.role === role && n.addresses.length > 0);
  const srvAnswered = (role: SrvRole): boolean => srv.some((s) => s.role === role && s.records.length > 0);
  const internal = ['lyncdiscoverinternal', 'sipinternal'].filter(answered);
  if (srvAnswered('sipinternaltls')) internal.push('_sipinternaltls._tcp');
  if (internal.length > 0) return { location: 'inside', reason: `internal records answer: ${internal.join(', ')}` };
  const external = ['lyncdiscover', 'sip', 'sipexternal'].filter(answered);
  if (srvAnswered('sip-tls')) external.push('_sip._tls');
  // Outside needs every internal record to be a known "no": one that could not be asked (timeout, SERVFAIL, …)
  // may exist, so the PC may be inside (a broken CNAME chain is a known "no": the name has no address).
  const unasked = [
    ...names.filter((n) => (n.role === 'lyncdiscoverinternal' || n.role === 'sipinternal') && !isDnsFact(n.outcome) && n.chainProblem === undefined).map((n) => n.role),
    ...srv.filter((s) => s.role === 'sipinternaltls' && !isDnsFact(s.outcome)).map(() => '_sipinternaltls._tcp'),
  ];
  if (external.length > 0 && unasked.length > 0) {
    return { location: 'unknown', reason: `only external records answer (${external.join(', ')}), but the internal records ${unasked.join(', ')} could not be asked` };
  }
  if (external.length > 0) return { location: 'outside', reason: `only external records answer (${external.join(', ')}); no internal record does` };
  const asked = [...names.map((n) => n.outcome), ...srv.map((s) => s.outcome)].every(isDnsFact);
  return { location: 'unknown', reason: asked ? 'no discovery record exists' : 'no discovery record answered, and some could not be asked' };
}

/** Runs every discovery query for `domain` in parallel, bounded by the context deadline. */
export async function discover(ctx: CollectorContext, domain: string): Promise<DnsSection> {
  const client = new DnsClient({ server: ctx.input.dnsServer, timeoutMs: remainingMs(ctx), signal: ctx.signal, deadline: ctx.deadline });
  const namesP = Promise.all(NAME_ROLES.map(([role, label]) => resolveName(client, role, `${label}.${domain}`)));
  const srvP = Promise.all(
    SRV_ROLES.map(async ([role, label]): Promise<SrvResolution> => {
      const name = `${label}.${domain}`;
      const q = await client.query(name, 'SRV');
      return { role, name, outcome: q.outcome, records: q.srv ?? [] };
    }),
  );
  const srv = await srvP;
  const targets = [...new Set(srv.flatMap((s) => s.records.map((r) => r.target)))];
  const [names, srvTargets] = await Promise.all([namesP, Promise.all(targets.map((t) => resolveName(client, 'srv-target', t)))]);
  const { location, reason } = judgeLocation(names, srv);
  return { domain, server: ctx.input.dnsServer, names, srv, srvTargets, location, locationReason: reason, queries: client.queries };
}

const PLACE: Record<NetworkLocation, string> = {
  inside: 'the PC looks inside the corporate network',
  outside: 'the PC looks outside the corporate network',
  unknown: 'network location unknown',
};

/**
 * Status of the dns section from what was asked: `ok` when every query got a yes or a no, `partial` when some
 * could not be asked, `timeout`/`error` when none could (a DNS server down, refusing or silent).
 */
export function judgeDnsSection(data: DnsSection, timeoutMs: number): { status: 'ok' | 'partial' | 'timeout' | 'error'; message: string } {
  const total = data.queries.length;
  const answered = data.queries.filter((q) => q.outcome === 'answer').length;
  const { unasked, why } = dnsUnasked(data);
  const server = data.server ?? 'the system DNS servers';
  if (total > 0 && unasked === total) {
    const allTimeouts = data.queries.every((q) => q.outcome === 'timeout');
    if (allTimeouts) return { status: 'timeout', message: `DNS could not be asked: no answer from ${server} within ${timeoutMs} ms — check the PC's DNS settings or VPN, or pass --dns-server` };
    return { status: 'error', message: `DNS could not be asked: ${why} — check the PC's DNS settings or VPN, or pass --dns-server` };
  }
  const base = `${answered}/${total} queries returned records (the rest: no such record); ${PLACE[data.location]}${data.location === 'unknown' ? ` (${data.locationReason})` : ''}`;
  if (unasked > 0) return { status: 'partial', message: `${answered}/${total} queries returned records; ${unasked} could not be asked: ${why}; ${PLACE[data.location]}${data.location === 'unknown' ? ` (${data.locationReason})` : ''}` };
  return { status: 'ok', message: base };
}

export const dnsCollector: Collector<'dns'> = {
  id: 'dns',
  title: 'DNS discovery records',
  platforms: 'all',
  async collect(ctx) {
    const domain = ctx.input.sipDomain;
    ctx.progress(`querying discovery records for ${domain}`);
    const data = await discover(ctx, domain);
    ctx.raw('dns-queries.txt', data.queries.map((q) => `${q.name}\t${q.type}\t${q.outcome}\t${q.answers.join(', ')}\t${q.durationMs}ms`).join('\n'));
    const { status, message } = judgeDnsSection(data, ctx.input.timeoutMs);
    return { status, message, data };
  },
};
