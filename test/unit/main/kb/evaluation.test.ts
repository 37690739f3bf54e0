/**
 * The helpdesk evaluation set (test/fixtures/kb/helpdesk-evaluation.json): every phrasing or pasted excerpt
 * is its own test, asserting the top article and the code cards written down before the search was run.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { loadKnowledge } from '../../../../main/kb/default';
import { GENERAL_INTENTS } from '../../../../main/kb/intents';
import { KnowledgeBase } from '../../../../main/kb/knowledge-base';

interface Entry {
  readonly kind: string;
  readonly query?: string;
  readonly file?: string;
  readonly expect?: string;
  readonly codes?: readonly number[];
  readonly why: string;
}

const FIX = join(__dirname, '..', '..', '..', 'fixtures');
const ENTRIES = (JSON.parse(readFileSync(join(FIX, 'kb', 'helpdesk-evaluation.json'), 'utf8')) as { entries: Entry[] }).entries;
/** Entries the search still gets wrong, with what is known about why (reported as TODO, not hidden). */
const KNOWN_MISSES: Readonly<Record<string, string>> = {
};
const kb = KnowledgeBase.build(loadKnowledge());
after(() => kb.close());

test('the evaluation set has about thirty entries, every kind, and names only existing articles', () => {
  assert.ok(ENTRIES.length >= 30, `${ENTRIES.length} entries`);
  for (const kind of ['general sign-in', 'ms-diagnostics form', 'pasted excerpt', 'pasted error', 'symptom']) assert.ok(ENTRIES.some((e) => e.kind === kind), kind);
  for (const e of ENTRIES) {
    assert.ok(e.expect !== undefined || e.codes !== undefined, `${e.query ?? e.file}: expects nothing`);
    if (e.expect) assert.ok(kb.article(e.expect), `missing article ${e.expect}`);
  }
});

test('every general intent names an existing overview article; a specific word turns the intent off', () => {
  for (const i of GENERAL_INTENTS) assert.ok(kb.article(i.articleId), `${i.name}: missing ${i.articleId}`);
  assert.equal(kb.search('lync cannot sign in', 1)[0]?.articleId, 'sip-sign-in-flow');
  assert.equal(kb.search('lync cannot sign in clock wrong', 1)[0]?.articleId, 'clock-skew-sign-in');
});

for (const e of ENTRIES) {
  const label = e.file ?? e.query?.replace(/\s+/g, ' ').slice(0, 70) ?? '';
  const todo = KNOWN_MISSES[label];
  test(`${e.kind}: ${label}`, todo ? { todo } : {}, () => {
    const text = e.file ? readFileSync(join(FIX, e.file), 'utf8') : (e.query as string);
    if (e.expect) {
      const hits = kb.search(text, 5);
      assert.equal(hits[0]?.articleId, e.expect, `first three: ${hits.slice(0, 3).map((h) => h.articleId).join(', ')} (${e.why})`);
    }
    if (e.codes) {
      assert.deepEqual(kb.codesIn(text).map((c) => c.code).sort((a, b) => a - b), [...e.codes].sort((a, b) => a - b), e.why);
    }
  });
}
