import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseBypassList, parseDefaultConnectionSettings, parseProxyServer, parseWinInet, regDword } from '../../../../../main/collect/windows/parse-wininet';

const fx = (name: string): string => readFileSync(join(__dirname, '..', '..', '..', '..', 'fixtures', 'proxy', name), 'utf8');

test('static per-protocol proxy with ProxyOverride and <local>', () => {
  const v = parseWinInet(fx('reg-internet-settings-static.txt'));
  assert.equal(v.proxyEnable, true);
  assert.equal(v.proxyServer, 'http=proxy.contoso.com:8080;https=proxy.contoso.com:8443;ftp=proxy.contoso.com:8080');
  assert.deepEqual(v.servers, [
    { scheme: 'http', host: 'proxy.contoso.com', port: 8080 },
    { scheme: 'https', host: 'proxy.contoso.com', port: 8443 },
    { scheme: 'ftp', host: 'proxy.contoso.com', port: 8080 },
  ]);
  assert.deepEqual(v.bypass, ['*.contoso.local', '10.*']);
  assert.equal(v.bypassLocal, true);
  assert.equal(v.autoConfigUrl, null);
  assert.equal(v.autoDetect, null);
});

test('PAC URL, file:// PAC with AutoDetect 0, and direct settings', () => {
  const pac = parseWinInet(fx('reg-internet-settings-pac.txt'));
  assert.equal(pac.proxyEnable, false);
  assert.equal(pac.autoConfigUrl, 'http://wpad.contoso.com/proxy.pac');
  const file = parseWinInet(fx('reg-internet-settings-filepac.txt'));
  assert.equal(file.autoConfigUrl, 'file://C:/ProgramData/Contoso/proxy.pac');
  assert.equal(file.autoDetect, false);
  const direct = parseWinInet(fx('reg-internet-settings-direct.txt'));
  assert.equal(direct.proxyEnable, false);
  assert.equal(direct.proxyServer, null);
  assert.deepEqual(direct.servers, []);
});

test('values of sub-keys printed after the main key are not mixed in', () => {
  const text = fx('reg-internet-settings-direct.txt') + '\r\nHKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings\\Zones\r\n    ProxyEnable    REG_DWORD    0x1\r\n';
  assert.equal(parseWinInet(text).proxyEnable, false);
});

test('empty output and garbage give "nothing set", never a throw', () => {
  assert.equal(parseWinInet('').proxyEnable, false);
  assert.equal(parseWinInet('\u0000\u0001 garbage ::').autoConfigUrl, null);
});

test('DefaultConnectionSettings flags byte', () => {
  assert.deepEqual(parseDefaultConnectionSettings(fx('reg-connections-autodetect.txt')), { direct: true, proxy: false, autoConfig: false, autoDetect: true });
  assert.deepEqual(parseDefaultConnectionSettings(fx('reg-connections-proxy-noautodetect.txt')), { direct: true, proxy: true, autoConfig: false, autoDetect: false });
  assert.equal(parseDefaultConnectionSettings(fx('reg-not-found-en.txt')), null);
  assert.equal(parseDefaultConnectionSettings('\r\nHKEY_CURRENT_USER\\X\r\n    DefaultConnectionSettings    REG_BINARY    46\r\n'), null);
});

test('ProxyServer forms: plain, scheme prefix, IPv6, default port, socks, junk', () => {
  assert.deepEqual(parseProxyServer('proxy:3128'), [{ scheme: 'all', host: 'proxy', port: 3128 }]);
  assert.deepEqual(parseProxyServer('https=http://sec.contoso.com:8443'), [{ scheme: 'https', host: 'sec.contoso.com', port: 8443 }]);
  assert.deepEqual(parseProxyServer('[2001:db8::1]:8080'), [{ scheme: 'all', host: '2001:db8::1', port: 8080 }]);
  assert.deepEqual(parseProxyServer('proxy.contoso.com'), [{ scheme: 'all', host: 'proxy.contoso.com', port: 80 }]);
  assert.deepEqual(parseProxyServer('socks=s:1080'), [{ scheme: 'socks', host: 's', port: 1080 }]);
  assert.deepEqual(parseProxyServer('gopher=g:70;;  '), []);
});

test('bypass lists split on ; and spaces, <local> apart', () => {
  assert.deepEqual(parseBypassList('a.com; <LOCAL> *.b.com'), { entries: ['a.com', '*.b.com'], local: true });
  assert.deepEqual(parseBypassList(null), { entries: [], local: false });
});

test('single DWORD from reg query /v', () => {
  assert.equal(regDword(fx('reg-uccplatform-lync-1.txt'), 'EnableDetectProxyForAllConnections'), 1);
  assert.equal(regDword(fx('reg-winhttp-dsp-tls12.txt'), 'DefaultSecureProtocols'), 0xa80);
  assert.equal(regDword(fx('reg-not-found-en.txt'), 'DefaultSecureProtocols'), null);
});
