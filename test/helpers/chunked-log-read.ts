/** One client-log text read through a LineFeeder cut at given places: the fast-path test and the SIP fuzzer compare the in-place and line-by-line readings with it. */
import { LogAnalyzer } from '../../main/logs/analyzer';
import { LineFeeder } from '../../main/logs/line-feeder';
import type { MsDiagnosticsTable } from '../../main/sip/ms-diagnostics';

/** Reads `text` as file `fileName`, fed in pieces cut at `cuts` (in place or line by line; `wholeParse`: the analyzer's reference reading); the section, the timestamps and the line count. */
export function readInChunks(table: MsDiagnosticsTable, fileName: string, text: string, cuts: readonly number[], inPlace: boolean, wholeParse = false): unknown {
  const a = new LogAnalyzer(table, { wholeParse });
  a.beginFile(fileName);
  const f = new LineFeeder(a, false, inPlace);
  let at = 0;
  for (const c of [...cuts, text.length]) {
    if (c > at) f.feed(text.slice(at, c));
    at = Math.max(at, c);
  }
  f.end();
  a.endFile();
  return { section: a.section([]), first: a.firstTimestamp, last: a.lastTimestamp, lines: f.lines };
}
