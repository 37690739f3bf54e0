/** Cuts decoded text pieces into numbered lines for a LogAnalyzer: long lines cut, a tail read's partial first line dropped (pure). */
import type { LogAnalyzer } from './analyzer';

export const MAX_LINE_CHARS = 64 * 1024;

/** Feeds text pieces (any cut, e.g. read chunks) to an analyzer as lines; `inPlace: false` hands every line to `line` (the reference path). */
export class LineFeeder {
  lines = 0;
  longLines = 0;
  invalid = false;
  private carry = '';

  constructor(
    private readonly analyzer: LogAnalyzer,
    /** Drop the first, partial line (a read that starts inside the file). */
    private skipping = false,
    private readonly inPlace = true,
  ) {}

  private emit(line: string): void {
    this.lines++;
    this.analyzer.line(line, this.lines);
  }

  /** One decoded piece of the file. */
  feed(text: string): void {
    if (!this.invalid && text.includes('\uFFFD')) this.invalid = true;
    let start = 0;
    for (;;) {
      const nl = text.indexOf('\n', start);
      if (nl < 0) break;
      if (this.skipping) {
        this.skipping = false;
        this.carry = '';
        start = nl + 1;
        continue;
      }
      if (this.inPlace && !this.carry && nl - start <= MAX_LINE_CHARS) {
        this.analyzer.lineAt(text, start, nl, ++this.lines); // read in place when the line changes nothing
        start = nl + 1;
        continue;
      }
      const piece = text.slice(start, nl);
      start = nl + 1;
      const line = this.carry ? this.carry + piece : piece;
      this.carry = '';
      if (line.length > MAX_LINE_CHARS) {
        this.longLines++;
        this.emit(line.slice(0, MAX_LINE_CHARS));
      } else this.emit(line);
    }
    this.analyzer.chunkEnd(); // nothing read in place may outlive this text
    if (start < text.length && !this.skipping) {
      this.carry += text.slice(start);
      if (this.carry.length > MAX_LINE_CHARS) {
        this.longLines++;
        this.emit(this.carry.slice(0, MAX_LINE_CHARS));
        this.carry = '';
        this.skipping = true; // drop the rest of this over-long line
      }
    }
  }

  /** The end of the file: a last line without a newline is still a line. */
  end(): void {
    if (this.carry && !this.skipping) this.emit(this.carry);
    this.carry = '';
  }
}
