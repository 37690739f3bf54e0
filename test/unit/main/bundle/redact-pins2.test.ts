/**
 * Issue 18 pins from the review of the surviving mutants of redactPrefixedKeys and the mark counting: logged keys
 * whose lines carry different timestamps, keys cut right after the DEK-Info blank line or inside a JSON-like line
 * that is not valid JSON, a placeholder where a key was removed, double spacing near a short line, and a HAR header
 * value that repeats its own header name (Fiddler's raw form). Keys: test/fixtures/keys (openssl). Expected outputs
 * written from the formats before running the code.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { findLeaks, redactText } from '../../../../main/bundle/redact';
import { KEYS, R, redact } from '../../../helpers/redact-check';

const PKCS8 = readFileSync(join(KEYS, 'test-rsa-12.pem'), 'utf8');
const ENCRYPTED = readFileSync(join(KEYS, 'test-rsa-12.encrypted.pem'), 'utf8');
const TRADITIONAL = readFileSync(join(KEYS, 'test-rsa-12.traditional-encrypted.pem'), 'utf8');

test('a logged key whose lines carry their own timestamps goes whole, its prefixed blank line included', () => {
  const lines = TRADITIONAL.trimEnd().split('\n');
  const logged = lines.map((l, i) => `09/10/2013|14:07:51.${String(100 + i * 7).padStart(3, '0')} 1F68:C14 INFO  :: ${l}`).join('\n');
  const { out, counts } = redact(`${logged}\n09/10/2013|14:07:52.000 1F68:C14 INFO  :: certificate store closed`);
  assert.equal(out, `09/10/2013|14:07:51.100 1F68:C14 INFO  :: ${R('private-key')}\n09/10/2013|14:07:52.000 1F68:C14 INFO  :: certificate store closed`);
  assert.deepEqual(counts, { 'private-key': 1 });
});

test('a logged key after other log lines, whose writer trims the trailing space of its blank line, goes whole', () => {
  const lines = TRADITIONAL.trimEnd().split('\n');
  const logged = lines.map((l, i) => `09/10/2013|14:07:51.${String(100 + i).padStart(3, '0')} 1F68:C14 INFO  :: ${l}`.trimEnd()).join('\r\n');
  const text = `09/10/2013|14:07:50.990 1F68:C14 INFO  :: exporting the certificate\r\n${logged}\r\n09/10/2013|14:07:52.000 1F68:C14 INFO  :: done`;
  assert.equal(redact(text).out, `09/10/2013|14:07:50.990 1F68:C14 INFO  :: exporting the certificate\r\n09/10/2013|14:07:51.100 1F68:C14 INFO  :: ${R('private-key')}\r\n09/10/2013|14:07:52.000 1F68:C14 INFO  :: done`);
});

test('a traditional encrypted key cut right after the DEK-Info blank line (also one holding spaces) loses its first piece too', () => {
  const lines = TRADITIONAL.split('\n');
  const piece = (lines[4] as string).slice(0, 10);
  for (const blank of ['', '   ']) {
    const cut = `${lines.slice(0, 3).join('\n')}\n${blank}\n${piece}`;
    assert.deepEqual(redact(`key:\n${cut}`), { out: `key:\n${R('private-key')}`, counts: { 'private-key': 1 } });
  }
});

test('a key cut in its first line inside a JSON-like line that is not valid JSON: the piece before the closing quote goes', () => {
  const piece = (ENCRYPTED.split('\n')[1] as string).slice(0, 10);
  const line = `{"text": "C:\\Temp\\k.pem: -----BEGIN ENCRYPTED PRIVATE KEY-----\\n${piece}", "size": 1704}`;
  assert.throws(() => JSON.parse(line));
  assert.throws(() => JSON.parse(line.slice(9, line.indexOf('", "size') + 1))); // not even the string alone
  assert.deepEqual(redact(line), { out: `{"text": "C:\\Temp\\k.pem: ${R('private-key')}", "size": 1704}`, counts: { 'private-key': 1 } });
});

test('a placeholder where a key was removed is not key body (only the header goes)', () => {
  assert.deepEqual(redact('-----BEGIN PRIVATE KEY-----\n<key removed>\n-----END PRIVATE KEY-----'), { out: `${R('private-key')}\n<key removed>\n-----END PRIVATE KEY-----`, counts: { 'private-key': 1 } });
  // a logged header followed by the next log entries: they stay
  const log = '09/10/2013|14:07:51.000 1F68:C14 INFO  :: -----BEGIN PRIVATE KEY-----\n09/10/2013|14:07:51.001 1F68:C14 ERROR :: could not read the key file\n09/10/2013|14:07:51.002 1F68:C14 INFO  :: retrying';
  assert.equal(redact(log).out, `09/10/2013|14:07:51.000 1F68:C14 INFO  :: ${R('private-key')}\n09/10/2013|14:07:51.001 1F68:C14 ERROR :: could not read the key file\n09/10/2013|14:07:51.002 1F68:C14 INFO  :: retrying`);
});

test('double spacing: a blank line from the fourth on belongs to the key when a 16-character line follows it', () => {
  const body = PKCS8.trimEnd().split('\n').slice(1, 4);
  const text = `-----BEGIN PRIVATE KEY-----\n${body.join('\n')}\n\nQUJDREVGR0hJSktMTU5P\n\n-----END PRIVATE KEY-----\nafter`.replace('QUJDREVGR0hJSktMTU5P', 'QUJDREVGR0hJSktM');
  assert.equal('QUJDREVGR0hJSktM'.length, 16);
  assert.deepEqual(redact(text), { out: `${R('private-key')}\nafter`, counts: { 'private-key': 1 } });
});

test('a HAR header value that repeats its header name is marked once and counted once', () => {
  const har = JSON.stringify({ headers: [{ name: 'Authorization', value: 'Authorization: Bearer HARRAWSECRET0123456789' }, { name: 'Cookie', value: 'Cookie: MRHSession=HARRAWSECRET2' }] });
  const { out, counts } = redact(har);
  assert.deepEqual(JSON.parse(out), { headers: [{ name: 'Authorization', value: R('authorization') }, { name: 'Cookie', value: R('cookie') }] });
  assert.deepEqual(counts, { authorization: 1, cookie: 1 });
});
