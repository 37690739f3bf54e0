/**
 * Fix: reset the client's sign-in cache for the SIP address by renaming
 * %LOCALAPPDATA%\Microsoft\Office\{15.0,16.0}\Lync\sip_<address> to a dated backup name — never
 * deleting — and only while lync.exe is not running. Undo renames it back.
 */
import { parseSipAddress } from '../diagnose';
import { arr, obj, oneOf, str } from '../model/schema';
import { judgeStatusWord, powershell, psQuote, statusWord } from './commands';
import { stamp } from './journal';
import { lyncNotRunning } from './parse-tasklist';
import { VERSIONS, type Version } from './lync-cert-store';
import { defineFix, type Step } from './types';

export interface CacheFolder {
  readonly version: Version;
  /** sip_<address> */
  readonly name: string;
  /** sip_<address>.lyncdoctor-<yyyymmdd-hhmmss> */
  readonly backupName: string;
}

export interface SignInCacheData {
  readonly sipAddress: string;
  readonly folders: readonly CacheFolder[];
}

export interface SignInCacheBackup {
  readonly method: 'rename-in-place';
}

const NAME = /^sip_[a-z0-9._%+'@-]{3,320}$/;
const dataSchema = obj<SignInCacheData>({
  sipAddress: str({ max: 320 }),
  folders: arr(obj<CacheFolder>({ version: oneOf(VERSIONS), name: str({ pattern: NAME }), backupName: str({ pattern: /^sip_[a-z0-9._%+'@-]{3,320}\.lyncdoctor-\d{8}-\d{6}$/ }) }), 2),
});
const backupSchema = obj<SignInCacheBackup>({ method: oneOf(['rename-in-place']) });

/** Where the profile folders of a version live, as PowerShell resolves it on the user's PC. */
export function lyncDir(version: Version): string {
  return `(Join-Path $env:LOCALAPPDATA ${psQuote(`Microsoft\\Office\\${version}\\Lync`)})`;
}

export function renameScript(f: CacheFolder): string[] {
  return [
    "$ErrorActionPreference = 'Stop'",
    `$dir = ${lyncDir(f.version)}`,
    `$src = Join-Path $dir ${psQuote(f.name)}`,
    "if (-not (Test-Path -LiteralPath $src)) { 'absent'; exit 0 }",
    `if (Test-Path -LiteralPath (Join-Path $dir ${psQuote(f.backupName)})) { 'a folder with the backup name already exists'; exit 3 }`,
    `Rename-Item -LiteralPath $src -NewName ${psQuote(f.backupName)}`,
    "'renamed'",
  ];
}

/** Renames the backup back; a folder the client created since is moved aside (never deleted). */
export function restoreScript(f: CacheFolder, undoStamp: string): string[] {
  return [
    "$ErrorActionPreference = 'Stop'",
    `$dir = ${lyncDir(f.version)}`,
    `$bak = Join-Path $dir ${psQuote(f.backupName)}`,
    `$orig = Join-Path $dir ${psQuote(f.name)}`,
    "if (-not (Test-Path -LiteralPath $bak)) { if (Test-Path -LiteralPath $orig) { 'absent'; exit 0 }; ('backup folder not found: ' + $bak); exit 4 }",
    `if (Test-Path -LiteralPath $orig) { Rename-Item -LiteralPath $orig -NewName ${psQuote(`${f.name}.lyncdoctor-replaced-${undoStamp}`)} }`,
    `Rename-Item -LiteralPath $bak -NewName ${psQuote(f.name)}`,
    "'restored'",
  ];
}

/** Read-back after apply: the sip_ folder must be gone and its backup present. */
function checkScript(f: CacheFolder): string[] {
  return [
    `$dir = ${lyncDir(f.version)}`,
    `if ((Test-Path -LiteralPath (Join-Path $dir ${psQuote(f.backupName)})) -and -not (Test-Path -LiteralPath (Join-Path $dir ${psQuote(f.name)}))) { 'reset' } else { 'not-reset' }`,
  ];
}

export const resetSignInCache = defineFix<SignInCacheData, SignInCacheBackup>({
  kind: 'automated',
  id: 'reset-sign-in-cache',
  title: 'Reset the client\'s sign-in cache for the SIP address (rename, never delete)',
  description: 'Renames %LOCALAPPDATA%\\Microsoft\\Office\\{15.0,16.0}\\Lync\\sip_<address> to a dated backup while Lync is not running.',
  articleId: 'stale-sign-in-cache',
  resolves: [],
  onRequest: true,
  needsAdmin: false,
  collectors: [],
  dataSchema,
  backupSchema,

  async plan(view, env) {
    let sip: string;
    try {
      sip = parseSipAddress(view.snapshot.input.sipAddress).sipAddress;
    } catch (e) {
      return { applicable: false, reason: (e as Error).message };
    }
    const when = stamp(env.now());
    const folders = VERSIONS.map((version) => ({ version, name: `sip_${sip}`, backupName: `sip_${sip}.lyncdoctor-${when}` }));
    const steps: Step[] = folders.map((f) => ({
      id: f.version,
      label: `rename %LOCALAPPDATA%\\Microsoft\\Office\\${f.version}\\Lync\\${f.name} to ${f.backupName}`,
      command: powershell(renameScript(f)),
      judge: judgeStatusWord({ renamed: 'ok', absent: 'no-change' }),
    }));
    return {
      applicable: true,
      plan: {
        summary: `Rename the Lync profile folder sip_${sip} (Office 15.0 and 16.0, where present) to a dated backup, so the client builds a fresh sign-in cache at the next sign-in.`,
        changes: folders.map((f) => `%LOCALAPPDATA%\\Microsoft\\Office\\${f.version}\\Lync\\${f.name} → ${f.backupName} (if the folder exists)`),
        steps,
        backup: 'The folder itself is the backup: it is renamed, never deleted, and stays next to where it was.',
        undo: `Renames ${folders[0]?.backupName ?? ''} back (Lync must not be running). If the client has made a new sip_ folder since, that one is moved aside as …lyncdoctor-replaced-<time>, not deleted.`,
        notes: [
          'Only while the client is not running: tasklist checks that lync.exe is not running before the rename (and before undo); if it is, nothing is changed.',
          'Try the client\'s own "Delete my sign-in info" first (article stale-sign-in-cache). This fix does not touch the HKCU\\Software\\Microsoft\\Office\\<version>\\Lync\\<address> key, the Tracing folder or AccountProfiles.dat, nor Lync 2010\'s Communicator folder.',
          'After the reset the user enters the password again, and the client requests a new sign-in certificate.',
        ],
        preflight: lyncNotRunning(),
        data: { sipAddress: sip, folders },
      },
    };
  },

  async backup() {
    return { data: { method: 'rename-in-place' }, files: [] };
  },

  undo(input) {
    const renamed = new Set(input.applied.filter((a) => a.outcome === 'ok' || a.outcome === 'unknown' || a.outcome === 'recorded').map((a) => a.id));
    const when = stamp(input.now);
    const steps: Step[] = input.data.folders
      .filter((f) => renamed.has(f.version))
      .map((f) => ({
        id: f.version,
        label: `rename ${f.backupName} back to ${f.name} (Office ${f.version})`,
        command: powershell(restoreScript(f, when)),
        judge: judgeStatusWord({ restored: 'ok', absent: 'no-change' }),
      }));
    return { available: true, steps, preflight: lyncNotRunning(), message: 'The cached sign-in data is back where it was.' };
  },

  async recheck(data, env) {
    const results: string[] = [];
    for (const f of data.folders) {
      const c = powershell(checkScript(f));
      const r = await env.run(c.command, c.args, { timeoutMs: 15_000 });
      results.push(`${f.version}: ${statusWord(r.stdout) || 'no answer'}`);
    }
    const reset = results.some((r) => r.endsWith(': reset'));
    return reset
      ? { result: 'resolved', message: `Sign-in cache folder renamed (${results.join(', ')}); sign in to confirm the problem is gone.` }
      : { result: 'not-checked', message: `No renamed sip_ folder found (${results.join(', ')}): the cache may not have existed; sign in to confirm.` };
  },
});
