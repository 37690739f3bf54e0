// Boundary tables for the DNS checks LD-DNS-001…006: each condition on both sides, with severity and evidence.
// Rules from README "DNS discovery" and research SFB-KI-015…020: a record is missing only when DNS said so
// (NXDOMAIN / NODATA / a broken CNAME chain); a name that could not be asked (SERVFAIL, REFUSED, timeout,
// unreachable, error) is never "missing" (LD-GAP-001 reports it). Strict DNS naming: an SRV target must be the
// SIP domain or below it (federation SRV excepted). CNAME chains: loop, or longer than 8 hops.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cnameChainBroken, dnsChecks, inDomain, lyncdiscoverInternalMissing, lyncdiscoverMissing, noDiscoveryRecords, srvTargetOutsideDomain, srvTargetUnresolved } from '../../../../main/checks/dns';
import type { Check, FindingDraft } from '../../../../main/checks/types';
import type { DnsNameResolution, DnsOutcome, DnsQuery, SrvResolution } from '../../../../main/model/dns';
import { baseSnapshot, dnsSection, name, NOW, srv } from '../../../helpers/snapshot';

const env = { now: NOW };
const sev = (c: Check, d: FindingDraft) => d.severity ?? c.severity;
const E = (label: string, value: string) => ({ label, value });
const withOutcome = (n: DnsNameResolution, outcome: DnsOutcome): DnsNameResolution => ({ ...n, outcome });
const srvO = (s: SrvResolution, outcome: DnsOutcome): SrvResolution => ({ ...s, outcome });
const q = (n: number): DnsQuery[] => Array.from({ length: n }, (_, i) => ({ name: `q${i}`, type: 'A', outcome: 'nxdomain', answers: [], durationMs: 1 }));

test('default severities of the DNS family', () => {
  assert.deepEqual(dnsChecks.map((c) => [c.id, c.severity]), [['LD-DNS-001', 'error'], ['LD-DNS-002', 'warning'], ['LD-DNS-003', 'warning'], ['LD-DNS-004', 'error'], ['LD-DNS-005', 'error'], ['LD-DNS-006', 'error']]);
});

// ---- LD-DNS-001: no discovery record at all, and every query answered ----
const none = (role: 'lyncdiscover' | 'lyncdiscoverinternal' | 'sip' | 'sipinternal', o: DnsOutcome = 'nxdomain') => withOutcome(name(role, `${role}.contoso.com`), o);
const P001: ReadonlyArray<readonly [string, DnsNameResolution[], SrvResolution[], boolean]> = [
  ['all NXDOMAIN', [none('lyncdiscover'), none('sip')], [srv('sip-tls', '_sip._tls.contoso.com', [])], true],
  ['NXDOMAIN and NODATA', [none('lyncdiscover'), none('sip', 'nodata')], [srvO(srv('sip-tls', '_sip._tls.contoso.com', []), 'nodata')], true],
  ['a CNAME loop counts as known missing', [{ ...none('lyncdiscover', 'answer'), chainProblem: 'loop' }, none('sip')], [], true],
  ['one name answers', [none('lyncdiscover'), name('sip', 'sip.contoso.com', ['192.0.2.1'])], [], false],
  ['only an SRV answers', [none('lyncdiscover')], [srv('sip-tls', '_sip._tls.contoso.com', [['sip.contoso.com', 443]])], false],
  ['only an SRV target name answers (still a record)', [none('lyncdiscover'), name('srv-target', 'pool.contoso.com', ['10.0.0.1'])], [], false],
  ['one name timed out', [none('lyncdiscover'), none('sip', 'timeout')], [], false],
  ['one name SERVFAIL', [none('lyncdiscover'), none('sip', 'servfail')], [], false],
  ['one SRV REFUSED', [none('lyncdiscover')], [srvO(srv('sip-tls', '_sip._tls.contoso.com', []), 'refused')], false],
  ['an "answer" without addresses (not known missing)', [none('lyncdiscover', 'answer')], [], false],
];
for (const [label, names, srvs, fires] of P001) {
  test(`LD-DNS-001 ${label} → ${fires ? 'error' : 'pass'}`, () => {
    const f = noDiscoveryRecords.evaluate(baseSnapshot({ dns: dnsSection({ names, srv: srvs, queries: q(7) }) }), env);
    if (!fires) return assert.deepEqual(f, []);
    assert.equal(f.length, 1);
    assert.equal(sev(noDiscoveryRecords, f[0]!), 'error');
    assert.equal(f[0]!.message, 'The DNS server answered all 7 discovery queries for contoso.com, and none returned a record (expected lyncdiscover, _sip._tls or sip hosts).');
    const discovery = names.filter((n) => ['lyncdiscoverinternal', 'lyncdiscover', 'sip', 'sipinternal'].includes(n.role));
    assert.deepEqual(f[0]!.evidence, [...discovery.map((n) => E(n.name, n.outcome)), ...srvs.map((s) => E(s.name, s.outcome))]);
  });
}

// ---- LD-DNS-002: lyncdiscover known missing while another record exists ----
const sipTls = srv('sip-tls', '_sip._tls.contoso.com', [['sip.contoso.com', 443]]);
const P002: ReadonlyArray<readonly [string, DnsNameResolution[], SrvResolution[], string | null]> = [
  ['NXDOMAIN, SRV exists', [none('lyncdiscover')], [sipTls], 'nxdomain'],
  ['NODATA, sip host exists', [none('lyncdiscover', 'nodata'), name('sip', 'sip.contoso.com', ['192.0.2.1'])], [], 'nodata'],
  ['CNAME to nowhere (NXDOMAIN at the end), SRV exists', [withOutcome(name('lyncdiscover', 'lyncdiscover.contoso.com', [], ['webext.contoso.com']), 'nxdomain')], [sipTls], 'nxdomain'],
  ['resolves', [name('lyncdiscover', 'lyncdiscover.contoso.com', ['192.0.2.9'])], [sipTls], null],
  ['timed out (could not be asked)', [none('lyncdiscover', 'timeout')], [sipTls], null],
  ['SERVFAIL', [none('lyncdiscover', 'servfail')], [sipTls], null],
  ['not asked at all', [], [sipTls], null],
  ['missing, and nothing else exists (LD-DNS-001)', [none('lyncdiscover'), none('sip')], [srv('sip-tls', '_sip._tls.contoso.com', [])], null],
];
for (const [label, names, srvs, outcome] of P002) {
  test(`LD-DNS-002 lyncdiscover ${label} → ${outcome ? 'warning' : 'pass'}`, () => {
    const f = lyncdiscoverMissing.evaluate(baseSnapshot({ dns: dnsSection({ names, srv: srvs }) }), env);
    if (!outcome) return assert.deepEqual(f, []);
    assert.equal(f.length, 1);
    assert.equal(sev(lyncdiscoverMissing, f[0]!), 'warning');
    assert.ok(f[0]!.message.startsWith(`lyncdiscover.contoso.com did not resolve (${outcome}) although other discovery records exist;`), f[0]!.message);
    const chain = names[0]!.cnameChain;
    assert.deepEqual(f[0]!.evidence, [E('lyncdiscover.contoso.com', outcome), ...(chain.length ? [E('CNAME chain', chain.join(' → '))] : [])]);
  });
}

// ---- LD-DNS-003: inside, lyncdiscoverinternal known missing ----
const P003: ReadonlyArray<readonly [string, 'inside' | 'outside' | 'unknown', DnsNameResolution | null, boolean]> = [
  ['inside, NXDOMAIN', 'inside', none('lyncdiscoverinternal'), true],
  ['inside, NODATA', 'inside', none('lyncdiscoverinternal', 'nodata'), true],
  ['inside, resolves', 'inside', name('lyncdiscoverinternal', 'lyncdiscoverinternal.contoso.com', ['10.0.0.1']), false],
  ['inside, timed out', 'inside', none('lyncdiscoverinternal', 'timeout'), false],
  ['inside, not asked', 'inside', null, false],
  ['outside, NXDOMAIN (normal outside)', 'outside', none('lyncdiscoverinternal'), false],
  ['location unknown, NXDOMAIN', 'unknown', none('lyncdiscoverinternal'), false],
];
for (const [label, location, ldi, fires] of P003) {
  test(`LD-DNS-003 ${label} → ${fires ? 'warning' : 'pass'}`, () => {
    const names = [name('sipinternal', 'sipinternal.contoso.com', ['10.0.0.3']), ...(ldi ? [ldi] : [])];
    const f = lyncdiscoverInternalMissing.evaluate(baseSnapshot({ dns: dnsSection({ location, locationReason: 'internal records answer: sipinternal', names }) }), env);
    if (!fires) return assert.deepEqual(f, []);
    assert.equal(f.length, 1);
    assert.equal(sev(lyncdiscoverInternalMissing, f[0]!), 'warning');
    assert.ok(f[0]!.message.startsWith(`The PC looks inside the corporate network (internal records answer: sipinternal) but lyncdiscoverinternal.contoso.com did not resolve (${ldi!.outcome});`), f[0]!.message);
    assert.deepEqual(f[0]!.evidence, [E('lyncdiscoverinternal.contoso.com', ldi!.outcome), E('network location', `${location}: internal records answer: sipinternal`)]);
  });
}

// ---- LD-DNS-004: strict DNS naming ----
const P004: ReadonlyArray<readonly [string, SrvResolution['role'], string, boolean]> = [
  ['target in the domain', 'sip-tls', 'sip.contoso.com', false],
  ['target is the domain itself', 'sip-tls', 'contoso.com', false],
  ['target below the domain, upper case, trailing dot', 'sipinternaltls', 'Pool.EU.Contoso.com.', false],
  ['target in another domain', 'sip-tls', 'sip.contoso-hosting.net', true],
  ['target ends with the domain but is not below it', 'sipinternaltls', 'poolcontoso.com', true],
  ['target is a parent of the domain', 'sip-tls', 'com', true],
  ['federation SRV elsewhere (allowed)', 'sipfederationtls', 'sipfed.online.lync.com', false],
];
for (const [label, role, target, fires] of P004) {
  test(`LD-DNS-004 ${label} → ${fires ? 'error' : 'pass'}`, () => {
    const rec = srv(role, `_x._tls.contoso.com`, [[target, 5061]]);
    const f = srvTargetOutsideDomain.evaluate(baseSnapshot({ dns: dnsSection({ srv: [rec] }) }), env);
    assert.equal(inDomain(target, 'contoso.com'), role === 'sipfederationtls' ? false : !fires);
    if (!fires) return assert.deepEqual(f, []);
    assert.equal(f.length, 1);
    assert.equal(sev(srvTargetOutsideDomain, f[0]!), 'error');
    assert.equal(f[0]!.message, `_x._tls.contoso.com points to ${target}, which is not in contoso.com; with strict DNS naming the client refuses a server outside the SIP domain.`);
    assert.deepEqual(f[0]!.evidence, [E('SRV record', `_x._tls.contoso.com → ${target}:5061`), E('SIP domain', 'contoso.com'), E('expected', 'a host name ending in .contoso.com')]);
  });
}
test('LD-DNS-004 one finding per SRV record outside the domain; the domain compares case-insensitively', () => {
  const rec = srv('sip-tls', '_sip._tls.contoso.com', [['a.fabrikam.com', 443], ['sip.contoso.com', 443], ['b.fabrikam.com', 443]]);
  const f = srvTargetOutsideDomain.evaluate(baseSnapshot({ dns: dnsSection({ srv: [rec] }) }), env);
  assert.deepEqual(f.map((d) => d.evidence[0]!.value), ['_sip._tls.contoso.com → a.fabrikam.com:443', '_sip._tls.contoso.com → b.fabrikam.com:443']);
  assert.deepEqual(srvTargetOutsideDomain.evaluate(baseSnapshot({ dns: dnsSection({ domain: 'Contoso.COM.', srv: [srv('sip-tls', '_sip._tls.contoso.com', [['sip.contoso.com', 443]])] }) }), env), []);
});

// ---- LD-DNS-005: SRV target known to have no address ----
const P005: ReadonlyArray<readonly [string, DnsNameResolution | null, string | null]> = [
  ['target NXDOMAIN', withOutcome(name('srv-target', 'pool.contoso.com'), 'nxdomain'), 'nxdomain'],
  ['target NODATA', withOutcome(name('srv-target', 'pool.contoso.com'), 'nodata'), 'nodata'],
  ['target resolves', name('srv-target', 'pool.contoso.com', ['10.0.0.2']), null],
  ['target timed out', withOutcome(name('srv-target', 'pool.contoso.com'), 'timeout'), null],
  ['target REFUSED', withOutcome(name('srv-target', 'pool.contoso.com'), 'refused'), null],
  ['target in a CNAME loop (LD-DNS-006)', { ...withOutcome(name('srv-target', 'pool.contoso.com'), 'nxdomain'), chainProblem: 'loop' }, null],
  ['target not looked up', null, null],
];
for (const [label, target, outcome] of P005) {
  test(`LD-DNS-005 ${label} → ${outcome ? 'error' : 'pass'}`, () => {
    const s = baseSnapshot({ dns: dnsSection({ srv: [srv('sipinternaltls', '_sipinternaltls._tcp.contoso.com', [['pool.contoso.com', 5061]])], srvTargets: target ? [target] : [] }) });
    const f = srvTargetUnresolved.evaluate(s, env);
    if (!outcome) return assert.deepEqual(f, []);
    assert.equal(f.length, 1);
    assert.equal(sev(srvTargetUnresolved, f[0]!), 'error');
    assert.equal(f[0]!.message, `_sipinternaltls._tcp.contoso.com points to pool.contoso.com:5061, but pool.contoso.com has no address (${outcome}).`);
    assert.deepEqual(f[0]!.evidence, [E('SRV record', '_sipinternaltls._tcp.contoso.com → pool.contoso.com:5061'), E('pool.contoso.com A/AAAA', outcome)]);
  });
}

// ---- LD-DNS-006: CNAME loop or chain longer than 8 hops (the collector marks chainProblem) ----
const P006: ReadonlyArray<readonly [string, DnsNameResolution, string | null]> = [
  ['discovery name in a loop', { ...name('lyncdiscover', 'lyncdiscover.contoso.com', [], ['a.contoso.com', 'lyncdiscover.contoso.com']), chainProblem: 'loop' }, 'the CNAME chain loops back on itself'],
  ['SRV target with a chain too long', { ...name('srv-target', 'pool.contoso.com', [], Array.from({ length: 9 }, (_, i) => `c${i}.contoso.com`)), chainProblem: 'too-long' }, 'the CNAME chain is longer than 8 hops'],
  ['8 hops, resolved (no problem marked)', name('sip', 'sip.contoso.com', ['192.0.2.1'], Array.from({ length: 8 }, (_, i) => `c${i}.contoso.com`)), null],
];
for (const [label, n, frag] of P006) {
  test(`LD-DNS-006 ${label} → ${frag ? 'error' : 'pass'}`, () => {
    const target = n.role === 'srv-target';
    const f = cnameChainBroken.evaluate(baseSnapshot({ dns: dnsSection(target ? { srvTargets: [n] } : { names: [n] }) }), env);
    if (!frag) return assert.deepEqual(f, []);
    assert.equal(f.length, 1);
    assert.equal(sev(cnameChainBroken, f[0]!), 'error');
    assert.equal(f[0]!.message, `${n.name}: ${frag}; no address can be reached.`);
    assert.deepEqual(f[0]!.evidence, [E('name', n.name), E('CNAME chain', [n.name, ...n.cnameChain].join(' → '))]);
  });
}

test('DNS checks judge the answered facts of any section status (partial, timeout, error with data); no data, no finding', () => {
  const data = dnsSection({ srv: [srv('sip-tls', '_sip._tls.contoso.com', [['sip.fabrikam.com', 443]])] })!.data!;
  for (const status of ['ok', 'partial', 'timeout', 'error'] as const) {
    assert.equal(srvTargetOutsideDomain.evaluate(baseSnapshot({ dns: { status, message: 'm', durationMs: 1, data } as never }), env).length, 1, status);
  }
  for (const c of dnsChecks) assert.deepEqual(c.evaluate(baseSnapshot({ dns: { status: 'error', message: 'm', durationMs: 1 } as never }), env), [], c.id);
});
