/**
 * The fix contract. A fix only *declares* what it would do (plan → exact commands, backup, undo from
 * the journal); the engine (engine.ts) runs preview → backup → apply → verify → undo for every fix the
 * same way, so no fix can skip the confirmation, the backup or the journal.
 */
import type { CommandResult, CommandRunner } from '../collect/windows/runner';
import type { Article, FixStep } from '../model/article';
import type { DiagnosisView } from '../model/api';
import type { Finding } from '../model/finding';
import type { Validator } from '../model/schema';
import type { SectionId, Snapshot } from '../model/snapshot';

/** live: commands really run on this PC. recorded: commands are recorded, nothing changes here. */
export type FixMode = 'live' | 'recorded';

/** One command exactly as it goes through the command-runner seam, plus the form a technician can copy. */
export interface CommandSpec {
  readonly command: string;
  readonly args: readonly string[];
  /** Copyable text with the same effect (a PowerShell script, or a cmd line). */
  readonly display: string;
  readonly shell: 'powershell' | 'cmd';
  readonly timeoutMs?: number;
}

/** ok: changed; no-change: nothing to do (e.g. already absent); unknown: ran, result unclear (may have changed). */
export type StepOutcome = 'ok' | 'no-change' | 'failed' | 'unknown' | 'skipped' | 'recorded';

export interface StepJudgement {
  readonly outcome: Exclude<StepOutcome, 'skipped' | 'recorded'>;
  readonly message: string;
}

/** One change, run in order; the first failure stops the rest. */
export interface Step {
  /** Stable key inside the fix (a thumbprint, "16.0", "import"): undo matches on it. */
  readonly id: string;
  readonly label: string;
  readonly command: CommandSpec;
  /** Reads the result; default: exit code 0 = ok. */
  readonly judge?: (r: CommandResult) => StepJudgement;
}

/** A read-only check before apply or undo (e.g. "Lync is not running"). */
export interface Preflight {
  readonly label: string;
  readonly command: CommandSpec;
  readonly judge: (r: CommandResult) => { readonly state: 'pass' | 'fail' | 'unknown'; readonly message: string };
}

export interface FixEnv {
  readonly run: CommandRunner;
  readonly mode: FixMode;
  readonly now: () => Date;
  /** Per command. */
  readonly timeoutMs: number;
}

export interface Plan<D> {
  readonly summary: string;
  /** What changes, in words, with the exact values/paths. */
  readonly changes: readonly string[];
  readonly steps: readonly Step[];
  /** What the backup holds. */
  readonly backup: string;
  /** How undo restores it (or why it cannot). */
  readonly undo: string;
  readonly notes: readonly string[];
  readonly preflight?: Preflight;
  /** Public, journal-safe facts the fix needs for backup and undo. */
  readonly data: D;
}

export type Planned<D> = { readonly applicable: true; readonly plan: Plan<D> } | { readonly applicable: false; readonly reason: string };

/** A file kept in the entry's backup folder (hash checked before undo uses it). */
export interface BackupFile {
  readonly name: string;
  readonly bytes: number;
  readonly sha256: string;
  readonly description: string;
}

export interface BackupContext {
  readonly env: FixEnv;
  /** The diagnosis the plan came from (e.g. the certificates' public DER for .cer backups). */
  readonly view: DiagnosisView;
  /** Writes one file (plain base name) into the backup folder; returns its record. */
  readonly writeFile: (name: string, content: string | Buffer, description: string) => BackupFile;
}

export interface BackupResult<B> {
  readonly data: B;
  readonly files: readonly BackupFile[];
}

/** What undo gets: only journal facts, so it works after a restart. */
export interface UndoInput<D, B> {
  readonly data: D;
  readonly backup: B;
  readonly files: readonly BackupFile[];
  readonly backupDir: string;
  /** Steps of the apply run and how each ended. */
  readonly applied: ReadonlyArray<{ readonly id: string; readonly outcome: StepOutcome }>;
  readonly now: Date;
}

export type UndoPlan =
  | { readonly available: true; readonly steps: readonly Step[]; readonly preflight?: Preflight; readonly message: string }
  | { readonly available: false; readonly reason: string };

/** Instructions for an administrator when the fix needs rights this process does not have. */
export interface Handoff {
  readonly message: string;
  /** One-line commands for an elevated prompt. */
  readonly commands: readonly string[];
  readonly undoCommands: readonly string[];
}

export interface FixCommon {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly articleId: string;
  /** Checks whose findings the fix is expected to clear (verify re-runs them). */
  readonly resolves: readonly string[];
  /** Checks whose findings make the fix worth offering (defaults to `resolves`). */
  readonly relevantTo?: readonly string[];
  /** Finer relevance than check ids (e.g. only an LD-POL-001 finding about HKCU). */
  relevant?(view: DiagnosisView): boolean;
}

export interface AutomatedFix<D = unknown, B = unknown> extends FixCommon {
  readonly kind: 'automated';
  readonly needsAdmin: boolean;
  /** Listed even when no finding asks for it (a technician's tool, e.g. the sign-in cache reset). */
  readonly onRequest?: boolean;
  /** Collectors verify re-runs. */
  readonly collectors: readonly SectionId[];
  /** Validates `data` read back from the journal (files on disk are never trusted). */
  readonly dataSchema: Validator;
  readonly backupSchema: Validator;
  /** What would change for this diagnosis (may run read-only commands through env.run). */
  plan(view: DiagnosisView, env: FixEnv): Promise<Planned<D>>;
  backup(plan: Plan<D>, ctx: BackupContext): Promise<BackupResult<B>>;
  undo(input: UndoInput<D, B>): UndoPlan;
  /** For needsAdmin fixes when this process is not elevated: what to hand to an administrator. */
  handoff?(plan: Plan<D>, backup: BackupResult<B>, exportDir: string): Handoff;
  /** Verification for a fix no check covers: read the changed setting back (read-only commands). */
  recheck?(data: D, env: FixEnv): Promise<{ readonly result: 'resolved' | 'not-resolved' | 'not-checked'; readonly message: string }>;
  /** Findings (of `resolves`) that still concern this fix after a re-check; default: all of them. */
  stillFound?(findings: readonly Finding[], data: D, snapshot: Snapshot): readonly Finding[];
}

/** Server-side or other-people's settings: never automated, only copyable steps from the article. */
export interface GuidedFix extends FixCommon {
  readonly kind: 'guided';
  /** Who has to do it, e.g. "Lync / Skype for Business Server administrator". */
  readonly audience: string;
  /** The article's fix steps this guide shows. */
  steps(article: Article): readonly FixStep[];
}

export type Fix = AutomatedFix | GuidedFix;

/**
 * Registers a typed fix in the list: its data types are checked inside the fix, and the engine only
 * hands it back what its own dataSchema/backupSchema accepted.
 */
export function defineFix<D, B>(fix: AutomatedFix<D, B>): AutomatedFix {
  return fix as unknown as AutomatedFix;
}
