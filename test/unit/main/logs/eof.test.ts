// End-of-file and truncation handling of the streaming log reader + analyzer: the last message of a
// file is never dropped, however the file ends (no newline, no end marker, no blank line, cut body,
// a chunk boundary inside the last line, the next file starting). The log is the hand-written
// UccApi-format sample of read.test.ts (format from test/fixtures/logs/README.md sources).
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { analyzeLogFiles, CHUNK_BYTES } from '../../../../main/logs/read';
import type { LogsSection } from '../../../../main/model/logs';
import { loadMsDiagnosticsTable } from '../../../../main/sip/ms-diagnostics-file';

const table = loadMsDiagnosticsTable();
const dir = mkdtempSync(join(tmpdir(), 'ld-eof-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const file = (content: string | Buffer): string => {
  const p = join(dir, `f${n++}.UccApilog`);
  writeFileSync(p, content);
  return p;
};
const analyse = (...paths: string[]): Promise<LogsSection> => analyzeLogFiles(paths.map((path) => ({ path, origin: 'given' as const })), table);
const summary = (d: LogsSection) => d.messages.map((m) => `${m.kind === 'request' ? m.method : m.statusCode} ${m.callId} ${m.direction}`);

const T = '09/10/2013|14:07:51.100 1F68:C14 INFO  :: ';
const REGISTER = [`${T}Sending Packet - 192.0.2.10:443 (From Local Address: 10.1.2.3:50123) 300 bytes:`, `${T}REGISTER sip:contoso.com SIP/2.0`, 'From: <sip:alice@contoso.com>;tag=1;epid=2', 'To: <sip:alice@contoso.com>', 'Call-ID: c1', 'CSeq: 1 REGISTER', 'Content-Length: 0', '', `${T}End of Sending Packet - 192.0.2.10:443 (From Local Address: 10.1.2.3:50123) 300 bytes`];
const RESPONSE_HEAD = [`${T}Data Received - 192.0.2.10:443 (To Local Address: 10.1.2.3:50123) 300 bytes:`, `${T}SIP/2.0 401 Unauthorized`, 'WWW-Authenticate: NTLM realm="SIP Communications Service", targetname="pool01.contoso.com", version=4', 'Call-ID: c1', 'CSeq: 1 REGISTER'];
const END = `${T}End of Data Received - 192.0.2.10:443 (To Local Address: 10.1.2.3:50123) 300 bytes`;
const BOTH = ['REGISTER c1 sent', '401 c1 received'];

// How the file ends after the 401 response → what must be found.
const ENDINGS: ReadonlyArray<readonly [string, string[], string]> = [
  ['complete, end marker, final newline', [...RESPONSE_HEAD, 'Content-Length: 0', '', END], '\n'],
  ['complete, end marker, no final newline', [...RESPONSE_HEAD, 'Content-Length: 0', '', END], ''],
  ['no end marker, blank line, final newline', [...RESPONSE_HEAD, 'Content-Length: 0', ''], '\n'],
  ['no end marker, blank line is the file\'s last line without newline', [...RESPONSE_HEAD, 'Content-Length: 0', ''], ''],
  ['cut inside the headers, last line without newline', [...RESPONSE_HEAD, 'Content-Length: 0'], ''],
  ['cut inside the headers, final newline', [...RESPONSE_HEAD, 'Content-Length: 0'], '\n'],
  ['cut inside the body (Content-Length 40, 10 chars present)', [...RESPONSE_HEAD, 'Content-Type: text/plain', 'Content-Length: 40', '', 'ten chars!'], ''],
];
for (const [label, tail, last] of ENDINGS) {
  for (const eol of ['\n', '\r\n']) {
    test(`EOF: ${label} (${eol === '\n' ? 'LF' : 'CRLF'}) — the last message is kept`, async () => {
      const d = await analyse(file([...REGISTER, ...tail].join(eol) + (last ? eol : '')));
      assert.deepEqual(summary(d), BOTH);
      const r = d.messages[1]!;
      assert.equal(r.line, REGISTER.length + 1, 'the 401 starts on its marker line');
      assert.deepEqual(r.challenges.map((c) => c.scheme), ['NTLM']);
      assert.equal(d.files[0]!.lines, REGISTER.length + tail.length - (label.includes("file's last line") ? 1 : 0));
    });
  }
}

test('EOF: a raw (unmarked) response as the last lines, no blank line, no newline', async () => {
  const d = await analyse(file(['some noise', 'SIP/2.0 403 Forbidden', 'Call-ID: c9', 'CSeq: 3 REGISTER', 'ms-diagnostics: 4005;reason="Destination URI either not enabled for SIP or does not exist"'].join('\n')));
  assert.deepEqual(summary(d), ['403 c9 unknown']);
  assert.deepEqual(d.messages[0]!.diagnostics.map((x) => x.code), [4005]);
});

test('EOF: the message left open at the end of one file is recorded before the next file starts, not merged into it', async () => {
  const a = file([...REGISTER, ...RESPONSE_HEAD].join('\n'));
  const b = file(['SIP/2.0 200 OK', 'Call-ID: c2', 'CSeq: 2 REGISTER', 'Content-Length: 0', ''].join('\n'));
  const d = await analyse(a, b);
  assert.deepEqual(summary(d), [...BOTH, '200 c2 unknown']);
  assert.deepEqual(d.messages.map((m) => m.file), [a, a, b]);
});

test('EOF: the last line straddles a read-chunk boundary and has no newline', async () => {
  const head = [...REGISTER, ...RESPONSE_HEAD].join('\n') + '\n';
  const pad = 'x'.repeat(CHUNK_BYTES - Buffer.byteLength(head) - 5) + '\n'; // noise line, then the last line crosses the 256 KiB boundary
  const p = file(`${pad}${head}Content-Length: 0`);
  assert.ok(readFileSync(p).length > CHUNK_BYTES);
  const d = await analyse(p);
  assert.deepEqual(summary(d), BOTH);
  assert.equal(d.files[0]!.lines, 1 + REGISTER.length + RESPONSE_HEAD.length + 1);
});

test('EOF: a tail read whose window starts inside the last message still ends it at EOF', async () => {
  const content = [...REGISTER, ...RESPONSE_HEAD, 'Content-Length: 0'].join('\n');
  const p = file(content);
  const tail = Buffer.byteLength([...RESPONSE_HEAD.slice(1), 'Content-Length: 0'].join('\n')) + 3; // starts inside the marker line
  const d = await analyzeLogFiles([{ path: p, origin: 'given' }], table, { tailBytes: tail });
  // the partial first line (the marker) is dropped; the raw start line opens the message; EOF ends it
  assert.deepEqual(d.messages.map((m) => m.statusCode), [401]);
});
