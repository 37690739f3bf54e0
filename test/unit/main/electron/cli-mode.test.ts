/**
 * The packaged app is also the CLI: the built Electron main (dist/electron/main.js, what LyncDoctor.exe
 * runs) started with `--cli …` under a stand-in electron module must behave exactly like dist/cli.js —
 * same stdout and exit code — and never open a window, register the app protocol or take the lock.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBuilt, runCli } from '../../../helpers/cli';

const ROOT = join(__dirname, '..', '..', '..', '..');
const MAIN_JS = join(ROOT, 'dist', 'electron', 'main.js');
const RUNNER = join(ROOT, 'test', 'helpers', 'fake-electron-run.cjs');

interface Record_ {
  windows: number;
  privileged: boolean;
  sandbox: boolean;
  lock: boolean;
  exitCode: number | null;
}

async function runApp(args: readonly string[], env: Readonly<Record<string, string>> = {}): Promise<{ code: number; out: string; err: string; rec: Record_ }> {
  ensureBuilt();
  const dir = mkdtempSync(join(tmpdir(), 'ld-app-cli-'));
  const file = join(dir, 'record.json');
  try {
    return await new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [RUNNER, MAIN_JS, ...args], { cwd: dir, env: { ...process.env, ...env, FAKE_ELECTRON_RECORD: file }, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      let err = '';
      child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
      child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code: code ?? -1, out, err, rec: JSON.parse(readFileSync(file, 'utf8')) as Record_ }));
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('LyncDoctor.exe --cli demo --json: the CLI output and exit code, no window', async () => {
  const app = await runApp(['--cli', 'demo', '--json']);
  const cli = await runCli(['demo', '--json']);
  assert.equal(cli.code, 1, 'the demo has error findings');
  assert.equal(app.code, 1, app.err);
  assert.equal(app.rec.exitCode, 1);
  assert.deepEqual(JSON.parse(app.out), JSON.parse(cli.out));
  assert.deepEqual({ windows: app.rec.windows, privileged: app.rec.privileged, sandbox: app.rec.sandbox, lock: app.rec.lock }, { windows: 0, privileged: false, sandbox: false, lock: false });
});

test('LyncDoctor.exe --cli: usage errors exit 2 and help exits 0, as dist/cli.js', async () => {
  const bad = await runApp(['--cli', 'no-such-command']);
  assert.equal(bad.code, 2);
  assert.match(bad.err, /unknown command "no-such-command"/);
  const help = await runApp(['--cli', '--help']);
  assert.equal(help.code, 0);
  assert.equal(help.out, (await runCli(['--help'])).out);
  assert.equal(help.rec.windows, 0);
});

test('without --cli the built main opens its one window (the stand-in really runs the app)', async () => {
  const gui = await runApp([], { FAKE_ELECTRON_SETTLE_MS: '1500' });
  assert.deepEqual({ windows: gui.rec.windows, privileged: gui.rec.privileged, sandbox: gui.rec.sandbox, lock: gui.rec.lock }, { windows: 1, privileged: true, sandbox: true, lock: true });
  assert.equal(gui.rec.exitCode, null);
});
