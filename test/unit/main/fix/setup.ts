/** Shared setup for fix tests: a temp data folder, engine deps around a fake PC, a view collected from it. */
import { recordLiveRun } from '../../../../main/api/provenance';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import { certificatesCollector } from '../../../../main/collect/certificates';
import { policyCollector } from '../../../../main/collect/policy';
import type { Collector } from '../../../../main/collect/types';
import { recordingRunner, type CommandRunner } from '../../../../main/collect/windows/runner';
import { analyze, collect } from '../../../../main/diagnose';
import type { FixDeps } from '../../../../main/fix/engine';
import { Journal } from '../../../../main/fix/journal';
import { articleLookup, articlesById } from '../../../../main/kb/lookup';
import type { DiagnosisView } from '../../../../main/model/api';
import type { QuestionnaireAnswers } from '../../../../main/model/answers';
import { NOW } from '../../../helpers/snapshot';

export { NOW };

export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'ld-fix-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A maker of temp folders for one test file, all removed after its tests (call it at the file's top level). */
export function tempDirsCleanedAfter(): () => string {
  const cleanups: Array<() => void> = [];
  after(() => cleanups.forEach((c) => c()));
  return () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    return t.dir;
  };
}

/** Every file under `dir` (relative paths), to prove nothing was written or no temp file was left. */
export function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string, rel: string): void => {
    let names: string[];
    try {
      names = readdirSync(d, { withFileTypes: true }).map((e) => (e.isDirectory() ? `${e.name}/` : e.name));
    } catch {
      return;
    }
    for (const n of names) {
      if (n.endsWith('/')) walk(join(d, n), `${rel}${n}`);
      else out.push(`${rel}${n}`);
    }
  };
  walk(dir, '');
  return out.sort();
}

export const COLLECTORS: readonly Collector[] = [certificatesCollector, policyCollector];

export function makeDeps(dataDir: string, live: CommandRunner, extra: Partial<FixDeps> = {}): FixDeps & { recorded: ReturnType<typeof recordingRunner>[] } {
  const recorded: ReturnType<typeof recordingRunner>[] = [];
  return {
    journal: new Journal(dataDir),
    platform: 'win32',
    liveRunner: live,
    recordedRunner: () => {
      const r = recordingRunner();
      recorded.push(r);
      return r;
    },
    machine: 'test-machine',
    now: () => NOW,
    collectors: COLLECTORS,
    articles: articleLookup(),
    guides: (id) => articlesById().get(id),
    timeoutMs: 5000,
    ...extra,
    recorded,
  };
}

/** Diagnoses the fake PC (certificates + policy) the way the CLI would, judged at NOW. */
export async function viewOf(run: CommandRunner, sip = 'alice@contoso.com', answers: QuestionnaireAnswers = {}): Promise<DiagnosisView> {
  const domain = sip.split('@')[1] as string;
  const c = await collect({ input: { sipAddress: sip, sipDomain: domain, dnsServer: null, timeoutMs: 5000 }, run, platform: 'win32', collectors: COLLECTORS, now: () => NOW, answers });
  recordLiveRun(c.snapshot); // collected by this process on the (fake) PC: the fix verbs may treat it as live
  return { snapshot: c.snapshot, findings: analyze(c.snapshot, { articles: articleLookup() }).findings };
}
