/** Format migrations: a bundle in the (synthetic) older format 0 imports and analyses like a current one. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BundleError } from '../../../../main/bundle/format';
import { importBundle } from '../../../../main/bundle/import';
import { BUNDLE_MIGRATIONS, migrateBundle, migrateSnapshot, type SnapshotMigration } from '../../../../main/bundle/migrate';
import { demoSnapshot } from '../../../../main/demo/demo';
import { analyze } from '../../../../main/diagnose';
import { articleLookup } from '../../../../main/kb/lookup';
import type { Snapshot } from '../../../../main/model/snapshot';
import { formatZeroBundle } from '../../../helpers/old-bundle';
import { craftZip, sha256hex } from '../../../helpers/zip-craft';

test('a format-0 bundle (schema-0 snapshot) migrates, validates and re-analyses to the same findings', async () => {
  const original = { ...demoSnapshot(), demo: false };
  const imported = await importBundle(formatZeroBundle(original));
  assert.deepEqual(imported.snapshot, original);
  assert.equal(imported.manifest.formatVersion, 1);
  assert.equal(imported.manifest.tool.version, '0.0.9');
  assert.equal(imported.migrations.length, 2);
  assert.match(imported.migrations.join(), /format 0 → 1.*schema 0 → 1/);
  assert.deepEqual(imported.raw, [{ collectorId: 'dns', name: 'dns-queries.txt', content: 'sip.contoso.com\tA\tanswer' }]);
  const again = analyze(imported.snapshot, { articles: articleLookup() }).findings;
  assert.deepEqual(again, imported.findings);
  // both sides come from our analysis: pin, independently, what the demo is built to show (README "Demo"): the three
  // named known issues and the authenticating proxy as the root that explains autodiscover failing
  for (const id of ['LD-MOB-001', 'LD-PUSH-001', 'LD-PUSH-002', 'LD-PROXY-001']) assert.ok(again.some((f) => f.checkId === id), id);
  assert.equal(again.find((f) => f.checkId === 'LD-AUTO-001')?.causedBy, 'LD-PROXY-001');
});

test('checksums of an old bundle are verified as it was written, before migrating', async () => {
  await assert.rejects(importBundle(formatZeroBundle(demoSnapshot(), true)), (e: unknown) => e instanceof BundleError && e.code === 'checksum-mismatch');
});

test('without a step for its version, an old bundle is refused as too old', async () => {
  await assert.rejects(importBundle(formatZeroBundle(demoSnapshot()), { migrations: [] }), (e: unknown) => e instanceof BundleError && e.code === 'unsupported-version' && /too old/.test(e.message));
  assert.throws(() => migrateBundle({ manifest: { formatVersion: 0 }, files: new Map() }, []), /too old/);
  assert.ok(BUNDLE_MIGRATIONS.every((m, i) => m.from === i), 'steps form a chain from 0');
});

test('snapshot schema steps: newer is refused, a step that does not advance is caught', () => {
  assert.throws(() => migrateSnapshot({ schemaVersion: 7 }), /newer than this Lync Doctor/);
  const broken: SnapshotMigration = { from: 0, summary: 'broken', migrate: (s) => ({ ...s }) };
  assert.throws(() => migrateSnapshot({ schemaVersion: 0 }, [broken]), /did not produce schema 1/);
  assert.deepEqual(migrateSnapshot({ schemaVersion: 1, x: 1 }).applied, []);
  const r = migrateSnapshot({ schemaVersion: 0, os: { platform: 'win32' } });
  assert.deepEqual(r.snapshot, { schemaVersion: 1, host: { platform: 'win32' }, demo: false, answers: {} });
});

test('format 0 with 100,000-deep JSON: a clean refusal naming the depth, no stack overflow', async () => {
  const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
  for (const diagnosis of [`{"snapshot":${deep},"findings":[],"answers":{}}`, `{"snapshot":{"schemaVersion":0,"os":{}},"findings":${deep},"answers":{}}`]) {
    const manifest = JSON.stringify({ formatVersion: 0, toolVersion: '0.0.9', createdAt: '2026-03-03T10:00:00.000Z', files: { 'diagnosis.json': sha256hex(diagnosis) } });
    const zip = craftZip([{ name: 'manifest.json', data: manifest }, { name: 'diagnosis.json', data: diagnosis }]);
    await assert.rejects(importBundle(zip), (e: unknown) => e instanceof BundleError && e.code === 'schema' && /diagnosis\.json refused before reading it: .*nested deeper than 64 levels/.test(e.message) && !/at \w+ \(/.test(e.message));
  }
});

test('current format with a 100,000-deep snapshot.json: refused the same way', async () => {
  const deep = `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`;
  for (const name of ['snapshot.json']) {
    const files: Record<string, string> = { 'snapshot.json': '{}', 'findings.json': '[]', 'answers.json': '{}', [name]: deep };
    const entries = Object.entries(files).map(([n, data]) => ({ name: n, bytes: Buffer.byteLength(data), sha256: sha256hex(data) }));
    const manifest = JSON.stringify({ format: 'lync-doctor-bundle', formatVersion: 1, tool: { name: 'lync-doctor', version: '0.1.0' }, createdAt: '2026-03-03T10:00:00.000Z', snapshotCreatedAt: '2026-03-03T10:00:00.000Z', os: { platform: 'win32', release: '', arch: '' }, redaction: { level: 'standard', removed: {} }, entries });
    const zip = craftZip([{ name: 'manifest.json', data: manifest }, ...Object.entries(files).map(([n, data]) => ({ name: n, data }))]);
    await assert.rejects(importBundle(zip), (e: unknown) => e instanceof BundleError && e.code === 'schema' && e.message.includes(`${name} refused before reading it`), name);
  }
});
