// Boundary tables for the TLS checks LD-TLS-001…013: each threshold and condition on both sides, with
// severity and evidence. Rules from README "Network path" / "TLS judgement" and the articles: expiry at
// notAfter (expired when notAfter <= now), not valid before notBefore, leaf warning under 30 days; RSA keys
// under 2048 bits warn, under 1024 bits fail (KB2661254); SHA-1 warns, MD5/MD2 fail (Windows refuses MD5);
// names per RFC 6125 (wildcard = one whole left-most label, CN only without a SAN); untrusted root (complete
// chain) apart from an incomplete chain; Windows 7 WinHTTP needs DefaultSecureProtocols & 0x800 (KB3140245).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  CERT_EXPIRY_WARNING_DAYS,
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
import type { Check, FindingDraft } from '../../../../main/checks/types';
import type { WinHttpView } from '../../../../main/model/proxy';
import type { TlsCertificate, TlsProbe } from '../../../../main/model/tls';
import { ok, proxyData, tlsCert, tlsProbe, trusted, winhttp } from '../../../helpers/network-snapshot';
import { baseSnapshot, NOW } from '../../../helpers/snapshot';

const env = { now: NOW };
const DAY = 86_400_000;
const T = NOW.getTime();
const iso = (ms: number) => new Date(ms).toISOString();
const sev = (c: Check, d: FindingDraft) => d.severity ?? c.severity;
const E = (label: string, value: string) => ({ label, value });
const STORE = 'Node.js bundled roots (144)';
const snap = (probes: TlsProbe[], extra: Parameters<typeof baseSnapshot>[1] = {}, sections: Parameters<typeof baseSnapshot>[0] = {}) =>
  baseSnapshot({ tls: ok<'tls'>({ trustStore: { sources: [STORE], anchors: 144, caFile: null }, probes }), ...sections }, extra);

test('default severities of the TLS family', () => {
  assert.deepEqual(
    [lyncdiscoverNameMismatch, serverNameMismatch, certificateExpiry, untrustedChain, privateRootForMobile, noTls12, windows7WinHttpTls12, legacyClientsLockedOut, endpointUnreachable, untrustedRoot, weakSignature, weakRsaKey, noSubjectAltName].map((c) => [c.id, c.severity]),
    [['LD-TLS-001', 'error'], ['LD-TLS-002', 'error'], ['LD-TLS-003', 'error'], ['LD-TLS-004', 'error'], ['LD-TLS-005', 'info'], ['LD-TLS-006', 'error'], ['LD-TLS-007', 'error'], ['LD-TLS-008', 'info'], ['LD-TLS-009', 'warning'], ['LD-TLS-010', 'error'], ['LD-TLS-011', 'warning'], ['LD-TLS-012', 'warning'], ['LD-TLS-013', 'warning']],
  );
  assert.equal(CERT_EXPIRY_WARNING_DAYS, 30);
});

test('TLS checks judge ok probes of an ok or partial (timeout) section only', () => {
  const bad = tlsProbe({ chain: [tlsCert({ notAfter: iso(T - DAY) })] });
  assert.equal(certificateExpiry.evaluate(snap([bad]), env).length, 1);
  const part = baseSnapshot({ tls: { status: 'timeout', message: 'm', durationMs: 1, data: { trustStore: { sources: [], anchors: 0, caFile: null }, probes: [bad] } } as never });
  assert.equal(certificateExpiry.evaluate(part, env).length, 1);
  const err = baseSnapshot({ tls: { status: 'error', message: 'm', durationMs: 1, data: { trustStore: { sources: [], anchors: 0, caFile: null }, probes: [bad] } } as never });
  assert.deepEqual(certificateExpiry.evaluate(err, env), []);
  assert.deepEqual(certificateExpiry.evaluate(snap([{ ...bad, outcome: 'timeout' }]), env), []);
});

// ---- LD-TLS-001 / 002: name coverage (RFC 6125) ----
const leafEvidence = (p: TlsProbe, c: TlsCertificate) => [E('endpoint', `${p.host}:${p.port}${p.via ? ` via proxy ${p.via}` : ''}`), E('roles', p.roles.join(', ')), E('certificate subject', c.subject), E('SAN DNS names', c.dnsNames.join(', ') || '(none)'), E('SHA-256', c.sha256)];
const NAMES: ReadonlyArray<readonly [string, string, Partial<TlsCertificate>, boolean]> = [
  ['exact SAN', 'lyncdiscover.contoso.com', { dnsNames: ['lyncdiscover.contoso.com'] }, true],
  ['SAN differs in case and trailing dot', 'LyncDiscover.Contoso.com.', { dnsNames: ['lyncdiscover.contoso.com'] }, true],
  ['wildcard one label', 'lyncdiscover.contoso.com', { dnsNames: ['*.contoso.com'] }, true],
  ['wildcard does not cover two labels', 'lyncdiscover.eu.contoso.com', { dnsNames: ['*.contoso.com'] }, false],
  ['wildcard does not cover the bare domain', 'contoso.com', { dnsNames: ['*.contoso.com'] }, false],
  ['partial wildcard refused', 'lyncdiscover.contoso.com', { dnsNames: ['lync*.contoso.com'] }, false],
  ['"*.com" covers nothing', 'contoso.com', { dnsNames: ['*.com'] }, false],
  ['other SAN only', 'lyncdiscover.contoso.com', { dnsNames: ['webext.contoso.com'] }, false],
  ['no SAN, CN matches', 'lyncdiscover.contoso.com', { dnsNames: [], subjectCN: 'lyncdiscover.contoso.com' }, true],
  ['SAN present, CN matching is ignored', 'lyncdiscover.contoso.com', { dnsNames: ['webext.contoso.com'], subjectCN: 'lyncdiscover.contoso.com' }, false],
  ['no SAN, empty CN', 'lyncdiscover.contoso.com', { dnsNames: [], subjectCN: '' }, false],
];
for (const [label, host, over, covers] of NAMES) {
  test(`LD-TLS-001 lyncdiscover: ${label} → ${covers ? 'pass' : 'error'}; LD-TLS-002 does not judge discovery roles`, () => {
    const leaf = tlsCert(over);
    const p = tlsProbe({ host, chain: [leaf] });
    const f = lyncdiscoverNameMismatch.evaluate(snap([p]), env);
    assert.deepEqual(serverNameMismatch.evaluate(snap([p]), env), []);
    if (covers) return assert.deepEqual(f, []);
    assert.equal(f.length, 1);
    assert.equal(sev(lyncdiscoverNameMismatch, f[0]!), 'error');
    const names = leaf.dnsNames.length ? leaf.dnsNames.join(', ') : `CN=${leaf.subjectCN}`;
    assert.ok(f[0]!.message.startsWith(`The certificate presented for ${host} names ${names}, which does not cover ${host};`), f[0]!.message);
    assert.deepEqual(f[0]!.evidence, [...leafEvidence(p, leaf), E('expected name', host)]);
  });
}
const ROLES: ReadonlyArray<readonly [TlsProbe['roles'], 'LD-TLS-001' | 'LD-TLS-002']> = [
  [['lyncdiscover'], 'LD-TLS-001'],
  [['lyncdiscoverinternal'], 'LD-TLS-001'],
  [['sip', 'lyncdiscover'], 'LD-TLS-001'],
  [['sip'], 'LD-TLS-002'],
  [['sip-srv'], 'LD-TLS-002'],
  [['web-services'], 'LD-TLS-002'],
];
for (const [roles, id] of ROLES) {
  test(`name mismatch for roles ${roles.join('+')} is ${id}`, () => {
    const p = tlsProbe({ host: 'pool.contoso.com', roles, chain: [tlsCert({ dnsNames: ['other.contoso.com'] })] });
    const f1 = lyncdiscoverNameMismatch.evaluate(snap([p]), env);
    const f2 = serverNameMismatch.evaluate(snap([p]), env);
    assert.deepEqual([f1.length, f2.length], id === 'LD-TLS-001' ? [1, 0] : [0, 1]);
    if (id === 'LD-TLS-002') {
      assert.ok(f2[0]!.message.startsWith(`The certificate presented for pool.contoso.com (${roles.join(', ')}) names other.contoso.com, which does not cover pool.contoso.com;`), f2[0]!.message);
      assert.equal(sev(serverNameMismatch, f2[0]!), 'error');
    }
  });
}
test('LD-TLS-002 by IP address: only an IP SAN covers it; through a proxy the endpoint says so', () => {
  const byIp = (ips: string[]) => tlsProbe({ host: '192.0.2.7', roles: ['sip'], via: 'proxy.contoso.com:8080', chain: [tlsCert({ dnsNames: ['192.0.2.7'], ipAddresses: ips })] });
  assert.deepEqual(serverNameMismatch.evaluate(snap([byIp(['192.0.2.7'])]), env), []);
  const [f] = serverNameMismatch.evaluate(snap([byIp([])]), env);
  assert.deepEqual(f!.evidence[0], E('endpoint', '192.0.2.7:443 via proxy proxy.contoso.com:8080'));
  assert.deepEqual(serverNameMismatch.evaluate(snap([tlsProbe({ roles: ['sip'], chain: [] })]), env), [], 'no leaf: nothing to judge');
});

// ---- LD-TLS-003: expiry (expired when notAfter <= now), not yet valid (notBefore > now), leaf warning < 30 days ----
const P003: ReadonlyArray<readonly [string, { notBefore?: number; notAfter: number; chainIndex?: 0 | 1 }, null | readonly ['error' | 'warning', string]]> = [
  ['leaf expires in exactly 30 days', { notAfter: T + 30 * DAY }, null],
  ['leaf expires in 30 days + 1 ms', { notAfter: T + 30 * DAY + 1 }, null],
  ['leaf expires in 30 days − 1 ms', { notAfter: T + 30 * DAY - 1 }, ['warning', 'expires on 2026-07-01, in 30 day(s).']],
  ['leaf expires in 1 ms', { notAfter: T + 1 }, ['warning', 'in 1 day(s).']],
  ['leaf expires in 1 day', { notAfter: T + DAY }, ['warning', 'in 1 day(s).']],
  ['leaf expires exactly now', { notAfter: T }, ['error', 'expired on 2026-06-01 (0 day(s) ago)']],
  ['leaf expired 1 ms ago', { notAfter: T - 1 }, ['error', 'expired on 2026-06-01 (0 day(s) ago)']],
  ['leaf expired 1 day ago', { notAfter: T - DAY }, ['error', 'expired on 2026-05-31 (1 day(s) ago)']],
  ['leaf valid from exactly now', { notBefore: T, notAfter: T + 300 * DAY }, null],
  ['leaf valid from now + 1 ms', { notBefore: T + 1, notAfter: T + 300 * DAY }, ['error', 'is not valid before 2026-06-01; either it was installed too early or this PC\'s clock is behind.']],
  ['chain certificate expires in 1 day (no warning below the leaf)', { notAfter: T + DAY, chainIndex: 1 }, null],
  ['chain certificate expired exactly now', { notAfter: T, chainIndex: 1 }, ['error', 'The chain certificate 1 (Contoso Issuing CA) of lyncdiscover.contoso.com:443 expired on 2026-06-01']],
  ['chain certificate not yet valid', { notBefore: T + DAY, notAfter: T + 300 * DAY, chainIndex: 1 }, ['error', 'The chain certificate 1 (Contoso Issuing CA) of lyncdiscover.contoso.com:443 is not valid before 2026-06-02']],
];
for (const [label, v, want] of P003) {
  test(`LD-TLS-003 ${label} → ${want ? want[0] : 'pass'}`, () => {
    const c = tlsCert({ notBefore: iso(v.notBefore ?? T - 100 * DAY), notAfter: iso(v.notAfter), ...(v.chainIndex === 1 ? { subject: 'CN=Contoso Issuing CA', subjectCN: 'Contoso Issuing CA', isCa: true } : {}) });
    const p = tlsProbe({ chain: v.chainIndex === 1 ? [tlsCert(), c] : [c] });
    const f = certificateExpiry.evaluate(snap([p]), env);
    if (!want) return assert.deepEqual(f, []);
    assert.equal(f.length, 1);
    assert.equal(sev(certificateExpiry, f[0]!), want[0]);
    assert.ok(f[0]!.message.includes(want[1]), f[0]!.message);
    if (v.chainIndex !== 1 && want[0] === 'error' && !v.notBefore) assert.ok(f[0]!.message.startsWith('The server certificate of lyncdiscover.contoso.com:443 '), f[0]!.message);
    assert.deepEqual(f[0]!.evidence, [E('endpoint', 'lyncdiscover.contoso.com:443'), E('certificate', c.subject), E('valid', `${c.notBefore} → ${c.notAfter}`), E('SHA-256', c.sha256)]);
  });
}

// ---- LD-TLS-004 (incomplete / untrusted chain) and LD-TLS-010 (complete chain, untrusted root) ----
const P004: ReadonlyArray<readonly [string, TlsProbe['trust'], null | readonly ['LD-TLS-004' | 'LD-TLS-010', 'error' | 'warning', string]]> = [
  ['trusted', trusted(), null],
  ['no trust data (not judged)', null, null],
  ['trusted through a store intermediate', trusted({ usedStoreIntermediate: true }), ['LD-TLS-004', 'warning', 'does not send its intermediate certificate (CN=Contoso Root); it validates here only because']],
  ['self-signed', trusted({ trusted: false, problem: 'self-signed', anchor: null, anchorSource: null }), ['LD-TLS-004', 'error', 'lyncdiscover.contoso.com:443: the server presents a self-signed certificate that is not in the trust store.']],
  ['issuer missing', trusted({ trusted: false, problem: 'issuer-missing', missingIssuer: 'CN=Contoso Issuing CA', anchor: null, anchorSource: null }), ['LD-TLS-004', 'error', 'the chain is incomplete or ends in an unknown root']],
  ['too long', trusted({ trusted: false, problem: 'too-long', anchor: null, anchorSource: null }), ['LD-TLS-004', 'error', 'the chain is implausibly long.']],
  ['unparsable', trusted({ trusted: false, problem: 'unparsable', anchor: null, anchorSource: null }), ['LD-TLS-004', 'error', 'the server certificate cannot be read.']],
  ['untrusted root, root not sent', trusted({ trusted: false, problem: 'untrusted-root', rootSent: false, missingIssuer: 'CN=Fabrikam Root', path: ['CN=lyncdiscover.contoso.com', 'CN=Fabrikam Issuing'], anchor: null, anchorSource: null }), ['LD-TLS-010', 'error', 'sends its full chain up to CN=Fabrikam Issuing, issued by the root CN=Fabrikam Root, which is not in this PC\'s trust store']],
  ['untrusted root, root sent', trusted({ trusted: false, problem: 'untrusted-root', rootSent: true, path: ['CN=lyncdiscover.contoso.com', 'CN=Fabrikam Root'], anchor: null, anchorSource: null }), ['LD-TLS-010', 'error', 'sends a chain ending in the root CN=Fabrikam Root, which is not in this PC\'s trust store']],
];
for (const [label, trust, want] of P004) {
  test(`LD-TLS-004/010 ${label} → ${want ? `${want[0]} ${want[1]}` : 'pass'}`, () => {
    const p = tlsProbe({ trust });
    const f4 = untrustedChain.evaluate(snap([p]), env);
    const f10 = untrustedRoot.evaluate(snap([p]), env);
    if (!want) return assert.deepEqual([f4, f10], [[], []]);
    const [id, severity, frag] = want;
    const [mine, other, check] = id === 'LD-TLS-004' ? [f4, f10, untrustedChain] : [f10, f4, untrustedRoot];
    assert.deepEqual(other, [], 'the other check stays quiet');
    assert.equal(mine.length, 1);
    assert.equal(sev(check, mine[0]!), severity);
    assert.ok(mine[0]!.message.includes(frag), mine[0]!.message);
    const t = trust!;
    if (id === 'LD-TLS-004') {
      assert.deepEqual(mine[0]!.evidence, [E('endpoint', 'lyncdiscover.contoso.com:443'), E('path', t.path.join(' → ')), E('certificates sent', '2'), E('server certificate', 'CN=lyncdiscover.contoso.com, issuer CN=Contoso Issuing CA'), E('trust store', STORE), ...(t.missingIssuer ? [E('missing issuer', t.missingIssuer)] : [])]);
    } else {
      const root = t.rootSent === false ? t.missingIssuer! : t.path.at(-1)!;
      assert.deepEqual(mine[0]!.evidence, [E('endpoint', 'lyncdiscover.contoso.com:443'), E('path', t.path.join(' → ')), E('untrusted root', root), E('root sent by the server', t.rootSent === false ? 'no' : 'yes'), E('trust store', STORE)]);
    }
  });
}

// ---- LD-TLS-005: a private (--ca-file) anchor for lyncdiscover / web services ----
const P005: ReadonlyArray<readonly [string, Partial<TlsProbe>, boolean]> = [
  ['lyncdiscover via --ca-file root', { trust: trusted({ anchorSource: 'ca-file', anchorIsRoot: true }) }, true],
  ['web services via --ca-file intermediate', { roles: ['web-services'], trust: trusted({ anchorSource: 'ca-file', anchorIsRoot: false }) }, true],
  ['lyncdiscover via public roots', { trust: trusted({ anchorSource: 'node-roots' }) }, false],
  ['lyncdiscover via the system store', { trust: trusted({ anchorSource: 'system' }) }, false],
  ['lyncdiscoverinternal via --ca-file (internal clients only)', { roles: ['lyncdiscoverinternal'], trust: trusted({ anchorSource: 'ca-file' }) }, false],
  ['sip via --ca-file', { roles: ['sip'], trust: trusted({ anchorSource: 'ca-file' }) }, false],
  ['lyncdiscover --ca-file but untrusted', { trust: trusted({ trusted: false, problem: 'issuer-missing', anchorSource: 'ca-file' }) }, false],
];
for (const [label, over, fires] of P005) {
  test(`LD-TLS-005 ${label} → ${fires ? 'info' : 'pass'}`, () => {
    const p = tlsProbe(over);
    const f = privateRootForMobile.evaluate(snap([p]), env);
    if (!fires) return assert.deepEqual(f, []);
    assert.equal(f.length, 1);
    assert.equal(sev(privateRootForMobile, f[0]!), 'info');
    const intermediate = p.trust?.anchorIsRoot === false;
    assert.ok(f[0]!.message.startsWith(`lyncdiscover.contoso.com chains to CN=Contoso Root, ${intermediate ? 'a CA certificate (an intermediate, not a root) given with --ca-file' : 'a root trusted here only through --ca-file'} (not a public root).`), f[0]!.message);
    assert.deepEqual(f[0]!.evidence, [E('lyncdiscover.contoso.com:443', p.trust!.path.join(' → '))]);
  });
}

// ---- LD-TLS-006 / 008: TLS versions ----
const P006: ReadonlyArray<readonly [string, Partial<TlsProbe>, string | null, boolean]> = [
  ['TLS 1.2 yes', { tls12: 'yes', legacy: 'no' }, null, true],
  ['TLS 1.2 not tested', { tls12: 'not-tested' }, null, false],
  ['TLS 1.2 no, TLS 1.3 only', { tls12: 'no', tls13: 'yes', legacy: 'no', protocol: 'TLSv1.3' }, 'accepts only TLS 1.3;', false],
  ['TLS 1.2 no, TLS 1.3 and legacy', { tls12: 'no', tls13: 'yes', legacy: 'yes', protocol: 'TLSv1' }, 'negotiates only TLSv1 (TLS 1.0/1.1);', false],
  ['TLS 1.2 no, legacy only', { tls12: 'no', tls13: 'no', legacy: 'yes', protocol: 'TLSv1.1' }, 'negotiates only TLSv1.1 (TLS 1.0/1.1);', false],
  ['TLS 1.2 no, protocol unknown', { tls12: 'no', tls13: 'not-tested', legacy: 'not-tested', protocol: null }, 'negotiates only an old protocol (TLS 1.0/1.1);', false],
];
for (const [label, over, frag, only12] of P006) {
  test(`LD-TLS-006 ${label} → ${frag ? 'error' : 'pass'}; LD-TLS-008 ${only12 ? 'info' : 'pass'}`, () => {
    const p = tlsProbe(over);
    const f = noTls12.evaluate(snap([p]), env);
    const i = legacyClientsLockedOut.evaluate(snap([p]), env);
    assert.equal(i.length, only12 ? 1 : 0);
    if (only12) {
      assert.equal(sev(legacyClientsLockedOut, i[0]!), 'info');
      assert.deepEqual(i[0]!.evidence, [E('lyncdiscover.contoso.com:443', 'negotiated TLSv1.3; TLS 1.0/1.1 refused')]);
    }
    if (!frag) return assert.deepEqual(f, []);
    assert.equal(f.length, 1);
    assert.equal(sev(noTls12, f[0]!), 'error');
    assert.ok(f[0]!.message.startsWith(`lyncdiscover.contoso.com:443 ${frag}`), f[0]!.message);
    assert.deepEqual(f[0]!.evidence, [E('endpoint', 'lyncdiscover.contoso.com:443'), E('negotiated', p.protocol ?? 'none'), E('TLS 1.2', p.tls12), E('TLS 1.3', p.tls13), E('TLS 1.0/1.1', p.legacy)]);
  });
}
test('LD-TLS-008 needs legacy refused AND TLS 1.2 accepted', () => {
  assert.deepEqual(legacyClientsLockedOut.evaluate(snap([tlsProbe({ legacy: 'yes' })]), env), []);
  assert.deepEqual(legacyClientsLockedOut.evaluate(snap([tlsProbe({ legacy: 'not-tested' })]), env), []);
  assert.deepEqual(legacyClientsLockedOut.evaluate(snap([tlsProbe({ legacy: 'no', tls12: 'no' })]), env), []);
});

// ---- LD-TLS-007: Windows 7 / 2008 R2 WinHTTP without TLS 1.2 (0x800) against servers refusing TLS 1.0/1.1 ----
const win7 = (release: string, platform: 'win32' | 'linux' = 'win32') => ({ host: { platform, release, arch: 'x64' } });
const P007: ReadonlyArray<readonly [string, string, number | null, 'no' | 'yes', boolean]> = [
  ['6.1, DSP absent', '6.1.7601', null, 'no', true],
  ['6.1, DSP 0xA00 (TLS 1.1 + 1.2)', '6.1.7601', 0xa00, 'no', false],
  ['6.1, DSP 0x800 (TLS 1.2 exactly)', '6.1.7601', 0x800, 'no', false],
  ['6.1, DSP 0x200 (TLS 1.1 only)', '6.1.7601', 0x200, 'no', true],
  ['6.1, DSP 0x7FF (every bit but TLS 1.2)', '6.1.7601', 0x7ff, 'no', true],
  ['6.1, DSP absent, but the server accepts TLS 1.0/1.1', '6.1.7601', null, 'yes', false],
  ['6.2 (Windows 8), DSP absent', '6.2.9200', null, 'no', false],
  ['6.10 is not 6.1', '6.10.1', null, 'no', false],
  ['10.0, DSP absent', '10.0.19045', null, 'no', false],
];
for (const [label, release, dsp, legacy, fires] of P007) {
  test(`LD-TLS-007 ${label} → ${fires ? 'error' : 'pass'}`, () => {
    const s = snap([tlsProbe({ legacy })], win7(release), { proxy: ok<'proxy'>(proxyData({ winhttp: winhttp({ defaultSecureProtocols: dsp }) })) });
    const f = windows7WinHttpTls12.evaluate(s, env);
    if (!fires) return assert.deepEqual(f, []);
    assert.equal(f.length, 1);
    assert.equal(sev(windows7WinHttpTls12, f[0]!), 'error');
    assert.ok(f[0]!.message.includes(`DefaultSecureProtocols is ${dsp === null ? 'not set' : `0x${dsp.toString(16)} (no TLS 1.2)`}; lyncdiscover.contoso.com:443 refuse TLS 1.0/1.1`), f[0]!.message);
    assert.deepEqual(f[0]!.evidence, [E('OS release', release), E('WinHTTP DefaultSecureProtocols', dsp === null ? 'absent' : `0x${dsp.toString(16)}`), E('lyncdiscover.contoso.com:443', 'refuses TLS 1.0/1.1')]);
  });
}
test('LD-TLS-007 not on a replayed Linux host reporting 6.1, and without any WinHTTP data DSP counts as absent', () => {
  assert.deepEqual(windows7WinHttpTls12.evaluate(snap([tlsProbe()], win7('6.1.7601', 'linux')), env), []);
  const [f] = windows7WinHttpTls12.evaluate(snap([tlsProbe()], win7('6.1.7601')), env);
  assert.deepEqual(f!.evidence[1], E('WinHTTP DefaultSecureProtocols', 'absent'));
});
test('LD-TLS-007 both views judged when the client bitness is unknown: one view without 0x800 is enough', () => {
  const view = (v: '64-bit' | '32-bit', d: number | null): WinHttpView => ({ view: v, keyPath: v === '64-bit' ? 'HKLM\\A' : 'HKLM\\WOW6432Node\\A', outcome: 'ok', message: 'm', direct: true, proxyServer: null, bypass: [], defaultSecureProtocols: d });
  const w = (a: number | null, b: number | null) => winhttp({ clientBitness: null, views: [view('64-bit', a), view('32-bit', b)], defaultSecureProtocols: a } as never);
  const run = (a: number | null, b: number | null) => windows7WinHttpTls12.evaluate(snap([tlsProbe()], win7('6.1.7601'), { proxy: ok<'proxy'>(proxyData({ winhttp: w(a, b) })) }), env);
  assert.deepEqual(run(0x800, 0xa00), []);
  const [f] = run(0x800, null);
  assert.ok(f!.message.includes('DefaultSecureProtocols (32-bit view, HKLM\\WOW6432Node\\A) is not set;'), f!.message);
  assert.deepEqual(f!.evidence.slice(1, 3), [E('WinHTTP DefaultSecureProtocols (64-bit view, HKLM\\A)', '0x800'), E('WinHTTP DefaultSecureProtocols (32-bit view, HKLM\\WOW6432Node\\A)', 'absent')]);
});

// ---- LD-TLS-009: unreachable endpoints; error when none completed a handshake ----
const down = (host: string, outcome: TlsProbe['outcome']) => tlsProbe({ host, outcome, message: `${outcome} msg`, chain: [], trust: null, durationMs: 7 });
const P009: ReadonlyArray<readonly [string, TlsProbe[], null | 'warning' | 'error' | 'one-error']> = [
  ['all ok', [tlsProbe()], null],
  ['one of two refused', [tlsProbe(), down('sip.contoso.com', 'refused')], 'warning'],
  ['the only probe timed out', [down('sip.contoso.com', 'timeout')], 'error'],
  ['both fail (one finding for the one cause)', [down('a.contoso.com', 'reset'), down('b.contoso.com', 'handshake-failed')], 'one-error'],
  ['dns-failed', [tlsProbe(), down('sip.contoso.com', 'dns-failed')], 'warning'],
  ['not TLS', [tlsProbe(), down('sip.contoso.com', 'not-tls')], 'warning'],
  ['unreachable', [tlsProbe(), down('sip.contoso.com', 'unreachable')], 'warning'],
  ['proxy answered 407 (a proxy finding, not this one)', [tlsProbe(), down('sip.contoso.com', 'proxy-auth-required')], null],
  ['proxy refused (LD-PROXY-009)', [down('sip.contoso.com', 'proxy-refused')], null],
  ['skipped at the deadline', [down('sip.contoso.com', 'skipped')], null],
  ['one refused, one skipped: not all tried failed', [down('a.contoso.com', 'refused'), down('b.contoso.com', 'skipped')], 'warning'],
];
for (const [label, probes, want] of P009) {
  test(`LD-TLS-009 ${label} → ${want ?? 'pass'}`, () => {
    const f = endpointUnreachable.evaluate(snap(probes), env);
    if (!want) return assert.deepEqual(f, []);
    const bad = probes.filter((p) => p.outcome !== 'ok' && p.outcome !== 'skipped' && !p.outcome.startsWith('proxy'));
    if (want === 'one-error') {
      assert.equal(f.length, 1);
      assert.equal(f[0]!.severity, 'error');
      assert.ok(f[0]!.message.startsWith(`No discovered endpoint completed a TLS handshake (2 tried): a.contoso.com:443 (lyncdiscover): reset msg; b.contoso.com:443 (lyncdiscover): handshake-failed msg.`), f[0]!.message);
      assert.deepEqual(f[0]!.evidence, [E('a.contoso.com:443', 'reset after 7 ms'), E('b.contoso.com:443', 'handshake-failed after 7 ms')]);
      return assert.deepEqual(f[0]!.affected, ['a.contoso.com:443', 'b.contoso.com:443']);
    }
    assert.equal(f.length, bad.length);
    const p = bad[0]!;
    assert.equal(sev(endpointUnreachable, f[0]!), want);
    assert.equal(f[0]!.message, `${p.host}:443 (lyncdiscover): ${p.outcome} msg${want === 'error' ? '. No discovered endpoint completed a TLS handshake.' : '.'}`);
    assert.deepEqual(f[0]!.evidence, [E('endpoint', `${p.host}:443`), E('outcome', p.outcome), E('time spent', '7 ms')]);
    assert.equal(f[0]!.affected, undefined);
  });
}

// ---- LD-TLS-011: SHA-1 warns, MD5/MD2 fail; the root's own signature is not judged ----
const P011: ReadonlyArray<readonly [string, string | undefined, 0 | 1 | 2, null | 'warning' | 'error']> = [
  ['leaf sha256WithRSAEncryption', 'sha256WithRSAEncryption', 0, null],
  ['leaf ecdsa-with-SHA384', 'ecdsa-with-SHA384', 0, null],
  ['leaf Ed25519', 'Ed25519', 0, null],
  ['leaf RSASSA-PSS', 'RSASSA-PSS', 0, null],
  ['leaf algorithm unknown', undefined, 0, null],
  ['leaf sha1WithRSAEncryption', 'sha1WithRSAEncryption', 0, 'warning'],
  ['leaf ecdsa-with-SHA1', 'ecdsa-with-SHA1', 0, 'warning'],
  ['leaf written SHA-1', 'RSA-SHA-1', 0, 'warning'],
  ['leaf md5WithRSAEncryption', 'md5WithRSAEncryption', 0, 'error'],
  ['leaf md2WithRSAEncryption', 'md2WithRSAEncryption', 0, 'error'],
  ['intermediate sha1', 'sha1WithRSAEncryption', 1, 'warning'],
  ['self-issued root sha1 (its own signature is never checked)', 'sha1WithRSAEncryption', 2, null],
];
for (const [label, alg, at, want] of P011) {
  test(`LD-TLS-011 ${label} → ${want ?? 'pass'}`, () => {
    const chain = [tlsCert(), tlsCert({ subject: 'CN=Contoso Issuing CA', subjectCN: 'Contoso Issuing CA', isCa: true, signatureAlgorithm: 'sha256WithRSAEncryption' }), tlsCert({ subject: 'CN=Contoso Root', subjectCN: 'Contoso Root', isCa: true, selfIssued: true, signatureAlgorithm: 'sha256WithRSAEncryption' })];
    chain[at] = { ...chain[at]!, signatureAlgorithm: alg };
    const f = weakSignature.evaluate(snap([tlsProbe({ chain })]), env);
    if (!want) return assert.deepEqual(f, []);
    assert.equal(f.length, 1);
    assert.equal(sev(weakSignature, f[0]!), want);
    const what = at === 0 ? 'server certificate (lyncdiscover.contoso.com)' : 'intermediate Contoso Issuing CA';
    assert.ok(f[0]!.message.startsWith(`lyncdiscover.contoso.com:443: the ${what} is signed with ${alg}${want === 'error' ? '; Windows has refused MD5-signed certificates' : '. Lync/Skype for Business on Windows still accepts it'}`), f[0]!.message);
    assert.deepEqual(f[0]!.evidence, [E('endpoint', 'lyncdiscover.contoso.com:443'), E('certificate', chain[at]!.subject), E('position', at === 0 ? 'server (leaf)' : 'chain certificate 1'), E('signature algorithm', alg!), E('SHA-256', chain[at]!.sha256)]);
  });
}

// ---- LD-TLS-012: RSA keys < 2048 warn, < 1024 fail; exactly at each limit passes that limit ----
const P012: ReadonlyArray<readonly [string, string, number | null | undefined, 0 | 1 | 2, null | 'warning' | 'error']> = [
  ['rsa 4096', 'rsa', 4096, 0, null],
  ['rsa 2048 (exactly the limit)', 'rsa', 2048, 0, null],
  ['rsa 2047 (one below)', 'rsa', 2047, 0, 'warning'],
  ['rsa 1024 (exactly the Windows limit)', 'rsa', 1024, 0, 'warning'],
  ['rsa 1023 (one below the Windows limit)', 'rsa', 1023, 0, 'error'],
  ['rsa 512', 'rsa', 512, 0, 'error'],
  ['rsa-pss 1024', 'rsa-pss', 1024, 0, 'warning'],
  ['ec 256 (curve bits are another scale)', 'ec', 256, 0, null],
  ['dsa 1024 (not RSA)', 'dsa', 1024, 0, null],
  ['rsa, size unknown', 'rsa', null, 0, null],
  ['rsa, size not recorded (older snapshot)', 'rsa', undefined, 0, null],
  ['intermediate rsa 2047', 'rsa', 2047, 1, 'warning'],
  ['self-issued root rsa 1023 (not judged)', 'rsa', 1023, 2, null],
];
for (const [label, keyType, keyBits, at, want] of P012) {
  test(`LD-TLS-012 ${label} → ${want ?? 'pass'}`, () => {
    const chain = [tlsCert({ keyBits: 2048 }), tlsCert({ subject: 'CN=Contoso Issuing CA', subjectCN: 'Contoso Issuing CA', isCa: true, keyBits: 2048 }), tlsCert({ subject: 'CN=Contoso Root', subjectCN: 'Contoso Root', isCa: true, selfIssued: true, keyBits: 4096 })];
    chain[at] = { ...chain[at]!, keyType, keyBits };
    const f = weakRsaKey.evaluate(snap([tlsProbe({ chain })]), env);
    if (!want) return assert.deepEqual(f, []);
    assert.equal(f.length, 1);
    assert.equal(sev(weakRsaKey, f[0]!), want);
    const what = at === 0 ? 'server certificate (lyncdiscover.contoso.com)' : 'intermediate Contoso Issuing CA';
    assert.ok(f[0]!.message.startsWith(`lyncdiscover.contoso.com:443: the ${what} has a ${keyBits}-bit RSA key${want === 'error' ? '; Windows blocks RSA keys under 1024 bits' : '. Lync/Skype for Business on Windows still accepts 1024-bit keys'}`), f[0]!.message);
    assert.deepEqual(f[0]!.evidence, [E('endpoint', 'lyncdiscover.contoso.com:443'), E('certificate', chain[at]!.subject), E('position', at === 0 ? 'server (leaf)' : 'chain certificate 1'), E('key', `${keyType} ${keyBits} bits`), E('SHA-256', chain[at]!.sha256)]);
  });
}

// ---- LD-TLS-013: no subjectAltName (DNS or IP) on the leaf ----
const P013: ReadonlyArray<readonly [string, string, Partial<TlsCertificate>, null | boolean]> = [
  ['DNS SAN present', 'lyncdiscover.contoso.com', {}, null],
  ['IP SAN only', '192.0.2.10', { dnsNames: [], ipAddresses: ['192.0.2.10'] }, null],
  ['no SAN, CN covers the host', 'lyncdiscover.contoso.com', { dnsNames: [] }, true],
  ['no SAN, CN is another host', 'sip.contoso.com', { dnsNames: [] }, false],
  ['no SAN, empty CN', 'lyncdiscover.contoso.com', { dnsNames: [], subjectCN: '' }, false],
];
for (const [label, host, over, cnCovers] of P013) {
  test(`LD-TLS-013 ${label} → ${cnCovers === null ? 'pass' : 'warning'}`, () => {
    const leaf = tlsCert(over);
    const p = tlsProbe({ host, chain: [leaf] });
    const f = noSubjectAltName.evaluate(snap([p]), env);
    if (cnCovers === null) return assert.deepEqual(f, []);
    assert.equal(f.length, 1);
    assert.equal(sev(noSubjectAltName, f[0]!), 'warning');
    assert.ok(f[0]!.message.includes(`its name is only in the subject CN (${leaf.subjectCN || 'empty'}). Lync/Skype for Business on Windows (Schannel) still matches the CN${cnCovers ? ', so the Windows client accepts it' : ', which does not cover this host either'}`), f[0]!.message);
    assert.deepEqual(f[0]!.evidence, [...leafEvidence(p, leaf), E('subject CN', leaf.subjectCN || '(none)'), E('CN covers the host', cnCovers ? 'yes' : 'no')]);
  });
}
