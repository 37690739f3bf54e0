/** Proxy checks: authenticating proxies, file:// PAC, WinINET/WinHTTP mismatch, broken PAC or proxy, TLS interception. */
import { hostPort } from '../model/endpoint';
import type { EndpointRole, ProxyAuthSection, ProxyProbe, ProxySection, WinInetSettings } from '../model/proxy';
import type { Snapshot } from '../model/snapshot';
import type { TlsSection } from '../model/tls';
import type { Check, FindingDraft } from './types';
import { ev } from './types';

/** Section data when the collector produced some (ok, or partial at a timeout). */
function proxyData(s: Snapshot): ProxySection | undefined {
  const r = s.sections.proxy;
  return r && (r.status === 'ok' || r.status === 'timeout') ? r.data : undefined;
}

/**
 * Probes the collector recorded: ok, timeout, and partial (some names could not be asked from DNS; each probe says so
 * in directDns, and the checks that blame the proxy for a refusal read it there).
 */
function probes(s: Snapshot): readonly ProxyProbe[] {
  const r = s.sections.proxyAuth;
  const d: ProxyAuthSection | undefined = r && (r.status === 'ok' || r.status === 'timeout' || r.status === 'partial') ? r.data : undefined;
  return d?.probes ?? [];
}

function tlsData(s: Snapshot): TlsSection | undefined {
  const r = s.sections.tls;
  return r && (r.status === 'ok' || r.status === 'timeout') ? r.data : undefined;
}

const ROUTE_ONLY: readonly EndpointRole[] = ['exchange-autodiscover', 'office365'];
const MOBILE_ROLES: readonly EndpointRole[] = ['lyncdiscover', 'lyncdiscoverinternal', 'web-services'];
const SIP_ROLES: readonly EndpointRole[] = ['sip', 'sipexternal', 'sipinternal', 'sip-srv', 'sipinternal-srv'];

const isLync = (p: ProxyProbe): boolean => p.roles.some((r) => !ROUTE_ONLY.includes(r));

/**
 * True when a refusal can be laid at the proxy's door: our DNS shows the name resolves. After NXDOMAIN every
 * proxy must refuse (squid answers 500 ERR_CANNOT_FORWARD), and when DNS could not be asked nothing is known.
 */
export function blamesProxy(p: ProxyProbe): boolean {
  return p.directDns === 'resolves';
}

/** Probes grouped by proxy. */
function byProxy(list: readonly ProxyProbe[]): Map<string, ProxyProbe[]> {
  const m = new Map<string, ProxyProbe[]>();
  for (const p of list) m.set(p.proxy, [...(m.get(p.proxy) ?? []), p]);
  return m;
}

/** WinINET sends traffic to a proxy (static list or PAC); auto-detect alone does not count (often no WPAD at all). */
export function wininetUsesProxy(w: WinInetSettings | null): boolean {
  return w?.outcome === 'ok' && ((w.proxyEnable && w.servers.length > 0) || w.autoConfigUrl !== null);
}

function wininetText(w: WinInetSettings): string {
  const parts: string[] = [];
  if (w.autoConfigUrl) parts.push(`AutoConfigURL ${w.autoConfigUrl}`);
  if (w.proxyEnable && w.proxyServer) parts.push(`ProxyServer ${w.proxyServer}`);
  if (w.autoDetect) parts.push('auto-detect on');
  return parts.join('; ') || 'no proxy (direct)';
}

/** KB4025058: the WinHTTP proxy service takes a PAC served as application/x-ns-proxy-autoconfig or named *.pac/.dat/.js/.jvs. */
export function pacServedAsPac(source: string, contentType: string | undefined): boolean {
  if (contentType && /application\/x-ns-proxy-autoconfig/i.test(contentType)) return true;
  // Stryker disable next-line Regex: .* is greedy, so the $ anchor changes nothing
  const path = source.replace(/[?#].*$/, '');
  return /\.(pac|dat|js|jvs)$/i.test(path);
}

export const authenticatingProxy: Check = {
  id: 'LD-PROXY-001',
  title: 'Authenticating proxy in the path of Lync web traffic',
  severity: 'warning',
  articleId: 'authenticating-proxy-blocks-meeting-join',
  research: ['SFB-KI-028'],
  sections: ['proxyAuth'],
  description: 'Lync endpoints reached through a proxy should not need proxy authentication (clients that cannot authenticate to a proxy fail).',
  evaluate(s) {
    const drafts: FindingDraft[] = [];
    for (const [proxy, list] of byProxy(probes(s).filter((p) => p.outcome === 'auth-required' && isLync(p)))) {
      const schemes = [...new Set(list.flatMap((p) => p.authSchemes))];
      drafts.push({
        message: `Proxy ${proxy} answers 407 Proxy Authentication Required (offering ${schemes.join(', ') || 'no scheme'}) for ${list.map((p) => p.target).join(', ')}. Clients that do no proxy authentication (Lync Attendee, Live Meeting, components with the "Placeware RPC 1.0" user agent) fail there; expected: Lync hosts exempt from proxy authentication.`,
        evidence: [ev('proxy', proxy), ev('Proxy-Authenticate schemes', schemes.join(', ') || '(none)'), ...list.map((p) => ev(`CONNECT ${p.target}`, `${p.status} ${p.statusText}`))],
      });
    }
    return drafts;
  },
};

export const proxyAuthNoDigest: Check = {
  id: 'LD-PROXY-002',
  title: 'Authenticating proxy offers no scheme mobile clients can use',
  severity: 'warning',
  articleId: 'mobile-authenticating-proxy-digest-only',
  research: ['SFB-KI-023'],
  sections: ['proxyAuth'],
  description: 'A proxy that demands authentication for lyncdiscover or the web services should offer Digest, which Lync/Skype for Business mobile clients support.',
  evaluate(s) {
    const drafts: FindingDraft[] = [];
    const hits = probes(s).filter((p) => p.outcome === 'auth-required' && p.roles.some((r) => MOBILE_ROLES.includes(r)) && !p.authSchemes.some((x) => x.toLowerCase() === 'digest'));
    for (const [proxy, list] of byProxy(hits)) {
      const schemes = [...new Set(list.flatMap((p) => p.authSchemes))];
      drafts.push({
        message: `Proxy ${proxy} demands authentication for ${list.map((p) => p.target).join(', ')} and offers only ${schemes.join(', ') || 'no scheme'}; Lync/Skype for Business mobile clients authenticate to a proxy with Digest only (not NTLM or Negotiate), so they cannot sign in on this network. Expected: Digest offered, or these hosts exempt from authentication.`,
        evidence: [ev('proxy', proxy), ev('schemes offered', schemes.join(', ') || '(none)'), ev('expected', 'Digest, or no authentication for lyncdiscover and web services')],
      });
    }
    return drafts;
  },
};

export const filePac: Check = {
  id: 'LD-PROXY-003',
  title: 'Proxy configured by a file:// PAC script',
  severity: 'warning',
  articleId: 'pac-file-url-not-honoured',
  research: ['SFB-KI-024'],
  sections: ['proxy'],
  description: 'WinINET AutoConfigURL should be an http(s) URL: WinHTTP (Sign-In Assistant) cannot use a file:// PAC.',
  evaluate(s) {
    const d = proxyData(s);
    if (!d) return [];
    const url = d.wininet?.outcome === 'ok' ? d.wininet.autoConfigUrl : null;
    if (!url?.match(/^(file:|[a-z]:\\|\\\\)/i)) return [];
    const winhttp = d.winhttp?.outcome === 'ok' ? (d.winhttp.direct ? 'direct access (no proxy server)' : `proxy ${d.winhttp.proxyServer}`) : 'not read';
    const online = d.routes.some((r) => r.roles.includes('office365'));
    return [
      {
        severity: online && d.winhttp?.direct ? 'error' : 'warning',
        message: `AutoConfigURL is ${url}, a file-based PAC. WinHTTP, which the Office 365 Sign-In Assistant uses, cannot run a file:// PAC (on Windows 10 and later Internet Explorer and Edge cannot either, KB4025058) and goes ${winhttp}${online ? '; this SIP domain is homed in Office 365, so sign-in traffic to login.microsoftonline.com bypasses the proxy' : ''}. Expected: the PAC published on http(s), or WPAD.`,
        evidence: [ev('AutoConfigURL', url), ev('WinHTTP', winhttp), ev('Office 365 domain', online ? 'yes' : 'no')],
      },
    ];
  },
};

export const wininetWinhttpMismatch: Check = {
  id: 'LD-PROXY-004',
  title: 'WinINET and WinHTTP proxy settings disagree',
  severity: 'warning',
  articleId: 'wrong-proxy-office365-authentication',
  research: ['SFB-KI-026'],
  sections: ['proxy'],
  description: 'When the user (WinINET) goes through a proxy, the machine (WinHTTP: Sign-In Assistant, services) should too, and the reverse.',
  evaluate(s) {
    const d = proxyData(s);
    const w = d?.wininet;
    const h = d?.winhttp;
    if (!w || !h || w.outcome !== 'ok' || h.outcome !== 'ok') return [];
    const userProxy = wininetUsesProxy(w);
    const machineProxy = !h.direct;
    if (userProxy === machineProxy) return [];
    const evidence = [ev('WinINET (Internet Options)', wininetText(w)), ev('WinHTTP (netsh winhttp show proxy)', h.direct ? 'direct access (no proxy server)' : `proxy ${h.proxyServer}`)];
    return [
      {
        message: userProxy
          ? `Internet Options send traffic to a proxy (${wininetText(w)}) but WinHTTP is set to direct access; components that use WinHTTP (the Office 365 Sign-In Assistant, background services) try to connect directly and fail where only the proxy may go out.`
          : `WinHTTP uses proxy ${h.proxyServer} while Internet Options are direct; the Lync client (WinINET) and WinHTTP-based components take different paths, which can send authentication to a different proxy than the rest of the traffic.`,
        evidence,
      },
    ];
  },
};

export const directSipFirst: Check = {
  id: 'LD-PROXY-005',
  title: 'Client will try SIP directly before the proxy, and the direct path is blocked',
  severity: 'warning',
  articleId: 'direct-sip-instead-of-proxy',
  research: ['SFB-KI-025'],
  sections: ['proxy', 'tls'],
  description: 'With a proxy as the only way out, EnableDetectProxyForAllConnections=1 should make the client use it for SIP instead of timing out on a direct attempt.',
  evaluate(s) {
    const d = proxyData(s);
    const w = d?.wininet ?? null;
    const t = tlsData(s);
    // Stryker disable next-line OptionalChaining: wininetUsesProxy(w) above guarantees w
    if (!d || !t || !wininetUsesProxy(w) || w?.enableDetectProxyForAllConnections === 1) return [];
    const blocked = t.probes.filter((p) => p.via === null && p.roles.some((r) => SIP_ROLES.includes(r)) && ['timeout', 'refused', 'unreachable', 'reset'].includes(p.outcome));
    if (blocked.length === 0) return [];
    return [
      {
        // Stryker disable next-line OptionalChaining: wininetUsesProxy(w) above guarantees w
        message: `A proxy is configured (${wininetText(w as WinInetSettings)}) and direct SIP connections fail (${blocked.map((p) => `${hostPort(p.host, p.port)} ${p.outcome}`).join(', ')}), but EnableDetectProxyForAllConnections is ${w?.enableDetectProxyForAllConnections ?? 'not set'}; the client tries SIP directly first and sign-in is slow or fails. Expected: HKCU\\Software\\Microsoft\\UCCPlatform\\Lync EnableDetectProxyForAllConnections = 1.`,
        // Stryker disable next-line OptionalChaining: wininetUsesProxy(w) above guarantees w
        evidence: [ev('EnableDetectProxyForAllConnections', w?.enableDetectProxyForAllConnections ?? 'absent'), ...blocked.map((p) => ev(`direct ${hostPort(p.host, p.port)}`, `${p.outcome}: ${p.message}`))],
      },
    ];
  },
};

export const exchangeBlocked: Check = {
  id: 'LD-PROXY-006',
  title: 'The proxy blocks Exchange Autodiscover / EWS',
  severity: 'warning',
  articleId: 'proxy-blocks-exchange-autodiscover',
  research: ['SFB-KI-027'],
  sections: ['proxyAuth'],
  description: 'autodiscover.<domain> (Exchange) must pass the proxy without authentication for Lync calendar, EWS and address-book features; only blamed on the proxy when the name resolves directly.',
  evaluate(s) {
    return probes(s)
      .filter((p) => p.roles.includes('exchange-autodiscover') && p.outcome !== 'tunnel' && blamesProxy(p))
      .map((p) => ({
        message: `CONNECT ${p.target} through proxy ${p.proxy} did not open a tunnel (${p.outcome}${p.status ? ` ${p.status}` : ''}${p.authSchemes.length ? `, offers ${p.authSchemes.join(', ')}` : ''}) although the name resolves directly; Lync's Exchange integration (free/busy, EWS, "Credentials are required" prompts) depends on reaching Exchange Autodiscover.`,
        evidence: [ev('proxy', p.proxy), ev('target', p.target), ev('answer', p.message), ev('direct DNS', 'resolves'), ...(p.proxyError ? [ev('proxy error code', p.proxyError)] : [])],
      }));
  },
};

export const pacBroken: Check = {
  id: 'LD-PROXY-007',
  title: 'The PAC file cannot be fetched or run',
  severity: 'error',
  articleId: 'proxy-configuration-broken',
  research: [],
  sections: ['proxy'],
  description: 'The proxy auto-configuration script must download, define FindProxyForURL and answer for every Lync endpoint without errors or delays.',
  evaluate(s) {
    const d = proxyData(s);
    if (!d?.pac) return [];
    const pac = d.pac;
    const severity = pac.origin === 'cli' ? 'warning' : 'error';
    if (pac.outcome !== 'ok') {
      return [
        {
          severity,
          message: `The PAC file ${pac.source} is unusable (${pac.outcome}): ${pac.message}. Clients then fall back to a direct connection, which fails where only the proxy may go out.`,
          evidence: [ev('PAC', pac.source), ev('configured by', pac.origin === 'cli' ? '--proxy-pac' : 'Internet Options AutoConfigURL'), ev('outcome', pac.outcome), ...(pac.httpStatus ? [ev('HTTP status', pac.httpStatus)] : [])],
        },
      ];
    }
    const drafts: FindingDraft[] = [];
    if (pac.scheme !== 'file' && !pacServedAsPac(pac.source, pac.contentType)) {
      drafts.push({
        severity: 'warning',
        message: `The PAC file ${pac.source} is served as "${pac.contentType ?? 'no Content-Type'}" under a name without a .pac/.dat/.js/.jvs extension; the WinHTTP proxy service (used by Windows 10 and later) ignores such a script.`,
        evidence: [ev('PAC', pac.source), ev('Content-Type', pac.contentType ?? '(none)'), ev('expected', 'application/x-ns-proxy-autoconfig, or a .pac/.dat/.js/.jvs file name')],
      });
    }
    // One line per endpoint whose answer holds an error entry, with that entry's reason.
    const failed = d.routes.flatMap((r) => r.candidates.flatMap((c) => (c.kind === 'error' ? [ev(r.url, c.reason)] : [])).slice(0, 1));
    if (failed.length === 0) return drafts;
    return [
      ...drafts,
      {
        severity,
        message: `The PAC file ${pac.source} loads but FindProxyForURL fails for ${failed.length} endpoint(s); clients fall back to a direct connection for them.`,
        evidence: failed,
      },
    ];
  },
};

export const tlsInterception: Check = {
  id: 'LD-PROXY-008',
  title: 'The proxy intercepts TLS (replaces the server certificate)',
  severity: 'error',
  articleId: 'proxy-tls-interception',
  research: [],
  sections: ['proxyAuth'],
  description: 'Through the proxy, Lync endpoints must present the same certificate as directly (no TLS break-and-inspect).',
  evaluate(s) {
    return probes(s).flatMap((p) => {
      const { proxiedLeaf: via, directLeaf: direct } = p;
      if (p.interception !== 'detected' || !via || !direct) return [];
      return [
        {
          message: `Through proxy ${p.proxy}, ${p.target} presents a certificate issued by ${via.issuer}, but directly the server presents one issued by ${direct.issuer}: the proxy decrypts and re-signs the traffic. Expected: the server's own certificate (Lync hosts excluded from TLS inspection).`,
          evidence: [ev('proxy', p.proxy), ev('through the proxy', `${via.subject} / issuer ${via.issuer} / SHA-256 ${via.sha256}`), ev('direct', `${direct.subject} / issuer ${direct.issuer} / SHA-256 ${direct.sha256}`)],
        },
      ];
    });
  },
};

export const proxyFailsLync: Check = {
  id: 'LD-PROXY-009',
  title: 'The proxy does not carry Lync traffic',
  severity: 'warning',
  articleId: 'proxy-configuration-broken',
  research: [],
  sections: ['proxyAuth'],
  description: 'The proxy chosen for a Lync endpoint must answer and open a CONNECT tunnel (a refusal, a non-HTTP answer or silence breaks sign-in).',
  evaluate(s) {
    const lync = probes(s).filter(isLync);
    // A proxy that answers but refuses is only at fault when the name exists (it cannot forward to a name that does not).
    const bad = lync.filter((p) => ['not-http', 'unreachable', 'timeout', 'error'].includes(p.outcome) || (p.outcome === 'refused' && blamesProxy(p)));
    const none = bad.length === lync.length;
    return [...byProxy(bad).entries()].map(([proxy, list]) => ({
      severity: none ? ('error' as const) : ('warning' as const),
      message: `Proxy ${proxy} does not open a tunnel for ${list.map((p) => `${p.target} (${p.outcome}${p.status ? ` ${p.status}` : ''})`).join(', ')}${none ? '; no Lync endpoint gets through the proxy' : ''}. Proxies often allow CONNECT to port 443 only; SIP on 5061 or a stopped proxy shows up here.`,
      evidence: list.map((p) => ev(`CONNECT ${p.target}`, p.message)),
    }));
  },
};

export const proxyChecks: readonly Check[] = [authenticatingProxy, proxyAuthNoDigest, filePac, wininetWinhttpMismatch, directSipFirst, exchangeBlocked, pacBroken, tlsInterception, proxyFailsLync];

