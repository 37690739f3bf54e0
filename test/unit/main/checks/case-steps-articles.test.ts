// Every article with its own example values (ARTICLE_SLOTS): the commands of this case, hand-written from the
// article's commands with contoso.com → the case's SIP domain (tailspintoys.com), user@contoso.com → the case's
// SIP address, accessedge.contoso.com → the Access Edge (the _sipfederationtls._tcp target), proxy.contoso.com:8080
// → the proxy in the finding's evidence; other names (8.8.8.8, sipdir.online.lync.com, push.lync.com) unchanged.
// Without the facts: the placeholder named in the README style (<Access Edge FQDN>, <proxy host:port>) listed as unfilled.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { caseSteps } from '../../../../main/checks/case-steps';
import { articlesById } from '../../../../main/kb/lookup';
import type { Finding } from '../../../../main/model/finding';
import type { Snapshot } from '../../../../main/model/snapshot';
import { baseSnapshot, dnsSection, srv } from '../../../helpers/snapshot';

const input = { sipAddress: 'kim@tailspintoys.com', sipDomain: 'tailspintoys.com', dnsServer: null, timeoutMs: 3000 };
const full = baseSnapshot({ dns: dnsSection({ domain: 'tailspintoys.com', srv: [srv('sipfederationtls', '_sipfederationtls._tcp.tailspintoys.com', [['sipedge.tailspintoys.com', 5061]])] }) }, { input });
const bare = baseSnapshot({}, { input });
const finding = (articleId: string, evidence: Finding['evidence'] = []): Finding => ({ checkId: 'LD-X', severity: 'error', title: 't', message: 'm', evidence, articleId, research: [], fix: 'f', sections: [] });
const commands = (articleId: string, s: Snapshot, evidence: Finding['evidence'] = []) => caseSteps(articleId, articlesById().get(articleId)!.fix, finding(articleId, evidence), s).filter((x) => x.command !== undefined);

const CASES: ReadonlyArray<readonly [string, Finding['evidence'], readonly string[]]> = [
  ['lyncdiscover-mobility-discovery', [], [
    'Resolve-DnsName -Name lyncdiscoverinternal.tailspintoys.com -ErrorAction SilentlyContinue\nResolve-DnsName -Name lyncdiscover.tailspintoys.com -Server 8.8.8.8 -ErrorAction SilentlyContinue',
    "(Invoke-WebRequest -Uri 'https://lyncdiscover.tailspintoys.com/' -UseBasicParsing).Content",
  ]],
  ['dns-lyncdiscoverinternal-missing', [], [
    'nslookup lyncdiscoverinternal.tailspintoys.com\nnslookup lyncdiscover.tailspintoys.com',
    "(Invoke-WebRequest -UseBasicParsing 'https://lyncdiscoverinternal.tailspintoys.com/?sipuri=kim@tailspintoys.com' -Headers @{Accept='application/json'}).Content",
  ]],
  ['dns-no-lync-server-found', [], [
    'nslookup -type=SRV _sip._tls.tailspintoys.com 8.8.8.8\nnslookup -type=SRV _sipfederationtls._tcp.tailspintoys.com 8.8.8.8\nnslookup -type=CNAME sip.tailspintoys.com 8.8.8.8\nnslookup -type=CNAME lyncdiscover.tailspintoys.com 8.8.8.8',
  ]],
  ['mobile-lyncdiscover-cname-missing', [], ['nslookup -type=CNAME lyncdiscover.tailspintoys.com 8.8.8.8']],
  ['dns-server-temporarily-unavailable', [], ['Test-NetConnection sipdir.online.lync.com -Port 443', 'nslookup -type=NS tailspintoys.com 8.8.8.8']],
  ['im-url-filter-breaks-push', [], ['Test-CsMcxPushNotification -AccessEdgeFqdn sipedge.tailspintoys.com', 'Set-CsImFilterConfiguration -Identity global -Enabled $false\nTest-CsMcxPushNotification -AccessEdgeFqdn sipedge.tailspintoys.com']],
  ['proxy-blocks-exchange-autodiscover', [{ label: 'proxy', value: 'http://proxy.tailspintoys.com:3128 (WinINET)' }], [
    "curl.exe -sv -o NUL -x http://proxy.tailspintoys.com:3128 https://autodiscover.tailspintoys.com/autodiscover/autodiscover.xml 2>&1 |\n  Select-String -Pattern '^< HTTP/', '^< Proxy-Authenticate', '^< WWW-Authenticate'",
  ]],
  ['mobile-authenticating-proxy-digest-only', [{ label: 'through proxy', value: 'proxy.tailspintoys.com:3128' }], [
    "curl.exe -sv -o NUL -x http://proxy.tailspintoys.com:3128 https://lyncdiscover.tailspintoys.com/ 2>&1 |\n  Select-String -Pattern '^< HTTP/', '^< Proxy-Authenticate'",
  ]],
];

for (const [articleId, evidence, expected] of CASES) {
  test(`${articleId}: the commands name this case's values`, () => {
    const got = commands(articleId, full, evidence);
    for (const e of expected) assert.ok(got.some((x) => x.command === e), `${articleId}: expected\n${e}\nin\n${got.map((x) => x.command).join('\n--\n')}`);
    assert.ok(got.every((x) => !x.command!.includes('contoso') && x.unfilled === undefined), JSON.stringify(got));
  });
}

const MISSING: ReadonlyArray<readonly [string, string, string]> = [
  ['im-url-filter-breaks-push', 'Test-CsMcxPushNotification -AccessEdgeFqdn <Access Edge FQDN>', '<Access Edge FQDN>'],
  ['proxy-blocks-exchange-autodiscover', 'curl.exe -sv -o NUL -x http://<proxy host:port> https://autodiscover.tailspintoys.com/', '<proxy host:port>'],
  ['mobile-authenticating-proxy-digest-only', 'curl.exe -sv -o NUL -x http://<proxy host:port> https://lyncdiscover.tailspintoys.com/', '<proxy host:port>'],
];
for (const [articleId, start, placeholder] of MISSING) {
  test(`${articleId} without the fact: ${placeholder} stays visible and is listed as unfilled`, () => {
    const got = commands(articleId, bare);
    const hit = got.find((x) => x.command!.startsWith(start));
    assert.ok(hit, got.map((x) => x.command).join('\n--\n'));
    assert.deepEqual(hit!.unfilled, [placeholder]);
  });
}
