/**
 * Reads a bundle someone sent: in memory only, every entry checked (paths, links, sizes, ratios,
 * checksums), older formats migrated, every JSON document validated before anything trusts it.
 * A hostile or damaged bundle is refused with a BundleError whose message says why.
 */
import { createHash } from 'node:crypto';
import type { QuestionnaireAnswers } from '../model/answers';
import type { Finding } from '../model/finding';
import { arr, checkJsonTree, isoDate, literal, num, obj, oneOf, record, str, validate, type Validator } from '../model/schema';
import type { RawArtifact, Snapshot } from '../model/snapshot';
import { validateAnswers } from '../model/validate-answers';
import { validateFindings, validateSnapshot } from '../model/validate-snapshot';
import { BUNDLE_FORMAT_VERSION, BundleError, DEFAULT_IMPORT_LIMITS, ENTRY, RAW_PREFIX, type ImportLimits, type Manifest, type ManifestEntry } from './format';
import { BUNDLE_MIGRATIONS, formatVersionOf, migrateBundle, migrateSnapshot, parseCheckedJson, type BundleMigration } from './migrate';
import { readZip } from './zip';

export interface ImportedBundle {
  readonly manifest: Manifest;
  readonly snapshot: Snapshot;
  /** Findings as recorded at export (re-run the checks for current ones). */
  readonly findings: readonly Finding[];
  readonly answers: QuestionnaireAnswers;
  readonly raw: readonly RawArtifact[];
  readonly reportHtml: string | null;
  /** Migration steps applied (empty for a current-format bundle). */
  readonly migrations: readonly string[];
}

export interface ImportOptions {
  readonly limits?: ImportLimits;
  readonly migrations?: readonly BundleMigration[];
}

const MAX_MANIFEST_BYTES = 1024 * 1024;

const manifestSchema = (maxEntries: number): Validator =>
  obj<Manifest>({
    format: literal('lync-doctor-bundle'),
    formatVersion: literal(BUNDLE_FORMAT_VERSION),
    tool: obj<Manifest['tool']>({ name: literal('lync-doctor'), version: str({ max: 64 }) }),
    createdAt: isoDate,
    snapshotCreatedAt: isoDate,
    os: obj<Manifest['os']>({ platform: str({ max: 64 }), release: str({ max: 128 }), arch: str({ max: 64 }) }),
    redaction: obj<Manifest['redaction']>({ level: oneOf(['standard', 'pseudonymise']), removed: record(num({ int: true, min: 0 }), 50) }),
    entries: arr(obj<ManifestEntry>({ name: str({ max: 300 }), bytes: num({ int: true, min: 0 }), sha256: str({ pattern: /^[0-9a-f]{64}$/ }) }), maxEntries),
  });

const sha256 = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

const parseJson = (data: Buffer, name: string): unknown => parseCheckedJson(data, name);

function schemaError(name: string, issues: readonly string[]): BundleError {
  return new BundleError('schema', `${name} does not have the expected structure: ${issues.slice(0, 3).join('; ')}${issues.length > 3 ? ` (and ${issues.length - 3} more)` : ''}`);
}

/** Canonical JSON (sorted keys) for comparing documents written by different producers. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

function verifyChecksums(files: ReadonlyMap<string, Buffer>, listed: ReadonlyMap<string, string>, sizes: ReadonlyMap<string, number> | null): void {
  for (const name of files.keys()) {
    if (!listed.has(name)) throw new BundleError('unexpected-entry', `refused: ${name} is in the zip but not in the manifest (added after export?)`);
  }
  for (const [name, expected] of listed) {
    const data = files.get(name);
    if (!data) throw new BundleError('missing-entry', `refused: the manifest lists ${name} but the zip does not contain it`);
    if (sizes && sizes.get(name) !== data.length) throw new BundleError('checksum-mismatch', `refused: ${name} is ${data.length} bytes, the manifest says ${sizes.get(name)}`);
    if (sha256(data) !== expected.toLowerCase()) throw new BundleError('checksum-mismatch', `refused: ${name} does not match its SHA-256 in the manifest (changed or damaged after export)`);
  }
}

/** Reads, verifies, migrates and validates a bundle held in memory. */
export async function importBundle(zip: Buffer, opts: ImportOptions = {}): Promise<ImportedBundle> {
  const limits = opts.limits ?? DEFAULT_IMPORT_LIMITS;
  const migrations = opts.migrations ?? BUNDLE_MIGRATIONS;
  const entries = await readZip(zip, limits);
  const manifestEntry = entries.find((e) => e.name === ENTRY.manifest);
  if (!manifestEntry) throw new BundleError('missing-entry', 'not a Lync Doctor bundle: manifest.json is missing');
  if (manifestEntry.data.length > MAX_MANIFEST_BYTES) throw new BundleError('too-large', 'manifest.json is larger than 1 MB');
  const manifestJson = parseJson(manifestEntry.data, ENTRY.manifest);
  const treeIssues: string[] = [];
  checkJsonTree(manifestJson, 'manifest', treeIssues);
  if (treeIssues.length) throw schemaError(ENTRY.manifest, treeIssues);
  const version = formatVersionOf(manifestJson);
  if (version > BUNDLE_FORMAT_VERSION) {
    throw new BundleError('unsupported-version', `this bundle was made by a newer Lync Doctor (format ${version}; this one reads up to ${BUNDLE_FORMAT_VERSION}) — update Lync Doctor to open it`);
  }
  const files = new Map(entries.filter((e) => e !== manifestEntry).map((e) => [e.name, e.data] as const));
  const manifestObj = manifestJson as Record<string, unknown>;

  if (version === BUNDLE_FORMAT_VERSION) {
    const issues = validate(manifestJson, manifestSchema(limits.maxEntries), 'manifest');
    if (issues.length) throw schemaError(ENTRY.manifest, issues);
    const m = manifestJson as Manifest;
    verifyChecksums(files, new Map(m.entries.map((e) => [e.name, e.sha256])), new Map(m.entries.map((e) => [e.name, e.bytes])));
  } else {
    const step = migrations.find((s) => s.from === version);
    if (!step) throw new BundleError('unsupported-version', `bundle format ${version} is too old for this Lync Doctor`);
    const listed = step.checksums(manifestObj);
    if (typeof listed === 'string') throw new BundleError('schema', `manifest.json: ${listed}`);
    verifyChecksums(files, listed, null);
  }

  const migrated = migrateBundle({ manifest: manifestObj, files }, migrations);
  const manifestIssues = validate(migrated.bundle.manifest, manifestSchema(limits.maxEntries), 'manifest');
  if (manifestIssues.length) throw schemaError(`${ENTRY.manifest} (after migration)`, manifestIssues);
  const manifest = migrated.bundle.manifest as unknown as Manifest;
  const data = migrated.bundle.files;

  for (const name of data.keys()) {
    const known = name === ENTRY.snapshot || name === ENTRY.findings || name === ENTRY.answers || name === ENTRY.report;
    if (!known && !(name.startsWith(RAW_PREFIX) && name.split('/').length >= 3)) throw new BundleError('unexpected-entry', `refused: unexpected entry ${name} (a bundle holds manifest, snapshot, findings, answers, report and raw/<area>/… only)`);
  }
  const need = (name: string): Buffer => {
    const b = data.get(name);
    if (!b) throw new BundleError('missing-entry', `not a complete bundle: ${name} is missing`);
    return b;
  };

  const snapshotRaw = migrateSnapshot(parseJson(need(ENTRY.snapshot), ENTRY.snapshot));
  const snap = validateSnapshot(snapshotRaw.snapshot);
  if (!snap.ok) throw schemaError(ENTRY.snapshot, snap.issues);
  const fnd = validateFindings(parseJson(need(ENTRY.findings), ENTRY.findings));
  if (!fnd.ok) throw schemaError(ENTRY.findings, fnd.issues);
  const answersJson = parseJson(need(ENTRY.answers), ENTRY.answers);
  const ans = validateAnswers(answersJson);
  if (!ans.ok) throw schemaError(ENTRY.answers, [ans.error]);
  if (canonical(answersJson) !== canonical(snap.value.answers)) throw new BundleError('schema', 'answers.json does not match the answers inside snapshot.json');
  if (Date.parse(manifest.snapshotCreatedAt) !== Date.parse(snap.value.createdAt)) throw new BundleError('schema', 'manifest.json and snapshot.json disagree on when the snapshot was captured');

  const raw: RawArtifact[] = [];
  for (const [name, b] of data) {
    if (!name.startsWith(RAW_PREFIX)) continue;
    const [, collectorId, ...rest] = name.split('/');
    raw.push({ collectorId: collectorId as string, name: rest.join('/'), content: b.toString('utf8') });
  }
  const report = data.get(ENTRY.report);
  return {
    manifest,
    snapshot: snap.value,
    findings: fnd.value,
    answers: ans.answers,
    raw,
    reportHtml: report ? report.toString('utf8') : null,
    migrations: [...migrated.applied, ...snapshotRaw.applied],
  };
}
