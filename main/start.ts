/**
 * `npm start` (dist/start.js, built by scripts/build.mjs, which `npm start` runs first and which rebuilds
 * nothing unchanged): the desktop app. Electron where it is installed; otherwise the same UI on a loopback
 * address, opened in the system Chromium/Chrome/Edge as an app window (or the URL printed).
 * `npm start -- --cli` runs the CLI demo; `npm start -- --sip-address alice@contoso.com` a CLI diagnosis.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createApi } from './api';
import { DIST_DIR, PROJECT_ROOT } from './built';
import { findBrowser, hasDisplay, openAppWindow } from './bridge/launch';
import { findElectron } from './electron/locate';
import { startBridge } from './bridge/server';
import { main } from './cli';

const RENDERER_OUT = join(DIST_DIR, 'renderer');

async function ensureRenderer(): Promise<string> {
  if (existsSync(join(RENDERER_OUT, 'index.html'))) return RENDERER_OUT;
  throw new Error('the user interface is not built (dist/renderer is missing): run npm run build, or start with npm start');
}

async function runElectron(electron: string): Promise<number> {
  if (!existsSync(join(DIST_DIR, 'electron', 'main.js'))) {
    console.error('lyncdoctor: dist/electron is not built: run npm run build, or start with npm start');
    return 2;
  }
  console.log(`Lync Doctor: starting the desktop window (${electron}).`);
  return new Promise((resolve) => {
    const child = spawn(electron, [PROJECT_ROOT], { stdio: 'inherit' });
    child.on('error', (e) => {
      console.error(`lyncdoctor: Electron could not start: ${e.message}`);
      resolve(2);
    });
    child.on('exit', (code) => resolve(code ?? 0));
  });
}

function demoSummary(findings: ReadonlyArray<{ severity: string; checkId: string; title: string }>): string[] {
  const count = (s: string): number => findings.filter((f) => f.severity === s).length;
  return [
    `Built-in demo (a recorded snapshot of a broken PC, not this computer): ${count('error')} error(s), ${count('warning')} warning(s), ${count('info')} info`,
    ...findings.map((f) => `  ${f.severity.padEnd(8)}[${f.checkId}] ${f.title}`),
  ];
}

async function runLoopbackUi(rendererDir: string, why: string): Promise<number> {
  const api = createApi();
  const bridge = await startBridge({ api, rendererDir, onError: (verb, e) => console.error(`lyncdoctor: ${verb} failed: ${(e as Error).message}`) });
  const demo = await api.demo();
  const browser = findBrowser();
  // Two one-time login codes: one on the browser's command line (spent at once), one printed for a manual open.
  const printed = bridge.loginUrl(10 * 60_000);
  const lines = [
    `Lync Doctor ${demo.snapshot.tool.version} — ${why}; the app is served on this PC only:`,
    '',
    `  ${printed}`,
    '',
    '  (a one-time address, valid for 10 minutes: it signs one browser window in, then stops working)',
    '',
  ];
  if (browser && hasDisplay()) {
    openAppWindow(browser, bridge.url);
    lines.push(`Opened it in ${browser} (app window). If no window appeared, open the address above in a browser on this PC.`);
  } else {
    lines.push(`No window opened (${browser ? 'no display in this session' : 'no Chromium, Chrome or Edge found'}): open the address above in a browser on this PC.`);
  }
  lines.push('', ...demoSummary(demo.findings), '', 'Keeps serving until Ctrl+C. Command-line use: npm start -- --cli (demo) or npm start -- --sip-address alice@contoso.com');
  console.log(lines.join('\n'));
  return new Promise((resolve) => {
    const stop = (): void => {
      api.close();
      void bridge.close().then(() => resolve(0));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

async function startApp(): Promise<number> {
  let rendererDir: string;
  try {
    rendererDir = await ensureRenderer();
  } catch (e) {
    console.error(`lyncdoctor: ${(e as Error).message}. The command line still works: npm start -- --cli`);
    return 2;
  }
  const electron = findElectron();
  if (electron && hasDisplay()) return runElectron(electron);
  const why = electron ? 'Electron is installed but this session has no display' : 'Electron is not installed here';
  return runLoopbackUi(rendererDir, why);
}

const args = process.argv.slice(2);
const run: Promise<number> =
  args.length === 0 ? startApp()
  : args[0] === '--cli' ? main(['demo', ...args.slice(1)])
  : main(args[0]?.startsWith('--') ? ['diagnose', ...args] : args);
void run.then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    console.error(`lyncdoctor: ${(e as Error).message}`);
    process.exitCode = 2;
  },
);
