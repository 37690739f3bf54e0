/**
 * Pins the analyzer's reading through its public entry points (LogAnalyzer fed by a LineFeeder, in place and
 * line by line): each case is a rule of the log format or an edge (blank lines, case of header names, caps),
 * checked against what the rule says, on both reading paths and with the text cut into pieces.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { LogsSection } from '../../../../main/model/logs';
import { loadMsDiagnosticsTable } from '../../../../main/sip/ms-diagnostics-file';
import { sectionAllPaths } from '../../../helpers/chunked-log-read';

const table = loadMsDiagnosticsTable();
const TS = '09/10/2013|14:07:51.000 1F68:C14 INFO  :: ';

/** The section, read in place, line by line, whole-parse and cut every 7 characters: all must agree. */
const read = (text: string): LogsSection => sectionAllPaths(table, 'x.UccApilog', text, 7);

test('an uppercase inline "MS-DIAGNOSTICS:" header is counted like the lowercase one (header names are case-insensitive, RFC 3261 7.3.5)', () => {
  for (const name of ['MS-DIAGNOSTICS', 'ms-diagnostics', 'Ms-Diagnostics', 'X-MS-DIAGNOSTICS', 'MS-DIAGNOSTICS-PUBLIC', 'MS-CLIENT-DIAGNOSTICS']) {
    for (const prefix of [TS, '']) {
      const d = read(`${prefix}${name}: 4005;reason="Destination URI either not enabled for SIP or does not exist"\n`);
      assert.equal(d.diagnostics.length, 1, `${prefix}${name}`);
      assert.equal(d.diagnostics[0]?.diagnostic.code, 4005);
      assert.equal(d.diagnostics[0]?.diagnostic.header, name.toLowerCase());
      assert.equal(d.diagnostics[0]?.statusCode, null);
    }
  }
});

test('a blank line of any length (spaces, tabs) ends an HRESULT event, as an empty line does', () => {
  for (const blank of ['', ' ', '  ', '   ', '\t\t\t', '        ', ' \t \t ']) {
    const d = read(`hr=0x80004005 first\n${blank}\nhr=0x80004005 again\n`);
    assert.equal(d.errors[0]?.count, 2, JSON.stringify(blank));
  }
  // without the blank line both lines are one event: counted once
  assert.equal(read('hr=0x80004005 first\nhr=0x80004005 again\n').errors[0]?.count, 1);
  // a line with text between them is still the same event
  assert.equal(read('hr=0x80004005 first\n   x\nhr=0x80004005 again\n').errors[0]?.count, 1);
});

test('web-service URLs are found whatever the case of the scheme ("HTTPS://", "Http://"), on trace lines and plain lines', () => {
  for (const scheme of ['https', 'HTTPS', 'Https', 'http', 'HTTP']) {
    for (const prefix of [TS, 'GET ']) {
      const d = read(`${prefix}${scheme}://webpool.contoso.com/CertProv/CertProvisioningService.svc HTTP/1.1 200 OK\n`);
      assert.deepEqual(d.webCalls.map((w) => [w.kind, w.url, w.httpStatus]), [['cert-provisioning', `${scheme}://webpool.contoso.com/CertProv/CertProvisioningService.svc`, 200]], `${prefix}${scheme}`);
    }
  }
});

const MARK = `${TS}Data Received - 192.0.2.10:443 (To Local Address: 10.1.2.3:50123) 300 bytes:`;
const END = `${TS}End of Data Received - 192.0.2.10:443 (To Local Address: 10.1.2.3:50123) 300 bytes`;
const crlf = (lines: readonly string[]): string => `${lines.join('\r\n')}\r\n`;

test('Content-Length counts body bytes (UTF-8), each body line with its CRLF: the message ends there, the next line is text again', () => {
  // body "hé" + CRLF = 3 + 2 = 5 bytes: Content-Length 5 ends the message after it, 6 keeps the next line in the body
  const msg = (cl: number): string => crlf([MARK, `${TS}SIP/2.0 404 Not Found`, 'Call-ID: body', 'CSeq: 3 INVITE', `Content-Length: ${cl}`, '', 'hé', 'hr=0x80004005 after the body']);
  const ended = read(msg(5));
  assert.deepEqual(ended.errors.map((e) => [e.hresult, e.count]), [['0x80004005', 1]]);
  assert.deepEqual(ended.messages.map((m) => [m.statusCode, m.callId]), [[404, 'body']]);
  const open = read(msg(6));
  assert.deepEqual(open.errors, [], 'the line is still body (6 > 5 bytes read)');
  assert.deepEqual(open.messages.map((m) => [m.statusCode, m.callId]), [[404, 'body']]);
  // "l:" is the compact form of Content-Length (RFC 3261 20.14), any case
  assert.deepEqual(read(crlf([MARK, `${TS}SIP/2.0 404 Not Found`, 'Call-ID: compact', 'CSeq: 3 INVITE', '  L : 5 ', '', 'hé', 'hr=0x80004005 after the body'])).errors.length, 1);
  // Content-Length 0 on a marked message: the blank line ends it, no body
  assert.deepEqual(read(crlf([MARK, `${TS}SIP/2.0 404 Not Found`, 'Call-ID: zero', 'CSeq: 3 INVITE', 'content-length: 0', '', 'hr=0x80004005 after'])).errors.length, 1);
  // no Content-Length on a marked message: what follows the blank line is body until the end marker
  const nocl = read(crlf([MARK, `${TS}SIP/2.0 404 Not Found`, 'Call-ID: nocl', 'CSeq: 3 INVITE', '', 'hr=0x80004005 in the body', END, 'hr=0x80070005 after']));
  assert.deepEqual(nocl.errors.map((e) => e.hresult), ['0x80070005']);
});

test('a raw (unmarked) message ends at its blank line when it has no Content-Length', () => {
  const d = read(crlf(['SIP/2.0 403 Forbidden', 'Call-ID: raw', 'CSeq: 9 SUBSCRIBE', '', 'hr=0x80004005 after']));
  assert.deepEqual(d.messages.map((m) => [m.statusCode, m.callId, m.cseqMethod, m.direction, m.peer, m.line]), [[403, 'raw', 'SUBSCRIBE', 'unknown', null, 1]]);
  assert.equal(d.errors.length, 1);
  assert.deepEqual(d.counts, { 'SUBSCRIBE 403': 1 });
});

test('a message keeps at most MAX_MESSAGE_CHARS characters (each line + CRLF): a header starting at the limit is not read', () => {
  // start line "SIP/2.0 404 Not Found" (21 + 2), "CSeq: 3 INVITE" (14 + 2), 127 pads of 1022 + 2, one last pad:
  // 39 + 127 × 1024 = 130 087; a last pad of 983 (+ 2) brings the count to 131 072 = 128 KiB exactly
  const pad = (i: number, len = 1022): string => `X-Pad: ${String(i).padStart(4, '0')}${'p'.repeat(len - 11)}`;
  const msg = (last: number, id: string): string => crlf([MARK, `${TS}SIP/2.0 404 Not Found`, 'CSeq: 3 INVITE', ...Array.from({ length: 127 }, (_, i) => pad(i)), pad(127, last), `Call-ID: ${id}`, 'Content-Length: 0', '']);
  assert.deepEqual(read(msg(982, 'in')).messages.map((m) => m.callId), ['in'], 'one character under the limit: read');
  assert.deepEqual(read(msg(983, 'out')).messages.map((m) => m.callId), [null], 'at the limit: not kept');
});

test('distinct diagnostics: at most MAX_DIAGNOSTIC_KEYS kept (the first ones), repeats of kept ones still counted', () => {
  const lines = Array.from({ length: 305 }, (_, i) => `${TS}ms-diagnostics: ${10000 + i};reason="r"`);
  lines.push(`${TS}ms-diagnostics: 10000;reason="r"`, `${TS}ms-diagnostics: 10304;reason="r"`);
  const d = read(crlf(lines));
  assert.equal(d.diagnostics.length, 300);
  assert.deepEqual([d.diagnostics[0]?.diagnostic.code, d.diagnostics[0]?.count, d.diagnostics[0]?.firstLine], [10000, 2, 1]);
  assert.equal(d.diagnostics.at(-1)?.diagnostic.code, 10299);
});

test('failures (3xx-6xx but 401/407) are kept in their own ring of MAX_KEPT_FAILURES, in order with the REGISTERs', () => {
  const resp = (code: number, i: number, method = 'INVITE'): string[] => [MARK, `${TS}SIP/2.0 ${code} Reason`, `Call-ID: c${i}`, `CSeq: ${i} ${method}`, 'Content-Length: 0', ''];
  const lines: string[] = [];
  for (let i = 0; i < 205; i++) lines.push(...resp(480, i));
  lines.push(...resp(401, 900), ...resp(407, 901), ...resp(200, 902), ...resp(299, 903), ...resp(300, 904), ...resp(200, 905, 'REGISTER'));
  const d = read(crlf(lines));
  const kept = d.messages.map((m) => `${m.statusCode} ${m.callId}`);
  assert.equal(d.droppedMessages, 6); // 206 failures (205 × 480 and the 300), 200 kept
  assert.deepEqual(kept.slice(0, 2), ['480 c6', '480 c7']);
  assert.deepEqual(kept.slice(-2), ['300 c904', '200 c905'], 'the 300 is a failure, the REGISTER 200 is kept in the other ring; 401, 407, 2xx INVITE are not kept');
  assert.equal(kept.length, 201);
  assert.equal(d.counts['INVITE 480'], 205);
});
