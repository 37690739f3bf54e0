/**
 * The built-in demo PC: a recording runner that answers read-only commands in their real Windows
 * formats (from the demo Snapshot where it has the facts), so `fix … --demo` shows the whole flow on any
 * OS. Every call is recorded; nothing runs and nothing changes on this machine.
 */
import { recordingRunner, type CommandResult } from '../collect/windows/runner';
import type { Snapshot } from '../model/snapshot';
import { decodePowerShell } from './commands';

const HIVE_LONG: Readonly<Record<string, string>> = { HKLM: 'HKEY_LOCAL_MACHINE', HKCU: 'HKEY_CURRENT_USER' };
const NOT_FOUND = 'ERROR: The system was unable to find the specified registry key or value.\r\n';
const OK = 'The operation completed successfully.\r\n\r\n';

/** The demo user's Internet Options: a static proxy the (direct) WinHTTP setting does not match. */
export const DEMO_INTERNET_SETTINGS = [
  '',
  'HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings',
  '    CertificateRevocation    REG_DWORD    0x1',
  '    DisableCachingOfSSLPages    REG_DWORD    0x0',
  '    PrivacyAdvanced    REG_DWORD    0x1',
  '    SecureProtocols    REG_DWORD    0xa80',
  '    EnableNegotiate    REG_DWORD    0x1',
  '    ProxyEnable    REG_DWORD    0x1',
  '    MigrateProxy    REG_DWORD    0x1',
  '    ProxyServer    REG_SZ    proxy.contoso.com:8080',
  '    ProxyOverride    REG_SZ    *.contoso.com;<local>',
  '',
  'HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings\\5.0',
  'HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings\\Connections',
  'HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings\\ZoneMap',
  '',
].join('\r\n');

export const DEMO_WINHTTP_DIRECT = '\r\nCurrent WinHTTP proxy settings:\r\n\r\n    Direct access (no proxy server).\r\n\r\n';

const WHOAMI_MEDIUM = [
  '"Everyone","Well-known group","S-1-1-0","Mandatory group, Enabled by default, Enabled group"',
  '"BUILTIN\\Users","Alias","S-1-5-32-545","Mandatory group, Enabled by default, Enabled group"',
  '"NT AUTHORITY\\INTERACTIVE","Well-known group","S-1-5-4","Mandatory group, Enabled by default, Enabled group"',
  '"NT AUTHORITY\\Authenticated Users","Well-known group","S-1-5-11","Mandatory group, Enabled by default, Enabled group"',
  '"Mandatory Label\\Medium Mandatory Level","Label","S-1-16-8192",""',
  '',
].join('\r\n');

function regQuery(snapshot: Snapshot | null, key: string): Partial<CommandResult> {
  if (/Internet Settings$/i.test(key)) return { stdout: DEMO_INTERNET_SETTINGS };
  const long = key.replace(/^(HKLM|HKCU)/, (h) => HIVE_LONG[h] ?? h);
  const policy = snapshot?.sections.policy?.data;
  const reading = policy?.keys.find((k) => k.keyPath.toLowerCase() === key.toLowerCase());
  if (!reading || reading.outcome !== 'ok') return { code: 1, stderr: NOT_FOUND };
  const values = (policy?.values ?? []).filter((v) => v.keyPath.toLowerCase() === long.toLowerCase());
  return { stdout: ['', long, ...values.map((v) => `    ${v.name}    ${v.type}    ${v.data}`), '', ''].join('\r\n') };
}

function answer(snapshot: Snapshot | null, command: string, args: readonly string[]): Partial<CommandResult> {
  const c = command.toLowerCase();
  if (c === 'tasklist.exe') return { stdout: 'INFO: No tasks are running which match the specified criteria.\r\n' };
  if (c === 'whoami.exe') return { stdout: WHOAMI_MEDIUM };
  if (c === 'ipconfig.exe') return { stdout: '\r\nWindows IP Configuration\r\n\r\nSuccessfully flushed the DNS Resolver Cache.\r\n' };
  if (c === 'netsh.exe') return { stdout: args.includes('show') ? DEMO_WINHTTP_DIRECT : '\r\nCurrent WinHTTP proxy settings:\r\n\r\n    Proxy Server(s) :  proxy.contoso.com:8080\r\n    Bypass List     :  *.contoso.com;<local>\r\n\r\n' };
  if (c === 'reg.exe') {
    if (args[0] === 'query') return regQuery(snapshot, args[1] ?? '');
    if (args[0] === 'delete') return { code: 1, stderr: NOT_FOUND };
    return { stdout: OK };
  }
  if (c === 'powershell.exe') {
    const script = decodePowerShell(args) ?? '';
    if (/Remove-Item/.test(script)) return { stdout: 'removed\r\n' };
    if (/Import-Certificate/.test(script)) return { stdout: 'imported\r\n' };
    if (/Rename-Item/.test(script) && /\$bak/.test(script)) return { stdout: 'restored\r\n' };
    if (/Rename-Item/.test(script)) return { stdout: /16\.0/.test(script) ? 'renamed\r\n' : 'absent\r\n' };
    return { stdout: '' };
  }
  return { code: null, spawnError: `spawn ${command} ENOENT` };
}

/** A recording runner answering like the demo PC (policy keys from the demo Snapshot when given). */
export function demoPcRunner(snapshot: Snapshot | null) {
  return recordingRunner((command, args) => answer(snapshot, command, args));
}
