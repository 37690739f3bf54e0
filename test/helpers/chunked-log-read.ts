/** One client-log text read through a LineFeeder cut at given places: the fast-path test and the SIP fuzzer compare the in-place and line-by-line readings with it. */
import assert from 'node:assert/strict';
import { LogAnalyzer } from '../../main/logs/analyzer';
import { LineFeeder } from '../../main/logs/line-feeder';
import type { LogsSection } from '../../main/model/logs';
import type { MsDiagnosticsTable } from '../../main/sip/ms-diagnostics';

/** Feeds `text` to `f` in pieces cut at `cuts` (sorted; repeated or out-of-range cuts add no empty piece), then ends it. */
export function feedInChunks(f: LineFeeder, text: string, cuts: readonly number[]): void {
  let at = 0;
  for (const c of [...cuts, text.length]) {
    if (c > at) f.feed(text.slice(at, c));
    at = Math.max(at, c);
  }
  f.end();
}

/** Reads `text` as file `fileName`, fed in pieces cut at `cuts` (in place or line by line; `wholeParse`: the analyzer's reference reading); the section, the timestamps and the line count. */
export function readInChunks(table: MsDiagnosticsTable, fileName: string, text: string, cuts: readonly number[], inPlace: boolean, wholeParse = false): unknown {
  const a = new LogAnalyzer(table, { wholeParse });
  a.beginFile(fileName);
  const f = new LineFeeder(a, false, inPlace);
  feedInChunks(f, text, cuts);
  a.endFile();
  return { section: a.section([]), first: a.firstTimestamp, last: a.lastTimestamp, lines: f.lines };
}

/**
 * The section of `text` read every way the analyzer can read it: the whole-parse reference, in place, line by
 * line, and in place cut every `step` characters; fails unless all agree, then returns the reference.
 */
export function sectionAllPaths(table: MsDiagnosticsTable, fileName: string, text: string, step: number): LogsSection {
  const ref = readInChunks(table, fileName, text, [], false, true) as { section: LogsSection };
  const everyStep = Array.from({ length: Math.floor(text.length / step) }, (_, i) => (i + 1) * step);
  for (const [inPlace, cuts] of [[false, []], [true, []], [true, everyStep]] as const) {
    const got = readInChunks(table, fileName, text, cuts, inPlace) as { section: LogsSection };
    assert.deepEqual(JSON.parse(JSON.stringify(got.section)), JSON.parse(JSON.stringify(ref.section)), `inPlace=${inPlace} cuts=${cuts.length}`);
  }
  return ref.section;
}
