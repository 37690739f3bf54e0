/**
 * What re-checking with new answers did to the findings: new, no longer reported, or changed. A finding
 * is never both new and no longer reported: the same check on both sides is "changed" (its text moved
 * with the answers), only a surplus is new or gone. Pure.
 */
import type { Finding } from '../../main/model/finding';

/** The three lists a technician reads after re-checking. */
export interface FindingDiff {
  readonly added: readonly Finding[];
  readonly removed: readonly Finding[];
  readonly changed: ReadonlyArray<{ readonly before: Finding; readonly after: Finding }>;
}

const same = (a: Finding, b: Finding): boolean => a.checkId === b.checkId && a.severity === b.severity && a.message === b.message;

/** Findings before and after, matched per check: identical ones drop out, the rest pair up in order. */
export function diffFindings(before: readonly Finding[], after: readonly Finding[]): FindingDiff {
  const added: Finding[] = [];
  const removed: Finding[] = [];
  const changed: Array<{ before: Finding; after: Finding }> = [];
  const ids = [...new Set([...before.map((f) => f.checkId), ...after.map((f) => f.checkId)])];
  for (const id of ids) {
    const b = before.filter((f) => f.checkId === id);
    const a = after.filter((f) => f.checkId === id);
    const left = b.filter((fb) => {
      const i = a.findIndex((fa) => same(fa, fb));
      if (i < 0) return true;
      a.splice(i, 1);
      return false;
    });
    while (left.length && a.length) changed.push({ before: left.shift() as Finding, after: a.shift() as Finding });
    removed.push(...left);
    added.push(...a);
  }
  return { added, removed, changed };
}
