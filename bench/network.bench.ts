/**
 * Network-path benchmark: the full diagnosis (every collector, incl. PAC, proxy, autodiscover, TLS and clock)
 * against a loopback lab where DNS and every TCP server sit behind 50 ms of latency (goal ≤ 1.5 s), and
 * against a lab where every endpoint and the PAC server accept connections and never answer
 * (goal ≤ deadline + 300 ms).
 */
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { diagnose, parseSipAddress } from '../main/diagnose';
import { articleLookup } from '../main/kb/lookup';
import type { DiagnoseInput } from '../main/model/snapshot';
import { autodiscoverHandler } from '../test/helpers/autodiscover-lab';
import { startDnsLab, type ZoneRecord } from '../test/helpers/dns-server';
import { labPki } from '../test/helpers/lab-pki';
import { closeAll, startBlackhole, startHttpServer, startLatencyShim, startProxy, startTlsServer, type LabServer } from '../test/helpers/net-lab';

const LATENCY_MS = 50;
const GOAL_MS = 1500;
const DEADLINE_MS = 3000;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

async function time(input: DiagnoseInput): Promise<{ ms: number; statuses: string }> {
  const t0 = performance.now();
  const r = await diagnose({ input, articles: articleLookup() });
  const ms = performance.now() - t0;
  const statuses = ['proxy', 'autodiscover', 'tls', 'proxyAuth', 'clock'].map((id) => `${id}=${r.snapshot.sections[id as 'tls']?.status ?? '-'}`).join(' ');
  return { ms, statuses };
}

function zone(sipPort: number): ZoneRecord[] {
  return [
    { name: 'lyncdiscover.contoso.com', type: 'A', data: '127.0.0.1' },
    { name: 'lyncdiscoverinternal.contoso.com', type: 'A', data: '127.0.0.1' },
    { name: 'sip.contoso.com', type: 'A', data: '127.0.0.1' },
    { name: '_sip._tls.contoso.com', type: 'SRV', data: { target: 'sip.contoso.com', port: sipPort } },
    { name: '_sipinternaltls._tcp.contoso.com', type: 'SRV', data: { target: 'pool.contoso.com', port: sipPort } },
    { name: 'pool.contoso.com', type: 'A', data: '127.0.0.1' },
  ];
}

export async function run(): Promise<void> {
  articleLookup();
  const dir = mkdtempSync(join(tmpdir(), 'ld-netbench-'));
  const servers: LabServer[] = [];
  const keep = <T extends LabServer>(s: T): T => (servers.push(s), s);
  try {
    const pki = labPki('Bench');
    writeFileSync(join(dir, 'root.pem'), pki.root.pem);
    const names = ['lyncdiscover.contoso.com', 'lyncdiscoverinternal.contoso.com', 'webext.contoso.com', 'sip.contoso.com', 'pool.contoso.com'];
    const web = keep(await startTlsServer({ cert: pki.leaf(names), handler: autodiscoverHandler({ webHost: 'webext.contoso.com', domain: 'contoso.com' }) }));
    const proxy = keep(await startProxy({ mode: 'auth', schemes: ['NTLM', 'Negotiate'] }));
    const pacText = `function FindProxyForURL(url, host) { if (dnsDomainIs(host, "autodiscover.contoso.com")) return "PROXY 127.0.0.1:__PROXY__"; return "DIRECT"; }`;
    const slowWeb = keep(await startLatencyShim(web.port, LATENCY_MS / 2));
    const slowProxy = keep(await startLatencyShim(proxy.port, LATENCY_MS / 2));
    const pacServer = keep(await startHttpServer((_q, res) => {
      res.writeHead(200, { 'Content-Type': 'application/x-ns-proxy-autoconfig', Date: new Date().toUTCString() });
      res.end(pacText.replace('__PROXY__', String(slowProxy.port)));
    }));
    const slowPac = keep(await startLatencyShim(pacServer.port, LATENCY_MS / 2));
    const slowDns = await startDnsLab({ records: zone(slowWeb.port), latencyMs: LATENCY_MS });
    const addr = parseSipAddress('alice@contoso.com');
    const map = (port: number) => ['lyncdiscover.contoso.com', 'lyncdiscoverinternal.contoso.com', 'webext.contoso.com', 'sip.contoso.com', 'autodiscover.contoso.com'].map((h) => `${h}:443:127.0.0.1:${port}`);
    const slowInput: DiagnoseInput = { ...addr, dnsServer: slowDns.address, timeoutMs: DEADLINE_MS, proxyPac: `http://127.0.0.1:${slowPac.port}/proxy.pac`, connectTo: map(slowWeb.port), caFile: join(dir, 'root.pem') };
    const runs: number[] = [];
    let statuses = '';
    for (let i = 0; i < 5; i++) {
      const r = await time(slowInput);
      runs.push(r.ms);
      statuses = r.statuses;
    }
    await slowDns.close();
    console.log(`  full diagnosis with PAC, proxy, autodiscover and TLS probes, lab with ${LATENCY_MS} ms latency: median ${median(runs).toFixed(0)} ms, max ${Math.max(...runs).toFixed(0)} ms over ${runs.length} runs (goal ≤ ${GOAL_MS} ms) [${statuses}]`);

    const hole = keep(await startBlackhole());
    const pacHole = keep(await startBlackhole());
    const dns = await startDnsLab({ records: zone(hole.port) });
    const holeInput: DiagnoseInput = { ...addr, dnsServer: dns.address, timeoutMs: DEADLINE_MS, proxyPac: `http://127.0.0.1:${pacHole.port}/proxy.pac`, connectTo: map(hole.port) };
    const b: number[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await time(holeInput);
      b.push(r.ms);
      statuses = r.statuses;
    }
    await dns.close();
    console.log(`  full diagnosis, every endpoint and the PAC server black-holed, deadline ${DEADLINE_MS} ms: median ${median(b).toFixed(0)} ms, max ${Math.max(...b).toFixed(0)} ms (goal ≤ ${DEADLINE_MS + 300} ms) [${statuses}]`);
  } finally {
    await closeAll(servers);
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) void run();
