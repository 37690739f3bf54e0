/** Writing a bundle to disk (CLI, app): the zip atomically, and a pseudonym map beside it — never inside. */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { BundleError } from './format';
import type { ExportedBundle } from './export';
import type { PseudonymEntry } from './pseudonymise';

/** "out.zip" → "out.map.json" (the file that turns tokens back into names; it stays on this PC). */
export function mapPathFor(zipPath: string): string {
  return `${zipPath.replace(/\.zip$/i, '')}.map.json`;
}

/** Where the app keeps pseudonym maps when the zip is saved by the UI (per-user, never shared). */
export function defaultMapDir(): string {
  const base = process.env.LOCALAPPDATA ?? join(homedir(), '.lyncdoctor');
  return join(base, process.env.LOCALAPPDATA ? 'LyncDoctor' : '', 'pseudonym-maps');
}

export interface PseudonymMapFile {
  readonly format: 'lync-doctor-pseudonym-map';
  readonly bundle: string;
  readonly bundleSha256: string;
  readonly createdAt: string;
  readonly note: string;
  readonly entries: readonly PseudonymEntry[];
}

async function writeAtomic(path: string, data: Buffer | string, mode = 0o644): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  try {
    await fs.writeFile(tmp, data, { mode, flag: 'wx' });
    await fs.rename(tmp, path);
  } catch (e) {
    await fs.rm(tmp, { force: true }).catch(() => undefined);
    const err = e as NodeJS.ErrnoException;
    const hint = err.code === 'ENOENT' ? 'the folder does not exist' : err.code === 'EACCES' || err.code === 'EPERM' ? 'no permission to write there' : err.message;
    throw new BundleError('write-failed', `could not write ${path}: ${hint}`);
  }
}

/** Writes the pseudonym map for a bundle to `mapPath` (owner-only permissions). */
export async function writePseudonymMap(mapPath: string, bundleName: string, zip: Buffer, mapping: readonly PseudonymEntry[], now: Date): Promise<void> {
  const file: PseudonymMapFile = {
    format: 'lync-doctor-pseudonym-map',
    bundle: bundleName,
    bundleSha256: createHash('sha256').update(zip).digest('hex'),
    createdAt: now.toISOString(),
    note: 'Keep this file on this PC. It turns the tokens in the bundle back into real names: never send it with the bundle.',
    entries: mapping,
  };
  await writeAtomic(mapPath, `${JSON.stringify(file, null, 1)}\n`, 0o600);
}

/** Writes the zip; for a pseudonymised bundle also its map beside it. Returns the paths written. */
export async function saveBundle(zipPath: string, bundle: ExportedBundle, now: Date = new Date()): Promise<{ zipPath: string; mapPath: string | null }> {
  await writeAtomic(zipPath, bundle.zip);
  if (!bundle.mapping) return { zipPath, mapPath: null };
  const mapPath = mapPathFor(zipPath);
  await writePseudonymMap(mapPath, basename(zipPath), bundle.zip, bundle.mapping, now);
  return { zipPath, mapPath };
}
