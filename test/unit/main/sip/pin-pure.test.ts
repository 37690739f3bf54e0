// Behaviour of the SIP probe's pure helpers, input → output: the response summary of a REAL 401 (msxfaq
// capture, test/fixtures/sip/real/SOURCES.md) with the clock comparison, the web-service URLs a TLS-DSK
// sts-uri points to, --connect-to mapping, socket-error classes, and the peer-certificate facts of
// OpenSSL-made certificates (test/fixtures/tls/real-like) compared with `openssl x509` output.
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { PeerCertificate } from 'node:tls';
import type { SipChallenge } from '../../../../main/model/sip';
import { mapConnect } from '../../../../main/sip/connect';
import { loadMsDiagnosticsTable } from '../../../../main/sip/ms-diagnostics-file';
import { parseSipMessage } from '../../../../main/sip/parse';
import { clockSkewSeconds, responseInfo } from '../../../../main/sip/response';
import { certificateInfo, classifyError, failedObservation, nameCheck } from '../../../../main/sip/tls-observe';
import { webServiceTargets } from '../../../../main/sip/web-services';

const REAL = join(__dirname, '..', '..', '..', 'fixtures');
const MSXFAQ = readFileSync(join(REAL, 'sip', 'real', 'msxfaq-tlsdsk-signin.txt'), 'utf8').split('\n');
const R401 = MSXFAQ.slice(23, 40).join('\r\n') + '\r\n'; // lines 24-40: the 401 with its folded headers

test('responseInfo of the real 401: status, schemes, sts-uri, diagnostics, server, Edge marker, skew', () => {
  const p = parseSipMessage(R401);
  assert.ok(p.ok);
  if (!p.ok) return;
  const at = new Date('2013-09-10T14:09:51Z'); // two minutes after the server's Date
  const r = responseInfo(p.message, loadMsDiagnosticsTable(), at);
  assert.equal(r.statusCode, 401);
  assert.equal(r.reasonPhrase, 'unauthorized');
  assert.deepEqual(r.challenges.map((c) => c.scheme), ['NTLM', 'TLS-DSK']);
  assert.equal(r.challenges[1]?.stsUri, 'https://lync.msxfaq.de:443/CertProv/CertProvisioningService.svc');
  assert.deepEqual(r.diagnostics.map((d) => `${d.header} ${d.code}`), ['ms-diagnostics 1033', 'ms-diagnostics-public 1033']);
  assert.equal(r.server, 'RTC/5.0');
  assert.equal(r.date, 'Tue, 10 Sep 2013 14:07:51 GMT');
  assert.equal(r.clockSkewSeconds, 120);
  assert.equal(r.userLogonData, 'RemoteUser');
  assert.equal(r.warning, null);
  assert.deepEqual(r.contacts, []);
  assert.equal(responseInfo(p.message, loadMsDiagnosticsTable(), null).clockSkewSeconds, null, 'no arrival time, no comparison');
});

test('responseInfo: contacts split from every Contact header, at most 16', () => {
  const contacts = Array.from({ length: 10 }, (_, i) => `<sip:10.0.0.${i}:5061;transport=tls>;expires=300, <sip:pool${i}.contoso.com>`);
  const p = parseSipMessage(`SIP/2.0 200 OK\r\n${contacts.map((c) => `Contact: ${c}`).join('\r\n')}\r\nWarning: 399 pool01 "note"\r\nContent-Length: 0\r\n\r\n`);
  assert.ok(p.ok);
  if (!p.ok) return;
  const r = responseInfo(p.message, loadMsDiagnosticsTable(), null);
  assert.equal(r.contacts.length, 16);
  assert.equal(r.contacts[0], '<sip:10.0.0.0:5061;transport=tls>;expires=300');
  assert.equal(r.contacts[1], '<sip:pool0.contoso.com>');
  assert.equal(r.warning, '399 pool01 "note"');
  assert.equal(r.userLogonData, null);
  assert.equal(r.server, null);
});

// Date header, arrival → local minus server, whole seconds (positive: this PC is ahead)
const SKEW: ReadonlyArray<readonly [string | null, string, number | null]> = [
  ['Tue, 10 Sep 2013 14:07:51 GMT', '2013-09-10T14:07:51.000Z', 0],
  ['Tue, 10 Sep 2013 14:07:51 GMT', '2013-09-10T14:12:51.000Z', 300],
  ['Tue, 10 Sep 2013 14:07:51 GMT', '2013-09-10T14:02:51.000Z', -300],
  ['Tue, 10 Sep 2013 14:07:51 GMT', '2013-09-10T14:07:51.499Z', 0],
  ['Tue, 10 Sep 2013 14:07:51 GMT', '2013-09-10T14:07:51.500Z', 1],
  ['Tue, 10 Sep 2013 14:07:51 GMT', '2013-09-10T14:07:50.400Z', -1],
  [null, '2013-09-10T14:07:51.000Z', null],
  ['', '2013-09-10T14:07:51.000Z', null],
  ['yesterday-ish', '2013-09-10T14:07:51.000Z', null],
];
for (const [date, at, want] of SKEW) {
  test(`clockSkewSeconds(${JSON.stringify(date)}, ${at}) = ${want}`, () => {
    assert.equal(clockSkewSeconds(date, new Date(at)), want);
  });
}

const ch = (scheme: string, stsUri: string | null): SipChallenge => ({ header: 'WWW-Authenticate', scheme, realm: 'SIP Communications Service', targetname: null, version: '4', stsUri, params: {} });
const WEB: ReadonlyArray<readonly [string, SipChallenge[], Array<{ kind: string; url: string }>]> = [
  [
    'the msxfaq sts-uri (default port written out)',
    [ch('NTLM', null), ch('TLS-DSK', 'https://lync.msxfaq.de:443/CertProv/CertProvisioningService.svc')],
    [
      { kind: 'cert-provisioning', url: 'https://lync.msxfaq.de/CertProv/CertProvisioningService.svc/mex' },
      { kind: 'web-ticket', url: 'https://lync.msxfaq.de/WebTicket/WebTicketService.svc/mex' },
    ],
  ],
  [
    'another port and a trailing slash; scheme case ignored',
    [ch('tls-dsk', 'https://webext.contoso.com:4443/CertProv/CertProvisioningService.svc/')],
    [
      { kind: 'cert-provisioning', url: 'https://webext.contoso.com:4443/CertProv/CertProvisioningService.svc/mex' },
      { kind: 'web-ticket', url: 'https://webext.contoso.com:4443/WebTicket/WebTicketService.svc/mex' },
    ],
  ],
  ['no TLS-DSK challenge', [ch('NTLM', null), ch('Kerberos', null)], []],
  ['TLS-DSK without sts-uri', [ch('TLS-DSK', null)], []],
  ['an sts-uri on NTLM does not count', [ch('NTLM', 'https://x.contoso.com/CertProv/CertProvisioningService.svc')], []],
  ['an unreadable sts-uri is probed as given', [ch('TLS-DSK', 'not a url')], [{ kind: 'cert-provisioning', url: 'not a url' }]],
];
for (const [label, challenges, want] of WEB) {
  test(`webServiceTargets: ${label}`, () => {
    assert.deepEqual(webServiceTargets(challenges), want);
  });
}

test('mapConnect: host (case-insensitive) and port must both match a rule', () => {
  const rules = [
    { host: 'sip.contoso.com', port: 443, toHost: '127.0.0.1', toPort: 8443 },
    { host: 'sip.contoso.com', port: 5061, toHost: '127.0.0.2', toPort: 15061 },
  ];
  assert.deepEqual(mapConnect(rules, 'sip.contoso.com', 443), { address: '127.0.0.1', port: 8443 });
  assert.deepEqual(mapConnect(rules, 'SIP.Contoso.COM', 5061), { address: '127.0.0.2', port: 15061 });
  assert.equal(mapConnect(rules, 'sip.contoso.com', 80), null);
  assert.equal(mapConnect(rules, 'other.contoso.com', 443), null);
  assert.equal(mapConnect(undefined, 'sip.contoso.com', 443), null);
});

const err = (code: string | undefined, message = 'x'): NodeJS.ErrnoException => Object.assign(new Error(message), code ? { code } : {});
const ERRORS: ReadonlyArray<readonly [string | undefined, string, boolean, string]> = [
  ['ECONNREFUSED', 'connect ECONNREFUSED', false, 'refused'],
  ['ECONNREFUSED', 'connect ECONNREFUSED', true, 'refused'],
  ['ENETUNREACH', 'x', false, 'unreachable'],
  ['EHOSTUNREACH', 'x', false, 'unreachable'],
  ['ENOTFOUND', 'getaddrinfo ENOTFOUND', false, 'unreachable'],
  ['EAI_AGAIN', 'x', false, 'unreachable'],
  ['EADDRNOTAVAIL', 'x', false, 'unreachable'],
  ['EAI_FAIL', 'x', false, 'unreachable'],
  ['ETIMEDOUT', 'x', false, 'timeout'],
  ['ECONNRESET', 'socket hang up', true, 'tls-error'],
  ['ECONNRESET', 'socket hang up', false, 'error'],
  ['ERR_SSL_WRONG_VERSION_NUMBER', 'x', false, 'tls-error'],
  ['EPROTO', 'x', false, 'tls-error'],
  [undefined, 'Client network socket disconnected before secure TLS connection was established', false, 'tls-error'],
  [undefined, 'SSL routines::unsupported protocol', false, 'tls-error'],
  [undefined, 'handshake failed', false, 'tls-error'],
  [undefined, 'wrong version number', false, 'tls-error'],
  [undefined, 'something else', false, 'error'],
];
for (const [code, message, tcpUp, want] of ERRORS) {
  test(`classifyError(${code ?? 'no code'}, "${message}", tcp ${tcpUp ? 'up' : 'down'}) → ${want}`, () => {
    assert.equal(classifyError(err(code, message), tcpUp), want);
  });
}

test('failedObservation: only the target and the failure, nothing observed', () => {
  const o = failedObservation({ host: 'sip.contoso.com', port: 443, address: '127.0.0.1' }, 'refused', 'connect ECONNREFUSED', Date.now());
  assert.deepEqual({ ...o, durationMs: 0 }, {
    host: 'sip.contoso.com', port: 443, address: '127.0.0.1', outcome: 'refused', error: 'connect ECONNREFUSED', protocol: null, cipher: null,
    chainTrusted: null, chainError: null, nameMatches: null, nameError: null, certificate: null, trustEnforced: false, durationMs: 0,
  });
  assert.ok(o.durationMs >= 0 && o.durationMs < 1000);
});

// A certificate as node's TLS layer hands it over (PeerCertificate), from an OpenSSL-made PEM.
const peer = (name: string): PeerCertificate => new X509Certificate(readFileSync(join(REAL, 'tls', 'real-like', `${name}.pem`))).toLegacyObject();

test('certificateInfo of leaf-good: the facts openssl x509 prints', () => {
  assert.deepEqual(certificateInfo(peer('leaf-good')), {
    subject: 'CN=good.lab.test',
    issuer: 'O=Lync Doctor Lab, CN=LD Lab Issuing CA',
    subjectCommonName: 'good.lab.test',
    dnsNames: ['good.lab.test'],
    notBefore: '2026-12-05T06:03:40.000Z',
    notAfter: '2126-11-11T06:03:40.000Z',
    fingerprint256: '6D:4C:B2:E5:EF:73:81:9C:1F:2E:29:87:DD:CE:9E:AD:6A:D7:93:70:B8:D3:F0:AB:53:CE:19:09:7F:DE:E8:6A',
    serialNumber: '538CE02DBBDC553FC3A4E8299DAE89A7EDDF7BE0',
    selfSigned: false,
  });
});

test('certificateInfo: no SAN, a self-signed root, nothing', () => {
  const nosan = certificateInfo(peer('leaf-nosan'));
  assert.deepEqual(nosan?.dnsNames, []);
  assert.equal(nosan?.subjectCommonName, 'nosan.lab.test');
  const root = certificateInfo(peer('root'));
  assert.equal(root?.selfSigned, true);
  assert.equal(certificateInfo(null), null);
  assert.equal(certificateInfo(undefined), null);
  assert.equal(certificateInfo({} as PeerCertificate), null);
});

test('certificateInfo: a chain whose issuer certificate is itself reads as self-signed; another issuer not', () => {
  const leaf = peer('leaf-good');
  assert.equal(certificateInfo({ ...leaf, issuerCertificate: leaf } as never)?.selfSigned, true);
  assert.equal(certificateInfo({ ...leaf, issuerCertificate: peer('int-sha256') } as never)?.selfSigned, false);
});

test('nameCheck (RFC 6125 via checkServerIdentity): SAN match, mismatch, CN-only certificate, no certificate', () => {
  assert.deepEqual(nameCheck('good.lab.test', peer('leaf-good')), { nameMatches: true, nameError: null });
  const other = nameCheck('sip.contoso.com', peer('leaf-good'));
  assert.equal(other.nameMatches, false);
  assert.match(other.nameError ?? '', /sip\.contoso\.com/);
  // No DNS-ID at all: RFC 6125 §6.4.4 lets a client fall back to the CN, and node's checkServerIdentity does.
  assert.deepEqual(nameCheck('nosan.lab.test', peer('leaf-nosan')), { nameMatches: true, nameError: null });
  assert.equal(nameCheck('other.lab.test', peer('leaf-nosan')).nameMatches, false);
  assert.deepEqual(nameCheck('x', null), { nameMatches: null, nameError: null });
});
