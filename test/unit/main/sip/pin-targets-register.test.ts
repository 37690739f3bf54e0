// Targets, REGISTER and response summary pinned as tables. Expected values from the Lync client's order
// ([MS-SIPRE] §3.1.5 / the client's documented sequence: _sipinternaltls._tcp, _sip._tls, then sipinternal,
// sip, sipexternal), RFC 2782 (lower SRV priority first; here the heavier weight first within a priority),
// RFC 3261 (§8.1.1.7 branch starts with the magic cookie z9hG4bK; §19.1 sip: scheme), and RFC 5626 §4.1
// (+sip.instance="<urn:uuid:…>"; the Lync client sends the UUID upper-case), written before running the code.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DnsSection } from '../../../../main/model/dns';
import { loadMsDiagnosticsTable } from '../../../../main/sip/ms-diagnostics-file';
import { header, parseSipMessage } from '../../../../main/sip/parse';
import { buildRegister } from '../../../../main/sip/register';
import { clockSkewSeconds, responseInfo } from '../../../../main/sip/response';
import { parseServerOverride, targetsFromDns } from '../../../../main/sip/targets';
import { name } from '../../../helpers/snapshot';

const dns = (parts: Partial<DnsSection>): DnsSection => ({ domain: 'contoso.com', server: null, names: [], srv: [], srvTargets: [], location: 'unknown', locationReason: '', queries: [], ...parts });
const rec = (target: string, port: number, priority: number, weight: number) => ({ target, port, priority, weight });

test('targetsFromDns: SRV records by priority (lowest first), then weight (heaviest first)', () => {
  const d = dns({
    srv: [{ role: 'sipinternaltls', name: '_sipinternaltls._tcp.contoso.com', outcome: 'answer', records: [rec('c.contoso.com', 5061, 20, 0), rec('b.contoso.com', 5061, 10, 5), rec('a.contoso.com', 5061, 10, 50), rec('d.contoso.com', 5061, 5, 0)] }],
    srvTargets: ['a', 'b', 'c', 'd'].map((h, i) => name('srv-target', `${h}.contoso.com`, [`10.0.0.${i + 1}`])),
  });
  assert.deepEqual(targetsFromDns(d).map((t) => `${t.host} ${t.addresses.join(',')}`), ['d.contoso.com 10.0.0.4', 'a.contoso.com 10.0.0.1', 'b.contoso.com 10.0.0.2', 'c.contoso.com 10.0.0.3']);
  const orig = d.srv[0]?.records.map((r) => r.target);
  targetsFromDns(d);
  assert.deepEqual(d.srv[0]?.records.map((r) => r.target), orig, 'the DNS section is not reordered');
});

test('targetsFromDns: SRV target looked up case-insensitively; a target never resolved is dropped; addresses copied', () => {
  const srvTargets = [name('srv-target', 'Pool01.Contoso.com', ['10.0.0.12'])];
  const d = dns({ srv: [{ role: 'sipinternaltls', name: '_sipinternaltls._tcp.contoso.com', outcome: 'answer', records: [rec('pool01.CONTOSO.com', 5061, 0, 0), rec('missing.contoso.com', 5061, 0, 0)] }], srvTargets });
  const t = targetsFromDns(d);
  assert.deepEqual(t.map((x) => [x.host, x.port, x.source, x.addresses]), [['pool01.CONTOSO.com', 5061, 'srv-internal', ['10.0.0.12']]]);
  assert.notEqual(t[0]?.addresses, srvTargets[0]?.addresses, 'a copy, not the DNS section\'s array');
});

test('targetsFromDns: every host form on its ports, duplicates by host:port in any case, the max', () => {
  const d = dns({
    srv: [{ role: 'sip-tls', name: '_sip._tls.contoso.com', outcome: 'answer', records: [rec('SIP.contoso.com', 443, 0, 0)] }],
    srvTargets: [name('srv-target', 'sip.contoso.com', ['192.0.2.11'])],
    names: [name('sipexternal', 'sipexternal.contoso.com', ['192.0.2.12']), name('sip', 'sip.contoso.com', ['192.0.2.11']), name('sipinternal', 'sipinternal.contoso.com', ['10.0.0.11'])],
  });
  const all = ['srv-external SIP.contoso.com:443', 'host sipinternal.contoso.com:5061', 'host sip.contoso.com:5061', 'host sipexternal.contoso.com:443'];
  assert.deepEqual(targetsFromDns(d).map((x) => `${x.source} ${x.host}:${x.port}`), all, 'sip.contoso.com:443 is the SRV target already');
  assert.deepEqual(targetsFromDns(d, 2).map((x) => `${x.source} ${x.host}:${x.port}`), all.slice(0, 2));
  const noSrv = targetsFromDns(dns({ names: d.names }));
  assert.deepEqual(noSrv.map((x) => `${x.host}:${x.port}`), ['sipinternal.contoso.com:5061', 'sip.contoso.com:5061', 'sip.contoso.com:443', 'sipexternal.contoso.com:443']);
  assert.equal(targetsFromDns(dns({ names: [name('sip', 'a.contoso.com', ['1.2.3.4']), name('sip', 'b.contoso.com', ['1.2.3.5'])] })).length, 2, 'the first sip name only, on 5061 and 443');
  const seven = dns({ srv: [{ role: 'sipinternaltls', name: 'x', outcome: 'answer', records: Array.from({ length: 7 }, (_, i) => rec(`p${i}.contoso.com`, 5061, i, 0)) }], srvTargets: Array.from({ length: 7 }, (_, i) => name('srv-target', `p${i}.contoso.com`, ['10.0.0.1'])) });
  assert.equal(targetsFromDns(seven).length, 6, 'six by default');
});

const SERVER: ReadonlyArray<readonly [string, { host: string; port: number } | RegExp]> = [
  ['  sip.contoso.com:443  ', { host: 'sip.contoso.com', port: 443 }],
  ['SIP.Contoso.COM', { host: 'sip.contoso.com', port: 5061 }],
  ['[::1]', { host: '::1', port: 5061 }],
  ['[2001:DB8::5]:443', { host: '2001:db8::5', port: 443 }],
  ['host:1', { host: 'host', port: 1 }],
  ['host:65535', { host: 'host', port: 65535 }],
  ['host:0', /out of range/],
  ['host:65536', /out of range/],
  ['[::1]:5061x', /host:port/],
  ['x[::1]:5061', /host:port/],
  ['[::1]:', /host:port/],
  ['host:123456', /host:port/],
];

test('parseServerOverride: trimmed, lower-case, IPv6 in brackets, 5061 by default, ports 1-65535', () => {
  for (const [input, expected] of SERVER) {
    if (expected instanceof RegExp) assert.throws(() => parseServerOverride(input), expected, input);
    else assert.deepEqual(parseServerOverride(input), expected, input);
  }
});

const ids = { callId: 'c1', tag: 't1', epid: 'e1', branch: 'z9hG4bKb1', instance: 'UUID-1' };

test('buildRegister: only a leading sip: scheme is removed; only an IPv4-mapped prefix is unwrapped', () => {
  const from = (sipAddress: string): string | null => {
    const r = parseSipMessage(buildRegister({ sipAddress, localAddress: '10.0.0.1', localPort: 1, userAgent: 'x', ids }));
    return r.ok ? header(r.message, 'from') : null;
  };
  assert.equal(from('SIP:Alice@Contoso.com'), '<sip:alice@contoso.com>;tag=t1;epid=e1');
  assert.equal(from('team-sip:x@contoso.com'), '<sip:team-sip:x@contoso.com>;tag=t1;epid=e1', 'a "sip:" inside is part of the address');
  const via = (localAddress: string): string | undefined => /^Via: (.*)$/m.exec(buildRegister({ sipAddress: 'a@b.c', localAddress, localPort: 5, userAgent: 'x', ids }))?.[1];
  assert.equal(via('2001:db8::ffff:a00:1'), 'SIP/2.0/TLS [2001:db8::ffff:a00:1]:5;branch=z9hG4bKb1', 'not an IPv4-mapped address');
  assert.equal(via('::ffff:10.0.0.1'), 'SIP/2.0/TLS 10.0.0.1:5;branch=z9hG4bKb1');
  assert.match(buildRegister({ sipAddress: 'a@b.c', localAddress: '10.0.0.1', localPort: 5, userAgent: 'x', ids, cseq: 7 }), /\r\nCSeq: 7 REGISTER\r\n/);
});

test('buildRegister: random ids have the RFC 3261 branch cookie and an upper-case instance UUID', () => {
  const text = buildRegister({ sipAddress: 'alice@contoso.com', localAddress: '10.0.0.1', localPort: 5, userAgent: 'x' });
  assert.match(text, /\r\nVia: SIP\/2\.0\/TLS 10\.0\.0\.1:5;branch=z9hG4bK[0-9a-f]{16}\r\n/);
  assert.match(text, /\+sip\.instance="<urn:uuid:[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}>"/);
  assert.match(text, /\r\nFrom: <sip:alice@contoso\.com>;tag=[0-9a-f]{10};epid=[0-9a-f]{10}\r\n/);
  assert.match(text, /\r\nCall-ID: [0-9a-f]{32}\r\n/);
});

test('responseInfo of a request: status 0 and an empty reason; clock skew needs a readable Date', () => {
  const p = parseSipMessage('OPTIONS sip:contoso.com SIP/2.0\r\nDate: nonsense\r\nContent-Length: 0\r\n\r\n');
  assert.ok(p.ok);
  if (!p.ok) return;
  const r = responseInfo(p.message, loadMsDiagnosticsTable(), new Date('2026-01-01T00:00:00Z'));
  assert.equal(r.statusCode, 0);
  assert.equal(r.reasonPhrase, '');
  assert.equal(r.date, 'nonsense');
  assert.equal(r.clockSkewSeconds, null);
  assert.equal(clockSkewSeconds('', new Date()), null);
  assert.equal(clockSkewSeconds(null, new Date()), null);
  assert.equal(clockSkewSeconds('Thu, 01 Jan 2026 00:00:00 GMT', new Date('2025-12-31T23:59:58.600Z')), -1, 'rounded to whole seconds: -1.4 s → -1');
  assert.equal(clockSkewSeconds('Thu, 01 Jan 2026 00:00:00 GMT', new Date('2026-01-01T00:00:00.500Z')), 1, '0.5 s rounds up');
});
