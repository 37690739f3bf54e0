import assert from 'node:assert/strict';
import { test } from 'node:test';
import { useLyncCertStoreInvalid } from '../../../../main/checks/policy';
import { baseSnapshot, NOW, policySection } from '../../../helpers/snapshot';

const env = { now: NOW };

test('LD-POL-001: REG_SZ or out-of-range DWORD is flagged with the registry path', () => {
  const s = baseSnapshot({ policy: policySection([{ name: 'UseLyncCertStore', type: 'REG_SZ', data: '1' }, { name: 'UseLyncCertStore', data: '0x2', hive: 'HKCU' }]) });
  const f = useLyncCertStoreInvalid.evaluate(s, env);
  assert.equal(f.length, 2);
  assert.ok(f[0]!.evidence.some((e) => e.label === 'type' && e.value === 'REG_SZ'));
});

test('LD-POL-001 passes for DWORD 0 and 1 and for no value', () => {
  const s = baseSnapshot({ policy: policySection([{ name: 'UseLyncCertStore', data: '0x1' }, { name: 'UseLyncCertStore', data: '0x0' }, { name: 'Other', type: 'REG_SZ', data: 'x' }]) });
  assert.deepEqual(useLyncCertStoreInvalid.evaluate(s, env), []);
  assert.deepEqual(useLyncCertStoreInvalid.evaluate(baseSnapshot(), env), []);
});
