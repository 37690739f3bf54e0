/** The importer refuses hostile or damaged bundles with a clear reason, and reads good ones. */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { exportBundle } from '../../../../main/bundle/export';
import { BundleError, DEFAULT_IMPORT_LIMITS, type BundleErrorCode } from '../../../../main/bundle/format';
import { importBundle } from '../../../../main/bundle/import';
import { readZip } from '../../../../main/bundle/zip';
import { baseSnapshot, dnsSection, name, srv } from '../../../helpers/snapshot';
import { craftZip, manifestFor, type CraftEntry } from '../../../helpers/zip-craft';

const snapshot = baseSnapshot({
  dns: dnsSection({ names: [name('sip', 'sip.contoso.com', ['192.0.2.1'])], srv: [srv('sip-tls', '_sip._tls.contoso.com', [['sip.contoso.com', 443]])] }),
});

async function goodFiles(): Promise<Array<{ name: string; data: Buffer }>> {
  const b = await exportBundle({ snapshot, findings: [], raw: [{ collectorId: 'dns', name: 'dns-queries.txt', content: 'sip.contoso.com\tA\tanswer' }] }, { redaction: 'standard', now: () => new Date('2026-06-02T00:00:00Z') });
  return readZip(b.zip, DEFAULT_IMPORT_LIMITS);
}

/** A crafted bundle: the good files (minus manifest) plus extras, with a manifest that lists them all. */
async function bundleWith(extra: CraftEntry[], opts: { listExtras?: boolean; manifestPatch?: Record<string, unknown> } = {}): Promise<Buffer> {
  const files = (await goodFiles()).filter((f) => f.name !== 'manifest.json');
  const listed = opts.listExtras ? [...files, ...extra.map((e) => ({ name: String(e.name), data: Buffer.from(e.data) }))] : files;
  return craftZip([{ name: 'manifest.json', data: manifestFor(listed, opts.manifestPatch) }, ...files.map((f) => ({ name: f.name, data: f.data })), ...extra]);
}

async function refused(zip: Buffer, code: BundleErrorCode, pattern?: RegExp): Promise<void> {
  await assert.rejects(importBundle(zip), (e: unknown) => {
    assert.ok(e instanceof BundleError, `expected a BundleError, got ${String(e)}`);
    assert.equal(e.code, code, e.message);
    if (pattern) assert.match(e.message, pattern);
    return true;
  });
}

test('a bundle we wrote imports: snapshot, findings, answers, raw and report come back', async () => {
  const b = await exportBundle({ snapshot, findings: [], raw: [{ collectorId: 'dns', name: 'dns-queries.txt', content: 'q' }] }, { redaction: 'standard' });
  const r = await importBundle(b.zip);
  assert.deepEqual(r.snapshot, snapshot);
  assert.deepEqual(r.raw, [{ collectorId: 'dns', name: 'dns-queries.txt', content: 'q' }]);
  assert.match(r.reportHtml ?? '', /<!doctype html>/);
  assert.deepEqual(r.migrations, []);
});

test('a crafted bundle with a correct manifest imports (the test builder itself is sound)', async () => {
  const r = await importBundle(await bundleWith([]));
  assert.equal(r.snapshot.input.sipAddress, 'alice@contoso.com');
});

test('zip-slip, absolute, drive-letter and backslash paths are refused', async () => {
  for (const n of ['../evil.txt', 'raw/../../evil', '/etc/passwd', 'C:/Windows/evil.dll', 'raw\\dns\\x.txt', 'raw/./x']) {
    await refused(await bundleWith([{ name: n, data: 'x' }], { listExtras: true }), 'unsafe-path', /bundle contains/);
  }
});

test('symbolic links and other special files are refused', async () => {
  await refused(await bundleWith([{ name: 'raw/dns/link', data: '/etc/passwd', unixMode: 0o120777 }], { listExtras: true }), 'symlink', /symbolic link/);
  await refused(await bundleWith([{ name: 'raw/dns/fifo', data: '', unixMode: 0o010644 }], { listExtras: true }), 'symlink', /not a regular file/);
});

test('entries over the size limit and compression-ratio bombs are refused before inflating', async () => {
  const big = Buffer.alloc(DEFAULT_IMPORT_LIMITS.maxEntryBytes + 1, 0x20);
  await refused(await bundleWith([{ name: 'raw/dns/big.txt', data: big }], { listExtras: true }), 'too-large', /at most/);
  const bomb = Buffer.alloc(20 * 1024 * 1024, 0x41); // deflates ~1000:1
  await refused(await bundleWith([{ name: 'raw/dns/bomb.txt', data: bomb }], { listExtras: true }), 'compression-bomb', /compression bomb/);
});

test('an entry that inflates past its declared size is refused', async () => {
  await refused(await bundleWith([{ name: 'raw/dns/liar.txt', data: Buffer.alloc(5000, 0x42), declaredSize: 100 }], { listExtras: true }), 'compression-bomb');
});

test('too many entries are refused from the directory count alone', async () => {
  const many: CraftEntry[] = Array.from({ length: DEFAULT_IMPORT_LIMITS.maxEntries + 1 }, (_, i) => ({ name: `raw/dns/${i}.txt`, data: '', method: 0 }));
  await refused(craftZip(many), 'too-many-entries');
});

test('duplicate names (also differing only in case), encrypted entries and odd compression are refused', async () => {
  await refused(await bundleWith([{ name: 'snapshot.json', data: '{}' }]), 'duplicate-entry');
  await refused(await bundleWith([{ name: 'SNAPSHOT.json', data: '{}' }]), 'duplicate-entry');
  await refused(await bundleWith([{ name: 'raw/dns/e.txt', data: 'x', flags: 1 }], { listExtras: true }), 'encrypted');
  await refused(await bundleWith([{ name: 'raw/dns/m.txt', data: 'x', method: 12 }], { listExtras: true }), 'not-a-zip', /compression method/);
});

test('not a zip at all, empty input, truncated zip', async () => {
  await refused(Buffer.from('hello, this is not a zip'), 'not-a-zip');
  await refused(Buffer.alloc(0), 'not-a-zip');
  const good = await bundleWith([]);
  await refused(good.subarray(0, good.length - 30), 'not-a-zip');
});

test('a changed entry fails its SHA-256; unlisted, missing and unexpected entries are refused', async () => {
  const files = (await goodFiles()).filter((f) => f.name !== 'manifest.json');
  const manifest = manifestFor(files);
  const tampered = files.map((f) => (f.name === 'findings.json' ? { name: f.name, data: Buffer.from('[]\n ') } : f));
  await refused(craftZip([{ name: 'manifest.json', data: manifest }, ...tampered]), 'checksum-mismatch', /findings\.json/);
  const sameSize = files.map((f) => (f.name === 'snapshot.json' ? { name: f.name, data: Buffer.from(f.data.toString().replace('alice', 'mallo')) } : f));
  await refused(craftZip([{ name: 'manifest.json', data: manifest }, ...sameSize]), 'checksum-mismatch', /SHA-256/);
  await refused(await bundleWith([{ name: 'raw/dns/added.txt', data: 'x' }]), 'unexpected-entry', /not in the manifest/);
  await refused(craftZip([{ name: 'manifest.json', data: manifest }, ...files.filter((f) => f.name !== 'answers.json')]), 'missing-entry', /answers\.json/);
  await refused(await bundleWith([{ name: 'evil.exe', data: 'MZ' }], { listExtras: true }), 'unexpected-entry', /evil\.exe/);
  await refused(craftZip(files), 'missing-entry', /manifest\.json/);
});

test('invalid JSON and schema violations are refused with the place that is wrong', async () => {
  const files = (await goodFiles()).filter((f) => f.name !== 'manifest.json');
  const swap = (entry: string, data: string): Buffer => {
    const next = files.map((f) => (f.name === entry ? { name: f.name, data: Buffer.from(data) } : f));
    return craftZip([{ name: 'manifest.json', data: manifestFor(next) }, ...next]);
  };
  await refused(swap('snapshot.json', '{"schemaVersion": 1,'), 'invalid-json', /snapshot\.json/);
  await refused(craftZip([{ name: 'manifest.json', data: '{not json' }, ...files]), 'invalid-json', /manifest\.json/);
  const bad = { ...snapshot, sections: { dns: { status: 'exploded', message: 'x', durationMs: 1 } } };
  await refused(swap('snapshot.json', JSON.stringify(bad)), 'schema', /sections\.dns\.status/);
  const badData = { ...snapshot, sections: { dns: { status: 'ok', message: 'x', durationMs: 1, data: { domain: 'contoso.com', names: 'not a list' } } } };
  await refused(swap('snapshot.json', JSON.stringify(badData)), 'schema', /data\.names/);
  await refused(swap('snapshot.json', JSON.stringify({ ...snapshot, createdAt: 'yesterday' })), 'schema', /createdAt/);
  await refused(swap('snapshot.json', `{"__proto__": {"polluted": true}, ${JSON.stringify(snapshot).slice(1)}`), 'schema', /forbidden key/);
  await refused(swap('snapshot.json', `${'['.repeat(100_000)}${']'.repeat(100_000)}`), 'schema');
  await refused(swap('findings.json', JSON.stringify([{ checkId: 'rm -rf', severity: 'error' }])), 'schema', /findings/);
  await refused(swap('answers.json', JSON.stringify({ mobile: { platform: 'toaster' } })), 'schema', /answers/);
  await refused(swap('answers.json', JSON.stringify({ server: { imUrlFilterEnabled: 'yes' } })), 'schema', /does not match/);
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
});

test('a manifest from a newer Lync Doctor is refused with what to do', async () => {
  await refused(await bundleWith([], { manifestPatch: { formatVersion: 99 } }), 'unsupported-version', /update Lync Doctor/);
  await refused(await bundleWith([], { manifestPatch: { formatVersion: 'one' } }), 'schema', /formatVersion/);
});

test('import writes nothing to disk', async () => {
  // A private temporary folder (os.tmpdir() follows TMPDIR), so other processes writing to /tmp cannot disturb the count.
  const mine = mkdtempSync(join(tmpdir(), 'ld-import-'));
  const saved = process.env.TMPDIR;
  process.env.TMPDIR = mine;
  try {
    assert.equal(tmpdir(), mine);
    await importBundle(await bundleWith([]));
    await refused(await bundleWith([{ name: '../../escape.txt', data: 'x' }], { listExtras: true }), 'unsafe-path');
    assert.deepEqual(readdirSync(mine), []);
  } finally {
    if (saved === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = saved;
    rmSync(mine, { recursive: true, force: true });
  }
});

test('entries that overlap each other’s data (the non-recursive zip bomb trick) are refused', async () => {
  const zip = craftZip([{ name: 'manifest.json', data: '{}' }, { name: 'raw/dns/a.txt', data: 'A'.repeat(1000) }, { name: 'raw/dns/b.txt', data: 'A'.repeat(1000) }]);
  const centrals: number[] = [];
  for (let i = 0; i + 4 <= zip.length; i++) if (zip.readUInt32LE(i) === 0x02014b50) centrals.push(i);
  const offsetOfA = zip.readUInt32LE((centrals[1] as number) + 42);
  zip.writeUInt32LE(offsetOfA, (centrals[2] as number) + 42);
  await refused(zip, 'compression-bomb', /overlaps/);
});

test('a backslash path that climbs out (Snyk zip-slip-win.zip shape) is named as climbing out', async () => {
  for (const n of ['..\\..\\Temp\\evil.txt', 'raw\\..\\..\\evil']) {
    await refused(await bundleWith([{ name: n, data: 'x' }], { listExtras: true }), 'unsafe-path', /climbs out/);
  }
});

test('strong encryption (flag bit 6, as in yauzl\'s test archive) is refused as encrypted, not as damage', async () => {
  await refused(await bundleWith([{ name: 'raw/dns/s.txt', data: 'x', flags: 0x41 }], { listExtras: true }), 'encrypted', /encrypt/);
});

test('a name that is both a file and a folder is refused, whichever comes first', async () => {
  const shapes: CraftEntry[][] = [
    [{ name: 'raw/dns/a', data: 'x' }, { name: 'raw/dns/a/b.txt', data: 'y' }],
    [{ name: 'raw/dns/a/b.txt', data: 'y' }, { name: 'raw/dns/A', data: 'x' }],
    [{ name: 'raw/dns/a', data: 'x' }, { name: 'raw/dns/a/', data: '', method: 0 }],
  ];
  for (const extra of shapes) await refused(await bundleWith(extra, { listExtras: true }), 'duplicate-entry', /raw\/dns\/a\b.*both a file and a folder/i);
});

test('a long climbing name is quoted with its end, so the message shows where it leads', async () => {
  const n = `${'../'.repeat(40)}tmp/evil.txt`;
  await refused(await bundleWith([{ name: n, data: 'x' }], { listExtras: true }), 'unsafe-path', /climbs out.*\.\.\/.*….*tmp\/evil\.txt"/);
});

test('a zip that cannot be read says what to do next: get the file again', async () => {
  const good = await bundleWith([]);
  const corrupt = Buffer.from(good);
  corrupt.fill(0xff, 40, 60); // inside the first entry's deflate stream
  for (const z of [Buffer.from('hello, this is not a zip'), good.subarray(0, good.length - 30), corrupt]) {
    await refused(z, 'not-a-zip', /ask for the bundle again/);
  }
});

test('a refused name is shown decoded but with bidirectional and C1 controls escaped, never raw', async () => {
  // U+202E turns "raw/dns/\u202Etxt.exe" into what looks like "raw/dns/exe.txt" on screen.
  for (const n of ['raw/dns/\u202Etxt.exe', 'raw/dns/a\u0085b', 'raw/dns/Kätilö\u2066.txt']) {
    await assert.rejects(importBundle(await bundleWith([{ name: n, data: 'x' }], { listExtras: true })), (e: unknown) => {
      assert.ok(e instanceof BundleError && e.code === 'unsafe-path', String(e));
      // eslint-disable-next-line no-control-regex
      assert.doesNotMatch(e.message, /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/, JSON.stringify(e.message));
      assert.match(e.message, /\\u(202e|0085|2066)/);
      return true;
    });
  }
});

test('raw artifacts named like a file and a folder ("a" and "a/b.txt") still export to a bundle that imports', async () => {
  const raw = [
    { collectorId: 'logs', name: 'a', content: 'file a' },
    { collectorId: 'logs', name: 'a/b.txt', content: 'file in a' },
    { collectorId: 'logs', name: 'c/d.txt', content: 'file in c' },
    { collectorId: 'logs', name: 'C', content: 'file C' },
  ];
  const b = await exportBundle({ snapshot, findings: [], raw }, { redaction: 'standard', now: () => new Date('2026-06-02T00:00:00Z') });
  const r = await importBundle(b.zip);
  assert.deepEqual(r.raw.map((a) => a.content).sort(), raw.map((a) => a.content).sort());
});

// Exact words of the refusals a technician reads (hand-written; the tests above check kinds and key phrases).
async function message(zip: Buffer): Promise<string> {
  try {
    await importBundle(zip);
  } catch (e) {
    assert.ok(e instanceof BundleError, String(e));
    return e.message;
  }
  return assert.fail('imported');
}

test('refusal wording: duplicates, a file-and-folder name (the clashing part only), encryption, a directory with data', async () => {
  assert.equal(await message(await bundleWith([{ name: 'SNAPSHOT.json', data: '{}' }])), 'refused: entry SNAPSHOT.json appears twice');
  assert.equal(await message(await bundleWith([{ name: 'raw/dns/a', data: 'x' }, { name: 'raw/dns/a/b.txt', data: 'y' }], { listExtras: true })), 'refused: raw/dns/a is both a file and a folder in the bundle');
  assert.equal(await message(await bundleWith([{ name: 'raw/dns/e.txt', data: 'x', flags: 1 }], { listExtras: true })), 'refused: entry raw/dns/e.txt is encrypted');
  assert.equal(await message(await bundleWith([{ name: 'raw/dns/d/', data: 'x', method: 0 }], { listExtras: true })), 'refused: directory entry raw/dns/d/ carries data');
});

test('a directory entry marked by its Unix mode alone (no trailing slash) is a folder, not an unlisted file', async () => {
  const r = await importBundle(await bundleWith([{ name: 'raw/dns', data: '', method: 0, unixMode: 0o040755 }]));
  assert.equal(r.snapshot.input.sipAddress, 'alice@contoso.com');
});

test('bytes after the end of a zip are counted (one byte, several bytes); other unreadable input is not', async () => {
  const good = await bundleWith([]);
  assert.equal(await message(Buffer.concat([good, Buffer.from('x')])), 'not a readable zip file: 1 extra byte after its end (changed or damaged after export?) — ask for the bundle again');
  assert.equal(await message(Buffer.concat([good, Buffer.from('fourteen bytes')])), 'not a readable zip file: 14 extra bytes after its end (changed or damaged after export?) — ask for the bundle again');
  assert.match(await message(Buffer.from('hello, this is not a zip')), /^not a readable zip file \(.+\) — is it the \.zip Lync Doctor wrote\? If so, ask for the bundle again$/);
});
