/** Export: the zip's layout and manifest, reproducible bytes, safe raw names, caps, and round trips. */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { exportBundle, MAX_RAW_CHARS } from '../../../../main/bundle/export';
import { DEFAULT_IMPORT_LIMITS } from '../../../../main/bundle/format';
import { importBundle } from '../../../../main/bundle/import';
import { readZip } from '../../../../main/bundle/zip';
import { demoSnapshot } from '../../../../main/demo/demo';
import { analyze } from '../../../../main/diagnose';
import { articleLookup } from '../../../../main/kb/lookup';

const now = () => new Date('2026-06-02T00:00:00Z');
const key = Buffer.alloc(32, 5);
/** Bundles keep the facts, not the derived case steps (re-derived on import from the article and the evidence). */
const noSteps = <T extends { steps?: unknown }>(fs: readonly T[]) => fs.map(({ steps: _s, ...f }) => f);
const demo = () => {
  const snapshot = demoSnapshot();
  return { snapshot, findings: analyze(snapshot, { articles: articleLookup() }).findings };
};

test('layout: manifest first, then snapshot, findings, answers, report, raw; every entry hashed in the manifest', async () => {
  const b = await exportBundle({ ...demo(), raw: [{ collectorId: 'dns', name: 'dns-queries.txt', content: 'x' }] }, { redaction: 'standard', now });
  const entries = await readZip(b.zip, DEFAULT_IMPORT_LIMITS);
  assert.deepEqual(entries.map((e) => e.name), ['manifest.json', 'snapshot.json', 'findings.json', 'answers.json', 'report.html', 'raw/dns/dns-queries.txt']);
  const manifest = JSON.parse((entries[0] as { data: Buffer }).data.toString()) as typeof b.manifest;
  assert.deepEqual(manifest, b.manifest);
  assert.equal(manifest.formatVersion, 1);
  assert.equal(manifest.createdAt, '2026-06-02T00:00:00.000Z');
  assert.equal(manifest.snapshotCreatedAt, demoSnapshot().createdAt);
  assert.deepEqual(manifest.os, { platform: 'win32', release: '10.0.19045', arch: 'x64' });
  assert.equal(manifest.redaction.level, 'standard');
  for (const e of entries.slice(1)) {
    const m = manifest.entries.find((x) => x.name === e.name);
    assert.equal(m?.sha256, createHash('sha256').update(e.data).digest('hex'), e.name);
    assert.equal(m?.bytes, e.data.length);
  }
});

test('the same diagnosis, time and key give the same bytes', async () => {
  for (const redaction of ['standard', 'pseudonymise'] as const) {
    const a = await exportBundle(demo(), { redaction, now, pseudonym: { key } });
    const b = await exportBundle(demo(), { redaction, now, pseudonym: { key } });
    assert.ok(a.zip.equals(b.zip), redaction);
  }
});

test('round trip: import gives back the snapshot and findings; re-analysis gives the same findings', async () => {
  const d = demo();
  const back = await importBundle((await exportBundle(d, { redaction: 'standard', now })).zip);
  assert.deepEqual(back.snapshot, d.snapshot);
  assert.deepEqual(back.findings, noSteps(d.findings));
  assert.deepEqual(analyze(back.snapshot, { articles: articleLookup() }).findings, d.findings);
});

test('pseudonymised round trip: same checks fire with the same severities, on tokens, and re-analysis matches the export', async () => {
  const d = demo();
  const b = await exportBundle(d, { redaction: 'pseudonymise', now, pseudonym: { key } });
  const back = await importBundle(b.zip);
  const again = analyze(back.snapshot, { articles: articleLookup() }).findings;
  assert.deepEqual(noSteps(again), back.findings);
  assert.deepEqual(again.map((f) => [f.checkId, f.severity]), d.findings.map((f) => [f.checkId, f.severity]));
  assert.equal(back.snapshot.input.sipAddress, 'user1@domain1.example');
  assert.ok(!JSON.stringify(back).includes('tailspintoys'));
  assert.ok(!JSON.stringify(back).includes('kim.akers'));
  assert.ok(b.mapping && b.mapping.length > 5);
  assert.equal(back.manifest.redaction.level, 'pseudonymise');
});

test('raw names become safe, distinct entry names under raw/<collector>/', async () => {
  const raw = [
    { collectorId: 'dns', name: '../../etc/passwd', content: 'a' },
    { collectorId: '../x', name: 'C:\\Windows\\win.ini', content: 'b' },
    { collectorId: 'dns', name: 'same.txt', content: 'c' },
    { collectorId: 'dns', name: 'SAME.txt', content: 'd' },
    { collectorId: 'dns', name: 'ünïcode name?.txt', content: 'e' },
    { collectorId: 'dns', name: '', content: 'f' },
  ];
  const b = await exportBundle({ ...demo(), raw }, { redaction: 'standard', now });
  const names = b.entries.map((e) => e.name).filter((n) => n.startsWith('raw/'));
  assert.deepEqual(names, ['raw/dns/_/_/etc/passwd', 'raw/__x/C_/Windows/win.ini', 'raw/dns/same.txt', 'raw/dns/SAME.txt.2', 'raw/dns/_n_code_name_.txt', 'raw/dns/output']);
  const back = await importBundle(b.zip);
  assert.deepEqual(back.raw.map((r) => r.content), ['a', 'b', 'c', 'd', 'e', 'f']);
});

test('a huge raw output is cut from the start (with a note) so the bundle stays importable', async () => {
  // log-like content (not one repeated byte): compresses like a real log
  const lines: string[] = [];
  for (let i = 0, n = 0; n < MAX_RAW_CHARS + 7; i++) {
    const l = `${i} ${createHash('sha256').update(String(i)).digest('hex')}\n`;
    lines.push(l);
    n += l.length;
  }
  const joined = lines.join('');
  const big = `${joined.slice(0, MAX_RAW_CHARS + 7 - 7)}THE END`;
  const b = await exportBundle({ ...demo(), raw: [{ collectorId: 'logs', name: 'big.log', content: big }] }, { redaction: 'standard', now });
  const back = await importBundle(b.zip);
  const content = back.raw[0]?.content ?? '';
  assert.match(content, /^\[cut by Lync Doctor: the first 7 characters were left out\]\n/);
  assert.equal(content.length, MAX_RAW_CHARS + content.indexOf('\n') + 1);
  assert.ok(content.endsWith('THE END'));
});

test('a raw output that would look like a compression bomb stops the export instead of making a bundle that cannot open', async () => {
  await assert.rejects(exportBundle({ ...demo(), raw: [{ collectorId: 'logs', name: 'zeros.log', content: '0'.repeat(4 * 1024 * 1024) }] }, { redaction: 'standard' }), /would not pass the import checks .*compression bomb/);
});

test('what cannot be exported is refused with a reason, not a crash', async () => {
  await assert.rejects(exportBundle({ snapshot: { nope: true } as never, findings: [] }, { redaction: 'standard' }), /not a Lync Doctor Snapshot/);
  await assert.rejects(exportBundle(demo(), { redaction: 'everything' as never }), /redaction: expected standard or pseudonymise/);
  await assert.rejects(exportBundle({ ...demo(), raw: [{ collectorId: 1 }] as never }, { redaction: 'standard' }), /raw: expected a list/);
});
