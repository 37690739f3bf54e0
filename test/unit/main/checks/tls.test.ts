import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  certificateExpiry,
  endpointUnreachable,
  legacyClientsLockedOut,
  lyncdiscoverNameMismatch,
  noSubjectAltName,
  noTls12,
  privateRootForMobile,
  serverNameMismatch,
  untrustedChain,
  untrustedRoot,
  weakRsaKey,
  weakSignature,
  windows7WinHttpTls12,
} from '../../../../main/checks/tls';
import type { TlsProbe } from '../../../../main/model/tls';
import { ok, proxyData, tlsCert, tlsProbe, trusted, winhttp } from '../../../helpers/network-snapshot';
import { baseSnapshot, NOW } from '../../../helpers/snapshot';

const env = { now: NOW };
const DAY = 86_400_000;
const snap = (probes: TlsProbe[], extra: Parameters<typeof baseSnapshot>[1] = {}, sections: Parameters<typeof baseSnapshot>[0] = {}) =>
  baseSnapshot({ tls: ok<'tls'>({ trustStore: { sources: ['Node.js bundled roots (144)'], anchors: 144, caFile: null }, probes }), ...sections }, extra);
const good = snap([tlsProbe()]);
const all = [lyncdiscoverNameMismatch, serverNameMismatch, certificateExpiry, untrustedChain, privateRootForMobile, noTls12, windows7WinHttpTls12, endpointUnreachable, untrustedRoot, weakSignature, weakRsaKey, noSubjectAltName];

test('a healthy probe passes every TLS check (LD-TLS-008 is informational)', () => {
  for (const c of all) assert.deepEqual(c.evaluate(good, env), [], c.id);
});

test('LD-TLS-001: lyncdiscover certificate without the name fails; wildcard passes', () => {
  const bad = snap([tlsProbe({ chain: [tlsCert({ dnsNames: ['webext.contoso.com'], subjectCN: 'webext.contoso.com' })] })]);
  const [f] = lyncdiscoverNameMismatch.evaluate(bad, env);
  assert.match(f!.message, /does not cover lyncdiscover\.contoso\.com/);
  assert.deepEqual(serverNameMismatch.evaluate(bad, env), [], 'pool check ignores lyncdiscover');
  assert.deepEqual(lyncdiscoverNameMismatch.evaluate(snap([tlsProbe({ chain: [tlsCert({ dnsNames: ['*.contoso.com'] })] })]), env), []);
});

test('LD-TLS-002: SIP endpoint certificate for another name fails; matching SAN passes', () => {
  const p = { host: 'sip.contoso.com', port: 5061, roles: ['sip-srv' as const] };
  const [f] = serverNameMismatch.evaluate(snap([tlsProbe({ ...p, chain: [tlsCert({ dnsNames: ['pool.contoso.com'] })] })]), env);
  assert.match(f!.message, /sip\.contoso\.com \(sip-srv\)/);
  assert.deepEqual(serverNameMismatch.evaluate(snap([tlsProbe({ ...p, chain: [tlsCert({ dnsNames: ['sip.contoso.com'] })] })]), env), []);
});

test('LD-TLS-003: expired leaf, expired intermediate, not-yet-valid fail; soon-to-expire warns; valid passes', () => {
  const expired = certificateExpiry.evaluate(snap([tlsProbe({ chain: [tlsCert({ notAfter: new Date(NOW.getTime() - 3 * DAY).toISOString() })] })]), env);
  assert.equal(expired[0]!.severity ?? 'error', 'error');
  assert.match(expired[0]!.message, /expired .* \(3 day\(s\) ago\)/);
  const inter = certificateExpiry.evaluate(snap([tlsProbe({ chain: [tlsCert(), tlsCert({ subjectCN: 'Contoso Issuing CA', notAfter: new Date(NOW.getTime() - DAY).toISOString() })] })]), env);
  assert.match(inter[0]!.message, /chain certificate 1 \(Contoso Issuing CA\)/);
  assert.match(certificateExpiry.evaluate(snap([tlsProbe({ chain: [tlsCert({ notBefore: new Date(NOW.getTime() + DAY).toISOString() })] })]), env)[0]!.message, /not valid before/);
  assert.equal(certificateExpiry.evaluate(snap([tlsProbe({ chain: [tlsCert({ notAfter: new Date(NOW.getTime() + 5 * DAY).toISOString() })] })]), env)[0]!.severity, 'warning');
  assert.deepEqual(certificateExpiry.evaluate(good, env), []);
});

test('LD-TLS-004: missing intermediate, self-signed and untrusted root fail; store-only intermediate warns', () => {
  const missing = untrustedChain.evaluate(snap([tlsProbe({ trust: { trusted: false, problem: 'issuer-missing', path: ['CN=lyncdiscover.contoso.com'], anchor: null, anchorSource: null, missingIssuer: 'CN=Contoso Issuing CA', usedStoreIntermediate: false } })]), env);
  assert.match(missing[0]!.message, /chain is incomplete or ends in an unknown root.*an intermediate the server must send, or a root this PC does not trust.*missing: CN=Contoso Issuing CA/);
  assert.match(untrustedChain.evaluate(snap([tlsProbe({ trust: { ...trusted(), trusted: false, problem: 'self-signed', anchor: null, anchorSource: null } })]), env)[0]!.message, /self-signed/);
  assert.deepEqual(untrustedChain.evaluate(snap([tlsProbe({ trust: { ...trusted(), trusted: false, problem: 'untrusted-root', anchor: null, anchorSource: null } })]), env), [], 'an unknown root is LD-TLS-010, not an incomplete chain');
  assert.equal(untrustedChain.evaluate(snap([tlsProbe({ trust: trusted({ usedStoreIntermediate: true }) })]), env)[0]!.severity, 'warning');
  assert.deepEqual(untrustedChain.evaluate(snap([tlsProbe({ outcome: 'timeout', trust: null, chain: [] })]), env), []);
});

test('LD-TLS-005: lyncdiscover trusted only through --ca-file is reported; public roots pass', () => {
  const [f] = privateRootForMobile.evaluate(snap([tlsProbe({ trust: trusted({ anchorSource: 'ca-file', anchor: 'CN=Contoso Root' }) })]), env);
  assert.equal(f!.evidence.length, 1);
  assert.match(f!.message, /CN=Contoso Root/);
  assert.deepEqual(privateRootForMobile.evaluate(good, env), []);
  assert.deepEqual(privateRootForMobile.evaluate(snap([tlsProbe({ roles: ['sip-srv'], trust: trusted({ anchorSource: 'ca-file' }) })]), env), [], 'SIP endpoints are not what mobiles validate');
});

test('LD-TLS-006: TLS 1.3-only and TLS 1.0-only servers fail; TLS 1.2 passes', () => {
  assert.match(noTls12.evaluate(snap([tlsProbe({ tls12: 'no', tls13: 'yes', legacy: 'no' })]), env)[0]!.message, /only TLS 1\.3/);
  assert.match(noTls12.evaluate(snap([tlsProbe({ protocol: 'TLSv1', tls12: 'no', tls13: 'no', legacy: 'yes' })]), env)[0]!.message, /only TLSv1/);
  assert.deepEqual(noTls12.evaluate(snap([tlsProbe({ tls12: 'not-tested' })]), env), []);
});

test('LD-TLS-007: Windows 7 without DefaultSecureProtocols TLS 1.2 + server refusing TLS 1.0/1.1 fails', () => {
  const win7 = { host: { platform: 'win32', release: '6.1.7601', arch: 'x64' } };
  const proxy = (dsp: number | null) => ({ proxy: ok<'proxy'>(proxyData({ winhttp: winhttp({ defaultSecureProtocols: dsp }) })) });
  const [f] = windows7WinHttpTls12.evaluate(snap([tlsProbe({ legacy: 'no' })], win7, proxy(null)), env);
  assert.match(f!.message, /DefaultSecureProtocols is not set/);
  assert.equal(windows7WinHttpTls12.evaluate(snap([tlsProbe({ legacy: 'no' })], win7, proxy(0xa0)), env).length, 1, '0xa0 = TLS 1.0 + SSL3 only');
  assert.deepEqual(windows7WinHttpTls12.evaluate(snap([tlsProbe({ legacy: 'no' })], win7, proxy(0xa80)), env), []);
  assert.deepEqual(windows7WinHttpTls12.evaluate(snap([tlsProbe({ legacy: 'no' })], {}, proxy(null)), env), [], 'Windows 10 is not affected');
  assert.deepEqual(windows7WinHttpTls12.evaluate(snap([tlsProbe({ legacy: 'yes' })], win7, proxy(null)), env), []);
});

test('LD-TLS-007: the WinHTTP view of the client is judged; with the client bitness unknown, both views (64-bit and WOW6432Node keys) are', () => {
  const win7 = { host: { platform: 'win32', release: '6.1.7601', arch: 'x64' } };
  const view = (v: '64-bit' | '32-bit', dsp: number | null) => ({ view: v, outcome: 'ok' as const, message: 'read', direct: true, proxyServer: null, bypass: [], defaultSecureProtocols: dsp, keyPath: v === '64-bit' ? 'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Internet Settings\\WinHttp' : 'HKLM\\SOFTWARE\\WOW6432Node\\Microsoft\\Windows\\CurrentVersion\\Internet Settings\\WinHttp' });
  const at = (w: Parameters<typeof winhttp>[0]) => snap([tlsProbe({ legacy: 'no' })], win7, { proxy: ok<'proxy'>(proxyData({ winhttp: winhttp(w) })) });
  // 32-bit client: the collector put the WOW64 view (no TLS 1.2) in the main fields although the 64-bit key has it.
  const [f] = windows7WinHttpTls12.evaluate(at({ defaultSecureProtocols: null, view: '32-bit', clientBitness: '32-bit', views: [view('64-bit', 0xa80), view('32-bit', null)] }), env);
  assert.match(f!.message, /DefaultSecureProtocols \(32-bit view, used by the 32-bit client\) is not set/);
  // 64-bit client with TLS 1.2 in its view: fine, whatever the other view says.
  assert.deepEqual(windows7WinHttpTls12.evaluate(at({ defaultSecureProtocols: 0xa80, view: '64-bit', clientBitness: '64-bit', views: [view('64-bit', 0xa80), view('32-bit', null)] }), env), []);
  // Bitness unknown: the 32-bit key lacking TLS 1.2 is enough for a finding naming that key.
  const [g] = windows7WinHttpTls12.evaluate(at({ defaultSecureProtocols: 0xa80, view: '64-bit', clientBitness: null, views: [view('64-bit', 0xa80), view('32-bit', 0xa0)] }), env);
  assert.match(g!.message, /DefaultSecureProtocols \(32-bit view, HKLM\\SOFTWARE\\WOW6432Node\\.*\) is 0xa0 \(no TLS 1\.2\)/);
  assert.equal(g!.evidence.filter((e) => /DefaultSecureProtocols/.test(e.label)).length, 2);
});

test('LD-TLS-008: TLS 1.2+-only endpoints are listed once; legacy-capable servers are not', () => {
  const [f, ...rest] = legacyClientsLockedOut.evaluate(snap([tlsProbe(), tlsProbe({ host: 'sip.contoso.com', port: 5061 })]), env);
  assert.equal(rest.length, 0);
  assert.equal(f!.evidence.length, 2);
  assert.deepEqual(legacyClientsLockedOut.evaluate(snap([tlsProbe({ legacy: 'yes' })]), env), []);
});

test('LD-TLS-009: unreachable endpoints warn; error when none is reachable; proxy refusals are left to proxy checks', () => {
  const one = endpointUnreachable.evaluate(snap([tlsProbe(), tlsProbe({ host: 'sip.contoso.com', outcome: 'refused', message: 'refused', chain: [], trust: null })]), env);
  assert.equal(one.length, 1);
  assert.equal(one[0]!.severity, 'warning');
  const none = endpointUnreachable.evaluate(snap([tlsProbe({ outcome: 'timeout', message: 'no answer', chain: [], trust: null })]), env);
  assert.equal(none[0]!.severity, 'error');
  assert.deepEqual(endpointUnreachable.evaluate(snap([tlsProbe({ outcome: 'proxy-auth-required', chain: [], trust: null })]), env), []);
});

const chain3 = (leaf: Partial<Parameters<typeof tlsCert>[0]>, inter: Partial<Parameters<typeof tlsCert>[0]> = {}, root: Partial<Parameters<typeof tlsCert>[0]> = {}) => [
  tlsCert({ signatureAlgorithm: 'sha256WithRSAEncryption', keyBits: 2048, ...leaf }),
  tlsCert({ subject: 'CN=Contoso Issuing CA', subjectCN: 'Contoso Issuing CA', issuer: 'CN=Contoso Root', isCa: true, dnsNames: [], signatureAlgorithm: 'sha256WithRSAEncryption', keyBits: 2048, ...inter }),
  tlsCert({ subject: 'CN=Contoso Root', subjectCN: 'Contoso Root', issuer: 'CN=Contoso Root', isCa: true, selfIssued: true, dnsNames: [], signatureAlgorithm: 'sha1WithRSAEncryption', keyBits: 1024, ...root }),
];

test('LD-TLS-010: complete chain to an unknown root (not sent) fails as an untrusted root, not as incomplete; a sent root too', () => {
  const notSent = snap([tlsProbe({ trust: { trusted: false, problem: 'untrusted-root', path: ['CN=lyncdiscover.contoso.com', 'CN=Contoso Issuing CA'], anchor: null, anchorSource: null, missingIssuer: 'CN=Contoso Root', rootSent: false, usedStoreIntermediate: false } })]);
  const [f] = untrustedRoot.evaluate(notSent, env);
  assert.match(f!.message, /issued by the root CN=Contoso Root, which is not in this PC's trust store.*not incomplete/);
  assert.deepEqual(untrustedChain.evaluate(notSent, env), []);
  const sent = untrustedRoot.evaluate(snap([tlsProbe({ trust: { ...trusted(), trusted: false, problem: 'untrusted-root', anchor: null, anchorSource: null, rootSent: true } })]), env);
  assert.match(sent[0]!.message, /ending in the root CN=Contoso Root, which is not in this PC's trust store.*the server needs no change.*--ca-file/);
  assert.deepEqual(untrustedRoot.evaluate(good, env), []);
});

test('LD-TLS-011: SHA-1 intermediate warns, MD5 leaf is an error, the root\'s own SHA-1 self-signature is ignored', () => {
  const sha1 = weakSignature.evaluate(snap([tlsProbe({ chain: chain3({}, { signatureAlgorithm: 'sha1WithRSAEncryption' }) })]), env);
  assert.equal(sha1.length, 1);
  assert.equal(sha1[0]!.severity, 'warning');
  assert.match(sha1[0]!.message, /intermediate Contoso Issuing CA is signed with sha1WithRSAEncryption.*iOS 13/);
  const md5 = weakSignature.evaluate(snap([tlsProbe({ chain: chain3({ signatureAlgorithm: 'md5WithRSAEncryption' }) })]), env);
  assert.equal(md5[0]!.severity, 'error');
  assert.deepEqual(weakSignature.evaluate(snap([tlsProbe({ chain: chain3({}) })]), env), [], 'only the root is SHA-1: no finding');
  assert.deepEqual(weakSignature.evaluate(snap([tlsProbe({ chain: chain3({ signatureAlgorithm: 'ecdsa-with-SHA256' }) })]), env), []);
});

test('LD-TLS-012: 1024-bit RSA leaf warns, 512-bit is an error, EC P-256 and the root are not judged', () => {
  const w = weakRsaKey.evaluate(snap([tlsProbe({ chain: chain3({ keyBits: 1024 }) })]), env);
  assert.equal(w.length, 1);
  assert.equal(w[0]!.severity, 'warning');
  assert.match(w[0]!.message, /1024-bit RSA key/);
  assert.equal(weakRsaKey.evaluate(snap([tlsProbe({ chain: chain3({ keyBits: 512 }) })]), env)[0]!.severity, 'error');
  assert.deepEqual(weakRsaKey.evaluate(snap([tlsProbe({ chain: chain3({ keyType: 'ec', keyBits: 256, keyCurve: 'prime256v1' }) })]), env), []);
  assert.deepEqual(weakRsaKey.evaluate(snap([tlsProbe({ chain: chain3({}) })]), env), []);
  assert.deepEqual(weakRsaKey.evaluate(snap([tlsProbe({ chain: [tlsCert({ keyBits: undefined })] })]), env), [], 'older snapshots without key sizes: nothing claimed');
});

test('LD-TLS-013: no SAN warns and says whether the CN covers the host (Windows) — a SAN passes', () => {
  const [f] = noSubjectAltName.evaluate(snap([tlsProbe({ chain: [tlsCert({ dnsNames: [] })] })]), env);
  assert.match(f!.message, /no subjectAltName.*Windows client accepts it.*ignore the CN/);
  const [g] = noSubjectAltName.evaluate(snap([tlsProbe({ chain: [tlsCert({ dnsNames: [], subjectCN: 'other.contoso.com' })] })]), env);
  assert.match(g!.message, /does not cover this host either/);
  assert.deepEqual(noSubjectAltName.evaluate(good, env), []);
});

test('LD-TLS-005: an intermediate given with --ca-file is not called a root', () => {
  const viaInter = privateRootForMobile.evaluate(snap([tlsProbe({ trust: trusted({ anchorSource: 'ca-file', anchor: 'CN=Contoso Issuing CA', anchorIsRoot: false }) })]), env);
  assert.match(viaInter[0]!.message, /a CA certificate \(an intermediate, not a root\) given with --ca-file/);
  const viaRoot = privateRootForMobile.evaluate(snap([tlsProbe({ trust: trusted({ anchorSource: 'ca-file' }) })]), env);
  assert.match(viaRoot[0]!.message, /a root trusted here only through --ca-file/);
});
