import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { test } from 'node:test';
import { loadArticles } from '../../../../main/kb/articles';
import { FTS_TOKENIZE } from '../../../../main/kb/schema';
import { SqliteStemmer } from '../../../../main/kb/stemmer';
import { words } from '../../../../main/kb/text';

test('the stemmer agrees with the FTS5 index on every word of the articles', () => {
  const db = new Database(':memory:');
  try {
    db.exec(`CREATE VIRTUAL TABLE t USING fts5(x, tokenize=${FTS_TOKENIZE}); CREATE VIRTUAL TABLE v USING fts5vocab(t, instance);`);
    const vocab = [...new Set(loadArticles().articles.flatMap((a) => words(`${a.title} ${a.symptoms.join(' ')} ${a.cause} ${a.body}`)))];
    assert.ok(vocab.length > 1000);
    // The index's own view: one word per row, read back through fts5vocab.
    const ins = db.prepare('INSERT INTO t(rowid, x) VALUES (?, ?)');
    db.transaction(() => vocab.forEach((w, i) => ins.run(i + 1, w)))();
    const indexed = new Map((db.prepare('SELECT doc, term FROM v WHERE offset = 0').all() as Array<{ doc: number; term: string }>).map((r) => [vocab[r.doc - 1], r.term]));
    const stemmer = new SqliteStemmer(new Database(':memory:'));
    stemmer.learn(vocab.slice(0, 500));
    const differ = vocab.filter((w) => indexed.has(w) && stemmer.stem(w) !== indexed.get(w));
    assert.deepEqual(differ, []);
  } finally {
    db.close();
  }
});

test('porter stems as FTS5 does: certificates → certif, notifications → notif; unknown words are learned on the fly', () => {
  const s = new SqliteStemmer(new Database(':memory:'));
  assert.equal(s.stem('certificates'), s.stem('certificate'));
  assert.equal(s.stem('notifications'), 'notif');
  assert.equal(s.stem('signing'), 'sign');
  assert.equal(s.stem('zzqx'), 'zzqx');
});
