// main/sip/parse.ts lines 257-end pinned (issue 18, session 9): parseSipHead's default names and its name table,
// the message cap, the start-line scan, an indented empty header, blank lines holding CR, the glued status-line
// header; canonicalNames, cseqOf (RFC 3261 §20.16: CSeq = 1*DIGIT LWS Method, LWS one or more blanks),
// splitList (§25.1 quoted-string with quoted-pair) and uriHostPort. Expected values are what the messages say,
// written before running the code; parseSipHead must read what it keeps exactly as parseSipMessage does.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { canonicalNames, cseqOf, HEAD_NAMES, MAX_MESSAGE_CHARS, parseSipHead, splitList, startLineParts, type SipMessage } from '../../../../main/sip/parse';
import { full, head, pairs } from '../../../helpers/sip-parse';

/** The full parse's headers of the names given (canonical), as name=value. */
const fullPairs = (text: string, names: ReadonlySet<string>) => pairs({ ...full(text), headers: full(text).headers.filter((h) => names.has(h.canon as string)) });

test('parseSipHead by default keeps the CSeq, every ms-diagnostics form and every authentication header, nothing else', () => {
  const text = [
    'SIP/2.0 401 Unauthorized',
    'Via: SIP/2.0/TLS 10.0.0.5:51000',
    'From: <sip:alice@contoso.com>;tag=1',
    'To: <sip:alice@contoso.com>;tag=2',
    'Call-ID: c1',
    'CSeq: 1 REGISTER',
    'WWW-Authenticate: NTLM realm="SIP Communications Service"',
    'Proxy-Authenticate: Kerberos realm="SIP Communications Service"',
    'Authorization: NTLM qop="auth"',
    'Proxy-Authorization: Kerberos qop="auth"',
    'Authentication-Info: NTLM rspauth="0100"',
    'ms-diagnostics: 1000;reason="Final handshake failed"',
    'ms-diagnostics-public: 1000;reason="x"',
    'X-MS-Diagnostics: 4001;reason="y"',
    'ms-client-diagnostics: 52001;reason="z"',
    'Content-Length: 0',
    '',
    '',
  ].join('\r\n');
  assert.deepEqual(pairs(head(text)), [
    'CSeq=1 REGISTER',
    'WWW-Authenticate=NTLM realm="SIP Communications Service"',
    'Proxy-Authenticate=Kerberos realm="SIP Communications Service"',
    'Authorization=NTLM qop="auth"',
    'Proxy-Authorization=Kerberos qop="auth"',
    'Authentication-Info=NTLM rspauth="0100"',
    'ms-diagnostics=1000;reason="Final handshake failed"',
    'ms-diagnostics-public=1000;reason="x"',
    'X-MS-Diagnostics=4001;reason="y"',
    'ms-client-diagnostics=52001;reason="z"',
  ]);
  assert.equal(HEAD_NAMES.size, 10);
});

test('parseSipHead: names of token characters other than a-z, 0-9, "." and "-" alone (RFC 3261 token) are read too', () => {
  const text = 'SIP/2.0 200 OK\r\n_: 1\r\n+: 2\r\n~: 3\r\n\r\n';
  for (const names of [new Set(['_']), new Set(['+', '~'])]) assert.deepEqual(pairs(head(text, names)), fullPairs(text, names));
  assert.deepEqual(pairs(head(text, new Set(['_']))), ['_=1']);
  assert.deepEqual(pairs(head(text, new Set(['+', '~']))), ['+=2', '~=3']);
});

test('parseSipHead reads no further than MAX_MESSAGE_CHARS, as parseSipMessage: a header cut there keeps its cut value, one past it is gone', () => {
  const pre = 'SIP/2.0 200 OK\r\nSubject: ';
  const pad = 'a'.repeat(MAX_MESSAGE_CHARS - pre.length - '\r\nCSeq: 1 INV'.length);
  const cut = `${pre}${pad}\r\nCSeq: 1 INVITE\r\nms-diagnostics: 1\r\n\r\n`;
  assert.deepEqual(pairs(head(cut)), ['CSeq=1 INV']);
  assert.deepEqual(fullPairs(cut, HEAD_NAMES), ['CSeq=1 INV']);
});

test('parseSipHead: a first line of LF alone is skipped; an indented "Name:" with nothing after is an empty header; a line of blanks and CR ends the headers', () => {
  const cases: ReadonlyArray<readonly [string, string, readonly string[]]> = [
    ['LF first', '\nSIP/2.0 200 OK\nCSeq: 1 A\n\n', ['CSeq=1 A']],
    ['LF first, then CRLF', '\nSIP/2.0 200 OK\r\nCSeq: 1 A\r\n\r\n', ['CSeq=1 A']],
    ['indented empty header (CRLF)', 'SIP/2.0 200 OK\r\nCSeq: 1 A\r\n Ms-Diagnostics:\r\n\r\n', ['CSeq=1 A', 'Ms-Diagnostics=']],
    ['indented empty header (CRLF), another header after it', 'SIP/2.0 200 OK\r\nCSeq: 1 A\r\n Ms-Diagnostics:\r\nServer: x\r\n\r\n', ['CSeq=1 A', 'Ms-Diagnostics=']],
    ['indented empty header (LF)', 'SIP/2.0 200 OK\nCSeq: 1 A\n Ms-Diagnostics:\n\n', ['CSeq=1 A', 'Ms-Diagnostics=']],
    ['CR CR LF: blank', 'SIP/2.0 200 OK\r\nCSeq: 1 A\r\n\r\r\nCSeq: 2 B\r\n\r\n', ['CSeq=1 A']],
    ['space CR space CR LF: blank', 'SIP/2.0 200 OK\r\nCSeq: 1 A\r\n \r \r\nCSeq: 2 B\r\n\r\n', ['CSeq=1 A']],
  ];
  for (const [label, text, want] of cases) {
    assert.deepEqual(pairs(head(text)), want, `head: ${label}`);
    assert.deepEqual(fullPairs(text, HEAD_NAMES), want, `full: ${label}`);
  }
  assert.equal(head('\nSIP/2.0 180 Ringing\n\n').reasonPhrase, 'Ringing');
});

test('parseSipHead: the known start line is taken as given (the first line is not read again)', () => {
  const known = startLineParts('SIP/2.0 200 OK');
  assert.ok(known);
  const r = parseSipHead('SIP/2.0 486 Busy Here\r\nCSeq: 3 INVITE\r\n\r\n', HEAD_NAMES, known);
  assert.ok(r.ok);
  assert.deepEqual([r.message.statusCode, r.message.reasonPhrase, pairs(r.message)], [200, 'OK', ['CSeq=3 INVITE']]);
  // a start line alone, no line break: nothing more to read
  const only = parseSipHead('SIP/2.0 200 OK', HEAD_NAMES, known);
  assert.ok(only.ok);
  assert.deepEqual(pairs(only.message), []);
});

test('parseSipHead: a header glued to the reason phrase with blanks before its colon and two spaces before it', () => {
  const text = 'SIP/2.0 504 Server time-out  Via : SIP/2.0/TLS 10.0.0.1\r\nCSeq: 1 A\r\n\r\n';
  const h = head(text, new Set(['via', 'cseq']));
  assert.deepEqual([h.reasonPhrase, h.headers[0]?.name, h.headers[0]?.value, h.headers[0]?.canon], ['Server time-out', 'Via', 'SIP/2.0/TLS 10.0.0.1', 'via']);
  const f = full(text);
  assert.deepEqual([f.reasonPhrase, f.headers[0]?.name, f.headers[0]?.value], ['Server time-out', 'Via', 'SIP/2.0/TLS 10.0.0.1']);
});

test('canonicalNames: the parser\'s canon when there is one, else the name lower-cased with compact forms expanded', () => {
  assert.deepEqual(canonicalNames([{ name: 'CSeq', value: '1 A', canon: 'cseq' }, { name: 'i', value: 'x' }, { name: ' Via ', value: 'v' }, { name: 'WWW-Authenticate', value: 'NTLM' }]), ['cseq', 'call-id', 'via', 'www-authenticate']);
  assert.deepEqual(canonicalNames([]), []);
});

test('cseqOf: LWS of more than one blank between number and method; a method first is no CSeq', () => {
  const cs = (v: string) => cseqOf({ headers: [{ name: 'CSeq', value: v }] });
  assert.deepEqual(cs('1  INVITE'), { seq: 1, method: 'INVITE' });
  assert.deepEqual(cs('2 \t REGISTER'), { seq: 2, method: 'REGISTER' });
  assert.deepEqual(cs('INVITE 1 x'), { seq: null, method: null });
});

test('splitList: a backslash ending an unclosed quoted string is kept as it is; blank pieces are dropped', () => {
  assert.deepEqual(splitList('<sip:a>, "abc\\'), ['<sip:a>', '"abc\\']);
  assert.deepEqual(splitList('<sip:a>, '), ['<sip:a>']);
  assert.deepEqual(splitList(' \t '), []);
});
