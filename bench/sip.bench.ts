/**
 * Client-log analysis speed and memory: a generated 100 MB UccApilog (trace noise with SIP packets every
 * few hundred lines) analysed in a child process, so peak RSS is the analysis's own.
 * Goals: ≤ 3 s, peak RSS ≤ 150 MB.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeLogFiles } from '../main/logs/read';
import { loadMsDiagnosticsTable } from '../main/sip/ms-diagnostics-file';

export const LOG_MB = 100;
export const GOAL_MS = 3000;
export const GOAL_RSS_MB = 150;

function ts(i: number): string {
  const s = i % 86_400;
  const p = (n: number): string => String(n).padStart(2, '0');
  return `09/10/2013|${p(Math.floor(s / 3600))}:${p(Math.floor(s / 60) % 60)}:${p(s % 60)}.${String(i % 1000).padStart(3, '0')} 1F68:C14`;
}

function packet(i: number, lines: string[], dir: 'Sending Packet' | 'Data Received'): string {
  const head = `${ts(i)} INFO  :: ${dir} - 192.0.2.10:443 (From Local Address: 10.1.2.3:50123) 700 bytes:`;
  return [head, `${ts(i)} INFO  :: ${lines[0]}`, ...lines.slice(1), '', `${ts(i)} INFO  :: End of ${dir} - 192.0.2.10:443 (From Local Address: 10.1.2.3:50123) 700 bytes`].join('\r\n');
}

/** About 1 MB of trace text with a REGISTER/401 pair, a SUBSCRIBE 200 and an ERROR line every ~300 lines. */
function block(seed: number): string {
  const out: string[] = [];
  let size = 0;
  for (let i = 0; size < 1024 * 1024; i++) {
    const n = seed * 100_000 + i;
    let line: string;
    if (i % 300 === 0) {
      line = packet(n, ['REGISTER sip:contoso.com SIP/2.0', 'Via: SIP/2.0/TLS 10.1.2.3:50123', 'From: <sip:alice@contoso.com>;tag=a;epid=b', 'To: <sip:alice@contoso.com>', `Call-ID: c${n}`, 'CSeq: 1 REGISTER', 'Content-Length: 0'], 'Sending Packet')
        + '\r\n' + packet(n, ['SIP/2.0 401 Unauthorized', 'WWW-Authenticate: NTLM realm="SIP Communications Service", targetname="pool01.contoso.com", version=4', 'WWW-Authenticate: TLS-DSK realm="SIP Communications Service", targetname="pool01.contoso.com", version=4, sts-uri="https://webpool.contoso.com/CertProv/CertProvisioningService.svc"', `Call-ID: c${n}`, 'CSeq: 1 REGISTER', 'Content-Length: 0', 'ms-diagnostics: 1033;reason="Previous hop server component did not report diagnostic information";source="pool01"'], 'Data Received');
    } else if (i % 300 === 150) {
      line = `${ts(n)} ERROR :: CUccEndpoint::Fail - hr=0x80ef01${(i % 256).toString(16).padStart(2, '0')} TargetUri=https://webpool.contoso.com/WebTicket/WebTicketService.svc/mex status code 200`;
    } else {
      line = `${ts(n)} TRACE :: CUccDataStore::Update - item ${n} category=${i % 17} state=0x0000${(i % 4096).toString(16)} ok`;
    }
    out.push(line);
    size += line.length + 2;
  }
  return `${out.join('\r\n')}\r\n`;
}

/** Writes a log of `mb` megabytes; returns its path. */
export function generateLog(dir: string, mb = LOG_MB): string {
  const path = join(dir, 'bench.UccApilog');
  const fd = openSync(path, 'w');
  const blocks = [block(1), block(2), block(3)];
  for (let i = 0; i < mb; i++) writeSync(fd, blocks[i % blocks.length] as string);
  closeSync(fd);
  return path;
}

async function child(path: string): Promise<void> {
  const table = loadMsDiagnosticsTable();
  const baseRssMb = process.resourceUsage().maxRSS / 1024;
  const cpu0 = process.cpuUsage();
  const started = process.hrtime.bigint();
  const d = await analyzeLogFiles([{ path, origin: 'given' }], table);
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const cpu = process.cpuUsage(cpu0);
  const sip = Object.values(d.counts).reduce((a: number, b: number) => a + b, 0);
  process.stdout.write(JSON.stringify({ ms, cpuMs: (cpu.user + cpu.system) / 1000, maxRssMb: process.resourceUsage().maxRSS / 1024, baseRssMb, bytes: d.files[0]?.bytes ?? 0, lines: d.files[0]?.lines ?? 0, sip, kept: d.messages.length }));
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'ld-bench-sip-'));
  try {
    const path = generateLog(dir);
    const r = spawnSync(process.execPath, ['--import', 'tsx', __filename, '--child', path], { encoding: 'utf8', cwd: join(__dirname, '..'), timeout: 120_000 });
    if (r.status !== 0) {
      console.log(`sip log analysis: child failed (${r.status ?? r.signal}): ${r.stderr.slice(0, 500)}`);
      return;
    }
    const m = JSON.parse(r.stdout) as { ms: number; cpuMs: number; maxRssMb: number; baseRssMb: number; bytes: number; lines: number; sip: number; kept: number };
    console.log(`sip log analysis: ${(m.bytes / 1048576).toFixed(0)} MB, ${m.lines} lines, ${m.sip} SIP messages (${m.kept} kept)`);
    console.log(`  time      ${m.ms.toFixed(0)} ms wall, ${m.cpuMs.toFixed(0)} ms CPU   (goal ≤ ${GOAL_MS} ms)  ${m.ms <= GOAL_MS ? 'ok' : 'OVER'}`);
    console.log(`  peak RSS  ${m.maxRssMb.toFixed(0)} MB (child process incl. ${m.baseRssMb.toFixed(0)} MB before analysis)   (goal ≤ ${GOAL_RSS_MB} MB)  ${m.maxRssMb <= GOAL_RSS_MB ? 'ok' : 'OVER'}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const i = process.argv.indexOf('--child');
  if (i >= 0) void child(process.argv[i + 1] as string);
  else void run();
}
