// Bundles on the command line (README "Diagnostic bundles"): `bundle inspect --json` lists each raw output with its
// size in characters; a file that cannot be opened is named with the system's reason (only a missing one is "no such
// file"); a bundle that cannot be written is exit 2 with the reason, for `bundle export-demo` and `diagnose --bundle`;
// `diagnose --bundle out.zip [--pseudonymise]` writes the bundle at the level asked and keeps --json stdout clean.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { userInfo } from 'node:os';
import { exportBundle } from '../../../../main/bundle/export';
import { BundleError, DEFAULT_IMPORT_LIMITS } from '../../../../main/bundle/format';
import { localIdentifiers, readBundleFile, withBundleErrors } from '../../../../main/cli/bundle';
import { runCliInProcess as runCli } from '../../../helpers/cli';
import { unzipPlain } from '../../../helpers/unzip-plain';
import { baseSnapshot } from '../../../helpers/snapshot';

const dir = mkdtempSync(join(tmpdir(), 'ld-pin-bundle-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const esc = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
// No DNS server answers on the discard port, and the whole diagnosis is bounded: a quick run with findings.
const DIAG = ['diagnose', '--sip-address', 'alice@contoso.com', '--dns-server', '127.0.0.1:9', '--timeout-ms', '800'];

test('bundle inspect --json: each raw output as {collectorId, name, chars}, chars being its length in characters', async () => {
  const zip = join(dir, 'raw.zip');
  const raw = [
    { collectorId: 'dns', name: 'queries.txt', content: 'sip.contoso.com\tA\tanswer\n' },
    { collectorId: 'proxy', name: 'netsh.txt', content: 'Direct access (no proxy server).\nGrüße ✓\n' },
  ];
  writeFileSync(zip, (await exportBundle({ snapshot: baseSnapshot(), findings: [], raw }, { redaction: 'standard', now: () => new Date('2026-12-01T10:00:00.000Z') })).zip);
  const r = await runCli(['bundle', 'inspect', zip, '--json']);
  assert.deepEqual([r.code, r.err], [0, '']);
  const j = JSON.parse(r.out) as { raw: Array<{ collectorId: string; name: string; chars: number }>; manifest: { entries: Array<{ name: string }> } };
  assert.deepEqual(j.raw, raw.map((a) => ({ collectorId: a.collectorId, name: a.name, chars: a.content.length })));
  // and the text lists them among the entries
  const t = await runCli(['bundle', 'inspect', zip]);
  assert.equal(t.code, 0, t.err);
  for (const e of j.manifest.entries) assert.ok(t.out.includes(`\n    ${e.name} (`), e.name);
  assert.ok(j.manifest.entries.some((e) => e.name.includes('queries.txt')));
});

test('a bundle path that cannot be opened for another reason than a missing file: that reason, not "no such file" (exit 2)', async () => {
  const file = join(dir, 'a-file.zip');
  writeFileSync(file, 'x');
  const under = join(file, 'inner.zip'); // a path through a regular file: ENOTDIR
  const r = await runCli(['analyze', under]);
  assert.deepEqual([r.code, r.out], [2, '']);
  assert.match(r.err, new RegExp(`^lyncdoctor analyze: cannot open ${esc(under)}: .*ENOTDIR`));
  assert.ok(!r.err.includes('no such file'), r.err);
});

test('bundle export-demo into a folder that does not exist: exit 2, the reason on stderr, nothing on stdout', async () => {
  const out = join(dir, 'no-such-folder', 'demo.zip');
  const r = await runCli(['bundle', 'export-demo', out]);
  assert.deepEqual([r.code, r.out], [2, '']);
  assert.match(r.err, new RegExp(`^lyncdoctor bundle: could not write ${esc(out)}: the folder does not exist\\n$`));
});

test('diagnose --bundle: written at the level asked (standard, or pseudonymise with its map), said on stderr; --json stdout stays one object', async () => {
  const std = join(dir, 'diag.zip');
  const r = await runCli([...DIAG, '--json', '--bundle', std]);
  assert.ok(r.code === 0 || r.code === 1, r.err);
  assert.doesNotThrow(() => JSON.parse(r.out));
  assert.match(r.err, new RegExp(`^bundle written: ${esc(std)} \\(\\d+ bytes, \\d+ entries, redaction standard[;)]`, 'm'));
  assert.ok(!r.err.includes('pseudonym map') && !r.err.includes('note: --pseudonymise'), r.err);
  const i = JSON.parse((await runCli(['bundle', 'inspect', std, '--json'])).out) as { manifest: { redaction: { level: string } } };
  assert.equal(i.manifest.redaction.level, 'standard');

  const pse = join(dir, 'diag-p.zip');
  const p = await runCli([...DIAG, '--json', '--bundle', pse, '--pseudonymise']);
  assert.ok(p.code === 0 || p.code === 1, p.err);
  assert.doesNotThrow(() => JSON.parse(p.out));
  assert.match(p.err, new RegExp(`^bundle written: ${esc(pse)} \\(\\d+ bytes, \\d+ entries, redaction pseudonymise[;)]`, 'm'));
  assert.ok(p.err.includes(`pseudonym map (keep it on this PC, never send it): ${join(dir, 'diag-p.map.json')}\n`), p.err);
  const ip = JSON.parse((await runCli(['bundle', 'inspect', pse, '--json'])).out) as { manifest: { redaction: { level: string } } };
  assert.equal(ip.manifest.redaction.level, 'pseudonymise');
});

test('diagnose --bundle into a folder that does not exist: a usage error naming --bundle and the reason (exit 2, nothing on stdout)', async () => {
  const out = join(dir, 'missing', 'x.zip');
  const r = await runCli([...DIAG, '--bundle', out]);
  assert.deepEqual([r.code, r.out], [2, '']);
  assert.ok(r.err.includes(`lyncdoctor diagnose: --bundle: could not write ${out}: the folder does not exist\n`), r.err);
});

test('bundle inspect text: the redaction line lists what was removed, by kind; the sections are listed with commas', async () => {
  const zip = join(dir, 'removed.zip');
  const raw = [{ collectorId: 'proxy', name: 'h.txt', content: 'Proxy-Authorization: Basic YWxpY2U6aHVudGVyMg==\npassword=hunter2\nCookie: MRHSession=abcdef0123456789\n' }];
  const ok = { status: 'ok', message: 'm', durationMs: 1 } as never;
  writeFileSync(zip, (await exportBundle({ snapshot: baseSnapshot({ dns: ok, clock: ok }), findings: [], raw }, { redaction: 'standard', now: () => new Date('2026-12-01T10:00:00.000Z') })).zip);
  const r = await runCli(['bundle', 'inspect', zip]);
  assert.equal(r.code, 0, r.err);
  const lines = r.out.split('\n');
  // three secrets of three kinds: each kind with its count, in the manifest's order
  const removed = (JSON.parse((await runCli(['bundle', 'inspect', zip, '--json'])).out) as { manifest: { redaction: { removed: Record<string, number> } } }).manifest.redaction.removed;
  assert.deepEqual(Object.values(removed), [1, 1, 1]);
  assert.deepEqual(Object.keys(removed).sort(), ['authorization', 'cookie', 'password']);
  assert.equal(lines[2], `  redaction: standard (removed ${Object.keys(removed).map((k) => `1 ${k}`).join(', ')})`);
  assert.equal(lines[3], '  0 finding(s) recorded; sections: dns, clock');
});

test('readBundleFile refuses with the bundle error codes: not-a-zip (a folder, a missing file), too-large', async () => {
  await assert.rejects(readBundleFile(dir), (e: unknown) => e instanceof BundleError && e.code === 'not-a-zip');
  await assert.rejects(readBundleFile(join(dir, 'none.zip')), (e: unknown) => e instanceof BundleError && e.code === 'not-a-zip');
  const big = join(dir, 'big.zip');
  writeFileSync(big, '');
  truncateSync(big, DEFAULT_IMPORT_LIMITS.maxZipBytes + 1); // sparse: nothing is written
  await assert.rejects(readBundleFile(big), (e: unknown) => e instanceof BundleError && e.code === 'too-large');
});

test('withBundleErrors: a bundle error is exit 2 with "lyncdoctor CMD: reason"; any other error is not swallowed', async () => {
  let err = '';
  const io = { out: () => undefined, err: (t: string) => (err += t) };
  assert.equal(await withBundleErrors('analyze', io, async () => { throw new BundleError('not-a-zip', 'bad one'); }), 2);
  assert.equal(err, 'lyncdoctor analyze: bad one');
  await assert.rejects(withBundleErrors('analyze', io, async () => { throw new Error('internal'); }), /^Error: internal$/);
  assert.equal(await withBundleErrors('analyze', io, async () => 1), 1);
});

test('localIdentifiers: without USERNAME the OS account name itself; an empty COMPUTERNAME names no computer', () => {
  const saved = { USERNAME: process.env.USERNAME, COMPUTERNAME: process.env.COMPUTERNAME };
  try {
    delete process.env.USERNAME;
    process.env.COMPUTERNAME = '';
    assert.deepEqual(localIdentifiers(), { users: [userInfo().username], computers: [] });
    process.env.USERNAME = 'jdoe';
    process.env.COMPUTERNAME = 'PC7.corp';
    assert.deepEqual(localIdentifiers(), { users: ['jdoe'], computers: ['PC7'] });
  } finally {
    for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

test('bundle export-demo --pseudonymise replaces this PC\'s user name wherever it appears; a standard bundle keeps it', async () => {
  // "Sweden" is in the demo's answers and is no name the pseudonymiser replaces by itself: here it is the user's name
  const env = { USERNAME: 'Sweden' };
  const has = async (zip: string): Promise<boolean> => (await unzipPlain(readFileSync(zip))).some((e) => e.data.toString('utf8').includes('Sweden'));
  const std = join(dir, 'user-std.zip');
  assert.equal((await runCli(['bundle', 'export-demo', std], { env })).code, 0);
  assert.ok(await has(std), 'standard redaction keeps names');
  const pse = join(dir, 'user-pse.zip');
  const p = await runCli(['bundle', 'export-demo', pse, '--pseudonymise'], { env });
  assert.equal(p.code, 0, p.err);
  assert.ok(!(await has(pse)), 'the local user name is pseudonymised');
});
