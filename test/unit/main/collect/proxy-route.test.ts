import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bypassMatches, envChoice, envProxySettings, noProxyMatches, parsePacAnswer, parseProxyAddress, staticChoice, stripCredentials } from '../../../../main/collect/proxy-route';

test('proxy addresses: forms accepted, others refused', () => {
  assert.deepEqual(parseProxyAddress('http://Proxy.Contoso.com:8080'), { host: 'proxy.contoso.com', port: 8080 });
  assert.deepEqual(parseProxyAddress('proxy:3128'), { host: 'proxy', port: 3128 });
  assert.deepEqual(parseProxyAddress('http://[::1]:3128/'), { host: '::1', port: 3128 });
  assert.deepEqual(parseProxyAddress('proxy'), { host: 'proxy', port: 80 });
  assert.throws(() => parseProxyAddress('socks5://p:1080'), /not an HTTP proxy/);
  assert.throws(() => parseProxyAddress('http://p:70000'), /1-65535/);
  assert.throws(() => parseProxyAddress(''), /not an HTTP proxy/);
});

test('credentials are stripped from proxy URLs', () => {
  assert.equal(stripCredentials('http://user:p%40ss@proxy:8080'), 'http://proxy:8080');
  assert.equal(stripCredentials('proxy:8080'), 'proxy:8080');
  assert.equal(envProxySettings({ https_proxy: 'http://u:p@x:1' }).httpsProxy, 'http://x:1');
});

test('WinINET bypass wildcards', () => {
  assert.ok(bypassMatches('pool.contoso.local', 443, '*.contoso.local'));
  assert.ok(bypassMatches('10.1.2.3', 443, '10.*'));
  assert.ok(bypassMatches('sip.contoso.com', 5061, 'sip.contoso.com:5061'));
  assert.ok(bypassMatches('SIP.Contoso.com', 443, 'https://sip.contoso.com'));
  assert.ok(!bypassMatches('contoso.local.evil.com', 443, '*.contoso.local'));
  assert.ok(!bypassMatches('a.b', 443, ''));
});

test('static choice: https entry, all-protocol entry, http-only list goes direct, socks only', () => {
  assert.deepEqual(staticChoice([{ scheme: 'http', host: 'h', port: 80 }, { scheme: 'https', host: 's', port: 8443 }], [], false, 'x.com', 443).chosen, { kind: 'proxy', host: 's', port: 8443 });
  assert.deepEqual(staticChoice([{ scheme: 'all', host: 'a', port: 3128 }], [], false, 'x.com', 443).chosen, { kind: 'proxy', host: 'a', port: 3128 });
  const httpOnly = staticChoice([{ scheme: 'http', host: 'h', port: 80 }], [], false, 'x.com', 443);
  assert.equal(httpOnly.chosen.kind, 'direct');
  assert.match(httpOnly.reason, /no https proxy/);
  assert.equal(staticChoice([{ scheme: 'socks', host: 's', port: 1080 }], [], false, 'x.com', 443).chosen.kind, 'unsupported');
  assert.equal(staticChoice([{ scheme: 'all', host: 'a', port: 1 }], [], true, 'intranet', 443).chosen.kind, 'direct');
});

test('NO_PROXY and env choice', () => {
  assert.equal(noProxyMatches('a.contoso.com', 443, ['contoso.com']), 'contoso.com');
  assert.equal(noProxyMatches('contoso.com', 443, ['.contoso.com']), '.contoso.com');
  assert.equal(noProxyMatches('x.org', 443, ['*']), '*');
  assert.equal(noProxyMatches('x.org', 443, ['x.org:80']), undefined);
  assert.equal(envChoice({ httpsProxy: null, httpProxy: null, noProxy: [] }, 'a', 443), null);
  assert.deepEqual(envChoice({ httpsProxy: null, httpProxy: 'http://p:8080', noProxy: [] }, 'a', 443)?.chosen, { kind: 'proxy', host: 'p', port: 8080 });
  assert.equal(envChoice({ httpsProxy: 'socks5://p:1', httpProxy: null, noProxy: [] }, 'a', 443)?.chosen.kind, 'unsupported');
});

test('PAC answers', () => {
  assert.deepEqual(parsePacAnswer('PROXY p1:8080; PROXY p2:3128; DIRECT'), [
    { kind: 'proxy', host: 'p1', port: 8080 },
    { kind: 'proxy', host: 'p2', port: 3128 },
    { kind: 'direct' },
  ]);
  assert.deepEqual(parsePacAnswer('  direct  '), [{ kind: 'direct' }]);
  assert.deepEqual(parsePacAnswer(null), [{ kind: 'direct' }]);
  assert.equal(parsePacAnswer('SOCKS5 s:1080')[0]?.kind, 'unsupported');
  assert.equal(parsePacAnswer('HTTPS s:443')[0]?.kind, 'unsupported');
  assert.equal(parsePacAnswer(42)[0]?.kind, 'error');
  assert.equal(parsePacAnswer('BANANA')[0]?.kind, 'error');
  assert.equal(parsePacAnswer('PROXY')[0]?.kind, 'error');
  assert.equal(parsePacAnswer('PROXY bad host name')[0]?.kind, 'error');
});
