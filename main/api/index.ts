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
import { createKbApi } from './kb';
import { recordLiveRun } from './provenance';
import { createRuns } from './runs';

export interface ApiOptions {
  readonly articles?: ArticleLookup;
  readonly collectors?: readonly Collector[];
  readonly run?: CommandRunner;
  readonly platform?: string;
  readonly now?: () => Date;
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
  const api: LyncDoctorApi = {
    async demo() {
      const snapshot = demoSnapshot();
      return { snapshot, findings: analyze(snapshot, { articles }).findings };
    },
    startDiagnosis: runs.startDiagnosis,
    runStatus: runs.runStatus,
    cancelRun: runs.cancelRun,
    reanalyze: runs.reanalyze,
    ...createKbApi(),
    ...bundleVerbs,
    fixList,
    fixPreview,
    fixApply,
    fixUndo,
    ...opts.overrides,
  };
  return { ...api, close: () => runs.cancelAll() };
}
