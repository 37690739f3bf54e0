import assert from 'node:assert/strict';
import { test } from 'node:test';
import { csvFields, lyncNotRunning, lyncProcessState, parseTasklist, tasklistCommand } from '../../../../main/fix/parse-tasklist';
import type { CommandResult } from '../../../../main/collect/windows/runner';
import { fixture } from '../../../helpers/fixtures';

const result = (p: Partial<CommandResult>): CommandResult => ({ command: 'tasklist.exe', args: [], code: 0, stdout: '', stderr: '', timedOut: false, truncated: false, ...p });

test('the exact tasklist command: one IMAGENAME filter, CSV, no header', () => {
  const c = tasklistCommand();
  assert.equal(c.command, 'tasklist.exe');
  assert.deepEqual(c.args, ['/FI', 'IMAGENAME eq lync.exe', '/FO', 'CSV', '/NH']);
  assert.equal(c.display, 'tasklist.exe /FI "IMAGENAME eq lync.exe" /FO CSV /NH');
});

test('running: CSV rows give the PIDs (English and German memory formats, several sessions)', () => {
  assert.deepEqual(parseTasklist(fixture('fix', 'tasklist-running.en.txt')), { state: 'running', pids: [8412] });
  assert.deepEqual(parseTasklist(fixture('fix', 'tasklist-running.de.txt')), { state: 'running', pids: [8412] });
  assert.deepEqual(parseTasklist(fixture('fix', 'tasklist-running-two-sessions.en.txt')), { state: 'running', pids: [8412, 11020] });
});

test('not running: the localized "INFO: No tasks are running…" line (en, de, fr)', () => {
  for (const f of ['tasklist-none.en.txt', 'tasklist-none.de.txt', 'tasklist-none.fr.txt']) {
    const s = parseTasklist(fixture('fix', f));
    assert.equal(s.state, 'not-running', f);
  }
  const en = parseTasklist(fixture('fix', 'tasklist-none.en.txt'));
  assert.ok(en.state === 'not-running' && en.message.startsWith('INFO: No tasks are running'));
});

test('empty, garbled and failed output is unknown, never "not running"', () => {
  assert.equal(parseTasklist('').state, 'unknown');
  assert.equal(parseTasklist('\r\n\r\n').state, 'unknown');
  assert.equal(parseTasklist('"lync.exe","84').state, 'unknown');
  assert.equal(lyncProcessState(result({ code: 1, stderr: fixture('fix', 'tasklist-invalid-filter.en.stderr.txt') })).state, 'unknown');
  assert.equal(lyncProcessState(result({ code: null, spawnError: 'spawn tasklist.exe ENOENT' })).state, 'unknown');
  assert.equal(lyncProcessState(result({ code: null, timedOut: true })).state, 'unknown');
});

test('a CSV row of another image is not lync.exe', () => {
  assert.equal(parseTasklist('"lyncx.exe","12","Console","1","1 K"\r\nINFO: x\r\n').state, 'not-running');
});

test('csvFields: quotes, doubled quotes, rejects unquoted fields', () => {
  assert.deepEqual(csvFields('"a","b ""c""",""'), ['a', 'b "c"', '']);
  assert.equal(csvFields('a,b'), null);
});

test('the preflight passes only on a clear "not running"', () => {
  const p = lyncNotRunning();
  assert.equal(p.judge(result({ stdout: fixture('fix', 'tasklist-none.de.txt') })).state, 'pass');
  const running = p.judge(result({ stdout: fixture('fix', 'tasklist-running.en.txt') }));
  assert.equal(running.state, 'fail');
  assert.match(running.message, /8412.*exit the client/);
  assert.equal(p.judge(result({ stdout: '' })).state, 'unknown');
});
