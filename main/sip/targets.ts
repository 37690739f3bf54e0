/** Which SIP servers to probe, in the order the Lync client tries them, from the DNS section (pure). */
import type { DnsNameResolution, DnsSection } from '../model/dns';
import type { SipTarget } from '../model/sip';

const addressesOf = (list: readonly DnsNameResolution[], host: string): string[] =>
  list.find((n) => n.name.toLowerCase() === host.toLowerCase())?.addresses.slice() ?? [];

/**
 * Internal SRV targets, external SRV targets, then the sipinternal/sip/sipexternal hosts on 5061 and 443.
 * Only names that resolved are kept; duplicates (host:port) are dropped; at most `max`.
 */
export function targetsFromDns(dns: DnsSection, max = 6): SipTarget[] {
  const out: SipTarget[] = [];
  const seen = new Set<string>();
  const add = (t: SipTarget): void => {
    // Stryker disable next-line MethodExpression: equivalent, the key only needs one case (upper or lower) for host names
    const key = `${t.host.toLowerCase()}:${t.port}`;
    if (seen.has(key) || t.addresses.length === 0) return;
    seen.add(key);
    out.push(t);
  };
  for (const [role, source] of [['sipinternaltls', 'srv-internal'], ['sip-tls', 'srv-external']] as const) {
    for (const s of dns.srv.filter((x) => x.role === role)) {
      for (const r of [...s.records].sort((a, b) => a.priority - b.priority || b.weight - a.weight)) {
        add({ host: r.target, port: r.port, source, addresses: addressesOf(dns.srvTargets, r.target) });
      }
    }
  }
  const hosts: ReadonlyArray<readonly [string, number]> = [
    ['sipinternal', 5061],
    ['sip', 5061],
    ['sip', 443],
    ['sipexternal', 443],
  ];
  for (const [role, port] of hosts) {
    const n = dns.names.find((x) => x.role === role);
    if (n) add({ host: n.name, port, source: 'host', addresses: [...n.addresses] });
  }
  return out.slice(0, max);
}

/** Parses --server "host:port" / "[v6]:port" / "host" (port 5061 by default). */
export function parseServerOverride(value: string): { host: string; port: number } {
  const v = value.trim();
  const v6 = /^\[([0-9a-fA-F:.]+)\](?::(\d{1,5}))?$/.exec(v);
  const plain = /^([A-Za-z0-9.-]+)(?::(\d{1,5}))?$/.exec(v);
  const m = v6 ?? plain;
  if (!m) throw new Error(`"${value}" is not host:port (e.g. sip.contoso.com:443 or 10.0.0.5:5061)`);
  const port = m[2] ? Number(m[2]) : 5061;
  if (port < 1 || port > 65535) throw new Error(`port ${port} is out of range`);
  return { host: (m[1] as string).toLowerCase(), port };
}
