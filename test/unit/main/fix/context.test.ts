import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decideMode, defaultDataDir } from '../../../../main/fix/context';
import { baseSnapshot } from '../../../helpers/snapshot';

test('default data folder: %LOCALAPPDATA%\\LyncDoctor on Windows (local: backups belong to this PC), XDG elsewhere, env override', () => {
  assert.equal(defaultDataDir({ LOCALAPPDATA: 'C:\\Users\\alice\\AppData\\Local' }, 'win32', 'C:\\Users\\alice'), 'C:\\Users\\alice\\AppData\\Local\\LyncDoctor');
  assert.equal(defaultDataDir({}, 'win32', 'C:\\Users\\alice'), 'C:\\Users\\alice\\AppData\\Local\\LyncDoctor');
  assert.equal(defaultDataDir({}, 'linux', '/home/alice'), '/home/alice/.config/lync-doctor');
  assert.equal(defaultDataDir({ XDG_CONFIG_HOME: '/x' }, 'darwin', '/Users/a'), '/x/lync-doctor');
  assert.equal(defaultDataDir({ LYNC_DOCTOR_DATA_DIR: '/tmp/ld' }, 'win32', 'C:\\'), '/tmp/ld');
});

test('live only for a diagnosis of this Windows PC; demo, imported and non-Windows are recorded', () => {
  const live = { snapshot: baseSnapshot(), findings: [] };
  assert.equal(decideMode(live, 'win32').mode, 'live');
  assert.deepEqual([decideMode(live, 'linux').mode, decideMode(live, 'linux').demo], ['recorded', false]);
  assert.match(decideMode(live, 'linux').reason, /RECORDED MODE: this is linux, not Windows.*nothing changes on this machine/);
  const demo = { snapshot: baseSnapshot({}, { demo: true }), findings: [] };
  assert.deepEqual([decideMode(demo, 'win32').mode, decideMode(demo, 'win32').demo], ['recorded', true]);
  assert.equal(decideMode({ ...live, importedFrom: 'bundle.zip' }, 'win32').mode, 'recorded');
  assert.equal(decideMode({ snapshot: baseSnapshot({}, { host: { platform: 'linux', release: '', arch: 'x64' } }), findings: [] }, 'win32').mode, 'recorded');
});
