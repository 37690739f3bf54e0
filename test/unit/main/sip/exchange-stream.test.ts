// The SIP response reader over a byte stream: every split point of the answer, end of stream before,
// inside and after a message, leading keep-alive CRLFs, provisional answers, the size bound.
// Messages are hand-written in RFC 3261 form (labelled); expected results from RFC 3261 §18.3 framing.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { exchange, frameLength, MAX_RESPONSE_BYTES, type ExchangeResult } from '../../../../main/sip/exchange';
import { fakeSocket } from '../../../helpers/fake-socket';

const R401 = ['SIP/2.0 401 Unauthorized', 'Via: SIP/2.0/TLS 127.0.0.1:5061;branch=z9hG4bK1', 'Call-ID: c1', 'CSeq: 1 REGISTER', 'WWW-Authenticate: NTLM realm="SIP Communications Service", targetname="pool.contoso.com", version=4', 'Content-Length: 0', '', ''].join('\r\n');
const R403_BODY = ['SIP/2.0 403 Forbidden', 'Call-ID: c2', 'CSeq: 1 REGISTER', 'Content-Type: text/plain', 'Content-Length: 11', '', 'hello world'].join('\r\n');
const TRYING = ['SIP/2.0 100 Trying', 'Call-ID: c1', 'CSeq: 1 REGISTER', 'Content-Length: 0', '', ''].join('\r\n');

const ask = (chunks: Array<string | Buffer>, ending?: 'end' | 'close' | 'open' | 'error', timeoutMs = 2000): Promise<ExchangeResult> => exchange(fakeSocket(chunks, ending), 'REGISTER sip:contoso.com SIP/2.0\r\n\r\n', timeoutMs);

test('the 401 is read whatever byte it is split at', async () => {
  for (let i = 1; i < R401.length; i++) {
    const r = await ask([R401.slice(0, i), R401.slice(i)], 'open');
    assert.equal(r.kind, 'response', `split at ${i}`);
    assert.equal(r.kind === 'response' && r.message.statusCode, 401);
  }
});

test('a body split anywhere is waited for up to Content-Length', async () => {
  for (let i = 1; i < R403_BODY.length; i += 3) {
    const r = await ask([R403_BODY.slice(0, i), R403_BODY.slice(i)], 'open');
    assert.ok(r.kind === 'response' && r.message.statusCode === 403 && r.raw.endsWith('hello world'), `split at ${i}`);
  }
});

// stream → result kind and detail
const ENDS: ReadonlyArray<readonly [string, Array<string | Buffer>, 'end' | 'close' | 'error', ExchangeResult['kind'], RegExp]> = [
  ['closed without a byte', [], 'close', 'closed', /closed the connection without answering/],
  ['ended without a byte', [], 'end', 'closed', /closed the connection without answering/],
  ['reset', [], 'error', 'closed', /connection error: ECONNRESET/],
  ['ended inside the headers', [R401.slice(0, 40)], 'end', 'garbage', /connection closed after 40 byte\(s\) of an incomplete message/],
  ['ended inside the body', [R403_BODY.slice(0, -3)], 'end', 'garbage', new RegExp(`closed after ${R403_BODY.length - 3} byte\\(s\\) of an incomplete message`)],
  ['ended after a complete answer without a final newline in the body', [R403_BODY], 'end', 'response', /./],
  ['only 100 Trying, then the end', [TRYING], 'end', 'closed', /without answering/],
  ['100 Trying, then the 401, then the end', [TRYING, R401], 'end', 'response', /./],
  ['100 Trying and the 401 in one chunk', [TRYING + R401], 'end', 'response', /./],
  ['keep-alive CRLFs before the answer', ['\r\n\r\n', R401], 'end', 'response', /./],
  ['not SIP', ['HTTP/1.1 400 Bad Request\r\n\r\n'], 'end', 'garbage', /not a SIP message/],
];
for (const [label, chunks, ending, kind, detail] of ENDS) {
  test(`stream ${label} → ${kind}`, async () => {
    const r = await ask(chunks, ending);
    assert.equal(r.kind, kind);
    if (r.kind === 'response') assert.ok(r.message.statusCode! >= 200);
    else assert.match(r.detail, detail);
  });
}

test('silence ends at the timeout as no-answer', async () => {
  const r = await ask([], 'open', 30);
  assert.equal(r.kind, 'no-answer');
  assert.match(r.kind === 'no-answer' ? r.detail : '', /no SIP answer within 30 ms/);
});

test('frameLength: incomplete → 0, complete → its length, the 64 KiB bound exactly', () => {
  assert.equal(frameLength(Buffer.from(R401.slice(0, -2))), 0);
  assert.equal(frameLength(Buffer.from(R401)), R401.length);
  assert.equal(frameLength(Buffer.from(R401 + TRYING)), R401.length);
  assert.equal(frameLength(Buffer.from(`\r\n${R401}`)), R401.length + 2);
  assert.equal(frameLength(Buffer.from('GARBAGE!!')), -1);
  assert.equal(frameLength(Buffer.from('SIP/2.0')), 0, 'too short to judge yet');
  const head = 'SIP/2.0 200 OK\r\nl: ';
  const fits = (body: number) => `${head}${body}\r\n\r\n`;
  const room = (n: number) => MAX_RESPONSE_BYTES - fits(n).length;
  const exact = room(MAX_RESPONSE_BYTES);
  assert.equal(frameLength(Buffer.from(fits(exact) + 'x'.repeat(exact))), MAX_RESPONSE_BYTES);
  assert.equal(frameLength(Buffer.from(fits(exact + 1))), -1, 'one byte over the bound');
  assert.equal(frameLength(Buffer.from('SIP/2.0 200 OK\r\nContent-Length: 5\r\n\r\nab')), 0, 'body not complete yet');
});
