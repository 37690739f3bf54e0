// The inside/outside verdict when some internal records could not be asked (issue 18 bug: it said "outside").
// Rule (README "What is collected", dns: "inside/outside judged from which internal records answer"; helper
// rules: "could not check" is a result, never a verdict the evidence does not support): outside means no
// internal record exists; an internal record that timed out / got SERVFAIL / REFUSED / no route may exist,
// so with only external records answering the location is unknown. A broken CNAME chain (loop, too long)
// is a known "no" (the name has no address), so it does not block "outside". Expected values written first.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { judgeDnsSection, judgeLocation } from '../../../../main/collect/dns';
import type { DnsNameResolution, DnsOutcome, DnsSection, SrvResolution } from '../../../../main/model/dns';
import { name, srv } from '../../../helpers/snapshot';

const A = ['192.0.2.1'];
const ext = [name('lyncdiscover', 'lyncdiscover.contoso.com', A), name('sip', 'sip.contoso.com', A)];
const extSrv = srv('sip-tls', '_sip._tls.contoso.com', [['sip.contoso.com', 443]]);
const int = (role: 'lyncdiscoverinternal' | 'sipinternal', outcome: DnsOutcome, extra: Partial<DnsNameResolution> = {}): DnsNameResolution => ({ ...name(role, `${role}.contoso.com`, [], [], { outcome }), ...extra });
const intSrv = (outcome: DnsOutcome): SrvResolution => ({ role: 'sipinternaltls', name: '_sipinternaltls._tcp.contoso.com', outcome, records: [] });

const CANNOT_ASK: readonly DnsOutcome[] = ['timeout', 'servfail', 'refused', 'unreachable', 'error'];
const KNOWN_NO: readonly DnsOutcome[] = ['nxdomain', 'nodata'];

for (const o of CANNOT_ASK) {
  test(`external records answer, lyncdiscoverinternal ${o}: unknown, not outside`, () => {
    assert.deepEqual(judgeLocation([...ext, int('lyncdiscoverinternal', o), int('sipinternal', 'nxdomain')], [extSrv, intSrv('nxdomain')]), {
      location: 'unknown',
      reason: 'only external records answer (lyncdiscover, sip, _sip._tls), but the internal records lyncdiscoverinternal could not be asked',
    });
  });
  test(`external records answer, sipinternal and _sipinternaltls._tcp ${o}: unknown, both named`, () => {
    assert.deepEqual(judgeLocation([...ext, int('lyncdiscoverinternal', 'nodata'), int('sipinternal', o)], [intSrv(o)]), {
      location: 'unknown',
      reason: 'only external records answer (lyncdiscover, sip), but the internal records sipinternal, _sipinternaltls._tcp could not be asked',
    });
  });
  test(`an external record that could not be asked (${o}) does not block outside`, () => {
    const r = judgeLocation([...ext, int('lyncdiscoverinternal', 'nxdomain'), int('sipinternal', 'nxdomain'), { ...name('sipexternal', 'sipexternal.contoso.com', [], [], { outcome: o }) }], [intSrv('nodata'), { role: 'sip-tls', name: '_sip._tls.contoso.com', outcome: o, records: [] }]);
    assert.equal(r.location, 'outside');
  });
}

for (const o of KNOWN_NO) {
  test(`every internal record a known no (${o}): outside`, () => {
    assert.deepEqual(judgeLocation([...ext, int('lyncdiscoverinternal', o), int('sipinternal', o)], [extSrv, intSrv(o)]), {
      location: 'outside',
      reason: 'only external records answer (lyncdiscover, sip, _sip._tls); no internal record does',
    });
  });
}

test('an internal name with a CNAME loop / too-long chain is a known no: outside', () => {
  for (const chainProblem of ['loop', 'too-long'] as const) {
    assert.equal(judgeLocation([...ext, int('lyncdiscoverinternal', 'error', { chainProblem }), int('sipinternal', 'nxdomain')], [intSrv('nxdomain')]).location, 'outside', chainProblem);
  }
});

test('an internal record answering still means inside, even when another internal one could not be asked', () => {
  assert.deepEqual(judgeLocation([...ext, name('sipinternal', 'sipinternal.contoso.com', A), int('lyncdiscoverinternal', 'timeout')], [intSrv('servfail')]), { location: 'inside', reason: 'internal records answer: sipinternal' });
});

test('the section sentence says the location is unknown and why', () => {
  const names = [...ext, int('lyncdiscoverinternal', 'timeout'), int('sipinternal', 'nxdomain')];
  const srvs = [extSrv, intSrv('nxdomain')];
  const { location, reason } = judgeLocation(names, srvs);
  const data: DnsSection = {
    domain: 'contoso.com', server: null, names, srv: srvs, srvTargets: [], location, locationReason: reason,
    queries: [
      { name: 'lyncdiscover.contoso.com', type: 'A', outcome: 'answer', answers: A, durationMs: 1 },
      { name: 'lyncdiscoverinternal.contoso.com', type: 'A', outcome: 'timeout', answers: [], durationMs: 1 },
    ],
  };
  const s = judgeDnsSection(data, 1000);
  assert.equal(s.status, 'partial');
  assert.match(s.message, /network location unknown \(only external records answer \(lyncdiscover, sip, _sip\._tls\), but the internal records lyncdiscoverinternal could not be asked\)$/);
  assert.doesNotMatch(s.message, /outside the corporate network/);
});
