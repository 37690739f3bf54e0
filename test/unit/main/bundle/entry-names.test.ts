// How the importer names a refused zip entry, pinned reason by reason (hand-written: the reasons are the words a
// technician reads). The category tests in import.test.ts only check "bundle contains"; a later rule would hide a
// dropped or reordered earlier one, and the words would change.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeEntryName, quoteEntryName, UTF8_FLAG } from '../../../../main/bundle/entry-name';
import { unsafeNameReason } from '../../../../main/bundle/zip';

const REASONS: ReadonlyArray<readonly [string, string | null]> = [
  ['', 'an empty entry name'],
  ['raw/dns/ok.txt', null],
  ['raw/dns/', null],
  ['../evil.txt', 'a path that climbs out of the bundle ("../evil.txt")'],
  ['raw/../../evil', 'a path that climbs out of the bundle ("raw/../../evil")'],
  ['..\\..\\Temp\\evil.txt', 'a path that climbs out of the bundle ("..\\\\..\\\\Temp\\\\evil.txt")'],
  ['raw\\dns\\x.txt', 'a backslash path ("raw\\\\dns\\\\x.txt")'],
  ['/etc/passwd', 'an absolute path ("/etc/passwd")'],
  ['C:/Windows/evil.dll', 'an absolute path ("C:/Windows/evil.dll")'],
  ['c:evil.dll', 'an absolute path ("c:evil.dll")'],
  ['raw/C:x', 'an unexpected entry name ("raw/C:x")'],
  ['raw/dns/a\u0001b', 'a control character in an entry name ("raw/dns/a\\u0001b")'],
  ['raw/dns/a\u007fb', 'a control character in an entry name ("raw/dns/a\\u007fb")'],
  ['raw/./x', 'an unexpected entry name ("raw/./x")'],
  ['raw/dns/a b.txt', 'an unexpected entry name ("raw/dns/a b.txt")'],
];
for (const [name, want] of REASONS) {
  test(`unsafeNameReason(${JSON.stringify(name)}) → ${JSON.stringify(want)}`, () => {
    assert.equal(unsafeNameReason(name, 240), want);
  });
}

test('unsafeNameReason: the length limit is inclusive, and checked before anything else', () => {
  assert.equal(unsafeNameReason(`raw/${'a'.repeat(6)}`, 10), null);
  assert.equal(unsafeNameReason(`raw/${'a'.repeat(7)}`, 10), 'an entry name longer than 10 characters');
  assert.equal(unsafeNameReason(`../${'a'.repeat(8)}`, 10), 'an entry name longer than 10 characters');
});

test('unsafeNameReason: the message quotes the decoded name, the rules read the raw one', () => {
  assert.equal(unsafeNameReason('../\u00e4', 240, '../ä'), 'a path that climbs out of the bundle ("../ä")');
});

test('decodeEntryName: UTF-8 when flagged, else code page 437 (every high byte, both ends of the table)', () => {
  assert.equal(decodeEntryName(Buffer.from('世界.txt', 'utf8'), UTF8_FLAG), '世界.txt');
  assert.equal(decodeEntryName(Buffer.from([0x61, 0x80, 0x81, 0xe1, 0xfe, 0xff]), 0), 'aÇüß■\u00a0');
  assert.equal(decodeEntryName(Buffer.from([0x7f, 0x41]), 0), '\u007fA', 'below 0x80: ASCII as is');
  assert.equal(decodeEntryName(Buffer.from('世', 'utf8'), 0), 'Σ╕û', 'UTF-8 bytes without the flag read as CP437');
});

test('quoteEntryName: quotes, escapes, unprintables, and a long name kept at both ends', () => {
  assert.equal(quoteEntryName('a"b\\c'), '"a\\"b\\\\c"');
  assert.equal(quoteEntryName('x\u001b[2Jy\u0085z\u202ew'), '"x\\u001b[2Jy\\u0085z\\u202ew"');
  const exact = 'a'.repeat(80);
  assert.equal(quoteEntryName(exact), `"${exact}"`);
  const long = `${'../'.repeat(40)}tmp/evil.txt`; // 132 characters
  assert.equal(quoteEntryName(long), `"${long.slice(0, 39)}…${long.slice(-40)}"`);
  assert.equal(quoteEntryName('abcdefghij', 6), '"ab…hij"');
  assert.equal(quoteEntryName('😀'.repeat(5), 4), '"😀…😀😀"', 'cut by characters, never inside a surrogate pair');
});
