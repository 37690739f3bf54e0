/**
 * `npm run bench` times built code: `scripts/build.mjs --bench` bundles bench/run.ts and every
 * bench/*.bench.ts into dist-bench/ with the shipped programs' esbuild options. Checked here: one bundle per
 * bench, none carrying tsx's keepNames wrapper (__name), and the sip bench's child mode (the bench starts its
 * own file again with --child) working from its bundle.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { block } from '../../../bench/sip.bench';

const ROOT = join(__dirname, '..', '..', '..');
const OUT = join(ROOT, 'dist-bench');

function buildBench(): void {
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs'), '--quiet', '--bench'], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr || r.stdout);
}

test('--bench bundles run.ts and every bench/*.bench.ts into dist-bench/, without __name wrappers', () => {
  buildBench();
  const benches = readdirSync(join(ROOT, 'bench')).filter((f) => f.endsWith('.bench.ts'));
  assert.ok(benches.length >= 5, benches.join());
  for (const f of ['run.ts', ...benches]) {
    const out = join(OUT, f.replace(/\.ts$/, '.js'));
    assert.ok(existsSync(out), `${out} missing`);
    assert.ok(!/\b__name\(/.test(readFileSync(out, 'utf8')), `${out} holds __name() calls (keepNames)`);
  }
});

test('the sip bench child runs from its bundle (node dist-bench/sip.bench.js --child <log>)', () => {
  buildBench();
  const dir = mkdtempSync(join(tmpdir(), 'ld-bench-build-'));
  try {
    const text = block(1);
    const path = join(dir, 'small.UccApilog');
    writeFileSync(path, text, 'latin1');
    const r = spawnSync(process.execPath, [join(OUT, 'sip.bench.js'), '--child', path], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    assert.equal(r.status, 0, r.stderr);
    const m = JSON.parse(r.stdout) as { bytes: number; lines: number; sip: number };
    assert.equal(m.bytes, Buffer.byteLength(text, 'latin1'));
    assert.equal(m.lines, text.split('\n').length - 1);
    assert.ok(m.sip > 0, `no SIP message counted: ${r.stdout}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
