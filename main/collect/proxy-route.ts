/** Which proxy a client picks for a URL: static WinINET lists with bypass rules, environment variables, PAC answers. */
import { hostPort } from '../model/endpoint';
import type { EnvProxySettings, ProxyChoice, ProxyServerEntry } from '../model/proxy';
import { stripCredentials } from './credentials';

export { stripCredentials };

/** Parses an http proxy address ("http://host:port" or "host:port"); throws on anything else. */
export function parseProxyAddress(value: string): { host: string; port: number } {
  const v = value.trim();
  const m = /^(?:(http):\/\/)?(?:[^/\s]*@)?(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+)(?::(\d{1,5}))?\/?$/i.exec(v);
  if (!m) throw new Error(`"${stripCredentials(v)}" is not an HTTP proxy address like http://proxy.contoso.com:8080`);
  const port = m[3] ? Number(m[3]) : 80;
  if (port < 1 || port > 65535) throw new Error(`"${stripCredentials(v)}": port must be 1-65535`);
  return { host: (m[2] as string).replace(/^\[|\]$/g, '').toLowerCase(), port };
}

/** HTTPS_PROXY / HTTP_PROXY / NO_PROXY from an environment, without credentials. */
export function envProxySettings(env: Readonly<Record<string, string | undefined>>): EnvProxySettings {
  const pick = (a: string): string | null => {
    const v = env[a] ?? env[a.toLowerCase()];
    return v && v.trim() ? stripCredentials(v.trim()) : null;
  };
  const no = env.NO_PROXY ?? env.no_proxy ?? '';
  return { httpsProxy: pick('HTTPS_PROXY'), httpProxy: pick('HTTP_PROXY'), noProxy: no.split(/[,\s]+/).map((s) => s.trim()).filter(Boolean) };
}

function globToRegExp(glob: string): RegExp {
  const esc = glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${esc}$`, 'i');
}

/** WinINET/WinHTTP bypass entry match: `*` wildcards, optional scheme and port, against host (or host:port, [v6]:port). */
export function bypassMatches(host: string, port: number, entry: string): boolean {
  const e = entry.trim().replace(/^[a-z]+:\/\//i, '');
  if (!e) return false;
  const re = globToRegExp(e);
  return re.test(host) || re.test(hostPort(host, port));
}

export interface Choice {
  readonly chosen: ProxyChoice;
  readonly reason: string;
}

/** The static (ProxyServer + ProxyOverride) decision for an HTTPS/SIP-TLS connection to host:port. */
export function staticChoice(servers: readonly ProxyServerEntry[], bypass: readonly string[], bypassLocal: boolean, host: string, port: number): Choice {
  const hit = bypass.find((b) => bypassMatches(host, port, b));
  if (hit) return { chosen: { kind: 'direct' }, reason: `bypass entry "${hit}" matches ${host}` };
  if (bypassLocal && !host.includes('.')) return { chosen: { kind: 'direct' }, reason: `<local> bypasses the plain host name ${host}` };
  const perProtocol = servers.some((s) => s.scheme !== 'all');
  const entry = servers.find((s) => s.scheme === 'https') ?? servers.find((s) => s.scheme === 'all');
  if (entry) return { chosen: { kind: 'proxy', host: entry.host, port: entry.port }, reason: `ProxyServer ${entry.scheme === 'all' ? 'for all protocols' : 'for https'}` };
  const socks = servers.find((s) => s.scheme === 'socks');
  if (socks) return { chosen: { kind: 'unsupported', value: `SOCKS ${hostPort(socks.host, socks.port)}` }, reason: 'only a SOCKS proxy is set' };
  return { chosen: { kind: 'direct' }, reason: perProtocol ? 'ProxyServer lists no https proxy, so HTTPS goes direct' : 'no proxy server set' };
}

/** A NO_PROXY entry's name and port: "[v6]:port" and "[v6]" in brackets, a bare IPv6 address (more than one colon) has no port. */
function noProxyEntry(e: string): readonly [string, string | undefined] {
  const v6 = /^\[([^\]]*)\](?::(\d*))?$/.exec(e);
  if (v6) return [v6[1] as string, v6[2]];
  return e.indexOf(':') === e.lastIndexOf(':') ? (e.split(':') as [string, string | undefined]) : [e, undefined];
}

/** NO_PROXY match: "*", a domain (and its sub-domains), ".domain", host:port, an IPv6 address bare or as [v6]:port. */
export function noProxyMatches(host: string, port: number, entries: readonly string[]): string | undefined {
  const h = host.toLowerCase();
  return entries.find((raw) => {
    const e = raw.toLowerCase();
    if (e === '*') return true;
    const [name, p] = noProxyEntry(e);
    if (p && Number(p) !== port) return false;
    const d = name.replace(/^\*?\./, '');
    return h === d || h.endsWith(`.${d}`);
  });
}

/** The environment-variable decision for an HTTPS connection. */
export function envChoice(env: EnvProxySettings, host: string, port: number): Choice | null {
  const url = env.httpsProxy ?? env.httpProxy;
  if (!url) return null;
  const hit = noProxyMatches(host, port, env.noProxy);
  if (hit) return { chosen: { kind: 'direct' }, reason: `NO_PROXY entry "${hit}" matches ${host}` };
  try {
    const p = parseProxyAddress(url);
    return { chosen: { kind: 'proxy', ...p }, reason: `${env.httpsProxy ? 'HTTPS_PROXY' : 'HTTP_PROXY'} environment variable` };
  } catch {
    return { chosen: { kind: 'unsupported', value: url }, reason: 'proxy environment variable is not an http:// address' };
  }
}

/** Reads a FindProxyForURL answer ("PROXY a:8080; DIRECT") into ordered choices; unknown words are errors. */
export function parsePacAnswer(answer: unknown): ProxyChoice[] {
  if (answer === null || answer === undefined || answer === '') return [{ kind: 'direct' }];
  if (typeof answer !== 'string') return [{ kind: 'error', reason: `FindProxyForURL returned ${typeof answer}, not a string` }];
  const out: ProxyChoice[] = [];
  for (const part of answer.split(';').map((s) => s.trim()).filter(Boolean)) {
    const m = /^(\S+)\s*(.*)$/.exec(part) as RegExpExecArray;
    const word = m[1] as string;
    const addr = (m[2] as string).trim() || undefined;
    const w = word.toUpperCase();
    if (w === 'DIRECT') out.push({ kind: 'direct' });
    else if ((w === 'PROXY' || w === 'HTTP') && addr) {
      try {
        out.push({ kind: 'proxy', ...parseProxyAddress(addr) });
      } catch {
        out.push({ kind: 'error', reason: `unreadable proxy address "${addr}"` });
      }
    } else if ((w === 'HTTPS' || w.startsWith('SOCKS')) && addr) out.push({ kind: 'unsupported', value: `${w} ${addr}` });
    else out.push({ kind: 'error', reason: `unknown PAC answer "${part.slice(0, 80)}"` });
  }
  return out.length ? out : [{ kind: 'direct' }];
}

/** Human text of a choice. */
export function choiceText(c: ProxyChoice): string {
  switch (c.kind) {
    case 'direct':
      return 'DIRECT';
    case 'proxy':
      return `PROXY ${hostPort(c.host, c.port)}`;
    case 'unsupported':
      return c.value;
    case 'error':
      return `error: ${c.reason}`;
  }
}
