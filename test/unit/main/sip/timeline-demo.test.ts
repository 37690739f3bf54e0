/**
 * The demo's sign-in path on the CLI (issue 17): `demo --json` and `demo` show the recorded Tailspin Toys PC going
 * discovery → TCP ok to pool01.tailspintoys.com:5061 (the SRV target the client tries first) → TLS → autodiscover
 * warning (the PAC's proxy answers 407 Negotiate/NTLM before lyncdiscover) → REGISTER → 401 → certificate
 * provisioning failed (503), the first broken step. Expected from the recorded facts (main/demo/demo-snapshot.json:
 * the sip section's first attempt answered 401, the proxyAuth probe got 407), and the --json contract: `failedStep`
 * (index) kept, `failedStepId` added, every step with its `id` and `source`.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { SignInTimeline } from '../../../../main/model/sip';
import { runCli } from '../../../helpers/cli';

let json: { timeline: SignInTimeline };
let text = '';
before(async () => {
  const [j, t] = await Promise.all([runCli(['demo', '--json']), runCli(['demo'])]);
  json = JSON.parse(j.out) as { timeline: SignInTimeline };
  text = t.out;
});

test('demo --json: nine steps in order, each with id and source; failedStep and failedStepId name certificate provisioning', () => {
  const t = json.timeline;
  assert.deepEqual(t.steps.map((s) => s.id), ['discovery', 'connect', 'tls', 'autodiscover', 'register', 'challenge', 'certificate', 'register-auth', 'result']);
  assert.deepEqual(t.steps.map((s) => s.source), ['dns', 'probe', 'probe', 'network', 'probe', 'probe', 'probe', 'none', 'none']);
  assert.equal(t.failedStep, 6);
  assert.equal(t.failedStepId, 'certificate');
});

test('demo --json: connect ok to pool01.tailspintoys.com:5061; the refused hosts probed after it are listed, not blamed', () => {
  const c = json.timeline.steps.find((s) => s.id === 'connect');
  assert.equal(c?.status, 'ok');
  assert.equal(c?.detail, 'pool01.tailspintoys.com:5061 accepted the TCP connection');
  assert.deepEqual(c?.evidence.map((e) => e.label), ['connected', 'also probed', 'also probed', 'also probed']);
  assert.equal(c?.evidence[0]?.value, 'pool01.tailspintoys.com:5061 (192.0.2.10)');
  assert.match(c?.evidence[1]?.value ?? '', /^sip\.tailspintoys-hosting\.net:443 \(192\.0\.2\.10\): refused the connection/);
});

test('demo --json: autodiscover is a warning (407 from the authenticating proxy), with the proxy article', () => {
  const a = json.timeline.steps.find((s) => s.id === 'autodiscover');
  assert.equal(a?.status, 'warning');
  assert.match(a?.detail ?? '', /^The proxy proxy\.tailspintoys\.com:8080 answers 407/);
  assert.ok(a?.evidence.some((e) => e.label === 'proxy answer' && /407 to CONNECT lyncdiscover\.tailspintoys\.com:443; it offers Negotiate, NTLM/.test(e.value)), JSON.stringify(a?.evidence));
  assert.equal(a?.articleId, 'authenticating-proxy-blocks-meeting-join');
});

test('demo text: the TCP and autodiscover lines, and ">>" on certificate provisioning (step 7)', () => {
  assert.match(text, / {3}2\. ok {5}TCP connection to the SIP server {2}\(probe\)/);
  assert.match(text, / {3}4\. WARN {3}Autodiscover \(lyncdiscover\) {2}\(network\)/);
  assert.match(text, />> 7\. FAILED Certificate provisioning/);
});
