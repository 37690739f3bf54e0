/** TLS probes against real loopback servers with forge-made chains: good, expired, wrong SAN, missing intermediate, self-signed, 50 certs, versions. */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { trustStore } from '../../../main/collect/tls-chain';
import { probeTls } from '../../../main/collect/tls';
import { certificateCovers, type TlsProbe } from '../../../main/model/tls';
import type { NetworkEndpoint } from '../../../main/model/proxy';
import { labPki } from '../../helpers/lab-pki';
import { testNet } from '../../helpers/net-env';
import { closeAll, startBlackhole, startHttpServer, startProxy, startTlsServer, type LabServer, type TlsServerOptions } from '../../helpers/net-lab';

const pki = labPki('Tls');
const store = trustStore(null, [pki.root.pem]);
const servers: LabServer[] = [];
after(() => closeAll(servers));
const DAY = 86_400_000;

function endpoint(host: string, port = 443): NetworkEndpoint {
  return { host, port, protocol: port === 443 ? 'https' : 'sip-tls', roles: ['sip-srv'], addresses: [], probe: true };
}

async function probe(opts: TlsServerOptions, host = 'sip.contoso.com', timeoutMs = 4000): Promise<TlsProbe> {
  const s = await startTlsServer(opts);
  servers.push(s);
  const { env, scope } = testNet({ timeoutMs, connectTo: [`${host}:5061:127.0.0.1:${s.port}`] });
  try {
    return (await probeTls(env, endpoint(host, 5061), { kind: 'direct' }, store, timeoutMs)).probe;
  } finally {
    scope.close();
  }
}

test('good chain: trusted via the lab root, names covered, TLS 1.3 and 1.2 accepted, 1.0/1.1 refused', async () => {
  const p = await probe({ cert: pki.leaf(['sip.contoso.com']) });
  assert.equal(p.outcome, 'ok', p.message);
  assert.equal(p.chainLength, 2);
  assert.equal(p.trust?.trusted, true);
  assert.deepEqual(p.trust?.path, ['CN=sip.contoso.com', 'CN=Tls Issuing CA', 'CN=Tls Root CA']);
  assert.ok(certificateCovers(p.chain[0]!, 'sip.contoso.com'));
  assert.equal(p.protocol, 'TLSv1.3');
  assert.equal(p.tls13, 'yes');
  assert.equal(p.tls12, 'yes');
  assert.equal(p.legacy, 'no');
  assert.equal(p.address?.startsWith('127.0.0.1:'), true);
});

test('expired leaf: chain recorded with its dates (the check judges against now)', async () => {
  const p = await probe({ cert: pki.leaf(['sip.contoso.com'], { notBefore: new Date(Date.now() - 400 * DAY), notAfter: new Date(Date.now() - 2 * DAY) }) });
  assert.equal(p.outcome, 'ok');
  assert.ok(Date.parse(p.chain[0]!.notAfter) < Date.now());
});

test('wrong SAN: the leaf does not cover the host', async () => {
  const p = await probe({ cert: pki.leaf(['pool.fabrikam.com']) });
  assert.equal(p.outcome, 'ok');
  assert.deepEqual(p.chain[0]!.dnsNames, ['pool.fabrikam.com']);
  assert.equal(certificateCovers(p.chain[0]!, 'sip.contoso.com'), false);
});

test('missing intermediate and self-signed', async () => {
  const m = await probe({ cert: pki.leaf(['sip.contoso.com'], { sendIntermediate: false }) });
  assert.equal(m.chainLength, 1);
  assert.equal(m.trust?.problem, 'issuer-missing');
  assert.equal(m.trust?.missingIssuer, 'CN=Tls Issuing CA');
  const s = await probe({ cert: pki.selfSigned(['sip.contoso.com']) });
  assert.equal(s.trust?.problem, 'self-signed');
});

test('a 50-certificate chain ends with a clear status within the deadline', async () => {
  const cert = pki.longChain(['sip.contoso.com'], 50);
  const started = Date.now();
  const p = await probe({ cert }, 'sip.contoso.com', 4000);
  assert.ok(Date.now() - started < 4000 + 1000, 'within the probe deadline (plus scheduling slack)');
  assert.equal(p.outcome, 'ok', p.message);
  assert.equal(p.chainLength, 50);
  assert.equal(p.chain.length, 12, 'only the first certificates are kept in the Snapshot');
  assert.equal(p.trust?.problem, 'too-long');
});

test('TLS 1.3-only server: TLS 1.2 refused', async () => {
  const p = await probe({ cert: pki.leaf(['sip.contoso.com']), minVersion: 'TLSv1.3' });
  assert.equal(p.tls12, 'no');
  assert.equal(p.tls13, 'yes');
});

test('TLS 1.2-only server: no TLS 1.3', async () => {
  const p = await probe({ cert: pki.leaf(['sip.contoso.com']), maxVersion: 'TLSv1.2' });
  assert.equal(p.protocol, 'TLSv1.2');
  assert.equal(p.tls12, 'yes');
  assert.equal(p.tls13, 'no');
});

/**
 * Whether this runtime's OpenSSL can make a TLS 1.0 handshake at all (Debian's OpenSSL 3 can at
 * SECLEVEL=0): asked with plain node:tls, independently of the code under test.
 */
async function legacyTlsWorksHere(): Promise<boolean> {
  const { createServer, connect } = await import('node:tls');
  const leaf = pki.leaf(['legacy.test']);
  const server = createServer({ cert: leaf.certPems.join(''), key: leaf.keyPem, minVersion: 'TLSv1', maxVersion: 'TLSv1', ciphers: 'DEFAULT@SECLEVEL=0' });
  server.on('tlsClientError', () => undefined);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as { port: number }).port;
  try {
    return await new Promise<boolean>((resolve) => {
      const c = connect({ host: '127.0.0.1', port, rejectUnauthorized: false, minVersion: 'TLSv1', maxVersion: 'TLSv1', ciphers: 'DEFAULT@SECLEVEL=0' }, () => {
        resolve(c.getProtocol() === 'TLSv1');
        c.destroy();
      });
      c.on('error', () => resolve(false));
    });
  } finally {
    server.close();
  }
}

test('server that still speaks TLS 1.0/1.1 (or only that) is recognised', async (t) => {
  if (!(await legacyTlsWorksHere())) {
    t.skip('this runtime\'s OpenSSL cannot make a TLS 1.0 handshake even at SECLEVEL=0, so the legacy probe cannot be exercised here');
    return;
  }
  const both = await probe({ cert: pki.leaf(['sip.contoso.com']), minVersion: 'TLSv1', ciphers: 'DEFAULT@SECLEVEL=0' });
  assert.equal(both.legacy, 'yes');
  const only = await probe({ cert: pki.leaf(['sip.contoso.com']), minVersion: 'TLSv1', maxVersion: 'TLSv1.1', ciphers: 'DEFAULT@SECLEVEL=0' });
  assert.equal(only.outcome, 'ok', only.message);
  assert.equal(only.tls12, 'no');
  assert.equal(only.legacy, 'yes');
  assert.match(only.protocol ?? '', /^TLSv1(\.1)?$/);
});

test('a port that accepts and never answers: timeout within the budget', async () => {
  const hole = await startBlackhole();
  servers.push(hole);
  const { env, scope } = testNet({ timeoutMs: 800, connectTo: [`sip.contoso.com:5061:127.0.0.1:${hole.port}`] });
  const started = Date.now();
  const { probe: p } = await probeTls(env, endpoint('sip.contoso.com', 5061), { kind: 'direct' }, store, 800);
  scope.close();
  assert.equal(p.outcome, 'timeout');
  assert.ok(Date.now() - started < 1300);
});

test('plain HTTP on a TLS port: not-tls', async () => {
  const h = await startHttpServer((_q, r) => r.end('hi'));
  servers.push(h);
  const { env, scope } = testNet({ connectTo: [`sip.contoso.com:5061:127.0.0.1:${h.port}`] });
  const { probe: p } = await probeTls(env, endpoint('sip.contoso.com', 5061), { kind: 'direct' }, store, 2000);
  scope.close();
  assert.equal(p.outcome, 'not-tls', p.message);
});

test('through a CONNECT proxy: the chain is read through the tunnel; a 407 proxy is reported as such', async () => {
  const s = await startTlsServer({ cert: pki.leaf(['lyncdiscover.contoso.com']) });
  const tunnel = await startProxy({ mode: 'tunnel', resolve: (h, port) => (h === 'lyncdiscover.contoso.com' && port === 443 ? { host: '127.0.0.1', port: s.port } : null) });
  const auth = await startProxy({ mode: 'auth', schemes: ['Negotiate', 'NTLM'] });
  servers.push(s, tunnel, auth);
  const { env, scope } = testNet();
  const e = { ...endpoint('lyncdiscover.contoso.com', 443), roles: ['lyncdiscover' as const] };
  const via = await probeTls(env, e, { kind: 'proxy', host: '127.0.0.1', port: tunnel.port }, store, 3000);
  assert.equal(via.probe.outcome, 'ok', via.probe.message);
  assert.equal(via.probe.via, `127.0.0.1:${tunnel.port}`);
  assert.equal(via.probe.trust?.trusted, true);
  const denied = await probeTls(env, e, { kind: 'proxy', host: '127.0.0.1', port: auth.port }, store, 3000);
  assert.equal(denied.probe.outcome, 'proxy-auth-required');
  assert.match(denied.probe.message, /Negotiate, NTLM/);
  assert.ok(auth.heads.every((h) => !/proxy-authorization/i.test(h)), 'no credentials sent');
  scope.close();
});
