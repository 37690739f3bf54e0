import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { API_VERBS } from '../../../../main/model/api';
import { CSP } from '../../../../main/bridge/security';

/**
 * Runs the real main/electron/main.ts against a fake `electron` module (require cache), so the shell's
 * wiring and security settings are checked without an Electron binary.
 */
type Listener = (...args: unknown[]) => unknown;
const rec = {
  privileged: [] as unknown[],
  protocolHandlers: new Map<string, (req: Request) => Promise<Response>>(),
  windows: [] as Array<{ options: { webPreferences: Record<string, unknown> }; url?: string }>,
  ipc: new Map<string, Listener>(),
  appOn: new Map<string, Listener>(),
  permissionRequest: undefined as undefined | ((wc: { getURL(): string }, permission: string, cb: (ok: boolean) => void) => void),
  permissionCheck: undefined as undefined | ((wc: unknown, permission: string, origin: string) => boolean),
  beforeRequest: undefined as undefined | ((d: { url: string }, cb: (r: { cancel: boolean }) => void) => void),
  sandboxed: false,
};

class FakeWindow {
  readonly webContents = { id: 42 };
  constructor(readonly options: { webPreferences: Record<string, unknown> }) {
    rec.windows.push(this);
  }
  url?: string;
  once(): void {}
  on(): void {}
  show(): void {}
  isDestroyed(): boolean { return false; }
  isMinimized(): boolean { return false; }
  async loadURL(url: string): Promise<void> { this.url = url; }
}

const fakeElectron = {
  app: {
    isPackaged: false,
    enableSandbox: () => { rec.sandboxed = true; },
    requestSingleInstanceLock: () => true,
    whenReady: async () => undefined,
    on: (event: string, l: Listener) => rec.appOn.set(event, l),
    quit: () => undefined,
  },
  BrowserWindow: FakeWindow,
  ipcMain: { handle: (ch: string, l: Listener) => rec.ipc.set(ch, l), removeHandler: (ch: string) => rec.ipc.delete(ch) },
  protocol: {
    registerSchemesAsPrivileged: (s: unknown[]) => rec.privileged.push(...s),
    handle: (scheme: string, h: (req: Request) => Promise<Response>) => rec.protocolHandlers.set(scheme, h),
  },
  session: {
    defaultSession: {
      setPermissionRequestHandler: (h: typeof rec.permissionRequest) => { rec.permissionRequest = h; },
      setPermissionCheckHandler: (h: typeof rec.permissionCheck) => { rec.permissionCheck = h; },
      webRequest: { onBeforeRequest: (h: typeof rec.beforeRequest) => { rec.beforeRequest = h; } },
    },
  },
};

let dir: string;
const savedEnv = process.env.LYNCDOCTOR_RENDERER_DIR;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ld-electron-main-'));
  writeFileSync(join(dir, 'index.html'), '<html></html>');
  writeFileSync(join(dir, 'app.js'), 'void 0');
  process.env.LYNCDOCTOR_RENDERER_DIR = dir;
  const electronPath = require.resolve('electron');
  const saved = require.cache[electronPath];
  require.cache[electronPath] = { id: electronPath, filename: electronPath, loaded: true, exports: fakeElectron } as unknown as NodeJS.Module;
  try {
    require('../../../../main/electron/main');
  } finally {
    if (saved) require.cache[electronPath] = saved;
    else delete require.cache[electronPath];
  }
  for (let i = 0; i < 50 && rec.windows.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
});

after(() => {
  rec.appOn.get('window-all-closed')?.();
  if (savedEnv === undefined) delete process.env.LYNCDOCTOR_RENDERER_DIR;
  else process.env.LYNCDOCTOR_RENDERER_DIR = savedEnv;
  rmSync(dir, { recursive: true, force: true });
});

test('one window, context-isolated, sandboxed, no Node, our preload, loading our own origin', () => {
  assert.equal(rec.sandboxed, true);
  assert.equal(rec.windows.length, 1);
  const w = rec.windows[0] as FakeWindow;
  const p = w.options.webPreferences;
  assert.equal(p.contextIsolation, true);
  assert.equal(p.sandbox, true);
  assert.equal(p.nodeIntegration, false);
  assert.equal(p.webviewTag, false);
  assert.equal(p.webSecurity, true);
  assert.match(String(p.preload), /preload\.js$/);
  assert.equal(w.url, 'app://lyncdoctor/index.html');
});

test('IPC: a handler per verb only', () => {
  assert.deepEqual([...rec.ipc.keys()].sort(), API_VERBS.map((v) => `lyncdoctor:${v}`).sort());
});

test('permissions are denied, except clipboard writing for our page', () => {
  const ask = (permission: string, url: string): boolean => {
    let answer: boolean | undefined;
    rec.permissionRequest?.({ getURL: () => url }, permission, (ok) => { answer = ok; });
    return answer === true;
  };
  for (const p of ['geolocation', 'media', 'notifications', 'openExternal', 'midi']) assert.equal(ask(p, 'app://lyncdoctor/index.html'), false, p);
  assert.equal(ask('clipboard-sanitized-write', 'app://lyncdoctor/index.html'), true);
  assert.equal(ask('clipboard-sanitized-write', 'https://evil.example/'), false);
  assert.equal(rec.permissionCheck?.(null, 'clipboard-read', 'app://lyncdoctor'), false);
  // Exact origin comparison: look-alike origins that share our prefix are refused.
  assert.equal(rec.permissionCheck?.(null, 'clipboard-sanitized-write', 'app://lyncdoctor'), true);
  for (const o of ['app://lyncdoctor.evil.example', 'app://lyncdoctorx', 'app://lyncdoctor@evil', 'app://lyncdoctor:8080']) {
    assert.equal(rec.permissionCheck?.(null, 'clipboard-sanitized-write', o), false, o);
  }
  for (const u of ['app://lyncdoctor.evil/index.html', 'app://lyncdoctorx/index.html', 'app://evil@lyncdoctor/index.html']) assert.equal(ask('clipboard-sanitized-write', u), false, u);
});

test('no remote content: requests outside our origin are cancelled', () => {
  const cancelled = (url: string): boolean => {
    let r: { cancel: boolean } | undefined;
    rec.beforeRequest?.({ url }, (x) => { r = x; });
    return r?.cancel === true;
  };
  assert.equal(cancelled('app://lyncdoctor/app.js'), false);
  assert.equal(cancelled('blob:app://lyncdoctor/1234'), false);
  assert.equal(cancelled('https://cdn.example/x.js'), true);
  assert.equal(cancelled('http://127.0.0.1:8080/'), true);
  assert.equal(cancelled('file:///etc/passwd'), true);
  assert.equal(cancelled('app://other/index.html'), true);
});

test('new windows, navigation away and webviews are blocked on every web contents', () => {
  const handlers = new Map<string, Listener>();
  let openHandler: (() => { action: string }) | undefined;
  const contents = { setWindowOpenHandler: (h: () => { action: string }) => { openHandler = h; }, on: (e: string, l: Listener) => handlers.set(e, l) };
  rec.appOn.get('web-contents-created')?.({}, contents);
  assert.deepEqual(openHandler?.(), { action: 'deny' });
  const nav = (url: string): boolean => {
    let prevented = false;
    handlers.get('will-navigate')?.({ preventDefault: () => { prevented = true; } }, url);
    return prevented;
  };
  assert.equal(nav('https://evil.example/'), true);
  assert.equal(nav('app://lyncdoctor/index.html'), false);
  assert.equal(nav('app://lyncdoctor.evil/index.html'), true, 'a prefix look-alike is another origin');
  for (const e of ['will-redirect', 'will-attach-webview']) {
    let prevented = false;
    handlers.get(e)?.({ preventDefault: () => { prevented = true; } });
    assert.equal(prevented, true, e);
  }
});

test('the app:// protocol serves the renderer folder with the strict CSP, nothing outside it', async () => {
  assert.deepEqual(rec.privileged, [{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: false } }]);
  const serve = rec.protocolHandlers.get('app');
  assert.ok(serve);
  const ok = await serve(new Request('app://lyncdoctor/index.html'));
  assert.equal(ok.status, 200);
  assert.equal(ok.headers.get('content-security-policy'), CSP);
  assert.equal(await ok.text(), '<html></html>');
  // A malformed %-escape is answered 400, never thrown.
  for (const malformed of ['app://lyncdoctor/%E0%A4%A', 'app://lyncdoctor/%', 'app://lyncdoctor/%zz.js']) assert.equal((await serve(new Request(malformed))).status, 400, malformed);
  for (const bad of ['app://lyncdoctor/../../package.json', 'app://lyncdoctor/%2e%2e/%2e%2e/package.json', 'app://other/index.html', 'app://lyncdoctor/missing.js', 'app://lyncdoctor/x.txt']) {
    assert.equal((await serve(new Request(bad))).status, 404, bad);
  }
});
