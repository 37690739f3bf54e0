/**
 * Turns what a helpdesk person typed (or pasted) into safe FTS5 expressions. User text never reaches
 * MATCH as syntax: it is cut into words, every word is quoted, and the operators are ours.
 */
import { keysInText, type IdKey } from './identifiers';
import { synonymIndex, type SynonymGroup } from './synonyms';
import { STOPWORDS, words } from './text';

/** One way to say a term: a word or a phrase; `prefix` also matches longer words (FTS `"w"*`). */
export interface Alternative {
  readonly words: readonly string[];
  readonly prefix?: boolean;
}

/** A query term with its synonyms: a document has the term when it has any alternative. */
export interface TermGroup {
  readonly alts: readonly Alternative[];
}

/** A query cut into groups, identifiers and a mode. */
export interface AnalysedQuery {
  readonly groups: readonly TermGroup[];
  /** Every non-stopword of the query (for the symptom-overlap feature). */
  readonly words: readonly string[];
  readonly ids: readonly IdKey[];
  /** All words of the query, space-separated with a space at both ends (for verbatim line matching). */
  readonly phrase: string;
  /** The query is nothing but identifiers (KB, SFB-KI, HRESULT, ms-diagnostics): no text fallback. */
  readonly idOnly: boolean;
  /** `short`: typed keywords (AND first, prefix on the last word); `pasted`: an error message or log line. */
  readonly mode: 'short' | 'pasted';
}

/** Inputs longer than this are cut (a pasted log page says nothing more after the first lines). */
export const MAX_QUERY_CHARS = 4000;
const MAX_WORDS = 400;
const MAX_GROUPS = 48;
/** Longer "words" are noise (base64, hex dumps) that no article contains. */
const MAX_WORD_CHARS = 64;
/** Identifier spellings that name one thing (see identifiers.ts). */
const STRONG_ID_TEXT = /\bkb\s?-?\d{6,7}\b|\bsfb-?ki-?\d{1,3}\b|\b0x[0-9a-f]{8}\b|\b(?:x-)?ms-?diagnostics?(?:-public)?\s*[:#=-]?\s*\d{1,7}\b/gi;
/** More groups than this and the text is treated as pasted, not typed. */
export const PASTED_GROUPS = 8;

const DEFAULT_SYNONYMS = synonymIndex();

/** Corpus-dependent help for the analysis (synonym table, completions). */
export interface QueryOptions {
  readonly synonyms?: ReturnType<typeof synonymIndex>;
  /** Known corpus words starting with a prefix (for the word being typed). */
  readonly completions?: (prefix: string) => readonly string[];
}

function quote(w: string): string {
  return `"${w.replace(/"/g, '""')}"`;
}

/** FTS5 text of one alternative. */
export function altExpr(a: Alternative): string {
  return `${quote(a.words.join(' '))}${a.prefix ? '*' : ''}`;
}

/** FTS5 text of one group: `("a" OR "b c")`. */
export function groupExpr(g: TermGroup): string {
  return g.alts.length === 1 ? altExpr(g.alts[0] as Alternative) : `(${g.alts.map(altExpr).join(' OR ')})`;
}

/** Any group matches (for candidates and snippets). Empty string when there is nothing to match. */
export function orExpr(q: AnalysedQuery): string {
  return q.groups.map(groupExpr).join(' OR ');
}

/** Every group matches. */
export function andExpr(q: AnalysedQuery): string {
  return q.groups.map(groupExpr).join(' AND ');
}

function groupKey(g: TermGroup): string {
  return g.alts.map((a) => `${a.words.join(' ')}${a.prefix ? '*' : ''}`).sort().join('|');
}

function isStop(g: TermGroup): boolean {
  return g.alts.every((a) => a.words.every((w) => STOPWORDS.has(w)));
}

/** Cuts the input into term groups (synonyms joined), identifiers and a mode; never throws. */
export function analyseQuery(input: unknown, opts: QueryOptions = {}): AnalysedQuery {
  const text = (typeof input === 'string' ? input : typeof input === 'number' ? String(input) : '').slice(0, MAX_QUERY_CHARS);
  const syn = opts.synonyms ?? DEFAULT_SYNONYMS;
  const tokens = words(text).filter((w) => w.length <= MAX_WORD_CHARS).slice(0, MAX_WORDS);
  let groups: TermGroup[] = [];
  for (let i = 0; i < tokens.length; ) {
    const candidates = syn.get(tokens[i] as string) ?? [];
    const hit = candidates.find((c) => c.phrase.every((w, j) => tokens[i + j] === w));
    if (hit) {
      groups.push({ alts: (hit.group as SynonymGroup).map((p) => ({ words: p })) });
      i += hit.phrase.length;
    } else {
      const t = tokens[i] as string;
      // "ios9", "win7", "lync2013": also the spaced form the articles use.
      const glued = /^([a-z]{2,})(\d{1,4})$/.exec(t);
      groups.push({ alts: glued ? [{ words: [t] }, { words: [glued[1] as string, glued[2] as string] }] : [{ words: [t] }] });
      i += 1;
    }
  }
  const content = groups.filter((g) => !isStop(g));
  if (content.length > 0) groups = content;
  const seen = new Set<string>();
  groups = groups.filter((g) => {
    const k = groupKey(g);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  }).slice(0, MAX_GROUPS);
  const mode = groups.length > PASTED_GROUPS ? 'pasted' : 'short';
  const last = groups[groups.length - 1];
  const lastWord = last?.alts.length === 1 && last.alts[0]?.words.length === 1 ? (last.alts[0].words[0] as string) : undefined;
  // The word being typed: complete it, unless the user already finished it with a space.
  if (mode === 'short' && last && lastWord && lastWord.length >= 2 && !/^\d+$/.test(lastWord) && !/\s$/.test(text)) {
    const more = (opts.completions?.(lastWord) ?? []).filter((w) => w !== lastWord).map((w) => ({ words: [w] }));
    groups[groups.length - 1] = { alts: [{ words: [lastWord] }, { words: [lastWord], prefix: true }, ...more] };
  }
  const allWords = [...new Set(tokens.filter((w) => !STOPWORDS.has(w)))];
  const ids = keysInText(text);
  const idOnly = tokens.length > 0 && words(text.replace(STRONG_ID_TEXT, ' ')).length === 0;
  return { groups, words: allWords, phrase: ` ${tokens.join(' ')} `, ids, idOnly, mode };
}
