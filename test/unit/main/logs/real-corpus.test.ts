import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { defaultKnowledgeBase } from '../../../../main/kb/default';
import { analyzeLogFiles } from '../../../../main/logs/read';
import { loadMsDiagnosticsTable } from '../../../../main/sip/ms-diagnostics-file';
import { buildTimeline, renderTimeline } from '../../../../main/sip/timeline';
import { baseSnapshot } from '../../../helpers/snapshot';

/** The expert readings of test/fixtures/logs/real (written by hand before the analyzer ran on them). */
interface Expected {
  readonly requests: string[];
  readonly responses: string[];
  readonly diagnostics: Record<string, number>;
  readonly errors: Record<string, [string, number]>;
  readonly offered: string[];
  readonly used: string[];
  readonly steps: Record<string, string>;
  readonly failedStep: string | null;
  readonly articles?: Record<string, string>;
  readonly kbSearchTopCode?: number;
  /** Reason text and attributes of a code, as an expert reads them from the header. */
  readonly reasons?: Record<string, string>;
  readonly attributes?: Record<string, Record<string, string>>;
}

const DIR = join(__dirname, '..', '..', '..', 'fixtures', 'logs', 'real');
const expected = JSON.parse(readFileSync(join(DIR, 'expected.json'), 'utf8')) as Record<string, Expected>;
const table = loadMsDiagnosticsTable();

for (const [file, want] of Object.entries(expected)) {
  if (file.startsWith('_')) continue;
  test(`real log excerpt ${file} reads as the expert reading says`, async () => {
    const logs = await analyzeLogFiles([{ path: join(DIR, file), origin: 'given' }], table);
    const counts: Record<string, number> = {};
    for (const r of [...want.requests, ...want.responses]) counts[r] = (counts[r] ?? 0) + 1;
    assert.deepEqual(logs.counts, counts, 'SIP messages read');
    assert.deepEqual(Object.fromEntries(logs.diagnostics.map((d) => [`${d.diagnostic.header}|${d.diagnostic.code}`, d.count])), want.diagnostics, 'diagnostics');
    assert.deepEqual(Object.fromEntries(logs.errors.map((e) => [e.hresult, [e.name, e.count]])), want.errors, 'HRESULTs');
    assert.deepEqual([...logs.schemesOffered].sort(), [...want.offered].sort(), 'schemes offered');
    assert.deepEqual([...logs.schemesUsed].sort(), [...want.used].sort(), 'schemes used');
    for (const d of logs.diagnostics) assert.equal(d.diagnostic.decoded.status, 'documented', `${d.diagnostic.header} ${d.diagnostic.code} is explained by the table`);
    for (const [code, article] of Object.entries(want.articles ?? {})) {
      assert.equal(logs.diagnostics.find((d) => String(d.diagnostic.code) === code)?.diagnostic.decoded.articleId, article, `advice for ${code}`);
    }
    for (const [code, reason] of Object.entries(want.reasons ?? {})) {
      assert.equal(logs.diagnostics.find((d) => String(d.diagnostic.code) === code)?.diagnostic.reason, reason, `reason of ${code}`);
    }
    for (const [code, attrs] of Object.entries(want.attributes ?? {})) {
      const got = logs.diagnostics.find((d) => String(d.diagnostic.code) === code)?.diagnostic.attributes ?? {};
      for (const [k, v] of Object.entries(attrs)) assert.equal(got[k], v, `${code} attribute ${k}`);
    }
    const t = buildTimeline(baseSnapshot({ logs: { status: 'ok', message: 'corpus', durationMs: 1, data: logs } }));
    const steps = Object.fromEntries(t.steps.filter((s) => s.id in want.steps).map((s) => [s.id, s.status]));
    assert.deepEqual(steps, want.steps, `timeline:\n${renderTimeline(t)}`);
    assert.equal(t.failedStep === null ? null : t.steps[t.failedStep]?.id, want.failedStep);
    if (want.kbSearchTopCode !== undefined) {
      // A line that names no code: the technician pastes it into `kb search`; the reason text finds the code.
      const line = readFileSync(join(DIR, file), 'utf8').trim();
      assert.equal(defaultKnowledgeBase().searchMsDiagnostics(line, 5)[0]?.code, want.kbSearchTopCode, `kb search "${line}"`);
    }
  });
}
