// Runs an Electron main script (argv[2]) under plain Node with a stand-in `electron` module that records
// what the script did into the file named by FAKE_ELECTRON_RECORD: windows made, protocol registered,
// sandbox, single-instance lock, and the code passed to app.exit. The remaining argv is the app's.
const Module = require('node:module');
const { writeFileSync } = require('node:fs');
const rec = { windows: 0, privileged: false, sandbox: false, lock: false, ready: false, exitCode: null, dockHidden: false };
const save = () => writeFileSync(process.env.FAKE_ELECTRON_RECORD, JSON.stringify(rec));
const fake = {
  app: {
    isPackaged: true,
    dock: { hide: () => { rec.dockHidden = true; } },
    enableSandbox: () => { rec.sandbox = true; },
    requestSingleInstanceLock: () => { rec.lock = true; return true; },
    whenReady: async () => { rec.ready = true; },
    on: () => undefined,
    quit: () => undefined,
    exit: (code) => { rec.exitCode = code; save(); process.exit(code); },
  },
  BrowserWindow: class { constructor() { rec.windows++; this.webContents = { id: 1 }; } once() {} on() {} async loadURL() {} },
  ipcMain: { handle: () => undefined, removeHandler: () => undefined },
  protocol: { registerSchemesAsPrivileged: () => { rec.privileged = true; }, handle: () => undefined },
  session: { defaultSession: { setPermissionRequestHandler() {}, setPermissionCheckHandler() {}, webRequest: { onBeforeRequest() {} } } },
};
const load = Module._load;
Module._load = function (request, ...rest) {
  return request === 'electron' ? fake : load.call(this, request, ...rest);
};
const main = process.argv[2];
process.argv = [process.execPath, ...process.argv.slice(3)]; // as in a packaged app: [exe, ...args]
process.on('exit', save);
require(main);
// A window app never exits by itself: FAKE_ELECTRON_SETTLE_MS ends the run once start-up has settled.
if (process.env.FAKE_ELECTRON_SETTLE_MS) setTimeout(() => process.exit(0), Number(process.env.FAKE_ELECTRON_SETTLE_MS)).unref();
