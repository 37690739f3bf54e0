/** Findings: grouped by severity, each with its article's explanation, evidence, ticket text and guided fix. */
import { useEffect, useState } from 'react';
import type { DiagnosisView } from '../../main/model/api';
import type { Finding } from '../../main/model/finding';
import type { CollectorStatus, Severity } from '../../main/model/status';
import { isLive, useApp, type ArticleResult } from '../app';
import { CopyButton, EmptyState, ErrorNote, SeverityBadge, Spinner, StatusBadge } from '../components/common';
import { FixPanel } from '../components/fix-panel';
import { GuidedSteps } from '../components/guided-fix';
import { SourceBanner } from '../components/source-banner';
import { formatMs, plural } from '../lib/format';
import { findingForTicket, viewForTicket } from '../lib/ticket';

const GROUPS: ReadonlyArray<{ readonly severity: Severity; readonly title: string }> = [
  { severity: 'error', title: 'Errors' },
  { severity: 'warning', title: 'Warnings' },
  { severity: 'info', title: 'Information' },
];

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

function FindingCard({ finding, view, onNotice }: { readonly finding: Finding; readonly view: DiagnosisView; readonly onNotice: (message: string) => void }) {
  const { go, fixes } = useApp();
  const { result, error } = useArticle(finding.articleId);
  const [open, setOpen] = useState(false);
  const article = result?.article ?? null;
  const automated = fixes.status === 'ready' ? fixes.fixes.filter((x) => x.automated && (x.offeredFor ?? x.resolves).includes(finding.checkId)) : [];
  const panelId = `fix-${finding.checkId}-${finding.articleId}`;
  return (
    <article className={`finding sev-${finding.severity}`} aria-labelledby={`${panelId}-title`}>
      <header>
        <SeverityBadge severity={finding.severity} />
        <h3 id={`${panelId}-title`}>{finding.title}</h3>
        <code className="check-id">{finding.checkId}</code>
      </header>
      <p className="message">{finding.message}</p>
      {finding.evidence.length ? (
        <div className="evidence">
          <h4>Evidence</h4>
          <dl>
            {finding.evidence.map((e, i) => (
              <div key={i} className="ev"><dt>{e.label}</dt><dd>{e.value}</dd></div>
            ))}
          </dl>
        </div>
      ) : null}
      <div className="explain">
        <h4>Why this matters</h4>
        {article ? <p>{article.cause}</p> : error ? <p className="hint">The article text is not available here: {error instanceof Error ? error.message.replace(/\.$/, '') : String(error)}.</p> : <p className="hint"><Spinner label="loading article" /> Loading the article…</p>}
        <p><strong>Fix in short:</strong> {finding.fix}</p>
      </div>
      <div className="actions">
        <button type="button" aria-expanded={open} aria-controls={panelId} onClick={() => setOpen((o) => !o)}>{open ? 'Hide guided fix' : 'Guided fix'}</button>
        <CopyButton text={findingForTicket(finding, view)} label="Copy for ticket" />
        <button type="button" className="secondary" onClick={() => go('knowledge', finding.articleId)}>Open article</button>
      </div>
      {open ? (
        <div className="guided" id={panelId}>
          <h4>Guided fix</h4>
          {finding.steps?.length ? <GuidedSteps steps={finding.steps.map((c) => ({ step: c.text, ...(c.shell ? { shell: c.shell } : {}), ...(c.command !== undefined ? { command: c.command } : {}) }))} name={finding.title} /> : article ? <GuidedSteps steps={article.fix} name={finding.title} /> : <p>{finding.fix}</p>}
          {automated.map((fx) => <FixPanel key={fx.fixId} fix={fx} view={view} readOnly={readOnlyReason(view)} />)}
          <Recheck finding={finding} onNotice={onNotice} />
        </div>
      ) : null}
    </article>
  );
}

/** True when a collector could not collect everything (partial, error, timeout): never say "no issue" then. */
function incomplete(view: DiagnosisView): boolean {
  return Object.values(view.snapshot.sections).some((r) => {
    const st = (r as { status: CollectorStatus } | undefined)?.status;
    return st === 'partial' || st === 'error' || st === 'timeout';
  });
}

/** Collectors that could not finish: said plainly, because findings may then be incomplete. */
function Coverage({ view }: { readonly view: DiagnosisView }) {
  const troubled = Object.entries(view.snapshot.sections).flatMap(([id, r]) => {
    const res = r as { status: CollectorStatus; message: string; durationMs: number };
    return res.status === 'error' || res.status === 'timeout' || res.status === 'partial' ? [{ id, ...res }] : [];
  });
  if (troubled.length === 0) return null;
  return (
    <div className="note note-warn" role="status">
      <strong>Some facts could not be collected, so findings may be incomplete.</strong>
      <ul>
        {troubled.map((t) => <li key={t.id}><StatusBadge status={t.status} /> <strong>{t.id}</strong> ({formatMs(t.durationMs)}): {t.message}</li>)}
      </ul>
    </div>
  );
}

export function FindingsPage() {
  const { view, go, openDemo } = useApp();
  const [notice, setNotice] = useState<string | null>(null);
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
  return (
    <section aria-labelledby="findings-title">
      <h1 id="findings-title" tabIndex={-1}>Findings</h1>
      <SourceBanner view={view} />
      <div className="summary-bar">
        <p>
          <span className="badge sev-error">{plural(count('error'), 'error')}</span> <span className="badge sev-warning">{plural(count('warning'), 'warning')}</span> <span className="badge sev-info">{count('info')} info</span>
        </p>
        <CopyButton text={viewForTicket(view)} label="Copy all for ticket" />
      </div>
      {notice ? (
        <p className="note note-done notice" role="status">
          {notice} <button type="button" className="link" onClick={() => setNotice(null)}>Dismiss</button>
        </p>
      ) : null}
      <Coverage view={view} />
      {view.findings.length === 0 && incomplete(view) ? (
        <EmptyState title="Not everything could be checked">
          <p>No finding, but some collectors could not collect their facts (listed above), so the checks that need them did not run. Fix what they name and diagnose again.</p>
        </EmptyState>
      ) : null}
      {view.findings.length === 0 && !incomplete(view) ? (
        <EmptyState title="No known issue matched">
          <p>The collected facts match none of the known sign-in problems. If the user still cannot sign in, answer the questionnaire (mobile device, server settings) or search the knowledge base for the exact error text.</p>
          <div className="actions">
            <button type="button" onClick={() => go('questionnaire')}>Answer the questionnaire</button>
            <button type="button" className="secondary" onClick={() => go('knowledge')}>Search the knowledge base</button>
          </div>
        </EmptyState>
      ) : null}
      {GROUPS.map((g) => {
        const group = view.findings.filter((f) => f.severity === g.severity);
        if (group.length === 0) return null;
        return (
          <section key={g.severity} className="group" aria-label={`${g.title} (${group.length})`}>
            <h2>{g.title} ({group.length})</h2>
            {group.map((f, i) => <FindingCard key={`${f.checkId}-${i}-${f.message}`} finding={f} view={view} onNotice={setNotice} />)}
          </section>
        );
      })}
    </section>
  );
}
