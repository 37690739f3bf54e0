/**
 * Pins LineFeeder (main/logs/line-feeder.ts) through its contract with the analyzer: the lines it hands over
 * (by `line` or read in place by `lineAt`), their numbers, and its counters. The expected lines come from the
 * framing rule, not from the feeder: a line ends at "\n" (a "\r" before it is the analyzer's to strip); the
 * text after the last "\n" is a line at the end; a line longer than MAX_LINE_CHARS is cut to its first
 * MAX_LINE_CHARS characters and counted once; a tail read drops everything up to the first "\n"; "\uFFFD" in
 * the decoded text marks invalid UTF-8. However the text is cut into pieces, the lines are the same.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { LogAnalyzer } from '../../../../main/logs/analyzer';
import { LineFeeder, MAX_LINE_CHARS } from '../../../../main/logs/line-feeder';
import { prng } from '../../../helpers/prng';

/** An analyzer stand-in recording what the feeder hands over: [text, number, how] and each chunk end. */
class Recorder {
  readonly got: Array<[string, number, 'line' | 'lineAt']> = [];
  chunkEnds = 0;
  /** lineAt's text is only valid until chunkEnd: copy it at once (and check the slice bounds). */
  line(raw: string, no: number): void {
    this.got.push([raw, no, 'line']);
  }
  lineAt(text: string, start: number, end: number, no: number): void {
    assert.ok(start >= 0 && start <= end && end < text.length && text.charCodeAt(end) === 10, 'lineAt gets [start, end) ending at a "\\n"');
    this.got.push([text.slice(start, end), no, 'lineAt']);
  }
  chunkEnd(): void {
    this.chunkEnds++;
  }
}

function feed(pieces: readonly string[], skipping = false, inPlace = true): { r: Recorder; f: LineFeeder } {
  const r = new Recorder();
  const f = new LineFeeder(r as unknown as LogAnalyzer, skipping, inPlace);
  for (const p of pieces) f.feed(p);
  f.end();
  return { r, f };
}

/** The framing rule itself: the lines of `text` (cut, counted), for a whole read or a tail read. */
function expected(text: string, skipping: boolean): { lines: string[]; long: number } {
  const parts = text.split('\n');
  const last = parts.pop() as string;
  if (last !== '') parts.push(last);
  if (skipping) parts.shift();
  let long = 0;
  const lines = parts.map((l) => {
    if (l.length <= MAX_LINE_CHARS) return l;
    long++;
    return l.slice(0, MAX_LINE_CHARS);
  });
  return { lines, long };
}

function check(text: string, cuts: readonly number[], skipping: boolean, inPlace: boolean, label: string): void {
  const pieces: string[] = [];
  let at = 0;
  for (const c of [...cuts, text.length]) {
    pieces.push(text.slice(at, Math.max(at, c)));
    at = Math.max(at, c);
  }
  const { r, f } = feed(pieces, skipping, inPlace);
  const want = expected(text, skipping);
  assert.deepEqual(r.got.map((g) => g[0]), want.lines, `${label}: lines`);
  assert.deepEqual(r.got.map((g) => g[1]), want.lines.map((_, i) => i + 1), `${label}: numbered 1, 2, …`);
  assert.equal(f.lines, want.lines.length, `${label}: line count`);
  assert.equal(f.longLines, want.long, `${label}: long lines`);
  assert.equal(f.invalid, text.includes('\uFFFD'), `${label}: invalid`);
  assert.equal(r.chunkEnds, pieces.length, `${label}: one chunkEnd per piece`);
  if (!inPlace) assert.ok(r.got.every((g) => g[2] === 'line'), `${label}: the reference path hands every line to line()`);
}

test('CRLF, LF, empty lines and a last line without "\\n": the lines as written, CR kept for the analyzer', () => {
  const { r, f } = feed(['a\r\nb\n\n\r\nlast']);
  assert.deepEqual(r.got.map((g) => g[0]), ['a\r', 'b', '', '\r', 'last']);
  assert.deepEqual([f.lines, f.longLines, f.invalid], [5, 0, false]);
  assert.deepEqual(feed(['a\nb\n']).r.got.map((g) => g[0]), ['a', 'b'], 'a final "\\n" adds no empty line');
  assert.deepEqual(feed(['a\nb\n\n']).r.got.map((g) => g[0]), ['a', 'b', ''], 'an empty line before the end is kept');
  assert.deepEqual(feed([]).r.got, [], 'no text, no line');
  assert.deepEqual(feed(['', '']).r.got, [], 'empty pieces, no line');
});

test('a line cut across pieces (also between "\\r" and "\\n") is one line; in place only when it lies in one piece', () => {
  const { r } = feed(['ab', 'c\r', '\nd', 'e\nf\n']);
  assert.deepEqual(r.got.map((g) => [g[0], g[1]]), [['abc\r', 1], ['de', 2], ['f', 3]]);
  assert.deepEqual(r.got.map((g) => g[2]), ['line', 'line', 'lineAt'], 'a carried line goes through line(), a whole one is read in place');
  assert.deepEqual(feed(['x\ny\n'], false, false).r.got.map((g) => g[2]), ['line', 'line']);
});

test('line length limit: exactly MAX_LINE_CHARS is kept whole; one more is cut and counted, in one piece or carried', () => {
  const max = 'm'.repeat(MAX_LINE_CHARS);
  for (const inPlace of [true, false]) {
    const a = feed([`${max}\nz\n`], false, inPlace);
    assert.deepEqual([a.r.got.map((g) => g[0].length), a.f.longLines], [[MAX_LINE_CHARS, 1], 0]);
    const b = feed([`${max}+\nz\n`], false, inPlace);
    assert.deepEqual([b.r.got.map((g) => g[0]), b.f.longLines], [[max, 'z'], 1]);
    const c = feed([max.slice(0, 10), `${max.slice(10)}\nz\n`], false, inPlace); // carried, exactly the limit
    assert.deepEqual([c.r.got.map((g) => g[0].length), c.f.longLines], [[MAX_LINE_CHARS, 1], 0]);
    const d = feed([max.slice(0, 10), `${max.slice(10)}+`, 'rest of the long line\nz\n'], false, inPlace); // the carry passes the limit
    assert.deepEqual([d.r.got.map((g) => g[0]), d.f.longLines, d.f.lines], [[max, 'z'], 1, 2]);
    const e = feed([max, '+', 'more', 'and more\nz'], false, inPlace); // cut as soon as the carry is over, the rest dropped
    assert.deepEqual([e.r.got.map((g) => g[0]), e.f.longLines], [[max, 'z'], 1]);
    const g = feed([`${max}+ no newline at all`], false, inPlace); // an over-long last line without "\n": cut once, not emitted again at the end
    assert.deepEqual([g.r.got.map((x) => x[0]), g.f.longLines, g.f.lines], [[max], 1, 1]);
    const h = feed([max], false, inPlace); // exactly the limit at the end of the file
    assert.deepEqual([h.r.got.map((x) => x[0].length), h.f.longLines], [[MAX_LINE_CHARS], 0]);
  }
});

test('a tail read drops everything up to the first "\\n", even across pieces; without any "\\n" nothing is a line', () => {
  assert.deepEqual(feed(['partial\nwhole\n'], true).r.got.map((g) => g[0]), ['whole']);
  assert.deepEqual(feed(['par', 'tial\nwho', 'le\n'], true).r.got.map((g) => [g[0], g[1]]), [['whole', 1]]);
  assert.deepEqual(feed(['\nfirst\n'], true).r.got.map((g) => g[0]), ['first'], 'a read starting at a line start still drops the (empty) first piece');
  assert.deepEqual(feed(['no newline', ' anywhere'], true).r.got, []);
  assert.deepEqual(feed(['only\n'], true).r.got, []);
});

test('a tail read whose first partial line is over-long and spans pieces: dropped whole, not cut and counted', () => {
  const { r, f } = feed(['q'.repeat(MAX_LINE_CHARS + 10), 'still the partial line', '\nwhole\n'], true);
  assert.deepEqual([r.got.map((g) => g[0]), f.longLines, f.lines], [['whole'], 0, 1]);
});

test('the default feeder reads whole lines in place (up to and including MAX_LINE_CHARS, anywhere in the piece) and skips nothing', () => {
  const r = new Recorder();
  const f = new LineFeeder(r as unknown as LogAnalyzer);
  const max = 'k'.repeat(MAX_LINE_CHARS);
  f.feed(`first\n${'x'.repeat(100)}\n${max}\nlast\n`);
  f.end();
  assert.deepEqual(r.got.map((g) => [g[0].length, g[1], g[2]]), [[5, 1, 'lineAt'], [100, 2, 'lineAt'], [MAX_LINE_CHARS, 3, 'lineAt'], [4, 4, 'lineAt']]);
  assert.deepEqual([f.lines, f.longLines], [4, 0]);
});

test('invalid UTF-8: a replacement character in any piece sets `invalid`, and it stays set', () => {
  assert.equal(feed(['ok\n', 'bad \uFFFD\n', 'ok again\n']).f.invalid, true);
  assert.equal(feed(['\uFFFD']).f.invalid, true);
  assert.equal(feed(['all fine\n', 'é ü\n']).f.invalid, false);
});

test('random texts cut at random places, whole and tail reads, in place and not: always the framing rule', () => {
  const rnd = prng(1808);
  const alphabet = ['a', 'b', ' ', '\r', '\n', '\n', '\r\n', '\uFFFD', 'é'];
  for (let i = 0; i < 300; i++) {
    let text = '';
    const n = Math.floor(rnd() * 60);
    for (let k = 0; k < n; k++) text += alphabet[Math.floor(rnd() * alphabet.length)];
    if (rnd() < 0.15) text += 'L'.repeat(MAX_LINE_CHARS - 2 + Math.floor(rnd() * 5)) + (rnd() < 0.5 ? '\n' : '') + 'tail';
    const cuts = Array.from({ length: Math.floor(rnd() * 6) }, () => Math.floor(rnd() * (text.length + 1))).sort((x, y) => x - y);
    for (const skipping of [false, true]) for (const inPlace of [true, false]) check(text, cuts, skipping, inPlace, `#${i} skip=${skipping} inPlace=${inPlace} ${JSON.stringify(text.slice(0, 40))}`);
  }
});
