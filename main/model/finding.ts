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
  /** Root-cause correlation: the checkId of the root finding this one is a consequence of (absent on roots). */
  readonly causedBy?: string;
  /** Endpoints (host:port or URL) where the same finding was seen, when per-endpoint repeats were merged. */
  readonly affected?: readonly string[];
  /** The article's fix steps filled with this case's values (record names, hosts, user, pool, thumbprints). */
  readonly steps?: readonly CaseStep[];
}

/** One fix step for this case: the article's template with the finding's values put in. */
export interface CaseStep {
  readonly text: string;
  readonly shell?: 'powershell' | 'cmd' | 'registry' | 'none';
  readonly command?: string;
  /** Placeholders the evidence could not fill (the step still shows the article's example there). */
  readonly unfilled?: readonly string[];
}

/** The one line that answers "what is wrong": the root with the highest severity and the most folded under it. */
export interface CauseSummary {
  readonly checkId: string;
  readonly title: string;
  /** How many other findings it explains. */
  readonly consequences: number;
  readonly line: string;
}

const ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Sort findings error → warning → info, then by check id, stable. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort((a, b) => ORDER[a.severity] - ORDER[b.severity] || a.checkId.localeCompare(b.checkId));
}

/** Findings whose causedBy names this root. */
export function consequencesOf(root: Finding, findings: readonly Finding[]): Finding[] {
  return root.causedBy ? [] : findings.filter((f) => f.causedBy === root.checkId);
}

/** A root's weight: its worst severity including what it explains (roots that explain an error rank as errors). */
function effectiveOrder(root: Finding, findings: readonly Finding[]): number {
  return Math.min(ORDER[root.severity], ...consequencesOf(root, findings).map((c) => ORDER[c.severity]));
}

/** The severity a root is listed under: its own, or the worst of the findings it explains. */
export function effectiveSeverity(root: Finding, findings: readonly Finding[]): Severity {
  const o = effectiveOrder(root, findings);
  return o === 0 ? 'error' : o === 1 ? 'warning' : 'info';
}

/** Roots first (worst effective severity, then most consequences), then the consequences; stable otherwise. */
export function rootsFirst(findings: readonly Finding[]): Finding[] {
  const sorted = sortFindings(findings);
  const roots = sorted.filter((f) => !f.causedBy);
  const weight = new Map(roots.map((r) => [r, [effectiveOrder(r, sorted), consequencesOf(r, sorted).length] as const]));
  roots.sort((a, b) => {
    const [sa, ca] = weight.get(a) ?? [2, 0];
    const [sb, cb] = weight.get(b) ?? [2, 0];
    return sa - sb || cb - ca;
  });
  return [...roots, ...sorted.filter((f) => f.causedBy)];
}

/** The most likely cause, or undefined when nothing worse than info was found. */
export function mostLikelyCause(findings: readonly Finding[]): CauseSummary | undefined {
  const top = rootsFirst(findings)[0];
  if (!top || effectiveOrder(top, findings) === ORDER.info) return undefined;
  const n = consequencesOf(top, findings).length;
  const where = top.affected && top.affected.length > 1 ? ` at ${top.affected.length} endpoints` : '';
  const explains = n ? `; it explains ${n} other finding${n === 1 ? '' : 's'}` : '';
  return { checkId: top.checkId, title: top.title, consequences: n, line: `Most likely cause: ${top.title} (${top.checkId})${where}${explains}.` };
}
