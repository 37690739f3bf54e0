/**
 * Compare with real bundle pairs made by our exporter: the same diagnosis exported standard and
 * pseudonymised reads as the same (no finding new, gone or changed; no fact differs), while a real change
 * between two pseudonymised/standard exports is still seen.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeImported, bundleCompare } from '../../../../main/api/bundle';
import { compareDiagnoses, matchModeFor } from '../../../../main/bundle/compare';
import { exportBundle } from '../../../../main/bundle/export';
import { importBundle } from '../../../../main/bundle/import';
import { demoSnapshot } from '../../../../main/demo/demo';
import { analyze } from '../../../../main/diagnose';
import { articleLookup } from '../../../../main/kb/lookup';
import type { RedactionLevel } from '../../../../main/model/api';
import type { Snapshot } from '../../../../main/model/snapshot';

const KEY = Buffer.alloc(32, 7);
const OTHER_KEY = Buffer.alloc(32, 9);

async function zip(snapshot: Snapshot, redaction: RedactionLevel, key = KEY): Promise<Buffer> {
  const r = analyze(snapshot, { articles: articleLookup(), at: new Date(snapshot.createdAt) });
  return (await exportBundle({ snapshot, findings: r.findings }, { redaction, now: () => new Date(snapshot.createdAt), pseudonym: { key } })).zip;
}

async function compareZips(b: Buffer, a: Buffer) {
  const [ib, ia] = [await importBundle(b), await importBundle(a)];
  return compareDiagnoses(analyzeImported(ib), analyzeImported(ia), matchModeFor(ib.manifest.redaction.level, ia.manifest.redaction.level));
}

test('the demo exported standard and pseudonymised: compared by pseudonym, nothing is new, gone, changed or different', async () => {
  const s = demoSnapshot();
  const std = await zip(s, 'standard');
  const pse = await zip(s, 'pseudonymise');
  const r = await compareZips(std, pse);
  assert.equal(r.matchedBy, 'pseudonym');
  assert.deepEqual({ appeared: r.appeared.length, disappeared: r.disappeared.length, changed: r.changed.length, facts: r.facts }, { appeared: 0, disappeared: 0, changed: 0, facts: [] });
  assert.ok(r.unchanged > 300, `${r.unchanged} facts compared`);
  // The other way round and through the API verb (which reads the levels from the manifests) too.
  const back = await compareZips(pse, std);
  assert.deepEqual([back.appeared.length, back.disappeared.length, back.changed.length, back.facts.length], [0, 0, 0, 0]);
  const api = await bundleCompare({ fileName: 'std.zip', base64: std.toString('base64') }, { fileName: 'pse.zip', base64: pse.toString('base64') });
  assert.deepEqual([api.matchedBy, api.appeared.length, api.disappeared.length, api.changed.length, api.facts.length], ['pseudonym', 0, 0, 0, 0]);
});

test('two pseudonymised exports with different keys (other hashed thumbprints) also read as the same', async () => {
  const s = demoSnapshot();
  const r = await compareZips(await zip(s, 'pseudonymise', KEY), await zip(s, 'pseudonymise', OTHER_KEY));
  assert.deepEqual([r.appeared.length, r.disappeared.length, r.changed.length, r.facts.length], [0, 0, 0, 0]);
});

test('across levels a real change is still seen: the SRV record fixed after a standard export, compared with a pseudonymised one', async () => {
  const before = demoSnapshot();
  const dns = before.sections.dns as unknown as { data: { srv: Array<{ role: string; name: string; records: Array<{ target: string }> }> } };
  const after = JSON.parse(JSON.stringify(before)) as Snapshot;
  const srv = (after.sections.dns as unknown as typeof dns).data.srv.find((x) => x.records.some((r) => /hosting/.test(r.target)));
  assert.ok(srv, 'the demo has an SRV record outside the SIP domain');
  for (const rec of srv.records) rec.target = rec.target.replace('tailspintoys-hosting.net', 'tailspintoys.com');
  const r = await compareZips(await zip(before, 'standard'), await zip(after, 'pseudonymise'));
  assert.deepEqual(r.disappeared.map((f) => f.checkId), ['LD-DNS-004']);
  assert.deepEqual(r.appeared, []);
  // By pseudonym a renamed host reads the same ("sip.⟨domain⟩" both sides): the finding says what changed.
  assert.equal(r.matchedBy, 'pseudonym');
  const same = await compareZips(await zip(before, 'standard'), await zip(after, 'standard'));
  assert.ok(same.facts.some((f) => f.label.startsWith('DNS · SRV _sip._tls') && /tailspintoys-hosting\.net/.test(f.before)), same.facts.map((f) => f.label).join('\n'));
});
