/** Builders for the network-path sections (proxy, proxyAuth, tls, autodiscover, clock) in check and collector tests. */
import type { Collector } from '../../main/collect/types';
import type { AutodiscoverAttempt } from '../../main/model/autodiscover';
import type { ClockObservation } from '../../main/model/clock';
import type { DnsSection } from '../../main/model/dns';
import type { ProxyProbe, ProxyRoute, ProxySection, WinHttpSettings, WinInetSettings } from '../../main/model/proxy';
import type { SectionId, SectionMap, Sections } from '../../main/model/snapshot';
import type { TlsCertificate, TlsProbe, TrustPath } from '../../main/model/tls';

/** A collector that returns a fixed section (stands in for dns etc. when testing a dependent collector). */
export function fixedCollector<K extends SectionId>(id: K, data: SectionMap[K], status: 'ok' | 'timeout' = 'ok'): Collector<K> {
  return { id, title: `fixed ${id}`, platforms: 'all', collect: async () => ({ status, message: 'fixed', data }) };
}

/** The dns section data for contoso.com with the given names resolving to 127.0.0.1 (or given addresses). */
export function dnsData(parts: Partial<DnsSection> = {}): DnsSection {
  return { domain: 'contoso.com', server: null, names: [], srv: [], srvTargets: [], location: 'outside', locationReason: 'test', queries: [], ...parts };
}

export function ok<K extends SectionId>(data: SectionMap[K]): NonNullable<Sections[K]> {
  return { status: 'ok', message: 'test', durationMs: 1, data } as NonNullable<Sections[K]>;
}

export function wininet(over: Partial<WinInetSettings> = {}): WinInetSettings {
  return {
    outcome: 'ok',
    message: 'read',
    keyPath: 'HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings',
    proxyEnable: false,
    proxyServer: null,
    servers: [],
    bypass: [],
    bypassLocal: false,
    autoConfigUrl: null,
    autoDetect: false,
    enableDetectProxyForAllConnections: null,
    ...over,
  };
}

export function winhttp(over: Partial<WinHttpSettings> = {}): WinHttpSettings {
  return { outcome: 'ok', message: 'read', direct: true, proxyServer: null, servers: [], bypass: [], defaultSecureProtocols: null, ...over };
}

export function route(host: string, port: number, over: Partial<ProxyRoute> = {}): ProxyRoute {
  return { host, port, url: `https://${host}/`, roles: ['lyncdiscover'], source: 'none', candidates: [{ kind: 'direct' }], chosen: { kind: 'direct' }, reason: 'test', ...over };
}

export function proxyData(over: Partial<ProxySection> = {}): ProxySection {
  return { wininet: null, winhttp: null, env: { httpsProxy: null, httpProxy: null, noProxy: [] }, cli: { proxy: null, pac: null }, pac: null, routes: [], ...over };
}

export function proxyProbe(over: Partial<ProxyProbe> = {}): ProxyProbe {
  return {
    proxy: 'proxy.contoso.com:8080',
    target: 'lyncdiscover.contoso.com:443',
    roles: ['lyncdiscover'],
    outcome: 'tunnel',
    status: 200,
    statusText: 'Connection established',
    authSchemes: [],
    proxyAgent: null,
    interception: 'none',
    message: 'test',
    durationMs: 5,
    ...over,
  };
}

const DAY = 86_400_000;

export function tlsCert(over: Partial<TlsCertificate> = {}, now = new Date('2026-06-01T12:00:00Z')): TlsCertificate {
  return {
    subject: 'CN=lyncdiscover.contoso.com',
    subjectCN: 'lyncdiscover.contoso.com',
    issuer: 'CN=Contoso Issuing CA',
    issuerCN: 'Contoso Issuing CA',
    dnsNames: ['lyncdiscover.contoso.com'],
    ipAddresses: [],
    notBefore: new Date(now.getTime() - 100 * DAY).toISOString(),
    notAfter: new Date(now.getTime() + 300 * DAY).toISOString(),
    serialNumber: '01',
    sha256: 'AB'.repeat(32),
    isCa: false,
    selfIssued: false,
    keyType: 'rsa',
    parsedWith: 'node-forge',
    ...over,
  };
}

export function trusted(over: Partial<TrustPath> = {}): TrustPath {
  return { trusted: true, problem: 'none', path: ['CN=lyncdiscover.contoso.com', 'CN=Contoso Issuing CA', 'CN=Contoso Root'], anchor: 'CN=Contoso Root', anchorSource: 'node-roots', usedStoreIntermediate: false, ...over };
}

export function tlsProbe(over: Partial<TlsProbe> = {}): TlsProbe {
  return {
    host: 'lyncdiscover.contoso.com',
    port: 443,
    roles: ['lyncdiscover'],
    address: '192.0.2.10:443',
    via: null,
    outcome: 'ok',
    message: 'test',
    durationMs: 10,
    protocol: 'TLSv1.3',
    cipher: 'TLS_AES_256_GCM_SHA384',
    chain: [tlsCert()],
    chainLength: 2,
    trust: trusted(),
    tls12: 'yes',
    legacy: 'no',
    tls13: 'yes',
    ...over,
  };
}

export function attempt(over: Partial<AutodiscoverAttempt> = {}): AutodiscoverAttempt {
  const url = 'https://lyncdiscover.contoso.com/?sipuri=alice@contoso.com';
  return {
    role: 'lyncdiscover',
    url,
    hops: [url],
    via: null,
    outcome: 'ok',
    status: 200,
    contentType: 'application/json',
    format: 'json',
    accessLocation: null,
    links: [
      { token: 'self', href: 'https://webext.contoso.com/Autodiscover/AutodiscoverService.svc/root?originalDomain=contoso.com' },
      { token: 'user', href: 'https://webext.contoso.com/Autodiscover/AutodiscoverService.svc/root/oauth/user?originalDomain=contoso.com' },
    ],
    userUrl: 'https://webext.contoso.com/Autodiscover/AutodiscoverService.svc/root/oauth/user?originalDomain=contoso.com',
    message: 'test',
    durationMs: 10,
    leafSha256: null,
    ...over,
  };
}

export function observation(skewMs: number, over: Partial<ClockObservation> = {}): ClockObservation {
  const server = new Date('2026-06-01T12:00:00Z');
  return { source: 'autodiscover', server: 'https://lyncdiscover.contoso.com/', serverDate: server.toUTCString(), localDate: new Date(server.getTime() + skewMs).toISOString(), skewMs, ...over };
}
