import assert from 'node:assert/strict';
import { test } from 'node:test';
import { classifyRegError, parseRegQuery } from '../../../../../main/collect/windows/parse-reg-query';
import { dwordValue } from '../../../../../main/model/policy';
import { fixture } from '../../../../helpers/fixtures';

test('parses values of a recorded reg query (CRLF, REG_SZ with spaces)', () => {
  const v = parseRegQuery(fixture('windows', 'reg-query-lync-16-set.txt'));
  assert.equal(v.length, 4);
  assert.deepEqual(v[0], { keyPath: 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Office\\16.0\\Lync', name: 'UseLyncCertStore', type: 'REG_DWORD', data: '0x1' });
  assert.equal(v[2]?.data, 'Manual configuration mode');
  assert.equal(dwordValue(v[0]!.type, v[0]!.data), 1);
});

test('an existing key without values gives no values', () => {
  assert.deepEqual(parseRegQuery(fixture('windows', 'reg-query-empty-key.txt')), []);
});

test('a REG_SZ "1" is not read as a DWORD', () => {
  const [v] = parseRegQuery(fixture('windows', 'reg-query-lync-15-string.txt'));
  assert.equal(v?.type, 'REG_SZ');
  assert.equal(dwordValue(v!.type, v!.data), null);
});

test('absent keys are told apart from access denied, in English and German', () => {
  assert.equal(classifyRegError(fixture('windows', 'reg-query-absent.en.stderr.txt')), 'absent');
  assert.equal(classifyRegError(fixture('windows', 'reg-query-absent.de.stderr.txt')), 'absent');
  assert.equal(classifyRegError(fixture('windows', 'reg-query-denied.en.stderr.txt')), 'access-denied');
  assert.equal(classifyRegError('something else broke'), 'error');
});

test('garbage input yields no values and no exception', () => {
  assert.deepEqual(parseRegQuery('\u0000\u0001 garbage\n    REG_DWORD\n\n\n'), []);
  assert.equal(dwordValue('REG_DWORD', '0xZZ'), null);
});
