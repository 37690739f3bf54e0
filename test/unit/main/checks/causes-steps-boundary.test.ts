// causedBy and steps on findings made by the real checks (runChecks: checks → correlate → case steps), each cause
// rule on both sides of its condition: the root covering every host the consequence names (folded under it), and
// the same root at another host (not folded). Rules from main/checks/correlate.ts CAUSE_RULES (README "Most likely
// cause"); steps are the real articles' commands with this case's values (README "Steps for this case").
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ALL_CHECKS } from '../../../../main/checks';
import { runChecks } from '../../../../main/checks/run';
import { articleLookup } from '../../../../main/kb/lookup';
import type { Finding } from '../../../../main/model/finding';
import type { Sections } from '../../../../main/model/snapshot';
import type { TlsProbe } from '../../../../main/model/tls';
import { ok, proxyProbe, tlsCert, tlsProbe, trusted } from '../../../helpers/network-snapshot';
import { attempt, challenges, logsSection, NTLM, response, sipSection, TLS_DSK, tlsOk, webCall } from '../../../helpers/sip-snapshot';
import { baseSnapshot, certSection, dnsSection, name, NOW, srv } from '../../../helpers/snapshot';

const T = NOW.getTime();
const DAY = 86_400_000;
const lookup = articleLookup();
const run = (sections: Sections): Finding[] => [...runChecks(baseSnapshot(sections), ALL_CHECKS, lookup, { now: NOW }).findings];
const tls = (probes: TlsProbe[]) => ok<'tls'>({ trustStore: { sources: ['Node.js bundled roots (144)'], anchors: 144, caFile: null }, probes });
/** [checkId, causedBy] of the findings of the ids this row is about (others, e.g. LD-GAP-001, left out), by id (order is rootsFirst's, tested in correlate.test.ts). */
const pick = (fs: Finding[], ids: readonly string[]) => fs.filter((f) => ids.includes(f.checkId)).map((f) => [f.checkId, f.causedBy ?? null] as const).sort((a, b) => a[0].localeCompare(b[0]));

// A SIP probe whose pool certificate expired yesterday (LD-SIP-003), at `host`.
const sipExpired = (host: string) => sipSection([attempt(host, 5061, response(401, { challenges: challenges(NTLM) }), { tls: tlsOk(host, 5061, { certificate: { ...tlsOk(host, 5061).certificate!, notAfter: new Date(T - DAY).toISOString() } }) })]);
const tlsExpired = (host: string) => tlsProbe({ host, port: 5061, roles: ['sip-srv'], chain: [tlsCert({ subject: `CN=${host}`, subjectCN: host, dnsNames: [host], notAfter: new Date(T - DAY).toISOString() })] });
const sipNameBad = (host: string) => sipSection([attempt(host, 5061, response(401, { challenges: challenges(NTLM) }), { tls: tlsOk(host, 5061, { nameMatches: false }) })]);
const tlsNameBad = (host: string) => tlsProbe({ host, port: 5061, roles: ['sip-srv'], chain: [tlsCert({ subject: 'CN=other.contoso.com', subjectCN: 'other.contoso.com', dnsNames: ['other.contoso.com'] })] });
const intercept = (target: string) => ok<'proxyAuth'>({ probes: [proxyProbe({ target, interception: 'detected', proxiedLeaf: { subject: 'CN=x', issuer: 'CN=Proxy CA', sha256: 'AA' }, directLeaf: { subject: 'CN=x', issuer: 'CN=Contoso CA', sha256: 'BB' } })] });
const untrustedVia = (host: string) => tlsProbe({ host, via: 'proxy.contoso.com:8080', address: null, trust: trusted({ trusted: false, problem: 'issuer-missing', missingIssuer: 'CN=Proxy CA', anchor: null, anchorSource: null }) });
const srvDangling = (target: string) => dnsSection({ srv: [srv('sip-tls', '_sip._tls.contoso.com', [[target, 443]])], srvTargets: [name('srv-target', target)], names: [name('lyncdiscover', 'lyncdiscover.contoso.com', ['192.0.2.1'])] });
const refusedProbe = (host: string) => tlsProbe({ host, roles: ['sip-srv'], outcome: 'dns-failed', message: `${host} does not resolve`, chain: [], trust: null });

const ROWS: ReadonlyArray<{ name: string; sections: Sections; ids: readonly string[]; want: ReadonlyArray<readonly [string, string | null]> }> = [
  { name: 'LD-TLS-003 and LD-SIP-003 at the same pool → SIP-003 folded', sections: { tls: tls([tlsExpired('pool01.contoso.com')]), sip: sipExpired('pool01.contoso.com') }, ids: ['LD-TLS-003', 'LD-SIP-003'], want: [['LD-TLS-003', null], ['LD-SIP-003', 'LD-TLS-003']] },
  { name: 'LD-TLS-003 at another host → LD-SIP-003 stays a root', sections: { tls: tls([tlsExpired('pool02.contoso.com')]), sip: sipExpired('pool01.contoso.com') }, ids: ['LD-TLS-003', 'LD-SIP-003'], want: [['LD-TLS-003', null], ['LD-SIP-003', null]] },
  { name: 'LD-TLS-002 and LD-SIP-002 at the same pool → SIP-002 folded', sections: { tls: tls([tlsNameBad('pool01.contoso.com')]), sip: sipNameBad('pool01.contoso.com') }, ids: ['LD-TLS-002', 'LD-SIP-002'], want: [['LD-TLS-002', null], ['LD-SIP-002', 'LD-TLS-002']] },
  { name: 'LD-TLS-002 at another host → LD-SIP-002 stays a root', sections: { tls: tls([tlsNameBad('pool02.contoso.com')]), sip: sipNameBad('pool01.contoso.com') }, ids: ['LD-TLS-002', 'LD-SIP-002'], want: [['LD-TLS-002', null], ['LD-SIP-002', null]] },
  { name: 'LD-PROXY-008 interception of the host whose chain is untrusted → LD-TLS-004 folded', sections: { proxyAuth: intercept('lyncdiscover.contoso.com:443'), tls: tls([untrustedVia('lyncdiscover.contoso.com')]) }, ids: ['LD-PROXY-008', 'LD-TLS-004'], want: [['LD-PROXY-008', null], ['LD-TLS-004', 'LD-PROXY-008']] },
  { name: 'LD-PROXY-008 for another host → LD-TLS-004 stays a root', sections: { proxyAuth: intercept('webext.contoso.com:443'), tls: tls([untrustedVia('lyncdiscover.contoso.com')]) }, ids: ['LD-PROXY-008', 'LD-TLS-004'], want: [['LD-PROXY-008', null], ['LD-TLS-004', null]] },
  { name: 'LD-DNS-005 dangling SRV target that the TLS probe could not reach → LD-TLS-009 folded', sections: { dns: srvDangling('sip.contoso.com'), tls: tls([tlsProbe(), refusedProbe('sip.contoso.com')]) }, ids: ['LD-DNS-005', 'LD-TLS-009'], want: [['LD-DNS-005', null], ['LD-TLS-009', 'LD-DNS-005']] },
  { name: 'LD-DNS-005 for another target → LD-TLS-009 stays a root', sections: { dns: srvDangling('sip2.contoso.com'), tls: tls([tlsProbe(), refusedProbe('sip.contoso.com')]) }, ids: ['LD-DNS-005', 'LD-TLS-009'], want: [['LD-DNS-005', null], ['LD-TLS-009', null]] },
  {
    name: 'LD-SIP-013 (logged CertProv failure) explains LD-SIP-004 whatever the hosts ("any" link)',
    sections: { sip: sipSection([attempt('pool01.contoso.com', 5061, response(401, { challenges: challenges(TLS_DSK) }))]), certificates: certSection([]), logs: logsSection([], { webCalls: [webCall('cert-provisioning', 'https://elsewhere.fabrikam.com/CertProv/x', 500)] }) },
    ids: ['LD-SIP-013', 'LD-SIP-004'],
    want: [['LD-SIP-013', null], ['LD-SIP-004', 'LD-SIP-013']],
  },
  {
    name: 'LD-SIP-004 without a logged CertProv failure stays a root',
    sections: { sip: sipSection([attempt('pool01.contoso.com', 5061, response(401, { challenges: challenges(TLS_DSK) }))]), certificates: certSection([]), logs: logsSection([], { webCalls: [webCall('cert-provisioning', 'https://w/CertProv/x', 200)] }) },
    ids: ['LD-SIP-013', 'LD-SIP-004'],
    want: [['LD-SIP-004', null]],
  },
];
for (const r of ROWS) {
  test(`causedBy: ${r.name}`, () => assert.deepEqual(pick(run(r.sections), r.ids), [...r.want].sort((a, b) => a[0].localeCompare(b[0]))));
}

// steps: the article's commands filled with this finding's values, one line per endpoint when merged
test('steps: LD-TLS-009 names the unreachable endpoint in Test-NetConnection; two endpoints give two lines', () => {
  const one = run({ tls: tls([tlsProbe(), refusedProbe('sip.contoso.com')]) }).find((f) => f.checkId === 'LD-TLS-009')!;
  assert.equal(one.steps?.[0]?.command, 'Test-NetConnection -ComputerName sip.contoso.com -Port 443');
  assert.equal(one.steps?.[0]?.unfilled, undefined);
  const two = run({ tls: tls([tlsProbe(), refusedProbe('sip.contoso.com'), { ...refusedProbe('sipexternal.contoso.com'), port: 5061 }]) }).find((f) => f.checkId === 'LD-TLS-009')!;
  assert.deepEqual(two.affected, ['sip.contoso.com:443', 'sipexternal.contoso.com:5061']);
  assert.equal(two.steps?.[0]?.command, 'Test-NetConnection -ComputerName sip.contoso.com -Port 443\nTest-NetConnection -ComputerName sipexternal.contoso.com -Port 5061');
});

test('steps: LD-TLS-004 checks the chain of this host and port; LD-PROXY-006 probes this proxy and this domain\'s autodiscover', () => {
  const chain = run({ tls: tls([tlsProbe({ host: 'webext.tailspin.com', port: 4443, trust: trusted({ trusted: false, problem: 'self-signed', anchor: null, anchorSource: null }) })]) }).find((f) => f.checkId === 'LD-TLS-004')!;
  assert.equal(chain.steps?.[0]?.command?.split('\n')[0], "$h = 'webext.tailspin.com'; $p = 4443");
  const ex = run({ proxyAuth: ok<'proxyAuth'>({ probes: [proxyProbe({ proxy: 'gw.contoso.com:3128', roles: ['exchange-autodiscover'], target: 'autodiscover.contoso.com:443', outcome: 'auth-required', status: 407, directDns: 'resolves' })] }) }).find((f) => f.checkId === 'LD-PROXY-006')!;
  const probe = ex.steps?.find((s) => s.command?.includes('curl.exe'));
  assert.equal(probe?.command?.split('\n')[0], 'curl.exe -sv -o NUL -x http://gw.contoso.com:3128 https://autodiscover.contoso.com/autodiscover/autodiscover.xml 2>&1 |');
  assert.equal(probe?.unfilled, undefined);
});

test('steps: a value the facts do not give stays a visible placeholder and is listed as unfilled', () => {
  // LD-DNS-001 (no record at all): the article's commands name the SIP domain only, which the input always gives
  const none = run({ dns: dnsSection({ names: [name('lyncdiscover', 'lyncdiscover.contoso.com')], srv: [srv('sip-tls', '_sip._tls.contoso.com', [])], queries: [] }) }).find((f) => f.checkId === 'LD-DNS-001')!;
  assert.ok(none.steps && none.steps.length > 0);
  assert.ok(none.steps.every((s) => s.unfilled === undefined), JSON.stringify(none.steps));
  // LD-DNS-004 without an SRV target address: the dnscmd A record line keeps <IP address of the pool>
  const out = run({ dns: dnsSection({ srv: [srv('sipinternaltls', '_sipinternaltls._tcp.contoso.com', [['pool01.fabrikam.com', 5061]])] }) }).find((f) => f.checkId === 'LD-DNS-004')!;
  const withAddr = out.steps?.find((s) => s.command?.includes('<IP address of the pool>'));
  assert.deepEqual(withAddr?.unfilled, ['<IP address of the pool>']);
  assert.ok(withAddr?.command?.includes('pool01.contoso.com'), withAddr?.command);
});
