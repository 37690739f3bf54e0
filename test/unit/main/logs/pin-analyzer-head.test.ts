/**
 * Pins the head of the log analyzer (main/logs/analyzer.ts up to the CLS reader): the in-place reading
 * (`lineAt`: quiet trace lines, packet markers, start lines and header lines decided on the read chunk, see the
 * comment above `LogAnalyzer.lineAt`), which lines it must leave to the line path, and the helpers (quietText,
 * webCallKind, detach, the count keys, the kept records). Which lines took the line path is seen by wrapping
 * `line` (as fast-path.test.ts does); every reading is also compared with the line-by-line reference.
 * Expected values are read off the log lines by hand (UccApilog trace prefix "MM/DD/YYYY|time PID:TID LEVEL :: text").
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { detach, LogAnalyzer, quietText, webCallKind } from '../../../../main/logs/analyzer';
import { LineFeeder } from '../../../../main/logs/line-feeder';
import type { LogsSection } from '../../../../main/model/logs';
import { loadMsDiagnosticsTable } from '../../../../main/sip/ms-diagnostics-file';
import { feedInChunks, readInChunks } from '../../../helpers/chunked-log-read';

const table = loadMsDiagnosticsTable();
const ts = (s: number, level = 'INFO '): string => `09/10/2013|14:07:${String(s).padStart(2, '0')}.000 1F68:C14 ${level} :: `;
const TS = ts(51);
const MARK = `${TS}Data Received - 192.0.2.10:443 (To Local Address: 10.1.2.3:50123) 300 bytes:`;
const crlf = (lines: readonly string[]): string => `${lines.join('\r\n')}\r\n`;
const lf = (lines: readonly string[]): string => `${lines.join('\n')}\n`;

interface Reading {
  /** Numbers of the lines handed to `line` (the line path); the others were read in place. */
  slow: number[];
  d: LogsSection;
  first: string | null;
  last: string | null;
}

/** An analyzer whose `line` calls are recorded. */
function spied(): { a: LogAnalyzer; slow: number[] } {
  const a = new LogAnalyzer(table);
  const slow: number[] = [];
  const line = a.line.bind(a);
  a.line = (l: string, n: number): void => {
    slow.push(n);
    line(l, n);
  };
  return { a, slow };
}

/** Reads `text` in place (cut at `cuts`), recording which lines took the line path; fails unless the line-by-line reading gives the same. */
function reading(text: string, cuts: readonly number[] = []): Reading {
  const { a, slow } = spied();
  a.beginFile('x.UccApilog');
  feedInChunks(new LineFeeder(a), text, cuts);
  a.endFile();
  const got = { d: a.section([]), first: a.firstTimestamp, last: a.lastTimestamp };
  const ref = readInChunks(table, 'x.UccApilog', text, [], false) as { section: LogsSection; first: string | null; last: string | null };
  assert.deepEqual(JSON.parse(JSON.stringify(got)), JSON.parse(JSON.stringify({ d: ref.section, first: ref.first, last: ref.last })), 'in place and line by line agree');
  return { slow, ...got };
}

// ---- quiet trace lines ----

test('after the first trace line of a file, quiet trace lines are read in place; the newest one gives the last timestamp', () => {
  const r = reading(lf([`${ts(51)}first`, `${ts(52)}nothing to see`, `${ts(53, 'TRACE')}state=0x0000ab0 ok`]));
  assert.deepEqual(r.slow, [1], 'only the first trace line takes the line path');
  assert.equal(r.first, '2013-09-10T14:07:51.000');
  assert.equal(r.last, '2013-09-10T14:07:53.000');
  assert.deepEqual([r.d.errors, r.d.webCalls, r.d.diagnostics, r.d.messages], [[], [], [], []]);
  // CRLF line ends too (the CR is not part of the line)
  const c = reading(crlf([`${ts(51)}first`, `${ts(52)}nothing to see`, `${ts(54)}still nothing`]));
  assert.deepEqual([c.slow, c.last], [[1], '2013-09-10T14:07:54.000']);
});

test('a new file starts again: its first trace line takes the line path, and its timestamps are its own', () => {
  const { a, slow } = spied();
  a.beginFile('a.UccApilog');
  const f1 = new LineFeeder(a);
  f1.feed(lf([`${ts(10)}a`, `${ts(11)}b`]));
  f1.end();
  assert.deepEqual([a.firstTimestamp, a.lastTimestamp], ['2013-09-10T14:07:10.000', '2013-09-10T14:07:11.000']);
  a.beginFile('b.UccApilog');
  assert.deepEqual([a.firstTimestamp, a.lastTimestamp], [null, null]);
  const f2 = new LineFeeder(a);
  f2.feed(lf([`${ts(20)}c`, `${ts(21)}d`]));
  f2.end();
  a.endFile();
  assert.deepEqual(slow, [1, 1]);
  assert.deepEqual([a.firstTimestamp, a.lastTimestamp], ['2013-09-10T14:07:20.000', '2013-09-10T14:07:21.000']);
});

test('trace lines that may record something take the line path: ERROR / WARN / WARNING levels, "hr", URLs, diagnostics, HRESULT-like 0x…, SIP/2.0', () => {
  const busy = ['hr=0', 'x HR y', 'Hr', 'hR', 'http', 'HTTP', 'Http', '0x8', '0x9', '0xa', '0xf', '0xA', '0xF', 'ms-diagnostics', 'X-MS-DIAGNOSTICS', 'a SIP/2.0 b'];
  for (const text of busy) assert.deepEqual(reading(lf([`${ts(51)}first`, `${ts(52)}${text} zz`, `${ts(53)}quiet`])).slow, [1, 2], text);
  for (const level of ['ERROR', 'WARN ', 'WARNING']) assert.deepEqual(reading(lf([`${ts(51)}first`, `${ts(52, level)}quiet text`, `${ts(53)}quiet`])).slow, [1, 2], level);
  // levels that only start like those, and text that only looks busy, are quiet
  for (const level of ['ERRORS', 'WARNED', 'WARNINGS', 'ERRO', 'WARNIN']) assert.deepEqual(reading(lf([`${ts(51)}first`, `${ts(52, level)}quiet text`])).slow, [1], level);
  for (const text of ['0x7fffffff', '0x0000ab0', '0xg', 'h r', 'htt', 'HTT', 'iagnostic', 'x SIP/2.1', 'x sip/2.0']) assert.deepEqual(reading(lf([`${ts(51)}first`, `${ts(52)}${text} zz`])).slow, [1], text);
});

test('quietText: false exactly when the text holds something scanText or a start line would act on', () => {
  const t = 'prefix>> hr <<suffix';
  assert.equal(quietText(t, 0, t.length), false);
  assert.equal(quietText(t, 11, t.length), true, 'only [from, to) is read: "hr" starts before from');
  assert.equal(quietText(t, 0, 10), true, '"hr" ends after to');
  assert.equal(quietText(t, 9, 11), false);
  for (const s of ['hr', 'HR', 'Hr', 'hR', 'http', 'HTTP', 'Http', '0x8', '0x9', '0xa', '0xb', '0xc', '0xd', '0xe', '0xf', '0xA', '0xB', '0xC', '0xD', '0xE', '0xF', 'iagnostics', 'IAGNOSTICS', 'SIP/2.0']) {
    assert.equal(quietText(`..${s}..`, 0, s.length + 4), false, s);
  }
  for (const s of ['', 'h r', 'h-r', 'htt', 'HTT', 'Htt', '0x0', '0x7', '0xg', '0X8', 'x8', 'iagnostic', 'IAGNOSTIC', 'SIP/2.1', 'SIP/20', 'sip/2.0', 'SIPx2.0']) {
    assert.equal(quietText(`..${s}..`, 0, s.length + 4), true, s);
  }
});

test('the trace prefix the in-place path accepts is exactly splitTraceLine\'s: what it does not accept takes the line path', () => {
  const first = `${ts(51)}first`;
  // a 20-character trace line (the shortest there is) with a one-digit month and no level
  const short = reading(lf([first, '9/1/2013|1:02:03 ::x']));
  assert.deepEqual([short.slow, short.last], [[1], '2013-09-01T01:02:03']);
  // 19 characters: no trace line (a raw line, scanned), the last trace line stays
  const shorter = reading(lf([first, '9/1/2013|1:02:03 ::']));
  assert.deepEqual([shorter.slow, shorter.last], [[1, 2], '2013-09-10T14:07:51.000']);
  // "/" at index 1 only (one-digit month), at index 2 only (the usual), at neither
  assert.deepEqual(reading(lf([first, '9/10/2013|14:07:52.000 1F68:C14 INFO  :: quiet'])).last, '2013-09-10T14:07:52.000');
  assert.deepEqual(reading(lf([first, '9/10/2013|14:07:52.000 1F68:C14 INFO  :: quiet'])).slow, [1]);
  const noSlash = reading(lf([first, '0910/2013|14:07:52.000 1F68:C14 INFO  :: quiet']));
  assert.deepEqual([noSlash.slow, noSlash.last], [[1, 2], '2013-09-10T14:07:51.000']);
  // not starting with a digit, no digit after the pipe, the pipe past index 10, no " ::": no trace lines
  for (const l of ['x9/10/2013|14:07:52.000 1F68:C14 INFO  :: quiet', '09/10/2013|x4:07:52.000 1F68:C14 INFO  :: quiet', '9/10/201333|14:07:52.000 1F68:C14 INFO  :: quiet', '09/10/2013|14:07:52.000 1F68:C14 INFO  -- quiet']) {
    const r = reading(lf([first, l, `${ts(53)}quiet`]));
    assert.deepEqual([r.slow, r.last], [[1, 2], '2013-09-10T14:07:53.000'], l);
    const end = reading(lf([first, l]));
    assert.deepEqual([end.slow, end.last], [[1, 2], '2013-09-10T14:07:51.000'], l);
  }
  // the pipe at index 10 (the usual MM/DD/YYYY) is found
  assert.deepEqual(reading(lf([first, `${ts(52)}quiet`])).slow, [1]);
  // " ::" at most 80 characters after the pipe
  const head = '14:07:52.000 1F68:C14 INFO';
  const at80 = reading(lf([first, `09/10/2013|${head.padEnd(79)} :: quiet`]));
  assert.deepEqual([at80.slow, at80.last], [[1], '2013-09-10T14:07:52.000']);
  const at81 = reading(lf([first, `09/10/2013|${head.padEnd(80)} :: quiet`]));
  assert.deepEqual([at81.slow, at81.last], [[1, 2], '2013-09-10T14:07:51.000']);
  // a trace line with empty text (it ends with " ::" or " :: ") is read in place: it is the newest trace line and nothing more
  for (const l of ['09/10/2013|14:07:52.000 1F68:C14 INFO  ::', '09/10/2013|14:07:52.000 1F68:C14 INFO  :: ']) {
    for (const text of [lf([first, l]), crlf([first, l])]) {
      const r = reading(text);
      assert.deepEqual([r.slow, r.last], [[1], '2013-09-10T14:07:52.000'], JSON.stringify(text));
    }
  }
  // a line without " ::" while the next line has one close by: still no trace line
  const next = reading(lf([first, '09/10/2013|14:07:52.000 1F68:C14 INFO', ' :: quiet']));
  assert.deepEqual([next.slow, next.last], [[1, 2, 3], '2013-09-10T14:07:51.000']);
});

test('lines with a CR inside or syslog escapes (#015 / #012) take the line path, which splits them', () => {
  const first = `${ts(51)}first`;
  assert.deepEqual(reading(lf([first, `${ts(52)}quiet\r${ts(53)}quiet too`])).slow, [1, 2]);
  assert.deepEqual(reading(lf([first, `${ts(52)}quiet #012 text`])).slow, [1, 2]);
  assert.deepEqual(reading(lf([first, `${ts(52)}quiet #01 text`])).slow, [1, 2], '"#01" alone is enough to leave it to the line path');
  // a CR-split header line is two headers; an escaped one too
  const cr = reading(`${MARK}\r\n${TS}SIP/2.0 404 Not Found\r\nCall-ID: a\rCSeq: 5 INVITE\r\nContent-Length: 0\r\n\r\n`);
  assert.deepEqual(cr.d.messages.map((m) => [m.callId, m.cseq, m.cseqMethod]), [['a', 5, 'INVITE']]);
  const esc = reading(`${MARK}\r\n${TS}SIP/2.0 404 Not Found\r\nCall-ID: a#015#012CSeq: 6 INVITE\r\nContent-Length: 0\r\n\r\n`);
  assert.deepEqual(esc.d.messages.map((m) => [m.callId, m.cseq, m.cseqMethod]), [['a', 6, 'INVITE']]);
});

// ---- packet markers, start lines and header lines ----

const MSG404 = [`${TS}SIP/2.0 404 Not Found`, 'From: <sip:a@contoso.com>;tag=1', 'Call-ID: c1', 'CSeq: 7 INVITE', 'Content-Length: 0', ''];

test('a whole marked message is read in place: marker, start line, headers and the blank line', () => {
  for (const marker of [MARK, `${TS}Sending Packet - 192.0.2.10:5061 (From Local Address: 10.1.2.3:50123) 300 bytes:`]) {
    const r = reading(crlf([`${ts(50)}first`, marker, ...MSG404, `${ts(52)}after`]));
    assert.deepEqual(r.slow, [1], marker);
    const sent = marker.includes('Sending');
    assert.deepEqual(r.d.messages.map((m) => [m.direction, m.peer, m.line, m.timestamp, m.statusCode, m.reasonPhrase, m.callId, m.cseq, m.cseqMethod, m.from, m.startLine]), [[sent ? 'sent' : 'received', sent ? '192.0.2.10:5061' : '192.0.2.10:443', 2, '2013-09-10T14:07:51.000', 404, 'Not Found', 'c1', 7, 'INVITE', '<sip:a@contoso.com>;tag=1', 'SIP/2.0 404 Not Found']]);
    assert.deepEqual(r.d.counts, { 'INVITE 404': 1 });
    assert.equal(r.last, '2013-09-10T14:07:52.000');
  }
  // a request start line (ends in " SIP/2.0")
  const req = reading(crlf([`${ts(50)}first`, MARK, `${TS}REGISTER sip:contoso.com SIP/2.0`, 'Call-ID: r1', 'CSeq: 1 REGISTER', 'Content-Length: 0', '']));
  assert.deepEqual(req.slow, [1]);
  assert.deepEqual(req.d.messages.map((m) => [m.kind, m.method, m.requestUri, m.callId, m.line]), [['request', 'REGISTER', 'sip:contoso.com', 'r1', 2]]);
  assert.deepEqual(req.d.counts, { REGISTER: 1 });
});

test('after a marker, an "End of …" line, a non-start line or a start line that is none takes the line path', () => {
  const end = reading(crlf([`${ts(50)}first`, MARK, `${TS}End of Data Received - 192.0.2.10:443`, `${ts(52)}quiet`]));
  assert.deepEqual([end.slow, end.d.messages], [[1, 3], []]);
  const other = reading(crlf([`${ts(50)}first`, MARK, `${TS}quiet text`, `${ts(52)}quiet`]));
  assert.deepEqual([other.slow, other.d.messages], [[1, 3], []]);
  const fake = reading(crlf([`${ts(50)}first`, MARK, `${TS}SIP/2.0 abc`, 'Call-ID: f', '']));
  assert.deepEqual(fake.slow.slice(0, 2), [1, 3]);
  assert.deepEqual(fake.d.messages, []);
});

test('header lines need CRLF ends; a line starting with a digit or "TL_" inside the headers takes the line path', () => {
  const lfOnly = reading(lf([`${ts(50)}first`, MARK, ...MSG404]));
  assert.deepEqual(lfOnly.slow, [1, 4, 5, 6, 7, 8]);
  assert.deepEqual(lfOnly.d.messages.map((m) => m.callId), ['c1']);
  const tag = reading(crlf([`${ts(50)}first`, MARK, `${TS}SIP/2.0 404 Not Found`, 'Tag: t', 'Call-ID: c1', 'CSeq: 7 INVITE', 'Content-Length: 0', '']));
  assert.deepEqual(tag.slow, [1], '"Tag:" is a header, read in place');
  const digit = reading(crlf([`${ts(50)}first`, MARK, `${TS}SIP/2.0 404 Not Found`, 'Call-ID: c1', `${ts(52)}quiet`]));
  assert.deepEqual(digit.slow, [1, 5], 'a trace line ends the message through the line path');
  assert.deepEqual(digit.d.messages.map((m) => [m.callId, m.cseq]), [['c1', null]]);
});

test('the blank line ending the headers is read in place only when no body follows (Content-Length 0, or none on a raw message)', () => {
  const H = ['Call-ID: c1', 'CSeq: 7 INVITE'];
  const marked = (cl: string[]): Reading => reading(crlf([`${ts(50)}first`, MARK, `${TS}SIP/2.0 404 Not Found`, ...H, ...cl, '', `${ts(53)}quiet`]));
  const raw = (cl: string[]): Reading => reading(crlf([`${ts(50)}first`, 'SIP/2.0 404 Not Found', ...H, ...cl, '', `${ts(53)}quiet`]));
  assert.deepEqual(marked(['Content-Length: 0']).slow, [1]);
  assert.deepEqual(marked([]).slow, [1, 6, 7], 'a marked message without Content-Length keeps reading a body up to the next trace line');
  assert.deepEqual(marked(['Content-Length: 3']).slow, [1, 7, 8]);
  assert.deepEqual(raw([]).slow, [1, 2], 'a raw message starts on the line path; its headers and blank line are read in place');
  assert.deepEqual(raw(['Content-Length: 0']).slow, [1, 2]);
  assert.deepEqual(raw(['Content-Length: 3']).slow, [1, 2, 6, 7]);
  for (const r of [marked(['Content-Length: 0']), marked([]), raw([]), raw(['Content-Length: 3'])]) assert.deepEqual(r.d.messages.map((m) => [m.callId, m.cseq, m.statusCode]), [['c1', 7, 404]]);
  // blank lines of spaces and tabs end the headers too
  const spaced = reading(crlf([`${ts(50)}first`, MARK, `${TS}SIP/2.0 404 Not Found`, ...H, 'Content-Length: 0', ' \t ', `${ts(53)}quiet`]));
  assert.deepEqual(spaced.slow, [1]);
  assert.deepEqual(spaced.d.messages.map((m) => m.callId), ['c1']);
});

test('Content-Length read in place: "l" or "Content-Length", any case, leading blanks; other headers starting with "c" or "l" are not it', () => {
  for (const cl of ['l: 0', 'L: 0', 'Content-Length: 0', 'CONTENT-LENGTH: 0', 'content-length:0', ' Content-Length: 0', '\tl: 0', 'Content-Length: 00']) {
    const r = reading(crlf([`${ts(50)}first`, MARK, `${TS}SIP/2.0 404 Not Found`, 'Call-ID: c1', 'CSeq: 7 INVITE', cl, '', `${ts(53)}quiet`]));
    assert.deepEqual(r.slow, [1], JSON.stringify(cl));
    assert.deepEqual(r.d.messages.map((m) => m.callId), ['c1']);
  }
  for (const other of ['Contact: <sip:x@y>', 'c: text/plain', 'Content-Type: 0', 'Lines: 0', 'Cl: 0', 'Co: 0', 'Contact-Url: 0', 'Content-Length: 0 x', 'Content-Length: x0', 'Content-Length: 1234567890']) {
    const r = reading(crlf([`${ts(50)}first`, MARK, `${TS}SIP/2.0 404 Not Found`, 'Call-ID: c1', 'CSeq: 7 INVITE', other, '', `${ts(53)}quiet`]));
    assert.deepEqual(r.slow, [1, 7, 8], other);
  }
});

test('a message with a diagnostics header read in place is counted once; one with no headers has none of the previous one\'s', () => {
  const diag = 'ms-diagnostics: 4005;reason="Destination URI either not enabled for SIP or does not exist";source="sip.contoso.com"';
  const r = reading(crlf([`${ts(50)}first`, MARK, `${TS}SIP/2.0 404 Not Found`, 'Call-ID: c1', 'CSeq: 7 INVITE', diag, 'Content-Length: 0', '', `${ts(53)}quiet`]));
  assert.deepEqual(r.slow, [1]);
  assert.deepEqual(r.d.diagnostics.map((d) => [d.diagnostic.code, d.count, d.firstLine, d.statusCode, d.cseqMethod]), [[4005, 1, 2, 404, 'INVITE']]);
  // two raw messages in one chunk: the second has no header lines at all
  const two = reading(crlf(['SIP/2.0 404 Not Found', 'Call-ID: c1', 'CSeq: 7 INVITE', '', 'SIP/2.0 486 Busy Here', '']));
  assert.deepEqual(two.d.messages.map((m) => [m.statusCode, m.callId, m.cseq]), [[404, 'c1', 7], [486, null, null]]);
});

test('header lines read in place across read chunks, and a message cut off by the end of the file, are kept whole', () => {
  const text = crlf([`${ts(50)}first`, MARK, `${TS}SIP/2.0 404 Not Found`, 'From: <sip:a@contoso.com>;tag=1', 'Call-ID: c1', 'CSeq: 7 INVITE']);
  for (let cut = 0; cut <= text.length; cut += 5) {
    const r = reading(text, [cut]);
    assert.deepEqual(r.d.messages.map((m) => [m.from, m.callId, m.cseq, m.cseqMethod]), [['<sip:a@contoso.com>;tag=1', 'c1', 7, 'INVITE']], `cut at ${cut}`);
  }
});

test('inside a CLS record, UccApilog-looking lines belong to the record (line path): they are no trace lines', () => {
  const r = reading(lf([`${ts(50)}first`, 'TL_INFO(TF_DIAG) [0]06E4.0EB4::01/18/2012-05:00:43.101.00005386 (SIPStack) $$begin_record', `${ts(59)}inside the record`, '$$end_record', `${ts(52)}after`]));
  assert.deepEqual(r.slow, [1, 2, 3, 4]);
  assert.equal(r.last, '2013-09-10T14:07:52.000');
  const open = reading(lf([`${ts(50)}first`, 'TL_INFO(TF_DIAG) [0]06E4.0EB4::01/18/2012-05:00:43.101.00005386 (SIPStack) $$begin_record', `${ts(59)}inside the record`]));
  assert.equal(open.last, '2013-09-10T14:07:50.000');
});

// ---- helpers ----

test('webCallKind: certificate provisioning, web ticket and autodiscover URLs by their path, any case; others none', () => {
  assert.equal(webCallKind('https://webpool.contoso.com/CertProv/CertProvisioningService.svc'), 'cert-provisioning');
  assert.equal(webCallKind('https://webpool.contoso.com/certprov/x'), 'cert-provisioning');
  assert.equal(webCallKind('https://webpool.contoso.com/WebTicket/WebTicketService.svc'), 'web-ticket');
  assert.equal(webCallKind('https://lyncdiscover.contoso.com/'), 'autodiscover');
  assert.equal(webCallKind('https://LyncDiscoverInternal.contoso.com/'), 'autodiscover');
  assert.equal(webCallKind('https://webpool.contoso.com/Autodiscover/AutodiscoverService.svc/root'), 'autodiscover');
  for (const none of ['https://webpool.contoso.com/CertProv', 'https://webpool.contoso.com/xcertprovx/', 'https://webpool.contoso.com/WebTicket', 'https://webpool.contoso.com/autodiscover.xml', 'https://www.contoso.com/']) assert.equal(webCallKind(none), null, none);
});

test('detach returns an equal string of every length (short ones as they are, interned ones equal, long ones copied)', () => {
  for (const n of [0, 1, 12, 13, 14, 255, 256, 257, 5000]) {
    const s = `${'abcdefghij'.repeat(600)}`.slice(7, 7 + n);
    assert.equal(detach(s), s, String(n));
    assert.equal(detach(s), s, `${n} again`);
  }
  assert.equal(detach('é→ü "quoted" €'.repeat(3)), 'é→ü "quoted" €'.repeat(3));
  // more distinct values than the intern table holds: every one still comes back equal
  for (let i = 0; i < 5000; i++) assert.equal(detach(`value number ${i}`), `value number ${i}`);
});

// ---- state kept between lines, chunks and files ----

test('lineAt called directly: the newest trace line read in place is the last timestamp before any chunk end', () => {
  const { a, slow } = spied();
  a.beginFile('x.UccApilog');
  const text = lf([`${ts(51)}first`, `${ts(52)}quiet`, `${ts(53)}quiet too`]);
  let start = 0;
  let no = 0;
  for (;;) {
    const nl = text.indexOf('\n', start);
    if (nl < 0) break;
    a.lineAt(text, start, nl, ++no);
    start = nl + 1;
  }
  assert.deepEqual(slow, [1]);
  assert.equal(a.firstTimestamp, '2013-09-10T14:07:51.000');
  assert.equal(a.lastTimestamp, '2013-09-10T14:07:53.000');
  // a new file forgets the previous file's lines, even those still read in place
  const t2 = lf([`${ts(54)}first`, `${ts(55)}quiet`]);
  a.lineAt(t2, 0, t2.indexOf('\n'), 1);
  a.lineAt(t2, t2.indexOf('\n') + 1, t2.length - 1, 2);
  a.beginFile('y.UccApilog');
  assert.deepEqual([a.firstTimestamp, a.lastTimestamp], [null, null]);
});

test('a line on the line path comes after the lines read in place before it: the newest trace line and the header order stay', () => {
  const last = reading(lf([`${ts(51)}first`, `${ts(52)}quiet`, `${ts(53, 'ERROR')}quiet`]));
  assert.deepEqual([last.slow, last.last], [[1, 3], '2013-09-10T14:07:53.000']);
  // the first CSeq of a message is its CSeq: one read in place, then one on a CR-split line
  const order = reading(crlf([`${ts(50)}first`, MARK, `${TS}SIP/2.0 404 Not Found`, 'CSeq: 7 INVITE', 'Call-ID: c1\rCSeq: 9 BYE', 'Content-Length: 0', '']));
  assert.deepEqual(order.d.messages.map((m) => [m.callId, m.cseq, m.cseqMethod]), [['c1', 7, 'INVITE']]);
  assert.deepEqual(order.d.counts, { 'INVITE 404': 1 });
});

test('CR and escape positions are looked up in each chunk afresh: a CR or "#012" at a chunk\'s first character, or after a chunk without any, is seen', () => {
  // headers of a raw message; the chunk cut right before a line starting with an escaped or a bare line end
  for (const split of ['#012', '#015#012', '\r']) {
    const head = crlf([`${ts(50)}first`, 'SIP/2.0 404 Not Found', 'Call-ID: c1']);
    const text = `${head}${split}CSeq: 6 INVITE\r\n\r\n`;
    const r = reading(text, [head.length]);
    // the line path splits it: an empty line ends the headers (no Content-Length on a raw message: no body), then "CSeq: 6 INVITE" is a raw line
    assert.deepEqual(r.d.messages.map((m) => [m.callId, m.cseq]), [['c1', null]], JSON.stringify(split));
    assert.ok(r.slow.includes(4), JSON.stringify(split));
  }
  // the first chunk has no CR and no escape at all; the second has them inside lines
  const one = lf([`${ts(50)}first`, `${ts(51)}quiet`]);
  for (const inner of ['\r', '#012']) {
    const r = reading(`${one}${ts(52)}quiet${inner}${ts(53)}quiet\n${ts(54)}quiet\n`, [one.length]);
    assert.deepEqual(r.slow, [1, 3], JSON.stringify(inner));
  }
});

test('a new file closes what the previous one left open: its message, its CLS record and its HRESULT event', () => {
  const { a } = spied();
  const feed = (text: string): void => {
    const f = new LineFeeder(a);
    f.feed(text);
    f.end();
  };
  a.beginFile('a.log');
  feed(crlf([`${ts(50)}first`, MARK, `${TS}SIP/2.0 404 Not Found`, 'Call-ID: a1', 'hr=0x80004005 x']));
  a.beginFile('b.log');
  feed(crlf(['CSeq: 9 INVITE', 'hr=0x80004005 y', 'TL_INFO(TF_PROTOCOL) [0]06E4.0EB4::01/18/2012-05:00:43.101.00005386 (SIPStack) $$begin_record']));
  a.beginFile('c.log');
  feed(crlf(['SIP/2.0 480 Temporarily Unavailable', 'Call-ID: c1', 'CSeq: 2 INVITE', '']));
  a.endFile();
  const d = a.section([]);
  // a's message ends with a's file (its last line was a header: no CSeq); b's first lines are b's own; c's raw message is read
  assert.deepEqual(d.messages.map((m) => [m.file, m.callId, m.cseq, m.statusCode]), [['a.log', 'a1', null, 404], ['c.log', 'c1', 2, 480]]);
  // the HRESULT in a's message is a header value (not scanned); b's line is one event of its own
  assert.deepEqual(d.errors.map((e) => [e.hresult, e.count, e.firstFile, e.firstLine]), [['0x80004005', 1, 'b.log', 2]]);
  // the same HRESULT on the last raw line of one file and the first of the next: two events
  const { a: b } = spied();
  for (const [file, text] of [['a.log', 'hr=0x80070005 end of a\n'], ['b.log', 'hr=0x80070005 start of b\n']] as const) {
    b.beginFile(file);
    const f = new LineFeeder(b);
    f.feed(text);
    f.end();
  }
  b.endFile();
  assert.deepEqual(b.section([]).errors.map((e) => [e.hresult, e.count, e.firstFile]), [['0x80070005', 2, 'a.log']]);
});

test('a quiet trace line read in place starts a new HRESULT event: the raw lines after it are its own', () => {
  const r = reading(lf([`${ts(50)}first`, `${ts(51)}failed hr=0x80004005`, 'hr=0x80004005 raw line of the same entry', `${ts(52)}quiet`, 'hr=0x80004005 raw line of the quiet entry']));
  assert.deepEqual(r.slow, [1, 2, 3, 5]);
  assert.deepEqual(r.d.errors.map((e) => [e.hresult, e.count, e.firstLine, e.firstTimestamp]), [['0x80004005', 2, 2, '2013-09-10T14:07:51.000']]);
});

test('header lines are read in place only while the message stays under MAX_MESSAGE_LINES lines and MAX_MESSAGE_CHARS characters', () => {
  // lines: 1 first, 2 marker, 3 start line, then headers; the start line plus 1998 headers read in place make 1999 lines,
  // the next header would make the 2000th (the cap): from there on the line path appends (and drops past the cap)
  const many = Array.from({ length: 2010 }, (_, i) => `X-H${i}: v`);
  const r = reading(crlf([`${ts(50)}first`, MARK, `${TS}SIP/2.0 404 Not Found`, 'Call-ID: big', 'CSeq: 3 INVITE', ...many]));
  assert.deepEqual(r.slow.slice(0, 3), [1, 2002, 2003]);
  assert.equal(r.slow.length, 1 + (3 + 2 + 2010 - 2001));
  assert.deepEqual(r.d.messages.map((m) => [m.callId, m.cseq]), [['big', 3]]);
  // by characters: each header line counts its length and CRLF; the start line 21 + 2
  const long = Array.from({ length: 2000 }, (_, i) => `X-L${String(i).padStart(4, '0')}: ${'v'.repeat(i === 0 ? 142 : 90)}`); // 99 characters + CRLF (the first 52 more)
  const rl = reading(crlf([`${ts(50)}first`, MARK, `${TS}SIP/2.0 404 Not Found`, ...long]));
  // the nth header is read in place while 23 + 52 + 101 * n < 128 * 1024: the first 1296 (lines 4 to 1299); with
  // the 1297th the message would reach exactly 131 072 characters, so it takes the line path
  assert.deepEqual(rl.slow.slice(0, 2), [1, 1300]);
});

// ---- what a kept message's record and the counts are built from ----

/** A marked message (marker, start line on the trace line, headers, blank line) after a first trace line. */
const message = (start: string, headers: readonly string[]): string => crlf([`${ts(50)}first`, MARK, `${TS}${start}`, ...headers, 'Content-Length: 0', '']);

test('an ms-diagnostics HRESULT attribute is an error event: its code in any spelling, the name written in brackets or else the table\'s', () => {
  const err = (attr: string): unknown[] => reading(message('SIP/2.0 403 Forbidden', ['Call-ID: h', 'CSeq: 1 REGISTER', `ms-diagnostics: 1000;reason="Final handshake failed";${attr};source="sip.contoso.com"`])).d.errors.map((e) => [e.hresult, e.name, e.count, e.firstLine, e.sample]);
  const sample = (attr: string): string => `ms-diagnostics: 1000;reason="Final handshake failed";${attr};source="sip.contoso.com"`;
  assert.deepEqual(err('HRESULT="0x80090322(SEC_E_WRONG_PRINCIPAL)"'), [['0x80090322', 'SEC_E_WRONG_PRINCIPAL', 1, 2, sample('HRESULT="0x80090322(SEC_E_WRONG_PRINCIPAL)"')]]);
  assert.deepEqual(err('hresult="80090322"'), [['0x80090322', 'SEC_E_WRONG_PRINCIPAL', 1, 2, sample('hresult="80090322"')]]);
  assert.deepEqual(err('HResult="0xc3e93c5e ( SIPPROXY_E_ROUTING )"'), [['0xC3E93C5E', 'SIPPROXY_E_ROUTING', 1, 2, sample('HResult="0xc3e93c5e ( SIPPROXY_E_ROUTING )"')]]);
  assert.deepEqual(err('HRESULT=" 0xC3E93C5E "'), [['0xC3E93C5E', 'SIPPROXY_E_ROUTING', 1, 2, sample('HRESULT=" 0xC3E93C5E "')]]);
  assert.deepEqual(err('HRESULT="0x80004005 (written name)"'), [['0x80004005', 'E_FAIL', 1, 2, sample('HRESULT="0x80004005 (written name)"')]], 'a bracket that is no constant name: the table names it');
  // not an HRESULT: 7 digits, not hex, another attribute
  for (const attr of ['HRESULT="0x8009032"', 'HRESULT="0xZ0090322"', 'HRESULT="(SEC_E_WRONG_PRINCIPAL)"', 'hr="0x80090322"', 'WinsockFailureCode="10054(WSAECONNRESET)"']) assert.deepEqual(err(attr), [], attr);
});

test('diagnostics are counted by header and code; one without a code by header and its first 40 characters', () => {
  const text40 = 'no code at all: text that runs on past forty characters';
  const d = reading(
    [
      message('SIP/2.0 404 Not Found', ['Call-ID: a', 'CSeq: 1 INVITE', `ms-diagnostics: ${text40} A`]),
      message('SIP/2.0 404 Not Found', ['Call-ID: b', 'CSeq: 2 INVITE', `ms-diagnostics: ${text40} B`]),
      message('SIP/2.0 404 Not Found', ['Call-ID: c', 'CSeq: 3 INVITE', `ms-diagnostics-public: ${text40} C`]),
      message('SIP/2.0 404 Not Found', ['Call-ID: d', 'CSeq: 4 INVITE', 'ms-diagnostics: no code, short']),
      message('SIP/2.0 404 Not Found', ['Call-ID: e', 'CSeq: 5 INVITE', 'ms-diagnostics: 4005;reason="x"']),
      message('SIP/2.0 404 Not Found', ['Call-ID: f', 'CSeq: 6 INVITE', 'ms-diagnostics: 4005;reason="other text"']),
    ].join(''),
  ).d;
  assert.deepEqual(
    d.diagnostics.map((x) => [x.diagnostic.header, x.diagnostic.code, x.count, x.diagnostic.raw]),
    [
      ['ms-diagnostics', null, 2, `${text40} A`],
      ['ms-diagnostics-public', null, 1, `${text40} C`],
      ['ms-diagnostics', null, 1, 'no code, short'],
      ['ms-diagnostics', 4005, 2, '4005;reason="x"'],
    ],
  );
});

test('responses are counted by CSeq method and code ("? 404" without a CSeq); requests by method', () => {
  const d = reading(
    [
      message('SIP/2.0 404 Not Found', ['Call-ID: a', 'CSeq: 1 INVITE']),
      message('SIP/2.0 404 Not Found', ['Call-ID: b', 'CSeq: 2 BYE']),
      message('SIP/2.0 404 Not Found', ['Call-ID: c', 'CSeq: 3 INVITE']),
      message('SIP/2.0 404 Not Found', ['Call-ID: d']),
      message('SIP/2.0 480 Temporarily Unavailable', ['Call-ID: e', 'CSeq: 5 INVITE']),
      message('SUBSCRIBE sip:a@contoso.com SIP/2.0', ['Call-ID: f', 'CSeq: 6 SUBSCRIBE']),
    ].join(''),
  ).d;
  assert.deepEqual(d.counts, { 'INVITE 404': 2, 'BYE 404': 1, '? 404': 1, 'INVITE 480': 1, SUBSCRIBE: 1 });
  assert.deepEqual(d.messages.map((m) => [m.callId, m.cseq, m.cseqMethod]), [['a', 1, 'INVITE'], ['b', 2, 'BYE'], ['c', 3, 'INVITE'], ['d', null, null], ['e', 5, 'INVITE']]);
});

test('a kept record: its start line cut at 300 characters, at most 8 contacts from all Contact headers, Date and Authentication-Info', () => {
  const uri = `sip:${'u'.repeat(400)}@contoso.com`;
  const contacts = Array.from({ length: 10 }, (_, i) => `<sip:c${i}@10.0.0.${i}:5061;transport=tls>`);
  const d = reading(message(`REGISTER ${uri} SIP/2.0`, ['Call-ID: r', 'CSeq: 1 REGISTER', `Contact: ${contacts.slice(0, 3).join(', ')}`, `Contact: ${contacts.slice(3).join(',')}`, 'Date: Tue, 10 Sep 2013 14:07:51 GMT'])).d;
  assert.deepEqual(d.messages.map((m) => [m.startLine, m.contacts, m.date, m.requestUri]), [[`REGISTER ${uri} SIP/2.0`.slice(0, 300), contacts.slice(0, 8), 'Tue, 10 Sep 2013 14:07:51 GMT', uri]]);
  const ok = reading(message('SIP/2.0 200 OK', ['Call-ID: r', 'CSeq: 2 REGISTER', 'Authentication-Info: NTLM rspauth="0100", srand="1", snum="2", opaque="3", qop="auth", targetname="sip.contoso.com", realm="SIP Communications Service"'])).d;
  assert.deepEqual(ok.messages.map((m) => [m.statusCode, m.contacts, m.date, m.authInfoScheme, m.startLine]), [[200, [], null, 'NTLM', 'SIP/2.0 200 OK']]);
  assert.deepEqual(ok.schemesUsed, ['NTLM']);
});

// ---- what scanText looks for on lines outside messages ----

test('a web call\'s HTTP status: "HTTP/1.x", "status code", "statuscode" or "http status", any case and spacing, 100-599', () => {
  const url = 'https://lyncdiscover.contoso.com/';
  const want: Array<[string, number | null]> = [
    ['HTTP/1.1 200 OK', 200],
    ['HTTP/1.1  200', 200],
    ['HTTP/1.0 404', 404],
    ['status code : 404', 404],
    ['status code: 404', 404],
    ['status code:404', 404],
    ['Status Code = 403', 403],
    ['status  code 500', 500],
    ['statuscode=500', 500],
    ['StatusCode = 503', 503],
    ['statuscode: 502', 502],
    ['http status : 401', 401],
    ['http status: 401', 401],
    ['http status:401', 401],
    ['HTTP Status 401', 401],
    ['http status=401', 401],
    ['status 404', null],
    ['status code: 600', null],
    ['status code: 4040', null],
    ['HTTP/1.2 200', null],
    ['HTTP/1.1 2000', null],
  ];
  for (const [status, code] of want) {
    const d = reading(lf([`${ts(50)}first`, `${ts(51)}GET ${url} ${status}`])).d;
    assert.deepEqual(d.webCalls.map((w) => [w.url, w.httpStatus]), [[url, code]], status);
  }
});

test('HRESULTs written without "0x" after "hr" or "hresult" (= or :, any spacing) are errors; other 8-digit numbers are not', () => {
  for (const [text, want] of [
    ['hr=80004005', '0x80004005'],
    ['hr = 80004005', '0x80004005'],
    ['hr =80004005', '0x80004005'],
    ['hr: 80004005', '0x80004005'],
    ['failed, hr:c3e93c5e', '0xC3E93C5E'],
    ['hresult=80070005', '0x80070005'],
    ['hresult = 80070005', '0x80070005'],
    ['hresult:80070005', '0x80070005'],
    ['hr=80004005 and 0x1', '0x80004005'],
  ] as const) {
    for (const line of [text, `${ts(51)}${text}`]) assert.deepEqual(reading(lf([`${ts(50)}first`, line])).d.errors.map((e) => e.hresult), [want], line);
  }
  for (const text of ['hr=70004005', 'hr=8000400', 'hr=800040051', 'thr=80004005', 'hr 80004005', 'id=80004005', 'hresult 80070005']) {
    assert.deepEqual(reading(lf([`${ts(50)}first`, text])).d.errors, [], text);
  }
});

test('an inline ms-diagnostics header is read with any spacing around ":" and before ";"', () => {
  for (const text of ['ms-diagnostics : 4005;reason="x"', 'ms-diagnostics:4005;reason="x"', 'ms-diagnostics:   4005 ;reason="x"', 'ms-diagnostics  :4005  ;reason="x"']) {
    const d = reading(lf([`${ts(50)}first`, `${ts(51)}${text}`])).d;
    assert.deepEqual(d.diagnostics.map((x) => [x.diagnostic.code, x.count, x.firstLine]), [[4005, 1, 2]], text);
  }
  assert.deepEqual(reading(lf([`${ts(50)}first`, `${ts(51)}ms-diagnostics: x4005;reason="x"`])).d.diagnostics, []);
});

test('syslog escapes: "#015#012", "#015" (and one space after it) and "#012" each end a line', () => {
  for (const [esc, label] of [['#015#012', 'CRLF'], ['#015', 'CR'], ['#015 ', 'CR and a space'], ['#012', 'LF']]) {
    const d = reading(`${['SIP/2.0 404 Not Found', 'Call-ID: e1', 'CSeq: 6 INVITE', '', ''].join(esc)}\n`).d;
    assert.deepEqual(d.messages.map((m) => [m.statusCode, m.reasonPhrase, m.callId, m.cseq]), [[404, 'Not Found', 'e1', 6]], label);
  }
});

test('an analyzer fed without beginFile names no file', () => {
  const a = new LogAnalyzer(table);
  a.line('SIP/2.0 404 Not Found', 1);
  a.line('Call-ID: n', 2);
  a.line('', 3);
  assert.deepEqual(a.section([]).messages.map((m) => [m.file, m.line, m.callId]), [['', 1, 'n']]);
});

test('the HRESULT attribute: the value must start with the code; a written name needs brackets (spaces inside allowed); one bad attribute adds nothing', () => {
  const err = (diags: readonly string[]): unknown[] => reading(message('SIP/2.0 403 Forbidden', ['Call-ID: h', 'CSeq: 1 REGISTER', ...diags.map((x) => `ms-diagnostics: ${x}`)])).d.errors.map((e) => [e.hresult, e.name, e.count]);
  assert.deepEqual(err(['1000;reason="x";HRESULT="see 80090322"']), []);
  for (const v of ['0x8EEE0001(MY_E_NAME)', '0x8EEE0001 ( MY_E_NAME )', '8eee0001 (MY_E_NAME)', '0x8EEE0001  (MY_E_NAME)']) assert.deepEqual(err([`1000;reason="x";HRESULT="${v}"`]), [['0x8EEE0001', 'MY_E_NAME', 1]], v);
  assert.deepEqual(err(['1000;reason="x";HRESULT="0x8EEE0001"']), [['0x8EEE0001', null, 1]], 'not in the table, no name written');
  assert.deepEqual(err(['1000;reason="x";HRESULT="0x8EEE0001 MY_E_NAME"']), [['0x8EEE0001', null, 1]], 'a name without brackets is not read');
  // a second diagnostics header whose HRESULT attribute is no code adds nothing
  assert.deepEqual(err(['1000;reason="x";HRESULT="0x80090322"', '1001;reason="y";HRESULT="none"']), [['0x80090322', 'SEC_E_WRONG_PRINCIPAL', 1]]);
});

test('"HRESULT=" / "HR:" / "Hresult =" without "0x" are errors too: the hint that admits them is case-insensitive, and so is the code', () => {
  for (const [text, want] of [
    ['HRESULT=80070005', '0x80070005'],
    ['HResult: 80070005', '0x80070005'],
    ['Hresult = 80070005', '0x80070005'],
    ['HR=80004005', '0x80004005'],
    ['Hr: 80004005', '0x80004005'],
    ['hR=80004005', '0x80004005'],
    ['hResult = 80070005', '0x80070005'],
  ] as const) {
    for (const line of [text, `${ts(51)}${text}`]) assert.deepEqual(reading(lf([`${ts(50)}first`, line])).d.errors.map((e) => [e.hresult, e.count]), [[want, 1]], line);
  }
});

test('a line starting with an escaped or bare line end starts with an empty line, which ends the HRESULT event', () => {
  for (const lead of ['#012', '#015', '#015#012', '\r']) {
    const d = reading(`hr=0x80004005 first\n${lead}hr=0x80004005 second\n`).d;
    assert.deepEqual(d.errors.map((e) => [e.hresult, e.count]), [['0x80004005', 2]], JSON.stringify(lead));
  }
  // without it, both lines are one event
  assert.deepEqual(reading('hr=0x80004005 first\nhr=0x80004005 second\n').d.errors.map((e) => e.count), [1]);
});

test('the first line of every later chunk is read in place like any other; so is a marker without a peer', () => {
  const a = lf([`${ts(50)}first`, `${ts(51)}quiet`]);
  const text = `${a}${lf([`${ts(52)}quiet`, `${ts(53)}quiet`])}`;
  for (const cut of [a.length, a.length + `${ts(52)}quiet\n`.length]) assert.deepEqual(reading(text, [cut]).slow, [1], `cut at ${cut}`);
  const nopeer = reading(crlf([`${ts(50)}first`, `${TS}Data Received -`, `${TS}SIP/2.0 404 Not Found`, 'Call-ID: n', 'CSeq: 3 INVITE', 'Content-Length: 0', '']));
  assert.deepEqual(nopeer.slow, [1]);
  assert.deepEqual(nopeer.d.messages.map((m) => [m.direction, m.peer, m.callId]), [['received', null, 'n']]);
});

test('trace text right after " ::" (no space) is read whole: a marker opens its message, a URL is a web call', () => {
  const P = '09/10/2013|14:07:52.000 1F68:C14 INFO  ::';
  const web = reading(lf([`${ts(50)}first`, `${P}https://lyncdiscover.contoso.com/`]));
  assert.deepEqual(web.d.webCalls.map((w) => [w.kind, w.url, w.line]), [['autodiscover', 'https://lyncdiscover.contoso.com/', 2]]);
  const mark = reading(crlf([`${ts(50)}first`, `${P}Sending Packet - 192.0.2.10:5061 (x) 9 bytes:`, `${P}SIP/2.0 404 Not Found`, 'Call-ID: s', 'CSeq: 1 INVITE', 'Content-Length: 0', '']));
  assert.deepEqual(mark.slow, [1]);
  assert.deepEqual(mark.d.messages.map((m) => [m.direction, m.peer, m.callId, m.statusCode]), [['sent', '192.0.2.10:5061', 's', 404]]);
});

test('a line without a pipe, or with a 7-letter level that is not WARNING, is judged like splitTraceLine judges it', () => {
  const first = `${ts(50)}first`;
  const nopipe = reading(lf([first, '9/10/2013 14:07:52.000 1F68:C14 INFO  :: quiet']));
  assert.deepEqual([nopipe.slow, nopipe.last], [[1, 2], '2013-09-10T14:07:50.000']);
  const nopipe2 = reading(lf(['9/1/2013|14:07:50.000 1F68:C14 INFO  :: first', '9/10/2013 14:07:52.000 1F68:C14 INFO  :: quiet']));
  assert.deepEqual([nopipe2.slow, nopipe2.last], [[1, 2], '2013-09-01T14:07:50.000']);
  assert.deepEqual(reading(lf([first, `${ts(52, 'VERBOSE')}quiet`])).slow, [1]);
  // a trace line without a level at a chunk's first character
  const t = lf([first, '9/1/2013|1:02:03 ::x']);
  const r = reading(t, [first.length + 1]);
  assert.deepEqual([r.slow, r.last], [[1], '2013-09-01T01:02:03']);
});

test('CLS entries: only a line starting "TL_LEVEL(" opens one; a protocol record\'s header line and the "$$end_record" line are not scanned', () => {
  const see = reading(lf(['see TL_INFO(TF_DIAG) hr=0x80004005', 'SIP/2.0 404 Not Found', 'Call-ID: t', '']));
  assert.deepEqual([see.d.errors.map((e) => e.hresult), see.d.messages.map((m) => m.callId)], [['0x80004005'], ['t']]);
  const proto = reading(crlf(['TL_INFO(TF_PROTOCOL) [0]06E4.0EB4::01/18/2012-05:00:43.101.00005386 (SIPStack) hr=0x80004005 $$begin_record', 'Direction: incoming', 'Start-Line: SIP/2.0 404 Not Found', 'CSeq: 2 INVITE', 'Message-Body: -', '$$end_record']));
  assert.deepEqual([proto.d.errors, proto.d.messages.map((m) => [m.statusCode, m.direction])], [[], [[404, 'received']]]);
  const end = reading(crlf(['TL_ERROR(TF_DIAG) [0]0860.0CDC::01/18/2012-05:07:42.622.000d0b31 (SIPStack) $$begin_record', 'Text: x', '$$end_record hr=0x80004005', 'SIP/2.0 404 Not Found', 'Call-ID: z', '']));
  assert.deepEqual([end.d.errors, end.d.messages.map((m) => m.callId)], [[], ['z']]);
});

test('an inline ms-diagnostics value runs to the end of its line, even past a U+2028 (no line end in a log file)', () => {
  const d = reading(lf([`${ts(50)}first`, `${ts(51)}ms-diagnostics: 4005;reason="a\u2028b"`])).d;
  assert.deepEqual(d.diagnostics.map((x) => [x.diagnostic.code, x.diagnostic.raw]), [[4005, '4005;reason="a\u2028b"']]);
});
