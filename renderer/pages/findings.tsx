/**
 * Findings, roots first in two columns: the causes (most likely on top, consequences folded under their
 * root, repeats merged with their endpoints) | the selected finding (evidence, guided steps for this case,
 * fix); then the sign-in path. The selection and the guided fixes are kept with the diagnosis.
 */
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { FixStep } from '../../main/model/article';
import type { DiagnosisView } from '../../main/model/api';
import type { Finding } from '../../main/model/finding';
import type { CollectorStatus, Severity } from '../../main/model/status';
import { findingKey, isLive, useApp, type ArticleResult } from '../app';
import { CopyButton, describeError, EmptyState, ErrorNote, SeverityBadge, Spinner, StatusBadge } from '../components/common';
import { FixPanel } from '../components/fix-panel';
import { GuidedSteps } from '../components/guided-fix';
import { SignInPath } from '../components/sign-in-path';
import { SourceBanner } from '../components/source-banner';
import { forWindow, withoutSourceNotes } from '../lib/wording';
import { formatMs, plural } from '../lib/format';
import { findingForTicket, viewForTicket } from '../lib/ticket';

function useArticle(id: string): { readonly result?: ArticleResult; readonly error?: unknown } {
  const { getArticle } = useApp();
  const [state, setState] = useState<{ result?: ArticleResult; error?: unknown }>({});
  useEffect(() => {
    let alive = true;
    setState({});
    getArticle(id).then((result) => alive && setState({ result }), (error: unknown) => alive && setState({ error }));
    return () => {
      alive = false;
    };
  }, [getArticle, id]);
  return state;
}

/** Fixes are never applied to this PC from another PC's facts; the demo's fixes run recorded (the fix service says so). */
function readOnlyReason(view: DiagnosisView): string | null {
  if (view.importedFrom) return 'This diagnosis was imported from another PC and is read-only: run the fix on that PC.';
  return null;
}

function recheckHint(f: Finding, view: DiagnosisView | null): string {
  const collectors = f.sections.filter((s) => view && s in view.snapshot.sections);
  return collectors.length ? `Collects ${collectors.join(', ')} again, then runs all checks.` : 'Runs the checks again on the current facts and answers.';
}

function Recheck({ finding, onNotice }: { readonly finding: Finding; readonly onNotice: (message: string) => void }) {
  const { recheck, view } = useApp();
  const [state, setState] = useState<{ busy: boolean; message?: string; error?: unknown }>({ busy: false });
  const live = view ? isLive(view) : false;
  const run = async (): Promise<void> => {
    setState({ busy: true });
    try {
      const message = await recheck(finding);
      onNotice(message);
      setState({ busy: false, message });
    } catch (e) {
      setState({ busy: false, error: e });
    }
  };
  return (
    <div className="recheck">
      <button type="button" className="secondary" disabled={!live || state.busy} onClick={() => void run()}>
        {state.busy ? 'Re-checking…' : 'Re-check'}
      </button>
      <span className="hint">{live ? recheckHint(finding, view) : 'Re-check needs a live diagnosis of this PC.'}</span>
      {state.busy ? <Spinner label="re-checking" /> : null}
      {state.message ? <p className="note" role="status">{state.message}</p> : null}
      {state.error ? <ErrorNote error={state.error} /> : null}
    </div>
  );
}

function FindingDetail({ finding, fkey, view, onNotice, onSelect }: { readonly finding: Finding; readonly fkey: string; readonly view: DiagnosisView; readonly onNotice: (message: string) => void; readonly onSelect: (f: Finding) => void }) {
  const { go, fixes, ui, setGuided } = useApp();
  const { result, error } = useArticle(finding.articleId);
  const kept = ui.guided[fkey];
  const open = kept?.open ?? false;
  const article = result?.article ?? null;
  const automated = fixes.status === 'ready' ? fixes.fixes.filter((x) => x.automated && (x.offeredFor ?? x.resolves).includes(finding.checkId)) : [];
  const panelId = `fix-${fkey.replace(/[^A-Za-z0-9-]/g, '-')}`;
  const toggleRef = useRef<HTMLButtonElement>(null);
  const steps: readonly FixStep[] | null = finding.steps?.length
    ? finding.steps.map((c) => ({ step: c.text, ...(c.shell ? { shell: c.shell } : {}), ...(c.command !== undefined ? { command: c.command } : {}) }))
    : article ? article.fix : null;
  const setOpen = (o: boolean): void => setGuided(fkey, { open: o, done: kept?.done ?? [] });
  const consequences = view.findings.filter((f) => f.causedBy === finding.checkId && !finding.causedBy);
  const root = finding.causedBy ? view.findings.find((f) => f.checkId === finding.causedBy && !f.causedBy) : undefined;
  const onKey = (e: KeyboardEvent): void => {
    if (e.key === 'Escape' && open) {
      e.stopPropagation();
      setOpen(false);
      toggleRef.current?.focus();
    }
  };
  return (
    <article className={`finding sev-${finding.severity}`} aria-labelledby={`${panelId}-title`}>
      <header>
        <SeverityBadge severity={finding.severity} />
        <h2 id={`${panelId}-title`} tabIndex={-1}>{finding.title}</h2>
        <code className="check-id">{finding.checkId}</code>
      </header>
      {listedSeverity(finding, consequences) !== finding.severity ? <p className="hint">Listed as {listedSeverity(finding, consequences) === 'error' ? 'an error' : 'a warning'} because it explains one.</p> : null}
      {root ? <p className="note">A consequence of <button type="button" className="link" onClick={() => onSelect(root)}>{root.title} ({root.checkId})</button>: fix that first.</p> : null}
      <p className="message">{forWindow(finding.message)}</p>
      {finding.affected && finding.affected.length > 1 ? (
        <div className="affected">
          <h3 className="h4">Seen at {finding.affected.length} endpoints</h3>
          <ul className="endpoints">{finding.affected.map((a) => <li key={a}><code>{a}</code></li>)}</ul>
        </div>
      ) : null}
      {finding.evidence.length ? (
        <div className="evidence">
          <h3 className="h4">Evidence</h3>
          <dl>
            {finding.evidence.map((e, i) => (
              <div key={i} className="ev"><dt>{e.label}</dt><dd>{e.value}</dd></div>
            ))}
          </dl>
        </div>
      ) : null}
      {consequences.length ? (
        <div className="consequences">
          <h3 className="h4">Explains {plural(consequences.length, 'other finding')}</h3>
          <ul>{consequences.map((c, i) => <li key={i}><button type="button" className="link" onClick={() => onSelect(c)}>{c.title}</button> <code className="check-id">{c.checkId}</code></li>)}</ul>
        </div>
      ) : null}
      <div className="explain">
        <h3 className="h4">Why this matters</h3>
        {article ? <p>{withoutSourceNotes(article.cause)}</p> : error ? <p className="hint">The article text is not available here: {error instanceof Error ? error.message.replace(/\.$/, '') : String(error)}.</p> : <p className="hint"><Spinner label="loading article" /> Loading the article…</p>}
        <p><strong>Fix in short:</strong> {withoutSourceNotes(finding.fix)}</p>
      </div>
      <div className="actions">
        <button type="button" ref={toggleRef} aria-expanded={open} aria-controls={panelId} onClick={() => setOpen(!open)}>{open ? 'Hide guided fix' : 'Guided fix'}</button>
        <CopyButton text={findingForTicket(finding, view)} label="Copy for ticket" />
        <button type="button" className="secondary" onClick={() => go('knowledge', finding.articleId)}>Open article</button>
      </div>
      {open ? (
        <div className="guided" id={panelId} onKeyDown={onKey}>
          <h3 className="h4">Guided fix{finding.steps?.length ? ' for this case' : ''}</h3>
          {steps ? <GuidedSteps steps={steps} name={finding.title} done={kept?.done ?? []} onDone={(done) => setGuided(fkey, { open: true, done: [...done] })} /> : <p>{finding.fix}</p>}
          {automated.map((fx) => <FixPanel key={fx.fixId} fix={fx} view={view} readOnly={readOnlyReason(view)} />)}
          <Recheck finding={finding} onNotice={onNotice} />
        </div>
      ) : null}
    </article>
  );
}

const SEV_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** The worst severity of a root and what it explains (a root explaining an error is listed as one). */
function listedSeverity(root: Finding, consequences: readonly Finding[]): Severity {
  return [root, ...consequences].map((f) => f.severity).sort((a, b) => SEV_ORDER[a] - SEV_ORDER[b])[0] ?? root.severity;
}

function CauseItem({ finding, fkey, current, onSelect, severity, sub }: { readonly finding: Finding; readonly fkey: string; readonly current: boolean; readonly onSelect: (key: string) => void; readonly severity: Severity; readonly sub?: string }) {
  return (
    <button type="button" className={`cause-item sev-${severity}${current ? ' current' : ''}`} aria-current={current ? 'true' : undefined} onClick={() => onSelect(fkey)} data-check={finding.checkId}>
      <span className="ci-head"><SeverityBadge severity={severity} /> <code className="check-id">{finding.checkId}</code></span>
      <span className="ci-title">{finding.title}</span>
      {sub ? <span className="ci-sub">{sub}</span> : null}
    </button>
  );
}

/** True when a collector could not collect everything (partial, error, timeout): never say "no issue" then. */
function incomplete(view: DiagnosisView): boolean {
  return Object.values(view.snapshot.sections).some((r) => {
    const st = (r as { status: CollectorStatus } | undefined)?.status;
    return st === 'partial' || st === 'error' || st === 'timeout' || st === 'cancelled';
  });
}

/** Collectors that could not finish: said plainly, because findings may then be incomplete. */
function Coverage({ view }: { readonly view: DiagnosisView }) {
  const troubled = Object.entries(view.snapshot.sections).flatMap(([id, r]) => {
    const res = r as { status: CollectorStatus; message: string; durationMs: number };
    return res.status === 'error' || res.status === 'timeout' || res.status === 'partial' || res.status === 'cancelled' ? [{ id, ...res }] : [];
  });
  if (troubled.length === 0) return null;
  return (
    <div className="note note-warn" role="status">
      <strong>Some facts could not be collected, so findings may be incomplete.</strong>
      <ul>
        {troubled.map((t) => <li key={t.id}><StatusBadge status={t.status} /> <strong>{t.id}</strong> ({formatMs(t.durationMs)}): {forWindow(t.message)}</li>)}
      </ul>
    </div>
  );
}

export function FindingsPage() {
  const { view, go, openDemo, ui, selectFinding, restoring, saveError } = useApp();
  const [notice, setNotice] = useState<string | null>(null);
  if (!view && restoring) {
    return (
      <section aria-labelledby="findings-title">
        <h1 id="findings-title" tabIndex={-1}>Findings</h1>
        <p><Spinner label="restoring" /> Bringing back the last diagnosis…</p>
      </section>
    );
  }
  if (!view) {
    return (
      <section aria-labelledby="findings-title">
        <h1 id="findings-title" tabIndex={-1}>Findings</h1>
        <EmptyState title="No diagnosis yet">
          <p>Run a diagnosis on the Diagnose page, import a bundle from another PC, or look at the demo.</p>
          <div className="actions">
            <button type="button" onClick={() => go('diagnose')}>Go to Diagnose</button>
            <button type="button" className="secondary" onClick={() => void openDemo()}>Open the demo</button>
            <button type="button" className="secondary" onClick={() => go('bundle')}>Import a bundle</button>
          </div>
        </EmptyState>
      </section>
    );
  }
  const count = (s: Severity): number => view.findings.filter((f) => f.severity === s).length;
  const all = view.findings;
  const keyOf = new Map(all.map((f) => [f, findingKey(f, all)] as const));
  const isRoot = (f: Finding): boolean => !f.causedBy || !all.some((r) => r.checkId === f.causedBy && !r.causedBy);
  const roots = all.filter(isRoot);
  const consequencesOf = (r: Finding): Finding[] => (r.causedBy ? [] : all.filter((f) => f.causedBy === r.checkId && !isRoot(f)));
  const selected = all.find((f) => keyOf.get(f) === ui.selected) ?? roots[0];
  const selectedRoot = selected && !isRoot(selected) ? roots.find((r) => r.checkId === selected.causedBy) : selected;
  const select = (f: Finding): void => {
    const k = keyOf.get(f);
    if (k) selectFinding(k);
    window.setTimeout(() => document.querySelector<HTMLElement>('.finding-detail h2')?.focus(), 0);
  };
  return (
    <section aria-labelledby="findings-title" className="findings-page">
      <h1 id="findings-title" tabIndex={-1}>Findings</h1>
      <SourceBanner view={view} />
      {view.cause ? <p className="cause-line"><strong>{view.cause.line}</strong></p> : null}
      <div className="summary-bar">
        <p>
          <span className="badge sev-error">{plural(count('error'), 'error')}</span> <span className="badge sev-warning">{plural(count('warning'), 'warning')}</span> <span className="badge sev-info">{count('info')} info</span>
          {roots.length !== all.length ? <span className="hint"> · {plural(roots.length, 'cause')} (the others are their consequences)</span> : null}
        </p>
        <CopyButton text={viewForTicket(view)} label="Copy all for ticket" />
      </div>
      {notice ? (
        <p className="note note-done notice" role="status">
          {notice} <button type="button" className="link" onClick={() => setNotice(null)}>Dismiss</button>
        </p>
      ) : null}
      <Coverage view={view} />
      {saveError ? <p className="note note-warn" role="status">This diagnosis could not be kept on this PC ({describeError(saveError).detail.replace(/\.$/, '')}); it stays on screen until the window closes, but a reload will not bring it back.</p> : null}
      {view.timeline ? <SignInPath timeline={view.timeline} onArticle={(id) => go('knowledge', id)} /> : null}
      {all.length === 0 && incomplete(view) ? (
        <EmptyState title="Not everything could be checked">
          <p>No finding, but some collectors could not collect their facts (listed above), so the checks that need them did not run. Fix what they name and diagnose again.</p>
        </EmptyState>
      ) : null}
      {all.length === 0 && !incomplete(view) ? (
        <EmptyState title="No known issue matched">
          <p>The collected facts match none of the known sign-in problems. If the user still cannot sign in, answer the questionnaire (mobile device, server settings) or search the knowledge base for the exact error text.</p>
          <div className="actions">
            <button type="button" onClick={() => go('questionnaire')}>Answer the questionnaire</button>
            <button type="button" className="secondary" onClick={() => go('knowledge')}>Search the knowledge base</button>
          </div>
        </EmptyState>
      ) : null}
      {all.length ? (
        <div className="two-col">
          <nav className="cause-list" aria-label="Causes, most likely first">
            <h2>Causes, most likely first</h2>
            <ol className="causes">
              {roots.map((r) => {
                const cons = consequencesOf(r);
                const k = keyOf.get(r) ?? '';
                const where = r.affected && r.affected.length > 1 ? `at ${r.affected.length} endpoints` : '';
                const explains = cons.length ? `explains ${plural(cons.length, 'other finding')}` : '';
                return (
                  <li key={k}>
                    <CauseItem finding={r} fkey={k} current={selected === r} onSelect={selectFinding} severity={listedSeverity(r, cons)} sub={[where, explains].filter(Boolean).join('; ')} />
                    {cons.length ? (
                      <details className="folded" open={selectedRoot === r && selected !== r ? true : undefined}>
                        <summary>{plural(cons.length, 'consequence')}</summary>
                        <ul>
                          {cons.map((c) => {
                            const ck = keyOf.get(c) ?? '';
                            return <li key={ck}><CauseItem finding={c} fkey={ck} current={selected === c} onSelect={selectFinding} severity={c.severity} /></li>;
                          })}
                        </ul>
                      </details>
                    ) : null}
                  </li>
                );
              })}
            </ol>
          </nav>
          <div className="finding-detail">
            {selected ? <FindingDetail key={keyOf.get(selected)} fkey={keyOf.get(selected) ?? ''} finding={selected} view={view} onNotice={setNotice} onSelect={select} /> : null}
          </div>
        </div>
      ) : null}
    </section>
  );
}
