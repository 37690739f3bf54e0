/** The endpoints a Lync client would contact, derived from the dns section (and from autodiscover links). */
import type { AutodiscoverSection } from '../model/autodiscover';
import type { DiscoveryRole, DnsSection, SrvRole } from '../model/dns';
import { endpointKey, type EndpointRole, type NetworkEndpoint } from '../model/proxy';

const NAME_ENDPOINTS: Partial<Record<DiscoveryRole, { port: number; protocol: NetworkEndpoint['protocol']; role: EndpointRole }>> = {
  lyncdiscoverinternal: { port: 443, protocol: 'https', role: 'lyncdiscoverinternal' },
  lyncdiscover: { port: 443, protocol: 'https', role: 'lyncdiscover' },
  sipinternal: { port: 5061, protocol: 'sip-tls', role: 'sipinternal' },
  sip: { port: 443, protocol: 'sip-tls', role: 'sip' },
  sipexternal: { port: 443, protocol: 'sip-tls', role: 'sipexternal' },
};

const SRV_ROLE: Record<SrvRole, EndpointRole> = {
  sipinternaltls: 'sipinternal-srv',
  'sip-tls': 'sip-srv',
  sipfederationtls: 'federation-srv',
};

/** Host names that say the SIP domain is homed in Office 365 (Skype for Business Online). */
const ONLINE = /(^|\.)(online\.lync\.com|lync\.com|infra\.lync\.com)$/i;

class EndpointList {
  private readonly map = new Map<string, NetworkEndpoint>();

  add(e: NetworkEndpoint): void {
    const key = endpointKey(e);
    const prev = this.map.get(key);
    if (!prev) {
      this.map.set(key, e);
      return;
    }
    this.map.set(key, {
      ...prev,
      roles: [...new Set([...prev.roles, ...e.roles])],
      addresses: prev.addresses.length ? prev.addresses : e.addresses,
      probe: prev.probe || e.probe,
    });
  }

  list(): NetworkEndpoint[] {
    return [...this.map.values()];
  }
}

/** True when DNS points the domain at Office 365. */
export function isOnline(d: DnsSection): boolean {
  const hosts = [...d.names.flatMap((n) => [n.name, ...n.cnameChain]), ...d.srv.flatMap((s) => s.records.map((r) => r.target))];
  return hosts.some((h) => ONLINE.test(h.replace(/\.$/, '')));
}

/**
 * Endpoints from DNS: resolved discovery names, SRV targets with their ports, the Exchange autodiscover
 * host (route only) and, for Office 365 domains, the sign-in host (route only).
 */
export function endpointsFromDns(d: DnsSection | undefined, sipDomain: string, connectToHosts: readonly string[] = []): NetworkEndpoint[] {
  const list = new EndpointList();
  const mapped = new Set(connectToHosts.map((h) => h.toLowerCase()));
  for (const n of d?.names ?? []) {
    const spec = NAME_ENDPOINTS[n.role];
    if (!spec) continue;
    if (n.addresses.length === 0 && !mapped.has(n.name.toLowerCase())) continue;
    list.add({ host: n.name.toLowerCase(), port: spec.port, protocol: spec.protocol, roles: [spec.role], addresses: n.addresses, probe: true });
  }
  for (const s of d?.srv ?? []) {
    for (const r of s.records) {
      const t = d?.srvTargets.find((x) => x.name === r.target);
      const resolved = (t?.addresses.length ?? 0) > 0 || mapped.has(r.target.toLowerCase());
      if (!resolved) continue;
      list.add({ host: r.target.toLowerCase(), port: r.port, protocol: 'sip-tls', roles: [SRV_ROLE[s.role]], addresses: t?.addresses ?? [], probe: true });
    }
  }
  list.add({ host: `autodiscover.${sipDomain}`, port: 443, protocol: 'https', roles: ['exchange-autodiscover'], addresses: [], probe: false });
  if (d && isOnline(d)) {
    list.add({ host: 'login.microsoftonline.com', port: 443, protocol: 'https', roles: ['office365'], addresses: [], probe: false });
    list.add({ host: 'webdir.online.lync.com', port: 443, protocol: 'https', roles: ['office365'], addresses: [], probe: false });
  }
  return list.list();
}

/** Adds the web-services hosts named by autodiscover links (HTTPS 443) to a DNS-derived list. */
export function withAutodiscoverHosts(base: readonly NetworkEndpoint[], a: AutodiscoverSection | undefined): NetworkEndpoint[] {
  const list = new EndpointList();
  for (const e of base) list.add(e);
  for (const at of a?.attempts ?? []) {
    for (const l of at.links) {
      let u: URL;
      try {
        u = new URL(l.href);
      } catch {
        continue;
      }
      if (u.protocol !== 'https:') continue;
      list.add({ host: u.hostname.toLowerCase(), port: u.port ? Number(u.port) : 443, protocol: 'https', roles: ['web-services'], addresses: [], probe: true });
    }
  }
  return list.list();
}
