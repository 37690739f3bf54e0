/** Layers import only downwards (DESIGN.md habit 1): enforced by reading every import. */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';

const ROOT = join(__dirname, '..', '..');

function files(dir: string): string[] {
  let out: string[] = [];
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  for (const e of entries) {
    if (e === 'node_modules' || e === 'dist') continue;
    const p = join(dir, e);
    if (statSync(p).isDirectory()) out = out.concat(files(p));
    else if (/\.tsx?$/.test(e)) out.push(p);
  }
  return out;
}

/** Every module specifier imported (static import/export, require, dynamic import), with type-only flag. */
function imports(file: string): Array<{ spec: string; typeOnly: boolean }> {
  const src = readFileSync(file, 'utf8');
  const out: Array<{ spec: string; typeOnly: boolean }> = [];
  for (const m of src.matchAll(/^\s*(import|export)\s+(type\s+)?[^'";]*?from\s+['"]([^'"]+)['"]/gm)) out.push({ spec: m[3] as string, typeOnly: Boolean(m[2]) });
  for (const m of src.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm)) out.push({ spec: m[1] as string, typeOnly: false });
  for (const m of src.matchAll(/\b(?:require|import)\(\s*['"]([^'"]+)['"]\s*\)/g)) out.push({ spec: m[1] as string, typeOnly: false });
  return out;
}

const NODE_IO = /^(node:)?(fs|fs\/promises|child_process|net|tls|dns|dgram|http|https|http2|os|worker_threads)$/;

function violations(dir: string, rule: (spec: string, typeOnly: boolean, file: string) => string | null): string[] {
  const v: string[] = [];
  for (const f of files(join(ROOT, dir))) {
    for (const { spec, typeOnly } of imports(f)) {
      const why = rule(spec, typeOnly, f);
      if (why) v.push(`${relative(ROOT, f)} imports ${spec}: ${why}`);
    }
  }
  return v;
}

test('main/model is plain TypeScript: no node, electron, DOM or upper-layer imports', () => {
  assert.deepEqual(
    violations('main/model', (spec) => (spec.startsWith('.') ? (spec.startsWith('./') ? null : 'model imports only model') : 'no packages in model')),
    [],
  );
});

test('main/checks imports no I/O modules, no electron, nothing from collect/', () => {
  assert.deepEqual(
    violations('main/checks', (spec) => (NODE_IO.test(spec) || spec === 'electron' ? 'I/O in a check' : /(^|\/)collect(\/|$)/.test(spec) ? 'checks read the Snapshot, not collectors' : null)),
    [],
  );
});

test('only main/electron imports electron', () => {
  const v = [...violations('main', (spec, _t, f) => (spec === 'electron' && !relative(ROOT, f).startsWith(join('main', 'electron')) ? 'electron outside main/electron' : null))];
  assert.deepEqual(v, []);
});

test('renderer imports only types from main/model and nothing else of main/', () => {
  assert.deepEqual(
    violations('renderer', (spec, typeOnly) => {
      if (/(^|\/)main\//.test(spec) || spec.startsWith('../main') || spec.includes('/main/')) {
        if (!/main\/model\//.test(spec)) return 'renderer may only reach main/model';
        return typeOnly ? null : 'renderer may import only types from main/model';
      }
      return NODE_IO.test(spec) || spec === 'electron' ? 'node/electron in the renderer' : null;
    }),
    [],
  );
});
