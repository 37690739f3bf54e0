/**
 * `npm run kb:check` / `npm run kb:build`: validate knowledge/ (file:line for every problem) and compile
 * it into dist/kb.sqlite. Any problem fails with exit code 1; the app itself compiles in memory.
 */
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ALL_CHECKS } from '../checks';
import { loadKnowledge } from './default';
import { KnowledgeBase } from './knowledge-base';
import { formatProblem, validateKnowledge, type ValidationOptions } from './validate';

/** Default artifact of kb:build. */
export const DEFAULT_KB_DB = join(__dirname, '..', '..', 'dist', 'kb.sqlite');

/** Where the build writes (the CLI passes its own io). */
export interface BuildIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

/** Validates; prints problems as file:line; returns 0 when clean, 1 otherwise. */
export function runKbCheck(io: BuildIo, opts: ValidationOptions = {}): number {
  const report = validateKnowledge({ checks: ALL_CHECKS, ...opts });
  for (const p of report.problems) io.err(formatProblem(p));
  for (const s of report.skipped) io.err(`note: skipped ${s}`);
  io.out(`${report.articles} article(s), ${report.codes} ms-diagnostics code(s), ${ALL_CHECKS.length} check(s): ${report.problems.length} problem(s)`);
  return report.problems.length === 0 ? 0 : 1;
}

/** Validates, then writes the database to `out` (only when validation passes). */
export function runKbBuild(io: BuildIo, out = DEFAULT_KB_DB, opts: ValidationOptions = {}): number {
  if (runKbCheck(io, opts) !== 0) {
    io.err('kb:build: not built - fix the problems above');
    return 1;
  }
  const started = performance.now();
  const kb = KnowledgeBase.build(loadKnowledge({ articlesDir: opts.articlesDir, msDiagnosticsFile: opts.msDiagnosticsFile }));
  mkdirSync(dirname(out), { recursive: true });
  kb.save(out);
  io.out(`built ${out}: ${kb.articleCount} article(s), ${kb.codeCount} code(s) in ${(performance.now() - started).toFixed(0)} ms`);
  kb.close();
  return 0;
}

if (require.main === module) {
  const [mode, ...rest] = process.argv.slice(2);
  const io: BuildIo = { out: (t) => console.log(t), err: (t) => console.error(t) };
  const outAt = rest.indexOf('--out');
  if (mode === 'check') process.exitCode = runKbCheck(io);
  else if (mode === 'build') process.exitCode = runKbBuild(io, outAt >= 0 && rest[outAt + 1] ? rest[outAt + 1] : DEFAULT_KB_DB);
  else {
    console.error('usage: tsx main/kb/build.ts check | build [--out dist/kb.sqlite]');
    process.exitCode = 2;
  }
}
