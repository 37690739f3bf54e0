/**
 * Words for compared facts: a Snapshot path such as `data.srv[sip-tls].records[…].weight` read as a
 * person would name it ("SRV _sip._tls record sip.contoso.com:443 · weight"). Pure; unknown sections and
 * fields fall back to their names split into words, so a new collector is still labelled.
 */
import { hostPort } from '../model/endpoint';

/** Section titles (area of a fact). */
const AREAS: Readonly<Record<string, string>> = {
  input: 'Input', host: 'This PC', answers: 'Questionnaire', dns: 'DNS', certificates: 'Certificates', policy: 'Lync policy',
  sip: 'SIP sign-in', tls: 'TLS', proxy: 'Proxy', proxyAuth: 'Proxy authentication', autodiscover: 'Autodiscover', clock: 'Clock',
  logs: 'Client logs', network: 'Network', windows: 'Windows',
};

/** Field and object names in words. */
const WORDS: Readonly<Record<string, string>> = {
  notAfter: 'expiry', notBefore: 'valid from', addresses: 'addresses', outcome: 'result', cnameChain: 'CNAME chain', statusCode: 'status code',
  reasonPhrase: 'reason', chainTrusted: 'chain trusted', chainError: 'chain error', nameMatches: 'name matches', nameError: 'name error',
  protocol: 'TLS version', sans: 'alternative names', dnsNames: 'DNS names', ipAddresses: 'IP addresses', ekus: 'key usages (EKU)',
  serialNumber: 'serial number', hasPrivateKey: 'private key present', tlsDsk: 'TLS-DSK', sipAddress: 'SIP address', sipDomain: 'SIP domain',
  pacResult: 'PAC result', autoConfigUrl: 'PAC URL', autoDetect: 'auto-detect', proxyServer: 'proxy server', proxyEnable: 'proxy on',
  bypass: 'bypass list', bypassLocal: 'bypass local', httpStatus: 'HTTP status', fingerprint256: 'SHA-256 fingerprint', sha256: 'SHA-256',
  subjectCommonName: 'subject CN', issuerCommonName: 'issuer CN', subjectCN: 'subject CN', issuerCN: 'issuer CN', selfSigned: 'self-signed',
  selfIssued: 'self-issued', isCa: 'is a CA', keyType: 'key type', parsedWith: 'read with', trustEnforced: 'trust enforced', stsUri: 'STS URI',
  targetname: 'target name', userLogonData: 'user logon data', clockSkewSeconds: 'clock skew (s)', skewMs: 'clock skew (ms)',
  resolutionMs: 'resolution (ms)', serverDate: 'server date', localDate: 'local date', authSchemes: 'authentication schemes',
  proxyAgent: 'proxy agent', statusText: 'status text', chainLength: 'chain length', anchorSource: 'anchor source',
  usedStoreIntermediate: 'used a store intermediate', redirectTo: 'redirected to', finalAttempt: 'final attempt', accessLocation: 'access location',
  contentType: 'content type', userUrl: 'user URL', leafSha256: 'leaf SHA-256', knownReason: 'known reason', likelyFix: 'likely fix',
  articleId: 'article', keyPath: 'registry key', enableDetectProxyForAllConnections: 'EnableDetectProxyForAllConnections',
  defaultSecureProtocols: 'DefaultSecureProtocols', httpsProxy: 'HTTPS_PROXY', httpProxy: 'HTTP_PROXY', noProxy: 'NO_PROXY',
  dnsServer: 'DNS server', timeoutMs: 'timeout (ms)', osVersion: 'OS version', appVersion: 'app version', imUrlFilterEnabled: 'IM URL filter on',
  imUrlFilterAction: 'IM URL filter action', pushNotificationsConfigured: 'push notifications configured', pushLyncComFederated: 'push.lync.com federated',
  locationReason: 'location reason', parseErrors: 'parse errors', trustStore: 'trust store', caFile: 'CA file',
  // Objects along a path.
  data: '', tls: 'TLS', certificate: 'certificate', response: 'response', wininet: 'WinINet', winhttp: 'WinHTTP', pac: 'PAC', env: 'environment',
  cli: 'command line', mobile: 'phone', server: 'server', chosen: 'chosen route', decoded: 'decoded', attributes: '', params: '', trust: 'trust',
};

/** The words of a field or object name: from the table, else camelCase split. */
export function fieldWords(key: string): string {
  const w = WORDS[key];
  if (w !== undefined) return w;
  return key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ').toLowerCase();
}

/** The title of a fact's area (a Snapshot section id, input, host or answers). */
export function areaTitle(area: string): string {
  return AREAS[area] ?? fieldWords(area).replace(/^./, (c) => c.toUpperCase());
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : typeof v === 'number' ? String(v) : undefined);
const short = (s: string, n = 48): string => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
const obj = (v: unknown): Record<string, unknown> => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

/** How a person names one item of a list: by what it is (SRV _sip._tls, TLS-DSK certificate …), from the item itself. */
export function itemWords(list: string, item: unknown, fallbackKey: string): string {
  const i = obj(item);
  const endpoint = (o: Record<string, unknown>): string | undefined => {
    const host = str(o.host);
    const port = str(o.port);
    return host ? (port ? hostPort(host, port) : host) : undefined;
  };
  switch (list) {
    case 'srv': {
      // "_sip._tls.contoso.com" → "_sip._tls": the service and protocol say which record it is.
      const name = str(i.name) ?? '';
      const svc = /^(_[^.]+\._[^.]+)/.exec(name)?.[1];
      return `SRV ${svc ?? str(i.role) ?? fallbackKey}`;
    }
    case 'records':
    case 'srvRecords':
      return `record ${str(i.target) ?? fallbackKey}${str(i.port) ? `:${str(i.port)}` : ''}`;
    case 'names':
      return `name ${short(str(i.name) ?? str(i.role) ?? fallbackKey)}`;
    case 'srvTargets':
      return `SRV target host ${short(str(i.name) ?? fallbackKey)}`;
    case 'queries':
      return `query ${short(str(i.name) ?? fallbackKey)} ${str(i.type) ?? ''}`.trimEnd();
    case 'certificates': {
      const what = i.tlsDsk === true ? 'TLS-DSK certificate' : 'certificate';
      const who = str(i.subjectCommonName) ?? str(i.subject);
      const thumb = str(i.thumbprint);
      // The thumbprint first: when the label is shortened, what tells two certificates apart stays.
      return `${what}${thumb ? ` ${thumb.slice(0, 8)}…` : ''}${who ? ` ${short(who, 40)}` : ''}`;
    }
    case 'stores':
      return `store ${str(i.store) ?? fallbackKey}`;
    case 'keys':
      return `key ${short(str(i.keyPath) ?? fallbackKey, 60)}`;
    case 'values':
      return `value ${str(i.name) ?? fallbackKey}`;
    case 'targets':
      return `target ${endpoint(i) ?? fallbackKey}`;
    case 'attempts':
      return str(i.role) ? `${str(i.role)}` : `attempt ${endpoint(obj(i.target)) ?? endpoint(obj(i.tls)) ?? fallbackKey}`;
    case 'webServices':
      return `web service ${str(i.kind) ?? short(str(i.url) ?? fallbackKey)}`;
    case 'routes':
      return `route for ${short(str(i.host) ?? str(i.url) ?? fallbackKey)}`;
    case 'candidates':
      return `candidate ${endpoint(i) ?? fallbackKey}`;
    case 'probes':
      return `probe ${short(str(i.target) ?? endpoint(i) ?? fallbackKey)}`;
    case 'chain':
      return `chain certificate ${short(str(i.subjectCN) ?? fallbackKey, 40)}`;
    case 'challenges':
      return `challenge ${str(i.scheme) ?? fallbackKey}`;
    case 'diagnostics':
      return `ms-diagnostics ${str(i.code) ?? fallbackKey}`;
    case 'observations':
      return `observation ${short(str(i.source) ?? fallbackKey)}`;
    default: {
      const name = str(i.role) ?? str(i.name) ?? str(i.host) ?? str(i.kind) ?? str(i.id) ?? str(i.url);
      return `${fieldWords(list).replace(/s$/, '')} ${short(name ?? fallbackKey)}`;
    }
  }
}

/** An ISO time as date and time ("2026-05-09 05:24:00 UTC"); other text as it is. */
export function isoWords(v: string): string {
  const iso = /^(\d{4}-\d\d-\d\d)T(\d\d:\d\d:\d\d)(?:\.\d+)?Z$/.exec(v);
  return iso ? `${iso[1]} ${iso[2]} UTC` : v;
}

const SUMMARY_FIRST = ['target', 'port', 'name', 'host', 'role', 'subjectCommonName', 'notAfter', 'tlsDsk', 'outcome', 'status', 'thumbprint', 'issuerCommonName'];

/** A one-line account of a whole item (for an item only one side has): its scalar fields in words. */
export function itemSummary(item: unknown, max = 300): string {
  const parts: string[] = [];
  const o = obj(item);
  // What a person looks at first; the rest follows in the item's own order. CN forms make subject/issuer repeats.
  const skip = new Set(['durationMs', 'derBase64', ...(o.subjectCommonName ? ['subject'] : []), ...(o.issuerCommonName ? ['issuer'] : [])]);
  const keys = [...SUMMARY_FIRST.filter((k) => k in o), ...Object.keys(o).filter((k) => !SUMMARY_FIRST.includes(k))];
  for (const [k, v] of keys.map((k) => [k, o[k]] as const)) {
    if (skip.has(k)) continue;
    if (v === null || v === undefined || v === '') continue;
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') parts.push(`${fieldWords(k)} ${typeof v === 'string' ? short(isoWords(v), 60) : String(v)}`);
    else if (Array.isArray(v) && v.length && v.every((x) => typeof x === 'string' || typeof x === 'number')) parts.push(`${fieldWords(k)} ${short(v.join(', '), 60)}`);
  }
  const s = parts.join(', ');
  return s.length > max ? `${s.slice(0, max - 1)}…` : s || '(item)';
}
