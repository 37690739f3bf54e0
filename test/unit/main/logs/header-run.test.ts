/**
 * LogAnalyzer.headerRun: after a line read in place, the header lines of the open message that follow (and its
 * blank line) are read in one loop, each exactly as lineAt would read it in place, and the run stops before the
 * first line lineAt would hand to the line path. Expectations come from lineAt's rules (README "Speed"): a header
 * line is read in place only when it ends in CRLF, holds no other CR and no syslog escape, does not start like a
 * trace or CLS line, and a blank line is taken only when no body follows (Content-Length 0).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LogAnalyzer } from '../../../../main/logs/analyzer';
import { LineFeeder, MAX_LINE_CHARS } from '../../../../main/logs/line-feeder';
import { loadMsDiagnosticsTable } from '../../../../main/sip/ms-diagnostics-file';
import { readInChunks } from '../../../helpers/chunked-log-read';

const table = loadMsDiagnosticsTable();
const TS = '09/10/2013|14:07:51.000 1F68:C14 INFO  :: ';
const MARKER = `${TS}Sending Packet - 192.0.2.10:443 (From Local Address: 10.1.2.3:50123) 300 bytes:`;
const START = `${TS}REGISTER sip:contoso.com SIP/2.0`;
const HEADERS = ['Via: SIP/2.0/TLS 10.1.2.3:50123', 'From: <sip:alice@contoso.com>;tag=a', 'To: <sip:alice@contoso.com>', 'Call-ID: c1', 'CSeq: 1 REGISTER', 'Content-Length: 0'];
const END = `${TS}End of Sending Packet - 192.0.2.10:443`;

/** An analyzer that has read, in place, the marker and the start line at the head of `text`; where the next line starts. */
function afterStartLine(text: string): { a: LogAnalyzer; next: number } {
  const a = new LogAnalyzer(table);
  a.beginFile('x.UccApilog');
  a.line(`${TS}TRACE :: first trace line`, 1); // lineAt reads trace lines in place only after the file's first one
  let at = 0;
  for (let no = 2; no <= 3; no++) {
    const nl = text.indexOf('\n', at);
    a.lineAt(text, at, nl, no);
    at = nl + 1;
  }
  return { a, next: at };
}

test('the header lines and the blank line of a message without body are taken in one run; the next line starts after them', () => {
  const text = [MARKER, START, ...HEADERS, '', END, ''].join('\r\n');
  const { a, next } = afterStartLine(text);
  assert.equal(a.headerRun(text, next, MAX_LINE_CHARS), HEADERS.length + 1);
  assert.equal(a.runEnd, text.indexOf(END));
  assert.equal(a.headerRun(text, a.runEnd, MAX_LINE_CHARS), 0, 'no message is open any more: nothing to take');
  assert.equal(a.runEnd, text.indexOf(END), 'an empty run leaves runEnd where it started');
  a.endFile();
  const s = a.section([]);
  assert.deepEqual(s.counts, { REGISTER: 1 }, 'the message was recorded at its blank line');
  assert.equal(s.messages[0]?.callId, 'c1');
  assert.equal(s.messages[0]?.line, 2, 'numbered at its packet marker');
});

test('the run stops before a line lineAt would not read as a header in place', () => {
  const cases: Array<[string, string]> = [
    ['an LF-only line end', 'Call-ID: c1\nCSeq: 1 REGISTER'],
    ['a stray CR inside the line', 'Call-ID: c1\rCSeq: 1 REGISTER'],
    ['a syslog escape', 'Call-ID: c1#015#012CSeq: 1 REGISTER'],
    ['a line starting with a digit (maybe a trace line)', '09/10/2013 not a header'],
    ['a CLS entry', 'TL_INFO(TF_PROTOCOL) [0]0A4C.0B1C::09/10/2013-14:07:51.000 $$begin_record'],
  ];
  for (const [label, odd] of cases) {
    const text = [MARKER, START, HEADERS[0], HEADERS[1], odd, ...HEADERS.slice(2), '', END, ''].join('\r\n');
    const { a, next } = afterStartLine(text);
    assert.equal(a.headerRun(text, next, MAX_LINE_CHARS), 2, label);
    assert.equal(a.runEnd, text.indexOf(odd), `${label}: the next line is the odd one`);
  }
});

test('the blank line is not taken when a body follows (Content-Length above 0): the line path reads the body', () => {
  const headers = [...HEADERS.slice(0, 5), 'Content-Length: 4'];
  const text = [MARKER, START, ...headers, '', 'body', END, ''].join('\r\n');
  const { a, next } = afterStartLine(text);
  assert.equal(a.headerRun(text, next, MAX_LINE_CHARS), headers.length);
  assert.equal(a.runEnd, text.indexOf('\r\n\r\nbody') + 2, 'stops at the blank line');
});

test('the run stops at a line longer than the limit, and at the end of the text (a line cut by the chunk end)', () => {
  const long = `X-Long: ${'y'.repeat(40)}`;
  const text = [MARKER, START, HEADERS[0], long, ...HEADERS.slice(1), '', END, ''].join('\r\n');
  const { a, next } = afterStartLine(text);
  assert.equal(a.headerRun(text, next, long.length), 1, 'a line of exactly the limit plus its CR is too long');
  assert.equal(a.runEnd, text.indexOf(long));
  const b = afterStartLine(text);
  assert.equal(b.a.headerRun(text, b.next, long.length + 1), HEADERS.length + 2, 'limit + 1 (the CR counts) takes it');
  const cut = [MARKER, START, HEADERS[0], 'From: <sip:al'].join('\r\n');
  const c = afterStartLine(cut);
  assert.equal(c.a.headerRun(cut, c.next, MAX_LINE_CHARS), 1, 'a last line without its newline is left to the feeder');
  assert.equal(c.a.runEnd, cut.indexOf('From:'));
});

test('nothing is taken after chunkEnd (the positions read in place belong to the chunk that ended), or before a start line', () => {
  const text = [MARKER, START, ...HEADERS, '', END, ''].join('\r\n');
  const { a, next } = afterStartLine(text);
  a.chunkEnd();
  assert.equal(a.headerRun(text, next, MAX_LINE_CHARS), 0);
  assert.equal(a.runEnd, next);
  const b = new LogAnalyzer(table);
  b.line(`${TS}TRACE :: first trace line`, 1);
  b.lineAt(text, 0, text.indexOf('\n'), 2); // the marker only: no start line yet
  assert.equal(b.headerRun(text, text.indexOf('\n') + 1, MAX_LINE_CHARS), 0);
});

test('a feeder using the runs counts every line and reads as the line path does, however the chunks fall', () => {
  const packet = (n: number, extra: string[]): string[] => [MARKER, START, ...HEADERS.slice(0, 3), `Call-ID: c${n}`, ...extra, 'CSeq: 1 REGISTER', 'Content-Length: 0', ''];
  const lines = [`${TS}TRACE :: start`, ...packet(1, []), END, ...packet(2, ['ms-diagnostics: 1000;reason="x"']), END, ...packet(3, ['  folded: yes']), END, `${TS}ERROR :: hr=0x80ef0191`];
  const text = `${lines.join('\r\n')}\r\n`;
  const want = readInChunks(table, 'x.UccApilog', text, [], false) as { lines: number };
  assert.equal(want.lines, lines.length);
  for (let cut = 0; cut < text.length; cut += 7) assert.deepEqual(readInChunks(table, 'x.UccApilog', text, [cut], true), want, `cut at ${cut}`);
  const a = new LogAnalyzer(table);
  let slow = 0;
  const line = a.line.bind(a);
  a.line = (l: string, n: number): void => {
    slow++;
    line(l, n);
  };
  const f = new LineFeeder(a);
  f.feed(text);
  f.end();
  assert.equal(f.lines, lines.length);
  assert.ok(slow <= 3, `${slow} lines took the line path (the first trace line and the ERROR line, at most one more)`);
});
