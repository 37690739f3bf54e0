/**
 * `npm run bench [-- <name>]`: runs every bench/*.bench.ts (or those whose file name starts with <name>)
 * in turn; each prints its figures next to its goal. `npm run bench` runs the bundles that
 * `scripts/build.mjs --bench` made in dist-bench/ (built like the shipped code); `npx tsx bench/run.ts`
 * runs the sources, slower (tsx wraps every function in a __name() call).
 */
import { readdirSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';

async function main(): Promise<void> {
  const only = process.argv[2];
  // The names come from the sources (__dirname is bench/ in the bundle too); the modules from this file's
  // own folder: bench/*.bench.ts under tsx, dist-bench/*.bench.js when built.
  const files = readdirSync(__dirname).filter((f) => f.endsWith('.bench.ts') && (!only || f.startsWith(only))).sort();
  const here = dirname(__filename);
  const ext = extname(__filename);
  for (const f of files) {
    console.log(`\n== ${f}`);
    const mod = (await import(join(here, f.replace(/\.ts$/, ext)))) as { run?: () => Promise<void> };
    if (typeof mod.run !== 'function') {
      console.log(`  (no run() exported)`);
      continue;
    }
    try {
      await mod.run();
    } catch (e) {
      console.log(`  FAILED: ${(e as Error).stack ?? String(e)}`);
      process.exitCode = 1;
    }
  }
}

void main();
