/**
 * Bundle benchmark on the hard case: a diagnosis with every section (all collectors against the full
 * loopback lab — DNS, SIP REGISTER/401, TLS, autodiscover, PAC + proxy — on a pretend Windows PC with six
 * certificates and policies, plus a 1 MB dense client log whose SIP traffic mostly survives redaction),
 * exported standard and pseudonymised, imported and re-analysed; and the whole `lyncdoctor diagnose
 * --bundle` process against the same lab. Goals: export ≤ 300 ms, size ≤ 1 MB. Also: redaction of 1 MB lines
 * made to be slow (long URL-encoded runs with no "@"), which must stay linear (about as fast as a plain megabyte).
 */
import { createHash } from 'node:crypto';
import { analyzeImported } from '../main/api/bundle';
import { exportBundle, type ExportInput } from '../main/bundle/export';
import { redactText } from '../main/bundle/redact';
import { importBundle } from '../main/bundle/import';
import { collect, analyze } from '../main/diagnose';
import { articleLookup } from '../main/kb/lookup';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFullLab, type FullLab } from './lab';
import { CLI_JS, cleanEnv, timeProcess } from './process';
import { generateLog } from './sip.bench';
import { makeCert, tlsDskCert } from '../test/helpers/forge-certs';
import { fakeWindowsRunner } from '../test/helpers/windows-pc';

const GOAL_EXPORT_MS = 300;
const GOAL_BYTES = 1024 * 1024;
const ROUNDS = 15;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

async function fullDiagnosis(lab: FullLab, logFile: string): Promise<ExportInput> {
  const at = new Date('2026-06-01T09:00:00Z');
  const day = (n: number): Date => new Date(at.getTime() + n * 86_400_000);
  const certs = [
    tlsDskCert('alice@contoso.com', day(-200), day(-20)),
    tlsDskCert('alice@contoso.com', day(-20), day(160)),
    makeCert({ subjectCN: 'alice', issuerCN: 'Contoso Issuing CA 01', emails: ['alice@contoso.com'], ekus: ['clientAuth'], notBefore: day(-100), notAfter: day(265) }),
    makeCert({ subjectCN: 'PC-ALICE01.contoso.com', issuerCN: 'Contoso Issuing CA 01', dnsNames: ['PC-ALICE01.contoso.com'], ekus: ['clientAuth'], notBefore: day(-30), notAfter: day(335) }),
    makeCert({ subjectCN: 'Alice Smith', issuerCN: 'Contoso Email CA', emails: ['alice.smith@contoso.com'], notBefore: day(-300), notAfter: day(65) }),
    makeCert({ subjectCN: 'Code Signing', issuerCN: 'Contoso Issuing CA 01', notBefore: day(-10), notAfter: day(355) }),
  ];
  const thumb = (c: { der: string }): string => createHash('sha1').update(Buffer.from(c.der, 'binary')).digest('hex').toUpperCase();
  const run = fakeWindowsRunner({
    my: certs.map((c) => ({ store: 'My' as const, thumbprint: thumb(c), hasPrivateKey: true, derBase64: c.derBase64 })),
    lyncCertStore: [],
    registry: { 'HKEY_CURRENT_USER\\SOFTWARE\\Policies\\Microsoft\\Office\\16.0\\Lync': [{ name: 'EnableSIPHighSecurityMode', type: 'REG_DWORD', data: '0x1' }, { name: 'ConfigurationMode', type: 'REG_DWORD', data: '0x1' }] },
  });
  const c = await collect({ input: { ...lab.healthy, logFiles: [logFile] }, run, platform: 'win32', now: () => at });
  const { findings } = analyze(c.snapshot, { articles: articleLookup() });
  return { snapshot: c.snapshot, findings, raw: c.raw };
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'ld-bundle-bench-'));
  const lab = await startFullLab(dir);
  try {
    await measure(lab, dir);
  } finally {
    await lab.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function measure(lab: FullLab, dir: string): Promise<void> {
  const logFile = generateLog(dir, 1);
  const input = await fullDiagnosis(lab, logFile);
  const rawChars = (input.raw ?? []).reduce((n, a) => n + a.content.length, 0);
  const statuses = Object.entries(input.snapshot.sections).map(([id, sec]) => `${id}=${(sec as { status: string }).status}`).join(' ');
  console.log(`  full diagnosis: ${Object.keys(input.snapshot.sections).length} sections [${statuses}], ${input.findings.length} findings, ${input.raw?.length ?? 0} raw outputs (${Math.round(rawChars / 1024)} KB)`);
  for (const redaction of ['standard', 'pseudonymise'] as const) {
    await exportBundle(input, { redaction }); // warm-up
    const times: number[] = [];
    let size = 0;
    for (let i = 0; i < ROUNDS; i++) {
      const t = performance.now();
      const b = await exportBundle(input, { redaction });
      times.push(performance.now() - t);
      size = b.zip.length;
    }
    const ms = median(times);
    console.log(`  export (${redaction}): ${ms.toFixed(1)} ms median of ${ROUNDS} (goal ≤ ${GOAL_EXPORT_MS} ms) ${ms <= GOAL_EXPORT_MS ? 'OK' : 'OVER'}; size ${(size / 1024).toFixed(1)} KB (goal ≤ ${GOAL_BYTES / 1024} KB) ${size <= GOAL_BYTES ? 'OK' : 'OVER'}`);
  }
  const zip = (await exportBundle(input, { redaction: 'standard' })).zip;
  const articles = articleLookup();
  const times: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const t = performance.now();
    analyzeImported(await importBundle(zip), articles);
    times.push(performance.now() - t);
  }
  console.log(`  import + analyse: ${median(times).toFixed(1)} ms median of ${ROUNDS}`);
  const h = lab.healthy;
  const args = [CLI_JS, 'diagnose', '--sip-address', h.sipAddress, '--dns-server', h.dnsServer ?? '', '--timeout-ms', String(h.timeoutMs), '--proxy-pac', h.proxyPac ?? '', '--ca-file', lab.caFile, '--log', logFile, ...lab.webMap.flatMap((m) => ['--connect-to', m]), '--bundle', join(dir, 'out.zip')];
  const whole: number[] = [];
  for (let i = 0; i < 4; i++) {
    const r = await timeProcess(args, { env: cleanEnv() });
    if (i > 0) whole.push(r.ms);
  }
  console.log(`  whole process: lyncdoctor diagnose … --log (1 MB) --bundle against the lab: median ${median(whole).toFixed(0)} ms (process start, every collector, export and write)`);
  // Hostile lines: each was quadratic before the credential rules were bounded and JSON literals scanned (1-3 s on 40-80 KB).
  const MB = 1024 * 1024;
  const lines: Record<string, string> = {
    'plain text': 'The quick brown fox jumps over the lazy dog. '.repeat(MB / 45),
    'http://a%3A%3A… (no @)': `http://a${'%3A'.repeat(MB / 3)}`,
    'user%5Cx%3A… (no @)': `user${'%5Cx%3A'.repeat(MB / 7)}`,
    'sip%3Asip%3A… (no @)': 'sip%3A'.repeat(MB / 6),
    '\\"\\"… (no closing quote)': '\\"'.repeat(MB / 2),
    'x-x-x-…': 'x-'.repeat(MB / 2),
    '"cookies":["cookies":[… (never closed)': '"cookies":['.repeat(MB / 11),
    '<a:Assertion … (never closed)': '<a:Assertion '.repeat(MB / 13),
    'private-key headers on escaped lines': '-----BEGIN PRIVATE KEY-----\\n'.repeat(MB / 29),
  };
  const figures = Object.entries(lines).map(([name, text]) => {
    const t: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      redactText(text);
      t.push(performance.now() - t0);
    }
    return `${name} ${median(t).toFixed(0)} ms`;
  });
  console.log(`  redaction of one 1 MB line, median of 3: ${figures.join('; ')}`);
}

if (require.main === module) void run();
