/**
 * Private keys in base64 without PEM armour (a tool that logs a key's DER, a .pfx pasted as base64): PKCS#1 RSA,
 * PKCS#8, SEC1 EC keys on P-256/P-384/P-521 and PKCS#12, all made by OpenSSL 3.0.19 (test/fixtures/keys/README.md).
 * Each goes as one private-key mark — on one line, or wrapped at 64/76 with LF, CRLF or JSON "\n" escapes — and
 * the text around it stays. Expected outputs written from those formats before running the code.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { findLeaks, redactText } from '../../../../main/bundle/redact';

const KEYS = join(__dirname, '../../../fixtures/keys');
const R = '[REDACTED:private-key]';
/** The base64 body of a PEM file, joined into one line. */
const der = (file: string) => readFileSync(join(KEYS, file), 'utf8').split('\n').filter((l) => l && !l.startsWith('-----')).join('');
const SHAPES: ReadonlyArray<readonly [string, string, string]> = [
  ['PKCS#1 RSA', der('test-rsa-12.pkcs1.pem'), 'MIIEowIBAAK'],
  ['PKCS#8', der('test-rsa-12.pem'), 'MIIEvQIBADAN'],
  ['SEC1 EC P-256', der('test-ec-p256.pem'), 'MHcCAQEEI'],
  ['SEC1 EC P-384', der('test-ec-p384.pem'), 'MIGkAgEBBDA'],
  ['SEC1 EC P-521', der('test-ec-p521.pem'), 'MIHcAgEBBEI'],
  ['PKCS#12', readFileSync(join(KEYS, 'test-rsa-12.p12.b64'), 'utf8').replace(/\s/g, ''), 'MIIJ7wIBAzCC'],
];

function check(text: string, want: string, label: string) {
  const counts: Record<string, number> = {};
  const out = redactText(text, counts);
  assert.equal(out, want, label);
  assert.deepEqual(counts, { 'private-key': 1 }, label);
  assert.deepEqual(findLeaks(out), [], label);
}

for (const [label, b64, start] of SHAPES) {
  test(`${label} base64 without armour goes whole, on one line and wrapped`, () => {
    assert.ok(b64.startsWith(start.slice(0, 9)), `${label} fixture starts ${b64.slice(0, 12)}`);
    const wrap = (n: number) => b64.match(new RegExp(`.{1,${n}}`, 'g')) as string[];
    check(`key: ${b64} end`, `key: ${R} end`, `${label} one line`);
    check(`key:\n${wrap(64).join('\n')}\nend of dump`, `key:\n${R}\nend of dump`, `${label} LF 64`);
    check(`key:\r\n${wrap(76).join('\r\n')}\r\nend of dump`, `key:\r\n${R}\r\nend of dump`, `${label} CRLF 76`);
    const json = JSON.stringify({ blob: `${wrap(64).join('\n')}\n`, next: 'kept' });
    const out = redactText(json);
    assert.deepEqual(JSON.parse(out), { blob: `${R}\n`, next: 'kept' }, `${label} in JSON`);
  });
}

test('the same starts inside a longer base64 word (a certificate line) are not keys', () => {
  for (const [, b64] of SHAPES) {
    const inside = `MIIB${b64.slice(0, 40)}`; // preceded by base64: part of something else
    assert.equal(redactText(`x ${inside} y`), `x ${inside} y`);
  }
});
