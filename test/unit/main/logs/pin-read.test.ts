/**
 * Pins readInto / analyzeLogFiles (main/logs/read.ts) through their public functions: each file outcome and its
 * message, the exact summary line, tail reads at the size limit, a deadline's abort (before the read and at the
 * reader's first yield), a multi-byte character cut at a read-chunk end, and no file handle left open.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { LogAnalyzer } from '../../../../main/logs/analyzer';
import { analyzeLogFiles, CHUNK_BYTES, MAX_LINE_CHARS, readInto } from '../../../../main/logs/read';
import { loadMsDiagnosticsTable } from '../../../../main/sip/ms-diagnostics-file';

const table = loadMsDiagnosticsTable();
const dir = mkdtempSync(join(tmpdir(), 'ld-pin-read-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const file = (name: string, content: string | Buffer): string => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};
const read = (path: string, opts = {}) => readInto(new LogAnalyzer(table), path, 'given', opts);
const empty = (path: string) => ({ path, origin: 'given', bytes: 0, lines: 0, longLines: 0, invalidUtf8: false, firstTimestamp: null, lastTimestamp: null, modifiedAt: null });

test('a missing file, a path under a file (ENOTDIR) and a folder: the whole reading, nothing counted', async () => {
  const missing = join(dir, 'nope.UccApilog');
  assert.deepEqual(await read(missing), { ...empty(missing), outcome: 'absent', message: `${missing} does not exist` });
  const under = `${file('plain.txt', 'x\n')}/child.log`;
  assert.deepEqual(await read(under), { ...empty(under), outcome: 'absent', message: `${under} does not exist` });
  const folder = join(dir, 'folder');
  mkdirSync(folder);
  assert.deepEqual(await read(folder), { ...empty(folder), outcome: 'error', message: `${folder} is not a file` });
});

test('other stat errors (a symlink loop, a name too long) are errors carrying the system message, not "does not exist"', async () => {
  const loop = join(dir, 'loop.log');
  symlinkSync(loop, loop); // points at itself: ELOOP
  const l = await read(loop);
  assert.deepEqual({ ...l, message: '' }, { ...empty(loop), outcome: 'error', message: '' });
  assert.match(l.message, /^.*loop\.log: ELOOP: too many symbolic links/);
  const long = join(dir, 'n'.repeat(300)); // longer than a file name may be (255): ENAMETOOLONG
  const n = await read(long);
  assert.equal(n.outcome, 'error');
  assert.ok(n.message.startsWith(`${long}: ENAMETOOLONG: name too long`), n.message);
});

test('a file that can be stat-ed but not opened is access-denied; a read error is an error with its message (Linux /proc)', async (t) => {
  const denied = '/proc/sys/vm/compact_memory'; // write-only sysctl: open for reading fails with EACCES, even for root
  const eio = '/proc/self/mem'; // readable handle, but reading address 0 fails with EIO
  if (!existsSync(denied) || !existsSync(eio)) return t.skip('no Linux /proc here');
  const r = await read(denied);
  assert.equal(r.outcome, 'access-denied');
  assert.match(r.message, /^\/proc\/sys\/vm\/compact_memory: EACCES: permission denied/);
  assert.equal(r.modifiedAt, statSync(denied).mtime.toISOString());
  assert.deepEqual([r.bytes, r.lines], [0, 0]);
  const e = await read(eio);
  assert.equal(e.outcome, 'error');
  assert.match(e.message, /^\/proc\/self\/mem: EIO: i\/o error/);
});

test('the summary: lines and bytes, then each note only when it applies, joined by "; "', async () => {
  const plain = file('two.log', 'first line\nsecond line\n');
  const r = await read(plain);
  assert.equal(r.outcome, 'ok');
  assert.equal(r.message, '2 line(s), 23 byte(s)');
  assert.equal(r.modifiedAt, statSync(plain).mtime.toISOString());
  const long = file('long.log', `a\n${'x'.repeat(MAX_LINE_CHARS + 5)}\nb\n`);
  assert.equal((await read(long)).message, `3 line(s), ${MAX_LINE_CHARS + 10} byte(s); 1 over-long line(s) cut`);
  const bad = file('bad.log', Buffer.from([0x61, 0xff, 0x0a, 0x62, 0x0a]));
  const b = await read(bad);
  assert.equal(b.message, '2 line(s), 5 byte(s); bytes that are not UTF-8 were replaced');
  assert.equal(b.invalidUtf8, true);
  const both = file('both.log', Buffer.concat([Buffer.from(`${'y'.repeat(MAX_LINE_CHARS + 1)}\n`), Buffer.from([0xc3, 0x0a])]));
  assert.equal((await read(both)).message, `2 line(s), ${MAX_LINE_CHARS + 4} byte(s); 1 over-long line(s) cut; bytes that are not UTF-8 were replaced`);
});

test('tailBytes: a file of exactly that size is read whole; one byte more skips the first byte and the partial first line', async () => {
  const text = 'one\ntwo\nthree\n'; // 14 bytes
  const p = file('tail.log', text);
  const whole = await read(p, { tailBytes: 14 });
  assert.deepEqual([whole.bytes, whole.lines, whole.message], [14, 3, '3 line(s), 14 byte(s)']);
  const cut = await read(p, { tailBytes: 13 });
  assert.deepEqual([cut.bytes, cut.lines, cut.message], [13, 2, '2 line(s), 13 byte(s); only the last 13 bytes were analysed (1 earlier bytes skipped)']);
  const bigger = await read(p, { tailBytes: 100 }); // a limit above the size: the whole file, no note
  assert.deepEqual([bigger.outcome, bigger.bytes, bigger.lines, bigger.message], ['ok', 14, 3, '3 line(s), 14 byte(s)']);
  const none = await read(p, { tailBytes: 0 }); // 0: no limit
  assert.equal(none.lines, 3);
});

test('a signal aborted before the read: nothing read, the deadline message', async () => {
  const p = file('abort.log', 'a\nb\n');
  const ac = new AbortController();
  ac.abort();
  assert.deepEqual(await read(p, { signal: ac.signal }), { ...empty(p), modifiedAt: statSync(p).mtime.toISOString(), outcome: 'error', message: `read 0 bytes of ${p} before the deadline; the rest was not analysed` });
});

test('the reader yields to the event loop after each 4 MiB (rounded up to whole chunks): an abort then stops it there', async () => {
  const line = `${'z'.repeat(1023)}\n`;
  const p = file('big.log', line.repeat(5 * 1024)); // 5 MiB of 1 KiB lines
  const ac = new AbortController();
  setImmediate(() => ac.abort()); // queued before the reader's first yield: runs before the reader resumes
  const r = await read(p, { signal: ac.signal });
  const firstYield = Math.ceil((4 * 1024 * 1024) / CHUNK_BYTES) * CHUNK_BYTES;
  assert.equal(r.bytes, firstYield);
  assert.equal(r.lines, firstYield / 1024);
  assert.equal(r.outcome, 'error');
  assert.equal(r.message, `read ${firstYield} bytes of ${p} before the deadline; the rest was not analysed`);
  const whole = await read(p); // without the abort: all of it
  assert.deepEqual([whole.bytes, whole.lines], [5 * 1024 * 1024, 5 * 1024]);
});

test('a character cut at a chunk end whose last byte is 0x80, followed by ASCII: the replacement stays on its line', async () => {
  // "\u2000…" starts E2 80 80: the chunk ends after E2 80 (the decoder holds them), the next chunk is plain ASCII
  const head = Buffer.from(`${'p\n'.repeat((CHUNK_BYTES - 2) / 2)}`);
  const p = file('cut80.log', Buffer.concat([head, Buffer.from([0xe2, 0x80]), Buffer.from('tail\nlast\n')]));
  const r = await read(p);
  assert.equal(r.lines, (CHUNK_BYTES - 2) / 2 + 2); // "\uFFFDtail" and "last": no extra line at the end
  assert.equal(r.invalidUtf8, true);
  // the same with a complete character across the cut (E2 80 | 99 = U+2019): valid, no replacement
  const ok = file('cut80ok.log', Buffer.concat([head, Buffer.from([0xe2, 0x80]), Buffer.from([0x99]), Buffer.from('s\nlast\n')]));
  const o = await read(ok);
  assert.deepEqual([o.lines, o.invalidUtf8], [(CHUNK_BYTES - 2) / 2 + 2, false]);
});

test('no file handle is left open, after good reads and after read errors', async (t) => {
  if (!existsSync('/proc/self/fd')) return t.skip('no /proc/self/fd here');
  const p = file('fd.log', 'a\nb\n');
  const before = readdirSync('/proc/self/fd').length;
  for (let i = 0; i < 20; i++) {
    await read(p);
    if (existsSync('/proc/self/mem')) await read('/proc/self/mem');
  }
  assert.equal(readdirSync('/proc/self/fd').length, before);
});

test('analyzeLogFiles reads the files in the given order into one section, each with its reading', async () => {
  const a = file('order-a.log', 'hr=0x80004005\n');
  const b = file('order-b.log', 'hr=0x80004005\n');
  const s = await analyzeLogFiles([{ path: a, origin: 'given' }, { path: b, origin: 'auto' }], table);
  assert.deepEqual(s.files.map((f) => [f.path, f.origin, f.outcome]), [[a, 'given', 'ok'], [b, 'auto', 'ok']]);
  assert.equal(s.errors[0]?.count, 2);
  assert.equal(s.errors[0]?.firstFile, a);
});
