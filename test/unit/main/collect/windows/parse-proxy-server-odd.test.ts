/** Hand-written: ProxyServer values no administrator means; each gives no entry rather than a host that cannot exist. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseProxyServer } from '../../../../../main/collect/windows/parse-wininet';

const ODD: ReadonlyArray<[string, string]> = [
  ['=a:80', 'an "=" with no scheme before it'],
  ['=', 'a lone "="'],
  ['gopher=g:70', 'a scheme WinINET no longer uses'],
  ['http=', 'a scheme with no address'],
  ['a:80:90', 'two ports'],
];
for (const [value, why] of ODD) test(`parseProxyServer(${JSON.stringify(value)}) → no entry (${why})`, () => assert.deepEqual(parseProxyServer(value), []));

test('an odd entry is dropped, the good one beside it kept', () => {
  assert.deepEqual(parseProxyServer('=a:80;https=proxy.contoso.com:8443'), [{ scheme: 'https', host: 'proxy.contoso.com', port: 8443 }]);
});
