/**
 * Ranking features computed beside FTS5: which query terms a document has (coverage) and how much of
 * one of its symptom/error lines a pasted message contains (overlap). Both use the index's own stems.
 */
import type { Article } from '../model/article';
import type { AnalysedQuery, TermGroup } from './query';
import { passages, type HighlightTerms, type Passage, type Stem } from './snippet';
import { STOPWORDS, stripMarkdown, words } from './text';

export type { Stem };

/** What ranking and snippets need of one article, precomputed at build. */
export interface DocFeatures {
  /** Every stem in the indexed text. */
  readonly terms: ReadonlySet<string>;
  /** Stems of the title (what the article is about). */
  readonly title: ReadonlySet<string>;
  /** Stems (no stopwords) of the title, each symptom and each error string. */
  readonly lines: readonly ReadonlySet<string>[];
  /** Title, symptom and error lines of at least MIN_VERBATIM_WORDS words, as ` word word … ` (verbatim matching). */
  readonly phrases: readonly string[];
  /** The text cut into passages, for snippets. */
  readonly passages: readonly Passage[];
}

/** The indexed text of an article, by FTS column. */
export interface IndexedText {
  readonly title: string;
  readonly symptoms: string;
  readonly errors: string;
  readonly body: string;
}

/** Builds the four FTS columns of an article; `extraErrors` are ms-diagnostics lines that point to it. */
export function indexedText(a: Article, extraErrors: readonly string[] = []): IndexedText {
  const kbDigits = a.kb.map((k) => k.replace(/\D/g, ''));
  const fix = a.fix.map((s) => `${s.step}${s.command ? `\n${s.command}` : ''}`).join('\n');
  return {
    title: a.title,
    symptoms: a.symptoms.join('\n'),
    errors: [a.id, ...a.errors, ...a.kb, ...kbDigits, ...a.research, ...extraErrors].join('\n'),
    body: [a.cause, a.fixSummary, ...a.signals.local, ...a.signals.mobile, ...a.signals.server, fix, a.products.join(', '), a.versions.join(', '), a.category, stripMarkdown(a.body)].join('\n'),
  };
}

/** Every distinct word of an article's indexed text (to teach the stemmer in one batch). */
export function textWords(t: IndexedText): string[] {
  return words(`${t.title}\n${t.symptoms}\n${t.errors}\n${t.body}`);
}

function stems(text: string, stem: Stem, dropStop: boolean): Set<string> {
  return new Set(words(text).filter((w) => !dropStop || !STOPWORDS.has(w)).map(stem));
}

/** The features of one article from its indexed text. */
export function docFeatures(a: Article, t: IndexedText, stem: Stem): DocFeatures {
  const lines = [a.title, ...a.symptoms, ...a.errors].map((l) => stems(l, stem, true)).filter((s) => s.size > 0);
  const ps = passages([{ field: 'title', text: t.title }, { field: 'symptoms', text: t.symptoms }, { field: 'errors', text: t.errors }, { field: 'body', text: t.body }], stem);
  const terms = new Set<string>();
  for (const p of ps) for (const x of p.stems) terms.add(x);
  const phrases = [a.title, ...a.symptoms, ...a.errors].map((l) => words(l)).filter((w) => w.length >= MIN_VERBATIM_WORDS).map((w) => ` ${w.join(' ')} `);
  return { terms, title: stems(a.title, stem, false), lines, phrases, passages: ps };
}

/**
 * A query term group in stems: alternatives, each a list of stems that must all be present (a phrase is
 * approximated by its words). A typed prefix is already expanded to the corpus stems it covers.
 */
export type StemGroup = readonly (readonly string[])[];

/** Resolves the groups of a query to stems; `expandPrefix` lists corpus stems starting with a stem. */
export function stemGroups(groups: readonly TermGroup[], stem: Stem, expandPrefix: (p: string) => readonly string[]): StemGroup[] {
  return groups.map((g) => {
    const alts: string[][] = [];
    for (const a of g.alts) {
      if (a.prefix) for (const s of expandPrefix(stem(a.words[0] ?? ''))) alts.push([s]);
      else alts.push(a.words.map(stem));
    }
    return alts;
  });
}

function share(terms: ReadonlySet<string>, groups: readonly StemGroup[]): number {
  if (groups.length === 0) return 0;
  let n = 0;
  for (const g of groups) {
    for (const alt of g) {
      let all = true;
      for (const s of alt) if (!terms.has(s)) { all = false; break; }
      if (all) { n++; break; }
    }
  }
  return n / groups.length;
}

/** Share of the query's term groups the document has anywhere (0..1). */
export function coverage(d: DocFeatures, groups: readonly StemGroup[]): number {
  return share(d.terms, groups);
}

/** Share of the query's term groups in the title (0..1): an article about the thing beats one that mentions it. */
export function titleCoverage(d: DocFeatures, groups: readonly StemGroup[]): number {
  return share(d.title, groups);
}

/**
 * How completely one symptom/error line of the document appears in the query (0..1): a whole error
 * message pasted in scores near 1 on its own line; a short line needs several shared words to count.
 */
export function lineOverlap(d: DocFeatures, queryStems: ReadonlySet<string>): number {
  let best = 0;
  for (const line of d.lines) {
    let m = 0;
    for (const s of line) if (queryStems.has(s)) m++;
    if (m === 0) continue;
    const score = (m / line.size) * (m / (m + 2));
    if (score > best) best = score;
  }
  return best;
}

/** Shortest line (in words) that counts as quoted verbatim. */
export const MIN_VERBATIM_WORDS = 3;

/**
 * 1 when the query quotes one of the article's title/symptom/error lines word for word (or is itself a
 * fragment of one, at least MIN_VERBATIM_WORDS long): the strongest sign that a pasted message is this one.
 */
export function verbatim(d: DocFeatures, q: AnalysedQuery): number {
  const qWords = q.phrase.split(' ').length - 2;
  for (const p of d.phrases) {
    if (q.phrase.includes(p)) return 1;
    if (qWords >= MIN_VERBATIM_WORDS && p.includes(q.phrase)) return 1;
  }
  return 0;
}

/** Stems of the query's content words. */
export function queryStems(q: AnalysedQuery, stem: Stem): Set<string> {
  return new Set(q.words.map(stem));
}

/** What a snippet highlights: every alternative's stems (stopwords only when they are the whole query). */
export function highlightTerms(groups: readonly StemGroup[], stopStems: ReadonlySet<string>): HighlightTerms {
  const out = new Set<string>();
  for (const g of groups) for (const alt of g) for (const s of alt) if (!stopStems.has(s) || groups.length === 1) out.add(s);
  return out;
}
