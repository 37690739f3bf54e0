// `npm run build` (also run by `npm ci` through "prepare", by `npm start` and by `npm test`): bundles the
// TypeScript sources into plain JavaScript in dist/ (CLI, app start, Electron main + preload, worker
// threads, renderer) and compiles knowledge/ into dist/kb.sqlite. Incremental: dist/.build-stamp.json
// keeps, per target, the content hash of every file esbuild read for it (and of the build config), so a
// second run with nothing changed only re-hashes those files and builds nothing.
//   node scripts/build.mjs [--quiet] [--force] [--check] [--bench]   (--check: exit 1 when something is stale)
// --bench also bundles bench/run.ts and every bench/*.bench.ts, with the same esbuild options as the
// shipped programs, into dist-bench/ (not shipped): `npm run bench` times built code, not tsx's (see
// BENCH in build-config.mjs).
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import * as config from './build-config.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const STAMP = join(ROOT, 'dist', '.build-stamp.json');
const args = new Set(process.argv.slice(2));
const quiet = args.has('--quiet');
const force = args.has('--force');
const checkOnly = args.has('--check');
const withBench = args.has('--bench');
const log = (t) => quiet || console.log(t);
const abs = (p) => join(ROOT, p);
const rel = (p) => relative(ROOT, p).split(sep).join('/');

function sha(buf) {
  return createHash('sha256').update(buf).digest('hex').slice(0, 20);
}
function hashFile(p) {
  try {
    return sha(readFileSync(abs(p)));
  } catch {
    return 'missing';
  }
}
function listFiles(dir) {
  const out = [];
  if (!existsSync(abs(dir))) return out;
  for (const e of readdirSync(abs(dir), { withFileTypes: true })) {
    const p = `${dir}/${e.name}`;
    if (e.isDirectory()) out.push(...listFiles(p));
    else out.push(p);
  }
  return out.sort();
}

/** The build's own inputs: a change here rebuilds everything. */
const CONFIG_FILES = ['scripts/build.mjs', 'scripts/build-config.mjs', 'package.json', 'node_modules/esbuild/package.json'];
const configHash = sha(CONFIG_FILES.map(hashFile).join(','));

function readStamp() {
  try {
    const s = JSON.parse(readFileSync(STAMP, 'utf8'));
    return s.config === configHash ? s.targets : {};
  } catch {
    return {};
  }
}

/** True when the target's outputs exist and every input it read still has the recorded hash. */
function fresh(prev, outputs) {
  if (force || !prev) return false;
  if (!outputs.every((o) => existsSync(abs(o)))) return false;
  return Object.entries(prev.inputs).every(([f, h]) => hashFile(f) === h);
}

function workerEntries() {
  const found = new Set(config.WORKERS);
  for (const d of config.WORKER_DIRS) for (const f of listFiles(d)) if (/[-.]worker\.ts$/.test(f)) found.add(f);
  return [...found].sort().map((f) => ({ name: `worker:${basename(f, '.ts')}`, in: f, out: `dist/workers/${basename(f, '.ts')}.js` }));
}

/** bench/run.ts and every bench/*.bench.ts, each its own bundle (a bench that starts itself as a child needs its own file). */
function benchEntries() {
  const files = [config.BENCH.runner, ...listFiles(config.BENCH.dir).filter((f) => f.endsWith('.bench.ts'))];
  return files.map((f) => ({ name: `bench:${basename(f, '.ts')}`, in: f, out: `${config.BENCH.out}/${basename(f, '.ts')}.js` }));
}

/**
 * Source files are written as if they ran from their own folder (`join(__dirname, '..', '..', 'knowledge')`,
 * `require.main === module`). Bundled, __dirname is the bundle's folder and `module` the bundle's: map the
 * first back to the source folder (relative to the bundle, so it works inside app.asar too) and make the
 * second true only in the entry file.
 */
function sourceDirPlugin(entry, outfile) {
  return {
    name: 'source-dir',
    setup(b) {
      b.onLoad({ filter: /\.(ts|tsx|mts|cts)$/ }, (a) => {
        if (a.path.includes(`${sep}node_modules${sep}`)) return undefined;
        let text = readFileSync(a.path, 'utf8');
        if (a.path !== abs(entry)) text = text.replace(/require\.main\s*===\s*module/g, 'false');
        if (text.includes('__dirname')) {
          const fromOut = relative(dirname(abs(outfile)), dirname(a.path)).split(sep).join('/');
          text = text.replace(/\b__dirname\b/g, `require('node:path').join(__dirname, ${JSON.stringify(fromOut)})`);
        }
        return { contents: text, loader: a.path.endsWith('x') ? 'tsx' : 'ts' };
      });
    },
  };
}

/**
 * Heavy npm packages (config.LAZY_PACKAGES) become a stand-in whose first property read, call or `new`
 * requires the real package; esbuild's interop copies named exports as getters, so named and default
 * imports both stay lazy. The export names are taken from the package at build time.
 */
function lazyPackagesPlugin() {
  const req = createRequire(abs('package.json'));
  return {
    name: 'lazy-packages',
    setup(b) {
      const pattern = new RegExp(`^(${config.LAZY_PACKAGES.map((p) => p.replace(/[/.-]/g, '\\$&')).join('|')})$`);
      b.onResolve({ filter: pattern }, (a) => {
        if (a.namespace === 'lazy-package') return { path: a.path, external: true };
        return { path: a.path, namespace: 'lazy-package' };
      });
      b.onLoad({ filter: /.*/, namespace: 'lazy-package' }, (a) => {
        let keys = [];
        try {
          const m = req(a.path);
          keys = Object.keys(m).filter((k) => k !== 'default' && k !== '__esModule');
        } catch {
          keys = [];
        }
        return {
          loader: 'js',
          resolveDir: ROOT,
          contents: `let real;
const load = () => (real ??= require(${JSON.stringify(a.path)}));
const target = function () {};
const names = ${JSON.stringify(keys)};
module.exports = new Proxy(target, {
  get: (_t, k) => (k === '__esModule' ? undefined : load()[k]),
  has: (_t, k) => k in load(),
  apply: (_t, self, args) => Reflect.apply(load(), self, args),
  construct: (_t, args) => Reflect.construct(load(), args),
  ownKeys: () => [...new Set([...names, ...Reflect.ownKeys(target)])],
  getOwnPropertyDescriptor: (t, k) => Reflect.getOwnPropertyDescriptor(t, k) ?? (names.includes(k) ? { configurable: true, enumerable: true, get: () => load()[k] } : undefined),
});
`,
        };
      });
    },
  };
}

let esbuild;
async function esb() {
  esbuild ??= await import('esbuild');
  return esbuild;
}

async function bundleNode(t, extra = {}) {
  const { build } = await esb();
  const r = await build({
    entryPoints: [abs(t.in)],
    outfile: abs(t.out),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    packages: 'external',
    external: t.external ?? [],
    banner: t.shebang ? { js: '#!/usr/bin/env node' } : undefined,
    define: { 'process.env.LYNCDOCTOR_BUILT': '"1"' },
    plugins: [sourceDirPlugin(t.in, t.out), lazyPackagesPlugin()],
    metafile: true,
    legalComments: 'none',
    logLevel: 'silent',
    ...extra,
  });
  if (t.shebang) chmodSync(abs(t.out), 0o755);
  return Object.keys(r.metafile.inputs);
}

async function bundlePreload(t) {
  return bundleNode(t, { format: 'iife', packages: undefined, external: ['electron'], define: {} });
}

async function bundleRenderer(t) {
  const { build } = await esb();
  mkdirSync(abs(t.outdir), { recursive: true });
  const r = await build({ ...config.rendererEsbuildOptions(ROOT, abs(t.outdir)), metafile: true });
  copyFileSync(abs(t.html), join(abs(t.outdir), 'index.html'));
  return [...Object.keys(r.metafile.inputs), t.html];
}

/** dist/kb.sqlite from knowledge/ by the freshly built dist/kb-build.js (a knowledge problem leaves none: the app then compiles knowledge/ in memory). */
function buildKb(t) {
  const tmp = `${abs(t.out)}.tmp`;
  rmSync(tmp, { force: true });
  const r = spawnSync(process.execPath, [abs('dist/kb-build.js'), 'build', '--out', tmp], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) {
    rmSync(abs(t.out), { force: true });
    throw new Error(`knowledge base not built (${(r.stderr || r.stdout).trim().split('\n').slice(-3).join(' | ')})`);
  }
  renameSync(tmp, abs(t.out));
  // The articles alone, as JSON: finding texts for built code without parsing every article's YAML at start.
  const Database = createRequire(abs('package.json'))('better-sqlite3');
  const db = new Database(abs(t.out), { readonly: true });
  const rows = db.prepare('SELECT json FROM article ORDER BY rowid').all();
  db.close();
  writeFileSync(abs(t.articles), `[${rows.map((r) => r.json).join(',\n')}]\n`);
  return [...t.inputs.flatMap(listFiles), 'dist/kb-build.js'];
}

async function main() {
  const started = performance.now();
  const prev = readStamp();
  const next = {};
  const built = [];
  const failed = [];
  const targets = [
    ...config.NODE_ENTRIES.map((t) => ({ t, outputs: [t.out], run: () => bundleNode(t) })),
    { t: config.PRELOAD_ENTRY, outputs: [config.PRELOAD_ENTRY.out], run: () => bundlePreload(config.PRELOAD_ENTRY) },
    ...workerEntries().map((t) => ({ t, outputs: [t.out], run: () => bundleNode(t) })),
    { t: config.RENDERER, outputs: ['app.js', 'app.css', 'index.html'].map((f) => `${config.RENDERER.outdir}/${f}`), run: () => bundleRenderer(config.RENDERER) },
    ...(withBench ? benchEntries().map((t) => ({ t, outputs: [t.out], run: () => bundleNode(t) })) : []),
  ];
  // A build without --bench keeps the benchmarks' records, so the next `npm run bench` still finds them fresh.
  if (!withBench) for (const [name, v] of Object.entries(prev)) if (name.startsWith('bench:')) next[name] = v;
  const stale = [];
  for (const x of targets) {
    if (fresh(prev[x.t.name], x.outputs)) next[x.t.name] = prev[x.t.name];
    else stale.push(x);
  }
  // The knowledge base depends on the knowledge folder (whose file list can change) and on kb-build.js.
  const kbInputs = () => Object.fromEntries([...config.KB.inputs.flatMap(listFiles), 'dist/kb-build.js'].map((f) => [f, hashFile(f)]));
  if (checkOnly) {
    const kbStale = !fresh(prev[config.KB.name], [config.KB.out]) || JSON.stringify(Object.keys(prev[config.KB.name]?.inputs ?? {})) !== JSON.stringify(Object.keys(kbInputs()));
    const names = [...stale.map((x) => x.t.name), ...(kbStale ? [config.KB.name] : [])];
    console.log(names.length ? `stale: ${names.join(', ')}` : 'dist/ is up to date');
    process.exit(names.length ? 1 : 0);
  }
  await Promise.all(
    stale.map(async (x) => {
      try {
        const inputs = await x.run();
        next[x.t.name] = { inputs: Object.fromEntries([...new Set(inputs)].map((f) => [rel(abs(f)), hashFile(rel(abs(f)))])) };
        built.push(x.t.name);
      } catch (e) {
        failed.push(`${x.t.name}: ${e.message}`);
      }
    }),
  );
  const kbPrev = prev[config.KB.name];
  const kbNow = kbInputs();
  const kbFresh = !force && kbPrev && existsSync(abs(config.KB.out)) && JSON.stringify(kbPrev.inputs) === JSON.stringify(kbNow);
  if (kbFresh && existsSync(abs(config.KB.articles))) next[config.KB.name] = kbPrev;
  else if (next['kb-build']) {
    try {
      buildKb(config.KB);
      next[config.KB.name] = { inputs: kbInputs() };
      built.push(config.KB.name);
    } catch (e) {
      console.error(`build: warning: ${e.message}`);
    }
  }
  mkdirSync(dirname(STAMP), { recursive: true });
  writeFileSync(STAMP, `${JSON.stringify({ config: configHash, targets: next }, null, 1)}\n`);
  const ms = (performance.now() - started).toFixed(0);
  if (failed.length) {
    console.error(`build failed:\n  ${failed.join('\n  ')}`);
    process.exit(1);
  }
  log(built.length ? `built ${built.sort().join(', ')} in ${ms} ms` : `dist/ is up to date (checked in ${ms} ms)`);
}

main().catch((e) => {
  if (e?.code === 'ERR_MODULE_NOT_FOUND' && /esbuild/.test(e.message)) {
    console.error('build: esbuild is not installed (npm ci without dev dependencies?); dist/ not built');
    process.exit(0);
  }
  console.error(`build failed: ${e?.stack ?? e}`);
  process.exit(1);
});

