/** Finds the Lync / Skype for Business client traces on Windows: %LOCALAPPDATA%\Microsoft\Office\{15.0,16.0}\Lync\Tracing. */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const TRACE_VERSIONS = ['15.0', '16.0'] as const;
/** Lync-UccApi-0.UccApilog and its rotations (.bak, or another index). */
export const TRACE_FILE = /^Lync-UccApi-\d+\.UccApilog(?:\.bak)?$/i;

export interface FoundLog {
  readonly path: string;
  readonly modifiedMs: number;
}

/** The trace folders to look in, for a %LOCALAPPDATA% value. */
export function traceFolders(localAppData: string): string[] {
  return TRACE_VERSIONS.map((v) => join(localAppData, 'Microsoft', 'Office', v, 'Lync', 'Tracing'));
}

/** Existing trace files, oldest first (so the newest sign-in is analysed last); unreadable folders are skipped. */
export function discoverLogFiles(localAppData: string): FoundLog[] {
  const found: FoundLog[] = [];
  for (const dir of traceFolders(localAppData)) {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      continue;
    }
    for (const n of names.filter((x) => TRACE_FILE.test(x))) {
      const path = join(dir, n);
      try {
        const st = statSync(path);
        if (st.isFile()) found.push({ path, modifiedMs: st.mtimeMs });
      } catch {
        /* vanished or locked: the reader will say so if given explicitly */
      }
    }
  }
  return found.sort((a, b) => a.modifiedMs - b.modifiedMs || a.path.localeCompare(b.path));
}
