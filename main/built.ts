/** Where built code (dist/, made by scripts/build.mjs) finds what the build prepared for it. */
import { join } from 'node:path';

/** True in dist/ bundles (the build defines LYNCDOCTOR_BUILT), false when sources run through tsx. */
export const BUILT: boolean = process.env.LYNCDOCTOR_BUILT === '1';

/** The project root: the folder holding package.json, knowledge/ and dist/ (app.asar in a packaged app). */
export const PROJECT_ROOT = join(__dirname, '..');

/** dist/ of this checkout or package. */
export const DIST_DIR = join(PROJECT_ROOT, 'dist');

/** The prebuilt knowledge base (scripts/build.mjs → dist/kb-build.js). */
export const PREBUILT_KB = join(DIST_DIR, 'kb.sqlite');

/** The articles of the prebuilt knowledge base as JSON (finding texts without parsing YAML). */
export const PREBUILT_ARTICLES = join(DIST_DIR, 'articles.json');
