/** A pretend Windows PC for the command-runner seam: answers PowerShell and reg.exe in their real formats. */
import { recordingRunner, type CommandResult } from '../../main/collect/windows/runner';
import { psConvertToJson, type PsCert } from './ps-json';

export interface FakePc {
  readonly my?: readonly PsCert[];
  /** undefined: the LyncCertStore does not exist. */
  readonly lyncCertStore?: readonly PsCert[];
  /** Registry values by key path as reg.exe prints it (HKEY_LOCAL_MACHINE\...), absent keys omitted. */
  readonly registry?: Readonly<Record<string, ReadonlyArray<{ name: string; type: string; data: string }>>>;
  readonly accessDenied?: boolean;
}

const HIVE_LONG: Record<string, string> = { HKLM: 'HKEY_LOCAL_MACHINE', HKCU: 'HKEY_CURRENT_USER' };

/** reg.exe query output: blank line, key line, indented values, blank line (CRLF). */
export function regQueryText(key: string, values: ReadonlyArray<{ name: string; type: string; data: string }>): string {
  return ['', key, ...values.map((v) => `    ${v.name}    ${v.type}    ${v.data}`), '', ''].join('\r\n');
}

function decodeScript(args: readonly string[]): string {
  const i = args.indexOf('-EncodedCommand');
  return i >= 0 ? Buffer.from(args[i + 1] ?? '', 'base64').toString('utf16le') : '';
}

/** Answers the commands our Windows collectors send, from a FakePc description. */
export function fakeWindowsRunner(pc: FakePc) {
  return recordingRunner((command, args): Partial<CommandResult> => {
    if (/powershell/i.test(command)) {
      const script = decodeScript(args);
      if (pc.accessDenied) return { code: 1, stderr: "Get-ChildItem : Access is denied.\r\n    + CategoryInfo          : PermissionDenied: (:) [Get-ChildItem], UnauthorizedAccessException\r\n" };
      // Our current script (Test-Path first, {LanguageMode, Store, Exists, Certs}); older scripts got the PS 5.1 list format.
      const current = script.includes('Test-Path -LiteralPath');
      if (script.includes('LyncCertStore')) {
        if (current) return { stdout: storeJson('LyncCertStore', 'FullLanguage', pc.lyncCertStore ?? null) };
        if (!pc.lyncCertStore) return { code: 1, stderr: "Get-ChildItem : Cannot find path 'CurrentUser\\LyncCertStore' because it does not exist.\r\nAt line:2 char:1\r\n    + CategoryInfo          : ObjectNotFound: (CurrentUser\\LyncCertStore:String) [Get-ChildItem], ItemNotFoundException\r\n" };
        return { stdout: psConvertToJson(pc.lyncCertStore) };
      }
      return { stdout: current ? storeJson('My', 'FullLanguage', pc.my ?? []) : psConvertToJson(pc.my ?? []) };
    }
    if (/reg(\.exe)?$/i.test(command) && args[0] === 'query') {
      const short = args[1] ?? '';
      const long = short.replace(/^(HKLM|HKCU)/, (h) => HIVE_LONG[h] ?? h);
      const values = pc.registry?.[long];
      if (!values) return { code: 1, stderr: 'ERROR: The system was unable to find the specified registry key or value.\r\n' };
      return { stdout: regQueryText(long, values) };
    }
    return { code: null, spawnError: `spawn ${command} ENOENT` };
  });
}

// ---------------------------------------------------------------------------------------------
// Recorded PCs for replay mode, assembled from the real captures in test/fixtures/windows/real.
// The OEMCP answer, the Office bitness answers and the certificate JSON are hand-written in the
// exact formats reg.exe and our script print (labelled: no public capture of these exists).
// ---------------------------------------------------------------------------------------------
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ReplayEntry, ReplayPc } from '../../main/collect/windows/replay';

/** Raw bytes of a real capture, base64 (as PC.json carries them). */
export function realCapture(file: string): string {
  return readFileSync(join(process.cwd(), 'test', 'fixtures', 'windows', 'real', file)).toString('base64');
}

/** reg query …\Nls\CodePage /v OEMCP answer (hand-written in reg.exe's format). */
export function oemCpEntry(cp: number): ReplayEntry {
  return { match: 'Nls\\CodePage', exitCode: 0, stdout: `\r\nHKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\Nls\\CodePage\r\n    OEMCP    REG_SZ    ${cp}\r\n\r\n` };
}

/** Our certificate script's JSON for a store (as ConvertTo-Json -Compress prints it: Der as numbers). */
export function storeJson(store: string, mode: string, certs: ReadonlyArray<{ derBase64: string; thumbprint: string; hasPrivateKey: boolean }> | null): string {
  const list = (certs ?? []).map((c) => ({ Thumbprint: c.thumbprint, HasPrivateKey: c.hasPrivateKey, Der: [...Buffer.from(c.derBase64, 'base64')] }));
  return `${JSON.stringify({ LanguageMode: mode, Store: store, Exists: certs !== null, Certs: list })}\r\n`;
}

export interface RecordedPcSpec {
  readonly codePage: number;
  /** Real capture of reg.exe's "key not found" in the PC's language. */
  readonly regAbsent: string;
  /** Real netsh captures for the 64-bit and 32-bit views (null: not recorded → 9009). */
  readonly netsh64?: string | null;
  readonly netsh32?: string | null;
  /** Click-to-Run Platform value (x86 / x64), or null when Office is not registered that way. */
  readonly officePlatform?: 'x86' | 'x64' | null;
  readonly languageMode?: string;
  readonly my?: ReadonlyArray<{ derBase64: string; thumbprint: string; hasPrivateKey: boolean }>;
  /** Entries put first (they answer before the normal ones), e.g. real CLM errors for refused constructs. */
  readonly first?: readonly ReplayEntry[];
}

/** A whole recorded PC, every answer in the PC's console code page. */
export function recordedPc(s: RecordedPcSpec): ReplayPc {
  const absent: Omit<ReplayEntry, 'match'> = { exitCode: 1, stderrBase64: realCapture(s.regAbsent) };
  const mode = s.languageMode ?? 'FullLanguage';
  return {
    platform: 'win32',
    commands: [
      ...(s.first ?? []),
      oemCpEntry(s.codePage),
      ...(s.officePlatform ? [{ match: 'ClickToRun\\Configuration /v Platform', exitCode: 0, stdout: `\r\nHKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Office\\ClickToRun\\Configuration\r\n    Platform    REG_SZ    ${s.officePlatform}\r\n\r\n` }] : []),
      // A 32-bit Windows has no SysWOW64\netsh: answered as cmd.exe would (else the 64-bit entry's substring would match it too).
      s.netsh32
        ? { match: 'SysWOW64\\netsh.exe winhttp show proxy', exitCode: 0, stdoutBase64: realCapture(s.netsh32) }
        : { match: 'SysWOW64\\netsh.exe', exitCode: 9009, stderr: "'C:\\Windows\\SysWOW64\\netsh.exe' is not recognized as an internal or external command,\r\noperable program or batch file.\r\n" },
      ...(s.netsh64 ? [{ match: 'netsh.exe winhttp show proxy', exitCode: 0, stdoutBase64: realCapture(s.netsh64) }] : []),
      { match: "Test-Path -LiteralPath 'Cert:\\CurrentUser\\LyncCertStore'", exitCode: 0, stdout: storeJson('LyncCertStore', mode, null) },
      { match: "Test-Path -LiteralPath 'Cert:\\CurrentUser\\My'", exitCode: 0, stdout: storeJson('My', mode, s.my ?? []) },
      { match: 'reg.exe query', ...absent },
    ],
  };
}
