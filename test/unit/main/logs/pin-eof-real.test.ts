// End of file and truncation in the streaming log reader (client logs, pasted SIP traces, CLS records),
// over REAL captures (test/fixtures/sip/real, sources in its SOURCES.md), table-driven: the capture as
// published, without its final newline, with CRLF, cut at the end inside the last message, cut at the
// start inside the first one, cut in the middle of a UTF-8 sequence, a UTF-8 sequence split by the
// read-chunk boundary. Expected readings written from the captures by hand (the expert counts of
// expected.json, minus what each cut removes) BEFORE running the reader; inputs → outputs only.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { analyzeLogFiles, CHUNK_BYTES } from '../../../../main/logs/read';
import type { LogsSection } from '../../../../main/model/logs';
import { loadMsDiagnosticsTable } from '../../../../main/sip/ms-diagnostics-file';

const REAL = join(__dirname, '..', '..', '..', 'fixtures', 'sip', 'real');
const real = (name: string): Buffer => readFileSync(join(REAL, name));
const table = loadMsDiagnosticsTable();
const dir = mkdtempSync(join(tmpdir(), 'ld-eof-real-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const write = (content: Buffer): string => {
  const p = join(dir, `cut${n++}.log`);
  writeFileSync(p, content);
  return p;
};

/** The first `count` lines (LF-separated) of a buffer, each with its LF. */
const firstLines = (b: Buffer, count: number): Buffer => {
  let at = 0;
  for (let i = 0; i < count; i++) at = b.indexOf(0x0a, at) + 1;
  return b.subarray(0, at);
};
/** The buffer from its line `from` (1-based) on. */
const fromLine = (b: Buffer, from: number): Buffer => b.subarray(firstLines(b, from - 1).length);
const noFinalNewline = (b: Buffer): Buffer => Buffer.from(b.toString('latin1').replace(/\n+$/, ''), 'latin1');
const crlf = (b: Buffer): Buffer => Buffer.from(b.toString('latin1').replace(/\r?\n/g, '\r\n'), 'latin1');
const upToByte = (b: Buffer, needle: string, extra: number): Buffer => b.subarray(0, b.indexOf(Buffer.from(needle, 'utf8')) + extra);

const MSXFAQ = real('msxfaq-tlsdsk-signin.txt'); // 98 lines, LF, final LF, no blank line after the last message
const REDIRECT = real('trueconf-ntlm-redirect.txt'); // 35 lines, LF, ends with "Content-Length: 0\n\n"
const CLS = real('ms-test-csfederatedpartner-cls.log'); // 28 lines, LF, an OPTIONS record then a TL_ERROR record
const RAWSIP = real('trueconf-rawsip-lync.txt'); // CRLF, the INVITE 200's SDP body shorter than its Content-Length

interface Want {
  readonly counts: Record<string, number>;
  /** HRESULT → count. */
  readonly errors?: Record<string, number>;
  readonly invalidUtf8?: boolean;
  readonly lines?: number;
  /** The last message read: "status-or-method CSeq-number Call-ID". */
  readonly last?: string;
}

const MSX_ALL = { REGISTER: 2, 'REGISTER 401': 1, 'REGISTER 200': 1 };
const MSX_LAST = '200 13 c7311426f0604bc3b2517cf72dbe956c';
const RED_ALL = { 'REGISTER 401': 2, 'REGISTER 301': 1 };
const RED_LAST = '301 3 %s';
const CLS_HRESULT = { '0xC3E93C5E': 1 };

const CASES: ReadonlyArray<readonly [string, () => Buffer, Want, { tailBytes?: (b: Buffer) => number }?]> = [
  // msxfaq: REGISTER (l. 3-20), prose with ü (l. 22), 401 (l. 24-…), REGISTER (l. 48-…), 200 OK (l. 72-98)
  ['msxfaq as published (final LF, no blank line after the last message)', () => MSXFAQ, { counts: MSX_ALL, last: MSX_LAST, lines: 98, invalidUtf8: false }],
  ['msxfaq without its final newline', () => noFinalNewline(MSXFAQ), { counts: MSX_ALL, last: MSX_LAST, lines: 98 }],
  ['msxfaq with CRLF line ends', () => crlf(MSXFAQ), { counts: MSX_ALL, last: MSX_LAST, lines: 98 }],
  ['msxfaq cut at the end after the 200\'s CSeq line (final LF)', () => firstLines(MSXFAQ, 81), { counts: MSX_ALL, last: MSX_LAST, lines: 81 }],
  ['msxfaq cut at the end after the 200\'s CSeq line (no final LF)', () => noFinalNewline(firstLines(MSXFAQ, 81)), { counts: MSX_ALL, last: MSX_LAST, lines: 81 }],
  ['msxfaq cut at the start: the first REGISTER\'s start line is gone', () => fromLine(MSXFAQ, 4), { counts: { REGISTER: 1, 'REGISTER 401': 1, 'REGISTER 200': 1 }, last: MSX_LAST, lines: 95 }],
  [
    'msxfaq tail read starting inside the first REGISTER\'s start line (partial line dropped)',
    () => MSXFAQ,
    { counts: { REGISTER: 1, 'REGISTER 401': 1, 'REGISTER 200': 1 }, last: MSX_LAST, lines: 95 },
    { tailBytes: (b) => b.length - firstLines(b, 2).length - 3 },
  ],
  ['msxfaq cut in the middle of the "ü" of line 22 (after the first REGISTER)', () => upToByte(MSXFAQ, 'natürlich', 4), { counts: { REGISTER: 1 }, last: 'REGISTER 9 c7311426f0604bc3b2517cf72dbe956c', invalidUtf8: true, lines: 22 }],
  ['msxfaq cut in the middle of the "ö" of line 1 (no message yet)', () => upToByte(MSXFAQ, 'möchte', 2), { counts: {}, invalidUtf8: true, lines: 1 }],
  [
    'msxfaq after a noise line: the "ö" of line 1 is split by the read-chunk boundary',
    () => {
      const at = MSXFAQ.indexOf(Buffer.from('ö', 'utf8'));
      const pad = Buffer.from(`${'x'.repeat(CHUNK_BYTES - at - 2)}\n`, 'latin1'); // ö's first byte is the chunk's last
      return Buffer.concat([pad, MSXFAQ]);
    },
    { counts: MSX_ALL, last: MSX_LAST, invalidUtf8: false, lines: 99 },
  ],
  [
    'a Windows-1252 "é" (lone 0xE9) is the read chunk\'s last byte, the next chunk is plain ASCII (trueconf redirect)',
    () => Buffer.concat([Buffer.from('x'.repeat(CHUNK_BYTES - 1), 'latin1'), Buffer.from([0xe9]), Buffer.from('\n'), REDIRECT]),
    { counts: { 'REGISTER 401': 2, 'REGISTER 301': 1 }, last: '301 3 %s', invalidUtf8: true, lines: 36 },
  ],
  // trueconf redirect: 401 (l. 1-12), 401 (l. 14-23), 301 (l. 25-34), blank l. 35
  ['trueconf redirect as published (blank line at the end)', () => REDIRECT, { counts: RED_ALL, last: RED_LAST, lines: 35 }],
  ['trueconf redirect without the blank line and the final newline', () => noFinalNewline(REDIRECT), { counts: RED_ALL, last: RED_LAST, lines: 34 }],
  ['trueconf redirect cut after the 301\'s CSeq line, no final LF', () => noFinalNewline(firstLines(REDIRECT, 30)), { counts: RED_ALL, last: RED_LAST, lines: 30 }],
  ['trueconf redirect cut at the start: the first 401\'s start line is gone', () => fromLine(REDIRECT, 2), { counts: { 'REGISTER 401': 1, 'REGISTER 301': 1 }, last: RED_LAST, lines: 34 }],
  // CLS: OPTIONS record (l. 1-18), blank, TL_ERROR record with 0xC3E93C5E (l. 20-28)
  ['CLS records as published', () => CLS, { counts: { OPTIONS: 1 }, errors: CLS_HRESULT, lines: 28 }],
  ['CLS records without the final newline', () => noFinalNewline(CLS), { counts: { OPTIONS: 1 }, errors: CLS_HRESULT, lines: 28 }],
  ['CLS records with CRLF', () => crlf(CLS), { counts: { OPTIONS: 1 }, errors: CLS_HRESULT, lines: 28 }],
  ['CLS cut inside the OPTIONS record before Message-Body (no $$end_record, no final LF)', () => noFinalNewline(firstLines(CLS, 16)), { counts: { OPTIONS: 1 }, errors: {}, lines: 16 }],
  ['CLS cut after the TL_ERROR line (the rest of the record lost)', () => noFinalNewline(firstLines(CLS, 20)), { counts: { OPTIONS: 1 }, errors: CLS_HRESULT, lines: 20 }],
  // trueconf raw SIP: 401, 401, INVITE 200 whose body is cut (Content-Length 2283)
  ['trueconf raw SIP as published (CRLF, last body cut short)', () => RAWSIP, { counts: { 'REGISTER 401': 2, 'INVITE 200': 1 } }],
  ['trueconf raw SIP without the final CRLF', () => noFinalNewline(RAWSIP), { counts: { 'REGISTER 401': 2, 'INVITE 200': 1 } }],
];

const lastOf = (d: LogsSection): string | undefined => {
  const m = d.messages[d.messages.length - 1];
  return m ? `${m.kind === 'request' ? m.method : m.statusCode} ${m.cseq} ${m.callId}` : undefined;
};

for (const [label, make, want, opts] of CASES) {
  test(`EOF/truncation (real): ${label}`, async () => {
    const content = make();
    const path = write(content);
    const d = await analyzeLogFiles([{ path, origin: 'given' }], table, opts?.tailBytes ? { tailBytes: opts.tailBytes(content) } : {});
    assert.equal(d.files[0]!.outcome, 'ok');
    assert.deepEqual(d.counts, want.counts, 'SIP messages read');
    if (want.errors) assert.deepEqual(Object.fromEntries(d.errors.map((e) => [e.hresult, e.count])), want.errors, 'HRESULTs');
    if (want.invalidUtf8 !== undefined) assert.equal(d.files[0]!.invalidUtf8, want.invalidUtf8, 'invalid UTF-8 noted');
    if (want.lines !== undefined) assert.equal(d.files[0]!.lines, want.lines, 'lines read');
    if (want.last !== undefined) assert.equal(lastOf(d), want.last, 'the last message kept');
  });
}

test('EOF (real): a file cut mid-UTF-8 says so in its reading message', async () => {
  const d = await analyzeLogFiles([{ path: write(upToByte(MSXFAQ, 'natürlich', 4)), origin: 'given' }], table);
  assert.match(d.files[0]!.message, /^22 line\(s\), \d+ byte\(s\); bytes that are not UTF-8 were replaced$/);
});
