/** Windows proxy settings through the command runner: WinINET (reg query HKCU) and WinHTTP (netsh). */
import type { ReadingOutcome, WinHttpSettings, WinInetSettings } from '../model/proxy';
import { stripCredentialsInText } from './credentials';
import type { CollectorContext } from './types';
import { remainingMs } from './types';
import { classifyRegError } from './windows/parse-reg-query';
import { parseNetshWinHttp } from './windows/parse-netsh-winhttp';
import { parseDefaultConnectionSettings, parseWinInet, regDword } from './windows/parse-wininet';
import type { CommandResult } from './windows/runner';

export const INTERNET_SETTINGS = 'HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings';
export const CONNECTIONS = `${INTERNET_SETTINGS}\\Connections`;
export const UCC_LYNC = 'HKCU\\Software\\Microsoft\\UCCPlatform\\Lync';
export const WINHTTP_KEY = 'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Internet Settings\\WinHttp';

type Ctx = Pick<CollectorContext, 'run' | 'signal' | 'deadline' | 'raw'>;

async function run(ctx: Ctx, command: string, args: readonly string[], rawName: string): Promise<CommandResult> {
  const r = await ctx.run(command, args, { timeoutMs: Math.max(1, remainingMs(ctx)), maxBytes: 512 * 1024, signal: ctx.signal });
  ctx.raw(rawName, stripCredentialsInText(r.stdout + (r.stderr ? `\n[stderr]\n${r.stderr}` : '')));
  return r;
}

/** ok / absent / access-denied / error of one reg or netsh run, with a message. */
function outcomeOf(r: CommandResult, what: string): { outcome: ReadingOutcome; message: string } {
  if (r.spawnError) return { outcome: 'error', message: `${r.command} could not be started: ${r.spawnError}` };
  if (r.timedOut) return { outcome: 'error', message: `${what} did not finish before the deadline` };
  if (r.code !== 0) {
    const outcome = classifyRegError(r.stderr + r.stdout);
    return { outcome, message: outcome === 'absent' ? `${what}: not present` : (r.stderr.trim() || r.stdout.trim() || `${r.command} exited ${String(r.code)}`).slice(0, 300) };
  }
  return { outcome: 'ok', message: 'read' };
}

/** Reads the per-user WinINET settings (and the Lync EnableDetectProxyForAllConnections value). */
export async function readWinInet(ctx: Ctx): Promise<WinInetSettings> {
  const [main, conn, ucc] = await Promise.all([
    run(ctx, 'reg.exe', ['query', INTERNET_SETTINGS], 'reg-internet-settings.txt'),
    run(ctx, 'reg.exe', ['query', CONNECTIONS, '/v', 'DefaultConnectionSettings'], 'reg-default-connection-settings.txt'),
    run(ctx, 'reg.exe', ['query', UCC_LYNC, '/v', 'EnableDetectProxyForAllConnections'], 'reg-uccplatform-lync.txt'),
  ]);
  const o = outcomeOf(main, 'Internet Settings key');
  const flags = outcomeOf(conn, 'DefaultConnectionSettings').outcome === 'ok' ? parseDefaultConnectionSettings(conn.stdout) : null;
  const detect = outcomeOf(ucc, 'UCCPlatform').outcome === 'ok' ? regDword(ucc.stdout, 'EnableDetectProxyForAllConnections') : null;
  const base = { keyPath: INTERNET_SETTINGS, enableDetectProxyForAllConnections: detect };
  if (o.outcome !== 'ok') {
    return { ...base, ...o, proxyEnable: false, proxyServer: null, servers: [], bypass: [], bypassLocal: false, autoConfigUrl: null, autoDetect: flags ? flags.autoDetect : null };
  }
  const v = parseWinInet(main.stdout);
  const autoDetect = v.autoDetect ?? (flags ? flags.autoDetect : null);
  const parts = [
    v.proxyEnable ? `proxy ${v.proxyServer ?? '(no server)'}` : 'no static proxy',
    v.autoConfigUrl ? `PAC ${v.autoConfigUrl}` : 'no PAC',
    autoDetect === null ? 'auto-detect unknown' : autoDetect ? 'auto-detect on' : 'auto-detect off',
  ];
  return { ...base, outcome: 'ok', message: parts.join('; '), ...v, autoDetect };
}

/** Reads the machine WinHTTP proxy (netsh) and DefaultSecureProtocols (KB3140245). */
export async function readWinHttp(ctx: Ctx): Promise<WinHttpSettings> {
  const [netsh, dsp] = await Promise.all([
    run(ctx, 'netsh.exe', ['winhttp', 'show', 'proxy'], 'netsh-winhttp-show-proxy.txt'),
    run(ctx, 'reg.exe', ['query', WINHTTP_KEY, '/v', 'DefaultSecureProtocols'], 'reg-winhttp-defaultsecureprotocols.txt'),
  ]);
  const defaultSecureProtocols = outcomeOf(dsp, 'WinHttp key').outcome === 'ok' ? regDword(dsp.stdout, 'DefaultSecureProtocols') : null;
  const empty = { direct: false, proxyServer: null, servers: [], bypass: [], defaultSecureProtocols };
  if (netsh.spawnError) return { ...empty, outcome: 'error', message: `netsh could not be started: ${netsh.spawnError}` };
  if (netsh.timedOut) return { ...empty, outcome: 'error', message: 'netsh winhttp show proxy did not finish before the deadline' };
  const parsed = parseNetshWinHttp(netsh.stdout);
  if (!parsed) {
    const why = (netsh.stderr.trim() || netsh.stdout.trim() || 'no output').split(/\r?\n/)[0]?.slice(0, 200);
    const denied = /access is denied|zugriff verweigert|accès refusé|acceso denegado/i.test(netsh.stderr + netsh.stdout);
    return { ...empty, outcome: denied ? 'access-denied' : 'error', message: `netsh winhttp show proxy gave no readable answer (exit ${String(netsh.code)}): ${why}` };
  }
  const bypass = parsed.bypassLocal ? [...parsed.bypass, '<local>'] : parsed.bypass;
  return {
    outcome: 'ok',
    message: parsed.direct ? 'direct access (no proxy server)' : `proxy ${parsed.proxyServer}${bypass.length ? `, bypass ${bypass.join(';')}` : ''}`,
    direct: parsed.direct,
    proxyServer: parsed.proxyServer,
    servers: parsed.servers,
    bypass,
    defaultSecureProtocols,
  };
}
