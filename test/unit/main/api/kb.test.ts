import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { createKbApi, kbArticle, kbCodes, kbSearch } from '../../../../main/api/kb';
import { loadKnowledge } from '../../../../main/kb/default';
import { KnowledgeBase } from '../../../../main/kb/knowledge-base';

const FIX = join(__dirname, '..', '..', '..', 'fixtures', 'kb');
const kb = KnowledgeBase.build(loadKnowledge({ articlesDir: join(FIX, 'articles'), msDiagnosticsFile: join(FIX, 'ms-diagnostics.json') }));
after(() => kb.close());
const api = createKbApi(() => kb);

test('kbSearch returns ranked hits; odd input resolves to an empty list, never a rejection', async () => {
  const hits = await api.kbSearch('push', 5);
  assert.equal(hits[0]?.articleId, 'fx-phone-notification-delivery');
  assert.deepEqual(await api.kbSearch('"(', 5), []);
  assert.deepEqual(await api.kbSearch('', 5), []);
});

test('kbArticle returns the article and/or the ms-diagnostics entry (unknown codes: not documented)', async () => {
  assert.equal((await api.kbArticle('fx-proxy-auth')).article?.id, 'fx-proxy-auth');
  const code = await api.kbArticle('ms-diagnostics 1000');
  assert.equal(code.msDiagnostics?.code, 1000);
  assert.equal(code.article?.id, 'fx-lync-sign-in-loop');
  const unknown = await api.kbArticle('4242');
  assert.equal(unknown.article, null);
  assert.match(unknown.msDiagnostics?.meaning ?? '', /Not documented/);
  assert.deepEqual(await api.kbArticle('nothing here'), { article: null, msDiagnostics: null });
});

test('the default verbs use the project knowledge base', async () => {
  const hits = await kbSearch('KB2664650', 3);
  assert.equal(hits[0]?.articleId, 'im-url-filter-breaks-push');
  assert.equal((await kbArticle('SFB-KI-001')).article?.id, 'ios9-language-region-sign-in');
});

test('kbCodes gives a card per code a pasted excerpt names, telling ones first, and none for plain words', async () => {
  const cards = await kbCodes('SIP/2.0 401 Unauthorized\nms-diagnostics: 1033;reason="Previous hop"\nSIP/2.0 404 Not Found\nms-diagnostics: 4005;reason="Destination URI either not enabled for SIP or does not exist"');
  assert.deepEqual(cards.map((c) => [c.code, c.documented, c.entry.articleId]), [[4005, true, 'user-replicator-ms-diagnostics-4005'], [1033, true, 'sip-sign-in-flow']]);
  assert.deepEqual(await kbCodes('proxy asks for a password'), []);
});

test('kbArticle answers an HRESULT (value in any spelling or constant name) with its table entry and linked article; nothing extra otherwise', async () => {
  const table = new Map([
    ['0x80090322', { hresult: '0x80090322', name: 'SEC_E_WRONG_PRINCIPAL', meaning: 'name mismatch', likelyFix: 'fix the name', evidence: 'microsoft' as const, articleId: 'fx-proxy-auth', sources: ['winerror.h'] }],
  ]);
  const withTable = createKbApi(() => kb, () => table);
  for (const q of ['0x80090322', '80090322', 'sec_e_wrong_principal']) {
    const r = await withTable.kbArticle(q);
    assert.equal(r.hresult?.name, 'SEC_E_WRONG_PRINCIPAL', q);
    assert.equal(r.article?.id, 'fx-proxy-auth', `${q}: the article the entry links to`);
  }
  // An HRESULT the table lacks, and a plain code, get no hresult field (the shape stays as before).
  assert.deepEqual(Object.keys(await withTable.kbArticle('0x80091234')).sort(), ['article', 'msDiagnostics']);
  assert.equal((await withTable.kbArticle('ms-diagnostics 1000')).hresult, undefined);
  // The default verbs read knowledge/hresults.json.
  const real = await kbArticle('SEC_E_WRONG_PRINCIPAL');
  assert.equal(real.hresult?.hresult, '0x80090322');
  assert.equal(real.hresult?.evidence, 'microsoft');
  assert.equal(real.article?.id, 'trust-model-certificate-name-mismatch');
});

test('kbCodes cards carry the header form and the value as written; a client code is not explained by a server row', async () => {
  const cards = await kbCodes('ms-client-diagnostics: 1000;reason="odd"\nms-diagnostics: 1000;reason="Final handshake failed."');
  assert.deepEqual(cards.map((c) => [c.code, c.form, c.documented]), [[1000, 'ms-client-diagnostics', false], [1000, 'ms-diagnostics', true]], 'one card per form and number');
  assert.equal(cards[0]?.raw, '1000;reason="odd"');
});
