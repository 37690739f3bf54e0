// main/sip/parse.ts pinned as input → output tables. Expected values from RFC 3261 (§7 message framing,
// §7.3.1 folding and header names, §7.3.3 compact forms, §19.1 SIP URI, §20.14 Content-Length in bytes,
// §25.1 grammar: user = 1*(unreserved / escaped / user-unreserved), user-unreserved includes ';' '&' '=' '+'
// '$' ',' '?' '/') and a Lync trace reading, written before running the code.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { canonicalName, cseqOf, header, headerValues, isStartLine, MAX_HEADERS, MAX_MESSAGE_CHARS, parseSipMessage, splitList, startLineOffset, uriHostPort, utf8Length } from '../../../../main/sip/parse';

type HP = { host: string; port: number | null; transport: string | null } | null;

const URIS: ReadonlyArray<readonly [string, HP]> = [
  // the user part may hold ';' (RFC 3261 §25.1): the host is after the '@'
  ['<sip:alice;ext=1@pool01.contoso.com:5061;transport=tls>', { host: 'pool01.contoso.com', port: 5061, transport: 'tls' }],
  ['sip:+14255550100;phone-context=contoso.com@gw.contoso.com;user=phone', { host: 'gw.contoso.com', port: null, transport: null }],
  ['<sips:a&b=c+d$e,f?g/h@sip.contoso.com>', { host: 'sip.contoso.com', port: null, transport: null }],
  ['<sip:alice:secret@pool01.contoso.com:443>', { host: 'pool01.contoso.com', port: 443, transport: null }],
  // no user part
  ['<sip:pool02.contoso.com:5061;transport=Tls>', { host: 'pool02.contoso.com', port: 5061, transport: 'tls' }],
  ['sip:10.0.0.5;maddr=10.0.0.6;transport=TCP', { host: '10.0.0.5', port: null, transport: 'tcp' }],
  ['<SIP:POOL.Contoso.COM:5061>', { host: 'pool.contoso.com', port: 5061, transport: null }],
  ['<sip:[2001:DB8::1]:5061;transport=tls>', { host: '2001:db8::1', port: 5061, transport: 'tls' }],
  ['<sip:[::1]>', { host: '::1', port: null, transport: null }],
  // a Contact with header parameters after '>': only the URI's own parameters count
  ['<sip:pool.contoso.com:5061>;transport=tls;expires=300', { host: 'pool.contoso.com', port: 5061, transport: null }],
  ['<sip:pool.contoso.com>, <sip:other.contoso.com;transport=tls>', { host: 'pool.contoso.com', port: null, transport: null }],
  // ports out of range are no port; 0 is none
  ['<sip:pool.contoso.com:0>', { host: 'pool.contoso.com', port: null, transport: null }],
  ['<sip:pool.contoso.com:65535>', { host: 'pool.contoso.com', port: 65535, transport: null }],
  ['<sip:pool.contoso.com:65536>', { host: 'pool.contoso.com', port: null, transport: null }],
  ['<sip:pool.contoso.com:1>', { host: 'pool.contoso.com', port: 1, transport: null }],
  ['"Alice" <sip:alice@contoso.com>;tag=1', { host: 'contoso.com', port: null, transport: null }],
  // not a SIP URI
  ['<mailto:alice@contoso.com>', null],
  ['<tel:+14255550100>', null],
  ['', null],
  [`<sip:${'a'.repeat(254)}>`, null],
  [`<sip:${'a'.repeat(253)}>`, { host: 'a'.repeat(253), port: null, transport: null }],
];

test('uriHostPort: host, port and transport of a SIP URI (user part with ";", IPv6, ranges)', () => {
  for (const [input, expected] of URIS) assert.deepEqual(uriHostPort(input), expected, input);
});


test('canonicalName: RFC 3261 §7.3.3 compact forms, case and blanks', () => {
  const cases: ReadonlyArray<readonly [string, string]> = [
    ['i', 'call-id'], ['M', 'contact'], ['f', 'from'], ['t', 'to'], ['v', 'via'], ['l', 'content-length'], ['c', 'content-type'],
    ['k', 'supported'], ['e', 'content-encoding'], ['s', 'subject'], ['o', 'event'], ['x', 'x'], [' Via ', 'via'], ['\ti', 'call-id'],
    ['CSeq', 'cseq'], ['WWW-Authenticate', 'www-authenticate'], ['ms-Diagnostics', 'ms-diagnostics'],
  ];
  for (const [name, want] of cases) assert.equal(canonicalName(name), want, name);
});

const ok = (text: string) => {
  const r = parseSipMessage(text);
  if (!r.ok) throw new Error(`not parsed: ${r.error}`);
  return r.message;
};

test('Content-Length counts UTF-8 bytes (RFC 3261 §20.14); a character is never split', () => {
  const msg = (cl: string, body: string) => ok(`MESSAGE sip:a@b SIP/2.0\r\nContent-Length: ${cl}\r\n\r\n${body}`);
  const cases: ReadonlyArray<readonly [string, string, string, boolean]> = [
    ['3', 'héllo', 'hé', false],
    ['2', 'héllo', 'h', false],
    ['6', 'héllo', 'héllo', false],
    ['7', 'héllo', 'héllo', true],
    ['5', '😀ab', '😀a', false],
    ['3', '😀ab', '', false],
    ['4', '€x', '€x', false],
    ['3', '€x', '€', false],
    ['0', 'abc', '', false],
    ['abc', 'abc', 'abc', false],
    ['1234567890', 'abc', 'abc', false],
    ['-1', 'abc', 'abc', false],
  ];
  for (const [cl, body, want, truncated] of cases) {
    const m = msg(cl, body);
    assert.deepEqual([m.body, m.bodyTruncated], [want, truncated], `${cl} ${body}`);
  }
  assert.equal(ok('SIP/2.0 200 OK\r\nl: 2\r\n\r\nabc').body, 'ab', 'compact l');
  assert.equal(ok('SIP/2.0 200 OK\r\nCall-ID: x\r\nbody without blank line').body, '', 'no blank line: no body');
  assert.equal(ok('SIP/2.0 200 OK\r\nCall-ID: x\r\n \t \r\nbody').body, 'body', 'a line of blanks ends the headers');
  assert.deepEqual([utf8Length('abc'), utf8Length('é'), utf8Length('€'), utf8Length('😀'), utf8Length('')], [3, 2, 3, 4, 0]);
});

test('start line: trimmed, leading blank lines skipped, reason optional, method upper-cased', () => {
  const r = ok('\r\n\r\n  SIP/2.0 200 OK  \r\n\r\n');
  assert.deepEqual([r.kind, r.statusCode, r.reasonPhrase, r.method, r.requestUri], ['response', 200, 'OK', null, null]);
  assert.equal(ok('SIP/2.0 180\r\n\r\n').reasonPhrase, '');
  const q = ok('register sip:contoso.com SIP/2.0\n\n');
  assert.deepEqual([q.kind, q.method, q.requestUri, q.statusCode, q.reasonPhrase], ['request', 'REGISTER', 'sip:contoso.com', null, null]);
  for (const bad of ['SIP/2.0 099 x', 'SIP/2.0 2000 x', 'SIP/2.0 20 x', 'REGISTER sip:x SIP/2.1', 'REGISTER  SIP/2.0', '9REGISTER sip:x SIP/2.0', ' \r\n \r\n']) {
    assert.equal(parseSipMessage(bad).ok, false, bad);
  }
  const e = parseSipMessage(`HTTP/1.1 200 ${'x'.repeat(100)}`);
  assert.deepEqual(e, { ok: false, error: `not a SIP start line: "HTTP/1.1 200 ${'x'.repeat(67)}"` });
  assert.deepEqual(parseSipMessage('   '), { ok: false, error: 'empty message' });
  assert.deepEqual(parseSipMessage(42 as unknown as string), { ok: false, error: 'not text' });
});

test('headers: folding, indented headers, names that are not tokens, the caps', () => {
  const m = ok('SIP/2.0 200 OK\r\n folded before any header\r\nContact: <sip:a@b>;\r\n\t proxy=replace\r\nBad Name: x\r\nX-Ä: y\r\n:nothing\r\nNoColon\r\n  Via: SIP/2.0/TLS h\r\n\r\n');
  assert.deepEqual(m.headers.map((h) => `${h.name}=${h.value}`), ['Contact=<sip:a@b>; proxy=replace', 'Via=SIP/2.0/TLS h']);
  assert.deepEqual(m.headers.map((h) => h.canon), ['contact', 'via']);
  const many = ok(`SIP/2.0 200 OK\r\n${Array.from({ length: MAX_HEADERS + 5 }, (_, i) => `X-${i}: ${i}`).join('\r\n')}\r\n\r\n`);
  assert.equal(MAX_HEADERS, 400);
  assert.equal(many.headers.length, 400);
  assert.equal(many.headers.at(-1)?.name, 'X-399');
  const big = ok(`SIP/2.0 200 OK\r\nContent-Length: 999999\r\n\r\n${'a'.repeat(MAX_MESSAGE_CHARS)}`);
  assert.equal(MAX_MESSAGE_CHARS, 262144);
  assert.equal(big.body.length, MAX_MESSAGE_CHARS - 'SIP/2.0 200 OK\r\nContent-Length: 999999\r\n\r\n'.length);
  assert.equal(big.bodyTruncated, true);
  // a header run into the status line, any case; not when the header cap is reached
  const glued = ok('SIP/2.0 504 Server time-out via: SIP/2.0/TLS 10.0.0.1\r\nCall-ID: c\r\n\r\n');
  assert.deepEqual([glued.reasonPhrase, glued.headers[0]?.name, glued.headers[0]?.value, glued.headers[0]?.canon], ['Server time-out', 'via', 'SIP/2.0/TLS 10.0.0.1', 'via']);
  const full = ok(`SIP/2.0 504 Server time-out Via: x\r\n${Array.from({ length: MAX_HEADERS }, (_, i) => `X-${i}: ${i}`).join('\r\n')}\r\n\r\n`);
  assert.deepEqual([full.reasonPhrase, full.headers.length], ['Server time-out Via: x', 400]);
  assert.equal(ok('SIP/2.0 200 OK Via a reason\r\n\r\n').reasonPhrase, 'OK Via a reason', 'no colon: a reason, not a header');
});

test('header lookups, CSeq and list splitting', () => {
  const m = ok('SIP/2.0 200 OK\r\nm: <sip:a@b>\r\nContact: <sip:c@d>\r\nCSeq: 12 register\r\n\r\n');
  assert.deepEqual(headerValues(m, 'Contact'), ['<sip:a@b>', '<sip:c@d>']);
  assert.deepEqual(headerValues(m, 'm'), ['<sip:a@b>', '<sip:c@d>']);
  assert.equal(header(m, 'CONTACT'), '<sip:a@b>');
  assert.equal(header(m, 'warning'), null);
  assert.deepEqual(headerValues({ headers: [{ name: 'i', value: 'x' }] }, 'Call-ID'), ['x'], 'headers without a parser canon');
  assert.equal(header({ headers: [{ name: 'i', value: 'x' }] }, 'call-id'), 'x');
  const cs = (v: string | null) => cseqOf({ headers: v === null ? [] : [{ name: 'CSeq', value: v }] });
  assert.deepEqual(cs('12 register'), { seq: 12, method: 'REGISTER' });
  assert.deepEqual(cs('4294967295 INVITE'), { seq: 4294967295, method: 'INVITE' });
  assert.deepEqual(cs('12345678901 INVITE'), { seq: null, method: 'INVITE' });
  assert.deepEqual(cs('1'), { seq: null, method: null });
  assert.deepEqual(cs(null), { seq: null, method: null });
  assert.deepEqual(splitList('"a\\",b" <sip:x>, <sip:y>'), ['"a\\",b" <sip:x>', '<sip:y>']);
  assert.deepEqual(splitList(', ,<sip:a>,'), ['<sip:a>']);
  assert.deepEqual(splitList('a>b, c'), ['a>b', 'c'], 'a stray ">" does not open anything');
  assert.deepEqual(splitList('<<sip:a>, b>, c'), ['<<sip:a>, b>', 'c']);
  assert.deepEqual(splitList(''), []);
});

test('start lines: isStartLine and startLineOffset behind prefixes', () => {
  const starts: ReadonlyArray<readonly [string, boolean]> = [
    ['SIP/2.0 200 OK', true],
    ['SIP/2.0 2000 OK', false],
    ['SIP/2.0 200', true],
    ['OPTIONS sip:a@b SIP/2.0', true],
    ['OPTIONS  sip:a@b SIP/2.0', false],
    ['OPTIONS sip:a@b SIP/2.0 ', false],
    ['Via: SIP/2.0/TLS 10.0.0.1', false],
  ];
  for (const [line, want] of starts) assert.equal(isStartLine(line), want, line);
  const offsets: ReadonlyArray<readonly [string, number]> = [
    ['SIP/2.0 200 OK', 0],
    ['[SIP/2.0 200 OK   ', 1],
    ['xSIP/2.0 200 OK', -1],
    ['1SIP/2.0 200 OK', -1],
    ['ZSIP/2.0 200 OK', -1],
    ['message=<BYE sip:a@b SIP/2.0', 9],
    ['REGISTER sip:x SIP/2.0  ', 0],
    ['fooBYE sip:a SIP/2.0', -1],
    ['-BYE sip:a SIP/2.0', -1],
    ['_BYE sip:a SIP/2.0', -1],
    ['SIP/2.0 20 OK', -1],
    ['no marker at all', -1],
    ['SIP/2.0', -1],
  ];
  for (const [line, want] of offsets) assert.equal(startLineOffset(line), want, line);
});

test('header names: blanks before the colon as String.prototype.trim removes them; others make it no header', () => {
  const trimmed = ['\t', '\u000b', '\u000c', '\u00a0', '\ufeff', '\u1680', '\u2000', '\u2005', '\u200a', '\u2028', '\u2029', '\u202f', '\u205f', '\u3000', ' '];
  for (const ch of trimmed) {
    const m = ok(`SIP/2.0 200 OK\r\nCSeq${ch}: 1 INVITE\r\n\r\n`);
    assert.deepEqual(m.headers.map((h) => h.name), ['CSeq'], `U+${ch.charCodeAt(0).toString(16)}`);
  }
  for (const ch of ['\u0085', '\u1fff', '\u200b', '\u00e9']) {
    assert.deepEqual(ok(`SIP/2.0 200 OK\r\nCSeq${ch}: 1 INVITE\r\n\r\n`).headers, [], `U+${ch.charCodeAt(0).toString(16)}`);
  }
  assert.equal(canonicalName('Via '), 'via');
  assert.equal(canonicalName(' Via'), 'via');
  assert.equal(canonicalName('constructor'), 'constructor', 'only one-letter names are compact forms');
  assert.equal(canonicalName('toString'), 'tostring');
  assert.equal(ok('SIP/2.0 200 OK\r\nCall-ID: x\r\n \r \r\nbody').body, 'body', 'blanks with a stray CR are an empty line');
});

test('indented lines: a header only with a token name and a colon followed by a blank or the line end', () => {
  const m = ok('SIP/2.0 200 OK\r\nContact: <sip:a@b>\r\n proxy=replace; note Via: x\r\n Via : SIP/2.0/TLS h\r\n Supported:\r\n\r\n');
  assert.deepEqual(m.headers.map((h) => `${h.name}=${h.value}`), ['Contact=<sip:a@b> proxy=replace; note Via: x', 'Via=SIP/2.0/TLS h', 'Supported=']);
  for (const bad of ['REGISTER sip:x SIP/2.0 junk', 'xSIP/2.0 200 OK']) assert.equal(parseSipMessage(bad).ok, false, bad);
});

test('Content-Length cut at UTF-8 width edges: U+0080, U+07FF/U+0800, U+FFFF, U+10000', () => {
  const cut = (body: string, n: number) => ok(`MESSAGE sip:a@b SIP/2.0\r\nContent-Length: ${n}\r\n\r\n${body}`).body;
  assert.equal(cut('\u007fx', 1), '\u007f');
  assert.equal(cut('\u0080x', 2), '\u0080');
  assert.equal(cut('\u07ffx', 2), '\u07ff');
  assert.equal(cut('\u0800x', 3), '\u0800');
  assert.equal(cut('\uffffab', 4), '\uffffa');
  assert.equal(cut('\u{10000}x', 4), '\u{10000}');
  assert.equal(cut('\u{10000}x', 3), '');
});

test('startLineOffset: a status line glued to a letter or digit is not one; after punctuation it is', () => {
  for (const ch of ['0', '9', 'A', 'Z', 'a', 'z']) assert.equal(startLineOffset(`${ch}SIP/2.0 200 OK`), -1, ch);
  for (const ch of ['/', ':', '@', '[', '`', '{', ' ']) assert.equal(startLineOffset(`${ch}SIP/2.0 200 OK`), 1, ch);
});

test('startLineOffset: a bare status code followed by blanks other than a space is still a status line', () => {
  // "SIP/2.0 200" with no reason is a status line; trailing blanks after it are not part of the line. A space after the
  // code would be read as an empty reason anyway, a tab or another Unicode blank only once the line end is trimmed.
  for (const tail of ['\t', ' \t', '\u00a0', '\u3000', '\t\t ']) {
    assert.equal(startLineOffset(`|SIP/2.0 200${tail}`), 1, JSON.stringify(tail));
    assert.equal(startLineOffset(`SIP/2.0 100${tail}`), 0, JSON.stringify(tail));
  }
});
