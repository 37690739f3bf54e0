// The SIP response reader (main/sip/exchange.ts) pinned over a stand-in socket: framing per RFC 3261 §7.5 / §18.3
// (headers end at the first empty line, CRLF or LF; Content-Length, also compact "l", counts the body; blanks
// allowed around the colon, §7.3.1), 1xx skipped (§8.1.3.2: provisional), requests from the server skipped,
// the 64 KiB bound, cancellation, and the listeners left behind (none). Messages hand-written (labelled).
import assert from 'node:assert/strict';
import { getEventListeners } from 'node:events';
import { test } from 'node:test';
import { exchange, frameLength, MAX_RESPONSE_BYTES } from '../../../../main/sip/exchange';
import { fakeSocket } from '../../../helpers/fake-socket';

/** The stand-in socket, left open after its chunks. */
const fake = (chunks: Array<string | Buffer>) => fakeSocket(chunks, 'open');

const REQ = 'REGISTER sip:contoso.com SIP/2.0\r\n\r\n';
const R = (status: string, extra = ''): string => `SIP/2.0 ${status}\r\nCall-ID: c\r\nCSeq: 1 REGISTER\r\n${extra}Content-Length: 0\r\n\r\n`;

test('frameLength: LF-only and CRLF header ends, leading blank lines of either kind', () => {
  const lf = 'SIP/2.0 200 OK\nCall-ID: c\nContent-Length: 0\n\n';
  assert.equal(frameLength(Buffer.from(lf)), lf.length);
  const mixed = 'SIP/2.0 200 OK\r\nCall-ID: c\n\r\n';
  assert.equal(frameLength(Buffer.from(mixed)), mixed.length);
  assert.equal(frameLength(Buffer.from(`\n\n${R('200 OK')}`)), R('200 OK').length + 2);
  assert.equal(frameLength(Buffer.from(`\r\n\n${R('200 OK')}`)), R('200 OK').length + 3);
});

test('frameLength: what is SIP: 8 characters decide; a request line from the server is SIP', () => {
  assert.equal(frameLength(Buffer.from('GARBAGE!')), -1, '8 characters, not SIP');
  assert.equal(frameLength(Buffer.from('GARBAGE')), 0, '7 characters: not enough to tell');
  const options = 'OPTIONS sip:alice@10.0.0.1:50123;transport=tls SIP/2.0\r\nCall-ID: k\r\nContent-Length: 0\r\n\r\n';
  assert.equal(frameLength(Buffer.from(options)), options.length);
  assert.equal(frameLength(Buffer.from('BENOTIFY sip:alice@contoso.com SIP/2.0\r\n\r\n')), 42);
  assert.equal(frameLength(Buffer.from('lower OPTIONS sip:x SIP/2.0\r\n\r\n')), -1, 'the method starts the line');
  assert.equal(frameLength(Buffer.from('X sip:x SIP/2.0\r\n\r\n')), -1, 'a one-letter method is not one');
  assert.equal(frameLength(Buffer.from('OPTIONS  sip:x SIP/2.0\r\n\r\n')), -1, 'two spaces after the method');
});

test('frameLength: Content-Length in the headers only, any case, compact, blanks around the colon', () => {
  const body = (head: string, b: string) => `SIP/2.0 200 OK\r\n${head}\r\n\r\n${b}`;
  const cases: ReadonlyArray<readonly [string, string, number]> = [
    ['Content-Length : 5', 'hello', 5],
    ['content-length:\t5', 'hello', 5],
    ['l:5', 'hello', 5],
    ['L: 5', 'hello', 5],
    ['Call-ID: x', 'hello\nContent-Length: 99', 0],
    ['Content-Length: 1234567890', '', -2],
  ];
  for (const [head, b, bodyLen] of cases) {
    const text = body(head, b);
    const headLen = text.length - b.length;
    const want = bodyLen === -2 ? -1 : headLen + bodyLen;
    assert.equal(frameLength(Buffer.from(text)), want, head);
  }
  // the header end is looked for in the first 64 KiB only: beyond it the message is incomplete, not "not SIP"
  const long = Buffer.from(`SIP/2.0 200 OK\r\nX: ${'a'.repeat(MAX_RESPONSE_BYTES)}\r\n\r\n`);
  assert.equal(frameLength(long), 0);
});

test('exchange: the request is written; 1xx, 199 and a server request are skipped; 200 is final; receivedAt from now()', async () => {
  const at = new Date('2026-06-01T10:00:00Z');
  const s = fake([R('100 Trying'), R('199 Early'), 'OPTIONS sip:alice@10.0.0.1 SIP/2.0\r\nContent-Length: 0\r\n\r\n', R('200 OK')]);
  const r = await exchange(s, REQ, 2000, undefined, () => at);
  assert.equal(s.written, REQ);
  assert.equal(r.kind, 'response');
  if (r.kind !== 'response') return;
  assert.equal(r.message.statusCode, 200);
  assert.equal(r.raw, R('200 OK'));
  assert.equal(r.receivedAt, at);
  for (const ev of ['data', 'close', 'end', 'error']) assert.equal(s.listenerCount(ev), 0, `no ${ev} listener left`);
  const d = await exchange(fake([R('401 Unauthorized')]), REQ, 2000);
  assert.ok(d.kind === 'response' && d.receivedAt instanceof Date && Math.abs(d.receivedAt.getTime() - Date.now()) < 5000, 'the clock by default');
});

test('exchange: a framed message that does not parse is garbage with the parser\'s reason; raw is what came', async () => {
  const bad = 'SIP/2.0 999 Nine\r\n\r\n';
  const r = await exchange(fake([bad]), REQ, 2000);
  assert.deepEqual(r, { kind: 'garbage', raw: bad, detail: 'not a SIP start line: "SIP/2.0 999 Nine"' });
  const notSip = 'HTTP/1.1 400 Bad Request\r\n\r\n';
  assert.deepEqual(await exchange(fake([notSip]), REQ, 2000), { kind: 'garbage', raw: notSip, detail: `the server sent ${notSip.length} byte(s) that are not a SIP message` });
});

test('exchange: 64 KiB without a header end is garbage at once; raw is capped at 64 KiB', async () => {
  const start = 'SIP/2.0 200 OK\r\nX: ';
  const exact = start + 'a'.repeat(MAX_RESPONSE_BYTES - start.length);
  const t0 = Date.now();
  const r = await exchange(fake([exact]), REQ, 5000);
  assert.deepEqual(r, { kind: 'garbage', raw: exact, detail: `no complete SIP message within ${MAX_RESPONSE_BYTES} bytes` });
  assert.ok(Date.now() - t0 < 4000, 'at the bound, not at the time limit');
  const under = await exchange(fake([exact.slice(0, -1)]), REQ, 100);
  assert.equal(under.kind, 'no-answer', 'one byte under the bound: still waiting');
  // provisional answers add up past 64 KiB: raw keeps the first 64 KiB of what came
  const trying = R('100 Trying');
  const many = Array.from({ length: Math.ceil((MAX_RESPONSE_BYTES + 5000) / trying.length) }, () => trying);
  const capped = await exchange(fake([many.join('')]), REQ, 200);
  assert.equal(capped.kind, 'no-answer');
  assert.equal(capped.raw, many.join('').slice(0, MAX_RESPONSE_BYTES));
  const inPieces = await exchange(fake([...many, 'SIP/2.0 200 OK\r\n\r\n']), REQ, 3000);
  assert.equal(inPieces.kind, 'response');
});

test('exchange: an aborted signal ends it as cancelled, before writing when already aborted; no listener left', async () => {
  const ac = new AbortController();
  ac.abort();
  const s = fake([R('200 OK')]);
  assert.deepEqual(await exchange(s, REQ, 2000, ac.signal), { kind: 'no-answer', raw: '', detail: 'cancelled at the deadline' });
  assert.equal(s.written, '', 'nothing sent');
  const late = new AbortController();
  const s2 = fake([R('100 Trying')]);
  setTimeout(() => late.abort(), 100);
  const t0 = Date.now();
  const r = await exchange(s2, REQ, 5000, late.signal);
  assert.deepEqual(r, { kind: 'no-answer', raw: R('100 Trying'), detail: 'cancelled at the deadline' });
  assert.ok(Date.now() - t0 < 4000);
  const done = new AbortController();
  await exchange(fake([R('200 OK')]), REQ, 2000, done.signal);
  assert.equal(getEventListeners(done.signal, 'abort').length, 0, 'the abort listener is removed');
});
