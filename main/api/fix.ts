/**
 * fixList / fixPreview / fixApply / fixUndo of the API contract (main/model/api.ts), on top of the fix
 * engine. fixApply without confirmed === true is refused before anything runs.
 */
import type { DiagnosisView, FixInfo, FixOutcome, FixPreview, LyncDoctorApi } from '../model/api';
import { applyFix, listFixes, previewFix, undoFix, type FixPreviewDetail } from '../fix/engine';
import { ALL_FIXES, findFix } from '../fix';
import { fixDeps, type FixServiceOptions } from '../fix/service';
import type { Fix } from '../fix/types';
import { ApiError } from './dispatch';
import { liveRunOf, trustedView } from './provenance';

export type FixVerbs = Pick<LyncDoctorApi, 'fixList' | 'fixPreview' | 'fixApply' | 'fixUndo'>;

/** What the preview carries beyond the FixPreview contract (the UI may show it; JSON carries it). */
export interface FixPreviewExtras {
  readonly title: string;
  readonly kind: 'automated' | 'guided';
  readonly needsAdmin: boolean;
  readonly mode: 'live' | 'recorded';
  readonly modeReason: string;
  readonly backup: string;
  readonly undo: string;
  readonly notes: readonly string[];
  readonly checks: readonly string[];
  readonly articleId: string;
}

function need(fixId: string): Fix {
  const fix = findFix(fixId);
  if (!fix) throw new ApiError('not-found', `There is no fix "${fixId}". Known: ${ALL_FIXES.map((f) => f.id).join(', ')}.`);
  return fix;
}

function info(fix: Fix): FixInfo {
  return { fixId: fix.id, title: fix.title, resolves: fix.resolves, offeredFor: fix.relevantTo ?? fix.resolves, automated: fix.kind === 'automated', needsAdmin: fix.kind === 'guided' ? true : fix.needsAdmin };
}

/** The contract's FixPreview: backup and undo are also folded into `changes` for a UI that shows only those. */
export function toFixPreview(p: FixPreviewDetail): FixPreview & FixPreviewExtras {
  return {
    fixId: p.fixId,
    summary: p.summary,
    changes: p.applicable ? [...p.changes, ...(p.backup ? [`Backup: ${p.backup}`] : []), ...(p.undo ? [`Undo: ${p.undo}`] : [])] : [],
    commands: p.commands.map((c) => c.display),
    applicable: p.applicable,
    ...(p.reason ? { reason: p.reason } : {}),
    title: p.title,
    kind: p.kind,
    needsAdmin: p.needsAdmin,
    mode: p.mode,
    modeReason: p.modeReason,
    backup: p.backup,
    undo: p.undo,
    notes: p.notes,
    checks: p.checks,
    articleId: p.articleId,
  };
}

/** The four verbs with injectable dependencies (data folder, runner, platform, clock, the live-run record). */
export function createFixVerbs(opts: FixServiceOptions & { readonly liveRunOf?: typeof liveRunOf } = {}): FixVerbs {
  const deps = () => fixDeps(opts);
  // Live or recorded is decided here from what this process collected, never from the caller's view.
  const trusted = (view: DiagnosisView): DiagnosisView => trustedView(view, opts.liveRunOf ?? liveRunOf).view;
  return {
    async fixList(view) {
      const { items } = await listFixes(ALL_FIXES, trusted(view), deps());
      return items.map((i) => info(i.fix));
    },
    async fixPreview(fixId, view) {
      return toFixPreview(await previewFix(need(fixId), trusted(view), deps()));
    },
    async fixApply(fixId, view, confirmed): Promise<FixOutcome> {
      const fix = need(fixId);
      if (confirmed !== true) throw new ApiError('refused', `Nothing was changed: applying ${fixId} needs the user's confirmation after the preview.`);
      const r = await applyFix(fix, trusted(view), deps(), true);
      switch (r.kind) {
        case 'done':
          return { fixId, journalId: r.entry.journalId, ok: r.ok, message: r.message, verified: r.verified?.result ?? 'not-checked' };
        case 'handoff':
          return { fixId, journalId: '', ok: false, message: `${r.message}\n${r.handoff.commands.join('\n')}\nTo undo later: ${r.handoff.undoCommands.join(' ; ')}` };
        case 'refused':
        case 'not-confirmed':
          if (fix.kind === 'guided') throw new ApiError('refused', r.message);
          return { fixId, journalId: '', ok: false, message: r.message };
      }
    },
    async fixUndo(journalId): Promise<FixOutcome> {
      const r = await undoFix(ALL_FIXES, journalId, deps(), true);
      if (r.kind === 'refused' && !r.entry) throw new ApiError('not-found', r.message);
      const fixId = r.kind === 'refused' ? (r.entry?.fixId ?? '') : r.entry.fixId;
      return { fixId, journalId, ok: r.kind === 'done' && r.ok, message: r.message };
    },
  };
}

let shared: FixVerbs | undefined;
const verbs = (): FixVerbs => (shared ??= createFixVerbs());

/** Default-wired verbs (this PC, default data folder) for main/api/index.ts. */
export const fixList: LyncDoctorApi['fixList'] = (view) => verbs().fixList(view);
export const fixPreview: LyncDoctorApi['fixPreview'] = (fixId, view) => verbs().fixPreview(fixId, view);
export const fixApply: LyncDoctorApi['fixApply'] = (fixId, view, confirmed) => verbs().fixApply(fixId, view, confirmed);
export const fixUndo: LyncDoctorApi['fixUndo'] = (journalId) => verbs().fixUndo(journalId);
