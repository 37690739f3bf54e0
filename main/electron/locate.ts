/** Finds an installed Electron binary without loading the electron package (which would try to download it). */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { LaunchEnv } from '../bridge/launch';

const realEnv: LaunchEnv = { platform: process.platform, env: process.env, exists: existsSync };

/**
 * The Electron binary, if one is really installed: ELECTRON_PATH, else the one the `electron` package
 * records in path.txt. Never `require('electron')`: without its binary that call tries to download it.
 */
export function findElectron(le: LaunchEnv = realEnv, packageDir?: string): string | null {
  const fromEnv = le.env.ELECTRON_PATH;
  if (fromEnv) return le.exists(fromEnv) ? fromEnv : null;
  let dir = packageDir;
  if (!dir) {
    try {
      dir = dirname(require.resolve('electron/package.json'));
    } catch {
      return null;
    }
  }
  const pathFile = join(dir, 'path.txt');
  if (!le.exists(pathFile)) return null;
  let rel: string;
  try {
    rel = readFileSync(pathFile, 'utf8').trim();
  } catch {
    return null;
  }
  const bin = le.env.ELECTRON_OVERRIDE_DIST_PATH ? join(le.env.ELECTRON_OVERRIDE_DIST_PATH, rel) : join(dir, 'dist', rel);
  return rel && le.exists(bin) ? bin : null;
}

