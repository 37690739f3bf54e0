// The pure readers shared by the SIP checks and the timeline (main/sip/signin-facts.ts), input → output.
// Expected values from the protocol and the project's conventions, written before running the code:
// - a section's data is read when the collector finished ('ok'), stopped part way ('partial') or at the deadline
//   ('timeout'); never for 'error', 'not-applicable', 'cancelled' or a missing section;
// - a TLS-DSK certificate is usable from notBefore (inclusive) until notAfter (exclusive: at notAfter itself it
//   counts as expired, as LD-CERT-001 judges it with `notAfter <= now`);
// - RFC 3261 §8.1.3.2 / §17.1.1: 1xx responses are provisional; the answer to a REGISTER is its first final
//   (≥ 200) response with the same Call-ID and CSeq.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CertificateInfo } from '../../../../main/model/certificates';
import type { LoggedSipMessage } from '../../../../main/model/logs';
import type { CollectorStatus } from '../../../../main/model/status';
import type { Snapshot } from '../../../../main/model/snapshot';
import { finalAttempt, lastSignIn, logsData, responseTo, sipData, validTlsDskCerts, viaEdge } from '../../../../main/sip/signin-facts';
import { baseSnapshot, certSection, dnsSection } from '../../../helpers/snapshot';
import { attempt, logged, logsSection, req, resp, response, sipSection } from '../../../helpers/sip-snapshot';

const STATUS_READ: ReadonlyArray<readonly [CollectorStatus, boolean]> = [
  ['ok', true],
  ['partial', true],
  ['timeout', true],
  ['error', false],
  ['not-applicable', false],
  ['cancelled', false],
];

test('sipData / logsData: data of ok, partial and timeout sections only', () => {
  const sip = sipSection([attempt('pool01.contoso.com', 5061, response(401))]);
  const logs = logsSection([req(1)]);
  for (const [status, read] of STATUS_READ) {
    const s = baseSnapshot({ sip: { ...sip, status } as never, logs: { ...logs, status } as never });
    assert.equal(sipData(s), read ? sip?.data : undefined, `sip ${status}`);
    assert.equal(logsData(s), read ? logs?.data : undefined, `logs ${status}`);
  }
  assert.equal(sipData(baseSnapshot()), undefined);
  assert.equal(logsData(baseSnapshot()), undefined);
});

test('finalAttempt: the attempt at finalAttempt, none when null', () => {
  const a = [attempt('a.contoso.com', 5061, null), attempt('b.contoso.com', 5061, response(401))];
  const d = sipSection(a, [], 1)?.data;
  assert.ok(d);
  assert.equal(finalAttempt(d), a[1]);
  assert.equal(finalAttempt({ ...d, finalAttempt: 0 }), a[0]);
  assert.equal(finalAttempt({ ...d, finalAttempt: null }), undefined);
});

const cert = (over: Partial<CertificateInfo>): CertificateInfo => ({
  store: 'My',
  thumbprint: 'AB12',
  subject: 'CN=alice@contoso.com',
  issuer: 'CN=Communications Server',
  issuerCommonName: 'Communications Server',
  subjectCommonName: 'alice@contoso.com',
  sans: [],
  notBefore: '2026-05-01T00:00:00.000Z',
  notAfter: '2026-11-01T00:00:00.000Z',
  ekus: [],
  serialNumber: '01',
  hasPrivateKey: true,
  tlsDsk: true,
  sipAddress: 'alice@contoso.com',
  derBase64: '',
  ...over,
});

// [case, certificate fields, now, kept?]
const VALIDITY: ReadonlyArray<readonly [string, Partial<CertificateInfo>, string, boolean]> = [
  ['inside', {}, '2026-06-01T12:00:00.000Z', true],
  ['exactly at notBefore', {}, '2026-05-01T00:00:00.000Z', true],
  ['1 ms before notBefore', {}, '2026-04-30T23:59:59.999Z', false],
  ['1 ms before notAfter', {}, '2026-10-31T23:59:59.999Z', true],
  ['exactly at notAfter (expired, as LD-CERT-001)', {}, '2026-11-01T00:00:00.000Z', false],
  ['1 ms after notAfter', {}, '2026-11-01T00:00:00.001Z', false],
  ['no private key', { hasPrivateKey: false }, '2026-06-01T12:00:00.000Z', false],
  ['not TLS-DSK', { tlsDsk: false }, '2026-06-01T12:00:00.000Z', false],
  ['another user', { sipAddress: 'bob@contoso.com' }, '2026-06-01T12:00:00.000Z', false],
  ['no address on the certificate', { sipAddress: null }, '2026-06-01T12:00:00.000Z', true],
];

test('validTlsDskCerts: issuer/key/validity/address, boundaries at notBefore and notAfter', () => {
  for (const [what, over, now, kept] of VALIDITY) {
    const c = cert(over);
    const s = baseSnapshot({ certificates: certSection([c]) });
    assert.deepEqual(validTlsDskCerts(s, new Date(now)), kept ? [c] : [], what);
  }
  // the user's address is compared case-insensitively (certificates hold it lower-case)
  const c = cert({});
  const upper = baseSnapshot({ certificates: certSection([c]) }, { input: { sipAddress: 'Alice@Contoso.COM', sipDomain: 'contoso.com', dnsServer: null, timeoutMs: 3000 } });
  assert.deepEqual(validTlsDskCerts(upper, new Date('2026-06-01T00:00:00Z')), [c]);
  // no certificate section, or one that did not finish: "could not check" (undefined), not "none valid" ([])
  assert.equal(validTlsDskCerts(baseSnapshot(), new Date()), undefined);
  for (const status of ['partial', 'error', 'timeout'] as const) {
    const sec = certSection([c]);
    assert.equal(validTlsDskCerts(baseSnapshot({ certificates: { ...sec, status } as never }), new Date('2026-06-01T00:00:00Z')), undefined, status);
  }
  assert.equal(validTlsDskCerts(baseSnapshot({ certificates: { status: 'ok', message: 'x', durationMs: 1 } as never }), new Date()), undefined, 'ok without data');
});

const edgeSnap = (location: 'inside' | 'outside' | 'unknown' | null): Snapshot => baseSnapshot(location === null ? {} : { dns: dnsSection({ location }) });

test('viaEdge: RemoteUser marker, external SRV, or outside (except an override)', () => {
  const cases: ReadonlyArray<readonly [string, string | null, 'srv-internal' | 'srv-external' | 'host' | 'override' | 'redirect', 'inside' | 'outside' | 'unknown' | null, boolean]> = [
    ['RemoteUser marker', 'RemoteUser', 'srv-internal', 'inside', true],
    ['marker in other case', 'remoteuser', 'host', null, true],
    ['other logon data', 'LocalUser', 'srv-internal', 'inside', false],
    ['external SRV', null, 'srv-external', 'inside', true],
    ['outside, host target', null, 'host', 'outside', true],
    ['outside, redirect', null, 'redirect', 'outside', true],
    ['outside but --server override', null, 'override', 'outside', false],
    ['inside host', null, 'host', 'inside', false],
    ['location unknown', null, 'srv-internal', 'unknown', false],
    ['no DNS section', null, 'host', null, false],
  ];
  for (const [what, logon, source, location, expected] of cases) {
    const a = attempt('sip.contoso.com', 443, response(401, { userLogonData: logon }), { target: { host: 'sip.contoso.com', port: 443, source, addresses: ['192.0.2.1'] } });
    assert.equal(viaEdge(edgeSnap(location), a), expected, what);
  }
  const noResponse = attempt('sip.contoso.com', 443, null, { target: { host: 'sip.contoso.com', port: 443, source: 'host', addresses: [] } });
  assert.equal(viaEdge(edgeSnap('inside'), noResponse), false, 'no response, inside');
});

const data = (messages: LoggedSipMessage[]) => logsSection(messages)?.data as NonNullable<ReturnType<typeof logsSection>>['data'] & object;

test('lastSignIn: REGISTERs from the last credential-less REGISTER on, same Call-ID only', () => {
  const options = logged({ kind: 'request', method: 'OPTIONS', cseqMethod: 'OPTIONS', callId: 'opt' });
  const old1 = logged({ kind: 'request', method: 'REGISTER', callId: 'old', cseq: 1 });
  const old401 = resp(1, 401, { callId: 'old' });
  const new1 = logged({ kind: 'request', method: 'REGISTER', callId: 'new', cseq: 1 });
  const other = resp(7, 200, { callId: 'else' });
  const new401 = resp(1, 401, { callId: 'new' });
  const new2 = logged({ kind: 'request', method: 'REGISTER', callId: 'new', cseq: 2, credentialsScheme: 'TLS-DSK' });
  const new200 = resp(2, 200, { callId: 'new' });
  assert.deepEqual(lastSignIn(data([old1, old401, options, new1, other, new401, new2, new200])), [new1, new401, new2, new200]);
  assert.deepEqual(lastSignIn(data([options])), [], 'no REGISTER at all');
  assert.deepEqual(lastSignIn(data([])), []);
  // the start has no Call-ID: everything from it on
  const noId = logged({ kind: 'request', method: 'REGISTER', callId: null, cseq: 1 });
  assert.deepEqual(lastSignIn(data([old1, noId, other, new401])), [noId, other, new401]);
  // the excerpt starts mid-sign-in (only credentialed requests and answers): the last 50 REGISTER messages
  const mid = Array.from({ length: 60 }, (_, i) => (i % 2 ? resp(i, 401, { callId: 'mid' }) : logged({ kind: 'request', method: 'REGISTER', callId: 'mid', cseq: i, credentialsScheme: 'NTLM' })));
  assert.deepEqual(lastSignIn(data([options, ...mid])), mid.slice(10));
  // the credential-less REGISTER is the very first message: still the start (other Call-IDs dropped)
  assert.deepEqual(lastSignIn(data([new1, other, new401])), [new1, new401]);
  // a REGISTER whose CSeq could not be read still counts by its method
  const noCseq = logged({ kind: 'request', method: 'REGISTER', cseqMethod: null, callId: 'nc', cseq: null });
  assert.deepEqual(lastSignIn(data([old1, noCseq])), [noCseq]);
  // a response to a REGISTER counts by its CSeq method even without a method
  const only401 = resp(1, 401, { callId: 'x', method: null, cseqMethod: 'REGISTER' });
  assert.deepEqual(lastSignIn(data([only401])), [only401]);
});

test('responseTo: the first final response with the same Call-ID and CSeq after the request; 1xx skipped', () => {
  const r1 = req(1);
  const trying = resp(1, 100, { reasonPhrase: 'Trying' });
  const other = resp(2, 401);
  const otherCall = resp(1, 401, { callId: 'call-2' });
  const final = resp(1, 401);
  const later = resp(1, 200);
  assert.equal(responseTo([r1, trying, other, otherCall, final, later], r1), final, '100 Trying is not the answer (RFC 3261 §17.1.1)');
  assert.equal(responseTo([r1, resp(1, 183), resp(1, 199)], r1), undefined, 'only provisional answers: none final yet');
  assert.equal(responseTo([r1, resp(1, 200)], r1)?.statusCode, 200, '200 is final');
  assert.equal(responseTo([final, r1], r1), undefined, 'a response before the request is not its answer');
  assert.equal(responseTo([r1, req(1)], r1), undefined, 'a request is not a response');
  assert.equal(responseTo([r1, resp(1, 401, { statusCode: null })], r1), undefined, 'no status code: not a final answer');
});
