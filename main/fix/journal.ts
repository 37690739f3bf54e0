/**
 * The journal of fixes: one JSON file per entry in <dataDir>/journal, backups in <dataDir>/backups/<id>.
 * Every write is atomic (temp file + rename), every state change is checked against the state machine,
 * and entries read back are validated (a file on disk is never trusted), so undo works after a restart
 * and a crash mid-way leaves an entry that says exactly how far it got.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, closeSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { arr, checkJsonTree, isoDate, literal, nullable, num, obj, oneOf, str, validate, bool, type Validator } from '../model/schema';
import type { BackupFile, FixMode, StepOutcome } from './types';

export type FixState = 'planned' | 'backed-up' | 'applying' | 'applied' | 'failed' | 'undoing' | 'undone' | 'undo-failed';

/**
 * planned → backed-up → applying → applied | failed; a backup that cannot be written ends in failed
 * with nothing changed. applied | failed | applying (interrupted) | backed-up → undoing → undone |
 * undo-failed; undo-failed may be retried.
 */
export const TRANSITIONS: Readonly<Record<FixState, readonly FixState[]>> = {
  planned: ['backed-up', 'failed'],
  'backed-up': ['applying', 'failed', 'undoing'],
  applying: ['applied', 'failed', 'undoing'],
  applied: ['undoing'],
  failed: ['undoing'],
  undoing: ['undone', 'undo-failed'],
  'undo-failed': ['undoing'],
  undone: [],
};

export const FIX_STATES = Object.keys(TRANSITIONS) as FixState[];

/** One command run (or recorded) for an entry; no output beyond a short message is kept. */
export interface StepRecord {
  readonly id: string;
  readonly label: string;
  readonly shell: 'powershell' | 'cmd';
  readonly command: string;
  /** The copyable command text (the PowerShell script, or the cmd line). */
  readonly display: string;
  readonly outcome: StepOutcome;
  readonly code: number | null;
  readonly message: string;
  readonly at: string;
}

export interface HistoryItem {
  readonly state: FixState;
  readonly at: string;
  readonly message: string;
}

export interface Verified {
  readonly result: 'resolved' | 'not-resolved' | 'not-checked';
  readonly message: string;
  readonly at: string;
}

export interface JournalEntry {
  readonly format: 1;
  readonly journalId: string;
  readonly fixId: string;
  readonly title: string;
  readonly mode: FixMode;
  /** Applied to the built-in demo PC (always recorded). */
  readonly demo: boolean;
  /** Hash of the computer name: undo refuses to run on another PC (roaming profiles, copied folders). */
  readonly machine: string;
  readonly sipAddress: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly state: FixState;
  readonly history: readonly HistoryItem[];
  readonly summary: string;
  readonly changes: readonly string[];
  /** The fix's plan data (public facts only). */
  readonly data: unknown;
  readonly backup: { readonly files: readonly BackupFile[]; readonly data: unknown } | null;
  readonly steps: readonly StepRecord[];
  readonly undoSteps: readonly StepRecord[];
  readonly verified: Verified | null;
}

export const JOURNAL_ID = /^\d{8}-\d{6}-[a-z0-9-]{2,60}-[0-9a-f]{6}$/;
const OUTCOMES: readonly StepOutcome[] = ['ok', 'no-change', 'failed', 'unknown', 'skipped', 'recorded'];
const text = str({ max: 64 * 1024 });

const stepSchema = obj<StepRecord>({
  id: str({ max: 200 }),
  label: text,
  shell: oneOf(['powershell', 'cmd']),
  command: str({ max: 260 }),
  display: text,
  outcome: oneOf(OUTCOMES),
  code: nullable(num({ int: true })),
  message: text,
  at: isoDate,
});

export const backupFileSchema = obj<BackupFile>({
  name: str({ max: 120, pattern: /^[A-Za-z0-9][A-Za-z0-9._-]*$/ }),
  bytes: num({ int: true, min: 0 }),
  sha256: str({ pattern: /^[0-9a-f]{64}$/ }),
  description: text,
});

const anyJson: Validator = () => undefined;

const entrySchema = obj<JournalEntry>({
  format: literal(1),
  journalId: str({ pattern: JOURNAL_ID }),
  fixId: str({ max: 60, pattern: /^[a-z0-9-]+$/ }),
  title: text,
  mode: oneOf(['live', 'recorded']),
  demo: bool,
  machine: str({ max: 64 }),
  sipAddress: str({ max: 320 }),
  createdAt: isoDate,
  updatedAt: isoDate,
  state: oneOf(FIX_STATES),
  history: arr(obj<HistoryItem>({ state: oneOf(FIX_STATES), at: isoDate, message: text }), 1000),
  summary: text,
  changes: arr(text, 1000),
  data: anyJson,
  backup: nullable(obj<{ files: BackupFile[]; data: unknown }>({ files: arr(backupFileSchema, 1000), data: anyJson })),
  steps: arr(stepSchema, 1000),
  undoSteps: arr(stepSchema, 1000),
  verified: nullable(obj<Verified>({ result: oneOf(['resolved', 'not-resolved', 'not-checked']), message: text, at: isoDate })),
});

/** Validates an entry read from disk. */
export function validateEntry(value: unknown): string[] {
  const issues: string[] = [];
  checkJsonTree(value, 'entry', issues);
  if (issues.length) return issues;
  return validate(value, entrySchema, 'entry');
}

/** Hash of a computer name, so entries say which PC they belong to without naming it. */
export function machineId(hostname: string): string {
  return createHash('sha256').update(hostname.toLowerCase()).digest('hex').slice(0, 16);
}

export function sha256(content: string | Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}

/** yyyymmdd-hhmmss in UTC. */
export function stamp(d: Date): string {
  return d.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
}

/** Writes a file so a reader sees the old or the new content, never half of it. */
export function writeAtomic(file: string, content: string | Buffer): void {
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const fd = openSync(tmp, 'wx');
  try {
    writeSync(fd, typeof content === 'string' ? Buffer.from(content, 'utf8') : content);
    fsyncSync(fd);
  } catch (e) {
    closeSync(fd);
    try {
      unlinkSync(tmp);
    } catch {
      /* already gone */
    }
    throw e;
  }
  closeSync(fd);
  renameWithRetry(tmp, file);
}

/**
 * rename, retried briefly on the EPERM/EBUSY/EACCES Windows gives while a scanner or indexer holds
 * the target open (graceful-fs does the same); other errors and the last failure are thrown.
 */
function renameWithRetry(from: string, to: string, attempts = 6): void {
  for (let i = 1; ; i++) {
    try {
      renameSync(from, to);
      return;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (i >= attempts || !(code === 'EPERM' || code === 'EBUSY' || code === 'EACCES')) {
        try {
          unlinkSync(from);
        } catch {
          /* already gone */
        }
        throw e;
      }
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20 * i);
    }
  }
}

export class JournalError extends Error {
  override readonly name = 'JournalError';
}

/** The per-user key file that signs journal entries (in the user's data folder, owner-only). */
export const JOURNAL_KEY_FILE = 'journal.key';

/**
 * Loads (or creates, 32 random bytes, mode 0600) the HMAC key that signs this user's journal entries.
 * A same-user process could still read it: the signature stops edits by other tools and users and makes
 * any change visible; Windows DPAPI (CryptProtectData, per user) is the planned way to wrap the key.
 */
export function loadJournalKey(dataDir: string): Buffer {
  const file = join(dataDir, JOURNAL_KEY_FILE);
  mkdirSync(dataDir, { recursive: true });
  try {
    const fd = openSync(file, 'wx', 0o600);
    try {
      writeSync(fd, randomBytes(32).toString('hex'));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw new JournalError(`cannot create the journal key ${file}: ${(e as Error).message}`);
  }
  if (process.platform !== 'win32' && (statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
  const hex = readFileSync(file, 'utf8').trim();
  if (!/^[0-9a-f]{64}$/.test(hex)) throw new JournalError(`the journal key ${file} is damaged; undo cannot verify entries (move the file away to start a new journal key)`);
  return Buffer.from(hex, 'hex');
}

/** HMAC-SHA256 of an entry's JSON (the exact text written, without the signature field). */
function signEntry(key: Buffer, entry: JournalEntry): string {
  return createHmac('sha256', key).update(JSON.stringify(entry)).digest('hex');
}

/** The journal folder of one data directory. */
export class Journal {
  readonly entriesDir: string;
  readonly backupsDir: string;
  readonly exportsDir: string;

  constructor(readonly dataDir: string) {
    this.entriesDir = join(dataDir, 'journal');
    this.backupsDir = join(dataDir, 'backups');
    this.exportsDir = join(dataDir, 'exports');
  }

  newId(fixId: string, now: Date): string {
    return `${stamp(now)}-${fixId}-${randomBytes(3).toString('hex')}`;
  }

  /** The backup folder of an entry (created on demand). */
  backupDir(journalId: string, create = false): string {
    if (!JOURNAL_ID.test(journalId)) throw new JournalError(`"${journalId.slice(0, 80)}" is not a journal id`);
    const dir = join(this.backupsDir, journalId);
    if (create) mkdirSync(dir, { recursive: true });
    return dir;
  }

  /** A fresh folder for files handed to an administrator (no journal entry: nothing was changed). */
  exportDir(fixId: string, now: Date): string {
    const dir = join(this.exportsDir, `${stamp(now)}-${fixId}-${randomBytes(3).toString('hex')}`);
    mkdirSync(dir, { recursive: true });
    return dir;
  }

  private file(journalId: string): string {
    if (!JOURNAL_ID.test(journalId)) throw new JournalError(`"${journalId.slice(0, 80)}" is not a journal id`);
    return join(this.entriesDir, `${journalId}.json`);
  }

  private cachedKey: Buffer | undefined;

  /** This user's signing key (created on first use). */
  private key(): Buffer {
    this.cachedKey ??= loadJournalKey(this.dataDir);
    return this.cachedKey;
  }

  private write(entry: JournalEntry): JournalEntry {
    const issues = validateEntry(entry);
    if (issues.length) throw new JournalError(`refusing to write an invalid journal entry: ${issues.join('; ')}`);
    mkdirSync(this.entriesDir, { recursive: true });
    const plain = JSON.parse(JSON.stringify(entry)) as JournalEntry;
    writeAtomic(this.file(entry.journalId), `${JSON.stringify({ ...plain, signature: signEntry(this.key(), plain) }, null, 2)}\n`);
    return entry;
  }

  /** Writes a new entry in state planned. */
  create(entry: Omit<JournalEntry, 'state' | 'history' | 'updatedAt' | 'steps' | 'undoSteps' | 'verified' | 'backup'>, message: string): JournalEntry {
    return this.write({ ...entry, state: 'planned', updatedAt: entry.createdAt, history: [{ state: 'planned', at: entry.createdAt, message }], backup: null, steps: [], undoSteps: [], verified: null });
  }

  /** Moves an entry to `state` (checked against TRANSITIONS), with any other field changes. */
  transition(entry: JournalEntry, state: FixState, message: string, at: Date, patch: Partial<Pick<JournalEntry, 'backup' | 'steps' | 'undoSteps' | 'verified'>> = {}): JournalEntry {
    if (!TRANSITIONS[entry.state].includes(state)) throw new JournalError(`journal entry ${entry.journalId}: cannot go from ${entry.state} to ${state}`);
    const iso = at.toISOString();
    return this.write({ ...entry, ...patch, state, updatedAt: iso, history: [...entry.history, { state, at: iso, message }] });
  }

  /** Records progress without a state change (a step finished, verification done). */
  update(entry: JournalEntry, at: Date, patch: Partial<Pick<JournalEntry, 'steps' | 'undoSteps' | 'verified'>>): JournalEntry {
    return this.write({ ...entry, ...patch, updatedAt: at.toISOString() });
  }

  read(journalId: string): { readonly entry: JournalEntry } | { readonly error: string } {
    let raw: string;
    try {
      raw = readFileSync(this.file(journalId), 'utf8');
    } catch (e) {
      if (e instanceof JournalError) return { error: e.message };
      return { error: (e as NodeJS.ErrnoException).code === 'ENOENT' ? `no journal entry ${journalId} in ${this.entriesDir}` : `cannot read journal entry ${journalId}: ${(e as Error).message}` };
    }
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch (e) {
      return { error: `journal entry ${journalId} is not valid JSON (${(e as Error).message})` };
    }
    let signature: unknown;
    if (json !== null && typeof json === 'object' && !Array.isArray(json) && 'signature' in json) {
      const { signature: sig, ...rest } = json as Record<string, unknown>;
      signature = sig;
      json = rest;
    }
    const issues = validateEntry(json);
    if (issues.length) return { error: `journal entry ${journalId} is damaged: ${issues.slice(0, 3).join('; ')}` };
    const entry = json as JournalEntry;
    if (entry.journalId !== journalId) return { error: `journal file ${journalId}.json holds entry ${entry.journalId}` };
    let key: Buffer;
    try {
      key = this.key();
    } catch (e) {
      return { error: (e as Error).message };
    }
    const expected = Buffer.from(signEntry(key, entry), 'hex');
    const given = typeof signature === 'string' && /^[0-9a-f]{64}$/.test(signature) ? Buffer.from(signature, 'hex') : null;
    if (!given || !timingSafeEqual(given, expected)) {
      return {
        error: `journal entry ${journalId} failed its integrity check — it was ${given ? 'changed (damaged or tampered with) after Lync Doctor wrote it' : 'not signed by Lync Doctor for this user'}, so it cannot be undone automatically. Its backup is in ${join(this.backupsDir, journalId)}; restore from there by hand if needed.`,
      };
    }
    return { entry };
  }

  /** Every readable entry, newest first, and a line for each file that could not be read. */
  list(): { readonly entries: readonly JournalEntry[]; readonly problems: readonly string[] } {
    let names: string[];
    try {
      names = readdirSync(this.entriesDir);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { entries: [], problems: [] };
      return { entries: [], problems: [`cannot read ${this.entriesDir}: ${(e as Error).message}`] };
    }
    const entries: JournalEntry[] = [];
    const problems: string[] = [];
    for (const name of names.sort().reverse()) {
      if (!name.endsWith('.json')) continue;
      const id = name.slice(0, -5);
      if (!JOURNAL_ID.test(id)) {
        problems.push(`ignored ${name}: not a journal entry name`);
        continue;
      }
      const r = this.read(id);
      if ('entry' in r) entries.push(r.entry);
      else problems.push(r.error);
    }
    return { entries, problems };
  }
}
