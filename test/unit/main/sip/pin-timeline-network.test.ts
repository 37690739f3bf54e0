/**
 * Pins of the timeline's TCP step (timeline-network.ts, issue 18 session 8): how each recorded outcome reads, which
 * logged HRESULTs prove a refused connection, and the step's source, article and wording in each branch.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { LoggedError } from '../../../../main/model/logs';
import type { SipAttempt, TimelineStep } from '../../../../main/model/sip';
import type { Sections } from '../../../../main/model/snapshot';
import type { TlsProbe } from '../../../../main/model/tls';
import { buildTimeline } from '../../../../main/sip/timeline';
import { tcpOfAttempt, tcpOfProbe } from '../../../../main/sip/timeline-network';
import { ok, tlsProbe } from '../../../helpers/network-snapshot';
import { attempt, logsSection, req, resp, response, sipSection, tlsOk } from '../../../helpers/sip-snapshot';
import { baseSnapshot } from '../../../helpers/snapshot';

const connect = (sections: Sections): TimelineStep => buildTimeline(baseSnapshot(sections)).steps[1] as TimelineStep;
const lines = (s: TimelineStep): string[] => s.evidence.map((e) => `${e.label}: ${e.value}`);
const failedTcp = (outcome: SipAttempt['tls']['outcome'], error: string | null): SipAttempt =>
  attempt('pool01.contoso.com', 5061, null, { outcome: 'connect-failed', tls: { ...tlsOk('pool01.contoso.com', 5061), outcome, error, certificate: null }, message: 'pool01.contoso.com:5061: could not connect (x)' });
const tlsSection = (...probes: TlsProbe[]): Sections['tls'] => ok<'tls'>({ trustStore: { sources: ['node'], anchors: 1, caFile: null }, probes });
const logError = (hresult: string, name: string | null, count = 1): LoggedError => ({ hresult, name, count, firstLine: 42, firstFile: 'C:\\t\\Lync-UccApi-0.UccApilog', firstTimestamp: '2026-05-31T09:00:00.000', sample: ` ${hresult} sample ` });

test('tcpOfAttempt: only a timed-out handshake proves TCP was up; only a deadline means not tried; a missing error reads as failed', () => {
  assert.equal(tcpOfAttempt(failedTcp('refused', 'TLS handshake did not start')), 'failed');
  assert.equal(tcpOfAttempt(failedTcp('timeout', 'no TLS handshake: TCP did not connect')), 'failed');
  assert.equal(tcpOfAttempt(failedTcp('timeout', null)), 'failed');
  assert.equal(tcpOfAttempt(failedTcp('refused', 'no time left before the deadline')), 'failed');
  assert.equal(tcpOfAttempt(failedTcp('timeout', 'no time left before the deadline')), 'not-tried');
  assert.equal(tcpOfAttempt(failedTcp('timeout', 'TLS handshake did not complete')), 'up');
});

test('tcpOfProbe: unreachable is a failed connection', () => {
  assert.equal(tcpOfProbe(tlsProbe({ outcome: 'unreachable' })), 'failed');
  assert.equal(tcpOfProbe(tlsProbe({ outcome: 'refused' })), 'failed');
});

test('connect from the probe: why each server failed, in words; nothing to try; the deadline', () => {
  const s = connect({ sip: sipSection([failedTcp('unreachable', null), failedTcp('error', null)]) });
  assert.deepEqual(lines(s), ['tried: pool01.contoso.com:5061 (192.0.2.10): unreachable — could not connect (x)', 'tried: pool01.contoso.com:5061 (192.0.2.10): could not connect — could not connect (x)']);
  assert.deepEqual([s.status, s.source, s.articleId], ['failed', 'probe', 'network-endpoint-unreachable']);
  const none = connect({ sip: sipSection([]) });
  assert.deepEqual([none.status, none.source, none.detail, lines(none)], ['not-observed', 'probe', 'No SIP server to connect to', []]);
  const late = failedTcp('timeout', 'no time left before the deadline');
  const skipped = connect({ sip: sipSection([{ ...late, outcome: 'skipped', message: 'pool01.contoso.com:5061 not tried: no time left' }]) });
  assert.deepEqual([skipped.source, lines(skipped)], ['probe', ['not tried: pool01.contoso.com:5061 not tried: no time left']]);
});

test('connect after a redirect: the hop decides, from the probe, with the unreachable article', () => {
  const dir = attempt('dir.contoso.com', 5061, response(301, {}), { redirectTo: { host: 'pool01.contoso.com', port: 5061 } });
  const hop = (a: SipAttempt): SipAttempt => ({ ...a, target: { ...a.target, source: 'redirect' } });
  const refused = connect({ sip: sipSection([dir, hop(failedTcp('refused', null))], [], 1) });
  assert.deepEqual([refused.status, refused.source, refused.articleId], ['failed', 'probe', 'network-endpoint-unreachable']);
  const late = connect({ sip: sipSection([dir, hop({ ...failedTcp('timeout', 'no time left before the deadline'), outcome: 'skipped' })], [], 1) });
  assert.deepEqual([late.status, late.source, late.articleId], ['not-observed', 'probe', null]);
});

test('connect from the TLS section: sign-in roles sipinternal and sipexternal count; every one refused fails with the article', () => {
  for (const role of ['sipinternal', 'sipexternal'] as const) {
    const s = connect({ tls: tlsSection(tlsProbe({ host: 'sip.contoso.com', roles: [role], outcome: 'refused', message: 'refused' })) });
    assert.deepEqual([s.status, s.source, s.detail, s.articleId], ['failed', 'network', 'No SIP server accepted a TCP connection (1 tried)', 'network-endpoint-unreachable'], role);
  }
});

test('connect from the log: every Winsock/Win32 refusal HRESULT counts; the errors are listed with their counts; source and article', () => {
  for (const hr of ['0x8007274D', '0x8007274C', '0x80072751', '0x80072743', '0x800704C9', '0x800704CF', '0x800704D0']) {
    const s = connect({ logs: logsSection([], { errors: [logError(hr.toLowerCase(), null)] }) });
    assert.deepEqual([s.status, s.source, s.articleId], ['failed', 'log', 'network-endpoint-unreachable'], hr);
  }
  const two = connect({ logs: logsSection([], { errors: [logError('0x8007274D', 'WSAECONNREFUSED', 3), logError('0x8007274C', null)] }) });
  assert.equal(two.detail, 'No sign-in message in the log, and the client logged WSAECONNREFUSED ×3, 0x8007274C: a connection was refused or could not be made');
  assert.equal(two.at, '2026-05-31T09:00:00.000');
  assert.deepEqual(lines(two), ['line: Lync-UccApi-0.UccApilog:42 0x8007274D sample', 'line: Lync-UccApi-0.UccApilog:42 0x8007274C sample']);
  const sent = connect({ logs: logsSection([{ ...req(1), peer: null }]) });
  assert.deepEqual([sent.source, sent.detail], ['log', 'The client sent REGISTER to the server, so its connection came up']);
  const answered = connect({ logs: logsSection([resp(1, 401)]) });
  assert.deepEqual([answered.status, answered.source], ['ok', 'log']);
  const nothing = connect({});
  assert.deepEqual([nothing.status, nothing.detail], ['not-observed', 'No probe, no TLS check of the SIP servers and no logged sign-in']);
});
