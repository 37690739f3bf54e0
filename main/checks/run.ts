/** Runs checks over a Snapshot and turns drafts into Findings with their article's title and fix. */
import type { ArticleRef } from '../model/article';
import type { Finding } from '../model/finding';
import { caseSteps } from './case-steps';
import { correlate } from './correlate';
import type { Snapshot } from '../model/snapshot';
import type { Check, CheckEnv } from './types';

export interface CheckFailure {
  readonly checkId: string;
  readonly error: string;
}

export interface CheckRun {
  readonly findings: readonly Finding[];
  /** Checks that threw: reported, never fatal to the others. */
  readonly failures: readonly CheckFailure[];
}

export type ArticleLookup = (id: string) => ArticleRef | undefined;

/** Evaluates every check (one broken check never hides the others' findings), then correlates: roots first, consequences folded. */
export function runChecks(snapshot: Snapshot, checks: readonly Check[], articles: ArticleLookup, env: CheckEnv): CheckRun {
  const findings: Finding[] = [];
  const failures: CheckFailure[] = [];
  for (const check of checks) {
    let drafts;
    try {
      drafts = check.evaluate(snapshot, env);
    } catch (e) {
      failures.push({ checkId: check.id, error: (e as Error).message });
      continue;
    }
    const checkArticle = articles(check.articleId);
    for (const d of drafts) {
      // a finding's own article when it exists (one lookup), else the check's
      const own = d.articleId === undefined ? undefined : articles(d.articleId);
      const articleId = own === undefined ? check.articleId : (d.articleId as string);
      const article = own ?? checkArticle;
      const finding: Finding = {
        checkId: check.id,
        severity: d.severity ?? check.severity,
        title: check.title,
        message: d.message,
        evidence: d.evidence,
        articleId,
        research: [...check.research],
        fix: article?.fixSummary ?? `See knowledge article ${articleId}.`,
        sections: [...check.sections],
        ...(d.affected?.length ? { affected: [...d.affected] } : {}),
      };
      findings.push(finding);
    }
  }
  // Steps are filled after merging, so a finding seen at several endpoints gets one command line per endpoint.
  const withSteps = correlate(findings).map((f) => {
    const fix = articles(f.articleId)?.fix;
    return fix?.length ? { ...f, steps: caseSteps(f.articleId, fix, f, snapshot) } : f;
  });
  return { findings: withSteps, failures };
}
