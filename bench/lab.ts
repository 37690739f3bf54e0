/**
 * The loopback lab of the hard-case benchmarks: DNS with latency, a SIP pool answering REGISTER with a
 * real Lync 401 (+ cert-provisioning mex), autodiscover over TLS, a PAC file sending autodiscover through
 * an authenticating proxy; every TCP server behind a latency shim. Everything on 127.0.0.1.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseSipAddress } from '../main/diagnose';
import type { DiagnoseInput } from '../main/model/snapshot';
import { autodiscoverHandler } from '../test/helpers/autodiscover-lab';
import { startDnsLab, type DnsLab, type ZoneRecord } from '../test/helpers/dns-server';
import { labPki } from '../test/helpers/lab-pki';
import { closeAll, startHttpServer, startLatencyShim, startProxy, startTlsServer, type LabServer } from '../test/helpers/net-lab';
import { lync401, startMexServer, startSipServer, type SipLab } from '../test/helpers/sip-server';

export const LATENCY_MS = 50;

export interface FullLab {
  /** The healthy full diagnosis input (3 s deadline). */
  readonly healthy: DiagnoseInput;
  /** --connect-to mappings of the web names to the autodiscover server. */
  readonly webMap: readonly string[];
  readonly caFile: string;
  readonly dns: DnsLab;
  readonly sip: SipLab;
  /** Starts another DNS lab, closed with the rest. */
  dnsLab(o: Parameters<typeof startDnsLab>[0]): Promise<DnsLab>;
  keep<T extends LabServer>(s: T): T;
  close(): Promise<void>;
}

/** Starts the whole lab; `dir` receives the root CA file. */
export async function startFullLab(dir: string): Promise<FullLab> {
  const servers: LabServer[] = [];
  const closers: Array<() => Promise<void>> = [];
  const keep = <T extends LabServer>(s: T): T => (servers.push(s), s);
  const dnsLab = async (o: Parameters<typeof startDnsLab>[0]): Promise<DnsLab> => {
    const l = await startDnsLab(o);
    closers.push(() => l.close());
    return l;
  };
  const pki = labPki('Bench');
  writeFileSync(join(dir, 'root.pem'), pki.root.pem);
  const names = ['lyncdiscover.contoso.com', 'lyncdiscoverinternal.contoso.com', 'webext.contoso.com', 'sip.contoso.com', 'pool01.contoso.com', 'webpool.contoso.com', 'autodiscover.contoso.com'];
  const cert = pki.leaf(names);
  const web = keep(await startTlsServer({ cert, handler: autodiscoverHandler({ webHost: 'webext.contoso.com', domain: 'contoso.com' }) }));
  const chained = { ...cert.leaf, pem: cert.certPems.join('\n'), keyPem: cert.keyPem };
  const mex = await startMexServer(chained, { '/CertProv/CertProvisioningService.svc/mex': 200, '/WebTicket/WebTicketService.svc/mex': 200 });
  closers.push(() => mex.close());
  const sts = `https://webpool.contoso.com:${mex.port}/CertProv/CertProvisioningService.svc`;
  const sip = await startSipServer(chained, (req) => lync401(req, { stsUri: sts }));
  closers.push(() => sip.close());
  const proxy = keep(await startProxy({ mode: 'auth', schemes: ['NTLM', 'Negotiate'] }));
  const slowWeb = keep(await startLatencyShim(web.port, LATENCY_MS / 2));
  const slowSip = keep(await startLatencyShim(sip.port, LATENCY_MS / 2));
  const slowProxy = keep(await startLatencyShim(proxy.port, LATENCY_MS / 2));
  const pacText = `function FindProxyForURL(url, host) { if (dnsDomainIs(host, "autodiscover.contoso.com")) return "PROXY 127.0.0.1:${slowProxy.port}"; return "DIRECT"; }`;
  const pac = keep(await startHttpServer((_q, res) => {
    res.writeHead(200, { 'Content-Type': 'application/x-ns-proxy-autoconfig', Date: new Date().toUTCString() });
    res.end(pacText);
  }));
  const zone: ZoneRecord[] = [
    { name: 'lyncdiscover.contoso.com', type: 'A', data: '127.0.0.1' },
    { name: 'lyncdiscoverinternal.contoso.com', type: 'A', data: '127.0.0.1' },
    { name: 'sip.contoso.com', type: 'A', data: '127.0.0.1' },
    { name: '_sip._tls.contoso.com', type: 'SRV', data: { target: 'sip.contoso.com', port: slowSip.port } },
    { name: '_sipinternaltls._tcp.contoso.com', type: 'SRV', data: { target: 'pool01.contoso.com', port: slowSip.port } },
    { name: 'pool01.contoso.com', type: 'A', data: '127.0.0.1' },
    { name: 'webpool.contoso.com', type: 'A', data: '127.0.0.1' },
  ];
  const dns = await dnsLab({ records: zone, latencyMs: LATENCY_MS });
  const addr = parseSipAddress('alice@contoso.com');
  const webMap = ['lyncdiscover.contoso.com', 'lyncdiscoverinternal.contoso.com', 'webext.contoso.com', 'autodiscover.contoso.com'].map((h) => `${h}:443:127.0.0.1:${slowWeb.port}`);
  const healthy: DiagnoseInput = { ...addr, dnsServer: dns.address, timeoutMs: 3000, proxyPac: `http://127.0.0.1:${pac.port}/proxy.pac`, connectTo: webMap, caFile: join(dir, 'root.pem') };
  return {
    healthy,
    webMap,
    caFile: join(dir, 'root.pem'),
    dns,
    sip,
    dnsLab,
    keep,
    close: async () => {
      await Promise.all(closers.map((c) => c()));
      await closeAll(servers);
    },
  };
}
