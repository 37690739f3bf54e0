/** readExcerpt: codes and failure lines out of pastes of any length, in bounded work. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { loadKnowledge } from '../../../../main/kb/default';
import { MAX_CODES, MAX_QUERY_TEXT, MAX_SCAN_CHARS, readExcerpt } from '../../../../main/kb/excerpt';
import { KnowledgeBase } from '../../../../main/kb/knowledge-base';

const FIX = join(__dirname, '..', '..', '..', 'fixtures');
const NTLM_LOG = readFileSync(join(FIX, 'logs', 'signin-ntlm-mismatch.UccApilog'), 'utf8');
const kb = KnowledgeBase.build(loadKnowledge());
after(() => kb.close());

/** A deterministic page of routine client-log noise (no failure words, no codes). */
function noise(bytes: number): string {
  const line = '09/10/2013|14:07:50.000 1F68:1A0 INFO  :: CSIPAsyncSocket::SendHelper - [0x0D1A2B30] Sent 512 bytes\n';
  return line.repeat(Math.ceil(bytes / line.length));
}

test('every header form of a code is read: ms-diagnostics, -public, x-, ms-client-diagnostics, spaced and typed forms', () => {
  const forms: Array<[string, number, string]> = [
    ['ms-diagnostics 1033', 1033, 'ms-diagnostics'],
    ['ms-diagnostics: 1033;reason="Previous hop server component did not report diagnostic information"', 1033, 'ms-diagnostics'],
    ['ms-diagnostics-public: 4141;reason="User disabled"', 4141, 'ms-diagnostics'],
    ['X-Ms-diagnostics: 28020;reason="No valid security token."', 28020, 'ms-diagnostics'],
    ['ms-client-diagnostics: 52017;reason="Encryption levels dont match"', 52017, 'ms-client-diagnostics'],
    ['ms-diagnostics: 1009; reason ="No match for domain in DNS SRV results"', 1009, 'ms-diagnostics'],
  ];
  for (const [text, code, form] of forms) assert.deepEqual(readExcerpt(text).codes.map((c) => [c.code, c.form]), [[code, form]], text);
});

test('a client log is condensed to its failure: the routine first 401 and its 1033 are left out, 1000 and the HRESULT kept', () => {
  const ex = readExcerpt(NTLM_LOG);
  assert.equal(ex.condensed, true);
  assert.match(ex.query, /ms-diagnostics: 1000;reason="Final handshake failed";HRESULT="0xC3E93EE4\(SIP_E_AUTH_NTLMMISMATCH\)"/);
  assert.match(ex.query, /sign-in failed hr=0xC3E93EE4/);
  assert.doesNotMatch(ex.query, /1033|Previous hop/);
  assert.doesNotMatch(ex.query, /REGISTER sip:|Call-ID|contoso\.com\/|SendHelper/);
  // The telling code first, the routine one after it.
  assert.deepEqual(ex.codes.map((c) => [c.code, c.routine]), [[1000, false], [1033, true]]);
});

test('a short typed or pasted message is searched as it is', () => {
  for (const text of ['lync cannot sign in', 'Cannot sign in because the server is temporarily unavailable. If the problem continues, please contact your support team.']) {
    assert.deepEqual(readExcerpt(text), { codes: [], query: text, condensed: false, scanned: text.length });
  }
});

test('syslog-escaped SIP (#015 for CR, one message per line) is read line by line', () => {
  const ex = readExcerpt(readFileSync(join(FIX, 'sip', 'real', 'bbk-pj-syslog-escaped.txt'), 'utf8'));
  assert.deepEqual(ex.codes.map((c) => c.code).sort((a, b) => a - b), [1034, 10003]);
  assert.match(ex.query, /SIP 404 Not Found/);
});

test('a 5 MB paste with the failure in the middle: found, in bounded time, with a bounded query', () => {
  const half = noise(2.5 * 1024 * 1024);
  const paste = `${half}${NTLM_LOG}${half}`;
  assert.ok(paste.length >= 5 * 1024 * 1024);
  const t0 = process.hrtime.bigint();
  const ex = readExcerpt(paste);
  const hits = kb.search(paste, 3);
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  assert.equal(ex.scanned, paste.length);
  assert.ok(ex.query.length <= MAX_QUERY_TEXT);
  assert.deepEqual(ex.codes.map((c) => c.code), [1000, 1033]);
  assert.equal(hits[0]?.articleId, 'ntlm-session-security-mismatch');
  // Linear work: a few hundred ms on a loaded two-core machine; a quadratic pattern would take minutes.
  assert.ok(ms < 10_000, `${Math.round(ms)} ms`);
});

test('hostile shapes stay linear and bounded: one 5 MB line, thousands of codes, repeated near-matches', () => {
  const cases: Array<[string, string]> = [
    ['one line', 'ms-diagnostics: '.padEnd(5 * 1024 * 1024, 'a')],
    ['many codes', Array.from({ length: 20_000 }, (_, i) => `ms-diagnostics: ${10000 + i};reason="x"`).join('\n')],
    ['near misses', 'ms-diagnostics '.repeat(300_000)],
    ['spaces', ' '.repeat(5 * 1024 * 1024)],
    ['reason without end', `reason="${'r'.repeat(5 * 1024 * 1024)}`],
  ];
  for (const [name, text] of cases) {
    const t0 = process.hrtime.bigint();
    const ex = readExcerpt(text);
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    assert.ok(ex.codes.length <= MAX_CODES, name);
    assert.ok(ex.query.length <= MAX_QUERY_TEXT, name);
    assert.ok(ms < 10_000, `${name}: ${Math.round(ms)} ms`);
  }
  assert.equal(readExcerpt('x'.repeat(MAX_SCAN_CHARS + 10)).scanned, MAX_SCAN_CHARS);
});

test('odd input never throws', () => {
  for (const v of [undefined, null, 42, {}, [], '\u0000\uffff', '\n\n\n']) assert.doesNotThrow(() => readExcerpt(v));
  assert.deepEqual(readExcerpt(1033).codes, []);
});

test('code cards: named codes (undocumented ones said so), a bare number only when the table has it, nothing for words', () => {
  const cards = kb.codesIn(readFileSync(join(FIX, 'logs', 'signin-4005-truncated.UccApilog'), 'utf8'));
  assert.deepEqual(cards.map((c) => [c.code, c.documented]), [[4005, true], [52999, false], [1033, true]]);
  assert.match((cards[1]?.entry.meaning ?? ''), /Not documented/);
  assert.deepEqual(kb.codesIn('1033').map((c) => c.code), [1033]);
  assert.deepEqual(kb.codesIn('4242'), []);
  assert.deepEqual(kb.codesIn('ms-diagnostics 4242').map((c) => [c.code, c.documented]), [[4242, false]]);
  assert.deepEqual(kb.codesIn('lync cannot sign in'), []);
  // A code the table keeps only to say no source documents it is not "documented".
  assert.deepEqual(kb.codesIn('ms-diagnostics 24000').map((c) => [c.code, c.documented]), [[24000, false]]);
});

test('a value quoted on its own line without the header name (as support articles print it) is a code', () => {
  // Microsoft support article (hybrid meeting content): the client tracing log line, as the article quotes it.
  const article = 'the tracing log will display the following error:\n\n54503;reason="Connection to the Web Conferencing Server could not be established due to client DNS configuration"\n';
  assert.deepEqual(readExcerpt(article).codes.map((c) => [c.code, c.form]), [[54503, 'ms-diagnostics']]);
  assert.deepEqual(readExcerpt('   54000 ; reason = "Connection to the Web Conferencing Server could not be established"').codes.map((c) => c.code), [54000]);
  // Not after another header's name, not mid-sentence, not without `reason=`, not with 3 or 8 digits.
  for (const text of ['X-Remote-Reason: 1409; reason="404 - Not Found"', 'Result 54503;reason="x"', '54503;source="x"', '540;reason="x"', '12345678;reason="x"']) {
    assert.deepEqual(readExcerpt(text).codes, [], text);
  }
});

test('each code keeps its value as written (first occurrence, from the code on, at most 200 characters)', () => {
  const text = 'SIP/2.0 403 Forbidden\nms-diagnostics-public: 21006;reason="Something failed";component="ASMCU"\nms-diagnostics: 21006;reason="second"\n';
  assert.deepEqual(readExcerpt(text).codes, [{ code: 21006, form: 'ms-diagnostics', routine: false, raw: '21006;reason="Something failed";component="ASMCU"' }]);
  assert.equal(readExcerpt(`ms-diagnostics: 1010;reason="${'x'.repeat(400)}"`).codes[0]?.raw.length, 200);
  const cards = kb.codesIn(text);
  assert.deepEqual(cards.map((c) => [c.code, c.documented, c.form, c.raw]), [[21006, false, 'ms-diagnostics', '21006;reason="Something failed";component="ASMCU"']]);
  // A bare number typed alone has no written form.
  assert.deepEqual(kb.codesIn('4005').map((c) => [c.code, c.form, c.raw]), [[4005, undefined, undefined]]);
});

test('code cards: a row explains its number only in the header family it was documented for', () => {
  // The project table documents 23 as ms-client-diagnostics and 1010 as ms-diagnostics.
  assert.deepEqual(kb.codesIn('ms-client-diagnostics: 23; reason="Call failed"').map((c) => [c.code, c.documented, c.entry.header]), [[23, true, 'ms-client-diagnostics']]);
  assert.deepEqual(kb.codesIn('ms-diagnostics: 23;reason="x"').map((c) => [c.code, c.documented]), [[23, false]]);
  assert.deepEqual(kb.codesIn('ms-client-diagnostics: 1010;reason="x"').map((c) => [c.code, c.documented]), [[1010, false]]);
  assert.deepEqual(kb.codesIn('ms-diagnostics-public: 1010;reason="x"').map((c) => [c.code, c.documented]), [[1010, true]]);
});
