import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  authenticatingProxy,
  directSipFirst,
  exchangeBlocked,
  filePac,
  pacBroken,
  pacServedAsPac,
  proxyAuthNoDigest,
  proxyFailsLync,
  tlsInterception,
  wininetWinhttpMismatch,
} from '../../../../main/checks/proxy';
import type { PacReading, ProxyProbe, ProxySection } from '../../../../main/model/proxy';
import type { TlsProbe } from '../../../../main/model/tls';
import { ok, proxyData, proxyProbe, route, tlsProbe, wininet, winhttp } from '../../../helpers/network-snapshot';
import { baseSnapshot, NOW } from '../../../helpers/snapshot';

const env = { now: NOW };
const withProbes = (probes: ProxyProbe[]) => baseSnapshot({ proxyAuth: ok<'proxyAuth'>({ probes }) });
const withProxy = (d: Partial<ProxySection>, tls: TlsProbe[] = []) => baseSnapshot({ proxy: ok<'proxy'>(proxyData(d)), tls: ok<'tls'>({ trustStore: { sources: [], anchors: 0, caFile: null }, probes: tls }) });
const pac = (over: Partial<PacReading>): PacReading => ({ source: 'http://wpad.contoso.com/proxy.pac', origin: 'wininet', scheme: 'http', outcome: 'ok', message: '', bytes: 10, sha256: null, httpStatus: 200, contentType: 'application/x-ns-proxy-autoconfig', durationMs: 1, ...over });

test('no sections: every proxy check is quiet', () => {
  for (const c of [authenticatingProxy, proxyAuthNoDigest, filePac, wininetWinhttpMismatch, directSipFirst, exchangeBlocked, pacBroken, tlsInterception, proxyFailsLync]) assert.deepEqual(c.evaluate(baseSnapshot(), env), [], c.id);
});

test('LD-PROXY-001: 407 for Lync endpoints fails; tunnels and Exchange-only 407 pass', () => {
  const bad = withProbes([proxyProbe({ outcome: 'auth-required', status: 407, statusText: 'Proxy Authentication Required', authSchemes: ['NTLM', 'Negotiate'] }), proxyProbe({ target: 'sip.contoso.com:443', roles: ['sip'], outcome: 'auth-required', status: 407, authSchemes: ['NTLM'] })]);
  const [f, ...rest] = authenticatingProxy.evaluate(bad, env);
  assert.equal(rest.length, 0, 'one finding per proxy');
  assert.match(f!.message, /lyncdiscover\.contoso\.com:443, sip\.contoso\.com:443/);
  assert.ok(f!.evidence.some((e) => e.label === 'Proxy-Authenticate schemes' && e.value === 'NTLM, Negotiate'));
  assert.deepEqual(authenticatingProxy.evaluate(withProbes([proxyProbe()]), env), []);
  assert.deepEqual(authenticatingProxy.evaluate(withProbes([proxyProbe({ roles: ['exchange-autodiscover'], outcome: 'auth-required', status: 407 })]), env), []);
});

test('LD-PROXY-002: NTLM/Negotiate-only 407 on lyncdiscover fails; Digest offered passes', () => {
  const [f] = proxyAuthNoDigest.evaluate(withProbes([proxyProbe({ outcome: 'auth-required', status: 407, authSchemes: ['NTLM', 'Negotiate'] })]), env);
  assert.match(f!.message, /Digest only/);
  assert.deepEqual(proxyAuthNoDigest.evaluate(withProbes([proxyProbe({ outcome: 'auth-required', status: 407, authSchemes: ['Negotiate', 'Digest'] })]), env), []);
  assert.deepEqual(proxyAuthNoDigest.evaluate(withProbes([proxyProbe({ roles: ['sip-srv'], outcome: 'auth-required', status: 407, authSchemes: ['NTLM'] })]), env), [], 'SIP endpoints are not mobile paths');
});

test('LD-PROXY-003: file:// AutoConfigURL fails (error for Office 365 + WinHTTP direct); http PAC passes', () => {
  const onPrem = filePac.evaluate(withProxy({ wininet: wininet({ autoConfigUrl: 'file://C:/pac/proxy.pac' }), winhttp: winhttp() }), env);
  assert.equal(onPrem.length, 1);
  assert.equal(onPrem[0]!.severity, 'warning');
  const online = filePac.evaluate(withProxy({ wininet: wininet({ autoConfigUrl: 'file://C:/pac/proxy.pac' }), winhttp: winhttp(), routes: [route('login.microsoftonline.com', 443, { roles: ['office365'] })] }), env);
  assert.equal(online[0]!.severity, 'error');
  assert.equal(filePac.evaluate(withProxy({ wininet: wininet({ autoConfigUrl: 'C:\\pac\\proxy.pac' }) }), env).length, 1, 'a bare path counts too');
  assert.deepEqual(filePac.evaluate(withProxy({ wininet: wininet({ autoConfigUrl: 'http://wpad/proxy.pac' }) }), env), []);
});

test('LD-PROXY-004: WinINET proxy vs WinHTTP direct (and the reverse) fail; agreeing settings pass', () => {
  const a = wininetWinhttpMismatch.evaluate(withProxy({ wininet: wininet({ proxyEnable: true, proxyServer: 'p:8080', servers: [{ scheme: 'all', host: 'p', port: 8080 }] }), winhttp: winhttp() }), env);
  assert.match(a[0]!.message, /WinHTTP is set to direct access/);
  const b = wininetWinhttpMismatch.evaluate(withProxy({ wininet: wininet(), winhttp: winhttp({ direct: false, proxyServer: 'p:8080' }) }), env);
  assert.match(b[0]!.message, /WinHTTP uses proxy p:8080 while Internet Options are direct/);
  assert.deepEqual(wininetWinhttpMismatch.evaluate(withProxy({ wininet: wininet({ autoDetect: true }), winhttp: winhttp() }), env), [], 'auto-detect alone is not a proxy');
  assert.deepEqual(wininetWinhttpMismatch.evaluate(withProxy({ wininet: wininet({ autoConfigUrl: 'http://wpad/p.pac' }), winhttp: winhttp({ direct: false, proxyServer: 'p:1' }) }), env), []);
  assert.deepEqual(wininetWinhttpMismatch.evaluate(withProxy({ wininet: wininet({ outcome: 'error' }), winhttp: winhttp({ direct: false }) }), env), []);
});

test('LD-PROXY-005: proxy configured, direct SIP blocked, value unset fails; value 1 or SIP reachable passes', () => {
  const w = wininet({ autoConfigUrl: 'http://wpad/p.pac' });
  const blocked = [tlsProbe({ host: 'sip.contoso.com', roles: ['sip-srv'], outcome: 'timeout', message: 'no answer', chain: [], trust: null })];
  const [f] = directSipFirst.evaluate(withProxy({ wininet: w }, blocked), env);
  assert.match(f!.message, /EnableDetectProxyForAllConnections is not set/);
  assert.deepEqual(directSipFirst.evaluate(withProxy({ wininet: { ...w, enableDetectProxyForAllConnections: 1 } }, blocked), env), []);
  assert.deepEqual(directSipFirst.evaluate(withProxy({ wininet: w }, [tlsProbe({ host: 'sip.contoso.com', roles: ['sip-srv'] })]), env), []);
  assert.deepEqual(directSipFirst.evaluate(withProxy({ wininet: wininet() }, blocked), env), [], 'no proxy configured: not this issue');
});

test('LD-PROXY-006: Exchange autodiscover refused or 407 through the proxy fails when the name resolves; tunnel passes', () => {
  const [f] = exchangeBlocked.evaluate(withProbes([proxyProbe({ target: 'autodiscover.contoso.com:443', roles: ['exchange-autodiscover'], outcome: 'auth-required', status: 407, authSchemes: ['NTLM'], directDns: 'resolves' })]), env);
  assert.match(f!.message, /autodiscover\.contoso\.com:443.*auth-required 407, offers NTLM\) although the name resolves directly/);
  assert.deepEqual(exchangeBlocked.evaluate(withProbes([proxyProbe({ target: 'autodiscover.contoso.com:443', roles: ['exchange-autodiscover'] })]), env), []);
});

test('LD-PROXY-007: unusable PAC (error for the PC, warning for --proxy-pac), per-URL failures, wrong MIME type', () => {
  const broken = pacBroken.evaluate(withProxy({ pac: pac({ outcome: 'script-error', message: 'does not compile' }) }), env);
  assert.equal(broken[0]!.severity, 'error');
  assert.equal(pacBroken.evaluate(withProxy({ pac: pac({ origin: 'cli', outcome: 'fetch-failed' }) }), env)[0]!.severity, 'warning');
  const perUrl = pacBroken.evaluate(withProxy({ pac: pac({}), routes: [route('lyncdiscover.contoso.com', 443, { candidates: [{ kind: 'error', reason: 'FindProxyForURL threw: boom' }] })] }), env);
  assert.match(perUrl[0]!.message, /fails for 1 endpoint/);
  const mime = pacBroken.evaluate(withProxy({ pac: pac({ source: 'http://wpad/getproxy', contentType: 'text/plain' }) }), env);
  assert.match(mime[0]!.message, /WinHTTP proxy service/);
  assert.deepEqual(pacBroken.evaluate(withProxy({ pac: pac({}) }), env), []);
  assert.deepEqual(pacBroken.evaluate(withProxy({ pac: pac({ source: 'http://wpad/wpad.dat', contentType: 'text/plain' }) }), env), []);
  assert.ok(pacServedAsPac('http://x/a.pac?v=1', undefined));
  assert.ok(!pacServedAsPac('http://x/a.txt', 'text/plain'));
});

test('LD-PROXY-008: different leaf through the proxy fails; same leaf or unknown passes', () => {
  const leaf = (issuer: string, sha: string) => ({ subject: 'CN=lyncdiscover.contoso.com', issuer, sha256: sha });
  const [f] = tlsInterception.evaluate(withProbes([proxyProbe({ interception: 'detected', proxiedLeaf: leaf('CN=Inspect CA', 'AA'), directLeaf: leaf('CN=Contoso CA', 'BB') })]), env);
  assert.match(f!.message, /Inspect CA.*Contoso CA/);
  assert.deepEqual(tlsInterception.evaluate(withProbes([proxyProbe({ interception: 'none' }), proxyProbe({ interception: 'unknown', proxiedLeaf: leaf('X', 'A') })]), env), []);
});

test('LD-PROXY-006/009: a refusal is not blamed on the proxy when the name does not exist or DNS could not be asked', () => {
  // squid 5.7's real answer to CONNECT after NXDOMAIN (test/fixtures/proxy/squid/real/connect-nxdomain.http): 500 ERR_CANNOT_FORWARD
  const squid = { target: 'autodiscover.contoso.com:443', roles: ['exchange-autodiscover' as const], outcome: 'refused' as const, status: 500, statusText: 'Internal Server Error', proxyError: 'ERR_CANNOT_FORWARD 0' };
  for (const directDns of ['nxdomain', 'nodata', 'could-not-ask', undefined] as const) {
    assert.deepEqual(exchangeBlocked.evaluate(withProbes([proxyProbe({ ...squid, ...(directDns ? { directDns } : {}) })]), env), [], String(directDns));
    assert.deepEqual(proxyFailsLync.evaluate(withProbes([proxyProbe({ ...squid, target: 'sip.contoso.com:443', roles: ['sip'], ...(directDns ? { directDns } : {}) })]), env), [], String(directDns));
  }
  const denied = exchangeBlocked.evaluate(withProbes([proxyProbe({ ...squid, status: 403, statusText: 'Forbidden', proxyError: 'ERR_ACCESS_DENIED 0', directDns: 'resolves' })]), env);
  assert.equal(denied.length, 1);
  assert.ok(denied[0]!.evidence.some((e) => e.label === 'proxy error code' && e.value === 'ERR_ACCESS_DENIED 0'));
});

test('LD-PROXY-009: refused / garbage / silent proxy fails (error when nothing gets through); tunnels pass', () => {
  const some = proxyFailsLync.evaluate(withProbes([proxyProbe({ target: 'sip.contoso.com:5061', roles: ['sip-srv'], outcome: 'refused', status: 403, directDns: 'resolves' }), proxyProbe()]), env);
  assert.equal(some[0]!.severity, 'warning');
  assert.match(some[0]!.message, /sip\.contoso\.com:5061 \(refused 403\)/);
  const all = proxyFailsLync.evaluate(withProbes([proxyProbe({ outcome: 'not-http', status: null }), proxyProbe({ target: 'x:443', outcome: 'timeout', status: null })]), env);
  assert.equal(all[0]!.severity, 'error');
  assert.deepEqual(proxyFailsLync.evaluate(withProbes([proxyProbe(), proxyProbe({ roles: ['exchange-autodiscover'], outcome: 'refused' })]), env), []);
});
