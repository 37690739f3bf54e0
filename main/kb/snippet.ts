/**
 * Snippets with the match highlighted («»): the passage of an article (title, a symptom, an error line or a
 * sentence of the text) holding the most query terms, cut to a short window. Uses the index's stems, so
 * `certificates` highlights `certificate`. Computed from pre-split passages: no re-tokenising of whole articles.
 */
import { fold } from './text';

/** Word → stem, as the index stems it. */
export type Stem = (word: string) => string;

/** Which part of an article a passage comes from. */
export type PassageField = 'title' | 'symptoms' | 'errors' | 'body';

/** One passage with its stems in order (stopwords included; matching decides). */
export interface Passage {
  readonly field: PassageField;
  readonly text: string;
  readonly stems: readonly string[];
}

/** The stems to highlight (a typed prefix already expanded to the stems it covers). */
export type HighlightTerms = ReadonlySet<string>;

const TOKEN = /[\p{L}\p{N}]+/gu;
/** Passages a reader sees first get a small edge on ties. */
const FIELD_BONUS: Record<PassageField, number> = { title: 0.3, symptoms: 0.5, errors: 0.2, body: 0 };

/** Cuts an article's fields into passages (lines; long lines into sentences). */
export function passages(fields: ReadonlyArray<{ field: PassageField; text: string }>, stem: Stem): Passage[] {
  const out: Passage[] = [];
  for (const { field, text } of fields) {
    for (const line of text.split(/\n+/)) {
      const parts = line.length > 300 ? line.split(/(?<=[.!?;])\s+/) : [line];
      for (const p of parts) {
        const t = p.trim();
        if (!t) continue;
        const stems = (t.match(TOKEN) ?? []).map((w) => stem(fold(w)));
        if (stems.length) out.push({ field, text: t, stems });
      }
    }
  }
  return out;
}

/** The best passage's window with matches wrapped in «»; '' when no passage has a match. */
export function bestSnippet(ps: readonly Passage[], terms: HighlightTerms, stem: Stem, maxTokens = 18): string {
  let best: Passage | undefined;
  let bestScore = 0;
  const seen = new Set<string>();
  // A title/symptom/error line with two query terms (or all of a one-term query) is what a reader wants
  // to see: the long body is only searched when those lines do not have that much.
  const enough = Math.min(2, terms.size);
  for (const p of ps) {
    if (p.field === 'body' && bestScore >= enough) break;
    seen.clear();
    for (const s of p.stems) if (terms.has(s)) seen.add(s);
    if (seen.size === 0) continue;
    const score = seen.size + FIELD_BONUS[p.field];
    if (score > bestScore) {
      bestScore = score;
      best = p;
    }
  }
  if (!best) return '';
  const toks = [...best.text.matchAll(TOKEN)].map((m) => ({ start: m.index as number, end: (m.index as number) + m[0].length, hit: terms.has(stem(fold(m[0]))) }));
  let from = 0;
  if (toks.length > maxTokens) {
    let bestHits = -1;
    for (let i = 0; i + maxTokens <= toks.length; i++) {
      let h = 0;
      for (let j = i; j < i + maxTokens; j++) if (toks[j]?.hit) h++;
      if (h > bestHits) {
        bestHits = h;
        from = i;
      }
    }
    // Start a little before the first hit so the reader gets context.
    const firstHit = toks.findIndex((t, k) => k >= from && t.hit);
    from = Math.max(0, Math.min(from, firstHit - 2));
  }
  const to = Math.min(toks.length, from + maxTokens);
  const startChar = from === 0 ? 0 : (toks[from]?.start ?? 0);
  const endChar = to >= toks.length ? best.text.length : (toks[to - 1]?.end ?? best.text.length);
  let out = '';
  let at = startChar;
  for (let i = from; i < to; i++) {
    const t = toks[i];
    if (!t?.hit) continue;
    out += `${best.text.slice(at, t.start)}«${best.text.slice(t.start, t.end)}»`;
    at = t.end;
  }
  out += best.text.slice(at, endChar);
  return `${from > 0 ? '…' : ''}${out.replace(/\s+/g, ' ').trim()}${to < toks.length ? '…' : ''}`;
}
