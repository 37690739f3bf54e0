/**
 * Pins the analyzer's reading of server CLS / OCSLogger records, unterminated and raw messages, schemes and
 * HRESULT naming, through LogAnalyzer fed by a LineFeeder (in place, line by line, whole-parse, cut in
 * pieces: all must agree). CLS lines follow the real capture test/fixtures/sip/real/ms-test-csfederatedpartner-cls.log
 * ("TL_INFO(TF_PROTOCOL) … $$begin_record", "Direction:", "Peer:", "Start-Line:", headers, "Message-Body:",
 * "$$end_record"); expected values are read off the lines by hand.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { LogsSection } from '../../../../main/model/logs';
import { loadMsDiagnosticsTable } from '../../../../main/sip/ms-diagnostics-file';
import { sectionAllPaths } from '../../../helpers/chunked-log-read';

const table = loadMsDiagnosticsTable();
const TS = '09/10/2013|14:07:51.000 1F68:C14 INFO  :: ';
const crlf = (lines: readonly string[]): string => `${lines.join('\r\n')}\r\n`;

/** The section, read in place, line by line, whole-parse and cut every 11 characters: all must agree. */
const read = (text: string): LogsSection => sectionAllPaths(table, 'x.log', text, 11);

const BEGIN = 'TL_INFO(TF_PROTOCOL) [0]06E4.0EB4::01/18/2012-05:00:43.101.00005386 (SIPStack,SIPAdminLog::TraceProtocolRecord:SIPAdminLog.cpp(125))$$begin_record';
const record = (direction: string, start: string, headers: readonly string[], body = '-'): string[] => [BEGIN, `Direction: ${direction}`, 'Peer: lyncservr.contoso.com:61182', 'Message-Type: response', `Start-Line: ${start}`, ...headers, `Message-Body: ${body}`, '$$end_record'];

test('the real CLS capture: the OPTIONS record is a received request from its peer; the diagnostic record names its HRESULT', () => {
  const d = read(readFileSync(join(__dirname, '..', '..', '..', 'fixtures', 'sip', 'real', 'ms-test-csfederatedpartner-cls.log'), 'utf8'));
  assert.deepEqual(d.counts, { OPTIONS: 1 });
  assert.deepEqual(d.errors.map((e) => [e.hresult, e.name, e.count, e.firstTimestamp]), [['0xC3E93C5E', 'SIPPROXY_E_ROUTING', 1, '2012-01-18T05:07:42.622']]);
});

test('CLS direction: outgoing is sent, incoming is received, anything else unknown; the peer as written (trimmed)', () => {
  for (const [dir, want] of [['outgoing;source="local"', 'sent'], ['incoming;source="internal edge"', 'received'], ['sideways', 'unknown']] as const) {
    const d = read(crlf(record(dir, 'SIP/2.0 404 Not Found', ['CSeq: 2 INVITE', 'Call-ID: cls1'])));
    assert.deepEqual(d.messages.map((m) => [m.direction, m.peer, m.timestamp, m.statusCode, m.callId]), [[want, 'lyncservr.contoso.com:61182', '2012-01-18T05:00:43.101', 404, 'cls1']], dir);
  }
  const p = read(crlf([BEGIN, 'Peer:    spaced.contoso.com:5061   ', 'Start-Line: SIP/2.0 480 Temporarily Unavailable', 'CSeq: 1 INVITE', 'Message-Body: -', '$$end_record']));
  assert.deepEqual(p.messages.map((m) => [m.peer, m.direction]), [['spaced.contoso.com:5061', 'unknown']]);
});

test('CLS Message-Body: "-" or empty ends the message; other text is its body; what follows $$end_record is text again', () => {
  for (const body of ['-', '']) {
    const d = read(crlf([...record('outgoing', 'SIP/2.0 404 Not Found', ['CSeq: 2 INVITE', 'Call-ID: b'], body), 'hr=0x80004005 after the record']));
    assert.deepEqual([d.messages.length, d.errors.length], [1, 1], `body ${JSON.stringify(body)}`);
  }
  const withBody = read(crlf(record('outgoing', 'SIP/2.0 400 Bad Request', ['CSeq: 2 INVITE', 'Call-ID: b2', 'Content-Type: text/plain'], 'hr=0x80004005 in the body')));
  assert.deepEqual([withBody.messages.map((m) => m.callId), withBody.errors], [['b2'], []], 'a protocol record is not scanned for HRESULTs');
  // a header line after Message-Body (the record goes on) stays in the message, not scanned
  const after = read(crlf([BEGIN, 'Start-Line: SIP/2.0 400 Bad Request', 'CSeq: 2 INVITE', 'Message-Body: text', 'hr=0x80004005 more body', '$$end_record']));
  assert.deepEqual([after.messages.length, after.errors], [1, []]);
});

test('CLS: a Start-Line that is no SIP start line opens nothing; a TF_PROTOCOL entry without $$begin_record is scanned as text', () => {
  const bad = read(crlf([BEGIN, 'Start-Line: not a start line', 'CSeq: 2 INVITE', 'Message-Body: -', '$$end_record']));
  assert.deepEqual([bad.messages, bad.counts], [[], {}]);
  const text = read(crlf(['TL_INFO(TF_PROTOCOL) [0]06E4.0EB4::01/18/2012-05:00:43.101.00005386 (SIPStack) hr=0x80004005', '$$end_record']));
  assert.deepEqual(text.errors.map((e) => [e.hresult, e.firstTimestamp]), [['0x80004005', '2012-01-18T05:00:43.101']]);
  // "TL_" not followed by capitals and "(": not a CLS entry, an ordinary line
  const notCls = read(crlf(['TL_info stuff hr=0x80004005', 'Start-Line: SIP/2.0 404 Not Found']));
  assert.deepEqual(notCls.errors.length, 1);
});

test('CLS diagnostic record: each line is scanned; the same HRESULT in one record counts once, in two records twice', () => {
  const rec = ['TL_ERROR(TF_DIAG) [0]0860.0CDC::01/18/2012-05:07:42.622.000d0b31 (SIPStack) $$begin_record', 'Result-Code: 0xc3e93c5e SIPPROXY_E_ROUTING', 'Text: again 0xC3E93C5E', '$$end_record'];
  assert.deepEqual(read(crlf(rec)).errors.map((e) => [e.hresult, e.count, e.firstTimestamp]), [['0xC3E93C5E', 1, '2012-01-18T05:07:42.622']]);
  assert.deepEqual(read(crlf([...rec, ...rec])).errors.map((e) => e.count), [2]);
  // after $$end_record, a plain line with the same code is a new event
  assert.deepEqual(read(crlf([...rec, 'plain 0xC3E93C5E'])).errors.map((e) => e.count), [2]);
});

test('an HRESULT first seen without a name takes the name written on a later line (same event or a later one)', () => {
  const same = read(crlf([`${TS}hr=0x80EF0191`, 'detail 0x80EF0191(CERTPROV_E_X)']));
  assert.deepEqual(same.errors.map((e) => [e.hresult, e.count, e.name]), [['0x80EF0191', 1, 'CERTPROV_E_X']]);
  const later = read(crlf([`${TS}hr=0x80EF0191`, `${TS}again 0x80EF0191(CERTPROV_E_X)`]));
  assert.deepEqual(later.errors.map((e) => [e.hresult, e.count, e.name]), [['0x80EF0191', 2, 'CERTPROV_E_X']]);
});

test('a marker followed by up to two non-SIP lines still takes the SIP start line; a third drops the marker', () => {
  const MARK = `${TS}Data Received - 192.0.2.10:443 (To Local Address: 10.1.2.3:50123) 300 bytes:`;
  const msg = ['SIP/2.0 404 Not Found', 'CSeq: 3 INVITE', 'Call-ID: j', 'Content-Length: 0', ''];
  const two = read(crlf([MARK, 'junk one', '', 'junk two', ...msg]));
  assert.deepEqual(two.messages.map((m) => [m.statusCode, m.direction, m.peer]), [[404, 'received', '192.0.2.10:443']]);
  const three = read(crlf([MARK, 'junk one', 'junk two', 'junk three', ...msg]));
  assert.deepEqual(three.messages.map((m) => [m.statusCode, m.direction]), [[404, 'unknown']], 'the start line then opens a raw message');
  const offset = read(crlf([MARK, '  prefix text SIP/2.0 404 Not Found', 'CSeq: 3 INVITE', 'Call-ID: off', 'Content-Length: 0', '']));
  assert.deepEqual(offset.messages.map((m) => [m.statusCode, m.direction, m.callId]), [[404, 'received', 'off']]);
});

test('a raw message with a body ends at the next SIP start line; a marked one does not', () => {
  const raw = read(crlf(['SIP/2.0 404 Not Found', 'CSeq: 3 INVITE', 'Call-ID: r1', 'Content-Length: 500', '', 'body', 'SIP/2.0 480 Temporarily Unavailable', 'CSeq: 4 INVITE', 'Call-ID: r2', '']));
  assert.deepEqual(raw.messages.map((m) => m.callId), ['r1', 'r2']);
  const embedded = read(crlf(['SIP/2.0 404 Not Found', 'CSeq: 3 INVITE', 'Call-ID: r1', 'Content-Length: 500', '', 'body', 'text before SIP/2.0 480 Temporarily Unavailable', 'CSeq: 4 INVITE', 'Call-ID: r2', '']));
  assert.deepEqual(embedded.messages.map((m) => m.callId), ['r1', 'r2']);
  const MARK = `${TS}Data Received - 192.0.2.10:443 (To Local Address: 10.1.2.3:50123) 300 bytes:`;
  const marked = read(crlf([MARK, `${TS}SIP/2.0 404 Not Found`, 'CSeq: 3 INVITE', 'Call-ID: m1', 'Content-Length: 500', '', 'body', 'SIP/2.0 480 Temporarily Unavailable', 'CSeq: 4 INVITE', 'Call-ID: m2', '']));
  assert.deepEqual(marked.messages.map((m) => m.callId), ['m1'], 'inside a marked packet the line is body');
});

test('schemes: offered from 401/407 challenges, used from Authorization and Authentication-Info and from a second gssapi leg', () => {
  const MARK = `${TS}Data Received - 192.0.2.10:443 (To Local Address: 10.1.2.3:50123) 300 bytes:`;
  const d = read(crlf([
    MARK, `${TS}SIP/2.0 407 Proxy Authentication Required`, 'Proxy-Authenticate: Kerberos realm="SIP Communications Service", targetname="sip/pool.contoso.com", gssapi-data="YIIB"', 'CSeq: 1 REGISTER', 'Call-ID: s', 'Content-Length: 0', '',
    MARK, `${TS}SIP/2.0 200 OK`, 'Authentication-Info: NTLM rspauth="01000000", srand="3", snum="1", opaque="a", qop="auth", targetname="pool.contoso.com", realm="SIP Communications Service"', 'CSeq: 2 REGISTER', 'Call-ID: s', 'Content-Length: 0', '',
    MARK, `${TS}SIP/2.0 403 Forbidden`, 'WWW-Authenticate: TLS-DSK realm="SIP Communications Service"', 'CSeq: 3 INVITE', 'Call-ID: s3', 'Content-Length: 0', '',
  ]));
  assert.deepEqual([...d.schemesOffered].sort(), ['Kerberos']);
  assert.deepEqual([...d.schemesUsed].sort(), ['Kerberos', 'NTLM']);
  assert.equal(d.messages.find((m) => m.statusCode === 200)?.authInfoScheme, 'NTLM');
  assert.deepEqual(d.messages.find((m) => m.statusCode === 403)?.challenges, [], 'challenges belong to 401/407 only');
});

test('a diagnostic header with an HRESULT attribute records the HRESULT with the message line and timestamp, once per message', () => {
  const MARK = `${TS}Data Received - 192.0.2.10:443 (To Local Address: 10.1.2.3:50123) 300 bytes:`;
  const d = read(crlf([MARK, `${TS}SIP/2.0 401 Unauthorized`, 'ms-diagnostics: 1000;reason="Final handshake failed";HRESULT="0xC3E93EE4(SIP_E_AUTH_NTLMMISMATCH)";source="pool.contoso.com"', 'ms-diagnostics-public: 1000;reason="Final handshake failed";HRESULT="0xC3E93EE4(SIP_E_AUTH_NTLMMISMATCH)"', 'CSeq: 2 REGISTER', 'Call-ID: h', 'Content-Length: 0', '']));
  assert.deepEqual(d.errors.map((e) => [e.hresult, e.name, e.count, e.firstLine, e.firstTimestamp]), [['0xC3E93EE4', 'SIP_E_AUTH_NTLMMISMATCH', 1, 1, '2013-09-10T14:07:51.000']]);
  assert.ok(d.errors[0]?.sample.startsWith('ms-diagnostics: 1000;'));
  assert.deepEqual(d.diagnostics.map((x) => [x.diagnostic.header, x.count, x.statusCode, x.cseqMethod, x.firstLine]), [['ms-diagnostics', 1, 401, 'REGISTER', 1], ['ms-diagnostics-public', 1, 401, 'REGISTER', 1]]);
});

test('counts: the 100 most frequent keys, most frequent first', () => {
  const lines: string[] = [];
  for (let i = 0; i < 105; i++) for (let k = 0; k <= i % 3; k++) lines.push(`SIP/2.0 ${300 + i} R`, `CSeq: 1 M${i}`, '');
  const d = read(crlf(lines));
  const counts = Object.entries(d.counts);
  assert.equal(counts.length, 100);
  assert.ok(counts.every(([, n], i) => i === 0 || (counts[i - 1]?.[1] ?? 0) >= n), 'sorted by count, descending');
  assert.equal(counts.filter(([, n]) => n === 3).length, 35, 'all 35 keys seen three times are kept');
});

test('CLS Message-Body: the lines after it are the body, never headers (a body line shaped like ms-diagnostics is not counted)', () => {
  // RFC 3261 7.5: the body follows the header block; the CLS record writes the header block first, then Message-Body.
  const bodyLines = ['ms-diagnostics: 4005;reason="Destination URI either not enabled for SIP or does not exist"', 'CSeq: 9 BYE'];
  const d = read(crlf([BEGIN, 'Direction: incoming', 'Start-Line: SIP/2.0 200 OK', 'CSeq: 2 REGISTER', 'Call-ID: body1', 'Content-Type: text/plain', 'Message-Body: first body line', ...bodyLines, '$$end_record']));
  assert.deepEqual(d.messages.map((m) => [m.callId, m.cseq, m.cseqMethod, m.statusCode, m.diagnostics.length]), [['body1', 2, 'REGISTER', 200, 0]]);
  assert.deepEqual(d.diagnostics, []);
  // the same line in the header block (before Message-Body) is a header and is counted
  const h = read(crlf([BEGIN, 'Direction: incoming', 'Start-Line: SIP/2.0 404 Not Found', 'CSeq: 2 MESSAGE', 'Call-ID: body2', bodyLines[0]!, 'Message-Body: -', '$$end_record']));
  assert.deepEqual(h.diagnostics.map((x) => x.diagnostic.code), [4005]);
});
