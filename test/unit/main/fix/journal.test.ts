import assert from 'node:assert/strict';
import { readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { Journal, JournalError, machineId, stamp, TRANSITIONS, validateEntry, writeAtomic, type JournalEntry } from '../../../../main/fix/journal';
import { NOW, filesUnder, tempDirsCleanedAfter } from './setup';

const tmp = tempDirsCleanedAfter();

function newEntry(j: Journal, fixId = 'flush-dns-cache'): JournalEntry {
  return j.create({ format: 1, journalId: j.newId(fixId, NOW), fixId, title: 't', mode: 'live', demo: false, machine: machineId('PC1'), sipAddress: 'alice@contoso.com', createdAt: NOW.toISOString(), summary: 's', changes: ['c'], data: {} }, 'planned');
}

test('ids: dated, named after the fix, random suffix; anything else (e.g. a path) is rejected', () => {
  const j = new Journal(tmp());
  const id = j.newId('remove-stale-tls-dsk', NOW);
  assert.match(id, /^20260601-120000-remove-stale-tls-dsk-[0-9a-f]{6}$/);
  assert.equal(stamp(NOW), '20260601-120000');
  for (const bad of ['../../etc/passwd', '20260601-120000-x-zzzzzz', '', 'a'.repeat(300)]) {
    assert.throws(() => j.backupDir(bad), JournalError);
    assert.ok('error' in j.read(bad));
  }
});

test('the state machine: only allowed transitions, each one written with its history', () => {
  const dir = tmp();
  const j = new Journal(dir);
  let e = newEntry(j);
  assert.throws(() => j.transition(e, 'applied', 'skip the backup', NOW), /cannot go from planned to applied/);
  e = j.transition(e, 'backed-up', 'b', NOW, { backup: { files: [], data: {} } });
  e = j.transition(e, 'applying', 'a', NOW);
  e = j.transition(e, 'applied', 'ok', NOW);
  assert.throws(() => j.transition(e, 'applying', 'again', NOW));
  e = j.transition(e, 'undoing', 'u', NOW);
  e = j.transition(e, 'undone', 'done', NOW);
  assert.deepEqual(TRANSITIONS.undone, []);
  const read = j.read(e.journalId);
  assert.ok('entry' in read);
  assert.deepEqual(read.entry.history.map((h) => h.state), ['planned', 'backed-up', 'applying', 'applied', 'undoing', 'undone']);
  assert.deepEqual(filesUnder(dir).filter((f) => f !== 'journal.key'), [`journal/${e.journalId}.json`], 'one file per entry, no temp files left');
});

test('entries read back are validated: damaged, tampered, renamed and foreign files are reported, never trusted', () => {
  const dir = tmp();
  const j = new Journal(dir);
  const good = newEntry(j);
  const bad = newEntry(j, 'reset-sign-in-cache');
  const file = join(dir, 'journal', `${bad.journalId}.json`);
  writeFileSync(file, readFileSync(file, 'utf8').replace('"state": "planned"', '"state": "exploded"'));
  const notJson = j.newId('flush-dns-cache', new Date(NOW.getTime() + 1000));
  writeFileSync(join(dir, 'journal', `${notJson}.json`), '{ not json');
  const moved = j.newId('flush-dns-cache', new Date(NOW.getTime() + 2000));
  writeFileSync(join(dir, 'journal', `${moved}.json`), readFileSync(join(dir, 'journal', `${good.journalId}.json`)));
  writeFileSync(join(dir, 'journal', 'notes.json'), '{}');
  writeFileSync(join(dir, 'journal', `${good.journalId}.json.123.abcd.tmp`), 'half');
  const { entries, problems } = j.list();
  assert.deepEqual(entries.map((e) => e.journalId), [good.journalId]);
  assert.equal(problems.length, 4, problems.join('\n'));
  assert.ok(problems.some((p) => /damaged.*state/.test(p)));
  assert.ok(problems.some((p) => /not valid JSON/.test(p)));
  assert.ok(problems.some((p) => /holds entry/.test(p)));
  assert.ok(problems.some((p) => /notes\.json/.test(p)));
});

test('validateEntry rejects prototype keys and wrong shapes', () => {
  assert.ok(validateEntry(JSON.parse('{"__proto__": {"x": 1}}')).length > 0);
  assert.ok(validateEntry({ format: 2 }).length > 0);
});

test('refuses to write an invalid entry (the file keeps the last good state)', () => {
  const j = new Journal(tmp());
  const e = newEntry(j);
  assert.throws(() => j.update(e, NOW, { steps: [{ id: 'x', label: 'l', shell: 'cmd', command: 'c', display: 'd', outcome: 'bogus' as never, code: 0, message: '', at: NOW.toISOString() }] }), /invalid journal entry/);
  const r = j.read(e.journalId);
  assert.ok('entry' in r && r.entry.steps.length === 0);
});

test('writeAtomic replaces a file whole and never leaves its temp file', () => {
  const dir = tmp();
  mkdirSync(join(dir, 'x'));
  const f = join(dir, 'x', 'a.json');
  writeAtomic(f, 'one');
  writeAtomic(f, 'two');
  assert.equal(readFileSync(f, 'utf8'), 'two');
  assert.deepEqual(filesUnder(dir), ['x/a.json']);
  assert.throws(() => writeAtomic(join(dir, 'missing', 'b.json'), 'x'));
  assert.deepEqual(filesUnder(dir), ['x/a.json']);
});

test('machineId hashes the computer name (no name in the journal)', () => {
  assert.equal(machineId('PC1'), machineId('pc1'));
  assert.notEqual(machineId('PC1'), machineId('PC2'));
  assert.doesNotMatch(machineId('PC1'), /PC1/i);
});

test('entries are signed with a per-user key (owner-only file); an edited or unsigned entry is refused with a clear message', () => {
  const dir = tmp();
  const j = new Journal(dir);
  const e = newEntry(j);
  if (process.platform !== 'win32') assert.equal(statSync(join(dir, 'journal.key')).mode & 0o777, 0o600);
  assert.ok('entry' in j.read(e.journalId));
  const file = join(dir, 'journal', `${e.journalId}.json`);
  const original = readFileSync(file, 'utf8');
  // A same-shape edit that passes the schema: a value we never wrote.
  writeFileSync(file, original.replace('"summary": "s"', '"summary": "x"'));
  const edited = j.read(e.journalId);
  assert.ok('error' in edited && /failed its integrity check — it was changed \(damaged or tampered with\)/.test(edited.error), JSON.stringify(edited));
  // The signature removed: refused as unsigned.
  const unsigned = JSON.parse(original) as Record<string, unknown>;
  delete unsigned.signature;
  writeFileSync(file, JSON.stringify(unsigned));
  const u = j.read(e.journalId);
  assert.ok('error' in u && /not signed by Lync Doctor for this user/.test(u.error));
  // Signed with another key (another user's data folder): refused.
  const other = new Journal(tmp());
  const theirs = newEntry(other);
  writeFileSync(join(dir, 'journal', `${theirs.journalId}.json`), readFileSync(join(other.dataDir, 'journal', `${theirs.journalId}.json`)));
  assert.ok('error' in j.read(theirs.journalId));
  // The untouched file reads again.
  writeFileSync(file, original);
  assert.ok('entry' in j.read(e.journalId));
});
