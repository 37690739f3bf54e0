/**
 * A status line carrying only a reason text (no ms-diagnostics header, no number): the code is named from
 * the text only, never as "a code in the text". Real line: test/fixtures/logs/real/ms-uccapi-403-federated-partners.txt
 * (Microsoft support article); [MS-OCER] gives 1002 the reason "From URI not authorized to communicate with
 * federated partners." (written down before the search was run).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { loadKnowledge } from '../../../../main/kb/default';
import { KnowledgeBase } from '../../../../main/kb/knowledge-base';

const LINE = readFileSync(join(__dirname, '..', '..', '..', 'fixtures', 'logs', 'real', 'ms-uccapi-403-federated-partners.txt'), 'utf8');
const kb = KnowledgeBase.build(loadKnowledge());
after(() => kb.close());

test('a reason-only 403 gets no code card (no code is written) but its reason text ranks 1002 first among the codes', () => {
  assert.deepEqual(kb.codesIn(LINE), []);
  const ranked = kb.searchMsDiagnostics(LINE, 3);
  assert.equal(ranked[0]?.code, 1002);
  assert.equal(ranked[0]?.reason, 'From URI not authorized to communicate with federated partners.');
  assert.equal(ranked[0]?.evidence, 'microsoft');
  assert.equal(ranked[0]?.articleId, 'federation-external-access-not-allowed');
});

