/**
 * Fixes: set or clear the UseLyncCertStore policy (REG_DWORD 1 under …\Policies\Microsoft\Office\
 * {15.0,16.0}\Lync) per user (HKCU) or per machine (HKLM). The previous value — or its absence — is
 * backed up; HKLM needs an administrator, so without elevation it hands over apply.reg / undo.reg and a
 * one-line command for an elevated prompt instead of elevating silently.
 */
import { join } from 'node:path';
import { useLyncCertStoreValues, USE_LYNC_CERT_STORE } from '../checks/policy-values';
import { policyKey } from '../collect/policy';
import { classifyRegError, parseRegQuery } from '../collect/windows/parse-reg-query';
import type { DiagnosisView } from '../model/api';
import type { Finding } from '../model/finding';
import { dwordValue, type RegistryHive, type RegistryValue } from '../model/policy';
import { arr, bool, nullable, obj, oneOf, str } from '../model/schema';
import { cmdLine, cmdSafe, firstLine, judgeExitCode, notRun, tool } from './commands';
import { defineFix, type AutomatedFix, type Step, type StepJudgement } from './types';
import type { CommandResult } from '../collect/windows/runner';

export type Version = '15.0' | '16.0';
export const VERSIONS: readonly Version[] = ['15.0', '16.0'];
type Action = 'set' | 'clear';

export interface CertStoreData {
  readonly hive: RegistryHive;
  readonly action: Action;
  readonly versions: readonly Version[];
}

export interface PreviousValue {
  readonly version: Version;
  readonly keyExisted: boolean;
  readonly value: { readonly type: string; readonly data: string } | null;
}

export interface CertStoreBackup {
  readonly previous: readonly PreviousValue[];
}

const version = oneOf(VERSIONS);
const dataSchema = obj<CertStoreData>({ hive: oneOf(['HKLM', 'HKCU']), action: oneOf(['set', 'clear']), versions: arr(version, 2) });
const backupSchema = obj<CertStoreBackup>({
  previous: arr(obj<PreviousValue>({ version, keyExisted: bool, value: nullable(obj<{ type: string; data: string }>({ type: str({ pattern: /^REG_[A-Z_]+$/ }), data: str({ max: 4096 }) })) }), 2),
});

const HIVE_LONG: Record<RegistryHive, string> = { HKLM: 'HKEY_LOCAL_MACHINE', HKCU: 'HKEY_CURRENT_USER' };

function versionOf(v: RegistryValue): Version | null {
  const m = /\\(15\.0|16\.0)\\Lync$/i.exec(v.keyPath);
  return m ? (m[1] as Version) : null;
}

function describeValue(v: { type: string; data: string } | null | undefined): string {
  return v ? `${v.type} ${v.data}` : 'not set';
}

/** True when a finding is about a value in `hive` (LD-POL-001 names the key path). */
function aboutHive(f: Finding, hive: RegistryHive): boolean {
  const t = `${f.message} ${f.evidence.map((e) => e.value).join(' ')}`;
  return t.includes(`${HIVE_LONG[hive]}\\`) || t.includes(`${hive}\\`);
}

/** reg add / reg delete judgement: "unable to find" on delete is no-change; "Access is denied" is explained. */
function judgeReg(hive: RegistryHive, deleting: boolean): (r: CommandResult) => StepJudgement {
  return (r) => {
    const base = judgeExitCode(r);
    if (base.outcome !== 'failed' || notRun(r)) return base;
    const kind = classifyRegError(`${r.stderr}\n${r.stdout}`);
    if (deleting && kind === 'absent') return { outcome: 'no-change', message: 'value was not set' };
    if (kind === 'access-denied') {
      return { outcome: 'failed', message: `Access is denied: Windows lets only administrators write under ${hive}\\SOFTWARE\\Policies${hive === 'HKCU' ? ' (standard users may only read their own Policies key)' : ''}; nothing was changed by this step` };
    }
    return { outcome: 'failed', message: firstLine(r.stderr) || base.message };
  };
}

function setStep(hive: RegistryHive, v: Version): Step {
  const key = policyKey(hive, v);
  return { id: v, label: `set ${key}\\${USE_LYNC_CERT_STORE} = REG_DWORD 1`, command: tool('reg.exe', ['add', key, '/v', USE_LYNC_CERT_STORE, '/t', 'REG_DWORD', '/d', '1', '/f']), judge: judgeReg(hive, false) };
}

function deleteStep(hive: RegistryHive, v: Version, label?: string): Step {
  const key = policyKey(hive, v);
  return { id: v, label: label ?? `delete ${key}\\${USE_LYNC_CERT_STORE}`, command: tool('reg.exe', ['delete', key, '/v', USE_LYNC_CERT_STORE, '/f']), judge: judgeReg(hive, true) };
}

/** The data text reg.exe add takes for a value as reg query printed it; null when we cannot write that type back. */
export function regAddData(type: string, data: string): string | null {
  switch (type) {
    case 'REG_DWORD': {
      const n = dwordValue(type, data);
      return n === null ? null : String(n);
    }
    case 'REG_QWORD': {
      const m = /^0x([0-9a-f]{1,16})$/i.exec(data.trim());
      return m ? BigInt(`0x${m[1]}`).toString() : null;
    }
    case 'REG_SZ':
    case 'REG_EXPAND_SZ':
    case 'REG_MULTI_SZ':
    case 'REG_BINARY':
      return data;
    default:
      return null;
  }
}

function restoreStep(hive: RegistryHive, p: PreviousValue): Step | string {
  if (!p.value) return deleteStep(hive, p.version, `delete ${policyKey(hive, p.version)}\\${USE_LYNC_CERT_STORE} (it was not set before)`);
  const data = regAddData(p.value.type, p.value.data);
  if (data === null) return `${policyKey(hive, p.version)}\\${USE_LYNC_CERT_STORE} was ${p.value.type} "${p.value.data}", which Lync Doctor cannot write back; restore it by hand`;
  const key = policyKey(hive, p.version);
  return { id: p.version, label: `restore ${key}\\${USE_LYNC_CERT_STORE} = ${p.value.type} ${p.value.data}`, command: tool('reg.exe', ['add', key, '/v', USE_LYNC_CERT_STORE, '/t', p.value.type, '/d', data, '/f']), judge: judgeReg(hive, false) };
}

function regString(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** A .reg file (Registry Editor 5.00, UTF-16LE with BOM and CRLF, as regedit writes it). */
export function regFile(hive: RegistryHive, values: ReadonlyArray<{ version: Version; value: { type: string; data: string } | null }>): Buffer {
  const lines = ['Windows Registry Editor Version 5.00', ''];
  for (const { version: v, value } of values) {
    lines.push(`[${HIVE_LONG[hive]}\\SOFTWARE\\Policies\\Microsoft\\Office\\${v}\\Lync]`);
    if (!value) lines.push(`"${USE_LYNC_CERT_STORE}"=-`);
    else if (value.type === 'REG_DWORD' && dwordValue(value.type, value.data) !== null) lines.push(`"${USE_LYNC_CERT_STORE}"=dword:${(dwordValue(value.type, value.data) as number).toString(16).padStart(8, '0')}`);
    else if (value.type === 'REG_SZ') lines.push(`"${USE_LYNC_CERT_STORE}"=${regString(value.data)}`);
    else lines.push(`; ${USE_LYNC_CERT_STORE} was ${value.type} "${value.data}": restore it by hand (reg add … /t ${value.type})`);
    lines.push('');
  }
  return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(lines.join('\r\n'), 'utf16le')]);
}

async function readPrevious(hive: RegistryHive, v: Version, run: (c: string, a: readonly string[]) => Promise<CommandResult>): Promise<{ previous: PreviousValue; raw: string }> {
  const key = policyKey(hive, v);
  const r = await run('reg.exe', ['query', key]);
  const why = notRun(r);
  if (why) throw new Error(`cannot read ${key}: ${why}`);
  if (r.code !== 0) {
    const kind = classifyRegError(`${r.stderr}\n${r.stdout}`);
    if (kind === 'absent') return { previous: { version: v, keyExisted: false, value: null }, raw: r.stderr };
    throw new Error(`cannot read ${key}: ${firstLine(r.stderr) || `exit ${String(r.code)}`}`);
  }
  const found = parseRegQuery(r.stdout).find((x) => x.name.toLowerCase() === USE_LYNC_CERT_STORE.toLowerCase());
  return { previous: { version: v, keyExisted: true, value: found ? { type: found.type, data: found.data } : null }, raw: r.stdout };
}

const TRADE_OFFS = [
  'For: new Lync / Skype for Business certificates go to LyncCertStore, so 802.1X Wi-Fi, VPN and website certificate prompts stop offering them (seed 002).',
  'Against: it is not the default and must be kept per Office version (15.0 and 16.0 are separate keys); help-desk steps that look for the certificate in Personal must look in LyncCertStore; certificates already in Personal stay there until removed (then LD-CERT-004 lists them: use remove-stale-tls-dsk).',
  'It applies to certificates the client requests from now on (next sign-in).',
];

function makeFix(hive: RegistryHive, action: Action): AutomatedFix {
  const where = hive === 'HKCU' ? 'for this user (HKCU)' : 'for every user of this PC (HKLM)';
  const id = `lync-cert-store-${action === 'clear' ? 'clear-' : ''}${hive === 'HKCU' ? 'user' : 'machine'}`;
  const relevant = (view: DiagnosisView): boolean =>
    view.findings.some((f) => (f.checkId === 'LD-POL-001' && aboutHive(f, hive)) || (action === 'set' && f.checkId === 'LD-CERT-003'));
  return defineFix<CertStoreData, CertStoreBackup>({
    kind: 'automated',
    id,
    title: action === 'set' ? `Set the UseLyncCertStore policy ${where}` : `Clear the UseLyncCertStore policy ${where}`,
    description: action === 'set' ? `Sets UseLyncCertStore = REG_DWORD 1 under ${hive}\\SOFTWARE\\Policies\\Microsoft\\Office\\{15.0,16.0}\\Lync.` : `Deletes the UseLyncCertStore value under ${hive}\\SOFTWARE\\Policies\\Microsoft\\Office\\{15.0,16.0}\\Lync.`,
    articleId: 'lync-cert-store-policy',
    resolves: action === 'set' ? ['LD-CERT-003', 'LD-POL-001'] : ['LD-POL-001'],
    relevant,
    needsAdmin: hive === 'HKLM',
    collectors: ['policy', 'certificates'],
    dataSchema,
    backupSchema,

    async plan(view) {
      const values = useLyncCertStoreValues(view.snapshot);
      const p = view.snapshot.sections.policy;
      if (!values) return { applicable: false, reason: `this diagnosis has no policy data (policy: ${p ? `${p.status}, ${p.message}` : 'not collected'})` };
      const inHive = values.filter((v) => v.hive === hive);
      const now = (ver: Version) => inHive.find((v) => versionOf(v) === ver);
      if (action === 'set' && VERSIONS.every((ver) => { const v = now(ver); return v !== undefined && dwordValue(v.type, v.data) === 1; })) {
        return { applicable: false, reason: `UseLyncCertStore is already REG_DWORD 1 under ${hive} for 15.0 and 16.0` };
      }
      if (action === 'clear' && inHive.length === 0) return { applicable: false, reason: `UseLyncCertStore is not set under ${hive}` };
      const steps = VERSIONS.map((ver) => (action === 'set' ? setStep(hive, ver) : deleteStep(hive, ver)));
      const notes = [
        ...(action === 'set' ? TRADE_OFFS : ['New certificates go back to the Personal store after this (the default), where 802.1X / VPN prompts can see them again.']),
        ...(hive === 'HKCU'
          ? [
              'The documented location is HKLM (seed 002); whether the client honours the value under HKCU is not confirmed by the sources.',
              'Windows normally lets only administrators write under HKCU\\SOFTWARE\\Policies; if reg.exe answers "Access is denied", nothing is changed and Lync Doctor says so — use the machine-wide fix instead.',
              'HKCU is the hive of the account running Lync Doctor: run it as the Lync user, not as another administrator account.',
            ]
          : ['Machine-wide, for every user of this PC; normally deployed by Group Policy, which may overwrite a local value at its next refresh.']),
      ];
      return {
        applicable: true,
        plan: {
          summary: action === 'set' ? `Set UseLyncCertStore = REG_DWORD 1 ${where}, for Office 15.0 and 16.0.` : `Delete the UseLyncCertStore value ${where}, for Office 15.0 and 16.0.`,
          changes: VERSIONS.map((ver) => `${policyKey(hive, ver)}\\${USE_LYNC_CERT_STORE}: ${action === 'set' ? 'REG_DWORD 1' : 'deleted'} (in this diagnosis: ${describeValue(now(ver))})`),
          steps,
          backup: `The current value of ${policyKey(hive, '{15.0,16.0}')}\\${USE_LYNC_CERT_STORE} (or that it is absent), read again just before the change, plus apply.reg / undo.reg.`,
          undo: 'Writes the previous value back with reg add, or deletes the value if it was absent. A key the fix created stays, empty (harmless).',
          notes,
          data: { hive, action, versions: VERSIONS },
        },
      };
    },

    async backup(plan, ctx) {
      const run = (c: string, a: readonly string[]) => ctx.env.run(c, a, { timeoutMs: 15_000 });
      const previous: PreviousValue[] = [];
      const raw: string[] = [];
      for (const v of plan.data.versions) {
        const r = await readPrevious(hive, v, run);
        previous.push(r.previous);
        raw.push(`> reg query ${policyKey(hive, v)}\r\n${r.raw}`);
      }
      const files = [
        ctx.writeFile('reg-query-before.txt', raw.join('\r\n'), `reg query output of the ${hive} policy keys before the change`),
        ctx.writeFile('apply.reg', regFile(hive, plan.data.versions.map((v) => ({ version: v, value: action === 'set' ? { type: 'REG_DWORD', data: '0x1' } : null }))), 'the change as a .reg file'),
        ctx.writeFile('undo.reg', regFile(hive, previous), 'restores the values found before the change'),
      ];
      return { data: { previous }, files };
    },

    undo(input) {
      const changed = new Set(input.applied.filter((a) => a.outcome === 'ok' || a.outcome === 'unknown' || a.outcome === 'recorded').map((a) => a.id));
      const steps: Step[] = [];
      for (const p of input.backup.previous.filter((x) => changed.has(x.version))) {
        const s = restoreStep(hive, p);
        if (typeof s === 'string') return { available: false, reason: s };
        steps.push(s);
      }
      const created = input.backup.previous.filter((p) => changed.has(p.version) && !p.keyExisted).map((p) => policyKey(hive, p.version));
      return { available: true, steps, message: `Previous values restored: ${input.backup.previous.map((p) => `${p.version} ${describeValue(p.value)}`).join(', ')}.${created.length ? ` The key(s) ${created.join(', ')} created by the fix stay, empty.` : ''}` };
    },

    handoff(plan, _backup, dir) {
      const apply = join(dir, 'apply.reg');
      const undo = join(dir, 'undo.reg');
      return {
        message: `writing ${hive}\\SOFTWARE\\Policies needs an administrator, and Lync Doctor does not elevate silently. The change and its undo are saved as ${apply} and ${undo}. In a Command Prompt opened with "Run as administrator", run the line below (equivalent: ${plan.steps.map((s) => s.command.display).join(' & ')}).`,
        commands: [cmdSafe(apply) ? `reg import "${apply}"` : cmdLine('reg', ['import', apply])],
        undoCommands: [cmdSafe(undo) ? `reg import "${undo}"` : cmdLine('reg', ['import', undo])],
      };
    },

    stillFound(findings) {
      return findings.filter((f) => (f.checkId === 'LD-POL-001' ? aboutHive(f, hive) : action === 'set'));
    },
  });
}

export const lyncCertStoreUser = makeFix('HKCU', 'set');
export const lyncCertStoreMachine = makeFix('HKLM', 'set');
export const lyncCertStoreClearUser = makeFix('HKCU', 'clear');
export const lyncCertStoreClearMachine = makeFix('HKLM', 'clear');
