import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cmdLine, cmdQuote, cmdSafe, decodePowerShell, judgeExitCode, judgeStatusWord, powershell, psQuote, tool } from '../../../../main/fix/commands';
import type { CommandResult } from '../../../../main/collect/windows/runner';

const r = (p: Partial<CommandResult>): CommandResult => ({ command: 'x.exe', args: [], code: 0, stdout: '', stderr: '', timedOut: false, truncated: false, ...p });

test("psQuote doubles every quote PowerShell reads as a single quote (ASCII and typographic)", () => {
  assert.equal(psQuote("o'neil"), "'o''neil'");
  assert.equal(psQuote('a\u2019b'), "'a\u2019\u2019b'");
  assert.equal(psQuote('$env:x `n'), "'$env:x `n'", 'no expansion inside single quotes');
});

test('PowerShell runs by -EncodedCommand (UTF-16LE base64); the script is what the preview shows', () => {
  const c = powershell(["'a'", "'b'"]);
  assert.deepEqual(c.args.slice(0, 5), ['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-EncodedCommand']);
  assert.equal(decodePowerShell(c.args), "'a'\n'b'");
  assert.equal(c.display, "'a'\n'b'");
});

test('tool display quotes what cmd.exe would split', () => {
  assert.equal(tool('reg.exe', ['add', 'HKCU\\A B', '/d', '']).display, 'reg.exe add "HKCU\\A B" /d ""');
  assert.equal(cmdQuote('plain'), 'plain');
});

test('judgements: timeouts are unknown (may have run), failures carry the error line, status words map', () => {
  assert.equal(judgeExitCode(r({ code: null, timedOut: true })).outcome, 'unknown');
  assert.deepEqual(judgeExitCode(r({ code: 1, stderr: 'ERROR: Access is denied.\r\n' })), { outcome: 'failed', message: 'ERROR: Access is denied.' });
  assert.equal(judgeExitCode(r({ code: null, spawnError: 'ENOENT' })).outcome, 'failed');
  const j = judgeStatusWord({ removed: 'ok', absent: 'no-change' });
  assert.equal(j(r({ stdout: 'removed\r\n' })).outcome, 'ok');
  assert.equal(j(r({ stdout: 'absent\r\n' })).outcome, 'no-change');
  assert.equal(j(r({ stdout: '' })).outcome, 'unknown', 'no status word: the change may or may not have happened');
  assert.equal(j(r({ code: 3, stderr: 'not removed' })).outcome, 'failed');
});

test('cmd.exe lines: never \\" (cmd cannot escape a quote); values with " % or line breaks are refused or shown as a REM line', () => {
  assert.equal(tool('reg.exe', ['add', 'HKCU\\A B', '/d', 'x & y']).display, 'reg.exe add "HKCU\\A B" /d "x & y"');
  for (const bad of ['a"b', '100%', '%PATH%', 'a\r\nb', 'a\nb']) {
    assert.equal(cmdSafe(bad), false, bad);
    assert.throws(() => cmdQuote(bad), /cannot be written on a cmd\.exe command line/);
    const line = tool('reg.exe', ['add', 'HKCU\\X', '/d', bad]).display;
    assert.match(line, /^REM not shown:/);
    assert.ok(!line.includes('\\"'), line);
  }
  assert.equal(cmdLine('reg', ['import', 'C:\\Users\\Ann Lee\\AppData\\Local\\LyncDoctor\\b\\apply.reg']), 'reg import "C:\\Users\\Ann Lee\\AppData\\Local\\LyncDoctor\\b\\apply.reg"');
});
