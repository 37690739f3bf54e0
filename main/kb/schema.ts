/** The knowledge base's SQLite schema: articles, exact identifiers, FTS5 indexes, ms-diagnostics codes. */

/** Porter stemming over unicode61 words, accents folded (`certificates` and `certificate` meet). */
export const FTS_TOKENIZE = "'porter unicode61 remove_diacritics 2'";

/** bm25 column weights of article_fts: a hit in the title counts most, then symptoms, errors, body. */
export const ARTICLE_WEIGHTS = { title: 10, symptoms: 6, errors: 5, body: 1 } as const;

/** Bumped when the layout changes, so an old kb.sqlite is rebuilt rather than misread. */
export const KB_SCHEMA_VERSION = 1;

/** Tables of a knowledge base (the FTS5 tables get their bm25 weights as the default rank). */
export const SCHEMA_SQL = `
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE article(rowid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, json TEXT NOT NULL);
CREATE TABLE article_key(key TEXT NOT NULL, rowid INTEGER NOT NULL REFERENCES article(rowid), PRIMARY KEY(key, rowid)) WITHOUT ROWID;
CREATE VIRTUAL TABLE article_fts USING fts5(title, symptoms, errors, body, tokenize=${FTS_TOKENIZE});
INSERT INTO article_fts(article_fts, rank) VALUES('rank', 'bm25(${ARTICLE_WEIGHTS.title}, ${ARTICLE_WEIGHTS.symptoms}, ${ARTICLE_WEIGHTS.errors}, ${ARTICLE_WEIGHTS.body})');
CREATE TABLE msdiag(code INTEGER PRIMARY KEY, json TEXT NOT NULL);
CREATE VIRTUAL TABLE msdiag_fts USING fts5(code, reason, meaning, likely_fix, sources, tokenize=${FTS_TOKENIZE});
INSERT INTO msdiag_fts(msdiag_fts, rank) VALUES('rank', 'bm25(8, 6, 3, 2, 1)');
`;
