/** Streams log files line by line into a LogAnalyzer: bounded memory, long lines cut, bad bytes replaced, never throws. */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { isAscii } from 'node:buffer';
import { StringDecoder } from 'node:string_decoder';
import type { LogFileOrigin, LogFileReading, LogsSection } from '../model/logs';
import type { MsDiagnosticsTable } from '../sip/ms-diagnostics';
import { LogAnalyzer } from './analyzer';
import { LineFeeder } from './line-feeder';

export { MAX_LINE_CHARS } from './line-feeder';

/** Below V8's largest regular heap object (128 KiB): each chunk's string dies young in a cheap scavenge instead of the large-object space. */
export const CHUNK_BYTES = 96 * 1024;
/** The event loop runs after every this-many bytes read (abort signals, timers). */
const YIELD_BYTES = 4 * 1024 * 1024;

export interface ReadOptions {
  readonly signal?: AbortSignal;
  /** Read only the last this-many bytes of a bigger file (the newest sign-in is at the end). */
  readonly tailBytes?: number;
}

function outcomeOf(code: string | undefined): LogFileReading['outcome'] {
  if (code === 'ENOENT' || code === 'ENOTDIR') return 'absent';
  if (code === 'EACCES' || code === 'EPERM' || code === 'EBUSY') return 'access-denied';
  return 'error';
}

/** Feeds one file to the analyzer; reports bytes, lines, long lines and invalid UTF-8. */
export async function readInto(analyzer: LogAnalyzer, path: string, origin: LogFileOrigin, opts: ReadOptions = {}): Promise<LogFileReading> {
  const base = { path, origin, bytes: 0, lines: 0, longLines: 0, invalidUtf8: false, firstTimestamp: null, lastTimestamp: null, modifiedAt: null };
  let modifiedAt: string | null = null;
  let startAt = 0;
  try {
    const st = statSync(path);
    if (!st.isFile()) return { ...base, outcome: 'error', message: `${path} is not a file` };
    modifiedAt = st.mtime.toISOString();
    if (opts.tailBytes && st.size > opts.tailBytes) startAt = st.size - opts.tailBytes;
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const outcome = outcomeOf(err.code);
    return { ...base, outcome, message: outcome === 'absent' ? `${path} does not exist` : outcome === 'access-denied' ? `${path}: access denied (the client may hold it open; copy it first)` : `${path}: ${err.message}` };
  }
  analyzer.beginFile(path);
  // Stryker disable next-line StringLiteral: StringDecoder('') is utf8 too (node's default encoding)
  const decoder = new StringDecoder('utf8');
  const feeder = new LineFeeder(analyzer, startAt > 0); // the first, partial line of a tail read is dropped
  let bytes = 0;
  const feed = (text: string): void => feeder.feed(text);
  // Synchronous reads into one reused buffer (no stream, no per-chunk allocation, no thread-pool round trip);
  // every YIELD_BYTES the event loop runs once, so a deadline's abort still stops the read.
  const result = await (async (): Promise<{ ok: boolean; message: string; code?: string }> => {
    let fd: number;
    try {
      fd = openSync(path, 'r');
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      return { ok: false, message: err.message, code: err.code };
    }
    try {
      const buf = Buffer.allocUnsafe(CHUNK_BYTES);
      let pos = startAt;
      let sinceYield = 0;
      // Stryker disable next-line BooleanLiteral: starting true only sends the first chunk through the decoder, which gives the same text for ASCII
      let pending = false; // the decoder may hold the start of a multi-byte character
      for (;;) {
        if (opts.signal?.aborted) return { ok: false, message: 'stopped at the deadline', code: 'ABORT' };
        const n = readSync(fd, buf, 0, CHUNK_BYTES, pos);
        // Stryker disable next-line StringLiteral: an ok result's message is never read
        if (n === 0) return { ok: true, message: '' };
        pos += n;
        bytes += n;
        const chunk = n === CHUNK_BYTES ? buf : buf.subarray(0, n);
        if (!pending && isAscii(chunk)) feed(buf.toString('latin1', 0, n)); // fast path: plain ASCII needs no decoding
        else {
          feed(decoder.write(chunk));
          pending = (chunk[n - 1] as number) >= 0x80;
        }
        sinceYield += n;
        if (sinceYield >= YIELD_BYTES) {
          sinceYield = 0;
          await new Promise<void>((resolve) => setImmediate(resolve));
        }
      }
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      return { ok: false, message: err.message, code: err.code };
    } finally {
      closeSync(fd);
    }
  })();
  feed(decoder.end());
  feeder.end(); // truncated last line (no newline at the end)
  const { lines, longLines, invalid } = feeder;
  analyzer.endFile();
  const reading = { ...base, bytes, lines, longLines, invalidUtf8: invalid, firstTimestamp: analyzer.firstTimestamp, lastTimestamp: analyzer.lastTimestamp, modifiedAt };
  if (!result.ok) {
    if (result.code === 'ABORT') return { ...reading, outcome: 'error', message: `read ${bytes} bytes of ${path} before the deadline; the rest was not analysed` };
    const outcome = outcomeOf(result.code);
    return { ...reading, outcome, message: `${path}: ${result.message}` };
  }
  const notes = [startAt ? `only the last ${bytes} bytes were analysed (${startAt} earlier bytes skipped)` : '', longLines ? `${longLines} over-long line(s) cut` : '', invalid ? 'bytes that are not UTF-8 were replaced' : ''].filter(Boolean).join('; ');
  return { ...reading, outcome: 'ok', message: `${lines} line(s), ${bytes} byte(s)${notes ? `; ${notes}` : ''}` };
}

/** Analyses files in order (oldest first is the caller's choice) into one logs section. */
export async function analyzeLogFiles(files: ReadonlyArray<{ path: string; origin: LogFileOrigin }>, table: MsDiagnosticsTable, opts: ReadOptions = {}): Promise<LogsSection> {
  const analyzer = new LogAnalyzer(table);
  const readings: LogFileReading[] = [];
  for (const f of files) readings.push(await readInto(analyzer, f.path, f.origin, opts));
  return analyzer.section(readings);
}
