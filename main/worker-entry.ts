/** The file a worker thread runs, for sources (tsx) and built code (dist/workers) alike. */
import { basename, join } from 'node:path';
import { BUILT, DIST_DIR, PROJECT_ROOT } from './built';

/** What to pass to `new Worker(file, { execArgv })`. */
export interface WorkerEntry {
  readonly file: string;
  readonly execArgv: readonly string[];
}

/**
 * `source` is the worker's path from the project root (e.g. 'main/collect/pac-worker.ts'). Built code runs
 * dist/workers/<name>.js, which scripts/build.mjs makes from every main/**\/*-worker.ts (others: add them to
 * WORKERS in scripts/build-config.mjs); sources run the .ts file through tsx.
 */
export function workerEntry(source: string): WorkerEntry {
  if (BUILT) return { file: join(DIST_DIR, 'workers', `${basename(source).replace(/\.ts$/, '')}.js`), execArgv: [] };
  return { file: join(PROJECT_ROOT, source), execArgv: ['--import', 'tsx'] };
}
