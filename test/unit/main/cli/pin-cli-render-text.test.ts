// The report's sign-in path and gap sentence (README "The command line": `demo`, `diagnose` and `analyze --json` carry
// `timeline` when a SIP probe or a client log was read; a run where a collector could not collect its facts never
// says "no known issue matched"). A client log alone is enough for the timeline, in the text and in --json.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderJson, renderReport } from '../../../../main/cli/render-text';
import { buildTimeline, renderTimeline } from '../../../../main/sip/timeline';
import { baseSnapshot } from '../../../helpers/snapshot';
import { attempt, logsSection, req, response, sipSection } from '../../../helpers/sip-snapshot';

const logs = logsSection([req(1)]);

test('a client log read (ok, partial, or stopped at the deadline with what it read) adds the sign-in timeline after a blank line, in the text; not when the log could not be read', () => {
  // timeout with data: the checks read those facts (logsData), so the report shows the path they judged
  for (const status of ['ok', 'partial', 'timeout'] as const) {
    const s = baseSnapshot({ logs: { ...logs, status } as never });
    const text = renderReport(s, []);
    assert.ok(text.endsWith(`\n\n${renderTimeline(buildTimeline(s))}`), status);
  }
  for (const status of ['error', 'timeout', 'not-applicable'] as const) {
    const s = baseSnapshot({ logs: { status, message: 'm', durationMs: 1 } as never });
    assert.ok(!renderReport(s, []).includes('Sign-in timeline'), status);
  }
});

test('--json: `timeline` (the sign-in path as built from the facts) with a client log or a SIP probe read; absent otherwise', () => {
  const s = baseSnapshot({ logs: logs as never });
  const j = JSON.parse(renderJson(s, [])) as Record<string, unknown>;
  assert.deepEqual(Object.keys(j), ['snapshot', 'findings', 'cause', 'timeline']);
  assert.deepEqual(j.timeline, JSON.parse(JSON.stringify(buildTimeline(s))));
  const noLog = baseSnapshot({ logs: { status: 'error', message: 'm', durationMs: 1 } as never, sip: { status: 'timeout', message: 'm', durationMs: 1 } as never });
  assert.deepEqual(Object.keys(JSON.parse(renderJson(noLog, [])) as object), ['snapshot', 'findings', 'cause']);
  // a SIP probe alone (no log) is enough too
  const probed = baseSnapshot({ sip: sipSection([attempt('pool01.contoso.com', 5061, response(401))]) as never });
  assert.deepEqual(Object.keys(JSON.parse(renderJson(probed, [])) as object), ['snapshot', 'findings', 'cause', 'timeline'], 'a SIP probe');
  assert.ok(renderReport(probed, []).includes('\nSign-in timeline'), 'a SIP probe, in the text');
  const timedOut = baseSnapshot({ logs: { ...logs, status: 'timeout' } as never });
  assert.deepEqual(Object.keys(JSON.parse(renderJson(timedOut, [])) as object), ['snapshot', 'findings', 'cause', 'timeline'], 'a log stopped at the deadline, with data');
});

test('no finding: "not everything could be checked" when any one collector has a gap (timeout, error), among ok ones; "no known issue" when all are ok or not applicable', () => {
  const ok = { status: 'ok', message: 'm', durationMs: 1 } as never;
  for (const status of ['timeout', 'error'] as const) {
    const text = renderReport(baseSnapshot({ dns: ok, clock: { status, message: 'm', durationMs: 1 } as never, tls: ok }), []);
    assert.ok(text.includes('  No finding, but not everything could be checked (see the collectors above).'), status);
    assert.ok(!text.includes('No known issue matched'), status);
  }
  const fine = renderReport(baseSnapshot({ dns: ok, clock: { status: 'not-applicable', message: 'm', durationMs: 1 } as never }), []);
  assert.ok(fine.includes('  No known issue matched the collected facts.'));
});

test('a check that could not run is named after the findings, and after the timeline when there is one; a diagnosis has no demo trailer', () => {
  const s = baseSnapshot({ logs: logs as never });
  const lines = renderReport(s, [], [{ checkId: 'LD-A-001', error: 'first' }, { checkId: 'LD-B-002', error: 'second' }]).split('\n');
  assert.deepEqual(lines.slice(-2), ['  (check LD-A-001 could not run: first)', '  (check LD-B-002 could not run: second)']);
  assert.ok(lines.indexOf('Sign-in timeline') < lines.length - 2);
  assert.ok(!lines.some((l) => l.includes('built-in demo')));
});

test('the demo: its trailer after a blank line, last', () => {
  const lines = renderReport({ ...baseSnapshot(), demo: true }, []).split('\n');
  assert.deepEqual(lines.slice(-2), ['', 'This was the built-in demo. Diagnose for real with: npm run lyncdoctor -- diagnose --sip-address alice@contoso.com']);
});
