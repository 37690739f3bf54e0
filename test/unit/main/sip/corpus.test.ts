import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { analyzeLogFiles } from '../../../../main/logs/read';
import { loadMsDiagnosticsTable } from '../../../../main/sip/ms-diagnostics-file';
import { buildTimeline, renderTimeline } from '../../../../main/sip/timeline';
import { baseSnapshot } from '../../../helpers/snapshot';

/** The expert readings of test/fixtures/sip/real (written by hand before the analyzer ran on them). */
interface Expected {
  readonly requests: string[];
  readonly responses: string[];
  readonly diagnostics: Record<string, number>;
  readonly errors: Record<string, [string, number]>;
  readonly offered: string[];
  readonly used: string[];
  readonly steps: Record<string, string>;
  readonly failedStep: string | null;
  readonly mentions?: Record<string, string>;
  readonly articles?: Record<string, string>;
}

const DIR = join(__dirname, '..', '..', '..', 'fixtures', 'sip', 'real');
const expected = JSON.parse(readFileSync(join(DIR, 'expected.json'), 'utf8')) as Record<string, Expected>;
const table = loadMsDiagnosticsTable();

for (const [file, want] of Object.entries(expected)) {
  if (file.startsWith('_')) continue;
  test(`real trace ${file} reads as the expert reading says`, async () => {
    const logs = await analyzeLogFiles([{ path: join(DIR, file), origin: 'given' }], table);
    const counts: Record<string, number> = {};
    for (const r of want.requests) counts[r] = (counts[r] ?? 0) + 1;
    for (const r of want.responses) counts[r] = (counts[r] ?? 0) + 1;
    assert.deepEqual(logs.counts, counts, 'SIP messages read');
    const diags = Object.fromEntries(logs.diagnostics.map((d) => [`${d.diagnostic.header}|${d.diagnostic.code}`, d.count]));
    assert.deepEqual(diags, want.diagnostics, 'diagnostics');
    const errors = Object.fromEntries(logs.errors.map((e) => [e.hresult, [e.name, e.count]]));
    assert.deepEqual(errors, want.errors, 'HRESULTs (named, each event once)');
    assert.deepEqual([...logs.schemesOffered].sort(), [...want.offered].sort(), 'schemes offered');
    assert.deepEqual([...logs.schemesUsed].sort(), [...want.used].sort(), 'schemes used');
    for (const d of logs.diagnostics) assert.notEqual(d.diagnostic.decoded.status, 'not-documented', `${d.diagnostic.header} ${d.diagnostic.code} is explained by the table`);
    for (const [code, article] of Object.entries(want.articles ?? {})) {
      assert.equal(logs.diagnostics.find((d) => String(d.diagnostic.code) === code)?.diagnostic.decoded.articleId, article, `advice for ${code}`);
    }
    const t = buildTimeline(baseSnapshot({ logs: { status: 'ok', message: 'corpus', durationMs: 1, data: logs } }));
    const steps = Object.fromEntries(t.steps.filter((s) => s.id in want.steps).map((s) => [s.id, s.status]));
    assert.deepEqual(steps, want.steps, `timeline:\n${renderTimeline(t)}`);
    assert.equal(t.failedStep === null ? null : t.steps[t.failedStep]?.id, want.failedStep);
    for (const [id, text] of Object.entries(want.mentions ?? {})) assert.ok(t.steps.find((s) => s.id === id)?.detail.includes(text), `${id} mentions ${text}`);
    for (const s of t.steps) if (s.status === 'failed') assert.ok(s.evidence.length > 0, `failed step ${s.id} carries its proof`);
  });
}
