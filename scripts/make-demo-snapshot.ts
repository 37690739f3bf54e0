/**
 * Records the built-in demo: runs the real collectors against a loopback DNS lab and a pretend Windows
 * PC (real-format PowerShell/reg output) and writes main/demo/demo-snapshot.json. Run: npx tsx scripts/make-demo-snapshot.ts
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { certificatesCollector } from '../main/collect/certificates';
import { dnsCollector } from '../main/collect/dns';
import { policyCollector } from '../main/collect/policy';
import { collect } from '../main/diagnose';
import { startDnsLab } from '../test/helpers/dns-server';
import { makeCert, tlsDskCert } from '../test/helpers/forge-certs';
import { fakeWindowsRunner } from '../test/helpers/windows-pc';

const CAPTURED = new Date('2026-03-02T09:15:00Z');
const day = (n: number): Date => new Date(CAPTURED.getTime() + n * 86_400_000);

async function main(): Promise<void> {
  const domain = 'contoso.com';
  const lab = await startDnsLab({
    records: [
      { name: `sip.${domain}`, type: 'A', data: '203.0.113.20' },
      { name: `_sip._tls.${domain}`, type: 'SRV', data: { target: 'sip.contoso-hosting.net', port: 443 } },
      { name: 'sip.contoso-hosting.net', type: 'A', data: '203.0.113.21' },
      { name: `_sipfederationtls._tcp.${domain}`, type: 'SRV', data: { target: `sipfed.${domain}`, port: 5061 } },
    ],
  });
  const expired = tlsDskCert('alice@contoso.com', day(-200), day(-20));
  const current = tlsDskCert('alice@contoso.com', day(-20), day(160));
  const wifi = makeCert({ subjectCN: 'alice', issuerCN: 'Contoso Issuing CA 01', emails: ['alice@contoso.com'], ekus: ['clientAuth'], notBefore: day(-100), notAfter: day(265) });
  const thumb = (c: ReturnType<typeof makeCert>): string => require('node:crypto').createHash('sha1').update(Buffer.from(c.der, 'binary')).digest('hex').toUpperCase();
  const runner = fakeWindowsRunner({
    my: [
      { store: 'My', thumbprint: thumb(expired), hasPrivateKey: true, derBase64: expired.derBase64 },
      { store: 'My', thumbprint: thumb(current), hasPrivateKey: true, derBase64: current.derBase64 },
      { store: 'My', thumbprint: thumb(wifi), hasPrivateKey: true, derBase64: wifi.derBase64 },
    ],
    registry: { 'HKEY_CURRENT_USER\\SOFTWARE\\Policies\\Microsoft\\Office\\16.0\\Lync': [{ name: 'EnableSIPHighSecurityMode', type: 'REG_DWORD', data: '0x1' }] },
  });
  const { snapshot } = await collect({
    input: { sipAddress: 'alice@contoso.com', sipDomain: domain, dnsServer: lab.address, timeoutMs: 3000 },
    run: runner,
    platform: 'win32',
    // Only the recorded local facts: the network collectors would probe the (documentation) addresses.
    collectors: [dnsCollector, certificatesCollector, policyCollector],
    now: () => CAPTURED,
  });
  await lab.close();
  const demo = {
    ...snapshot,
    demo: true,
    host: { platform: 'win32', release: '10.0.19045', arch: 'x64' },
    input: { ...snapshot.input, dnsServer: null },
    sections: { ...snapshot.sections, dns: snapshot.sections.dns && { ...snapshot.sections.dns, data: snapshot.sections.dns.data && { ...snapshot.sections.dns.data, server: null } } },
  };
  const out = join(__dirname, '..', 'main', 'demo', 'demo-snapshot.json');
  writeFileSync(out, `${JSON.stringify(demo, null, 2)}\n`);
  console.log(`wrote ${out}`);
}

void main();
