/** The bundle format: entry names, manifest shape, limits, and the one error type import/export use. */
import type { RedactionLevel } from '../model/api';

/** Current bundle format version; older versions are migrated on import (see migrate.ts). */
export const BUNDLE_FORMAT_VERSION = 1;

export const ENTRY = {
  manifest: 'manifest.json',
  snapshot: 'snapshot.json',
  findings: 'findings.json',
  answers: 'answers.json',
  report: 'report.html',
} as const;

export const RAW_PREFIX = 'raw/';

export interface ManifestEntry {
  readonly name: string;
  readonly bytes: number;
  readonly sha256: string;
}

export interface Manifest {
  readonly format: 'lync-doctor-bundle';
  readonly formatVersion: number;
  readonly tool: { readonly name: 'lync-doctor'; readonly version: string };
  /** When the bundle was written. */
  readonly createdAt: string;
  /** When the Snapshot was captured (findings are judged as of this time). */
  readonly snapshotCreatedAt: string;
  readonly os: { readonly platform: string; readonly release: string; readonly arch: string };
  readonly redaction: { readonly level: RedactionLevel; readonly removed: Readonly<Record<string, number>> };
  /** Every other entry of the zip with its size and SHA-256 (the manifest itself is not listed). */
  readonly entries: readonly ManifestEntry[];
}

/** Import limits: a bundle outside them is refused before anything is parsed. */
export interface ImportLimits {
  readonly maxZipBytes: number;
  readonly maxEntries: number;
  readonly maxEntryBytes: number;
  readonly maxTotalBytes: number;
  /**
   * Largest uncompressed/compressed ratio accepted for entries above `ratioFloorBytes`. Deflate tops out
   * near 1032:1, so this catches the classic single-byte bombs; the hard bounds are the byte caps,
   * streamed byte counting and the overlapping-entries check.
   */
  readonly maxRatio: number;
  readonly ratioFloorBytes: number;
  readonly maxNameLength: number;
}

export const DEFAULT_IMPORT_LIMITS: ImportLimits = {
  maxZipBytes: 64 * 1024 * 1024,
  maxEntries: 2000,
  maxEntryBytes: 32 * 1024 * 1024,
  maxTotalBytes: 96 * 1024 * 1024,
  maxRatio: 1000,
  ratioFloorBytes: 1024 * 1024,
  maxNameLength: 240,
};

export type BundleErrorCode =
  | 'not-a-zip'
  | 'too-large'
  | 'too-many-entries'
  | 'unsafe-path'
  | 'symlink'
  | 'compression-bomb'
  | 'encrypted'
  | 'duplicate-entry'
  | 'unexpected-entry'
  | 'missing-entry'
  | 'checksum-mismatch'
  | 'invalid-json'
  | 'schema'
  | 'unsupported-version'
  | 'leak'
  | 'write-failed';

/** Why a bundle was refused (or could not be written), in words a technician can act on. */
export class BundleError extends Error {
  constructor(
    readonly code: BundleErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'BundleError';
  }
}

/**
 * A raw artifact's place in the zip: raw/<collectorId>/<name>, each segment made safe. `taken` holds the names
 * given so far (lower case) and their folders (with a trailing slash): no name is given twice, and no name is
 * both a file and a folder, which the importer refuses.
 */
export function rawEntryName(collectorId: string, name: string, taken: Set<string>): string {
  const seg = (s: string): string => {
    const clean = s.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '_').slice(0, 80);
    return clean || '_';
  };
  const parts = name.split(/[\\/]+/).filter((p) => p.length > 0).map(seg);
  const folders = (path: string): string[] => path.split('/').slice(0, -1).map((_, i, a) => a.slice(0, i + 1).join('/'));
  let base = `${RAW_PREFIX}${seg(collectorId)}/${(parts.length ? parts : ['output']).join('/')}`;
  // A folder on the way that is already a file: keep this artifact flat beside it instead.
  if (folders(base.toLowerCase()).some((f) => taken.has(f))) base = `${RAW_PREFIX}${seg(collectorId)}/${parts.join('_')}`;
  let candidate = base;
  for (let i = 2; taken.has(candidate.toLowerCase()) || taken.has(`${candidate.toLowerCase()}/`); i++) candidate = `${base}.${i}`;
  taken.add(candidate.toLowerCase());
  for (const f of folders(candidate.toLowerCase())) taken.add(`${f}/`);
  return candidate;
}

/** Safe entry names: relative, forward slashes, no dot segments, plain characters. */
export const SAFE_ENTRY_NAME = /^(?!\.)[A-Za-z0-9._-]+(?:\/(?!\.)[A-Za-z0-9._-]+)*$/;
