/**
 * The one typed API the renderer uses, whatever carries it (Electron IPC via preload, or the loopback
 * bridge in tests/no-Electron mode). Verbs, not channels. Types only: no node/electron/DOM imports.
 * Each capability owns its methods' implementation in main/api/<area>.ts.
 */
import type { QuestionnaireAnswers } from './answers';
import type { Article } from './article';
import type { CauseSummary, Finding } from './finding';
import type { SignInTimeline } from './sip';
import type { Snapshot } from './snapshot';
import type { CollectorStatus } from './status';

/** What the user reports, chosen first in the window: it picks the collectors and questionnaire parts that matter. */
export type Symptom = 'sign-in' | 'push' | 'meetings' | 'proxy-password';

export const SYMPTOMS: readonly Symptom[] = ['sign-in', 'push', 'meetings', 'proxy-password'];

export interface DiagnoseRequest {
  readonly sipAddress: string;
  /** Runs the collectors that matter for this symptom (those available in this build); ignored when `collectors` is given. */
  readonly symptom?: Symptom;
  readonly dnsServer?: string;
  readonly timeoutMs?: number;
  readonly answers?: QuestionnaireAnswers;
  /** Lab/helpdesk overrides (network-path capability). */
  readonly proxy?: string;
  readonly proxyPac?: string;
  /** curl-style HOST:PORT:ADDRESS:PORT overrides, applied by every probe (TLS, autodiscover, SIP, proxy). */
  readonly connectTo?: readonly string[];
  /** PEM file of extra trusted CA certificates, applied by every probe that judges trust (TLS, SIP). */
  readonly caFile?: string;
  /** Re-check: run only these collectors (their `after` inputs are added); the UI merges the sections. */
  readonly collectors?: readonly string[];
  /** SIP server to probe instead of the DNS-discovered ones (host or host:port). */
  readonly sipServer?: string;
  /** Client logs the window picked (contents; the service stages them in a private temporary folder). */
  readonly logs?: readonly UploadedFile[];
  /** A PEM file of extra trusted CA certificates the window picked (contents), instead of a `caFile` path. */
  readonly caPem?: UploadedFile;
}

/** A text file picked in the window: its name (no folder) and contents. */
export interface UploadedFile {
  readonly fileName: string;
  readonly text: string;
}

export interface DiagnosisView {
  readonly snapshot: Snapshot;
  readonly findings: readonly Finding[];
  /** Set when the view comes from an imported bundle (read-only). */
  readonly importedFrom?: string;
  /** The sign-in path built from the Snapshot by the service (main/sip/timeline.ts, the CLI's model); not sent back. */
  readonly timeline?: SignInTimeline;
  /** The most likely cause (main/model/finding.ts mostLikelyCause), set by the service; not sent back. */
  readonly cause?: CauseSummary | null;
}

/** What the window keeps of a guided fix: which steps are ticked and whether it is open. */
export interface GuidedState {
  readonly open: boolean;
  readonly done: readonly boolean[];
}

/** The window's state for one diagnosis (never credentials): the selected finding and the guided fixes. */
export interface UiState {
  readonly selected?: string;
  readonly guided: { readonly [findingKey: string]: GuidedState };
}

/** One diagnosis kept in the local run history. */
export interface HistoryEntry {
  readonly id: string;
  /** When it was first kept (ISO). */
  readonly savedAt: string;
  /** When the diagnosis was made (the Snapshot's createdAt). */
  readonly createdAt: string;
  readonly sipAddress: string;
  readonly source: 'live' | 'demo' | 'imported';
  readonly errors: number;
  readonly warnings: number;
  readonly cause: string | null;
}

export interface HistoryList {
  readonly entries: readonly HistoryEntry[];
  /** The diagnosis last looked at (reopened after a reload or restart), or null. */
  readonly current: string | null;
}

export interface RunEvent {
  readonly seq: number;
  readonly collectorId: string;
  readonly title: string;
  readonly phase: 'start' | 'progress' | 'done';
  readonly message: string;
  readonly status?: CollectorStatus;
  readonly durationMs?: number;
}

export interface RunStatus {
  readonly runId: string;
  readonly state: 'running' | 'done' | 'cancelled' | 'failed';
  /** Events with seq > the `since` asked for. */
  readonly events: readonly RunEvent[];
  readonly result?: DiagnosisView;
  readonly error?: string;
}

export interface KbHit {
  readonly articleId: string;
  readonly research: readonly string[];
  readonly title: string;
  readonly score: number;
  /** Snippet with matches wrapped in «» (the UI renders them highlighted, never as HTML). */
  readonly snippet: string;
}

export interface MsDiagnosticsEntry {
  readonly code: number;
  readonly header: string;
  readonly reason: string | null;
  readonly meaning: string;
  readonly likelyFix: string;
  readonly research: readonly string[];
  readonly articleId: string | null;
  readonly verified: boolean;
  /** How the meaning is known: documented by Microsoft, seen in captures only, inferred, or not found (gap). */
  readonly evidence?: CodeEvidence;
  readonly sources: readonly string[];
}

/** An ms-diagnostics code named in searched text, with its table entry (a "not documented" stand-in when the table lacks it). */
export interface KbCodeCard {
  readonly code: number;
  readonly documented: boolean;
  readonly entry: MsDiagnosticsEntry;
  /** The header family the text wrote the code in (absent when only a bare number was typed). */
  readonly form?: 'ms-diagnostics' | 'ms-client-diagnostics';
  /** The value as written in the text (`21006;reason="…"`), up to 200 characters; shown as is for a code the table does not explain. */
  readonly raw?: string;
}

/** One HRESULT of knowledge/hresults.json: its constant name, meaning, what to do, how it is known, where from. */
export interface KbHresult {
  /** "0x80090322": upper-case, 8 hex digits. */
  readonly hresult: string;
  readonly name: string;
  readonly meaning: string;
  readonly likelyFix: string;
  readonly evidence: CodeEvidence;
  readonly articleId: string | null;
  readonly sources: readonly string[];
}

/** How a code's meaning is known (the table's honest verification mark). */
export type CodeEvidence = 'microsoft' | 'captures' | 'inferred' | 'gap';

export type RedactionLevel = 'standard' | 'pseudonymise';

export interface BundleEntryInfo {
  readonly name: string;
  readonly bytes: number;
}

export interface BundleFile {
  readonly fileName: string;
  /** Zip bytes, base64 (IPC and the loopback bridge both carry JSON). */
  readonly base64: string;
}

/** What bundleExport gives back: the zip, and for a pseudonymised bundle where its map (the key to the tokens) was kept on this PC. */
export interface ExportedBundleFile extends BundleFile {
  readonly mapPath?: string;
}

export interface CompareResult {
  readonly appeared: readonly Finding[];
  readonly disappeared: readonly Finding[];
  readonly changed: ReadonlyArray<{ readonly before: Finding; readonly after: Finding }>;
  /** `label`: the fact in words ("DNS · SRV _sip._tls · record sip.contoso.com:443 · weight"); `key` stays the data path. */
  readonly facts: ReadonlyArray<{ readonly area: string; readonly key: string; readonly label: string; readonly before: string; readonly after: string }>;
  /** How many compared facts are the same on both sides (shown collapsed). */
  readonly unchanged: number;
  /** `pseudonym`: one side was pseudonymised, so names, addresses and hashes were compared by kind, not by value. */
  readonly matchedBy: 'value' | 'pseudonym';
}

export interface FixInfo {
  readonly fixId: string;
  readonly title: string;
  readonly resolves: readonly string[];
  /** Check ids whose findings this fix is offered for (a fix is offered only for findings it can change). */
  readonly offeredFor?: readonly string[];
  readonly automated: boolean;
  readonly needsAdmin: boolean;
}

export interface FixPreview {
  readonly fixId: string;
  readonly summary: string;
  readonly changes: readonly string[];
  readonly commands: readonly string[];
  readonly applicable: boolean;
  readonly reason?: string;
}

export interface FixOutcome {
  readonly fixId: string;
  readonly journalId: string;
  readonly ok: boolean;
  readonly message: string;
  readonly verified?: 'resolved' | 'not-resolved' | 'not-checked';
}

export interface LyncDoctorApi {
  demo(): Promise<DiagnosisView>;
  startDiagnosis(req: DiagnoseRequest): Promise<{ readonly runId: string }>;
  runStatus(runId: string, since: number): Promise<RunStatus>;
  cancelRun(runId: string): Promise<void>;
  /** Re-run the checks on a Snapshot with (new) questionnaire answers. */
  reanalyze(snapshot: Snapshot, answers: QuestionnaireAnswers): Promise<DiagnosisView>;
  kbSearch(query: string, limit: number): Promise<readonly KbHit[]>;
  /** `hresult` (added) when the text is an HRESULT value or constant name the HRESULT table explains. */
  kbArticle(idOrCode: string): Promise<{ readonly article: Article | null; readonly msDiagnostics: MsDiagnosticsEntry | null; readonly hresult?: KbHresult }>;
  /** The ms-diagnostics codes a typed or pasted text names (code cards), telling ones first. */
  kbCodes(text: string): Promise<readonly KbCodeCard[]>;
  bundlePreview(view: DiagnosisView, redaction: RedactionLevel): Promise<readonly BundleEntryInfo[]>;
  bundleExport(view: DiagnosisView, redaction: RedactionLevel): Promise<ExportedBundleFile>;
  bundleImport(file: BundleFile): Promise<DiagnosisView>;
  bundleCompare(before: BundleFile, after: BundleFile): Promise<CompareResult>;
  fixList(view: DiagnosisView): Promise<readonly FixInfo[]>;
  fixPreview(fixId: string, view: DiagnosisView): Promise<FixPreview>;
  fixApply(fixId: string, view: DiagnosisView, confirmed: boolean): Promise<FixOutcome>;
  fixUndo(journalId: string): Promise<FixOutcome>;
  /** The local run history (this user's), newest first, and the diagnosis last looked at. */
  historyList(): Promise<HistoryList>;
  /** Keeps a diagnosis (new entry when `id` is null) with the window's state; it becomes the current one. */
  historySave(id: string | null, view: DiagnosisView, ui: UiState): Promise<HistoryEntry>;
  /** Reads a kept diagnosis back (it becomes the current one once the window keeps it again). */
  historyOpen(id: string): Promise<{ readonly entry: HistoryEntry; readonly view: DiagnosisView; readonly ui: UiState }>;
}

/** The verb names, for validation at the IPC/bridge boundary. */
export const API_VERBS = [
  'demo', 'startDiagnosis', 'runStatus', 'cancelRun', 'reanalyze', 'kbSearch', 'kbArticle', 'kbCodes',
  'bundlePreview', 'bundleExport', 'bundleImport', 'bundleCompare', 'fixList', 'fixPreview', 'fixApply', 'fixUndo',
  'historyList', 'historySave', 'historyOpen',
] as const satisfies ReadonlyArray<keyof LyncDoctorApi>;

/** Error kinds every transport reports the same way (the UI words them; never a stack trace); `busy`: too many diagnoses or requests at once. */
export type ApiErrorCode = 'bad-request' | 'unknown-verb' | 'not-available' | 'not-found' | 'refused' | 'failed' | 'busy';

/** The envelope IPC and the loopback bridge carry back: a value, or a plain error. */
export type ApiReply<T = unknown> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: { readonly code: ApiErrorCode; readonly message: string } };

/** What the Electron preload exposes as `window.lyncDoctor`: exactly the verbs, each answering an ApiReply. */
export type LyncDoctorTransport = {
  readonly [K in keyof LyncDoctorApi]: (...args: Parameters<LyncDoctorApi[K]>) => Promise<ApiReply<Awaited<ReturnType<LyncDoctorApi[K]>>>>;
};
