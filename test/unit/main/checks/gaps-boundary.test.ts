// Boundary table for LD-GAP-001 (README "Could not check is a result"): a section whose status is partial, error
// or timeout is a gap (ok and not-applicable are not); a dns section is a gap whenever any query could not be asked
// (SERVFAIL, REFUSED, timeout, unreachable, error), even when an older bundle recorded it as ok; when only some
// queries failed, the finding names those records (at most 5, then "and N more"). When DNS is among the gaps its
// reason is the reason given (nothing else can be probed without names). One finding, one evidence line per gap.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { collectionGap, collectionGaps } from '../../../../main/checks/gaps';
import type { DnsQuery, DnsSection } from '../../../../main/model/dns';
import type { CollectorStatus } from '../../../../main/model/status';
import { baseSnapshot, NOW } from '../../../helpers/snapshot';

const env = { now: NOW };
const E = (label: string, value: string) => ({ label, value });
const q = (name: string, outcome: DnsQuery['outcome']): DnsQuery => ({ name, type: 'A', outcome, answers: [], durationMs: 1 });
const dnsData = (queries: DnsQuery[]): DnsSection => ({ domain: 'contoso.com', server: '127.0.0.1:9', names: [], srv: [], srvTargets: [], location: 'unknown', locationReason: 'r', queries });
const section = (status: CollectorStatus, message = `${status} message`, data?: unknown) => ({ status, message, durationMs: 1, ...(data ? { data } : {}) }) as never;
const TAIL = ' Checks that need these facts were not run, so no finding about them means nothing either way; fix the cause and diagnose again.';

test('LD-GAP-001 is an error by default', () => assert.equal(collectionGap.severity, 'error'));

// status of a non-DNS section → [evidence label, or null = no gap]
const STATUS: ReadonlyArray<readonly [CollectorStatus, string | null]> = [
  ['ok', null],
  ['not-applicable', null],
  ['partial', 'sip (partly collected)'],
  ['error', 'sip (could not be collected)'],
  ['timeout', 'sip (timed out)'],
];
for (const [status, label] of STATUS) {
  test(`LD-GAP-001 sip section ${status} → ${label ? 'error' : 'pass'}`, () => {
    const f = collectionGap.evaluate(baseSnapshot({ sip: section(status, 'No SIP server answered in time') }), env);
    if (!label) return assert.deepEqual(f, []);
    assert.equal(f.length, 1);
    assert.equal(f[0]!.severity ?? collectionGap.severity, 'error');
    assert.equal(f[0]!.message, `Not everything could be checked (missing: the SIP servers' answer to a sign-in REGISTER). sip: No SIP server answered in time.${TAIL}`);
    assert.deepEqual(f[0]!.evidence, [E(label, 'No SIP server answered in time')]);
  });
}

// dns queries (section status ok, as older bundles recorded it) → [status of the gap, facts named] or null
const names = (n: number) => Array.from({ length: n }, (_, i) => `h${i}.contoso.com`);
const DNS: ReadonlyArray<readonly [string, DnsQuery[], null | readonly ['partial', string, string]]> = [
  ['every query answered (answer, NXDOMAIN, NODATA)', [q('a.contoso.com', 'answer'), q('b.contoso.com', 'nxdomain'), q('c.contoso.com', 'nodata')], null],
  ['no query at all', [], null],
  ['1 of 2 timed out', [q('a.contoso.com', 'answer'), q('b.contoso.com', 'timeout')], ['partial', 'the DNS records of b.contoso.com', '1 of 2 DNS queries could not be asked: 127.0.0.1:9 did not answer in time for 1 of 2 queries']],
  ['each failure kind counts (SERVFAIL)', [q('a.contoso.com', 'nxdomain'), q('b.contoso.com', 'servfail')], ['partial', 'the DNS records of b.contoso.com', '1 of 2 DNS queries could not be asked: 127.0.0.1:9 answered SERVFAIL (it could not resolve the name) for 1 of 2 queries']],
  ['the same name failing twice (A and AAAA) is named once', [q('a.contoso.com', 'answer'), q('b.contoso.com', 'refused'), q('b.contoso.com', 'refused')], ['partial', 'the DNS records of b.contoso.com', '2 of 3 DNS queries could not be asked: 127.0.0.1:9 answered REFUSED (it will not resolve for this PC) for 2 of 3 queries']],
  ['5 names failed: all listed', [q('ok.contoso.com', 'answer'), ...names(5).map((n) => q(n, 'error'))], ['partial', `the DNS records of ${names(5).join(', ')}`, '5 of 6 DNS queries could not be asked: 127.0.0.1:9 failed for 5 of 6 queries']],
  ['6 names failed: 5 listed and 1 more', [q('ok.contoso.com', 'answer'), ...names(6).map((n) => q(n, 'error'))], ['partial', `the DNS records of ${names(5).join(', ')} and 1 more`, '6 of 7 DNS queries could not be asked: 127.0.0.1:9 failed for 6 of 7 queries']],
  ['every query failed: the whole discovery is named', [q('a.contoso.com', 'unreachable'), q('b.contoso.com', 'unreachable')], ['partial', 'the Lync discovery records (lyncdiscover, SIP SRV, sip hosts)', '2 of 2 DNS queries could not be asked: 127.0.0.1:9 refused the connection (nothing listens there) for every query']],
];
for (const [label, queries, want] of DNS) {
  test(`LD-GAP-001 dns (recorded ok): ${label} → ${want ? 'error' : 'pass'}`, () => {
    const s = baseSnapshot({ dns: section('ok', 'recorded ok', dnsData(queries)) });
    const gaps = collectionGaps(s);
    const f = collectionGap.evaluate(s, env);
    if (!want) return assert.deepEqual([gaps, f], [[], []]);
    const [status, facts, why] = want;
    assert.deepEqual(gaps, [{ section: 'dns', status, facts, why }]);
    assert.equal(f[0]!.message, `Not everything could be checked (missing: ${facts}). ${why}.${TAIL}`);
    assert.deepEqual(f[0]!.evidence, [E('dns (partly collected)', why)]);
  });
}

test('LD-GAP-001 dns whose status is itself a gap: its own message is the reason, even with every query answered', () => {
  const s = baseSnapshot({ dns: section('timeout', 'DNS did not finish before the deadline.', dnsData([q('a.contoso.com', 'answer')])) });
  assert.deepEqual(collectionGaps(s), [{ section: 'dns', status: 'timeout', facts: 'the Lync discovery records (lyncdiscover, SIP SRV, sip hosts)', why: 'DNS did not finish before the deadline.' }]);
  assert.deepEqual(collectionGap.evaluate(s, env)[0]!.evidence, [E('dns (timed out)', 'DNS did not finish before the deadline.')]);
  assert.deepEqual(collectionGaps(baseSnapshot({ dns: section('error', 'DNS failed') })), [{ section: 'dns', status: 'error', facts: 'the Lync discovery records (lyncdiscover, SIP SRV, sip hosts)', why: 'DNS failed' }], 'no data at all');
  assert.deepEqual(collectionGaps(baseSnapshot({ dns: section('not-applicable', 'n/a') })), []);
});

test('LD-GAP-001 several gaps: every one named, in section order; with DNS among them DNS alone is the reason', () => {
  const withDns = baseSnapshot({ dns: section('error', 'DNS refused'), tls: section('error', 'nothing to probe'), clock: section('partial', 'one Date header') });
  const [f] = collectionGap.evaluate(withDns, env);
  assert.equal(f!.message, `Not everything could be checked (missing: the Lync discovery records (lyncdiscover, SIP SRV, sip hosts); the server certificates and TLS versions; the local clock against the servers'). DNS refused.${TAIL}`);
  assert.deepEqual(f!.evidence, [E('dns (could not be collected)', 'DNS refused'), E('tls (could not be collected)', 'nothing to probe'), E('clock (partly collected)', 'one Date header')]);
  const noDns = baseSnapshot({ certificates: section('partial', 'LyncCertStore denied'), policy: section('error', 'reg.exe missing'), logs: section('ok') });
  const [g] = collectionGap.evaluate(noDns, env);
  assert.equal(g!.message, `Not everything could be checked (missing: the certificates in the user's stores; the Lync policy registry values). certificates: LyncCertStore denied; policy: reg.exe missing.${TAIL}`);
});

test('LD-GAP-001 every section has its own words; an unknown section is named by its id', () => {
  const WORDS: Record<string, string> = {
    proxy: 'the proxy settings and the route per endpoint',
    proxyAuth: 'what the proxy answers for each endpoint',
    autodiscover: 'the lyncdiscover (autodiscover) answer',
    logs: 'the client log files',
  };
  for (const [id, words] of Object.entries(WORDS)) assert.equal(collectionGaps(baseSnapshot({ [id]: section('error', 'x') } as never))[0]!.facts, words, id);
  assert.equal(collectionGaps(baseSnapshot({ futureThing: section('error', 'x') } as never))[0]!.facts, 'the futureThing facts');
});
