/**
 * Pins main/sip/hresults.ts and main/sip/ms-diagnostics-file.ts: which written names are taken as constant
 * names, spellings of a value, the "0xNNNNNNNN(NAME)" / "0xNNNNNNNN NAME" forms traces use, the per-line cap,
 * and the table file loader (cached, honest about a missing file). Expected values written from the forms
 * seen in the real corpus (test/fixtures/sip/real) and the functions' contracts.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hresultName, hresultsOnLine, normaliseHresult } from '../../../../main/sip/hresults';
import { loadMsDiagnosticsTable } from '../../../../main/sip/ms-diagnostics-file';

test('a written name is taken only when it looks like a whole constant name (CAPITALS_WITH_UNDERSCORES)', () => {
  for (const ok of ['SIPPROXY_E_ROUTING', 'E_FAIL', 'A1_BC', 'X_E_OK']) assert.equal(hresultName('0x8EADBEEF', ok), ok, ok);
  for (const bad of ['sec_e_wrong_principal', 'SEC E WRONG', 'SIPPROXY', 'A_B', '_SEC_E_X', '1SEC_E_X', 'SEC_E_X!', 'xSEC_E_X', `A_${'B'.repeat(81)}`, 'SEC_E_wrong']) {
    assert.equal(hresultName('0x80090322', bad), 'SEC_E_WRONG_PRINCIPAL', `"${bad}" is not a name: the table answers`);
  }
  assert.equal(hresultName('0x80090322', ''), 'SEC_E_WRONG_PRINCIPAL');
  assert.equal(hresultName('0x80090322', null), 'SEC_E_WRONG_PRINCIPAL');
  // Any spelling of the value: with or without 0x, any case.
  assert.equal(hresultName('80090322'), 'SEC_E_WRONG_PRINCIPAL');
  assert.equal(hresultName('0Xc3e93c5e'), 'SIPPROXY_E_ROUTING');
  assert.equal(hresultName('c3e93c5e'), 'SIPPROXY_E_ROUTING');
  assert.equal(hresultName('0xC3E8302D'), 'SIPPROXY_E_WORKER_PROCESS_SLOW_INITIALIZING', 'a 0xC3E8 value is named from the table');
  assert.equal(hresultName('0xC3E80001'), null, 'only the 0xC3E9 facility gets the SIP-stack hint');
});

test('normaliseHresult: 8 hex digits, 0x optional, spaces around; upper-case result; anything else null', () => {
  assert.equal(normaliseHresult(' 0xc3e93c5e '), '0xC3E93C5E');
  assert.equal(normaliseHresult('0x800903221'), null);
  assert.equal(normaliseHresult('x80090322'), null);
  assert.equal(normaliseHresult('0x8009032g'), null);
  assert.equal(normaliseHresult('a0x80090322'), null);
});

test('hresultsOnLine: the name in parentheses (spaces allowed) or after spaces/tabs; failure values only; at most 16', () => {
  assert.deepEqual(hresultsOnLine('hr=0x80090322 ( SEC_E_WRONG_PRINCIPAL )'), [{ hresult: '0x80090322', written: 'SEC_E_WRONG_PRINCIPAL' }]);
  assert.deepEqual(hresultsOnLine('hr=0x80090322\t\tSEC_E_WRONG_PRINCIPAL'), [{ hresult: '0x80090322', written: 'SEC_E_WRONG_PRINCIPAL' }]);
  assert.deepEqual(hresultsOnLine('hr=0x80090322 lowercase words'), [{ hresult: '0x80090322', written: null }], 'words after it are not a name');
  assert.deepEqual(hresultsOnLine('hr=0x80090322\nSEC_E_WRONG_PRINCIPAL'), [{ hresult: '0x80090322', written: null }], 'not across a line end');
  assert.deepEqual(hresultsOnLine('0x80090322(abc)'), [{ hresult: '0x80090322', written: null }], 'a name in parentheses has at least 4 characters');
  assert.deepEqual(hresultsOnLine('0x80090322(Abcd_1)'), [{ hresult: '0x80090322', written: 'Abcd_1' }]);
  assert.deepEqual(hresultsOnLine('0x7FFFFFFF 0x800903220 0x80090322'), [{ hresult: '0x80090322', written: null }], 'success values and longer numbers are not HRESULTs');
  const many = Array.from({ length: 20 }, (_, i) => `0x800900${(i + 16).toString(16).toUpperCase()}`).join(' ');
  const found = hresultsOnLine(many);
  assert.equal(found.length, 16);
  assert.equal(found[15]?.hresult, '0x8009001F');
  // The scan starts afresh on every call (a global pattern keeps its position otherwise).
  assert.equal(hresultsOnLine('0x80090322').length, 1);
  assert.equal(hresultsOnLine('0x80090322').length, 1);
});

test('loadMsDiagnosticsTable: read once per path (the same table object), a missing file is a stated problem with an empty table', () => {
  assert.equal(loadMsDiagnosticsTable(), loadMsDiagnosticsTable());
  const missing = loadMsDiagnosticsTable('/nonexistent/ms-diagnostics.json');
  assert.deepEqual(missing.rows, []);
  assert.equal(missing.problems.length, 1);
  assert.match(missing.problems[0] ?? '', /^cannot read \/nonexistent\/ms-diagnostics\.json: ENOENT/);
  assert.equal(loadMsDiagnosticsTable('/nonexistent/ms-diagnostics.json'), missing);
});
