// main/sip/parse.ts pinned as input → output tables. Expected values from RFC 3261 (§7 message framing,
// §7.3.1 folding and header names, §7.3.3 compact forms, §19.1 SIP URI, §20.14 Content-Length in bytes,
// §25.1 grammar: user = 1*(unreserved / escaped / user-unreserved), user-unreserved includes ';' '&' '=' '+'
// '$' ',' '?' '/') and a Lync trace reading, written before running the code.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { uriHostPort } from '../../../../main/sip/parse';

type HP = { host: string; port: number | null; transport: string | null } | null;

const URIS: ReadonlyArray<readonly [string, HP]> = [
  // the user part may hold ';' (RFC 3261 §25.1): the host is after the '@'
  ['<sip:alice;ext=1@pool01.contoso.com:5061;transport=tls>', { host: 'pool01.contoso.com', port: 5061, transport: 'tls' }],
  ['sip:+14255550100;phone-context=contoso.com@gw.contoso.com;user=phone', { host: 'gw.contoso.com', port: null, transport: null }],
  ['<sips:a&b=c+d$e,f?g/h@sip.contoso.com>', { host: 'sip.contoso.com', port: null, transport: null }],
  ['<sip:alice:secret@pool01.contoso.com:443>', { host: 'pool01.contoso.com', port: 443, transport: null }],
  // no user part
  ['<sip:pool02.contoso.com:5061;transport=Tls>', { host: 'pool02.contoso.com', port: 5061, transport: 'tls' }],
  ['sip:10.0.0.5;maddr=10.0.0.6;transport=TCP', { host: '10.0.0.5', port: null, transport: 'tcp' }],
  ['<SIP:POOL.Contoso.COM:5061>', { host: 'pool.contoso.com', port: 5061, transport: null }],
  ['<sip:[2001:DB8::1]:5061;transport=tls>', { host: '2001:db8::1', port: 5061, transport: 'tls' }],
  ['<sip:[::1]>', { host: '::1', port: null, transport: null }],
  // a Contact with header parameters after '>': only the URI's own parameters count
  ['<sip:pool.contoso.com:5061>;transport=tls;expires=300', { host: 'pool.contoso.com', port: 5061, transport: null }],
  ['<sip:pool.contoso.com>, <sip:other.contoso.com;transport=tls>', { host: 'pool.contoso.com', port: null, transport: null }],
  // ports out of range are no port; 0 is none
  ['<sip:pool.contoso.com:0>', { host: 'pool.contoso.com', port: null, transport: null }],
  ['<sip:pool.contoso.com:65535>', { host: 'pool.contoso.com', port: 65535, transport: null }],
  ['<sip:pool.contoso.com:65536>', { host: 'pool.contoso.com', port: null, transport: null }],
  ['<sip:pool.contoso.com:1>', { host: 'pool.contoso.com', port: 1, transport: null }],
  ['"Alice" <sip:alice@contoso.com>;tag=1', { host: 'contoso.com', port: null, transport: null }],
  // not a SIP URI
  ['<mailto:alice@contoso.com>', null],
  ['<tel:+14255550100>', null],
  ['', null],
  [`<sip:${'a'.repeat(254)}>`, null],
  [`<sip:${'a'.repeat(253)}>`, { host: 'a'.repeat(253), port: null, transport: null }],
];

test('uriHostPort: host, port and transport of a SIP URI (user part with ";", IPv6, ranges)', () => {
  for (const [input, expected] of URIS) assert.deepEqual(uriHostPort(input), expected, input);
});
