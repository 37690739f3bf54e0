/** `npm run bench`: runs every bench/*.bench.ts in turn; each prints its figures next to its goal. */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

async function main(): Promise<void> {
  const only = process.argv[2];
  const files = readdirSync(__dirname).filter((f) => f.endsWith('.bench.ts') && (!only || f.startsWith(only))).sort();
  for (const f of files) {
    console.log(`\n== ${f}`);
    const mod = (await import(join(__dirname, f))) as { run?: () => Promise<void> };
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
