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
