// The SIP response reader over a byte stream, with UTF-8: a reason phrase may hold UTF8-NONASCII
// (RFC 3261 §25.1, Reason-Phrase), so a chunk can end inside a character, and a stream can end there.
// Hand-written messages (labelled; German reason phrase as a SfB server in that locale could send it);
// expected results from RFC 3261 §18.3 framing (Content-Length counts bytes) and a byte-exact reading.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { exchange, type ExchangeResult } from '../../../../main/sip/exchange';
import { fakeSocket } from '../../../helpers/fake-socket';

const R480 = Buffer.from(['SIP/2.0 480 Vorübergehend nicht verfügbar', 'Call-ID: c7', 'CSeq: 1 REGISTER', 'ms-diagnostics: 1;reason="Zeitüberschreitung"', 'Content-Length: 0', '', ''].join('\r\n'), 'utf8');

const ask = (chunks: Buffer[], ending: 'end' | 'open'): Promise<ExchangeResult> => exchange(fakeSocket(chunks, ending), 'REGISTER sip:contoso.com SIP/2.0\r\n\r\n', 2000);

/** Byte offsets that fall inside a multi-byte character of the message. */
const insideChars: number[] = [];
for (let i = 1; i < R480.length; i++) if (((R480[i] as number) & 0xc0) === 0x80) insideChars.push(i);

test('the message has characters to split (ü ×3, one inside a header value)', () => {
  assert.equal(insideChars.length, 3);
});

for (const at of insideChars) {
  test(`a chunk boundary inside a UTF-8 character (byte ${at}) leaves the response intact`, async () => {
    const r = await ask([R480.subarray(0, at), R480.subarray(at)], 'open');
    assert.equal(r.kind, 'response');
    if (r.kind !== 'response') return;
    assert.equal(r.message.statusCode, 480);
    assert.equal(r.message.reasonPhrase, 'Vorübergehend nicht verfügbar');
    assert.equal(r.message.headers.find((h) => h.name === 'ms-diagnostics')?.value, '1;reason="Zeitüberschreitung"');
    assert.equal(r.raw, R480.toString('utf8'));
  });
}

for (const at of insideChars) {
  test(`the stream ending inside a UTF-8 character (byte ${at}) is an incomplete message of ${at} bytes`, async () => {
    const r = await ask([R480.subarray(0, at)], 'end');
    assert.equal(r.kind, 'garbage');
    assert.equal(r.kind === 'garbage' ? r.detail : '', `connection closed after ${at} byte(s) of an incomplete message`);
  });
}

test('one byte per chunk: the response is read once it is complete', async () => {
  const chunks = [...R480].map((b) => Buffer.from([b]));
  const r = await ask(chunks, 'open');
  assert.equal(r.kind === 'response' && r.message.reasonPhrase, 'Vorübergehend nicht verfügbar');
});
