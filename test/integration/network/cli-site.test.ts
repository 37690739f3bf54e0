/** The whole diagnosis of a broken "site" through the CLI, against the DNS lab and loopback servers. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { validate } from '../../../main/model/schema';
import { NETWORK_SECTION_SCHEMAS } from '../../../main/model/validate-network';
import { autodiscoverHandler } from '../../helpers/autodiscover-lab';
import { runCli } from '../../helpers/cli';
import { startDnsLab, type DnsLab } from '../../helpers/dns-server';
import { labPki } from '../../helpers/lab-pki';
import { closedPort } from '../../helpers/net-env';
import { closeAll, startProxy, startTlsServer, type LabServer } from '../../helpers/net-lab';

interface Out {
  snapshot: { sections: Record<string, { status: string; durationMs: number; message: string; data?: unknown }> };
  findings: Array<{ checkId: string; severity: string; message: string; evidence: Array<{ label: string; value: string }>; research: string[]; articleId: string }>;
}

const dir = mkdtempSync(join(tmpdir(), 'ld-site-'));
const servers: LabServer[] = [];
let dns: DnsLab;
let argv: string[];

before(async () => {
  const pki = labPki('Site');
  writeFileSync(join(dir, 'root.pem'), pki.root.pem);
  // lyncdiscover answers autodiscover, but its certificate names only the web services host
  const discover = await startTlsServer({ cert: pki.leaf(['webext.contoso.com']), handler: autodiscoverHandler({ webHost: 'webext.contoso.com', domain: 'contoso.com' }) });
  const web = await startTlsServer({ cert: pki.leaf(['webext.contoso.com']), handler: autodiscoverHandler({ webHost: 'webext.contoso.com', domain: 'contoso.com' }) });
  // the Edge (SIP over TLS) forgets its intermediate certificate
  const edge = await startTlsServer({ cert: pki.leaf(['sip.contoso.com'], { sendIntermediate: false }) });
  // the proxy the PAC names for Exchange demands NTLM/Negotiate
  const proxy = await startProxy({ mode: 'auth', schemes: ['NTLM', 'Negotiate'] });
  servers.push(discover, web, edge, proxy);
  writeFileSync(join(dir, 'proxy.pac'), `function FindProxyForURL(url, host) {\n  if (dnsDomainIs(host, "autodiscover.contoso.com")) return "PROXY 127.0.0.1:${proxy.port}";\n  return "DIRECT";\n}\n`);
  dns = await startDnsLab({
    records: [
      { name: 'lyncdiscover.contoso.com', type: 'A', data: '127.0.0.1' },
      { name: 'sip.contoso.com', type: 'A', data: '127.0.0.1' },
      // Exchange autodiscover exists (the proxy is only blamed for names that resolve)
      { name: 'autodiscover.contoso.com', type: 'A', data: '127.0.0.1' },
      { name: '_sip._tls.contoso.com', type: 'SRV', data: { target: 'sip.contoso.com', port: edge.port } },
    ],
  });
  argv = [
    'diagnose', '--sip-address', 'alice@contoso.com', '--dns-server', dns.address, '--timeout-ms', '10000', '--json',
    '--proxy-pac', join(dir, 'proxy.pac'), '--ca-file', join(dir, 'root.pem'),
    '--connect-to', `lyncdiscover.contoso.com:443:127.0.0.1:${discover.port}`,
    '--connect-to', `webext.contoso.com:443:127.0.0.1:${web.port}`,
    '--connect-to', `sip.contoso.com:443:127.0.0.1:${await closedPort()}`,
  ];
});

after(async () => {
  await closeAll(servers);
  await dns?.close();
  rmSync(dir, { recursive: true, force: true });
});

test('broken site: findings for the lyncdiscover name, the missing intermediate, the Exchange proxy and the closed port', async () => {
  const started = Date.now();
  const r = await runCli(argv);
  const elapsed = Date.now() - started;
  assert.equal(r.code, 1, r.err);
  const out = JSON.parse(r.out) as Out;
  const s = out.snapshot.sections;
  for (const id of ['dns', 'proxy', 'autodiscover', 'tls', 'proxyAuth', 'clock']) assert.ok(s[id], `section ${id}`);
  assert.equal(s.proxy?.status, 'ok', s.proxy?.message);
  assert.equal(s.autodiscover?.status, 'ok', s.autodiscover?.message);
  assert.equal(s.tls?.status, 'ok', s.tls?.message);
  assert.equal(s.proxyAuth?.status, 'ok', s.proxyAuth?.message);
  assert.equal(s.clock?.status, 'ok', s.clock?.message);
  assert.ok(elapsed < 30_000, `diagnosis took ${elapsed} ms (a loose bound on termination; speed is measured by npm run bench)`);
  for (const [id, schema] of Object.entries(NETWORK_SECTION_SCHEMAS)) assert.deepEqual(validate(s[id]?.data, schema), [], `${id} data matches its bundle schema`);

  const ids = new Set(out.findings.map((f) => f.checkId));
  const f = (id: string) => out.findings.find((x) => x.checkId === id);
  assert.ok(ids.has('LD-TLS-001'), 'lyncdiscover certificate name');
  assert.deepEqual(f('LD-TLS-001')?.research, ['SFB-KI-058']);
  assert.ok(f('LD-TLS-001')?.evidence.some((e) => e.label === 'SAN DNS names' && e.value === 'webext.contoso.com'));
  assert.ok(ids.has('LD-TLS-004'), 'missing intermediate');
  assert.match(f('LD-TLS-004')?.message ?? '', /sip\.contoso\.com:\d+: the chain is incomplete.*Site Issuing CA/);
  assert.ok(ids.has('LD-PROXY-006'), 'Exchange autodiscover blocked by the proxy');
  assert.match(f('LD-PROXY-006')?.message ?? '', /auth-required 407, offers NTLM, Negotiate/);
  assert.ok(ids.has('LD-TLS-009'), 'sip.contoso.com:443 refused');
  assert.equal(f('LD-TLS-009')?.severity, 'warning');
  assert.ok(ids.has('LD-TLS-005'), 'private root for mobile clients');
  for (const absent of ['LD-AUTO-001', 'LD-CLOCK-001', 'LD-PROXY-001', 'LD-PROXY-007', 'LD-TLS-002', 'LD-TLS-003', 'LD-TLS-006']) assert.ok(!ids.has(absent), `${absent} not expected: ${f(absent)?.message}`);
});

test('text report names the findings and every network collector', async () => {
  const r = await runCli(argv.filter((a) => a !== '--json'));
  assert.equal(r.code, 1);
  for (const id of ['proxy', 'autodiscover', 'tls', 'proxyAuth', 'clock']) assert.match(r.out, new RegExp(`\\b${id}\\b`));
  assert.match(r.out, /\[LD-TLS-001\]/);
});
