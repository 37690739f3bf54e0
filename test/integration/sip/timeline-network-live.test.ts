/**
 * The TCP-connect and autodiscover steps of the sign-in path against real servers on loopback, through the CLI
 * (`sip probe --json` and `diagnose --json`). What each server does decides the expected reading: a port where nothing
 * listens refuses the TCP connection (connect failed, TLS never tried); a server that answers plain text accepts TCP but
 * fails the TLS handshake (connect ok, TLS failed); a Lync pool answering 401 behind an authenticating proxy for
 * lyncdiscover gives connect ok to that pool and an autodiscover warning (407); a lab autodiscover service whose
 * User link answers 401 gives autodiscover ok.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { SignInTimeline, TimelineStep, TimelineStepId } from '../../../main/model/sip';
import type { Snapshot } from '../../../main/model/snapshot';
import { buildTimeline } from '../../../main/sip/timeline';
import { autodiscoverHandler } from '../../helpers/autodiscover-lab';
import { runCli } from '../../helpers/cli';
import { startDnsLab, type DnsLab } from '../../helpers/dns-server';
import { makeCert, type MadeCert } from '../../helpers/forge-certs';
import { labPki } from '../../helpers/lab-pki';
import { closedPort } from '../../helpers/net-env';
import { startProxy, startRawServer, startTlsServer } from '../../helpers/net-lab';
import { lync401, reply, startSipServer } from '../../helpers/sip-server';

const dir = mkdtempSync(join(tmpdir(), 'ld-tl-net-'));
const closers: Array<() => Promise<void>> = [];
after(async () => {
  await Promise.all(closers.map((c) => c()));
  rmSync(dir, { recursive: true, force: true });
});
const keep = <T extends { close(): Promise<void> }>(x: T): T => {
  closers.push(() => x.close());
  return x;
};

let poolCert: MadeCert;
before(() => {
  poolCert = makeCert({ subjectCN: 'pool01.contoso.com', dnsNames: ['pool01.contoso.com'], ekus: ['serverAuth'] });
});

interface Out {
  timeline: SignInTimeline & { failedStepId: TimelineStepId | null };
}
const stepOf = (t: SignInTimeline, id: TimelineStepId): TimelineStep => t.steps.find((s) => s.id === id) as TimelineStep;
const lines = (s: TimelineStep): string => s.evidence.map((e) => `${e.label}: ${e.value}`).join('\n');

test('sip probe to a port where nothing listens: the TCP step fails with the refusal, TLS is not observed, the first broken step is the connect', async () => {
  const port = await closedPort();
  const r = await runCli(['sip', 'probe', '--sip-address', 'alice@contoso.com', '--server', `127.0.0.1:${port}`, '--timeout-ms', '5000', '--json']);
  const t = (JSON.parse(r.out) as Out).timeline;
  const connect = stepOf(t, 'connect');
  assert.equal(connect.status, 'failed', lines(connect));
  assert.equal(connect.source, 'probe');
  assert.match(lines(connect), new RegExp(`^tried: 127\\.0\\.0\\.1:${port} .*refused the connection`, 'm'));
  assert.equal(stepOf(t, 'tls').status, 'not-observed');
  assert.equal(t.failedStepId, 'connect');
  assert.equal(t.failedStep, 1, 'the index names the same step (CLI contract: failedStep kept)');
  const text = await runCli(['sip', 'probe', '--sip-address', 'alice@contoso.com', '--server', `127.0.0.1:${port}`, '--timeout-ms', '5000']);
  assert.match(text.out, />> 2\. FAILED TCP connection to the SIP server/);
  assert.match(text.out, /Sign-in breaks at "TCP connection to the SIP server"/);
});

test('sip probe to a server that answers plain text: TCP came up (connect ok), the TLS handshake failed', async () => {
  const plain = keep(await startRawServer((s) => s.end('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n')));
  const r = await runCli(['sip', 'probe', '--sip-address', 'alice@contoso.com', '--server', `127.0.0.1:${plain.port}`, '--timeout-ms', '5000', '--json']);
  const t = (JSON.parse(r.out) as Out).timeline;
  assert.equal(stepOf(t, 'connect').status, 'ok', lines(stepOf(t, 'connect')));
  assert.match(lines(stepOf(t, 'connect')), new RegExp(`^connected: 127\\.0\\.0\\.1:${plain.port}`, 'm'));
  assert.equal(stepOf(t, 'tls').status, 'failed', lines(stepOf(t, 'tls')));
  assert.match(lines(stepOf(t, 'tls')), /TLS handshake failed/);
  assert.equal(t.failedStepId, 'tls');
  assert.equal(t.steps[t.failedStep as number]?.id, 'tls');
});

test('a director that redirects (301) to a pool port where nothing listens: that hop fails the TCP step; TLS is not observed', async () => {
  const closed = await closedPort();
  const director = keep(await startSipServer(poolCert, (req) => reply(req, 301, 'Redirect request to Home Server', [`Contact: <sip:pool02.contoso.com:${closed};transport=Tls>`])));
  const lab = keep(
    await startDnsLab({
      records: [
        { name: '_sipinternaltls._tcp.contoso.com', type: 'SRV', data: { target: 'pool01.contoso.com', port: director.port } },
        { name: 'pool01.contoso.com', type: 'A', data: '127.0.0.1' },
        { name: 'pool02.contoso.com', type: 'A', data: '127.0.0.1' },
      ],
    }),
  );
  const r = await runCli(['sip', 'probe', '--sip-address', 'alice@contoso.com', '--dns-server', lab.address, '--timeout-ms', '8000', '--json']);
  const t = (JSON.parse(r.out) as Out).timeline;
  const connect = stepOf(t, 'connect');
  assert.equal(connect.status, 'failed', lines(connect));
  assert.equal(connect.detail, `Redirected to pool02.contoso.com:${closed}, which did not accept the TCP connection`);
  assert.match(lines(connect), new RegExp(`^redirect: pool01\\.contoso\\.com:${director.port} answered 301 → pool02\\.contoso\\.com:${closed}$`, 'm'));
  assert.equal(stepOf(t, 'tls').status, 'not-observed');
  assert.equal(t.failedStepId, 'connect');
});

let dns: DnsLab;
test('diagnose: pool answers 401, lyncdiscover only through a proxy that asks 407 → connect ok to the pool, autodiscover warning with the 407', async () => {
  const sip = keep(await startSipServer(poolCert, (req) => lync401(req, { stsUri: 'https://webpool.contoso.com/CertProv/CertProvisioningService.svc', schemes: ['NTLM'] })));
  const proxy = keep(await startProxy({ mode: 'auth', schemes: ['Negotiate', 'NTLM'] }));
  dns = keep(
    await startDnsLab({
      records: [
        { name: '_sipinternaltls._tcp.contoso.com', type: 'SRV', data: { target: 'pool01.contoso.com', port: sip.port } },
        { name: 'pool01.contoso.com', type: 'A', data: '127.0.0.1' },
        { name: 'lyncdiscover.contoso.com', type: 'A', data: '127.0.0.1' },
      ],
    }),
  );
  const r = await runCli(['diagnose', '--sip-address', 'alice@contoso.com', '--dns-server', dns.address, '--timeout-ms', '10000', '--json', '--proxy', `http://127.0.0.1:${proxy.port}`]);
  const t = (JSON.parse(r.out) as Out).timeline;
  assert.ok(t, r.err);
  const connect = stepOf(t, 'connect');
  assert.equal(connect.status, 'ok', lines(connect));
  assert.match(lines(connect), new RegExp(`^connected: pool01\\.contoso\\.com:${sip.port} \\(127\\.0\\.0\\.1\\)$`, 'm'));
  const ad = stepOf(t, 'autodiscover');
  assert.equal(ad.status, 'warning', lines(ad));
  assert.equal(ad.source, 'network');
  assert.match(ad.detail, new RegExp(`proxy 127\\.0\\.0\\.1:${proxy.port} answers 407`));
  assert.match(lines(ad), /^lyncdiscover: .*407.*Negotiate, NTLM/m);
  assert.match(lines(ad), /^lyncdiscoverinternal: lyncdiscoverinternal\.contoso\.com does not resolve/m);
  assert.equal(stepOf(t, 'challenge').status, 'ok');
  // NTLM only: nothing to provision; nothing failed on the path (the forge certificate is only "untrusted": a warning).
  assert.equal(stepOf(t, 'certificate').status, 'skipped');
  assert.equal(t.failedStepId, null, JSON.stringify(t.steps.map((s) => [s.id, s.status])));
  assert.equal(t.failedStep, null);
});

test('diagnose: a lab autodiscover service whose User link asks for a web ticket (401) → autodiscover ok', async () => {
  const pki = labPki('TL');
  writeFileSync(join(dir, 'root.pem'), pki.root.pem);
  const site = keep(await startTlsServer({ cert: pki.leaf(['lyncdiscover.contoso.com', 'webext.contoso.com']), handler: autodiscoverHandler({ webHost: 'webext.contoso.com', domain: 'contoso.com' }) }));
  const lab = keep(await startDnsLab({ records: [{ name: 'lyncdiscover.contoso.com', type: 'A', data: '127.0.0.1' }, { name: 'webext.contoso.com', type: 'A', data: '127.0.0.1' }] }));
  const r = await runCli([
    'diagnose', '--sip-address', 'alice@contoso.com', '--dns-server', lab.address, '--timeout-ms', '10000', '--json', '--ca-file', join(dir, 'root.pem'),
    '--connect-to', `lyncdiscover.contoso.com:443:127.0.0.1:${site.port}`, '--connect-to', `webext.contoso.com:443:127.0.0.1:${site.port}`,
  ]);
  const out = JSON.parse(r.out) as Out & { snapshot: { sections: { autodiscover?: { message: string } } } };
  // No SIP server and no log: diagnose prints no timeline, so the app's model is built from the same snapshot.
  const t = out.timeline ?? buildTimeline(out.snapshot as unknown as Snapshot);
  const ad = stepOf(t, 'autodiscover');
  assert.equal(ad.status, 'ok', `${ad.detail}\n${lines(ad)}\n${out.snapshot.sections.autodiscover?.message}`);
  assert.match(ad.detail, /^lyncdiscover\.contoso\.com answered 200 with a User link; its User link asks for a web ticket \(401/);
  assert.match(lines(ad), /^User link: https:\/\/webext\.contoso\.com\/Autodiscover\/AutodiscoverService\.svc\/root\/oauth\/user/m);
});
