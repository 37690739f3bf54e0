// What `npm run build` (scripts/build.mjs) produces in dist/. One list: add an entry here when you add a
// program, a worker thread or an asset that the built code needs at run time.
//
// Worker threads: every main/**/*-worker.ts (or *.worker.ts) is built to dist/workers/<name>.js
// automatically; list others in WORKERS. Built code finds them with workerEntry() from
// main/worker-entry.ts (the .ts source under tsx, dist/workers/<name>.js when built).
import { join } from 'node:path';

/** Node programs, bundled to CommonJS; npm packages stay external (node_modules), so native modules
 *  (better-sqlite3), node-forge, quickjs-wasi and its .wasm, web-tree-sitter and its .wasm load as usual. */
export const NODE_ENTRIES = [
  { name: 'cli', in: 'main/cli.ts', out: 'dist/cli.js', shebang: true },
  { name: 'start', in: 'main/start.ts', out: 'dist/start.js' },
  { name: 'kb-build', in: 'main/kb/build.ts', out: 'dist/kb-build.js' },
  { name: 'electron-main', in: 'main/electron/main.ts', out: 'dist/electron/main.js', external: ['electron'] },
];

/** Packages loaded only when first used (a property read, a call or `new`), not when the bundle starts:
 *  `lyncdoctor --help` and `demo` never pay for them. Keys are read at build time. */
export const LAZY_PACKAGES = ['node-forge', 'better-sqlite3', 'yaml', 'yazl', 'yauzl', 'react-dom/server'];

/** The sandboxed preload cannot require files: one self-contained script. */
export const PRELOAD_ENTRY = { name: 'electron-preload', in: 'main/electron/preload.ts', out: 'dist/electron/preload.js' };

/** Worker threads that do not follow the *-worker.ts naming (path from the project root). */
export const WORKERS = [];

/** Folders searched for *-worker.ts / *.worker.ts. */
export const WORKER_DIRS = ['main'];

/** The React renderer (its esbuild options are rendererEsbuildOptions, also used by main/bridge/build-renderer.ts). */
export const RENDERER = {
  name: 'renderer',
  in: 'renderer/main.tsx',
  outdir: 'dist/renderer',
  html: 'renderer/index.html',
  tsconfig: 'renderer/tsconfig.json',
};

/** esbuild options for the renderer (minified, production React), given the project root and the output folder. */
export function rendererEsbuildOptions(root, outdir) {
  return {
    entryPoints: { app: join(root, RENDERER.in) },
    outdir,
    bundle: true,
    minify: true,
    format: 'iife',
    platform: 'browser',
    target: ['chrome120'],
    jsx: 'automatic',
    tsconfig: join(root, RENDERER.tsconfig),
    define: { 'process.env.NODE_ENV': '"production"' },
    legalComments: 'none',
    logLevel: 'silent',
  };
}

/**
 * `npm run bench` (build.mjs --bench): bench/run.ts and every bench/*.bench.ts bundled like NODE_ENTRIES
 * (same esbuild options) into dist-bench/, which is not shipped. Timing the built code matters: tsx
 * transpiles with esbuild's keepNames, which wraps every function and closure in a __name() call
 * (Object.defineProperty) each time it is created; the shipped bundles have none of that.
 */
export const BENCH = { runner: 'bench/run.ts', dir: 'bench', out: 'dist-bench' };

/** The prebuilt knowledge base (and its articles as JSON for finding texts): built by dist/kb-build.js from these folders. */
export const KB = { name: 'kb', out: 'dist/kb.sqlite', articles: 'dist/articles.json', inputs: ['knowledge'] };
