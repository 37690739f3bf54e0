// The text report a technician reads (README "CLI"): collectors with status/time/message, a count line, the most
// likely cause, findings by (effective) severity with their evidence, fix, case steps and article, consequences
// folded under their cause; the exit code from errors only. Expected lines written from hand-made findings.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { exitCodeFor, renderCollectors, renderFindings, renderJson, renderReport } from '../../../../main/cli/render-text';
import type { Finding } from '../../../../main/model/finding';
import { baseSnapshot } from '../../../helpers/snapshot';

const f = (checkId: string, over: Partial<Finding> = {}): Finding => ({
  checkId, severity: 'warning', title: `${checkId} title`, message: `${checkId} message`, evidence: [], articleId: `${checkId.toLowerCase()}-article`, research: [], fix: `${checkId} fix`, sections: [], ...over,
});

test('renderCollectors: status mark, id, duration and message in fixed columns', () => {
  const s = baseSnapshot({
    dns: { status: 'ok', message: 'all answered', durationMs: 12, data: undefined } as never,
    tls: { status: 'partial', message: 'one timed out', durationMs: 3001 } as never,
    sip: { status: 'not-applicable', message: 'n/a here', durationMs: 0 } as never,
    logs: { status: 'error', message: 'no access', durationMs: 1 } as never,
    clock: { status: 'timeout', message: 'late', durationMs: 5000 } as never,
  });
  assert.deepEqual(renderCollectors(s), [
    '  ok      dns           12 ms    all answered',
    '  PARTIAL tls           3001 ms  one timed out',
    '  n/a     sip           0 ms     n/a here',
    '  ERROR   logs          1 ms     no access',
    '  TIMEOUT clock         5000 ms  late',
  ]);
});

// Long values (issue 18 bug: "CANCELLED" (9 characters) ran into the name, a 6-digit duration into the message,
// and one long name shifted only its own row). Rule: columns stay aligned over every row and are separated by at
// least one space; a value longer than the column widens the whole column (to its length + 1). Written by hand.
test('renderCollectors: a value longer than its column widens the whole column, every row stays aligned', () => {
  const s = baseSnapshot({
    dns: { status: 'ok', message: 'all answered', durationMs: 12 } as never,
    tls: { status: 'cancelled', message: 'stopped', durationMs: 123456 } as never,
    'a-collector-name-of-20': { status: 'partial', message: 'long name', durationMs: 3 } as never,
  } as never);
  assert.deepEqual(renderCollectors(s), [
    '  ok        dns                    12 ms     all answered',
    '  CANCELLED tls                    123456 ms stopped',
    '  PARTIAL   a-collector-name-of-20 3 ms      long name',
  ]);
});

test('renderCollectors: a value exactly one short of its column keeps the narrow layout; at the width it widens by one', () => {
  const at = (status: 'timeout' | 'cancelled', durationMs: number) => renderCollectors(baseSnapshot({ clock: { status, message: 'm', durationMs } as never }))[0];
  assert.equal(at('timeout', 12345), '  TIMEOUT clock         12345 ms m', '7-character mark, 8-character duration: the minimum widths');
  assert.equal(at('timeout', 123456), '  TIMEOUT clock         123456 ms m', '9-character duration: its column widens to 10');
  assert.equal(at('cancelled', 1), '  CANCELLED clock         1 ms     m', '9-character mark: its column widens to 10');
});

test('renderFindings: none found, complete or not', () => {
  assert.deepEqual(renderFindings([]), ['Findings: 0 error(s), 0 warning(s), 0 info', '  No known issue matched the collected facts.']);
  assert.deepEqual(renderFindings([], true), ['Findings: 0 error(s), 0 warning(s), 0 info', '  No finding, but not everything could be checked (see the collectors above).']);
});

test('renderFindings: one finding with evidence, steps (with a two-line command) and research', () => {
  const one = f('LD-TLS-009', {
    severity: 'error',
    evidence: [{ label: 'endpoint', value: 'sip.contoso.com:443' }],
    steps: [{ text: 'Test the port.', command: 'Test-NetConnection a\nTest-NetConnection b' }, { text: 'Re-run.' }],
    research: ['SFB-KI-016', 'SFB-KI-017'],
  });
  assert.deepEqual(renderFindings([one]), [
    'Findings: 1 error(s), 0 warning(s), 0 info',
    'Most likely cause: LD-TLS-009 title (LD-TLS-009).',
    '',
    'ERROR',
    '  [LD-TLS-009] LD-TLS-009 title',
    '    LD-TLS-009 message',
    '    - endpoint: sip.contoso.com:443',
    '    fix: LD-TLS-009 fix',
    '    steps for this case:',
    '      1. Test the port.',
    '         Test-NetConnection a',
    '         Test-NetConnection b',
    '      2. Re-run.',
    '    article: ld-tls-009-article  (research SFB-KI-016, SFB-KI-017)',
  ]);
});

test('renderFindings: a warning root explaining an error is listed under ERROR with its consequence folded; info last', () => {
  const root = f('LD-PROXY-001', { affected: ['a:443', 'b:443'] });
  const cons = f('LD-AUTO-001', { severity: 'error', causedBy: 'LD-PROXY-001' });
  const lone = f('LD-MOB-001');
  const info = f('LD-TLS-008', { severity: 'info' });
  const out = renderFindings([info, lone, cons, root]);
  assert.deepEqual(out, [
    'Findings: 1 error(s), 2 warning(s), 1 info — 3 cause(s), 1 finding(s) folded under their cause',
    'Most likely cause: LD-PROXY-001 title (LD-PROXY-001) at 2 endpoints; it explains 1 other finding.',
    '',
    'ERROR',
    '  [LD-PROXY-001] LD-PROXY-001 title',
    '    LD-PROXY-001 message',
    '    fix: LD-PROXY-001 fix',
    '    article: ld-proxy-001-article',
    '    consequence (error), caused by LD-PROXY-001:',
    '      [LD-AUTO-001] LD-AUTO-001 title',
    '        LD-AUTO-001 message',
    '        fix: LD-AUTO-001 fix',
    '        article: ld-auto-001-article',
    '',
    'WARNING',
    '  [LD-MOB-001] LD-MOB-001 title',
    '    LD-MOB-001 message',
    '    fix: LD-MOB-001 fix',
    '    article: ld-mob-001-article',
    '',
    'INFO',
    '  [LD-TLS-008] LD-TLS-008 title',
    '    LD-TLS-008 message',
    '    fix: LD-TLS-008 fix',
    '    article: ld-tls-008-article',
  ]);
  assert.ok(!renderFindings([info]).some((l) => l.startsWith('Most likely cause')), 'info alone names no cause');
});

test('renderReport: head for a diagnosis and for the demo; timeline only with SIP or log facts; check failures and the demo trailer', () => {
  const s = baseSnapshot({ dns: { status: 'ok', message: 'm', durationMs: 1 } as never });
  const text = renderReport(s, [], [{ checkId: 'LD-X-001', error: 'boom' }]).split('\n');
  assert.deepEqual(text, [
    `Lync Doctor test — diagnosis for alice@contoso.com at ${s.createdAt}`,
    '',
    'Collectors',
    '  ok      dns           1 ms     m',
    '',
    'Findings: 0 error(s), 0 warning(s), 0 info',
    '  No known issue matched the collected facts.',
    '  (check LD-X-001 could not run: boom)',
  ]);
  const partial = renderReport(baseSnapshot({ dns: { status: 'partial', message: 'm', durationMs: 1 } as never }), []);
  assert.ok(partial.includes('No finding, but not everything could be checked'));
  const demo = renderReport({ ...s, demo: true }, []).split('\n');
  assert.equal(demo[0], `Lync Doctor test — DEMO: recorded snapshot of a broken PC (not this computer), captured ${s.createdAt}`);
  assert.equal(demo.at(-1), 'This was the built-in demo. Diagnose for real with: npm run lyncdoctor -- diagnose --sip-address alice@contoso.com');
  for (const status of ['ok', 'partial'] as const) {
    const withSip = renderReport(baseSnapshot({ sip: { status, message: 'm', durationMs: 1, data: { sipAddress: 'alice@contoso.com', targets: [], attempts: [], finalAttempt: null, webServices: [], trustEnforced: false, note: '' } } as never }), []);
    assert.ok(withSip.split('\n').length > 8, `${status}: the sign-in timeline follows`);
  }
  const failedSip = renderReport(baseSnapshot({ sip: { status: 'error', message: 'm', durationMs: 1 } as never }), []);
  assert.equal(failedSip.split('\n').length, 7, 'no timeline without SIP or log facts');
});

test('exitCodeFor: 1 only when a finding is an error; renderJson carries snapshot, findings and the cause', () => {
  assert.equal(exitCodeFor([]), 0);
  assert.equal(exitCodeFor([f('A', { severity: 'info' }), f('B', { severity: 'warning' })]), 0);
  assert.equal(exitCodeFor([f('A', { severity: 'warning' }), f('B', { severity: 'error', causedBy: 'A' })]), 1);
  const s = baseSnapshot();
  assert.deepEqual(JSON.parse(renderJson(s, [])), { snapshot: s, findings: [], cause: null });
  assert.equal(JSON.parse(renderJson(s, [f('A', { severity: 'error' })])).cause.checkId, 'A');
});
