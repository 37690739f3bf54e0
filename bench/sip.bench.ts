/**
 * Client-log analysis speed and memory on the hard case: a generated 100 MB UccApilog as dense as a busy
 * client's trace (one SIP message in every 10 lines: REGISTER/401 pairs, SUBSCRIBEs between trace lines),
 * analysed by the whole `lyncdoctor sip log --json` process, in rounds side by side with `wc -l` over the same
 * file (medians of wall and of CPU time, process start included), and once in a child process (the analysis's
 * own time and RSS). Goals: ≤ 20× a `wc -l` pass — judged on the wall median ratio and on the CPU median ratio
 * (a loaded machine stretches wall time; both must pass) — and peak RSS ≤ 150 MB; ≤ 3 s is shown too.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { CLI_JS, cleanEnv, median, timeProcess } from './process';
import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeLogFiles } from '../main/logs/read';
import { loadMsDiagnosticsTable } from '../main/sip/ms-diagnostics-file';

export const LOG_MB = 100;
export const GOAL_MS = 3000;
export const GOAL_RSS_MB = 150;
/** One SIP message in every this many lines (a busy client's trace). */
export const LINES_PER_MESSAGE = 10;
export const GOAL_WC_RATIO = 20;

function ts(i: number): string {
  const s = i % 86_400;
  const p = (n: number): string => String(n).padStart(2, '0');
  return `09/10/2013|${p(Math.floor(s / 3600))}:${p(Math.floor(s / 60) % 60)}:${p(s % 60)}.${String(i % 1000).padStart(3, '0')} 1F68:C14`;
}

function packet(i: number, lines: string[], dir: 'Sending Packet' | 'Data Received'): string {
  const head = `${ts(i)} INFO  :: ${dir} - 192.0.2.10:443 (From Local Address: 10.1.2.3:50123) 700 bytes:`;
  return [head, `${ts(i)} INFO  :: ${lines[0]}`, ...lines.slice(1), '', `${ts(i)} INFO  :: End of ${dir} - 192.0.2.10:443 (From Local Address: 10.1.2.3:50123) 700 bytes`].join('\r\n');
}

const REGISTER = (n: number): string[] => ['REGISTER sip:contoso.com SIP/2.0', 'Via: SIP/2.0/TLS 10.1.2.3:50123', 'From: <sip:alice@contoso.com>;tag=a;epid=b', 'To: <sip:alice@contoso.com>', `Call-ID: c${n}`, 'CSeq: 1 REGISTER', 'Content-Length: 0'];
const UNAUTHORIZED = (n: number): string[] => ['SIP/2.0 401 Unauthorized', 'WWW-Authenticate: NTLM realm="SIP Communications Service", targetname="pool01.contoso.com", version=4', `Call-ID: c${n}`, 'CSeq: 1 REGISTER', 'Content-Length: 0', 'ms-diagnostics: 1033;reason="Previous hop server component did not report diagnostic information";source="pool01"'];
const SUBSCRIBE = (n: number): string[] => ['SUBSCRIBE sip:alice@contoso.com SIP/2.0', 'Via: SIP/2.0/TLS 10.1.2.3:50123', 'From: <sip:alice@contoso.com>;tag=s', 'To: <sip:alice@contoso.com>', `Call-ID: s${n}`, 'CSeq: 2 SUBSCRIBE', 'Content-Length: 0'];

/** About 1 MB of trace text with one SIP message every LINES_PER_MESSAGE lines (packets plus trace and ERROR lines). */
export function block(seed: number): string {
  const out: string[] = [];
  let size = 0;
  let lines = 0;
  let messages = 0;
  for (let i = 0; size < 1024 * 1024; i++) {
    const n = seed * 100_000 + i;
    let text: string;
    if (lines >= messages * LINES_PER_MESSAGE) {
      const kind = messages % 3;
      text = kind === 0 ? packet(n, REGISTER(n), 'Sending Packet') : kind === 1 ? packet(n, UNAUTHORIZED(n - 1), 'Data Received') : packet(n, SUBSCRIBE(n), 'Sending Packet');
      messages++;
    } else if (i % 7 === 3) {
      text = `${ts(n)} ERROR :: CUccEndpoint::Fail - hr=0x80ef01${(i % 256).toString(16).padStart(2, '0')} TargetUri=https://webpool.contoso.com/WebTicket/WebTicketService.svc/mex status code 200`;
    } else {
      text = `${ts(n)} TRACE :: CUccDataStore::Update - item ${n} category=${i % 17} state=0x0000${(i % 4096).toString(16)} ok`;
    }
    out.push(text);
    lines += text.split('\r\n').length;
    size += text.length + 2;
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

/**
 * One run of a whole process (node or another command): wall ms and CPU ms (user + system, to the millisecond,
 * from bash's `time` over the process and its children) and peak RSS (GNU time, when present).
 */
async function measured(command: string, args: readonly string[]): Promise<{ ms: number; cpuMs: number | null; rssMb: number | null; code: number | null }> {
  const gnuTime = existsSync('/usr/bin/time');
  const quoted = [...(gnuTime ? ['/usr/bin/time', '-f', 'LD_MAXRSS_KB=%M'] : []), command, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const script = `TIMEFORMAT='LD_CPU_S=%3U+%3S'; time ${quoted} >/dev/null`;
  const r = existsSync('/bin/bash') ? await timeProcess(['-c', script], { command: '/bin/bash', env: cleanEnv() }) : await timeProcess(args, { command, env: cleanEnv() });
  const kb = /LD_MAXRSS_KB=(\d+)/.exec(r.err)?.[1];
  const cpu = /LD_CPU_S=([\d.]+)\+([\d.]+)/.exec(r.err);
  const code = /Command exited with non-zero status (\d+)/.exec(r.err)?.[1];
  return { ms: r.ms, cpuMs: cpu ? (Number(cpu[1]) + Number(cpu[2])) * 1000 : null, rssMb: kb ? Number(kb) / 1024 : null, code: code ? Number(code) : r.code };
}

/**
 * The floor of any analysis in a Node.js process: node starts, reads the file in the CLI's 96 KiB chunks, decodes
 * each as the CLI's fast path does (latin1) and finds every line end — nothing else. Timed beside the other two, it
 * shows how much of the 20× budget node itself takes before a line is analysed.
 */
export const NODE_FLOOR_JS = `const fs=require('fs');const fd=fs.openSync(process.argv[1],'r');const b=Buffer.allocUnsafe(96*1024);let n,p=0,l=0;while((n=fs.readSync(fd,b,0,b.length,p))>0){p+=n;const t=b.toString('latin1',0,n);let s=0;for(;;){const i=t.indexOf('\\n',s);if(i<0)break;l++;s=i+1;}}console.log(l);`;

/** Rounds of wc -l and `lyncdoctor sip log` side by side (a, b, a, b, …): a busy machine slows both alike. */
export const ROUNDS = 7;

/** True when this file runs as its bundle (dist-bench/sip.bench.js, made by scripts/build.mjs --bench). */
const BUILT_BENCH = __filename.endsWith('.js');

function load(): string {
  return loadavg().map((x) => x.toFixed(2)).join(' ');
}

function runs(xs: readonly number[]): string {
  return xs.map((x) => x.toFixed(0)).join(', ');
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'ld-bench-sip-'));
  try {
    const path = generateLog(dir);
    const loadBefore = load();
    await measured('wc', ['-l', path]); // warm-up: the file in the page cache, both programs loaded once
    await measured(process.execPath, [CLI_JS, 'sip', 'log', path, '--json']);
    const wc: number[] = [];
    const wcCpu: number[] = [];
    const ld: number[] = [];
    const ldCpu: number[] = [];
    const floor: number[] = [];
    const floorCpu: number[] = [];
    let floorLines = '';
    let rss = 0;
    let rssKnown = true;
    let code: number | null = null;
    for (let i = 0; i < ROUNDS; i++) {
      const w = await measured('wc', ['-l', path]);
      wc.push(w.ms);
      if (w.cpuMs !== null) wcCpu.push(w.cpuMs);
      const r = await measured(process.execPath, [CLI_JS, 'sip', 'log', path, '--json']);
      ld.push(r.ms);
      if (r.cpuMs !== null) ldCpu.push(r.cpuMs);
      if (r.rssMb === null) rssKnown = false;
      else rss = Math.max(rss, r.rssMb);
      code = r.code;
      const f = await measured(process.execPath, ['-e', NODE_FLOOR_JS, path]);
      floor.push(f.ms);
      if (f.cpuMs !== null) floorCpu.push(f.cpuMs);
    }
    floorLines = spawnSync(process.execPath, ['-e', NODE_FLOOR_JS, path], { encoding: 'utf8', env: cleanEnv() }).stdout.trim();
    // This very file as the child: dist-bench/sip.bench.js under `npm run bench`, the .ts source through tsx otherwise.
    const r = spawnSync(process.execPath, [...(BUILT_BENCH ? [] : ['--import', 'tsx']), __filename, '--child', path], { encoding: 'utf8', cwd: join(__dirname, '..'), timeout: 300_000, env: cleanEnv() });
    const m = r.status === 0 ? (JSON.parse(r.stdout) as { ms: number; cpuMs: number; maxRssMb: number; baseRssMb: number; bytes: number; lines: number; sip: number; kept: number }) : null;
    const wcMs = median(wc);
    const ldMs = median(ld);
    const ratio = ldMs / wcMs;
    const cpuKnown = wcCpu.length === ROUNDS && ldCpu.length === ROUNDS;
    const wcCpuMs = cpuKnown ? Math.max(1, median(wcCpu)) : NaN; // bash reports whole milliseconds
    const ldCpuMs = cpuKnown ? median(ldCpu) : NaN;
    const cpuRatio = ldCpuMs / wcCpuMs;
    const verdict = (x: number): string => (Number.isNaN(x) ? 'NOT MEASURED' : x <= GOAL_WC_RATIO ? 'PASS' : 'FAIL');
    const rssPass = rssKnown && Math.max(rss, m?.maxRssMb ?? 0) <= GOAL_RSS_MB;
    console.log(`  dense client log: ${(statSync(path).size / 1048576).toFixed(0)} MB${m ? `, ${m.lines} lines, ${m.sip} SIP messages (one in ${(m.lines / Math.max(1, m.sip)).toFixed(1)} lines; ${m.kept} kept)` : ''}`);
    console.log(`  ${ROUNDS} rounds side by side, medians, process start included; machine load before ${loadBefore}, after ${load()} (${cpus().length} cores)`);
    console.log(`                                   wall        CPU (user+sys)`);
    console.log(`    wc -l                         ${wcMs.toFixed(0).padStart(6)} ms  ${cpuKnown ? wcCpuMs.toFixed(0).padStart(6) : '     ?'} ms   (wall runs: ${runs(wc)}; CPU runs: ${runs(wcCpu)})`);
    console.log(`    lyncdoctor sip log --json     ${ldMs.toFixed(0).padStart(6)} ms  ${cpuKnown ? ldCpuMs.toFixed(0).padStart(6) : '     ?'} ms   (wall runs: ${runs(ld)}; CPU runs: ${runs(ldCpu)}; exit ${code})`);
    console.log(`    ratio (goal ≤ ${GOAL_WC_RATIO}×)              ${ratio.toFixed(1).padStart(6)}×  ${cpuKnown ? cpuRatio.toFixed(1).padStart(6) : '     ?'}×`);
    const floorMs = median(floor);
    const floorCpuMs = floorCpu.length === ROUNDS ? median(floorCpu) : NaN;
    console.log(`    node floor: read+decode+line ends ${floorMs.toFixed(0).padStart(6)} ms  ${Number.isNaN(floorCpuMs) ? '     ?' : floorCpuMs.toFixed(0).padStart(6)} ms   (${(floorMs / wcMs).toFixed(1)}× wall, ${(floorCpuMs / wcCpuMs).toFixed(1)}× CPU of wc -l; ${floorLines} lines; no analysis at all: what a Node.js process costs before analysing)`);
    console.log(`    wall ratio ${ratio.toFixed(1)}× ${verdict(ratio)}; CPU ratio ${cpuKnown ? `${cpuRatio.toFixed(1)}×` : '?'} ${verdict(cpuRatio)}  =>  speed ${verdict(ratio) === 'PASS' && verdict(cpuRatio) === 'PASS' ? 'PASS' : 'FAIL'} (both must pass); wall ${ldMs.toFixed(0)} ms (≤ ${GOAL_MS} ms: ${ldMs <= GOAL_MS ? 'yes' : 'no'})`);
    console.log(`    peak RSS of the analysing process ${rssKnown ? `${rss.toFixed(0)} MB (max of ${ROUNDS} runs)` : 'not measured (no /usr/bin/time)'}${m ? `; in-process ${m.maxRssMb.toFixed(0)} MB incl. ${m.baseRssMb.toFixed(0)} MB before analysis` : ''}  (goal ≤ ${GOAL_RSS_MB} MB)  ${rssKnown ? (rssPass ? 'PASS' : 'FAIL') : 'NOT MEASURED'}`);
    if (m) console.log(`    in-process analysis alone    ${m.ms.toFixed(0).padStart(6)} ms  (${m.cpuMs.toFixed(0)} ms CPU; no process start, ${BUILT_BENCH ? 'built like the CLI' : 'run through tsx'}, one run)`);
    else console.log(`    in-process analysis: child failed (${r.status ?? r.signal}): ${r.stderr.slice(0, 500)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const i = process.argv.indexOf('--child');
  if (i >= 0) void child(process.argv[i + 1] as string);
  else void run();
}
