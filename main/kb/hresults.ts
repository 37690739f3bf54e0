/** Loads and validates knowledge/hresults.json: what an HRESULT met in a log means, with its source and evidence. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CodeEvidence, KbHresult } from '../model/api';
import type { ArticleProblem } from './articles';
import { CODE_EVIDENCE } from './ms-diagnostics';

/** One HRESULT: its constant name, meaning in our words, what to do, how it is known, where from (the API's KbHresult). */
export type HresultEntry = KbHresult;

/** The valid entries (by HRESULT) and every problem found. */
export interface LoadedHresults {
  readonly entries: ReadonlyMap<string, HresultEntry>;
  readonly problems: readonly ArticleProblem[];
}

/** Default file: knowledge/hresults.json beside the project root. */
export const DEFAULT_HRESULTS_FILE = join(__dirname, '..', '..', 'knowledge', 'hresults.json');

const HEX = /^0x[0-9A-F]{8}$/;
const NAME = /^(?:[A-Z][A-Z0-9]*_[A-Z0-9_]+|HRESULT_FROM_WIN32\([A-Z][A-Z0-9_]+\))$/;

/** "0x80090322" for any spelling of an 8-digit HRESULT ("80090322", "0x80090322L"), else null. */
export function hresultKey(text: string): string | null {
  const m = /^(?:0x)?([0-9a-f]{8})L?$/i.exec(text.trim());
  return m ? `0x${(m[1] as string).toUpperCase()}` : null;
}

/** Parses the table's text; problems (with line numbers) are collected, never thrown. */
export function parseHresults(file: string, text: string): LoadedHresults {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { entries: new Map(), problems: [{ file, line: 1, message: `invalid JSON: ${(e as Error).message}` }] };
  }
  if (!Array.isArray(data)) return { entries: new Map(), problems: [{ file, line: 1, message: 'the table must be a JSON array of entries' }] };
  const lines = text.split('\n');
  const entries = new Map<string, HresultEntry>();
  const problems: ArticleProblem[] = [];
  data.forEach((raw: unknown, i) => {
    const o = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
    const at = lines.findIndex((l) => typeof o.hresult === 'string' && l.includes(`"${o.hresult}"`));
    const line = at >= 0 ? at + 1 : 1;
    const before = problems.length;
    const bad = (message: string): void => void problems.push({ file, line, message: `entry ${i} (${String(o.hresult)}): ${message}` });
    if (typeof o.hresult !== 'string' || !HEX.test(o.hresult)) bad('"hresult" must be "0x" and 8 upper-case hex digits');
    if (typeof o.name !== 'string' || !NAME.test(o.name)) bad('"name" must be the constant name (e.g. SEC_E_WRONG_PRINCIPAL)');
    for (const k of ['meaning', 'likelyFix'] as const) if (typeof o[k] !== 'string' || !(o[k] as string).trim()) bad(`missing required field "${k}"`);
    if (!CODE_EVIDENCE.includes(o.evidence as CodeEvidence)) bad(`"evidence" must be one of ${CODE_EVIDENCE.join(', ')}`);
    if (o.articleId != null && (typeof o.articleId !== 'string' || !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(o.articleId))) bad('"articleId" must be an article id or null');
    const sources = Array.isArray(o.sources) && o.sources.every((s) => typeof s === 'string' && s.trim()) ? (o.sources as string[]) : null;
    if (!sources || sources.length === 0) bad('"sources" must list at least one source');
    if (typeof o.hresult === 'string' && entries.has(o.hresult)) bad('duplicate HRESULT');
    if (problems.length > before) return;
    entries.set(o.hresult as string, {
      hresult: o.hresult as string,
      name: o.name as string,
      meaning: (o.meaning as string).trim(),
      likelyFix: (o.likelyFix as string).trim(),
      evidence: o.evidence as CodeEvidence,
      articleId: (o.articleId as string | null | undefined) ?? null,
      sources: sources ?? [],
    });
  });
  return { entries, problems };
}

const cache = new Map<string, LoadedHresults>();

/** Reads the table once per path; a missing file is a problem, not a crash. */
export function loadHresults(file = DEFAULT_HRESULTS_FILE): LoadedHresults {
  const hit = cache.get(file);
  if (hit) return hit;
  let loaded: LoadedHresults;
  try {
    loaded = parseHresults(file, readFileSync(file, 'utf8'));
  } catch (e) {
    loaded = { entries: new Map(), problems: [{ file, line: 0, message: `cannot read the HRESULT table: ${(e as Error).message}` }] };
  }
  cache.set(file, loaded);
  return loaded;
}

/** The HRESULT entry `what` names: a hex value in any spelling, or its constant name (`key` is set for any hex value, known or not). */
export function findHresult(what: string, table: ReadonlyMap<string, HresultEntry>): { key: string | null; entry: HresultEntry | null } {
  const key = hresultKey(what);
  if (key) return { key, entry: table.get(key) ?? null };
  const name = what.trim().toUpperCase();
  if (!/^[A-Z][A-Z0-9_()]{3,80}$/.test(name)) return { key: null, entry: null };
  for (const e of table.values()) if (e.name === name) return { key: e.hresult, entry: e };
  return { key: null, entry: null };
}

/** The HRESULTs of a pasted text (log line, error message) that the table explains, in order, once each (at most 10, first 20 000 characters). */
export function hresultsInText(text: string, table: ReadonlyMap<string, HresultEntry>): HresultEntry[] {
  const out = new Map<string, HresultEntry>();
  for (const m of text.slice(0, 20_000).matchAll(/\b0x([0-9a-f]{8})\b/gi)) {
    const e = table.get(`0x${(m[1] as string).toUpperCase()}`);
    if (e && out.size < 10) out.set(e.hresult, e);
  }
  return [...out.values()];
}
