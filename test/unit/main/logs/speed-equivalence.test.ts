/**
 * The log analyzer's fast reading must give exactly what the whole parse gives. Two layers are checked against
 * their reference implementations:
 *  - `parseSipHead` (start line plus a few headers) against `parseSipMessage` (every header): same start line,
 *    same selected headers (names, values, order), same failures, on every message of the real corpus and the
 *    hand-written logs, on hand-made edge messages and on fuzzed ones;
 *  - `LogAnalyzer` by default (head parse, kept records built late, lines read in place) against
 *    `LogAnalyzer({ wholeParse: true })` fed line by line: the same section, timestamps and line count on the
 *    corpus, the hand-written logs, the benchmark's dense trace and fuzzed traces, however the chunks fall.
 */
import assert from 'node:assert/strict';
import { closeSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { after, test } from 'node:test';
import { block } from '../../../../bench/sip.bench';
import { LogAnalyzer } from '../../../../main/logs/analyzer';
import { LineFeeder } from '../../../../main/logs/line-feeder';
import { analyzeLogFiles } from '../../../../main/logs/read';
import { loadMsDiagnosticsTable } from '../../../../main/sip/ms-diagnostics-file';
import { HEAD_NAMES, isStartLine, parseSipHead, startLineOffset, startLineParts, parseSipMessage, type SipParseResult } from '../../../../main/sip/parse';
import { prng } from '../../../helpers/prng';
import { readInChunks } from '../../../helpers/chunked-log-read';

const FIXTURES = join(__dirname, '..', '..', '..', 'fixtures');
const table = loadMsDiagnosticsTable();

const files = [
  ...readdirSync(join(FIXTURES, 'sip', 'real')).filter((f) => f !== 'SOURCES.md' && f !== 'expected.json').map((f) => join(FIXTURES, 'sip', 'real', f)),
  ...readdirSync(join(FIXTURES, 'logs')).filter((f) => f !== 'README.md' && f !== 'real').map((f) => join(FIXTURES, 'logs', f)),
  ...readdirSync(join(FIXTURES, 'logs', 'real')).filter((f) => f !== 'SOURCES.md' && f !== 'expected.json').map((f) => join(FIXTURES, 'logs', 'real', f)),
];
const texts = files.map((f) => ({ name: basename(f), text: readFileSync(f, 'utf8') }));

/** What parseSipMessage says, keeping only the headers named in `names` (the reference for parseSipHead). */
function reference(input: string, names: ReadonlySet<string>): unknown {
  return view(parseSipMessage(input), names);
}

function view(r: SipParseResult, names: ReadonlySet<string> | null): unknown {
  if (!r.ok) return r;
  const m = r.message;
  return { kind: m.kind, method: m.method, requestUri: m.requestUri, statusCode: m.statusCode, reasonPhrase: m.reasonPhrase, headers: m.headers.filter((h) => names === null || names.has(h.canon ?? '')).map((h) => ({ name: h.name, value: h.value, canon: h.canon })) };
}

/** Name sets: the analyzer's, and one with compact-form targets (i = call-id, m = contact, l = content-length). */
const NAME_SETS: ReadonlyArray<ReadonlySet<string>> = [
  HEAD_NAMES,
  new Set(['call-id', 'contact', 'from', 'date', 'content-length', 'via']),
  new Set(['x_odd', 'i', 'm', 'CSeq', 'from', 't']), // odd characters, compact letters, a name not canonical
  new Set(['i', 'cseq']), // a compact letter alone: "i" is read as call-id, never as "i"
];

function sameHead(input: string, label: string): void {
  const nl = input.indexOf('\n');
  const firstLine = (nl < 0 ? input : input.slice(0, nl)).replace(/\r$/, '');
  const known = firstLine.includes('\r') ? null : startLineParts(firstLine); // the start line read beforehand, as the analyzer does
  for (const names of NAME_SETS) {
    const want = reference(input, names);
    assert.deepEqual(view(parseSipHead(input, names), null), want, `${label} [${[...names].join(',')}]`);
    if (known !== null) assert.deepEqual(view(parseSipHead(input, names, known), null), want, `${label} [${[...names].join(',')}] (start line known)`);
  }
}

/** Every message-looking piece of a text: from each start line on, up to 40 lines; plus the whole text. */
function messagesOf(text: string): string[] {
  const lines = text.split('\n');
  const out = [text];
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] as string).trim();
    const off = isStartLine(line) ? 0 : startLineOffset(line);
    if (off >= 0) out.push([line.slice(off).trim(), ...lines.slice(i + 1, i + 40)].join('\n'));
  }
  return out;
}

/** Hand-written edge messages aimed at each rule parseSipHead must copy (written for this test, not captured). */
const EDGES = [
  'SIP/2.0 401 Unauthorized\r\nVia: a\r\n   ;folded-onto-via=1\r\nWWW-Authenticate: NTLM realm="x",\r\n   targetname="p", version=4\r\nms-diagnostics: 1;reason="x"\r\n\tsource="folded"\r\n\r\n',
  '\r\n \r\n\u00a0\r\nSIP/2.0 403 Forbidden\r\nCSeq : 1 REGISTER\r\n CSeq: 2 REGISTER\r\nbad name: x\r\n: nameless\r\nno colon\r\nms-diagnostics:4005;reason="y"\r\n',
  'SIP/2.0 504 Server time-out ms-diagnostics: 1008;reason="Unable to resolve DNS SRV record"\r\nCSeq: 1 REGISTER\r\n\r\n',
  'SIP/2.0 504 Server time-out ms-diagnostics: 1008;reason="glued"\r\n' + 'X-A: 1\r\n'.repeat(400) + 'ms-diagnostics: 1;reason="after the limit"\r\n\r\n',
  'SIP/2.0 500 x\r\n' + 'X-A: 1\r\n'.repeat(399) + 'CSeq: 9 INVITE\r\nms-diagnostics: 2;reason="401st"\r\n\r\n',
  'INVITE sip:b@f.com SIP/2.0\ni: abc\nm: <sip:a@b>;q=1\nl: 3\nProxy-Authorization: NTLM qop="auth"\nAuthorization: Kerberos x\n\nv=0\nCSeq: 1 BODY',
  'REGISTER sip:c.com SIP/2.0\rCSeq: 1 REGISTER\rAuthorization: TLS-DSK x\r\r',
  'SIP/2.0 200 OK\r\nAuthentication-Info: TLS-DSK opaque="1"\r\n  Via: SIP/2.0/TLS indented header\r\n   folded onto via\r\n',
  'not a start line\r\nCSeq: 1 REGISTER\r\n\r\n',
  'SIP/2.0 401 Unauthorized\r\nWWW-Authenticate: NTLM a\r\nVia: x\r\n\tfolded onto via\r\nCSeq: 1 REGISTER\r\n\tfolded onto cseq\r\n\r\n',
  'SIP/2.0 200 OK\r\nX_ODD : 1\r\nx_odd:2\r\ni: call\r\nI:call2\r\nm: <sip:a>\r\nt: <sip:t>\r\nT: <sip:T>\r\nCSEQ: 3 X\r\nFROM: f\r\n\u000bCSeq: 4 Y\r\ncs\u0131q: 5\r\n',
  '',
  '\r\n\r\n',
];

test('parseSipHead reads the start line and the chosen headers exactly as parseSipMessage, on the corpus and edge messages', () => {
  let n = 0;
  for (const { name, text } of texts) {
    for (const [i, msg] of messagesOf(text).entries()) {
      sameHead(msg, `${name} #${i}`);
      n++;
    }
  }
  for (const [i, e] of EDGES.entries()) sameHead(e, `edge #${i}`);
  assert.ok(n > 50, `${n} corpus messages compared`);
  // the reference keeps what the head parse must find (the comparison is not between two empty lists)
  const r = parseSipHead(EDGES[0] as string);
  assert.ok(r.ok);
  assert.deepEqual(
    r.message.headers.map((h) => h.value),
    ['NTLM realm="x", targetname="p", version=4', '1;reason="x" source="folded"'],
  );
});

test('parseSipHead equals parseSipMessage on fuzzed messages', () => {
  const rnd = prng(1616);
  const pool = [...EDGES, ...texts.flatMap((t) => messagesOf(t.text).slice(1, 8))];
  const junk = ['\r', '\n', '\r\n', ' ', '\t', ':', 'ms-diagnostics: 1;x', '\r\n   folded', '\u00a0', 'SIP/2.0 ', 'CSeq: 1 REGISTER', 'l: 0', '\r\n\r\n', 'é'];
  for (let i = 0; i < 3000; i++) {
    let s = pool[Math.floor(rnd() * pool.length)] as string;
    const ops = 1 + Math.floor(rnd() * 6);
    for (let k = 0; k < ops; k++) {
      const at = Math.floor(rnd() * (s.length + 1));
      const r = rnd();
      if (r < 0.4) s = s.slice(0, at) + (junk[Math.floor(rnd() * junk.length)] as string) + s.slice(at);
      else if (r < 0.7) s = s.slice(0, at) + s.slice(at + 1 + Math.floor(rnd() * 20));
      else if (r < 0.85) s = s.slice(0, at);
      else s = s.slice(0, at) + String.fromCharCode(Math.floor(rnd() * 0xffff)) + s.slice(at);
    }
    sameHead(s, `fuzz #${i}: ${JSON.stringify(s.slice(0, 200))}`);
  }
});

/** Reads `text` as one file cut at `cuts`: fast (head parse, in place) or the reference (whole parse, line by line). */
const analyse = (text: string, cuts: readonly number[], fast: boolean): unknown => readInChunks(table, 'x.UccApilog', text, cuts, fast, !fast);

function sameSection(text: string, label: string, rnd: () => number): void {
  const want = analyse(text, [], false);
  assert.deepEqual(analyse(text, [], true), want, `${label}: one piece`);
  const cuts = Array.from({ length: Math.ceil(text.length / 500) }, () => Math.floor(rnd() * text.length)).sort((x, y) => x - y);
  assert.deepEqual(analyse(text, cuts, true), want, `${label}: cut every ~500 chars`);
}

test('the analyzer reads the corpus, the hand-written logs and the bench trace the same fast and whole', () => {
  const rnd = prng(1617);
  for (const { name, text } of texts) sameSection(text, name, rnd);
  const bench = block(2);
  sameSection(bench, 'bench block', rnd);
  const s = analyse(bench, [], true) as { section: { messages: unknown[]; counts: Record<string, number> } };
  assert.ok(s.section.messages.length > 100 && Object.keys(s.section.counts).length >= 3, 'the bench block has kept messages and counts to compare');
});

test('fuzzed traces (corpus lines shuffled, edge messages, CR/LF mixed) read the same fast and whole', () => {
  const rnd = prng(1618);
  const P = '09/10/2013|14:07:51.000 1F68:C14 INFO  :: ';
  const pool = [...texts.flatMap((t) => t.text.split('\n')), ...EDGES.flatMap((e) => [`${P}Data Received - 192.0.2.1:443 (x) 9 bytes:`, ...e.split(/\r?\n/).map((l, i) => (i === 0 ? P + l : l))])];
  for (let i = 0; i < 120; i++) {
    const lines: string[] = [];
    let at = Math.floor(rnd() * pool.length);
    const n = 5 + Math.floor(rnd() * 80);
    for (let k = 0; k < n; k++) {
      let l = rnd() < 0.8 ? (pool[at++ % pool.length] as string) : (pool[Math.floor(rnd() * pool.length)] as string);
      if (rnd() < 0.3) l = l.endsWith('\r') ? l : `${l}\r`;
      lines.push(l);
    }
    sameSection(lines.join('\n'), `fuzz #${i}`, rnd);
  }
});

test('the synchronous reader still stops at a deadline: an abort while reading a 24 MB log ends the read early, reported', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ld-speed-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const path = join(dir, 'big.UccApilog');
  const fd = openSync(path, 'w');
  const mb = block(3);
  for (let i = 0; i < 24; i++) writeSync(fd, mb);
  closeSync(fd);
  const whole = await analyzeLogFiles([{ path, origin: 'given' }], table);
  assert.equal(whole.files[0]?.outcome, 'ok');
  const ac = new AbortController();
  setImmediate(() => ac.abort()); // fires at the reader's first pause (every 4 MB), not after the whole file
  const cut = await analyzeLogFiles([{ path, origin: 'given' }], table, { signal: ac.signal });
  const f = cut.files[0];
  assert.equal(f?.outcome, 'error');
  assert.match(f?.message ?? '', /before the deadline; the rest was not analysed/);
  assert.ok((f?.bytes ?? 0) > 0 && (f?.bytes ?? 0) <= 8 * 1024 * 1024, `read ${f?.bytes} of ${whole.files[0]?.bytes} bytes`);
});

test('packet-marker timestamps read in place as the line path reads them (fractions, none, a bare dot, the date changing)', () => {
  const msg = (ts: string, n: number): string[] => [`${ts} 1F68:C14 INFO  :: Sending Packet - 192.0.2.1:443 (x) 9 bytes:`, `${ts} 1F68:C14 INFO  :: REGISTER sip:contoso.com SIP/2.0`, `CSeq: ${n} REGISTER`, 'Content-Length: 0', '', `${ts} 1F68:C14 INFO  :: End of Sending Packet - 192.0.2.1:443`];
  const stamps = ['09/10/2013|14:07:51.123', '09/10/2013|14:07:52', '09/10/2013|14:07:53. x', '09/10/2013|14:07:54.12345678', '09/11/2013|00:00:01.5', '12/31/2013|23:59:59.999', '1/2/2014|3:04:05.6', '09/11/2013|00:00:02.000'];
  const text = `${stamps.flatMap((t, i) => msg(t, i)).join('\r\n')}\r\n`;
  sameSection(text, 'timestamps', prng(1620));
  const s = analyse(text, [], true) as { section: { messages: Array<{ timestamp: string | null }> } };
  assert.deepEqual(
    s.section.messages.map((m) => m.timestamp),
    ['2013-09-10T14:07:51.123', '2013-09-10T14:07:52', '2013-09-10T14:07:53', '2013-09-10T14:07:54.1234567', '2013-09-11T00:00:01.5', '2013-12-31T23:59:59.999', '2014-01-02T03:04:05.6', '2013-09-11T00:00:02.000'],
  );
});
