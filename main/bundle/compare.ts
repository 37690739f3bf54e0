/**
 * Compares two diagnoses ("did the fix work?", "why does Alice work and Bob not?"): which findings
 * appeared, disappeared or changed, and which collected facts differ. Facts are found by walking the
 * Snapshots generically, so a new section is compared without code here; list items are matched by
 * their identity (thumbprint, role, name…) rather than position. Pure.
 */
import type { CompareResult, DiagnosisView, RedactionLevel } from '../model/api';
import type { Finding } from '../model/finding';
import type { Snapshot } from '../model/snapshot';
import { pseudonymForm, pseudonymValue, usersIn } from './compare-pseudonym';
import { areaTitle, fieldWords, isoWords, itemSummary, itemWords } from './compare-words';

type Fact = CompareResult['facts'][number];

/** How values are matched: as they are, or by pseudonym when one side (or both, with other keys) was pseudonymised. */
export type MatchMode = CompareResult['matchedBy'];

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
  // An ISO time reads as date and time (the milliseconds of a certificate date say nothing).
  const s = typeof v === 'string' ? isoWords(v) : JSON.stringify(v);
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

/** One side of a comparison: the value as collected and the form it is compared in (the same, or by pseudonym). */
interface Side {
  readonly v: unknown;
  readonly c: unknown;
}

interface Acc {
  readonly facts: Fact[];
  unchanged: number;
}

interface At {
  readonly area: string;
  readonly path: string;
  /** What the path says in words, so far. */
  readonly words: readonly string[];
}

const label = (at: At, more?: string): string => [...at.words, ...(more ? [more] : [])].filter(Boolean).join(' · ') || areaTitle(at.area);
const NONE: Side = { v: undefined, c: undefined };
const text = (v: unknown): string => (Array.isArray(v) ? (v.length ? v.map(show).sort().join(', ') : '(none)') : show(v));

function leaf(at: At, before: Side, after: Side, acc: Acc): void {
  if (text(before.c) === text(after.c)) {
    acc.unchanged++;
    return;
  }
  acc.facts.push({ area: at.area, key: at.path, label: label(at), before: text(before.v), after: text(after.v) });
}

/** Walks two JSON values side by side, adding a fact for every leaf that differs (and counting those that do not). */
function walk(at: At, before: Side, after: Side, acc: Acc): void {
  if (acc.facts.length >= MAX_FACTS || (before.v === undefined && after.v === undefined)) return;
  const join = (k: string): string => (at.path ? `${at.path}.${k}` : k);
  const objectList = (v: unknown): v is unknown[] => Array.isArray(v) && v.length > 0 && v.every(isObj);
  if ((isObj(before.v) || before.v === undefined) && (isObj(after.v) || after.v === undefined)) {
    // Objects (or one side absent: its leaves are listed so a vanished section reads in full).
    const bv = (before.v ?? {}) as Record<string, unknown>;
    const av = (after.v ?? {}) as Record<string, unknown>;
    const bc = (before.c ?? {}) as Record<string, unknown>;
    const ac = (after.c ?? {}) as Record<string, unknown>;
    for (const k of new Set([...Object.keys(bv), ...Object.keys(av)])) {
      if (IGNORED_KEYS.has(k)) continue;
      walk({ area: at.area, path: join(k), words: [...at.words, fieldWords(k)] }, { v: bv[k], c: bc[k] }, { v: av[k], c: ac[k] }, acc);
    }
    return;
  }
  const bList = Array.isArray(before.v) ? before.v : before.v === undefined ? [] : null;
  const aList = Array.isArray(after.v) ? after.v : after.v === undefined ? [] : null;
  if (bList && aList && (objectList(bList) || objectList(aList)) && [...bList, ...aList].every(isObj)) {
    const bC = (Array.isArray(before.c) ? before.c : []) as Array<Record<string, unknown>>;
    const aC = (Array.isArray(after.c) ? after.c : []) as Array<Record<string, unknown>>;
    // Items are matched on their compared form (by pseudonym when the sides differ in redaction).
    const id = identity(bC, aC);
    const keyOf = (item: unknown, i: number): string => (id ? id.map((f) => String((item as Record<string, unknown>)[f])).join('/') : String(i));
    const bm = new Map(bC.map((x, i) => [keyOf(x, i), i] as const));
    const am = new Map(aC.map((x, i) => [keyOf(x, i), i] as const));
    const list = at.path.replace(/\[[^\]]*\]$/, '').split('.').pop() ?? '';
    const words = at.words.slice(0, -1);
    const gone: Fact[] = [];
    const added: Fact[] = [];
    for (const k of new Set([...bm.keys(), ...am.keys()])) {
      const bi = bm.get(k);
      const ai = am.get(k);
      const b = bi === undefined ? NONE : { v: bList[bi], c: bC[bi] };
      const a = ai === undefined ? NONE : { v: aList[ai], c: aC[ai] };
      const shownKey = id && (b.v ?? a.v) ? id.map((f) => String(((b.v ?? a.v) as Record<string, unknown>)[f])).join('/') : k;
      const item = itemWords(list, b.v ?? a.v, shownKey);
      const path = `${at.path}[${shownKey}]`;
      if (b.v === undefined || a.v === undefined) {
        // An item only one side has reads as one line, not one fact per field.
        const fact = { area: at.area, key: path, label: label({ ...at, words }, item), before: b.v === undefined ? ABSENT : itemSummary(b.v), after: a.v === undefined ? ABSENT : itemSummary(a.v) };
        (b.v === undefined ? added : gone).push(fact);
        continue;
      }
      walk({ area: at.area, path, words: [...words, item] }, b, a, acc);
    }
    // One item gone and one come in the same list: the list's one change (an SRV record's new target).
    if (gone.length === 1 && added.length === 1) {
      const g = gone[0] as Fact;
      const n = added[0] as Fact;
      acc.facts.push({ area: at.area, key: at.path, label: label(at), before: g.before, after: n.after });
    } else acc.facts.push(...gone, ...added);
    return;
  }
  leaf(at, before, after, acc);
}

/** Facts that differ between two Snapshots, per area (input, host, answers, then each section), and how many do not. */
export function compareSnapshots(before: Snapshot, after: Snapshot, mode: MatchMode = 'value'): { readonly facts: Fact[]; readonly unchanged: number } {
  const acc: Acc = { facts: [], unchanged: 0 };
  let bc: Snapshot = before;
  let ac: Snapshot = after;
  if (mode === 'pseudonym') {
    const users = new Set([...usersIn(before), ...usersIn(after)]);
    bc = pseudonymValue(before, users);
    ac = pseudonymValue(after, users);
  }
  const side = (v: Snapshot, c: Snapshot, k: 'input' | 'host' | 'answers'): Side => ({ v: v[k], c: c[k] });
  for (const k of ['input', 'host', 'answers'] as const) walk({ area: k, path: '', words: [areaTitle(k)] }, side(before, bc, k), side(after, ac, k), acc);
  const ids = [...new Set([...Object.keys(before.sections), ...Object.keys(after.sections)])];
  const sec = (s: Snapshot, id: string): unknown => (s.sections as Record<string, unknown>)[id];
  for (const id of ids) walk({ area: id, path: '', words: [areaTitle(id)] }, { v: sec(before, id), c: sec(bc, id) }, { v: sec(after, id), c: sec(ac, id) }, acc);
  return { facts: acc.facts.slice(0, MAX_FACTS), unchanged: acc.unchanged };
}

/** Facts that differ between two Snapshots, per area (input, host, answers, then each section). */
export function compareFacts(before: Snapshot, after: Snapshot, mode: MatchMode = 'value'): Fact[] {
  return compareSnapshots(before, after, mode).facts;
}

/** What a finding says, in the compared form (as is, or by pseudonym). */
type Said = (f: Finding) => { readonly message: string; readonly evidence: string; readonly subject: string };

function sayer(mode: MatchMode, users: ReadonlySet<string>): Said {
  const form = mode === 'pseudonym' ? (t: string): string => pseudonymForm(t, users) : (t: string): string => t;
  const memo = new Map<Finding, ReturnType<Said>>();
  return (f) => {
    let r = memo.get(f);
    if (!r) {
      r = { message: form(f.message), evidence: form(JSON.stringify(f.evidence)), subject: f.evidence[0] ? form(`${f.evidence[0].label}\u0000${f.evidence[0].value}`) : '' };
      memo.set(f, r);
    }
    return r;
  };
}

/**
 * Findings appeared / disappeared / changed, matched per check id, then by subject. A finding is never both
 * appeared and disappeared: what is left unpaired on both sides of one check is "changed".
 */
export function compareFindings(before: readonly Finding[], after: readonly Finding[], mode: MatchMode = 'value'): Pick<CompareResult, 'appeared' | 'disappeared' | 'changed'> {
  const said = sayer(mode, mode === 'pseudonym' ? new Set([...usersIn(before), ...usersIn(after)]) : new Set());
  const same = (a: Finding, b: Finding): boolean => a.severity === b.severity && said(a).message === said(b).message && said(a).evidence === said(b).evidence;
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
      const i = aLeft.findIndex((fa) => same(fa, fb));
      if (i < 0) return true;
      aLeft.splice(i, 1);
      return false;
    });
    a = aLeft;
    // same check about the same thing (first evidence): changed
    for (const fb of [...b]) {
      const i = a.findIndex((fa) => said(fa).subject === said(fb).subject);
      if (i >= 0) {
        changed.push({ before: fb, after: a[i] as Finding });
        a.splice(i, 1);
        b = b.filter((x) => x !== fb);
      }
    }
    // The rest of one check on both sides pairs up as changed, in order; only a surplus is new or gone.
    while (b.length && a.length) changed.push({ before: b.shift() as Finding, after: a.shift() as Finding });
    disappeared.push(...b);
    appeared.push(...a);
  }
  return { appeared, disappeared, changed };
}

/** Which way two bundles' values can be matched: as they are, unless pseudonymisation changed them on a side. */
export function matchModeFor(before: RedactionLevel | undefined, after: RedactionLevel | undefined): MatchMode {
  return before === 'pseudonymise' || after === 'pseudonymise' ? 'pseudonym' : 'value';
}

/** The whole comparison of two diagnoses (`mode`: see matchModeFor). */
export function compareDiagnoses(before: DiagnosisView, after: DiagnosisView, mode: MatchMode = 'value'): CompareResult {
  const facts = compareSnapshots(before.snapshot, after.snapshot, mode);
  return { ...compareFindings(before.findings, after.findings, mode), facts: facts.facts, unchanged: facts.unchanged, matchedBy: mode };
}
