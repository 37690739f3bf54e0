/**
 * Format migrations, so a bundle written by an older Lync Doctor still imports and analyses.
 * Two chains: the bundle layout (entries, manifest) by `formatVersion`, and the Snapshot JSON by
 * `schemaVersion`. Each step goes from N to N+1 and is pure; checksums are verified against the
 * bundle as it was written, before the first step runs.
 *
 * Format 0 / schema 0 are a synthetic draft layout (never shipped) kept as the first step so the
 * mechanism is exercised by tests; real steps are added after it when the format changes.
 */
import { createHash } from 'node:crypto';
import { checkJsonTree, isPlainObject } from '../model/schema';
import { SNAPSHOT_SCHEMA_VERSION } from '../model/snapshot';
import { BUNDLE_FORMAT_VERSION, BundleError, ENTRY, type Manifest, type ManifestEntry } from './format';

/** The bundle as read from the zip: the manifest object and every other entry's bytes. */
export interface BundleFiles {
  readonly manifest: Readonly<Record<string, unknown>>;
  readonly files: ReadonlyMap<string, Buffer>;
}

export interface BundleMigration {
  /** Migrates format `from` to `from + 1`. */
  readonly from: number;
  readonly summary: string;
  /** How format `from` lists its entries' SHA-256 (name → hex), or a reason it cannot be read. */
  checksums(manifest: Readonly<Record<string, unknown>>): ReadonlyMap<string, string> | string;
  migrate(bundle: BundleFiles): BundleFiles;
}

export interface SnapshotMigration {
  /** Migrates schema `from` to `from + 1`. */
  readonly from: number;
  readonly summary: string;
  migrate(snapshot: Readonly<Record<string, unknown>>): Record<string, unknown>;
}

const sha256 = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

/**
 * Parses an entry and checks its depth, size and keys (checkJsonTree) before anything walks it: a migration
 * serialises what it read, and JSON.stringify on 100,000-deep input would overflow the stack.
 */
export function parseCheckedJson(b: Buffer | undefined, name: string): unknown {
  if (!b) throw new BundleError('missing-entry', `the bundle has no ${name}`);
  let value: unknown;
  try {
    value = JSON.parse(b.toString('utf8')) as unknown;
  } catch (e) {
    throw new BundleError('invalid-json', `${name} is not valid JSON (${(e as Error).message.slice(0, 120)})`);
  }
  const issues: string[] = [];
  checkJsonTree(value, name, issues);
  if (issues.length) throw new BundleError('schema', `${name} refused before reading it: ${issues.slice(0, 2).join('; ')}`);
  return value;
}

/** Format 0 (draft): one diagnosis.json {snapshot, findings, answers}, manifest {formatVersion, toolVersion, createdAt, files: {name: sha256}}. */
const bundleV0toV1: BundleMigration = {
  from: 0,
  summary: 'format 0 → 1: diagnosis.json split into snapshot.json, findings.json and answers.json; manifest lists entries with sizes',
  checksums(manifest) {
    const files = manifest.files;
    if (!isPlainObject(files)) return 'format 0 manifest has no "files" table';
    const out = new Map<string, string>();
    for (const [name, sha] of Object.entries(files)) {
      if (typeof sha !== 'string') return `format 0 manifest: checksum of ${name} is not a string`;
      out.set(name, sha);
    }
    return out;
  },
  migrate({ manifest, files }) {
    const doc = parseCheckedJson(files.get('diagnosis.json'), 'diagnosis.json');
    if (!isPlainObject(doc)) throw new BundleError('schema', 'diagnosis.json is not an object');
    const snapshot = isPlainObject(doc.snapshot) ? doc.snapshot : {};
    const next = new Map<string, Buffer>();
    // Schema-0 snapshots kept the answers only next to them: carry them inside, so snapshot and answers.json agree.
    const withAnswers = isPlainObject(doc.snapshot) && doc.snapshot.answers === undefined && isPlainObject(doc.answers) ? { ...doc.snapshot, answers: doc.answers } : (doc.snapshot ?? null);
    next.set(ENTRY.snapshot, Buffer.from(JSON.stringify(withAnswers)));
    next.set(ENTRY.findings, Buffer.from(JSON.stringify(doc.findings ?? [])));
    next.set(ENTRY.answers, Buffer.from(JSON.stringify(doc.answers ?? {})));
    for (const [name, data] of files) if (name !== 'diagnosis.json') next.set(name, data);
    const entries: ManifestEntry[] = [...next].map(([name, data]) => ({ name, bytes: data.length, sha256: sha256(data) }));
    const os = isPlainObject(snapshot.os) ? snapshot.os : isPlainObject(snapshot.host) ? snapshot.host : {};
    const migrated: Manifest = {
      format: 'lync-doctor-bundle',
      formatVersion: 1,
      tool: { name: 'lync-doctor', version: typeof manifest.toolVersion === 'string' ? manifest.toolVersion : 'unknown' },
      createdAt: typeof manifest.createdAt === 'string' ? manifest.createdAt : String(snapshot.createdAt ?? ''),
      snapshotCreatedAt: String(snapshot.createdAt ?? ''),
      os: { platform: String(os.platform ?? 'unknown'), release: String(os.release ?? ''), arch: String(os.arch ?? '') },
      redaction: { level: 'standard', removed: {} },
      entries,
    };
    return { manifest: migrated as unknown as Record<string, unknown>, files: next };
  },
};

/** Schema 0 (draft): host was called `os`, no `demo` flag, answers lived only next to the snapshot. */
const snapshotV0toV1: SnapshotMigration = {
  from: 0,
  summary: 'schema 0 → 1: `os` renamed `host`, `demo` flag added, `answers` added',
  migrate(s) {
    const { os, ...rest } = s;
    return { ...rest, schemaVersion: 1, host: rest.host ?? os, demo: rest.demo ?? false, answers: rest.answers ?? {} };
  },
};

export const BUNDLE_MIGRATIONS: readonly BundleMigration[] = [bundleV0toV1];
export const SNAPSHOT_MIGRATIONS: readonly SnapshotMigration[] = [snapshotV0toV1];

/** Runs one migration step; a stack overflow or other crash becomes a clean refusal, never a stack trace. */
function guarded<T>(run: () => T, what: string): T {
  try {
    return run();
  } catch (e) {
    if (e instanceof BundleError) throw e;
    throw new BundleError('schema', `the ${what} data could not be migrated (${e instanceof RangeError ? 'nested too deeply' : (e as Error).message.slice(0, 120)})`);
  }
}

/** Reads the format version every layout keeps at the top of its manifest. */
export function formatVersionOf(manifest: unknown): number {
  if (!isPlainObject(manifest)) throw new BundleError('schema', 'manifest.json is not a JSON object');
  const v = manifest.formatVersion;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) throw new BundleError('schema', 'manifest.json has no valid formatVersion');
  return v;
}

/** Runs the bundle steps from `bundle`'s version up to the current one; returns the step summaries. */
export function migrateBundle(bundle: BundleFiles, migrations: readonly BundleMigration[] = BUNDLE_MIGRATIONS, target = BUNDLE_FORMAT_VERSION): { bundle: BundleFiles; applied: string[] } {
  let current = bundle;
  const applied: string[] = [];
  for (let v = formatVersionOf(current.manifest); v < target; v = formatVersionOf(current.manifest)) {
    const step = migrations.find((m) => m.from === v);
    if (!step) throw new BundleError('unsupported-version', `bundle format ${v} is too old for this Lync Doctor (oldest readable: ${Math.min(target, ...migrations.map((m) => m.from))})`);
    current = guarded(() => step.migrate(current), `bundle format ${v}`);
    const after = formatVersionOf(current.manifest);
    if (after !== v + 1) throw new BundleError('unsupported-version', `migration from format ${v} produced format ${after}`);
    applied.push(step.summary);
  }
  return { bundle: current, applied };
}

/** Runs the Snapshot steps up to the current schema; the result still has to pass validation. */
export function migrateSnapshot(snapshot: unknown, migrations: readonly SnapshotMigration[] = SNAPSHOT_MIGRATIONS, target: number = SNAPSHOT_SCHEMA_VERSION): { snapshot: unknown; applied: string[] } {
  if (!isPlainObject(snapshot)) return { snapshot, applied: [] };
  let current: Record<string, unknown> = snapshot;
  const applied: string[] = [];
  for (;;) {
    const v = current.schemaVersion;
    if (typeof v !== 'number' || !Number.isInteger(v)) return { snapshot: current, applied };
    if (v > target) throw new BundleError('unsupported-version', `the snapshot uses schema ${v}, newer than this Lync Doctor reads (${target}) — update Lync Doctor to open it`);
    if (v === target) return { snapshot: current, applied };
    const step = migrations.find((m) => m.from === v);
    if (!step) throw new BundleError('unsupported-version', `snapshot schema ${v} is too old for this Lync Doctor`);
    const from = current;
    current = guarded(() => step.migrate(from), `snapshot schema ${v}`);
    if (current.schemaVersion !== v + 1) throw new BundleError('unsupported-version', `snapshot migration from schema ${v} did not produce schema ${v + 1}`);
    applied.push(step.summary);
  }
}
