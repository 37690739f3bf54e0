/**
 * Records the built-in demo: runs the REAL collectors (DNS, certificates, policy, proxy + PAC, autodiscover,
 * TLS, proxy authentication, SIP sign-in probe, clock) against loopback labs and a pretend Windows PC
 * (real-format PowerShell / reg.exe / netsh output), adds questionnaire answers for an iPhone, and writes
 * main/demo/demo-snapshot.json. Run: npx tsx scripts/make-demo-snapshot.ts (under the loopback guard:
 * NODE_OPTIONS="--import ./test/helpers/loopback-guard.mjs").
 *
 * The case, Tailspin Toys (kim.akers@tailspintoys.com):
 * - the PC's PAC (AutoConfigURL) sends lyncdiscover through a proxy that answers 407 NTLM/Negotiate →
 *   LD-PROXY-001/002, and autodiscover fails behind it (LD-AUTO-001, folded under LD-PROXY-001);
 * - the pool (certificate from the company CA, whose root is passed as --ca-file) answers REGISTER with 401 NTLM + TLS-DSK, but certificate provisioning answers 503 and the
 *   PC's only TLS-DSK certificate expired → the sign-in path breaks at "certificate provisioning";
 * - the sign-in path (main/sip/timeline.ts) shows TCP ok to pool01.tailspintoys.com:5061 (the first SRV target) and an
 *   autodiscover warning (the proxy's 407); the script checks this after recording and exits 1 when it does not hold;
 * - _sip._tls points outside the SIP domain (sip.tailspintoys-hosting.net, LD-DNS-004), which refuses connections
 *   (LD-TLS-009), and the federation edge does not listen either;
 * - the PC keeps two expired TLS-DSK certificates next to a Wi-Fi certificate (LD-CERT-001/002/003);
 * - the questionnaire is answered for an iPhone on iOS 9 with Lync 2013 (English / Sweden) and a server
 *   whose IM URL filter is on and push.lync.com is not federated (LD-MOB-001, LD-PUSH-001, LD-PUSH-002).
 *
 * After recording, loopback addresses and lab ports are rewritten to documentation values (192.0.2.x and
 * the standard ports), so the demo reads like a real site; nothing else is edited.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ALL_COLLECTORS } from '../main/collect';
import { recordingRunner, type CommandRunner } from '../main/collect/windows/runner';
import { collect } from '../main/diagnose';
import type { Snapshot } from '../main/model/snapshot';
import { buildTimeline, renderTimeline } from '../main/sip/timeline';
import type { QuestionnaireAnswers } from '../main/model/answers';
import { autodiscoverHandler } from '../test/helpers/autodiscover-lab';
import { startDnsLab } from '../test/helpers/dns-server';
import { makeCert, tlsDskCert, type MadeCert } from '../test/helpers/forge-certs';
import { labPki } from '../test/helpers/lab-pki';
import { closedPort } from '../test/helpers/net-env';
import { closeAll, startHttpServer, startProxy, startTlsServer, type LabServer } from '../test/helpers/net-lab';
import { reply, startMexServer, startSipServer } from '../test/helpers/sip-server';
import { fakeWindowsRunner } from '../test/helpers/windows-pc';

const DOMAIN = 'tailspintoys.com';
const USER = `kim.akers@${DOMAIN}`;
const DAY = 86_400_000;

export const DEMO_ANSWERS: QuestionnaireAnswers = {
  mobile: { platform: 'ios', osVersion: '9.3.5', app: 'Lync 2013 for iPhone', appVersion: '5.7', language: 'English', region: 'Sweden' },
  server: { imUrlFilterEnabled: 'yes', imUrlFilterAction: 'warn', pushNotificationsConfigured: 'yes', pushLyncComFederated: 'no' },
};

const thumb = (c: MadeCert): string => createHash('sha1').update(Buffer.from(c.der, 'binary')).digest('hex').toUpperCase();

async function main(): Promise<void> {
  const now = new Date(Math.floor(Date.now() / 60_000) * 60_000);
  const servers: Array<{ close(): Promise<void> }> = [];
  const pki = labPki('Tailspin Toys');
  // The pool's certificate comes from the company CA (root given as --ca-file, as a technician would).
  const poolChain = pki.leaf([`pool01.${DOMAIN}`, `webpool.${DOMAIN}`, `sip.${DOMAIN}`]);
  const poolCert: MadeCert = { ...poolChain.leaf, pem: poolChain.certPems.join('\n'), keyPem: poolChain.keyPem };
  const tmp = mkdtempSync(join(tmpdir(), 'ld-demo-'));
  const caFile = join(tmp, 'tailspin-root-ca.pem');
  writeFileSync(caFile, pki.root.pem);

  // Certificate provisioning is down (503); the web ticket service answers.
  const mex = await startMexServer(poolCert, { '/WebTicket/WebTicketService.svc/mex': 200, '/CertProv/CertProvisioningService.svc/mex': 503 });
  servers.push(mex);
  const sts = `https://webpool.${DOMAIN}:${mex.port}/CertProv/CertProvisioningService.svc`;
  const pool = await startSipServer(poolCert, (req) =>
    reply(req, 401, 'Unauthorized', [
      `Date: ${new Date().toUTCString()}`,
      `WWW-Authenticate: NTLM realm="SIP Communications Service", targetname="pool01.${DOMAIN}", version=4`,
      `WWW-Authenticate: TLS-DSK realm="SIP Communications Service", targetname="pool01.${DOMAIN}", version=4,`,
      `                sts-uri="${sts}"`,
      'ms-diagnostics: 1033;reason="Previous hop server component did not report diagnostic information";',
      `   Domain="${DOMAIN}";PeerServer="pool01.${DOMAIN}";source="sip.${DOMAIN}"`,
    ]),
  );
  servers.push(pool);
  const discover = await startTlsServer({ cert: pki.leaf([`lyncdiscover.${DOMAIN}`, `webext.${DOMAIN}`]), handler: autodiscoverHandler({ webHost: `webext.${DOMAIN}`, domain: DOMAIN }) });
  servers.push(discover);
  const proxy = await startProxy({ mode: 'auth', schemes: ['Negotiate', 'NTLM'] });
  servers.push(proxy);
  const pacText = [
    'function FindProxyForURL(url, host) {',
    `  if (dnsDomainIs(host, "lyncdiscover.${DOMAIN}") || dnsDomainIs(host, "webext.${DOMAIN}")) return "PROXY proxy.${DOMAIN}:8080";`,
    '  return "DIRECT";',
    '}',
    '',
  ].join('\n');
  const pac: LabServer = await startHttpServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/x-ns-proxy-autoconfig' });
    res.end(pacText.replace(`proxy.${DOMAIN}:8080`, `127.0.0.1:${proxy.port}`));
  });
  servers.push(pac);
  const refused = await closedPort();

  const dns = await startDnsLab({
    records: [
      { name: `lyncdiscover.${DOMAIN}`, type: 'A', data: '127.0.0.1' },
      { name: `webext.${DOMAIN}`, type: 'A', data: '127.0.0.1' },
      { name: `sip.${DOMAIN}`, type: 'A', data: '127.0.0.1' },
      { name: `pool01.${DOMAIN}`, type: 'A', data: '127.0.0.1' },
      { name: `webpool.${DOMAIN}`, type: 'A', data: '127.0.0.1' },
      { name: `sipedge.${DOMAIN}`, type: 'A', data: '127.0.0.1' },
      { name: `_sipinternaltls._tcp.${DOMAIN}`, type: 'SRV', data: { target: `pool01.${DOMAIN}`, port: pool.port } },
      { name: `_sip._tls.${DOMAIN}`, type: 'SRV', data: { target: 'sip.tailspintoys-hosting.net', port: 443 } },
      { name: 'sip.tailspintoys-hosting.net', type: 'A', data: '127.0.0.1' },
      { name: `_sipfederationtls._tcp.${DOMAIN}`, type: 'SRV', data: { target: `sipedge.${DOMAIN}`, port: 5061 } },
    ],
  });
  servers.push(dns);

  // The PC: two expired TLS-DSK certificates (no valid one), a Wi-Fi client certificate, PAC by AutoConfigURL, WinHTTP direct.
  const expired = tlsDskCert(USER, new Date(now.getTime() - 200 * DAY), new Date(now.getTime() - 12 * DAY));
  const older = tlsDskCert(USER, new Date(now.getTime() - 390 * DAY), new Date(now.getTime() - 210 * DAY));
  const wifi = makeCert({ subjectCN: 'kim.akers', issuerCN: 'Tailspin Toys Issuing CA 01', emails: [USER], ekus: ['clientAuth'], notBefore: new Date(now.getTime() - 100 * DAY), notAfter: new Date(now.getTime() + 265 * DAY) });
  const windows = fakeWindowsRunner({
    my: [
      { store: 'My', thumbprint: thumb(older), hasPrivateKey: true, derBase64: older.derBase64 },
      { store: 'My', thumbprint: thumb(expired), hasPrivateKey: true, derBase64: expired.derBase64 },
      { store: 'My', thumbprint: thumb(wifi), hasPrivateKey: true, derBase64: wifi.derBase64 },
    ],
    registry: {
      'HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings': [
        { name: 'ProxyEnable', type: 'REG_DWORD', data: '0x0' },
        { name: 'AutoConfigURL', type: 'REG_SZ', data: `http://127.0.0.1:${pac.port}/proxy.pac` },
      ],
      'HKEY_CURRENT_USER\\SOFTWARE\\Policies\\Microsoft\\Office\\16.0\\Lync': [{ name: 'EnableSIPHighSecurityMode', type: 'REG_DWORD', data: '0x1' }],
    },
  });
  const netsh = readFileSync(join(__dirname, '..', 'test', 'fixtures', 'fix', 'netsh-winhttp-direct.en.txt'), 'utf8');
  const netshRun = recordingRunner(() => ({ stdout: netsh }));
  const runner: CommandRunner = (command, args, opts) => (/netsh/i.test(command) ? netshRun(command, args, opts) : windows(command, args, opts));

  const { snapshot } = await collect({
    input: {
      sipAddress: USER,
      sipDomain: DOMAIN,
      dnsServer: dns.address,
      timeoutMs: 8000,
      caFile,
      connectTo: [`lyncdiscover.${DOMAIN}:443:127.0.0.1:${discover.port}`, `webext.${DOMAIN}:443:127.0.0.1:${discover.port}`, `sip.${DOMAIN}:443:127.0.0.1:${refused}`, `sip.tailspintoys-hosting.net:443:127.0.0.1:${refused}`],
    },
    collectors: ALL_COLLECTORS.filter((c) => c.id !== 'logs'),
    run: runner,
    platform: 'win32',
    now: () => new Date(),
    answers: DEMO_ANSWERS,
  });
  await closeAll(servers);
  rmSync(tmp, { recursive: true, force: true });

  // Documentation values instead of the lab's loopback ports (whole-token replacements only).
  const ports: Array<[number, string]> = [
    [pool.port, '5061'],
    [mex.port, '443'],
    [discover.port, '443'],
    [proxy.port, '8080'],
    [pac.port, '80'],
    [refused, '443'],
  ];
  let text = JSON.stringify({
    ...snapshot,
    createdAt: now.toISOString(),
    demo: true,
    host: { platform: 'win32', release: '10.0.19045', arch: 'x64' },
    input: { sipAddress: USER, sipDomain: DOMAIN, dnsServer: null, timeoutMs: 8000 },
  }, null, 2);
  text = text.split(dns.address).join('192.0.2.53').split(join(tmp, '/').replace(/\\/g, '\\\\')).join('');
  text = text.split(`http://127.0.0.1:${pac.port}/proxy.pac`).join(`http://wpad.${DOMAIN}/proxy.pac`);
  text = text.split(`127.0.0.1:${proxy.port}`).join(`proxy.${DOMAIN}:8080`);
  for (const [p, to] of ports) text = text.replace(new RegExp(`(?<![\\d.])${p}(?!\\d)`, 'g'), to);
  text = text.split('127.0.0.1').join('192.0.2.10');
  const out = join(__dirname, '..', 'main', 'demo', 'demo-snapshot.json');
  writeFileSync(out, `${text}\n`);
  console.log(`wrote ${out}`);
  // The demo's sign-in path as the README tells it (test/unit/main/sip/timeline-demo.test.ts pins it on the CLI).
  const t = buildTimeline(JSON.parse(text) as Snapshot);
  const st = (id: string) => t.steps.find((x) => x.id === id);
  const want: Array<[string, boolean]> = [
    ['connect ok to pool01.tailspintoys.com:5061', st('connect')?.status === 'ok' && (st('connect')?.evidence.some((e) => e.label === 'connected' && e.value.startsWith(`pool01.${DOMAIN}:5061 `)) ?? false)],
    ['autodiscover warning (407)', st('autodiscover')?.status === 'warning' && /407/.test(st('autodiscover')?.detail ?? '')],
    ['first broken step: certificate provisioning', t.failedStepId === 'certificate'],
  ];
  console.log(renderTimeline(t));
  for (const [what, ok] of want) if (!ok) {
    console.error(`demo sign-in path: expected ${what}`);
    process.exitCode = 1;
  }
}

void main();
