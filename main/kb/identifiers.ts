/**
 * Exact identifiers (KB numbers, SFB-KI ids, HRESULTs, ms-diagnostics codes, error numbers, article ids):
 * normalised keys so `KB2664650`, `kb 2664650` and `2664650` meet the same row, matched before any ranking.
 */
import type { Article } from '../model/article';
import type { MsDiagnosticsEntry } from '../model/api';

/** How sure a match is: `strong` ids name one thing; `weak` bare numbers may be incidental. */
export type IdStrength = 'strong' | 'weak';

/** A normalised identifier key and how sure a match on it is. */
export interface IdKey {
  readonly key: string;
  readonly strength: IdStrength;
}

const KB = /\bkb\s?-?(\d{6,7})\b/gi;
const RESEARCH = /\bsfb-?ki-?(\d{1,3})\b/gi;
const HRESULT = /\b0x([0-9a-f]{8})\b/gi;
const MSDIAG = /\b(?:x-)?ms-?(?:client-)?diagnostics?(?:-public)?\s*[:#=-]?\s*(\d{1,7})\b/gi;
const SYMBOL = /\b[a-z][a-z0-9]*(?:_[a-z0-9]+){2,}\b/gi;
const NUMBER = /(?<![\w.-])(\d{3,7})(?![\w.])/g;
const KEBAB = /\b[a-z0-9]+(?:-[a-z0-9]+)+\b/gi;

/** Key for an ms-diagnostics code (kept apart from plain numbers). */
export function msDiagKey(code: number): string {
  return `msdiag:${code}`;
}

/** Key for an article id. */
export function articleKey(id: string): string {
  return `id:${id.toLowerCase()}`;
}

function all(re: RegExp, text: string): RegExpMatchArray[] {
  return [...text.matchAll(re)];
}

/** Every identifier key found in free text (a query, an error line, a pasted header). */
export function keysInText(text: string): IdKey[] {
  const out = new Map<string, IdStrength>();
  const add = (key: string, strength: IdStrength): void => {
    if (out.get(key) !== 'strong') out.set(key, strength);
  };
  const t = text.slice(0, 20_000);
  for (const m of all(KB, t)) add(`kb${m[1]}`, 'strong');
  for (const m of all(RESEARCH, t)) add(`sfb-ki-${(m[1] as string).padStart(3, '0')}`, 'strong');
  for (const m of all(HRESULT, t)) add(`0x${(m[1] as string).toLowerCase()}`, 'strong');
  for (const m of all(MSDIAG, t)) add(msDiagKey(Number(m[1])), 'strong');
  for (const m of all(SYMBOL, t)) add(m[0].toLowerCase(), 'strong');
  for (const m of all(NUMBER, t)) {
    const n = m[1] as string;
    // 6-7 digits are KB numbers in this field; shorter numbers are error codes or ms-diagnostics codes.
    if (n.length >= 6) add(`kb${n}`, 'strong');
    add(n, n.length >= 6 ? 'strong' : 'weak');
    add(msDiagKey(Number(n)), n.length >= 6 ? 'strong' : 'weak');
  }
  for (const m of all(KEBAB, t)) add(articleKey(m[0]), 'strong');
  return [...out].map(([key, strength]) => ({ key, strength }));
}

/** The keys an article answers to: its id, KB numbers, research ids, and the identifiers in its errors. */
export function articleKeys(a: Article): string[] {
  const keys = new Set<string>([articleKey(a.id)]);
  for (const kb of a.kb) {
    const d = kb.replace(/\D/g, '');
    keys.add(`kb${d}`);
    keys.add(d);
  }
  for (const r of a.research) keys.add(r.toLowerCase());
  for (const e of a.errors) {
    // Error strings are codes: their bare numbers count, but a number is not an ms-diagnostics code unless it says so.
    for (const k of keysInText(e)) if (!k.key.startsWith('id:') && !(k.key.startsWith('msdiag:') && k.strength === 'weak')) keys.add(k.key);
  }
  return [...keys];
}

/** The keys an ms-diagnostics entry adds to its article. */
export function msDiagArticleKeys(e: MsDiagnosticsEntry): string[] {
  return [msDiagKey(e.code), String(e.code)];
}
