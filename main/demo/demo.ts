/** The built-in demo: a recorded Snapshot of a broken PC (made by scripts/make-demo-snapshot.ts). */
import type { Snapshot } from '../model/snapshot';

/** The demo Snapshot, labelled demo: true (a fresh copy each call). */
export function demoSnapshot(): Snapshot {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const s = JSON.parse(JSON.stringify(require('./demo-snapshot.json'))) as Snapshot;
  return { ...s, demo: true };
}
