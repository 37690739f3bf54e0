// Boundary tables for LD-AUTO-001 (lyncdiscover gives no usable answer) and LD-AUTO-002 (links outside
// the SIP domain; SFB-KI-012 trust model). Rules from README "Network path" and the articles.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { autodiscoverFailed, autodiscoverForeignLinks, DEFAULT_TRUSTED_DOMAINS } from '../../../../main/checks/autodiscover';
import type { Check, FindingDraft } from '../../../../main/checks/types';
import type { AutodiscoverAttempt } from '../../../../main/model/autodiscover';
import { attempt, ok } from '../../../helpers/network-snapshot';
import { baseSnapshot, NOW } from '../../../helpers/snapshot';

const env = { now: NOW };
const sev = (c: Check, d: FindingDraft) => d.severity ?? c.severity;
const snap = (attempts: AutodiscoverAttempt[], status: 'ok' | 'timeout' | 'error' = 'ok', sipAddress = 'alice@contoso.com') =>
  baseSnapshot({ autodiscover: status === 'ok' ? ok<'autodiscover'>({ sipAddress, attempts }) : { status, message: 'm', durationMs: 1, data: { sipAddress, attempts } } });
const internal = (over: Partial<AutodiscoverAttempt> = {}) => attempt({ role: 'lyncdiscoverinternal', url: 'https://lyncdiscoverinternal.contoso.com/?sipuri=alice@contoso.com', ...over });
const bad = (over: Partial<AutodiscoverAttempt> = {}) => attempt({ outcome: 'http-error', status: 500, userUrl: null, links: [], message: 'HTTP 500 Internal Server Error', ...over });

test('default severities: LD-AUTO-001 error, LD-AUTO-002 warning', () => {
  assert.deepEqual([autodiscoverFailed.severity, autodiscoverForeignLinks.severity], ['error', 'warning']);
});

// attempts → severities of LD-AUTO-001 findings (one per failed attempt)
const A001: ReadonlyArray<readonly [string, () => AutodiscoverAttempt[], Array<'error' | 'warning'>]> = [
  ['both usable', () => [internal(), attempt()], []],
  ['external usable, internal not resolved', () => [internal({ outcome: 'not-resolved', userUrl: null }), attempt()], []],
  ['both not resolved (LD-DNS reports it)', () => [internal({ outcome: 'not-resolved', userUrl: null }), attempt({ outcome: 'not-resolved', userUrl: null })], []],
  ['external HTTP 500, internal not resolved', () => [internal({ outcome: 'not-resolved', userUrl: null }), bad()], ['error']],
  ['external HTTP 500, internal usable', () => [internal(), bad()], ['warning']],
  ['external ok but no User link, nothing else usable', () => [attempt({ userUrl: null })], ['error']],
  ['both fail', () => [internal({ outcome: 'timeout', userUrl: null, message: 'no answer within 3 s' }), bad()], ['error', 'error']],
  ['no attempts', () => [], []],
];
for (const [label, make, want] of A001) {
  test(`LD-AUTO-001 ${label} → ${want.join('+') || 'pass'}`, () => {
    const list = make();
    const f = autodiscoverFailed.evaluate(snap(list), env);
    assert.deepEqual(f.map((d) => sev(autodiscoverFailed, d)), want);
    const failed = list.filter((a) => a.outcome !== 'not-resolved' && !(a.outcome === 'ok' && a.userUrl));
    f.forEach((d, i) => {
      const a = failed[i]!;
      const why = a.outcome === 'ok' ? 'the answer has no User link' : a.message;
      assert.ok(d.message.startsWith(`${a.role}: ${why}.`), d.message);
      assert.equal(d.message.includes('only clients that use'), want[i] === 'warning');
      assert.deepEqual(d.evidence[0], { label: 'URL', value: a.url });
      assert.deepEqual(d.evidence[1], { label: 'outcome', value: a.outcome });
    });
  });
}

test('LD-AUTO-001 evidence: status, redirect hops and proxy only when present', () => {
  const [f] = autodiscoverFailed.evaluate(snap([bad({ hops: ['https://a/', 'https://b/'], via: 'proxy.contoso.com:8080' })]), env);
  assert.deepEqual(f!.evidence.map((e) => e.label), ['URL', 'outcome', 'HTTP status', 'requests', 'through proxy', 'detail']);
  assert.equal(f!.evidence[3]!.value, 'https://a/ → https://b/');
  const [g] = autodiscoverFailed.evaluate(snap([bad({ status: null, outcome: 'timeout' })]), env);
  assert.deepEqual(g!.evidence.map((e) => e.label), ['URL', 'outcome', 'detail']);
  // a partial (timeout) section is judged; an error section is not
  assert.equal(autodiscoverFailed.evaluate(snap([bad()], 'timeout'), env).length, 1);
  assert.deepEqual(autodiscoverFailed.evaluate(snap([bad()], 'error'), env), []);
  assert.deepEqual(autodiscoverFailed.evaluate(baseSnapshot(), env), []);
});

// link host → foreign? (SIP domain contoso.com)
const HOSTS: ReadonlyArray<readonly [string, boolean]> = [
  ['webext.contoso.com', false],
  ['contoso.com', false],
  ['WEBEXT.CONTOSO.COM', false],
  ['webext.contoso.com.', false],
  ['notcontoso.com', true],
  ['contoso.com.evil.net', true],
  ['webext.contoso.net', true],
  ['webdir.online.lync.com', false],
  ['lync.com', false],
  ['pool.outlook.com', false],
  ['x.lync.glbdns.microsoft.com', false],
  ['login.microsoftonline.com', false],
  ['evil-lync.com', true],
  ['microsoft.com', true],
];
for (const [h, foreign] of HOSTS) {
  test(`LD-AUTO-002 link host ${h} → ${foreign ? 'warning' : 'pass'}`, () => {
    const a = attempt({ links: [{ token: 'User', href: `https://${h}/Autodiscover/AutodiscoverService.svc/root/user` }] });
    const f = autodiscoverForeignLinks.evaluate(snap([a]), env);
    if (!foreign) return assert.deepEqual(f, []);
    assert.equal(f.length, 1);
    assert.equal(sev(autodiscoverForeignLinks, f[0]!), 'warning');
    assert.ok(f[0]!.message.startsWith(`lyncdiscover for contoso.com returns links to ${h.toLowerCase()}, outside contoso.com;`), f[0]!.message);
    assert.deepEqual(f[0]!.evidence, [{ label: 'SIP domain', value: 'contoso.com' }, { label: 'link hosts outside it', value: h.toLowerCase() }, { label: 'link User', value: a.links[0]!.href }]);
  });
}

test('LD-AUTO-002: the trusted list; only ok attempts; the domain comes from the SIP address; at most 6 links in evidence', () => {
  assert.deepEqual(DEFAULT_TRUSTED_DOMAINS, ['lync.com', 'outlook.com', 'lync.glbdns.microsoft.com', 'microsoftonline.com']);
  const foreign = [{ token: 'User', href: 'https://pool.fabrikam.com/x' }];
  assert.deepEqual(autodiscoverForeignLinks.evaluate(snap([attempt({ outcome: 'http-error', links: foreign })]), env), []);
  assert.deepEqual(autodiscoverForeignLinks.evaluate(snap([attempt({ links: foreign })], 'ok', 'bob@fabrikam.com'), env), []);
  const many = Array.from({ length: 8 }, (_, i) => ({ token: `t${i}`, href: `https://h${i}.fabrikam.com/` }));
  const [f] = autodiscoverForeignLinks.evaluate(snap([attempt({ links: many })]), env);
  assert.equal(f!.evidence.length, 2 + 6);
  assert.equal(f!.evidence[1]!.value, many.map((_, i) => `h${i}.fabrikam.com`).join(', '));
  assert.equal(autodiscoverForeignLinks.evaluate(snap([attempt({ links: foreign }), internal({ links: foreign })]), env).length, 2);
  assert.deepEqual(autodiscoverForeignLinks.evaluate(snap([attempt({ links: foreign })], 'error'), env), []);
});

test('LD-AUTO-001: an attempt that failed but kept a User link is not usable; the warning names who answers', () => {
  const failedWithLink = internal({ outcome: 'http-error', status: 502, message: 'HTTP 502 Bad Gateway' });
  assert.ok(failedWithLink.userUrl);
  const f = autodiscoverFailed.evaluate(snap([failedWithLink, attempt({ outcome: 'not-resolved', userUrl: null })]), env);
  assert.deepEqual(f.map((d) => sev(autodiscoverFailed, d)), ['error']);
  assert.equal(f[0]!.message, 'lyncdiscoverinternal: HTTP 502 Bad Gateway. Mobile, Windows Store and newer desktop clients cannot discover the pool this way.');
  const [w] = autodiscoverFailed.evaluate(snap([failedWithLink, attempt()]), env);
  assert.equal(w!.message, 'lyncdiscoverinternal: HTTP 502 Bad Gateway. (lyncdiscover answers, so only clients that use lyncdiscoverinternal are affected.)');
});

test('LD-AUTO-002: a SIP address written with a trailing dot; the full message', () => {
  assert.deepEqual(autodiscoverForeignLinks.evaluate(snap([attempt()], 'ok', 'alice@contoso.com.'), env), []);
  const [f] = autodiscoverForeignLinks.evaluate(snap([attempt({ links: [{ token: 'User', href: 'https://pool.fabrikam.com/x' }] })]), env);
  assert.equal(f!.message, 'lyncdiscover for contoso.com returns links to pool.fabrikam.com, outside contoso.com; Lync shows "cannot verify that the server is trusted for your sign-in address" unless the server domain is in the TrustModelData policy.');
});
