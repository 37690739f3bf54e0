/**
 * Issue 18 pins for the redaction rules' limits (from reviewing surviving mutants): each case is a real shape (openssl
 * PEM files from test/fixtures/keys, headers as RFC 7230 / RFC 3261 write them, OAuth/HAR field names) at or just
 * past a rule's limit. Expected outputs were written from those formats before running the code.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { findLeaks, redactText, redactValue } from '../../../../main/bundle/redact';
import { KEYS, R, redact } from '../../../helpers/redact-check';

const TRADITIONAL = readFileSync(join(KEYS, 'test-rsa-12.traditional-encrypted.pem'), 'utf8');
const PKCS8 = readFileSync(join(KEYS, 'test-rsa-12.pem'), 'utf8');

test('a traditional encrypted PEM (Proc-Type, DEK-Info, blank line, body) goes whole, also with a log prefix on every line', () => {
  assert.match(TRADITIONAL, /^-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,[0-9A-F]{32}\n\n/);
  assert.deepEqual(redact(`key file:\n${TRADITIONAL}done`), { out: `key file:\n${R('private-key')}\ndone`, counts: { 'private-key': 1 } });
  const prefixed = TRADITIONAL.trimEnd().split('\n').map((l) => `09/10/2013|14:07:51.000 1F68:C14 INFO  :: ${l}`).join('\n');
  const { out } = redact(`${prefixed}\n09/10/2013|14:07:51.001 1F68:C14 INFO  :: next entry`);
  assert.equal(out, `09/10/2013|14:07:51.000 1F68:C14 INFO  :: ${R('private-key')}\n09/10/2013|14:07:51.001 1F68:C14 INFO  :: next entry`);
});

test('a key line is body when its base64 tail has 16 characters; a 15-character line that neither ends the text nor precedes END stops the key', () => {
  const lines = PKCS8.trimEnd().split('\n');
  const header = lines[0] as string;
  const first = lines[1] as string;
  // after the header: 16 base64 characters then prose → the 16 go, the prose stays
  assert.equal(redact(`${header}\n${first.slice(0, 16)}\nthe key was cut here, the log goes on`).out, `${R('private-key')}\nthe key was cut here, the log goes on`);
  // 15 characters, then prose: not sure it is key body, so only the header goes — the armour-less rule then knows the
  // PKCS#8 start (MIIEv…IBADAN) by itself, so nothing of the key stays either way
  const fifteen = redact(`${header}\n${first.slice(0, 15)}\nthe log goes on`);
  assert.ok(!fifteen.out.includes(first.slice(0, 12)), fifteen.out);
  assert.ok(fifteen.out.endsWith('\nthe log goes on'));
});

test('a short line after a full-width (60+) line is the key\'s cut last piece; after a 59-character line it is not', () => {
  const body = PKCS8.trimEnd().split('\n').slice(1, -1);
  const header = '-----BEGIN PRIVATE KEY-----';
  const piece = 'QUJDREVGR0hJSks'; // 15 characters
  assert.equal(redact(`${header}\n${(body[0] as string).slice(0, 60)}\n${piece}\nnext`).out, `${R('private-key')}\nnext`);
  const r59 = redact(`${header}\n${(body[0] as string).slice(0, 59)}\n${piece}\nnext`).out;
  assert.ok(r59.endsWith(`\n${piece}\nnext`), r59);
});

test('blank lines: up to the third line after the header they belong to the key; later, only when key body follows', () => {
  const body = PKCS8.trimEnd().split('\n').slice(1, -1);
  const header = '-----BEGIN PRIVATE KEY-----';
  // double spacing all the way down goes whole (each blank line is followed by body)
  assert.equal(redact(`${header}\n\n${body.join('\n\n')}\n\n-----END PRIVATE KEY-----\n\ntext`).out, `${R('private-key')}\n\ntext`);
  // a blank line then prose after a complete body line: the blank line and the prose stay
  const out = redact(`${header}\n${body[0]}\n${body[1]}\n${body[2]}\n\nprose after`).out;
  assert.equal(out, `${R('private-key')}\n\nprose after`);
});

test('a key inside a JSON-like line that is not valid JSON (an unescaped Windows path) still goes, up to the closing quote', () => {
  const body = PKCS8.trimEnd().split('\n').slice(1, 3);
  const line = `{"file": "C:\\Temp\\key.pem", "text": "-----BEGIN PRIVATE KEY-----\\n${body[0]}\\n${(body[1] as string).slice(0, 10)}", "size": 1704}`;
  assert.throws(() => JSON.parse(line));
  assert.equal(redact(line).out, `{"file": "C:\\Temp\\key.pem", "text": "${R('private-key')}", "size": 1704}`);
});

// field or parameter name → the kind its value is marked and counted as
const NAME_KINDS: ReadonlyArray<readonly [string, string]> = [
  ['Cookie', 'cookie'],
  ['set-cookie', 'cookie'],
  ['x-ms-webticket', 'web-ticket'],
  ['webticket', 'web-ticket'],
  ['cwt', 'web-ticket'],
  ['SAMLResponse', 'web-ticket'],
  ['Authorization', 'authorization'],
  ['proxy-authorization', 'authorization'],
  ['private_key', 'private-key'],
  ['privatekey', 'private-key'],
  ['gssapi-data', 'kerberos'],
  ['access_token', 'token'],
  ['refresh_token', 'token'],
  ['id_token', 'token'],
  ['token', 'token'],
  ['bearer', 'token'],
  ['api_key', 'token'],
  ['apikey', 'token'],
  ['password', 'password'],
  ['client_secret', 'password'],
  ['passphrase', 'password'],
  ['credentials', 'password'],
  ['sig', 'password'],
];
for (const [key, kind] of NAME_KINDS) {
  test(`redactValue: a value under "${key}" is marked and counted as ${kind}`, () => {
    const counts: Record<string, number> = {};
    assert.deepEqual(redactValue({ [key]: 'PLANTEDSECRET', note: 'kept' }, counts), { [key]: R(kind), note: 'kept' });
    assert.deepEqual(counts, { [kind]: 1 });
  });
}

// name=value in query strings and key=value logs, found by the name's last word → kind
const PARAM_KINDS: ReadonlyArray<readonly [string, string]> = [
  ['sessionToken', 'token'],
  ['x_api_key', 'token'],
  ['userJwt', 'token'],
  ['proxy_password', 'password'],
  ['dbPasswd', 'password'],
  ['app_secret', 'password'],
  ['otp', 'password'],
  ['auth_code', 'password'],
  ['sessionCookie', 'cookie'],
  ['proofTicket', 'web-ticket'],
  ['samlAssertion', 'web-ticket'],
  ['proxyAuthorization', 'authorization'],
];
for (const [name, kind] of PARAM_KINDS) {
  test(`${name}=… in a query string is marked and counted as ${kind}`, () => {
    assert.deepEqual(redact(`GET /ucwa/v1/applications?user=alice&${name}=PLANTEDSECRET1&x=1 HTTP/1.1`), { out: `GET /ucwa/v1/applications?user=alice&${name}=${R(kind)}&x=1 HTTP/1.1`, counts: { [kind]: 1 } });
  });
}
