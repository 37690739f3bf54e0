/** Root-cause correlation: merging per-endpoint repeats, folding consequences by the rule table, roots first. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ALL_CHECKS } from '../../../../main/checks';
import { CAUSE_RULES, correlate, foldConsequences, hostsIn, mergeRepeats } from '../../../../main/checks/correlate';
import { runChecks } from '../../../../main/checks/run';
import { mostLikelyCause, rootsFirst, type Finding } from '../../../../main/model/finding';
import type { Snapshot } from '../../../../main/model/snapshot';
import { fixture } from '../../../helpers/fixtures';

/**
 * Recorded run (real collectors, CLI --json) against a DNS lab serving healthyZone('contoso.com') on
 * loopback with nothing listening on any named server: DNS is fine, every connection is refused.
 * Expected (written down before the correlation existed, from reading the findings): one cause — the
 * servers do not accept connections — at 5 endpoints; both LD-AUTO-001 and LD-SIP-001 are its
 * consequences (every host they tried is one of the refused endpoints).
 */
const recorded = JSON.parse(fixture('correlate', 'servers-not-listening.json')) as { snapshot: Snapshot; findings: Finding[] };

const f = (checkId: string, over: Partial<Finding> = {}): Finding => ({
  checkId,
  severity: 'error',
  title: checkId,
  message: `${checkId} message`,
  evidence: [],
  articleId: 'a',
  research: [],
  fix: 'fix',
  sections: [],
  ...over,
});

test('recorded "servers not listening": the old per-endpoint findings merge and fold into one root', () => {
  assert.deepEqual(recorded.findings.map((x) => x.checkId), ['LD-AUTO-001', 'LD-AUTO-001', 'LD-SIP-001', 'LD-TLS-009', 'LD-TLS-009', 'LD-TLS-009', 'LD-TLS-009', 'LD-TLS-009']);
  const out = correlate(recorded.findings);
  assert.deepEqual(out.map((x) => [x.checkId, x.causedBy ?? null]), [
    ['LD-TLS-009', null],
    ['LD-AUTO-001', 'LD-TLS-009'],
    ['LD-SIP-001', 'LD-TLS-009'],
  ]);
  assert.deepEqual(out[0]!.affected, ['lyncdiscoverinternal.contoso.com:443', 'lyncdiscover.contoso.com:443', 'sipinternal.contoso.com:5061', 'sip.contoso.com:443', 'pool01.contoso.com:5061']);
  assert.equal(out[1]!.affected?.length, 2, 'both autodiscover attempts in one finding');
  const cause = mostLikelyCause(out);
  assert.equal(cause?.checkId, 'LD-TLS-009');
  assert.equal(cause?.consequences, 2);
  assert.equal(cause?.line, 'Most likely cause: Discovered Lync endpoint cannot be reached over TLS (LD-TLS-009) at 5 endpoints; it explains 2 other findings.');
});

test('recorded snapshot through today\'s checks: one LD-TLS-009 listing every endpoint, consequences folded', () => {
  const run = runChecks(recorded.snapshot, ALL_CHECKS, () => undefined, { now: new Date(recorded.snapshot.createdAt) });
  assert.deepEqual(run.findings.map((x) => [x.checkId, x.severity, x.causedBy ?? null]), [
    ['LD-TLS-009', 'error', null],
    ['LD-AUTO-001', 'error', 'LD-TLS-009'],
    ['LD-SIP-001', 'error', 'LD-TLS-009'],
  ]);
  assert.equal(run.findings[0]!.affected?.length, 5);
  assert.match(run.findings[0]!.message, /^No discovered endpoint completed a TLS handshake \(5 tried\)/);
});

test('mergeRepeats: exact duplicates collapse; same check at several endpoints becomes one finding with affected', () => {
  const a = f('LD-TLS-004', { message: 'a:443 untrusted.', evidence: [{ label: 'endpoint', value: 'a.contoso.com:443' }] });
  const b = f('LD-TLS-004', { message: 'b:443 untrusted.', evidence: [{ label: 'endpoint', value: 'b.contoso.com:443' }] });
  assert.equal(mergeRepeats([a, a]).length, 1, 'identical findings deduplicated');
  const [m, ...rest] = mergeRepeats([a, b, f('LD-DNS-001')]);
  assert.equal(rest.length, 1);
  assert.deepEqual(m!.affected, ['a.contoso.com:443', 'b.contoso.com:443']);
  assert.equal(m!.message, 'Seen at 2 endpoints: a:443 untrusted. b:443 untrusted.');
  assert.equal(m!.evidence.length, 2);
  // different severities stay apart (a warning is not the same finding as an error)
  assert.equal(mergeRepeats([a, { ...b, severity: 'warning' }]).length, 2);
  // findings without one endpoint are never merged
  assert.equal(mergeRepeats([f('LD-CERT-001', { message: 'x' }), f('LD-CERT-001', { message: 'y' })]).length, 2);
});

/** Table: [root, consequence, does the consequence get causedBy?] */
const CASES: ReadonlyArray<{ name: string; findings: Finding[]; expect: Array<[string, string | null]> }> = [
  {
    name: 'TLS-009 covers every host AUTO-001 tried → folded',
    findings: [f('LD-TLS-009', { evidence: [{ label: 'endpoint', value: 'lyncdiscover.contoso.com:443' }] }), f('LD-AUTO-001', { evidence: [{ label: 'URL', value: 'https://lyncdiscover.contoso.com/?sipuri=alice@contoso.com' }] })],
    expect: [['LD-TLS-009', null], ['LD-AUTO-001', 'LD-TLS-009']],
  },
  {
    name: 'TLS-009 at another host → AUTO-001 stays a root of its own',
    findings: [f('LD-TLS-009', { evidence: [{ label: 'endpoint', value: 'sip.contoso.com:443' }] }), f('LD-AUTO-001', { evidence: [{ label: 'URL', value: 'https://lyncdiscover.contoso.com/' }] })],
    expect: [['LD-AUTO-001', null], ['LD-TLS-009', null]],
  },
  {
    name: 'SIP-001 tried two hosts, only one is refused over TLS → not folded (the other host is unexplained)',
    findings: [f('LD-TLS-009', { evidence: [{ label: 'endpoint', value: 'sip.contoso.com:443' }] }), f('LD-SIP-001', { evidence: [{ label: 'server', value: 'sip.contoso.com:443 (srv)' }, { label: 'server', value: 'pool.contoso.com:5061 (srv)' }] })],
    expect: [['LD-SIP-001', null], ['LD-TLS-009', null]],
  },
  {
    name: 'chain DNS-005 → TLS-009 → SIP-001: every consequence points at the top root',
    findings: [
      f('LD-DNS-005', { evidence: [{ label: 'SRV record', value: '_sip._tls.contoso.com → sip.contoso.com:443' }] }),
      f('LD-TLS-009', { severity: 'warning', evidence: [{ label: 'endpoint', value: 'sip.contoso.com:443' }] }),
      f('LD-SIP-001', { evidence: [{ label: 'server', value: 'sip.contoso.com:443 (srv)' }] }),
    ],
    expect: [['LD-DNS-005', null], ['LD-SIP-001', 'LD-DNS-005'], ['LD-TLS-009', 'LD-DNS-005']],
  },
  {
    name: '"any" link: certificate provisioning failing explains the missing TLS-DSK certificate',
    findings: [f('LD-SIP-004'), f('LD-SIP-013', { severity: 'warning' })],
    expect: [['LD-SIP-013', null], ['LD-SIP-004', 'LD-SIP-013']],
  },
  {
    name: 'a consequence without any host evidence is never folded by a host rule',
    findings: [f('LD-TLS-009', { evidence: [{ label: 'endpoint', value: 'sip.contoso.com:443' }] }), f('LD-SIP-001')],
    expect: [['LD-SIP-001', null], ['LD-TLS-009', null]],
  },
  {
    name: 'unrelated findings: nothing folded',
    findings: [f('LD-MOB-001', { severity: 'warning' }), f('LD-PUSH-001')],
    expect: [['LD-PUSH-001', null], ['LD-MOB-001', null]],
  },
];

for (const c of CASES) {
  test(`correlate: ${c.name}`, () => {
    assert.deepEqual(correlate(c.findings).map((x) => [x.checkId, x.causedBy ?? null]), c.expect);
  });
}

test('a root that explains an error ranks above a lone warning even when it is a warning itself', () => {
  const out = rootsFirst(foldConsequences([f('LD-MOB-001', { severity: 'warning' }), f('LD-SIP-013', { severity: 'warning' }), f('LD-SIP-004')]));
  assert.deepEqual(out.map((x) => x.checkId), ['LD-SIP-013', 'LD-MOB-001', 'LD-SIP-004']);
  assert.equal(mostLikelyCause(out)?.line, 'Most likely cause: LD-SIP-013 (LD-SIP-013); it explains 1 other finding.');
});

test('mostLikelyCause: none for no findings or only info', () => {
  assert.equal(mostLikelyCause([]), undefined);
  assert.equal(mostLikelyCause([f('LD-TLS-008', { severity: 'info' })]), undefined);
});

test('the rule table has no cycle and names only registered checks', () => {
  const ids = new Set(ALL_CHECKS.map((c) => c.id));
  for (const r of CAUSE_RULES) {
    assert.ok(ids.has(r.root), r.root);
    assert.ok(ids.has(r.consequence), r.consequence);
  }
  const next = (id: string): string[] => CAUSE_RULES.filter((r) => r.root === id).map((r) => r.consequence);
  const visit = (id: string, path: string[]): void => {
    assert.ok(!path.includes(id), `cycle ${[...path, id].join(' → ')}`);
    for (const n of next(id)) visit(n, [...path, id]);
  };
  for (const r of CAUSE_RULES) visit(r.root, []);
});

test('hostsIn picks host names and IPv4 addresses, not ports or paths', () => {
  assert.deepEqual(hostsIn('https://lyncdiscover.contoso.com/x 127.0.10.10:443 alice@contoso.com'), ['lyncdiscover.contoso.com', '127.0.10.10', 'contoso.com']);
});

// A rule cycle (A caused by B caused by A) has no root: the rule "fold a consequence under its cause" cannot
// hide every member of the cycle under another (nothing would be shown as the cause). Expected, written
// before the fix: cycle members stay roots; a finding whose chain runs into the cycle points at the cycle
// member it reaches first; chains outside a cycle still point at their top root.
const rule = (root: string, consequence: string) => ({ root, consequence, link: 'any' as const, why: 'test' });
const CYCLES: ReadonlyArray<{ name: string; rules: ReturnType<typeof rule>[]; ids: string[]; expect: Record<string, string | null> }> = [
  { name: 'A ↔ B', rules: [rule('X-A', 'X-B'), rule('X-B', 'X-A')], ids: ['X-A', 'X-B'], expect: { 'X-A': null, 'X-B': null } },
  { name: 'A → B → C → A', rules: [rule('X-A', 'X-B'), rule('X-B', 'X-C'), rule('X-C', 'X-A')], ids: ['X-A', 'X-B', 'X-C'], expect: { 'X-A': null, 'X-B': null, 'X-C': null } },
  { name: 'D caused by A, A ↔ B', rules: [rule('X-A', 'X-D'), rule('X-A', 'X-B'), rule('X-B', 'X-A')], ids: ['X-D', 'X-A', 'X-B'], expect: { 'X-D': 'X-A', 'X-A': null, 'X-B': null } },
  { name: 'E ← D ← A, A ↔ B', rules: [rule('X-D', 'X-E'), rule('X-A', 'X-D'), rule('X-A', 'X-B'), rule('X-B', 'X-A')], ids: ['X-E', 'X-D', 'X-A', 'X-B'], expect: { 'X-E': 'X-A', 'X-D': 'X-A', 'X-A': null, 'X-B': null } },
  { name: 'no cycle: C ← B ← A', rules: [rule('X-A', 'X-B'), rule('X-B', 'X-C')], ids: ['X-C', 'X-B', 'X-A'], expect: { 'X-C': 'X-A', 'X-B': 'X-A', 'X-A': null } },
  { name: 'no cycle: B ← A only', rules: [rule('X-A', 'X-B')], ids: ['X-B', 'X-A'], expect: { 'X-B': 'X-A', 'X-A': null } },
];
for (const c of CYCLES) {
  test(`foldConsequences with a rule cycle: ${c.name}`, () => {
    const out = foldConsequences(c.ids.map((id) => f(id)), c.rules);
    assert.deepEqual(Object.fromEntries(out.map((x) => [x.checkId, x.causedBy ?? null])), c.expect);
    const shown = correlate(c.ids.map((id) => f(id)), c.rules).filter((x) => !x.causedBy);
    assert.ok(shown.length > 0, 'at least one finding is shown as a root');
  });
}

test('two findings of one check under a self rule (X → X at two hosts) are not folded under each other', () => {
  const out = foldConsequences([f('X-A', { message: 'one' }), f('X-A', { message: 'two' })], [rule('X-A', 'X-A')]);
  assert.deepEqual(out.map((x) => x.causedBy ?? null), [null, null]);
});
