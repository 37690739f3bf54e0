import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LaunchEnv } from '../../../../main/bridge/launch';
import { findElectron } from '../../../../main/electron/locate';

const env = (platform: string, vars: Record<string, string>, files: readonly string[]): LaunchEnv => ({ platform, env: vars, exists: (p) => files.includes(p) });

test('Electron is found only where its binary really exists (never by require, which would download it)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ld-electron-'));
  try {
    const real: LaunchEnv = { platform: 'linux', env: {}, exists: existsSync };
    assert.equal(findElectron(real, dir), null, 'package without path.txt');
    writeFileSync(join(dir, 'path.txt'), 'electron');
    assert.equal(findElectron(real, dir), null, 'path.txt but no binary');
    mkdirSync(join(dir, 'dist'));
    writeFileSync(join(dir, 'dist', 'electron'), '');
    assert.equal(findElectron(real, dir), join(dir, 'dist', 'electron'));
    assert.equal(findElectron(env('linux', { ELECTRON_PATH: '/opt/e/electron' }, ['/opt/e/electron']), dir), '/opt/e/electron');
    assert.equal(findElectron(env('linux', { ELECTRON_PATH: '/missing' }, []), dir), null);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

