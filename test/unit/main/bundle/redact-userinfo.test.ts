/**
 * Issue 18 (session 8): two leaks found while reviewing the surviving mutants. (1) A SIP/SIPS URI with a password
 * (RFC 3261 §19.1.1: userinfo = user [ ":" password ] "@") kept its password: the URL rule needs "://" and the
 * scheme-less proxy rule leaves every sip: URI alone. (2) A `name=value` secret whose name had more than 48
 * characters before its last word was kept (the name was read backwards 48 characters at most, then given up).
 * Secrets are synthetic. Expected outputs written from RFC 3261's userinfo and from "the last word of the name
 * decides" (isSecretName) before running the code: the user and host stay, the password goes.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { redactValue } from '../../../../main/bundle/redact';
import { R, redact } from '../../../helpers/redact-check';

const P = R('url-password');
const SIP_CASES: ReadonlyArray<readonly [string, string, Record<string, number>]> = [
  ['sip:alice:Winter2026@contoso.com', `sip:alice:${P}@contoso.com`, { 'url-password': 1 }],
  ['From: "Alice" <sip:alice:Winter2026@contoso.com>;tag=5a1', `From: "Alice" <sip:alice:${P}@contoso.com>;tag=5a1`, { 'url-password': 1 }],
  ['Contact: <sips:alice:S3cr3t@sip.contoso.com:5061;transport=tls>', `Contact: <sips:alice:${P}@sip.contoso.com:5061;transport=tls>`, { 'url-password': 1 }],
  ['SIP:Alice:S3cr3t@CONTOSO.COM', `SIP:Alice:${P}@CONTOSO.COM`, { 'url-password': 1 }],
  // password characters RFC 3261 allows (unreserved, escaped, & = + $ ,) and a raw "@" or ":" a user typed
  ['sip:alice:a&b=c+d$e,f%21@contoso.com', `sip:alice:${P}@contoso.com`, { 'url-password': 1 }],
  ['sip:alice:p@ss@contoso.com', `sip:alice:${P}@contoso.com`, { 'url-password': 1 }],
  ['sip:alice:pa:ss@contoso.com', `sip:alice:${P}@contoso.com`, { 'url-password': 1 }],
  // an escaped character in the user, an IPv6 host, a telephone-number user
  ['sip:al%69ce:S3cr3t@contoso.com', `sip:al%69ce:${P}@contoso.com`, { 'url-password': 1 }],
  ['sip:alice:S3cr3t@[2001:db8::1]:5061', `sip:alice:${P}@[2001:db8::1]:5061`, { 'url-password': 1 }],
  ['sip:+14255550100:S3cr3t@gw.contoso.com;user=phone', `sip:+14255550100:${P}@gw.contoso.com;user=phone`, { 'url-password': 1 }],
  // URL-encoded inside a query string, and inside JSON
  ['https://web.contoso.com/x?uri=sip%3Aalice%3AS3cr3t%40contoso.com&y=1', `https://web.contoso.com/x?uri=sip%3Aalice%3A${P}%40contoso.com&y=1`, { 'url-password': 1 }],
  ['{"uri":"sip:alice:S3cr3t@contoso.com","n":1}', `{"uri":"sip:alice:${P}@contoso.com","n":1}`, { 'url-password': 1 }],
  // two URIs on one line: each loses its own password only
  ['To: <sip:bob:B0bPass@contoso.com> From: <sip:alice:AlicePass@contoso.com>', `To: <sip:bob:${P}@contoso.com> From: <sip:alice:${P}@contoso.com>`, { 'url-password': 2 }],
  // no password: nothing to hide
  ['sip:alice@contoso.com', 'sip:alice@contoso.com', {}],
  ['sip:alice@contoso.com:5061;transport=tls', 'sip:alice@contoso.com:5061;transport=tls', {}],
  ['sip:pool01.contoso.com:5061 alice@contoso.com', 'sip:pool01.contoso.com:5061 alice@contoso.com', {}],
  ['Contact: <sip:10.1.2.3:50123;transport=tls;ms-opaque=77a6d4f9c0>;proxy=replace', 'Contact: <sip:10.1.2.3:50123;transport=tls;ms-opaque=77a6d4f9c0>;proxy=replace', {}],
  ['sips:[2001:db8::1]:5061', 'sips:[2001:db8::1]:5061', {}],
  ['sip:alice:@contoso.com', 'sip:alice:@contoso.com', {}],
  // "@" not followed by a host (a sentence, an e-mail-like word): no userinfo
  ['sip:alice:later @ noon', 'sip:alice:later @ noon', {}],
];

test('SIP URIs: the password of user:password@host goes, the user and host stay (RFC 3261 userinfo)', () => {
  for (const [input, expected, counts] of SIP_CASES) assert.deepEqual(redact(input), { out: expected, counts }, input);
});

test('SIP URIs: a password already redacted is left alone', () => {
  const once = `sip:alice:${P}@contoso.com`;
  assert.deepEqual(redact(once), { out: once, counts: {} });
  // also one replaced by a mark of another kind (an older bundle's redaction): not marked again
  const other = `sip:alice:${R('password')}@contoso.com`;
  assert.deepEqual(redact(other), { out: other, counts: {} });
});

test('SIP URIs in a Snapshot value go through redactValue too', () => {
  const counts: Record<string, number> = {};
  assert.deepEqual(redactValue({ contact: 'sip:alice:S3cr3t@contoso.com' }, counts), { contact: `sip:alice:${P}@contoso.com` });
  assert.deepEqual(counts, { 'url-password': 1 });
});

test('a long text of sip: URIs without a password is read in linear time (no quadratic backtracking)', () => {
  // 20 000 "sip:" in one word: each start of the SIP rule must stop at the next one
  const text = 'sip:'.repeat(20_000);
  const started = process.hrtime.bigint();
  assert.equal(redact(text).out, text);
  // generous: the quadratic form took several seconds here; the linear one a few milliseconds
  assert.ok(Number(process.hrtime.bigint() - started) / 1e6 < 1500);
});

test('name=value secrets: the whole name is read however long it is, and its last word decides', () => {
  for (const n of [46, 47, 48, 49, 50, 64, 200, 2000]) {
    const prefix = 'x'.repeat(n); // n characters before the last word's separator
    assert.deepEqual(redact(`${prefix}_password=hunter2`), { out: `${prefix}_password=${R('password')}`, counts: { password: 1 } }, String(n));
    assert.deepEqual(redact(`a ${prefix}.session_token=abc123&b=1`), { out: `a ${prefix}.session_token=${R('token')}&b=1`, counts: { token: 1 } }, String(n));
    // a last word that is not a secret stays, however long the name
    assert.deepEqual(redact(`${prefix}_monkey=banana`), { out: `${prefix}_monkey=banana`, counts: {} }, String(n));
  }
  const header = 'X-Contoso-Very-Long-Vendor-Specific-Extension-Header-Proxy-Password=Winter2026';
  assert.ok(header.indexOf('Password') > 48);
  assert.deepEqual(redact(header), { out: `X-Contoso-Very-Long-Vendor-Specific-Extension-Header-Proxy-Password=${R('password')}`, counts: { password: 1 } });
  assert.deepEqual(redact(`cfg ${'Vendor.'.repeat(12)}SessionCookie="a=b"`), { out: `cfg ${'Vendor.'.repeat(12)}SessionCookie="${R('cookie')}"`, counts: { cookie: 1 } });
});

test('name=value secrets: the name read back stops at the first character that is not part of a name', () => {
  // "x y_password": the name is y_password (secret); "xmypassword": one word, no secret
  assert.deepEqual(redact(`${'x'.repeat(60)} y_password=hunter2`), { out: `${'x'.repeat(60)} y_password=${R('password')}`, counts: { password: 1 } });
  assert.deepEqual(redact(`${'x'.repeat(60)}mypassword=hunter2`), { out: `${'x'.repeat(60)}mypassword=hunter2`, counts: {} });
});
