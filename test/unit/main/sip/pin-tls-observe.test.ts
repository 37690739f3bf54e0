// openTls / observeSocket (main/sip/tls-observe.ts) against loopback servers this test starts: what a technician
// must read of each connection. Expected values from TLS practice (a chain signed by a root we pass in is trusted,
// one we do not know is not, with OpenSSL's reason; SNI only for names, RFC 6066 §3 forbids IP literals), and the
// probe's own rules (trust never enforced, the reported port is the target's even through --connect-to).
import assert from 'node:assert/strict';
import { getEventListeners } from 'node:events';
import { after, before, test } from 'node:test';
import type { PeerCertificate } from 'node:tls';
import { certificateInfo, nameCheck, openTls } from '../../../../main/sip/tls-observe';
import { labPki, type LabPki } from '../../../helpers/lab-pki';
import { closedPort } from '../../../helpers/net-env';
import { closeAll, startBlackhole, startRawServer, startTlsServer, type LabServer } from '../../../helpers/net-lab';

let pki: LabPki;
let good: LabServer;
const labs: LabServer[] = [];

before(async () => {
  pki = labPki('Observe');
  good = await startTlsServer({ cert: pki.leaf(['sip.contoso.com']) });
  labs.push(good);
});
after(async () => closeAll(labs));

test('openTls: a trusted chain, the name checked against the target host, the TLS facts read', async () => {
  const { socket, tls } = await openTls({ host: 'sip.contoso.com', port: 5061, address: '127.0.0.1', connectPort: good.port, timeoutMs: 4000, ca: [pki.root.pem] });
  try {
    assert.ok(socket);
    assert.equal(tls.outcome, 'ok');
    assert.equal(tls.error, null);
    assert.equal(tls.host, 'sip.contoso.com');
    assert.equal(tls.port, 5061, 'the target\'s port, not the --connect-to port');
    assert.equal(tls.address, '127.0.0.1');
    assert.equal(tls.protocol, 'TLSv1.3');
    assert.match(tls.cipher ?? '', /^TLS_/);
    assert.equal(tls.chainTrusted, true);
    assert.equal(tls.chainError, null);
    assert.equal(tls.nameMatches, true);
    assert.equal(tls.nameError, null);
    assert.equal(tls.certificate?.subjectCommonName, 'sip.contoso.com');
    assert.equal(tls.certificate?.issuer, 'CN=Observe Issuing CA');
    assert.deepEqual(tls.certificate?.dnsNames, ['sip.contoso.com']);
    assert.equal(tls.certificate?.selfSigned, false);
    assert.equal(tls.trustEnforced, false);
    assert.ok(tls.durationMs >= 0 && tls.durationMs < 4000);
  } finally {
    socket?.destroy();
  }
});

test('openTls: an unknown root and another name are recorded, not refused', async () => {
  const { socket, tls } = await openTls({ host: 'pool.contoso.com', port: good.port, address: '127.0.0.1', timeoutMs: 4000 });
  try {
    assert.ok(socket, 'trust is not enforced: the socket is handed over');
    assert.equal(tls.outcome, 'ok');
    assert.equal(tls.port, good.port);
    assert.equal(tls.chainTrusted, false);
    assert.equal(tls.chainError, 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'OpenSSL\'s X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY, as node names it');
    assert.equal(tls.nameMatches, false);
    assert.match(tls.nameError ?? '', /pool\.contoso\.com/);
  } finally {
    socket?.destroy();
  }
});

test('openTls: SNI carries a host name, never an IP literal; address null lets the OS resolve the host', async () => {
  const sni = await startTlsServer({ cert: pki.leaf(['localhost']) });
  labs.push(sni);
  const raw = sni.port;
  const byName = await openTls({ host: 'localhost', port: raw, address: null, timeoutMs: 4000 });
  assert.equal(byName.tls.outcome, 'ok', byName.tls.error ?? '');
  assert.equal(byName.tls.nameMatches, true);
  assert.equal((byName.socket as unknown as { servername?: string | false })?.servername, 'localhost');
  byName.socket?.destroy();
  const byIp = await openTls({ host: '127.0.0.1', port: raw, address: null, timeoutMs: 4000 });
  assert.equal(byIp.tls.outcome, 'ok');
  assert.equal((byIp.socket as unknown as { servername?: string | false })?.servername, false, 'no SNI for an IP literal');
  byIp.socket?.destroy();
});

test('openTls failures: refused, not TLS, hang-up after TCP, no handshake in time, cancelled', async () => {
  const closed = await closedPort();
  const refused = await openTls({ host: 'sip.contoso.com', port: closed, address: '127.0.0.1', timeoutMs: 4000 });
  assert.equal(refused.socket, null);
  assert.equal(refused.tls.outcome, 'refused');
  assert.match(refused.tls.error ?? '', /^ECONNREFUSED: connect ECONNREFUSED 127\.0\.0\.1:\d+$/);
  assert.equal(refused.tls.address, '127.0.0.1');
  assert.equal(refused.tls.certificate, null);

  const http = await startRawServer((s) => s.once('data', () => s.end('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n')));
  const hangup = await startRawServer((s) => s.once('data', () => s.destroy()));
  const hole = await startBlackhole();
  labs.push(http, hangup, hole);
  const notTls = await openTls({ host: 'sip.contoso.com', port: http.port, address: '127.0.0.1', timeoutMs: 4000 });
  assert.equal(notTls.tls.outcome, 'tls-error');
  assert.match(notTls.tls.error ?? '', /^ERR_SSL_WRONG_VERSION_NUMBER: /);
  const hung = await openTls({ host: 'sip.contoso.com', port: hangup.port, address: '127.0.0.1', timeoutMs: 4000 });
  assert.equal(hung.tls.outcome, 'tls-error', 'TCP was up: the TLS handshake failed');
  assert.match(hung.tls.error ?? '', /^ECONNRESET: /);

  const slow = await openTls({ host: 'sip.contoso.com', port: hole.port, address: '127.0.0.1', timeoutMs: 300 });
  assert.equal(slow.tls.outcome, 'timeout');
  assert.equal(slow.tls.error, 'TLS handshake did not complete within 300 ms');

  const ac = new AbortController();
  ac.abort();
  const t0 = Date.now();
  const pre = await openTls({ host: 'sip.contoso.com', port: hole.port, address: '127.0.0.1', timeoutMs: 4000, signal: ac.signal });
  assert.deepEqual([pre.socket, pre.tls.outcome, pre.tls.error], [null, 'timeout', 'cancelled at the deadline']);
  const during = new AbortController();
  setTimeout(() => during.abort(), 100);
  const mid = await openTls({ host: 'sip.contoso.com', port: hole.port, address: '127.0.0.1', timeoutMs: 4000, signal: during.signal });
  assert.deepEqual([mid.socket, mid.tls.outcome, mid.tls.error], [null, 'timeout', 'cancelled at the deadline']);
  assert.ok(Date.now() - t0 < 3000, 'at the abort, not the time limit');
});

test('certificateInfo: multi-valued DN parts joined with "+", dates as ISO, unreadable dates empty', () => {
  const cert = {
    subject: { CN: 'sip.contoso.com', OU: ['A', 'B'] },
    issuer: { CN: 'Issuer' },
    subjectaltname: 'DNS:SIP.Contoso.com, IP Address:10.0.0.1, DNS:pool.contoso.com, URI:sip:x',
    valid_from: 'Jan  1 00:00:00 2026 GMT',
    valid_to: 'not a date',
    fingerprint256: 'AA:BB',
    serialNumber: '0A',
  } as unknown as PeerCertificate;
  assert.deepEqual(certificateInfo(cert), {
    subject: 'CN=sip.contoso.com, OU=A+B',
    issuer: 'CN=Issuer',
    subjectCommonName: 'sip.contoso.com',
    dnsNames: ['sip.contoso.com', 'pool.contoso.com'],
    notBefore: '2026-01-01T00:00:00.000Z',
    notAfter: '',
    fingerprint256: 'AA:BB',
    serialNumber: '0A',
    selfSigned: false,
  });
  const cnList = certificateInfo({ ...cert, subject: { CN: ['first', 'second'] }, issuer: { CN: ['first', 'second'] } } as unknown as PeerCertificate);
  assert.equal(cnList?.subjectCommonName, 'first');
  assert.equal(cnList?.selfSigned, true, 'same subject and issuer, no issuer certificate');
  const bare = certificateInfo({ fingerprint256: 'CC' } as unknown as PeerCertificate);
  assert.deepEqual(bare, { subject: '', issuer: '', subjectCommonName: '', dnsNames: [], notBefore: '', notAfter: '', fingerprint256: 'CC', serialNumber: '', selfSigned: true });
  assert.equal(certificateInfo({ subject: { CN: [] }, fingerprint256: 'DD' } as unknown as PeerCertificate)?.subjectCommonName, '');
  assert.equal(certificateInfo({ subject: { CN: 5 }, fingerprint256: 'DD' } as unknown as PeerCertificate)?.subjectCommonName, '');
});

test('openTls: the socket handed over is open, later errors on it are absorbed, no abort listener left', async () => {
  const ac = new AbortController();
  const { socket, tls } = await openTls({ host: 'sip.contoso.com', port: good.port, address: '127.0.0.1', timeoutMs: 4000, signal: ac.signal });
  assert.equal(tls.outcome, 'ok');
  assert.ok(socket);
  assert.equal(socket.destroyed, false);
  assert.equal(getEventListeners(ac.signal, 'abort').length, 0);
  const uncaught: unknown[] = [];
  const on = (e: unknown): void => void uncaught.push(e);
  process.on('uncaughtException', on);
  try {
    socket.destroy(new Error('reset later'));
    await new Promise((r) => setTimeout(r, 50));
  } finally {
    process.off('uncaughtException', on);
  }
  assert.deepEqual(uncaught.map(String), []);
});

test('openTls: a failed attempt closes its connection; a port out of range is an error result, not a throw', async () => {
  const hole = await startBlackhole();
  labs.push(hole);
  const r = await openTls({ host: 'sip.contoso.com', port: hole.port, address: '127.0.0.1', timeoutMs: 300 });
  assert.equal(r.tls.outcome, 'timeout');
  await new Promise((res) => setTimeout(res, 200));
  assert.equal(hole.connections(), 1);
  assert.equal(hole.open(), 0, 'the half-open TLS attempt was closed');
  const bad = await openTls({ host: 'sip.contoso.com', port: 5061, connectPort: 70000, address: '127.0.0.1', timeoutMs: 1000 });
  assert.equal(bad.socket, null);
  assert.equal(bad.tls.outcome, 'error');
  assert.match(bad.tls.error ?? '', /Port should be >= 0 and < 65536/);
  assert.equal(bad.tls.port, 5061);
});

test('openTls: a leaf named like its issuer is not self-signed (the chain says so, not the names)', async () => {
  const lookalike = await startTlsServer({ cert: pki.leaf(['sip.contoso.com'], { cn: 'Observe Issuing CA' }) });
  labs.push(lookalike);
  const { socket, tls } = await openTls({ host: 'sip.contoso.com', port: lookalike.port, address: '127.0.0.1', timeoutMs: 4000 });
  socket?.destroy();
  assert.equal(tls.certificate?.subject, tls.certificate?.issuer);
  assert.equal(tls.certificate?.selfSigned, false);
});

test('certificateInfo / nameCheck on odd certificate objects: no throw', () => {
  const odd = certificateInfo({ fingerprint256: 'AA', subject: null, issuer: 'CN=text', subjectaltname: 'DNS:a.contoso.com,DNS:B.contoso.com' } as unknown as PeerCertificate);
  assert.deepEqual([odd?.subject, odd?.issuer, odd?.dnsNames], ['', '', ['a.contoso.com', 'b.contoso.com']]);
  const n = nameCheck('x.contoso.com', { fingerprint256: 'AA', subjectaltname: 5 } as unknown as PeerCertificate);
  assert.equal(n.nameMatches, false);
  assert.match(n.nameError ?? '', /./);
});

test('openTls: a trusted chain for another name is a trusted chain with a name mismatch, not an untrusted chain', async () => {
  const { socket, tls } = await openTls({ host: 'other.contoso.com', port: good.port, address: '127.0.0.1', timeoutMs: 4000, ca: [pki.root.pem] });
  socket?.destroy();
  assert.equal(tls.outcome, 'ok');
  assert.equal(tls.chainTrusted, true);
  assert.equal(tls.chainError, null);
  assert.equal(tls.nameMatches, false);
  assert.match(tls.nameError ?? '', /other\.contoso\.com/);
});
