import assert from 'node:assert/strict';
import { test } from 'node:test';
import { elevationOf, parseWhoamiGroups, whoamiCommand } from '../../../../main/fix/parse-whoami';
import { fixture } from '../../../helpers/fixtures';

test('elevation comes from the mandatory-label SID, in any language', () => {
  assert.equal(parseWhoamiGroups(fixture('fix', 'whoami-groups-medium.en.csv')), 'not-elevated');
  assert.equal(parseWhoamiGroups(fixture('fix', 'whoami-groups-high.en.csv')), 'elevated');
  assert.equal(parseWhoamiGroups(fixture('fix', 'whoami-groups-high.de.csv')), 'elevated');
});

test('an administrator in a filtered (unelevated) token is not elevated', () => {
  const medium = fixture('fix', 'whoami-groups-medium.en.csv');
  assert.match(medium, /BUILTIN\\Administrators","Alias","S-1-5-32-544","Group used for deny only/);
  assert.equal(parseWhoamiGroups(medium), 'not-elevated');
});

test('no label, a failure or no whoami is unknown', () => {
  assert.equal(parseWhoamiGroups(''), 'unknown');
  const base = { command: 'whoami.exe', args: [], stdout: '', stderr: '', timedOut: false, truncated: false };
  assert.equal(elevationOf({ ...base, code: 1, stderr: 'ERROR: Invalid argument' }).elevation, 'unknown');
  assert.equal(elevationOf({ ...base, code: null, spawnError: 'ENOENT' }).elevation, 'unknown');
  assert.deepEqual(whoamiCommand().args, ['/groups', '/fo', 'csv', '/nh']);
});
