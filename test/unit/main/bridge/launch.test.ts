import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { findBrowser, hasDisplay, type LaunchEnv } from '../../../../main/bridge/launch';

const env = (platform: string, vars: Record<string, string>, files: readonly string[]): LaunchEnv => ({ platform, env: vars, exists: (p) => files.includes(p) });

test('a browser window needs a display on Linux; Windows and macOS always have one', () => {
  assert.equal(hasDisplay(env('linux', {}, [])), false);
  assert.equal(hasDisplay(env('linux', { DISPLAY: ':0' }, [])), true);
  assert.equal(hasDisplay(env('linux', { WAYLAND_DISPLAY: 'wayland-0' }, [])), true);
  assert.equal(hasDisplay(env('win32', {}, [])), true);
});

test('finds Chromium on PATH, Chrome or Edge on Windows, or nothing', () => {
  assert.equal(findBrowser(env('linux', { PATH: '/usr/local/bin:/usr/bin' }, ['/usr/bin/chromium'])), '/usr/bin/chromium');
  assert.equal(findBrowser(env('linux', { PATH: '/usr/bin' }, [])), null);
  const edge = join('C:\\Program Files (x86)', 'Microsoft', 'Edge', 'Application', 'msedge.exe');
  assert.equal(findBrowser(env('win32', { 'PROGRAMFILES(X86)': 'C:\\Program Files (x86)' }, [edge])), edge);
  assert.equal(findBrowser(env('linux', { LYNCDOCTOR_BROWSER: '/x/brave', PATH: '/usr/bin' }, ['/x/brave', '/usr/bin/chromium'])), '/x/brave');
});
