/** Orchestrates collectors → Snapshot → checks → findings; the one entry the CLI, app and bridge call. */
import { stripCredentials } from './collect/credentials';
import { arch, release } from 'node:os';
import { ALL_CHECKS } from './checks';
import { runChecks, type ArticleLookup, type CheckFailure } from './checks/run';
import type { Check } from './checks/types';
import { ALL_COLLECTORS } from './collect';
import type { Collector, CollectorContext } from './collect/types';
import { spawnRunner, type CommandRunner } from './collect/windows/runner';
import type { QuestionnaireAnswers } from './model/answers';
import type { RunEvent } from './model/api';
import type { Finding } from './model/finding';
import { SNAPSHOT_SCHEMA_VERSION, type DiagnoseInput, type RawArtifact, type SectionId, type Snapshot } from './model/snapshot';
import type { CollectorStatus, SectionResult } from './model/status';
import { TOOL_VERSION } from './version';

/** One collector's progress (the API's RunEvent without its sequence number). */
export type ProgressEvent = Omit<RunEvent, 'seq'>;

export interface CollectOptions {
  readonly input: DiagnoseInput;
  readonly collectors?: readonly Collector[];
  readonly run?: CommandRunner;
  readonly platform?: string;
  readonly now?: () => Date;
  readonly signal?: AbortSignal;
  readonly onProgress?: (e: ProgressEvent) => void;
  readonly answers?: QuestionnaireAnswers;
  /** Extra time a collector gets after the deadline to hand back partial data. */
  readonly graceMs?: number;
}

export interface Collected {
  readonly snapshot: Snapshot;
  readonly raw: readonly RawArtifact[];
}

export interface DiagnosisResult extends Collected {
  readonly findings: readonly Finding[];
  readonly checkFailures: readonly CheckFailure[];
}

/** Splits "alice@contoso.com" / "sip:alice@contoso.com" into a normalised address and its domain. */
export function parseSipAddress(value: string): { sipAddress: string; sipDomain: string } {
  const v = value.trim().replace(/^sip:/i, '').toLowerCase();
  const m = /^([a-z0-9._%+'-]+)@((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63})$/.exec(v);
  if (!m) throw new Error(`"${value}" is not a SIP address like alice@contoso.com`);
  return { sipAddress: v, sipDomain: m[2] as string };
}

async function runOne(c: Collector, ctx: CollectorContext, graceMs: number, controller: AbortController): Promise<SectionResult<unknown>> {
  const started = Date.now();
  const timeout = new Promise<SectionResult<unknown>>((resolve) => {
    const t = setTimeout(() => {
      controller.abort();
      setTimeout(() => resolve({ status: 'timeout', message: `${c.title} did not finish within ${ctx.input.timeoutMs} ms`, durationMs: Date.now() - started }), graceMs).unref();
    }, Math.max(0, ctx.deadline - Date.now()));
    t.unref();
  });
  const work = (async (): Promise<SectionResult<unknown>> => {
    try {
      const r = await c.collect(ctx);
      return { ...r, durationMs: Date.now() - started };
    } catch (e) {
      return { status: 'error', message: `${c.title} failed: ${(e as Error).message}`, durationMs: Date.now() - started };
    }
  })();
  return Promise.race([work, timeout]);
}

/** Runs the collectors (in parallel, dependents after their inputs) into a Snapshot. */
export async function collect(opts: CollectOptions): Promise<Collected> {
  const collectors = opts.collectors ?? ALL_COLLECTORS;
  const platform = opts.platform ?? process.platform;
  const now = opts.now ?? (() => new Date());
  const start = Date.now();
  const deadline = start + opts.input.timeoutMs;
  const graceMs = opts.graceMs ?? 150;
  const raw: RawArtifact[] = [];
  const sections: Record<string, SectionResult<unknown>> = {};
  const done = new Map<SectionId, Promise<void>>();
  const emit = opts.onProgress ?? (() => undefined);

  const launch = (c: Collector): Promise<void> => {
    const existing = done.get(c.id);
    if (existing) return existing;
    const p = (async () => {
      await Promise.all((c.after ?? []).map((dep) => {
        const d = collectors.find((x) => x.id === dep);
        return d ? launch(d) : Promise.resolve();
      }));
      emit({ collectorId: c.id, title: c.title, phase: 'start', message: 'started' });
      let result: SectionResult<unknown>;
      if (c.platforms !== 'all' && !c.platforms.includes(platform as never)) {
        result = { status: 'not-applicable', message: `not applicable on ${platform} (needs ${c.platforms.join('/')})`, durationMs: 0 };
      } else {
        const controller = new AbortController();
        const onOuter = (): void => controller.abort();
        opts.signal?.addEventListener('abort', onOuter, { once: true });
        if (opts.signal?.aborted) controller.abort();
        const ctx: CollectorContext = {
          input: opts.input,
          signal: controller.signal,
          deadline: opts.signal?.aborted ? Date.now() : deadline,
          platform,
          run: opts.run ?? spawnRunner,
          now,
          progress: (message) => emit({ collectorId: c.id, title: c.title, phase: 'progress', message }),
          raw: (name, content) => raw.push({ collectorId: c.id, name, content }),
          sections: { ...sections },
        };
        result = await runOne(c, ctx, graceMs, controller);
        opts.signal?.removeEventListener('abort', onOuter);
        if (opts.signal?.aborted && result.status !== 'ok') result = { ...result, status: 'cancelled', message: 'cancelled by the user' };
      }
      sections[c.id] = result;
      emit({ collectorId: c.id, title: c.title, phase: 'done', message: result.message, status: result.status, durationMs: result.durationMs });
    })();
    done.set(c.id, p);
    return p;
  };
  await Promise.all(collectors.map(launch));
  const ordered: Record<string, SectionResult<unknown>> = {};
  for (const c of collectors) if (sections[c.id]) ordered[c.id] = sections[c.id] as SectionResult<unknown>;
  const snapshot: Snapshot = {
    schemaVersion: SNAPSHOT_SCHEMA_VERSION,
    tool: { name: 'lync-doctor', version: TOOL_VERSION },
    createdAt: now().toISOString(),
    demo: false,
    // Another platform than this process's (a replayed PC): this machine's OS release and arch say nothing about it.
    host: platform === process.platform ? { platform, release: release(), arch: arch() } : { platform, release: 'unknown', arch: 'unknown' },
    // The PAC URL was used as given; the Snapshot keeps it without user-info or secret query values.
    input: opts.input.proxyPac ? { ...opts.input, proxyPac: stripCredentials(opts.input.proxyPac) } : opts.input,
    sections: ordered as Snapshot['sections'],
    answers: opts.answers ?? {},
  };
  return { snapshot, raw };
}

export interface AnalyzeOptions {
  readonly articles: ArticleLookup;
  readonly checks?: readonly Check[];
  /** When to judge (defaults to the Snapshot's creation time, so an imported bundle is judged as of its capture). */
  readonly at?: Date;
}

/** Runs the checks on a Snapshot (live or imported). */
export function analyze(snapshot: Snapshot, opts: AnalyzeOptions): { findings: readonly Finding[]; checkFailures: readonly CheckFailure[] } {
  const now = opts.at ?? new Date(snapshot.createdAt);
  const r = runChecks(snapshot, opts.checks ?? ALL_CHECKS, opts.articles, { now });
  return { findings: r.findings, checkFailures: r.failures };
}

/** Collect then analyse. */
export async function diagnose(opts: CollectOptions & AnalyzeOptions): Promise<DiagnosisResult> {
  const c = await collect(opts);
  const a = analyze(c.snapshot, opts);
  return { ...c, ...a };
}
