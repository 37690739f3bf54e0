/** Guided steps for this case: the real articles' fix steps filled from a finding's evidence and the Snapshot. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ALL_CHECKS } from '../../../../main/checks';
import { ARTICLE_SLOTS, ARTICLE_TEXT_SLOTS, caseSteps } from '../../../../main/checks/case-steps';
import { runChecks } from '../../../../main/checks/run';
import { articleLookup, articlesById } from '../../../../main/kb/lookup';
import type { Finding } from '../../../../main/model/finding';
import type { Snapshot } from '../../../../main/model/snapshot';
import { fixture } from '../../../helpers/fixtures';
import { baseSnapshot, dnsSection, name, srv } from '../../../helpers/snapshot';

const article = (id: string) => {
  const a = articlesById().get(id);
  assert.ok(a, id);
  return a;
};

const tailspin = (sections: Parameters<typeof baseSnapshot>[0] = {}): Snapshot =>
  baseSnapshot(sections, { input: { sipAddress: 'kim@tailspintoys.com', sipDomain: 'tailspintoys.com', dnsServer: null, timeoutMs: 3000 } });

const finding = (checkId: string, articleId: string, evidence: Finding['evidence'], over: Partial<Finding> = {}): Finding => ({
  checkId, severity: 'error', title: checkId, message: 'm', evidence, articleId, research: [], fix: 'f', sections: [], ...over,
});

test('LD-DNS-004: the dnscmd commands name this case\'s SRV record, pool and address, never litwareinc.com', () => {
  const s = tailspin({
    dns: dnsSection({
      domain: 'tailspintoys.com',
      srv: [srv('sipinternaltls', '_sipinternaltls._tcp.tailspintoys.com', [['pool01.tailspin-hosting.net', 5061]])],
      srvTargets: [name('sip', 'pool01.tailspin-hosting.net', ['127.0.30.12'])],
    }),
  });
  const f = finding('LD-DNS-004', 'dns-srv-target-outside-sip-domain', [{ label: 'SRV record', value: '_sipinternaltls._tcp.tailspintoys.com → pool01.tailspin-hosting.net:5061' }]);
  const steps = caseSteps(f.articleId, article(f.articleId).fix, f, s);
  assert.equal(steps[0]?.command, 'nslookup -type=SRV _sipinternaltls._tcp.tailspintoys.com');
  assert.equal(
    steps[1]?.command,
    [
      'dnscmd . /zoneadd _sipinternaltls._tcp.tailspintoys.com. /dsprimary',
      'dnscmd . /recordadd _sipinternaltls._tcp.tailspintoys.com. @ SRV 0 0 5061 pool01.tailspintoys.com.',
      'dnscmd . /zoneadd pool01.tailspintoys.com. /dsprimary',
      'dnscmd . /recordadd pool01.tailspintoys.com. @ A 127.0.30.12',
    ].join('\n'),
  );
  assert.ok(steps.every((x) => !x.command?.includes('litwareinc') && !x.text.includes('litwareinc') && !x.unfilled), JSON.stringify(steps));
  assert.match(steps[1]?.text ?? '', /e\.g\. pool01\.tailspintoys\.com, and point/);
  assert.ok(article(f.articleId).fix[1]?.command?.includes('litwareinc.com'), 'the article keeps its example');
});

test('LD-PUSH-002: Access Edge from the federation SRV record; without it a visible placeholder, listed as unfilled', () => {
  const f = finding('LD-PUSH-002', 'push-lync-com-not-federated', []);
  const withEdge = tailspin({ dns: dnsSection({ domain: 'tailspintoys.com', srv: [srv('sipfederationtls', '_sipfederationtls._tcp.tailspintoys.com', [['sipedge.tailspintoys.com', 5061]])] }) });
  const last = caseSteps(f.articleId, article(f.articleId).fix, f, withEdge).at(-1);
  assert.equal(last?.command, 'Test-CsFederatedPartner -TargetFqdn sipedge.tailspintoys.com -Domain push.lync.com -ProxyFqdn sipfed.online.lync.com\nTest-CsMcxPushNotification -AccessEdgeFqdn sipedge.tailspintoys.com');
  const without = caseSteps(f.articleId, article(f.articleId).fix, f, tailspin()).at(-1);
  assert.equal(without?.command, 'Test-CsFederatedPartner -TargetFqdn <Access Edge FQDN> -Domain push.lync.com -ProxyFqdn sipfed.online.lync.com\nTest-CsMcxPushNotification -AccessEdgeFqdn <Access Edge FQDN>');
  assert.deepEqual(without?.unfilled, ['<Access Edge FQDN>']);
});

test('tls-dsk-certificates: the user in Get-/Revoke-CsClientCertificate is this case\'s SIP address', () => {
  const f = finding('LD-CERT-001', 'tls-dsk-certificates', []);
  const cmds = caseSteps(f.articleId, article(f.articleId).fix, f, tailspin()).map((x) => x.command ?? '').join('\n');
  assert.match(cmds, /Get-CsClientCertificate -Identity "sip:kim@tailspintoys\.com"/);
  assert.match(cmds, /Revoke-CsClientCertificate -Identity "sip:kim@tailspintoys\.com"/);
  assert.doesNotMatch(cmds, /user@contoso\.com/);
});

test('recorded "servers not listening": the root\'s Test-NetConnection step has one line per refused endpoint', () => {
  const rec = JSON.parse(fixture('correlate', 'servers-not-listening.json')) as { snapshot: Snapshot };
  const run = runChecks(rec.snapshot, ALL_CHECKS, articleLookup(), { now: new Date(rec.snapshot.createdAt) });
  const root = run.findings[0]!;
  assert.equal(root.checkId, 'LD-TLS-009');
  assert.equal(
    root.steps?.[0]?.command,
    [
      'Test-NetConnection -ComputerName lyncdiscoverinternal.contoso.com -Port 443',
      'Test-NetConnection -ComputerName lyncdiscover.contoso.com -Port 443',
      'Test-NetConnection -ComputerName sipinternal.contoso.com -Port 5061',
      'Test-NetConnection -ComputerName sip.contoso.com -Port 443',
      'Test-NetConnection -ComputerName pool01.contoso.com -Port 5061',
    ].join('\n'),
  );
  assert.ok(run.findings.every((f) => f.steps && f.steps.length > 0), 'every finding whose article has fix steps carries them');
});

test('every example the slot table names really occurs in that article\'s commands (no stale rule)', () => {
  for (const [id, rules] of Object.entries(ARTICLE_SLOTS)) {
    const cmds = article(id).fix.map((s) => s.command ?? '').join('\n');
    for (const [example] of rules) assert.ok(cmds.includes(example), `${id}: "${example}"`);
  }
  for (const [id, rules] of Object.entries(ARTICLE_TEXT_SLOTS)) {
    const texts = article(id).fix.map((s) => s.step).join('\n');
    for (const [example] of rules) assert.ok(texts.includes(example), `${id}: "${example}"`);
  }
});
