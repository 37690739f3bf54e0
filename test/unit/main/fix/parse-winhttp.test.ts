import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bypassSet, expectedFromIe, parseWinHttpShowProxy, parseWinInet, sameProxy } from '../../../../main/fix/parse-winhttp';
import { fixture } from '../../../helpers/fixtures';

test('netsh winhttp show proxy: direct access (English and German)', () => {
  assert.deepEqual(parseWinHttpShowProxy(fixture('fix', 'netsh-winhttp-direct.en.txt')), { kind: 'direct' });
  assert.deepEqual(parseWinHttpShowProxy(fixture('fix', 'netsh-winhttp-direct.de.txt')), { kind: 'direct' });
});

test('netsh winhttp show proxy: proxy and bypass list (English labels, localized labels by position)', () => {
  const want = { kind: 'proxy', server: 'proxy.contoso.com:8080', bypass: '<local>;*.contoso.com' };
  assert.deepEqual(parseWinHttpShowProxy(fixture('fix', 'netsh-winhttp-proxy.en.txt')), want);
  assert.deepEqual(parseWinHttpShowProxy(fixture('fix', 'netsh-winhttp-proxy.de.txt')), want);
});

test('"(none)" bypass list and per-scheme proxies', () => {
  assert.deepEqual(parseWinHttpShowProxy(fixture('fix', 'netsh-winhttp-proxy-no-bypass.en.txt')), { kind: 'proxy', server: 'http=proxy.contoso.com:8080;https=proxy.contoso.com:8443', bypass: '' });
});

test('errors and empty output are not a proxy setting', () => {
  assert.equal(parseWinHttpShowProxy(''), null);
  assert.equal(parseWinHttpShowProxy(fixture('fix', 'netsh-command-not-found.en.txt')), null);
  assert.equal(parseWinHttpShowProxy(fixture('fix', 'netsh-winhttp-import-denied.en.txt')), null);
});

test('WinINET values from reg query of Internet Settings (subkeys ignored)', () => {
  assert.deepEqual(parseWinInet(fixture('fix', 'reg-query-internet-settings.en.txt')), { enabled: true, server: 'proxy.contoso.com:8080', bypass: '<local>;*.contoso.com', autoConfigUrl: '' });
  assert.deepEqual(parseWinInet(fixture('fix', 'reg-query-internet-settings-pac.en.txt')), { enabled: false, server: '', bypass: '', autoConfigUrl: 'http://wpad.contoso.com/proxy.pac' });
  assert.equal(parseWinInet(''), null);
});

test('what import source=ie gives, and comparing settings', () => {
  const ie = parseWinInet(fixture('fix', 'reg-query-internet-settings.en.txt'));
  assert.ok(ie);
  const expected = expectedFromIe(ie);
  const winhttp = parseWinHttpShowProxy(fixture('fix', 'netsh-winhttp-proxy.en.txt'));
  assert.ok(winhttp);
  assert.equal(sameProxy(expected, winhttp), true, 'bypass order and case do not matter');
  assert.equal(sameProxy(expected, { kind: 'direct' }), false);
  const off = parseWinInet(fixture('fix', 'reg-query-internet-settings-off.en.txt'));
  assert.ok(off);
  assert.deepEqual(expectedFromIe(off), { kind: 'direct' }, 'a disabled proxy imports as direct access');
  assert.deepEqual(bypassSet('<local>; *.Contoso.com  <local>'), ['*.contoso.com', '<local>']);
});

test('the network-path recordings (test/fixtures/proxy) read the same way through the shared parsers', () => {
  assert.deepEqual(parseWinHttpShowProxy(fixture('proxy', 'netsh-direct-en.txt')), { kind: 'direct' });
  assert.deepEqual(parseWinHttpShowProxy(fixture('proxy', 'netsh-direct-de.txt')), { kind: 'direct' });
  assert.equal(parseWinHttpShowProxy(fixture('proxy', 'netsh-proxy-en.txt'))?.kind, 'proxy');
  assert.equal(parseWinHttpShowProxy(fixture('proxy', 'netsh-empty.txt')), null);
});
