/**
 * Hand-made zip files for importer tests: any entry name (../, /abs, C:\), unix modes (symlinks),
 * lying sizes, flags — the things a well-behaved zip library refuses to write.
 */
import { createHash } from 'node:crypto';
import { crc32, deflateRawSync } from 'node:zlib';

export interface CraftEntry {
  readonly name: string | Buffer;
  readonly data: Buffer | string;
  /** 0 stored, 8 deflate (default 8). */
  readonly method?: number;
  /** Overrides the uncompressed size written in the headers. */
  readonly declaredSize?: number;
  /** Unix mode written in the high 16 bits of the external attributes (e.g. 0o120777 for a symlink). */
  readonly unixMode?: number;
  /** General purpose bit flag (bit 0: encrypted). */
  readonly flags?: number;
}

export interface CraftOptions {
  /** Overrides the entry count in the end-of-central-directory record. */
  readonly entryCount?: number;
}

/** Builds a zip from the entries, byte by byte. */
export function craftZip(entries: readonly CraftEntry[], opts: CraftOptions = {}): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const data = typeof e.data === 'string' ? Buffer.from(e.data) : e.data;
    const name = typeof e.name === 'string' ? Buffer.from(e.name, 'utf8') : e.name;
    const method = e.method ?? 8;
    const body = method === 8 ? deflateRawSync(data) : data;
    const crc = crc32(data) >>> 0;
    const size = e.declaredSize ?? data.length;
    const flags = (e.flags ?? 0) | 0x800;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(0, 10);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE((3 << 8) | 20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(0, 12);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt16LE(0, 30);
    central.writeUInt16LE(0, 32);
    central.writeUInt16LE(0, 34);
    central.writeUInt16LE(0, 36);
    central.writeUInt32LE(((e.unixMode ?? 0o100644) << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  const count = opts.entryCount ?? entries.length;
  end.writeUInt16LE(count, 8);
  end.writeUInt16LE(count, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

export const sha256hex = (b: Buffer | string): string => createHash('sha256').update(b).digest('hex');

/** A manifest (format 1) listing `files` with correct sizes and checksums. */
export function manifestFor(files: ReadonlyArray<{ name: string; data: Buffer | string }>, patch: Record<string, unknown> = {}): string {
  return JSON.stringify({
    format: 'lync-doctor-bundle',
    formatVersion: 1,
    tool: { name: 'lync-doctor', version: 'test' },
    createdAt: '2026-06-01T12:00:00.000Z',
    snapshotCreatedAt: '2026-06-01T12:00:00.000Z',
    os: { platform: 'win32', release: '10.0.19045', arch: 'x64' },
    redaction: { level: 'standard', removed: {} },
    entries: files.map((f) => ({ name: f.name, bytes: Buffer.byteLength(f.data), sha256: sha256hex(f.data) })),
    ...patch,
  });
}
