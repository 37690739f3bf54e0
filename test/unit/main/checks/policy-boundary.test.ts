// Boundary table for LD-POL-001: UseLyncCertStore must be REG_DWORD 0x0 or 0x1 (reg query prints DWORDs as 0xN).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { useLyncCertStoreInvalid } from '../../../../main/checks/policy';
import { lyncCertStoreEnabled, useLyncCertStoreValues } from '../../../../main/checks/policy-values';
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

// ---- policy-values: which UseLyncCertStore values are read, and when the policy counts as on ----
// Rule (README "Certificates and policy"): the value name matches case-insensitively in any of the policy keys;
// only usable data counts (status ok, or partial: what was read is a fact); the store is on when ANY value is
// exactly DWORD 1 (reg query prints DWORDs as 0xN; a REG_SZ "1" is ignored by the client, LD-POL-001).
const ON: ReadonlyArray<readonly [string, Array<{ name: string; type?: string; data: string }>, boolean]> = [
  ['DWORD 0x1', [{ name: 'UseLyncCertStore', data: '0x1' }], true],
  ['DWORD 0x00000001', [{ name: 'UseLyncCertStore', data: '0x00000001' }], true],
  ['DWORD 0x0', [{ name: 'UseLyncCertStore', data: '0x0' }], false],
  ['DWORD 0x2 (not 1)', [{ name: 'UseLyncCertStore', data: '0x2' }], false],
  ['REG_SZ "1"', [{ name: 'UseLyncCertStore', type: 'REG_SZ', data: '1' }], false],
  ['REG_SZ "0x1"', [{ name: 'UseLyncCertStore', type: 'REG_SZ', data: '0x1' }], false],
  ['lower-case name, DWORD 0x1', [{ name: 'uselynccertstore', data: '0x1' }], true],
  ['0x0 in one key and 0x1 in another', [{ name: 'UseLyncCertStore', data: '0x0' }, { name: 'UseLyncCertStore', data: '0x1' }], true],
  ['another value at 0x1', [{ name: 'UseLyncCertStoreX', data: '0x1' }], false],
  ['no value', [], false],
];
for (const [label, values, on] of ON) {
  test(`policy-values: UseLyncCertStore ${label} → ${on ? 'on' : 'off'}`, () => {
    const read = useLyncCertStoreValues(baseSnapshot({ policy: policySection(values) }));
    assert.deepEqual(read?.map((v) => v.data), values.filter((v) => v.name.toLowerCase() === 'uselynccertstore').map((v) => v.data));
    assert.equal(lyncCertStoreEnabled(read!), on);
  });
}
test('policy-values: ok and partial data are read; error, timeout, not-applicable or no section give undefined (cannot judge)', () => {
  const p = policySection([{ name: 'UseLyncCertStore', data: '0x1' }])!;
  assert.equal(useLyncCertStoreValues(baseSnapshot({ policy: p }))?.length, 1);
  assert.equal(useLyncCertStoreValues(baseSnapshot({ policy: { ...p, status: 'partial' } }))?.length, 1);
  for (const status of ['error', 'timeout', 'not-applicable'] as const) assert.equal(useLyncCertStoreValues(baseSnapshot({ policy: { ...p, status } })), undefined, status);
  assert.equal(useLyncCertStoreValues(baseSnapshot({ policy: { status: 'ok', message: 'm', durationMs: 1 } })), undefined, 'ok without data');
  assert.equal(useLyncCertStoreValues(baseSnapshot()), undefined);
});
