/**
 * The local run history behind historyList / historySave / historyOpen: one JSON file per kept diagnosis
 * under the user's data folder (<data>/history), plus which one was looked at last, so a reload or an app
 * restart brings back the diagnosis and the state of its guided fixes. Never credentials: the Snapshot's
 * proxy/PAC inputs lose any user-info and secret query values, and values that look like secrets are
 * redacted (the bundle's rules) before anything is written.
 */
import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { redactValue } from '../bundle/redact';
import { stripCredentials } from '../collect/credentials';
import { defaultDataDir } from '../fix/context';
import type { DiagnosisView, HistoryEntry, HistoryList, LyncDoctorApi, UiState } from '../model/api';
import { mostLikelyCause } from '../model/finding';
import type { Snapshot } from '../model/snapshot';
import { ApiError } from './dispatch';
import { diagnosisView, uiState, ValidationError } from './validate';

export interface HistoryOptions {
  /** The user's data folder (default: defaultDataDir(), i.e. %LOCALAPPDATA%\LyncDoctor or ~/.config/lync-doctor). */
  readonly dataDir?: string;
  /** Runs kept (oldest dropped first). */
  readonly keep?: number;
  readonly now?: () => Date;
}

export type HistoryApi = Pick<LyncDoctorApi, 'historyList' | 'historySave' | 'historyOpen'>;

interface Stored {
  readonly entry: HistoryEntry;
  readonly view: DiagnosisView;
  readonly ui: UiState;
}

const ID = /^[a-f0-9-]{36}$/;

/** The view as kept: no derived fields, no credentials in the inputs, secret-looking values redacted. */
export function storableView(view: DiagnosisView): DiagnosisView {
  const input = view.snapshot.input;
  const cleanInput = {
    ...input,
    ...(input.proxy ? { proxy: stripCredentials(input.proxy) } : {}),
    ...(input.proxyPac ? { proxyPac: stripCredentials(input.proxyPac) } : {}),
  };
  const snapshot: Snapshot = redactValue({ ...view.snapshot, input: cleanInput });
  return { snapshot, findings: redactValue(view.findings), ...(view.importedFrom ? { importedFrom: view.importedFrom } : {}) };
}

function entryFor(id: string, savedAt: string, view: DiagnosisView): HistoryEntry {
  const s = view.snapshot;
  return {
    id,
    savedAt,
    createdAt: s.createdAt,
    sipAddress: s.input.sipAddress,
    source: s.demo ? 'demo' : view.importedFrom ? 'imported' : 'live',
    errors: view.findings.filter((f) => f.severity === 'error').length,
    warnings: view.findings.filter((f) => f.severity === 'warning').length,
    cause: mostLikelyCause(view.findings)?.line ?? null,
  };
}

/** Creates the history verbs over a folder (created on first save, private to the user). */
export function createHistory(opts: HistoryOptions = {}): HistoryApi {
  const dir = (): string => join(opts.dataDir ?? defaultDataDir(), 'history');
  const keep = opts.keep ?? 30;
  const now = opts.now ?? (() => new Date());
  const file = (id: string): string => join(dir(), `${id}.json`);
  const currentFile = (): string => join(dir(), 'current.json');

  const read = async (id: string): Promise<Stored | null> => {
    if (!ID.test(id)) return null;
    let text: string;
    try {
      text = await fs.readFile(file(id), 'utf8');
    } catch {
      return null;
    }
    try {
      const raw = JSON.parse(text) as { entry?: unknown; view?: unknown; ui?: unknown };
      // A kept file passes the same validators as a call from the window (it may have been edited or be from an older version).
      const view = diagnosisView(raw.view, 'view');
      const ui = uiState(raw.ui, 'ui');
      const entry = raw.entry as HistoryEntry;
      if (typeof entry?.savedAt !== 'string') return null;
      return { entry: entryFor(id, entry.savedAt, view), view, ui };
    } catch (e) {
      if (e instanceof ValidationError || e instanceof SyntaxError) return null;
      throw e;
    }
  };

  const write = async (path: string, value: unknown): Promise<void> => {
    await fs.mkdir(dir(), { recursive: true, mode: 0o700 });
    const tmp = `${path}.${process.pid}.tmp`;
    await fs.writeFile(tmp, JSON.stringify(value), { mode: 0o600 });
    await fs.rename(tmp, path);
  };

  const current = async (): Promise<string | null> => {
    try {
      const c = JSON.parse(await fs.readFile(currentFile(), 'utf8')) as { id?: unknown };
      return typeof c.id === 'string' && ID.test(c.id) ? c.id : null;
    } catch {
      return null;
    }
  };

  const list = async (): Promise<HistoryEntry[]> => {
    let names: string[];
    try {
      names = await fs.readdir(dir());
    } catch {
      return [];
    }
    const entries: HistoryEntry[] = [];
    for (const n of names) {
      const id = n.replace(/\.json$/, '');
      if (!ID.test(id)) continue;
      const s = await read(id);
      if (s) entries.push(s.entry);
    }
    return entries.sort((a, b) => b.savedAt.localeCompare(a.savedAt) || b.id.localeCompare(a.id));
  };

  return {
    async historyList() {
      const entries = await list();
      const cur = await current();
      return { entries, current: cur && entries.some((e) => e.id === cur) ? cur : null };
    },

    async historySave(id, view, ui) {
      const existing = id ? await read(id) : null;
      if (id && !existing) throw new ApiError('not-found', 'That diagnosis is no longer in the history; it is kept as a new one.');
      const newId = existing ? existing.entry.id : randomUUID();
      const entry = entryFor(newId, existing?.entry.savedAt ?? now().toISOString(), view);
      await write(file(newId), { entry, view: storableView(view), ui });
      await write(currentFile(), { id: newId });
      if (!existing) {
        const all = await list();
        for (const old of all.slice(keep)) await fs.rm(file(old.id), { force: true });
      }
      return entry;
    },

    async historyOpen(id) {
      const s = await read(id);
      if (!s) throw new ApiError('not-found', 'That diagnosis is no longer in the history (or could not be read).');
      return s; // it becomes the current one when the window keeps it (historySave), not by being read (compare reads two)
    },
  };
}
