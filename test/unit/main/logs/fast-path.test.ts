/**
 * The in-place reading (LogAnalyzer.lineAt: quiet trace lines, packet markers, start lines and header lines
 * decided on the read chunk) must give exactly the section the line path (LogAnalyzer.line on every line)
 * gives: same messages, counts, diagnostics, HRESULTs, web calls, schemes and timestamps. Checked on the real
 * corpus, the hand-written logs, a slice of the benchmark's dense trace and fuzzed text, cut into chunks at
 * seeded random places (lines and messages across chunk ends).
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { test } from 'node:test';
import { block } from '../../../../bench/sip.bench';
import { LogAnalyzer } from '../../../../main/logs/analyzer';
import { LineFeeder } from '../../../../main/logs/line-feeder';
import { loadMsDiagnosticsTable } from '../../../../main/sip/ms-diagnostics-file';
import { readInChunks } from '../../../helpers/chunked-log-read';
import { prng } from '../../../helpers/prng';

const FIXTURES = join(__dirname, '..', '..', '..', 'fixtures');
const table = loadMsDiagnosticsTable();

/** Reads `text` through a LineFeeder cut at the given places; returns the section and the timestamps. */
const read = (text: string, cuts: readonly number[], inPlace: boolean): unknown => readInChunks(table, 'x.UccApilog', text, cuts, inPlace);

function cutsFor(text: string, rnd: () => number, n: number): number[] {
  return Array.from({ length: n }, () => Math.floor(rnd() * text.length)).sort((x, y) => x - y);
}

function same(text: string, label: string, rnd: () => number): void {
  const want = read(text, [], false);
  assert.deepEqual(read(text, [], true), want, `${label}: one piece`);
  assert.deepEqual(read(text, cutsFor(text, rnd, 7), true), want, `${label}: cut in 8 pieces`);
  assert.deepEqual(read(text, cutsFor(text, rnd, Math.ceil(text.length / 300)), true), want, `${label}: cut every ~300 chars`);
}

const files = [
  ...readdirSync(join(FIXTURES, 'sip', 'real')).filter((f) => f !== 'SOURCES.md' && f !== 'expected.json').map((f) => join(FIXTURES, 'sip', 'real', f)),
  ...readdirSync(join(FIXTURES, 'logs')).filter((f) => f !== 'README.md' && f !== 'real').map((f) => join(FIXTURES, 'logs', f)),
  ...readdirSync(join(FIXTURES, 'logs', 'real')).filter((f) => f !== 'SOURCES.md' && f !== 'expected.json').map((f) => join(FIXTURES, 'logs', 'real', f)),
];

test('every corpus file and hand-written log reads the same in place and line by line, however the chunks fall', () => {
  const rnd = prng(16);
  for (const file of files) same(readFileSync(file, 'utf8'), basename(file), rnd);
});

test('the benchmark trace (one 1 MB block) reads the same in place, and the in-place path takes most lines', () => {
  const text = block(1); // the bench's generator, in memory (no temporary file)
  same(text, 'bench', prng(17));
  const a = new LogAnalyzer(table);
  let slow = 0;
  const line = a.line.bind(a);
  a.line = (l: string, n: number): void => {
    slow++;
    line(l, n);
  };
  const f = new LineFeeder(a);
  f.feed(text);
  f.end();
  assert.ok(slow < f.lines / 20, `${slow} of ${f.lines} lines took the line path`);
});

test('fuzzed traces (lines of the corpus shuffled, CR/LF/CRLF mixed, cut, escaped, junk) read the same in place', () => {
  const rnd = prng(18);
  const pool = files.flatMap((f) => readFileSync(f, 'utf8').split('\n'));
  const junk = ['', ' ', '\r', '#015#012', 'Content-Length: 5', 'l: 0', 'TL_INFO(TF_PROTOCOL) x $$begin_record', '$$end_record', '09/10/2013|14:07:51.000 1F68:C14 INFO  :: Sending Packet - 192.0.2.1:443 (x) 9 bytes:', '09/10/2013|14:07:51.000 1F68:C14 INFO  :: End of Data Received - 192.0.2.1:443', '09/10/2013|14:07:51.000 1F68:C14 TRACE :: state=0x0000ab0 ok', '09/10/2013|14:07:51.000 1F68:C14 TRACE :: hr=0x80ef0191', '  Via: SIP/2.0/TLS 10.0.0.1', 'raw failure hr=0x80ef0191', 'ms-diagnostics: 1000;reason="x"', '   folded;a=b', 'x'.repeat(200)];
  for (let i = 0; i < 150; i++) {
    const lines: string[] = [];
    const n = 5 + Math.floor(rnd() * 80);
    let at = Math.floor(rnd() * pool.length);
    for (let k = 0; k < n; k++) {
      const r = rnd();
      let l = r < 0.7 ? (pool[at++ % pool.length] as string) : r < 0.85 ? (junk[Math.floor(rnd() * junk.length)] as string) : (pool[Math.floor(rnd() * pool.length)] as string);
      const e = rnd();
      if (e < 0.3) l = l.endsWith('\r') ? l : `${l}\r`;
      else if (e < 0.45) l = l.replace(/\r$/, '');
      else if (e < 0.5) l = l.slice(0, Math.floor(rnd() * l.length));
      lines.push(l);
    }
    same(lines.join('\n'), `fuzz #${i}`, rnd);
  }
});

const P = '09/10/2013|14:07:51.000 1F68:C14';
/** Hand-made traces aimed at each guard of the in-place path (written for this test, not captured). */
const EDGES: Record<string, string[]> = {
  'same HRESULT after a quiet trace line counts again': [`${P} INFO  :: call failed hr=0x80ef0191`, `${P} TRACE :: nothing here`, 'raw continuation hr=0x80ef0191'],
  'upper-case HRESULT on an INFO line': [`${P} INFO  :: first`, `${P} INFO  :: failed 0xC3E93EE4 here`, `${P} INFO  :: failed 0x8007274C(WSAETIMEDOUT)`],
  'harmless 0x and the hints': [`${P} INFO  :: first`, `${P} TRACE :: state=0x0000ab0`, `${P} TRACE :: HR: 80ef0191`, `${P} TRACE :: Hr=0x80ef0192`, `${P} TRACE :: see https://webpool.contoso.com/CertProv/CertProvisioningService.svc status code 500`, `${P} TRACE :: ms-diagnostics: 1000;reason="x"`, `${P} TRACE :: text SIP/2.0 401 Unauthorized`, `${P} WARN  :: warned 0x0`, `${P} WARNING :: warned 0x0`, `${P} ERROR :: failed`],
  'packet with a body': [`${P} INFO  :: first`, `${P} INFO  :: Data Received - 192.0.2.1:443 (x) 9 bytes:`, `${P} INFO  :: SIP/2.0 403 Forbidden`, 'CSeq: 2 REGISTER', 'Content-Length: 5', '', 'hello', `${P} INFO  :: End of Data Received - 192.0.2.1:443`],
  'packet with folded, indented, odd lines': [`${P} INFO  :: first`, `${P} INFO  :: Sending Packet - 192.0.2.1:443 (x) 9 bytes:`, `${P} INFO  :: REGISTER sip:contoso.com SIP/2.0`, 'Call-ID: a', ' Via: SIP/2.0/TLS 10.0.0.1', '   ;folded=1', '12 starts with a digit', 'TL_INFO(TF_DIAG) x', 'CSeq: 1 REGISTER', 'l: 0', '', `${P} INFO  :: End of Sending Packet - 192.0.2.1:443`],
  'packet marker then no SIP': [`${P} INFO  :: first`, `${P} INFO  :: Sending Packet - 192.0.2.1:443 (x) 9 bytes:`, `${P} INFO  :: End of Sending Packet`, `${P} INFO  :: Data Received - 192.0.2.1:443 (x) 9 bytes:`, 'junk', 'junk', 'junk', `${P} INFO  :: SIP/2.0 200 OK`, 'CSeq: 3 REGISTER', ''],
  'message cut by the next trace line, escapes, CR-only': [`${P} INFO  :: first`, `${P} INFO  :: Data Received - 192.0.2.1:443 (x) 9 bytes:`, `${P} INFO  :: SIP/2.0 500 Error`, 'CSeq: 4 REGISTER', `${P} INFO  :: next entry`, 'SIP/2.0 404 Not Found#015#012CSeq: 5 REGISTER#015#012ms-diagnostics: 4005;reason="x"#015#012#015#012', `${P} INFO  :: a\rSIP/2.0 488 x\rCSeq: 6 INVITE\r`],
};

test('hand-made edge traces read the same in place, with CRLF and with LF line ends, whole and together', () => {
  const rnd = prng(19);
  for (const [label, lines] of Object.entries(EDGES)) {
    same(`${lines.join('\r\n')}\r\n`, `${label} (CRLF)`, rnd);
    same(lines.join('\n'), `${label} (LF)`, rnd);
  }
  same(Object.values(EDGES).flat().join('\r\n'), 'all together', rnd);
});
