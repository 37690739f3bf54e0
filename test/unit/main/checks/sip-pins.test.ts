// Pins of the SIP checks for what the boundary tables and the details leave open (found reviewing the mutation
// run of main/checks/sip.ts): probe attempts without an answer next to the ms-diagnostics checks, the redirect target
// as the final attempt for the other checks, one finding per distinct header, whole messages of every wording, log
// lines without a timestamp or reason phrase, and the knowledge base's meanings (sentences with a final full stop)
// inside our sentences. Expected texts are written out from the rules, not computed by the code under test.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  edgeWithoutNtlm,
  loggedCertProvisioningFailure,
  ntlmMismatch,
  poolCertificateDates,
  poolCertificateName,
  researchLinkedDiagnostic,
  signInRefused,
  sipChecks,
  sipClockSkew,
  tlsDskWithoutCertificate,
  undocumentedDiagnostic,
  userReplicator4005,
} from '../../../../main/checks/sip';
import type { FindingDraft } from '../../../../main/checks/types';
import type { DiagnosticCount } from '../../../../main/model/logs';
import type { SipAttempt } from '../../../../main/model/sip';
import { parseDiagnosticValue, tableFromJson } from '../../../../main/sip/ms-diagnostics';
import { attempt, challenges, diag, KERBEROS, logged, logsSection, NTLM, req, resp, response, sipSection, TLS_DSK, tlsOk, webCall } from '../../../helpers/sip-snapshot';
import { baseSnapshot, certSection, NOW } from '../../../helpers/snapshot';

const env = { now: NOW };
const E = (label: string, value: string) => ({ label, value });
const NEGOTIATE = 'Negotiate realm="SIP Communications Service", targetname="sip/pool01.contoso.com", version=4';
const count = (d: DiagnosticCount['diagnostic'], over: Partial<DiagnosticCount> = {}): DiagnosticCount => ({ diagnostic: d, count: 1, firstFile: '/home/u/logs/Lync-UccApi-0.UccApilog', firstLine: 12, statusCode: 403, cseqMethod: 'REGISTER', ...over });
const logDiags = (...c: DiagnosticCount[]) => baseSnapshot({ logs: logsSection([], { diagnostics: c }) });

// Rows whose wording matters here: meanings as the knowledge file writes them (sentences ending in a full stop).
const KB = tableFromJson([
  { code: 17002, header: 'ms-diagnostics', reason: 'Invalid protocol client version.', meaning: 'The pool blocks this client version (e.g. by a client version policy v1.2).', likelyFix: 'update', context: '', research: ['SFB-KI-059'], articleId: 'client-version-policy-block', verified: true, sources: ['s'] },
  { code: 17004, header: 'ms-diagnostics', reason: null, meaning: 'Two known issues.', likelyFix: '-', context: '', research: ['SFB-KI-061', 'SFB-KI-062'], articleId: 'a1', verified: true, sources: ['s'] },
  { code: 17003, header: 'ms-diagnostics', reason: null, meaning: '', likelyFix: '-', context: '', research: ['SFB-KI-099'], articleId: null, verified: true, sources: ['s'] },
  { code: 2139, header: 'ms-diagnostics', reason: 'Subscription replaced.', meaning: 'The server ended an older subscription. Housekeeping, not an error.', likelyFix: '-', context: '', research: [], articleId: null, verified: false, sources: ['s'] },
  { code: 2140, header: 'ms-diagnostics', reason: 'x', meaning: '', likelyFix: '-', context: '', research: [], articleId: null, verified: false, sources: ['s'] },
]);
const kb = (value: string) => parseDiagnosticValue(value, 'ms-diagnostics', KB);

test('every SIP check is quiet without data, and on probe attempts that got no answer (no response to read)', () => {
  for (const c of sipChecks) assert.deepEqual(c.evaluate(baseSnapshot(), env), [], c.id);
  const silent = baseSnapshot({ sip: sipSection([attempt('a.contoso.com', 5061, null)], [], null), logs: logsSection([]), certificates: certSection([]) });
  const ids = sipChecks.flatMap((c) => c.evaluate(silent, env).map(() => c.id));
  assert.deepEqual(ids, ['LD-SIP-001']);
});

test('the ms-diagnostics checks read the answered attempts after one that got no answer', () => {
  const s = baseSnapshot({ sip: sipSection([attempt('a.contoso.com', 5061, null), attempt('b.contoso.com', 5061, response(403, { diagnostics: [diag('17002;reason="x"')] }))]) });
  const [f] = researchLinkedDiagnostic.evaluate(s, env);
  assert.equal(f!.evidence[1]!.value, 'probe b.contoso.com:5061 → 403');
  assert.equal(undocumentedDiagnostic.evaluate(s, env).length, 0);
});

// ---- the redirect target that did not answer is the final attempt: the checks that read the final answer see none ----
const director = attempt('director.contoso.com', 5061, response(301, { challenges: challenges(TLS_DSK) }), { redirectTo: { host: 'pool02.contoso.com', port: 5061 } });
const deadHop = attempt('pool02.contoso.com', 5061, null, { target: { host: 'pool02.contoso.com', port: 5061, source: 'redirect', addresses: [], redirectedFrom: 'director.contoso.com:5061' }, outcome: 'connect-failed', tls: { ...tlsOk('pool02.contoso.com', 5061), outcome: 'refused', certificate: null }, message: 'refused' });
test('final attempt without an answer (a refused redirect target): LD-SIP-004/005/010 have no answer to judge; the client log still counts for LD-SIP-004', () => {
  const sip = sipSection([director, deadHop], [], 1);
  const certificates = certSection([]);
  assert.deepEqual(edgeWithoutNtlm.evaluate(baseSnapshot({ sip, certificates }), env), []);
  assert.deepEqual(signInRefused.evaluate(baseSnapshot({ sip }), env), []);
  assert.deepEqual(tlsDskWithoutCertificate.evaluate(baseSnapshot({ sip, certificates }), env), [], 'the 301 offering TLS-DSK is not the final answer');
  const logs = logsSection([req(1), resp(1, 401, { challenges: challenges(TLS_DSK) })]);
  const [f] = tlsDskWithoutCertificate.evaluate(baseSnapshot({ sip, logs, certificates }), env);
  assert.deepEqual(f!.evidence[0], E('TLS-DSK offered by', 'client log'));
  assert.deepEqual(poolCertificateDates.evaluate(baseSnapshot({ sip }), env), [], 'no certificate seen: nothing to date');
});

// ---- one finding per distinct header: source, header name and code (the raw value when there is no code) ----
test('unique: two code-less headers are two findings; the same code with another reason text is one', () => {
  const f = undocumentedDiagnostic.evaluate(logDiags(count(diag('garbled one')), count(diag('garbled two'))), env);
  assert.deepEqual(f.map((x) => x.evidence[0]!.value), ['garbled one', 'garbled two']);
  assert.equal(f[0]!.message, 'ms-diagnostics unparsed "garbled one" (not documented) — not documented: the raw header is kept for escalation.');
  assert.equal(undocumentedDiagnostic.evaluate(logDiags(count(diag('52999;reason="a"')), count(diag('52999;reason="b"'))), env).length, 1);
  const pub = diag('52999;reason="a"', 'ms-diagnostics-public');
  assert.equal(undocumentedDiagnostic.evaluate(logDiags(count(diag('52999;reason="a"')), count(pub)), env).length, 2, 'another header name');
});

test('where a logged diagnostic was seen: method omitted when unknown, repeats from 2', () => {
  const where = (over: Partial<DiagnosticCount>) => undocumentedDiagnostic.evaluate(logDiags(count(diag('52999'), over)), env)[0]!.evidence[1]!.value;
  assert.equal(where({ cseqMethod: null }), 'log Lync-UccApi-0.UccApilog line 12 (403)');
  assert.equal(where({ count: 2 }), 'log Lync-UccApi-0.UccApilog line 12 (REGISTER 403), 2×');
  assert.equal(where({ firstFile: 'C:\\Users\\a\\Tracing\\Lync-UccApi-1.UccApilog', statusCode: null }), 'log Lync-UccApi-1.UccApilog line 12');
});

// ---- LD-SIP-005: any of NTLM, Kerberos or Negotiate offered lets a user without a certificate in ----
test('LD-SIP-005 Negotiate offered next to TLS-DSK passes; whole messages of both wordings', () => {
  const edge = (schemes: string[]) => attempt('sip.contoso.com', 443, response(401, { challenges: challenges(...schemes), userLogonData: 'RemoteUser' }));
  assert.deepEqual(edgeWithoutNtlm.evaluate(baseSnapshot({ sip: sipSection([edge([NEGOTIATE, TLS_DSK])]), certificates: certSection([]) }), env), []);
  assert.deepEqual(edgeWithoutNtlm.evaluate(baseSnapshot({ sip: sipSection([edge([KERBEROS, NTLM])]), certificates: certSection([]) }), env), [], 'no TLS-DSK at all');
  const [w] = edgeWithoutNtlm.evaluate(baseSnapshot({ sip: sipSection([edge([TLS_DSK])]), certificates: certSection([]) }), env);
  assert.equal(w!.message, 'sip.contoso.com:443 (reached from outside, ms-user-logon-data RemoteUser) offers only TLS-DSK — NTLM is not offered at the Edge. This PC has no valid TLS-DSK certificate, so the user must first obtain one (sign in once inside the corporate network, or through the web ticket service if it accepts the credentials).');
  const [i] = edgeWithoutNtlm.evaluate(baseSnapshot({ sip: sipSection([{ ...edge([TLS_DSK]), target: { host: 'sip.contoso.com', port: 443, source: 'srv-external', addresses: [] } }]) }), env);
  assert.ok(i!.message.endsWith('NTLM is not offered at the Edge. A user without a valid TLS-DSK certificate must first obtain one (sign in once inside the corporate network, or through the web ticket service if it accepts the credentials).'), i!.message);
});

// ---- LD-SIP-004: whole messages ----
test('LD-SIP-004 whole messages: provisioning not usable (error), no sts-uri (warning)', () => {
  const cp = { kind: 'cert-provisioning' as const, url: 'https://w/CertProv/mex', outcome: 'unreachable' as const, httpStatus: null, tls: null, message: 'ECONNREFUSED' };
  const a = attempt('pool01.contoso.com', 5061, response(401, { challenges: challenges(TLS_DSK) }));
  const [e] = tlsDskWithoutCertificate.evaluate(baseSnapshot({ sip: sipSection([a], [cp]), certificates: certSection([]) }), env);
  assert.equal(e!.message, 'The pool offers TLS-DSK and no valid TLS-DSK certificate for alice@contoso.com is on this PC, and the certificate provisioning service is not usable (ECONNREFUSED): the client cannot obtain one ("There was a problem acquiring a personal certificate…").');
  const noSts = attempt('pool01.contoso.com', 5061, response(401, { challenges: challenges('TLS-DSK realm="SIP Communications Service", version=4') }));
  const [w] = tlsDskWithoutCertificate.evaluate(baseSnapshot({ sip: sipSection([noSts]), certificates: certSection([]) }), env);
  assert.equal(w!.message, 'The pool offers TLS-DSK without an sts-uri and no valid TLS-DSK certificate for alice@contoso.com is on this PC; the client has no URL to obtain one.');
});

// ---- LD-SIP-006: the HRESULT inside another header's attributes, in any case; a 1000 carrying it is listed once ----
test('LD-SIP-006 evidence: a 1000 header that carries the HRESULT is listed once; the HRESULT in lower case in another code counts', () => {
  const both = diag('1000;reason="Final handshake failed";HRESULT="0xC3E93EE4(SIP_E_AUTH_NTLMMISMATCH)"');
  const [f] = ntlmMismatch.evaluate(logDiags(count(both)), env);
  assert.deepEqual(f!.evidence.map((e) => e.label), ['ms-diagnostics', 'seen in', 'meaning', 'likely fix']);
  assert.equal(f!.message, 'The sign-in\'s authentication handshake failed with ms-diagnostics 1000 "Final handshake failed". Users then hear their password is wrong although it is right.');
  const [g] = ntlmMismatch.evaluate(logDiags(count(diag('1033;reason="x";HRESULT="0xc3e93ee4"'))), env);
  assert.equal(g!.message, "The sign-in's authentication handshake failed. Users then hear their password is wrong although it is right.");
  assert.deepEqual(g!.evidence.slice(0, 2), [E('ms-diagnostics', '1033;reason="x";HRESULT="0xc3e93ee4"'), E('seen in', 'log Lync-UccApi-0.UccApilog line 12 (REGISTER 403)')]);
});

// ---- LD-SIP-007: sign-in wording for SUBSCRIBE too; no status in the log ----
test('LD-SIP-007 whole messages: a SUBSCRIBE is part of sign-in; a logged REGISTER without a status code', () => {
  const [sub] = userReplicator4005.evaluate(logDiags(count(diag('4005;reason="x"'), { cseqMethod: 'SUBSCRIBE', statusCode: 404 })), env);
  assert.equal(sub!.message, 'The pool answered 404 with ms-diagnostics 4005 during sign-in: it does not know alice@contoso.com as a SIP-enabled user (typical for newly created users when User Replicator does not read their domain).');
  const [reg] = userReplicator4005.evaluate(logDiags(count(diag('4005;reason="x"'), { statusCode: null })), env);
  assert.equal(reg!.message, 'The pool answered with ms-diagnostics 4005 during sign-in: it does not know alice@contoso.com as a SIP-enabled user (typical for newly created users when User Replicator does not read their domain).');
  const [inv] = userReplicator4005.evaluate(logDiags(count(diag('4005;reason="x"'), { cseqMethod: 'INVITE' })), env);
  assert.equal(inv!.message, 'A INVITE request was answered with ms-diagnostics 4005: the destination is not SIP-enabled or does not exist.');
});

// ---- LD-SIP-009: error for a REGISTER refused (>= 400); a 3xx redirect is a followed step; the table's meaning inside the sentence ----
const P009: ReadonlyArray<readonly [string, Partial<DiagnosticCount>, 'error' | 'warning']> = [
  ['REGISTER 400 (the first refusal)', { statusCode: 400 }, 'error'],
  ['REGISTER 399 (a redirect)', { statusCode: 399 }, 'warning'],
  ['REGISTER 301 (redirect to the home pool)', { statusCode: 301 }, 'warning'],
  ['REGISTER 300', { statusCode: 300 }, 'warning'],
  ['REGISTER 299', { statusCode: 299 }, 'warning'],
  ['REGISTER without a status', { statusCode: null }, 'warning'],
  ['SUBSCRIBE 403', { cseqMethod: 'SUBSCRIBE' }, 'warning'],
];
for (const [label, over, want] of P009) {
  test(`LD-SIP-009 17002 on a logged ${label} → ${want}`, () => {
    const f = researchLinkedDiagnostic.evaluate(logDiags(count(kb('17002;reason="Invalid protocol client version."'), over)), env);
    assert.equal(f.length, 1);
    assert.equal(f[0]!.severity, want);
  });
}
test('LD-SIP-009 whole messages: one full stop after the meaning (inner dots kept); no meaning; no article', () => {
  const [a] = researchLinkedDiagnostic.evaluate(logDiags(count(kb('17002;reason="Invalid protocol client version."'))), env);
  assert.equal(a!.message, 'ms-diagnostics 17002 "Invalid protocol client version." (documented): The pool blocks this client version (e.g. by a client version policy v1.2). Known issue SFB-KI-059, article client-version-policy-block.');
  const [b] = researchLinkedDiagnostic.evaluate(logDiags(count(kb('17003'))), env);
  assert.equal(b!.message, 'ms-diagnostics 17003 (documented): see the article. Known issue SFB-KI-099.');
  assert.deepEqual(b!.evidence, [E('ms-diagnostics', '17003'), E('seen in', 'log Lync-UccApi-0.UccApilog line 12 (REGISTER 403)'), E('research', 'SFB-KI-099'), E('article', '(none yet)')]);
});

// ---- LD-SIP-011: unconfirmed codes, with and without a meaning ----
test('LD-SIP-011 unconfirmed codes: the meaning in parentheses without its full stop; none: no empty parentheses', () => {
  const [a] = undocumentedDiagnostic.evaluate(logDiags(count(kb('2139;reason="Subscription replaced."'))), env);
  assert.equal(a!.message, 'ms-diagnostics 2139 "Subscription replaced." (not confirmed by sources) — its meaning is not confirmed by the sources (The server ended an older subscription. Housekeeping, not an error).');
  const [b] = undocumentedDiagnostic.evaluate(logDiags(count(kb('2140;reason="x"'))), env);
  assert.equal(b!.message, 'ms-diagnostics 2140 "x" (not confirmed by sources) — its meaning is not confirmed by the sources.');
});

// ---- LD-SIP-010 in the log: which request an answer belongs to, codes at the boundary, wording of bare lines ----
const call = (over: Parameters<typeof logged>[0]) => logged(over);
const L010: ReadonlyArray<readonly [string, ReturnType<typeof req>[], string | null]> = [
  ['400 after credentials (the first failure code)', [req(1), resp(1, 401), req(2, 'NTLM'), resp(2, 400)], 'The client log shows REGISTER with NTLM credentials answered 400 x.'],
  ['403 after a 100 Trying to the same request: the request, not the provisional answer, is matched', [req(1), resp(1, 401), req(2, 'NTLM'), resp(2, 100), resp(2, 403)], 'The client log shows REGISTER with NTLM credentials answered 403 x.'],
  ['a re-sent request of the same CSeq with credentials: the nearest one before the answer', [req(2), req(2, 'TLS-DSK'), resp(2, 401)], 'The client log shows REGISTER with TLS-DSK credentials answered 401 x.'],
  ['another CSeq sent in between: the answer belongs to its own CSeq', [req(1), resp(1, 401), req(2, 'NTLM'), req(3, 'TLS-DSK'), resp(2, 403)], 'The client log shows REGISTER with NTLM credentials answered 403 x.'],
  ['excerpt starting mid-sign-in: a 401 whose request is not in the log is the challenge', [resp(1, 401)], null],
  ['excerpt starting mid-sign-in: a request of another Call-ID is not the one answered', [call({ kind: 'request', method: 'REGISTER', cseq: 2, credentialsScheme: 'NTLM', callId: 'other' }), resp(2, 403)], 'The client log shows REGISTER answered 403 x.'],
  ['a 403 with a documented code that no check of its own explains', [req(1), resp(1, 403, { diagnostics: [diag('4003;reason="From URI not enabled for remote access."', 'ms-diagnostics-public')] })], 'The client log shows REGISTER answered 403 x (ms-diagnostics-public 4003 "From URI not enabled for remote access." (documented)).'],
];
for (const [label, messages, want] of L010) {
  test(`LD-SIP-010 log: ${label} → ${want ? 'error' : 'pass'}`, () => {
    const f = signInRefused.evaluate(baseSnapshot({ logs: logsSection(messages) }), env);
    if (!want) return assert.deepEqual(f, []);
    assert.equal(f.length, 1);
    assert.equal(f[0]!.message, want);
  });
}
test('LD-SIP-010 log evidence: no timestamp and no reason phrase leave no stray spaces; the diagnostics with their meaning', () => {
  const r = logged({ kind: 'request', method: 'REGISTER', cseq: 2, credentialsScheme: 'NTLM', timestamp: null, file: '/tmp/a.UccApilog', line: 3 });
  const a = logged({ kind: 'response', statusCode: 480, reasonPhrase: null, cseq: 2, timestamp: null, file: '/tmp/a.UccApilog', line: 4, diagnostics: [diag('52999;reason="r"'), diag('4003;reason="y"', 'ms-diagnostics-public')] });
  const [f] = signInRefused.evaluate(baseSnapshot({ logs: logsSection([req(1), resp(1, 401), r, a]) }), env);
  assert.equal(f!.message, 'The client log shows REGISTER with NTLM credentials answered 480 (ms-diagnostics 52999 "r" (not documented); ms-diagnostics-public 4003 "y" (documented)).');
  assert.deepEqual(f!.evidence, [E('request', 'a.UccApilog line 3'), E('response', 'a.UccApilog line 4: 480'), E('ms-diagnostics', '52999;reason="r"'), E('ms-diagnostics-public', '4003;reason="y" — remote access off')]);
});
test('LD-SIP-010 probe: an undocumented code does not explain a refusal; its evidence has no meaning part', () => {
  const a = attempt('sip.contoso.com', 443, response(403, { reasonPhrase: 'Forbidden', diagnostics: [diag('52999;reason="r"')] }));
  const [f] = signInRefused.evaluate(baseSnapshot({ sip: sipSection([a]) }), env);
  assert.equal(f!.message, 'sip.contoso.com:443 answered the REGISTER for alice@contoso.com with 403 Forbidden (ms-diagnostics 52999 "r" (not documented)); expected a 401 challenge.');
  assert.deepEqual(f!.evidence.slice(2), [E('ms-diagnostics', '52999;reason="r"')]);
});

// ---- LD-SIP-012: attempts without an answer are skipped; a clock section without data; evidence ----
test('LD-SIP-012 reads past an attempt without an answer and an ok clock section without data', () => {
  const skewed = attempt('b.contoso.com', 5061, response(401, { date: 'Mon, 01 Jun 2026 11:50:00 GMT', clockSkewSeconds: 600 }));
  const clock = { status: 'ok', message: '', durationMs: 1 } as never;
  const [f] = sipClockSkew.evaluate(baseSnapshot({ sip: sipSection([attempt('a.contoso.com', 5061, null), skewed]), clock }), env);
  assert.equal(f!.message, "This PC's clock is 600 s ahead of b.contoso.com (Date: Mon, 01 Jun 2026 11:50:00 GMT); sign-in fails from about 300 s.");
  const none = attempt('c.contoso.com', 5061, response(401, { clockSkewSeconds: null }));
  assert.deepEqual(sipClockSkew.evaluate(baseSnapshot({ sip: sipSection([none]) }), env), []);
});

// ---- LD-SIP-013: only CertProv / WebTicket calls; FAIL as a word; label without timestamp ----
test('LD-SIP-013 other web calls do not count; FAIL must be a word of its own; a call without a timestamp', () => {
  const d = (over: Partial<ReturnType<typeof webCall>>) => loggedCertProvisioningFailure.evaluate(baseSnapshot({ logs: logsSection([], { webCalls: [{ ...webCall('cert-provisioning', 'https://w/CertProv/x', 500), ...over }] }) }), env) as FindingDraft[];
  assert.deepEqual(d({ kind: 'autodiscover' }), []);
  assert.deepEqual(d({ kind: 'other' }), []);
  assert.deepEqual(d({ httpStatus: null, text: 'AUTOFAILED=0' }), []);
  const [f] = d({ timestamp: null, file: 'C:\\t\\Lync-UccApi-0.UccApilog', line: 77 });
  assert.deepEqual(f!.evidence, [E('Lync-UccApi-0.UccApilog line 77', 'TargetUri=https://w/CertProv/x')]);
});

test('LD-SIP-003 the certificate dates of every attempt, also after one without a certificate', () => {
  const old = attempt('b.contoso.com', 5061, response(401), { tls: tlsOk('b.contoso.com', 5061, { certificate: { ...tlsOk('x', 1).certificate!, notAfter: '2026-05-01T00:00:00.000Z' } }) });
  const f = poolCertificateDates.evaluate(baseSnapshot({ sip: sipSection([{ ...attempt('a.contoso.com', 5061, null), tls: { ...tlsOk('a.contoso.com', 5061), certificate: null } }, old as SipAttempt]) }), env);
  assert.equal(f.length, 1);
  assert.ok(f[0]!.message.startsWith('The certificate of b.contoso.com:5061 expired on 2026-05-01;'), f[0]!.message);
});

test('LD-SIP-009 a code linked to two known issues names both, comma-separated, in the message and the evidence', () => {
  const [f] = researchLinkedDiagnostic.evaluate(logDiags(count(kb('17004'))), env);
  assert.equal(f!.message, 'ms-diagnostics 17004 (documented): Two known issues. Known issue SFB-KI-061, SFB-KI-062, article a1.');
  assert.deepEqual(f!.evidence.slice(-2), [E('research', 'SFB-KI-061, SFB-KI-062'), E('article', 'a1')]);
});

test('LD-SIP-010 probe: a refusal is explained only when every diagnostic is (one research-linked code next to an undocumented one is not)', () => {
  const a = attempt('sip.contoso.com', 443, response(403, { reasonPhrase: 'Forbidden', diagnostics: [diag('17002;reason="x"'), diag('52999;reason="r"')] }));
  const [f] = signInRefused.evaluate(baseSnapshot({ sip: sipSection([a]) }), env);
  assert.equal(f!.message, 'sip.contoso.com:443 answered the REGISTER for alice@contoso.com with 403 Forbidden (ms-diagnostics 17002 "x" (documented); ms-diagnostics 52999 "r" (not documented)); expected a 401 challenge.');
});

test('LD-SIP-004: a logged NTLM-only challenge is no TLS-DSK offer; the CertProv probe is picked by kind, not position', () => {
  assert.deepEqual(tlsDskWithoutCertificate.evaluate(baseSnapshot({ logs: logsSection([req(1), resp(1, 401, { challenges: challenges(NTLM) })]), certificates: certSection([]) }), env), []);
  const wt = { kind: 'web-ticket' as const, url: 'https://w/WebTicket/mex', outcome: 'unreachable' as const, httpStatus: null, tls: null, message: 'down' };
  const cp = { kind: 'cert-provisioning' as const, url: 'https://w/CertProv/mex', outcome: 'ok' as const, httpStatus: 200, tls: null, message: 'answered HTTP 200' };
  const [f] = tlsDskWithoutCertificate.evaluate(baseSnapshot({ sip: sipSection([attempt('pool01.contoso.com', 5061, response(401, { challenges: challenges(TLS_DSK) }))], [wt, cp]), certificates: certSection([]) }), env);
  assert.equal(f!.severity, 'info');
  assert.deepEqual(f!.evidence.at(-1), E('https://w/CertProv/mex', 'answered HTTP 200'));
});

test('LD-SIP-002/005 lists are comma-separated: two certificate names, two schemes offered', () => {
  const a = attempt('pool01.contoso.com', 5061, response(401), { tls: tlsOk('pool01.contoso.com', 5061, { nameMatches: false, certificate: { ...tlsOk('x', 1).certificate!, dnsNames: ['a.contoso.com', 'b.contoso.com'] } }) });
  const [n] = poolCertificateName.evaluate(baseSnapshot({ sip: sipSection([a]) }), env);
  assert.deepEqual(n!.evidence[3], E('certificate names', 'a.contoso.com, b.contoso.com'));
  const edge = attempt('sip.contoso.com', 443, response(401, { challenges: challenges(TLS_DSK, 'Digest realm="x"'), userLogonData: 'RemoteUser' }));
  const [e] = edgeWithoutNtlm.evaluate(baseSnapshot({ sip: sipSection([edge]), certificates: certSection([]) }), env);
  assert.deepEqual(e!.evidence.at(-2), E('schemes offered', 'TLS-DSK, Digest'));
});

// ---- found by the s8 run of lines 331-432: the evidence in full, and which request an answer can belong to ----
test('LD-SIP-011 evidence in full: the raw header, where it was seen, then each attribute', () => {
  const [u] = undocumentedDiagnostic.evaluate(logDiags(count(diag('52999;reason="r";Source="edge.contoso.com"'))), env);
  assert.deepEqual(u!.evidence, [E('ms-diagnostics', '52999;reason="r";Source="edge.contoso.com"'), E('seen in', 'log Lync-UccApi-0.UccApilog line 12 (REGISTER 403)'), E('Source', 'edge.contoso.com')]);
});
test('LD-SIP-010 log: an answer whose request is not in the excerpt has only the response as evidence', () => {
  const a = logged({ kind: 'response', statusCode: 403, reasonPhrase: null, cseq: 2, timestamp: null, file: '/tmp/a.UccApilog', line: 4 });
  const [f] = signInRefused.evaluate(baseSnapshot({ logs: logsSection([a]) }), env);
  assert.equal(f!.message, 'The client log shows REGISTER answered 403.');
  assert.deepEqual(f!.evidence, [E('response', 'a.UccApilog line 4: 403')]);
});
test('LD-SIP-010 log: a request logged after the answer (same Call-ID and CSeq) is not the request it answers', () => {
  const a = logged({ kind: 'response', statusCode: 403, reasonPhrase: null, cseq: 2, timestamp: null, file: '/tmp/a.UccApilog', line: 4 });
  const later = logged({ kind: 'request', method: 'REGISTER', cseq: 2, credentialsScheme: 'NTLM', timestamp: null, file: '/tmp/a.UccApilog', line: 9 });
  const [f] = signInRefused.evaluate(baseSnapshot({ logs: logsSection([a, later]) }), env);
  assert.equal(f!.message, 'The client log shows REGISTER answered 403.');
  assert.deepEqual(f!.evidence, [E('response', 'a.UccApilog line 4: 403')]);
});
