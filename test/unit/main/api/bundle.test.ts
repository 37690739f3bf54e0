/** The bundle API verbs: preview, export (map kept locally), import (re-analysed, read-only), compare. */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { bundleCompare, bundleExport, bundleImport, bundlePreview, rememberRawArtifacts } from '../../../../main/api/bundle';
import { BundleError } from '../../../../main/bundle/format';
import { demoSnapshot } from '../../../../main/demo/demo';
import { analyze } from '../../../../main/diagnose';
import { articleLookup } from '../../../../main/kb/lookup';
import type { DiagnosisView } from '../../../../main/model/api';

const mapDir = mkdtempSync(join(tmpdir(), 'ld-maps-'));
after(() => rmSync(mapDir, { recursive: true, force: true }));

const now = () => new Date('2026-06-02T08:30:00Z');

function demoView(): DiagnosisView {
  const snapshot = { ...demoSnapshot(), demo: false };
  return { snapshot, findings: analyze(snapshot, { articles: articleLookup() }).findings };
}

test('preview lists every entry with its size and writes nothing', async () => {
  const view = demoView();
  const entries = await bundlePreview(view, 'standard', { raw: [{ collectorId: 'dns', name: 'dns-queries.txt', content: 'x' }], mapDir });
  assert.deepEqual(entries.map((e) => e.name), ['manifest.json', 'snapshot.json', 'findings.json', 'answers.json', 'report.html', 'raw/dns/dns-queries.txt']);
  assert.ok(entries.every((e) => e.bytes > 0));
  await bundlePreview(view, 'pseudonymise', { mapDir });
  assert.deepEqual(readdirSync(mapDir), []);
});

test('export → import: base64 file, re-analysed findings, importedFrom set, raw remembered for re-export', async () => {
  const view = demoView();
  rememberRawArtifacts(view.snapshot, [{ collectorId: 'dns', name: 'dns-queries.txt', content: 'sip.contoso.com A answer' }]);
  const file = await bundleExport(view, 'standard', { now, mapDir });
  assert.equal(file.fileName, 'lyncdoctor-kim.akers_tailspintoys.com-20260602T083000Z.zip');
  assert.equal(Buffer.from(file.base64, 'base64').subarray(0, 2).toString(), 'PK');
  const back = await bundleImport(file);
  assert.equal(back.importedFrom, file.fileName);
  assert.deepEqual(back.findings, view.findings);
  assert.deepEqual(back.snapshot, view.snapshot);
  const again = await bundleImport(await bundleExport(back, 'standard', { now, mapDir }));
  assert.deepEqual(again.findings, view.findings);
  const entries = await bundlePreview(back, 'standard');
  assert.ok(entries.some((e) => e.name === 'raw/dns/dns-queries.txt'), 'raw outputs of an imported bundle come along on re-export');
});

test('pseudonymised export: neutral file name, no real names inside, the map in the local map folder', async () => {
  const file = await bundleExport(demoView(), 'pseudonymise', { now, mapDir });
  assert.equal(file.fileName, 'lyncdoctor-pseudonymised-20260602T083000Z.zip');
  const back = await bundleImport(file);
  assert.ok(!JSON.stringify(back).toLowerCase().includes('tailspintoys'));
  assert.ok(!JSON.stringify(back).toLowerCase().includes('kim.akers'));
  const maps = readdirSync(mapDir);
  assert.deepEqual(maps, ['lyncdoctor-pseudonymised-20260602T083000Z.map.json']);
  assert.equal(file.mapPath, join(mapDir, 'lyncdoctor-pseudonymised-20260602T083000Z.map.json'), 'the UI is told where the key file is');
  const map = JSON.parse(readFileSync(join(mapDir, maps[0] as string), 'utf8')) as { bundle: string; entries: Array<{ original: string; token: string }> };
  assert.equal(map.bundle, file.fileName);
  assert.equal(map.entries.find((e) => e.original === 'tailspintoys.com')?.token, back.snapshot.input.sipDomain);
});

test('bad files are refused as BundleErrors naming the problem', async () => {
  await assert.rejects(bundleImport({ fileName: 'x.zip', base64: '!!!not base64!!!' }), (e: unknown) => e instanceof BundleError && /not base64/.test(e.message));
  await assert.rejects(bundleImport({ fileName: 'x.zip', base64: Buffer.from('hello').toString('base64') }), (e: unknown) => e instanceof BundleError && e.code === 'not-a-zip');
  await assert.rejects(bundleImport({ fileName: 'x.zip' } as never), (e: unknown) => e instanceof BundleError);
  const good = await bundleExport(demoView(), 'standard', { now, mapDir });
  await assert.rejects(bundleCompare(good, { fileName: 'b.zip', base64: 'AAAA' }), (e: unknown) => e instanceof BundleError && /second \("after"\) bundle/.test(e.message));
  await assert.rejects(bundleExport({ snapshot: null, findings: [] } as never, 'standard', { mapDir }), (e: unknown) => e instanceof BundleError && e.code === 'schema');
});

test('compare two bundles: a removed certificate and the findings that went with it', async () => {
  const before = demoView();
  const s = before.snapshot;
  const certs = s.sections.certificates?.data;
  assert.ok(certs);
  // The demo PC keeps two expired TLS-DSK certificates: the fix removes both.
  const expiredAll = certs.certificates.filter((c) => Date.parse(c.notAfter) < Date.parse(s.createdAt));
  assert.equal(expiredAll.length, 2);
  const expired = expiredAll[0]!;
  const fixed = { ...s, sections: { ...s.sections, certificates: { ...s.sections.certificates, status: 'ok' as const, message: 'fixed', durationMs: 1, data: { ...certs, certificates: certs.certificates.filter((c) => !expiredAll.includes(c)) } } } };
  const afterView = { snapshot: fixed, findings: analyze(fixed, { articles: articleLookup() }).findings };
  const r = await bundleCompare(await bundleExport(before, 'standard', { now, mapDir }), await bundleExport(afterView, 'standard', { now, mapDir }));
  assert.ok(r.disappeared.some((f) => f.checkId === 'LD-CERT-001'));
  // A removed certificate is one fact: the whole item before, absent after (issue 17: not one line per field).
  const gone = r.facts.find((f) => f.area === 'certificates' && f.key === `data.certificates[${expired.thumbprint}]`);
  assert.equal(gone?.after, '(absent)');
  assert.match(gone?.before ?? '', /expiry \d{4}-\d\d-\d\d/);
  assert.match(gone?.label ?? '', /^Certificates · TLS-DSK certificate /);
  assert.ok(r.facts.some((f) => f.area === 'certificates' && f.key === 'message' && f.after === 'fixed'));
});
