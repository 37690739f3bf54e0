// Correlation details, each from the documented rule (main/checks/correlate.ts doc comments and README "Root-cause
// correlation"): hosts rules fold a consequence only when every host it names appears in the root's evidence, any
// rules on the root's presence; query strings do not name where a finding happened; repeats of one check at
// several endpoints merge into "Seen at N endpoints" (certificates: "Seen for N certificates"), each message
// ending in one full stop; exact repeats collapse; a finding without one endpoint is never merged. Written first.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CAUSE_RULES, foldConsequences, hostsIn, mergeRepeats, whereHosts } from '../../../../main/checks/correlate';
import type { Finding } from '../../../../main/model/finding';

const f = (checkId: string, over: Partial<Finding> = {}): Finding => ({
  checkId, severity: 'error', title: checkId, message: `${checkId} message`, evidence: [], articleId: 'a', research: [], fix: 'fix', sections: [], ...over,
});
const at = (host: string) => [{ label: 'endpoint', value: `${host}:443` }];

for (const r of CAUSE_RULES) {
  test(`rule ${r.root} → ${r.consequence} (${r.link}): folded when the root is at the consequence's host${r.link === 'any' ? ' or anywhere' : ', not at another host'}`, () => {
    const same = foldConsequences([f(r.root, { evidence: at('pool.fabrikam.com') }), f(r.consequence, { evidence: at('pool.fabrikam.com') })], [r]);
    assert.equal(same[1]?.causedBy, r.root);
    const other = foldConsequences([f(r.root, { evidence: at('edge.fabrikam.com') }), f(r.consequence, { evidence: at('pool.fabrikam.com') })], [r]);
    assert.equal(other[1]?.causedBy, r.link === 'any' ? r.root : undefined);
    const noHost = foldConsequences([f(r.root), f(r.consequence)], [r]);
    assert.equal(noHost[1]?.causedBy, r.link === 'any' ? r.root : undefined, 'a consequence naming no host is folded only by an "any" rule');
    assert.ok(r.why.length > 20 && !r.why.includes('\n'), `${r.root} → ${r.consequence}: the table says why, in one line`);
  });
}

test('hosts: a consequence naming two hosts needs both in the root', () => {
  const rule = { root: 'X-R', consequence: 'X-C', link: 'hosts' as const, why: 'test' };
  const c = f('X-C', { evidence: [...at('a.fabrikam.com'), { label: 'server', value: 'b.fabrikam.com:5061' }] });
  assert.equal(foldConsequences([f('X-R', { evidence: at('a.fabrikam.com') }), c], [rule])[1]?.causedBy, undefined);
  assert.equal(foldConsequences([f('X-R', { message: 'a.fabrikam.com and b.fabrikam.com refuse' }), c], [rule])[1]?.causedBy, 'X-R', 'hosts named in the root\'s message count');
});

const WHERE: ReadonlyArray<readonly [string, Finding, readonly string[]]> = [
  ['endpoint', f('X', { evidence: [{ label: 'endpoint', value: 'sip.fabrikam.com:443' }] }), ['sip.fabrikam.com']],
  ['URL without its query', f('X', { evidence: [{ label: 'URL', value: 'https://lyncdiscover.fabrikam.com/?sipuri=kim@tailspintoys.com' }] }), ['lyncdiscover.fabrikam.com']],
  ['server', f('X', { evidence: [{ label: 'server', value: '192.0.2.7:5061 (srv)' }] }), ['192.0.2.7']],
  ['through proxy', f('X', { evidence: [{ label: 'through proxy', value: 'proxy.fabrikam.com:8080' }] }), ['proxy.fabrikam.com']],
  ['other labels do not say where', f('X', { evidence: [{ label: 'certificate', value: 'CN=sip.fabrikam.com' }, { label: 'proxy', value: 'proxy.fabrikam.com:8080' }] }), []],
  ['affected list without queries', f('X', { affected: ['https://a.fabrikam.com/x?u=b.fabrikam.com', 'c.fabrikam.com:443'] }), ['a.fabrikam.com', 'c.fabrikam.com']],
];
for (const [label, finding, hosts] of WHERE) {
  test(`whereHosts: ${label}`, () => {
    assert.deepEqual([...whereHosts(finding)], hosts);
  });
}

test('hostsIn: one-letter labels, upper case, IPv4; not a bare word', () => {
  assert.deepEqual(hostsIn('a.b.fabrikam.com X.Fabrikam.COM 10.0.0.1 pool'), ['a.b.fabrikam.com', 'x.fabrikam.com', '10.0.0.1']);
});

test('mergeRepeats: endpoints and URLs merge as "Seen at N endpoints", thumbprints as "Seen for N certificates"', () => {
  const url = (h: string, m: string) => f('LD-AUTO-001', { message: m, evidence: [{ label: 'URL', value: `https://${h}/` }] });
  const [u] = mergeRepeats([url('a.fabrikam.com', 'A failed'), url('b.fabrikam.com', '  B failed.  ')]);
  assert.equal(u!.message, 'Seen at 2 endpoints: A failed. B failed.');
  assert.deepEqual(u!.affected, ['https://a.fabrikam.com/', 'https://b.fabrikam.com/']);
  const th = (t: string) => f('LD-CERT-001', { message: `certificate ${t} expired`, evidence: [{ label: 'thumbprint', value: t }] });
  const [c] = mergeRepeats([th('AA'), th('BB'), th('CC')]);
  assert.equal(c!.message, 'Seen for 3 certificates: certificate AA expired. certificate BB expired. certificate CC expired.');
});

test('mergeRepeats: exact repeats without an endpoint collapse to one; the first of each kept in order', () => {
  const x = f('LD-CLOCK-001', { message: 'clock' });
  const y = f('LD-LOCALE-001', { message: 'locale' });
  assert.deepEqual(mergeRepeats([x, y, x, y, x]).map((g) => g.checkId), ['LD-CLOCK-001', 'LD-LOCALE-001']);
  assert.equal(mergeRepeats([x, { ...x, message: 'clock again' }]).length, 2, 'another message is another finding');
});

test('mergeRepeats: a finding of the same check without one endpoint is kept apart from the per-endpoint ones', () => {
  const e = (h: string) => f('LD-TLS-004', { message: `${h} untrusted`, evidence: at(h) });
  const none = f('LD-TLS-004', { message: 'no endpoint', evidence: [] });
  const two = f('LD-TLS-004', { message: 'two endpoints', evidence: [...at('c.fabrikam.com'), ...at('d.fabrikam.com')] });
  const out = mergeRepeats([none, e('a.fabrikam.com'), two, e('b.fabrikam.com')]);
  assert.deepEqual(out.map((g) => g.message), ['no endpoint', 'Seen at 2 endpoints: a.fabrikam.com untrusted. b.fabrikam.com untrusted.', 'two endpoints']);
  assert.deepEqual(out[1]!.affected, ['a.fabrikam.com:443', 'b.fabrikam.com:443']);
  assert.equal(out[0]!.affected, undefined);
});

test('hostsIn: an IPv6 address in brackets (as the TLS/SIP evidence writes it) is one host, lower case', () => {
  assert.deepEqual(hostsIn('[::1]:5061 https://[2001:DB8::10]:443/x [fe80::1%eth0] 192.0.2.1'), ['::1', '2001:db8::10', '192.0.2.1']);
});

test('IPv6 endpoints: a refused [::1]:5061 explains the REGISTER failing at [::1]:5061, not one at [::2]:5061', () => {
  const rule = CAUSE_RULES.find((r) => r.root === 'LD-TLS-009' && r.consequence === 'LD-SIP-001')!;
  const root = f('LD-TLS-009', { evidence: [{ label: '[::1]:5061', value: 'refused after 1 ms' }] });
  const same = f('LD-SIP-001', { evidence: [{ label: 'server', value: '[::1]:5061 (srv-internal)' }] });
  const other = f('LD-SIP-001', { evidence: [{ label: 'server', value: '[::2]:5061 (srv-internal)' }] });
  assert.equal(foldConsequences([root, same], [rule])[1]?.causedBy, 'LD-TLS-009');
  assert.equal(foldConsequences([root, other], [rule])[1]?.causedBy, undefined);
});
