/**
 * Build-time validation of the whole knowledge source (`kb:check`): articles, the ms-diagnostics table,
 * the checks' article links and research coverage. Every problem names a file and a line.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import type { Check } from '../checks/types';
import type { Article } from '../model/article';
import { DEFAULT_ARTICLES_DIR, fieldLine, loadArticles, type ArticleProblem } from './articles';
import { DEFAULT_HRESULTS_FILE, parseHresults, type LoadedHresults } from './hresults';
import { DEFAULT_MS_DIAGNOSTICS_FILE, loadMsDiagnostics, msDiagArticleLine } from './ms-diagnostics';

const ROOT = join(__dirname, '..', '..');

/** Where the checks' sources live (to point at the line naming a missing article). */
export const DEFAULT_CHECKS_DIR = join(ROOT, 'main', 'checks');

/** The research register the articles cover; outside the repository, so optional. */
export const DEFAULT_RESEARCH_FILE = process.env.LYNCDOCTOR_RESEARCH_FILE ?? join(ROOT, '..', 'shared', 'research', 'known-issues.json');

/** What to validate (defaults: the project's own sources). */
export interface ValidationOptions {
  readonly articlesDir?: string;
  readonly msDiagnosticsFile?: string;
  /** knowledge/hresults.json (the HRESULT table `kb show 0x…` explains from). */
  readonly hresultsFile?: string;
  readonly checks?: readonly Check[];
  readonly checksDir?: string;
  /** known-issues.json; `null` skips the coverage rule. Missing file: rule skipped, reported in `skipped`. */
  readonly researchFile?: string | null;
}

/** The outcome of kb:check. */
export interface ValidationReport {
  readonly problems: readonly ArticleProblem[];
  readonly articles: number;
  readonly codes: number;
  /** Rules that could not run, and why. */
  readonly skipped: readonly string[];
}

/** Research ids in a known-issues.json text, with the line each is declared on. */
export function researchIds(text: string): Array<{ id: string; line: number }> {
  const out: Array<{ id: string; line: number }> = [];
  text.split('\n').forEach((l, i) => {
    const m = /"id"\s*:\s*"(SFB-KI-\d{3})"/.exec(l);
    if (m) out.push({ id: m[1] as string, line: i + 1 });
  });
  return out;
}

/** Coverage rule: each research id covered by exactly one article (an article may state a merge by listing several). */
export function coverageProblems(researchFile: string, text: string, articles: ReadonlyArray<{ article: Article; file: string; text?: string }>): ArticleProblem[] {
  const problems: ArticleProblem[] = [];
  const ids = researchIds(text);
  const known = new Set(ids.map((r) => r.id));
  const coveredBy = new Map<string, string[]>();
  for (const { article, file, text: t } of articles) {
    for (const r of article.research) {
      coveredBy.set(r, [...(coveredBy.get(r) ?? []), article.id]);
      if (!known.has(r)) problems.push({ file, line: fieldLine(t, 'research', r), message: `research id ${r} is not in ${researchFile}` });
    }
  }
  for (const { id, line } of ids) {
    const by = coveredBy.get(id) ?? [];
    if (by.length === 0) problems.push({ file: researchFile, line, message: `research id ${id} is not covered by any article` });
    if (by.length > 1) problems.push({ file: researchFile, line, message: `research id ${id} is covered by ${by.length} articles (${by.join(', ')}); exactly one must list it` });
  }
  return problems;
}

/** File and line where a check's articleId is written (the check's file, else the checks folder). */
export function checkLocation(checksDir: string, check: Check): { file: string; line: number } {
  let files: string[] = [];
  try {
    files = readdirSync(checksDir).filter((f) => f.endsWith('.ts')).sort();
  } catch {
    return { file: checksDir, line: 0 };
  }
  for (const f of files) {
    const file = join(checksDir, f);
    const lines = readFileSync(file, 'utf8').split('\n');
    const at = lines.findIndex((l) => l.includes(`'${check.id}'`) || l.includes(`"${check.id}"`));
    if (at < 0) continue;
    for (let i = at; i < Math.min(lines.length, at + 40); i++) if ((lines[i] as string).includes(check.articleId)) return { file, line: i + 1 };
    return { file, line: at + 1 };
  }
  return { file: checksDir, line: 0 };
}

/** The HRESULT table read fresh (kb:check must see edits; the CLI's loader caches). */
function parseHresultsFile(file: string): LoadedHresults {
  try {
    return parseHresults(file, readFileSync(file, 'utf8'));
  } catch (e) {
    return { entries: new Map(), problems: [{ file, line: 0, message: `cannot read the HRESULT table: ${(e as Error).message}` }] };
  }
}

/** Every problem of the knowledge source; empty means the build may go ahead. */
export function validateKnowledge(opts: ValidationOptions = {}): ValidationReport {
  const articlesDir = opts.articlesDir ?? DEFAULT_ARTICLES_DIR;
  const msFile = opts.msDiagnosticsFile ?? DEFAULT_MS_DIAGNOSTICS_FILE;
  const loaded = loadArticles(articlesDir);
  const problems: ArticleProblem[] = [...loaded.problems];
  const skipped: string[] = [];
  const ids = new Set(loaded.articles.map((a) => a.id));
  const items = loaded.articles.map((article) => {
    const file = join(articlesDir, `${article.id}.md`);
    let text: string | undefined;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      text = undefined;
    }
    return { article, file, text };
  });

  const ms = loadMsDiagnostics(msFile);
  problems.push(...ms.problems);
  if (ms.entries.length) {
    const text = readFileSync(msFile, 'utf8');
    for (const e of ms.entries) {
      if (e.articleId && !ids.has(e.articleId)) problems.push({ file: msFile, line: msDiagArticleLine(text, e.code), message: `ms-diagnostics ${e.code} links to article "${e.articleId}", which does not exist` });
    }
  }

  // The HRESULT table belongs to the project's articles: a validation of another articles folder skips it unless named.
  const hrFile = opts.hresultsFile ?? (opts.articlesDir === undefined ? DEFAULT_HRESULTS_FILE : null);
  const hr = hrFile ? parseHresultsFile(hrFile) : { entries: new Map<string, never>(), problems: [] };
  problems.push(...hr.problems);
  for (const e of hr.entries.values()) {
    if (e.articleId && !ids.has(e.articleId)) problems.push({ file: hrFile as string, line: 1, message: `HRESULT ${e.hresult} links to article "${e.articleId}", which does not exist` });
  }

  for (const check of opts.checks ?? []) {
    if (ids.has(check.articleId)) continue;
    const at = checkLocation(opts.checksDir ?? DEFAULT_CHECKS_DIR, check);
    problems.push({ ...at, message: `check ${check.id} names article "${check.articleId}", which does not exist in ${relative(ROOT, articlesDir) || articlesDir}` });
  }

  const researchFile = opts.researchFile === undefined ? DEFAULT_RESEARCH_FILE : opts.researchFile;
  if (researchFile === null) skipped.push('research coverage (not asked for)');
  else if (!existsSync(researchFile)) skipped.push(`research coverage (${researchFile} not found)`);
  else problems.push(...coverageProblems(researchFile, readFileSync(researchFile, 'utf8'), items));

  return { problems, articles: loaded.articles.length, codes: ms.entries.length, skipped };
}

/** `file:line: message`, paths relative to `cwd` when inside it. */
export function formatProblem(p: ArticleProblem, cwd = process.cwd()): string {
  const rel = isAbsolute(p.file) ? relative(cwd, p.file) : p.file;
  return `${rel && !rel.startsWith('..') ? rel : p.file}:${p.line}: ${p.message}`;
}
