/**
 * Runs every fix the same way: preview (read-only) → confirmation → backup → apply (journaled step by
 * step) → verify → undo from the journal. Fixes only declare; nothing here can be skipped by a fix.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { ArticleLookup } from '../checks/run';
import { caseSteps } from '../checks/case-steps';
import type { Collector } from '../collect/types';
import type { CommandRunner } from '../collect/windows/runner';
import type { DiagnosisView } from '../model/api';
import type { Article, FixStep } from '../model/article';
import { validate } from '../model/schema';
import type { Snapshot } from '../model/snapshot';
import { decideMode, type ModeDecision } from './context';
import { judgeExitCode } from './commands';
import { Journal, sha256, type JournalEntry, type StepRecord, type Verified } from './journal';
import { elevationOf, whoamiCommand, type Elevation } from './parse-whoami';
import type { AutomatedFix, BackupContext, BackupFile, BackupResult, Fix, FixEnv, FixMode, GuidedFix, Handoff, Plan, Preflight, Step } from './types';
import { verifyFix } from './verify';

export interface FixDeps {
  readonly journal: Journal;
  /** The OS this process runs on: only 'win32' can run fixes live. */
  readonly platform: string;
  /** Runner for live mode (spawnRunner in production; a fake PC in tests). */
  readonly liveRunner: CommandRunner;
  /** A runner for recorded mode: records calls, never runs anything (demo: answers like the demo PC). */
  readonly recordedRunner: (opts: { readonly demo: boolean; readonly snapshot: Snapshot | null }) => CommandRunner;
  /** machineId() of this computer. */
  readonly machine: string;
  readonly now: () => Date;
  /** Per command (default 60 s). */
  readonly timeoutMs?: number;
  /** Collectors verify may re-run (default: all). */
  readonly collectors?: readonly Collector[];
  readonly articles?: ArticleLookup;
  /** Full articles, for guided fixes' steps. */
  readonly guides?: (articleId: string) => Article | undefined;
}

/** A command as the preview and the journal show it. */
export interface CommandView {
  readonly label: string;
  readonly shell: 'powershell' | 'cmd';
  readonly display: string;
}

export interface FixPreviewDetail {
  readonly fixId: string;
  readonly title: string;
  readonly kind: 'automated' | 'guided';
  readonly articleId: string;
  readonly resolves: readonly string[];
  readonly needsAdmin: boolean;
  readonly mode: FixMode;
  readonly demo: boolean;
  readonly modeReason: string;
  readonly applicable: boolean;
  readonly reason?: string;
  readonly summary: string;
  readonly changes: readonly string[];
  readonly commands: readonly CommandView[];
  readonly backup: string;
  readonly undo: string;
  readonly notes: readonly string[];
  /** Results of the read-only checks made for the preview (client running, elevation). */
  readonly checks: readonly string[];
  readonly audience?: string;
}

export type ApplyResult =
  | { readonly kind: 'not-confirmed'; readonly message: string }
  | { readonly kind: 'refused'; readonly message: string }
  | { readonly kind: 'handoff'; readonly message: string; readonly handoff: Handoff; readonly exportDir: string; readonly files: readonly BackupFile[] }
  | { readonly kind: 'done'; readonly ok: boolean; readonly message: string; readonly entry: JournalEntry; readonly verified: Verified | null };

export type UndoResult =
  | { readonly kind: 'refused'; readonly message: string; readonly entry?: JournalEntry }
  | { readonly kind: 'preview'; readonly message: string; readonly entry: JournalEntry; readonly commands: readonly CommandView[] }
  | { readonly kind: 'done'; readonly ok: boolean; readonly message: string; readonly entry: JournalEntry };

export interface FixListItem {
  readonly fix: Fix;
  /** A current finding asks for it (or it is an on-request tool). */
  readonly relevant: boolean;
  readonly applicable: boolean;
  readonly reason?: string;
  /** Check ids of current findings this fix is offered for. */
  readonly findings: readonly string[];
}

const DEFAULT_TIMEOUT_MS = 60_000;

interface Session {
  readonly decision: ModeDecision;
  readonly env: FixEnv;
}

function session(view: DiagnosisView, deps: FixDeps): Session {
  const decision = decideMode(view, deps.platform);
  const run = decision.mode === 'live' ? deps.liveRunner : deps.recordedRunner({ demo: decision.demo, snapshot: decision.demo ? view.snapshot : null });
  return { decision, env: { run, mode: decision.mode, now: deps.now, timeoutMs: deps.timeoutMs ?? DEFAULT_TIMEOUT_MS } };
}

function commandView(s: Step): CommandView {
  return { label: s.label, shell: s.command.shell, display: s.command.display };
}

/** Check ids of the view's findings that make `fix` worth offering. */
export function relevantFindings(fix: Fix, view: DiagnosisView): string[] {
  const ids = fix.relevantTo ?? fix.resolves;
  return [...new Set(view.findings.map((f) => f.checkId).filter((id) => ids.includes(id)))];
}

function isRelevant(fix: Fix, view: DiagnosisView): boolean {
  if (fix.relevant) return fix.relevant(view);
  return relevantFindings(fix, view).length > 0;
}

async function planOf(fix: AutomatedFix, view: DiagnosisView, env: FixEnv): Promise<Awaited<ReturnType<AutomatedFix['plan']>>> {
  try {
    return await fix.plan(view, env);
  } catch (e) {
    return { applicable: false, reason: `could not work out what to change: ${(e as Error).message}` };
  }
}

/** The fixes for a diagnosis: offered ones first; `all` adds the rest with the reason they are not offered. */
export async function listFixes(fixes: readonly Fix[], view: DiagnosisView, deps: FixDeps, all = false): Promise<{ readonly items: readonly FixListItem[]; readonly decision: ModeDecision }> {
  const { decision, env } = session(view, deps);
  const items: FixListItem[] = [];
  for (const fix of fixes) {
    const relevant = isRelevant(fix, view) || (fix.kind === 'automated' && fix.onRequest === true);
    let applicable = true;
    let reason: string | undefined;
    if (fix.kind === 'automated') {
      if (!relevant && !all) continue;
      const p = await planOf(fix, view, env);
      applicable = p.applicable;
      if (!p.applicable) reason = p.reason;
    } else if (!deps.guides?.(fix.articleId)) {
      applicable = false;
      reason = `knowledge article ${fix.articleId} is missing`;
    }
    if (!relevant && !reason) reason = 'no current finding asks for it';
    if (all || (relevant && applicable)) items.push({ fix, relevant, applicable, ...(reason ? { reason } : {}), findings: relevantFindings(fix, view) });
  }
  items.sort((a, b) => Number(b.relevant && b.applicable) - Number(a.relevant && a.applicable));
  return { items, decision };
}

async function runPreflight(p: Preflight, env: FixEnv): Promise<{ state: 'pass' | 'fail' | 'unknown'; message: string }> {
  const r = await env.run(p.command.command, p.command.args, { timeoutMs: p.command.timeoutMs ?? env.timeoutMs });
  const j = p.judge(r);
  if (env.mode === 'recorded' && j.state === 'unknown') return { state: 'pass', message: `${p.label}: recorded mode, not checked on this machine` };
  return j;
}

async function elevation(env: FixEnv): Promise<{ elevation: Elevation; reason: string }> {
  const c = whoamiCommand();
  return elevationOf(await env.run(c.command, c.args, { timeoutMs: c.timeoutMs ?? env.timeoutMs }));
}

/** The guide's steps filled with this case's values (record names, hosts, user, Access Edge) from the finding it is offered for. */
function guidedSteps(fix: GuidedFix, article: Article, view: DiagnosisView): FixStep[] {
  const ids = fix.relevantTo ?? fix.resolves;
  const finding = view.findings.find((f) => ids.includes(f.checkId));
  const base = fix.steps(article);
  if (!finding) return [...base];
  return caseSteps(fix.articleId, base, finding, view.snapshot).map((c) => ({ step: c.text, ...(c.shell ? { shell: c.shell } : {}), ...(c.command !== undefined ? { command: c.command } : {}) }));
}

function guidedPreview(fix: GuidedFix, view: DiagnosisView, deps: FixDeps, decision: ModeDecision): FixPreviewDetail {
  const article = deps.guides?.(fix.articleId);
  const steps = article ? guidedSteps(fix, article, view) : [];
  return {
    fixId: fix.id,
    title: fix.title,
    kind: 'guided',
    articleId: fix.articleId,
    resolves: fix.resolves,
    needsAdmin: true,
    mode: decision.mode,
    demo: decision.demo,
    modeReason: 'Guided fix: Lync Doctor never runs these commands; hand them to the person who owns the setting.',
    applicable: Boolean(article),
    ...(article ? {} : { reason: `knowledge article ${fix.articleId} is missing` }),
    summary: article?.fixSummary ?? fix.description,
    changes: steps.map((s, i) => `${i + 1}. ${s.step}`),
    commands: steps.flatMap((s, i) => (s.command ? [{ label: `step ${i + 1}`, shell: s.shell === 'powershell' ? ('powershell' as const) : ('cmd' as const), display: s.command }] : [])),
    backup: 'Nothing on this PC is changed, so nothing is backed up here; ask the administrator to save the current settings first (the Get-Cs… commands in the steps print them).',
    undo: 'Undo is the administrator\'s: re-apply the settings saved before the change.',
    notes: [`For: ${fix.audience}.`, ...(article && article.verification !== 'verified' ? [`Article verification: ${article.verification} — ${article.verificationNote}`] : [])],
    checks: [],
    audience: fix.audience,
  };
}

/** What the fix would change, read-only: plan, pre-checks, exact commands, backup and undo. */
export async function previewFix(fix: Fix, view: DiagnosisView, deps: FixDeps): Promise<FixPreviewDetail> {
  const { decision, env } = session(view, deps);
  if (fix.kind === 'guided') return guidedPreview(fix, view, deps, decision);
  const base = { fixId: fix.id, title: fix.title, kind: 'automated' as const, articleId: fix.articleId, resolves: fix.resolves, needsAdmin: fix.needsAdmin, mode: decision.mode, demo: decision.demo, modeReason: decision.reason };
  const p = await planOf(fix, view, env);
  if (!p.applicable) return { ...base, applicable: false, reason: p.reason, summary: fix.description, changes: [], commands: [], backup: '', undo: '', notes: [], checks: [] };
  const checks: string[] = [];
  if (p.plan.preflight) checks.push((await runPreflight(p.plan.preflight, env)).message);
  if (fix.needsAdmin) {
    const el = await elevation(env);
    checks.push(el.elevation === 'elevated' ? 'This process is elevated: the change can be made here.' : `This process is not elevated (${el.reason}): applying saves a backup and gives you a one-line command for an elevated prompt instead of elevating silently.`);
  }
  const plan = p.plan;
  return { ...base, applicable: true, summary: plan.summary, changes: plan.changes, commands: plan.steps.map(commandView), backup: plan.backup, undo: plan.undo, notes: plan.notes, checks };
}

function backupContext(dir: string, env: FixEnv, view: DiagnosisView): BackupContext {
  return {
    env,
    view,
    writeFile(name, content, description) {
      if (name !== basename(name) || !/^[A-Za-z0-9][A-Za-z0-9._-]{0,119}$/.test(name)) throw new Error(`backup file name "${name}" is not a plain file name`);
      const buf = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
      writeFileSync(join(dir, name), buf, { flag: 'wx' });
      return { name, bytes: buf.length, sha256: sha256(buf), description };
    },
  };
}

function stepRecord(s: Step, outcome: StepRecord['outcome'], code: number | null, message: string, at: Date): StepRecord {
  return { id: s.id, label: s.label, shell: s.command.shell, command: s.command.command, display: s.command.display, outcome, code, message: message.slice(0, 2000), at: at.toISOString() };
}

/**
 * Runs steps in order, journaling each one before it starts (as "unknown": a crash mid-step still
 * leaves it to undo) and after it ends; the first failure stops the rest, which are marked skipped.
 */
async function runSteps(steps: readonly Step[], env: FixEnv, save: (records: readonly StepRecord[]) => void): Promise<StepRecord[]> {
  const records: StepRecord[] = [];
  let stopped = false;
  for (const s of steps) {
    if (stopped) {
      records.push(stepRecord(s, 'skipped', null, 'not run: an earlier step failed', env.now()));
      continue;
    }
    save([...records, stepRecord(s, 'unknown', null, 'started', env.now())]);
    const r = await env.run(s.command.command, s.command.args, { timeoutMs: s.command.timeoutMs ?? env.timeoutMs });
    if (env.mode === 'recorded') {
      records.push(stepRecord(s, 'recorded', r.code, 'recorded, not run on this machine', env.now()));
      continue;
    }
    const j = (s.judge ?? judgeExitCode)(r);
    records.push(stepRecord(s, j.outcome, r.code, j.message, env.now()));
    if (j.outcome === 'failed' || j.outcome === 'unknown') stopped = true;
  }
  save(records);
  return records;
}

const CHANGED: ReadonlySet<StepRecord['outcome']> = new Set(['ok', 'unknown', 'recorded']);

function describeSteps(records: readonly StepRecord[]): string {
  return records.map((r) => `${r.label}: ${r.outcome}${r.outcome === 'failed' || r.outcome === 'unknown' ? ` (${r.message})` : ''}`).join('; ');
}

/**
 * Applies a fix. Without `confirmed` nothing runs at all (not even a read). Needs-admin fixes in a
 * process that is not elevated hand over a backup and a one-line elevated command instead.
 */
export async function applyFix(fix: Fix, view: DiagnosisView, deps: FixDeps, confirmed: boolean): Promise<ApplyResult> {
  if (!confirmed) return { kind: 'not-confirmed', message: `Nothing was changed: applying ${fix.id} needs an explicit confirmation after the preview.` };
  if (fix.kind === 'guided') return { kind: 'refused', message: `${fix.id} is a guided fix for the ${fix.audience}: Lync Doctor never runs server or other people's settings. Copy the commands from the preview.` };
  const { decision, env } = session(view, deps);
  const p = await planOf(fix, view, env);
  if (!p.applicable) return { kind: 'refused', message: `Nothing was changed: ${p.reason}` };
  const plan = p.plan;
  const now = deps.now;

  if (fix.needsAdmin) {
    const el = await elevation(env);
    if (el.elevation !== 'elevated') return handoff(fix, plan, view, deps, env, el.reason);
  }
  if (plan.preflight) {
    const pf = await runPreflight(plan.preflight, env);
    if (pf.state !== 'pass') return { kind: 'refused', message: `Nothing was changed: ${pf.message}` };
  }

  const dataIssues = validate(plan.data, fix.dataSchema, 'data');
  if (dataIssues.length) return { kind: 'refused', message: `Nothing was changed: ${fix.id} planned data its undo could not read back (${dataIssues.join('; ')}).` };

  const journal = deps.journal;
  const journalId = journal.newId(fix.id, now());
  let entry: JournalEntry;
  let backupDir: string;
  try {
    entry = journal.create(
      { format: 1, journalId, fixId: fix.id, title: fix.title, mode: decision.mode, demo: decision.demo, machine: deps.machine, sipAddress: view.snapshot.input.sipAddress, createdAt: now().toISOString(), summary: plan.summary, changes: plan.changes, data: plan.data },
      `planned (${decision.reason})`,
    );
    backupDir = journal.backupDir(journalId, true);
  } catch (e) {
    return { kind: 'refused', message: `Nothing was changed: the journal cannot be written in ${journal.dataDir} (${(e as Error).message}); pass --data-dir to a writable folder.` };
  }
  let backup: BackupResult<unknown>;
  try {
    backup = await fix.backup(plan, backupContext(backupDir, env, view));
    const issues = validate(backup.data, fix.backupSchema, 'backup');
    if (issues.length) throw new Error(`backup data is not what ${fix.id} expects: ${issues.join('; ')}`);
  } catch (e) {
    entry = journal.transition(entry, 'failed', `backup failed, nothing was changed: ${(e as Error).message}`, now());
    return { kind: 'done', ok: false, message: `Nothing was changed: the backup failed (${(e as Error).message}).`, entry, verified: null };
  }
  entry = journal.transition(entry, 'backed-up', `backup written (${backup.files.length} file(s))`, now(), { backup: { files: backup.files, data: backup.data } });
  entry = journal.transition(entry, 'applying', `applying ${plan.steps.length} step(s)`, now());
  const records = await runSteps(plan.steps, env, (steps) => {
    entry = journal.update(entry, now(), { steps });
  });
  const failed = records.some((r) => r.outcome === 'failed' || r.outcome === 'unknown');
  if (failed) {
    const changed = records.filter((r) => CHANGED.has(r.outcome)).length;
    entry = journal.transition(entry, 'failed', `stopped: ${describeSteps(records)}`, now());
    return {
      kind: 'done',
      ok: false,
      message: `${fix.title}: failed — ${describeSteps(records)}. ${changed ? `${changed} step(s) may have changed something; undo with journal id ${journalId}.` : 'Nothing was changed.'} The backup is kept.`,
      entry,
      verified: null,
    };
  }
  entry = journal.transition(entry, 'applied', decision.mode === 'recorded' ? 'recorded (nothing changed on this machine)' : `applied: ${describeSteps(records)}`, now());
  const verified: Verified =
    decision.mode === 'recorded'
      ? { result: 'not-checked', message: 'Not verified (recorded mode).', at: now().toISOString() }
      : { ...(await verifyFix(fix, view, plan.data, { run: env.run, platform: deps.platform, now, ...(deps.collectors ? { collectors: deps.collectors } : {}), ...(deps.articles ? { articles: deps.articles } : {}) }, env)), at: now().toISOString() };
  entry = journal.update(entry, now(), { verified });
  const head = decision.mode === 'recorded' ? `${fix.title}: recorded, not run — nothing changed on this machine.` : `${fix.title}: applied (${describeSteps(records)}).`;
  const u = fix.undo({ data: plan.data, backup: backup.data, files: backup.files, backupDir: journal.backupDir(journalId), applied: records, now: now() });
  const undoText = u.available ? `Undo: journal id ${journalId}.` : `Undo: ${u.reason}`;
  return { kind: 'done', ok: true, message: `${head} ${verified.message} ${undoText}`, entry, verified };
}

async function handoff(fix: AutomatedFix, plan: Plan<unknown>, view: DiagnosisView, deps: FixDeps, env: FixEnv, why: string): Promise<ApplyResult> {
  if (!fix.handoff) return { kind: 'refused', message: `Nothing was changed: ${fix.id} needs an elevated process (${why}).` };
  let dir: string;
  let backup: BackupResult<unknown>;
  try {
    dir = deps.journal.exportDir(fix.id, deps.now());
    backup = await fix.backup(plan, backupContext(dir, env, view));
  } catch (e) {
    return { kind: 'refused', message: `Nothing was changed: ${fix.id} needs an administrator, and the current setting could not be saved for the hand-over (${(e as Error).message}).` };
  }
  const h = fix.handoff(plan, backup, dir);
  return { kind: 'handoff', message: `Nothing was changed: ${h.message}`, handoff: h, exportDir: dir, files: backup.files };
}

function checkBackupFiles(entry: JournalEntry, dir: string): string | null {
  for (const f of entry.backup?.files ?? []) {
    const file = join(dir, f.name);
    if (!existsSync(file)) return `backup file ${f.name} is missing from ${dir}`;
    if (sha256(readFileSync(file)) !== f.sha256) return `backup file ${f.name} was changed since the backup (hash differs)`;
  }
  return null;
}

/**
 * Undoes a journal entry from the journal alone (works after a restart). Without `confirmed` it only
 * says what it would run. Live changes are undone only on the PC that made them.
 */
export async function undoFix(fixes: readonly Fix[], journalId: string, deps: FixDeps, confirmed: boolean): Promise<UndoResult> {
  const read = deps.journal.read(journalId);
  if ('error' in read) return { kind: 'refused', message: read.error };
  let entry = read.entry;
  const fix = fixes.find((f) => f.id === entry.fixId);
  if (!fix || fix.kind !== 'automated') return { kind: 'refused', message: `journal entry ${journalId} is for "${entry.fixId}", which this version of Lync Doctor does not know`, entry };
  if (entry.state === 'undone') return { kind: 'refused', message: `${journalId} was already undone (${entry.updatedAt}).`, entry };
  if (entry.state === 'planned' || (entry.state === 'failed' && !entry.backup)) return { kind: 'refused', message: `Nothing to undo: ${journalId} stopped before anything was changed (${entry.history.at(-1)?.message ?? entry.state}).`, entry };
  if (entry.mode === 'live' && (deps.platform !== 'win32' || entry.machine !== deps.machine)) {
    return { kind: 'refused', message: `${journalId} changed another Windows PC (or this is not Windows); undo it with Lync Doctor on that PC.`, entry };
  }
  const dataIssues = [...validate(entry.data, fix.dataSchema, 'data'), ...validate(entry.backup?.data, fix.backupSchema, 'backup')];
  if (dataIssues.length) return { kind: 'refused', message: `Journal entry ${journalId} is damaged, nothing was restored: ${dataIssues.slice(0, 3).join('; ')}`, entry };
  const backupDir = deps.journal.backupDir(journalId);
  const u = fix.undo({ data: entry.data, backup: entry.backup?.data, files: entry.backup?.files ?? [], backupDir, applied: entry.steps, now: deps.now() });
  if (!u.available) return { kind: 'refused', message: `Undo is not available for ${fix.id}: ${u.reason}`, entry };
  const env: FixEnv = {
    run: entry.mode === 'live' ? deps.liveRunner : deps.recordedRunner({ demo: entry.demo, snapshot: null }),
    mode: entry.mode,
    now: deps.now,
    timeoutMs: deps.timeoutMs ?? DEFAULT_TIMEOUT_MS,
  };
  if (!confirmed) {
    return { kind: 'preview', message: u.steps.length ? `Undo of ${journalId} would run ${u.steps.length} command(s)${entry.mode === 'recorded' ? ' (recorded, not run)' : ''}: ${u.message}` : `Undo of ${journalId}: nothing had changed, so nothing needs restoring.`, entry, commands: u.steps.map(commandView) };
  }
  const damaged = checkBackupFiles(entry, backupDir);
  if (damaged) return { kind: 'refused', message: `Nothing was restored: ${damaged}.`, entry };
  if (u.preflight && u.steps.length) {
    const pf = await runPreflight(u.preflight, env);
    if (pf.state !== 'pass') return { kind: 'refused', message: `Nothing was restored: ${pf.message}`, entry };
  }
  const now = deps.now;
  if (entry.state === 'undoing') entry = deps.journal.transition(entry, 'undo-failed', 'the previous undo was interrupted; running it again', now());
  entry = deps.journal.transition(entry, 'undoing', `undoing ${u.steps.length} step(s)`, now());
  const records = await runSteps(u.steps, env, (undoSteps) => {
    entry = deps.journal.update(entry, now(), { undoSteps });
  });
  const bad = records.filter((r) => r.outcome === 'failed' || r.outcome === 'unknown');
  if (bad.length) {
    entry = deps.journal.transition(entry, 'undo-failed', `undo stopped: ${describeSteps(records)}`, now());
    return { kind: 'done', ok: false, message: `Undo of ${journalId} failed: ${describeSteps(records)}. The backup is kept; fix the cause and run undo again.`, entry };
  }
  const what = records.length ? describeSteps(records) : 'nothing had changed';
  entry = deps.journal.transition(entry, 'undone', entry.mode === 'recorded' ? `undo recorded (nothing changed on this machine): ${what}` : `undone: ${what}`, now());
  return { kind: 'done', ok: true, message: entry.mode === 'recorded' ? `Undo recorded, not run — nothing changed on this machine: ${what}.` : `Undone: ${what}. ${u.message}`, entry };
}
