/** Loads and validates knowledge/ms-diagnostics.json: the table of ms-diagnostics codes, one entry per code. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MsDiagnosticsEntry } from '../model/api';
import type { ArticleProblem } from './articles';

/** An entry with the extra `context` text the table carries (where the code shows up). */
export interface MsDiagRecord extends MsDiagnosticsEntry {
  readonly context: string;
}

/** The valid entries and every problem found. */
export interface LoadedMsDiagnostics {
  readonly entries: readonly MsDiagRecord[];
  readonly problems: readonly ArticleProblem[];
}

/** Default file: knowledge/ms-diagnostics.json beside the project root. */
export const DEFAULT_MS_DIAGNOSTICS_FILE = join(__dirname, '..', '..', 'knowledge', 'ms-diagnostics.json');

/** 1-based line of the n-th top-level entry's `"code"` in the JSON text (1 when not found). */
function entryLine(text: string, index: number, code: unknown): number {
  const lines = text.split('\n');
  const want = new RegExp(`"code"\\s*:\\s*${typeof code === 'number' ? code : JSON.stringify(code ?? '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`);
  const byCode = lines.findIndex((l) => want.test(l));
  if (byCode >= 0) return byCode + 1;
  let seen = -1;
  for (let i = 0; i < lines.length; i++) if (/"code"\s*:/.test(lines[i] as string) && ++seen === index) return i + 1;
  return 1;
}

function strList(v: unknown): string[] | null {
  return Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : null;
}

/** Parses the table's text; problems (with line numbers) are collected, never thrown. */
export function parseMsDiagnostics(file: string, text: string): LoadedMsDiagnostics {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    const m = /position (\d+)/.exec((e as Error).message);
    const line = m ? text.slice(0, Number(m[1])).split('\n').length : 1;
    return { entries: [], problems: [{ file, line, message: `invalid JSON: ${(e as Error).message}` }] };
  }
  if (!Array.isArray(data)) return { entries: [], problems: [{ file, line: 1, message: 'the table must be a JSON array of entries' }] };
  const entries: MsDiagRecord[] = [];
  const problems: ArticleProblem[] = [];
  const codes = new Map<number, number>();
  data.forEach((raw: unknown, i) => {
    const o = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
    const line = entryLine(text, i, o.code);
    const bad = (message: string): void => void problems.push({ file, line, message: `entry ${i} (code ${String(o.code)}): ${message}` });
    const before = problems.length;
    if (typeof o.code !== 'number' || !Number.isInteger(o.code) || o.code < 0) bad('"code" must be a non-negative integer');
    for (const k of ['header', 'meaning', 'likelyFix'] as const) if (typeof o[k] !== 'string' || !(o[k] as string).trim()) bad(`missing required field "${k}"`);
    if (o.reason !== null && typeof o.reason !== 'string') bad('"reason" must be a string or null');
    if (o.context != null && typeof o.context !== 'string') bad('"context" must be a string');
    if (typeof o.verified !== 'boolean') bad('"verified" must be true or false');
    const sources = strList(o.sources);
    if (!sources || sources.length === 0) bad('"sources" must list at least one source');
    const research = strList(o.research ?? []);
    if (!research) bad('"research" must be a list of SFB-KI ids');
    for (const r of research ?? []) if (!/^SFB-KI-\d{3}$/.test(r)) bad(`research id "${r}" is not of the form SFB-KI-NNN`);
    if (o.articleId != null && (typeof o.articleId !== 'string' || !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(o.articleId))) bad('"articleId" must be an article id or null');
    if (typeof o.code === 'number') {
      if (codes.has(o.code)) bad(`duplicate code (also entry ${codes.get(o.code)})`);
      else codes.set(o.code, i);
    }
    if (problems.length > before) return;
    entries.push({
      code: o.code as number,
      header: o.header as string,
      reason: (o.reason as string | null) ?? null,
      meaning: (o.meaning as string).trim(),
      likelyFix: (o.likelyFix as string).trim(),
      context: typeof o.context === 'string' ? o.context.trim() : '',
      research: research ?? [],
      articleId: (o.articleId as string | null | undefined) ?? null,
      verified: o.verified as boolean,
      sources: sources ?? [],
    });
  });
  return { entries, problems };
}

/** Reads the table; a missing file is a problem, not a crash. */
export function loadMsDiagnostics(file = DEFAULT_MS_DIAGNOSTICS_FILE): LoadedMsDiagnostics {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    return { entries: [], problems: [{ file, line: 0, message: `cannot read the ms-diagnostics table: ${(e as Error).message}` }] };
  }
  return parseMsDiagnostics(file, text);
}

/** Line of an entry's `"articleId"` for a code, for cross-checks reported with file and line. */
export function msDiagArticleLine(text: string, code: number): number {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => new RegExp(`"code"\\s*:\\s*${code}\\b`).test(l));
  if (start < 0) return 1;
  for (let i = start; i < Math.min(lines.length, start + 40); i++) if (/"articleId"\s*:/.test(lines[i] as string)) return i + 1;
  return start + 1;
}

/** What an unknown code gets: an honest "not documented" entry rather than silence. */
export function undocumentedCode(code: number): MsDiagRecord {
  return {
    code,
    header: 'ms-diagnostics',
    reason: null,
    meaning: `Not documented: ms-diagnostics ${code} is not in Lync Doctor's table and no source we have describes it.`,
    likelyFix: 'Search the Lync/Skype for Business server logs (Snooper, CLS logging) for the full diagnostic header and its reason text.',
    context: '',
    research: [],
    articleId: null,
    verified: false,
    sources: [],
  };
}
