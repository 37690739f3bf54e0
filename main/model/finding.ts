/** Findings: what a check found, with the evidence that triggered it. */
import type { Severity } from './status';

/** One piece of evidence: an exact value the technician can verify. */
export interface Evidence {
  readonly label: string;
  readonly value: string;
}

export interface Finding {
  readonly checkId: string;
  readonly severity: Severity;
  readonly title: string;
  /** What was found and what was expected, with values. */
  readonly message: string;
  readonly evidence: readonly Evidence[];
  readonly articleId: string;
  /** Ids of ../shared/research/known-issues.json entries the finding rests on. */
  readonly research: readonly string[];
  /** One-line fix, from the article. */
  readonly fix: string;
  /** Collector ids whose data the check read (for targeted re-checks). */
  readonly sections: readonly string[];
}

const ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Sort findings error → warning → info, then by check id, stable. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort((a, b) => ORDER[a.severity] - ORDER[b.severity] || a.checkId.localeCompare(b.checkId));
}
