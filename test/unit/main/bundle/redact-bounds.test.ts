/**
 * The URL rule (scheme://user:password@host) and the scheme-less credential rule (DOMAIN\user:password@proxy) read a
 * user of at most USER_MAX (256) characters and a password of at most PASSWORD_MAX (768: Windows passwords are at
 * most 256 characters, three times that URL-encoded). Without those bounds a long run of "%3A" with no "@" after it
 * made each rule cost its length squared (2-3 s on 60-80 KB, minutes on a megabyte) — an export stuck on one
 * URL-encoded log line. Secrets are synthetic; expected outputs written from the rule's documented scope.
 * (How long redaction takes is measured in `npm run bench`'s bundle part, not here.)
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PASSWORD_MAX, redactText, USER_MAX } from '../../../../main/bundle/redact';
import { R, redact } from '../../../helpers/redact-check';

const P = R('url-password');

test('the documented bounds: a user of 256 characters, a password of 768', () => {
  assert.deepEqual([USER_MAX, PASSWORD_MAX], [256, 768]);
});

test('URL rule: a user and a password exactly at the bounds are redacted; one character more is outside the rule', () => {
  const user = 'u'.repeat(USER_MAX);
  const pass = 'p'.repeat(PASSWORD_MAX);
  assert.equal(redact(`http://${user}:${pass}@proxy.contoso.com:8080/`).out, `http://${user}:${P}@proxy.contoso.com:8080/`);
  // a URL-encoded password of 256 characters (768 encoded) is still one password
  const encoded = '%21'.repeat(256);
  assert.equal(redact(`http%3A%2F%2Fbob%3A${encoded}%40proxy`).out, `http%3A%2F%2Fbob%3A${P}%40proxy`);
  // one more: not a credential this rule reads (the text stays as it is)
  const longPass = `http://${user}:${pass}p@proxy.contoso.com/`;
  assert.equal(redactText(longPass), longPass);
  const longUser = `http://${user}u:${'p'.repeat(8)}@proxy.contoso.com/`;
  assert.equal(redactText(longUser), longUser);
});

test('scheme-less rule: DOMAIN\\user and password exactly at the bounds are redacted; one character more is outside the rule', () => {
  const dom = 'D'.repeat(USER_MAX);
  const user = 'u'.repeat(USER_MAX);
  const pass = 'p'.repeat(PASSWORD_MAX);
  assert.equal(redact(`proxy ${dom}\\${user}:${pass}@proxy.contoso.com:3128`).out, `proxy ${dom}\\${user}:${P}@proxy.contoso.com:3128`);
  const longPass = `proxy ${user}:${pass}p@proxy.contoso.com:3128`;
  assert.equal(redactText(longPass), longPass);
  const longUser = `proxy ${user}u:secret12@proxy.contoso.com:3128`;
  assert.equal(redactText(longUser), longUser);
});

test('long runs of "%3A" without an "@": left as they are (no credential), with a credential after them still found', () => {
  const run = `http://a${'%3A'.repeat(5000)}`;
  assert.equal(redact(run).out, run);
  const proxyish = `user${'%5Cx%3A'.repeat(3000)}`;
  assert.equal(redact(proxyish).out, proxyish);
  assert.equal(redact(`${run} http://bob:S3cret@proxy`).out, `${run} http://bob:${P}@proxy`);
});
