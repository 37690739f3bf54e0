import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseNetshWinHttp } from '../../../../../main/collect/windows/parse-netsh-winhttp';

const fx = (name: string): string => readFileSync(join(__dirname, '..', '..', '..', '..', 'fixtures', 'proxy', name), 'utf8');

test('English: direct access', () => {
  assert.deepEqual(parseNetshWinHttp(fx('netsh-direct-en.txt')), { direct: true, proxyServer: null, servers: [], bypass: [], bypassLocal: false });
});

test('English: named proxy with bypass list', () => {
  const r = parseNetshWinHttp(fx('netsh-proxy-en.txt'));
  assert.equal(r?.direct, false);
  assert.equal(r?.proxyServer, 'proxy.contoso.com:8080');
  assert.deepEqual(r?.servers, [{ scheme: 'all', host: 'proxy.contoso.com', port: 8080 }]);
  assert.deepEqual(r?.bypass, ['*.contoso.local']);
  assert.equal(r?.bypassLocal, true);
});

test('English: per-protocol list and "(none)" bypass', () => {
  const r = parseNetshWinHttp(fx('netsh-proxy-perprotocol-en.txt'));
  assert.deepEqual(r?.servers, [
    { scheme: 'http', host: 'proxy.contoso.com', port: 8080 },
    { scheme: 'https', host: 'secure.contoso.com', port: 8443 },
  ]);
  assert.deepEqual(r?.bypass, []);
});

test('German output parses by layout', () => {
  assert.equal(parseNetshWinHttp(fx('netsh-direct-de.txt'))?.direct, true);
  const r = parseNetshWinHttp(fx('netsh-proxy-de.txt'));
  assert.equal(r?.direct, false);
  assert.equal(r?.proxyServer, 'proxy.contoso.com:8080');
  assert.deepEqual(r?.bypass, []);
});

test('error texts and empty output are not read as "direct"', () => {
  assert.equal(parseNetshWinHttp(fx('netsh-command-not-found-en.txt')), null);
  assert.equal(parseNetshWinHttp(fx('netsh-empty.txt')), null);
  assert.equal(parseNetshWinHttp('Current WinHTTP proxy settings:\r\n'), null);
  assert.equal(parseNetshWinHttp('\u0000\u00ff'.repeat(100)), null);
});
