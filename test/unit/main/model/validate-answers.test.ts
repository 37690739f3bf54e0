import assert from 'node:assert/strict';
import { test } from 'node:test';
import { validateAnswers } from '../../../../main/model/validate-answers';

test('valid answers come back clean; empty strings are dropped', () => {
  const r = validateAnswers({ mobile: { platform: 'ios', osVersion: '9.3', language: 'English', region: '' }, server: { imUrlFilterEnabled: 'yes', imUrlFilterAction: 'warn' } });
  assert.deepEqual(r, { ok: true, answers: { mobile: { platform: 'ios', osVersion: '9.3', language: 'English' }, server: { imUrlFilterEnabled: 'yes', imUrlFilterAction: 'warn' } } });
  assert.deepEqual(validateAnswers({}), { ok: true, answers: {} });
});

test('unknown keys, wrong enums, wrong types and oversize values are refused with the field named', () => {
  const bad: Array<[unknown, RegExp]> = [
    [null, /answers must be an object/],
    [[], /answers must be an object/],
    [{ extra: {} }, /answers\.extra/],
    [{ mobile: { platform: 'symbian' } }, /answers\.mobile\.platform must be one of/],
    [{ mobile: { osVersion: 9 } }, /answers\.mobile\.osVersion must be a string/],
    [{ mobile: { language: 'x'.repeat(500) } }, /at most 200/],
    [{ server: { imUrlFilterEnabled: true } }, /imUrlFilterEnabled/],
    [{ server: { __proto__: 'x', pushNotificationsConfigured: 'maybe' } }, /pushNotificationsConfigured must be one of/],
    [{ mobile: 'ios' }, /answers\.mobile must be an object/],
  ];
  for (const [v, re] of bad) {
    const r = validateAnswers(v);
    assert.equal(r.ok, false, JSON.stringify(v));
    if (!r.ok) assert.match(r.error, re);
  }
});
