/** Verification: re-run only the fix's collectors and the checks it resolves, and say whether the findings are gone. */
import { ALL_CHECKS } from '../checks';
import type { ArticleLookup } from '../checks/run';
import { ALL_COLLECTORS, collectorsFor } from '../collect';
import type { Collector } from '../collect/types';
import type { CommandRunner } from '../collect/windows/runner';
import { analyze, collect } from '../diagnose';
import { articleLookup } from '../kb/lookup';
import type { DiagnosisView } from '../model/api';
import type { SectionId } from '../model/snapshot';
import type { AutomatedFix, FixEnv } from './types';

export interface VerifyDeps {
  readonly run: CommandRunner;
  readonly platform: string;
  readonly now: () => Date;
  readonly collectors?: readonly Collector[];
  readonly articles?: ArticleLookup;
}

export interface VerifyResult {
  readonly result: 'resolved' | 'not-resolved' | 'not-checked';
  readonly message: string;
}


/** Re-runs the fix's collectors and the checks it resolves. */
async function viaChecks(fix: AutomatedFix, view: DiagnosisView, data: unknown, deps: VerifyDeps): Promise<VerifyResult> {
  const collectors = collectorsFor(deps.collectors ?? ALL_COLLECTORS, fix.collectors);
  const c = await collect({ input: view.snapshot.input, collectors, run: deps.run, platform: deps.platform, now: deps.now, answers: view.snapshot.answers });
  const unread = fix.collectors.filter((id) => c.snapshot.sections[id]?.status !== 'ok');
  if (unread.length) {
    const why = unread.map((id) => `${id}: ${c.snapshot.sections[id]?.message ?? 'not run'}`).join('; ');
    return { result: 'not-checked', message: `Could not re-read ${unread.join(', ')} (${why}); run the diagnosis again to confirm.` };
  }
  const checks = ALL_CHECKS.filter((ch) => fix.resolves.includes(ch.id));
  const { findings } = analyze(c.snapshot, { articles: deps.articles ?? articleLookup(), checks, at: deps.now() });
  const left = fix.stillFound ? fix.stillFound(findings, data, c.snapshot) : findings;
  const what = `re-ran ${collectors.map((x) => x.id).join(', ')} and ${checks.map((x) => x.id).join(', ')}`;
  if (left.length === 0) return { result: 'resolved', message: `Resolved: ${what}; none of its findings remain.` };
  return { result: 'not-resolved', message: `Not resolved: ${what}; still found: ${left.map((f) => `[${f.checkId}] ${f.message}`).join(' | ')}` };
}

/**
 * Re-runs the related collectors + checks; a fix that can read its own change back (recheck) does that
 * too. A "not resolved" from either wins; a check that could not run leaves the read-back's answer.
 */
export async function verifyFix(fix: AutomatedFix, view: DiagnosisView, data: unknown, deps: VerifyDeps, env: FixEnv): Promise<VerifyResult> {
  const checked = fix.resolves.length ? await viaChecks(fix, view, data, deps) : null;
  let readBack: VerifyResult | null = null;
  if (fix.recheck) {
    try {
      readBack = await fix.recheck(data, env);
    } catch (e) {
      readBack = { result: 'not-checked', message: `the read-back failed: ${(e as Error).message}` };
    }
  }
  if (!checked && !readBack) return { result: 'not-checked', message: 'No check covers this change; confirm by signing in.' };
  if (!checked) return readBack as VerifyResult;
  if (!readBack) return checked;
  const result = checked.result === 'not-resolved' || readBack.result === 'not-resolved' ? 'not-resolved' : checked.result === 'resolved' ? 'resolved' : readBack.result;
  return { result, message: `${readBack.message} ${checked.message}` };
}
