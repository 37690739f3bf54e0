/** Finds a system Chromium/Chrome/Edge to show the UI (the Electron binary: main/electron/locate.ts). */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

export interface LaunchEnv {
  readonly platform: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly exists: (path: string) => boolean;
}

const realEnv: LaunchEnv = { platform: process.platform, env: process.env, exists: existsSync };

/** True when a window can be shown (a desktop session; on Linux an X11 or Wayland display). */
export function hasDisplay(le: LaunchEnv = realEnv): boolean {
  if (le.platform === 'win32' || le.platform === 'darwin') return true;
  return Boolean(le.env.DISPLAY || le.env.WAYLAND_DISPLAY);
}

/** A Chromium-family browser that supports --app (Chromium, Chrome, Edge), or null. */
export function findBrowser(le: LaunchEnv = realEnv): string | null {
  const candidates: string[] = [];
  if (le.env.LYNCDOCTOR_BROWSER) candidates.push(le.env.LYNCDOCTOR_BROWSER);
  if (le.platform === 'win32') {
    for (const base of [le.env.PROGRAMFILES, le.env['PROGRAMFILES(X86)'], le.env.LOCALAPPDATA]) {
      if (!base) continue;
      candidates.push(join(base, 'Google', 'Chrome', 'Application', 'chrome.exe'), join(base, 'Microsoft', 'Edge', 'Application', 'msedge.exe'), join(base, 'Chromium', 'Application', 'chrome.exe'));
    }
  } else if (le.platform === 'darwin') {
    candidates.push('/Applications/Google Chrome.app/Contents/MacOS/Google Chrome', '/Applications/Chromium.app/Contents/MacOS/Chromium', '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge');
  } else {
    const dirs = (le.env.PATH ?? '/usr/bin').split(delimiter).filter(Boolean);
    for (const name of ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'microsoft-edge']) for (const d of dirs) candidates.push(join(d, name));
  }
  return candidates.find((c) => le.exists(c)) ?? null;
}

/** Opens `url` as an app window in its own fresh profile; does not wait for the browser. */
export function openAppWindow(browser: string, url: string): void {
  const profile = mkdtempSync(join(tmpdir(), 'lyncdoctor-ui-'));
  const child = spawn(browser, [`--app=${url}`, `--user-data-dir=${profile}`, '--no-first-run', '--no-default-browser-check', '--disable-sync', '--disable-extensions'], {
    detached: true,
    stdio: 'ignore',
  });
  child.on('error', () => undefined);
  child.unref();
}
