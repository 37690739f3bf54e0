/** Fix engine figures: preview and a recorded apply on the demo, undo, and listing a large journal. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyze } from '../main/diagnose';
import { demoSnapshot } from '../main/demo/demo';
import { applyFix, previewFix, undoFix } from '../main/fix/engine';
import { ALL_FIXES, findFix } from '../main/fix';
import { fixDeps } from '../main/fix/service';
import { articleLookup } from '../main/kb/lookup';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

async function time(n: number, fn: () => Promise<unknown>): Promise<number> {
  const xs: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn();
    xs.push(performance.now() - t);
  }
  return median(xs);
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'ld-fix-bench-'));
  try {
    const snapshot = demoSnapshot();
    const view = { snapshot, findings: analyze(snapshot, { articles: articleLookup() }).findings };
    const deps = fixDeps({ dataDir: dir, platform: 'linux' });
    const fix = findFix('remove-stale-tls-dsk');
    if (!fix) throw new Error('remove-stale-tls-dsk missing');
    await previewFix(fix, view, deps);
    const preview = await time(50, () => previewFix(fix, view, deps));
    console.log(`  preview remove-stale-tls-dsk (demo): median ${preview.toFixed(2)} ms   (goal < 50 ms)`);
    const ids: string[] = [];
    const apply = await time(50, async () => {
      const r = await applyFix(fix, view, deps, true);
      if (r.kind === 'done') ids.push(r.entry.journalId);
    });
    console.log(`  apply, recorded, with backup + journal (demo): median ${apply.toFixed(2)} ms   (goal < 100 ms)`);
    let k = 0;
    const undo = await time(50, () => undoFix(ALL_FIXES, ids[k++] as string, deps, true));
    console.log(`  undo from the journal (recorded): median ${undo.toFixed(2)} ms   (goal < 100 ms)`);
    const flush = findFix('flush-dns-cache');
    for (let i = 0; i < 450 && flush; i++) await applyFix(flush, view, deps, true);
    const list = await time(5, async () => deps.journal.list());
    console.log(`  list a journal of ${deps.journal.list().entries.length} entries: median ${list.toFixed(1)} ms   (goal < 500 ms)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
