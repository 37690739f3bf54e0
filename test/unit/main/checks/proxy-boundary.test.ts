// Boundary tables for the proxy checks LD-PROXY-001…009: each condition on both sides, with severity
// and evidence. Rules from README "Network path" and the articles (SFB-KI-023…028, KB4025058).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { authenticatingProxy, directSipFirst, exchangeBlocked, filePac, pacBroken, pacServedAsPac, proxyAuthNoDigest, proxyFailsLync, tlsInterception, wininetUsesProxy, wininetWinhttpMismatch } from '../../../../main/checks/proxy';
import type { Check, FindingDraft } from '../../../../main/checks/types';
import type { EndpointRole, PacReading, ProxyProbe, ProxySection, WinInetSettings } from '../../../../main/model/proxy';
import type { TlsProbe } from '../../../../main/model/tls';
import { ok, proxyData, proxyProbe, route, tlsProbe, wininet, winhttp } from '../../../helpers/network-snapshot';
import { baseSnapshot, NOW } from '../../../helpers/snapshot';

const env = { now: NOW };
const sev = (c: Check, d: FindingDraft) => d.severity ?? c.severity;
const probes = (list: ProxyProbe[], status: 'ok' | 'timeout' | 'partial' | 'error' = 'ok') => baseSnapshot({ proxyAuth: { status, message: 'm', durationMs: 1, data: { probes: list } } as never });
const E = (label: string, value: string) => ({ label, value });

test('default severities of the proxy family', () => {
  assert.deepEqual([authenticatingProxy, proxyAuthNoDigest, filePac, wininetWinhttpMismatch, directSipFirst, exchangeBlocked, pacBroken, tlsInterception, proxyFailsLync].map((c) => c.severity), ['warning', 'warning', 'warning', 'warning', 'warning', 'warning', 'error', 'error', 'warning']);
});

// ---- LD-PROXY-001: 407 for any Lync role (not Exchange/Office 365 route-only roles) ----
const P001: ReadonlyArray<readonly [string, Partial<ProxyProbe>, boolean]> = [
  ['407 for lyncdiscover', { outcome: 'auth-required', status: 407, statusText: 'Proxy Authentication Required', authSchemes: ['NTLM', 'Negotiate'] }, true],
  ['407 for sip (5061)', { outcome: 'auth-required', roles: ['sip'], target: 'sip.contoso.com:5061', status: 407, statusText: 'Proxy Authentication Required', authSchemes: ['Basic'] }, true],
  ['407 for a host with Lync and Exchange roles', { outcome: 'auth-required', roles: ['exchange-autodiscover', 'web-services'], status: 407, statusText: 'Proxy Authentication Required', authSchemes: [] }, true],
  ['407 for Exchange autodiscover only', { outcome: 'auth-required', roles: ['exchange-autodiscover'] }, false],
  ['407 for Office 365 sign-in only', { outcome: 'auth-required', roles: ['office365'] }, false],
  ['tunnel', {}, false],
  ['refused', { outcome: 'refused', status: 403 }, false],
];
for (const [label, over, fires] of P001) {
  test(`LD-PROXY-001 ${label} → ${fires ? 'warning' : 'pass'}`, () => {
    const p = proxyProbe(over);
    const f = authenticatingProxy.evaluate(probes([p]), env);
    if (!fires) return assert.deepEqual(f, []);
    assert.equal(f.length, 1);
    assert.equal(sev(authenticatingProxy, f[0]!), 'warning');
    const schemes = p.authSchemes.join(', ');
    assert.ok(f[0]!.message.startsWith(`Proxy proxy.contoso.com:8080 answers 407 Proxy Authentication Required (offering ${schemes || 'no scheme'}) for ${p.target}.`), f[0]!.message);
    assert.deepEqual(f[0]!.evidence, [E('proxy', 'proxy.contoso.com:8080'), E('Proxy-Authenticate schemes', schemes || '(none)'), E(`CONNECT ${p.target}`, `${p.status} ${p.statusText}`)]);
  });
}

test('LD-PROXY-001 one finding per proxy, schemes merged without duplicates; partial (timeout) data counts, error data does not', () => {
  const a = proxyProbe({ outcome: 'auth-required', authSchemes: ['NTLM'], target: 'a.contoso.com:443' });
  const b = proxyProbe({ outcome: 'auth-required', authSchemes: ['NTLM', 'Basic'], target: 'b.contoso.com:443' });
  const c = proxyProbe({ outcome: 'auth-required', proxy: 'other:3128', authSchemes: ['Digest'] });
  const f = authenticatingProxy.evaluate(probes([a, b, c]), env);
  assert.equal(f.length, 2);
  assert.equal(f[0]!.evidence[1]!.value, 'NTLM, Basic');
  assert.ok(f[0]!.message.includes('for a.contoso.com:443, b.contoso.com:443.'));
  assert.equal(authenticatingProxy.evaluate(probes([a], 'timeout'), env).length, 1);
  // partial: DNS could not be asked for some name; a 407 needs no DNS to stand
  assert.equal(authenticatingProxy.evaluate(probes([a], 'partial'), env).length, 1);
  assert.deepEqual(authenticatingProxy.evaluate(probes([a], 'error'), env), []);
  assert.deepEqual(authenticatingProxy.evaluate(baseSnapshot(), env), []);
});

test('partial proxyAuth section (the collector could not ask DNS for a name): probes count, refusals there are still not blamed on the proxy', () => {
  const refused = proxyProbe({ outcome: 'refused', status: 403, directDns: 'could-not-ask', target: 'a.contoso.com:443' });
  const silent = proxyProbe({ outcome: 'timeout', status: null, directDns: 'could-not-ask', target: 'b.contoso.com:443' });
  assert.deepEqual(proxyFailsLync.evaluate(probes([refused], 'partial'), env), []);
  assert.equal(proxyFailsLync.evaluate(probes([refused, silent], 'partial'), env).length, 1);
  assert.deepEqual(exchangeBlocked.evaluate(probes([proxyProbe({ ...refused, roles: ['exchange-autodiscover'] })], 'partial'), env), []);
});

// ---- LD-PROXY-002: 407 on a mobile role without Digest ----
const P002: ReadonlyArray<readonly [string, EndpointRole[], string[], boolean]> = [
  ['lyncdiscover, NTLM + Negotiate', ['lyncdiscover'], ['NTLM', 'Negotiate'], true],
  ['lyncdiscoverinternal, Basic', ['lyncdiscoverinternal'], ['Basic'], true],
  ['web services, no scheme', ['web-services'], [], true],
  ['lyncdiscover, Digest offered', ['lyncdiscover'], ['NTLM', 'Digest'], false],
  ['lyncdiscover, digest (lower case) offered', ['lyncdiscover'], ['digest'], false],
  ['sip only (not a mobile role), NTLM', ['sip'], ['NTLM'], false],
  ['Exchange only, NTLM', ['exchange-autodiscover'], ['NTLM'], false],
];
for (const [label, roles, schemes, fires] of P002) {
  test(`LD-PROXY-002 ${label} → ${fires ? 'warning' : 'pass'}`, () => {
    const f = proxyAuthNoDigest.evaluate(probes([proxyProbe({ outcome: 'auth-required', roles, authSchemes: schemes })]), env);
    if (!fires) return assert.deepEqual(f, []);
    assert.equal(f.length, 1);
    assert.equal(sev(proxyAuthNoDigest, f[0]!), 'warning');
    assert.ok(f[0]!.message.includes(`and offers only ${schemes.join(', ') || 'no scheme'};`), f[0]!.message);
    assert.deepEqual(f[0]!.evidence, [E('proxy', 'proxy.contoso.com:8080'), E('schemes offered', schemes.join(', ') || '(none)'), E('expected', 'Digest, or no authentication for lyncdiscover and web services')]);
  });
}
test('LD-PROXY-002 needs a 407: a tunnel on lyncdiscover passes', () => {
  assert.deepEqual(proxyAuthNoDigest.evaluate(probes([proxyProbe({ roles: ['lyncdiscover'], authSchemes: ['NTLM'] })]), env), []);
});

// ---- LD-PROXY-003: file-based AutoConfigURL; error only for Office 365 + WinHTTP direct ----
const o365 = route('login.microsoftonline.com', 443, { roles: ['office365'] });
const P003: ReadonlyArray<readonly [string, string | null, Partial<ProxySection>, null | readonly ['warning' | 'error', string, string]]> = [
  ['file:// URL, WinHTTP direct', 'file://C:/proxy/proxy.pac', { winhttp: winhttp() }, ['warning', 'direct access (no proxy server)', 'no']],
  ['file:// URL, WinHTTP direct, Office 365 domain', 'file://C:/proxy/proxy.pac', { winhttp: winhttp(), routes: [o365] }, ['error', 'direct access (no proxy server)', 'yes']],
  ['file:// URL, WinHTTP proxy, Office 365 domain', 'file://C:/proxy/proxy.pac', { winhttp: winhttp({ direct: false, proxyServer: 'p:8080' }), routes: [o365] }, ['warning', 'proxy p:8080', 'yes']],
  ['file:// URL, WinHTTP not read, Office 365 domain', 'file://C:/proxy/proxy.pac', { winhttp: null, routes: [o365] }, ['warning', 'not read', 'yes']],
  ['FILE:/// upper case', 'FILE:///C:/p.pac', { winhttp: winhttp() }, ['warning', 'direct access (no proxy server)', 'no']],
  ['drive path C:\\', 'C:\\proxy\\proxy.pac', { winhttp: winhttp() }, ['warning', 'direct access (no proxy server)', 'no']],
  ['UNC path', '\\\\fs01\\share\\proxy.pac', { winhttp: winhttp({ outcome: 'access-denied' }) }, ['warning', 'not read', 'no']],
  ['http URL', 'http://wpad.contoso.com/proxy.pac', { winhttp: winhttp() }, null],
  ['https URL', 'https://wpad.contoso.com/proxy.pac', { winhttp: winhttp() }, null],
  ['no AutoConfigURL', null, { winhttp: winhttp() }, null],
];
for (const [label, url, over, want] of P003) {
  test(`LD-PROXY-003 ${label} → ${want ? want[0] : 'pass'}`, () => {
    const s = baseSnapshot({ proxy: ok<'proxy'>(proxyData({ wininet: wininet({ autoConfigUrl: url }), ...over })) });
    const f = filePac.evaluate(s, env);
    if (!want) return assert.deepEqual(f, []);
    assert.equal(f.length, 1);
    assert.equal(sev(filePac, f[0]!), want[0]);
    assert.deepEqual(f[0]!.evidence, [E('AutoConfigURL', url!), E('WinHTTP', want[1]), E('Office 365 domain', want[2])]);
    assert.ok(f[0]!.message.includes(`and goes ${want[1]}`), f[0]!.message);
    assert.equal(f[0]!.message.includes('homed in Office 365'), want[2] === 'yes');
  });
}
test('LD-PROXY-003 ignores WinINET that could not be read, and an unusable proxy section', () => {
  assert.deepEqual(filePac.evaluate(baseSnapshot({ proxy: ok<'proxy'>(proxyData({ wininet: wininet({ outcome: 'error', autoConfigUrl: 'file://x.pac' }) })) }), env), []);
  assert.deepEqual(filePac.evaluate(baseSnapshot({ proxy: { status: 'error', message: 'x', durationMs: 1, data: proxyData({ wininet: wininet({ autoConfigUrl: 'file://x.pac' }) }) } }), env), []);
  assert.equal(filePac.evaluate(baseSnapshot({ proxy: { status: 'timeout', message: 'x', durationMs: 1, data: proxyData({ wininet: wininet({ autoConfigUrl: 'file://x.pac' }) }) } }), env).length, 1);
});

// ---- LD-PROXY-004 (and wininetUsesProxy): user proxy vs machine proxy ----
const W: ReadonlyArray<readonly [string, Partial<WinInetSettings>, boolean, string]> = [
  ['static proxy enabled', { proxyEnable: true, proxyServer: 'p:8080', servers: [{ scheme: 'all', host: 'p', port: 8080 }] }, true, 'ProxyServer p:8080'],
  ['proxy enabled but no server', { proxyEnable: true, proxyServer: '', servers: [] }, false, 'no proxy (direct)'],
  ['server listed but ProxyEnable 0', { proxyEnable: false, proxyServer: 'p:8080', servers: [{ scheme: 'all', host: 'p', port: 8080 }] }, false, 'no proxy (direct)'],
  ['PAC URL', { autoConfigUrl: 'http://wpad/proxy.pac' }, true, 'AutoConfigURL http://wpad/proxy.pac'],
  ['auto-detect only (no WPAD guaranteed)', { autoDetect: true }, false, 'auto-detect on'],
  ['PAC + auto-detect', { autoConfigUrl: 'http://wpad/proxy.pac', autoDetect: true }, true, 'AutoConfigURL http://wpad/proxy.pac; auto-detect on'],
  ['nothing', {}, false, 'no proxy (direct)'],
];
for (const [label, over, uses, text] of W) {
  for (const machineDirect of [true, false]) {
    const fires = uses === machineDirect;
    test(`LD-PROXY-004 WinINET ${label}, WinHTTP ${machineDirect ? 'direct' : 'proxy'} → ${fires ? 'warning' : 'pass'}`, () => {
      assert.equal(wininetUsesProxy(wininet(over)), uses);
      const h = machineDirect ? winhttp() : winhttp({ direct: false, proxyServer: 'm:3128' });
      const f = wininetWinhttpMismatch.evaluate(baseSnapshot({ proxy: ok<'proxy'>(proxyData({ wininet: wininet(over), winhttp: h })) }), env);
      if (!fires) return assert.deepEqual(f, []);
      assert.equal(f.length, 1);
      assert.equal(sev(wininetWinhttpMismatch, f[0]!), 'warning');
      assert.deepEqual(f[0]!.evidence, [E('WinINET (Internet Options)', text), E('WinHTTP (netsh winhttp show proxy)', machineDirect ? 'direct access (no proxy server)' : 'proxy m:3128')]);
      assert.ok(f[0]!.message.startsWith(uses ? 'Internet Options send traffic to a proxy' : 'WinHTTP uses proxy m:3128 while Internet Options are direct'), f[0]!.message);
    });
  }
}
test('LD-PROXY-004 needs both readings ok', () => {
  const w = wininet({ autoConfigUrl: 'http://wpad/proxy.pac' });
  for (const d of [proxyData({ wininet: w }), proxyData({ winhttp: winhttp() }), proxyData({ wininet: { ...w, outcome: 'error' }, winhttp: winhttp() }), proxyData({ wininet: w, winhttp: winhttp({ outcome: 'access-denied' }) })]) assert.deepEqual(wininetWinhttpMismatch.evaluate(baseSnapshot({ proxy: ok<'proxy'>(d) }), env), []);
  assert.equal(wininetUsesProxy(null), false);
  assert.equal(wininetUsesProxy({ ...w, outcome: 'error' }), false);
});

// ---- LD-PROXY-005: proxy configured, direct SIP blocked, EnableDetectProxyForAllConnections not 1 ----
const pacW = wininet({ autoConfigUrl: 'http://wpad/proxy.pac' });
const sipBlocked = (over: Partial<TlsProbe> = {}) => tlsProbe({ host: 'sip.contoso.com', port: 443, roles: ['sip'], outcome: 'timeout', message: 'no answer in 3 s', ...over });
const P005: ReadonlyArray<readonly [string, WinInetSettings, TlsProbe[], boolean]> = [
  ['PAC, value unset, direct SIP times out', pacW, [sipBlocked()], true],
  ['PAC, value 0, direct SIP refused', wininet({ autoConfigUrl: 'http://wpad/proxy.pac', enableDetectProxyForAllConnections: 0 }), [sipBlocked({ outcome: 'refused' })], true],
  ['PAC, value 2, unreachable', wininet({ autoConfigUrl: 'http://wpad/proxy.pac', enableDetectProxyForAllConnections: 2 }), [sipBlocked({ outcome: 'unreachable' })], true],
  ['PAC, value unset, SRV target reset', pacW, [sipBlocked({ roles: ['sip-srv'], outcome: 'reset' })], true],
  ['PAC, value unset, internal SRV target blocked', pacW, [sipBlocked({ roles: ['sipinternal-srv'] })], true],
  ['PAC, value 1', wininet({ autoConfigUrl: 'http://wpad/proxy.pac', enableDetectProxyForAllConnections: 1 }), [sipBlocked()], false],
  ['PAC, direct SIP fine', pacW, [sipBlocked({ outcome: 'ok' })], false],
  ['PAC, SIP blocked but probed through the proxy', pacW, [sipBlocked({ via: 'proxy.contoso.com:8080' })], false],
  ['PAC, only lyncdiscover (not SIP) blocked', pacW, [sipBlocked({ roles: ['lyncdiscover'] })], false],
  ['PAC, federation SRV blocked (not a sign-in role)', pacW, [sipBlocked({ roles: ['federation-srv'] })], false],
  ['PAC, SIP TLS handshake failed (not a blocked path)', pacW, [sipBlocked({ outcome: 'tls-failed' as TlsProbe['outcome'] })], false],
  ['no proxy configured', wininet(), [sipBlocked()], false],
];
for (const [label, w, tls, fires] of P005) {
  test(`LD-PROXY-005 ${label} → ${fires ? 'warning' : 'pass'}`, () => {
    const s = baseSnapshot({ proxy: ok<'proxy'>(proxyData({ wininet: w })), tls: ok<'tls'>({ probes: tls } as never) });
    const f = directSipFirst.evaluate(s, env);
    if (!fires) return assert.deepEqual(f, []);
    assert.equal(f.length, 1);
    assert.equal(sev(directSipFirst, f[0]!), 'warning');
    const p = tls[0]!;
    assert.deepEqual(f[0]!.evidence, [E('EnableDetectProxyForAllConnections', String(w.enableDetectProxyForAllConnections ?? 'absent')), E(`direct ${p.host}:${p.port}`, `${p.outcome}: ${p.message}`)]);
    assert.ok(f[0]!.message.includes(`(sip.contoso.com:443 ${p.outcome})`), f[0]!.message);
    assert.ok(f[0]!.message.includes(`EnableDetectProxyForAllConnections is ${w.enableDetectProxyForAllConnections ?? 'not set'};`), f[0]!.message);
  });
}
test('LD-PROXY-005 needs proxy and TLS data', () => {
  assert.deepEqual(directSipFirst.evaluate(baseSnapshot({ proxy: ok<'proxy'>(proxyData({ wininet: pacW })) }), env), []);
  assert.deepEqual(directSipFirst.evaluate(baseSnapshot({ tls: ok<'tls'>({ probes: [sipBlocked()] } as never) }), env), []);
});

// ---- LD-PROXY-006: Exchange autodiscover not tunnelled; blamed on the proxy only when the name resolves directly (issue 12) ----
const P006: ReadonlyArray<readonly [string, Partial<ProxyProbe>, string | null]> = [
  ['407 with schemes, resolves', { outcome: 'auth-required', status: 407, authSchemes: ['NTLM'], directDns: 'resolves' }, '(auth-required 407, offers NTLM)'],
  ['refused 403, resolves', { outcome: 'refused', status: 403, directDns: 'resolves' }, '(refused 403)'],
  ['timeout, no status, resolves', { outcome: 'timeout', status: null, directDns: 'resolves' }, '(timeout)'],
  ['refused 500 with a squid error code, resolves', { outcome: 'refused', status: 500, directDns: 'resolves', proxyError: 'ERR_CONNECT_FAIL 111' }, '(refused 500)'],
  ['refused 500, NXDOMAIN (no proxy can forward to it)', { outcome: 'refused', status: 500, directDns: 'nxdomain', proxyError: 'ERR_CANNOT_FORWARD 0' }, null],
  ['refused 403, NODATA', { outcome: 'refused', status: 403, directDns: 'nodata' }, null],
  ['refused 403, DNS could not be asked', { outcome: 'refused', status: 403, directDns: 'could-not-ask' }, null],
  ['timeout, DNS could not be asked', { outcome: 'timeout', status: null, directDns: 'could-not-ask' }, null],
  ['refused 403, DNS not recorded (older bundle)', { outcome: 'refused', status: 403 }, null],
  ['tunnel, resolves', { outcome: 'tunnel', directDns: 'resolves' }, null],
];
for (const [label, over, frag] of P006) {
  test(`LD-PROXY-006 Exchange autodiscover ${label} → ${frag ? 'warning' : 'pass'}`, () => {
    const p = proxyProbe({ roles: ['exchange-autodiscover'], target: 'autodiscover.contoso.com:443', message: 'HTTP/1.1 answer', ...over });
    const f = exchangeBlocked.evaluate(probes([p]), env);
    if (!frag) return assert.deepEqual(f, []);
    assert.equal(f.length, 1);
    assert.equal(sev(exchangeBlocked, f[0]!), 'warning');
    assert.ok(f[0]!.message.startsWith(`CONNECT autodiscover.contoso.com:443 through proxy proxy.contoso.com:8080 did not open a tunnel ${frag} although the name resolves directly;`), f[0]!.message);
    assert.deepEqual(f[0]!.evidence, [E('proxy', 'proxy.contoso.com:8080'), E('target', 'autodiscover.contoso.com:443'), E('answer', 'HTTP/1.1 answer'), E('direct DNS', 'resolves'), ...(over.proxyError ? [E('proxy error code', over.proxyError)] : [])]);
  });
}
test('LD-PROXY-006 only the Exchange role counts', () => {
  assert.deepEqual(exchangeBlocked.evaluate(probes([proxyProbe({ outcome: 'refused', roles: ['lyncdiscover'], directDns: 'resolves' })]), env), []);
});

// ---- LD-PROXY-007: PAC unusable / wrong MIME / FindProxyForURL errors; warning when from --proxy-pac ----
const pac = (over: Partial<PacReading> = {}): PacReading => ({ source: 'http://wpad.contoso.com/proxy.pac', origin: 'wininet', scheme: 'http', outcome: 'ok', message: 'ok', bytes: 100, sha256: null, httpStatus: 200, contentType: 'application/x-ns-proxy-autoconfig', durationMs: 1, ...over });
const errRoute = route('sip.contoso.com', 443, { url: 'https://sip.contoso.com/', candidates: [{ kind: 'error', reason: 'ReferenceError: x is not defined' }] });
const P007: ReadonlyArray<readonly [string, PacReading, Array<ReturnType<typeof route>>, Array<readonly ['error' | 'warning', string]>]> = [
  ['fetch failed, from the PC', pac({ outcome: 'fetch-failed', httpStatus: 404, message: 'HTTP 404' }), [], [['error', 'is unusable (fetch-failed): HTTP 404.']]],
  ['fetch failed, from --proxy-pac', pac({ origin: 'cli', outcome: 'fetch-failed', httpStatus: null, message: 'refused' }), [], [['warning', 'is unusable (fetch-failed): refused.']]],
  ['ok, right MIME type, no route errors', pac(), [route('a.contoso.com', 443)], []],
  ['ok, .pac name but text/plain', pac({ contentType: 'text/plain' }), [], []],
  ['ok, .dat name', pac({ source: 'http://wpad/wpad.dat', contentType: 'text/plain' }), [], []],
  ['ok, .js?query name', pac({ source: 'http://wpad/proxy.js?v=2', contentType: undefined }), [], []],
  ['ok, no extension, text/plain', pac({ source: 'http://wpad/proxy', contentType: 'text/plain' }), [], [['warning', 'is served as "text/plain" under a name without a .pac/.dat/.js/.jvs extension']]],
  ['ok, no extension, no Content-Type', pac({ source: 'http://wpad/proxy', contentType: undefined }), [], [['warning', 'is served as "no Content-Type"']]],
  ['ok, no extension, MIME type with charset', pac({ source: 'http://wpad/proxy', contentType: 'Application/X-NS-Proxy-Autoconfig; charset=utf-8' }), [], []],
  ['ok, file on disk without extension', pac({ source: '/etc/proxy', scheme: 'file', contentType: undefined }), [], []],
  ['ok, one route fails, from the PC', pac(), [errRoute, route('a.contoso.com', 443)], [['error', 'FindProxyForURL fails for 1 endpoint(s)']]],
  ['ok, one route fails, from --proxy-pac', pac({ origin: 'cli' }), [errRoute], [['warning', 'FindProxyForURL fails for 1 endpoint(s)']]],
  ['ok, wrong MIME and a route fails', pac({ source: 'http://wpad/proxy', contentType: 'text/html' }), [errRoute], [['warning', 'is served as "text/html"'], ['error', 'FindProxyForURL fails for 1 endpoint(s)']]],
];
for (const [label, reading, routes, want] of P007) {
  test(`LD-PROXY-007 ${label} → ${want.map((w) => w[0]).join('+') || 'pass'}`, () => {
    const f = pacBroken.evaluate(baseSnapshot({ proxy: ok<'proxy'>(proxyData({ pac: reading, routes })) }), env);
    assert.deepEqual(f.map((d) => sev(pacBroken, d)), want.map((w) => w[0]));
    want.forEach(([, frag], i) => assert.ok(f[i]!.message.includes(frag), f[i]!.message));
    if (reading.outcome !== 'ok') {
      assert.deepEqual(f[0]!.evidence, [E('PAC', reading.source), E('configured by', reading.origin === 'cli' ? '--proxy-pac' : 'Internet Options AutoConfigURL'), E('outcome', reading.outcome), ...(reading.httpStatus ? [E('HTTP status', String(reading.httpStatus))] : [])]);
    }
    const last = f.at(-1);
    if (last && last.message.includes('FindProxyForURL fails')) assert.deepEqual(last.evidence, [E('https://sip.contoso.com/', 'ReferenceError: x is not defined')]);
  });
}
test('LD-PROXY-007 and pacServedAsPac: no PAC, no finding; the extension rule', () => {
  assert.deepEqual(pacBroken.evaluate(baseSnapshot({ proxy: ok<'proxy'>(proxyData()) }), env), []);
  assert.deepEqual(['http://a/p.PAC', 'http://a/p.jvs#x', 'http://a/p.js', 'http://a/p.dat'].map((s) => pacServedAsPac(s, undefined)), [true, true, true, true]);
  assert.deepEqual(['http://a/p.pac.txt', 'http://a/pac', 'http://a/p.json'].map((s) => pacServedAsPac(s, 'text/plain')), [false, false, false]);
});

// ---- LD-PROXY-008: interception detected with both leaves ----
const leaf = (issuer: string, sha: string) => ({ subject: 'CN=lyncdiscover.contoso.com', issuer, sha256: sha });
const P008: ReadonlyArray<readonly [string, Partial<ProxyProbe>, boolean]> = [
  ['detected, both leaves', { interception: 'detected', proxiedLeaf: leaf('CN=Proxy CA', 'AA'), directLeaf: leaf('CN=Contoso CA', 'BB') }, true],
  ['detected, direct leaf unknown', { interception: 'detected', proxiedLeaf: leaf('CN=Proxy CA', 'AA') }, false],
  ['unknown', { interception: 'unknown', proxiedLeaf: leaf('CN=Proxy CA', 'AA'), directLeaf: leaf('CN=Contoso CA', 'BB') }, false],
  ['none', { interception: 'none', proxiedLeaf: leaf('CN=Contoso CA', 'BB'), directLeaf: leaf('CN=Contoso CA', 'BB') }, false],
];
for (const [label, over, fires] of P008) {
  test(`LD-PROXY-008 ${label} → ${fires ? 'error' : 'pass'}`, () => {
    const f = tlsInterception.evaluate(probes([proxyProbe(over)]), env);
    if (!fires) return assert.deepEqual(f, []);
    assert.equal(f.length, 1);
    assert.equal(sev(tlsInterception, f[0]!), 'error');
    assert.ok(f[0]!.message.includes('presents a certificate issued by CN=Proxy CA, but directly the server presents one issued by CN=Contoso CA'));
    assert.deepEqual(f[0]!.evidence, [E('proxy', 'proxy.contoso.com:8080'), E('through the proxy', 'CN=lyncdiscover.contoso.com / issuer CN=Proxy CA / SHA-256 AA'), E('direct', 'CN=lyncdiscover.contoso.com / issuer CN=Contoso CA / SHA-256 BB')]);
  });
}

// ---- LD-PROXY-009: proxy does not carry Lync traffic; error when no Lync endpoint gets through ----
// A refusal counts only when the name resolves directly (issue 12); no answer / not HTTP counts whatever DNS says.
const R = 'resolves' as const;
const P009: ReadonlyArray<readonly [string, ProxyProbe[], null | 'warning' | 'error']> = [
  ['all Lync probes refused (resolves) or not HTTP', [proxyProbe({ outcome: 'refused', status: 403, directDns: R }), proxyProbe({ outcome: 'not-http', status: null, target: 'sip.contoso.com:5061', roles: ['sip'] })], 'error'],
  ['one of two refused (resolves)', [proxyProbe({ outcome: 'refused', status: 403, directDns: R }), proxyProbe({ target: 'sip.contoso.com:443', roles: ['sip'] })], 'warning'],
  ['one refused (resolves), one 407 (not carried either, but LD-PROXY-001)', [proxyProbe({ outcome: 'refused', status: 403, directDns: R }), proxyProbe({ outcome: 'auth-required', roles: ['sip'] })], 'warning'],
  ['refused, name does not resolve (NXDOMAIN)', [proxyProbe({ outcome: 'refused', status: 500, directDns: 'nxdomain', proxyError: 'ERR_CANNOT_FORWARD 0' })], null],
  ['refused, no record of the type (NODATA)', [proxyProbe({ outcome: 'refused', status: 403, directDns: 'nodata' })], null],
  ['refused, DNS could not be asked', [proxyProbe({ outcome: 'refused', status: 403, directDns: 'could-not-ask' })], null],
  ['refused, DNS not recorded (older bundle)', [proxyProbe({ outcome: 'refused', status: 403 })], null],
  ['one refused (resolves), one refused (NXDOMAIN): only the first is the proxy\'s, and not all fail', [proxyProbe({ outcome: 'refused', status: 403, directDns: R }), proxyProbe({ outcome: 'refused', status: 500, target: 'sip.contoso.com:443', roles: ['sip'], directDns: 'nxdomain' })], 'warning'],
  ['timeout, DNS could not be asked', [proxyProbe({ outcome: 'timeout', status: null, directDns: 'could-not-ask' })], 'error'],
  ['unreachable, NXDOMAIN', [proxyProbe({ outcome: 'unreachable', status: null, directDns: 'nxdomain' })], 'error'],
  ['error', [proxyProbe({ outcome: 'error', status: null })], 'error'],
  ['not HTTP, DNS not recorded', [proxyProbe({ outcome: 'not-http', status: null })], 'error'],
  ['Exchange only refused (route-only role)', [proxyProbe({ outcome: 'refused', roles: ['exchange-autodiscover'], directDns: R })], null],
  ['Office 365 only timed out (route-only role)', [proxyProbe({ outcome: 'timeout', status: null, roles: ['office365'] })], null],
  ['tunnel', [proxyProbe({ directDns: R })], null],
  ['407 only', [proxyProbe({ outcome: 'auth-required', directDns: R })], null],
];
const counted = (p: ProxyProbe) => ['not-http', 'unreachable', 'timeout', 'error'].includes(p.outcome) || (p.outcome === 'refused' && p.directDns === 'resolves');
for (const [label, list, want] of P009) {
  test(`LD-PROXY-009 ${label} → ${want ?? 'pass'}`, () => {
    const f = proxyFailsLync.evaluate(probes(list), env);
    if (!want) return assert.deepEqual(f, []);
    assert.equal(f.length, 1);
    assert.equal(sev(proxyFailsLync, f[0]!), want);
    assert.equal(f[0]!.message.includes('no Lync endpoint gets through the proxy'), want === 'error');
    const bad = list.filter(counted);
    assert.ok(f[0]!.message.startsWith(`Proxy proxy.contoso.com:8080 does not open a tunnel for ${bad.map((p) => `${p.target} (${p.outcome}${p.status ? ` ${p.status}` : ''})`).join(', ')}`), f[0]!.message);
    assert.deepEqual(f[0]!.evidence, bad.map((p) => E(`CONNECT ${p.target}`, p.message)));
  });
}

test('proxy details: mixed roles, every SIP role, several blocked endpoints, partial TLS data, messages end to end', () => {
  // LD-PROXY-002: a host that is both lyncdiscover and sip still counts (some role is mobile); the targets are named
  const [m] = proxyAuthNoDigest.evaluate(probes([proxyProbe({ outcome: 'auth-required', roles: ['sip', 'lyncdiscover'], authSchemes: ['NTLM'] })]), env);
  assert.ok(m!.message.startsWith('Proxy proxy.contoso.com:8080 demands authentication for lyncdiscover.contoso.com:443 and offers only NTLM;'), m!.message);
  // LD-PROXY-005: every SIP role, a mixed-role host, several blocked endpoints, a partial (timeout) TLS section
  for (const roles of [['sipexternal'], ['sipinternal'], ['lyncdiscover', 'sip']] as EndpointRole[][]) {
    assert.equal(directSipFirst.evaluate(baseSnapshot({ proxy: ok<'proxy'>(proxyData({ wininet: pacW })), tls: ok<'tls'>({ probes: [sipBlocked({ roles })] } as never) }), env).length, 1, roles.join());
  }
  const two = [sipBlocked(), sipBlocked({ host: 'sipexternal.contoso.com', roles: ['sipexternal'], outcome: 'refused' })];
  const [d] = directSipFirst.evaluate(baseSnapshot({ proxy: ok<'proxy'>(proxyData({ wininet: pacW })), tls: { status: 'timeout', message: 'm', durationMs: 1, data: { probes: two } } as never }), env);
  assert.ok(d!.message.includes('(sip.contoso.com:443 timeout, sipexternal.contoso.com:443 refused)'), d!.message);
  assert.deepEqual(directSipFirst.evaluate(baseSnapshot({ proxy: ok<'proxy'>(proxyData({ wininet: pacW })), tls: { status: 'error', message: 'm', durationMs: 1, data: { probes: two } } as never }), env), []);
  // LD-PROXY-003: only a URL that *starts* file-like; the message ends with the expectation
  const http = 'http://wpad.contoso.com/proxy.pac?file:1';
  assert.deepEqual(filePac.evaluate(baseSnapshot({ proxy: ok<'proxy'>(proxyData({ wininet: wininet({ autoConfigUrl: http }), winhttp: winhttp() })) }), env), []);
  const [fp] = filePac.evaluate(baseSnapshot({ proxy: ok<'proxy'>(proxyData({ wininet: wininet({ autoConfigUrl: 'file://C:/p.pac' }), winhttp: winhttp() })) }), env);
  assert.ok(fp!.message.endsWith('and goes direct access (no proxy server). Expected: the PAC published on http(s), or WPAD.'), fp!.message);
  // LD-PROXY-006: several schemes listed
  const [x] = exchangeBlocked.evaluate(probes([proxyProbe({ roles: ['exchange-autodiscover'], outcome: 'auth-required', status: 407, authSchemes: ['NTLM', 'Negotiate'], directDns: 'resolves' })]), env);
  assert.ok(x!.message.includes('(auth-required 407, offers NTLM, Negotiate) although the name resolves directly;'), x!.message);
  // LD-PROXY-007: MIME evidence; a route fails when any of its candidates is an error, the error's reason is shown
  const [mime] = pacBroken.evaluate(baseSnapshot({ proxy: ok<'proxy'>(proxyData({ pac: pac({ source: 'http://wpad/proxy', contentType: undefined }) })) }), env);
  assert.deepEqual(mime!.evidence, [E('PAC', 'http://wpad/proxy'), E('Content-Type', '(none)'), E('expected', 'application/x-ns-proxy-autoconfig, or a .pac/.dat/.js/.jvs file name')]);
  const mixed = route('sip.contoso.com', 443, { url: 'https://sip.contoso.com/', candidates: [{ kind: 'direct' }, { kind: 'error', reason: 'bad second entry' }] });
  const [r] = pacBroken.evaluate(baseSnapshot({ proxy: ok<'proxy'>(proxyData({ pac: pac(), routes: [mixed] })) }), env);
  assert.deepEqual(r!.evidence, [E('https://sip.contoso.com/', 'bad second entry')]);
  // LD-PROXY-009: the warning's message goes on after the list
  const [n] = proxyFailsLync.evaluate(probes([proxyProbe({ outcome: 'refused', status: 403, directDns: 'resolves' }), proxyProbe({ target: 'sip.contoso.com:443', roles: ['sip'] })]), env);
  assert.ok(n!.message.includes('for lyncdiscover.contoso.com:443 (refused 403). Proxies often allow CONNECT to port 443 only'), n!.message);
});
