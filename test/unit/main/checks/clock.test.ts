import assert from 'node:assert/strict';
import { test } from 'node:test';
import { clockSkew } from '../../../../main/checks/clock';
import type { ClockObservation } from '../../../../main/model/clock';
import { observation, ok } from '../../../helpers/network-snapshot';
import { baseSnapshot, NOW } from '../../../helpers/snapshot';

const env = { now: NOW };
const snap = (obs: ClockObservation[], skewMs: number | null) => baseSnapshot({ clock: ok<'clock'>({ observations: obs, skewMs, resolutionMs: 1000 }) });

test('LD-CLOCK-001: 7 minutes ahead is an error, 3 minutes behind a warning, 30 s passes', () => {
  const [e] = clockSkew.evaluate(snap([observation(420_000)], 420_000), env);
  assert.equal(e!.severity, 'error');
  assert.match(e!.message, /7 min 0 s ahead of/);
  const [w] = clockSkew.evaluate(snap([observation(-180_000)], -180_000), env);
  assert.equal(w!.severity, 'warning');
  assert.match(w!.message, /behind/);
  assert.deepEqual(clockSkew.evaluate(snap([observation(30_000)], 30_000), env), []);
  assert.deepEqual(clockSkew.evaluate(snap([], null), env), []);
  assert.deepEqual(clockSkew.evaluate(baseSnapshot(), env), []);
});
