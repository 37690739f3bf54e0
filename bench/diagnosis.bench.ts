/**
 * Full diagnoses on the hard case, in-process and as a whole `lyncdoctor diagnose` process (process start
 * included — what a technician waits for), against loopback labs:
 *  - healthy: DNS (50 ms latency), a SIP pool that answers REGISTER with a real Lync 401 (NTLM, Kerberos,
 *    TLS-DSK + cert-provisioning mex), autodiscover over TLS, a PAC file sending autodiscover through an
 *    authenticating proxy, TLS probes of every endpoint; goal ≤ 1.5 s whole-process.
 *  - black-holed DNS server, 2 s deadline: goal ≤ 2.5 s whole-process.
 *  - a PAC file whose FindProxyForURL never returns, 2 s deadline: goal ≤ 2.5 s whole-process.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { diagnose, parseSipAddress } from '../main/diagnose';
import { articleLookup } from '../main/kb/lookup';
import type { DiagnoseInput } from '../main/model/snapshot';
import { autodiscoverHandler } from '../test/helpers/autodiscover-lab';
import { startDnsLab, type DnsLab, type ZoneRecord } from '../test/helpers/dns-server';
import { labPki } from '../test/helpers/lab-pki';
import { closeAll, startBlackhole, startHttpServer, startLatencyShim, startProxy, startTlsServer, type LabServer } from '../test/helpers/net-lab';
import { lync401, startMexServer, startSipServer } from '../test/helpers/sip-server';
import { CLI_JS, cleanEnv, median, timeProcess, verdict } from './process';

const LATENCY_MS = 50;
const GOAL_HEALTHY_MS = 1500;
const DEADLINE_MS = 2000;
const GOAL_DEADLINE_MS = 2500;
const RUNS = 5;

/** The flags of a DiagnoseInput, for the whole-process runs. */
function flags(i: DiagnoseInput & { sipAddress?: string }, sip: string): string[] {
  const f = ['diagnose', '--sip-address', sip, '--json', '--timeout-ms', String(i.timeoutMs)];
  if (i.dnsServer) f.push('--dns-server', i.dnsServer);
  if (i.proxyPac) f.push('--proxy-pac', i.proxyPac);
  if (i.caFile) f.push('--ca-file', i.caFile);
  for (const c of i.connectTo ?? []) f.push('--connect-to', c);
  return f;
}

async function inProcess(input: DiagnoseInput, runs: number): Promise<{ median: number; statuses: string; sip: string }> {
  const ms: number[] = [];
  let statuses = '';
  let sip = '';
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const r = await diagnose({ input, articles: articleLookup() });
    ms.push(performance.now() - t0);
    statuses = ['dns', 'sip', 'proxy', 'autodiscover', 'tls', 'proxyAuth', 'clock'].map((id) => {
      const sec = r.snapshot.sections[id as 'tls'] as { status?: string; durationMs?: number } | undefined;
      return `${id}=${sec?.status ?? '-'}${sec?.durationMs !== undefined ? ` ${sec.durationMs} ms` : ''}`;
    }).join(', ');
    const d = r.snapshot.sections.sip?.data as { attempts?: Array<{ response?: { statusCode?: number } }> } | undefined;
    sip = (d?.attempts ?? []).map((a) => a.response?.statusCode ?? '-').join(',');
  }
  return { median: median(ms), statuses, sip };
}

async function wholeProcess(args: string[], runs: number): Promise<{ median: number; max: number; code: number | null }> {
  const env = cleanEnv();
  await timeProcess([CLI_JS, ...args], { env });
  const ms: number[] = [];
  let code: number | null = null;
  for (let i = 0; i < runs; i++) {
    const r = await timeProcess([CLI_JS, ...args], { env });
    ms.push(r.ms);
    code = r.code;
  }
  return { median: median(ms), max: Math.max(...ms), code };
}

function line(name: string, inProc: number | null, whole: { median: number; max: number; code: number | null }, goal: number, extra = ''): void {
  console.log(`  ${name}`);
  if (inProc !== null) console.log(`    in-process     median ${inProc.toFixed(0).padStart(5)} ms`);
  console.log(`    whole process  median ${whole.median.toFixed(0).padStart(5)} ms, max ${whole.max.toFixed(0)} ms, exit ${whole.code}  (goal ≤ ${goal} ms)  ${verdict(whole.median, goal)}${extra ? `\n    ${extra}` : ''}`);
}

export async function run(): Promise<void> {
  articleLookup();
  const dir = mkdtempSync(join(tmpdir(), 'ld-diag-bench-'));
  const servers: LabServer[] = [];
  const closers: Array<() => Promise<void>> = [];
  const keep = <T extends LabServer>(s: T): T => (servers.push(s), s);
  const dnsLab = async (o: Parameters<typeof startDnsLab>[0]): Promise<DnsLab> => {
    const l = await startDnsLab(o);
    closers.push(() => l.close());
    return l;
  };
  try {
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
    const hIn = await inProcess(healthy, RUNS);
    const registers = sip.requests.length;
    const hWhole = await wholeProcess(flags(healthy, 'alice@contoso.com'), RUNS);
    line(`healthy full diagnosis (DNS ${LATENCY_MS} ms latency, REGISTER→401 from the SIP lab, autodiscover, PAC + auth proxy, TLS):`, hIn.median, hWhole, GOAL_HEALTHY_MS,
      `[${hIn.statuses}] SIP answers ${hIn.sip || 'none'}; the SIP lab received ${registers} REGISTER(s) in ${RUNS} in-process runs`);

    const holeDns = await dnsLab({ records: [], mode: 'blackhole' });
    const hole: DiagnoseInput = { ...addr, dnsServer: holeDns.address, timeoutMs: DEADLINE_MS };
    const bIn = await inProcess(hole, 3);
    line(`black-holed DNS server, ${DEADLINE_MS} ms deadline:`, bIn.median, await wholeProcess(flags(hole, 'alice@contoso.com'), 3), GOAL_DEADLINE_MS, `[${bIn.statuses}]`);

    const pacFile = join(dir, 'never.pac');
    writeFileSync(pacFile, 'function FindProxyForURL(url, host) { while (true) {} }\n');
    const loop: DiagnoseInput = { ...addr, dnsServer: dns.address, timeoutMs: DEADLINE_MS, proxyPac: pacFile, connectTo: webMap, caFile: join(dir, 'root.pem') };
    const pIn = await inProcess(loop, 3);
    line(`PAC file whose FindProxyForURL never returns, ${DEADLINE_MS} ms deadline:`, pIn.median, await wholeProcess(flags(loop, 'alice@contoso.com'), 3), GOAL_DEADLINE_MS, `[${pIn.statuses}]`);
    const blackholePac = keep(await startBlackhole());
    const pacHole: DiagnoseInput = { ...loop, proxyPac: `http://127.0.0.1:${blackholePac.port}/proxy.pac` };
    line(`PAC server that accepts and never answers, ${DEADLINE_MS} ms deadline:`, null, await wholeProcess(flags(pacHole, 'alice@contoso.com'), 3), GOAL_DEADLINE_MS);
  } finally {
    await Promise.all(closers.map((c) => c()));
    await closeAll(servers);
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) void run();
