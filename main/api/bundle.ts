/**
 * The bundle verbs of the API (main/model/api.ts): preview, export, import, compare. The transport
 * (IPC, loopback bridge) carries zips as base64; refusals are BundleErrors (map them to 'refused').
 */
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import type { ArticleLookup } from '../checks/run';
import { analyze } from '../diagnose';
import { articleLookup } from '../kb/lookup';
import type { BundleEntryInfo, BundleFile, CompareResult, DiagnosisView, ExportedBundleFile, RedactionLevel } from '../model/api';
import type { RawArtifact, Snapshot } from '../model/snapshot';
import { compareDiagnoses, matchModeFor } from '../bundle/compare';
import { exportBundle } from '../bundle/export';
import { journalArtifact } from '../fix/bundle';
import { BundleError, DEFAULT_IMPORT_LIMITS } from '../bundle/format';
import { importBundle, type ImportedBundle } from '../bundle/import';
import type { PseudonymiserOptions } from '../bundle/pseudonymise';
import { defaultMapDir, writePseudonymMap } from '../bundle/save';
import { liveRunOf } from './provenance';

export interface BundleApiOptions {
  readonly now?: () => Date;
  /** Raw outputs to include (default: those remembered for this Snapshot, see rememberRawArtifacts). */
  readonly raw?: readonly RawArtifact[];
  /** Folder for pseudonym maps (default: the user's local app data). */
  readonly mapDir?: string;
  readonly pseudonym?: PseudonymiserOptions;
  readonly articles?: ArticleLookup;
}

const RAW_CACHE_SIZE = 8;
const rawCache = new Map<string, readonly RawArtifact[]>();
const snapshotKey = (s: Snapshot | null | undefined): string => `${String(s?.createdAt)}\u0000${String(s?.input?.sipAddress ?? '')}`;

/**
 * Remembers a diagnosis's raw outputs so a later bundleExport of its view includes them (the view
 * that crosses IPC carries only snapshot and findings). Keeps the last few diagnoses.
 */
export function rememberRawArtifacts(snapshot: Snapshot, raw: readonly RawArtifact[]): void {
  const key = snapshotKey(snapshot);
  rawCache.delete(key);
  rawCache.set(key, raw);
  while (rawCache.size > RAW_CACHE_SIZE) rawCache.delete(rawCache.keys().next().value as string);
}

/** Raw outputs for an export: the diagnosis's own, plus this PC's fix journal for a live run (decided server-side). */
function rawFor(view: DiagnosisView, opts: BundleApiOptions): readonly RawArtifact[] {
  const raw = opts.raw ?? rawCache.get(snapshotKey(view?.snapshot)) ?? [];
  if (!liveRunOf(view?.snapshot)) return raw; // the journal goes only with a diagnosis this process made here
  const journal = journalArtifact();
  return journal ? [...raw, journal] : raw;
}

/** A file name for the bundle that says what it is without naming anyone when pseudonymised. */
export function bundleFileName(view: DiagnosisView, redaction: RedactionLevel, now: Date): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  const who = redaction === 'pseudonymise' ? 'pseudonymised' : String(view.snapshot.input?.sipAddress ?? 'diagnosis').replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 60);
  return `lyncdoctor-${who}-${stamp}.zip`;
}

function decodeFile(file: BundleFile): Buffer {
  if (!file || typeof file.base64 !== 'string') throw new BundleError('not-a-zip', 'no bundle data received');
  const b64 = file.base64.replace(/\s+/g, '');
  if (b64.length > Math.ceil((DEFAULT_IMPORT_LIMITS.maxZipBytes * 4) / 3) + 4) throw new BundleError('too-large', `the bundle is larger than ${DEFAULT_IMPORT_LIMITS.maxZipBytes} bytes`);
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(b64)) throw new BundleError('not-a-zip', 'the bundle data is not base64');
  return Buffer.from(b64, 'base64');
}

/** The entries a bundle would contain, with sizes (nothing is written). */
export async function bundlePreview(view: DiagnosisView, redaction: RedactionLevel, opts: BundleApiOptions = {}): Promise<readonly BundleEntryInfo[]> {
  const b = await exportBundle({ snapshot: view?.snapshot, findings: view?.findings, raw: rawFor(view, opts) }, { redaction, now: opts.now, pseudonym: opts.pseudonym });
  return b.entries;
}

/** Builds the bundle; a pseudonymised one leaves its map in the local map folder (never in the zip). */
export async function bundleExport(view: DiagnosisView, redaction: RedactionLevel, opts: BundleApiOptions = {}): Promise<ExportedBundleFile> {
  const now = (opts.now ?? (() => new Date()))();
  const b = await exportBundle({ snapshot: view?.snapshot, findings: view?.findings, raw: rawFor(view, opts) }, { redaction, now: () => now, pseudonym: opts.pseudonym });
  const fileName = bundleFileName(view, redaction, now);
  if (b.mapping) {
    const dir = opts.mapDir ?? defaultMapDir();
    await fs.mkdir(dir, { recursive: true, mode: 0o700 }).catch((e: Error) => {
      throw new BundleError('write-failed', `could not create the pseudonym map folder ${dir}: ${e.message}`);
    });
    const mapPath = join(dir, fileName.replace(/\.zip$/, '.map.json'));
    await writePseudonymMap(mapPath, fileName, b.zip, b.mapping, now);
    return { fileName, base64: b.zip.toString('base64'), mapPath };
  }
  return { fileName, base64: b.zip.toString('base64') };
}

/** Re-runs the current checks on an imported Snapshot, judged as of its capture time. */
export function analyzeImported(imported: ImportedBundle, articles: ArticleLookup = articleLookup()): DiagnosisView & { readonly checkFailures: ReturnType<typeof analyze>['checkFailures'] } {
  const r = analyze(imported.snapshot, { articles, at: new Date(imported.snapshot.createdAt) });
  return { snapshot: imported.snapshot, findings: r.findings, checkFailures: r.checkFailures };
}

/** Opens a bundle (read-only view); its raw outputs are remembered so it can be re-exported. */
export async function bundleImport(file: BundleFile, opts: BundleApiOptions = {}): Promise<DiagnosisView> {
  const imported = await importBundle(decodeFile(file));
  rememberRawArtifacts(imported.snapshot, imported.raw);
  const { snapshot, findings } = analyzeImported(imported, opts.articles);
  return { snapshot, findings, importedFrom: typeof file.fileName === 'string' ? file.fileName.slice(0, 260) : 'bundle' };
}

/** Compares two bundles, each re-analysed with the current checks. */
export async function bundleCompare(before: BundleFile, after: BundleFile, opts: BundleApiOptions = {}): Promise<CompareResult> {
  const open = (f: BundleFile, which: string): Promise<ImportedBundle> =>
    Promise.resolve()
      .then(() => importBundle(decodeFile(f)))
      .catch((e: unknown) => {
        throw e instanceof BundleError ? new BundleError(e.code, `${which} bundle: ${e.message}`) : e;
      });
  const [b, a] = await Promise.all([open(before, 'first ("before")'), open(after, 'second ("after")')]);
  return compareDiagnoses(analyzeImported(b, opts.articles), analyzeImported(a, opts.articles), matchModeFor(b.manifest.redaction.level, a.manifest.redaction.level));
}
