// Boundary table for LD-POL-001: UseLyncCertStore must be REG_DWORD 0x0 or 0x1 (reg query prints DWORDs as 0xN).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { useLyncCertStoreInvalid } from '../../../../main/checks/policy';
import { baseSnapshot, NOW, policySection } from '../../../helpers/snapshot';

const env = { now: NOW };
const KEY = 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Office\\16.0\\Lync';

// [name, type, data, fires]
const TABLE: ReadonlyArray<readonly [string, string, string, boolean]> = [
  ['UseLyncCertStore', 'REG_DWORD', '0x0', false],
  ['UseLyncCertStore', 'REG_DWORD', '0x1', false],
  ['UseLyncCertStore', 'REG_DWORD', '0x00000001', false],
  ['UseLyncCertStore', 'REG_DWORD', ' 0x1 ', false],
  ['UseLyncCertStore', 'REG_DWORD', '0x2', true],
  ['UseLyncCertStore', 'REG_DWORD', '0xffffffff', true],
  ['UseLyncCertStore', 'REG_DWORD', '1', true],
  ['UseLyncCertStore', 'REG_DWORD', '0x', true],
  ['UseLyncCertStore', 'REG_DWORD', '0x123456789', true],
  ['UseLyncCertStore', 'REG_SZ', '1', true],
  ['UseLyncCertStore', 'REG_SZ', '0x1', true],
  ['UseLyncCertStore', 'REG_QWORD', '0x1', true],
  ['uselynccertstore', 'REG_SZ', 'yes', true],
  ['SomeOtherValue', 'REG_SZ', 'yes', false],
];

test('LD-POL-001 default severity is warning', () => assert.equal(useLyncCertStoreInvalid.severity, 'warning'));

for (const [name, type, data, fires] of TABLE) {
  test(`LD-POL-001 ${name} ${type} "${data}" → ${fires ? 'warning' : 'pass'}`, () => {
    const f = useLyncCertStoreInvalid.evaluate(baseSnapshot({ policy: policySection([{ name, type, data }]) }), env);
    if (!fires) return assert.deepEqual(f, []);
    assert.equal(f.length, 1);
    assert.equal(f[0]!.severity, undefined); // the check's default: warning
    assert.equal(f[0]!.message, `${KEY}\\${name} is ${type} "${data}"; expected REG_DWORD 0x1 (or 0x0). The client ignores other values, so TLS-DSK certificates keep going to the Personal store.`);
    assert.deepEqual(f[0]!.evidence, [
      { label: 'registry value', value: `${KEY}\\${name}` },
      { label: 'type', value: type },
      { label: 'data', value: data },
      { label: 'expected', value: 'REG_DWORD 0x1' },
    ]);
  });
}

test('LD-POL-001 one finding per bad value; nothing without usable policy data', () => {
  const s = baseSnapshot({ policy: policySection([{ name: 'UseLyncCertStore', data: '0x1' }, { name: 'UseLyncCertStore', type: 'REG_SZ', data: '1' }, { name: 'UseLyncCertStore', data: '0x5' }]) });
  assert.deepEqual(useLyncCertStoreInvalid.evaluate(s, env).map((f) => f.evidence[2]!.value), ['1', '0x5']);
  assert.deepEqual(useLyncCertStoreInvalid.evaluate(baseSnapshot(), env), []);
  const bad = policySection([{ name: 'UseLyncCertStore', type: 'REG_SZ', data: '1' }])!;
  assert.deepEqual(useLyncCertStoreInvalid.evaluate(baseSnapshot({ policy: { ...bad, status: 'error' } }), env), []);
});
