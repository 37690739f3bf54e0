import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

const KNOWLEDGE = join(__dirname, '..', '..', '..', '..', 'knowledge');

test('knowledge/SOURCES.md lists every source the code tables cite', () => {
  const md = readFileSync(join(KNOWLEDGE, 'SOURCES.md'), 'utf8');
  const tables = ['ms-diagnostics.json', 'hresults.json'].map((f) => JSON.parse(readFileSync(join(KNOWLEDGE, f), 'utf8')) as Array<{ sources: string[] }>);
  const missing = new Set<string>();
  for (const rows of tables) for (const r of rows) for (const s of r.sources) if (!md.includes(`| ${s.replace(/\|/g, '/')} |`)) missing.add(s);
  assert.deepEqual([...missing], [], 'add these sources to knowledge/SOURCES.md');
});

test('the README points at the sources of the code tables', () => {
  const readme = readFileSync(join(KNOWLEDGE, '..', 'README.md'), 'utf8');
  assert.match(readme, /knowledge\/SOURCES\.md/);
});
