/** `npm run build`: bundles the Electron main process and preload into dist/electron, and the renderer. */
import { build } from 'esbuild';
import { join } from 'node:path';
import { buildRenderer, PROJECT_ROOT, RENDERER_OUT } from '../bridge/build-renderer';

export const ELECTRON_OUT = join(PROJECT_ROOT, 'dist', 'electron');

/** main.js (dependencies stay in node_modules) and a self-contained preload.js (sandboxed preloads cannot require files). */
export async function buildElectron(outDir: string = ELECTRON_OUT): Promise<void> {
  const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', sourcemap: false, logLevel: 'silent', legalComments: 'none' } as const;
  await Promise.all([
    build({ ...common, entryPoints: [join(__dirname, 'main.ts')], outfile: join(outDir, 'main.js'), external: ['electron'], packages: 'external' }),
    build({ ...common, format: 'iife', entryPoints: [join(__dirname, 'preload.ts')], outfile: join(outDir, 'preload.js'), external: ['electron'] }),
  ]);
}

/** Builds everything `electron .` and electron-builder need. */
export async function buildAll(): Promise<void> {
  const started = Date.now();
  const r = await buildRenderer(RENDERER_OUT);
  await buildElectron();
  console.log(`built dist/electron and dist/renderer in ${Date.now() - started} ms (renderer app.js ${(r.jsBytes / 1024).toFixed(0)} KB)`);
}

if (require.main === module) {
  buildAll().catch((e: unknown) => {
    console.error(`build failed: ${(e as Error).message}`);
    process.exitCode = 1;
  });
}
