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
      if (script.includes('LyncCertStore')) {
        if (!pc.lyncCertStore) return { code: 1, stderr: "Get-ChildItem : Cannot find path 'CurrentUser\\LyncCertStore' because it does not exist.\r\nAt line:2 char:1\r\n    + CategoryInfo          : ObjectNotFound: (CurrentUser\\LyncCertStore:String) [Get-ChildItem], ItemNotFoundException\r\n" };
        return { stdout: psConvertToJson(pc.lyncCertStore) };
      }
      return { stdout: psConvertToJson(pc.my ?? []) };
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
