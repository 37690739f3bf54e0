import assert from 'node:assert/strict';
import { test } from 'node:test';
import { spawnRunner } from '../../../../../main/collect/windows/runner';

test('spawnRunner captures output and exit code of a real process', async () => {
  const r = await spawnRunner(process.execPath, ['-e', 'process.stdout.write("hi"); process.stderr.write("e"); process.exit(3)'], { timeoutMs: 10_000 });
  assert.deepEqual([r.code, r.stdout, r.stderr, r.timedOut], [3, 'hi', 'e', false]);
});

test('spawnRunner kills a process that outlives its timeout', async () => {
  const r = await spawnRunner(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { timeoutMs: 200 });
  assert.equal(r.timedOut, true);
  assert.equal(r.code, null);
});

test('spawnRunner caps output', async () => {
  const r = await spawnRunner(process.execPath, ['-e', 'process.stdout.write("x".repeat(100000))'], { timeoutMs: 10_000, maxBytes: 1000 });
  assert.equal(r.stdout.length, 1000);
  assert.equal(r.truncated, true);
});

test('spawnRunner reports a missing command without throwing', async () => {
  const r = await spawnRunner('definitely-not-a-command-xyz', [], { timeoutMs: 1000 });
  assert.ok(r.spawnError);
  assert.equal(r.code, null);
});

test('decodingRunner: asks the OEM code page once, only when output is not ASCII; decodes CLIXML only from PowerShell', async () => {
  const { decodingRunner } = await import('../../../../../main/collect/windows/runner.js');
  const { encodeConsole } = await import('../../../../../main/collect/windows/codepage.js');
  const asked: string[] = [];
  const clixml = '#< CLIXML\r\n<Objs Version="1.1.0.1" xmlns="http://schemas.microsoft.com/powershell/2004/04"><S S="Error">Zugriff verweigert_x000D__x000A_</S></Objs>';
  const run = decodingRunner(async (command, args) => {
    asked.push([command, ...args].join(' '));
    const out = command === 'reg.exe' && args.includes('OEMCP') ? Buffer.from('\r\nHKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\Nls\\CodePage\r\n    OEMCP    REG_SZ    850\r\n\r\n') : command === 'ascii' ? Buffer.from('plain') : encodeConsole('Schlüssel', 850);
    return { command, args, code: 0, stdout: out, stderr: Buffer.from(command === 'powershell.exe' || command === 'other.exe' ? clixml : ''), timedOut: false, truncated: false };
  });
  assert.equal((await run('ascii', [], { timeoutMs: 1000 })).stdout, 'plain');
  assert.equal(asked.length, 1, 'ASCII output needs no code page');
  assert.equal((await run('reg.exe', ['query', 'X'], { timeoutMs: 1000 })).stdout, 'Schlüssel');
  assert.equal((await run('powershell.exe', [], { timeoutMs: 1000 })).stderr, 'Zugriff verweigert\r\n');
  assert.equal((await run('other.exe', [], { timeoutMs: 1000 })).stderr, clixml);
  assert.equal(asked.filter((a) => a.includes('OEMCP')).length, 1);
});

test('decodingRunner: without an OEMCP answer, valid UTF-8 stays UTF-8 and anything else is read as CP437 (never U+FFFD)', async () => {
  const { decodingRunner } = await import('../../../../../main/collect/windows/runner.js');
  const outs = [Buffer.from('Grüße', 'utf8'), Buffer.from([0x47, 0x81, 0x84])];
  let i = 0;
  const run = decodingRunner(async (command, args) => {
    const stdout = command === 'reg.exe' ? Buffer.alloc(0) : (outs[i++] as Buffer);
    return { command, args, code: command === 'reg.exe' ? 9009 : 0, stdout, stderr: Buffer.alloc(0), timedOut: false, truncated: false };
  });
  assert.equal((await run('a', [], { timeoutMs: 1000 })).stdout, 'Grüße');
  assert.equal((await run('b', [], { timeoutMs: 1000 })).stdout, 'Güä');
});
