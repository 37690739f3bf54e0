import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { analyze } from '../../../../main/diagnose';
import { demoSnapshot } from '../../../../main/demo/demo';
import { journalForBundle } from '../../../../main/fix/bundle';
import { applyFix, listFixes } from '../../../../main/fix/engine';
import { ALL_FIXES, findFix } from '../../../../main/fix';
import { fixDeps } from '../../../../main/fix/service';
import { articleLookup } from '../../../../main/kb/lookup';
import { filesUnder, tempDirsCleanedAfter } from './setup';

const tmp = tempDirsCleanedAfter();

const demoView = () => {
  const snapshot = demoSnapshot();
  return { snapshot, findings: analyze(snapshot, { articles: articleLookup() }).findings };
};

test('the demo offers the certificate, policy, DNS and WinHTTP fixes, recorded against the demo PC (even on Windows)', async () => {
  for (const platform of ['linux', 'win32']) {
    const deps = fixDeps({ dataDir: tmp(), platform, run: async () => { throw new Error('the live runner must not run for the demo'); } });
    const { items, decision } = await listFixes(ALL_FIXES, demoView(), deps);
    assert.equal(decision.mode, 'recorded');
    assert.equal(decision.demo, true);
    const ids = items.map((i) => i.fix.id);
    for (const id of ['remove-stale-tls-dsk', 'lync-cert-store-user', 'lync-cert-store-machine', 'flush-dns-cache', 'winhttp-import-ie-proxy', 'reset-sign-in-cache']) assert.ok(ids.includes(id), `${platform}: ${id}`);
  }
});

test('journalForBundle: the entries (public facts only) and the unreadable files, never fatal', async () => {
  const dataDir = tmp();
  const deps = fixDeps({ dataDir, platform: 'linux' });
  for (const id of ['remove-stale-tls-dsk', 'lync-cert-store-user']) {
    const fix = findFix(id);
    assert.ok(fix);
    const r = await applyFix(fix, demoView(), deps, true);
    assert.ok(r.kind === 'done' && r.ok, id);
  }
  const j = journalForBundle(dataDir);
  assert.equal(j.entries.length, 2);
  assert.deepEqual(j.problems, []);
  const text = JSON.stringify(j);
  assert.doesNotMatch(text, /PRIVATE KEY|BEGIN CERTIFICATE|password/i);
  assert.ok(j.entries.every((e) => e.mode === 'recorded' && e.demo));
  const empty = journalForBundle(join(tmp(), 'never-created'));
  assert.deepEqual(empty, { entries: [], problems: [] });
  for (const f of filesUnder(dataDir).filter((x) => x.endsWith('.json'))) assert.doesNotMatch(readFileSync(join(dataDir, f), 'utf8'), /PRIVATE KEY/);
});
