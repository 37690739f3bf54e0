// Types of what TypeScript code imports from build-config.mjs.
import type { BuildOptions } from 'esbuild';

/** esbuild options for the renderer (minified, production React), given the project root and the output folder. */
export function rendererEsbuildOptions(root: string, outdir: string): BuildOptions;
