/** Human-readable CLI output: collectors with status and time, then findings by severity. */
import { consequencesOf, effectiveSeverity, mostLikelyCause, rootsFirst, type Finding } from '../model/finding';
import type { Snapshot } from '../model/snapshot';
import { isGap, SEVERITIES, type CollectorStatus } from '../model/status';
import type { CheckFailure } from '../checks/run';
import { logsData, sipData } from '../sip/signin-facts';
import { buildTimeline, renderTimeline } from '../sip/timeline';

const MARK: Record<CollectorStatus, string> = { ok: 'ok', partial: 'PARTIAL', 'not-applicable': 'n/a', error: 'ERROR', timeout: 'TIMEOUT', cancelled: 'CANCELLED' };

function pad(s: string, n: number): string {
  // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent, every column is at least its longest value + 1 wide, so s is always shorter than n (and repeat(0) adds nothing)
  return s.length >= n ? s : s + ' '.repeat(n - s.length);
}

/** Narrowest widths of the status, name and duration columns (a longer value widens its whole column). */
const COLUMNS = [8, 14, 9] as const;

/** One line per collector: status, name, duration, message — in columns as wide as their longest value plus a space. */
export function renderCollectors(snapshot: Snapshot): string[] {
  const rows = Object.entries(snapshot.sections).map(([id, r]) => {
    const res = r as { status: CollectorStatus; message: string; durationMs: number };
    return [MARK[res.status], id, `${res.durationMs} ms`, res.message] as [string, string, string, string];
  });
  const widths = COLUMNS.map((min, i) => Math.max(min, ...rows.map((row) => (row[i] as string).length + 1)));
  return rows.map((row) => `  ${COLUMNS.map((_, i) => pad(row[i] as string, widths[i] as number)).join('')}${row[3]}`);
}

function findingLines(f: Finding, indent: string): string[] {
  const lines = [`${indent}[${f.checkId}] ${f.title}`, `${indent}  ${f.message}`];
  for (const e of f.evidence) lines.push(`${indent}  - ${e.label}: ${e.value}`);
  lines.push(`${indent}  fix: ${f.fix}`);
  if (f.steps?.length) {
    lines.push(`${indent}  steps for this case:`);
    f.steps.forEach((s, i) => {
      lines.push(`${indent}    ${i + 1}. ${s.text}`);
      if (s.command) for (const c of s.command.split('\n')) lines.push(`${indent}       ${c}`);
    });
  }
  lines.push(`${indent}  article: ${f.articleId}${f.research.length ? `  (research ${f.research.join(', ')})` : ''}`);
  return lines;
}

/** Findings: the most likely cause first, then roots by severity (a root explaining an error is listed as one) with their consequences folded under them. */
export function renderFindings(findings: readonly Finding[], incomplete = false): string[] {
  const lines: string[] = [];
  const count = (s: string): number => findings.filter((f) => f.severity === s).length;
  const roots = rootsFirst(findings).filter((f) => !f.causedBy);
  const folded = findings.length - roots.length;
  lines.push(`Findings: ${count('error')} error(s), ${count('warning')} warning(s), ${count('info')} info${folded ? ` — ${roots.length} cause(s), ${folded} finding(s) folded under their cause` : ''}`);
  if (findings.length === 0) lines.push(incomplete ? '  No finding, but not everything could be checked (see the collectors above).' : '  No known issue matched the collected facts.');
  const cause = mostLikelyCause(findings);
  if (cause) lines.push(cause.line);
  for (const sev of SEVERITIES) {
    const group = roots.filter((f) => effectiveSeverity(f, findings) === sev);
    if (group.length === 0) continue;
    lines.push('', sev.toUpperCase());
    for (const f of group) {
      lines.push(...findingLines(f, '  '));
      for (const c of consequencesOf(f, findings)) {
        lines.push(`    consequence (${c.severity}), caused by ${f.checkId}:`);
        lines.push(...findingLines(c, '      '));
      }
    }
  }
  return lines;
}

/** The full report a technician reads in a terminal. */
export function renderReport(snapshot: Snapshot, findings: readonly Finding[], failures: readonly CheckFailure[] = []): string {
  const head = snapshot.demo
    ? `Lync Doctor ${snapshot.tool.version} — DEMO: recorded snapshot of a broken PC (not this computer), captured ${snapshot.createdAt}`
    : `Lync Doctor ${snapshot.tool.version} — diagnosis for ${snapshot.input.sipAddress} at ${snapshot.createdAt}`;
  const lines = [head, '', 'Collectors', ...renderCollectors(snapshot), '', ...renderFindings(findings, Object.values(snapshot.sections).some((r) => r !== undefined && isGap(r.status)))];
  if (hasSignInPath(snapshot)) lines.push('', renderTimeline(buildTimeline(snapshot)));
  for (const f of failures) lines.push(`  (check ${f.checkId} could not run: ${f.error})`);
  if (snapshot.demo) lines.push('', 'This was the built-in demo. Diagnose for real with: npm run lyncdoctor -- diagnose --sip-address alice@contoso.com');
  return lines.join('\n');
}

/**
 * True when a SIP probe or a client log gave facts (finished, partly, or stopped at the deadline with what it had
 * read — the same facts the checks read), so the sign-in path can be told.
 */
function hasSignInPath(snapshot: Snapshot): boolean {
  return sipData(snapshot) !== undefined || logsData(snapshot) !== undefined;
}

/**
 * The --json shape: { snapshot, findings, cause } (findings carry causedBy/affected/steps; cause is the most
 * likely one, or null), plus `timeline` (the sign-in path, as `sip probe|log --json` give it) when a SIP probe
 * or a client log was read.
 */
export function renderJson(snapshot: Snapshot, findings: readonly Finding[]): string {
  return JSON.stringify({ snapshot, findings, cause: mostLikelyCause(findings) ?? null, ...(hasSignInPath(snapshot) ? { timeline: buildTimeline(snapshot) } : {}) }, null, 2);
}

/** Exit code: 1 when any finding is an error. */
export function exitCodeFor(findings: readonly Finding[]): number {
  return findings.some((f) => f.severity === 'error') ? 1 : 0;
}
