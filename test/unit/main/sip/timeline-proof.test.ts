/**
 * "The sign-in timeline never shows a step as failed without the line that proves it": over every real trace
 * (test/fixtures/sip/real) and every hand-written client log (test/fixtures/logs), each failed step must carry
 * evidence naming file:line, and that line of the file (or the next two: a packet marker precedes its start
 * line) must hold the text the evidence quotes.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { test } from 'node:test';
import { analyzeLogFiles } from '../../../../main/logs/read';
import { loadMsDiagnosticsTable } from '../../../../main/sip/ms-diagnostics-file';
import { buildTimeline, renderTimeline } from '../../../../main/sip/timeline';
import { baseSnapshot } from '../../../helpers/snapshot';

const FIXTURES = join(__dirname, '..', '..', '..', 'fixtures');
const FILES = [
  ...readdirSync(join(FIXTURES, 'sip', 'real')).filter((f) => f !== 'SOURCES.md' && f !== 'expected.json').map((f) => join(FIXTURES, 'sip', 'real', f)),
  ...readdirSync(join(FIXTURES, 'logs')).filter((f) => f !== 'README.md' && f !== 'real').map((f) => join(FIXTURES, 'logs', f)),
  ...readdirSync(join(FIXTURES, 'logs', 'real')).filter((f) => f !== 'SOURCES.md' && f !== 'expected.json').map((f) => join(FIXTURES, 'logs', 'real', f)),
];
const table = loadMsDiagnosticsTable();

/** "file:12 SIP/2.0 403 Forbidden (CSeq 2 REGISTER)" → line 12 and the quoted text without the CSeq note / HTTP status. */
function located(value: string, file: string): { line: number; texts: string[] } | null {
  const m = /^(.+?):(\d+) (.+)$/.exec(value);
  if (!m || m[1] !== basename(file)) return null;
  const http = / → HTTP (\d{3})$/.exec(m[3] as string);
  const text = (m[3] as string).replace(/ \(CSeq [^)]*\)$/, '').replace(/ → HTTP \d{3}$/, '');
  return { line: Number(m[2]), texts: http ? [text, http[1] as string] : [text] };
}

test('the sweep below is not empty: these fixtures end with a failed step (the real traces read as expected.json says: none fails)', async () => {
  const failed: string[] = [];
  for (const file of FILES) {
    const logs = await analyzeLogFiles([{ path: file, origin: 'given' }], table);
    const t = buildTimeline(baseSnapshot({ logs: { status: 'ok', message: 'x', durationMs: 1, data: logs } }));
    if (t.failedStep !== null) failed.push(`${basename(file)}:${t.steps[t.failedStep]?.id}`);
  }
  assert.deepEqual(failed.sort(), ['certprov-fail.UccApilog:certificate', 'signin-4005-truncated.UccApilog:result', 'signin-ntlm-mismatch.UccApilog:result']);
});

for (const file of FILES) {
  test(`${basename(file)}: every failed step quotes the file line that proves it`, async () => {
    const logs = await analyzeLogFiles([{ path: file, origin: 'given' }], table);
    const t = buildTimeline(baseSnapshot({ logs: { status: 'ok', message: 'x', durationMs: 1, data: logs } }));
    const lines = readFileSync(file, 'latin1').split('\n');
    for (const st of t.steps) {
      if (st.status !== 'failed') continue;
      assert.equal(st.source, 'log', `${st.id}: a log-only timeline fails a step only from the log`);
      const proofs = st.evidence.map((e) => located(e.value, file)).filter((x) => x !== null);
      assert.ok(proofs.length > 0, `${st.id} failed without a file:line proof:\n${renderTimeline(t)}`);
      for (const p of proofs) {
        const window = lines.slice(p.line - 1, p.line + 2).join('\n');
        for (const text of p.texts) assert.ok(window.includes(text), `${st.id}: line ${p.line} of ${basename(file)} does not show "${text}":\n${window}`);
      }
    }
  });
}
