/**
 * Electron main process: one hardened window showing the built renderer from app://lyncdoctor, the
 * preload bridge and the IPC handlers. Thin on purpose: everything else is the shared API.
 */
import { app, BrowserWindow, ipcMain, protocol, session, type WebContents } from 'electron';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { createApi } from '../api';
import { CSP, SECURITY_HEADERS } from '../bridge/security';
import { main as cliMain } from '../cli';
import { APP_HOST, APP_ORIGIN, APP_SCHEME, isAppOrigin, isAppUrl } from './channels';
import { registerIpc } from './ipc';

/** dist/renderer beside dist/electron; LYNCDOCTOR_RENDERER_DIR points elsewhere (tests, development). */
const RENDERER_DIR = process.env.LYNCDOCTOR_RENDERER_DIR ?? join(__dirname, '..', 'renderer');
const PRELOAD = join(__dirname, 'preload.js');
const TYPES: Readonly<Record<string, string>> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.png': 'image/png', '.woff2': 'font/woff2' };

/** `LyncDoctor.exe --cli <command> …` (or `electron . --cli …`): the CLI, same flags/output/exit codes, no window. */
const CLI_AT = process.argv.indexOf('--cli');

if (CLI_AT < 0) {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: false } }]);
  app.enableSandbox();
}

/** Serves dist/renderer on app://lyncdoctor/ with the strict CSP; nothing outside that folder. */
async function serveRenderer(request: Request): Promise<Response> {
  let url: URL;
  let rel: string;
  try {
    url = new URL(request.url);
    rel = decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname);
  } catch {
    return new Response('Bad request', { status: 400 }); // a malformed %-escape or URL: answered, never thrown
  }
  if (url.host !== APP_HOST) return new Response('Not found', { status: 404 });
  const file = normalize(join(RENDERER_DIR, rel));
  const type = TYPES[extname(file)];
  if (!file.startsWith(RENDERER_DIR + sep) || !type) return new Response('Not found', { status: 404 });
  try {
    return new Response(await readFile(file), { headers: { ...SECURITY_HEADERS, 'Content-Security-Policy': CSP, 'Content-Type': type } });
  } catch {
    return new Response('Not found', { status: 404 });
  }
}

/** Every web contents: no new windows, no navigation away, no webviews. */
function harden(contents: WebContents): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (e, url) => {
    if (!isAppUrl(url)) e.preventDefault();
  });
  contents.on('will-redirect', (e) => e.preventDefault());
  contents.on('will-attach-webview', (e) => e.preventDefault());
}

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1200,
    height: 820,
    minWidth: 640,
    minHeight: 480,
    title: 'Lync Doctor',
    backgroundColor: '#f4f6f9',
    show: false,
    webPreferences: {
      preload: PRELOAD,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      devTools: !app.isPackaged,
    },
  });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(`${APP_ORIGIN}/index.html`);
  return win;
}

async function start(): Promise<void> {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  await app.whenReady();
  protocol.handle(APP_SCHEME, serveRenderer);
  const ses = session.defaultSession;
  // Permissions: everything denied, except writing to the clipboard from our own page ("copy for ticket").
  // Origins are compared exactly (scheme + host), never by prefix.
  ses.setPermissionRequestHandler((wc, permission, callback) => callback(permission === 'clipboard-sanitized-write' && isAppUrl(wc.getURL())));
  ses.setPermissionCheckHandler((_wc, permission, origin) => permission === 'clipboard-sanitized-write' && isAppOrigin(origin));
  // No remote content: only our scheme, and blob:/data: the page makes itself (bundle download).
  ses.webRequest.onBeforeRequest((details, callback) => {
    const ok = /^(app|blob|data|devtools|chrome-extension):/.test(details.url) && (!details.url.startsWith(`${APP_SCHEME}:`) || isAppUrl(details.url));
    callback({ cancel: !ok });
  });
  app.on('web-contents-created', (_e, contents) => harden(contents));

  const api = createApi();
  let win: BrowserWindow | null = createWindow();
  const unregister = registerIpc(ipcMain, api, () => (win && !win.isDestroyed() ? win.webContents.id : null), (verb, e) => console.error(`lyncdoctor: ${verb} failed:`, e));
  app.on('second-instance', () => {
    if (win && !win.isDestroyed()) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });
  win.on('closed', () => {
    win = null;
  });
  app.on('window-all-closed', () => {
    api.close();
    unregister();
    app.quit();
  });
}

/** Runs one CLI invocation inside the app binary and exits with its code; never opens a window. */
async function runCli(argv: readonly string[]): Promise<void> {
  app.dock?.hide();
  let code: number;
  try {
    code = await cliMain(argv);
  } catch (e) {
    console.error(`lyncdoctor: internal error: ${(e as Error).message}`);
    code = 2;
  }
  // Let piped output reach the script reading it before the process goes.
  await new Promise<void>((resolve) => process.stdout.write('', () => process.stderr.write('', () => resolve())));
  app.exit(code);
}

if (CLI_AT >= 0) void runCli(process.argv.slice(CLI_AT + 1));
else void start();
