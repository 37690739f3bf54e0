/** Windows proxy settings through the command runner: WinINET (reg query HKCU) and WinHTTP (netsh). */
import type { ReadingOutcome, WinHttpSettings, WinHttpView, WinHttpViewName, WinInetSettings } from '../model/proxy';
import { firstErrorLine as firstLine } from './windows/clixml';
import { ACCESS_DENIED, anyMatch } from './windows/messages';
import { parseRegQuery } from './windows/parse-reg-query';
import { stripCredentialsInText } from './credentials';
import type { CollectorContext } from './types';
import { remainingMs } from './types';
import { classifyRegError } from './windows/parse-reg-query';
import { parseNetshWinHttp } from './windows/parse-netsh-winhttp';
import { parseDefaultConnectionSettings, parseProxyServer, parseWinInet, regDword } from './windows/parse-wininet';
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

export const WINHTTP_KEY_WOW64 = 'HKLM\\SOFTWARE\\WOW6432Node\\Microsoft\\Windows\\CurrentVersion\\Internet Settings\\WinHttp';
/** %SystemRoot%: netsh of the 32-bit view lives in SysWOW64 (a 64-bit process reaches the 64-bit view with plain netsh). */
export const SYSTEM_ROOT = process.env.SystemRoot || 'C:\\Windows';
export const NETSH_WOW64 = `${SYSTEM_ROOT}\\SysWOW64\\netsh.exe`;

/** Where the Office (and so Lync/SfB) bitness is registered: Click-to-Run Platform, or MSI Outlook Bitness per version and registry view. */
export const OFFICE_BITNESS_QUERIES: ReadonlyArray<{ readonly key: string; readonly value: string }> = [
  { key: 'HKLM\\SOFTWARE\\Microsoft\\Office\\ClickToRun\\Configuration', value: 'Platform' },
  { key: 'HKLM\\SOFTWARE\\Microsoft\\Office\\16.0\\Outlook', value: 'Bitness' },
  { key: 'HKLM\\SOFTWARE\\WOW6432Node\\Microsoft\\Office\\16.0\\Outlook', value: 'Bitness' },
  { key: 'HKLM\\SOFTWARE\\Microsoft\\Office\\15.0\\Outlook', value: 'Bitness' },
  { key: 'HKLM\\SOFTWARE\\WOW6432Node\\Microsoft\\Office\\15.0\\Outlook', value: 'Bitness' },
];

function regString(text: string, name: string): string | null {
  return parseRegQuery(text).find((v) => v.name.toLowerCase() === name.toLowerCase())?.data.trim() ?? null;
}

/** x86 → 32-bit, x64 → 64-bit; the first registration found wins (Click-to-Run first). */
export function officeBitness(answers: ReadonlyArray<{ readonly ok: boolean; readonly value: string | null }>): WinHttpViewName | null {
  for (const a of answers) {
    if (!a.ok || !a.value) continue;
    if (/^x86$/i.test(a.value)) return '32-bit';
    if (/^x64$/i.test(a.value)) return '64-bit';
  }
  return null;
}

/** Reads the bitness of the installed Office / Lync client from its registration. */
export async function readClientBitness(ctx: Ctx): Promise<WinHttpViewName | null> {
  const results = await Promise.all(
    OFFICE_BITNESS_QUERIES.map((q, i) => run(ctx, 'reg.exe', ['query', q.key, '/v', q.value], `reg-office-bitness-${i}.txt`)),
  );
  return officeBitness(results.map((r, i) => ({ ok: outcomeOf(r, 'Office').outcome === 'ok', value: regString(r.stdout, (OFFICE_BITNESS_QUERIES[i] as { value: string }).value) })));
}

async function readView(ctx: Ctx, view: WinHttpViewName): Promise<WinHttpView> {
  const wow = view === '32-bit';
  const keyPath = wow ? WINHTTP_KEY_WOW64 : WINHTTP_KEY;
  const [netsh, dsp] = await Promise.all([
    run(ctx, wow ? NETSH_WOW64 : 'netsh.exe', ['winhttp', 'show', 'proxy'], wow ? 'netsh-winhttp-show-proxy-wow64.txt' : 'netsh-winhttp-show-proxy.txt'),
    run(ctx, 'reg.exe', ['query', keyPath, '/v', 'DefaultSecureProtocols'], wow ? 'reg-winhttp-defaultsecureprotocols-wow64.txt' : 'reg-winhttp-defaultsecureprotocols.txt'),
  ]);
  const defaultSecureProtocols = outcomeOf(dsp, 'WinHttp key').outcome === 'ok' ? regDword(dsp.stdout, 'DefaultSecureProtocols') : null;
  const empty = { view, keyPath, direct: false, proxyServer: null, bypass: [], defaultSecureProtocols };
  if (netsh.spawnError) return { ...empty, outcome: wow ? 'absent' : 'error', message: wow ? `no 32-bit netsh (${NETSH_WOW64}): 32-bit Windows, or SysWOW64 missing` : `netsh could not be started: ${netsh.spawnError}` };
  if (netsh.timedOut) return { ...empty, outcome: 'error', message: 'netsh winhttp show proxy did not finish before the deadline' };
  if (netsh.code === 9009) return { ...empty, outcome: wow ? 'absent' : 'error', message: `${netsh.command} is not there: ${firstLine(netsh.stderr)}` };
  const parsed = parseNetshWinHttp(netsh.stdout);
  if (!parsed) {
    const why = (netsh.stderr.trim() || netsh.stdout.trim() || 'no output').split(/\r?\n/)[0]?.slice(0, 200);
    const denied = anyMatch(ACCESS_DENIED, netsh.stderr + netsh.stdout);
    return { ...empty, outcome: denied ? 'access-denied' : 'error', message: `netsh winhttp show proxy gave no readable answer (exit ${String(netsh.code)}): ${why}` };
  }
  const bypass = parsed.bypassLocal ? [...parsed.bypass, '<local>'] : parsed.bypass;
  return {
    ...empty,
    outcome: 'ok',
    message: parsed.direct ? 'direct access (no proxy server)' : `proxy ${parsed.proxyServer}${bypass.length ? `, bypass ${bypass.join(';')}` : ''}`,
    direct: parsed.direct,
    proxyServer: parsed.proxyServer,
    bypass,
  };
}

/**
 * Reads both WinHTTP views (64-bit and 32-bit netsh, native and WOW6432Node DefaultSecureProtocols)
 * and the Lync/Office client's bitness; the main fields describe the view the client uses.
 */
export async function readWinHttp(ctx: Ctx): Promise<WinHttpSettings> {
  const [native, wow, clientBitness] = await Promise.all([readView(ctx, '64-bit'), readView(ctx, '32-bit'), readClientBitness(ctx)]);
  const use = clientBitness === '32-bit' && wow.outcome !== 'absent' ? wow : native;
  const label = `${use.view} view${clientBitness ? `, the one the ${clientBitness} Lync/Office client uses` : ' (client bitness not found)'}`;
  const other = use === native ? wow : native;
  const differs = other.outcome === 'ok' && use.outcome === 'ok' && (other.proxyServer !== use.proxyServer || other.defaultSecureProtocols !== use.defaultSecureProtocols);
  return {
    outcome: use.outcome,
    message: `${use.message} (${label})${differs ? `; the ${other.view} view differs: ${other.message}` : ''}`,
    direct: use.direct,
    proxyServer: use.proxyServer,
    servers: use.proxyServer ? parseProxyServer(use.proxyServer) : [],
    bypass: use.bypass,
    defaultSecureProtocols: use.defaultSecureProtocols,
    view: use.view,
    clientBitness,
    views: [native, wow],
  };
}
