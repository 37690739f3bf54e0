import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cnameChainBroken, inDomain, lyncdiscoverInternalMissing, lyncdiscoverMissing, noDiscoveryRecords, srvTargetOutsideDomain, srvTargetUnresolved } from '../../../../main/checks/dns';
import { baseSnapshot, dnsSection, name, NOW, srv } from '../../../helpers/snapshot';

const env = { now: NOW };
const healthy = dnsSection({
  location: 'inside',
  locationReason: 'internal records answer',
  names: [name('lyncdiscoverinternal', 'lyncdiscoverinternal.contoso.com', ['10.0.0.1']), name('lyncdiscover', 'lyncdiscover.contoso.com', ['192.0.2.1'], ['webext.contoso.com']), name('sip', 'sip.contoso.com', ['192.0.2.2'])],
  srv: [srv('sipinternaltls', '_sipinternaltls._tcp.contoso.com', [['pool.contoso.com', 5061]]), srv('sip-tls', '_sip._tls.contoso.com', [['sip.contoso.com', 443]])],
  srvTargets: [name('srv-target', 'pool.contoso.com', ['10.0.0.2']), name('srv-target', 'sip.contoso.com', ['192.0.2.2'])],
});
const allChecks = [noDiscoveryRecords, lyncdiscoverMissing, lyncdiscoverInternalMissing, srvTargetOutsideDomain, srvTargetUnresolved, cnameChainBroken];

test('a healthy zone passes every DNS check', () => {
  for (const c of allChecks) assert.deepEqual(c.evaluate(baseSnapshot({ dns: healthy }), env), [], c.id);
});

test('no section, or a failed DNS section, gives no DNS finding', () => {
  for (const c of allChecks) {
    assert.deepEqual(c.evaluate(baseSnapshot(), env), []);
    assert.deepEqual(c.evaluate(baseSnapshot({ dns: { status: 'error', message: 'x', durationMs: 1 } }), env), []);
  }
});

test('LD-DNS-001: nothing resolves at all', () => {
  const s = baseSnapshot({ dns: dnsSection({ names: [name('lyncdiscover', 'lyncdiscover.contoso.com')], srv: [srv('sip-tls', '_sip._tls.contoso.com', [])] }) });
  const f = noDiscoveryRecords.evaluate(s, env);
  assert.equal(f.length, 1);
  assert.ok(f[0]!.evidence.some((e) => e.label === 'lyncdiscover.contoso.com' && e.value === 'nxdomain'));
  assert.deepEqual(lyncdiscoverMissing.evaluate(s, env), [], 'LD-DNS-002 stays quiet when LD-DNS-001 covers it');
});

test('LD-DNS-002: lyncdiscover missing while SRV exists', () => {
  const s = baseSnapshot({ dns: dnsSection({ names: [name('lyncdiscover', 'lyncdiscover.contoso.com')], srv: [srv('sip-tls', '_sip._tls.contoso.com', [['sip.contoso.com', 443]])] }) });
  const [f] = lyncdiscoverMissing.evaluate(s, env);
  assert.match(f!.message, /lyncdiscover\.contoso\.com did not resolve \(nxdomain\)/);
});

test('LD-DNS-003: inside without lyncdiscoverinternal; outside is not judged', () => {
  const inside = dnsSection({ location: 'inside', locationReason: 'internal records answer: sipinternal', names: [name('lyncdiscoverinternal', 'lyncdiscoverinternal.contoso.com'), name('sipinternal', 'sipinternal.contoso.com', ['10.0.0.3'])] });
  assert.equal(lyncdiscoverInternalMissing.evaluate(baseSnapshot({ dns: inside }), env).length, 1);
  const outside = dnsSection({ location: 'outside', names: [name('lyncdiscoverinternal', 'lyncdiscoverinternal.contoso.com'), name('sip', 'sip.contoso.com', ['192.0.2.3'])] });
  assert.deepEqual(lyncdiscoverInternalMissing.evaluate(baseSnapshot({ dns: outside }), env), []);
});

test('LD-DNS-004: SRV target outside the SIP domain; federation SRV and subdomains are fine', () => {
  const s = baseSnapshot({
    dns: dnsSection({
      srv: [srv('sip-tls', '_sip._tls.contoso.com', [['sip.contoso-hosting.net', 443]]), srv('sipinternaltls', '_sipinternaltls._tcp.contoso.com', [['pool.eu.contoso.com', 5061]]), srv('sipfederationtls', '_sipfederationtls._tcp.contoso.com', [['sipfed.online.lync.com', 5061]])],
    }),
  });
  const f = srvTargetOutsideDomain.evaluate(s, env);
  assert.equal(f.length, 1);
  assert.ok(f[0]!.evidence.some((e) => e.value === '_sip._tls.contoso.com → sip.contoso-hosting.net:443'));
  assert.ok(inDomain('Pool.EU.Contoso.com.', 'contoso.com'));
  assert.ok(!inDomain('evilcontoso.com', 'contoso.com'));
});

test('LD-DNS-005: SRV target answered NXDOMAIN is an error; a target that could not be asked (timeout) gives none', () => {
  const s = baseSnapshot({
    dns: dnsSection({
      srv: [srv('sip-tls', '_sip._tls.contoso.com', [['sip.contoso.com', 443], ['sip2.contoso.com', 443]])],
      srvTargets: [name('srv-target', 'sip.contoso.com', [], [], { outcome: 'nxdomain' }), name('srv-target', 'sip2.contoso.com', [], [], { outcome: 'timeout' })],
    }),
  });
  const f = srvTargetUnresolved.evaluate(s, env);
  assert.equal(f.length, 1);
  assert.match(f[0]!.message, /sip\.contoso\.com:443, but sip\.contoso\.com has no address \(nxdomain\)/);
  assert.equal(f[0]!.severity, undefined, 'the check default (error)');
});

test('facts vs absence: names that could not be asked never count as missing', () => {
  // Every query failed to be asked (DNS server down / refusing / SERVFAIL / silent): no DNS verdict at all.
  for (const outcome of ['unreachable', 'refused', 'servfail', 'timeout', 'error'] as const) {
    const s = baseSnapshot({
      dns: dnsSection({
        names: ['lyncdiscoverinternal', 'lyncdiscover', 'sipinternal', 'sip', 'sipexternal'].map((r) => name(r as 'sip', `${r}.contoso.com`, [], [], { outcome })),
        srv: [{ role: 'sip-tls', name: '_sip._tls.contoso.com', outcome, records: [] }],
      }),
    });
    for (const c of allChecks) assert.deepEqual(c.evaluate(s, env), [], `${c.id} with ${outcome}`);
  }
  // Mixed: lyncdiscover NXDOMAIN but the SRV could not be asked: "no record at all" is not established.
  const mixed = baseSnapshot({ dns: dnsSection({ names: [name('lyncdiscover', 'lyncdiscover.contoso.com')], srv: [{ role: 'sip-tls', name: '_sip._tls.contoso.com', outcome: 'servfail', records: [] }] }) });
  assert.deepEqual(noDiscoveryRecords.evaluate(mixed, env), []);
  // SRV exists, lyncdiscover timed out: LD-DNS-002 must not claim it is missing.
  const ldTimeout = baseSnapshot({ dns: dnsSection({ names: [name('lyncdiscover', 'lyncdiscover.contoso.com', [], [], { outcome: 'timeout' })], srv: [srv('sip-tls', '_sip._tls.contoso.com', [['sip.contoso.com', 443]])] }) });
  assert.deepEqual(lyncdiscoverMissing.evaluate(ldTimeout, env), []);
  // Inside, lyncdiscoverinternal SERVFAIL: LD-DNS-003 stays quiet; NODATA fires it.
  const inside = (outcome: 'servfail' | 'nodata') =>
    baseSnapshot({ dns: dnsSection({ location: 'inside', locationReason: 'internal records answer: sipinternal', names: [name('sipinternal', 'sipinternal.contoso.com', ['10.0.0.1']), name('lyncdiscoverinternal', 'lyncdiscoverinternal.contoso.com', [], [], { outcome })] }) });
  assert.deepEqual(lyncdiscoverInternalMissing.evaluate(inside('servfail'), env), []);
  assert.equal(lyncdiscoverInternalMissing.evaluate(inside('nodata'), env).length, 1);
});

test('LD-DNS-006: CNAME loop and too-long chains', () => {
  const s = baseSnapshot({
    dns: dnsSection({
      names: [name('lyncdiscover', 'lyncdiscover.contoso.com', [], ['a.contoso.com', 'lyncdiscover.contoso.com'], { chainProblem: 'loop', outcome: 'error' })],
    }),
  });
  const [f] = cnameChainBroken.evaluate(s, env);
  assert.match(f!.message, /loops/);
  assert.equal(f!.evidence[1]!.value, 'lyncdiscover.contoso.com → a.contoso.com → lyncdiscover.contoso.com');
});
