import assert from 'node:assert/strict';
import { test } from 'node:test';
import { collectionGap, collectionGaps } from '../../../../main/checks/gaps';
import { judgeDnsSection } from '../../../../main/collect/dns';
import { buildTimeline } from '../../../../main/sip/timeline';
import type { DnsQuery, DnsSection } from '../../../../main/model/dns';
import { baseSnapshot, dnsSection, NOW } from '../../../helpers/snapshot';

const env = { now: NOW };
const q = (name: string, outcome: DnsQuery['outcome']): DnsQuery => ({ name, type: 'A', outcome, answers: outcome === 'answer' ? ['10.0.0.1'] : [], durationMs: 1 });
const data = (queries: DnsQuery[], server: string | null = '127.0.0.1:9'): DnsSection => ({ domain: 'contoso.com', server, names: [], srv: [], srvTargets: [], location: 'unknown', locationReason: 'no discovery record answered, and some could not be asked', queries });

test('judgeDnsSection: every query refused by a closed port → error with the plain reason', () => {
  const r = judgeDnsSection(data([q('a', 'unreachable'), q('b', 'unreachable')]), 3000);
  assert.equal(r.status, 'error');
  assert.equal(r.message, "DNS could not be asked: 127.0.0.1:9 refused the connection (nothing listens there) for every query — check the PC's DNS settings or VPN, or pass --dns-server");
});

test('judgeDnsSection: silence → timeout; REFUSED / SERVFAIL everywhere → error; some failures → partial; all answered → ok', () => {
  assert.equal(judgeDnsSection(data([q('a', 'timeout')]), 800).status, 'timeout');
  assert.match(judgeDnsSection(data([q('a', 'timeout')]), 800).message, /no answer from 127\.0\.0\.1:9 within 800 ms/);
  assert.match(judgeDnsSection(data([q('a', 'refused'), q('b', 'refused')]), 800).message, /answered REFUSED .* for every query/);
  assert.equal(judgeDnsSection(data([q('a', 'servfail'), q('b', 'servfail')]), 800).status, 'error');
  const partial = judgeDnsSection(data([q('a', 'answer'), q('b', 'nxdomain'), q('c', 'servfail')]), 800);
  assert.equal(partial.status, 'partial');
  assert.equal(partial.message, '1/3 queries returned records; 1 could not be asked: 127.0.0.1:9 answered SERVFAIL (it could not resolve the name) for 1 of 3 queries; network location unknown (no discovery record answered, and some could not be asked)');
  const ok = judgeDnsSection({ ...data([q('a', 'answer'), q('b', 'nxdomain')], null), location: 'inside' }, 800);
  assert.deepEqual(ok, { status: 'ok', message: '1/2 queries returned records (the rest: no such record); the PC looks inside the corporate network' });
});

test('LD-GAP-001: one finding naming each missing fact and why; none without gaps', () => {
  const dns = { status: 'error' as const, message: 'DNS could not be asked: 127.0.0.1:9 refused …', durationMs: 3, data: data([q('a', 'unreachable')]) };
  const sip = { status: 'error' as const, message: 'No SIP server to probe: DNS could not be asked', durationMs: 0 };
  const s = baseSnapshot({ dns, sip, logs: { status: 'not-applicable', message: 'no --log', durationMs: 0 } });
  const f = collectionGap.evaluate(s, env);
  assert.equal(f.length, 1);
  assert.deepEqual(f[0]!.evidence.map((e) => e.label), ['dns (could not be collected)', 'sip (could not be collected)']);
  assert.equal(f[0]!.message, "Not everything could be checked (missing: the Lync discovery records (lyncdiscover, SIP SRV, sip hosts); the SIP servers' answer to a sign-in REGISTER). DNS could not be asked: 127.0.0.1:9 refused …. Checks that need these facts were not run, so no finding about them means nothing either way; fix the cause and diagnose again.");
  assert.equal(collectionGap.severity, 'error');
  assert.deepEqual(collectionGap.evaluate(baseSnapshot({ dns: dnsSection({ queries: [q('a', 'answer')] }) }), env), []);
});

test('LD-GAP-001: an older bundle whose dns section says ok but whose queries failed is re-judged as a gap', () => {
  const old = dnsSection({ server: '127.0.0.1:9', queries: [q('a', 'error'), q('b', 'error')] });
  const gaps = collectionGaps(baseSnapshot({ dns: old }));
  assert.equal(gaps.length, 1);
  assert.equal(gaps[0]!.status, 'partial');
  assert.equal(gaps[0]!.why, '2 of 2 DNS queries could not be asked: 127.0.0.1:9 failed for every query');
});

test('timeline: with DNS that could not be asked, discovery is "not observed", never "no record resolved"', () => {
  const dns = { status: 'error' as const, message: 'DNS could not be asked: 127.0.0.1:9 refused …', durationMs: 3, data: data([q('a', 'unreachable')]) };
  const step = buildTimeline(baseSnapshot({ dns })).steps.find((s) => s.id === 'discovery');
  assert.equal(step?.status, 'not-observed');
  assert.equal(step?.detail, 'DNS could not be asked, so whether the records exist is unknown: DNS could not be asked: 127.0.0.1:9 refused …');
  const answeredNo = buildTimeline(baseSnapshot({ dns: dnsSection({ queries: [q('a', 'nxdomain')] }) })).steps.find((s) => s.id === 'discovery');
  assert.equal(answeredNo?.status, 'failed');
});
