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
import { startBlackhole } from '../test/helpers/net-lab';
import { LATENCY_MS, startFullLab, type FullLab } from './lab';
import { CLI_JS, cleanEnv, median, timeProcess, verdict } from './process';

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
  let lab: FullLab | undefined;
  try {
    lab = await startFullLab(dir);
    const { healthy, webMap, sip, dns, keep, dnsLab } = lab;
    const addr = parseSipAddress('alice@contoso.com');
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
    const loop: DiagnoseInput = { ...addr, dnsServer: dns.address, timeoutMs: DEADLINE_MS, proxyPac: pacFile, connectTo: webMap, caFile: lab.caFile };
    const pIn = await inProcess(loop, 3);
    line(`PAC file whose FindProxyForURL never returns, ${DEADLINE_MS} ms deadline:`, pIn.median, await wholeProcess(flags(loop, 'alice@contoso.com'), 3), GOAL_DEADLINE_MS, `[${pIn.statuses}]`);
    const blackholePac = keep(await startBlackhole());
    const pacHole: DiagnoseInput = { ...loop, proxyPac: `http://127.0.0.1:${blackholePac.port}/proxy.pac` };
    line(`PAC server that accepts and never answers, ${DEADLINE_MS} ms deadline:`, null, await wholeProcess(flags(pacHole, 'alice@contoso.com'), 3), GOAL_DEADLINE_MS);
  } finally {
    await lab?.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) void run();
