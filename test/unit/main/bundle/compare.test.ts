/** Compare: findings appeared/disappeared/changed; facts differ per area, list items matched by identity. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compareDiagnoses, compareFacts, compareFindings } from '../../../../main/bundle/compare';
import type { Finding } from '../../../../main/model/finding';
import type { Sections } from '../../../../main/model/snapshot';
import { makeCert } from '../../../helpers/forge-certs';
import { baseSnapshot, certInfo, certSection, dnsSection, name, srv } from '../../../helpers/snapshot';

const f = (checkId: string, message: string, evidence: Array<[string, string]> = [], severity: Finding['severity'] = 'error'): Finding => ({
  checkId,
  severity,
  title: checkId,
  message,
  evidence: evidence.map(([label, value]) => ({ label, value })),
  articleId: 'a',
  research: [],
  fix: 'x',
  sections: [],
});

test('findings: identical ones are not reported; others appear, disappear or change', () => {
  const before = [f('LD-DNS-001', 'none'), f('LD-CERT-001', 'expired A', [['thumbprint', 'AAA']]), f('LD-CERT-001', 'expired B', [['thumbprint', 'BBB']]), f('LD-DNS-002', 'no lyncdiscover', [], 'warning')];
  const after = [f('LD-CERT-001', 'expires soon B', [['thumbprint', 'BBB']], 'warning'), f('LD-DNS-002', 'no lyncdiscover', [], 'warning'), f('LD-DNS-004', 'outside', [['SRV', 'x']])];
  const r = compareFindings(before, after);
  assert.deepEqual(r.disappeared.map((x) => `${x.checkId} ${x.message}`).sort(), ['LD-CERT-001 expired A', 'LD-DNS-001 none']);
  assert.deepEqual(r.appeared.map((x) => x.checkId), ['LD-DNS-004']);
  assert.equal(r.changed.length, 1);
  assert.equal(r.changed[0]?.before.message, 'expired B');
  assert.equal(r.changed[0]?.after.severity, 'warning');
  const same = compareFindings(before, before);
  assert.deepEqual([same.appeared.length, same.disappeared.length, same.changed.length], [0, 0, 0]);
});

test('facts: DNS records that differ are named by role, not position, and reordering is not a difference', () => {
  const a = baseSnapshot({ dns: dnsSection({ names: [name('lyncdiscover', 'lyncdiscover.contoso.com'), name('sip', 'sip.contoso.com', ['192.0.2.1', '192.0.2.2'])], srv: [srv('sip-tls', '_sip._tls.contoso.com', [['sip.contoso.com', 443]])] }) });
  const b = baseSnapshot({ dns: dnsSection({ names: [name('sip', 'sip.contoso.com', ['192.0.2.2', '192.0.2.1']), name('lyncdiscover', 'lyncdiscover.contoso.com', ['192.0.2.10'])], srv: [srv('sip-tls', '_sip._tls.contoso.com', [['sip.contoso-hosting.net', 443]])] }) });
  const facts = compareFacts(a, b);
  assert.ok(facts.some((x) => x.area === 'dns' && x.key === 'data.names[lyncdiscover].addresses' && x.before === '(none)' && x.after === '192.0.2.10'), JSON.stringify(facts));
  assert.ok(facts.some((x) => x.area === 'dns' && x.key === 'data.names[lyncdiscover].outcome' && x.before === 'nxdomain' && x.after === 'answer'));
  assert.ok(facts.some((x) => x.key.startsWith('data.srv[sip-tls].records') && x.after.includes('sip.contoso-hosting.net')), JSON.stringify(facts));
  assert.ok(!facts.some((x) => x.key.includes('names[sip]')), 'address order alone is no difference');
  assert.deepEqual(compareFacts(a, a), []);
});

test('facts: certificates matched by thumbprint — a new one reads as one line in full, in words', () => {
  const c1 = certInfo(makeCert({ subjectCN: 'alice@contoso.com', issuerCN: 'Communications Server', serial: '01' }));
  const c2 = certInfo(makeCert({ subjectCN: 'alice@contoso.com', issuerCN: 'Communications Server', serial: '02' }));
  const facts = compareFacts(baseSnapshot({ certificates: certSection([c1]) }), baseSnapshot({ certificates: certSection([c2, c1]) }));
  assert.equal(facts.length, 1, JSON.stringify(facts));
  const f = facts[0];
  assert.equal(f?.key, `data.certificates[${c2.thumbprint}]`);
  assert.equal(f?.before, '(absent)');
  assert.match(f?.after ?? '', /expiry \d{4}-\d\d-\d\d/);
  assert.match(f?.after ?? '', new RegExp(`thumbprint ${c2.thumbprint}`));
  assert.match(f?.label ?? '', new RegExp(`^Certificates · TLS-DSK certificate ${c2.thumbprint.slice(0, 8)}… alice@contoso\\.com$`));
});

test('facts: any section is walked generically — proxy per endpoint, input, answers, status', () => {
  const proxy = (entries: Array<{ url: string; route: string; status: number }>): Sections =>
    ({ proxy: { status: 'ok', message: 'ok', durationMs: 5, data: { endpoints: entries } } }) as unknown as Sections;
  const before = baseSnapshot(proxy([{ url: 'https://lyncdiscover.contoso.com', route: 'DIRECT', status: 200 }, { url: 'https://webext.contoso.com', route: 'DIRECT', status: 200 }]));
  const after = baseSnapshot(
    { ...proxy([{ url: 'https://webext.contoso.com', route: 'DIRECT', status: 200 }, { url: 'https://lyncdiscover.contoso.com', route: 'PROXY proxy:8080', status: 407 }]), dns: { status: 'timeout', message: 'no answer', durationMs: 3000 } },
    { input: { ...before.input, sipAddress: 'bob@contoso.com' }, answers: { mobile: { platform: 'ios' } } },
  );
  const facts = compareFacts(before, after);
  const find = (area: string, key: string) => facts.find((x) => x.area === area && x.key === key);
  assert.deepEqual(find('proxy', 'data.endpoints[https://lyncdiscover.contoso.com].route'), { area: 'proxy', key: 'data.endpoints[https://lyncdiscover.contoso.com].route', label: 'Proxy · endpoint https://lyncdiscover.contoso.com · route', before: 'DIRECT', after: 'PROXY proxy:8080' });
  assert.equal(find('proxy', 'data.endpoints[https://lyncdiscover.contoso.com].status')?.after, '407');
  assert.equal(find('proxy', 'data.endpoints[https://webext.contoso.com].route'), undefined);
  assert.equal(find('input', 'sipAddress')?.after, 'bob@contoso.com');
  assert.equal(find('answers', 'mobile.platform')?.after, 'ios');
  assert.equal(find('dns', 'status')?.before, '(absent)');
  assert.ok(!facts.some((x) => x.key.endsWith('durationMs')), 'durations always differ and are ignored');
});

test('compareDiagnoses combines both', () => {
  const s = baseSnapshot();
  const r = compareDiagnoses({ snapshot: s, findings: [f('LD-DNS-001', 'x')] }, { snapshot: { ...s, host: { ...s.host, release: '10.0.22631' } }, findings: [] });
  assert.equal(r.disappeared.length, 1);
  assert.deepEqual(r.facts, [{ area: 'host', key: 'release', label: 'This PC · release', before: '10.0.19045', after: '10.0.22631' }]);
  assert.equal(r.matchedBy, 'value');
  assert.ok(r.unchanged > 5, `${r.unchanged} unchanged facts counted`);
});

test('facts are labelled as a person names them: an SRV record change is one line, "SRV _sip._tls"', () => {
  const a = baseSnapshot({ dns: dnsSection({ names: [], srv: [srv('sip-tls', '_sip._tls.contoso.com', [['sip.contoso.com', 443]])] }) });
  const b = baseSnapshot({ dns: dnsSection({ names: [], srv: [srv('sip-tls', '_sip._tls.contoso.com', [['sip.contoso-hosting.net', 443]])] }) });
  const facts = compareFacts(a, b);
  assert.deepEqual(facts.map((x) => [x.label, x.before, x.after]), [
    ['DNS · SRV _sip._tls · records', 'target sip.contoso.com, port 443, priority 0, weight 0', 'target sip.contoso-hosting.net, port 443, priority 0, weight 0'],
  ]);
  assert.ok(!facts.some((x) => /data\.|\[/.test(x.label)), 'no raw paths in labels');
});

test('findings: what is left of one check on both sides is "changed", never both "new" and "no longer reported"', () => {
  const before = [f('LD-TLS-009', 'a refused', [['endpoint', 'a:443']]), f('LD-TLS-009', 'b refused', [['endpoint', 'b:443']])];
  const after = [f('LD-TLS-009', 'c refused', [['endpoint', 'c:443']]), f('LD-TLS-009', 'd refused', [['endpoint', 'd:443']]), f('LD-TLS-009', 'e refused', [['endpoint', 'e:443']])];
  const r = compareFindings(before, after);
  assert.equal(r.changed.length, 2);
  assert.deepEqual(r.disappeared, []);
  assert.deepEqual(r.appeared.map((x) => x.message), ['e refused']);
});
