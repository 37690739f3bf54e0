/**
 * createApi(): the one LyncDoctorApi object the Electron IPC handlers, the loopback bridge and tests
 * call. Each capability's verbs live in their own area module (runs, kb, bundle, fix); this file only
 * wires them. A capability left out of a build answers with notAvailable() (see dispatch.ts).
 */
import type { ArticleLookup } from '../checks/run';
import type { Collector } from '../collect/types';
import type { CommandRunner } from '../collect/windows/runner';
import { demoSnapshot } from '../demo/demo';
import { analyze } from '../diagnose';
import { articleLookup } from '../kb/lookup';
import type { LyncDoctorApi } from '../model/api';
import { BundleError } from '../bundle/format';
import { bundleCompare, bundleExport, bundleImport, bundlePreview, rememberRawArtifacts } from './bundle';
import { ApiError } from './dispatch';
import { fixApply, fixList, fixPreview, fixUndo } from './fix';
import { mostLikelyCause } from '../model/finding';
import type { DiagnosisView } from '../model/api';
import { buildTimeline } from '../sip/timeline';
import { createHistory, type HistoryOptions } from './history';
import { createKbApi } from './kb';
import { recordLiveRun } from './provenance';
import { createRuns } from './runs';

export interface ApiOptions {
  readonly articles?: ArticleLookup;
  readonly collectors?: readonly Collector[];
  readonly run?: CommandRunner;
  readonly platform?: string;
  readonly now?: () => Date;
  /** Where the run history is kept (default: the user's data folder). */
  readonly history?: HistoryOptions;
  /** Replace whole capabilities (tests, or a build without one of them). */
  readonly overrides?: Partial<LyncDoctorApi>;
}

/** The API plus a way to stop what is still running when the window or server goes away. */
export type AppApi = LyncDoctorApi & { close(): void };

type BundleVerbs = Pick<LyncDoctorApi, 'bundlePreview' | 'bundleExport' | 'bundleImport' | 'bundleCompare'>;

/** A bundle the user picked that cannot be used is a problem with the input, said in the bundle's words. */
async function asInputError<T>(p: Promise<T>): Promise<T> {
  try {
    return await p;
  } catch (e) {
    if (e instanceof BundleError) throw new ApiError('bad-request', e.message);
    throw e;
  }
}

const bundleVerbs: BundleVerbs = {
  bundlePreview: (view, redaction) => asInputError(bundlePreview(view, redaction)),
  bundleExport: (view, redaction) => asInputError(bundleExport(view, redaction)),
  bundleImport: (file) => asInputError(bundleImport(file)),
  bundleCompare: (before, after) => asInputError(bundleCompare(before, after)),
};

/**
 * A view as the window gets it: with the sign-in path (the CLI's buildTimeline, one model) and the most
 * likely cause, both derived here from the Snapshot and the findings.
 */
export function withDerived(view: DiagnosisView): DiagnosisView {
  return { ...view, timeline: buildTimeline(view.snapshot), cause: mostLikelyCause(view.findings) ?? null };
}

/** Builds the API: diagnosis runs and the demo here, the other capabilities from their area modules. */
export function createApi(opts: ApiOptions = {}): AppApi {
  const articles = opts.articles ?? articleLookup();
  const runs = createRuns({
    articles,
    ...(opts.collectors ? { collectors: opts.collectors } : {}),
    ...(opts.run ? { run: opts.run } : {}),
    ...(opts.platform ? { platform: opts.platform } : {}),
    ...(opts.now ? { now: opts.now } : {}),
    // The view that crosses IPC carries no raw outputs; the bundle exporter finds them by Snapshot.
    onCollected: (snapshot, raw) => {
      recordLiveRun(snapshot); // the only way a view becomes "live on this PC" for the fix verbs
      rememberRawArtifacts(snapshot, raw);
    },
  });
  const history = createHistory(opts.history ?? {});
  const api: LyncDoctorApi = {
    async demo() {
      const snapshot = demoSnapshot();
      return withDerived({ snapshot, findings: analyze(snapshot, { articles }).findings });
    },
    startDiagnosis: runs.startDiagnosis,
    async runStatus(runId, since) {
      const st = await runs.runStatus(runId, since);
      return st.result ? { ...st, result: withDerived(st.result) } : st;
    },
    cancelRun: runs.cancelRun,
    reanalyze: async (snapshot, answers) => withDerived(await runs.reanalyze(snapshot, answers)),
    ...createKbApi(),
    ...bundleVerbs,
    bundleImport: async (file) => withDerived(await bundleVerbs.bundleImport(file)),
    fixList,
    fixPreview,
    fixApply,
    fixUndo,
    ...history,
    historyOpen: async (id) => {
      const r = await history.historyOpen(id);
      return { ...r, view: withDerived(r.view) };
    },
    ...opts.overrides,
  };
  return { ...api, close: () => runs.cancelAll() };
}
