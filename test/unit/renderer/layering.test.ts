import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..', 'renderer');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : /\.tsx?$/.test(f) ? [p] : [];
  });
}

test('the renderer imports only types from main/ (and only from main/model), nothing from node or electron', () => {
  const problems: string[] = [];
  for (const f of files(ROOT)) {
    const src = readFileSync(f, 'utf8');
    for (const m of src.matchAll(/^\s*import\s+(type\s+)?[^'"]*from\s+'([^']+)'/gm)) {
      const [, isType, spec] = m as unknown as [string, string | undefined, string];
      const where = relative(ROOT, f);
      if (spec.includes('/main/')) {
        if (!isType) problems.push(`${where}: value import from ${spec}`);
        if (!/\/main\/model\//.test(spec)) problems.push(`${where}: imports ${spec} outside main/model`);
      }
      if (/^(node:|electron$|fs$|path$|child_process$)/.test(spec)) problems.push(`${where}: imports ${spec}`);
    }
  }
  assert.deepEqual(problems, []);
});

test('the renderer never injects HTML', () => {
  for (const f of files(ROOT)) {
    const src = readFileSync(f, 'utf8');
    assert.doesNotMatch(src, /dangerouslySetInnerHTML|innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(|new Function/, relative(ROOT, f));
  }
});
