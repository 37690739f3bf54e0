/** The check contract: a pure function of the Snapshot (and `now`), with a stable id and an article. */
import type { Evidence } from '../model/finding';
import type { SectionId, Snapshot } from '../model/snapshot';
import type { Severity } from '../model/status';

export interface CheckEnv {
  /** The time to judge against (a live run's clock or an imported bundle's creation time). */
  readonly now: Date;
}

/** What a check reports; the runner adds title, article, research and fix. */
export interface FindingDraft {
  /** Overrides the check's default severity when the same check can warn or fail. */
  readonly severity?: Severity;
  readonly message: string;
  readonly evidence: readonly Evidence[];
  /** Endpoints the one finding covers, when a check reports one cause seen at several places. */
  readonly affected?: readonly string[];
  /**
   * The article that explains this one finding when it is more specific than the check's (an ms-diagnostics or
   * HRESULT entry's own article); the check's article stands when it is absent or names no existing article.
   */
  readonly articleId?: string;
}

export interface Check {
  /** Stable, never reused: LD-AREA-NNN. */
  readonly id: string;
  readonly title: string;
  readonly severity: Severity;
  /** Knowledge article that explains it (knowledge/articles/<id>.md). */
  readonly articleId: string;
  /** Research ids (../shared/research/known-issues.json) the finding rests on. */
  readonly research: readonly string[];
  /** Sections it reads, so a re-check knows which collectors to re-run. */
  readonly sections: ReadonlyArray<SectionId | 'answers'>;
  /** One-line description of what it verifies (conformance test requires it). */
  readonly description: string;
  evaluate(snapshot: Snapshot, env: CheckEnv): readonly FindingDraft[];
}

/** Evidence helper: label/value pair. */
export function ev(label: string, value: string | number | boolean): Evidence {
  return { label, value: String(value) };
}
