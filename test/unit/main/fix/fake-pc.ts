/**
 * A pretend Windows PC for the fix tests: a recording runner that answers our commands in their real
 * formats AND changes its state the way the commands would (certificates removed/imported, registry
 * values set/deleted, folders renamed, WinHTTP imported), so apply → verify → undo can be checked end
 * to end on Linux. Permissions follow Windows defaults: HKLM, HKCU\SOFTWARE\Policies and netsh winhttp
 * need an elevated process.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseCertificate } from '../../../../main/collect/cert-parse';
import { recordingRunner, type CommandResult } from '../../../../main/collect/windows/runner';
import { decodePowerShell } from '../../../../main/fix/commands';
import { expectedFromIe, parseWinInet, type WinHttpProxy } from '../../../../main/fix/parse-winhttp';
import { fixture } from '../../../helpers/fixtures';
import { type PsCert } from '../../../helpers/ps-json';
import { storeJson } from '../../../helpers/windows-pc';
import { regQueryText } from '../../../helpers/windows-pc';
import type { MadeCert } from '../../../helpers/forge-certs';

export interface RegValue {
  name: string;
  type: string;
  data: string;
}

export interface PcState {
  my: PsCert[];
  /** undefined: the store does not exist. */
  lyncCertStore?: PsCert[];
  /** Values by long key path (HKEY_LOCAL_MACHINE\…); a key present with [] exists but is empty. */
  registry: Map<string, RegValue[]>;
  lyncRunning: boolean;
  elevated: boolean;
  /** Default Windows ACL: users may only read HKCU\SOFTWARE\Policies. */
  userPoliciesWritable: boolean;
  winhttp: WinHttpProxy;
  internetSettings: string;
  /** "16.0\sip_alice@contoso.com" style entries under %LOCALAPPDATA%\Microsoft\Office. */
  folders: Set<string>;
  dnsFlushes: number;
  /** Return a result to make a call fail (simulates a failure half-way). */
  failWhen?: (command: string, args: readonly string[], script: string | null) => Partial<CommandResult> | undefined;
}

export function psCert(c: MadeCert, store: 'My' | 'LyncCertStore' = 'My', hasPrivateKey = true): PsCert {
  return { store, thumbprint: createHash('sha1').update(Buffer.from(c.derBase64, 'base64')).digest('hex').toUpperCase(), hasPrivateKey, derBase64: c.derBase64 };
}

const LONG: Record<string, string> = { HKLM: 'HKEY_LOCAL_MACHINE', HKCU: 'HKEY_CURRENT_USER' };
const longKey = (k: string): string => k.replace(/^(HKLM|HKCU)/i, (h) => LONG[h.toUpperCase()] ?? h);
const NOT_FOUND = { code: 1, stderr: 'ERROR: The system was unable to find the specified registry key or value.\r\n' };
const DENIED = { code: 1, stderr: 'ERROR: Access is denied.\r\n' };
const unq = (s: string): string => s.replace(/''/g, "'");

function winhttpText(p: WinHttpProxy): string {
  if (p.kind === 'direct') return fixture('fix', 'netsh-winhttp-direct.en.txt');
  return `\r\nCurrent WinHTTP proxy settings:\r\n\r\n    Proxy Server(s) :  ${p.server}\r\n    Bypass List     :  ${p.bypass || '(none)'}\r\n\r\n`;
}

export function fakePc(init: Partial<PcState> = {}) {
  const state: PcState = {
    my: [],
    registry: new Map(),
    lyncRunning: false,
    elevated: false,
    userPoliciesWritable: false,
    winhttp: { kind: 'direct' },
    internetSettings: fixture('fix', 'reg-query-internet-settings.en.txt'),
    folders: new Set(),
    dnsFlushes: 0,
    ...init,
  };

  const canWrite = (key: string): boolean => state.elevated || (/^HKEY_CURRENT_USER\\/i.test(key) && (!/\\Policies\\/i.test(key) || state.userPoliciesWritable));

  const storeOf = (name: string): PsCert[] | undefined => (name === 'My' ? state.my : state.lyncCertStore);

  function powershell(script: string): Partial<CommandResult> {
    const exp = /Get-ChildItem -Path 'Cert:\\CurrentUser\\(My|LyncCertStore)'/.exec(script);
    if (exp) {
      const list = storeOf(exp[1] as string);
      return { stdout: storeJson(exp[1] as string, 'FullLanguage', list ?? null) };
    }
    const rm = /\$path = 'Cert:\\CurrentUser\\(My|LyncCertStore)\\([0-9A-F]{40})'/.exec(script);
    if (rm && /Remove-Item/.test(script)) {
      const list = storeOf(rm[1] as string) ?? [];
      const i = list.findIndex((c) => c.thumbprint === rm[2]);
      if (i < 0) return { stdout: 'absent\r\n' };
      const parsed = parseCertificate((list[i] as PsCert).derBase64, 'My', true);
      if (!parsed.ok || parsed.cert.issuerCommonName !== 'Communications Server') return { code: 3, stderr: `not removed: issuer is ${parsed.ok ? parsed.cert.issuer : '?'}\r\n` };
      list.splice(i, 1);
      return { stdout: 'removed\r\n' };
    }
    const imp = /\$file = '((?:[^']|'')+)'[\s\S]*-ne '([0-9A-F]{40})'[\s\S]*Import-Certificate -FilePath \$file -CertStoreLocation 'Cert:\\CurrentUser\\(My|LyncCertStore)'/.exec(script);
    if (imp) {
      const der = readFileSync(unq(imp[1] as string));
      const thumbprint = createHash('sha1').update(der).digest('hex').toUpperCase();
      if (thumbprint !== imp[2]) return { code: 3, stdout: `backup file holds ${thumbprint}\r\n` };
      const name = imp[3] as 'My' | 'LyncCertStore';
      if (name === 'LyncCertStore') state.lyncCertStore ??= [];
      const list = storeOf(name) as PsCert[];
      if (!list.some((c) => c.thumbprint === thumbprint)) list.push({ store: name, thumbprint, hasPrivateKey: false, derBase64: der.toString('base64') });
      return { stdout: 'imported\r\n' };
    }
    const dir = /'Microsoft\\Office\\(15\.0|16\.0)\\Lync'/.exec(script)?.[1];
    if (dir && /\$bak = /.test(script)) {
      const bak = `${dir}\\${unq(/\$bak = Join-Path \$dir '((?:[^']|'')+)'/.exec(script)?.[1] ?? '')}`;
      const origName = unq(/\$orig = Join-Path \$dir '((?:[^']|'')+)'/.exec(script)?.[1] ?? '');
      const orig = `${dir}\\${origName}`;
      if (!state.folders.has(bak)) return state.folders.has(orig) ? { stdout: 'absent\r\n' } : { code: 4, stderr: `backup folder not found: ${bak}\r\n` };
      if (state.folders.has(orig)) {
        const replaced = unq(/Rename-Item -LiteralPath \$orig -NewName '((?:[^']|'')+)'/.exec(script)?.[1] ?? '');
        state.folders.delete(orig);
        state.folders.add(`${dir}\\${replaced}`);
      }
      state.folders.delete(bak);
      state.folders.add(orig);
      return { stdout: 'restored\r\n' };
    }
    if (dir && /'not-reset'/.test(script)) {
      const names = [...script.matchAll(/Join-Path \$dir '((?:[^']|'')+)'/g)].map((m) => `${dir}\\${unq(m[1] as string)}`);
      return { stdout: state.folders.has(names[0] as string) && !state.folders.has(names[1] as string) ? 'reset\r\n' : 'not-reset\r\n' };
    }
    if (dir && /Rename-Item/.test(script)) {
      const src = `${dir}\\${unq(/\$src = Join-Path \$dir '((?:[^']|'')+)'/.exec(script)?.[1] ?? '')}`;
      const to = `${dir}\\${unq(/-NewName '((?:[^']|'')+)'/.exec(script)?.[1] ?? '')}`;
      if (!state.folders.has(src)) return { stdout: 'absent\r\n' };
      if (state.folders.has(to)) return { code: 3, stderr: 'a folder with the backup name already exists\r\n' };
      state.folders.delete(src);
      state.folders.add(to);
      return { stdout: 'renamed\r\n' };
    }
    return { code: 1, stderr: 'fake PC: unknown script\r\n' };
  }

  function reg(args: readonly string[]): Partial<CommandResult> {
    const [verb, short = ''] = args;
    const key = longKey(short);
    if (verb === 'query') {
      if (/Internet Settings$/i.test(short)) return { stdout: state.internetSettings };
      const values = state.registry.get(key);
      return values ? { stdout: regQueryText(key, values) } : NOT_FOUND;
    }
    const name = args[args.indexOf('/v') + 1] ?? '';
    if (!canWrite(key)) return DENIED;
    if (verb === 'add') {
      const type = args[args.indexOf('/t') + 1] ?? 'REG_SZ';
      const d = args[args.indexOf('/d') + 1] ?? '';
      const data = type === 'REG_DWORD' ? `0x${Number(d).toString(16)}` : d;
      const values = (state.registry.get(key) ?? []).filter((v) => v.name.toLowerCase() !== name.toLowerCase());
      state.registry.set(key, [...values, { name, type, data }]);
      return { stdout: 'The operation completed successfully.\r\n\r\n' };
    }
    if (verb === 'delete') {
      const values = state.registry.get(key);
      if (!values || !values.some((v) => v.name.toLowerCase() === name.toLowerCase())) return NOT_FOUND;
      state.registry.set(key, values.filter((v) => v.name.toLowerCase() !== name.toLowerCase()));
      return { stdout: 'The operation completed successfully.\r\n\r\n' };
    }
    return { code: 1, stderr: 'ERROR: Invalid syntax.\r\n' };
  }

  function netsh(args: readonly string[]): Partial<CommandResult> {
    const verb = args[1];
    if (verb === 'show') return { stdout: winhttpText(state.winhttp) };
    if (!state.elevated) return { code: 1, stdout: fixture('fix', 'netsh-winhttp-import-denied.en.txt') };
    if (verb === 'import') {
      const ie = parseWinInet(state.internetSettings);
      if (ie) state.winhttp = expectedFromIe(ie);
    } else if (verb === 'reset') state.winhttp = { kind: 'direct' };
    else if (verb === 'set') {
      const server = args.find((a) => a.startsWith('proxy-server='))?.slice(13) ?? '';
      const bypass = args.find((a) => a.startsWith('bypass-list='))?.slice(12) ?? '';
      state.winhttp = { kind: 'proxy', server, bypass };
    }
    return { stdout: winhttpText(state.winhttp) };
  }

  const run = recordingRunner((command, args) => {
    const script = command === 'powershell.exe' ? decodePowerShell(args) : null;
    const forced = state.failWhen?.(command, args, script);
    if (forced) return forced;
    switch (command) {
      case 'powershell.exe':
        return powershell(script ?? '');
      case 'reg.exe':
        return reg(args);
      case 'tasklist.exe':
        return { stdout: fixture('fix', state.lyncRunning ? 'tasklist-running.en.txt' : 'tasklist-none.en.txt') };
      case 'whoami.exe':
        return { stdout: fixture('fix', state.elevated ? 'whoami-groups-high.en.csv' : 'whoami-groups-medium.en.csv') };
      case 'netsh.exe':
        return netsh(args);
      case 'ipconfig.exe':
        state.dnsFlushes++;
        return { stdout: fixture('fix', 'ipconfig-flushdns.en.txt') };
      default:
        return { code: null, spawnError: `spawn ${command} ENOENT` };
    }
  });
  return { state, run };
}

/** The commands a runner saw, as "command arg arg" (PowerShell shown by its decoded script). */
export function callLines(calls: ReadonlyArray<{ command: string; args: readonly string[] }>): string[] {
  return calls.map((c) => (c.command === 'powershell.exe' ? `powershell.exe ${decodePowerShell(c.args) ?? ''}` : [c.command, ...c.args].join(' ')));
}

/** Commands that change something (everything but the read-only ones the fixes use). */
export function mutating(calls: ReadonlyArray<{ command: string; args: readonly string[] }>): string[] {
  return callLines(calls).filter((l) => !/^(tasklist\.exe|whoami\.exe|reg\.exe query|netsh\.exe winhttp show)/.test(l) && !/Get-ChildItem -Path 'Cert:/.test(l) && !/'not-reset'/.test(l));
}
