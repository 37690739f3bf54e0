/** A socket stand-in for the SIP exchange tests: records what is written, then delivers the given chunks one per tick and ends the stream, closes it, fails it (ECONNRESET) or leaves it open. */
import { Duplex } from 'node:stream';

export type FakeEnding = 'end' | 'close' | 'open' | 'error';

export function fakeSocket(chunks: ReadonlyArray<string | Buffer>, ending: FakeEnding = 'end'): Duplex & { written: string } {
  const s = new Duplex({
    read() {},
    write(chunk, _enc, cb) {
      s.written += String(chunk);
      cb();
      let i = 0;
      const next = (): void => {
        if (i < chunks.length) {
          s.push(chunks[i++]);
          setImmediate(next);
        } else if (ending === 'end') s.push(null);
        else if (ending === 'close') s.destroy();
        else if (ending === 'error') s.destroy(new Error('ECONNRESET'));
      };
      setImmediate(next);
    },
  }) as Duplex & { written: string };
  s.written = '';
  return s;
}
