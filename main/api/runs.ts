/**
 * Diagnosis runs for the UI: start returns at once with a run id, the window polls events by sequence
 * number (so it never freezes), cancel aborts every collector and ends the run at once.
 */
import { hostPort } from '../model/endpoint';
import { randomUUID } from 'node:crypto';
import type { ArticleLookup } from '../checks/run';
import { inputFromFlags } from '../cli/diagnose';
import type { Collector } from '../collect/types';
import { ALL_COLLECTORS, collectorsFor } from '../collect';
import type { CommandRunner } from '../collect/windows/runner';
import { analyze, collect } from '../diagnose';
import type { QuestionnaireAnswers } from '../model/answers';
import type { DiagnoseRequest, DiagnosisView, LyncDoctorApi, RunEvent, RunStatus } from '../model/api';
import type { DiagnoseInput, RawArtifact, Snapshot } from '../model/snapshot';
import { parseServerOverride } from '../sip/targets';
import { ApiError } from './dispatch';
import { collectorsForSymptom } from './symptoms';
import { stageUploads } from './uploads';

export interface RunsOptions {
  readonly articles: ArticleLookup;
  readonly collectors?: readonly Collector[];
  readonly run?: CommandRunner;
  readonly platform?: string;
  readonly now?: () => Date;
  /** Finished runs kept for polling (oldest dropped first). */
  readonly keepRuns?: number;
  /** Diagnoses running at once; another start is refused as `busy` (HTTP 429 on the bridge). Default 4. */
  readonly maxConcurrent?: number;
  /** Sees every finished collection with its raw outputs (the bundle exporter keeps them). */
  readonly onCollected?: (snapshot: Snapshot, raw: readonly RawArtifact[]) => void;
}

export type RunsApi = Pick<LyncDoctorApi, 'startDiagnosis' | 'runStatus' | 'cancelRun' | 'reanalyze'> & {
  /** Cancels every run still going (window closing, server stopping). */
  cancelAll(): void;
};

interface Run {
  readonly id: string;
  readonly controller: AbortController;
  readonly events: RunEvent[];
  readonly open: Map<string, { title: string; started: number }>;
  state: RunStatus['state'];
  result?: DiagnosisView;
  error?: string;
}

/** The DiagnoseInput for a request, validated exactly like the CLI's flags (one set of rules); `staged`: picked files already on disk. */
export function inputForRequest(req: DiagnoseRequest, staged?: { readonly logFiles: readonly string[]; readonly caFile?: string }): DiagnoseInput {
  const connectTo = (req.connectTo ?? []).map((c) => c.trim()).filter((c) => c.length > 0);
  const flags: Record<string, string | number | string[] | undefined> = {
    'sip-address': req.sipAddress,
    'dns-server': req.dnsServer?.trim() || undefined,
    'timeout-ms': req.timeoutMs,
    proxy: req.proxy?.trim() || undefined,
    'proxy-pac': req.proxyPac?.trim() || undefined,
    'connect-to': connectTo.length ? connectTo : undefined,
    'ca-file': staged?.caFile ?? (req.caFile?.trim() || undefined),
    log: staged?.logFiles.length ? [...staged.logFiles] : undefined,
  };
  let input: DiagnoseInput;
  try {
    input = inputFromFlags({ flags, positional: [] });
  } catch (e) {
    throw new ApiError('bad-request', uiWording((e as Error).message));
  }
  const server = req.sipServer?.trim();
  if (!server) return input;
  try {
    const { host, port } = parseServerOverride(server);
    return { ...input, sipServer: hostPort(host, port) };
  } catch (e) {
    throw new ApiError('bad-request', `SIP server: ${(e as Error).message}`);
  }
}

const FIELD_NAMES: ReadonlyArray<readonly [RegExp, string]> = [
  [/^--sip-address is required.*/, 'Enter the SIP address of the user, e.g. alice@contoso.com'],
  [/^--dns-server:/, 'DNS server:'],
  [/^--timeout-ms/, 'The time limit'],
  [/^--proxy-pac:/, 'Proxy PAC:'],
  [/^--proxy:/, 'Proxy:'],
  [/^--connect-to:/, 'Connect-to override:'],
  [/^--ca-file:/, 'CA file:'],
];

/** The CLI's usage messages name flags; the window names fields. */
function uiWording(message: string): string {
  for (const [re, words] of FIELD_NAMES) if (re.test(message)) return message.replace(re, words);
  return message;
}

/** The collectors to run for a re-check: the ones asked for plus, transitively, those they wait for. */
export function selectCollectors(all: readonly Collector[], ids: readonly string[] | undefined): readonly Collector[] {
  if (!ids) return all;
  const unknown = ids.filter((id) => !all.some((c) => c.id === id));
  if (unknown.length) throw new ApiError('bad-request', `unknown collector(s): ${unknown.join(', ')}`);
  return collectorsFor(all, ids);
}

/** Creates the run registry behind startDiagnosis / runStatus / cancelRun / reanalyze. */
export function createRuns(opts: RunsOptions): RunsApi {
  const runs = new Map<string, Run>();
  const keep = opts.keepRuns ?? 20;
  const now = opts.now ?? (() => new Date());

  const push = (run: Run, e: Omit<RunEvent, 'seq'>): void => {
    run.events.push({ seq: run.events.length + 1, ...e });
  };

  const prune = (): void => {
    for (const [id, r] of runs) {
      if (runs.size <= keep) break;
      if (r.state !== 'running') runs.delete(id);
    }
  };

  const get = (runId: string): Run => {
    const run = runs.get(runId);
    if (!run) throw new ApiError('not-found', `No diagnosis run "${runId}" here (runs are kept only while the app is open); start a new one.`);
    return run;
  };

  return {
    async startDiagnosis(req) {
      inputForRequest(req); // the typed fields are checked before anything is written
      const available = opts.collectors ?? ALL_COLLECTORS;
      const wanted = req.collectors ?? (req.symptom ? collectorsForSymptom(req.symptom).filter((id) => available.some((c) => c.id === id)) : undefined);
      const collectors = selectCollectors(available, wanted);
      const running = [...runs.values()].filter((r) => r.state === 'running').length;
      const cap = opts.maxConcurrent ?? 4;
      if (running >= cap) throw new ApiError('busy', `${running} diagnoses are already running (at most ${cap} at once); wait for one to finish or cancel it.`);
      const staged = await stageUploads(req);
      let input: DiagnoseInput;
      try {
        input = inputForRequest(req, staged);
      } catch (e) {
        await staged.cleanup();
        throw e;
      }
      const run: Run = { id: randomUUID(), controller: new AbortController(), events: [], open: new Map(), state: 'running' };
      runs.set(run.id, run);
      prune();
      void (async () => {
        try {
          const c = await collect({
            input,
            collectors,
            signal: run.controller.signal,
            now,
            ...(opts.run ? { run: opts.run } : {}),
            ...(opts.platform ? { platform: opts.platform } : {}),
            ...(req.answers ? { answers: req.answers } : {}),
            onProgress: (e) => {
              if (run.state !== 'running') return;
              if (e.phase === 'start') run.open.set(e.collectorId, { title: e.title, started: Date.now() });
              if (e.phase === 'done') run.open.delete(e.collectorId);
              push(run, e);
            },
          });
          if (run.state !== 'running') return;
          opts.onCollected?.(c.snapshot, c.raw);
          const a = analyze(c.snapshot, { articles: opts.articles });
          run.result = { snapshot: c.snapshot, findings: a.findings };
          run.state = 'done';
        } catch (e) {
          if (run.state !== 'running') return;
          run.state = 'failed';
          run.error = `The diagnosis stopped unexpectedly: ${(e as Error).message}`;
        } finally {
          await staged.cleanup().catch(() => undefined);
        }
      })();
      return { runId: run.id };
    },

    async runStatus(runId, since) {
      const run = get(runId);
      return {
        runId: run.id,
        state: run.state,
        events: run.events.filter((e) => e.seq > since),
        ...(run.result ? { result: run.result } : {}),
        ...(run.error ? { error: run.error } : {}),
      };
    },

    async cancelRun(runId) {
      const run = get(runId);
      if (run.state !== 'running') return;
      run.controller.abort();
      // The run ends now: collectors still going get their final row at once; whatever they hand
      // back later is dropped, so the window never waits for a slow network to give up.
      run.state = 'cancelled';
      for (const [collectorId, o] of run.open) {
        push(run, { collectorId, title: o.title, phase: 'done', status: 'cancelled', message: 'cancelled by the user', durationMs: Date.now() - o.started });
      }
      run.open.clear();
    },

    async reanalyze(snapshot: Snapshot, answers: QuestionnaireAnswers) {
      const s: Snapshot = { ...snapshot, answers };
      const a = analyze(s, { articles: opts.articles });
      return { snapshot: s, findings: a.findings };
    },

    cancelAll() {
      for (const r of runs.values()) if (r.state === 'running') {
        r.controller.abort();
        r.state = 'cancelled';
      }
    },
  };
}
