/**
 * Redaction in linear time on hostile text. The URL rule (scheme://user:password@host) and the scheme-less credential rule (DOMAIN\user:password@proxy) read a
 * user of at most USER_MAX (256) characters and a password of at most PASSWORD_MAX (768: Windows passwords are at
 * most 256 characters, three times that URL-encoded). Without those bounds a long run of "%3A" with no "@" after it
 * made each rule cost its length squared (2-3 s on 60-80 KB, minutes on a megabyte) — an export stuck on one
 * URL-encoded log line. Secrets are synthetic; expected outputs written from the rule's documented scope.
 * (How long redaction takes is measured in `npm run bench`'s bundle part, not here.)
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cookieListMatches, longUserinfoMatches, PASSWORD_MAX, redactText, replaceJsonStrings, USER_MAX, xmlTokenMatches } from '../../../../main/bundle/redact';
import { prng } from '../../../helpers/prng';
import { R, redact } from '../../../helpers/redact-check';

/**
 * A bound on one 1 MB hostile input: linear scans take 0.1-1 s here, a quadratic one hours. Generous, so a loaded
 * machine or mutation testing's instrumented code (many times slower) never fails it by accident.
 */
const SLOW_MS = 20_000;

const P = R('url-password');

/** `count` seeded random texts of up to `longest` pieces of the alphabet (a failure names its text). */
function* randomTexts(seed: number, alphabet: readonly string[], longest: number, count = 20_000): Generator<string> {
  const rnd = prng(seed);
  for (let k = 0; k < count; k++) {
    let s = '';
    const len = Math.floor(rnd() * longest);
    for (let i = 0; i < len; i++) s += alphabet[Math.floor(rnd() * alphabet.length)];
    yield s;
  }
}

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
  // one more: outside this rule, but the long-userinfo scan after it still takes the password (see below)
  assert.equal(redact(`http://${user}:${pass}p@proxy.contoso.com/`).out, `http://${user}:${P}@proxy.contoso.com/`);
  assert.equal(redact(`http://${user}u:${'p'.repeat(8)}@proxy.contoso.com/`).out, `http://${user}u:${P}@proxy.contoso.com/`);
});

test('scheme-less rule: DOMAIN\\user and password exactly at the bounds are redacted; one character more is outside the rule', () => {
  const dom = 'D'.repeat(USER_MAX);
  const user = 'u'.repeat(USER_MAX);
  const pass = 'p'.repeat(PASSWORD_MAX);
  assert.equal(redact(`proxy ${dom}\\${user}:${pass}@proxy.contoso.com:3128`).out, `proxy ${dom}\\${user}:${P}@proxy.contoso.com:3128`);
  // one more: outside this rule, but the long-userinfo scan after it still takes the password (see below)
  assert.equal(redact(`proxy ${user}:${pass}p@proxy.contoso.com:3128`).out, `proxy ${user}:${P}@proxy.contoso.com:3128`);
  assert.equal(redact(`proxy ${user}u:secret12@proxy.contoso.com:3128`).out, `proxy ${user}u:${P}@proxy.contoso.com:3128`);
});

test('long runs of "%3A" without an "@": left as they are (no credential), with a credential after them still found', () => {
  const run = `http://a${'%3A'.repeat(5000)}`;
  assert.equal(redact(run).out, run);
  const proxyish = `user${'%5Cx%3A'.repeat(3000)}`;
  assert.equal(redact(proxyish).out, proxyish);
  assert.equal(redact(`${run} http://bob:S3cret@proxy`).out, `${run} http://bob:${P}@proxy`);
});

test('URL rule: a scheme of 64 characters is read, one of 65 is not (a run of "x-x-…" made every "x" a start scanning to its end)', () => {
  const s64 = `a${'b'.repeat(63)}`;
  assert.equal(redact(`${s64}://bob:S3cret@host`).out, `${s64}://bob:${P}@host`);
  // 65 letters: the rule starts at the word boundary only, so a longer scheme is not a URL it reads (the long-userinfo scan is)
  assert.equal(redact(`${s64}c://bob:S3cret@host`).out, `${s64}c://bob:${P}@host`);
  assert.equal(redact(`coap+tcp://a:b@h`).out, `coap+tcp://a:${P}@h`);
});

test('replaceJsonStrings finds exactly the literals the regular expression /"(?:[^"\\\r\n]|\\.)*"/g finds (seeded random texts of quotes, backslashes and line ends)', () => {
  const RE = /"(?:[^"\\\r\n]|\\.)*"/g;
  const alphabet = ['"', '\\', 'a', '\n', '\r', '\u2028', '\u2029', ' ', '\\"', '""', '\\\\'];
  const tag = (l: string): string => `<${l.length}:${l.slice(1, 3)}>`;
  for (const s of randomTexts(18, alphabet, 24)) {
    assert.equal(replaceJsonStrings(s, tag), s.replace(RE, tag), JSON.stringify(s));
  }
  // an unterminated literal does not hide a later one on the next line, and text without literals is returned as is
  assert.equal(replaceJsonStrings('"a\\"b\n"c"', tag), '"a\\"b\n<3:c">');
  assert.equal(replaceJsonStrings('no quotes', tag), 'no quotes');
});

test('hostile escapes: 40 000 characters of \\" stay as they are (no literal closes); of gssapi-data=\\" each value between escaped quotes goes', () => {
  const quotes = '\\"'.repeat(20_000);
  assert.ok(redact(quotes).out === quotes, 'unchanged');
  const gss = 'gssapi-data=\\"'.repeat(40_000 / 14);
  const out = redact(gss).out; // (redact also asserts a second pass changes nothing and the leak guard sees nothing)
  assert.ok(out.startsWith(`gssapi-data=\\"${R('kerberos')}\\"gssapi-data=`), out.slice(0, 80));
});

test('cookieListMatches finds exactly the cookie lists /("cookies"\\s*:\\s*\\[)((?:[^\\]"]|"(?:[^"\\\\\\r\\n]|\\\\.)*")*)(\\])/gi finds, with the same groups (seeded random texts)', () => {
  const RE = /("cookies"\s*:\s*\[)((?:[^\]"]|"(?:[^"\\\r\n]|\\.)*")*)(\])/gi;
  const alphabet = ['"cookies":[', '"Cookies" :\n[', ']', '"', '\\', 'a', '\n', '\r', '\u2028', ' ', '"x"', '\\"', '[', '"cookies"'];
  for (const s of randomTexts(6, alphabet, 16)) {
    const want = [...s.matchAll(RE)].map((m) => [m.index, m[0], m[1], m[2], m[3]]);
    assert.deepEqual(cookieListMatches(s).map((m) => [m.at, m.m, ...m.groups]), want, JSON.stringify(s));
  }
});

test('a backslash before a line end (\\n, \\r, U+2028, U+2029) or at the very end does not escape it: the string, and its list, do not close — as the regular expressions read it', () => {
  const COOKIES = /("cookies"\s*:\s*\[)((?:[^\]"]|"(?:[^"\\\r\n]|\\.)*")*)(\])/gi;
  const STRING = /"(?:[^"\\\r\n]|\\.)*"/g;
  const tag = (l: string): string => `<${l}>`;
  for (const end of ['\n', '\r', '\u2028', '\u2029', '']) {
    for (const text of [`"cookies":["a\\${end}"]`, `"cookies":["a\\${end}`, `"cookies":["a${end}"] "cookies":["b"]`]) {
      assert.deepEqual(cookieListMatches(text).map((m) => [m.at, m.m, ...m.groups]), [...text.matchAll(COOKIES)].map((m) => [m.index, m[0], m[1], m[2], m[3]]), JSON.stringify(text));
    }
    for (const text of [`"a\\${end}" "b"`, `x "a\\${end}`, `"a${end}b"`]) assert.equal(replaceJsonStrings(text, tag), text.replace(STRING, tag), JSON.stringify(text));
  }
  // spelled out: U+2028 inside a string is content, after a backslash it is not escaped
  assert.equal(cookieListMatches('"cookies":["a\u2028"]').length, 1);
  assert.equal(cookieListMatches('"cookies":["a\\\u2028"]').length, 0);
  assert.equal(replaceJsonStrings('"a\\\u2028" "b"', tag), '"a\\\u2028<" ">b"');
});

test('cookie lists: a HAR list loses its content; 40 000 characters of unclosed "cookies":[ stay as they are', () => {
  const har = '{"request":{"cookies": [{"name":"ASP.NET_SessionId","value":"abc123"}],"url":"https://x"}}';
  assert.equal(redact(har).out, `{"request":{"cookies": ["${R('cookie')}"],"url":"https://x"}}`);
  const open = '"cookies":['.repeat(40_000 / 11);
  assert.equal(redact(open).out, open);
});

test('xmlTokenMatches finds exactly the elements /<((?:[\\w-]+:)?(?:Assertion|…))\\b([^>]*)>([\\s\\S]*?)<\\/\\1>/g finds, with the same groups (seeded random texts)', () => {
  const RE = /<((?:[\w-]+:)?(?:Assertion|BinarySecurityToken|RequestedSecurityToken|EncryptedData|EncryptedAssertion|CipherValue|UserToken|WebTicket|SecurityToken))\b([^>]*)>([\s\S]*?)<\/\1>/g;
  const alphabet = ['<Assertion', '<saml:Assertion', '</Assertion>', '</saml:Assertion>', '>', '<', 'a', ' ', '\n', '<EncryptedAssertion', '</EncryptedAssertion>', '<SecurityTokenReference>', '</SecurityToken>', '<SecurityToken>', 'x:', '</', '<a:b:Assertion>', '-'];
  for (const s of randomTexts(9, alphabet, 14)) {
    const want = [...s.matchAll(RE)].map((m) => [m.index, m[0], m[1], m[2], m[3]]);
    assert.deepEqual(xmlTokenMatches(s).map((m) => [m.at, m.m, ...m.groups]), want, JSON.stringify(s));
  }
});

test('many private-key headers in a row (raw lines, escaped \\n, one long line): each header is marked, nothing else of them stays', () => {
  const h = '-----BEGIN PRIVATE KEY-----';
  for (const sep of ['\n', '\\n', '']) {
    const text = `${h}${sep}`.repeat(2000);
    const out = redact(text).out;
    // (the blank "line" after the last header goes with its key, as a blank line after a header does)
    assert.equal(out, `${`${R('private-key')}${sep}`.repeat(1999)}${R('private-key')}`, JSON.stringify(sep));
  }
});

// Session 10: credentials over the bounds above reached the bundle (neither redacted nor seen by the leak guard). What
// stays a credential (RFC 3986 3.2.1: userinfo = user ":" password, ended by the "@" before the host) does not depend
// on its length, so a linear scan of each "@"'s run takes what the bounded rules leave.
test('over-long credentials: a 1000-character password, a 300-character user, a 70-letter scheme — the password goes, user and host stay', () => {
  const pw = 'Pw1!'.repeat(250);
  assert.equal(redact(`GET https://user:${pw}@host/ HTTP/1.1`).out, `GET https://user:${P}@host/ HTTP/1.1`);
  // a raw "@" in it: the last "@" before the host ends it (as the bounded rule reads it)
  assert.equal(redact(`https://user:${pw}@${pw}@proxy.contoso.com:8080/x`).out, `https://user:${P}@proxy.contoso.com:8080/x`);
  assert.equal(redact(`http%3A%2F%2Fbob%3A${'%21'.repeat(300)}%40proxy.contoso.com`).out, `http%3A%2F%2Fbob%3A${P}%40proxy.contoso.com`);
  const u300 = 'u'.repeat(300);
  assert.equal(redact(`ftp://${u300}:S3cret@files.contoso.com`).out, `ftp://${u300}:${P}@files.contoso.com`);
  assert.equal(redact(`${'x'.repeat(70)}://bob:S3cret@host`).out, `${'x'.repeat(70)}://bob:${P}@host`);
  // scheme-less: DOMAIN\user:password@proxy, as Windows tools write proxy values
  assert.equal(redact(`proxy CONTOSO\\bob:${pw}@proxy.contoso.com:8080 used`).out, `proxy CONTOSO\\bob:${P}@proxy.contoso.com:8080 used`);
  assert.equal(redact(`set http_proxy=${u300}:S3cret@proxy.contoso.com:8080`).out, `set http_proxy=${u300}:${P}@proxy.contoso.com:8080`);
  // in a JSON value and in a Snapshot string field
  assert.equal(redact(JSON.stringify({ url: `https://user:${pw}@host/` })).out, JSON.stringify({ url: `https://user:${P}@host/` }));
  // not credentials: no ":" in the userinfo, no "@" before a host, a long path (the "/" ends the authority)
  for (const t of [`https://${u300}@host/`, `https://host/${pw}:x@`, `https://host/a:${pw}@b`, `sip:${u300}@contoso.com`, `${u300}:${pw}`]) assert.equal(redact(t).out, t, t.slice(0, 40));
});

test('over-long credentials: 1 MB hostile runs take linear time (an "@" far away, many ":" and "@", long schemes, "%40")', () => {
  const hostile = [
    `https://user:${'p'.repeat(1 << 20)}@host/`,
    `${'a:'.repeat(1 << 19)}@`,
    `${'@a'.repeat(1 << 19)}`,
    `x${':@'.repeat(1 << 19)}`,
    `${'%3A%40'.repeat(1 << 17)}x`,
    `${'a://'.repeat(1 << 18)}`,
    `${'a://b:c@'.repeat(1 << 17)}`,
    `${'b'.repeat(1 << 20)}://u:p@h`,
  ];
  for (const t of hostile) {
    // (linear: 0.1-0.3 s per MB here; a rescan from every "@" or ":" would take hours)
    const start = process.hrtime.bigint();
    const found = longUserinfoMatches(t);
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    assert.ok(ms < SLOW_MS, `${t.slice(0, 20)}…: ${ms} ms`);
    assert.ok(found.length <= 1, `${t.slice(0, 20)}…: ${found.length}`);
  }
  // the first one is a credential (and redacted with the others in one pass: idempotent, the guard clean)
  assert.deepEqual(longUserinfoMatches(hostile[0] as string).map((m) => [m.at, m.m.length]), [[13, 1 << 20]]);
  assert.equal(redact(hostile[0] as string).out, `https://user:${P}@host/`);
});

test('longUserinfoMatches: where a run ends, which "@" ends the userinfo, where the user starts (each against the bounds)', () => {
  const pw = 'p'.repeat(PASSWORD_MAX + 1);
  const at = (t: string): Array<[number, string]> => longUserinfoMatches(t).map((m) => [m.at, m.m]);
  // a run ends at "/", white space (also beyond ASCII), quotes, "<" and ">": the credential after each is read on its own
  for (const end of ['/', ' ', '\t', '\n', '\u00a0', '\u2028', '"', "'", '<', '>']) {
    // (after "/" a name is a path segment, no user: as the bounded rule reads it)
    assert.deepEqual(at(`x${end}bob:${pw}@host`), end === '/' ? [] : [[6, pw]], JSON.stringify(end));
    // …and no password reads across it
    assert.deepEqual(at(`bob:${pw}${end}x@host`), [], JSON.stringify(end));
  }
  // characters that end no run: the password holds them
  for (const mid of [';', '!', '\u00e9', '%', '\\', '(', '=', ',']) assert.deepEqual(at(`bob:${pw}${mid}x@host`), [[4, `${pw}${mid}x`]], JSON.stringify(mid));
  // the last "@" (or %40) a host follows: a letter, a digit or "[" (IPv6)
  assert.deepEqual(at(`bob:${pw}@x@[2001:db8::1]`), [[4, `${pw}@x`]]);
  assert.deepEqual(at(`bob:${pw}%40x%40host`), [[4, `${pw}%40x`]]);
  assert.deepEqual(at(`bob:${pw}@host@`), [[4, pw]]);
  assert.deepEqual(at(`bob:${pw}@-x`), []);
  // the user: after "://", after its encoding, or a name before the first ":" that no "@", "[" or "/" precedes
  assert.deepEqual(at(`ftp://a@b:${pw}@h`), [[10, pw]]);
  assert.deepEqual(at(`u=ftp%3A%2F%2Fbob%3A${pw}%40h`), [[20, pw]]);
  for (const before of ['@', '[', 'https://host/']) assert.deepEqual(at(`${before}bob:${pw}@h`), [], before);
  for (const before of ['=', ';', '(', ',', 'DOM\\']) assert.equal(at(`x${before}bob:${pw}@h`).length, 1, before);
  for (const scheme of ['sip', 'http', 'C', 'mailto']) assert.deepEqual(at(`${scheme}:${pw}@h`), [], scheme);
  // within the bounds: the bounded rules' (nothing here); one over any bound: here
  const user = 'u'.repeat(USER_MAX);
  assert.deepEqual(at(`https://${user}:${'p'.repeat(PASSWORD_MAX)}@h`), []);
  assert.deepEqual(at(`https://${user}u:p@h`), [[8 + USER_MAX + 2, 'p']]);
  assert.deepEqual(at(`${'s'.repeat(64)}://bob:p@h`), []);
  assert.deepEqual(at(`${'s'.repeat(65)}://bob:p@h`), [[65 + 7, 'p']]);
  // no ":" in the userinfo, an empty password, a marked one: nothing
  assert.deepEqual(at(`https://${user}u@h`), []);
  assert.deepEqual(at(`https://${user}u:@h`), []);
  assert.deepEqual(at(`https://${user}u:[REDACTED:url-password]@h`), []);
});
