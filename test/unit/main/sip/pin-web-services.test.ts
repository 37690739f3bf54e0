// The credential-less …/mex GETs and the CONNECT tunnel (main/sip/web-services.ts) against loopback servers
// this test starts. Expected values from HTTP (RFC 9110 §9.3.6 CONNECT: a 2xx makes the connection a tunnel
// and every byte after the header block belongs to the tunnel; §15: 2xx/3xx answer, 4xx/5xx refuse) and from
// what a technician must read: the target once as host:port, a hang-up reported when it happens, a cancelled
// probe as "cancelled", never a crash.
import assert from 'node:assert/strict';
import type { AddressInfo, Socket } from 'node:net';
import { createServer as createTlsServer } from 'node:tls';
import { after, before, test } from 'node:test';
import { getEventListeners } from 'node:events';
import { probeWebService, proxyTunnel, webServiceTargets, type WebProbeOptions } from '../../../../main/sip/web-services';
import { parseChallengeValue } from '../../../../main/sip/auth';
import { makeCert, type MadeCert } from '../../../helpers/forge-certs';
import { labPki } from '../../../helpers/lab-pki';
import { closedPort } from '../../../helpers/net-env';
import { closeAll, startBlackhole, startProxy, startRawServer, type LabServer } from '../../../helpers/net-lab';
import { startMexServer, type MexLab } from '../../../helpers/sip-server';

let mex: MexLab;
let cert: MadeCert;
const labs: Array<{ close(): Promise<void> }> = [];
const noResolve = async (): Promise<readonly string[]> => [];
const base: WebProbeOptions = { timeoutMs: 4000, userAgent: 'LyncDoctor/pin', resolve: noResolve };

before(async () => {
  cert = makeCert({ subjectCN: 'webpool.contoso.com', dnsNames: ['webpool.contoso.com'] });
  mex = await startMexServer(cert, { '/CertProv/CertProvisioningService.svc/mex': 200, '/moved/mex?x=1': 302, '/err/mex': 500, '/bad/mex': 400, '/last/mex': 399 });
  labs.push(mex);
});
after(async () => closeAll(labs));

test('probeWebService: 200 and 302 are answers, 404/500 refusals; path, query, Host, User-Agent as sent', async () => {
  const url = (p: string): string => `https://127.0.0.1:${mex.port}${p}`;
  const ok = await probeWebService({ kind: 'cert-provisioning', url: url('/CertProv/CertProvisioningService.svc/mex') }, base);
  assert.equal(ok.outcome, 'ok');
  assert.equal(ok.httpStatus, 200);
  assert.equal(ok.kind, 'cert-provisioning');
  assert.equal(ok.message, `${url('/CertProv/CertProvisioningService.svc/mex')} answered HTTP 200 without credentials`);
  assert.equal(ok.tls?.outcome, 'ok');
  assert.equal(ok.tls?.port, mex.port);
  assert.equal(ok.tls?.certificate?.subjectCommonName, 'webpool.contoso.com');
  assert.equal(ok.tls?.nameMatches, false, '127.0.0.1 is not webpool.contoso.com');
  const h = mex.headers.at(-1);
  assert.equal(h?.host, `127.0.0.1:${mex.port}`);
  assert.equal(h?.['user-agent'], 'LyncDoctor/pin');
  assert.equal(h?.accept, '*/*');
  assert.equal(h?.authorization, undefined, 'no credentials');
  const moved = await probeWebService({ kind: 'web-ticket', url: url('/moved/mex?x=1') }, base);
  assert.deepEqual([moved.outcome, moved.httpStatus, moved.kind], ['ok', 302, 'web-ticket']);
  assert.equal(mex.paths.at(-1), '/moved/mex?x=1');
  const missing = await probeWebService({ kind: 'web-ticket', url: url('/nothing/mex') }, base);
  assert.deepEqual([missing.outcome, missing.httpStatus, missing.message], ['http-error', 404, `${url('/nothing/mex')} answered HTTP 404 Not Found`]);
  const err = await probeWebService({ kind: 'web-ticket', url: url('/err/mex') }, base);
  assert.deepEqual([err.outcome, err.httpStatus], ['http-error', 500]);
  const bad = await probeWebService({ kind: 'web-ticket', url: url('/bad/mex') }, base);
  assert.deepEqual([bad.outcome, bad.httpStatus], ['http-error', 400], '400 is the first refusal');
  const last = await probeWebService({ kind: 'web-ticket', url: url('/last/mex') }, base);
  assert.deepEqual([last.outcome, last.httpStatus], ['ok', 399]);
  // --ca-file roots judge the chain; without them the same certificate is not trusted
  const pki = labPki('Mex');
  const labMex = await startMexServer(pki.leaf(['webpool.contoso.com']).leaf, { '/mex': 200 });
  labs.push(labMex);
  const labUrl = `https://127.0.0.1:${labMex.port}/mex`;
  const trusted = await probeWebService({ kind: 'web-ticket', url: labUrl }, { ...base, connect: { ca: [pki.root.pem, pki.intermediate.pem] } });
  assert.equal(trusted.tls?.chainTrusted, true, trusted.tls?.chainError ?? '');
  assert.equal((await probeWebService({ kind: 'web-ticket', url: labUrl }, base)).tls?.chainTrusted, false);
  const done = new AbortController();
  await probeWebService({ kind: 'web-ticket', url: url('/CertProv/CertProvisioningService.svc/mex') }, { ...base, signal: done.signal });
  assert.equal(getEventListeners(done.signal, 'abort').length, 0, 'no abort listener left');
});

test('probeWebService: not an https URL is invalid-url, no connection', async () => {
  for (const u of ['http://webpool.contoso.com/mex', 'not a url', '']) {
    const r = await probeWebService({ kind: 'cert-provisioning', url: u }, base);
    assert.deepEqual([r.outcome, r.httpStatus, r.tls], ['invalid-url', null, null], u);
    assert.match(r.message, /^sts-uri is not a usable https URL \(.+\)$/, u);
  }
});

test('probeWebService: refused connection names host:port once, with the error code', async () => {
  const port = await closedPort();
  const r = await probeWebService({ kind: 'cert-provisioning', url: `https://127.0.0.1:${port}/CertProv/mex` }, base);
  assert.equal(r.outcome, 'unreachable');
  assert.equal(r.message, `127.0.0.1:${port} could not be reached: ECONNREFUSED`);
  assert.equal(r.tls?.outcome, 'refused');
  assert.equal(r.tls?.port, port);
  assert.equal(r.tls?.host, '127.0.0.1');
  assert.match(r.tls?.error ?? '', new RegExp(`^ECONNREFUSED: connect ECONNREFUSED 127\\.0\\.0\\.1:${port}$`));
  // the default port of https is 443, named once too (nothing of ours listens there: --connect-to sends it to the closed port)
  const d = await probeWebService({ kind: 'cert-provisioning', url: 'https://webpool.contoso.com/CertProv/mex' }, { ...base, connect: { connectTo: [{ host: 'webpool.contoso.com', port: 443, toHost: '127.0.0.1', toPort: port }] } });
  assert.equal(d.message, 'webpool.contoso.com:443 could not be reached: ECONNREFUSED');
});

test('probeWebService: --connect-to reaches the lab server under the URL\'s name', async () => {
  const r = await probeWebService(
    { kind: 'cert-provisioning', url: 'https://webpool.contoso.com/CertProv/CertProvisioningService.svc/mex' },
    { ...base, resolverOnly: true, connect: { connectTo: [{ host: 'webpool.contoso.com', port: 443, toHost: '127.0.0.1', toPort: mex.port }] } },
  );
  assert.equal(r.outcome, 'ok');
  assert.equal(r.tls?.nameMatches, true);
  assert.equal(r.tls?.host, 'webpool.contoso.com');
  assert.equal(r.tls?.port, 443, 'the port reported is the URL\'s');
  assert.equal(mex.headers.at(-1)?.host, 'webpool.contoso.com');
});

test('probeWebService: our resolver\'s addresses are used; with --dns-server only, an unresolved name is not handed to the OS', async () => {
  const asked: string[] = [];
  const r = await probeWebService({ kind: 'web-ticket', url: `https://webpool.contoso.com:${mex.port}/CertProv/CertProvisioningService.svc/mex` }, { ...base, resolve: async (h) => (asked.push(h), ['127.0.0.1']) });
  assert.deepEqual(asked, ['webpool.contoso.com']);
  assert.equal(r.outcome, 'ok');
  const none = await probeWebService({ kind: 'web-ticket', url: 'https://webpool.contoso.com/mex' }, { ...base, resolverOnly: true });
  assert.deepEqual([none.outcome, none.message, none.tls], ['unreachable', 'webpool.contoso.com does not resolve via the DNS server in use', null]);
  const failing = await probeWebService({ kind: 'web-ticket', url: 'https://webpool.contoso.com/mex' }, { ...base, resolverOnly: true, resolve: async () => Promise.reject(new Error('DNS server 127.0.0.1:53 did not answer')) });
  assert.deepEqual([failing.outcome, failing.message], ['unreachable', 'DNS server 127.0.0.1:53 did not answer']);
  // an IP literal is never sent to the resolver
  const ipAsked: string[] = [];
  await probeWebService({ kind: 'web-ticket', url: `https://127.0.0.1:${mex.port}/x` }, { ...base, resolve: async (h) => (ipAsked.push(h), []) });
  assert.deepEqual(ipAsked, []);
});

test('probeWebService: no answer in time is a timeout with the time limit in the message', async () => {
  const hole = await startBlackhole();
  labs.push(hole);
  const t0 = Date.now();
  const r = await probeWebService({ kind: 'web-ticket', url: `https://127.0.0.1:${hole.port}/mex` }, { ...base, timeoutMs: 300 });
  assert.ok(Date.now() - t0 < 3000);
  assert.deepEqual([r.outcome, r.httpStatus, r.message], ['timeout', null, `127.0.0.1:${hole.port} did not answer within 300 ms`]);
  assert.equal(r.tls?.outcome, 'timeout');
  assert.equal(r.tls?.error, 'no answer within 300 ms');
  assert.deepEqual([r.tls?.host, r.tls?.port, r.tls?.address], ['127.0.0.1', hole.port, '127.0.0.1']);
});

test('probeWebService: a signal aborted before connecting, or during, gives "cancelled", never an uncaught error', async () => {
  const uncaught: unknown[] = [];
  const onUncaught = (e: unknown): void => {
    uncaught.push(e);
  };
  process.on('uncaughtException', onUncaught);
  try {
    const hole = await startBlackhole();
    labs.push(hole);
    const ac = new AbortController();
    ac.abort();
    const r = await probeWebService({ kind: 'web-ticket', url: `https://127.0.0.1:${hole.port}/mex` }, { ...base, signal: ac.signal });
    assert.deepEqual([r.outcome, r.httpStatus, r.message], ['timeout', null, 'cancelled at the deadline']);
    const late = new AbortController();
    setTimeout(() => late.abort(), 100);
    const t0 = Date.now();
    const r2 = await probeWebService({ kind: 'web-ticket', url: `https://127.0.0.1:${hole.port}/mex` }, { ...base, signal: late.signal });
    assert.deepEqual([r2.outcome, r2.httpStatus, r2.message], ['timeout', null, 'cancelled at the deadline']);
    assert.ok(Date.now() - t0 < 3000, 'at the abort, not at the 4 s time limit');
    await new Promise((res) => setTimeout(res, 200));
    assert.deepEqual(uncaught.map(String), []);
  } finally {
    process.off('uncaughtException', onUncaught);
  }
});

test('probeWebService through --proxy: CONNECT to the (mapped) target, TLS inside; a refusing proxy is unreachable', async () => {
  const proxy = await startProxy({ mode: 'tunnel', resolve: (h, p) => (h === '127.0.0.1' ? { host: h, port: p } : null) });
  labs.push(proxy);
  const r = await probeWebService(
    { kind: 'cert-provisioning', url: 'https://webpool.contoso.com/CertProv/CertProvisioningService.svc/mex' },
    { ...base, resolverOnly: true, connect: { proxy: { host: '127.0.0.1', port: proxy.port }, connectTo: [{ host: 'webpool.contoso.com', port: 443, toHost: '127.0.0.1', toPort: mex.port }] } },
  );
  assert.equal(r.outcome, 'ok', r.message);
  assert.match(proxy.heads.at(-1) ?? '', new RegExp(`^CONNECT 127\\.0\\.0\\.1:${mex.port} HTTP/1\\.1\\r\\nHost: 127\\.0\\.0\\.1:${mex.port}$`));
  assert.equal(r.tls?.nameMatches, true, 'SNI and name check use the URL\'s host inside the tunnel');
  const refusing = await startProxy({ mode: 'refuse' });
  labs.push(refusing);
  const no = await probeWebService({ kind: 'cert-provisioning', url: 'https://webpool.contoso.com/mex' }, { ...base, connect: { proxy: { host: '127.0.0.1', port: refusing.port } } });
  assert.equal(no.outcome, 'unreachable');
  assert.equal(no.message, `webpool.contoso.com:443 could not be reached: proxy 127.0.0.1:${refusing.port} refused CONNECT webpool.contoso.com:443 (403 Forbidden)`);
  assert.equal(no.tls?.error, `proxy 127.0.0.1:${refusing.port} refused CONNECT webpool.contoso.com:443 (403 Forbidden)`, 'no code: the message alone');
});

/** Everything the socket yields within `ms` (it is handed over paused). */
const read = (s: Socket, ms: number): Promise<string> =>
  new Promise((resolve) => {
    let got = '';
    s.on('data', (c: Buffer) => {
      got += c.toString('latin1');
    });
    s.resume();
    setTimeout(() => resolve(got), ms);
  });

test('proxyTunnel: bytes the proxy sends right after its 200 belong to the tunnel', async () => {
  const server: LabServer = await startRawServer((s) => {
    s.once('data', () => s.write('HTTP/1.1 200 Connection established\r\n\r\nHELLO'));
  });
  labs.push(server);
  const s = await proxyTunnel({ host: '127.0.0.1', port: server.port }, 'pool.contoso.com:443', 3000);
  await new Promise((r) => setTimeout(r, 100)); // the consumer attaches later (TLS wraps it on a later tick)
  assert.equal(await read(s, 300), 'HELLO', 'exactly the bytes after the header block');
  s.destroy();
});

test('proxyTunnel: a proxy hanging up before answering is reported at once, not at the time limit', async () => {
  const server = await startRawServer((s) => s.once('data', () => s.destroy()));
  const ender = await startRawServer((s) => s.once('data', () => s.end('HTTP/1.1 200 Conn')));
  labs.push(server, ender);
  for (const lab of [server, ender]) {
    const t0 = Date.now();
    await assert.rejects(proxyTunnel({ host: '127.0.0.1', port: lab.port }, 'pool.contoso.com:443', 10_000), (e: Error) => {
      assert.match(e.message, new RegExp(`^proxy 127\\.0\\.0\\.1:${lab.port} closed the connection before answering CONNECT pool\\.contoso\\.com:443$`));
      return true;
    });
    assert.ok(Date.now() - t0 < 5000, 'well before the 10 s limit');
  }
});

test('proxyTunnel: status lines and limits', async () => {
  const answer = (text: string) => startRawServer((s) => s.once('data', () => s.write(text)));
  const cases: ReadonlyArray<readonly [string, RegExp | null]> = [
    ['HTTP/1.0 200 OK\r\n\r\n', null],
    ['HTTP/1.1 204 No Content\r\nVia: lab\r\n\r\n', null],
    ['HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: NTLM\r\n\r\n', / refused CONNECT t:443 \(407 Proxy Authentication Required\)$/],
    ['HTTP/1.1 302 Found\r\n\r\n', / refused CONNECT t:443 \(302 Found\)$/],
    ['HTTP/2 200\r\n\r\n', / refused CONNECT t:443$/],
    ['SSH-2.0-OpenSSH\r\n\r\n', / refused CONNECT t:443$/],
    ['xHTTP/1.1 200 OK\r\n\r\n', / refused CONNECT t:443$/],
    ['HTTP/1.1 20 OK\r\n\r\n', / refused CONNECT t:443$/],
    ['\r\n\r\n', / refused CONNECT t:443$/],
  ];
  for (const [text, err] of cases) {
    const lab = await answer(text);
    labs.push(lab);
    const p = proxyTunnel({ host: '127.0.0.1', port: lab.port }, 't:443', 3000);
    if (err) await assert.rejects(p, err, text);
    else (await p).destroy();
  }
  const long = await startRawServer((s) => s.once('data', () => s.write(`HTTP/1.1 200 OK\r\nX: ${'a'.repeat(17 * 1024)}`)));
  labs.push(long);
  await assert.rejects(proxyTunnel({ host: '127.0.0.1', port: long.port }, 't:443', 3000), /sent an over-long answer to CONNECT$/);
  // 16 KiB exactly is still allowed (then the time limit), one byte more is over-long
  const start = 'HTTP/1.1 200 OK\r\nX: ';
  for (const [size, err] of [[16 * 1024, /did not answer CONNECT t:443 within 400 ms$/], [16 * 1024 + 1, /sent an over-long answer to CONNECT$/]] as const) {
    const lab = await startRawServer((s) => s.once('data', () => s.write(start + 'a'.repeat(size - start.length))));
    labs.push(lab);
    await assert.rejects(proxyTunnel({ host: '127.0.0.1', port: lab.port }, 't:443', 400), err, String(size));
  }
  const hole = await startBlackhole();
  labs.push(hole);
  await assert.rejects(proxyTunnel({ host: '127.0.0.1', port: hole.port }, 't:443', 200), new RegExp(`^Error: proxy 127\\.0\\.0\\.1:${hole.port} did not answer CONNECT t:443 within 200 ms$`));
  const closed = await closedPort();
  await assert.rejects(proxyTunnel({ host: '127.0.0.1', port: closed }, 't:443', 3000), /ECONNREFUSED/);
  // what the proxy is asked
  let head = '';
  const rec = await startRawServer((s) => s.once('data', (c: Buffer) => { head = c.toString('latin1'); s.write('HTTP/1.1 200 OK\r\n\r\n'); }));
  labs.push(rec);
  (await proxyTunnel({ host: '127.0.0.1', port: rec.port }, 'pool.contoso.com:5061', 3000)).destroy();
  assert.equal(head, 'CONNECT pool.contoso.com:5061 HTTP/1.1\r\nHost: pool.contoso.com:5061\r\n\r\n');
});

test('probeWebService: a server that is not TLS, or hangs up after TCP, is tls-failed', async () => {
  const http = await startRawServer((s) => s.once('data', () => s.end('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n')));
  const hang = await startRawServer((s) => s.once('data', () => s.destroy()));
  labs.push(http, hang);
  for (const lab of [http, hang]) {
    const r = await probeWebService({ kind: 'web-ticket', url: `https://127.0.0.1:${lab.port}/mex` }, base);
    assert.equal(r.outcome, 'tls-failed', r.message);
    assert.equal(r.tls?.outcome, 'tls-error');
  }
});

test('probeWebService: a refusal without a reason phrase ends at the status code (no trailing blank)', async () => {
  // RFC 9112 §4: the reason phrase may be empty ("HTTP/1.1 503 " then CRLF); node's own server always writes one
  const server = createTlsServer({ key: cert.keyPem, cert: cert.pem }, (s) => {
    s.on('error', () => undefined);
    s.once('data', () => s.end('HTTP/1.1 503 \r\nContent-Length: 0\r\n\r\n'));
  });
  server.on('tlsClientError', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  labs.push({ close: () => new Promise<void>((resolve) => server.close(() => resolve())) });
  const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/mex`;
  const r = await probeWebService({ kind: 'web-ticket', url }, base);
  assert.deepEqual([r.outcome, r.httpStatus, r.message], ['http-error', 503, `${url} answered HTTP 503`]);
});

test('probeWebService: an IP URL needs no resolver even with --dns-server only; an IPv6 URL is mapped by its bare address', async () => {
  const ip = await probeWebService({ kind: 'web-ticket', url: `https://127.0.0.1:${mex.port}/CertProv/CertProvisioningService.svc/mex` }, { ...base, resolverOnly: true });
  assert.equal(ip.outcome, 'ok', ip.message);
  const v6 = await probeWebService({ kind: 'web-ticket', url: 'https://[::1]/CertProv/CertProvisioningService.svc/mex' }, { ...base, resolverOnly: true, connect: { connectTo: [{ host: '::1', port: 443, toHost: '127.0.0.1', toPort: mex.port }] } });
  assert.equal(v6.outcome, 'ok', v6.message);
  assert.equal(v6.tls?.host, '::1');
});

test('webServiceTargets: trailing slashes of the sts-uri dropped before /mex', () => {
  const t = webServiceTargets(parseChallengeValue('TLS-DSK realm="SIP Communications Service", sts-uri="https://web.contoso.com/CertProv/CertProvisioningService.svc//"'));
  assert.deepEqual(t.map((x) => x.url), ['https://web.contoso.com/CertProv/CertProvisioningService.svc/mex', 'https://web.contoso.com/WebTicket/WebTicketService.svc/mex']);
});
