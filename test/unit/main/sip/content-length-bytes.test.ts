/** Hand-written: Content-Length counts bytes (RFC 3261 §20.14), so a UTF-8 body is measured in bytes, not characters. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseSipMessage } from '../../../../main/sip/parse';

const msg = (len: number, body: string): string => `SIP/2.0 488 Not Acceptable Here\r\nCall-ID: a1\r\nCSeq: 1 INVITE\r\nContent-Type: text/plain\r\nContent-Length: ${len}\r\n\r\n${body}`;

// "Grüße" is 5 characters and 7 UTF-8 bytes (ü and ß take 2 each).
const CASES: ReadonlyArray<[number, string, string, boolean]> = [
  [7, 'Grüße', 'Grüße', false],
  [8, 'Grüße', 'Grüße', true],
  [6, 'Grüße', 'Grüß', false],
  [5, 'Grüße', 'Grü', false], // 5 bytes end inside ß: the whole character is left out
  [4, 'Grüße', 'Grü', false],
  [5, 'Hello', 'Hello', false],
  [4, 'Hello', 'Hell', false],
  [6, 'Hello', 'Hello', true],
  [4, '😀x', '😀', false],
];
for (const [len, body, want, truncated] of CASES) {
  test(`Content-Length ${len} with body ${JSON.stringify(body)} → body ${JSON.stringify(want)}, ${truncated ? 'cut short' : 'whole'}`, () => {
    const m = parseSipMessage(msg(len, body));
    if (!m.ok) return assert.fail(m.error);
    assert.equal(m.message.body, want);
    assert.equal(m.message.bodyTruncated, truncated);
  });
}
