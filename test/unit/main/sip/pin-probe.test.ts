// The sign-in probe (main/sip/probe.ts) called directly against loopback TLS SIP servers this test starts.
// Expected values from RFC 3261 (§8.1.3.4: a 3xx's Contact is where to retry; the default SIP-over-TLS port is
// 5061, §19.1.2; 1xx skipped, final answers ≥ 200) and from what a technician must read per attempt (the target
// as host:port, what happened, the offered schemes, where it redirects), written before running the code.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { SipTarget } from '../../../../main/model/sip';
import { tableFromJson } from '../../../../main/sip/ms-diagnostics';
import { attemptTarget, MAX_REDIRECTS, MAX_TARGETS, probeSip, TRUST_NOTE, type ProbeOptions } from '../../../../main/sip/probe';
import { makeCert, type MadeCert } from '../../../helpers/forge-certs';
import { closedPort } from '../../../helpers/net-env';
import { closeAll, startBlackhole, startRawServer } from '../../../helpers/net-lab';
import { reply, startMexServer, startSipServer, type SipLab } from '../../../helpers/sip-server';

const labs: Array<{ close(): Promise<void> }> = [];
after(async () => closeAll(labs));
let cert: MadeCert;
before(() => {
  cert = makeCert({ subjectCN: 'pool01.contoso.com', dnsNames: ['pool01.contoso.com', 'pool02.contoso.com', 'webpool.contoso.com'], ekus: ['serverAuth'] });
});
const table = tableFromJson([]);
async function sip(behaviour: Parameters<typeof startSipServer>[1]): Promise<SipLab> {
  const l = await startSipServer(cert, behaviour);
  labs.push(l);
  return l;
}
const target = (host: string, port: number, over: Partial<SipTarget> = {}): SipTarget => ({ host, port, source: 'srv-internal', addresses: ['127.0.0.1'], ...over });
const opts = (targets: SipTarget[], over: Partial<ProbeOptions> = {}): ProbeOptions => ({
  sipAddress: 'alice@contoso.com',
  targets,
  deadline: Date.now() + 8000,
  attemptTimeoutMs: 4000,
  table,
  userAgent: 'LyncDoctor/pin',
  resolve: async () => ['127.0.0.1'],
  ...over,
});

test('a 401: schemes in order, message, raw request and answer, section facts; web services of the sts-uri probed', async () => {
  const mex = await startMexServer(cert, { '/CertProv/CertProvisioningService.svc/mex': 200, '/WebTicket/WebTicketService.svc/mex': 200 });
  labs.push(mex);
  const s = await sip((req) =>
    reply(req, 401, 'Unauthorized', [
      'WWW-Authenticate: NTLM realm="SIP Communications Service", targetname="pool01.contoso.com", version=4',
      'WWW-Authenticate: TLS-DSK realm="SIP Communications Service", targetname="pool01.contoso.com", version=4, sts-uri="https://webpool.contoso.com/CertProv/CertProvisioningService.svc"',
    ]),
  );
  const raw: Record<string, string> = {};
  const d = await probeSip(
    opts([target('pool01.contoso.com', 5061)], {
      raw: (n, c) => (raw[n] = c),
      connect: { connectTo: [{ host: 'pool01.contoso.com', port: 5061, toHost: '127.0.0.1', toPort: s.port }, { host: 'webpool.contoso.com', port: 443, toHost: '127.0.0.1', toPort: mex.port }] },
    }),
  );
  assert.equal(d.sipAddress, 'alice@contoso.com');
  assert.equal(d.trustEnforced, false);
  assert.equal(d.note, TRUST_NOTE);
  assert.equal(d.finalAttempt, 0);
  const a = d.attempts[0];
  assert.equal(a?.outcome, 'response');
  assert.equal(a?.message, 'pool01.contoso.com:5061 answered 401 Unauthorized; offers NTLM, TLS-DSK');
  assert.equal(a?.redirectTo, null);
  assert.equal(a?.tls.port, 5061);
  assert.deepEqual(Object.keys(raw).sort(), ['sip/pool01.contoso.com-5061-answer.txt', 'sip/pool01.contoso.com-5061-register.txt']);
  assert.match(raw['sip/pool01.contoso.com-5061-register.txt'] ?? '', /^REGISTER sip:contoso\.com SIP\/2\.0\r\n/);
  assert.match(raw['sip/pool01.contoso.com-5061-register.txt'] ?? '', /\r\nUser-Agent: LyncDoctor\/pin\r\n/);
  assert.match(raw['sip/pool01.contoso.com-5061-answer.txt'] ?? '', /^SIP\/2\.0 401 Unauthorized\r\n/);
  assert.equal(s.requests.length, 1);
  assert.deepEqual(d.webServices.map((w) => `${w.kind} ${w.outcome} ${w.httpStatus}`), ['cert-provisioning ok 200', 'web-ticket ok 200']);
  assert.deepEqual(mex.paths.slice().sort(), ['/CertProv/CertProvisioningService.svc/mex', '/WebTicket/WebTicketService.svc/mex']);
});

test('redirects: 3xx Contact followed (port 5061 by default), IP literal not resolved, 380 and 400 with a Contact are not redirects', async () => {
  const final = await sip((req) => reply(req, 403, 'Forbidden'));
  const viaIp = await sip((req) => reply(req, 302, 'Moved Temporarily', [`Contact: <sip:127.0.0.1:${final.port};transport=tls>`]));
  const noPort = await sip((req) => reply(req, 301, 'Moved Permanently', ['Contact: <sip:pool02.contoso.com;transport=tls>']));
  const asked: string[] = [];
  const d = await probeSip(
    opts([target('pool01.contoso.com', noPort.port)], {
      resolve: async (h) => (asked.push(h), ['127.0.0.1']),
      connect: { connectTo: [{ host: 'pool02.contoso.com', port: 5061, toHost: '127.0.0.1', toPort: viaIp.port }] },
    }),
  );
  assert.deepEqual(d.attempts.map((a) => `${a.target.source} ${a.target.host}:${a.target.port} ${a.response?.statusCode}`), [
    `srv-internal pool01.contoso.com:${noPort.port} 301`,
    'redirect pool02.contoso.com:5061 302',
    `redirect 127.0.0.1:${final.port} 403`,
  ]);
  assert.equal(d.attempts[0]?.message, `pool01.contoso.com:${noPort.port} answered 301 Moved Permanently; redirects to pool02.contoso.com:5061`);
  assert.deepEqual(d.attempts[0]?.redirectTo, { host: 'pool02.contoso.com', port: 5061 });
  assert.equal(d.attempts[1]?.target.redirectedFrom, `pool01.contoso.com:${noPort.port}`);
  assert.deepEqual(d.attempts[2]?.target.addresses, ['127.0.0.1']);
  assert.deepEqual(asked, ['pool02.contoso.com'], 'the IP literal is not resolved');
  assert.equal(d.finalAttempt, 2);
  assert.deepEqual(d.webServices, []);

  for (const [status, reason] of [[380, 'Alternative Service'], [400, 'Bad Request'], [299, 'Odd']] as const) {
    const s = await sip((req) => reply(req, status, reason, ['Contact: <sip:pool02.contoso.com:5061;transport=tls>']));
    const r = await probeSip(opts([target('pool01.contoso.com', s.port)]));
    assert.equal(r.attempts.length, status === 380 ? 2 : 1, `${status}`);
    assert.equal(r.attempts[0]?.redirectTo === null, status !== 380, `${status}`);
  }
  const noContact = await sip((req) => reply(req, 301, 'Moved Permanently', ['Contact: <tel:+14255550100>']));
  const nc = await probeSip(opts([target('pool01.contoso.com', noContact.port)]));
  assert.deepEqual([nc.attempts.length, nc.attempts[0]?.redirectTo, nc.finalAttempt], [1, null, 0]);
});

test('redirects: to itself stops; to a discovery target reuses its attempt; a name that does not resolve is said so; at most 3 hops', async () => {
  let selfPort = 0;
  const self = await sip((req) => reply(req, 301, 'Moved', [`Contact: <sip:pool01.contoso.com:${selfPort}>`]));
  selfPort = self.port;
  const me = await probeSip(opts([target('pool01.contoso.com', self.port)]));
  assert.deepEqual([me.attempts.length, me.finalAttempt, self.requests.length], [1, 0, 1]);

  const other = await sip((req) => reply(req, 401, 'Unauthorized', ['WWW-Authenticate: NTLM realm="x"']));
  const toOther = await sip((req) => reply(req, 301, 'Moved', [`Contact: <sip:pool02.contoso.com:${other.port}>`]));
  const reuse = await probeSip(opts([target('pool01.contoso.com', toOther.port), target('pool02.contoso.com', other.port)]));
  assert.deepEqual([reuse.attempts.length, reuse.finalAttempt, other.requests.length], [2, 1, 1]);

  const lost = await sip((req) => reply(req, 301, 'Moved', ['Contact: <sip:gone.contoso.com>']));
  const dns = await probeSip(opts([target('pool01.contoso.com', lost.port)], { resolverOnly: true, resolve: async () => Promise.reject(new Error('gone.contoso.com: NXDOMAIN from 127.0.0.1:53')) }));
  assert.equal(dns.attempts.length, 2);
  assert.equal(dns.attempts[1]?.outcome, 'connect-failed');
  assert.equal(dns.attempts[1]?.tls.outcome, 'unreachable');
  assert.equal(dns.attempts[1]?.message, 'gone.contoso.com:5061: gone.contoso.com: NXDOMAIN from 127.0.0.1:53');
  assert.equal(dns.finalAttempt, 1, 'the client would act on the failed redirect');
  const empty = await probeSip(opts([target('pool01.contoso.com', lost.port)], { resolverOnly: true, resolve: async () => [] }));
  assert.equal(empty.attempts[1]?.message, 'gone.contoso.com:5061: gone.contoso.com does not resolve via the DNS server in use');

  // a chain of redirects: 1 + MAX_REDIRECTS attempts at most
  const chain: SipLab[] = [];
  for (let i = 0; i < 5; i++) chain.push(await sip((req) => reply(req, 301, 'Moved', [`Contact: <sip:127.0.0.1:${chain[i + 1]?.port ?? 1}>`])));
  const long = await probeSip(opts([target('127.0.0.1', chain[0]!.port)]));
  assert.equal(long.attempts.length, 1 + MAX_REDIRECTS);
  assert.deepEqual(chain.map((c) => c.requests.length), [1, 1, 1, 1, 0]);
});

test('failures per attempt: refused, not TLS, no answer, closed; the first answering target in the client order is final', async () => {
  const closed = await closedPort();
  const http = await startRawServer((s) => s.once('data', () => s.end('HTTP/1.1 400 Bad Request\r\n\r\n')));
  const hole = await startBlackhole();
  labs.push(http, hole);
  const silent = await sip(() => ({ kind: 'silence' }));
  const hangup = await sip(() => ({ kind: 'close' }));
  const slow401 = await sip((req) => reply(req, 401, 'Unauthorized'));
  const d = await probeSip(
    opts([target('a.contoso.com', closed), target('b.contoso.com', http.port), target('c.contoso.com', silent.port), target('d.contoso.com', hangup.port), target('e.contoso.com', slow401.port), target('f.contoso.com', hole.port)], { attemptTimeoutMs: 700 }),
  );
  assert.deepEqual(d.attempts.map((a) => a.outcome), ['connect-failed', 'tls-failed', 'no-answer', 'closed', 'response', 'connect-failed']);
  assert.equal(d.attempts[0]?.message, `a.contoso.com:${closed}: could not connect (connection refused)`);
  assert.match(d.attempts[1]?.message ?? '', new RegExp(`^b\\.contoso\\.com:${http.port}: TLS handshake failed \\(ERR_SSL_WRONG_VERSION_NUMBER: `));
  assert.match(d.attempts[2]?.message ?? '', new RegExp(`^c\\.contoso\\.com:${silent.port}: no SIP answer within \\d+ ms$`));
  assert.equal(d.attempts[3]?.message, `d.contoso.com:${hangup.port}: the server closed the connection without answering`);
  assert.equal(d.attempts[5]?.message, `f.contoso.com:${hole.port}: could not connect (no TCP/TLS connection before the time limit)`);
  assert.equal(d.finalAttempt, 4);
  assert.ok(d.attempts.every((a) => a.durationMs >= 0 && a.durationMs < 5000));
});

test('limits: at most six targets; no time left means not tried; no address under --dns-server only', async () => {
  const s = await sip((req) => reply(req, 403, 'Forbidden'));
  const seven = Array.from({ length: 7 }, (_, i) => target(`p${i}.contoso.com`, s.port));
  const d = await probeSip(opts(seven, { concurrency: 2 }));
  assert.equal(MAX_TARGETS, 6);
  assert.equal(d.targets.length, 6);
  assert.equal(d.attempts.length, 6);
  assert.equal(s.requests.length, 6);

  const late = await probeSip(opts([target('pool01.contoso.com', s.port)], { deadline: Date.now() + 50, marginMs: 100 }));
  assert.equal(late.attempts[0]?.outcome, 'skipped');
  assert.equal(late.attempts[0]?.message, `pool01.contoso.com:${s.port} not tried: no time left before the deadline`);
  assert.equal(late.attempts[0]?.tls.outcome, 'timeout');
  assert.equal(late.finalAttempt, null);
  assert.equal(s.requests.length, 6, 'nothing sent');

  const noAddr = await attemptTarget(target('pool09.contoso.com', 5061, { addresses: [] }), opts([], { resolverOnly: true }));
  assert.deepEqual([noAddr.outcome, noAddr.tls.outcome, noAddr.message], ['connect-failed', 'unreachable', 'pool09.contoso.com:5061: pool09.contoso.com does not resolve via the DNS server in use']);
  assert.equal(noAddr.response, null);
  // an IP literal target needs no address list
  const ip = await attemptTarget(target('127.0.0.1', s.port, { addresses: [] }), opts([], { resolverOnly: true }));
  assert.equal(ip.outcome, 'response');
});

test('cancelled: an aborted signal ends the attempt as a timeout, nothing sent', async () => {
  const s = await sip((req) => reply(req, 403, 'Forbidden'));
  const ac = new AbortController();
  ac.abort();
  const d = await probeSip(opts([target('pool01.contoso.com', s.port)], { signal: ac.signal }));
  assert.equal(d.attempts[0]?.outcome, 'connect-failed');
  assert.equal(d.attempts[0]?.message, `pool01.contoso.com:${s.port}: could not connect (no TCP/TLS connection before the time limit)`);
  assert.equal(s.requests.length, 0);
});
