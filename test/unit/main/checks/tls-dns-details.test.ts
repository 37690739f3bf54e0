// Details of the TLS and DNS findings the boundary tables leave open: whole messages, fallbacks for missing facts,
// plural forms, labels of the WinHTTP views, certificates at odd positions (a self-signed leaf is still judged).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lyncdiscoverMissing, noDiscoveryRecords } from '../../../../main/checks/dns';
import { collectionGaps } from '../../../../main/checks/gaps';
import { certificateExpiry, endpointUnreachable, legacyClientsLockedOut, lyncdiscoverNameMismatch, noTls12, privateRootForMobile, serverNameMismatch, untrustedChain, untrustedRoot, weakRsaKey, weakSignature, windows7WinHttpTls12 } from '../../../../main/checks/tls';
import type { WinHttpView } from '../../../../main/model/proxy';
import type { TlsProbe } from '../../../../main/model/tls';
import { ok, proxyData, tlsCert, tlsProbe, trusted, winhttp } from '../../../helpers/network-snapshot';
import { baseSnapshot, dnsSection, name, NOW } from '../../../helpers/snapshot';

const env = { now: NOW };
const E = (label: string, value: string) => ({ label, value });
const snap = (probes: TlsProbe[], extra: Parameters<typeof baseSnapshot>[1] = {}, sections: Parameters<typeof baseSnapshot>[0] = {}) =>
  baseSnapshot({ tls: ok<'tls'>({ trustStore: { sources: ['a', 'b'], anchors: 2, caFile: null }, probes }), ...sections }, extra);

test('LD-TLS-001 / 002 whole messages (the expected name, with the wildcard that would cover it)', () => {
  const [d] = lyncdiscoverNameMismatch.evaluate(snap([tlsProbe({ chain: [tlsCert({ dnsNames: ['webext.contoso.com'] })] })]), env);
  assert.equal(d!.message, 'The certificate presented for lyncdiscover.contoso.com names webext.contoso.com, which does not cover lyncdiscover.contoso.com; mobile and Lync 2013+ desktop autodiscover fail with a certificate error. Expected: lyncdiscover.contoso.com (or *.contoso.com) in the SAN.');
  const [s] = serverNameMismatch.evaluate(snap([tlsProbe({ host: 'pool.eu.contoso.com', roles: ['sip', 'web-services'], chain: [tlsCert({ dnsNames: [] , subjectCN: 'pool.contoso.com' })] })]), env);
  assert.equal(s!.message, 'The certificate presented for pool.eu.contoso.com (sip, web-services) names CN=pool.contoso.com, which does not cover pool.eu.contoso.com; the client shows the "cannot verify that the server is trusted for your sign-in address" prompt or refuses the connection. Expected: pool.eu.contoso.com in the SAN.');
});

test('LD-TLS-003 a chain certificate without a CN is named by its subject', () => {
  const ca = tlsCert({ subject: 'O=Contoso, C=SE', subjectCN: '', notAfter: new Date(NOW.getTime() - 1).toISOString() });
  const [f] = certificateExpiry.evaluate(snap([tlsProbe({ chain: [tlsCert(), ca] })]), env);
  assert.ok(f!.message.startsWith('The chain certificate 1 (O=Contoso, C=SE) of lyncdiscover.contoso.com:443 expired on'), f!.message);
});

test('LD-TLS-004 without a leaf or a path: no server-certificate line, "(none)" for the path; every trust store source listed', () => {
  const [f] = untrustedChain.evaluate(snap([tlsProbe({ chain: [], chainLength: 0, trust: trusted({ trusted: false, problem: 'unparsable', path: [], anchor: null, anchorSource: null }) })]), env);
  assert.deepEqual(f!.evidence, [E('endpoint', 'lyncdiscover.contoso.com:443'), E('path', '(none)'), E('certificates sent', '0'), E('trust store', 'a; b')]);
  assert.equal(f!.message, 'lyncdiscover.contoso.com:443: the server certificate cannot be read. Clients show "There was a problem verifying the certificate from the server".');
});

test('LD-TLS-005 two hosts: "chain" (plural), the distinct anchors listed once each', () => {
  const a = tlsProbe({ trust: trusted({ anchorSource: 'ca-file' }) });
  const b = tlsProbe({ host: 'webext.contoso.com', roles: ['web-services'], trust: trusted({ anchorSource: 'ca-file' }) });
  const c = tlsProbe({ host: 'meet.contoso.com', roles: ['web-services'], trust: trusted({ anchorSource: 'ca-file', anchor: 'CN=Other Root' }) });
  const [f] = privateRootForMobile.evaluate(snap([a, b, c]), env);
  assert.ok(f!.message.startsWith('lyncdiscover.contoso.com, webext.contoso.com, meet.contoso.com chain to CN=Contoso Root, CN=Other Root, a root trusted here only through --ca-file'), f!.message);
  assert.equal(f!.evidence.length, 3);
});

test('LD-TLS-006 TLS 1.3 only when legacy was not tested either', () => {
  const [f] = noTls12.evaluate(snap([tlsProbe({ tls12: 'no', tls13: 'yes', legacy: 'not-tested' })]), env);
  assert.ok(f!.message.startsWith('lyncdiscover.contoso.com:443 accepts only TLS 1.3;'), f!.message);
});

test('LD-TLS-007 labels: the view the client uses, with or without its bitness; an absent view is not judged', () => {
  const win7 = { host: { platform: 'win32' as const, release: '6.1.7601', arch: 'x64' } };
  const run = (w: ReturnType<typeof winhttp>) => windows7WinHttpTls12.evaluate(snap([tlsProbe()], win7, { proxy: ok<'proxy'>(proxyData({ winhttp: w })) }), env);
  const [a] = run(winhttp({ view: '32-bit', clientBitness: '32-bit', defaultSecureProtocols: 0x200 } as never));
  assert.deepEqual(a!.evidence[1], E('WinHTTP DefaultSecureProtocols (32-bit view, used by the 32-bit client)', '0x200'));
  const [b] = run(winhttp({ view: '64-bit', clientBitness: null, defaultSecureProtocols: null } as never));
  assert.deepEqual(b!.evidence[1], E('WinHTTP DefaultSecureProtocols (64-bit view)', 'absent'));
  const view = (v: '64-bit' | '32-bit', d: number | null, outcome: WinHttpView['outcome'] = 'ok'): WinHttpView => ({ view: v, keyPath: `K${v}`, outcome, message: 'm', direct: true, proxyServer: null, bypass: [], defaultSecureProtocols: d });
  // client bitness unknown, but the 32-bit view is absent (32-bit Windows): only the 64-bit view counts
  assert.deepEqual(run(winhttp({ view: '64-bit', clientBitness: null, views: [view('64-bit', 0x800), view('32-bit', null, 'absent')], defaultSecureProtocols: 0x800 } as never)), []);
});

test('LD-TLS-008 lists every endpoint; an unknown protocol is shown as "?"', () => {
  const [f] = legacyClientsLockedOut.evaluate(snap([tlsProbe({ protocol: null }), tlsProbe({ host: 'sip.contoso.com', port: 5061 })]), env);
  assert.ok(f!.message.startsWith('lyncdiscover.contoso.com:443, sip.contoso.com:5061 accept TLS 1.2 or later only.'), f!.message);
  assert.deepEqual(f!.evidence, [E('lyncdiscover.contoso.com:443', 'negotiated ?; TLS 1.0/1.1 refused'), E('sip.contoso.com:5061', 'negotiated TLSv1.3; TLS 1.0/1.1 refused')]);
});

test('LD-TLS-009 through a proxy: the endpoint says which proxy', () => {
  const [f] = endpointUnreachable.evaluate(snap([tlsProbe(), tlsProbe({ host: 'sip.contoso.com', via: 'proxy.contoso.com:8080', outcome: 'timeout', message: 'no answer', chain: [], trust: null })]), env);
  assert.deepEqual(f!.evidence[0], E('endpoint', 'sip.contoso.com:443 via proxy proxy.contoso.com:8080'));
  assert.equal(f!.message, 'sip.contoso.com:443 via proxy proxy.contoso.com:8080 (lyncdiscover): no answer.');
});

test('LD-TLS-010 fallbacks: a root neither sent nor named, an empty path', () => {
  const [f] = untrustedRoot.evaluate(snap([tlsProbe({ trust: trusted({ trusted: false, problem: 'untrusted-root', rootSent: false, path: [], anchor: null, anchorSource: null }) })]), env);
  // a root neither sent nor named reads as "a root" (was "issued by the root its root"), the evidence says it is not named
  assert.ok(f!.message.startsWith('lyncdiscover.contoso.com:443 sends its full chain up to its last intermediate, issued by a root, which is not'), f!.message);
  assert.deepEqual(f!.evidence.slice(1, 3), [E('path', ''), E('untrusted root', '(not named)')]);
  const [g] = untrustedRoot.evaluate(snap([tlsProbe({ trust: trusted({ trusted: false, problem: 'untrusted-root', path: [], anchor: null, anchorSource: null }) })]), env);
  assert.ok(g!.message.startsWith('lyncdiscover.contoso.com:443 sends a chain ending in a root, which is not'), g!.message);
});

test('LD-TLS-011 / 012 a self-signed leaf (position 0) is judged like any server certificate', () => {
  const leaf = tlsCert({ selfIssued: true, signatureAlgorithm: 'sha1WithRSAEncryption', keyBits: 1024 });
  assert.equal(weakSignature.evaluate(snap([tlsProbe({ chain: [leaf] })]), env).length, 1);
  assert.equal(weakRsaKey.evaluate(snap([tlsProbe({ chain: [leaf] })]), env).length, 1);
});

test('LD-DNS-001 evidence: the four discovery names and every SRV record, not sipexternal or SRV targets', () => {
  const names = ['lyncdiscoverinternal', 'lyncdiscover', 'sipinternal', 'sip', 'sipexternal'].map((r) => name(r as 'sip', `${r}.contoso.com`));
  const s = baseSnapshot({ dns: dnsSection({ names: [...names, name('srv-target', 'pool.contoso.com')], srv: [], queries: [] }) });
  const [f] = noDiscoveryRecords.evaluate(s, env);
  assert.deepEqual(f!.evidence.map((e) => e.label), ['lyncdiscoverinternal.contoso.com', 'lyncdiscover.contoso.com', 'sipinternal.contoso.com', 'sip.contoso.com']);
  assert.ok(f!.message.startsWith('The DNS server answered all 0 discovery queries for contoso.com'), f!.message);
});

test('LD-TLS-002 evidence with several roles and SAN names; the message names every SAN', () => {
  const leaf = tlsCert({ dnsNames: ['a.contoso.com', 'b.contoso.com'] });
  const [f] = serverNameMismatch.evaluate(snap([tlsProbe({ host: 'pool.contoso.com', roles: ['sip', 'web-services'], chain: [leaf] })]), env);
  assert.ok(f!.message.includes('names a.contoso.com, b.contoso.com, which does not cover'), f!.message);
  assert.deepEqual(f!.evidence.slice(1, 4), [E('roles', 'sip, web-services'), E('certificate subject', leaf.subject), E('SAN DNS names', 'a.contoso.com, b.contoso.com')]);
});

test('LD-DNS-002 finds lyncdiscover wherever it is in the list', () => {
  const s = baseSnapshot({ dns: dnsSection({ names: [name('sip', 'sip.contoso.com', ['192.0.2.1']), name('lyncdiscover', 'lyncdiscover.contoso.com', [], [], { outcome: 'nodata' })] }) });
  const [f] = lyncdiscoverMissing.evaluate(s, env);
  assert.deepEqual(f!.evidence, [E('lyncdiscover.contoso.com', 'nodata')]);
});

test('LD-TLS-005 a host with a mobile role among others counts; a probe without trust data does not; one intermediate anchor is enough for the wording', () => {
  const a = tlsProbe({ roles: ['sip', 'lyncdiscover'], trust: trusted({ anchorSource: 'ca-file', anchorIsRoot: true }) });
  const b = tlsProbe({ host: 'webext.contoso.com', roles: ['web-services'], trust: trusted({ anchorSource: 'ca-file', anchorIsRoot: false }) });
  const c = tlsProbe({ host: 'x.contoso.com', trust: null });
  const [f] = privateRootForMobile.evaluate(snap([c, a, b]), env);
  assert.ok(f!.message.startsWith('lyncdiscover.contoso.com, webext.contoso.com chain to CN=Contoso Root, a CA certificate (an intermediate, not a root) given with --ca-file'), f!.message);
});

test('LD-TLS-007 release must start with 6.1.; a proxy section without data; one view with unknown bitness keeps the main label; every refusing endpoint named', () => {
  const at = (release: string, sections: Parameters<typeof baseSnapshot>[0] = {}, probes = [tlsProbe()]) => windows7WinHttpTls12.evaluate(snap(probes, { host: { platform: 'win32', release, arch: 'x64' } }, sections), env);
  assert.deepEqual(at('16.1.2'), []);
  assert.equal(at('6.1.7601', { proxy: { status: 'error', message: 'm', durationMs: 1 } as never }).length, 1);
  const one: WinHttpView = { view: '64-bit', keyPath: 'K', outcome: 'ok', message: 'm', direct: true, proxyServer: null, bypass: [], defaultSecureProtocols: null };
  const [f] = at('6.1.7601', { proxy: ok<'proxy'>(proxyData({ winhttp: winhttp({ view: '64-bit', clientBitness: null, views: [one], defaultSecureProtocols: null } as never) })) }, [tlsProbe(), tlsProbe({ host: 'sip.contoso.com', port: 5061 })]);
  assert.deepEqual(f!.evidence[1], E('WinHTTP DefaultSecureProtocols (64-bit view)', 'absent'));
  assert.ok(f!.message.includes('; lyncdiscover.contoso.com:443, sip.contoso.com:5061 refuse TLS 1.0/1.1'), f!.message);
});

test('LD-TLS-009 without TLS data; two of three failing are two warnings; several roles named', () => {
  assert.deepEqual(endpointUnreachable.evaluate(baseSnapshot(), env), []);
  const bad = (host: string) => tlsProbe({ host, roles: ['sip', 'sip-srv'], outcome: 'refused', message: 'refused', chain: [], trust: null });
  const f = endpointUnreachable.evaluate(snap([tlsProbe(), bad('a.contoso.com'), bad('b.contoso.com')]), env);
  assert.deepEqual(f.map((x) => [x.severity, x.message]), [['warning', 'a.contoso.com:443 (sip, sip-srv): refused.'], ['warning', 'b.contoso.com:443 (sip, sip-srv): refused.']]);
  const [all] = endpointUnreachable.evaluate(snap([bad('a.contoso.com'), bad('b.contoso.com')]), env);
  assert.ok(all!.message.includes('a.contoso.com:443 (sip, sip-srv): refused; b.contoso.com:443 (sip, sip-srv): refused.'), all!.message);
});

test('LD-TLS-010 evidence in full, every trust store source', () => {
  const [f] = untrustedRoot.evaluate(snap([tlsProbe({ trust: trusted({ trusted: false, problem: 'untrusted-root', rootSent: true, path: ['CN=l', 'CN=R'], anchor: null, anchorSource: null }) })]), env);
  assert.deepEqual(f!.evidence, [E('endpoint', 'lyncdiscover.contoso.com:443'), E('path', 'CN=l → CN=R'), E('untrusted root', 'CN=R'), E('root sent by the server', 'yes'), E('trust store', 'a; b')]);
});

test('LD-GAP-001 a section key present without a result is skipped', () => {
  assert.deepEqual(collectionGaps(baseSnapshot({ sip: undefined, dns: { status: 'error', message: 'x', durationMs: 1 } } as never)).map((g) => g.section), ['dns']);
});

test('LD-DNS-002 a CNAME chain of several hops is shown hop by hop', () => {
  const s = baseSnapshot({ dns: dnsSection({ names: [name('lyncdiscover', 'lyncdiscover.contoso.com', [], ['a.contoso.net', 'b.contoso.net'], { outcome: 'nxdomain' }), name('sip', 'sip.contoso.com', ['192.0.2.1'])] }) });
  assert.deepEqual(lyncdiscoverMissing.evaluate(s, env)[0]!.evidence[1], E('CNAME chain', 'a.contoso.net → b.contoso.net'));
});

// LD-TLS-010's message against its article (knowledge/articles/server-certificate-untrusted-root.md): the chain is
// complete and "the server needs no change"; the fix is to deploy the root to Trusted Root Certification
// Authorities (group policy on a domain PC) or pass it with --ca-file when checking from another PC; the client
// symptom is "There was a problem verifying the certificate from the server". Both forms (root sent or not) say so.
for (const rootSent of [false, true]) {
  test(`LD-TLS-010 wording follows its article (root ${rootSent ? 'sent' : 'not sent'})`, () => {
    const path = rootSent ? ['CN=sip.fabrikam.com', 'CN=Fabrikam Issuing', 'CN=Fabrikam Root'] : ['CN=sip.fabrikam.com', 'CN=Fabrikam Issuing'];
    const [f] = untrustedRoot.evaluate(snap([tlsProbe({ host: 'sip.fabrikam.com', port: 5061, trust: trusted({ trusted: false, problem: 'untrusted-root', rootSent, path, anchor: null, anchorSource: null, ...(rootSent ? {} : { missingIssuer: 'CN=Fabrikam Root' }) }) })]), env);
    const m = f!.message;
    assert.ok(m.startsWith(rootSent ? 'sip.fabrikam.com:5061 sends a chain ending in the root CN=Fabrikam Root, which is not in this PC\'s trust store' : 'sip.fabrikam.com:5061 sends its full chain up to CN=Fabrikam Issuing, issued by the root CN=Fabrikam Root, which is not in this PC\'s trust store'), m);
    assert.match(m, /The chain is not incomplete and the server needs no change/);
    assert.match(m, /Trusted Root Certification Authorities \(on a domain PC through group policy\), or pass it with --ca-file/);
    assert.match(m, /Clients show "There was a problem verifying the certificate from the server"\.$/);
    assert.doesNotMatch(m, /its own root|the root its root/);
    assert.deepEqual(f!.evidence.slice(2, 4), [E('untrusted root', 'CN=Fabrikam Root'), E('root sent by the server', rootSent ? 'yes' : 'no')]);
  });
}
