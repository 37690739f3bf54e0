// How the importer names a refused zip entry, pinned reason by reason (hand-written: the reasons are the words a
// technician reads). The category tests in import.test.ts only check "bundle contains"; a later rule would hide a
// dropped or reordered earlier one, and the words would change.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeEntryName, quoteEntryName, UTF8_FLAG } from '../../../../main/bundle/entry-name';
import { rawEntryName } from '../../../../main/bundle/format';
import { unsafeNameReason } from '../../../../main/bundle/zip';

const REASONS: ReadonlyArray<readonly [string, string | null]> = [
  ['', 'an empty entry name'],
  ['raw/dns/ok.txt', null],
  ['raw/dns/', null],
  ['raw/a b/', 'an unexpected entry name ("raw/a b/")'],
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

// The exporter's names for raw artifacts (hand-reasoned from the rules: safe segments, no name twice, never a name
// that is both a file and a folder, which the importer refuses).
test('rawEntryName: safe segments, an 80-character cap per segment, "output" for no name, one slash between parts', () => {
  const t = new Set<string>();
  assert.equal(rawEntryName('dns', 'dns-queries.txt', t), 'raw/dns/dns-queries.txt');
  assert.equal(rawEntryName('dn s', 'a b/..hidden', t), 'raw/dn_s/a_b/_hidden');
  assert.equal(rawEntryName('dns', 'y'.repeat(100), t), `raw/dns/${'y'.repeat(80)}`);
  assert.equal(rawEntryName('dns', '', t), 'raw/dns/output');
  assert.equal(rawEntryName('dns', '///', t), 'raw/dns/output.2');
  assert.equal(rawEntryName('dns', 'a\\b//c', t), 'raw/dns/a/b/c');
  assert.equal(rawEntryName('', 'x', t), 'raw/_/x');
});

test('rawEntryName: the same name again is numbered .2, .3 (case-insensitively)', () => {
  const t = new Set<string>();
  assert.deepEqual([rawEntryName('dns', 'x', t), rawEntryName('dns', 'X', t), rawEntryName('dns', 'x', t)], ['raw/dns/x', 'raw/dns/X.2', 'raw/dns/x.3']);
});

test('rawEntryName: never a file and a folder of one name, whichever comes first', () => {
  const fileFirst = new Set<string>();
  assert.equal(rawEntryName('dns', 'a', fileFirst), 'raw/dns/a');
  assert.equal(rawEntryName('dns', 'a/b', fileFirst), 'raw/dns/a_b', 'a folder on the way is already a file: kept flat');
  const folderFirst = new Set<string>();
  assert.equal(rawEntryName('dns', 'a/b', folderFirst), 'raw/dns/a/b');
  assert.equal(rawEntryName('dns', 'a', folderFirst), 'raw/dns/a.2', 'the name is a folder already: numbered');
  assert.equal(rawEntryName('dns', 'a/c', folderFirst), 'raw/dns/a/c', 'the same folder again is fine');
});
