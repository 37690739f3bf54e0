/** Parses WinINET proxy settings (reg query of HKCU\...\Internet Settings) into typed values. */
import type { ProxyServerEntry, WinInetSettings } from '../../model/proxy';
import { stripProxyList } from '../credentials';
import { parseRegQuery } from './parse-reg-query';

/** The values the Internet Settings key itself holds (the model's WinINET settings without reading metadata). */
export type WinInetValues = Pick<WinInetSettings, 'proxyEnable' | 'proxyServer' | 'servers' | 'bypass' | 'bypassLocal' | 'autoConfigUrl' | 'autoDetect'>;

const SCHEMES = ['http', 'https', 'ftp', 'socks'] as const;

/** "host:port", "http=a:80;https=b:443", "http=http://a:80" or space-separated lists → entries (default port 80). */
export function parseProxyServer(value: string): ProxyServerEntry[] {
  const out: ProxyServerEntry[] = [];
  for (const raw of value.split(/[;\s]+/).filter(Boolean)) {
    const eq = raw.indexOf('=');
    // "=a:80" names no scheme and no valid host: WinINET cannot use it, so neither do we.
    if (eq === 0) continue;
    const scheme = eq > 0 ? raw.slice(0, eq).toLowerCase() : 'all';
    if (scheme !== 'all' && !(SCHEMES as readonly string[]).includes(scheme)) continue;
    const addr = (eq > 0 ? raw.slice(eq + 1) : raw).replace(/^[a-z0-9]+:\/\//i, '').replace(/\/.*$/, '');
    const m = /^(\[[0-9a-fA-F:.]+\]|[^:\s]+)(?::(\d{1,5}))?$/.exec(addr);
    if (!m) continue;
    out.push({ scheme: scheme as ProxyServerEntry['scheme'], host: (m[1] as string).replace(/^\[|\]$/g, ''), port: m[2] ? Number(m[2]) : 80 });
  }
  return out;
}

/** ProxyOverride / bypass list: entries split on ";" (or spaces); `<local>` reported apart. */
export function parseBypassList(value: string | null): { entries: string[]; local: boolean } {
  const items = (value ?? '').split(/[;\s,]+/).map((s) => s.trim()).filter(Boolean);
  return { entries: items.filter((s) => s.toLowerCase() !== '<local>'), local: items.some((s) => s.toLowerCase() === '<local>') };
}

function dword(data: string | undefined): number | null {
  if (data === undefined) return null;
  const m = /^0x([0-9a-f]{1,8})$/i.exec(data.trim());
  return m ? parseInt(m[1] as string, 16) : null;
}

/** Values of the Internet Settings key itself (sub-keys printed by reg.exe are ignored). */
export function parseWinInet(text: string): WinInetValues {
  const values = parseRegQuery(text);
  const mainKey = values[0]?.keyPath ?? '';
  const get = (name: string): string | undefined => values.find((v) => v.keyPath === mainKey && v.name.toLowerCase() === name.toLowerCase())?.data;
  const proxyServer = stripProxyList(get('ProxyServer')?.trim() ?? '') || null;
  const bypass = parseBypassList(get('ProxyOverride') ?? null);
  const autoDetect = dword(get('AutoDetect'));
  return {
    proxyEnable: dword(get('ProxyEnable')) === 1,
    proxyServer,
    servers: proxyServer ? parseProxyServer(proxyServer) : [],
    bypass: bypass.entries,
    bypassLocal: bypass.local,
    autoConfigUrl: get('AutoConfigURL')?.trim() || null,
    autoDetect: autoDetect === null ? null : autoDetect !== 0,
  };
}

/** Connections\DefaultConnectionSettings (REG_BINARY hex): byte 8 holds the LAN settings flags. */
export function parseDefaultConnectionSettings(text: string): { direct: boolean; proxy: boolean; autoConfig: boolean; autoDetect: boolean } | null {
  const v = parseRegQuery(text).find((x) => x.name.toLowerCase() === 'defaultconnectionsettings' && x.type === 'REG_BINARY');
  if (!v) return null;
  const hex = v.data.replace(/\s+/g, '');
  if (!/^[0-9a-f]*$/i.test(hex) || hex.length < 18) return null;
  const flags = parseInt(hex.slice(16, 18), 16);
  return { direct: (flags & 1) !== 0, proxy: (flags & 2) !== 0, autoConfig: (flags & 4) !== 0, autoDetect: (flags & 8) !== 0 };
}

/** A single REG_DWORD from a `reg query KEY /v NAME` output; null when absent. */
export function regDword(text: string, name: string): number | null {
  const v = parseRegQuery(text).find((x) => x.name.toLowerCase() === name.toLowerCase());
  return v ? dword(v.data) : null;
}
