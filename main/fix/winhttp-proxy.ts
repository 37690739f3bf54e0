/**
 * Fix: copy the user's Internet Options (WinINET) proxy to WinHTTP with `netsh winhttp import proxy
 * source=ie` when the two disagree. WinHTTP is machine-wide, so netsh needs an elevated prompt; the
 * previous WinHTTP setting is backed up and restored on undo (`set proxy …` or `reset proxy`).
 * It targets the WinHTTP view the Lync/SfB client uses: a 32-bit client (the common Office install)
 * reads the WOW64 settings, which only %SystemRoot%\SysWOW64\netsh.exe shows and writes.
 */
import { NETSH_WOW64 } from '../collect/proxy-windows';
import type { DiagnosisView } from '../model/api';
import type { WinHttpViewName } from '../model/proxy';
import { anyOf, literal, obj, oneOf, opt, str } from '../model/schema';
import type { CommandRunner } from '../collect/windows/runner';
import { cmdSafe, firstLine, notRun, tool } from './commands';
import { describeProxy, expectedFromIe, INTERNET_SETTINGS_KEY, parseWinHttpShowProxy, parseWinInet, sameProxy, bypassSet, type WinHttpProxy, type WinInetProxy } from './parse-winhttp';
import { defineFix, type CommandSpec } from './types';

export interface WinHttpData {
  readonly ie: WinInetProxy;
  readonly before: WinHttpProxy;
  readonly after: WinHttpProxy;
  /** The WinHTTP view changed (absent in journals of earlier versions: the 64-bit one). */
  readonly view?: WinHttpViewName;
}

export interface WinHttpBackup {
  readonly previous: WinHttpProxy;
}

const SAFE = str({ max: 2048, pattern: /^[^\x00-\x1f"]*$/ });
const proxySchema = anyOf(obj<{ kind: 'direct' }>({ kind: literal('direct') }), obj<{ kind: 'proxy'; server: string; bypass: string }>({ kind: literal('proxy'), server: str({ max: 2048, min: 1, pattern: /^[^\x00-\x1f"\s]+$/ }), bypass: SAFE }));
const dataSchema = obj<WinHttpData>({ ie: obj<WinInetProxy>({ server: SAFE, bypass: SAFE, autoConfigUrl: SAFE }), before: proxySchema, after: proxySchema, view: opt(oneOf(['64-bit', '32-bit'])) });
const backupSchema = obj<WinHttpBackup>({ previous: proxySchema });

/** netsh of a WinHTTP view: plain netsh.exe (64-bit from our 64-bit process) or SysWOW64\\netsh.exe (32-bit). */
export function netshFor(view: WinHttpViewName | undefined): string {
  return view === '32-bit' ? NETSH_WOW64 : 'netsh.exe';
}

export const SHOW_PROXY = tool('netsh.exe', ['winhttp', 'show', 'proxy'], 15_000);
export const IMPORT_IE = tool('netsh.exe', ['winhttp', 'import', 'proxy', 'source=ie']);
const showProxy = (view?: WinHttpViewName): CommandSpec => (view === '32-bit' ? tool(NETSH_WOW64, ['winhttp', 'show', 'proxy'], 15_000) : SHOW_PROXY);
const importIe = (view?: WinHttpViewName): CommandSpec => (view === '32-bit' ? tool(NETSH_WOW64, ['winhttp', 'import', 'proxy', 'source=ie']) : IMPORT_IE);

/** The WinHTTP view the diagnosis says the client uses (64-bit when the collector could not tell). */
export function clientView(view: DiagnosisView): WinHttpViewName {
  return view.snapshot.sections.proxy?.data?.winhttp?.view === '32-bit' ? '32-bit' : '64-bit';
}

/** The command that puts a WinHTTP setting back. Bypass entries are joined with ";" (no spaces to quote). */
export function restoreCommand(p: WinHttpProxy, view?: WinHttpViewName): CommandSpec {
  const netsh = netshFor(view);
  if (p.kind === 'direct') return tool(netsh, ['winhttp', 'reset', 'proxy']);
  const bypass = bypassSet(p.bypass).length ? p.bypass.split(/[;\s]+/).filter(Boolean).join(';') : '';
  const c = tool(netsh, ['winhttp', 'set', 'proxy', `proxy-server=${p.server}`, ...(bypass ? [`bypass-list=${bypass}`] : [])]);
  // The documented cmd form quotes the values, not the name=value tokens; values cmd.exe cannot carry keep tool()'s REM line.
  if (!cmdSafe(p.server) || !cmdSafe(bypass)) return c;
  return { ...c, display: `${c.command} winhttp set proxy proxy-server="${p.server}"${bypass ? ` bypass-list="${bypass}"` : ''}` };
}

async function read(run: CommandRunner, c: CommandSpec, what: string): Promise<{ stdout: string } | { error: string }> {
  const r = await run(c.command, c.args, { timeoutMs: c.timeoutMs ?? 15_000 });
  const why = notRun(r);
  if (why) return { error: `cannot read ${what}: ${why}` };
  if (r.code !== 0) return { error: `cannot read ${what}: ${firstLine(r.stderr) || firstLine(r.stdout) || `exit ${String(r.code)}`}` };
  return { stdout: r.stdout };
}

function elevatedLine(c: CommandSpec): string {
  return c.display.replace(/^netsh\.exe/, 'netsh').replace(/^(\S*\\SysWOW64\\netsh\.exe)/i, '"$1"');
}

export const winHttpImportIe = defineFix<WinHttpData, WinHttpBackup>({
  kind: 'automated',
  id: 'winhttp-import-ie-proxy',
  title: 'Copy the Internet Options proxy to WinHTTP (netsh winhttp import proxy source=ie)',
  description: 'When WinHTTP (used by services and some Lync/Office components) and Internet Options disagree, imports the Internet Options proxy into WinHTTP.',
  articleId: 'wrong-proxy-office365-authentication',
  resolves: ['LD-PROXY-004'],
  onRequest: true,
  needsAdmin: true,
  collectors: ['proxy'],
  dataSchema,
  backupSchema,

  async plan(diagnosis, env) {
    const view = clientView(diagnosis);
    const where = view === '32-bit' ? ' (32-bit view, SysWOW64\\netsh: the one the 32-bit Lync/Office client uses)' : '';
    const show = await read(env.run, showProxy(view), `the WinHTTP proxy${where}`);
    if ('error' in show) return { applicable: false, reason: show.error };
    const before = parseWinHttpShowProxy(show.stdout);
    if (!before) return { applicable: false, reason: `could not read the WinHTTP proxy from netsh's output${env.mode === 'recorded' ? ' (recorded mode: netsh was not run)' : ''}` };
    const ieRead = await read(env.run, { ...tool('reg.exe', ['query', INTERNET_SETTINGS_KEY]), timeoutMs: 15_000 }, 'the Internet Options proxy');
    if ('error' in ieRead) return { applicable: false, reason: ieRead.error };
    const ieFull = parseWinInet(ieRead.stdout);
    if (!ieFull) return { applicable: false, reason: 'could not read the Internet Options proxy values' };
    const after = expectedFromIe(ieFull);
    const ie: WinInetProxy = { enabled: ieFull.enabled, server: ieFull.server, bypass: ieFull.bypass, autoConfigUrl: ieFull.autoConfigUrl };
    if (ie.autoConfigUrl && after.kind === 'direct') {
      return { applicable: false, reason: `Internet Options use a PAC file (${ie.autoConfigUrl}) and no fixed proxy; "import source=ie" copies only a fixed proxy, so it would set WinHTTP to direct access. Set WinHTTP by hand if it needs a proxy.` };
    }
    if (sameProxy(before, after)) return { applicable: false, reason: `WinHTTP and Internet Options already agree (${describeProxy(before)})` };
    return {
      applicable: true,
      plan: {
        summary: `WinHTTP uses ${describeProxy(before)} but Internet Options use ${describeProxy(after)}: import the Internet Options setting into WinHTTP.`,
        changes: [`WinHTTP proxy (machine-wide${where}): ${describeProxy(before)} → ${describeProxy(after)}`],
        steps: [{ id: 'import', label: `import the Internet Options proxy into WinHTTP${where}`, command: importIe(view) }],
        backup: 'The current WinHTTP setting (netsh winhttp show proxy, read again just before the change) as winhttp-before.txt.',
        undo: `Restores WinHTTP with: ${restoreCommand(before, view).display}`,
        notes: [
          'WinHTTP is one setting for the whole PC (services, Windows Update, WinHTTP-based components); netsh needs an elevated Command Prompt.',
          ...(ie.autoConfigUrl ? [`Internet Options also name a PAC file (${ie.autoConfigUrl}); the import copies only the fixed proxy, not the PAC file.`] : []),
        ],
        data: { ie, before, after, view },
      },
    };
  },

  async backup(plan, ctx) {
    const show = await read(ctx.env.run, showProxy(plan.data.view), 'the WinHTTP proxy');
    if ('error' in show) throw new Error(show.error);
    const previous = parseWinHttpShowProxy(show.stdout);
    if (!previous) throw new Error('could not read the WinHTTP proxy from netsh\'s output');
    const file = ctx.writeFile('winhttp-before.txt', show.stdout, 'netsh winhttp show proxy, before the change');
    return { data: { previous }, files: [file] };
  },

  undo(input) {
    const ran = input.applied.some((a) => a.id === 'import' && (a.outcome === 'ok' || a.outcome === 'unknown' || a.outcome === 'recorded'));
    const c = restoreCommand(input.backup.previous, input.data.view);
    return {
      available: true,
      steps: ran ? [{ id: 'restore', label: `restore WinHTTP: ${describeProxy(input.backup.previous)}`, command: c }] : [],
      message: `WinHTTP is back to ${describeProxy(input.backup.previous)}.`,
    };
  },

  handoff(plan, backup, dir) {
    return {
      message: `WinHTTP is machine-wide and netsh needs an administrator; Lync Doctor does not elevate silently. The current WinHTTP setting is saved in ${dir}. In a Command Prompt opened with "Run as administrator", run the line below.`,
      commands: [elevatedLine(importIe(plan.data.view))],
      undoCommands: [elevatedLine(restoreCommand(backup.data.previous, plan.data.view))],
    };
  },

  async recheck(data, env) {
    const show = await read(env.run, showProxy(data.view), 'the WinHTTP proxy');
    if ('error' in show) return { result: 'not-checked', message: show.error };
    const now = parseWinHttpShowProxy(show.stdout);
    if (!now) return { result: 'not-checked', message: 'could not read the WinHTTP proxy back' };
    return sameProxy(now, data.after)
      ? { result: 'resolved', message: `WinHTTP now uses ${describeProxy(now)}, matching Internet Options.` }
      : { result: 'not-resolved', message: `WinHTTP uses ${describeProxy(now)}; expected ${describeProxy(data.after)}.` };
  },
});
