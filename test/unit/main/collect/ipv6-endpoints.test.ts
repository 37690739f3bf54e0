/**
 * Proxy and connection writers and readers with IPv6 literals: RFC 3986 §3.2.2 (an IP-literal in a URI is in
 * brackets), RFC 5952 §6 ("[2001:db8::1]:80"), RFC 9110 §9.3.6 (CONNECT's authority form host:port). Written forms
 * read back; names and IPv4 unchanged. Expected texts are written by hand.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { normaliseServer } from '../../../../main/collect/dns-query';
import { connectTarget, parseConnectTo } from '../../../../main/collect/proxy-net';
import { bypassMatches, choiceText, noProxyMatches, parsePacAnswer, parseProxyAddress, staticChoice } from '../../../../main/collect/proxy-route';
import { itemWords } from '../../../../main/bundle/compare-words';
import { endpointKey, endpointUrl } from '../../../../main/model/proxy';

test('endpoint keys and URLs: [v6]:port, https://[v6]/ and https://[v6]:port/ (a URL the WHATWG parser accepts)', () => {
  assert.equal(endpointKey({ host: '2001:db8::10', port: 5061 }), '[2001:db8::10]:5061');
  assert.equal(endpointUrl({ host: '2001:db8::10', port: 443 }), 'https://[2001:db8::10]/');
  assert.equal(endpointUrl({ host: '2001:db8::10', port: 4443 }), 'https://[2001:db8::10]:4443/');
  assert.equal(new URL(endpointUrl({ host: '2001:db8::10', port: 4443 })).port, '4443');
  assert.equal(endpointKey({ host: 'sip.contoso.com', port: 5061 }), 'sip.contoso.com:5061');
  assert.equal(endpointUrl({ host: 'lyncdiscover.contoso.com', port: 443 }), 'https://lyncdiscover.contoso.com/');
  assert.equal(endpointUrl({ host: '192.0.2.10', port: 4443 }), 'https://192.0.2.10:4443/');
});

test('proxy choices: PROXY [v6]:port, SOCKS [v6]:port; the PAC answer written back reads back the same', () => {
  assert.equal(choiceText({ kind: 'proxy', host: '2001:db8::8', port: 8080 }), 'PROXY [2001:db8::8]:8080');
  assert.equal(choiceText({ kind: 'proxy', host: 'proxy.contoso.com', port: 8080 }), 'PROXY proxy.contoso.com:8080');
  const socks = staticChoice([{ scheme: 'socks', host: '2001:db8::8', port: 1080 }], [], false, 'sip.contoso.com', 443);
  assert.deepEqual(socks.chosen, { kind: 'unsupported', value: 'SOCKS [2001:db8::8]:1080' });
  const [c] = parsePacAnswer('PROXY [2001:db8::8]:8080');
  assert.deepEqual(c, { kind: 'proxy', host: '2001:db8::8', port: 8080 });
  assert.equal(choiceText(c!), 'PROXY [2001:db8::8]:8080');
  assert.deepEqual(parseProxyAddress(`http://${choiceText(c!).slice('PROXY '.length)}`), { host: '2001:db8::8', port: 8080 });
});

test('--connect-to: HOST and ADDRESS may both be [v6] (curl form); the rule maps the bare address', () => {
  assert.deepEqual(parseConnectTo('[2001:DB8::10]:5061:[::1]:15061'), { host: '2001:db8::10', port: 5061, toHost: '::1', toPort: 15061 });
  assert.deepEqual(parseConnectTo('sip.contoso.com:5061:[::1]:15061'), { host: 'sip.contoso.com', port: 5061, toHost: '::1', toPort: 15061 });
  const env = { connectTo: [parseConnectTo('[2001:db8::10]:5061:127.0.0.1:15061')] };
  assert.deepEqual(connectTarget(env, '2001:db8::10', 5061), { host: '127.0.0.1', port: 15061, mapped: true });
  assert.throws(() => parseConnectTo('2001:db8::10:5061:127.0.0.1:15061'), /HOST:PORT:ADDRESS:PORT/, 'an IPv6 HOST without brackets is ambiguous');
});

test('--dns-server [::1]:53 is kept as [::1]:53 (the form Resolver.setServers takes); a bare ::1 stays bare', () => {
  assert.equal(normaliseServer('[::1]:53'), '[::1]:53');
  assert.equal(normaliseServer('[::1]'), '::1');
  assert.equal(normaliseServer('::1'), '::1');
});

test('bundle compare names an IPv6 target, attempt and candidate [v6]:port; a name as before', () => {
  assert.equal(itemWords('targets', { host: '2001:db8::10', port: 5061 }, 'k'), 'target [2001:db8::10]:5061');
  assert.equal(itemWords('attempts', { target: { host: '2001:db8::10', port: 5061 } }, 'k'), 'attempt [2001:db8::10]:5061');
  assert.equal(itemWords('candidates', { kind: 'proxy', host: '2001:db8::8', port: 8080 }, 'k'), 'candidate [2001:db8::8]:8080');
  assert.equal(itemWords('probes', { host: '2001:db8::10', port: 443 }, 'k'), 'probe [2001:db8::10]:443');
  assert.equal(itemWords('targets', { host: 'pool01.contoso.com', port: 5061 }, 'k'), 'target pool01.contoso.com:5061');
  assert.equal(itemWords('targets', { host: '2001:db8::10' }, 'k'), 'target 2001:db8::10', 'no port: the address alone');
});

test('NO_PROXY: an IPv6 address bare, in brackets, or [v6]:port matches that address (the port no longer read as its last group); names as before', () => {
  assert.equal(noProxyMatches('2001:db8::10', 5061, ['2001:db8::10']), '2001:db8::10');
  assert.equal(noProxyMatches('::1', 443, ['::1']), '::1');
  assert.equal(noProxyMatches('2001:db8::10', 5061, ['[2001:DB8::10]']), '[2001:DB8::10]');
  assert.equal(noProxyMatches('2001:db8::10', 5061, ['[2001:db8::10]:5061']), '[2001:db8::10]:5061');
  assert.equal(noProxyMatches('2001:db8::10', 443, ['[2001:db8::10]:5061']), undefined, 'another port');
  assert.equal(noProxyMatches('2001:db8::11', 5061, ['2001:db8::10', '[2001:db8::10]']), undefined, 'another address');
  assert.equal(noProxyMatches('sip.contoso.com', 5061, ['contoso.com:5061']), 'contoso.com:5061');
  assert.equal(noProxyMatches('sip.contoso.com', 443, ['contoso.com:5061']), undefined);
});

test('WinINET bypass "[v6]:port" matches that IPv6 endpoint; a bare address any port', () => {
  assert.ok(bypassMatches('2001:db8::10', 5061, '[2001:db8::10]:5061'));
  assert.ok(!bypassMatches('2001:db8::10', 443, '[2001:db8::10]:5061'));
  assert.ok(bypassMatches('2001:db8::10', 443, '2001:db8::10'));
  assert.ok(!bypassMatches('2001:db8::10', 5061, '2001:db8::10:5061'), 'another address (2001:db8::10:5061 is a whole IPv6 address), not [2001:db8::10]:5061');
});
