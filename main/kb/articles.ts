/** Loads and validates knowledge/articles/*.md: front matter (YAML) + Markdown body. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import type { Article, FixStep, Verification } from '../model/article';

/** A validation problem with the file and line it points to. */
export interface ArticleProblem {
  readonly file: string;
  readonly line: number;
  readonly message: string;
}

export interface LoadedArticles {
  readonly articles: readonly Article[];
  readonly problems: readonly ArticleProblem[];
}

const VERIFICATION: readonly Verification[] = ['verified', 'partial', 'unverified'];
const REQUIRED = ['id', 'title', 'cause', 'fixSummary', 'verification', 'sources', 'fix'] as const;

/** Default folder: knowledge/articles beside the project root. */
export const DEFAULT_ARTICLES_DIR = join(__dirname, '..', '..', 'knowledge', 'articles');

function strings(v: unknown): string[] {
  if (v == null) return [];
  if (Array.isArray(v)) return v.filter((x) => x != null).map((x) => String(x));
  return [String(v)];
}

function lineOf(frontMatter: string, key: string): number {
  const i = frontMatter.split('\n').findIndex((l) => l.startsWith(`${key}:`));
  return i < 0 ? 1 : i + 2; // +1 for 1-based, +1 for the opening ---
}

/** Parses one article file's text; problems are collected, never thrown. */
export function parseArticle(file: string, text: string): { article?: Article; problems: ArticleProblem[] } {
  const problems: ArticleProblem[] = [];
  const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(text.replace(/^\uFEFF/, ''));
  if (!m) return { problems: [{ file, line: 1, message: 'no front matter (file must start with ---)' }] };
  const fm = m[1] as string;
  let d: Record<string, unknown>;
  try {
    const parsed: unknown = parseYaml(fm);
    if (!parsed || typeof parsed !== 'object') return { problems: [{ file, line: 2, message: 'front matter is not a mapping' }] };
    d = parsed as Record<string, unknown>;
  } catch (e) {
    const line = e instanceof YAMLParseError && e.linePos ? e.linePos[0].line + 1 : 2;
    return { problems: [{ file, line, message: `invalid YAML: ${(e as Error).message.split('\n')[0]}` }] };
  }
  for (const k of REQUIRED) {
    if (d[k] == null || d[k] === '' || (Array.isArray(d[k]) && (d[k] as unknown[]).length === 0)) problems.push({ file, line: lineOf(fm, k), message: `missing required field "${k}"` });
  }
  const verification = String(d.verification ?? '').trim().split(/\s/)[0] as Verification;
  if (d.verification != null && !VERIFICATION.includes(verification)) problems.push({ file, line: lineOf(fm, 'verification'), message: `verification must be one of ${VERIFICATION.join(', ')}` });
  if ((verification === 'partial' || verification === 'unverified') && !d.verificationNote) problems.push({ file, line: lineOf(fm, 'verification'), message: `a ${verification} article needs verificationNote` });
  const fix: FixStep[] = [];
  for (const s of Array.isArray(d.fix) ? d.fix : []) {
    if (typeof s === 'string') fix.push({ step: s });
    else if (s && typeof s === 'object' && typeof (s as FixStep).step === 'string') {
      const o = s as FixStep;
      fix.push({ step: o.step, ...(o.shell ? { shell: o.shell } : {}), ...(o.command ? { command: String(o.command).replace(/\n$/, '') } : {}) });
    } else problems.push({ file, line: lineOf(fm, 'fix'), message: 'each fix step needs a "step" text' });
  }
  const signals = (d.signals && typeof d.signals === 'object' ? d.signals : {}) as Record<string, unknown>;
  for (const r of strings(d.research)) if (!/^SFB-KI-\d{3}$/.test(r)) problems.push({ file, line: lineOf(fm, 'research'), message: `research id "${r}" is not of the form SFB-KI-NNN` });
  for (const k of strings(d.kb)) if (!/^KB\d{6,7}$/.test(k)) problems.push({ file, line: lineOf(fm, 'kb'), message: `KB number "${k}" is not of the form KB1234567` });
  if (problems.length) return { problems };
  const article: Article = {
    id: String(d.id),
    title: String(d.title),
    research: strings(d.research),
    kb: strings(d.kb),
    products: strings(d.products),
    versions: strings(d.versions),
    category: String(d.category ?? 'topic'),
    symptoms: strings(d.symptoms),
    errors: strings(d.errors),
    cause: String(d.cause).trim(),
    signals: { local: strings(signals.local), mobile: strings(signals.mobile), server: strings(signals.server) },
    fix,
    fixSummary: String(d.fixSummary).trim(),
    sources: strings(d.sources),
    verification,
    verificationNote: String(d.verificationNote ?? '').trim(),
    related: strings(d.related),
    body: (m[2] as string).trim(),
  };
  return { article, problems };
}

/**
 * 1-based line of `value` inside the front-matter field `key` of an article's text (the key's line when the
 * value is not on a line of its own; 2 when the text is unknown), so cross-article problems point at the line.
 */
export function fieldLine(text: string | undefined, key: string, value?: string): number {
  if (text === undefined) return 2;
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const start = lines.findIndex((l, i) => i > 0 && l.startsWith(`${key}:`));
  if (start < 0) return 2;
  if (value === undefined) return start + 1;
  for (let i = start; i < lines.length; i++) {
    const l = lines[i] as string;
    if (i > start && (/^[A-Za-z]\w*:/.test(l) || l.startsWith('---'))) break;
    if (l.includes(value)) return i + 1;
  }
  return start + 1;
}

/** Cross-article rules: file name = id, unique ids, research ids claimed once, related links resolve. */
export function validateArticleSet(items: ReadonlyArray<{ file: string; article: Article; text?: string }>): ArticleProblem[] {
  const problems: ArticleProblem[] = [];
  const ids = new Map<string, string>();
  const research = new Map<string, string>();
  for (const { file, article, text } of items) {
    const base = file.replace(/^.*[\\/]/, '').replace(/\.md$/, '');
    if (base !== article.id) problems.push({ file, line: fieldLine(text, 'id'), message: `id "${article.id}" does not match the file name "${base}.md"` });
    if (ids.has(article.id)) problems.push({ file, line: fieldLine(text, 'id'), message: `duplicate id "${article.id}" (also in ${ids.get(article.id)})` });
    ids.set(article.id, file);
    for (const r of article.research) {
      if (research.has(r)) problems.push({ file, line: fieldLine(text, 'research', r), message: `research id ${r} is already covered by ${research.get(r)}` });
      research.set(r, file);
    }
  }
  for (const { file, article, text } of items) {
    for (const rel of article.related) if (!ids.has(rel)) problems.push({ file, line: fieldLine(text, 'related', rel), message: `related article "${rel}" does not exist` });
  }
  return problems;
}

/** Reads every article in `dir`; returns the valid ones and every problem found. */
export function loadArticles(dir = DEFAULT_ARTICLES_DIR): LoadedArticles {
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.md')).sort();
  } catch (e) {
    return { articles: [], problems: [{ file: dir, line: 0, message: `cannot read the articles folder: ${(e as Error).message}` }] };
  }
  const items: Array<{ file: string; article: Article; text: string }> = [];
  const problems: ArticleProblem[] = [];
  for (const f of files) {
    const file = join(dir, f);
    const text = readFileSync(file, 'utf8');
    const r = parseArticle(file, text);
    problems.push(...r.problems);
    if (r.article) items.push({ file, article: r.article, text });
  }
  problems.push(...validateArticleSet(items));
  return { articles: items.map((i) => i.article), problems };
}
