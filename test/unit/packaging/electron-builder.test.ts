/**
 * The packaging config (electron-builder.yml), read as electron-builder reads it: every Electron fuse we
 * rely on is set the right way, keys exist in electron-builder's own schema (a typo would be ignored
 * silently), the native module is rebuilt for Electron, the CLI wrapper and the built parts are shipped.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const ROOT = join(__dirname, '..', '..', '..');
const config = parse(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as Record<string, unknown>;
const schema = JSON.parse(readFileSync(join(ROOT, 'node_modules', 'app-builder-lib', 'scheme.json'), 'utf8')) as {
  properties: Record<string, unknown>;
  definitions: Record<string, { properties: Record<string, unknown> }>;
};

/** The fuses and the value each must have (electron/fuses names). */
const FUSES: Readonly<Record<string, boolean>> = {
  runAsNode: false,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
  enableCookieEncryption: true,
};

test('every required Electron fuse is present with its value', () => {
  const fuses = config.electronFuses as Record<string, unknown> | undefined;
  assert.ok(fuses && typeof fuses === 'object', 'electron-builder.yml has no electronFuses block');
  for (const [name, value] of Object.entries(FUSES)) {
    assert.ok(Object.hasOwn(fuses, name), `fuse ${name} is missing`);
    assert.equal(fuses[name], value, `fuse ${name} must be ${value}`);
  }
});

test('the fuse names and top-level keys are ones electron-builder knows (a typo would be silently ignored)', () => {
  const fuseNames = Object.keys(schema.definitions.FuseOptionsV1?.properties ?? {});
  assert.ok(fuseNames.length > 5, 'schema lists the fuses');
  for (const name of Object.keys(config.electronFuses as object)) assert.ok(fuseNames.includes(name), `unknown fuse ${name}`);
  for (const key of Object.keys(config)) assert.ok(Object.hasOwn(schema.properties, key), `unknown top-level key ${key}`);
  const winKeys = Object.keys(schema.definitions.WindowsConfiguration?.properties ?? {});
  for (const key of Object.keys(config.win as object)) assert.ok(winKeys.includes(key), `unknown win key ${key}`);
});

test('better-sqlite3 is rebuilt for Electron and unpacked from the archive; the app is in app.asar', () => {
  assert.equal(config.npmRebuild, true);
  assert.notEqual(config.asar, false, 'onlyLoadAppFromAsar needs the app packed in app.asar');
  assert.ok((config.asarUnpack as string[]).includes('**/*.node'));
  assert.ok((config.asarUnpack as string[]).includes('dist/workers/**'), 'worker threads load their script from disk');
});

test('the built parts and the CLI wrapper are shipped; the exe is LyncDoctor.exe', () => {
  const files = config.files as string[];
  for (const f of ['dist/electron/**', 'dist/renderer/**', 'dist/workers/**', 'dist/kb.sqlite', 'dist/articles.json']) assert.ok(files.includes(f), `files lacks ${f}`);
  assert.equal(config.executableName, 'LyncDoctor');
  const extra = (config.win as { extraFiles: Array<{ from: string; to: string }> }).extraFiles;
  assert.deepEqual(extra, [{ from: 'packaging/windows/lyncdoctor.cmd', to: 'lyncdoctor.cmd' }]);
  const cmd = readFileSync(join(ROOT, 'packaging', 'windows', 'lyncdoctor.cmd'), 'utf8');
  assert.match(cmd, /start "" \/wait \/b "%~dp0LyncDoctor\.exe" --cli %\*\r\n/);
  assert.match(cmd, /exit \/b %ERRORLEVEL%/);
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { main: string; bin: Record<string, string> };
  assert.equal(pkg.main, 'dist/electron/main.js');
  assert.deepEqual(pkg.bin, { lyncdoctor: 'dist/cli.js' });
  assert.ok(existsSync(join(ROOT, 'scripts', 'build.mjs')));
});
