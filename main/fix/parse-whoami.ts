/** Is this process elevated? Read from `whoami /groups /fo csv /nh` by the mandatory-label SID (language-proof). */
import type { CommandResult } from '../collect/windows/runner';
import { firstLine, notRun, tool } from './commands';
import type { CommandSpec } from './types';

export type Elevation = 'elevated' | 'not-elevated' | 'unknown';

const HIGH = 'S-1-16-12288';
const SYSTEM = 'S-1-16-16384';
const MEDIUM_OR_LOW = /^S-1-16-(0|4096|8192|8448)$/;

export function whoamiCommand(): CommandSpec {
  return tool('whoami.exe', ['/groups', '/fo', 'csv', '/nh'], 15_000);
}

/** Finds the mandatory label among the group SIDs; group names are localized, SIDs are not. */
export function parseWhoamiGroups(stdout: string): Elevation {
  const sids = [...stdout.matchAll(/"(S-1-16-\d+)"/g)].map((m) => m[1] as string);
  if (sids.includes(HIGH) || sids.includes(SYSTEM)) return 'elevated';
  if (sids.some((s) => MEDIUM_OR_LOW.test(s))) return 'not-elevated';
  return 'unknown';
}

export function elevationOf(r: CommandResult): { readonly elevation: Elevation; readonly reason: string } {
  const why = notRun(r);
  if (why) return { elevation: 'unknown', reason: why };
  if (r.code !== 0) return { elevation: 'unknown', reason: `whoami failed: ${firstLine(r.stderr) || `exit ${String(r.code)}`}` };
  const elevation = parseWhoamiGroups(r.stdout);
  const reason = elevation === 'unknown' ? 'no mandatory label in the whoami output' : elevation === 'elevated' ? 'whoami shows a High mandatory level' : 'whoami shows a Medium or lower mandatory level';
  return { elevation, reason };
}
