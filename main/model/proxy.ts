/** Proxy facts: what the PC is set to use, what a PAC file picks per endpoint, and what proxies answer. */
import { bracketHost, hostPort } from './endpoint';

/** The role an endpoint plays for the Lync client (one host:port may carry several). */
export type EndpointRole =
  | 'lyncdiscoverinternal'
  | 'lyncdiscover'
  | 'sipinternal'
  | 'sip'
  | 'sipexternal'
  | 'sip-srv'
  | 'sipinternal-srv'
  | 'federation-srv'
  | 'web-services'
  | 'exchange-autodiscover'
  | 'office365';

/** A host:port the client talks to, found from DNS (or from the autodiscover answer). */
export interface NetworkEndpoint {
  readonly host: string;
  readonly port: number;
  readonly protocol: 'https' | 'sip-tls';
  readonly roles: readonly EndpointRole[];
  /** Addresses DNS gave for the host (empty when it came from elsewhere). */
  readonly addresses: readonly string[];
  /** False for endpoints only evaluated for the proxy route (Exchange autodiscover, Office 365 sign-in). */
  readonly probe: boolean;
}

/** "host:port" key of an endpoint. */
export function endpointKey(e: Pick<NetworkEndpoint, 'host' | 'port'>): string {
  return hostPort(e.host, e.port);
}

/** The URL a client (and a PAC file) sees for an endpoint. */
export function endpointUrl(e: Pick<NetworkEndpoint, 'host' | 'port'>): string {
  return e.port === 443 ? `https://${bracketHost(e.host)}/` : `https://${hostPort(e.host, e.port)}/`;
}

export type ReadingOutcome = 'ok' | 'absent' | 'access-denied' | 'error';

export interface ProxyServerEntry {
  /** Protocol the entry serves ("all" for a plain host:port). */
  readonly scheme: 'all' | 'http' | 'https' | 'ftp' | 'socks';
  readonly host: string;
  readonly port: number;
}

/** Per-user WinINET settings (Internet Options > Connections > LAN settings). */
export interface WinInetSettings {
  readonly outcome: ReadingOutcome;
  readonly message: string;
  readonly keyPath: string;
  readonly proxyEnable: boolean;
  /** ProxyServer exactly as stored. */
  readonly proxyServer: string | null;
  readonly servers: readonly ProxyServerEntry[];
  /** ProxyOverride entries (without `<local>`). */
  readonly bypass: readonly string[];
  /** ProxyOverride contains `<local>`: plain host names bypass the proxy. */
  readonly bypassLocal: boolean;
  readonly autoConfigUrl: string | null;
  /** "Automatically detect settings" (WPAD); null when it could not be read. */
  readonly autoDetect: boolean | null;
  /** HKCU\Software\Microsoft\UCCPlatform\Lync EnableDetectProxyForAllConnections (null: absent). */
  readonly enableDetectProxyForAllConnections: number | null;
}

/** Machine-wide WinHTTP settings (netsh winhttp show proxy). */
export interface WinHttpSettings {
  readonly outcome: ReadingOutcome;
  readonly message: string;
  readonly direct: boolean;
  readonly proxyServer: string | null;
  readonly servers: readonly ProxyServerEntry[];
  readonly bypass: readonly string[];
  /** HKLM\...\Internet Settings\WinHttp DefaultSecureProtocols (KB3140245); null: absent. */
  readonly defaultSecureProtocols: number | null;
  /** Which WinHTTP view the fields above describe: the one the Lync/SfB client uses (64-bit when unknown). */
  readonly view?: WinHttpViewName;
  /** Bitness of the installed Lync/SfB (Office) client; null: not found. */
  readonly clientBitness?: WinHttpViewName | null;
  /** Both views, labelled: 64-bit (System32\netsh, native registry) and 32-bit (SysWOW64\netsh, WOW6432Node). */
  readonly views?: readonly WinHttpView[];
}

export type WinHttpViewName = '64-bit' | '32-bit';

/** One WinHTTP view: its proxy (netsh) and its DefaultSecureProtocols key. */
export interface WinHttpView {
  readonly view: WinHttpViewName;
  readonly outcome: ReadingOutcome;
  readonly message: string;
  readonly direct: boolean;
  readonly proxyServer: string | null;
  readonly bypass: readonly string[];
  readonly defaultSecureProtocols: number | null;
  /** The registry key DefaultSecureProtocols was read from. */
  readonly keyPath: string;
}

/** HTTPS_PROXY / HTTP_PROXY / NO_PROXY, credentials removed. */
export interface EnvProxySettings {
  readonly httpsProxy: string | null;
  readonly httpProxy: string | null;
  readonly noProxy: readonly string[];
}

export type PacOutcome = 'ok' | 'fetch-failed' | 'too-large' | 'not-pac' | 'script-error' | 'timeout';

/** The PAC file: where it came from and whether it could be run. */
export interface PacReading {
  /** URL or path as configured. */
  readonly source: string;
  readonly origin: 'cli' | 'wininet';
  readonly scheme: 'http' | 'https' | 'file';
  readonly outcome: PacOutcome;
  readonly message: string;
  readonly bytes: number;
  readonly sha256: string | null;
  readonly httpStatus: number | null;
  /** Content-Type the PAC was served with (http/https only). */
  readonly contentType?: string;
  readonly durationMs: number;
  /** Server Date header and local time when it arrived (clock comparison). */
  readonly serverDate?: string;
  readonly localDate?: string;
}

export type ProxyChoice =
  | { readonly kind: 'direct' }
  | { readonly kind: 'proxy'; readonly host: string; readonly port: number }
  /** SOCKS or HTTPS proxies: recorded, not probed. */
  | { readonly kind: 'unsupported'; readonly value: string }
  /** The PAC failed for this URL. */
  | { readonly kind: 'error'; readonly reason: string };

export type RouteSource = 'cli-proxy' | 'cli-pac' | 'wininet-pac' | 'wininet-static' | 'env' | 'none';

/** Which way a client goes to one endpoint, and why. */
export interface ProxyRoute {
  readonly host: string;
  readonly port: number;
  readonly url: string;
  readonly roles: readonly EndpointRole[];
  readonly source: RouteSource;
  /** What FindProxyForURL returned, as text. */
  readonly pacResult?: string;
  readonly candidates: readonly ProxyChoice[];
  readonly chosen: ProxyChoice;
  /** Why the choice was made (bypass entry matched, PAC answer, …). */
  readonly reason: string;
}

export interface ProxySection {
  /** null when not on Windows. */
  readonly wininet: WinInetSettings | null;
  readonly winhttp: WinHttpSettings | null;
  readonly env: EnvProxySettings;
  readonly cli: { readonly proxy: string | null; readonly pac: string | null };
  readonly pac: PacReading | null;
  readonly routes: readonly ProxyRoute[];
}

export type ProxyProbeOutcome =
  /** CONNECT answered 200: the proxy tunnels without authentication. */
  | 'tunnel'
  | 'auth-required'
  | 'refused'
  | 'not-http'
  | 'timeout'
  | 'unreachable'
  | 'error';

export type InterceptionVerdict = 'none' | 'detected' | 'unknown' | 'not-tested';

export interface LeafSummary {
  readonly subject: string;
  readonly issuer: string;
  readonly sha256: string;
}

/** One CONNECT through a proxy, sent without credentials. */
/**
 * What the direct path (our DNS) says about the probed name, so a proxy refusal is only blamed on the proxy when
 * the name exists: `resolves`, `nxdomain`/`nodata` (the name has no address: any proxy must fail), `could-not-ask`.
 */
export type DirectDns = 'resolves' | 'nxdomain' | 'nodata' | 'could-not-ask';

export interface ProxyProbe {
  readonly proxy: string;
  readonly target: string;
  readonly roles: readonly EndpointRole[];
  readonly outcome: ProxyProbeOutcome;
  readonly status: number | null;
  readonly statusText: string;
  /** Proxy-Authenticate scheme names only (NTLM, Negotiate, Basic, Digest…); never challenge data. */
  readonly authSchemes: readonly string[];
  /** Server / Via header of the proxy (product), trimmed. */
  readonly proxyAgent: string | null;
  readonly interception: InterceptionVerdict;
  readonly proxiedLeaf?: LeafSummary;
  readonly directLeaf?: LeafSummary;
  readonly message: string;
  readonly durationMs: number;
  readonly serverDate?: string;
  readonly localDate?: string;
  /** The name as our DNS sees it (absent in bundles from before this was recorded). */
  readonly directDns?: DirectDns;
  /** The proxy's own error code when it sends one (squid: X-Squid-Error, e.g. "ERR_CANNOT_FORWARD 0"). */
  readonly proxyError?: string;
}

export interface ProxyAuthSection {
  readonly probes: readonly ProxyProbe[];
}

/** Proxy-Authenticate / WWW-Authenticate values → scheme names, dropping every parameter and token. */
export function authSchemes(values: readonly string[]): string[] {
  const out: string[] = [];
  for (const v of values) {
    // split on commas outside quotes
    const parts: string[] = [];
    let cur = '';
    let quoted = false;
    for (const ch of v) {
      if (ch === '"') quoted = !quoted;
      if (ch === ',' && !quoted) {
        parts.push(cur);
        cur = '';
      } else cur += ch;
    }
    parts.push(cur);
    for (const p of parts) {
      const m = /^\s*([A-Za-z][A-Za-z0-9._-]*)(?:\s+(.*))?$/.exec(p);
      if (!m) continue;
      const rest = m[2] ?? '';
      // "realm=x" is a parameter of the previous scheme, not a scheme
      if (/^\s*=/.test(rest) || /=/.test(m[1] as string)) continue;
      if (p.trim().startsWith(`${m[1]}=`)) continue;
      const name = m[1] as string;
      if (!out.some((x) => x.toLowerCase() === name.toLowerCase())) out.push(name);
    }
  }
  return out;
}
