/** DNS discovery checks: missing records, strict naming, dangling SRV targets, CNAME problems. */
import { isDnsFact, knownMissing, type DnsSection } from '../model/dns';
import type { Snapshot } from '../model/snapshot';
import type { Check, FindingDraft } from './types';
import { ev } from './types';

/**
 * The dns section's data whatever its status: each check judges only the queries that were answered
 * (facts), never a name that could not be asked (LD-GAP-001 reports those).
 */
function dnsData(s: Snapshot): DnsSection | undefined {
  return s.sections.dns?.data;
}

const srvFound = (d: DnsSection): boolean => d.srv.some((r) => r.records.length > 0);

/** True when `host` is the SIP domain or a name below it (strict DNS naming). */
export function inDomain(host: string, domain: string): boolean {
  const h = host.toLowerCase().replace(/\.$/, '');
  const d = domain.toLowerCase().replace(/\.$/, '');
  return h === d || h.endsWith(`.${d}`);
}

function outcomes(d: DnsSection, roles: readonly string[]): FindingDraft['evidence'] {
  return d.names.filter((n) => roles.includes(n.role)).map((n) => ev(n.name, n.outcome)); // (only used when none has an address)
}

export const noDiscoveryRecords: Check = {
  id: 'LD-DNS-001',
  title: 'No Lync discovery record exists for the SIP domain',
  severity: 'error',
  articleId: 'dns-no-lync-server-found',
  research: ['SFB-KI-015'],
  sections: ['dns'],
  description: 'At least one of lyncdiscover(internal), the SIP SRV records or the sip hosts must resolve.',
  evaluate(s) {
    const d = dnsData(s);
    if (!d) return [];
    if (srvFound(d)) return [];
    // "No record exists" only when every discovery name (none with an address) and SRV record was answered with a no.
    if (!d.names.every(knownMissing) || !d.srv.every((r) => isDnsFact(r.outcome))) return [];
    return [
      {
        message: `The DNS server answered all ${d.queries.length} discovery queries for ${d.domain}, and none returned a record (expected lyncdiscover, _sip._tls or sip hosts).`,
        evidence: [...outcomes(d, ['lyncdiscoverinternal', 'lyncdiscover', 'sip', 'sipinternal']), ...d.srv.map((r) => ev(r.name, r.outcome))],
      },
    ];
  },
};

export const lyncdiscoverMissing: Check = {
  id: 'LD-DNS-002',
  title: 'lyncdiscover record missing: mobile and Store clients cannot discover the pool',
  severity: 'warning',
  articleId: 'mobile-lyncdiscover-cname-missing',
  research: ['SFB-KI-019', 'SFB-KI-020'],
  sections: ['dns'],
  description: 'lyncdiscover.<domain> must resolve when any other discovery record exists (mobile clients use only it).',
  evaluate(s) {
    const d = dnsData(s);
    if (!d) return [];
    const n = d.names.find((x) => x.role === 'lyncdiscover');
    if (!n || !knownMissing(n)) return []; // resolves; or not asked, or could not be asked: LD-GAP-001
    const others = d.names.some((x) => x.addresses.length > 0) || srvFound(d); // lyncdiscover itself has no address here
    if (!others) return []; // LD-DNS-001 covers the empty domain
    return [
      {
        message: `lyncdiscover.${d.domain} did not resolve (${n.outcome}) although other discovery records exist; mobile and Windows Store clients use only lyncdiscover and have no SRV fallback.`,
        evidence: [ev(`lyncdiscover.${d.domain}`, n.outcome), ...(n.cnameChain.length ? [ev('CNAME chain', n.cnameChain.join(' → '))] : [])],
      },
    ];
  },
};

export const lyncdiscoverInternalMissing: Check = {
  id: 'LD-DNS-003',
  title: 'lyncdiscoverinternal record missing inside the corporate network',
  severity: 'warning',
  articleId: 'dns-lyncdiscoverinternal-missing',
  research: ['SFB-KI-017'],
  sections: ['dns'],
  description: 'Inside the network (internal SIP records answer), lyncdiscoverinternal.<domain> should resolve.',
  evaluate(s) {
    const d = dnsData(s);
    if (!d || d.location !== 'inside') return [];
    const n = d.names.find((x) => x.role === 'lyncdiscoverinternal');
    if (!n || !knownMissing(n)) return []; // resolves; or not (or could not be) asked
    return [
      {
        message: `The PC looks inside the corporate network (${d.locationReason}) but lyncdiscoverinternal.${d.domain} did not resolve (${n.outcome}); internal clients then get the external autodiscover answer.`,
        evidence: [ev(`lyncdiscoverinternal.${d.domain}`, n.outcome), ev('network location', `${d.location}: ${d.locationReason}`)],
      },
    ];
  },
};

export const srvTargetOutsideDomain: Check = {
  id: 'LD-DNS-004',
  title: 'SIP SRV record points outside the SIP domain (strict DNS naming)',
  severity: 'error',
  articleId: 'dns-srv-target-outside-sip-domain',
  research: ['SFB-KI-018'],
  sections: ['dns'],
  description: 'The target of _sipinternaltls._tcp and _sip._tls must be the SIP domain or below it.',
  evaluate(s) {
    const d = dnsData(s);
    if (!d) return [];
    const drafts: FindingDraft[] = [];
    for (const r of d.srv) {
      if (r.role === 'sipfederationtls') continue; // federation SRV may legitimately point elsewhere
      for (const rec of r.records) {
        if (!inDomain(rec.target, d.domain)) {
          drafts.push({
            message: `${r.name} points to ${rec.target}, which is not in ${d.domain}; with strict DNS naming the client refuses a server outside the SIP domain.`,
            evidence: [ev('SRV record', `${r.name} → ${rec.target}:${rec.port}`), ev('SIP domain', d.domain), ev('expected', `a host name ending in .${d.domain}`)],
          });
        }
      }
    }
    return drafts;
  },
};

export const srvTargetUnresolved: Check = {
  id: 'LD-DNS-005',
  title: 'SIP SRV record points to a host that does not resolve',
  severity: 'error',
  articleId: 'dns-srv-target-does-not-resolve',
  research: [],
  sections: ['dns'],
  description: 'Every SRV target must resolve to at least one address.',
  evaluate(s) {
    const d = dnsData(s);
    if (!d) return [];
    const drafts: FindingDraft[] = [];
    for (const r of d.srv) {
      for (const rec of r.records) {
        const t = d.srvTargets.find((x) => x.name === rec.target);
        if (t && !t.chainProblem && knownMissing(t)) {
          drafts.push({
            message: `${r.name} points to ${rec.target}:${rec.port}, but ${rec.target} has no address (${t.outcome}).`,
            evidence: [ev('SRV record', `${r.name} → ${rec.target}:${rec.port}`), ev(`${rec.target} A/AAAA`, t.outcome)],
          });
        }
      }
    }
    return drafts;
  },
};

export const cnameChainBroken: Check = {
  id: 'LD-DNS-006',
  title: 'CNAME loop or CNAME chain too long',
  severity: 'error',
  articleId: 'dns-cname-chain-broken',
  research: [],
  sections: ['dns'],
  description: 'Discovery names must not be caught in a CNAME loop or a chain longer than 8 hops.',
  evaluate(s) {
    const d = dnsData(s);
    if (!d) return [];
    return [...d.names, ...d.srvTargets]
      .filter((n) => n.chainProblem)
      .map((n) => ({
        message: `${n.name}: ${n.chainProblem === 'loop' ? 'the CNAME chain loops back on itself' : 'the CNAME chain is longer than 8 hops'}; no address can be reached.`,
        evidence: [ev('name', n.name), ev('CNAME chain', [n.name, ...n.cnameChain].join(' → '))],
      }));
  },
};

export const dnsChecks: readonly Check[] = [noDiscoveryRecords, lyncdiscoverMissing, lyncdiscoverInternalMissing, srvTargetOutsideDomain, srvTargetUnresolved, cnameChainBroken];
