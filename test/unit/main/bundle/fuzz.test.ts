/** Fuzz (CI size): mutated bundles are imported or refused with a BundleError — never a crash or hang. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fuzzImporter } from '../../../../scripts/fuzz-bundle';

test('300 mutated bundles: zero crashes, every refusal a BundleError with a reason', async () => {
  const rep = await fuzzImporter({ count: 300, seed: 20260302, timeoutMs: 5000 });
  assert.equal(rep.runs, 300);
  assert.deepEqual(rep.failures, []);
  const refusedCount = Object.values(rep.refused).reduce((a, b) => a + b, 0);
  assert.equal(rep.accepted + refusedCount, 300);
  // the mutations reach both the zip layer and the content layer
  assert.ok((rep.refused['not-a-zip'] ?? 0) > 0 && (rep.refused.schema ?? 0) + (rep.refused['invalid-json'] ?? 0) > 0, JSON.stringify(rep.refused));
  assert.ok(rep.accepted > 0, 'some mutations stay valid and go through analysis');
});
