// Case-step details, each from the documented rule (main/checks/case-steps.ts and README "Steps for this case"):
// an endpoint is a value that is host:port or a URL (http defaults to port 80, https to 443); only endpoint/server/URL
// evidence names endpoints; the SRV record evidence reads "name → target:port"; the pool is the internal SRV
// target (or _sip._tls), the first one; the Access Edge only the federation SRV target; an example is replaced by
// its longest rule first; a step keeps its shell and has no command key when it has no command. Written first.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { caseSteps, caseValues } from '../../../../main/checks/case-steps';
import type { Finding } from '../../../../main/model/finding';
import { baseSnapshot, dnsSection, name, srv } from '../../../helpers/snapshot';

const input = { sipAddress: 'kim@tailspintoys.com', sipDomain: 'tailspintoys.com', dnsServer: null, timeoutMs: 3000 };
const bare = baseSnapshot({}, { input });
const finding = (evidence: Finding['evidence'], over: Partial<Finding> = {}): Finding => ({ checkId: 'LD-X', severity: 'error', title: 't', message: 'm', evidence, articleId: 'x', research: [], fix: 'f', sections: [], ...over });

const ENDPOINTS: ReadonlyArray<readonly [string, Finding['evidence'], readonly string[] | undefined]> = [
  ['http URL: port 80', [{ label: 'URL', value: 'http://lyncdiscover.fabrikam.com/' }], ['lyncdiscover.fabrikam.com:80']],
  ['https URL with a port', [{ label: 'URL', value: 'https://lyncdiscover.fabrikam.com:4443/x?y=1' }], ['lyncdiscover.fabrikam.com:4443']],
  ['a value that does not start with the endpoint names none', [{ label: 'endpoint', value: 'not reached (sip.fabrikam.com:443)' }], undefined],
  ['a URL later in the value names none', [{ label: 'URL', value: 'see https://sip.fabrikam.com/' }], undefined],
  ['other labels name no endpoint', [{ label: 'proxy', value: 'proxy.fabrikam.com:8080' }, { label: 'through proxy', value: 'http://proxy.fabrikam.com:8080' }], undefined],
  ['server with a note', [{ label: 'server', value: 'pool01.fabrikam.com:5061 (srv-internal)' }], ['pool01.fabrikam.com:5061']],
];
for (const [label, evidence, endpoint] of ENDPOINTS) {
  test(`caseValues endpoints: ${label}`, () => {
    assert.deepEqual(caseValues(finding(evidence), bare).endpoint, endpoint);
  });
}

test('SRV record evidence: "name → target:port" only, under its own label', () => {
  const v = caseValues(finding([
    { label: 'SRV record', value: '_sipinternaltls._tcp.fabrikam.com → pool01.fabrikam-hosting.net:5061' },
    { label: 'SRV record', value: '_sip._tls.fabrikam.com → sip.fabrikam.com:443 (weight 0)' },
    { label: 'SRV record', value: 'no record' },
    { label: 'SRV record', value: 'not asked: _sip._tls.fabrikam.com → sip.fabrikam.com:443' },
    { label: 'CNAME', value: '_x.fabrikam.com → y.fabrikam.com:1' },
  ]), bare);
  assert.deepEqual([v.srvName, v.srvTarget, v.srvPort, v.poolInDomain], [['_sipinternaltls._tcp.fabrikam.com'], ['pool01.fabrikam-hosting.net'], ['5061'], ['pool01.tailspintoys.com']]);
});

test('SRV target address: only the addresses of the SRV target named in the evidence', () => {
  const s = baseSnapshot({ dns: dnsSection({ srvTargets: [name('srv-target', 'other.fabrikam.com', ['192.0.2.99']), name('srv-target', 'pool01.fabrikam-hosting.net', ['192.0.2.10', '2001:db8::10'])] }) }, { input });
  const v = caseValues(finding([{ label: 'SRV record', value: '_sipinternaltls._tcp.fabrikam.com → pool01.fabrikam-hosting.net:5061' }]), s);
  assert.deepEqual(v.targetAddress, ['192.0.2.10', '2001:db8::10']);
});

test('proxy: only proxy / through proxy evidence, without scheme or note', () => {
  const v = caseValues(finding([{ label: 'endpoint', value: 'lyncdiscover.fabrikam.com:443' }, { label: 'proxy', value: 'https://proxy.fabrikam.com:3128 (PAC)' }]), bare);
  assert.deepEqual(v.proxy, ['proxy.fabrikam.com:3128']);
});

test('root name: the CN trimmed', () => {
  assert.deepEqual(caseValues(finding([{ label: 'untrusted root', value: 'CN=Fabrikam Root , O=Fabrikam' }]), bare).rootName, ['Fabrikam Root']);
});

const SRV = {
  fed: srv('sipfederationtls', '_sipfederationtls._tcp.tailspintoys.com', [['sipedge.tailspintoys.com', 5061]]),
  int: srv('sipinternaltls', '_sipinternaltls._tcp.tailspintoys.com', [['pool01.tailspintoys.com', 5061], ['pool02.tailspintoys.com', 5061]]),
  ext: srv('sip-tls', '_sip._tls.tailspintoys.com', [['sip.tailspintoys.com', 443]]),
};
const POOLS: ReadonlyArray<readonly [string, ReturnType<typeof srv>[], string[] | undefined, string[] | undefined]> = [
  ['federation first, then internal: pool is the first internal target, edge the federation one', [SRV.fed, SRV.int], ['pool01.tailspintoys.com'], ['sipedge.tailspintoys.com']],
  ['only _sip._tls: its target is the pool', [SRV.ext], ['sip.tailspintoys.com'], undefined],
  ['only federation: no pool', [SRV.fed], undefined, ['sipedge.tailspintoys.com']],
];
for (const [label, records, pool, edge] of POOLS) {
  test(`pool and Access Edge from SRV: ${label}`, () => {
    const v = caseValues(finding([]), baseSnapshot({ dns: dnsSection({ srv: records }) }, { input }));
    assert.deepEqual([v.pool, v.accessEdge], [pool, edge]);
  });
}

test('an empty SIP domain or address is no value: the placeholder is shown and listed', () => {
  const s = baseSnapshot({}, { input: { ...input, sipDomain: '', sipAddress: '' } });
  const [st] = caseSteps('dns-no-lync-server-found', [{ step: 'Check <sipdomain> for <sip_address>.' }], finding([]), s);
  assert.deepEqual(st, { text: 'Check <SIP domain> for <SIP address>.', unfilled: ['<SIP domain>', '<SIP address>'] });
});

test('the longest example is replaced first (user@contoso.com before contoso.com), whatever the rule order', () => {
  const [st] = caseSteps('dns-no-lync-server-found', [{ step: 's', shell: 'powershell', command: 'Get-X user@contoso.com contoso.com\n' }], finding([]), bare);
  assert.deepEqual(st, { text: 's', shell: 'powershell', command: 'Get-X kim@tailspintoys.com tailspintoys.com' });
});

test('twelve examples in one command: every marker restored (two-digit markers too)', () => {
  const cmd = ['_sipinternaltls._tcp.litwareinc.com', 'SRV 0 0 5061 pool01.litwareinc.com', '192.168.10.90', '<sipdomain>', '<domain>', '<yourdomain>', '<sip_address>', '<pool FQDN>', '<IntPoolFQDN>', 'user@contoso.com', 'alice@contoso.com', 'pool01.litwareinc.com'].join(' | ');
  const f = finding([{ label: 'SRV record', value: '_sipinternaltls._tcp.tailspintoys.com → pool01.tailspin-hosting.net:5061' }]);
  const s = baseSnapshot({ dns: dnsSection({ srv: [srv('sipinternaltls', '_sipinternaltls._tcp.tailspintoys.com', [['pool01.tailspin-hosting.net', 5061]])], srvTargets: [name('srv-target', 'pool01.tailspin-hosting.net', ['192.0.2.10'])] }) }, { input });
  const [st] = caseSteps('dns-srv-target-outside-sip-domain', [{ step: 's', command: cmd }], f, s);
  assert.equal(st!.command, ['_sipinternaltls._tcp.tailspintoys.com', 'SRV 0 0 5061 pool01.tailspintoys.com', '192.0.2.10', 'tailspintoys.com', 'tailspintoys.com', 'tailspintoys.com', 'kim@tailspintoys.com', 'pool01.tailspin-hosting.net', 'pool01.tailspin-hosting.net', 'kim@tailspintoys.com', 'kim@tailspintoys.com', 'pool01.tailspintoys.com'].join(' | '));
});

test('several values of one slot in a step are listed, comma-separated', () => {
  const f = finding([{ label: 'SRV record', value: '_sipinternaltls._tcp.tailspintoys.com → a.fabrikam.net:5061' }, { label: 'SRV record', value: '_sip._tls.tailspintoys.com → b.fabrikam.net:443' }]);
  const [st] = caseSteps('dns-srv-target-outside-sip-domain', [{ step: 's', command: 'SRV 0 0 5061 pool01.litwareinc.com' }], f, bare);
  assert.equal(st!.command, 'SRV 0 0 5061, 443 a.tailspintoys.com, b.tailspintoys.com');
});

test('with several endpoints, a command that does not name the endpoint is not repeated', () => {
  const f = finding([], { affected: ['a.fabrikam.com:443', 'b.fabrikam.com:443'] });
  const steps = caseSteps('network-endpoint-unreachable', [{ step: 's', command: 'ipconfig /flushdns' }, { step: 't', command: 'Test-NetConnection -ComputerName sip.contoso.com -Port 443' }], f, bare);
  assert.deepEqual(steps.map((x) => x.command), ['ipconfig /flushdns', 'Test-NetConnection -ComputerName a.fabrikam.com -Port 443\nTest-NetConnection -ComputerName b.fabrikam.com -Port 443']);
});

test('an article without rules of its own: steps kept as they are (no stray replacement), no command key without a command', () => {
  const steps = caseSteps('no-such-article', [{ step: 'Sign out and Sign in again.' }, { step: 'Then', command: 'Start-Sleep 5' }], finding([]), bare);
  assert.deepEqual(steps, [{ text: 'Sign out and Sign in again.' }, { text: 'Then', command: 'Start-Sleep 5' }]);
});
