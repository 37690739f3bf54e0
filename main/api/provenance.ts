/**
 * Where a diagnosis came from, decided on the server side: a Snapshot counts as a live run on this PC only
 * when this process collected it (startDiagnosis → collect). Everything a caller sends back — `importedFrom`,
 * `snapshot.demo`, `host.platform` — is data, never proof: a view this process did not collect is previewed
 * and applied in recorded mode whatever it says about itself.
 */
import { createHash } from 'node:crypto';
import type { DiagnosisView } from '../model/api';
import type { Snapshot } from '../model/snapshot';

const KEEP = 32;
const liveRuns = new Map<string, Snapshot>();

/** A stable fingerprint of a Snapshot as it crosses IPC or the bridge (answers excluded: the user edits them). */
export function snapshotFingerprint(snapshot: Snapshot): string {
  return createHash('sha256').update(JSON.stringify({ ...snapshot, answers: null })).digest('hex');
}

/** Records a Snapshot this process collected on this PC (the only way a view becomes live). */
export function recordLiveRun(snapshot: Snapshot): void {
  const key = snapshotFingerprint(snapshot);
  liveRuns.delete(key);
  liveRuns.set(key, snapshot);
  while (liveRuns.size > KEEP) liveRuns.delete(liveRuns.keys().next().value as string);
}

/** The stored live Snapshot a view refers to, or null when this process did not collect it. */
export function liveRunOf(snapshot: Snapshot | null | undefined): Snapshot | null {
  if (!snapshot || typeof snapshot !== 'object') return null;
  try {
    return liveRuns.get(snapshotFingerprint(snapshot)) ?? null;
  } catch {
    return null;
  }
}

export type Provenance = 'live' | 'demo' | 'other';

/**
 * The view the fix engine may trust: for a live run the stored Snapshot (the caller's answers kept); for
 * anything else a view that can only be recorded — demo stays demo, the rest is marked as not collected here.
 */
export function trustedView(view: DiagnosisView, lookup: (s: Snapshot) => Snapshot | null = liveRunOf): { view: DiagnosisView; provenance: Provenance } {
  const stored = lookup(view.snapshot);
  if (stored) return { view: { snapshot: { ...stored, answers: view.snapshot.answers ?? stored.answers }, findings: view.findings }, provenance: 'live' };
  if (view.snapshot?.demo === true) return { view: { snapshot: view.snapshot, findings: view.findings }, provenance: 'demo' };
  const from = typeof view.importedFrom === 'string' && view.importedFrom ? view.importedFrom : 'a diagnosis this app did not make on this PC';
  return { view: { ...view, importedFrom: from }, provenance: 'other' };
}
