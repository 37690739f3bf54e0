// Case steps per endpoint (issue 18 bugs: an IPv6 endpoint "[::1]:5061" was split into host ":" and port "1";
// two ports of one host landed on one Test-NetConnection line as "-Port 443, 5061"; a multi-line script got one
// "$h = …" line per endpoint and ran its body for the last one only).
// Expected values from the articles' commands (knowledge/articles/network-endpoint-unreachable.md:
// "Test-NetConnection -ComputerName sip.contoso.com -Port 443"; server-certificate-untrusted-chain.md:
// "$h = 'sip.contoso.com'; $p = 443" then the script using $h/$p) and from how the commands take their values:
// Test-NetConnection -Port is one number (Int32) and -ComputerName takes an IPv6 address without brackets;
// host:port with an IPv6 address is written in brackets (RFC 3986 §3.2.2). Written before running our code.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { caseSteps, caseValues } from '../../../../main/checks/case-steps';
import { sipUnreachable } from '../../../../main/checks/sip';
import { endpointUnreachable } from '../../../../main/checks/tls';
import { articlesById } from '../../../../main/kb/lookup';
import type { Finding } from '../../../../main/model/finding';
import { ok, tlsProbe } from '../../../helpers/network-snapshot';
import { attempt, sipSection } from '../../../helpers/sip-snapshot';
import { baseSnapshot, NOW } from '../../../helpers/snapshot';

const article = (id: string) => {
  const a = articlesById().get(id);
  assert.ok(a, id);
  return a;
};
const s = baseSnapshot({});
const finding = (evidence: Finding['evidence'], over: Partial<Finding> = {}): Finding => ({
  checkId: 'LD-TLS-009', severity: 'warning', title: 't', message: 'm', evidence, articleId: 'network-endpoint-unreachable', research: [], fix: 'f', sections: [], ...over,
});
const tnc = (h: string, p: number) => `Test-NetConnection -ComputerName ${h} -Port ${p}`;

const ENDPOINTS: ReadonlyArray<readonly [string, Finding, readonly string[], { host: string[]; port: string[]; endpoint: string[] }]> = [
  ['one host name', finding([{ label: 'endpoint', value: 'sip.fabrikam.com:5061' }]), [tnc('sip.fabrikam.com', 5061)], { host: ['sip.fabrikam.com'], port: ['5061'], endpoint: ['sip.fabrikam.com:5061'] }],
  ['IPv6 loopback in brackets', finding([{ label: 'endpoint', value: '[::1]:5061' }]), [tnc('::1', 5061)], { host: ['::1'], port: ['5061'], endpoint: ['[::1]:5061'] }],
  ['IPv6 address in brackets with a note after it', finding([{ label: 'server', value: '[2001:db8::10]:443 (srv)' }]), [tnc('2001:db8::10', 443)], { host: ['2001:db8::10'], port: ['443'], endpoint: ['[2001:db8::10]:443'] }],
  ['IPv6 URL', finding([{ label: 'URL', value: 'https://[2001:db8::10]:4443/autodiscover' }]), [tnc('2001:db8::10', 4443)], { host: ['2001:db8::10'], port: ['4443'], endpoint: ['[2001:db8::10]:4443'] }],
  ['IPv6 URL without a port (https: 443)', finding([{ label: 'URL', value: 'https://[2001:db8::10]/autodiscover' }]), [tnc('2001:db8::10', 443)], { host: ['2001:db8::10'], port: ['443'], endpoint: ['[2001:db8::10]:443'] }],
  ['IPv4 address', finding([{ label: 'endpoint', value: '192.0.2.7:443' }]), [tnc('192.0.2.7', 443)], { host: ['192.0.2.7'], port: ['443'], endpoint: ['192.0.2.7:443'] }],
  [
    'one host, two ports: two lines, one port each',
    finding([], { affected: ['sip.fabrikam.com:443', 'sip.fabrikam.com:5061'] }),
    [tnc('sip.fabrikam.com', 443), tnc('sip.fabrikam.com', 5061)],
    { host: ['sip.fabrikam.com'], port: ['443', '5061'], endpoint: ['sip.fabrikam.com:443', 'sip.fabrikam.com:5061'] },
  ],
  [
    'two hosts, one port: two lines',
    finding([], { affected: ['sip.fabrikam.com:443', 'lyncdiscover.fabrikam.com:443'] }),
    [tnc('sip.fabrikam.com', 443), tnc('lyncdiscover.fabrikam.com', 443)],
    { host: ['sip.fabrikam.com', 'lyncdiscover.fabrikam.com'], port: ['443'], endpoint: ['sip.fabrikam.com:443', 'lyncdiscover.fabrikam.com:443'] },
  ],
  [
    'an IPv6 endpoint next to a host name, and a repeat dropped',
    finding([], { affected: ['[::1]:5061', 'sip.fabrikam.com:5061', '[::1]:5061'] }),
    [tnc('::1', 5061), tnc('sip.fabrikam.com', 5061)],
    { host: ['::1', 'sip.fabrikam.com'], port: ['5061'], endpoint: ['[::1]:5061', 'sip.fabrikam.com:5061'] },
  ],
];

for (const [label, f, lines, values] of ENDPOINTS) {
  test(`network-endpoint-unreachable steps, ${label}`, () => {
    const v = caseValues(f, s);
    assert.deepEqual({ host: v.host, port: v.port, endpoint: v.endpoint }, values);
    const steps = caseSteps(f.articleId, article(f.articleId).fix, f, s);
    const cmd = steps.find((x) => x.command?.includes('Test-NetConnection'));
    assert.equal(cmd?.command, lines.join('\n'));
    assert.equal(cmd?.unfilled, undefined);
    for (const line of lines) assert.match(line, /-Port \d+$/, 'one port per line');
  });
}

test('server-certificate-untrusted-chain: the whole script once per endpoint (each run sets $h/$p, then uses them)', () => {
  const f = finding([], { checkId: 'LD-TLS-004', articleId: 'server-certificate-untrusted-chain', affected: ['sip.fabrikam.com:443', '[::1]:5061'] });
  const template = (article(f.articleId).fix[0]?.command ?? '').replace(/\n$/, '');
  const body = template.split('\n').slice(1).join('\n');
  assert.ok(body.includes('$s.AuthenticateAsClient($h)'), 'the article\'s script uses $h after setting it');
  const cmd = caseSteps(f.articleId, article(f.articleId).fix, f, s)[0]?.command;
  assert.equal(cmd, [`$h = 'sip.fabrikam.com'; $p = 443`, body, `$h = '::1'; $p = 5061`, body].join('\n'));
});

test('no endpoint in the evidence: the placeholders stay and are listed', () => {
  const f = finding([{ label: 'endpoint', value: 'not an endpoint' }]);
  const cmd = caseSteps(f.articleId, article(f.articleId).fix, f, s).find((x) => x.command?.includes('Test-NetConnection'));
  assert.equal(cmd?.command, 'Test-NetConnection -ComputerName <host> -Port <port>');
  assert.deepEqual(cmd?.unfilled, ['<host>', '<port>']);
});

test('the TLS and SIP checks write an IPv6 endpoint in brackets in their evidence (readable back as host and port)', () => {
  const tls = baseSnapshot({ tls: ok<'tls'>({ trustStore: { sources: [], anchors: 0, caFile: null }, probes: [tlsProbe({ host: '::1', port: 5061, outcome: 'refused', message: 'refused', chain: [], trust: null }), tlsProbe({ host: 'sip.fabrikam.com', port: 443, outcome: 'refused', message: 'refused', chain: [], trust: null })] }) });
  const [t] = endpointUnreachable.evaluate(tls, { now: NOW });
  assert.deepEqual(t!.evidence.map((e) => e.label), ['[::1]:5061', 'sip.fabrikam.com:443'], 'LD-TLS-009 names each endpoint as its evidence label');
  const sip = baseSnapshot({ sip: sipSection([attempt('2001:db8::10', 5061, null), attempt('sip.fabrikam.com', 5061, null)], [], null) });
  const [p] = sipUnreachable.evaluate(sip, { now: NOW });
  assert.deepEqual(p!.evidence.filter((e) => e.label === 'server').map((e) => e.value), ['[2001:db8::10]:5061 (srv-internal)', 'sip.fabrikam.com:5061 (srv-internal)']);
});
