/** The built-in demo shows every capability: the three named known issues, an authenticating proxy, TLS and SIP with a broken sign-in path, a root cause with consequences, an answered iPhone questionnaire. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { demoSnapshot } from '../../../main/demo/demo';
import { analyze } from '../../../main/diagnose';
import { articleLookup } from '../../../main/kb/lookup';
import { mostLikelyCause } from '../../../main/model/finding';
import { buildTimeline } from '../../../main/sip/timeline';

const s = demoSnapshot();
const findings = analyze(s, { articles: articleLookup() }).findings;
const ids = new Set(findings.map((f) => f.checkId));

test('the three named known issues: iOS 9 language/region, IM URL filter breaking push, push.lync.com not federated', () => {
  for (const id of ['LD-MOB-001', 'LD-PUSH-001', 'LD-PUSH-002']) assert.ok(ids.has(id), id);
  assert.deepEqual(s.answers.mobile, { platform: 'ios', osVersion: '9.3.5', app: 'Lync 2013 for iPhone', appVersion: '5.7', language: 'English', region: 'Sweden' });
});

test('an authenticating proxy: 407 with its schemes, recorded by the real proxy-auth collector', () => {
  const pa = s.sections.proxyAuth;
  assert.equal(pa?.status, 'ok');
  const f = findings.find((x) => x.checkId === 'LD-PROXY-001');
  assert.ok(f?.evidence.some((e) => e.label === 'Proxy-Authenticate schemes' && e.value === 'Negotiate, NTLM'));
  assert.ok(f?.evidence.some((e) => /^CONNECT lyncdiscover\.tailspintoys\.com:443$/.test(e.label) && /^407 /.test(e.value)));
});

test('TLS and SIP sections; the sign-in path breaks at certificate provisioning', () => {
  for (const id of ['dns', 'certificates', 'proxy', 'autodiscover', 'tls', 'sip', 'clock'] as const) assert.equal(s.sections[id]?.status, 'ok', id);
  const t = buildTimeline(s);
  assert.ok(t.failedStep !== null);
  assert.equal(t.steps[t.failedStep]?.id, 'certificate');
  assert.ok(ids.has('LD-SIP-004'));
});

test('a root cause with a consequence folded under it, and the most likely cause named', () => {
  const auto = findings.find((f) => f.checkId === 'LD-AUTO-001');
  assert.equal(auto?.causedBy, 'LD-PROXY-001');
  assert.equal(mostLikelyCause(findings)?.checkId, 'LD-PROXY-001');
  assert.equal(findings[0]?.checkId, 'LD-PROXY-001', 'roots first');
});

test('guided steps name this case (Tailspin Toys), not the articles\' examples', () => {
  const push = findings.find((f) => f.checkId === 'LD-PUSH-002');
  assert.match(push?.steps?.map((x) => x.command ?? '').join('\n') ?? '', /-AccessEdgeFqdn sipedge\.tailspintoys\.com/);
  const dns = findings.find((f) => f.checkId === 'LD-DNS-004');
  assert.match(dns?.steps?.map((x) => x.command ?? '').join('\n') ?? '', /nslookup -type=SRV _sip\._tls\.tailspintoys\.com/);
  assert.ok(!JSON.stringify(findings.map((f) => f.steps)).includes('litwareinc'));
});
