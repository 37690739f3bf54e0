// Pins of the proxy checks for what the boundary tables leave open (found reviewing the mutation run of
// main/checks/proxy.ts). Expected texts are written out from the rules, not computed by the code under test.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { filePac, pacBroken, proxyAuthNoDigest, proxyFailsLync, tlsInterception } from '../../../../main/checks/proxy';
import type { PacReading, ProxyProbe } from '../../../../main/model/proxy';
import { ok, proxyData, proxyProbe, route, winhttp } from '../../../helpers/network-snapshot';
import { baseSnapshot, NOW } from '../../../helpers/snapshot';

const env = { now: NOW };
const E = (label: string, value: string) => ({ label, value });
const probes = (list: ProxyProbe[]) => baseSnapshot({ proxyAuth: ok<'proxyAuth'>({ probes: list }) });
const leaf = (issuer: string, sha: string) => ({ subject: 'CN=lyncdiscover.contoso.com', issuer, sha256: sha });

test('LD-PROXY-008 needs both leaves: the proxied one missing (handshake through the proxy not read) passes; whole message', () => {
  assert.deepEqual(tlsInterception.evaluate(probes([proxyProbe({ interception: 'detected', directLeaf: leaf('CN=Contoso CA', 'BB') })]), env), []);
  const [f] = tlsInterception.evaluate(probes([proxyProbe({ interception: 'detected', proxiedLeaf: leaf('CN=Proxy CA', 'AA'), directLeaf: leaf('CN=Contoso CA', 'BB') })]), env);
  assert.equal(f!.message, "Through proxy proxy.contoso.com:8080, lyncdiscover.contoso.com:443 presents a certificate issued by CN=Proxy CA, but directly the server presents one issued by CN=Contoso CA: the proxy decrypts and re-signs the traffic. Expected: the server's own certificate (Lync hosts excluded from TLS inspection).");
});

test('LD-PROXY-008 one finding per intercepted endpoint, the others skipped', () => {
  const f = tlsInterception.evaluate(probes([
    proxyProbe({ interception: 'none' }),
    proxyProbe({ interception: 'detected', target: 'sip.contoso.com:443', proxiedLeaf: leaf('CN=Proxy CA', 'AA'), directLeaf: leaf('CN=Contoso CA', 'BB') }),
    proxyProbe({ interception: 'detected', target: 'meet.contoso.com:443', proxiedLeaf: leaf('CN=Proxy CA', 'CC'), directLeaf: leaf('CN=Contoso CA', 'DD') }),
  ]), env);
  assert.deepEqual(f.map((x) => x.evidence[1]!.value), ['CN=lyncdiscover.contoso.com / issuer CN=Proxy CA / SHA-256 AA', 'CN=lyncdiscover.contoso.com / issuer CN=Proxy CA / SHA-256 CC']);
});

const pac = (over: Partial<PacReading> = {}): PacReading => ({ source: 'http://wpad.contoso.com/proxy.pac', origin: 'wininet', scheme: 'http', outcome: 'ok', message: 'ok', bytes: 100, sha256: null, httpStatus: 200, contentType: 'application/x-ns-proxy-autoconfig', durationMs: 1, ...over });
test('LD-PROXY-007 an endpoint whose answer holds two error entries is one endpoint, shown with the first reason', () => {
  const two = route('sip.contoso.com', 443, { url: 'https://sip.contoso.com/', candidates: [{ kind: 'error', reason: 'first' }, { kind: 'direct' }, { kind: 'error', reason: 'second' }] });
  const [f] = pacBroken.evaluate(baseSnapshot({ proxy: ok<'proxy'>(proxyData({ pac: pac(), routes: [two, route('a.contoso.com', 443)] })) }), env);
  assert.equal(f!.message, 'The PAC file http://wpad.contoso.com/proxy.pac loads but FindProxyForURL fails for 1 endpoint(s); clients fall back to a direct connection for them.');
  assert.deepEqual(f!.evidence, [E('https://sip.contoso.com/', 'first')]);
});

test('LD-PROXY-002 several mobile endpoints behind one proxy: one finding naming each, comma-separated', () => {
  const f = proxyAuthNoDigest.evaluate(probes([
    proxyProbe({ outcome: 'auth-required', roles: ['lyncdiscover'], authSchemes: ['NTLM'] }),
    proxyProbe({ outcome: 'auth-required', roles: ['web-services'], target: 'webext.contoso.com:443', authSchemes: ['Negotiate', 'NTLM'] }),
  ]), env);
  assert.equal(f.length, 1);
  assert.equal(f[0]!.message, 'Proxy proxy.contoso.com:8080 demands authentication for lyncdiscover.contoso.com:443, webext.contoso.com:443 and offers only NTLM, Negotiate; Lync/Skype for Business mobile clients authenticate to a proxy with Digest only (not NTLM or Negotiate), so they cannot sign in on this network. Expected: Digest offered, or these hosts exempt from authentication.');
});

test('LD-PROXY-003 WinINET not read at all (no reading): nothing to judge', () => {
  assert.deepEqual(filePac.evaluate(baseSnapshot({ proxy: ok<'proxy'>(proxyData({ wininet: null, winhttp: winhttp() })) }), env), []);
});

test('LD-PROXY-009 no Lync endpoint probed through a proxy, or all tunnelled: nothing', () => {
  assert.deepEqual(proxyFailsLync.evaluate(probes([]), env), []);
  assert.deepEqual(proxyFailsLync.evaluate(probes([proxyProbe()]), env), []);
});
