/** Builds the engine's dependencies for the CLI and the API: journal folder, runners, this PC's id. */
import { hostname } from 'node:os';
import type { ArticleLookup } from '../checks/run';
import type { Collector } from '../collect/types';
import { recordingRunner, spawnRunner, type CommandRunner } from '../collect/windows/runner';
import { articleLookup, articlesById } from '../kb/lookup';
import type { Snapshot } from '../model/snapshot';
import { defaultDataDir } from './context';
import { demoPcRunner } from './demo-pc';
import type { FixDeps } from './engine';
import { Journal, machineId } from './journal';

export interface FixServiceOptions {
  /** Journal and backups folder (default: defaultDataDir()). */
  readonly dataDir?: string;
  /** Live runner (default: spawnRunner). */
  readonly run?: CommandRunner;
  /** Runner for recorded mode (default: the demo PC for the demo, else a plain recorder). */
  readonly recordedRunner?: (opts: { readonly demo: boolean; readonly snapshot: Snapshot | null }) => CommandRunner;
  readonly platform?: string;
  readonly now?: () => Date;
  readonly collectors?: readonly Collector[];
  readonly articles?: ArticleLookup;
  readonly hostname?: string;
  readonly timeoutMs?: number;
}

export function fixDeps(opts: FixServiceOptions = {}): FixDeps {
  return {
    journal: new Journal(opts.dataDir ?? defaultDataDir()),
    platform: opts.platform ?? process.platform,
    liveRunner: opts.run ?? spawnRunner,
    recordedRunner: opts.recordedRunner ?? (({ demo, snapshot }) => (demo ? demoPcRunner(snapshot) : recordingRunner())),
    machine: machineId(opts.hostname ?? hostname()),
    now: opts.now ?? (() => new Date()),
    articles: opts.articles ?? articleLookup(),
    guides: (id) => articlesById().get(id),
    ...(opts.collectors ? { collectors: opts.collectors } : {}),
    ...(opts.timeoutMs ? { timeoutMs: opts.timeoutMs } : {}),
  };
}
