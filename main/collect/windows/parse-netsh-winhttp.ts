/** Parses `netsh winhttp show proxy` in any display language, by layout rather than by words. */
import type { ProxyServerEntry } from '../../model/proxy';
import { parseBypassList, parseProxyServer } from './parse-wininet';

export interface NetshWinHttp {
  readonly direct: boolean;
  readonly proxyServer: string | null;
  readonly servers: readonly ProxyServerEntry[];
  readonly bypass: readonly string[];
  readonly bypassLocal: boolean;
}

/**
 * The output is a header line naming WinHTTP, then either one sentence (direct access) or two
 * "label : value" lines (proxy server(s), then bypass list). Labels are translated; "WinHTTP" and the
 * layout are not. "(none)" in any language is a parenthesised word. Null when the text is not that output.
 */
export function parseNetshWinHttp(text: string): NetshWinHttp | null {
  // Stryker disable next-line Regex,StringLiteral: equivalent — trim() below also strips U+FEFF, so the BOM removal only documents intent
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  // Stryker disable next-line Regex: equivalent for netsh output — a colon not at the end, or `\S*`, would also need a WinHTTP line with a colon mid-line before the real header (none is printed)
  const header = lines.findIndex((l) => /winhttp/i.test(l) && /[:：]\s*$/.test(l));
  if (header < 0) return null;
  const body = lines.slice(header + 1);
  if (body.length === 0) return null;
  // Stryker disable Regex,MethodExpression: equivalent — the lazy label and greedy value make ^/$ redundant, and the
  // value is trimmed anyway (lines are trimmed; extra spaces after or before the colon never reach it)
  const kv = body
    .map((l) => /^(.+?)\s*[:：]\s+(.+)$/.exec(l))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => (m[2] as string).trim());
  // Stryker restore Regex,MethodExpression
  // Stryker disable next-line ConditionalExpression: equivalent — without it kv[0] and kv[1] are undefined, which reads as the same direct answer
  if (kv.length === 0) return { direct: true, proxyServer: null, servers: [], bypass: [], bypassLocal: false };
  // Stryker disable next-line ConditionalExpression,Regex: equivalent — undefined only reaches this for the bypass value, and parseBypassList(undefined) is parseBypassList(null); proxy and bypass values never start or end with a parenthesis otherwise
  const none = (v: string | undefined): boolean => v === undefined || /^\(.*\)$/.test(v);
  const proxyServer = none(kv[0]) ? null : (kv[0] as string);
  const bypass = parseBypassList(none(kv[1]) ? null : (kv[1] as string));
  return {
    direct: proxyServer === null,
    proxyServer,
    servers: proxyServer ? parseProxyServer(proxyServer) : [],
    bypass: bypass.entries,
    bypassLocal: bypass.local,
  };
}
