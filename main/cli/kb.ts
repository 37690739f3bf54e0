/** `lyncdoctor kb search "<text>" [--json] [--limit N]`, `kb show <id|SFB-KI-id|KB|code> [--json]`, `kb check`. */
import type { Article } from '../model/article';
import { runKbCheck } from '../kb/build';
import { defaultKnowledgeBase } from '../kb/default';
import type { KnowledgeBase, MsDiagHit } from '../kb/knowledge-base';
import { findHresult, hresultsInText, loadHresults, type HresultEntry } from '../kb/hresults';
import { readExcerpt } from '../kb/excerpt';
import { EVIDENCE_TEXT, type MsDiagRecord } from '../kb/ms-diagnostics';
import { hresultName } from '../sip/hresults';
import type { KbCodeCard, KbHit } from '../model/api';
import { readFileSync } from 'node:fs';
import { bool, num, parseArgs, str, UsageError } from './args';
import type { CliIo, Command } from './io';

const KB_USAGE = `usage:
  lyncdoctor kb search "<text>" [--json] [--limit N]   search articles and ms-diagnostics codes
  lyncdoctor kb search --file <log or pasted excerpt>   search with the codes and failure lines of a file
  lyncdoctor kb show <articleId|SFB-KI-NNN|KBnnnnnnn|ms-diagnostics code|HRESULT> [--json]
  lyncdoctor kb check                                 validate knowledge/ (file:line per problem)`;

/** Injected for tests; the real one compiles knowledge/ on first use. */
export const kbCommandDeps: { knowledgeBase: () => KnowledgeBase; hresults: () => ReadonlyMap<string, HresultEntry> } = {
  knowledgeBase: defaultKnowledgeBase,
  hresults: () => loadHresults().entries,
};

/** The verification mark of a code in a list: "(not documented)", or how its meaning is known. */
function markText(documented: boolean, evidence: string | undefined): string {
  if (!documented) return '(not documented)';
  // Stryker disable next-line StringLiteral: any key that is no evidence mark (the '' fallback or another string) finds no words
  const how = (EVIDENCE_TEXT as Partial<Record<string, string>>)[evidence ?? ''];
  return how ? `[${how}]` : '';
}

/** Non-empty columns of a list line, two spaces apart (no trailing spaces when a mark or reason is missing). */
function columns(...parts: readonly (string | false | null | undefined)[]): string {
  return parts.filter((x): x is string => typeof x === 'string' && x !== '').join('  ');
}

function renderHits(query: string, hits: readonly KbHit[], codes: readonly MsDiagHit[], named: readonly KbCodeCard[]): string {
  if (hits.length === 0 && codes.length === 0 && named.length === 0) return `No article or ms-diagnostics code matches "${query}". Try fewer or other words, an error code or a KB number.`;
  // Sections (codes named in the text, articles, other codes, the hint) one blank line apart, never two.
  const sections: string[][] = [];
  if (named.length) {
    const lines = ['Codes in the text'];
    for (const c of named) {
      // Stryker disable next-line Regex: the table's headers are ms-diagnostics, ms-diagnostics-public and ms-client-diagnostics; none holds the client name later than its start
      const family = c.form ?? (/^ms-client-diagnostics/i.test(c.entry.header) ? 'ms-client-diagnostics' : 'ms-diagnostics');
      lines.push(`  ${columns(`${family} ${c.code}`, c.entry.reason && `"${c.entry.reason}"`, markText(c.documented, c.entry.evidence))}`);
      if (!c.documented && c.raw) lines.push(`     as written: ${c.raw}`);
      lines.push(`     ${c.entry.meaning}${c.entry.articleId ? `  → article ${c.entry.articleId}` : ''}`);
    }
    sections.push(lines);
  }
  if (hits.length) sections.push(hits.flatMap((h, i) => [`${i + 1}. ${h.articleId}${h.research.length ? `  (${h.research.join(', ')})` : ''}  score ${h.score}`, `   ${h.title}`, `   ${h.snippet}`]));
  if (codes.length) sections.push(['ms-diagnostics codes', ...codes.flatMap((c) => [`  ${columns(String(c.code), c.reason && `"${c.reason}"`, markText(c.documented, c.evidence))}`, `     ${c.meaning}${c.articleId ? `  → article ${c.articleId}` : ''}`])]);
  sections.push(['Open one with: npm run lyncdoctor -- kb show <articleId or code>']);
  return sections.map((x) => x.join('\n')).join('\n\n');
}

function renderCode(e: MsDiagRecord, documented: boolean): string[] {
  // Stryker disable next-line Regex: the table's headers are ms-diagnostics, ms-diagnostics-public and ms-client-diagnostics; none holds the client name later than its start
  const family = /^ms-client-diagnostics/i.test(e.header) ? 'ms-client-diagnostics' : 'ms-diagnostics';
  const lines = [`${family} ${e.code}${documented ? '' : ' - not documented'}`];
  if (e.header && e.header !== family) lines.push(`  header:     ${e.header}`);
  if (e.reason) lines.push(`  reason:     ${e.reason}`);
  lines.push(`  meaning:    ${e.meaning}`);
  lines.push(`  likely fix: ${e.likelyFix}`);
  if (e.context) lines.push(`  where:      ${e.context}`);
  // A kb.sqlite built before the evidence mark existed has none: say nothing rather than "undefined".
  const how = (EVIDENCE_TEXT as Partial<Record<string, string>>)[e.evidence as string];
  lines.push(`  verified:   ${e.verified ? 'yes' : 'no'}${how ? ` (${how})` : ''}`);
  if (e.articleId) lines.push(`  article:    ${e.articleId}`);
  for (const s of e.sources) lines.push(`  source:     ${s}`);
  return lines;
}

function renderHresult(e: HresultEntry): string[] {
  const lines = [`HRESULT ${e.hresult} ${e.name}`, `  meaning:    ${e.meaning}`, `  likely fix: ${e.likelyFix}`];
  lines.push(`  verified:   ${e.evidence === 'microsoft' ? 'yes' : 'no'} (${EVIDENCE_TEXT[e.evidence]})`);
  if (e.articleId) lines.push(`  article:    ${e.articleId}`);
  for (const s of e.sources) lines.push(`  source:     ${s}`);
  return lines;
}

function renderArticle(a: Article): string[] {
  const lines = [`${a.title}`, `  id: ${a.id}   category: ${a.category}   verification: ${a.verification}`];
  if (a.verificationNote) lines.push(`  note: ${a.verificationNote}`);
  if (a.research.length) lines.push(`  research: ${a.research.join(', ')}`);
  if (a.kb.length) lines.push(`  KB: ${a.kb.join(', ')}`);
  if (a.products.length) lines.push(`  products: ${a.products.join('; ')}`);
  if (a.versions.length) lines.push(`  versions: ${a.versions.join('; ')}`);
  if (a.symptoms.length) lines.push('', 'Symptoms', ...a.symptoms.map((s) => `  - ${s}`));
  if (a.errors.length) lines.push('', `Errors: ${a.errors.join(', ')}`);
  lines.push('', 'Cause', `  ${a.cause}`);
  const sig = [...a.signals.local.map((s) => `  - [pc] ${s}`), ...a.signals.mobile.map((s) => `  - [mobile] ${s}`), ...a.signals.server.map((s) => `  - [server] ${s}`)];
  if (sig.length) lines.push('', 'What to look at', ...sig);
  lines.push('', 'Fix');
  a.fix.forEach((s, i) => {
    lines.push(`  ${i + 1}. ${s.step}`);
    if (s.command) lines.push(...s.command.split('\n').map((c) => `       ${c}`));
  });
  lines.push('', `In one line: ${a.fixSummary}`);
  if (a.body) lines.push('', a.body);
  lines.push('', 'Sources', ...a.sources.map((s) => `  - ${s}`));
  if (a.related.length) lines.push('', `Related: ${a.related.join(', ')}`);
  return lines;
}

async function search(argv: readonly string[], io: CliIo): Promise<number> {
  const p = parseArgs(argv, { json: 'boolean', limit: 'number', file: 'string' });
  const file = str(p, 'file');
  if (file !== undefined && p.positional.length) throw new UsageError(`kb search takes the text or --file, not both\n${KB_USAGE}`);
  let query = p.positional.join(' ').trim();
  if (file !== undefined) {
    try {
      query = readFileSync(file, 'utf8');
    } catch (e) {
      throw new UsageError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
  }
  if (!query.trim()) throw new UsageError(`kb search needs the text to look for${file !== undefined ? ` (${file} is empty)` : ''}\n${KB_USAGE}`);
  const limit = num(p, 'limit') ?? 10;
  if (!Number.isInteger(limit) || limit > 100) throw new UsageError('--limit must be a whole number from 1 to 100');
  const kb = kbCommandDeps.knowledgeBase();
  const hits = kb.search(query, limit);
  const named = kb.codesIn(query);
  const codes = kb.searchMsDiagnostics(query, Math.min(limit, 5));
  const shown = file !== undefined ? `the file ${file}` : query;
  // HRESULTs of a long paste are looked for in its picked failure lines as well as its start.
  // Stryker disable next-line MethodExpression: hresultsInText reads only the first 20 000 characters of the whole text, so cutting the query's copy first changes nothing
  const hresults = hresultsInText(`${readExcerpt(query).query}\n${query.slice(0, 20_000)}`, kbCommandDeps.hresults());
  if (bool(p, 'json')) {
    // `codes` (the code cards named in the text) is an addition; a file's text is not echoed back.
    io.out(JSON.stringify({ query: file !== undefined ? `--file ${file}` : query, hits, msDiagnostics: codes, hresults, codes: named }, null, 2));
    return 0;
  }
  const text = renderHits(shown, hits, codes.filter((c) => !named.some((n) => n.code === c.code)), named);
  if (!hresults.length) io.out(text);
  else {
    const hr = ['', 'HRESULTs', ...hresults.flatMap((e) => [`  ${columns(`${e.hresult} ${e.name}`, markText(true, e.evidence))}`, `     ${e.meaning}${e.articleId ? `  → article ${e.articleId}` : ''}`])];
    // Stryker disable next-line Regex: with the s flag `.*` runs to the end of the text anyway; `$` adds nothing
    const head = hits.length === 0 && codes.length === 0 && named.length === 0 ? hr.slice(1) : [text.replace(/\n\nOpen one with: .*$/s, ''), ...hr];
    io.out([...head, '', 'Open one with: npm run lyncdoctor -- kb show <articleId, code or HRESULT>'].join('\n'));
  }
  return 0;
}

async function show(argv: readonly string[], io: CliIo): Promise<number> {
  const p = parseArgs(argv, { json: 'boolean' });
  const what = p.positional.join(' ').trim();
  if (!what) throw new UsageError(`kb show needs an article id, SFB-KI id, KB number or ms-diagnostics code\n${KB_USAGE}`);
  const kb = kbCommandDeps.knowledgeBase();
  const hr = findHresult(what, kbCommandDeps.hresults());
  let r = kb.resolve(what);
  if (hr.entry && !r.article) {
    // The constant name or value may also be listed in an article's errors.
    // Stryker disable next-line MethodExpression: `what` is already trimmed where it is read
    const byValue = hr.entry.hresult !== what.trim() ? kb.resolve(hr.entry.hresult) : r;
    const linked = hr.entry.articleId ? kb.article(hr.entry.articleId) : null;
    r = { article: linked ?? byValue.article, msDiagnostics: null, alsoMatches: byValue.alsoMatches };
  }
  // A "not documented" stand-in (unknown code, or a row of the other header family) never counts as explained.
  const documented = r.msDiagnostics ? r.msDiagnostics.evidence !== 'gap' && kb.explainsCode(r.msDiagnostics.code) : false;
  if (bool(p, 'json')) {
    io.out(JSON.stringify({ article: r.article, msDiagnostics: r.msDiagnostics, documented: r.msDiagnostics ? documented : hr.key ? hr.entry !== null : undefined, hresult: hr.entry ?? undefined, alsoMatches: r.alsoMatches }, null, 2));
  } else if (!r.article && !r.msDiagnostics && !hr.entry) {
    const hint = hr.key ? hresultName(hr.key) : null;
    io.err(`${hr.key ? `HRESULT ${hr.key}${hint ? ` (${hint})` : ''} - not documented in Lync Doctor's table. ` : ''}Nothing is known as "${what}". Search instead: npm run lyncdoctor -- kb search "${what.replace(/"/g, '')}"`);
  } else {
    const lines: string[] = [];
    if (hr.entry) lines.push(...renderHresult(hr.entry), '');
    if (r.msDiagnostics) lines.push(...renderCode(r.msDiagnostics, documented), '');
    if (r.article) lines.push(...renderArticle(r.article));
    if (r.alsoMatches.length) lines.push('', `Also about "${what}": ${r.alsoMatches.join(', ')}`);
    io.out(lines.join('\n'));
  }
  return r.article || documented || hr.entry ? 0 : 1;
}

/** `lyncdoctor kb …`: search, show, check. */
export const kbCommand: Command = async (argv, io) => {
  const [sub, ...rest] = argv;
  switch (sub) {
    case 'search':
      return search(rest, io);
    case 'show':
      return show(rest, io);
    case 'check':
      parseArgs(rest, {});
      return runKbCheck(io);
    case '--help':
    case 'help':
      io.out(KB_USAGE);
      return 0;
    default:
      // No subcommand is a usage error like any other (the contract): the usage on stderr, nothing on stdout, exit 2.
      throw new UsageError(`${sub === undefined ? 'missing kb subcommand' : `unknown kb subcommand "${sub}"`}\n${KB_USAGE}`);
  }
};
