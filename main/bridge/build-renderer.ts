/** Builds the React renderer with esbuild into one folder (index.html, app.js, app.css): `npm run build:renderer`. */
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { rendererEsbuildOptions } from '../../scripts/build-config.mjs';

export const PROJECT_ROOT = join(__dirname, '..', '..');
export const RENDERER_SRC = join(PROJECT_ROOT, 'renderer');
export const RENDERER_OUT = join(PROJECT_ROOT, 'dist', 'renderer');

export interface RendererBuild {
  readonly outDir: string;
  readonly jsBytes: number;
  readonly cssBytes: number;
  readonly ms: number;
}

/** Bundles renderer/main.tsx (minified, production React) and copies index.html. */
export async function buildRenderer(outDir: string = RENDERER_OUT): Promise<RendererBuild> {
  const started = Date.now();
  mkdirSync(outDir, { recursive: true });
  await build(rendererEsbuildOptions(PROJECT_ROOT, outDir));
  copyFileSync(join(RENDERER_SRC, 'index.html'), join(outDir, 'index.html'));
  return {
    outDir,
    jsBytes: statSync(join(outDir, 'app.js')).size,
    cssBytes: statSync(join(outDir, 'app.css')).size,
    ms: Date.now() - started,
  };
}

if (require.main === module) {
  buildRenderer(process.argv[2] ?? RENDERER_OUT).then(
    (r) => console.log(`renderer built in ${r.ms} ms → ${r.outDir} (app.js ${(r.jsBytes / 1024).toFixed(0)} KB, app.css ${(r.cssBytes / 1024).toFixed(1)} KB)`),
    (e: unknown) => {
      console.error(`renderer build failed: ${(e as Error).message}`);
      process.exitCode = 1;
    },
  );
}
