/**
 * The sign-in timeline writes an IPv6 endpoint as "[2001:db8::10]:5061" (RFC 3986 §3.2.2, RFC 5952 §6): the server
 * given directly, the redirect chain, the TCP/TLS/REGISTER steps and a logged redirect's Contact; an address
 * without a port stays bare. Expected texts are written by hand.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { TimelineStepId } from '../../../../main/model/sip';
import { buildTimeline, renderTimeline } from '../../../../main/sip/timeline';
import { attempt, challenges, logsSection, NTLM, req, resp, response, sipSection, TLS_DSK, tlsOk } from '../../../helpers/sip-snapshot';
import { baseSnapshot } from '../../../helpers/snapshot';

type Timeline = ReturnType<typeof buildTimeline>;
const step = (t: Timeline, id: TimelineStepId) => t.steps.find((s) => s.id === id) as Timeline['steps'][number];
const evidence = (t: Timeline, id: TimelineStepId): string[] => step(t, id).evidence.map((e) => `${e.label}: ${e.value}`);

const director = attempt('2001:db8::10', 5061, response(301, { reasonPhrase: 'Redirect request to Home Server' }), {
  target: { host: '2001:db8::10', port: 5061, source: 'override', addresses: ['2001:db8::10'] },
  tls: tlsOk('2001:db8::10', 5061, { address: '2001:db8::10' }),
  redirectTo: { host: '2001:db8::20', port: 5061 },
  message: '[2001:db8::10]:5061 answered 301 Redirect request to Home Server; redirects to [2001:db8::20]:5061',
});
const pool = attempt('2001:db8::20', 5061, response(401, { challenges: challenges(NTLM, TLS_DSK) }), {
  target: { host: '2001:db8::20', port: 5061, source: 'redirect', addresses: ['2001:db8::20'], redirectedFrom: '[2001:db8::10]:5061' },
  tls: tlsOk('2001:db8::20', 5061, { address: '2001:db8::20' }),
  message: '[2001:db8::20]:5061 answered 401',
});

test('probe: server given directly, redirect chain, TCP, TLS and REGISTER steps name [v6]:port', () => {
  const t = buildTimeline(baseSnapshot({ sip: sipSection([director, pool], [], 1) }));
  assert.equal(step(t, 'discovery').detail, 'SIP server given directly ([2001:db8::10]:5061); DNS discovery not used');
  assert.ok(evidence(t, 'register').includes('redirect: [2001:db8::10]:5061 answered 301 → [2001:db8::20]:5061'), evidence(t, 'register').join('\n'));
  assert.ok(evidence(t, 'connect').includes('connected: [2001:db8::10]:5061 (2001:db8::10)'), evidence(t, 'connect').join('\n'));
  assert.ok(evidence(t, 'tls').includes('server: [2001:db8::20]:5061 (2001:db8::20)'), evidence(t, 'tls').join('\n'));
  assert.match(step(t, 'tls').detail, /^Connected to \[2001:db8::20\]:5061 with TLSv1\.2/);
  assert.match(step(t, 'register').detail, /^Sent to \[2001:db8::20\]:5061 after 1 redirect\(s\); answered 401/);
  const all = `${JSON.stringify(t)}\n${renderTimeline(t)}`;
  assert.ok(!/2001:db8::(10|20):5061/.test(all.replace(/\[2001:db8::(10|20)\]:5061/g, '')), 'no endpoint without its brackets');
});

test('log: a redirect Contact with an IPv6 address and port is [v6]:port; without a port the address stays bare', () => {
  const withPort = buildTimeline(baseSnapshot({ logs: logsSection([req(1), resp(1, 401, { challenges: challenges(NTLM, TLS_DSK) }), req(2, 'NTLM'), resp(2, 301, { authInfoScheme: 'NTLM', contacts: ['<sip:[2001:db8::20]:5061;transport=tls>'] })]) }));
  assert.match(step(withPort, 'result').detail, /redirected to the home pool \[2001:db8::20\]:5061 \(/);
  const noPort = buildTimeline(baseSnapshot({ logs: logsSection([req(1), resp(1, 401, { challenges: challenges(NTLM, TLS_DSK) }), req(2, 'NTLM'), resp(2, 301, { authInfoScheme: 'NTLM', contacts: ['<sip:[2001:db8::20];transport=tls>'] })]) }));
  assert.match(step(noPort, 'result').detail, /redirected to the home pool 2001:db8::20 \(/);
});
