// Date header values by their grammar. Expected instants are read by hand from each value (GMT unless a zone is
// written), not from our output. Sources of the values: RFC 9110 §5.6.7's own three examples; RFC 3261 §20.17's
// example; Date headers captured from real servers in this repository (test/fixtures/proxy/squid/real: squid 5.7;
// test/fixtures/sip/real: published Lync/SfB traces).
//
// The whole file runs with TZ=Asia/Tokyo (UTC+9, no daylight saving): Date.parse reads the asctime form and values
// without a zone in the local zone, which made a correct server clock look 9 hours off on a PC there.
process.env.TZ = 'Asia/Tokyo';

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseHttpDate } from '../../../../main/model/http-date';
import { clockObservations } from '../../../../main/collect/clock';
import { clockSkewSeconds } from '../../../../main/sip/response';
import { attempt } from '../../../helpers/network-snapshot';

const NOW = new Date('2026-12-07T06:00:00Z');
const iso = (v: string): string | null => {
  const t = parseHttpDate(v, NOW);
  return t === null ? null : new Date(t).toISOString();
};

test('the test really runs in a zone 9 hours from UTC (else the local-time bug would pass unseen)', () => {
  assert.equal(new Date(Date.UTC(2026, 0, 1)).getTimezoneOffset(), -540);
});

const READ: ReadonlyArray<readonly [string, string, string | null]> = [
  ['RFC 9110 IMF-fixdate', 'Sun, 06 Nov 1994 08:49:37 GMT', '1994-11-06T08:49:37.000Z'],
  ['RFC 9110 rfc850-date', 'Sunday, 06-Nov-94 08:49:37 GMT', '1994-11-06T08:49:37.000Z'],
  ['RFC 9110 asctime-date (no zone written: GMT)', 'Sun Nov  6 08:49:37 1994', '1994-11-06T08:49:37.000Z'],
  ['RFC 3261 §20.17 example', 'Sat, 13 Nov 2010 23:29:00 GMT', '2010-11-13T23:29:00.000Z'],
  ['squid 5.7 (captured)', 'Sat, 05 Dec 2026 05:21:40 GMT', '2026-12-05T05:21:40.000Z'],
  ['Lync server trace (sip/real)', 'Tue, 10 Sep 2013 14:07:51 GMT', '2013-09-10T14:07:51.000Z'],
  ['SfB trace (sip/real)', 'Thu, 01 Dec 2016 08:21:44 GMT', '2016-12-01T08:21:44.000Z'],
  ['lower-case names and zone', 'sun, 06 nov 1994 08:49:37 gmt', '1994-11-06T08:49:37.000Z'],
  ['one-digit day and hour', 'Sun, 6 Nov 1994 8:49:37 GMT', '1994-11-06T08:49:37.000Z'],
  ['no day name', '06 Nov 1994 08:49:37 GMT', '1994-11-06T08:49:37.000Z'],
  ['UTC written', 'Sun, 06 Nov 1994 08:49:37 UTC', '1994-11-06T08:49:37.000Z'],
  ['numeric offset +0100 (08:49 there is 07:49 GMT)', 'Sun, 06 Nov 1994 08:49:37 +0100', '1994-11-06T07:49:37.000Z'],
  ['numeric offset -0530', 'Sun, 06 Nov 1994 08:49:37 -0530', '1994-11-06T14:19:37.000Z'],
  ['asctime with a zone written', 'Sun Nov  6 08:49:37 1994 GMT', '1994-11-06T08:49:37.000Z'],
  ['rfc850 two-digit year 26 in 2026: 2026', 'Monday, 07-Dec-26 06:00:00 GMT', '2026-12-07T06:00:00.000Z'],
  ['rfc850 two-digit year 76 in 2026: 2076 is not more than 50 years ahead', 'Monday, 07-Dec-76 06:00:00 GMT', '2076-12-07T06:00:00.000Z'],
  ['rfc850 two-digit year 77 in 2026: 2077 is, so 1977', 'Wednesday, 07-Dec-77 06:00:00 GMT', '1977-12-07T06:00:00.000Z'],
  ['29 February of a leap year', 'Thu, 29 Feb 2024 00:00:00 GMT', '2024-02-29T00:00:00.000Z'],
  ['extra blanks', '  Sun,  06 Nov 1994   08:49:37 GMT ', '1994-11-06T08:49:37.000Z'],
  ['two blanks between day and month', 'Sun, 06  Nov 1994 08:49:37 GMT', '1994-11-06T08:49:37.000Z'],
  ['offset +1400 (Kiribati, the largest in use)', 'Sun, 06 Nov 1994 18:49:37 +1400', '1994-11-06T04:49:37.000Z'],
  ['offset -1400 (none in use, the same bound)', 'Sun, 06 Nov 1994 08:49:37 -1400', '1994-11-06T22:49:37.000Z'],
  ['offset +0059', 'Sun, 06 Nov 1994 08:49:37 +0059', '1994-11-06T07:50:37.000Z'],
  ['UT written', 'Sun, 06 Nov 1994 08:49:37 UT', '1994-11-06T08:49:37.000Z'],
  ['Z written', 'Sun, 06 Nov 1994 08:49:37 Z', '1994-11-06T08:49:37.000Z'],
  ['asctime with an offset written', 'Sun Nov  6 09:49:37 1994 +0100', '1994-11-06T08:49:37.000Z'],
  ['64 characters (blanks after the value)', `Sun, 06 Nov 1994 08:49:37 GMT${' '.repeat(35)}`, '1994-11-06T08:49:37.000Z'],
  ['65 characters', `Sun, 06 Nov 1994 08:49:37 GMT${' '.repeat(36)}`, null],
  ['second 61', 'Sun, 06 Nov 1994 08:49:61 GMT', null],
  ['offset -1401', 'Sun, 06 Nov 1994 08:49:37 -1401', null],
  // not a Date header value: no instant (the clock comparison says it could not check)
  ['IMF-fixdate without a zone (local to whom?)', 'Sun, 06 Nov 1994 08:49:37', null],
  ['an ISO date', '2026-12-07T06:00:00Z', null],
  ['a date without a time', 'Sun, 06 Nov 1994', null],
  ['an unknown zone name', 'Sun, 06 Nov 1994 08:49:37 CET', null],
  ['30 February', 'Mon, 30 Feb 2026 00:00:00 GMT', null],
  ['29 February of a common year', 'Sun, 29 Feb 2026 00:00:00 GMT', null],
  ['hour 24', 'Sun, 06 Nov 1994 24:00:00 GMT', null],
  ['minute 60', 'Sun, 06 Nov 1994 08:60:00 GMT', null],
  ['an unknown month', 'Sun, 06 Foo 1994 08:49:37 GMT', null],
  ['offset over 14 hours', 'Sun, 06 Nov 1994 08:49:37 +1500', null],
  ['offset minutes over 59', 'Sun, 06 Nov 1994 08:49:37 +0160', null],
  ['day 0', 'Sun, 00 Nov 1994 08:49:37 GMT', null],
  ['garbage', 'yesterday-ish', null],
  ['empty', '', null],
  ['over-long (a header value cut or stuffed)', `Sun, 06 Nov 1994 08:49:37 GMT${' '.repeat(40)}x`, null],
];
for (const [label, value, want] of READ) {
  test(`parseHttpDate: ${label}: ${JSON.stringify(value)} → ${want}`, () => {
    assert.equal(iso(value), want);
  });
}

test('parseHttpDate: a leap second is the next second; null and undefined are no date', () => {
  assert.equal(iso('Wed, 31 Dec 2016 23:59:60 GMT'), '2017-01-01T00:00:00.000Z');
  assert.equal(parseHttpDate(null), null);
  assert.equal(parseHttpDate(undefined), null);
});

test('SIP Date header in asctime form: no 9-hour skew on a PC in Tokyo', () => {
  assert.equal(clockSkewSeconds('Sun Nov  6 08:49:37 1994', new Date('1994-11-06T08:49:40Z')), 3);
  assert.equal(clockSkewSeconds('Sun, 06 Nov 1994 08:49:37', new Date('1994-11-06T08:49:37Z')), null, 'no zone: could not check, not a skew');
});

test('clock observations: an asctime Date from a server is GMT; a zone-less one gives no observation', () => {
  const obs = clockObservations({
    autodiscover: {
      status: 'ok',
      message: '',
      durationMs: 1,
      data: {
        sipAddress: 'a@contoso.com',
        attempts: [attempt({ serverDate: 'Mon Dec  7 06:00:00 2026', localDate: '2026-12-07T06:00:02.000Z' }), attempt({ serverDate: 'Mon, 07 Dec 2026 06:00:00', localDate: '2026-12-07T06:00:00.000Z' })],
      },
    },
  });
  assert.deepEqual(
    obs.map((o) => o.skewMs),
    [2000],
  );
});
