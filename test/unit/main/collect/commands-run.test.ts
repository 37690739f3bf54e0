// The exact commands the Windows collectors run through the command-runner seam (README "What is
// collected": PowerShell export of Cert:\CurrentUser\My and LyncCertStore, reg query of the four Lync
// policy keys, WinINET/WinHTTP proxy settings). A dropped, added or altered command turns this red.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { certificatesCollector } from '../../../../main/collect/certificates';
import { policyCollector } from '../../../../main/collect/policy';
import { makeProxyCollector } from '../../../../main/collect/proxy';
import { decodingRunner, recordingRunner } from '../../../../main/collect/windows/runner';
import { collect } from '../../../../main/diagnose';
import { dnsData, fixedCollector } from '../../../helpers/network-snapshot';

const input = { sipAddress: 'bob@fabrikam.com', sipDomain: 'fabrikam.com', dnsServer: '127.0.0.1:9', timeoutMs: 5000 };
const decode = (b64: string): string => Buffer.from(b64, 'base64').toString('utf16le');

test('certificates: one PowerShell per store, non-interactive, the script passed encoded; the script reads the public parts only and is ConstrainedLanguage-safe', async () => {
  const run = recordingRunner(() => ({ stdout: '[]' }));
  await collect({ input, run, platform: 'win32', collectors: [certificatesCollector] });
  const calls = run.calls.map((c) => ({ command: c.command, head: c.args.slice(0, -1), script: decode(c.args.at(-1)!) }));
  assert.deepEqual(calls.map((c) => [c.command, ...c.head]), [
    ['powershell.exe', '-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-EncodedCommand'],
    ['powershell.exe', '-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-EncodedCommand'],
  ]);
  const stores = calls.map((c) => /Get-ChildItem -Path '([^']+)'/.exec(c.script)?.[1]).sort();
  assert.deepEqual(stores, ['Cert:\\CurrentUser\\LyncCertStore', 'Cert:\\CurrentUser\\My']);
  for (const c of calls) {
    const store = /Get-ChildItem -Path 'Cert:\\CurrentUser\\([^']+)'/.exec(c.script)?.[1];
    assert.match(c.script, /\$ErrorActionPreference = 'Stop'/);
    // the store is tested first; a missing store answers Exists = $false instead of failing (issue 15)
    assert.ok(c.script.includes(`if (-not (Test-Path -LiteralPath 'Cert:\\CurrentUser\\${store}'))`), c.script);
    assert.match(c.script, /Exists = \$false; Certs = @\(\) \} \| ConvertTo-Json -Compress; exit 0/);
    // public parts only: thumbprint, the private-key flag and the raw DER bytes (ConvertTo-Json prints byte[] as numbers)
    assert.match(c.script, /@\{ Thumbprint = \$_\.Thumbprint; HasPrivateKey = \$_\.HasPrivateKey; Der = \$_\.RawData \}/);
    assert.match(c.script, /\$mode = \[string\]\$ExecutionContext\.SessionState\.LanguageMode/);
    assert.match(c.script, /ConvertTo-Json -Compress -Depth 4$/);
    assert.doesNotMatch(c.script.replace(/HasPrivateKey/g, ''), /PrivateKey|\bExport\(|Pfx|LocalMachine/i);
    // ConstrainedLanguage (AppLocker/WDAC): no static .NET calls, no method calls, no type literal but [string], no Add-Type/New-Object
    assert.doesNotMatch(c.script, /::/);
    assert.doesNotMatch(c.script, /\.\w+\(/);
    assert.deepEqual([...new Set(c.script.match(/\[[A-Za-z.]+\]/g))], ['[string]']);
    assert.doesNotMatch(c.script, /Add-Type|New-Object/i);
  }
});

test('policy: reg query of HKLM and HKCU, Office 15.0 and 16.0, nothing else', async () => {
  const run = recordingRunner(() => ({ code: 1, stderr: 'ERROR: The system was unable to find the specified registry key or value.' }));
  await collect({ input, run, platform: 'win32', collectors: [policyCollector] });
  assert.deepEqual(run.calls.map((c) => [c.command, ...c.args]).sort(), [
    ['reg.exe', 'query', 'HKCU\\SOFTWARE\\Policies\\Microsoft\\Office\\15.0\\Lync'],
    ['reg.exe', 'query', 'HKCU\\SOFTWARE\\Policies\\Microsoft\\Office\\16.0\\Lync'],
    ['reg.exe', 'query', 'HKLM\\SOFTWARE\\Policies\\Microsoft\\Office\\15.0\\Lync'],
    ['reg.exe', 'query', 'HKLM\\SOFTWARE\\Policies\\Microsoft\\Office\\16.0\\Lync'],
  ]);
});

test('proxy: WinINET (Internet Settings, DefaultConnectionSettings, EnableDetectProxyForAllConnections), both WinHTTP views (System32 and SysWOW64 netsh, native and WOW6432Node DefaultSecureProtocols) and the Office bitness registrations', async () => {
  const run = recordingRunner(() => ({ code: 1, stderr: 'ERROR: The system was unable to find the specified registry key or value.' }));
  await collect({ input, run, platform: 'win32', collectors: [fixedCollector('dns', dnsData()), makeProxyCollector(() => ({}))] });
  // Expected from README "What is collected" and issue 15: the 32-bit WinHTTP view is read with %SystemRoot%\SysWOW64\netsh.exe
  // (C:\Windows when SystemRoot is not set, as on this test host); Office bitness from Click-to-Run Platform, then MSI Outlook Bitness.
  assert.deepEqual(run.calls.map((c) => [c.command, ...c.args]).sort(), [
    ['C:\\Windows\\SysWOW64\\netsh.exe', 'winhttp', 'show', 'proxy'],
    ['netsh.exe', 'winhttp', 'show', 'proxy'],
    ['reg.exe', 'query', 'HKCU\\Software\\Microsoft\\UCCPlatform\\Lync', '/v', 'EnableDetectProxyForAllConnections'],
    ['reg.exe', 'query', 'HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings'],
    ['reg.exe', 'query', 'HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings\\Connections', '/v', 'DefaultConnectionSettings'],
    ['reg.exe', 'query', 'HKLM\\SOFTWARE\\Microsoft\\Office\\15.0\\Outlook', '/v', 'Bitness'],
    ['reg.exe', 'query', 'HKLM\\SOFTWARE\\Microsoft\\Office\\16.0\\Outlook', '/v', 'Bitness'],
    ['reg.exe', 'query', 'HKLM\\SOFTWARE\\Microsoft\\Office\\ClickToRun\\Configuration', '/v', 'Platform'],
    ['reg.exe', 'query', 'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Internet Settings\\WinHttp', '/v', 'DefaultSecureProtocols'],
    ['reg.exe', 'query', 'HKLM\\SOFTWARE\\WOW6432Node\\Microsoft\\Office\\15.0\\Outlook', '/v', 'Bitness'],
    ['reg.exe', 'query', 'HKLM\\SOFTWARE\\WOW6432Node\\Microsoft\\Office\\16.0\\Outlook', '/v', 'Bitness'],
    ['reg.exe', 'query', 'HKLM\\SOFTWARE\\WOW6432Node\\Microsoft\\Windows\\CurrentVersion\\Internet Settings\\WinHttp', '/v', 'DefaultSecureProtocols'],
  ]);
});

test('OEM code page: asked once through the raw runner (reg query of Nls\\CodePage OEMCP), only when a command printed non-ASCII bytes', async () => {
  const raw: Array<readonly string[]> = [];
  const run = decodingRunner(async (command, args) => {
    raw.push([command, ...args]);
    const oem = args.includes('OEMCP');
    const stdout = oem ? Buffer.from('\r\nHKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\Nls\\CodePage\r\n    OEMCP    REG_SZ    850\r\n') : Buffer.from(command === 'ascii.exe' ? 'plain' : 'Schl\x81ssel', 'latin1');
    return { command, args, code: 0, stdout, stderr: Buffer.alloc(0), timedOut: false, truncated: false };
  });
  await run('ascii.exe', [], { timeoutMs: 1000 });
  assert.deepEqual(raw, [['ascii.exe']]);
  assert.equal((await run('reg.exe', ['query', 'X'], { timeoutMs: 1000 })).stdout, 'Schlüssel'); // 0x81 is ü in CP850
  await run('netsh.exe', ['winhttp', 'show', 'proxy'], { timeoutMs: 1000 });
  assert.deepEqual(raw.slice(1), [['reg.exe', 'query', 'X'], ['reg.exe', 'query', 'HKLM\\SYSTEM\\CurrentControlSet\\Control\\Nls\\CodePage', '/v', 'OEMCP'], ['netsh.exe', 'winhttp', 'show', 'proxy']]);
});

test('off Windows no command is run at all', async () => {
  const run = recordingRunner(() => ({ stdout: '' }));
  await collect({ input, run, platform: 'linux', collectors: [certificatesCollector, policyCollector, fixedCollector('dns', dnsData()), makeProxyCollector(() => ({}))] });
  assert.deepEqual(run.calls, []);
});
