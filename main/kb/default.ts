/** The project's own knowledge base: knowledge/ compiled in memory on first use (no build step needed). */
import { existsSync } from 'node:fs';
import { BUILT, PREBUILT_KB } from '../built';
import { DEFAULT_ARTICLES_DIR, loadArticles, type ArticleProblem } from './articles';
import { KnowledgeBase, type KnowledgeInput } from './knowledge-base';
import { DEFAULT_MS_DIAGNOSTICS_FILE, loadMsDiagnostics } from './ms-diagnostics';

/** Where the knowledge source lives (defaults: knowledge/articles, knowledge/ms-diagnostics.json). */
export interface KnowledgeSource {
  readonly articlesDir?: string;
  readonly msDiagnosticsFile?: string;
}

/** The knowledge source read from disk, ready for KnowledgeBase.build. */
export interface LoadedKnowledge extends KnowledgeInput {
  /** Problems of the source files (the valid part is still usable). */
  readonly problems: readonly ArticleProblem[];
}

/** Reads articles and the ms-diagnostics table; a missing table is tolerated (no codes) but reported. */
export function loadKnowledge(src: KnowledgeSource = {}): LoadedKnowledge {
  const a = loadArticles(src.articlesDir ?? DEFAULT_ARTICLES_DIR);
  const msFile = src.msDiagnosticsFile ?? DEFAULT_MS_DIAGNOSTICS_FILE;
  const m = loadMsDiagnostics(msFile);
  return { articles: a.articles, msDiagnostics: m.entries, problems: [...a.problems, ...m.problems] };
}

let cached: KnowledgeBase | undefined;

/**
 * The knowledge base the CLI, the app and the bridge use. LYNCDOCTOR_KB_DB may name a kb.sqlite built by
 * `npm run kb:build`; built code (dist/, the packaged app) opens dist/kb.sqlite; otherwise knowledge/ is
 * compiled in memory once.
 */
export function defaultKnowledgeBase(): KnowledgeBase {
  if (!cached) {
    const file = process.env.LYNCDOCTOR_KB_DB ?? (BUILT ? PREBUILT_KB : undefined);
    try {
      cached = file && existsSync(file) ? KnowledgeBase.open(file) : KnowledgeBase.build(loadKnowledge());
    } catch (e) {
      const msg = (e as Error).message;
      // A native module built for another runtime (e.g. Node's better-sqlite3 inside Electron) says NODE_MODULE_VERSION.
      const hint = /NODE_MODULE_VERSION|better_sqlite3\.node|bindings file/i.test(msg)
        ? ` better-sqlite3 is not built for this runtime${process.versions.electron ? ` (Electron ${process.versions.electron})` : ''}; the CLI works: npm run lyncdoctor -- kb search "<text>".`
        : '';
      throw new Error(`The knowledge base could not be opened: ${msg.split('\n')[0]}.${hint}`);
    }
  }
  return cached;
}
