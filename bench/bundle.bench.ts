/**
 * Bundle benchmark: export time and size for a typical diagnosis (real collectors against a loopback
 * DNS lab and a pretend Windows PC with six certificates and policies, plus a client-log excerpt),
 * standard and pseudonymised, and import + re-analysis time. Goals: export ≤ 300 ms, size ≤ 1 MB.
 */
import { createHash } from 'node:crypto';
import { analyzeImported } from '../main/api/bundle';
import { dnsCollector } from '../main/collect/dns';
import { certificatesCollector } from '../main/collect/certificates';
import { policyCollector } from '../main/collect/policy';
import { exportBundle, type ExportInput } from '../main/bundle/export';
import { importBundle } from '../main/bundle/import';
import { collect, analyze } from '../main/diagnose';
import { articleLookup } from '../main/kb/lookup';
import { healthyZone, startDnsLab } from '../test/helpers/dns-server';
import { makeCert, tlsDskCert } from '../test/helpers/forge-certs';
import { fakeWindowsRunner } from '../test/helpers/windows-pc';

const GOAL_EXPORT_MS = 300;
const GOAL_BYTES = 1024 * 1024;
const ROUNDS = 15;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

/** A client log excerpt like the one a technician attaches (~300 KB of SIP traffic lines). */
function logExcerpt(): string {
  const lines: string[] = [];
  for (let i = 0; lines.join('\n').length < 300_000; i++) {
    lines.push(
      `11/24/2026|09:15:${String(i % 60).padStart(2, '0')}.${String(i % 1000).padStart(3, '0')} 1A2C:2B44 INFO  :: Sending Packet - 10.0.0.${(i % 200) + 10}:5061 (From Local Address: 10.1.2.3:${50000 + (i % 999)}) ${900 + (i % 300)} bytes:`,
      `REGISTER sip:contoso.com SIP/2.0\r\nVia: SIP/2.0/TLS 10.1.2.3:${50000 + (i % 999)}\r\nFrom: <sip:alice@contoso.com>;tag=${createHash('md5').update(String(i)).digest('hex').slice(0, 10)};epid=a1b2c3\r\nCSeq: ${i} REGISTER\r\nAuthorization: TLS-DSK qop="auth", realm="SIP Communications Service", opaque="${createHash('sha1').update(String(i)).digest('hex')}", targetname="pool01.contoso.com", crand="${(i * 7919).toString(16)}", cnum="${i}", response="${createHash('sha1').update(`r${i}`).digest('hex')}"`,
    );
  }
  return lines.join('\n');
}

async function typicalDiagnosis(): Promise<ExportInput> {
  const at = new Date('2026-06-01T09:00:00Z');
  const day = (n: number): Date => new Date(at.getTime() + n * 86_400_000);
  const lab = await startDnsLab({ records: healthyZone('contoso.com') });
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
  try {
    const c = await collect({
      input: { sipAddress: 'alice@contoso.com', sipDomain: 'contoso.com', dnsServer: lab.address, timeoutMs: 3000 },
      collectors: [dnsCollector, certificatesCollector, policyCollector],
      run,
      platform: 'win32',
      now: () => at,
    });
    const { findings } = analyze(c.snapshot, { articles: articleLookup() });
    return { snapshot: c.snapshot, findings, raw: [...c.raw, { collectorId: 'logs', name: 'Lync-UccApi-0.UccApilog', content: logExcerpt() }] };
  } finally {
    await lab.close();
  }
}

export async function run(): Promise<void> {
  const input = await typicalDiagnosis();
  const rawChars = (input.raw ?? []).reduce((n, a) => n + a.content.length, 0);
  console.log(`  typical diagnosis: ${Object.keys(input.snapshot.sections).length} sections, ${input.findings.length} findings, ${input.raw?.length ?? 0} raw outputs (${Math.round(rawChars / 1024)} KB)`);
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
}

if (require.main === module) void run();
