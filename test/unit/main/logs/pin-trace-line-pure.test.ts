/**
 * trace-line.ts on its own (pure functions), as input → output tables. The prefixes follow the documented formats:
 * Windows UccApilog "MM/DD/YYYY|HH:MM:SS.mmm PID:TID LEVEL :: text" (msxfaq "Parse-UCCAPILog", the example line
 * quoted in trace-line.ts and test/fixtures/logs/README.md; no multi-line real UccApilog excerpt with this prefix is
 * in our material — see test/fixtures/logs/real/SOURCES.md — so the other Windows lines are the hand-written
 * fixtures' shapes) and Lync for Mac 2011 "YYYY/MM/DD HH:MM:SS.mmm text" (the prefix from a field report quoted
 * in trace-line.ts; the lines of the hand-written fixture test/fixtures/logs/mac-microsoft-lync.log).
 * Expected values were written from those formats, not from the code's output. The unpadded forms
 * ("4/16/2013|3:17:30") are what the regex fallback is for; the fast path must read exactly what it reads.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { isEndMarker, packetMarker, splitTraceLine, TraceLine, uccTimestamp } from '../../../../main/logs/trace-line';
import { prng } from '../../../helpers/prng';

const MSXFAQ = '04/16/2013|03:17:30.168 1F68:C14 INFO  :: End of Sending Packet - 192.168.100.100:5061 (From Local Address: 192.168.100.10:50123) 1503 bytes';

// prefix → timestamp (null: not a UccApilog prefix)
const TIMESTAMPS: ReadonlyArray<readonly [string, string | null]> = [
  [MSXFAQ, '2013-04-16T03:17:30.168'],
  ['09/10/2013|14:07:51.000 1F68:C14 INFO  :: SIP/2.0 401 Unauthorized', '2013-09-10T14:07:51.000'],
  ['12/31/2013|23:59:59.999 1F68:C14 INFO  :: x', '2013-12-31T23:59:59.999'],
  ['04/16/2013|03:17:30 1F68:C14 INFO  :: no milliseconds', '2013-04-16T03:17:30'],
  ['04/16/2013|03:17:30', '2013-04-16T03:17:30'], // the prefix alone, nothing after the seconds
  ['04/16/2013|03:17:30.16', '2013-04-16T03:17:30.16'], // the text ends inside the fraction
  ['04/16/2013|03:17:30.1234567 1F68', '2013-04-16T03:17:30.1234567'], // 7 digits (100 ns ticks) are kept
  ['04/16/2013|03:17:30.12345678 1F68', '2013-04-16T03:17:30.1234567'], // an 8th is not
  ['04/16/2013|03:17:30. 1F68', '2013-04-16T03:17:30'], // a dot without digits is not a fraction
  ['04/16/2013|03:17:30,168 1F68', '2013-04-16T03:17:30'], // a comma is not the fraction separator
  // unpadded fields (the regex fallback), padded to two digits in the answer
  ['4/16/2013|3:17:30.168 1F68:C14 INFO  :: x', '2013-04-16T03:17:30.168'],
  ['12/1/2013|14:07:50.000 1F68:C14 INFO  :: x', '2013-12-01T14:07:50.000'],
  ['1/2/2014|9:05:01 1F68:C14 INFO  :: x', '2014-01-02T09:05:01'],
  ['4/6/2013|14:07:50.000 1F68', '2013-04-06T14:07:50.000'],
  ['4/16/2013|3:17:30.12345678 x', '2013-04-16T03:17:30.1234567'],
  ['4/16/2013|3:17:30 x', '2013-04-16T03:17:30'],
  // not a UccApilog prefix
  ['', null],
  ['SIP/2.0 401 Unauthorized', null],
  ['2012/05/18 08:32:28.602 SIPService::Logon', null],
  ['04/16/13|03:17:30.168', null], // two-digit year
  ['04/16/2013 03:17:30.168', null], // space instead of the pipe
  ['04-16-2013|03:17:30.168', null],
  ['04/16/2013|03.17.30', null],
  ['04/16/2013|03:17', null],
  ['123/16/2013|03:17:30', null],
  ['x 4/16/2013|3:17:30.168', null], // the prefix must start the text
  // the fast path once accepted any character in the digit columns (a damaged line): the regex does not
  ['04/16/20a3|03:17:30.168 1F68:C14 INFO  :: x', null],
  ['O4/16/2013|03:17:30.168 1F68:C14 INFO  :: x', null],
  ['04/1a/2013|03:17:30.168 1F68:C14 INFO  :: x', null],
  ['04/16/2013|0 :17:30.168 1F68:C14 INFO  :: x', null],
  ['04/16/2013|03:/7:30.168 1F68:C14 INFO  :: x', null],
  ['04/16/2013|03:17:3x.168 1F68:C14 INFO  :: x', null],
  ['\u0000\u0000/16/2013|03:17:30.168 1F68:C14 INFO  :: x', null], // NUL bytes left by a crash
  ['00-00-0000|00:00:00', null], // right digits, wrong separators
  ['04x16x2013x03x17x30', null],
];

for (const [prefix, want] of TIMESTAMPS) {
  test(`uccTimestamp(${JSON.stringify(prefix.slice(0, 40))}) → ${want}`, () => assert.equal(uccTimestamp(prefix), want));
}

/** The documented prefix as a regular expression, written here independently of trace-line.ts. */
function reference(prefix: string): string | null {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})\|(\d{1,2}):(\d{2}):(\d{2}(?:\.\d{1,7})?)/.exec(prefix);
  if (!m) return null;
  const p = (s: string) => s.padStart(2, '0');
  return `${m[3]}-${p(m[1] as string)}-${p(m[2] as string)}T${p(m[4] as string)}:${m[5]}:${m[6]}`;
}

test('uccTimestamp agrees with the documented format on 20 000 damaged copies of real-shaped prefixes (fast path = fallback)', () => {
  const rnd = prng(18);
  const alphabet = '0123456789/|:. ,aZ\u0000';
  const bases = [MSXFAQ, '4/16/2013|3:17:30.168 1F68:C14 INFO  :: x', '12/31/2013|23:59:59.9999999 1F68'];
  let accepted = 0;
  for (let n = 0; n < 20000; n++) {
    const s = (bases[n % bases.length] as string).split('');
    for (let k = 1 + Math.floor(rnd() * 3); k > 0; k--) {
      const at = Math.floor(rnd() * 30);
      const ch = alphabet[Math.floor(rnd() * alphabet.length)] as string;
      const op = Math.floor(rnd() * 3);
      if (op === 0) s[at] = ch;
      else if (op === 1) s.splice(at, 1);
      else s.splice(at, 0, ch);
    }
    const p = s.join('');
    const want = reference(p);
    if (want !== null) accepted++;
    assert.equal(uccTimestamp(p), want, JSON.stringify(p));
  }
  assert.ok(accepted > 2000 && accepted < 18000, `both sides exercised (${accepted} accepted)`);
});

// line → [format, level, text, timestamp] (null: no known prefix, a raw continuation line)
const SPLITS: ReadonlyArray<readonly [string, readonly [string, string | null, string, string | null] | null]> = [
  [MSXFAQ, ['ucc', 'INFO', 'End of Sending Packet - 192.168.100.100:5061 (From Local Address: 192.168.100.10:50123) 1503 bytes', '2013-04-16T03:17:30.168']],
  ['09/10/2013|14:07:52.000 1F68:9C0 ERROR :: CCertProvisioning::GetAndPublishCert FAIL', ['ucc', 'ERROR', 'CCertProvisioning::GetAndPublishCert FAIL', '2013-09-10T14:07:52.000']],
  ['09/10/2013|14:07:50.000 1F68:8B4 TRACE :: CConnectionManager::GetBestRoute - using route 10.1.2.3', ['ucc', 'TRACE', 'CConnectionManager::GetBestRoute - using route 10.1.2.3', '2013-09-10T14:07:50.000']],
  ['4/6/2013|3:17:30.168 1F68:C14 WARN :: unpadded', ['ucc', 'WARN', 'unpadded', '2013-04-06T03:17:30.168']],
  ['04/16/2013|03:17:30.168 :: no PID, no level', ['ucc', null, 'no PID, no level', '2013-04-16T03:17:30.168']],
  ['04/16/2013|03:17:30.168 1F68:C14 INFO ::text right after', ['ucc', 'INFO', 'text right after', '2013-04-16T03:17:30.168']],
  ['04/16/2013|03:17:30.168 1F68:C14 INFO ::  two spaces', ['ucc', 'INFO', ' two spaces', '2013-04-16T03:17:30.168']],
  ['04/16/2013|03:17:30.168 1F68:C14 INFO :: a | b :: c', ['ucc', 'INFO', 'a | b :: c', '2013-04-16T03:17:30.168']],
  ['4/6/2013|3:17:30 ::x', ['ucc', null, 'x', '2013-04-06T03:17:30']], // 20 characters: the shortest line read
  ['4/6/2013|3:17:30 I ::', ['ucc', 'I', '', '2013-04-06T03:17:30']],
  ['4/6/2013|3:17:30 ::', null], // 19: too short to be a trace line
  ['4/16/2013 |3:17:30 :: x', ['ucc', null, 'x', null]], // the level is a word after the time, never the time itself
  ['04/16/2013|x 1F68:C14 INFO :: no digit after the pipe', null],
  ['2013-04-16|03:17:30.168 1F68:C14 INFO :: no slash in the date', null],
  ['04/16/2013|03:17:30.168 1F68:C14 INFO no separator', null],
  ['SIP/2.0 401 Unauthorized', null],
  ['Content-Length: 0', null],
  ['', null],
  ['1503 bytes were sent | to 192.168.100.100:5061 :: by the client', null],
  // Mac (Lync for Mac 2011)
  ['2012/05/18 08:32:28.604 SIPService::Logon', ['mac', null, 'SIPService::Logon', '2012-05-18T08:32:28.604']],
  ['2012/05/18 08:32:29.001 SIP/2.0 403 Forbidden', ['mac', null, 'SIP/2.0 403 Forbidden', '2012-05-18T08:32:29.001']],
  ['2012/05/18 08:32:28.602', ['mac', null, '', '2012-05-18T08:32:28.602']], // the prefix alone
  ['2012/05/18 08:32:28.602 presence | note', ['mac', null, 'presence | note', '2012-05-18T08:32:28.602']], // a pipe after column 10
  ['2012-05/18 08:32:28.602 x', null],
  ['2012/05-18 08:32:28.602 x', null],
  ['2012/05/18T08:32:28.602 x', null],
  ['2012/05/18 08.32:28.602 x', null],
  ['2012/05/18 08:32.28.602 x', null],
];

test('the length floor cases are 19 and 20 characters long', () => {
  assert.equal('4/6/2013|3:17:30 ::x'.length, 20);
  assert.equal('4/6/2013|3:17:30 ::'.length, 19);
});

for (const [line, want] of SPLITS) {
  test(`splitTraceLine(${JSON.stringify(line.slice(0, 50))})`, () => {
    const t = splitTraceLine(line);
    if (want === null) return assert.equal(t, null);
    assert.ok(t instanceof TraceLine);
    assert.deepEqual([t.format, t.level, t.text, t.timestamp], want);
    assert.equal(t.line, line);
  });
}

test('every prefixed line of the (hand-written) Lync for Mac fixture splits into its documented prefix and text; the raw lines do not', () => {
  const file = readFileSync(join(__dirname, '../../../fixtures/logs/mac-microsoft-lync.log'), 'utf8');
  const mac = file.split(/\r?\n/).filter((l) => /^\d{4}\/\d{2}\/\d{2} /.test(l));
  assert.ok(mac.length >= 5);
  for (const l of mac) {
    const t = splitTraceLine(l);
    assert.ok(t, l);
    assert.equal(t.format, 'mac');
    assert.equal(t.timestamp, `${l.slice(0, 4)}-${l.slice(5, 7)}-${l.slice(8, 10)}T${l.slice(11, 23)}`);
    assert.equal(t.text, l.slice(24));
  }
  const raw = file.split(/\r?\n/).filter((x) => !/^\d{4}\/\d{2}\/\d{2} /.test(x));
  assert.ok(raw.length >= 5);
  for (const l of raw) assert.equal(splitTraceLine(l), null, l);
});

// text after the prefix → packet marker
const MARKERS: ReadonlyArray<readonly [string, { direction: 'sent' | 'received'; peer: string | null } | null]> = [
  ['Sending Packet - 192.0.2.10:443 (From Local Address: 10.1.2.3:50123) 406 bytes:', { direction: 'sent', peer: '192.0.2.10:443' }],
  ['Data Received - 192.0.2.10:443 (To Local Address: 10.1.2.3:50123) 1055 bytes:', { direction: 'received', peer: '192.0.2.10:443' }],
  ['Sending Packet\t-\t10.0.0.5:5061\t(x)', { direction: 'sent', peer: '10.0.0.5:5061' }],
  ['Data Received  -  [2001:db8::10]:5061', { direction: 'received', peer: '[2001:db8::10]:5061' }],
  ['Sending Packet - ', { direction: 'sent', peer: null }],
  ['Data Received -', { direction: 'received', peer: null }],
  ['Sending Packet 192.0.2.10:443', null], // no dash
  ['Sending Packets - 192.0.2.10:443', null],
  ['End of Sending Packet - 192.0.2.10:443', null],
  ['Data Receive - 192.0.2.10:443', null],
  ['SIP/2.0 200 OK', null],
  ['', null],
];
for (const [text, want] of MARKERS) test(`packetMarker(${JSON.stringify(text.slice(0, 40))})`, () => assert.deepEqual(packetMarker(text), want));

const ENDS: ReadonlyArray<readonly [string, boolean]> = [
  ['End of Sending Packet - 192.0.2.10:443 (From Local Address: 10.1.2.3:50123) 406 bytes', true],
  ['End of Data Received - 192.0.2.10:443 (To Local Address: 10.1.2.3:50123) 1055 bytes', true],
  ['End of Sending Packet', true],
  ['End of Data Received', true],
  ['Sending Packet - 192.0.2.10:443', false],
  ['End of session', false],
  ['Error: End of Sending Packet', false],
  ['end of sending packet', false],
  ['', false],
];
for (const [text, want] of ENDS) test(`isEndMarker(${JSON.stringify(text.slice(0, 40))}) → ${want}`, () => assert.equal(isEndMarker(text), want));

test('a TraceLine built directly reads its Mac timestamp up to the first space after the time, or to the end', () => {
  assert.equal(new TraceLine('2012/05/18 08:32:28.602 SIPService::Logon', 'mac', null, 'SIPService::Logon').timestamp, '2012-05-18T08:32:28.602');
  assert.equal(new TraceLine('2012/05/18 08:32:28', 'mac', null, '').timestamp, '2012-05-18T08:32:28');
  assert.equal(new TraceLine(MSXFAQ, 'ucc', 'INFO', '').timestamp, '2013-04-16T03:17:30.168');
  assert.equal(new TraceLine('garbled|line', 'ucc', null, '').timestamp, null);
});
