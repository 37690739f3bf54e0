/**
 * LD-SIP-001 after a real 301: the probe follows the redirect and ends on its target (finalAttempt points at it even
 * when it did not answer). A target that refuses the connection is an error, one that accepts TLS and stays silent a
 * warning (a time-out), as when no discovered server answers. Before this, the director's 301 counted as the answer
 * and no finding said the sign-in could not go on.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sipChecks } from '../../../main/checks/sip';
import { analyze } from '../../../main/diagnose';
import { articleLookup } from '../../../main/kb/lookup';
import type { SipSection } from '../../../main/model/sip';
import { tableFromJson } from '../../../main/sip/ms-diagnostics';
import { probeSip } from '../../../main/sip/probe';
import { makeCert, type MadeCert } from '../../helpers/forge-certs';
import { closedPort } from '../../helpers/net-env';
import { reply, startSipServer, type SipLab } from '../../helpers/sip-server';
import { baseSnapshot } from '../../helpers/snapshot';

const closers: Array<() => Promise<void>> = [];
after(async () => {
  await Promise.all(closers.map((c) => c()));
});
let cert: MadeCert;
before(() => {
  cert = makeCert({ subjectCN: 'pool01.contoso.com', dnsNames: ['pool01.contoso.com', 'pool02.contoso.com'], ekus: ['serverAuth'] });
});
async function lab(...args: Parameters<typeof startSipServer>): Promise<SipLab> {
  const l = await startSipServer(...args);
  closers.push(() => l.close());
  return l;
}

async function probeRedirectTo(port: number, attemptTimeoutMs: number): Promise<SipSection> {
  const director = await lab(cert, (req) => reply(req, 301, 'Redirect request to Home Server', [`Contact: <sip:pool02.contoso.com:${port};transport=Tls>`]));
  return probeSip({
    sipAddress: 'alice@contoso.com',
    targets: [{ host: 'pool01.contoso.com', port: director.port, source: 'srv-internal', addresses: ['127.0.0.1'] }],
    deadline: Date.now() + 15_000,
    attemptTimeoutMs,
    table: tableFromJson([]),
    userAgent: 'test',
    resolve: async () => ['127.0.0.1'],
    resolverOnly: true,
  });
}

function sip001(d: SipSection) {
  const { findings } = analyze(baseSnapshot({ sip: { status: 'ok', message: '', durationMs: 1, data: d } }), { articles: articleLookup(), checks: sipChecks });
  return findings.filter((f) => f.checkId === 'LD-SIP-001');
}

test('a 301 to a pool port where nothing listens: LD-SIP-001 error naming the redirect', async () => {
  const closed = await closedPort();
  const d = await probeRedirectTo(closed, 8000);
  assert.deepEqual(d.attempts.map((a) => [a.target.source, a.outcome]), [['srv-internal', 'response'], ['redirect', 'connect-failed']]);
  assert.equal(d.finalAttempt, 1);
  const f = sip001(d);
  assert.equal(f.length, 1);
  assert.equal(f[0]!.severity, 'error');
  assert.ok(f[0]!.message.startsWith(`The sign-in was redirected to pool02.contoso.com:${closed} by pool01.contoso.com:`), f[0]!.message);
  assert.match(f[0]!.message, /connection refused/);
});

test('a 301 to a pool that accepts TLS and never answers the REGISTER: LD-SIP-001 warning (a time-out)', async () => {
  const silent = await lab(cert, () => ({ kind: 'silence' }));
  const d = await probeRedirectTo(silent.port, 1500);
  assert.deepEqual(d.attempts.map((a) => [a.target.source, a.outcome]), [['srv-internal', 'response'], ['redirect', 'no-answer']]);
  const f = sip001(d);
  assert.equal(f.length, 1);
  assert.equal(f[0]!.severity, 'warning');
  assert.match(f[0]!.message, /\(a time-out: a firewall dropping packets, or a too short --timeout-ms\)\.$/);
});
