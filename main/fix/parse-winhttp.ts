/**
 * The WinHTTP and WinINET proxy settings as the WinHTTP fix needs them (compare, back up, restore),
 * read with the network-path parsers main/collect/windows/parse-netsh-winhttp.ts and parse-wininet.ts.
 */
import { parseNetshWinHttp } from '../collect/windows/parse-netsh-winhttp';
import { parseRegQuery } from '../collect/windows/parse-reg-query';
import { parseWinInet as parseWinInetValues } from '../collect/windows/parse-wininet';

export type WinHttpProxy =
  | { readonly kind: 'direct' }
  | { readonly kind: 'proxy'; readonly server: string; readonly bypass: string };

/** The Internet Options (WinINET) proxy of the user, as `import source=ie` would see it. */
export interface WinInetProxy {
  readonly enabled: boolean;
  readonly server: string;
  readonly bypass: string;
  readonly autoConfigUrl: string;
}

export const INTERNET_SETTINGS_KEY = 'HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings';

/** A bypass list as netsh takes it back: entries joined with ";", `<local>` first. */
function joinBypass(local: boolean, entries: readonly string[]): string {
  return [...(local ? ['<local>'] : []), ...entries].join(';');
}

/** `netsh winhttp show proxy` (any language) → direct or proxy + bypass; null when the text is not that output. */
export function parseWinHttpShowProxy(text: string): WinHttpProxy | null {
  const n = parseNetshWinHttp(text);
  if (!n) return null;
  if (n.direct || !n.proxyServer) return { kind: 'direct' };
  return { kind: 'proxy', server: n.proxyServer, bypass: joinBypass(n.bypassLocal, n.bypass) };
}

/** `reg query` of the Internet Settings key → the proxy values; null when it printed no values. */
export function parseWinInet(regQueryText: string): WinInetProxy | null {
  if (parseRegQuery(regQueryText).length === 0) return null;
  const v = parseWinInetValues(regQueryText);
  return { enabled: v.proxyEnable, server: v.proxyServer ?? '', bypass: joinBypass(v.bypassLocal, v.bypass), autoConfigUrl: v.autoConfigUrl ?? '' };
}

/** Normalises a bypass list for comparison: split on ; or spaces, lower-case, sorted, de-duplicated. */
export function bypassSet(list: string): string[] {
  return [...new Set(list.split(/[;\s,]+/).map((x) => x.trim().toLowerCase()).filter(Boolean))].sort();
}

/** What `netsh winhttp import proxy source=ie` would give WinHTTP from these WinINET settings. */
export function expectedFromIe(ie: WinInetProxy): WinHttpProxy {
  return ie.enabled && ie.server ? { kind: 'proxy', server: ie.server, bypass: ie.bypass } : { kind: 'direct' };
}

/** True when the WinHTTP setting already matches what the import would write. */
export function sameProxy(a: WinHttpProxy, b: WinHttpProxy): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'direct' || b.kind === 'direct') return true;
  return a.server.trim().toLowerCase() === b.server.trim().toLowerCase() && bypassSet(a.bypass).join(';') === bypassSet(b.bypass).join(';');
}

export function describeProxy(p: WinHttpProxy): string {
  return p.kind === 'direct' ? 'direct access (no proxy server)' : `proxy ${p.server}${p.bypass ? `, bypass ${p.bypass}` : ', no bypass list'}`;
}
