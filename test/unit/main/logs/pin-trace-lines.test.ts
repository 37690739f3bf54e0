// Trace-line prefixes as the reader sees them, through the whole reader (file → section), so the test
// holds whatever the line framing becomes: the UccApilog prefix "MM/DD/YYYY|HH:MM:SS.mmm PID:TID LEVEL ::"
// and the packet markers "Sending Packet - <peer> (From Local Address: …) N bytes:" / "Data Received - …" /
// "End of …" (msxfaq "Parse-UCCAPILog", quoted in test/fixtures/logs/README.md), and the Lync for Mac 2011
// prefix "YYYY/MM/DD HH:MM:SS.mmm" (field report, same README). Lines are hand-written in those formats
// (labelled); expected timestamps, directions and peers are read off the lines by hand.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { analyzeLogFiles } from '../../../../main/logs/read';
import type { LogsSection } from '../../../../main/model/logs';
import { loadMsDiagnosticsTable } from '../../../../main/sip/ms-diagnostics-file';

const table = loadMsDiagnosticsTable();
const dir = mkdtempSync(join(tmpdir(), 'ld-trace-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const read = async (lines: string[]): Promise<LogsSection> => {
  const p = join(dir, `t${n++}.UccApilog`);
  writeFileSync(p, lines.join('\r\n') + '\r\n');
  return analyzeLogFiles([{ path: p, origin: 'given' }], table);
};
const REGISTER = ['REGISTER sip:contoso.com SIP/2.0', 'From: <sip:alice@contoso.com>;tag=1', 'Call-ID: c1', 'CSeq: 1 REGISTER', 'Content-Length: 0', ''];

// marker line (prefix + text) → the REGISTER's timestamp, direction, peer
const MARKERS: ReadonlyArray<readonly [string, string | null, string, string | null]> = [
  ['09/10/2013|14:07:51.123 1F68:C14 INFO  :: Sending Packet - 192.0.2.10:443 (From Local Address: 10.1.2.3:50123) 691 bytes:', '2013-09-10T14:07:51.123', 'sent', '192.0.2.10:443'],
  ['09/10/2013|14:07:51.123 1F68:C14 INFO  :: Data Received - 192.0.2.10:443 (To Local Address: 10.1.2.3:50123) 691 bytes:', '2013-09-10T14:07:51.123', 'received', '192.0.2.10:443'],
  ['9/1/2013|4:07:51.123 1F68:C14 INFO  :: Sending Packet - 192.0.2.10:443 (From Local Address: 10.1.2.3:50123) 691 bytes:', '2013-09-01T04:07:51.123', 'sent', '192.0.2.10:443'],
  ['12/31/2013|23:59:59.1234567 1F68:C14 INFO  :: Sending Packet - 192.0.2.10:5061 (From Local Address: 10.1.2.3:50123) 691 bytes:', '2013-12-31T23:59:59.1234567', 'sent', '192.0.2.10:5061'],
  ['12/31/2013|23:59:59 1F68:C14 INFO  :: Sending Packet - 192.0.2.10:5061 (From Local Address: 10.1.2.3:50123) 691 bytes:', '2013-12-31T23:59:59', 'sent', '192.0.2.10:5061'],
  ['12/31/2013|23:59:59. 1F68:C14 INFO  :: Sending Packet - 192.0.2.10:5061 (From Local Address: 10.1.2.3:50123) 691 bytes:', '2013-12-31T23:59:59', 'sent', '192.0.2.10:5061'],
  ['09/10/2013|14:07:51.123 1F68:C14 INFO  :: Sending Packet -\t 192.0.2.10:443\t(From Local Address: 10.1.2.3:50123) 691 bytes:', '2013-09-10T14:07:51.123', 'sent', '192.0.2.10:443'],
  ['09/10/2013|14:07:51.123 1F68:C14 INFO  :: Sending Packet  -  [2001:db8::10]:443 (From Local Address: [2001:db8::3]:50123) 691 bytes:', '2013-09-10T14:07:51.123', 'sent', '[2001:db8::10]:443'],
  ['09/10/2013|14:07:51.123 1F68:C14 INFO  :: Data Received -', '2013-09-10T14:07:51.123', 'received', null],
  ['09/10/2013|14:07:51.123 1F68:C14 INFO :: Sending Packet - 192.0.2.10:443 (From Local Address: 10.1.2.3:50123) 691 bytes:', '2013-09-10T14:07:51.123', 'sent', '192.0.2.10:443'],
];
for (const [marker, ts, direction, peer] of MARKERS) {
  test(`marker: ${marker.slice(0, 70)}… → ${direction} ${peer} at ${ts}`, async () => {
    const d = await read([marker, ...REGISTER]);
    assert.equal(d.messages.length, 1);
    const m = d.messages[0]!;
    assert.deepEqual([m.method, m.timestamp, m.direction, m.peer, m.line], ['REGISTER', ts, direction, peer, 1]);
  });
}

// lines that are NOT packet markers: the REGISTER after them is read as an unmarked raw message
const NOT_MARKERS: ReadonlyArray<readonly [string, string]> = [
  ['Sending Packet without a dash', '09/10/2013|14:07:51.123 1F68:C14 INFO  :: Sending Packet 192.0.2.10:443 691 bytes:'],
  ['Sending packets (other wording)', '09/10/2013|14:07:51.123 1F68:C14 INFO  :: Sending packets - 192.0.2.10:443'],
  ['Data Receive (truncated word)', '09/10/2013|14:07:51.123 1F68:C14 INFO  :: Data Receive - 192.0.2.10:443'],
  ['a marker word inside other text', '09/10/2013|14:07:51.123 1F68:C14 INFO  :: CSIPAsyncSocket::Sending Packet - 192.0.2.10:443'],
  ['no trace prefix', 'Sending Packet - 192.0.2.10:443 (From Local Address: 10.1.2.3:50123) 691 bytes:'],
];
for (const [label, line] of NOT_MARKERS) {
  test(`not a marker (${label}): the REGISTER is read, direction unknown`, async () => {
    const d = await read([line, ...REGISTER]);
    assert.deepEqual(d.messages.map((m) => [m.method, m.direction, m.peer, m.line]), [['REGISTER', 'unknown', null, 2]]);
  });
}

test('the End of … marker closes the message; the next trace entry is not part of it', async () => {
  const T = '09/10/2013|14:07:51.123 1F68:C14 INFO  :: ';
  const d = await read([
    `${T}Sending Packet - 192.0.2.10:443 (From Local Address: 10.1.2.3:50123) 691 bytes:`,
    `${T}REGISTER sip:contoso.com SIP/2.0`,
    'Call-ID: c1',
    'CSeq: 1 REGISTER',
    `${T}End of Sending Packet - 192.0.2.10:443 (From Local Address: 10.1.2.3:50123) 691 bytes`,
    'Contact: <sip:not-part-of-it@contoso.com>',
  ]);
  assert.equal(d.messages.length, 1);
  assert.deepEqual(d.messages[0]!.contacts, []);
  assert.equal(d.messages[0]!.callId, 'c1');
});

// first and last trace lines of a file → its time range
const RANGES: ReadonlyArray<readonly [string, string[], string | null, string | null]> = [
  ['UccApilog lines, noise between', ['04/16/2013|03:17:30.168 1F68:C14 INFO  :: start', 'raw continuation line', '04/16/2013|03:17:35.002 1F68:C14 ERROR :: end', 'raw tail'], '2013-04-16T03:17:30.168', '2013-04-16T03:17:35.002'],
  ['Mac lines', ['2012/05/18 08:32:28.602 Office Communications Server LOGON STARTED', '2012/05/18 08:32:29.001 SIPService::Logon'], '2012-05-18T08:32:28.602', '2012-05-18T08:32:29.001'],
  ['Mac line without a fraction', ['2012/05/18 08:32:28 SIPService::Logon'], '2012-05-18T08:32:28', '2012-05-18T08:32:28'],
  ['a date with a space instead of the pipe is not a trace line', ['04/16/2013 03:17:30.168 1F68:C14 INFO  :: text'], null, null],
  ['pipe too far from the start', ['2013-04-16T03:17:30|168 1F68:C14 INFO  :: text'], null, null],
  ['short line', ['04/16/2013|03:17'], null, null],
  ['no " ::" separator', ['04/16/2013|03:17:30.168 1F68:C14 INFO  text without separator'], null, null],
  ['separator too far after the time (over 80 characters)', [`04/16/2013|03:17:30.168 ${'x'.repeat(90)} :: text`], null, null],
];
for (const [label, lines, first, last] of RANGES) {
  test(`time range: ${label}`, async () => {
    const d = await read(lines);
    assert.deepEqual([d.files[0]!.firstTimestamp, d.files[0]!.lastTimestamp], [first, last]);
  });
}

test('a Mac-format SIP start line opens a message with its timestamp', async () => {
  const d = await read(['2012/05/18 08:32:29.001 SIP/2.0 403 Forbidden', 'ms-diagnostics-public: 4003;reason="From URI not enabled for remote access"', 'Call-ID: m1', 'CSeq: 2 REGISTER', '']);
  assert.deepEqual(d.messages.map((m) => [m.statusCode, m.timestamp, m.callId]), [[403, '2012-05-18T08:32:29.001', 'm1']]);
});
