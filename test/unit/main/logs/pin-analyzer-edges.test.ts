/**
 * More pins of the analyzer's rules, each from a survivor of the mutation run reviewed by hand: Content-Length
 * forms (RFC 3261 20.14: "Content-Length" or "l", any case, a decimal number, optional spaces), bodies of
 * raw and marked messages, markers without trace prefix or peer, which side carries credentials, and the
 * length limits of kept samples. Read in place, line by line, whole-parse and cut in pieces: all must agree.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { LogsSection } from '../../../../main/model/logs';
import { loadMsDiagnosticsTable } from '../../../../main/sip/ms-diagnostics-file';
import { sectionAllPaths } from '../../../helpers/chunked-log-read';

const table = loadMsDiagnosticsTable();
const TS = '09/10/2013|14:07:51.000 1F68:C14 INFO  :: ';
const MARK = `${TS}Data Received - 192.0.2.10:443 (To Local Address: 10.1.2.3:50123) 300 bytes:`;
const crlf = (lines: readonly string[]): string => `${lines.join('\r\n')}\r\n`;

/** The section, read in place, line by line, whole-parse and cut every 13 characters: all must agree. */
const read = (text: string): LogsSection => sectionAllPaths(table, 'x.log', text, 13);

/** A marked 404 with the given header lines, a blank line, then body lines; what `hr=` lines are scanned tells where the message ended. */
const marked = (headers: readonly string[], body: readonly string[]): string => crlf([MARK, `${TS}SIP/2.0 404 Not Found`, 'Call-ID: cl', 'CSeq: 3 INVITE', ...headers, '', ...body]);
const scanned = (d: LogsSection): string[] => d.errors.map((e) => e.hresult);

test('Content-Length forms: no space after the colon and two-digit lengths are read; a longer name or trailing text is no Content-Length', () => {
  // body "hr=0x80004005 inside!" is 21 bytes + CRLF = 23: a length of 23 ends the message after it, the next line is scanned
  const body = ['hr=0x80004005 inside!', 'hr=0x80070005 after'];
  assert.deepEqual(scanned(read(marked(['Content-Length:23'], body))), ['0x80070005']);
  assert.deepEqual(scanned(read(marked(['Content-Length: 23'], body))), ['0x80070005']);
  assert.deepEqual(scanned(read(marked(['content-length : 23  '], body))), ['0x80070005']);
  // not a Content-Length: a marked message without one keeps everything up to the next trace entry as body
  assert.deepEqual(scanned(read(marked(['Contact-Url: 23'], body))), [], '"…l: 23" at the end of another header');
  assert.deepEqual(scanned(read(marked(['Content-Length: 23abc'], body))), [], 'trailing text');
});

test('a marked message without Content-Length: every body line up to the next trace entry is body, none is scanned', () => {
  assert.deepEqual(scanned(read(marked([], ['first body line', 'hr=0x80004005 second body line', `${TS}hr=0x80070005 next entry`]))), ['0x80070005']);
});

test('a raw message with Content-Length reads its body (not scanned) and ends after it', () => {
  const d = read(crlf(['SIP/2.0 404 Not Found', 'Call-ID: raw', 'CSeq: 3 INVITE', 'Content-Length: 23', '', 'hr=0x80004005 inside!', 'hr=0x80070005 after']));
  assert.deepEqual(scanned(d), ['0x80070005']);
  assert.deepEqual(d.messages.map((m) => m.callId), ['raw']);
});

test('a marker followed by another trace entry that is no start line: the marker is dropped and the entry is scanned', () => {
  const d = read(crlf([MARK, `${TS}hr=0x80004005 failed`]));
  assert.deepEqual([d.messages, scanned(d)], [[], ['0x80004005']]);
});

test('packet markers count only on trace lines; a marker without a peer opens a message with peer null', () => {
  const raw = read(crlf(['Data Received - 192.0.2.10:443 (To Local Address: 10.1.2.3:50123) 300 bytes:', 'SIP/2.0 404 Not Found', 'Call-ID: r', 'CSeq: 3 INVITE', '']));
  assert.deepEqual(raw.messages.map((m) => [m.direction, m.peer]), [['unknown', null]]);
  const nopeer = read(crlf([`${TS}Data Received -`, `${TS}SIP/2.0 404 Not Found`, 'Call-ID: n', 'CSeq: 3 INVITE', 'Content-Length: 0', '']));
  assert.deepEqual(nopeer.messages.map((m) => [m.direction, m.peer, m.timestamp]), [['received', null, '2013-09-10T14:07:51.000']]);
});

test('a SIP start line on a trace line without a marker opens a raw message stamped with the trace time', () => {
  const d = read(crlf([`${TS}SIP/2.0 404 Not Found`, 'Call-ID: t', 'CSeq: 3 INVITE', '']));
  assert.deepEqual(d.messages.map((m) => [m.direction, m.timestamp, m.callId]), [['unknown', '2013-09-10T14:07:51.000', 't']]);
});

test('credentials are read from requests only (Authorization, Proxy-Authorization), Authentication-Info from responses only', () => {
  const req = (auth: string): string[] => [MARK, `${TS}REGISTER sip:contoso.com SIP/2.0`, auth, 'Call-ID: a', 'CSeq: 2 REGISTER', 'Content-Length: 0', ''];
  const resp = (auth: string): string[] => [MARK, `${TS}SIP/2.0 200 OK`, auth, 'Call-ID: a', 'CSeq: 2 REGISTER', 'Content-Length: 0', ''];
  assert.deepEqual(read(crlf(req('Authorization: TLS-DSK qop="auth", realm="SIP Communications Service", opaque="1", crand="2", cnum="3", targetname="pool.contoso.com", response="4"'))).schemesUsed, ['TLS-DSK']);
  assert.deepEqual(read(crlf(req('Proxy-Authorization: NTLM qop="auth", realm="SIP Communications Service", opaque="1", crand="2", cnum="3", targetname="pool.contoso.com", response="4"'))).schemesUsed, ['NTLM']);
  assert.deepEqual(read(crlf(req('Authentication-Info: NTLM rspauth="1", srand="2"'))).schemesUsed, [], 'Authentication-Info on a request is no proof');
  assert.deepEqual(read(crlf(resp('Authorization: NTLM qop="auth", opaque="1", response="4"'))).schemesUsed, [], 'Authorization on a response is not the client\'s');
  const reg = read(crlf(req('Authorization: TLS-DSK qop="auth", opaque="1", response="4"')));
  assert.deepEqual(reg.messages.map((m) => [m.credentialsScheme, m.authInfoScheme]), [['TLS-DSK', null]]);
});

test('kept texts are bounded: a web call keeps 500 URL and 300 line characters, an HRESULT 300 sample characters, a CLS peer 300', () => {
  const url = `https://webpool.contoso.com/CertProv/${'u'.repeat(600)}`;
  const w = read(crlf([`${TS}GET ${url} ${'t'.repeat(400)}`]));
  assert.deepEqual([w.webCalls[0]?.url, w.webCalls[0]?.text.length], [url.slice(0, 500), 300]);
  const line = `hr=0x80004005 ${'s'.repeat(400)}`;
  assert.equal(read(crlf([line])).errors[0]?.sample, line.slice(0, 300));
  const peer = `${'p'.repeat(350)}.contoso.com:5061`;
  const c = read(crlf(['TL_INFO(TF_PROTOCOL) [0]06E4.0EB4::01/18/2012-05:00:43.101.00005386 (SIPStack)$$begin_record', `Peer: ${peer}`, 'Start-Line: SIP/2.0 404 Not Found', 'CSeq: 2 INVITE', 'Message-Body: -', '$$end_record']));
  assert.equal(c.messages[0]?.peer, peer.slice(0, 300));
});

test('an HRESULT keeps the first name written next to it; a later different name does not replace it', () => {
  const d = read(crlf([`${TS}hr=0x80EF0191(FIRST_NAME)`, 'again 0x80EF0191(SECOND_NAME)', `${TS}and 0x80EF0191(THIRD_NAME)`]));
  assert.deepEqual(d.errors.map((e) => [e.hresult, e.name, e.count]), [['0x80EF0191', 'FIRST_NAME', 2]]);
});
