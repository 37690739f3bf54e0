/**
 * `lyncdoctor bundle inspect` and `lyncdoctor analyze` on real archives nobody here wrote (see
 * test/fixtures/bundle/real/zips/SOURCES.md): exit 2, one clean line on stderr saying why, nothing on stdout,
 * nothing written beside the file or in the fixtures.
 */
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { after, test } from 'node:test';
import { runCli } from '../../helpers/cli';

const DIR = join(__dirname, '..', '..', 'fixtures', 'bundle', 'real', 'zips');
const expected = JSON.parse(readFileSync(join(DIR, 'expected.json'), 'utf8')) as {
  archives: Array<{ file: string; message: string[] }>;
};
// eslint-disable-next-line no-control-regex
const UNPRINTABLE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

const work = mkdtempSync(join(tmpdir(), 'ld-real-zips-'));
after(() => rmSync(work, { recursive: true, force: true }));

const listing = (d: string): string[] => readdirSync(d, { recursive: true }).map(String).sort();
const fixturesBefore = listing(DIR);

/** Every case: all four commands with the file alone in a fresh folder that is also the working directory. */
const CASES: ReadonlyArray<{ file: string; argvs: ReadonlyArray<readonly string[]> }> = [
  { file: 'go/symlink.zip', argvs: [['bundle', 'inspect'], ['bundle', 'inspect', '--json'], ['analyze'], ['analyze', '--json']] },
  { file: 'go/test-trailing-junk.zip', argvs: [['bundle', 'inspect'], ['analyze', '--json']] },
  { file: 'go/utf8-winzip.zip', argvs: [['bundle', 'inspect'], ['analyze']] },
  { file: 'python/zip_cp437_header.zip', argvs: [['analyze', '--json']] },
  { file: 'go/dupdir.zip', argvs: [['bundle', 'inspect', '--json']] },
  { file: 'go/readme.notzip', argvs: [['analyze']] },
];

for (const c of CASES) {
  const exp = expected.archives.find((e) => e.file === c.file);
  for (const argv of c.argvs) {
    test(`lyncdoctor ${argv.join(' ')} ${c.file}: exit 2, one clean line`, async () => {
      assert.ok(exp, `${c.file} is not in expected.json`);
      const dir = mkdtempSync(join(work, 'case-'));
      const home = mkdtempSync(join(work, 'home-'));
      const input = join(dir, basename(c.file));
      copyFileSync(join(DIR, c.file), input);
      const [cmd, ...rest] = argv;
      const r = await runCli([cmd as string, ...rest.filter((a) => a !== '--json'), input, ...rest.filter((a) => a === '--json')], {
        cwd: dir,
        env: { HOME: home, USERPROFILE: home, APPDATA: home, LOCALAPPDATA: home, TMPDIR: home, TEMP: home, TMP: home },
        timeoutMs: 30_000,
      });
      assert.equal(r.code, 2, `exit ${r.code}; stderr: ${r.err}`);
      assert.equal(r.out, '', 'nothing on stdout (not even JSON) for a refused bundle');
      const lines = r.err.split('\n').filter((l) => l.length > 0);
      assert.equal(lines.length, 1, `one line on stderr, got: ${r.err}`);
      const line = lines[0] as string;
      assert.ok(line.startsWith(`lyncdoctor ${cmd}: `), line);
      for (const p of exp.message) assert.match(line, new RegExp(p, 'i'));
      assert.doesNotMatch(line, UNPRINTABLE, JSON.stringify(line));
      assert.doesNotMatch(r.err, /\bat .*:\d+:\d+|Error:/, 'no stack trace');
      assert.deepEqual(listing(dir), [basename(c.file)], 'nothing written beside the bundle');
    });
  }
}

test('the fixtures are untouched by the runs above', () => {
  assert.deepEqual(listing(DIR), fixturesBefore);
});
