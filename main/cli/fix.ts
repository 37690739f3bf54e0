/**
 * `lyncdoctor fix`: list | preview <id> | <id> [--yes] | undo <journalId> [--yes] | journal.
 * Without --yes nothing is applied or undone: the command only previews and says how to confirm.
 */
import { analyze, diagnose } from '../diagnose';
import { demoSnapshot } from '../demo/demo';
import { applyFix, listFixes, previewFix, undoFix, type CommandView, type FixPreviewDetail } from '../fix/engine';
import { ALL_FIXES, findFix } from '../fix';
import { fixDeps, type FixServiceOptions } from '../fix/service';
import type { JournalEntry } from '../fix/journal';
import { articleLookup } from '../kb/lookup';
import type { DiagnosisView } from '../model/api';
import { bool, num, parseArgs, str, UsageError, type FlagSpec, type Parsed } from './args';
import { answersFromFlags, inputFromFlags, replayFromFlags } from './diagnose';
import type { CliIo, Command } from './io';

export const FIX_FLAGS: FlagSpec = {
  'sip-address': 'string',
  'dns-server': 'string',
  'timeout-ms': 'number',
  answers: 'string',
  demo: 'boolean',
  json: 'boolean',
  yes: 'boolean',
  all: 'boolean',
  'data-dir': 'string',
  replay: 'string',
};

const USAGE = `usage: lyncdoctor fix <list | preview <id> | <id> | undo <journalId> | journal> [options]
  fix list --demo | --sip-address alice@contoso.com [--dns-server …] [--all] [--json]
  fix preview <id> --demo | --sip-address …       what would change, exact commands, backup, undo
  fix <id> --demo | --sip-address … --yes         apply (without --yes: preview only)
  fix undo <journalId> [--yes]                    restore from the journal (without --yes: show what it would run)
  fix journal [--json]                            applied fixes, newest first
  --data-dir DIR   journal and backups folder (default %LOCALAPPDATA%\\LyncDoctor or ~/.config/lync-doctor)
  --replay PC.json with list / preview: answer Windows commands from a recorded PC (see README)`;

/** `--name value` when the flag was given (a value with a space in double quotes, for cmd and PowerShell alike). */
function given(p: Parsed, name: string): string[] {
  const value = str(p, name);
  if (!value) return [];
  return [`--${name} ${/\s/.test(value) ? `"${value}"` : value}`];
}

/**
 * The flags the diagnosis came from, for the next command's hint, so it plans from the same diagnosis (called after
 * viewFrom, which requires --demo or --sip-address): the source, --timeout-ms, --answers (the demo's too). Callers add
 * --replay (list → preview) and --data-dir (so a fix and its undo use the journal folder chosen).
 */
function sourceFlags(p: Parsed): string[] {
  const timeout = num(p, 'timeout-ms');
  const source = bool(p, 'demo') ? ['--demo'] : [`--sip-address ${str(p, 'sip-address') as string}`, ...given(p, 'dns-server'), ...(timeout === undefined ? [] : [`--timeout-ms ${timeout}`])];
  return [...source, ...given(p, 'answers')];
}

/** The diagnosis fixes are planned from: the demo, or a fresh run on this PC. */
async function viewFrom(p: Parsed, opts: FixServiceOptions, io: CliIo, json: boolean): Promise<DiagnosisView> {
  const answers = answersFromFlags(p);
  const articles = opts.articles ?? articleLookup();
  if (bool(p, 'demo')) {
    if (str(p, 'sip-address')) throw new UsageError('use either --demo or --sip-address, not both');
    const demo = demoSnapshot();
    const snapshot = Object.keys(answers).length ? { ...demo, answers } : demo;
    return { snapshot, findings: analyze(snapshot, { articles }).findings };
  }
  if (!str(p, 'sip-address')) throw new UsageError('say which diagnosis to fix: --demo, or --sip-address alice@contoso.com (runs a diagnosis first)');
  const input = inputFromFlags(p);
  if (!json) io.err(`diagnosing ${input.sipAddress} first…`);
  const r = await diagnose({
    input,
    answers,
    articles,
    ...(opts.run ? { run: opts.run } : {}),
    ...(opts.platform ? { platform: opts.platform } : {}),
    ...(opts.collectors ? { collectors: opts.collectors } : {}),
    ...(opts.now ? { now: opts.now } : {}),
  });
  return { snapshot: r.snapshot, findings: r.findings };
}

function indent(text: string, pad: string): string {
  return text.split('\n').map((l) => pad + l).join('\n');
}

function renderCommands(commands: readonly CommandView[]): string[] {
  return commands.flatMap((c, i) => [`  ${i + 1}. ${c.label}  (${c.shell === 'powershell' ? 'PowerShell' : 'cmd'})`, indent(c.display, '       ')]);
}

export function renderPreview(p: FixPreviewDetail): string {
  const out = [`${p.title}  [${p.fixId}]`, `  ${p.kind === 'guided' ? 'guided: never run by Lync Doctor' : 'automated'}; needs admin: ${p.needsAdmin ? 'yes' : 'no'}; article: ${p.articleId}`, `  ${p.modeReason}`, ''];
  if (!p.applicable) return [...out, `Not applicable${p.reason ? `: ${p.reason}` : '.'}`].join('\n');
  out.push(p.summary, '');
  if (p.changes.length) out.push(p.kind === 'guided' ? 'Steps:' : 'What changes:', ...p.changes.map((c) => (p.kind === 'guided' ? `  ${c}` : `  - ${c}`)), '');
  if (p.commands.length) out.push(p.kind === 'guided' ? 'Commands to hand over (copy as they are):' : 'Exact commands, in order:', ...renderCommands(p.commands), '');
  if (p.checks.length) out.push('Checked now (read-only):', ...p.checks.map((c) => `  - ${c}`), '');
  out.push(`Backup: ${p.backup}`, `Undo: ${p.undo}`);
  if (p.notes.length) out.push('', 'Notes:', ...p.notes.map((n) => `  - ${n}`));
  return out.join('\n');
}

function renderEntry(e: JournalEntry): string {
  const head = `${e.journalId}  ${e.state}${e.mode === 'recorded' ? ' (recorded)' : ''}  ${e.fixId}  ${e.sipAddress}  ${e.createdAt}`;
  const lines = [head, `  ${e.summary}`];
  for (const s of e.steps) lines.push(`  step ${s.label}: ${s.outcome} — ${s.message}`);
  for (const s of e.undoSteps) lines.push(`  undo ${s.label}: ${s.outcome} — ${s.message}`);
  if (e.verified) lines.push(`  verified: ${e.verified.result} — ${e.verified.message}`);
  if (e.backup?.files.length) lines.push(`  backup: ${e.backup.files.map((f) => f.name).join(', ')}`);
  return lines.join('\n');
}

/** One row of `fix list` (also its --json item). */
export interface FixRow {
  readonly fixId: string;
  readonly title: string;
  readonly kind: 'automated' | 'guided';
  readonly needsAdmin: boolean;
  readonly findings: readonly string[];
  readonly offered: boolean;
  readonly reason?: string;
}

/** `fix list`'s rows: offered mark, id, kind, the findings it is for; its title below; why it is not offered. */
export function renderFixRows(rows: readonly FixRow[]): string[] {
  if (!rows.length) return ['  No fix applies to these findings.'];
  return rows.map((r) => `  ${r.offered ? ' ' : '-'} ${r.fixId.padEnd(30)} ${(r.kind === 'guided' ? 'guided' : r.needsAdmin ? 'automated, admin' : 'automated').padEnd(17)} ${r.findings.length ? `for ${r.findings.join(', ')}` : r.offered ? 'on request' : ''}\n      ${r.title}${r.reason ? `\n      (not offered: ${r.reason})` : ''}`);
}

function needId(p: Parsed, index: number, what: string): string {
  const id = p.positional[index];
  if (!id) throw new UsageError(`${what} is missing\n${USAGE}`);
  return id;
}

/** Builds the command with injectable dependencies (tests pass a fake PC, a platform and a temp data folder). */
export function makeFixCommand(base: FixServiceOptions = {}): Command {
  return async (argv, io) => {
    const p = parseArgs(argv, FIX_FLAGS);
    const json = bool(p, 'json');
    const sub = p.positional[0];
    // (the demo is a recorded PC already: with --replay the REPLAY line would name a file the plan never read)
    if (bool(p, 'demo') && str(p, 'replay') !== undefined) throw new UsageError('use either --demo or --replay PC.json, not both');
    const replay = replayFromFlags(p);
    if (replay && sub !== 'preview' && sub !== 'list') throw new UsageError('--replay works with "fix list" and "fix preview" only: a recorded PC can be diagnosed and previewed, never changed');
    const opts: FixServiceOptions = { ...base, ...(str(p, 'data-dir') ? { dataDir: str(p, 'data-dir') } : {}), ...(replay ?? {}) };
    const deps = fixDeps(opts);
    if (replay && !json) io.err(`REPLAY: Windows commands are answered from ${str(p, 'replay') as string}; nothing runs on, or changes, this machine (a "LIVE" line below means "as on that PC").`);
    const print = (value: unknown, text: string): void => io.out(json ? JSON.stringify(value, null, 2) : text);
    if (!sub) throw new UsageError(USAGE);

    if (sub === 'journal') {
      const { entries, problems } = deps.journal.list();
      print({ dataDir: deps.journal.dataDir, entries, problems }, [`Fix journal in ${deps.journal.dataDir}`, ...(entries.length ? entries.map(renderEntry) : ['  (empty)']), ...problems.map((x) => `  ! ${x}`)].join('\n'));
      return 0;
    }

    if (sub === 'undo') {
      const journalId = needId(p, 1, 'the journal id (see: fix journal)');
      const r = await undoFix(ALL_FIXES, journalId, deps, bool(p, 'yes'));
      if (r.kind === 'preview') {
        print(r, [`UNDO PREVIEW — nothing was changed.`, r.message, ...renderCommands(r.commands), '', `To undo, run: npm run lyncdoctor -- fix undo ${[journalId, ...given(p, 'data-dir')].join(' ')} --yes`].join('\n'));
        return 0;
      }
      if (r.kind === 'refused') {
        print(r, `Not undone: ${r.message}`);
        return 1;
      }
      print(r, [r.message, renderEntry(r.entry)].join('\n'));
      return r.ok ? 0 : 1;
    }

    if (sub === 'list') {
      const view = await viewFrom(p, opts, io, json);
      const { items, decision } = await listFixes(ALL_FIXES, view, deps, bool(p, 'all'));
      const rows = items.map((i) => ({
        fixId: i.fix.id,
        title: i.fix.title,
        kind: i.fix.kind,
        needsAdmin: i.fix.kind === 'guided' ? true : i.fix.needsAdmin,
        resolves: i.fix.resolves,
        findings: i.findings,
        offered: i.relevant && i.applicable,
        ...(i.reason ? { reason: i.reason } : {}),
      }));
      const text = [
        `Fixes for ${view.snapshot.input.sipAddress} — ${decision.reason}`,
        ...renderFixRows(rows),
        '',
        `Preview one: npm run lyncdoctor -- fix preview <id> ${[...sourceFlags(p), ...given(p, 'replay'), ...given(p, 'data-dir')].join(' ')}`,
      ].join('\n');
      print({ mode: decision, sipAddress: view.snapshot.input.sipAddress, fixes: rows }, text);
      return 0;
    }

    const isPreview = sub === 'preview';
    const fixId = isPreview || sub === 'apply' ? needId(p, 1, 'the fix id (see: fix list)') : sub;
    const fix = findFix(fixId);
    if (!fix) throw new UsageError(`there is no fix "${fixId}"; known: ${ALL_FIXES.map((f) => f.id).join(', ')}`);
    const view = await viewFrom(p, opts, io, json);

    if (isPreview || !bool(p, 'yes')) {
      const preview = await previewFix(fix, view, deps);
      // a replayed PC is applied on that PC (this machine's journal folder means nothing there)
      const apply = replay ? `To apply, run this on that PC (a recorded PC is never changed from here): npm run lyncdoctor -- fix ${fixId} ${sourceFlags(p).join(' ')} --yes` : `To apply, run: npm run lyncdoctor -- fix ${fixId} ${[...sourceFlags(p), ...given(p, 'data-dir')].join(' ')} --yes`;
      const how = fix.kind === 'guided' ? 'This is a guided fix: Lync Doctor never runs it; copy the commands above.' : apply;
      const lines = [...(isPreview ? [] : ['PREVIEW ONLY — nothing was changed (add --yes to apply).', '']), renderPreview(preview), ...(preview.applicable ? ['', how] : [])];
      print(preview, lines.join('\n'));
      return preview.applicable ? 0 : 1;
    }

    const r = await applyFix(fix, view, deps, true);
    if (r.kind === 'done') {
      print(r, [r.message, renderEntry(r.entry), ...(r.entry.mode === 'recorded' ? ['Commands recorded (not run):', ...renderCommands(r.entry.steps)] : [])].join('\n'));
      return r.ok ? 0 : 1;
    }
    if (r.kind === 'handoff') {
      print(r, [r.message, '', 'Run in an elevated Command Prompt:', ...r.handoff.commands.map((c) => `  ${c}`), '', 'To undo it later (elevated):', ...r.handoff.undoCommands.map((c) => `  ${c}`), '', `Files: ${r.files.map((f) => f.name).join(', ')} in ${r.exportDir}`].join('\n'));
      return 1;
    }
    // refused (a guided fix, a plan that no longer applies, an unwritable journal …) or not confirmed: one line, nothing changed
    print(r, r.message);
    return 1;
  };
}

export const fixCommand: Command = makeFixCommand();
