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
import { cookieListMatches, PASSWORD_MAX, redactText, replaceJsonStrings, USER_MAX, xmlTokenMatches } from '../../../../main/bundle/redact';
import { prng } from '../../../helpers/prng';
import { R, redact } from '../../../helpers/redact-check';

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

test('URL rule: a scheme of 64 characters is read, one of 65 is not (a run of "x-x-…" made every "x" a start scanning to its end)', () => {
  const s64 = `a${'b'.repeat(63)}`;
  assert.equal(redact(`${s64}://bob:S3cret@host`).out, `${s64}://bob:${P}@host`);
  // 65 letters: the rule starts at the word boundary only, so a longer scheme is not a URL it reads
  const s65 = `${s64}c://bob:S3cret@host`;
  assert.equal(redactText(s65), s65);
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
