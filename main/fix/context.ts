/** Where the journal lives and which mode a fix runs in (live on this Windows PC, or recorded). */
import { homedir } from 'node:os';
import { posix, win32 } from 'node:path';
import type { DiagnosisView } from '../model/api';

/**
 * Default data folder: %LOCALAPPDATA%\LyncDoctor on Windows — local, not roaming, because backups and
 * undo belong to this PC — else $XDG_CONFIG_HOME/lync-doctor or ~/.config/lync-doctor.
 * LYNC_DOCTOR_DATA_DIR overrides it (tests, portable use).
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: string = process.platform, home: string = homedir()): string {
  if (env.LYNC_DOCTOR_DATA_DIR) return env.LYNC_DOCTOR_DATA_DIR;
  if (platform === 'win32') return win32.join(env.LOCALAPPDATA || win32.join(home, 'AppData', 'Local'), 'LyncDoctor');
  return posix.join(env.XDG_CONFIG_HOME || posix.join(home, '.config'), 'lync-doctor');
}

export interface ModeDecision {
  readonly mode: 'live' | 'recorded';
  /** The built-in demo: recorded against the demo PC's answers. */
  readonly demo: boolean;
  /** Why, in one sentence the CLI and UI show. */
  readonly reason: string;
}

/**
 * Live only for a diagnosis of this Windows PC. The demo, an imported bundle (another PC, another
 * time) and any non-Windows host are recorded: commands are shown and journaled, never run.
 */
export function decideMode(view: DiagnosisView, platform: string): ModeDecision {
  if (view.snapshot.demo) return { mode: 'recorded', demo: true, reason: 'DEMO: commands are recorded against the built-in demo PC; nothing changes on this machine.' };
  if (view.importedFrom) return { mode: 'recorded', demo: false, reason: `This diagnosis was imported (${view.importedFrom}); fixes for another PC are recorded only, nothing changes on this machine.` };
  if (platform !== 'win32') return { mode: 'recorded', demo: false, reason: `RECORDED MODE: this is ${platform}, not Windows; commands are recorded, not run — nothing changes on this machine.` };
  if (view.snapshot.host.platform !== 'win32') return { mode: 'recorded', demo: false, reason: `The diagnosis was made on ${view.snapshot.host.platform}; commands are recorded, not run.` };
  return { mode: 'live', demo: false, reason: 'LIVE: commands run on this PC.' };
}
