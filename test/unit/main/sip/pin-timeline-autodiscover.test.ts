/**
 * Pins of the timeline's autodiscover step (timeline-network.ts from hostOf on, issue 18 session 9): each branch's
 * status, source, article and sentence, from the autodiscover section (lyncdiscover / lyncdiscoverinternal attempts,
 * the proxy's 407) and from the client log's autodiscover calls. Expected sentences say what each recorded outcome
 * means for a client that discovers through lyncdiscover (a User link that asks for a web ticket is how the Lync
 * autodiscover service answers; a 407 comes from a proxy, not from the server); written before running the code.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AutodiscoverAttempt } from '../../../../main/model/autodiscover';
import type { LoggedWebCall } from '../../../../main/model/logs';
import type { TimelineStep } from '../../../../main/model/sip';
import type { Sections } from '../../../../main/model/snapshot';
import { buildTimeline } from '../../../../main/sip/timeline';
import { attempt, ok, proxyProbe } from '../../../helpers/network-snapshot';
import { logsSection } from '../../../helpers/sip-snapshot';
import { baseSnapshot } from '../../../helpers/snapshot';

const URL_A = 'https://lyncdiscover.contoso.com/?sipuri=alice@contoso.com';
const ad = (sections: Sections): TimelineStep => buildTimeline(baseSnapshot(sections)).steps.find((s) => s.id === 'autodiscover') as TimelineStep;
const section = (...attempts: AutodiscoverAttempt[]): Sections => ({ autodiscover: ok<'autodiscover'>({ sipAddress: 'alice@contoso.com', attempts }) });
const lines = (s: TimelineStep): string[] => s.evidence.map((e) => `${e.label}: ${e.value}`);
const failedAttempt = (over: Partial<AutodiscoverAttempt>): AutodiscoverAttempt => attempt({ status: null, links: [], userUrl: null, ...over });
const call = (url: string, httpStatus: number | null): LoggedWebCall => ({ file: 'C:\\t\\Lync-UccApi-0.UccApilog', line: 12, timestamp: '2026-05-31T09:00:03.000', kind: 'autodiscover', url, httpStatus, text: url });
const fromLog = (...calls: LoggedWebCall[]): TimelineStep => ad({ logs: logsSection([], { webCalls: calls }) });

test('usable answer: the status without a format, every redirect hop, each scheme the User link offers', () => {
  const hops = [URL_A, 'https://webext.contoso.com/a', 'https://webext2.contoso.com/b'];
  const s = ad(section(attempt({ format: null, hops, message: 'answered', user: { status: 401, authSchemes: ['NTLM', 'Negotiate'], message: 'User link answered 401' } })));
  assert.deepEqual([s.status, s.source], ['ok', 'network']);
  assert.equal(s.detail, 'lyncdiscover.contoso.com answered 200 with a User link after 2 redirect(s); its User link asks for a web ticket (401; offers NTLM, Negotiate)');
  assert.deepEqual(lines(s).slice(0, 3), ['lyncdiscover: answered', `requests: ${URL_A} → https://webext.contoso.com/a → https://webext2.contoso.com/b`, 'HTTP status: 200']);
});

test('a User link that does not answer 401: warning from the network, with the discovery article', () => {
  const s = ad(section(attempt({ user: { status: 200, authSchemes: [], message: 'User link answered 200' } })));
  assert.deepEqual([s.status, s.source, s.articleId], ['warning', 'network', 'lyncdiscover-mobility-discovery']);
  assert.equal(s.detail, 'lyncdiscover.contoso.com answered with a User link, but that link did not ask for a web ticket (401): User link answered 200');
});

test('a User link recorded on an answer that failed is not a usable answer', () => {
  const s = ad(section(attempt({ outcome: 'http-error', status: 500, message: '500' })));
  assert.deepEqual([s.status, s.detail], ['failed', 'lyncdiscover.contoso.com answered with an HTTP error (HTTP 500)']);
});

test('an answer without a User link: failed, the sentence, every link quoted as token and address, the article', () => {
  const s = ad(section(attempt({ userUrl: null, links: [{ token: 'self', href: 'https://webext.contoso.com/self' }, { token: 'redirect', href: 'https://x.contoso.com/' }], message: 'no user' })));
  assert.deepEqual([s.status, s.source, s.articleId], ['failed', 'network', 'lyncdiscover-mobility-discovery']);
  assert.equal(s.detail, 'lyncdiscover.contoso.com answered without a User link: clients that discover through lyncdiscover cannot go on');
  assert.deepEqual(lines(s), ['lyncdiscover: no user', 'link: self https://webext.contoso.com/self', 'link: redirect https://x.contoso.com/']);
});

test('a proxy 407 without any proxy section: still a warning from the network, naming the proxy', () => {
  const s = ad(section(failedAttempt({ outcome: 'proxy-auth-required', via: 'proxy.contoso.com:8080', message: '407' })));
  assert.deepEqual([s.status, s.source, s.articleId], ['warning', 'network', 'authenticating-proxy-blocks-meeting-join']);
  assert.equal(
    s.detail,
    'The proxy proxy.contoso.com:8080 answers 407 (authentication required) before lyncdiscover.contoso.com is reached; the client can answer it with its Windows credentials, this check sends none — whether it gets through is not known',
  );
  assert.deepEqual(lines(s), ['lyncdiscover: 407', 'through proxy: proxy.contoso.com:8080']);
  const quoted = ad({ ...section(failedAttempt({ outcome: 'proxy-auth-required', via: 'proxy.contoso.com:8080', message: '407' })), proxyAuth: ok<'proxyAuth'>({ probes: [proxyProbe({ outcome: 'auth-required', status: 407, message: 'proxy said 407' })] }) });
  assert.deepEqual(lines(quoted), ['lyncdiscover: 407', 'through proxy: proxy.contoso.com:8080', 'proxy answer: proxy said 407']);
});

test('each failed ask says what went wrong, from the network, with the discovery article', () => {
  const cases: ReadonlyArray<readonly [AutodiscoverAttempt['outcome'], number | null, string]> = [
    ['bad-answer', 200, 'lyncdiscover.contoso.com answered something that is not an autodiscover document (HTTP 200)'],
    ['redirect-loop', null, 'lyncdiscover.contoso.com redirects in a loop'],
    ['too-large', 200, 'lyncdiscover.contoso.com answered more than an autodiscover document can be (HTTP 200)'],
    ['unreachable', null, 'lyncdiscover.contoso.com could not be reached'],
    ['tls-failed', null, 'lyncdiscover.contoso.com failed the TLS handshake'],
    ['proxy-failed', null, 'lyncdiscover.contoso.com could not be reached through the proxy'],
    ['http-error', 503, 'lyncdiscover.contoso.com answered with an HTTP error (HTTP 503)'],
  ];
  for (const [outcome, status, detail] of cases) {
    const s = ad(section(failedAttempt({ outcome, status, message: 'm' })));
    assert.deepEqual([s.status, s.source, s.articleId, s.detail], ['failed', 'network', 'lyncdiscover-mobility-discovery', detail], outcome);
  }
});

test('no answer in time, DNS not asked, nothing published: status, source, article and sentence', () => {
  const slow = ad(section(failedAttempt({ outcome: 'timeout', message: 'slow' })));
  assert.deepEqual([slow.status, slow.source, slow.articleId, slow.detail], ['warning', 'network', 'lyncdiscover-mobility-discovery', 'lyncdiscover.contoso.com gave no answer before the time limit']);
  const noDns = ad(section(failedAttempt({ outcome: 'not-resolved', message: 'DNS could not be asked: no server' })));
  assert.deepEqual([noDns.status, noDns.source, noDns.articleId, noDns.detail], ['not-observed', 'network', null, 'DNS could not be asked for the lyncdiscover names, so autodiscover was not asked']);
  assert.deepEqual(lines(noDns), ['lyncdiscover: DNS could not be asked: no server']);
  const none = ad(section(failedAttempt({ outcome: 'not-resolved', message: 'nx' }), failedAttempt({ role: 'lyncdiscoverinternal', outcome: 'not-resolved', message: 'nx2' })));
  assert.deepEqual([none.status, none.source, none.articleId], ['warning', 'network', 'lyncdiscover-mobility-discovery']);
  assert.equal(none.detail, 'No lyncdiscover name resolves: autodiscover is not published (the desktop client falls back to the DNS SRV records; mobile clients cannot sign in)');
  assert.deepEqual(lines(none), ['lyncdiscover: nx', 'lyncdiscoverinternal: nx2']);
});

test('from the log: an unanswered call, a proxy 407, a 401 web-ticket ask, an HTTP error; nothing at all', () => {
  const asked = fromLog(call(URL_A, null));
  assert.deepEqual([asked.status, asked.source, asked.detail], ['not-observed', 'log', 'The client asked lyncdiscover.contoso.com; its answer is not in the log']);
  const proxy = fromLog(call(URL_A, 407));
  assert.deepEqual([proxy.status, proxy.source, proxy.articleId, proxy.detail], ['warning', 'log', 'authenticating-proxy-blocks-meeting-join', 'A proxy asked for authentication (407) on the way to lyncdiscover.contoso.com']);
  const ticket = fromLog(call(URL_A, 401));
  assert.deepEqual([ticket.status, ticket.articleId, ticket.detail], ['ok', null, 'lyncdiscover.contoso.com answered 401 (asks for a web ticket)']);
  const plain = fromLog(call(URL_A, 200));
  assert.equal(plain.detail, 'lyncdiscover.contoso.com answered 200');
  const broken = fromLog(call(URL_A, 502));
  assert.deepEqual([broken.status, broken.articleId, broken.detail], ['failed', 'lyncdiscover-mobility-discovery', 'lyncdiscover.contoso.com answered HTTP 502']);
  assert.deepEqual(lines(broken), [`line: Lync-UccApi-0.UccApilog:12 ${URL_A} → HTTP 502`]);
  const nothing = ad({});
  assert.deepEqual([nothing.status, nothing.detail], ['not-observed', 'Autodiscover was not asked and no autodiscover call is in the log']);
});

test('a logged address without a scheme is named whole, even when another URL follows in its query', () => {
  const s = fromLog(call('lyncdiscover.contoso.com/?next=https://webext.contoso.com/x', 500));
  assert.equal(s.detail, 'lyncdiscover.contoso.com/?next=https://webext.contoso.com/x answered HTTP 500');
});
