/**
 * One set of connection options: with --connect-to and --ca-file, the SIP probe inside `diagnose` goes where the
 * TLS probe goes (the redirected lab server) and judges trust with the same roots, so the timeline shows no trust
 * problem the TLS section does not have. Without --ca-file the same lab shows the trust warning (the test can fail).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Snapshot } from '../../../main/model/snapshot';
import { buildTimeline } from '../../../main/sip/timeline';
import { runCli } from '../../helpers/cli';
import { startDnsLab, type DnsLab } from '../../helpers/dns-server';
import { labPki } from '../../helpers/lab-pki';
import { closedPort } from '../../helpers/net-env';
import { closeAll, startProxy } from '../../helpers/net-lab';
import { lync401, reply, startMexServer, startSipServer, type SipLab } from '../../helpers/sip-server';

const dir = mkdtempSync(join(tmpdir(), 'ld-sip-connect-'));
let sip: SipLab;
let dns: DnsLab;
let base: string[];

before(async () => {
  const pki = labPki('Edge');
  writeFileSync(join(dir, 'root.pem'), pki.root.pem);
  const cert = pki.leaf(['sip.contoso.com']);
  sip = await startSipServer(cert.leaf, (req) => reply(req, 401, 'Unauthorized', ['WWW-Authenticate: NTLM realm="SIP Communications Service", targetname="edge01.contoso.com", version=4']), { key: cert.keyPem, cert: cert.certPems.join('') });
  // DNS names the Edge at 127.0.0.1:443, where nothing of ours listens: only --connect-to reaches the lab server.
  dns = await startDnsLab({ records: [{ name: 'sip.contoso.com', type: 'A', data: '127.0.0.1' }, { name: '_sip._tls.contoso.com', type: 'SRV', data: { target: 'sip.contoso.com', port: 443 } }] });
  base = ['diagnose', '--sip-address', 'alice@contoso.com', '--dns-server', dns.address, '--timeout-ms', '4000', '--json', '--connect-to', `sip.contoso.com:443:127.0.0.1:${sip.port}`, '--connect-to', `sip.contoso.com:5061:127.0.0.1:${await closedPort()}`];
});

after(async () => {
  await sip?.close();
  await dns?.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Out {
  snapshot: Snapshot;
}

test('--connect-to and --ca-file reach the SIP probe: redirected server answers, chain trusted, timeline shows no trust problem', async () => {
  const before = sip.requests.length;
  const r = await runCli([...base, '--ca-file', join(dir, 'root.pem')]);
  const o = JSON.parse(r.out) as Out;
  const section = o.snapshot.sections.sip;
  assert.equal(section?.status, 'ok', section?.message);
  const d = section!.data!;
  const fin = d.attempts[d.finalAttempt ?? -1];
  assert.equal(`${fin?.target.host}:${fin?.target.port}`, 'sip.contoso.com:443');
  assert.equal(fin?.response?.statusCode, 401);
  assert.equal(fin?.tls.address, '127.0.0.1');
  assert.equal(fin?.tls.chainTrusted, true, fin?.tls.chainError ?? '');
  assert.equal(fin?.tls.nameMatches, true);
  assert.ok(sip.requests.length > before, 'the REGISTER reached the redirected lab server');
  // The TLS section judges the same endpoint as trusted too.
  const tls = o.snapshot.sections.tls?.data?.probes.find((p) => p.host === 'sip.contoso.com' && p.port === 443);
  assert.equal(tls?.trust?.trusted, true);
  const step = buildTimeline(o.snapshot).steps.find((s) => s.id === 'tls');
  assert.equal(step?.status, 'ok', step?.detail);
  assert.doesNotMatch(step?.detail ?? '', /not trusted/);
});

test('the same lab without --ca-file: the SIP probe reports the untrusted chain (so the test above can fail)', async () => {
  const r = await runCli(base);
  const o = JSON.parse(r.out) as Out;
  const d = o.snapshot.sections.sip!.data!;
  assert.equal(d.attempts[d.finalAttempt ?? -1]?.tls.chainTrusted, false);
  const step = buildTimeline(o.snapshot).steps.find((s) => s.id === 'tls');
  assert.equal(step?.status, 'warning');
  assert.match(step?.detail ?? '', /not trusted/);
});

test('a redirect to a pool DNS could not be asked about (SERVFAIL) says so, never "does not resolve"', async () => {
  const pki = labPki('Director');
  const cert = pki.leaf(['director.contoso.com']);
  const director = await startSipServer(cert.leaf, (req) => reply(req, 301, 'Redirect request to Home Server', ['Contact: <sip:pool09.contoso.com:5061;transport=Tls>']), { key: cert.keyPem, cert: cert.certPems.join('') });
  const lab = await startDnsLab({ records: [{ name: '_sipinternaltls._tcp.contoso.com', type: 'SRV', data: { target: 'director.contoso.com', port: director.port } }, { name: 'director.contoso.com', type: 'A', data: '127.0.0.1' }], servfail: ['pool09.contoso.com'] });
  try {
    const r = await runCli(['diagnose', '--sip-address', 'alice@contoso.com', '--dns-server', lab.address, '--timeout-ms', '4000', '--json']);
    const d = (JSON.parse(r.out) as Out).snapshot.sections.sip!.data!;
    const hop = d.attempts.find((a) => a.target.source === 'redirect');
    assert.equal(hop?.target.host, 'pool09.contoso.com');
    assert.equal(hop?.message, 'pool09.contoso.com:5061: DNS could not be asked for pool09.contoso.com (servfail), so whether it exists is unknown');
  } finally {
    await director.close();
    await lab.close();
  }
});

test('--proxy carries the SIP probe HTTPS web-service requests (CONNECT tunnel), with --ca-file trust inside the tunnel', async () => {
  const pki = labPki('Web');
  const web = pki.leaf(['webpool.contoso.com', 'pool01.contoso.com']);
  const mex = await startMexServer(web.leaf, { '/CertProv/CertProvisioningService.svc/mex': 200, '/WebTicket/WebTicketService.svc/mex': 200 });
  const pool = await startSipServer(web.leaf, (req) => lync401(req, { stsUri: 'https://webpool.contoso.com/CertProv/CertProvisioningService.svc' }), { key: web.keyPem, cert: web.certPems.join('') });
  const proxy = await startProxy({ mode: 'tunnel', resolve: (host, port) => (host === 'webpool.contoso.com' && port === 443 ? { host: '127.0.0.1', port: mex.port } : null) });
  const lab = await startDnsLab({ records: [{ name: '_sipinternaltls._tcp.contoso.com', type: 'SRV', data: { target: 'pool01.contoso.com', port: pool.port } }, { name: 'pool01.contoso.com', type: 'A', data: '127.0.0.1' }] });
  // The mex lab sends only its leaf, so the --ca-file holds the issuing CA too (trust is built from the file).
  writeFileSync(join(dir, 'web-root.pem'), pki.root.pem + pki.intermediate.pem);
  try {
    const r = await runCli(['diagnose', '--sip-address', 'alice@contoso.com', '--dns-server', lab.address, '--timeout-ms', '5000', '--json', '--proxy', `http://127.0.0.1:${proxy.port}`, '--ca-file', join(dir, 'web-root.pem')]);
    const d = (JSON.parse(r.out) as Out).snapshot.sections.sip!.data!;
    assert.deepEqual(d.webServices.map((w) => [w.kind, w.outcome, w.httpStatus]), [['cert-provisioning', 'ok', 200], ['web-ticket', 'ok', 200]]);
    assert.ok(d.webServices.every((w) => w.tls?.chainTrusted === true), JSON.stringify(d.webServices.map((w) => w.tls?.chainError)));
    assert.ok(proxy.heads.some((h) => h.startsWith('CONNECT webpool.contoso.com:443 ')), proxy.heads.join(' | '));
    assert.deepEqual([...mex.paths].sort(), ['/CertProv/CertProvisioningService.svc/mex', '/WebTicket/WebTicketService.svc/mex']);
  } finally {
    await closeAll([mex, pool, proxy, lab]);
  }
});
