// The route chosen for each proxy configuration form, as pure tables (input → chosen route and reason):
// WinINET/WinHTTP static (ProxyServer "[scheme=]host:port" lists, ProxyOverride with wildcards and <local>),
// proxy environment variables with NO_PROXY, FindProxyForURL answers, proxy address forms.
// Expected values written before running, from: Microsoft "Understanding proxy settings / ProxyOverride"
// (<local> bypasses host names without a period; entries are wildcard patterns, case-insensitive),
// netsh winhttp docs ("<local>" and "*.domain" entries), the Netscape/MDN PAC spec (answers "DIRECT",
// "PROXY host:port", "SOCKS…", "HTTPS…" separated by ";"), curl's NO_PROXY rules, RFC 3986 ports.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bypassMatches, choiceText, envChoice, envProxySettings, noProxyMatches, parsePacAnswer, parseProxyAddress, staticChoice, type Choice } from '../../../../main/collect/proxy-route';
import type { ProxyChoice, ProxyServerEntry } from '../../../../main/model/proxy';

const ALL: ProxyServerEntry = { scheme: 'all', host: 'proxy.contoso.com', port: 8080 };
const HTTP: ProxyServerEntry = { scheme: 'http', host: 'web.contoso.com', port: 80 };
const HTTPS: ProxyServerEntry = { scheme: 'https', host: 'secure.contoso.com', port: 8443 };
const SOCKS: ProxyServerEntry = { scheme: 'socks', host: 'socks.contoso.com', port: 1080 };

// servers, bypass, <local>, host, port → chosen, reason
const STATIC: ReadonlyArray<readonly [string, ProxyServerEntry[], string[], boolean, string, number, ProxyChoice, string]> = [
  ['no proxy server', [], [], false, 'lyncdiscover.contoso.com', 443, { kind: 'direct' }, 'no proxy server set'],
  ['one proxy for all protocols', [ALL], [], false, 'lyncdiscover.contoso.com', 443, { kind: 'proxy', host: 'proxy.contoso.com', port: 8080 }, 'ProxyServer for all protocols'],
  ['per-protocol list with https', [HTTP, HTTPS], [], false, 'lyncdiscover.contoso.com', 443, { kind: 'proxy', host: 'secure.contoso.com', port: 8443 }, 'ProxyServer for https'],
  ['https entry preferred to an all-protocols entry listed first', [ALL, HTTPS], [], false, 'lyncdiscover.contoso.com', 443, { kind: 'proxy', host: 'secure.contoso.com', port: 8443 }, 'ProxyServer for https'],
  ['per-protocol list without https: HTTPS goes direct', [HTTP], [], false, 'lyncdiscover.contoso.com', 443, { kind: 'direct' }, 'ProxyServer lists no https proxy, so HTTPS goes direct'],
  ['only a SOCKS proxy', [SOCKS], [], false, 'lyncdiscover.contoso.com', 443, { kind: 'unsupported', value: 'SOCKS socks.contoso.com:1080' }, 'only a SOCKS proxy is set'],
  ['SOCKS and http, no https', [HTTP, SOCKS], [], false, 'lyncdiscover.contoso.com', 443, { kind: 'unsupported', value: 'SOCKS socks.contoso.com:1080' }, 'only a SOCKS proxy is set'],
  ['bypass *.contoso.com matches', [ALL], ['*.contoso.com'], false, 'lyncdiscover.contoso.com', 443, { kind: 'direct' }, 'bypass entry "*.contoso.com" matches lyncdiscover.contoso.com'],
  ['bypass is case-insensitive', [ALL], ['*.CONTOSO.com'], false, 'LyncDiscover.contoso.COM', 443, { kind: 'direct' }, 'bypass entry "*.CONTOSO.com" matches LyncDiscover.contoso.COM'],
  ['bypass *.contoso.local does not match contoso.local.evil.com', [ALL], ['*.contoso.local'], false, 'contoso.local.evil.com', 443, { kind: 'proxy', host: 'proxy.contoso.com', port: 8080 }, 'ProxyServer for all protocols'],
  ['the first matching bypass entry is named', [ALL], ['other.com', 'lync*', '*.contoso.com'], false, 'lyncdiscover.contoso.com', 443, { kind: 'direct' }, 'bypass entry "lync*" matches lyncdiscover.contoso.com'],
  ['bypass entry with a scheme', [ALL], ['https://lyncdiscover.contoso.com'], false, 'lyncdiscover.contoso.com', 443, { kind: 'direct' }, 'bypass entry "https://lyncdiscover.contoso.com" matches lyncdiscover.contoso.com'],
  ['bypass entry with the right port', [ALL], ['sip.contoso.com:5061'], false, 'sip.contoso.com', 5061, { kind: 'direct' }, 'bypass entry "sip.contoso.com:5061" matches sip.contoso.com'],
  ['bypass entry with another port', [ALL], ['sip.contoso.com:443'], false, 'sip.contoso.com', 5061, { kind: 'proxy', host: 'proxy.contoso.com', port: 8080 }, 'ProxyServer for all protocols'],
  ['bypass IP wildcard', [ALL], ['10.*'], false, '10.1.2.3', 443, { kind: 'direct' }, 'bypass entry "10.*" matches 10.1.2.3'],
  ['a dot in a bypass entry is literal', [ALL], ['sip.contoso.com'], false, 'sipxcontoso.com', 443, { kind: 'proxy', host: 'proxy.contoso.com', port: 8080 }, 'ProxyServer for all protocols'],
  ['an empty bypass entry matches nothing', [ALL], ['', '  '], false, 'lyncdiscover.contoso.com', 443, { kind: 'proxy', host: 'proxy.contoso.com', port: 8080 }, 'ProxyServer for all protocols'],
  ['<local> and a plain host name', [ALL], [], true, 'pool01', 443, { kind: 'direct' }, '<local> bypasses the plain host name pool01'],
  ['<local> and a dotted name: still proxied', [ALL], [], true, 'lyncdiscover.contoso.com', 443, { kind: 'proxy', host: 'proxy.contoso.com', port: 8080 }, 'ProxyServer for all protocols'],
  ['without <local> a plain host name is proxied', [ALL], [], false, 'pool01', 443, { kind: 'proxy', host: 'proxy.contoso.com', port: 8080 }, 'ProxyServer for all protocols'],
  ['a bypass entry is named before <local>', [ALL], ['pool*'], true, 'pool01', 443, { kind: 'direct' }, 'bypass entry "pool*" matches pool01'],
];
for (const [label, servers, bypass, local, host, port, chosen, reason] of STATIC) {
  test(`static: ${label}`, () => {
    assert.deepEqual(staticChoice(servers, bypass, local, host, port), { chosen, reason } satisfies Choice);
  });
}

test('bypassMatches: host:port form and a glob that must match whole', () => {
  assert.equal(bypassMatches('sip.contoso.com', 5061, '*:5061'), true);
  assert.equal(bypassMatches('sip.contoso.com', 443, 'sip.contoso'), false);
  assert.equal(bypassMatches('a.sip.contoso.com', 443, 'sip.contoso.com'), false);
  assert.equal(bypassMatches('sip.contoso.com', 443, 'HTTP://sip.contoso.com'), true);
  assert.equal(bypassMatches('sip.contoso.com', 443, ' sip.contoso.com '), true);
  assert.equal(bypassMatches('sip(contoso).com', 443, 'sip(contoso).com'), true, 'regex characters are literal');
  assert.equal(bypassMatches('sipcontoso.com', 443, 'sip(contoso).com'), false);
});

// env → chosen and reason (null: no proxy variable)
const ENV: ReadonlyArray<readonly [string, Record<string, string>, string, number, ProxyChoice | null, string | null]> = [
  ['nothing set', {}, 'a.contoso.com', 443, null, null],
  ['blank HTTPS_PROXY is unset', { HTTPS_PROXY: '   ' }, 'a.contoso.com', 443, null, null],
  ['HTTPS_PROXY', { HTTPS_PROXY: 'http://p.contoso.com:3128' }, 'a.contoso.com', 443, { kind: 'proxy', host: 'p.contoso.com', port: 3128 }, 'HTTPS_PROXY environment variable'],
  ['lower-case https_proxy', { https_proxy: 'p.contoso.com:3128' }, 'a.contoso.com', 443, { kind: 'proxy', host: 'p.contoso.com', port: 3128 }, 'HTTPS_PROXY environment variable'],
  ['upper-case wins over lower-case', { HTTPS_PROXY: 'http://up.contoso.com:1', https_proxy: 'http://low.contoso.com:2' }, 'a.contoso.com', 443, { kind: 'proxy', host: 'up.contoso.com', port: 1 }, 'HTTPS_PROXY environment variable'],
  ['HTTP_PROXY when no HTTPS_PROXY', { HTTP_PROXY: 'http://h.contoso.com:8080' }, 'a.contoso.com', 443, { kind: 'proxy', host: 'h.contoso.com', port: 8080 }, 'HTTP_PROXY environment variable'],
  ['NO_PROXY suffix', { HTTPS_PROXY: 'http://p:1', NO_PROXY: 'contoso.com' }, 'a.contoso.com', 443, { kind: 'direct' }, 'NO_PROXY entry "contoso.com" matches a.contoso.com'],
  ['NO_PROXY is not a substring match', { HTTPS_PROXY: 'http://p:1', NO_PROXY: 'contoso.com' }, 'acontoso.com', 443, { kind: 'proxy', host: 'p', port: 1 }, 'HTTPS_PROXY environment variable'],
  ['NO_PROXY *.domain', { HTTPS_PROXY: 'http://p:1', NO_PROXY: '*.contoso.com' }, 'a.contoso.com', 443, { kind: 'direct' }, 'NO_PROXY entry "*.contoso.com" matches a.contoso.com'],
  ['NO_PROXY list with spaces and commas, upper-case host', { HTTPS_PROXY: 'http://p:1', no_proxy: 'x.org, CONTOSO.com' }, 'A.Contoso.Com', 443, { kind: 'direct' }, 'NO_PROXY entry "CONTOSO.com" matches A.Contoso.Com'],
  ['NO_PROXY *', { HTTPS_PROXY: 'http://p:1', NO_PROXY: '*' }, 'anything.example', 443, { kind: 'direct' }, 'NO_PROXY entry "*" matches anything.example'],
  ['NO_PROXY with the same port', { HTTPS_PROXY: 'http://p:1', NO_PROXY: 'a.contoso.com:443' }, 'a.contoso.com', 443, { kind: 'direct' }, 'NO_PROXY entry "a.contoso.com:443" matches a.contoso.com'],
  ['NO_PROXY with another port', { HTTPS_PROXY: 'http://p:1', NO_PROXY: 'a.contoso.com:8443' }, 'a.contoso.com', 443, { kind: 'proxy', host: 'p', port: 1 }, 'HTTPS_PROXY environment variable'],
  ['a SOCKS URL is not usable', { HTTPS_PROXY: 'socks5://s.contoso.com:1080' }, 'a.contoso.com', 443, { kind: 'unsupported', value: 'socks5://s.contoso.com:1080' }, 'proxy environment variable is not an http:// address'],
  ['credentials are not kept in an unusable value', { HTTPS_PROXY: 'socks5://user:secret@s.contoso.com:1080' }, 'a.contoso.com', 443, { kind: 'unsupported', value: 'socks5://s.contoso.com:1080' }, 'proxy environment variable is not an http:// address'],
];
for (const [label, env, host, port, chosen, reason] of ENV) {
  test(`environment: ${label}`, () => {
    const c = envChoice(envProxySettings(env), host, port);
    assert.deepEqual(c, chosen === null ? null : { chosen, reason });
  });
}

test('noProxyMatches: the domain itself, sub-domains, leading dot; nothing for other names', () => {
  assert.equal(noProxyMatches('contoso.com', 443, ['contoso.com']), 'contoso.com');
  assert.equal(noProxyMatches('contoso.com', 443, ['.contoso.com']), '.contoso.com');
  assert.equal(noProxyMatches('a.b.contoso.com', 443, ['.contoso.com']), '.contoso.com');
  assert.equal(noProxyMatches('contoso.com.evil', 443, ['contoso.com']), undefined);
  assert.equal(noProxyMatches('x.org', 443, []), undefined);
});

// address → host/port, or the error
const ADDRESSES: ReadonlyArray<readonly [string, { host: string; port: number } | RegExp]> = [
  ['http://Proxy.Contoso.com:8080', { host: 'proxy.contoso.com', port: 8080 }],
  ['HTTP://proxy.contoso.com:8080/', { host: 'proxy.contoso.com', port: 8080 }],
  ['  proxy.contoso.com:3128  ', { host: 'proxy.contoso.com', port: 3128 }],
  ['http://user:pw@proxy.contoso.com:3128', { host: 'proxy.contoso.com', port: 3128 }],
  ['proxy.contoso.com', { host: 'proxy.contoso.com', port: 80 }],
  ['proxy.contoso.com:1', { host: 'proxy.contoso.com', port: 1 }],
  ['proxy.contoso.com:65535', { host: 'proxy.contoso.com', port: 65535 }],
  ['[2001:DB8::1]:3128', { host: '2001:db8::1', port: 3128 }],
  ['proxy.contoso.com:0', /"proxy\.contoso\.com:0": port must be 1-65535/],
  ['proxy.contoso.com:65536', /"proxy\.contoso\.com:65536": port must be 1-65535/],
  ['proxy.contoso.com:123456', /is not an HTTP proxy address like http:\/\/proxy\.contoso\.com:8080/],
  ['https://proxy.contoso.com:443', /"https:\/\/proxy\.contoso\.com:443" is not an HTTP proxy address/],
  ['http://user:secret@proxy contoso', /^Error: "http:\/\/proxy contoso" is not an HTTP proxy address/],
  ['proxy.contoso.com:80/path', /is not an HTTP proxy address/],
  ['', /"" is not an HTTP proxy address/],
];
for (const [value, want] of ADDRESSES) {
  test(`proxy address ${JSON.stringify(value)}`, () => {
    if (want instanceof RegExp) assert.throws(() => parseProxyAddress(value), (e: Error) => want.test(String(e)));
    else assert.deepEqual(parseProxyAddress(value), want);
  });
}

// FindProxyForURL answer → every candidate in order
const PAC: ReadonlyArray<readonly [unknown, ProxyChoice[]]> = [
  ['DIRECT', [{ kind: 'direct' }]],
  ['direct', [{ kind: 'direct' }]],
  ['', [{ kind: 'direct' }]],
  [' ; ;', [{ kind: 'direct' }]],
  [null, [{ kind: 'direct' }]],
  [undefined, [{ kind: 'direct' }]],
  ['PROXY p1.contoso.com:8080', [{ kind: 'proxy', host: 'p1.contoso.com', port: 8080 }]],
  ['HTTP p1.contoso.com:8080', [{ kind: 'proxy', host: 'p1.contoso.com', port: 8080 }]],
  ['PROXY   p1.contoso.com:8080  ;  DIRECT', [{ kind: 'proxy', host: 'p1.contoso.com', port: 8080 }, { kind: 'direct' }]],
  ['PROXY p1:8080; PROXY p2:3128', [{ kind: 'proxy', host: 'p1', port: 8080 }, { kind: 'proxy', host: 'p2', port: 3128 }]],
  ['SOCKS5 s.contoso.com:1080', [{ kind: 'unsupported', value: 'SOCKS5 s.contoso.com:1080' }]],
  ['socks s.contoso.com:1080', [{ kind: 'unsupported', value: 'SOCKS s.contoso.com:1080' }]],
  ['HTTPS p.contoso.com:443', [{ kind: 'unsupported', value: 'HTTPS p.contoso.com:443' }]],
  ['SOCKS', [{ kind: 'error', reason: 'unknown PAC answer "SOCKS"' }]],
  ['PROXY', [{ kind: 'error', reason: 'unknown PAC answer "PROXY"' }]],
  ['PROXY p:99999', [{ kind: 'error', reason: 'unreadable proxy address "p:99999"' }]],
  ['BANANA; DIRECT', [{ kind: 'error', reason: 'unknown PAC answer "BANANA"' }, { kind: 'direct' }]],
  [`X${'y'.repeat(100)}`, [{ kind: 'error', reason: `unknown PAC answer "X${'y'.repeat(79)}"` }]],
  [42, [{ kind: 'error', reason: 'FindProxyForURL returned number, not a string' }]],
  [{}, [{ kind: 'error', reason: 'FindProxyForURL returned object, not a string' }]],
];
for (const [answer, want] of PAC) {
  test(`PAC answer ${JSON.stringify(answer) ?? 'undefined'}`, () => {
    assert.deepEqual(parsePacAnswer(answer), want);
  });
}

test('choiceText of every kind', () => {
  assert.equal(choiceText({ kind: 'direct' }), 'DIRECT');
  assert.equal(choiceText({ kind: 'proxy', host: 'p.contoso.com', port: 8080 }), 'PROXY p.contoso.com:8080');
  assert.equal(choiceText({ kind: 'unsupported', value: 'SOCKS5 s:1080' }), 'SOCKS5 s:1080');
  assert.equal(choiceText({ kind: 'error', reason: 'boom' }), 'error: boom');
});
