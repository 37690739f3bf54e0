/**
 * Compares two diagnoses ("did the fix work?", "why does Alice work and Bob not?"): which findings
 * appeared, disappeared or changed, and which collected facts differ. Facts are found by walking the
 * Snapshots generically, so a new section is compared without code here; list items are matched by
 * their identity (thumbprint, role, name…) rather than position. Pure.
 */
import type { CompareResult, DiagnosisView } from '../model/api';
import type { Finding } from '../model/finding';
import type { Snapshot } from '../model/snapshot';

type Fact = CompareResult['facts'][number];

/** Fields that identify a list item, tried alone, then in pairs, then in threes. */
const IDENTITY_FIELDS = ['id', 'thumbprint', 'role', 'name', 'store', 'hive', 'keyPath', 'url', 'endpoint', 'host', 'target', 'address', 'server', 'version', 'type'];
/** Keys that always differ between runs and say nothing about the problem. */
const IGNORED_KEYS = new Set(['durationMs']);
export const MAX_FACTS = 2000;
const ABSENT = '(absent)';

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isScalar = (v: unknown): boolean => v === null || ['string', 'number', 'boolean'].includes(typeof v);

function show(v: unknown): string {
  if (v === undefined) return ABSENT;
  if (v === null) return 'null';
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s.length > 200 ? `${s.slice(0, 120)}… (${s.length} characters)` : s;
}

/** The fields (1–3) whose values tell the items of each list apart (present in all items of both); null when none do. */
function identity(before: ReadonlyArray<Record<string, unknown>>, after: ReadonlyArray<Record<string, unknown>>): string[] | null {
  const all = [...before, ...after];
  const present = IDENTITY_FIELDS.filter((f) => all.every((i) => isScalar(i[f]) && i[f] !== null && i[f] !== ''));
  const uniqueIn = (items: ReadonlyArray<Record<string, unknown>>, fields: string[]): boolean => new Set(items.map((i) => fields.map((f) => String(i[f])).join('/'))).size === items.length;
  const unique = (fields: string[]): boolean => uniqueIn(before, fields) && uniqueIn(after, fields);
  for (const f of present) if (unique([f])) return [f];
  for (let a = 0; a < present.length; a++) for (let b = a + 1; b < present.length; b++) if (unique([present[a] as string, present[b] as string])) return [present[a] as string, present[b] as string];
  if (present.length >= 3 && unique(present.slice(0, 3))) return present.slice(0, 3);
  return null;
}

function leaf(area: string, path: string, before: unknown, after: unknown, out: Fact[]): void {
  const text = (v: unknown): string => (Array.isArray(v) ? (v.length ? v.map(show).sort().join(', ') : '(none)') : show(v));
  const b = text(before);
  const a = text(after);
  if (b !== a) out.push({ area, key: path, before: b, after: a });
}

/** Walks two JSON values side by side, adding a fact for every leaf that differs. */
function walk(area: string, path: string, before: unknown, after: unknown, out: Fact[]): void {
  if (out.length >= MAX_FACTS || (before === undefined && after === undefined)) return;
  const join = (k: string): string => (path ? `${path}.${k}` : k);
  const objectList = (v: unknown): v is unknown[] => Array.isArray(v) && v.length > 0 && v.every(isObj);
  if ((isObj(before) || before === undefined) && (isObj(after) || after === undefined)) {
    // Objects (or one side absent: its leaves are listed so a new or vanished item reads in full).
    const b = (before ?? {}) as Record<string, unknown>;
    const a = (after ?? {}) as Record<string, unknown>;
    for (const k of new Set([...Object.keys(b), ...Object.keys(a)])) if (!IGNORED_KEYS.has(k)) walk(area, join(k), b[k], a[k], out);
    return;
  }
  const bList = Array.isArray(before) ? before : before === undefined ? [] : null;
  const aList = Array.isArray(after) ? after : after === undefined ? [] : null;
  if (bList && aList && (objectList(bList) || objectList(aList)) && [...bList, ...aList].every(isObj)) {
    const id = identity(bList as Array<Record<string, unknown>>, aList as Array<Record<string, unknown>>);
    const keyOf = (item: unknown, i: number): string => (id ? id.map((f) => String((item as Record<string, unknown>)[f])).join('/') : String(i));
    const bm = new Map(bList.map((x, i) => [keyOf(x, i), x] as const));
    const am = new Map(aList.map((x, i) => [keyOf(x, i), x] as const));
    for (const k of new Set([...bm.keys(), ...am.keys()])) walk(area, `${path}[${k}]`, bm.get(k), am.get(k), out);
    return;
  }
  leaf(area, path, before, after, out);
}

/** Facts that differ between two Snapshots, per area (input, host, answers, then each section). */
export function compareFacts(before: Snapshot, after: Snapshot): Fact[] {
  const out: Fact[] = [];
  walk('input', '', before.input, after.input, out);
  walk('host', '', before.host, after.host, out);
  walk('answers', '', before.answers, after.answers, out);
  const ids = [...new Set([...Object.keys(before.sections), ...Object.keys(after.sections)])];
  for (const id of ids) {
    const b = (before.sections as Record<string, unknown>)[id];
    const a = (after.sections as Record<string, unknown>)[id];
    walk(id, '', b, a, out);
  }
  return out.slice(0, MAX_FACTS);
}

const sameFinding = (a: Finding, b: Finding): boolean =>
  a.severity === b.severity && a.message === b.message && JSON.stringify(a.evidence) === JSON.stringify(b.evidence);
const subject = (f: Finding): string => (f.evidence[0] ? `${f.evidence[0].label}\u0000${f.evidence[0].value}` : '');

/** Findings appeared / disappeared / changed, matched per check id, then by subject. */
export function compareFindings(before: readonly Finding[], after: readonly Finding[]): Pick<CompareResult, 'appeared' | 'disappeared' | 'changed'> {
  const appeared: Finding[] = [];
  const disappeared: Finding[] = [];
  const changed: Array<{ before: Finding; after: Finding }> = [];
  const ids = [...new Set([...before.map((f) => f.checkId), ...after.map((f) => f.checkId)])];
  for (const id of ids) {
    let b = before.filter((f) => f.checkId === id);
    let a = after.filter((f) => f.checkId === id);
    // identical on both sides: unchanged
    const aLeft = [...a];
    b = b.filter((fb) => {
      const i = aLeft.findIndex((fa) => sameFinding(fa, fb));
      if (i < 0) return true;
      aLeft.splice(i, 1);
      return false;
    });
    a = aLeft;
    // same check about the same thing (first evidence), or the only one on each side: changed
    for (const fb of [...b]) {
      const i = a.findIndex((fa) => subject(fa) === subject(fb));
      if (i >= 0) {
        changed.push({ before: fb, after: a[i] as Finding });
        a.splice(i, 1);
        b = b.filter((x) => x !== fb);
      }
    }
    if (b.length === 1 && a.length === 1) {
      changed.push({ before: b[0] as Finding, after: a[0] as Finding });
      continue;
    }
    disappeared.push(...b);
    appeared.push(...a);
  }
  return { appeared, disappeared, changed };
}

/** The whole comparison of two diagnoses. */
export function compareDiagnoses(before: DiagnosisView, after: DiagnosisView): CompareResult {
  return { ...compareFindings(before.findings, after.findings), facts: compareFacts(before.snapshot, after.snapshot) };
}
