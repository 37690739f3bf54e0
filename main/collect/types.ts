/** The collector contract: one area, one file, never throws past its boundary. */
import type { DiagnoseInput, SectionId, SectionMap, Sections } from '../model/snapshot';
import type { CollectorStatus } from '../model/status';
import type { CommandRunner } from './windows/runner';

export type Platform = 'win32' | 'linux' | 'darwin';

export interface CollectorContext {
  readonly input: DiagnoseInput;
  /** Aborted when the collector's deadline passes or the user cancels. */
  readonly signal: AbortSignal;
  /** Epoch milliseconds after which the collector's result is a timeout. */
  readonly deadline: number;
  readonly platform: string;
  readonly run: CommandRunner;
  readonly now: () => Date;
  readonly progress: (message: string) => void;
  /** Keep a raw output (public data only) for the bundle. */
  readonly raw: (name: string, content: string) => void;
  /** Sections finished before this collector started (see `after`). */
  readonly sections: Sections;
}

/** What a collector returns; the orchestrator adds the duration. */
export interface CollectorOutcome<T> {
  readonly status: CollectorStatus;
  readonly message: string;
  readonly data?: T;
}

export interface Collector<K extends SectionId = SectionId> {
  readonly id: K;
  readonly title: string;
  /** Platforms where it runs; elsewhere it reports not-applicable. */
  readonly platforms: readonly Platform[] | 'all';
  /** Sections that must be finished first (their results arrive in ctx.sections). */
  readonly after?: readonly SectionId[];
  collect(ctx: CollectorContext): Promise<CollectorOutcome<SectionMap[K]>>;
}

/** Milliseconds left before the deadline (never negative). */
export function remainingMs(ctx: Pick<CollectorContext, 'deadline'>, nowMs = Date.now()): number {
  return Math.max(0, ctx.deadline - nowMs);
}
