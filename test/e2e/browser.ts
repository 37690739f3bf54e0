/** Launching Debian's Chromium (or an Electron binary) for the E2E tests and the UI benchmark. */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { isDeepStrictEqual } from 'node:util';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { findElectron } from '../../main/electron/locate';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Flags for a quiet, offline, deterministic headless Chromium. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-default-apps',
];

/** Why Chromium-based E2E cannot run here, or null when it can. */
export function chromiumSkipReason(): string | null {
  return existsSync(CHROMIUM_PATH) ? null : `Chromium not found at ${CHROMIUM_PATH} (install it: apt-get install -y chromium, or set CHROMIUM_PATH)`;
}

/** The Electron binary for the Electron run of the suite, or why it is skipped. */
export function electronBinary(): { readonly path: string } | { readonly skip: string } {
  const path = findElectron();
  return path ? { path } : { skip: 'no Electron binary here (set ELECTRON_PATH, or install electron with its binary); the Electron run of the E2E suite is skipped' };
}

export interface Chromium {
  readonly context: BrowserContext;
  /** Closes the browser and removes its profile. */
  close(): Promise<void>;
}

/** A fresh Chromium profile (new user-data-dir) at the given window size and zoom. */
export async function launchChromium(opts: { width?: number; height?: number; scale?: number } = {}): Promise<Chromium> {
  const profile = mkdtempSync(join(tmpdir(), 'ld-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: opts.width ?? 1280, height: opts.height ?? 900 },
    deviceScaleFactor: opts.scale ?? 1,
    acceptDownloads: true,
    timeout: 30_000,
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** One headless Chromium for a test file; each test takes its own context (own storage, own page). */
export async function launchChromiumBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS, timeout: 30_000 });
}

/** A fresh context (empty storage, downloads allowed) at the given window size and zoom. */
export async function newAppContext(browser: Browser, opts: { width?: number; height?: number; scale?: number } = {}): Promise<BrowserContext> {
  return browser.newContext({ viewport: { width: opts.width ?? 1280, height: opts.height ?? 900 }, deviceScaleFactor: opts.scale ?? 1, acceptDownloads: true });
}

/**
 * Reads the page until the reading equals `expected` or `timeout` passes, then asserts on the last reading: the
 * window settles after an event (focus moves, a restored selection, a checkbox state) a little later on a
 * loaded machine (CI once saw one such read too early), so a single read right after a click is a race.
 */
export async function settled<T>(read: () => Promise<T>, expected: T, message?: string, timeout = 10_000): Promise<void> {
  const end = Date.now() + timeout;
  let got = await read();
  while (!isDeepStrictEqual(got, expected) && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 50));
    got = await read();
  }
  assert.deepEqual(got, expected, message);
}
