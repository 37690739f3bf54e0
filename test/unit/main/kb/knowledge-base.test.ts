import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { loadKnowledge } from '../../../../main/kb/default';
import { KnowledgeBase } from '../../../../main/kb/knowledge-base';

const FIX = join(__dirname, '..', '..', '..', 'fixtures', 'kb');
const kb = KnowledgeBase.build(loadKnowledge({ articlesDir: join(FIX, 'articles'), msDiagnosticsFile: join(FIX, 'ms-diagnostics.json') }));
const dirs: string[] = [];
after(() => {
  kb.close();
  dirs.forEach((d) => rmSync(d, { recursive: true, force: true }));
});

const ids = (q: unknown, limit = 10): string[] => kb.search(q, limit).map((h) => h.articleId);
const first = (q: string): string | undefined => ids(q)[0];

test('hits carry articleId, research, title, score and a highlighted snippet', () => {
  const [h] = kb.search('expired certificate', 5);
  assert.ok(h);
  assert.equal(h.articleId, 'fx-sfb-client-certificate');
  assert.deepEqual(h.research, ['SFB-KI-901']);
  assert.equal(h.title, 'Skype for Business client certificate has expired');
  assert.ok(h.score > 0);
  assert.match(h.snippet, /«expired»/);
  assert.match(h.snippet, /«certificate»/);
});

test('stemming: plural, -ing and -ed forms find the same article and are highlighted as they are written', () => {
  assert.equal(first('certificates'), 'fx-sfb-client-certificate');
  assert.equal(first('expiring certificates'), 'fx-sfb-client-certificate');
  assert.match(kb.search('certificates', 1)[0]?.snippet ?? '', /«certificate»/);
  assert.equal(first('notifications arriving'), 'fx-phone-notification-delivery');
});

test('synonyms: the words below appear nowhere in the article they find', () => {
  assert.equal(first('push'), 'fx-phone-notification-delivery');
  assert.equal(first('407'), 'fx-proxy-auth');
  assert.equal(first('cert expired'), 'fx-sfb-client-certificate');
  // SfB ↔ Skype for Business ↔ Lync, both ways.
  assert.ok(ids('SfB').includes('fx-sfb-client-certificate') && ids('SfB').includes('fx-lync-sign-in-loop'));
  assert.equal(first('skype for business loops at sign-in'), 'fx-lync-sign-in-loop');
  assert.equal(first('lync client certificate expired'), 'fx-sfb-client-certificate');
});

test('prefix search: the word being typed completes', () => {
  assert.equal(first('notificat'), 'fx-phone-notification-delivery');
  assert.equal(first('expired certifi'), 'fx-sfb-client-certificate');
  assert.match(kb.search('notificat', 1)[0]?.snippet ?? '', /«notification»/);
});

test('exact identifiers rank first; a background (topic) article sharing a KB number ranks after the issue article', () => {
  for (const q of ['KB1234567', 'kb 1234567', '1234567']) assert.deepEqual(ids(q), ['fx-sfb-client-certificate', 'fx-background-topic'], q);
  assert.equal(first('SFB-KI-903'), 'fx-proxy-auth');
  assert.equal(first('0xC3E9FFFF'), 'fx-sfb-client-certificate');
  assert.equal(first('ms-diagnostics 1000'), 'fx-lync-sign-in-loop');
  assert.equal(first('1000'), 'fx-lync-sign-in-loop');
  // An identifier nobody has finds nothing, rather than articles sharing the word "sfb".
  assert.deepEqual(ids('SFB-KI-999'), []);
  assert.deepEqual(ids('KB7654321'), []);
});

test('a pasted message finds the article whose symptom it is, at rank 1', () => {
  assert.equal(first('The desktop client keeps asking for the password and never finishes signing in'), 'fx-lync-sign-in-loop');
  assert.equal(first('No notification arrives on the phone while the app is in the background'), 'fx-phone-notification-delivery');
  assert.equal(first('ms-diagnostics: 1000;reason="Final handshake failed";source="pool.contoso.com"'), 'fx-lync-sign-in-loop');
});

test('malformed queries never throw: they return results or an empty list', () => {
  const odd: unknown[] = ['"', '*', 'NEAR(', 'NEAR(a b, 3)', '(((', ')', '"""', 'AND', 'OR NOT', '-', '^', ':', '{title}:', 'title:certificate',
    "cert' OR 1=1 --", 'cert*', '\\', '%_', '😀🔥💥', '\u0000\u0001\u0002', '\uD800', ' '.repeat(10_000), 'a'.repeat(1_000_000),
    `${'x '.repeat(50_000)}certificate`, 'Zertifikat abgelaufen ÄÖÜ', 'サインインできません', 'ms-diagnostics 99999999', '0x', '', null, undefined, 42, {}, []];
  for (const q of odd) {
    for (const limit of [10, 0, -5, 1e9, Number.NaN, '3' as unknown as number]) {
      const r = kb.search(q, limit);
      assert.ok(Array.isArray(r), String(q).slice(0, 20));
      assert.ok(r.length <= 100);
      assert.ok(Array.isArray(kb.searchMsDiagnostics(q, limit)));
    }
    const res = kb.resolve(q);
    assert.ok(res && typeof res === 'object');
  }
  assert.equal(kb.search('certificate', 0).length, 1, 'limit is at least 1');
});

test('ms-diagnostics codes are their own searchable table; unknown codes say "not documented"', () => {
  assert.equal(kb.searchMsDiagnostics('handshake failed')[0]?.code, 1000);
  assert.equal(kb.searchMsDiagnostics('destination not enabled for SIP')[0]?.code, 4005);
  const exact = kb.searchMsDiagnostics('ms-diagnostics 4005');
  assert.equal(exact[0]?.code, 4005);
  assert.match(exact[0]?.snippet ?? '', /«4005»/);
  const unknown = kb.searchMsDiagnostics('ms-diagnostics 7777');
  assert.equal(unknown[0]?.code, 7777);
  assert.equal(unknown[0]?.documented, false);
  assert.match(unknown[0]?.meaning ?? '', /Not documented/);
  assert.deepEqual(kb.searchMsDiagnostics('SFB-KI-999'), []);
});

test('resolve: article id, SFB-KI id, KB number, ms-diagnostics code, HRESULT; nothing → nulls', () => {
  assert.equal(kb.resolve('fx-proxy-auth').article?.id, 'fx-proxy-auth');
  assert.equal(kb.resolve('SFB-KI-902').article?.id, 'fx-phone-notification-delivery');
  const byKb = kb.resolve('KB1234567');
  assert.equal(byKb.article?.id, 'fx-sfb-client-certificate');
  assert.deepEqual(byKb.alsoMatches, ['fx-background-topic']);
  assert.equal(kb.resolve('1234567').article?.id, 'fx-sfb-client-certificate');
  assert.equal(kb.resolve('0xc3e9ffff').article?.id, 'fx-sfb-client-certificate');
  const code = kb.resolve('ms-diagnostics 1000');
  assert.equal(code.msDiagnostics?.code, 1000);
  assert.equal(code.msDiagnostics?.reason, 'Final handshake failed.');
  assert.equal(code.article?.id, 'fx-lync-sign-in-loop');
  const noArticle = kb.resolve('4005');
  assert.equal(noArticle.msDiagnostics?.code, 4005);
  assert.equal(noArticle.article, null);
  for (const q of ['9999', 'ms-diagnostics: 9999']) {
    const u = kb.resolve(q);
    assert.equal(u.msDiagnostics?.code, 9999);
    assert.match(u.msDiagnostics?.meaning ?? '', /Not documented/);
    assert.equal(kb.hasCode(9999), false);
  }
  assert.deepEqual(kb.resolve('no such thing'), { article: null, msDiagnostics: null, alsoMatches: [] });
  assert.deepEqual(kb.resolve(''), { article: null, msDiagnostics: null, alsoMatches: [] });
});

test('kb:build artifact: save, open again, same answers; a foreign file is refused clearly', () => {
  const d = mkdtempSync(join(tmpdir(), 'ld-kb-db-'));
  dirs.push(d);
  const file = join(d, 'kb.sqlite');
  kb.save(file);
  const again = KnowledgeBase.open(file);
  try {
    assert.equal(again.articleCount, kb.articleCount);
    assert.equal(again.codeCount, kb.codeCount);
    for (const q of ['push', 'KB1234567', 'expired certifi', 'ms-diagnostics 1000']) assert.deepEqual(again.search(q), kb.search(q), q);
  } finally {
    again.close();
  }
  const junk = join(d, 'junk.sqlite');
  writeFileSync(junk, 'not a database');
  assert.throws(() => KnowledgeBase.open(junk), /is not a Lync Doctor knowledge base.*kb:build/);
  assert.throws(() => KnowledgeBase.open(join(d, 'missing.sqlite')), /is not a Lync Doctor knowledge base/);
});

test('duplicate ids or codes in the input do not break the build (validation reports them separately)', () => {
  const src = loadKnowledge({ articlesDir: join(FIX, 'articles'), msDiagnosticsFile: join(FIX, 'ms-diagnostics.json') });
  const dup = KnowledgeBase.build({ articles: [...src.articles, ...src.articles], msDiagnostics: [...src.msDiagnostics, ...src.msDiagnostics] });
  try {
    assert.equal(dup.articleCount, src.articles.length);
    assert.equal(dup.codeCount, src.msDiagnostics.length);
  } finally {
    dup.close();
  }
});
