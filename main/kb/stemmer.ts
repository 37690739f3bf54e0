/**
 * Word → stem exactly as the FTS5 index stems it: SQLite's own porter tokenizer does the work (through
 * a scratch FTS5 table and fts5vocab), so ranking features computed in JS agree with what MATCH sees.
 */
import type { Database } from 'better-sqlite3';
import { FTS_TOKENIZE } from './schema';

const MAX_CACHE = 100_000;

/** Stems words through a scratch FTS5 table of `db`; results are cached. */
export class SqliteStemmer {
  private readonly cache = new Map<string, string>();
  private readonly insert;
  private readonly read;
  private readonly clear;

  constructor(private readonly db: Database) {
    db.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS temp.kb_stem USING fts5(w, tokenize=${FTS_TOKENIZE});
      CREATE VIRTUAL TABLE IF NOT EXISTS temp.kb_stem_vocab USING fts5vocab(temp, kb_stem, instance);`);
    this.insert = db.prepare('INSERT INTO temp.kb_stem(rowid, w) VALUES (?, ?)');
    this.read = db.prepare('SELECT doc, term FROM temp.kb_stem_vocab WHERE offset = 0');
    this.clear = db.prepare('DELETE FROM temp.kb_stem');
  }

  /** Stems every word not yet known, in one round trip. Words are single tokens (see text.ts words()). */
  learn(words: Iterable<string>): void {
    const todo = [...new Set(words)].filter((w) => !this.cache.has(w));
    if (todo.length === 0) return;
    if (this.cache.size + todo.length > MAX_CACHE) this.cache.clear();
    const run = this.db.transaction(() => {
      todo.forEach((w, i) => this.insert.run(i + 1, w));
      const rows = this.read.all() as Array<{ doc: number; term: string }>;
      this.clear.run();
      return rows;
    });
    const rows = run();
    for (const w of todo) this.cache.set(w, w);
    for (const r of rows) {
      const w = todo[r.doc - 1];
      if (w !== undefined) this.cache.set(w, r.term);
    }
  }

  /** The stem of one word (learns it if needed). */
  stem(word: string): string {
    let s = this.cache.get(word);
    if (s === undefined) {
      this.learn([word]);
      s = this.cache.get(word) ?? word;
    }
    return s;
  }
}
