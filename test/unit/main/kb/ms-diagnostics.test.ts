import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadMsDiagnostics, parseMsDiagnostics, undocumentedCode } from '../../../../main/kb/ms-diagnostics';

const FIXTURE = join(__dirname, '..', '..', '..', 'fixtures', 'kb', 'ms-diagnostics.json');

const entry = (o: Record<string, unknown>): Record<string, unknown> => ({
  code: 1, header: 'ms-diagnostics', reason: null, meaning: 'm', likelyFix: 'f', context: '', research: [], articleId: null, verified: true, sources: ['s'], ...o,
});

test('the fixture table loads, with context kept', () => {
  const r = loadMsDiagnostics(FIXTURE);
  assert.deepEqual(r.problems, []);
  assert.equal(r.entries.length, 2);
  assert.equal(r.entries[0]?.context, 'Response to REGISTER.');
  assert.equal(r.entries[0]?.articleId, 'fx-lync-sign-in-loop');
});

test('the project table (knowledge/ms-diagnostics.json) loads without problems', () => {
  const r = loadMsDiagnostics();
  assert.deepEqual(r.problems, []);
  assert.ok(r.entries.length > 10);
  assert.equal(new Set(r.entries.map((e) => e.code)).size, r.entries.length);
});

test('a bad entry is reported with the line of its code; the others still load', () => {
  const text = JSON.stringify([entry({ code: 1 }), entry({ code: 2, meaning: '' }), entry({ code: 3, sources: [] }), entry({ code: 1 })], null, 2);
  const r = parseMsDiagnostics('t.json', text);
  assert.deepEqual(r.entries.map((e) => e.code), [1]);
  const lines = text.split('\n');
  const missing = r.problems.find((p) => /"meaning"/.test(p.message));
  assert.ok(missing);
  assert.match(lines[missing.line - 1] ?? '', /"code": 2/);
  assert.ok(r.problems.some((p) => /sources/.test(p.message)));
  assert.ok(r.problems.some((p) => /duplicate code/.test(p.message)));
});

test('invalid JSON and a missing file are problems, not crashes', () => {
  const bad = parseMsDiagnostics('t.json', '[\n  { "code": 1,\n  oops\n]');
  assert.equal(bad.entries.length, 0);
  assert.match(bad.problems[0]?.message ?? '', /invalid JSON/);
  assert.equal(bad.problems[0]?.line, 3);
  assert.match(loadMsDiagnostics('/nonexistent/ms.json').problems[0]?.message ?? '', /cannot read/);
  assert.match(parseMsDiagnostics('t.json', '{}').problems[0]?.message ?? '', /array/);
});

test('an unknown code says "not documented"', () => {
  const e = undocumentedCode(9999);
  assert.equal(e.code, 9999);
  assert.match(e.meaning, /^Not documented/);
  assert.equal(e.verified, false);
});

test('evidence: a valid mark is kept, a wrong one or one contradicting "verified" is a problem, a missing one is derived', () => {
  const text = JSON.stringify([
    entry({ code: 10, evidence: 'captures', verified: false }),
    entry({ code: 11, evidence: 'proven' }),
    entry({ code: 12, evidence: 'captures', verified: true }),
    entry({ code: 13, verified: true }),
    entry({ code: 14, verified: false, sources: ['gap: searched, nothing found'] }),
    entry({ code: 15, verified: false }),
  ], null, 2);
  const r = parseMsDiagnostics('t.json', text);
  assert.deepEqual(r.entries.map((e) => [e.code, e.evidence]), [[10, 'captures'], [13, 'microsoft'], [14, 'gap'], [15, 'captures']]);
  assert.equal(r.problems.length, 2);
  assert.match(r.problems[0]?.message ?? '', /code 11\).*"evidence" must be one of/);
  assert.match(r.problems[1]?.message ?? '', /code 12\).*"verified" must be true exactly when "evidence" is "microsoft"/);
});

test('an unknown code names its component from the published ranges, and only inside them', () => {
  assert.match(undocumentedCode(1999).meaning, /SIP stack/);
  assert.match(undocumentedCode(2000).meaning, /presence/);
  assert.match(undocumentedCode(10999).meaning, /Mediation Server/);
  assert.match(undocumentedCode(17999).meaning, /client version filter/);
  assert.doesNotMatch(undocumentedCode(18000).meaning, /By its number range/);
  assert.match(undocumentedCode(20999).meaning, /Group Chat/);
  assert.match(undocumentedCode(20999).sources[0] ?? '', /ms-ocer/);
  assert.match(undocumentedCode(21999).meaning, /application sharing/);
  assert.doesNotMatch(undocumentedCode(22000).meaning, /By its number range/);
  assert.equal(undocumentedCode(18000).sources.length, 0);
  assert.equal(undocumentedCode(10999).evidence, 'gap');
  assert.match(undocumentedCode(10999).meaning, /^Not documented/);
});
