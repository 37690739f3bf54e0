/**
 * Session 11: tests for the mutants of the session-10 redaction code that survived its first mutation run
 * (`npm run mutate -- redact --files-only …` on the new lines of main/bundle/redact.ts; README, mutation table, row
 * "redact (s10 code, s11 run)"). Each one is a secret that would leak or user text that would be lost. Expected outputs
 * come from the inputs: a password is what lies between the user's ":" and the "@" before the host (RFC 3986
 * userinfo), a Cookie header's value is the secret, a PEM key ends at its END line (RFC 7468). Secrets are synthetic.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { PASSWORD_MAX } from '../../../../main/bundle/redact';
import { KEYS, R, redact } from '../../../helpers/redact-check';

const K = R('private-key');
const C = R('cookie');
const P = R('url-password');
/** A password one character over the bounded rules' limit: only the linear scan (longUserinfoMatches) reads it. */
const LONG = 'p'.repeat(PASSWORD_MAX + 1);
/** A key pasted into one line (its line breaks turned into spaces). */
const ONE_LINE_KEY = readFileSync(join(KEYS, 'test-ec-p384.pem'), 'utf8').trim().replaceAll('\n', ' ');

test('a key on one line ends at its END: the next line stays, even when it looks like base64 (a thumbprint)', () => {
  const thumb = 'Thumbprint: 0123456789ABCDEF0123456789ABCDEF01234567';
  assert.deepEqual(redact(`${ONE_LINE_KEY}\n${thumb}`), { out: `${K}\n${thumb}`, counts: { 'private-key': 1 } });
});

test('a key on one line is counted once even when the text held a private-key mark before', () => {
  assert.deepEqual(redact(`${K} then ${ONE_LINE_KEY}`), { out: `${K} then ${K}`, counts: { 'private-key': 1 } });
});

test('an over-long password in a WinINET proxy list: the next entry (after ":port;") keeps its host and user', () => {
  const t = `http=alice:${LONG}@proxy.contoso.com:8080;https=bob@proxy2.contoso.com:8443`;
  assert.deepEqual(redact(t), { out: `http=alice:${P}@proxy.contoso.com:8080;https=bob@proxy2.contoso.com:8443`, counts: { 'url-password': 1 } });
  const u = `http=alice:${LONG}@proxy.contoso.com;https=bob@proxy2.contoso.com:8443`;
  assert.deepEqual(redact(u), { out: `http=alice:${P}@proxy.contoso.com;https=bob@proxy2.contoso.com:8443`, counts: { 'url-password': 1 } });
});

test('an over-long URL-encoded credential: found after a path segment, and when another encoded URL follows it', () => {
  const pw = '%21'.repeat(300); // 900 characters: over PASSWORD_MAX
  const cases: Array<[string, string]> = [
    [`u=http%3A%2F%2Fbob%3A${pw}%40proxy.contoso.com&next=http%3A%2F%2Fhost.contoso.com`, `u=http%3A%2F%2Fbob%3A${P}%40proxy.contoso.com&next=http%3A%2F%2Fhost.contoso.com`],
    [`https://web.contoso.com/go/http%3A%2F%2Fbob%3A${pw}%40proxy.contoso.com`, `https://web.contoso.com/go/http%3A%2F%2Fbob%3A${P}%40proxy.contoso.com`],
  ];
  for (const [input, out] of cases) assert.deepEqual(redact(input), { out, counts: { 'url-password': 1 } }, input.slice(0, 40));
});

test('no user name before the ":": no scheme-less credential, whatever the length (as the bounded rule reads it)', () => {
  for (const pw of ['Pw1', LONG]) {
    const t = `a=:${pw}@proxy.contoso.com`;
    assert.deepEqual(redact(t), { out: t, counts: {} }, String(pw.length));
  }
});

test('URL credentials: every one in a text, whatever the scheme\'s case', () => {
  assert.deepEqual(redact('HTTP://alice:Pw1@a.contoso.com and http://bob:Pw2@b.contoso.com'), { out: `HTTP://alice:${P}@a.contoso.com and http://bob:${P}@b.contoso.com`, counts: { 'url-password': 2 } });
});

test('a JSON string that ends the text: its header value goes, the string stays whole', () => {
  assert.deepEqual(redact('"Cookie: a=COOKIESECRET20"'), { out: `"Cookie: ${C}"`, counts: { cookie: 1 } });
});

test('a quoted header line that is no valid JSON (a raw tab) is read by the header rule', () => {
  assert.deepEqual(redact('msg="Cookie:\tid=COOKIESECRET21"'), { out: `msg="Cookie:\t${C}`, counts: { cookie: 1 } });
});

test('raw header lines before and after a JSON string read decoded lose their values too', () => {
  const t = 'Set-Cookie: id=COOKIESECRET22\n["Cookie: a=COOKIESECRET23", "next"]\nSet-Cookie: id=COOKIESECRET24';
  assert.deepEqual(redact(t), { out: `Set-Cookie: ${C}\n["Cookie: ${C}", "next"]\nSet-Cookie: ${C}`, counts: { cookie: 3 } });
});

test('an over-long password goes even when the text holds a mark elsewhere (only a mark inside the userinfo means it is done)', () => {
  assert.deepEqual(redact(`${R('password')} https://user:${LONG}@host.contoso.com/`), { out: `${R('password')} https://user:${P}@host.contoso.com/`, counts: { 'url-password': 1 } });
});

test('an over-long password in a proxy list: a multi-digit port then ";" ends the entry; so does ";http="', () => {
  const cases: Array<[string, string]> = [
    [`alice:${LONG}@proxy.contoso.com:8080;bob@proxy2.contoso.com:80`, `alice:${P}@proxy.contoso.com:8080;bob@proxy2.contoso.com:80`],
    [`https=alice:${LONG}@proxy.contoso.com;http=bob@proxy2.contoso.com:8080`, `https=alice:${P}@proxy.contoso.com;http=bob@proxy2.contoso.com:8080`],
  ];
  for (const [input, out] of cases) assert.deepEqual(redact(input), { out, counts: { 'url-password': 1 } }, input.slice(0, 30));
});
