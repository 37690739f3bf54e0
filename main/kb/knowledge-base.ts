/**
 * The knowledge base: articles and ms-diagnostics codes compiled into SQLite (FTS5, bm25) plus exact
 * identifier keys, searched the way helpdesk people type. Built in memory in well under a second, or
 * saved to / opened from a kb.sqlite file.
 */
import Database, { type Database as Db, type Statement } from 'better-sqlite3';
import { readFileSync, writeFileSync } from 'node:fs';
import type { Article } from '../model/article';
import type { CodeEvidence, KbCodeCard, KbHit } from '../model/api';
import { coverage, docFeatures, highlightTerms, indexedText, lineOverlap, queryStems, stemGroups, textWords, titleCoverage, verbatim, type DocFeatures, type StemGroup } from './features';
import { readExcerpt, type ExcerptCode } from './excerpt';
import { articleKeys, msDiagArticleKeys, type IdKey } from './identifiers';
import { generalIntent } from './intents';
import { isDocumented, undocumentedCode, type MsDiagRecord } from './ms-diagnostics';
import { analyseQuery, andExpr, orExpr, type AnalysedQuery, type TermGroup } from './query';
import { ARTICLE_WEIGHTS, KB_SCHEMA_VERSION, SCHEMA_SQL } from './schema';
import { bestSnippet, type HighlightTerms } from './snippet';
import { SqliteStemmer } from './stemmer';
import { STOPWORDS, words } from './text';

/** What a knowledge base is built from. */
export interface KnowledgeInput {
  readonly articles: readonly Article[];
  readonly msDiagnostics: readonly MsDiagRecord[];
}

/** An ms-diagnostics code found by search. */
export interface MsDiagHit {
  readonly code: number;
  readonly reason: string | null;
  readonly meaning: string;
  readonly articleId: string | null;
  readonly documented: boolean;
  /** How the code's meaning is known (the table's verification mark). */
  readonly evidence: CodeEvidence;
  readonly score: number;
  /** Matches wrapped in «». */
  readonly snippet: string;
}

/** What an id, KB number, research id or code resolves to. */
export interface Resolved {
  readonly article: Article | null;
  readonly msDiagnostics: MsDiagRecord | null;
  /** Other articles answering to the same key (e.g. several articles list error 407). */
  readonly alsoMatches: readonly string[];
}

/** Largest `limit` a search accepts. */
export const MAX_LIMIT = 100;
const CANDIDATES = 60;
/** Fewer candidates than this having every term, and the AND query fetches more (independent of `limit`, so results are stable). */
const COMPLETE_WANTED = 10;
const W = [ARTICLE_WEIGHTS.title, ARTICLE_WEIGHTS.symptoms, ARTICLE_WEIGHTS.errors, ARTICLE_WEIGHTS.body].join(', ');
const SNIPPET_TOKENS = 16;
/** A term in more than this share of articles (and more than COMMON_MIN_DOCS) does not fetch candidates. */
const COMMON_SHARE = 0.2;
const COMMON_MIN_DOCS = 40;
/** A typed prefix covers at most this many corpus stems. */
const MAX_PREFIX_STEMS = 50;
const BOOST_STRONG_ID = 10;
const BOOST_WEAK_ID = 1.5;
const TOPIC_PENALTY = 0.25;
const TITLE_WEIGHT = 0.5;
/** Bonus for quoting an article's symptom/error line word for word. */
const VERBATIM_WEIGHT = 1;
/** Bonus for the overview article of a general question ("lync won't sign in"): above any issue article's text score. */
const GENERAL_INTENT_BOOST = 3;
const MS_GENERIC: ReadonlySet<string> = new Set(['ms', 'x', 'diagnostics', 'diagnostic', 'public', 'code', 'error', 'header']);

interface Candidate {
  /** bm25 (higher is better), 0 for a hit by identifier only. */
  text: number;
  id: 'strong' | 'weak' | null;
}

function clampLimit(limit: unknown): number {
  const n = typeof limit === 'number' && Number.isFinite(limit) ? Math.floor(limit) : 10;
  return Math.min(MAX_LIMIT, Math.max(1, n));
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

function shorten(s: string, max = 160): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}

/** Index of the first entry of sorted `v` that is not below `key` (binary search). */
function lowerBound(v: readonly string[], key: string): number {
  let lo = 0;
  let hi = v.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((v[mid] as string) < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** One compiled knowledge base: search, ms-diagnostics search, resolve. */
export class KnowledgeBase {
  private readonly articles = new Map<number, Article>();
  private readonly rowidOf = new Map<string, number>();
  private readonly features = new Map<number, DocFeatures>();
  private readonly codes = new Map<number, MsDiagRecord>();
  /** Stems of each ms-diagnostics entry's text. */
  private readonly codeTerms = new Map<number, ReadonlySet<string>>();
  /** Document frequency of each stem. */
  private readonly df = new Map<string, number>();
  private readonly stemmer: SqliteStemmer;
  /** Sorted distinct corpus words, for completing the word being typed. */
  private vocabulary: string[] = [];
  /** Sorted distinct stems of the corpus, for prefix expansion. */
  private sortedStems: string[] = [];
  private stopStems: ReadonlySet<string> = new Set();
  private readonly stmt: Record<'or' | 'and' | 'key' | 'msOr' | 'msSnippet', Statement>;
  private readonly stemFn = (w: string): string => this.stemmer.stem(w);

  private constructor(private readonly db: Db) {
    this.stemmer = new SqliteStemmer(db);
    this.stmt = {
      // bm25() spelled out is about twice as fast as ORDER BY rank (same weights as the table's rank setting).
      or: db.prepare(`SELECT rowid, -bm25(article_fts, ${W}) AS s FROM article_fts WHERE article_fts MATCH ? ORDER BY s DESC LIMIT ${CANDIDATES}`),
      and: db.prepare(`SELECT rowid, -bm25(article_fts, ${W}) AS s FROM article_fts WHERE article_fts MATCH ? ORDER BY s DESC LIMIT ${CANDIDATES}`),
      key: db.prepare('SELECT rowid FROM article_key WHERE key = ? ORDER BY rowid'),
      msOr: db.prepare(`SELECT rowid AS code, -rank AS s, snippet(msdiag_fts, -1, '«', '»', '…', ${SNIPPET_TOKENS}) AS sn FROM msdiag_fts WHERE msdiag_fts MATCH ? ORDER BY rank LIMIT ?`),
      msSnippet: db.prepare(`SELECT snippet(msdiag_fts, -1, '«', '»', '…', ${SNIPPET_TOKENS}) AS sn FROM msdiag_fts WHERE msdiag_fts MATCH ? AND rowid = ?`),
    };
  }

  /** Compiles articles and codes into a fresh in-memory database. Duplicate ids/codes: the first wins. */
  static build(input: KnowledgeInput): KnowledgeBase {
    const db = new Database(':memory:');
    db.exec(SCHEMA_SQL);
    const kb = new KnowledgeBase(db);
    const seen = new Set<string>();
    const articles = input.articles.filter((a) => !seen.has(a.id) && seen.add(a.id));
    const codes = new Map<number, MsDiagRecord>();
    for (const e of input.msDiagnostics) if (!codes.has(e.code)) codes.set(e.code, e);
    const msByArticle = new Map<string, MsDiagRecord[]>();
    for (const e of codes.values()) if (e.articleId) msByArticle.set(e.articleId, [...(msByArticle.get(e.articleId) ?? []), e]);
    const insA = db.prepare('INSERT INTO article(rowid, id, json) VALUES (?, ?, ?)');
    const insF = db.prepare('INSERT INTO article_fts(rowid, title, symptoms, errors, body) VALUES (?, ?, ?, ?, ?)');
    const insK = db.prepare('INSERT OR IGNORE INTO article_key(key, rowid) VALUES (?, ?)');
    const insM = db.prepare('INSERT INTO msdiag(code, json) VALUES (?, ?)');
    const insMF = db.prepare('INSERT INTO msdiag_fts(rowid, code, reason, meaning, likely_fix, sources) VALUES (?, ?, ?, ?, ?, ?)');
    db.transaction(() => {
      articles.forEach((a, i) => {
        const rowid = i + 1;
        const ms = msByArticle.get(a.id) ?? [];
        const t = indexedText(a, ms.map((e) => `ms-diagnostics ${e.code} ${e.reason ?? ''}`));
        insA.run(rowid, a.id, JSON.stringify(a));
        insF.run(rowid, t.title, t.symptoms, t.errors, t.body);
        for (const k of [...articleKeys(a), ...ms.flatMap(msDiagArticleKeys)]) insK.run(k, rowid);
      });
      for (const e of codes.values()) {
        insM.run(e.code, JSON.stringify(e));
        insMF.run(e.code, String(e.code), e.reason ?? '', `${e.meaning}\n${e.context}`, e.likelyFix, e.sources.join('\n'));
      }
      db.prepare("INSERT INTO meta(key, value) VALUES ('schema', ?), ('builtAt', ?), ('articles', ?), ('codes', ?)").run(
        String(KB_SCHEMA_VERSION), new Date().toISOString(), String(articles.length), String(codes.size));
    })();
    kb.load();
    return kb;
  }

  /** Opens a kb.sqlite written by save(); throws a clear error if it is not one of ours. */
  static open(file: string): KnowledgeBase {
    let db: Db;
    try {
      db = new Database(readFileSync(file));
    } catch (e) {
      throw new Error(`${file} is not a Lync Doctor knowledge base (${(e as Error).message}); rebuild it with npm run kb:build`);
    }
    let version: string | undefined;
    try {
      version = (db.prepare("SELECT value FROM meta WHERE key = 'schema'").get() as { value: string } | undefined)?.value;
    } catch {
      version = undefined;
    }
    if (version !== String(KB_SCHEMA_VERSION)) {
      db.close();
      throw new Error(`${file} is not a Lync Doctor knowledge base of schema ${KB_SCHEMA_VERSION} (found ${version ?? 'none'}); rebuild it with npm run kb:build`);
    }
    const kb = new KnowledgeBase(db);
    kb.load();
    return kb;
  }

  /** Reads articles and codes back from the tables and computes the ranking features. */
  private load(): void {
    const rows = this.db.prepare('SELECT rowid, json FROM article ORDER BY rowid').all() as Array<{ rowid: number; json: string }>;
    const ms = (this.db.prepare('SELECT json FROM msdiag').all() as Array<{ json: string }>).map((r) => JSON.parse(r.json) as MsDiagRecord);
    for (const e of ms) this.codes.set(e.code, e);
    const codeWords = new Map(ms.map((e) => [e.code, words(`${e.code} ${e.reason ?? ''} ${e.meaning} ${e.context} ${e.likelyFix} ${e.sources.join(' ')}`)]));
    const texts = new Map<number, ReturnType<typeof indexedText>>();
    const vocab = new Set<string>();
    for (const r of rows) {
      const a = JSON.parse(r.json) as Article;
      this.articles.set(r.rowid, a);
      this.rowidOf.set(a.id, r.rowid);
      const t = indexedText(a, ms.filter((e) => e.articleId === a.id).map((e) => `ms-diagnostics ${e.code} ${e.reason ?? ''}`));
      texts.set(r.rowid, t);
      for (const w of textWords(t)) vocab.add(w);
    }
    this.stemmer.learn([...vocab, ...[...codeWords.values()].flat()]);
    for (const [code, ws] of codeWords) this.codeTerms.set(code, new Set(ws.map(this.stemFn)));
    for (const [rowid, t] of texts) {
      const f = docFeatures(this.articles.get(rowid) as Article, t, this.stemFn);
      this.features.set(rowid, f);
      for (const term of f.terms) this.df.set(term, (this.df.get(term) ?? 0) + 1);
    }
    this.vocabulary = [...vocab].sort();
    this.sortedStems = [...this.df.keys()].sort();
    this.stopStems = new Set([...STOPWORDS].map(this.stemFn));
  }

  /** Writes the database to a file (the kb:build artifact). */
  save(file: string): void {
    writeFileSync(file, this.db.serialize());
  }

  get articleCount(): number {
    return this.articles.size;
  }

  get codeCount(): number {
    return this.codes.size;
  }

  /** Every article, in build order. */
  allArticles(): readonly Article[] {
    return [...this.articles.values()];
  }

  /** Known corpus words starting with `prefix`, one per stem, at most `max`. */
  private completions = (prefix: string, max = 12): string[] => {
    const v = this.vocabulary;
    const lo = lowerBound(v, prefix);
    const out: string[] = [];
    const stems = new Set<string>([this.stemmer.stem(prefix)]);
    for (let i = lo; i < v.length && out.length < max; i++) {
      const w = v[i] as string;
      if (!w.startsWith(prefix)) break;
      const s = this.stemmer.stem(w);
      if (stems.has(s)) continue;
      stems.add(s);
      out.push(w);
    }
    return out;
  };

  /** Corpus stems starting with `p` (sorted, at most `max`): what FTS5 matches for a prefix query. */
  private expandPrefix = (p: string, max = MAX_PREFIX_STEMS): string[] => {
    const v = this.sortedStems;
    const lo = lowerBound(v, p);
    const out: string[] = [];
    for (let i = lo; i < v.length && out.length < max && (v[i] as string).startsWith(p); i++) out.push(v[i] as string);
    return out.length ? out : [p];
  };

  /** Upper bound of the articles a stem group matches. */
  private groupDf(g: StemGroup): number {
    let n = 0;
    for (const alt of g) {
      let m = Infinity;
      for (const s of alt) m = Math.min(m, this.df.get(s) ?? 0);
      n += m === Infinity ? 0 : m;
    }
    return n;
  }

  /**
   * The groups that fetch candidates: terms in many articles ("lync", "sign") add almost nothing to bm25 but
   * make FTS5 score much of the corpus, so they only count in the features. At least the rarest group stays.
   */
  private retrievalGroups(q: AnalysedQuery, sg: readonly StemGroup[]): { groups: TermGroup[]; share: number } {
    const limit = Math.max(COMMON_MIN_DOCS, this.articles.size * COMMON_SHARE);
    const withDf = q.groups.map((g, i) => ({ g, df: this.groupDf(sg[i] ?? []) }));
    let kept = withDf.filter((x) => x.df <= limit);
    if (kept.length === 0) kept = [...withDf].sort((x, y) => x.df - y.df).slice(0, 1);
    // How much of the query's information (idf) the bm25 of the kept groups speaks for.
    const idf = (df: number): number => Math.log(1 + (this.articles.size - df + 0.5) / (df + 0.5));
    const all = withDf.reduce((t, x) => t + idf(x.df), 0);
    const share = all > 0 ? kept.reduce((t, x) => t + idf(x.df), 0) / all : 1;
    return { groups: kept.map((x) => x.g), share };
  }

  private analyse(query: unknown): AnalysedQuery {
    return analyseQuery(query, { completions: this.completions });
  }

  private rowsForKeys(ids: readonly IdKey[]): Map<number, 'strong' | 'weak'> {
    const out = new Map<number, 'strong' | 'weak'>();
    for (const { key, strength } of ids) {
      for (const r of this.stmt.key.all(key) as Array<{ rowid: number }>) {
        if (out.get(r.rowid) !== 'strong') out.set(r.rowid, strength);
      }
    }
    return out;
  }

  private match(stmt: Statement, expr: string): Array<{ rowid: number; s: number }> {
    if (!expr) return [];
    try {
      return stmt.all(expr) as Array<{ rowid: number; s: number }>;
    } catch {
      // Our expressions are built from quoted words only; this is a last line of defence.
      return [];
    }
  }

  /**
   * Ranked articles for free text. Exact identifiers first, then bm25 over weighted columns, blended with
   * how many query terms an article has and how much of one of its symptom lines a pasted message holds.
   * Never throws: odd input gives an empty list.
   */
  search(query: unknown, limit: unknown = 10): KbHit[] {
    const n = clampLimit(limit);
    let q: AnalysedQuery;
    try {
      // A pasted log or message dump is searched by its codes and failure lines, whatever its length.
      q = this.analyse(readExcerpt(query).query);
    } catch {
      return [];
    }

    const cands = new Map<number, Candidate>();
    const exact = this.rowsForKeys(q.ids);
    // A general question ("lync won't sign in") starts at its overview article, unless it names an identifier.
    const intent = q.mode === 'short' && ![...exact.values()].includes('strong') ? generalIntent(q.groups) : undefined;
    const intentRow = intent ? this.rowidOf.get(intent.articleId) : undefined;
    // An identifier nobody has (SFB-KI-999, an unknown KB) finds nothing rather than whatever shares a word.
    if (q.idOnly && exact.size === 0) return [];
    this.stemmer.learn([...q.words, ...q.groups.flatMap((g) => g.alts.flatMap((a) => a.words))]);
    const sg = stemGroups(q.groups, this.stemFn, this.expandPrefix);
    const cov = new Map<number, number>();
    const coverageOf = (rowid: number): number => {
      let c = cov.get(rowid);
      if (c === undefined) {
        c = coverage(this.features.get(rowid) as DocFeatures, sg);
        cov.set(rowid, c);
      }
      return c;
    };
    const retrieval = this.retrievalGroups(q, sg);
    const orRows = this.match(this.stmt.or, orExpr({ ...q, groups: retrieval.groups }));
    for (const r of orRows) cands.set(r.rowid, { text: r.s, id: null });
    // The candidate list was cut: make sure articles having every term are in it (typed queries only).
    if (q.mode === 'short' && q.groups.length > 1 && orRows.length >= CANDIDATES) {
      let complete = 0;
      for (const rowid of cands.keys()) if (coverageOf(rowid) === 1) complete++;
      // Added for having every term; their bm25 (over all terms) is on another scale than the OR's, so it is not used.
      if (complete < COMPLETE_WANTED) for (const r of this.match(this.stmt.and, andExpr(q))) if (!cands.has(r.rowid)) cands.set(r.rowid, { text: 0, id: null });
    }
    if (intentRow !== undefined && !cands.has(intentRow)) cands.set(intentRow, { text: 0, id: null });
    for (const [rowid, strength] of exact) {
      const c = cands.get(rowid);
      if (c) c.id = strength;
      else cands.set(rowid, { text: 0, id: strength });
    }
    if (cands.size === 0) return [];
    let maxText = 1e-9;
    for (const c of cands.values()) if (c.text > maxText) maxText = c.text;
    const qs = queryStems(q, this.stemFn);
    const overlapWeight = q.mode === 'pasted' ? 2 : 1;
    // A bare number is the whole story when it is (nearly) all the query says; in a sentence it is one clue.
    const weakBoost = q.groups.length <= 2 ? BOOST_WEAK_ID : BOOST_WEAK_ID / 3;
    const scored: Array<{ rowid: number; score: number }> = [];
    for (const [rowid, c] of cands) {
      const f = this.features.get(rowid) as DocFeatures;
      // A background (topic) article ranks after an article about the issue itself when both fit as well.
      const topic = (this.articles.get(rowid) as Article).research.length === 0 ? TOPIC_PENALTY : 0;
      const covered = coverageOf(rowid);
      const overlap = lineOverlap(f, qs);
      // Quoting a line word for word implies full coverage or a high line overlap: only then is it checked.
      const quoted = covered === 1 || overlap >= 0.5 ? verbatim(f, q) : 0;
      const score = (retrieval.share * c.text) / maxText + covered + TITLE_WEIGHT * titleCoverage(f, sg)
        + overlapWeight * overlap + VERBATIM_WEIGHT * quoted - topic + (c.id === 'strong' ? BOOST_STRONG_ID : c.id === 'weak' ? weakBoost : 0)
        + (rowid === intentRow ? GENERAL_INTENT_BOOST : 0);
      scored.push({ rowid, score });
    }
    scored.sort((x, y) => y.score - x.score || x.rowid - y.rowid);
    const terms = highlightTerms(sg, this.stopStems);
    return scored.slice(0, n).map(({ rowid, score }) => {
      const a = this.articles.get(rowid) as Article;
      return { articleId: a.id, research: [...a.research], title: a.title, score: round(score), snippet: this.snippet(rowid, a, terms) };
    });
  }

  /** The passage with the most query terms, highlighted; the first symptom when nothing matches as text. */
  private snippet(rowid: number, a: Article, terms: HighlightTerms): string {
    const f = this.features.get(rowid) as DocFeatures;
    const sn = bestSnippet(f.passages, terms, this.stemFn, SNIPPET_TOKENS);
    const context = shorten(a.symptoms[0] ?? a.fixSummary, 120);
    if (!sn) return context;
    // A bare identifier line ("«KB2664650»") says little on its own: add what the user would see.
    return sn.replace(/[«»]/g, '').length < 30 ? `${sn} — ${context}` : sn;
  }

  /** Ranked ms-diagnostics codes: an exact code first (unknown explicit codes say "not documented"), then text. */
  searchMsDiagnostics(query: unknown, limit: unknown = 10): MsDiagHit[] {
    const n = clampLimit(limit);
    let q: AnalysedQuery;
    try {
      q = this.analyse(readExcerpt(query).query);
    } catch {
      return [];
    }
    const hits = new Map<number, MsDiagHit>();
    // Words every entry has say nothing about which code is meant.
    const groups = q.groups.filter((g) => !g.alts.every((a) => a.words.every((w) => MS_GENERIC.has(w))));
    const expr = orExpr({ ...q, groups });
    for (const k of q.ids) {
      if (!k.key.startsWith('msdiag:')) continue;
      const code = Number(k.key.slice('msdiag:'.length));
      const e = this.codes.get(code);
      // A bare number inside a sentence is not taken for a code; typed alone (or nearly), it is.
      if (k.strength === 'weak' && q.groups.length > 2) continue;
      if (e) {
        let sn = '';
        try {
          sn = (this.stmt.msSnippet.get(expr, BigInt(code)) as { sn: string } | undefined)?.sn ?? '';
        } catch {
          sn = '';
        }
        hits.set(code, { ...this.msHit(e, BOOST_STRONG_ID), snippet: sn.includes('«') ? sn : `ms-diagnostics «${code}»: ${e.reason ?? e.meaning}` });
      } else if (k.strength === 'strong') {
        hits.set(code, { ...this.msHit(undocumentedCode(code), BOOST_STRONG_ID), documented: false });
      }
    }
    if (expr && !q.idOnly) {
      let rows: Array<{ code: number; s: number; sn: string }> = [];
      try {
        rows = this.stmt.msOr.all(expr, n) as typeof rows;
      } catch {
        rows = [];
      }
      const max = Math.max(...rows.map((r) => r.s), 1e-9);
      const sg = stemGroups(groups, this.stemFn, this.expandPrefix);
      for (const r of rows) {
        const e = this.codes.get(r.code);
        const terms = this.codeTerms.get(r.code);
        // A code shows up for text only when it has at least half of what was asked.
        if (!e || hits.has(r.code) || !terms || coverage({ terms } as DocFeatures, sg) < 0.5) continue;
        hits.set(r.code, { ...this.msHit(e, r.s / max), snippet: r.sn.replace(/\s+/g, ' ').trim() });
      }
    }
    return [...hits.values()].sort((a, b) => b.score - a.score || a.code - b.code).slice(0, n);
  }

  /**
   * The code cards for searched text: every code it names in an ms-diagnostics / ms-client-diagnostics form
   * (telling ones first, the routine 1033 of a first 401 last), or the number itself when that is all it is
   * and the table has it. Unknown codes named as such get a "not documented" card. Never throws.
   */
  codesIn(text: unknown, limit = 8): KbCodeCard[] {
    let codes: ReadonlyArray<{ code: number; form?: ExcerptCode['form']; raw?: string }>;
    try {
      const t = typeof text === 'string' ? text : typeof text === 'number' ? String(text) : '';
      const bare = /^\s*(\d{1,7})\s*$/.exec(t.length < 64 ? t : '')?.[1];
      codes = bare !== undefined ? (this.codes.has(Number(bare)) ? [{ code: Number(bare) }] : []) : readExcerpt(t).codes;
    } catch {
      return [];
    }
    return codes.slice(0, Math.max(0, limit)).map(({ code, form, raw }) => {
      const row = this.codes.get(code);
      // A row explains its number only in its own family: client codes and server ids are separate numberings.
      const entry = row && (form === undefined || /^ms-client/i.test(row.header) === (form === 'ms-client-diagnostics')) ? row : undefined;
      const card: KbCodeCard = { code, documented: entry !== undefined && isDocumented(entry), entry: entry ?? undocumentedCode(code) };
      return form === undefined ? card : { ...card, form, raw };
    });
  }

  private msHit(e: MsDiagRecord, score: number): MsDiagHit {
    return { code: e.code, reason: e.reason, meaning: e.meaning, articleId: e.articleId, documented: isDocumented(e), evidence: e.evidence, score: round(score), snippet: shorten(`ms-diagnostics ${e.code}: ${e.reason ?? e.meaning}`) };
  }

  /** One article by id. */
  article(id: string): Article | null {
    const r = this.rowidOf.get(id);
    return r === undefined ? null : (this.articles.get(r) ?? null);
  }

  /** One ms-diagnostics entry by code; unknown codes get a "not documented" entry. */
  msDiagnostic(code: number): MsDiagRecord {
    return this.codes.get(code) ?? undocumentedCode(code);
  }

  /** Whether the table has the code (as opposed to a "not documented" stand-in). */
  hasCode(code: number): boolean {
    return this.codes.has(code);
  }

  /** Whether the table explains the code: it has a row and that row is not a "gap" (nothing found) row. */
  explainsCode(code: number): boolean {
    const e = this.codes.get(code);
    return e !== undefined && isDocumented(e);
  }

  /**
   * Resolves what a technician copies from a finding or a log: an article id, SFB-KI-NNN, KB number,
   * `ms-diagnostics 1033` / `1033`, an HRESULT or an error number.
   */
  resolve(idOrCode: unknown): Resolved {
    const text = (typeof idOrCode === 'string' ? idOrCode : String(idOrCode ?? '')).trim().slice(0, 200);
    const none: Resolved = { article: null, msDiagnostics: null, alsoMatches: [] };
    if (!text) return none;
    const direct = this.article(text.toLowerCase());
    if (direct) return { article: direct, msDiagnostics: null, alsoMatches: [] };
    const code = /^(?:x-)?(?:ms-?diagnostics?(?:-public)?\s*[:#=-]?\s*)(\d{1,7})$/i.exec(text)?.[1] ?? /^(\d{1,7})$/.exec(text)?.[1];
    const explicit = /^(?:x-)?ms-?diag/i.test(text);
    const fromKeys = (keys: string[]): number[] => {
      const rows = new Set<number>();
      for (const k of keys) for (const r of this.stmt.key.all(k) as Array<{ rowid: number }>) rows.add(r.rowid);
      // The article about an issue first, background (topic) articles after.
      const topic = (r: number): number => ((this.articles.get(r) as Article).research.length === 0 ? 1 : 0);
      return [...rows].sort((a, b) => topic(a) - topic(b) || a - b);
    };
    const pick = (rows: number[], ms: MsDiagRecord | null): Resolved => {
      const arts = rows.map((r) => this.articles.get(r) as Article);
      return { article: arts[0] ?? null, msDiagnostics: ms, alsoMatches: arts.slice(1).map((a) => a.id) };
    };
    if (code !== undefined) {
      const c = Number(code);
      const entry = this.codes.get(c);
      if (entry) {
        const linked = entry.articleId ? this.article(entry.articleId) : null;
        return { article: linked, msDiagnostics: entry, alsoMatches: [] };
      }
      if (!explicit) {
        const rows = fromKeys(code.length >= 6 ? [`kb${code}`, code] : [code]);
        if (rows.length) return pick(rows, null);
      }
      return { article: null, msDiagnostics: undocumentedCode(c), alsoMatches: [] };
    }
    const keys = words(text).length === 0 ? [] : [text.toLowerCase().replace(/^kb\s*/, 'kb'), ...this.analyse(text).ids.filter((k) => k.strength === 'strong').map((k) => k.key)];
    const rows = fromKeys(keys);
    return rows.length ? pick(rows, null) : none;
  }

  close(): void {
    this.db.close();
  }
}
