// What the DNS collector asks, checked at a real DNS server on loopback (its own log of received
// questions, not our section's record of them), and the inside/outside verdict from every internal record.
// Expected names/types from README "What is collected" and the research (SFB-KI-015…020): lyncdiscover(internal),
// SRV _sipinternaltls._tcp, _sip._tls, _sipfederationtls._tcp, hosts sipinternal/sip/sipexternal, SRV targets;
// each host name followed through CNAMEs and asked for A and AAAA.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { discover, judgeLocation } from '../../../../main/collect/dns';
import type { CollectorContext } from '../../../../main/collect/types';
import type { DnsNameResolution, SrvResolution } from '../../../../main/model/dns';
import { healthyZone, startDnsLab, type DnsLab, type ZoneRecord } from '../../../helpers/dns-server';
import { name, srv } from '../../../helpers/snapshot';

const labs: DnsLab[] = [];
after(() => Promise.all(labs.map((l) => l.close())));

async function run(records: ZoneRecord[]) {
  const lab = await startDnsLab({ records });
  labs.push(lab);
  const ctx = {
    input: { sipAddress: 'alice@contoso.com', sipDomain: 'contoso.com', dnsServer: lab.address, timeoutMs: 3000 },
    signal: new AbortController().signal,
    deadline: Date.now() + 3000,
  } as unknown as CollectorContext;
  const data = await discover(ctx, 'contoso.com');
  const asked = [...new Set(lab.queries.map((q) => `${q.type} ${q.name.toLowerCase()}`))].sort();
  return { data, asked };
}

const sorted = (xs: string[]) => [...xs].sort();
const host = (n: string) => [`CNAME ${n}`, `A ${n}`, `AAAA ${n}`];

test('healthy zone: every discovery name, all three SRV types and the SRV targets are asked, nothing else', async () => {
  const { asked } = await run(healthyZone('contoso.com'));
  assert.deepEqual(
    asked,
    sorted([
      'SRV _sipinternaltls._tcp.contoso.com',
      'SRV _sip._tls.contoso.com',
      'SRV _sipfederationtls._tcp.contoso.com',
      ...host('lyncdiscoverinternal.contoso.com'),
      'CNAME lyncdiscover.contoso.com', // a CNAME to webext: the chain end is asked for addresses
      ...host('webext.contoso.com'),
      ...host('sipinternal.contoso.com'),
      ...host('sip.contoso.com'), // also the _sip._tls target
      ...host('sipexternal.contoso.com'), // NXDOMAIN to CNAME, still asked for addresses (dnsmasq --address answers A only)
      ...host('pool01.contoso.com'), // the _sipinternaltls._tcp target
    ]),
  );
});

test('empty zone: the five names and three SRV types are still all asked (each name for CNAME, A and AAAA)', async () => {
  const { asked, data } = await run([]);
  assert.deepEqual(
    asked,
    sorted([
      'SRV _sipinternaltls._tcp.contoso.com',
      'SRV _sip._tls.contoso.com',
      'SRV _sipfederationtls._tcp.contoso.com',
      // An NXDOMAIN to the CNAME question does not stop the address questions: dnsmasq's --address names say
      // NXDOMAIN (or REFUSED) to CNAME and answer A (test/fixtures/dns/real/SOURCES.md).
      ...['lyncdiscoverinternal', 'lyncdiscover', 'sipinternal', 'sip', 'sipexternal'].flatMap((l) => host(`${l}.contoso.com`)),
    ]),
  );
  assert.deepEqual(data.srv.map((s) => [s.role, s.name, s.outcome]), [
    ['sipinternaltls', '_sipinternaltls._tcp.contoso.com', 'nxdomain'],
    ['sip-tls', '_sip._tls.contoso.com', 'nxdomain'],
    ['sipfederationtls', '_sipfederationtls._tcp.contoso.com', 'nxdomain'],
  ]);
  assert.equal(data.location, 'unknown');
});

test('the federation SRV target is followed too, and its port recorded', async () => {
  const { asked, data } = await run([{ name: '_sipfederationtls._tcp.contoso.com', type: 'SRV', data: { target: 'fed.contoso.com', port: 5061 } }, { name: 'fed.contoso.com', type: 'A', data: '127.0.30.1' }]);
  for (const q of host('fed.contoso.com')) assert.ok(asked.includes(q), q);
  assert.deepEqual(data.srv.find((s) => s.role === 'sipfederationtls')?.records.map((r) => [r.target, r.port]), [['fed.contoso.com', 5061]]);
  assert.deepEqual(data.srvTargets.map((t) => [t.name, t.addresses]), [['fed.contoso.com', ['127.0.30.1']]]);
});

// ---- inside/outside: each internal record alone makes the PC "inside" ----
const A = ['127.0.0.1'];
const INTERNAL: ReadonlyArray<readonly [string, DnsNameResolution[], SrvResolution[]]> = [
  ['lyncdiscoverinternal', [name('lyncdiscoverinternal', 'lyncdiscoverinternal.contoso.com', A)], []],
  ['sipinternal', [name('sipinternal', 'sipinternal.contoso.com', A)], []],
  ['_sipinternaltls._tcp', [], [srv('sipinternaltls', '_sipinternaltls._tcp.contoso.com', [['pool01.contoso.com', 5061]])]],
];
const EXTERNAL: ReadonlyArray<readonly [string, DnsNameResolution[], SrvResolution[]]> = [
  ['lyncdiscover', [name('lyncdiscover', 'lyncdiscover.contoso.com', A)], []],
  ['sip', [name('sip', 'sip.contoso.com', A)], []],
  ['sipexternal', [name('sipexternal', 'sipexternal.contoso.com', A)], []],
  ['_sip._tls', [], [srv('sip-tls', '_sip._tls.contoso.com', [['sip.contoso.com', 443]])]],
];
for (const [label, names, srvs] of INTERNAL) {
  test(`inside when only ${label} answers, and when it answers next to every external record`, () => {
    assert.deepEqual(judgeLocation(names, srvs), { location: 'inside', reason: `internal records answer: ${label}` });
    const allExt = { names: EXTERNAL.flatMap((e) => e[1]), srv: EXTERNAL.flatMap((e) => e[2]) };
    assert.deepEqual(judgeLocation([...allExt.names, ...names], [...allExt.srv, ...srvs]).location, 'inside');
  });
}
for (const [label, names, srvs] of EXTERNAL) {
  test(`outside when only ${label} answers`, () => {
    assert.deepEqual(judgeLocation(names, srvs), { location: 'outside', reason: `only external records answer (${label}); no internal record does` });
  });
}
test('inside/outside: all internal records are listed; unanswered records do not count', () => {
  const names = [name('lyncdiscoverinternal', 'lyncdiscoverinternal.contoso.com', A), name('sipinternal', 'sipinternal.contoso.com', A)];
  const srvs = [srv('sipinternaltls', '_sipinternaltls._tcp.contoso.com', [['pool01.contoso.com', 5061]])];
  assert.equal(judgeLocation(names, srvs).reason, 'internal records answer: lyncdiscoverinternal, sipinternal, _sipinternaltls._tcp');
  // NXDOMAIN / NODATA / empty SRV: unknown, and every answer was a "no" from DNS (issue 12: a fact, the records do not exist)
  const none = [name('lyncdiscoverinternal', 'lyncdiscoverinternal.contoso.com', []), name('sip', 'sip.contoso.com', [], [], { outcome: 'nodata' })];
  const noSrv = [srv('sipinternaltls', '_sipinternaltls._tcp.contoso.com', []), srv('sip-tls', '_sip._tls.contoso.com', [])];
  assert.deepEqual(judgeLocation(none, noSrv), { location: 'unknown', reason: 'no discovery record exists' });
  // an "answer" without any address (a CNAME to nowhere) is still a fact about the name
  assert.deepEqual(judgeLocation([name('sipinternal', 'sipinternal.contoso.com', [], ['pool.contoso.com'], { outcome: 'answer' })], []), { location: 'unknown', reason: 'no discovery record exists' });
  // one name (or one SRV) that could not be asked (SERVFAIL, REFUSED, timeout, unreachable, error): nothing is known to be absent
  for (const o of ['servfail', 'refused', 'timeout', 'unreachable', 'error'] as const) {
    assert.deepEqual(judgeLocation([...none, name('sipinternal', 'sipinternal.contoso.com', [], [], { outcome: o })], noSrv), { location: 'unknown', reason: 'no discovery record answered, and some could not be asked' }, o);
    assert.deepEqual(judgeLocation(none, [...noSrv, { ...srv('sipinternaltls', '_sipinternaltls._tcp.contoso.com', []), outcome: o }]), { location: 'unknown', reason: 'no discovery record answered, and some could not be asked' }, `SRV ${o}`);
  }
  // a federation SRV or an SRV target is neither inside nor outside evidence
  assert.equal(judgeLocation([name('srv-target', 'pool01.contoso.com', A)], [srv('sipfederationtls', '_sipfederationtls._tcp.contoso.com', [['fed.contoso.com', 5061]])]).location, 'unknown');
  const all = judgeLocation([...EXTERNAL.flatMap((e) => e[1])], EXTERNAL.flatMap((e) => e[2]));
  assert.equal(all.reason, 'only external records answer (lyncdiscover, sip, sipexternal, _sip._tls); no internal record does');
});
