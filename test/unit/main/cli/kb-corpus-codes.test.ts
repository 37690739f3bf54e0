import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli } from '../../../helpers/cli';

const expected = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'fixtures', 'sip', 'real', 'expected.json'), 'utf8')) as Record<string, { diagnostics?: Record<string, number> }>;
const codes = [...new Set(Object.values(expected).flatMap((e) => Object.keys(e.diagnostics ?? {}).map((k) => k.split('|')[1] as string)))].sort();

test('kb show explains every ms-diagnostics code of the real-trace corpus', async () => {
  assert.ok(codes.length >= 10, `corpus codes: ${codes.join(', ')}`);
  for (const code of codes) {
    const r = await runCli(['kb', 'show', code]);
    assert.equal(r.code, 0, `kb show ${code}: ${r.err}`);
    assert.match(r.out, new RegExp(`ms-diagnostics ${code}\\b`));
    assert.doesNotMatch(r.out, /not documented/i, `kb show ${code} explains it`);
  }
});
