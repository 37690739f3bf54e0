/** The journal as the bundle carries it: entries hold public facts only (no command output, no keys, no passwords). */
import { defaultDataDir } from './context';
import type { RawArtifact } from '../model/snapshot';
import { Journal, type JournalEntry } from './journal';

export interface JournalExport {
  readonly entries: readonly JournalEntry[];
  /** Journal files that could not be read (named, never fatal). */
  readonly problems: readonly string[];
}

/** Every readable journal entry of `dataDir`, newest first, for the bundle's fix-journal.json. */
export function journalForBundle(dataDir: string = defaultDataDir()): JournalExport {
  const { entries, problems } = new Journal(dataDir).list();
  return { entries, problems };
}

/** The journal as a raw artifact (raw/fix/journal.json) for a bundle of this PC's live diagnosis; null when empty or unreadable. */
export function journalArtifact(dataDir: string = defaultDataDir()): RawArtifact | null {
  let j: JournalExport;
  try {
    j = journalForBundle(dataDir);
  } catch (e) {
    return { collectorId: 'fix', name: 'journal.json', content: `${JSON.stringify({ entries: [], problems: [`journal could not be read: ${(e as Error).message}`] }, null, 1)}\n` };
  }
  if (j.entries.length === 0 && j.problems.length === 0) return null;
  return { collectorId: 'fix', name: 'journal.json', content: `${JSON.stringify(j, null, 1)}\n` };
}
