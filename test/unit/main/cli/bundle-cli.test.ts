// `lyncdoctor bundle export-demo | inspect` and `analyze` on bundles: what goes to stdout and what to stderr, the
// inspect summary read against the bundle's own manifest, usage errors, and the file checks before reading.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { localIdentifiers } from '../../../../main/cli/bundle';
import { exportBundle } from '../../../../main/bundle/export';
import { DEFAULT_IMPORT_LIMITS } from '../../../../main/bundle/format';
import { demoSnapshot } from '../../../../main/demo/demo';
import { runCli } from '../../../helpers/cli';
import { formatZeroBundle } from '../../../helpers/old-bundle';
import { baseSnapshot } from '../../../helpers/snapshot';
import { unzipPlain } from '../../../helpers/unzip-plain';

const dir = mkdtempSync(join(tmpdir(), 'ld-bundle-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));

interface InspectJson {
  manifest: { formatVersion: number; createdAt: string; snapshotCreatedAt: string; tool: { version: string }; os: { platform: string; release: string }; redaction: { level: string; removed: Record<string, number> }; entries: Array<{ name: string; bytes: number }> };
  migrations: string[];
  raw: Array<{ collectorId: string; name: string; chars: number }>;
}

test('bundle export-demo: nothing on stdout; on stderr where it went, its size and entries as written, the redaction level', async () => {
  const zip = join(dir, 'demo.zip');
  const r = await runCli(['bundle', 'export-demo', zip]);
  assert.deepEqual([r.code, r.out], [0, '']);
  const j = JSON.parse((await runCli(['bundle', 'inspect', zip, '--json'])).out) as InspectJson;
  assert.deepEqual(Object.keys(j), ['manifest', 'migrations', 'raw']);
  const removed = Object.entries(j.manifest.redaction.removed).map(([k, n]) => `${n} ${k}`).join(', ');
  const entries = (await unzipPlain(readFileSync(zip))).length; // the manifest's own entry included
  assert.equal(r.err, `bundle written: ${zip} (${statSync(zip).size} bytes, ${entries} entries, redaction standard${removed ? `; removed ${removed}` : ''})\n`);
  assert.equal(j.manifest.redaction.level, 'standard');
  assert.deepEqual(j.migrations, []);

  const pz = join(dir, 'demo-p.zip');
  const p = await runCli(['bundle', 'export-demo', pz, '--pseudonymise']);
  assert.deepEqual([p.code, p.out], [0, '']);
  const lines = p.err.trimEnd().split('\n');
  assert.match(lines[0] as string, new RegExp(`^bundle written: ${pz.replace(/[.\\]/g, '\\$&')} \\(\\d+ bytes, \\d+ entries, redaction pseudonymise[;)]`));
  assert.equal(lines[1], `pseudonym map (keep it on this PC, never send it): ${join(dir, 'demo-p.map.json')}`);
  assert.equal(lines.length, 2);
});

test('bundle inspect: the summary line by line, as the manifest (inspect --json) says', async () => {
  const zip = join(dir, 'inspect.zip');
  const s = baseSnapshot();
  const b = await exportBundle({ snapshot: s, findings: [] }, { redaction: 'standard', now: () => new Date('2026-12-01T10:00:00.000Z') });
  writeFileSync(zip, b.zip);
  const r = await runCli(['bundle', 'inspect', zip]);
  assert.equal(r.code, 0, r.err);
  assert.equal(r.err, '');
  const m = (JSON.parse((await runCli(['bundle', 'inspect', zip, '--json'])).out) as InspectJson).manifest;
  const removed = Object.entries(m.redaction.removed);
  assert.deepEqual(r.out.trimEnd().split('\n'), [
    `${zip}: Lync Doctor bundle, format ${m.formatVersion}, verified (every entry matches its SHA-256)`,
    `  exported 2026-12-01T10:00:00.000Z by Lync Doctor ${m.tool.version}; snapshot captured ${s.createdAt} on ${s.host.platform} ${s.host.release}`,
    `  redaction: standard${removed.length ? ` (removed ${removed.map(([k, n]) => `${n} ${k}`).join(', ')})` : ''}`,
    `  0 finding(s) recorded; sections: ${Object.keys(s.sections).join(', ') || 'none'}`,
    '  entries:',
    ...m.entries.map((e) => `    ${e.name} (${e.bytes} bytes)`),
  ]);
});

test('an older bundle: inspect and analyze say it was migrated; analyze notes findings the current checks judge differently', async () => {
  const zip = join(dir, 'old.zip');
  writeFileSync(zip, formatZeroBundle({ ...demoSnapshot(), demo: false }));
  const i = await runCli(['bundle', 'inspect', zip]);
  assert.equal(i.code, 0, i.err);
  const migrated = i.out.split('\n').find((l) => l.startsWith('  migrated: '));
  assert.match(migrated ?? '', /^ {2}migrated: .*format 0 → 1.*; .*schema 0 → 1/);
  const a = await runCli(['analyze', zip]);
  assert.equal(a.out.split('\n')[1], `  (older bundle, migrated: ${(migrated as string).slice('  migrated: '.length)})`);

  // recorded without findings, re-analysed with some: the drift note counts them as new
  const drift = join(dir, 'drift.zip');
  const snap = { ...demoSnapshot(), demo: false };
  writeFileSync(drift, (await exportBundle({ snapshot: snap, findings: [] }, { redaction: 'standard', now: () => new Date(snap.createdAt) })).zip);
  const d = await runCli(['analyze', drift]);
  assert.equal(d.code, 1, 'the demo PC has error findings');
  const n = (JSON.parse((await runCli(['analyze', drift, '--json'])).out) as { findings: unknown[] }).findings.length;
  assert.equal(d.out.split('\n')[1], `  Note: this Lync Doctor's checks differ from the exporting one's on ${n} finding(s) (${n} new, 0 gone, 0 changed).`);
  const same = await runCli(['analyze', join(dir, 'inspect.zip')]);
  assert.ok(!same.out.includes('Note: this Lync Doctor') && !same.out.includes('older bundle'), same.out);
});

test('bundle usage errors: exit 2, the usage on stderr, nothing on stdout', async () => {
  const usage = 'usage: lyncdoctor bundle export-demo OUT.zip [--pseudonymise] | bundle inspect IN.zip [--json]';
  for (const argv of [['bundle'], ['bundle', 'export-demo'], ['bundle', 'export-demo', 'a.zip', 'b.zip'], ['bundle', 'inspect'], ['bundle', 'inspect', 'a.zip', 'b.zip']]) {
    const r = await runCli(argv);
    assert.deepEqual([r.code, r.out, r.err], [2, '', `lyncdoctor bundle: ${usage}\n`], argv.join(' '));
  }
  const odd = await runCli(['bundle', 'frob']);
  assert.deepEqual([odd.code, odd.out, odd.err], [2, '', `lyncdoctor bundle: unknown bundle subcommand "frob"; ${usage}\n`]);
});

test('reading a bundle: a folder, a missing file and a file over the size limit are refused before reading (exit 2, the reason)', async () => {
  const folder = join(dir, 'folder.zip');
  mkdirSync(folder);
  const f = await runCli(['bundle', 'inspect', folder]);
  assert.deepEqual([f.code, f.out, f.err], [2, '', `lyncdoctor bundle: ${folder} is not a file\n`]);
  const missing = join(dir, 'missing.zip');
  const m = await runCli(['analyze', missing]);
  assert.deepEqual([m.code, m.out, m.err], [2, '', `lyncdoctor analyze: cannot open ${missing}: no such file\n`]);
  const big = join(dir, 'big.zip');
  writeFileSync(big, '');
  truncateSync(big, DEFAULT_IMPORT_LIMITS.maxZipBytes + 1); // sparse: nothing is written
  const b = await runCli(['bundle', 'inspect', big]);
  assert.deepEqual([b.code, b.out, b.err], [2, '', `lyncdoctor bundle: ${big} is ${DEFAULT_IMPORT_LIMITS.maxZipBytes + 1} bytes; at most ${DEFAULT_IMPORT_LIMITS.maxZipBytes} are accepted\n`]);
  const limit = join(dir, 'limit.zip');
  writeFileSync(limit, '');
  truncateSync(limit, DEFAULT_IMPORT_LIMITS.maxZipBytes); // at the limit: read, and refused as a zip instead
  const l = await runCli(['bundle', 'inspect', limit]);
  assert.equal(l.code, 2);
  assert.ok(!l.err.includes('are accepted'), l.err);
  const unreadable = join(dir, 'no-dir', 'x.zip');
  assert.match((await runCli(['analyze', join(unreadable)])).err, /cannot open .*x\.zip: no such file/);
});

test('diagnose --pseudonymise without --bundle: a note on stderr that it applies to the bundle; stdout keeps the report', async () => {
  const r = await runCli(['diagnose', '--sip-address', 'alice@contoso.com', '--dns-server', '127.0.0.1:9', '--timeout-ms', '800', '--json', '--pseudonymise']);
  assert.ok(r.err.includes('note: --pseudonymise applies to the bundle; add --bundle out.zip to write one\n'), r.err);
  assert.doesNotThrow(() => JSON.parse(r.out));
});

test('localIdentifiers without COMPUTERNAME: the host name\'s first label', () => {
  const saved = process.env.COMPUTERNAME;
  delete process.env.COMPUTERNAME;
  try {
    assert.deepEqual(localIdentifiers().computers, [hostname().split('.')[0]]);
  } finally {
    if (saved !== undefined) process.env.COMPUTERNAME = saved;
  }
});
