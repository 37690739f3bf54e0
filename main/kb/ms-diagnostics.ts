/** Loads and validates knowledge/ms-diagnostics.json: the table of ms-diagnostics codes, one entry per code. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CodeEvidence, MsDiagnosticsEntry } from '../model/api';
import type { ArticleProblem } from './articles';

/** An entry with the extra `context` text the table carries (where the code shows up). */
export interface MsDiagRecord extends MsDiagnosticsEntry {
  readonly context: string;
  readonly evidence: CodeEvidence;
}

/** The evidence marks a table row may carry. */
export const CODE_EVIDENCE: readonly CodeEvidence[] = ['microsoft', 'captures', 'inferred', 'gap'];

/** Human words for an evidence mark (CLI and UI). */
export const EVIDENCE_TEXT: Readonly<Record<CodeEvidence, string>> = {
  microsoft: 'documented by Microsoft',
  captures: 'seen in captures / third-party documents only',
  inferred: 'inferred (no source states it)',
  gap: 'not documented (no public source found)',
};

/** Whether a row explains its code (a "gap" row only records that nothing was found). */
export function isDocumented(e: Pick<MsDiagRecord, 'evidence'>): boolean {
  return e.evidence !== 'gap';
}

function isGapSource(s: string): boolean {
  return s === 'gap' || s.startsWith('gap:') || s === 'unverified';
}

/** Evidence for a row written before the mark existed: gap sources, else Microsoft when verified, else captures. */
function derivedEvidence(verified: boolean, sources: readonly string[]): CodeEvidence {
  if (sources.some(isGapSource)) return 'gap';
  return verified ? 'microsoft' : 'captures';
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
    if (o.evidence !== undefined && !CODE_EVIDENCE.includes(o.evidence as CodeEvidence)) bad(`"evidence" must be one of ${CODE_EVIDENCE.join(', ')}`);
    if (CODE_EVIDENCE.includes(o.evidence as CodeEvidence) && typeof o.verified === 'boolean' && o.verified !== (o.evidence === 'microsoft')) bad('"verified" must be true exactly when "evidence" is "microsoft"');
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
      evidence: (o.evidence as CodeEvidence | undefined) ?? derivedEvidence(o.verified as boolean, sources ?? []),
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

const RANGES_OCS = 'https://learn.microsoft.com/en-us/previous-versions/office/communications-server/bb964037(v=office.12) (code ranges only)';

/**
 * Error id ranges per server component, as published for OCS 2007 R2 (TechNet "Ms-Diagnostics Header",
 * bb964037; 0-17999) and in [MS-OCER] (group chat 20000-20999, application sharing 21000-21999). A range says which component answered,
 * not what went wrong.
 */
export const CODE_RANGES: ReadonlyArray<{ readonly from: number; readonly to: number; readonly component: string; readonly source?: string }> = [
  { from: 0, to: 999, component: 'common error codes (SIP stack, User Services and others)' },
  { from: 1000, to: 1999, component: 'SIP stack (front end, Edge, Director)' },
  { from: 2000, to: 2999, component: 'User Services: presence' },
  { from: 3000, to: 3999, component: 'User Services: conferencing (focus and focus factory)' },
  { from: 4000, to: 4999, component: 'User Services: other (registrar, routing, user lookup)' },
  { from: 5000, to: 5999, component: 'server API applications' },
  { from: 6000, to: 6999, component: 'IM conferencing server' },
  { from: 7000, to: 7999, component: 'A/V conferencing server' },
  { from: 8000, to: 8999, component: 'telephony conferencing server' },
  { from: 9000, to: 9999, component: 'MRAS (media relay authentication)' },
  { from: 10000, to: 10999, component: 'Mediation Server' },
  { from: 11000, to: 11999, component: 'Metrics Server' },
  { from: 12000, to: 12999, component: 'VoIP outbound call routing' },
  { from: 13000, to: 13999, component: 'VoIP inbound call routing' },
  { from: 14000, to: 14999, component: 'VoIP translation service (dial plans)' },
  { from: 15000, to: 15999, component: 'Exchange Unified Messaging' },
  { from: 16000, to: 16999, component: 'Intelligent IM Filter' },
  { from: 17000, to: 17999, component: 'client version filter' },
  { from: 20000, to: 20999, component: 'Group Chat / Persistent Chat server', source: 'https://learn.microsoft.com/en-us/openspecs/office_protocols/ms-ocer/3ce63901-309d-48ee-a40c-ae3413a203c9 (code range only)' },
  { from: 21000, to: 21999, component: 'application sharing MCU (ASMCU, desktop/application sharing in meetings)', source: 'https://learn.microsoft.com/en-us/openspecs/office_protocols/ms-ocer/6b5d2a9a-4153-4a98-b320-d35f6b565a6b (code range only)' },
];

/** The component a code's range belongs to (OCS 2007 R2 table), or null outside the published ranges. */
export function componentForCode(code: number): string | null {
  return CODE_RANGES.find((r) => code >= r.from && code <= r.to)?.component ?? null;
}

function rangeSource(code: number): string | null {
  const r = CODE_RANGES.find((x) => code >= x.from && code <= x.to);
  return r ? (r.source ?? RANGES_OCS) : null;
}

/** What an unknown code gets: an honest "not documented" entry rather than silence. */
export function undocumentedCode(code: number, header: 'ms-diagnostics' | 'ms-client-diagnostics' = 'ms-diagnostics'): MsDiagRecord {
  // The published ranges number the server's ids; client codes are another numbering.
  const component = header === 'ms-diagnostics' ? componentForCode(code) : null;
  return {
    code,
    header,
    reason: null,
    meaning:
      `Not documented: ${header} ${code} is not in Lync Doctor's table and no source we have describes it.` +
      (component ? ` By its number range it comes from: ${component} (published range table; later releases may differ).` : ''),
    likelyFix: 'Search the Lync/Skype for Business server logs (Snooper, CLS logging) for the full diagnostic header and its reason text.',
    context: '',
    research: [],
    articleId: null,
    verified: false,
    evidence: 'gap',
    sources: component ? [rangeSource(code) as string] : [],
  };
}
