import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { discoverLogFiles, traceFolders } from '../../../../main/logs/discover';

const root = mkdtempSync(join(tmpdir(), 'ld-localappdata-'));
after(() => rmSync(root, { recursive: true, force: true }));

test('finds Lync-UccApi-*.UccApilog and .bak under 15.0 and 16.0, oldest first; ignores other files', () => {
  const [v15, v16] = traceFolders(root);
  mkdirSync(v15!, { recursive: true });
  mkdirSync(v16!, { recursive: true });
  const files: Array<[string, number]> = [
    [join(v16!, 'Lync-UccApi-0.UccApilog'), 3000],
    [join(v16!, 'Lync-UccApi-0.UccApilog.bak'), 2000],
    [join(v15!, 'Lync-UccApi-0.UccApilog'), 1000],
    [join(v16!, 'Lync-0.etl'), 4000],
    [join(v16!, 'notes.txt'), 5000],
  ];
  for (const [p, t] of files) {
    writeFileSync(p, 'x');
    utimesSync(p, t, t);
  }
  mkdirSync(join(v16!, 'Lync-UccApi-9.UccApilog'));
  assert.deepEqual(discoverLogFiles(root).map((f) => f.path), [files[2]![0], files[1]![0], files[0]![0]]);
});

test('no folders: nothing found, no error', () => {
  assert.deepEqual(discoverLogFiles(join(root, 'nope')), []);
});

// Issue 18: the folder and file names as documented (%LOCALAPPDATA%\Microsoft\Office\{15.0,16.0}\Lync\Tracing,
// Lync-UccApi-<n>.UccApilog and its .bak rotation), written out here rather than taken from traceFolders().
test('the trace folders are <LOCALAPPDATA>\\Microsoft\\Office\\15.0 and 16.0\\Lync\\Tracing, in that order', () => {
  assert.deepEqual(traceFolders(root), [join(root, 'Microsoft/Office/15.0/Lync/Tracing'), join(root, 'Microsoft/Office/16.0/Lync/Tracing')]);
});

test('file names: any index, .bak, any case (Windows); not a longer or a prefixed name', () => {
  const own = mkdtempSync(join(tmpdir(), 'ld-names-'));
  after(() => rmSync(own, { recursive: true, force: true }));
  const dir = join(own, 'Microsoft/Office/16.0/Lync/Tracing');
  mkdirSync(dir, { recursive: true });
  const names = ['Lync-UccApi-0.UccApilog', 'Lync-UccApi-12.UccApilog', 'lync-uccapi-1.uccapilog', 'LYNC-UCCAPI-2.UCCAPILOG.BAK', 'Lync-UccApi-3.UccApilog.bak', 'Lync-UccApi-4.UccApilog.old', 'Old-Lync-UccApi-5.UccApilog', 'Lync-UccApi-.UccApilog', 'Lync-UccApi-x.UccApilog', 'Lync-UccApi-6.UccApilog.bak.bak', 'Lync-UccApi-7.UccApilogx'];
  names.forEach((n, i) => {
    writeFileSync(join(dir, n), 'x');
    utimesSync(join(dir, n), 10_000 + i, 10_000 + i);
  });
  const found = discoverLogFiles(own).map((f) => f.path.slice(dir.length + 1));
  assert.deepEqual(found, ['Lync-UccApi-0.UccApilog', 'Lync-UccApi-12.UccApilog', 'lync-uccapi-1.uccapilog', 'LYNC-UCCAPI-2.UCCAPILOG.BAK', 'Lync-UccApi-3.UccApilog.bak']);
});

test('files written in the same second come out in path order', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ld-same-mtime-'));
  try {
    const t = join(dir, 'Microsoft/Office/16.0/Lync/Tracing');
    mkdirSync(t, { recursive: true });
    for (const n of ['Lync-UccApi-1.UccApilog', 'Lync-UccApi-0.UccApilog.bak', 'Lync-UccApi-0.UccApilog']) {
      writeFileSync(join(t, n), 'x');
      utimesSync(join(t, n), 5000, 5000);
    }
    assert.deepEqual(discoverLogFiles(dir).map((f) => f.path.slice(t.length + 1)), ['Lync-UccApi-0.UccApilog', 'Lync-UccApi-0.UccApilog.bak', 'Lync-UccApi-1.UccApilog']);
    assert.ok(discoverLogFiles(dir).every((f) => f.modifiedMs === 5_000_000));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
