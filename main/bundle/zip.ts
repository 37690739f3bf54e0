/**
 * Zip in memory only: yazl writes, yauzl reads from a Buffer. Nothing is ever extracted to disk, and
 * every entry is checked (name, type, size, compression ratio) before a byte of it is inflated.
 */
import type { Readable } from 'node:stream';
import * as yauzl from 'yauzl';
import * as yazl from 'yazl';
import { decodeEntryName, quoteEntryName } from './entry-name';
import { BundleError, SAFE_ENTRY_NAME, type ImportLimits } from './format';

export interface ZipEntryData {
  readonly name: string;
  readonly data: Buffer;
}

/** Writes entries (in the given order) into one zip, timestamps fixed so the bytes are reproducible. */
export function writeZip(entries: readonly ZipEntryData[], mtime: Date): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const zip = new yazl.ZipFile();
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (c: Buffer) => chunks.push(c));
    zip.outputStream.on('error', reject);
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
    try {
      for (const e of entries) zip.addBuffer(e.data, e.name, { mtime, mode: 0o100644, compress: true, forceDosTimestamp: true });
      zip.end();
    } catch (e) {
      reject(e);
    }
  });
}

/** What a technician can do about a zip we cannot read: get the file again. */
const ASK_AGAIN = 'ask for the bundle again';

const S_IFMT = 0o170000;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;
const S_IFLNK = 0o120000;

/**
 * Why an entry name is unsafe, or null when it is a plain relative path. `name` holds the raw bytes one per
 * character (what is checked); `shown` is the same name decoded as the archive says (what the message quotes).
 */
export function unsafeNameReason(name: string, maxLength: number, shown: string = name): string | null {
  if (name.length === 0) return 'an empty entry name';
  if (name.length > maxLength) return `an entry name longer than ${maxLength} characters`;
  const q = quoteEntryName(shown);
  // Windows reads a backslash as a separator, so ..\ climbs out there just as ../ does everywhere.
  if (name.split(/[\\/]/).some((s) => s === '..')) return `a path that climbs out of the bundle (${q})`;
  if (name.includes('\\')) return `a backslash path (${q})`;
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) return `an absolute path (${q})`;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(name)) return `a control character in an entry name (${q})`;
  const plain = name.endsWith('/') ? name.slice(0, -1) : name;
  if (!SAFE_ENTRY_NAME.test(plain)) return `an unexpected entry name (${q})`;
  return null;
}

/**
 * Records an entry's path (lower case, no trailing slash) and its parent folders; returns the length of the
 * path that is both a file and a folder (a/b as a file beside a/b/ or a/b/c), or null. Nothing can lay such
 * a bundle out as files, so it is refused like a duplicate.
 */
function fileFolderClash(path: string, isDir: boolean, files: Set<string>, dirs: Set<string>): number | null {
  for (let i = path.indexOf('/'); i > 0; i = path.indexOf('/', i + 1)) {
    const parent = path.slice(0, i);
    if (files.has(parent)) return i;
    dirs.add(parent);
  }
  if (isDir ? files.has(path) : dirs.has(path)) return path.length;
  (isDir ? dirs : files).add(path);
  return null;
}

function readEntryData(zip: yauzl.ZipFile, entry: yauzl.Entry, cap: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const fail = (e: unknown): void => {
      const msg = (e as Error)?.message ?? String(e);
      if (e instanceof BundleError) reject(e);
      else if (/too many bytes/i.test(msg)) reject(new BundleError('compression-bomb', `refused: an entry inflates beyond its declared size of ${cap} bytes (a compression bomb or a damaged zip)`));
      else reject(new BundleError('not-a-zip', `the zip is damaged: ${msg} — ${ASK_AGAIN}`));
    };
    try {
      zip.openReadStream(entry, (err: Error | null, stream: Readable) => {
        if (err || !stream) return fail(err ?? new Error('no data stream'));
        const chunks: Buffer[] = [];
        let n = 0;
        stream.on('error', fail);
        stream.on('data', (c: Buffer) => {
          n += c.length;
          if (n > cap) {
            stream.destroy();
            fail(new BundleError('compression-bomb', `an entry inflates beyond its declared size of ${cap} bytes — refused as a compression bomb`));
          } else chunks.push(c);
        });
        stream.on('end', () => resolve(Buffer.concat(chunks)));
      });
    } catch (e) {
      fail(e);
    }
  });
}

/**
 * yauzl's reason for refusing to open a zip, in a technician's words where we know it better: bytes after
 * the end record (yauzl: "Invalid comment length. Expected: N. Found: M") mean the file was changed or damaged
 * on its way.
 */
function openProblem(message: string): string {
  const m = /Invalid comment length\. Expected: (\d+)\. Found: (\d+)/.exec(message);
  const extra = m ? Number(m[1]) - Number(m[2]) : 0;
  if (extra > 0) return `: ${extra} extra byte${extra === 1 ? '' : 's'} after its end (changed or damaged after export?) — ${ASK_AGAIN}`;
  return ` (${message}) — is it the .zip Lync Doctor wrote? If so, ${ASK_AGAIN}`;
}

/** Reads every file entry of a zip held in memory, refusing anything unsafe with a clear reason. */
export async function readZip(buf: Buffer, limits: ImportLimits): Promise<ZipEntryData[]> {
  if (buf.length > limits.maxZipBytes) throw new BundleError('too-large', `the bundle is ${buf.length} bytes; at most ${limits.maxZipBytes} are accepted`);
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.fromBufferPromise(buf, { lazyEntries: true, decodeStrings: false, validateEntrySizes: true, autoClose: true });
  } catch (e) {
    throw new BundleError('not-a-zip', `not a readable zip file${openProblem((e as Error).message)}`);
  }
  // yauzl reports each problem once through 'error'; a listener must always be there so a late
  // error can never become an uncaught exception (the per-entry listeners below turn it into a refusal).
  zip.on('error', () => undefined);
  if (zip.entryCount > limits.maxEntries) {
    zip.close();
    throw new BundleError('too-many-entries', `the bundle has ${zip.entryCount} entries; at most ${limits.maxEntries} are accepted`);
  }
  const out: ZipEntryData[] = [];
  const seen = new Set<string>();
  const files = new Set<string>();
  const dirs = new Set<string>();
  const ranges: Array<[number, number]> = [];
  let total = 0;
  try {
    for (;;) {
      const entry = await new Promise<yauzl.Entry | null>((resolve, reject) => {
        const onEntry = (e: yauzl.Entry): void => {
          cleanup();
          resolve(e);
        };
        const onEnd = (): void => {
          cleanup();
          resolve(null);
        };
        const onError = (e: Error): void => {
          cleanup();
          // yauzl stops at a strongly encrypted entry's central header, before handing it over.
          if (/strong encryption/i.test(e.message)) reject(new BundleError('encrypted', 'refused: an entry is encrypted (strong encryption); bundles are never encrypted'));
          else reject(new BundleError('not-a-zip', `the zip is damaged: ${e.message} — ${ASK_AGAIN}`));
        };
        const cleanup = (): void => {
          zip.off('entry', onEntry);
          zip.off('end', onEnd);
          zip.off('error', onError);
        };
        zip.on('entry', onEntry);
        zip.on('end', onEnd);
        zip.on('error', onError);
        try {
          zip.readEntry();
        } catch (e) {
          onError(e as Error);
        }
      });
      if (!entry) break;
      const rawName = entry.fileName as unknown;
      const name = Buffer.isBuffer(rawName) ? rawName.toString('latin1') : String(rawName);
      const shown = Buffer.isBuffer(rawName) ? decodeEntryName(rawName, entry.generalPurposeBitFlag) : name;
      const why = unsafeNameReason(name, limits.maxNameLength, shown);
      if (why) throw new BundleError('unsafe-path', `refused: the bundle contains ${why}`);
      const mode = (entry.externalFileAttributes >>> 16) & S_IFMT;
      if (mode === S_IFLNK) throw new BundleError('symlink', `refused: entry ${name} is a symbolic link`);
      if (mode !== 0 && mode !== S_IFREG && mode !== S_IFDIR) throw new BundleError('symlink', `refused: entry ${name} is not a regular file`);
      const key = name.toLowerCase();
      if (seen.has(key)) throw new BundleError('duplicate-entry', `refused: entry ${name} appears twice`);
      seen.add(key);
      const isDir = name.endsWith('/') || mode === S_IFDIR;
      const clash = fileFolderClash(key.replace(/\/$/, ''), isDir, files, dirs);
      if (clash !== null) throw new BundleError('duplicate-entry', `refused: ${name.slice(0, clash)} is both a file and a folder in the bundle`);
      if (isDir) {
        if (entry.uncompressedSize !== 0) throw new BundleError('unsafe-path', `refused: directory entry ${name} carries data`);
        continue;
      }
      if (entry.isEncrypted()) throw new BundleError('encrypted', `refused: entry ${name} is encrypted`);
      if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) throw new BundleError('not-a-zip', `refused: entry ${name} uses compression method ${entry.compressionMethod} (bundles use only stored or deflate) — ${ASK_AGAIN} as Lync Doctor exported it`);
      if (entry.uncompressedSize > limits.maxEntryBytes) throw new BundleError('too-large', `refused: entry ${name} is ${entry.uncompressedSize} bytes; at most ${limits.maxEntryBytes} are accepted`);
      const ratio = entry.uncompressedSize / Math.max(1, entry.compressedSize);
      if (entry.uncompressedSize > limits.ratioFloorBytes && ratio > limits.maxRatio) {
        throw new BundleError('compression-bomb', `refused: entry ${name} would inflate ${Math.round(ratio)}× (${entry.uncompressedSize} bytes) — a compression bomb`);
      }
      // Entries whose data overlap (several directory entries pointing into the same bytes) are the
      // trick behind non-recursive zip bombs; the local header is at least 30 bytes + the name.
      const start = entry.relativeOffsetOfLocalHeader;
      const end = start + 30 + entry.fileNameLength + entry.compressedSize;
      if (ranges.some(([s, e]) => start < e && s < end)) throw new BundleError('compression-bomb', `refused: entry ${name} overlaps another entry's data — a zip bomb trick`);
      ranges.push([start, end]);
      total += entry.uncompressedSize;
      if (total > limits.maxTotalBytes) throw new BundleError('too-large', `refused: the bundle inflates to more than ${limits.maxTotalBytes} bytes`);
      const data = await readEntryData(zip, entry, entry.uncompressedSize);
      if (data.length !== entry.uncompressedSize) throw new BundleError('not-a-zip', `the zip is damaged: entry ${name} is shorter than declared — ${ASK_AGAIN}`);
      out.push({ name, data });
    }
  } finally {
    try {
      zip.close();
    } catch {
      // already closed by autoClose
    }
  }
  return out;
}
