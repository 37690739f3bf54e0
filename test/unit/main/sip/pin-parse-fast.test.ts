// main/sip/parse.ts fast paths pinned as input → expected tables (issue 18, session 8): the line scan (CRLF, LF,
// blank lines of spaces/tabs/CR), header-name trimming and the token test, folding (RFC 3261 §7.3.1), compact
// forms (§7.3.3), Content-Length in bytes (§20.14) and parseSipHead, which must read the headers it keeps
// exactly as parseSipMessage does. Expected values are what the messages say (RFC 3261 grammar and the real
// captures in test/fixtures/sip/real), written before running the code.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { HEAD_NAMES, MAX_HEADERS, parseSipHead, startLineParts, type SipMessage } from '../../../../main/sip/parse';
import { full, head, pairs } from '../../../helpers/sip-parse';

const REAL = join(__dirname, '..', '..', '..', 'fixtures', 'sip', 'real');
const real = (name: string) => readFileSync(join(REAL, name), 'utf8');

const canons = (m: SipMessage) => m.headers.map((h) => h.canon);

test('real capture ms-403-delegate-4268: cut at the end (no blank line, Content-Length 83): headers kept, body missing', () => {
  const m = full(real('ms-403-delegate-4268.txt'));
  assert.deepEqual([m.kind, m.statusCode, m.reasonPhrase], ['response', 403, 'Forbidden']);
  assert.deepEqual(canons(m), ['ms-user-logon-data', 'authentication-info', 'content-length', 'from', 'to', 'call-id', 'cseq', 'via', 'ms-diagnostics', 'ms-telemetry-id', 'content-type', 'server']);
  assert.deepEqual([m.body, m.bodyTruncated], ['', true]);
  const h = head(real('ms-403-delegate-4268.txt'));
  assert.deepEqual(canons(h), ['authentication-info', 'cseq', 'ms-diagnostics']);
  assert.equal(h.headers[1]?.value, '1 SERVICE');
  assert.match(h.headers[2]?.value ?? '', /^4268;reason="Delegate operation not allowed/);
  assert.deepEqual([h.statusCode, h.reasonPhrase, h.body, h.bodyTruncated], [403, 'Forbidden', '', false]);
});

test('real capture ms-500-exum-15000: every header indented by one space is a header, not a fold', () => {
  for (const m of [full(real('ms-500-exum-15000.txt')), head(real('ms-500-exum-15000.txt'), new Set(['cseq', 'content-length', 'ms-diagnostics', 'server']))]) {
    assert.deepEqual([m.statusCode, m.reasonPhrase], [500, 'Server Internal Error']);
    const want = ['cseq', 'ms-diagnostics', 'server', 'content-length'];
    assert.deepEqual(canons(m).filter((c) => want.includes(c as string)), want);
    assert.equal(m.headers.find((x) => x.canon === 'content-length')?.value, '0', 'trailing blank trimmed');
    assert.equal(m.headers.find((x) => x.canon === 'server')?.value, 'ExumRouting/7.0.0.0');
  }
  const m = full(real('ms-500-exum-15000.txt'));
  assert.deepEqual([m.body, m.bodyTruncated], ['', false], 'Content-Length 0 and nothing after');
});

test('real capture trueconf-register-200ok: parseSipHead keeps what the message carries of the default names', () => {
  const h = head(real('trueconf-register-200ok.txt'));
  assert.deepEqual(canons(h), ['authentication-info', 'cseq']);
  assert.equal(h.headers[1]?.value, '3 REGISTER');
  assert.match(h.headers[0]?.value ?? '', /^NTLM qop="auth", opaque="0999F355"/);
  const m = full(real('trueconf-register-200ok.txt'));
  assert.deepEqual(m.headers.filter((x) => x.canon === 'supported').map((x) => x.value), ['adhoclist', 'msrtc-event-categories', 'ms-keepalive-deregister', 'ms-userservices-state-notification']);
  assert.deepEqual([m.body, m.bodyTruncated], ['', false]);
});

/** Messages whose headers parseSipHead must read as parseSipMessage does: [label, text, names, expected name=value pairs]. */
const HEAD_CASES: ReadonlyArray<readonly [string, string, ReadonlySet<string>, readonly string[]]> = [
  ['CRLF', 'SIP/2.0 401 Unauthorized\r\nCSeq: 1 REGISTER\r\nWWW-Authenticate: NTLM realm="x"\r\n\r\n', HEAD_NAMES, ['CSeq=1 REGISTER', 'WWW-Authenticate=NTLM realm="x"']],
  ['LF only', 'SIP/2.0 401 Unauthorized\nCSeq: 1 REGISTER\nWWW-Authenticate: NTLM realm="x"\n\n', HEAD_NAMES, ['CSeq=1 REGISTER', 'WWW-Authenticate=NTLM realm="x"']],
  ['no line end at all after the last header', 'SIP/2.0 200 OK\r\nCSeq: 7 INVITE', HEAD_NAMES, ['CSeq=7 INVITE']],
  ['name case-insensitive (§7.3.5)', 'SIP/2.0 200 OK\r\ncseq: 1 A\r\nCSEQ: 2 B\r\nMs-Diagnostics: 1\r\n\r\n', HEAD_NAMES, ['cseq=1 A', 'CSEQ=2 B', 'Ms-Diagnostics=1']],
  ['blanks around the name', 'SIP/2.0 200 OK\r\nCSeq \t: 1 A\r\n\r\n', HEAD_NAMES, ['CSeq=1 A']],
  ['a line of spaces, tabs and CR ends the headers', 'SIP/2.0 200 OK\r\nCSeq: 1 A\r\n \t \r\nCSeq: 2 B\r\n', HEAD_NAMES, ['CSeq=1 A']],
  ['a line starting blank then text is a fold, not the end', 'SIP/2.0 200 OK\r\nCSeq: 1\r\n \tINVITE\r\n\r\n', HEAD_NAMES, ['CSeq=1 INVITE']],
  ['fold with a tab', 'SIP/2.0 200 OK\r\nCSeq: 1\r\n\tINVITE\r\n\r\n', HEAD_NAMES, ['CSeq=1 INVITE']],
  ['a fold after an unwanted header is not added to the last wanted one (space)', 'SIP/2.0 200 OK\r\nCSeq: 1 A\r\nContact: <sip:a@b>;\r\n proxy=replace\r\n\r\n', HEAD_NAMES, ['CSeq=1 A']],
  ['a fold after an unwanted header is not added to the last wanted one (tab)', 'SIP/2.0 200 OK\r\nCSeq: 1 A\r\nContact: <sip:a@b>;\r\n\tproxy=replace\r\n\r\n', HEAD_NAMES, ['CSeq=1 A']],
  ['a fold before any header is dropped', 'SIP/2.0 200 OK\r\n folded\r\nCSeq: 1 A\r\n\r\n', HEAD_NAMES, ['CSeq=1 A']],
  ['an indented "Name: value" is a header', 'SIP/2.0 200 OK\r\nContact: <sip:a@b>\r\n CSeq: 2 BYE\r\n\r\n', HEAD_NAMES, ['CSeq=2 BYE']],
  ['a name that is not a token is no header', 'SIP/2.0 200 OK\r\nC Seq: 1 A\r\nCSéq: 2 B\r\n: 3 C\r\nCSeq 4 D\r\n\r\n', HEAD_NAMES, []],
  ['CR inside a name is no header-name character (RFC 3261 token)', 'SIP/2.0 200 OK\r\nms\rdiagnostics: 1\r\nCSeq: 1 A\r\n\r\n', HEAD_NAMES, ['CSeq=1 A']],
  ['a control before "." or a digit is no match either', 'SIP/2.0 200 OK\r\nx\u000ey\u0011: 1\r\nx.y1: 2\r\n\r\n', new Set(['x.y1']), ['x.y1=2']],
  ['compact forms when a wanted name has one (§7.3.3)', 'SIP/2.0 200 OK\r\ni: abc\r\nv: SIP/2.0/TLS h\r\nCall-ID: def\r\nx: 1\r\n\r\n', new Set(['call-id', 'via']), ['i=abc', 'v=SIP/2.0/TLS h', 'Call-ID=def']],
  ['a wanted one-letter name that is no compact form', 'SIP/2.0 200 OK\r\nx: 1\r\ny: 2\r\n\r\n', new Set(['x']), ['x=1']],
  ['a one-letter compact name asked for is never a canonical name', 'SIP/2.0 200 OK\r\ni: abc\r\n\r\n', new Set(['i']), []],
  ['names of other characters ("_") are read the slow way', 'SIP/2.0 200 OK\r\nX_MS: 1\r\nCSeq: 2 A\r\nY_MS: 3\r\n\r\n', new Set(['x_ms', 'cseq']), ['X_MS=1', 'CSeq=2 A']],
  ['a wanted name longer than 64 characters', `SIP/2.0 200 OK\r\n${'X'.repeat(65)}: long\r\n${'X'.repeat(64)}: 64\r\n\r\n`, new Set(['x'.repeat(65), 'x'.repeat(64)]), [`${'X'.repeat(65)}=long`, `${'X'.repeat(64)}=64`]],
  ['the empty name is never one', 'SIP/2.0 200 OK\r\n : x\r\n\r\n', new Set(['']), []],
  ['a name trimmed to nothing (VT or FF before the colon) is never one', 'SIP/2.0 200 OK\r\n\u000b: x\r\n\f : y\r\n\r\n', new Set(['']), []],
  ['a CR before the colon is trimmed as String.prototype.trim does (the documented tolerance)', 'SIP/2.0 200 OK\r\nCSeq\r: 1 A\r\n\r\n', HEAD_NAMES, ['CSeq=1 A']],
  ['a colon first on the line is no header', 'SIP/2.0 200 OK\r\n:CSeq: 1 A\r\n\r\n', HEAD_NAMES, []],
  ['headers after a request line, method upper-cased', 'register sip:contoso.com SIP/2.0\r\nCSeq: 1 REGISTER\r\n\r\n', HEAD_NAMES, ['CSeq=1 REGISTER']],
  ['leading blank lines (also non-ASCII blanks) before the start line', '\r\n \u00a0\u3000\r\n\tSIP/2.0 200 OK\r\nCSeq: 1 A\r\n\r\n', HEAD_NAMES, ['CSeq=1 A']],
  ['a colon only in the value of a later line does not make a header of a line without one', 'SIP/2.0 200 OK\r\nCSeq\r\nCSeq: 1 A\r\n\r\n', HEAD_NAMES, ['CSeq=1 A']],
];

test('parseSipHead reads the headers it keeps as parseSipMessage does (framing, folding, names, compact forms)', () => {
  for (const [label, text, names, want] of HEAD_CASES) {
    assert.deepEqual(pairs(head(text, names)), want, `head: ${label}`);
    const m = full(text);
    assert.deepEqual(pairs({ ...m, headers: m.headers.filter((h) => names.has(h.canon as string)) }), want, `full: ${label}`);
  }
});

test('parseSipHead: start line, errors, the glued status-line header, the known start line', () => {
  const h = head('\r\n  SIP/2.0 504 Server time-out Via: SIP/2.0/TLS 10.0.0.1  \r\nCSeq: 1 A\r\n\r\n', new Set(['via', 'cseq']));
  assert.deepEqual([h.kind, h.statusCode, h.reasonPhrase, h.method, h.requestUri], ['response', 504, 'Server time-out', null, null]);
  assert.deepEqual(pairs(h), ['Via=SIP/2.0/TLS 10.0.0.1', 'CSeq=1 A']);
  assert.deepEqual(canons(h), ['via', 'cseq']);
  const d = head('SIP/2.0 504 Server time-out Via: SIP/2.0/TLS 10.0.0.1\r\nCSeq: 1 A\r\n\r\n');
  assert.deepEqual([d.reasonPhrase, pairs(d)], ['Server time-out', ['CSeq=1 A']], 'reason cut even when Via is not wanted');
  const r = head('options sip:pool.contoso.com:5061 SIP/2.0\r\nCSeq: 1 OPTIONS\r\n\r\nCSeq: 9 BODY');
  assert.deepEqual([r.kind, r.method, r.requestUri, r.statusCode, r.reasonPhrase, r.body, r.bodyTruncated], ['request', 'OPTIONS', 'sip:pool.contoso.com:5061', null, null, '', false]);
  assert.deepEqual(pairs(r), ['CSeq=1 OPTIONS']);
  assert.deepEqual(parseSipHead(''), { ok: false, error: 'empty message' });
  assert.deepEqual(parseSipHead('\r\n \t\r\n'), { ok: false, error: 'empty message' });
  assert.deepEqual(parseSipHead('HTTP/1.1 200 OK\r\n\r\n'), { ok: false, error: 'not a SIP start line: "HTTP/1.1 200 OK"' });
  assert.deepEqual(parseSipHead(7 as unknown as string), { ok: false, error: 'not text' });
  // the caller read the first line: the same answer without reading it again
  for (const text of ['SIP/2.0 486 Busy Here\r\nCSeq: 3 INVITE\r\n\r\n', 'BYE sip:a@b SIP/2.0\nCSeq: 4 BYE\n\n', 'SIP/2.0 200 OK']) {
    const first = text.split(/\r?\n/)[0] as string;
    const known = startLineParts(first);
    assert.ok(known, first);
    assert.deepEqual(parseSipHead(text, HEAD_NAMES, known), parseSipHead(text), text);
  }
});

test('parseSipHead counts every header toward MAX_HEADERS as the full parse does (short and long texts)', () => {
  const xs = (k: number) => Array.from({ length: k }, (_, i) => `X-${i}: ${i}`).join('\r\n');
  // 400 other headers first: the full parse stops before the CSeq, so the head does too
  const over = `SIP/2.0 200 OK\r\n${xs(MAX_HEADERS)}\r\nCSeq: 1 A\r\n\r\n`;
  assert.deepEqual(pairs(head(over)), []);
  assert.equal(full(over).headers.length, MAX_HEADERS);
  const under = `SIP/2.0 200 OK\r\n${xs(MAX_HEADERS - 1)}\r\nCSeq: 1 A\r\n\r\n`;
  assert.deepEqual(pairs(head(under)), ['CSeq=1 A']);
  // lines that are no headers do not count
  const junk = `SIP/2.0 200 OK\r\n${Array.from({ length: MAX_HEADERS + 10 }, () => 'no header here').join('\r\n')}\r\nCSeq: 1 A\r\n\r\n`;
  assert.deepEqual(pairs(head(junk)), ['CSeq=1 A']);
  assert.deepEqual(pairs(full(junk)), ['CSeq=1 A']);
  // with a name set of other characters too
  assert.deepEqual(pairs(head(over, new Set(['x_y', 'cseq']))), []);
  assert.deepEqual(pairs(head(under, new Set(['x_y', 'cseq']))), ['CSeq=1 A']);
  // the glued status-line header takes no place once the cap is reached
  const glued = `SIP/2.0 504 Server time-out Via: v\r\n${xs(MAX_HEADERS)}\r\n\r\n`;
  const g = head(glued, new Set(['via']));
  assert.deepEqual([g.reasonPhrase, pairs(g)], ['Server time-out Via: v', []]);
  assert.equal(full(glued).reasonPhrase, 'Server time-out Via: v');
  const g1 = head(`SIP/2.0 504 Server time-out Via: v\r\n${xs(MAX_HEADERS - 1)}\r\n\r\n`, new Set(['via']));
  assert.deepEqual([g1.reasonPhrase, pairs(g1)], ['Server time-out', ['Via=v']]);
});

test('parseSipMessage line scan: CRLF/LF mixes, a lone CR kept inside a line, blank-line forms', () => {
  const m = full('SIP/2.0 200 OK\nCSeq: 1 A\r\nCall-ID: c\n\r\nbody\r\n');
  assert.deepEqual([pairs(m), m.body], [['CSeq=1 A', 'Call-ID=c'], 'body\r\n']);
  // an empty line is the end of the headers whether it is CRLF or LF
  assert.equal(full('SIP/2.0 200 OK\r\nCSeq: 1 A\n\nbody').body, 'body');
  assert.equal(full('SIP/2.0 200 OK\r\nCSeq: 1 A\r\n\tbody\r\n\r\n').headers[0]?.value, '1 A body', 'tab then text: a fold');
  assert.equal(full('SIP/2.0 200 OK\r\nCSeq: 1 A\r\n\t\r\nbody').body, 'body', 'a lone tab: blank');
  // a value keeps a CR inside it (only the one before LF is the line end)
  assert.equal(full('SIP/2.0 200 OK\r\nSubject: a\rb\r\n\r\n').headers[0]?.value, 'a\rb');
  assert.equal(full('SIP/2.0 200 OK\r\nSubject: x\r\r\n\r\n').headers[0]?.value, 'x', 'CR CR LF: the value is trimmed');
  // an empty line at the very start of the scan is skipped, then the start line
  assert.equal(full('\nSIP/2.0 180 Ringing\n\n').reasonPhrase, 'Ringing');
  assert.equal(full('\r\n\r\nSIP/2.0 180 Ringing').reasonPhrase, 'Ringing');
  assert.deepEqual(pairs(full('\nSIP/2.0 180 Ringing\nCSeq: 1 A\n\n')), ['CSeq=1 A'], 'LF first, then the start line and a header');
  // a fold onto an empty value: no leading blank
  assert.equal(full('SIP/2.0 200 OK\r\nSupported:\r\n ms-keepalive\r\n\r\n').headers[0]?.value, 'ms-keepalive');
  // blanks around the reason phrase and a glued header are dropped
  assert.equal(full('SIP/2.0 200  OK\r\n\r\n').reasonPhrase, 'OK');
  const g = full('SIP/2.0 504 Server time-out  Via : SIP/2.0/TLS h\r\n\r\n');
  assert.deepEqual([g.reasonPhrase, g.headers[0]?.name, g.headers[0]?.value], ['Server time-out', 'Via', 'SIP/2.0/TLS h']);
  // past the header cap the message is not read further: no body
  const capped = full(`SIP/2.0 200 OK\r\n${Array.from({ length: MAX_HEADERS + 1 }, (_, i) => `X-${i}: ${i}`).join('\r\n')}\r\n\r\nbody`);
  assert.deepEqual([capped.headers.length, capped.body], [MAX_HEADERS, '']);
});

test('Content-Length (bytes, §20.14) against bodies with multi-byte characters: extra cut, short flagged', () => {
  const msg = (cl: number, body: string) => full(`MESSAGE sip:a@b SIP/2.0\r\nl: ${cl}\r\n\r\n${body}`);
  const cases: ReadonlyArray<readonly [number, string, string, boolean]> = [
    // "Grüße" = G r ü(2) ß(2) e: 7 bytes
    [7, 'Grüße', 'Grüße', false],
    [6, 'Grüße', 'Grüß', false],
    [5, 'Grüße', 'Grü', false],
    [4, 'Grüße', 'Grü', false],
    [8, 'Grüße', 'Grüße', true],
    // 日本 = 3 + 3 bytes
    [6, '日本', '日本', false],
    [5, '日本', '日', false],
    [1, '日本', '', false],
    // a surrogate pair (4 bytes) then ASCII
    [5, '🎧x', '🎧x', false],
    [4, '🎧x', '🎧', false],
    [2, '🎧x', '', false],
    [0, '', '', false],
    [1, '', '', true],
  ];
  for (const [cl, body, want, truncated] of cases) {
    const m = msg(cl, body);
    assert.deepEqual([m.body, m.bodyTruncated], [want, truncated], `${cl} ${body}`);
  }
});

test('startLineParts: request and status fields, memoised lines read the same twice, long and wide lines too', () => {
  const lines: ReadonlyArray<readonly [string, unknown]> = [
    ['SIP/2.0 200 OK', { kind: 'response', method: null, requestUri: null, statusCode: 200, reason: 'OK' }],
    ['SIP/2.0 401 Unauthorized', { kind: 'response', method: null, requestUri: null, statusCode: 401, reason: 'Unauthorized' }],
    ['SIP/2.0 100', { kind: 'response', method: null, requestUri: null, statusCode: 100, reason: '' }],
    ['REGISTER sip:contoso.com SIP/2.0', { kind: 'request', method: 'REGISTER', requestUri: 'sip:contoso.com', statusCode: null, reason: '' }],
    ['invite sip:bob@contoso.com;transport=tls SIP/2.0', { kind: 'request', method: 'invite', requestUri: 'sip:bob@contoso.com;transport=tls', statusCode: null, reason: '' }],
    [`SIP/2.0 500 ${'r'.repeat(600)}`, { kind: 'response', method: null, requestUri: null, statusCode: 500, reason: 'r'.repeat(600) }],
    ['SIP/2.0 480 Temporarily Unavailable 日本', { kind: 'response', method: null, requestUri: null, statusCode: 480, reason: 'Temporarily Unavailable 日本' }],
    ['SIP/2.0 603 Décliné', { kind: 'response', method: null, requestUri: null, statusCode: 603, reason: 'Décliné' }],
    ['Via: SIP/2.0/TLS h', null],
    ['SIP/2.0 700 Nope', null],
    ['BYE sip:a SIP/2.0 trailing', null],
  ];
  for (let round = 0; round < 2; round++) for (const [line, want] of lines) assert.deepEqual(startLineParts(line), want, `${round} ${line.slice(0, 40)}`);
});

test('startLineParts: a wide line never stands in the memo for the Latin-1 line it would be stored as', () => {
  // The memo's keys are Latin-1 copies: U+2020 would be stored as its low byte, a space. "SIP/2.0 200†OK" is no
  // status line (a space or the end must follow the code), "SIP/2.0 200 OK" is one; whichever is read first,
  // each keeps its own answer.
  assert.equal(startLineParts('SIP/2.0 200\u2020OK'), null);
  assert.deepEqual(startLineParts('SIP/2.0 200 OK'), { kind: 'response', method: null, requestUri: null, statusCode: 200, reason: 'OK' });
  assert.equal(startLineParts('SIP/2.0 200\u2020OK'), null);
  // A URI with U+2020 is one \S run; stored as Latin-1 it would hold a space, which no request line's URI has.
  assert.deepEqual(startLineParts('INVITE sip:a\u2020b@contoso.com SIP/2.0'), { kind: 'request', method: 'INVITE', requestUri: 'sip:a\u2020b@contoso.com', statusCode: null, reason: '' });
  assert.equal(startLineParts('INVITE sip:a b@contoso.com SIP/2.0'), null);
});
