/**
 * Builds dist/ (Electron main + preload, CLI, start, workers, renderer, kb.sqlite) with scripts/build.mjs,
 * the one build everything uses (`npm run build`); incremental, so calling it when nothing changed is cheap.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../built';

export const ELECTRON_OUT = join(PROJECT_ROOT, 'dist', 'electron');

/** Runs scripts/build.mjs (quietly unless `loud`); throws with its output when it fails. */
export function buildDist(loud = false): void {
  const r = spawnSync(process.execPath, [join(PROJECT_ROOT, 'scripts', 'build.mjs'), ...(loud ? [] : ['--quiet'])], { cwd: PROJECT_ROOT, encoding: 'utf8' });
  if (loud && r.stdout) process.stdout.write(r.stdout);
  if (r.status !== 0) throw new Error(`build failed: ${(r.stderr || r.stdout || `exit ${r.status}`).trim()}`);
}

/** Everything `electron .` and electron-builder need (kept for callers of the old per-part build). */
export async function buildElectron(): Promise<void> {
  buildDist();
}
