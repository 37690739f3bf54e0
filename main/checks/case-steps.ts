/**
 * Guided steps for this case: the article's fix steps are templates; their example values (contoso.com,
 * litwareinc.com, 192.168.10.90, user@contoso.com, <sipdomain>) are replaced by values taken from the
 * finding's evidence and the Snapshot. The article keeps its examples; the finding carries the filled steps.
 * A value the facts do not give stays a visible placeholder and is listed in `unfilled`. Pure.
 */
import type { FixStep } from '../model/article';
import type { CaseStep, Finding } from '../model/finding';
import type { Snapshot } from '../model/snapshot';
import { finalAttempt } from '../sip/signin-facts';
import { hostPort } from '../model/endpoint';

/** Values a step can be filled with. */
export type Slot = 'sipDomain' | 'sipAddress' | 'host' | 'port' | 'endpoint' | 'srvName' | 'srvTarget' | 'srvPort' | 'targetAddress' | 'poolInDomain' | 'proxy' | 'accessEdge' | 'pool' | 'rootName' | 'diagSource' | 'partnerDomain' | 'partnerProxy';

/** What a placeholder looks like when the facts do not give its value. */
export const SLOT_NAMES: Record<Slot, string> = {
  sipDomain: '<SIP domain>',
  sipAddress: '<SIP address>',
  host: '<host>',
  port: '<port>',
  // Stryker disable next-line StringLiteral: no template uses {endpoint} (it only carries host and port together)
  endpoint: '<host:port>',
  srvName: '<SRV record name>',
  // Stryker disable next-line StringLiteral: no template uses {srvTarget} (it feeds targetAddress and poolInDomain)
  srvTarget: '<SRV target>',
  srvPort: '<SRV port>',
  targetAddress: '<IP address of the pool>',
  poolInDomain: '<pool FQDN in the SIP domain>',
  proxy: '<proxy host:port>',
  accessEdge: '<Access Edge FQDN>',
  pool: '<pool FQDN>',
  rootName: '<root name>',
  diagSource: '<server named by source=>',
  partnerDomain: '<partner SIP domain>',
  partnerProxy: '<partner proxy FQDN>',
};

/** [example text in the article's commands, template with {slot}s]. Longer examples are replaced first. */
type Rule = readonly [string, string];

/** Angle-bracket placeholders and example users the articles use in their fix steps and commands, for every article (each used by one at least: no stale rule). */
export const GENERIC: readonly Rule[] = [
  ['<sipdomain>', '{sipDomain}'],
  ['<domain>', '{sipDomain}'],
  ['<yourdomain>', '{sipDomain}'],
  ['<sip_address>', '{sipAddress}'],
  ['<pool FQDN>', '{pool}'],
  ['<IntPoolFQDN>', '{pool}'],
  ['user@contoso.com', '{sipAddress}'],
  ['alice@contoso.com', '{sipAddress}'],
];

const DISCOVERY: readonly Rule[] = [
  ['lyncdiscoverinternal.contoso.com', 'lyncdiscoverinternal.{sipDomain}'],
  ['lyncdiscover.contoso.com', 'lyncdiscover.{sipDomain}'],
];

/** Per article: the example values of its commands (only commands: the step text may say "replace contoso.com"). */
export const ARTICLE_SLOTS: Readonly<Record<string, readonly Rule[]>> = {
  'dns-srv-target-outside-sip-domain': [
    ['_sipinternaltls._tcp.litwareinc.com', '{srvName}'],
    ['SRV 0 0 5061 pool01.litwareinc.com', 'SRV 0 0 {srvPort} {poolInDomain}'],
    ['pool01.litwareinc.com', '{poolInDomain}'],
    ['192.168.10.90', '{targetAddress}'],
  ],
  'ms-diagnostics-failure-code': [['-Computers fe01.contoso.com', '-Computers {diagSource}']],
  'federation-srv-target-outside-partner-domain': [
    ['_sipfederationtls._tcp.contoso.com', '_sipfederationtls._tcp.{partnerDomain}'],
    ['-Identity "contoso.com"', '-Identity "{partnerDomain}"'],
    ['-ProxyFqdn "sip.contoso.com"', '-ProxyFqdn "{partnerProxy}"'],
  ],
  'network-endpoint-unreachable': [['-ComputerName sip.contoso.com -Port 443', '-ComputerName {host} -Port {port}']],
  'server-certificate-untrusted-root': [['<root name>', '{rootName}']],
  'server-certificate-untrusted-chain': [["$h = 'sip.contoso.com'; $p = 443", "$h = '{host}'; $p = {port}"]],
  'lyncdiscover-mobility-discovery': [...DISCOVERY],
  'dns-lyncdiscoverinternal-missing': [...DISCOVERY],
  'dns-no-lync-server-found': [['contoso.com', '{sipDomain}']],
  'mobile-lyncdiscover-cname-missing': [['contoso.com', '{sipDomain}']],
  'dns-server-temporarily-unavailable': [['-type=NS contoso.com', '-type=NS {sipDomain}']],
  'push-lync-com-not-federated': [['accessedge.contoso.com', '{accessEdge}']],
  'im-url-filter-breaks-push': [['accessedge.contoso.com', '{accessEdge}']],
  'proxy-blocks-exchange-autodiscover': [['http://proxy.contoso.com:8080', 'http://{proxy}'], ['autodiscover.contoso.com', 'autodiscover.{sipDomain}']],
  'mobile-authenticating-proxy-digest-only': [['http://proxy.contoso.com:8080', 'http://{proxy}'], ['lyncdiscover.contoso.com', 'lyncdiscover.{sipDomain}']],
};

/** Per article: example values inside the step text (only where the text offers them as an example, "e.g. …"). */
export const ARTICLE_TEXT_SLOTS: Readonly<Record<string, readonly Rule[]>> = {
  'dns-srv-target-outside-sip-domain': [['e.g. pool01.litwareinc.com', 'e.g. {poolInDomain}']],
};

/** The case's values, one list per slot (several endpoints → one command line each). */
export type CaseValues = Partial<Record<Slot, readonly string[]>>;

/** host:port, an IPv6 address in brackets ([::1]:5061, RFC 3986 §3.2.2 / RFC 5952 §6); a trailing note (" (srv)") is ignored. */
const HOSTPORT = /^(?:\[([0-9a-f:.]+)\]|([a-z0-9.-]+)):(\d{1,5})\b/i;
const URL_HOST = /^https?:\/\/(?:\[([0-9a-f:.]+)\]|([^/:?[\]]+))(?::(\d+))?/i;

function endpoints(f: Finding): Array<{ host: string; port: string }> {
  const raw = f.affected?.length ? f.affected : f.evidence.filter((e) => ['endpoint', 'server', 'URL'].includes(e.label)).map((e) => e.value);
  const out: Array<{ host: string; port: string }> = [];
  for (const r of raw) {
    const url = URL_HOST.exec(r);
    const hp = HOSTPORT.exec(r);
    const e = url ? { host: (url[1] ?? url[2]) as string, port: url[3] ?? (r.startsWith('https') ? '443' : '80') } : hp ? { host: (hp[1] ?? hp[2]) as string, port: hp[3] as string } : null;
    if (e) out.push(e); // repeats are dropped by put()
  }
  return out;
}

/** A header attribute pasted into a command must be a plain host name (nothing a shell would read otherwise). */
const HOST_NAME = /^[a-z0-9][a-z0-9.-]*$/i;

const uniq = (xs: readonly string[]): string[] => [...new Set(xs.filter((x) => x.length > 0))];

/** Values from the finding's evidence first, then from the Snapshot (domain, user, Access Edge, pool). */
export function caseValues(f: Finding, s: Snapshot): CaseValues {
  const v: Record<string, string[]> = {};
  const put = (k: Slot, xs: readonly string[]): void => {
    const u = uniq(xs);
    if (u.length) v[k] = u;
  };
  put('sipDomain', [s.input.sipDomain]);
  put('sipAddress', [s.input.sipAddress]);
  const eps = endpoints(f);
  put('host', eps.map((e) => e.host));
  put('port', eps.map((e) => e.port));
  put('endpoint', eps.map((e) => hostPort(e.host, e.port)));
  const srvRecords = f.evidence.filter((e) => e.label === 'SRV record').map((e) => /^(\S+) → (\S+):(\d+)$/.exec(e.value)).filter((m): m is RegExpExecArray => m !== null);
  put('srvName', srvRecords.map((m) => m[1] as string));
  put('srvTarget', srvRecords.map((m) => m[2] as string));
  put('srvPort', srvRecords.map((m) => m[3] as string));
  const dns = s.sections.dns?.data;
  const targets = v.srvTarget ?? [];
  // Stryker disable next-line ArrayDeclaration: a fallback element without a name matches no SRV target
  put('targetAddress', (dns?.srvTargets ?? []).filter((t) => targets.includes(t.name)).flatMap((t) => t.addresses));
  put('poolInDomain', targets.map((t) => `${t.split('.')[0]}.${s.input.sipDomain}`));
  put('proxy', f.evidence.filter((e) => e.label === 'proxy' || e.label === 'through proxy').map((e) => e.value.replace(/^https?:\/\//, '').split(/\s/)[0] as string));
  // the root's common name: the article matches it in the certificate Subject, which Windows writes CN first
  const commonName = (value: string): string => {
    const cn = /\bCN=([^,]+)/.exec(value);
    return cn ? (cn[1] as string).trim() : value; // a match always has its group 1
  };
  put('rootName', f.evidence.filter((e) => e.label === 'untrusted root' && e.value !== '(not named)').map((e) => commonName(e.value)));
  // Stryker disable next-line ArrayDeclaration: a fallback element without a role is no federation record
  put('accessEdge', (dns?.srv ?? []).filter((r) => r.role === 'sipfederationtls').flatMap((r) => r.records.map((x) => x.target)));
  // the server an ms-diagnostics header names as the one that decided (source="fe01.contoso.com"); a host name only
  put('diagSource', f.evidence.filter((e) => e.label === 'source' && HOST_NAME.test(e.value)).map((e) => e.value));
  // 1009's attributes, as written (domain =" cms.steven.lab "; fqdn1 =" vcse.sub.cms.steven.lab :5061"): host names only
  const attrHost = (label: string): string[] =>
    f.evidence.filter((e) => e.label.toLowerCase() === label).map((e) => e.value.trim().replace(/\s*:\d+$/, '')).filter((v) => HOST_NAME.test(v));
  put('partnerDomain', attrHost('domain'));
  put('partnerProxy', attrHost('fqdn1'));
  const sip = s.sections.sip?.data;
  const final = sip ? finalAttempt(sip)?.target.host : undefined;
  // Stryker disable next-line ArrayDeclaration: a fallback element without a role is no SIP record
  const srvPool = (dns?.srv ?? []).filter((r) => r.role === 'sipinternaltls' || r.role === 'sip-tls').flatMap((r) => r.records.map((x) => x.target));
  put('pool', final ? [final] : srvPool.slice(0, 1));
  return v as CaseValues;
}

function fill(template: string, rules: readonly Rule[], values: CaseValues, unfilled: Set<string>): string {
  const sorted = [...rules].sort((a, b) => b[0].length - a[0].length);
  // Replace examples by markers first, so a value never gets replaced again by a shorter rule.
  // Stryker disable next-line ArrayDeclaration: a first element only shifts every index, markers and lookups alike
  const marks: string[] = [];
  let text = template;
  for (const [example, tpl] of sorted) {
    // Stryker disable next-line ConditionalExpression: an absent example splits nothing; its unused mark is never looked up
    if (!text.includes(example)) continue;
    marks.push(tpl);
    text = text.split(example).join(`\u0000${marks.length - 1}\u0000`);
  }
  return text.replace(/\u0000(\d+)\u0000/g, (_m, i: string) =>
    (marks[Number(i)] as string).replace(/\{(\w+)\}/g, (_x, slot: string) => {
      const got = values[slot as Slot];
      if (got?.length) return got.join(', ');
      unfilled.add(slot);
      return SLOT_NAMES[slot as Slot];
    }),
  );
}

/** A command that names one endpoint is repeated once per endpoint when the finding covers several. */
function perEndpoint(command: string, rules: readonly Rule[], values: CaseValues, unfilled: Set<string>): string {
  // One line per endpoint (host and port together): a command takes one host and one port (Test-NetConnection
  // -Port is a single number), so two ports of one host are two lines too.
  const eps = (values.endpoint ?? []).map((e) => (/^\[?(.*?)\]?:(\d+)$/.exec(e) as RegExpExecArray).slice(1));
  const usesEndpoint = rules.some(([ex, tpl]) => command.includes(ex) && /\{(host|port)\}/.test(tpl));
  if (!usesEndpoint || eps.length < 2) return fill(command, rules, values, unfilled);
  // The whole command once per endpoint: a script that sets the host on its first line and uses it on the next
  // ones ($h = …; $p = …) must run complete for each endpoint.
  return eps.map(([h, p]) => fill(command, rules, { ...values, host: [h as string], port: [p as string] }, unfilled)).join('\n');
}

/** The article's steps filled for this finding (article text otherwise unchanged). */
export function caseSteps(articleId: string, steps: readonly FixStep[], f: Finding, s: Snapshot): CaseStep[] {
  const values = caseValues(f, s);
  const specific = ARTICLE_SLOTS[articleId] ?? [];
  return steps.map((st) => {
    const unfilled = new Set<string>();
    const text = fill(st.step, [...(ARTICLE_TEXT_SLOTS[articleId] ?? []), ...GENERIC], values, unfilled);
    const command = st.command === undefined ? undefined : perEndpoint(st.command.replace(/\n$/, ''), [...specific, ...GENERIC], values, unfilled);
    return {
      text,
      ...(st.shell ? { shell: st.shell } : {}),
      ...(command !== undefined ? { command } : {}),
      ...(unfilled.size ? { unfilled: [...unfilled].map((u) => SLOT_NAMES[u as Slot]) } : {}),
    };
  });
}
