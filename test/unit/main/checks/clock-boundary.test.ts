// Boundary table for LD-CLOCK-001 (Kerberos/TLS-DSK tolerate 5 minutes: research SFB-KI-011).
// Rule: |skew| rounded to whole seconds; < 120 s passes, 120…299 s warning, ≥ 300 s error; sign gives the direction.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { clockSkew, SKEW_ERROR_S, SKEW_WARNING_S } from '../../../../main/checks/clock';
import type { ClockObservation } from '../../../../main/model/clock';
import { observation, ok } from '../../../helpers/network-snapshot';
import { baseSnapshot, NOW } from '../../../helpers/snapshot';

const env = { now: NOW };
const snap = (obs: ClockObservation[], skewMs: number | null, status: 'ok' | 'error' = 'ok') =>
  baseSnapshot({ clock: status === 'ok' ? ok<'clock'>({ observations: obs, skewMs, resolutionMs: 1000 }) : { status: 'error', message: 'x', durationMs: 1, data: { observations: obs, skewMs, resolutionMs: 1000 } } });

// skewMs → expected: null = no finding; otherwise severity, message fragment, 'median skew' evidence value.
const TABLE: ReadonlyArray<readonly [number, null | readonly ['warning' | 'error', string, string]]> = [
  [0, null],
  [119_000, null],
  [119_499, null], // rounds to 119 s
  [119_500, ['warning', '2 min 0 s ahead of', '+120 s']], // rounds to 120 s: the warning limit
  [120_000, ['warning', '2 min 0 s ahead of', '+120 s']],
  [121_000, ['warning', '2 min 1 s ahead of', '+121 s']],
  [299_000, ['warning', '4 min 59 s ahead of', '+299 s']],
  [299_499, ['warning', '4 min 59 s ahead of', '+299 s']],
  [299_500, ['error', '5 min 0 s ahead of', '+300 s']],
  [300_000, ['error', '5 min 0 s ahead of', '+300 s']], // exactly at the error limit
  [301_000, ['error', '5 min 1 s ahead of', '+301 s']],
  [-119_000, null],
  [-120_000, ['warning', '2 min 0 s behind', '-120 s']],
  [-299_000, ['warning', '4 min 59 s behind', '-299 s']],
  [-300_000, ['error', '5 min 0 s behind', '-300 s']],
  [-301_000, ['error', '5 min 1 s behind', '-301 s']],
  [-3_600_000, ['error', '60 min 0 s behind', '-3600 s']],
];

test('LD-CLOCK-001 thresholds are 120 s (warning) and 300 s (error)', () => {
  assert.equal(SKEW_WARNING_S, 120);
  assert.equal(SKEW_ERROR_S, 300);
  assert.equal(clockSkew.severity, 'error');
});

for (const [skew, want] of TABLE) {
  test(`LD-CLOCK-001 skew ${skew} ms → ${want ? want[0] : 'pass'}`, () => {
    const f = clockSkew.evaluate(snap([observation(skew)], skew), env);
    if (!want) return assert.deepEqual(f, []);
    assert.equal(f.length, 1);
    const [sev, msg, median] = want;
    assert.equal(f[0]!.severity, sev);
    assert.ok(f[0]!.message.includes(msg), f[0]!.message);
    assert.ok(f[0]!.message.includes('median of 1 Date header(s)'), f[0]!.message);
    assert.deepEqual(f[0]!.evidence[0], { label: 'median skew', value: median });
    const o = observation(skew);
    assert.deepEqual(f[0]!.evidence[1], { label: o.server, value: `server ${o.serverDate}, local ${o.localDate}` });
  });
}

test('LD-CLOCK-001 evidence lists at most 5 observations; the verdict uses the median, not each observation', () => {
  const obs = [1, 2, 3, 4, 5, 6].map((i) => observation(600_000, { server: `https://s${i}.contoso.com/` }));
  const [f] = clockSkew.evaluate(snap(obs, 600_000), env);
  assert.equal(f!.evidence.length, 6);
  assert.deepEqual(f!.evidence.slice(1).map((e) => e.label), [1, 2, 3, 4, 5].map((i) => `https://s${i}.contoso.com/`));
  assert.ok(f!.message.includes('median of 6 Date header(s)'));
  // One skewed observation but a small median: passes.
  assert.deepEqual(clockSkew.evaluate(snap([observation(600_000), observation(0), observation(0)], 0), env), []);
});

test('LD-CLOCK-001 cannot judge without a median or a usable section', () => {
  assert.deepEqual(clockSkew.evaluate(snap([observation(600_000)], null), env), []);
  assert.deepEqual(clockSkew.evaluate(snap([observation(600_000)], 600_000, 'error'), env), []);
  assert.deepEqual(clockSkew.evaluate(baseSnapshot(), env), []);
});
