/** The sign-in path: the service's timeline (main/sip/timeline.ts, the CLI's model) as ordered steps, the first broken one highlighted. */
import { useId, useState, type KeyboardEvent } from 'react';
import type { SignInTimeline, TimelineStatus, TimelineStep, TimelineStepId } from '../../main/model/sip';
import { formatDate } from '../lib/format';
import { forWindow } from '../lib/wording';

const STATUS_TEXT: Record<TimelineStatus, string> = { ok: 'passed', warning: 'passed with a warning', failed: 'failed', 'not-observed': 'not observed', skipped: 'skipped' };
/** Short labels for the row of steps (the full title is in the step's details and its tooltip). */
const SHORT: Record<TimelineStep['id'], string> = {
  discovery: 'DNS discovery',
  connect: 'TCP to SIP server',
  tls: 'TLS to SIP server',
  // A soft hyphen: nine steps fit one row at 1366 px, where the word alone is wider than its box.
  autodiscover: 'Auto\u00ADdiscover',
  register: 'REGISTER',
  challenge: '401 challenge',
  certificate: 'Certificate / web ticket',
  'register-auth': 'REGISTER with credentials',
  result: 'Signed in',
};

const STATUS_MARK: Record<TimelineStatus, string> = { ok: '✓', warning: '!', failed: '✕', 'not-observed': '–', skipped: '↷' };

function StepDetail({ step, onClose, onArticle }: { readonly step: TimelineStep; readonly onClose: () => void; readonly onArticle: (id: string) => void }) {
  return (
    <div className="path-detail" role="region" aria-label={`${step.title}: details`}>
      <h3 tabIndex={-1} id={`path-${step.id}-title`}>{step.title}: {STATUS_TEXT[step.status]}</h3>
      <p>{forWindow(step.detail)}</p>
      {step.at ? <p className="hint">Seen in the log at <time dateTime={step.at} title={step.at}>{formatDate(step.at)}</time></p> : null}
      {step.evidence.length ? (
        <div className="evidence">
          <dl>{step.evidence.map((e, i) => <div key={i} className="ev"><dt>{e.label}</dt><dd>{e.value}</dd></div>)}</dl>
        </div>
      ) : null}
      {step.diagnostics.length ? <ul>{step.diagnostics.map((d, i) => <li key={i}><code>{d.raw}</code></li>)}</ul> : null}
      <div className="actions">
        {step.articleId ? <button type="button" className="secondary" onClick={() => onArticle(step.articleId as string)}>Open article</button> : null}
        <button type="button" className="secondary" onClick={onClose}>Close</button>
      </div>
    </div>
  );
}

export function SignInPath({ timeline, onArticle }: { readonly timeline: SignInTimeline; readonly onArticle: (id: string) => void }) {
  // Keyed by step id: a new diagnosis with other steps never opens the wrong one.
  const [open, setOpen] = useState<TimelineStepId | null>(null);
  const id = useId();
  // Discovery is DNS; the sign-in itself starts at the connection to the SIP server.
  const observed = timeline.steps.some((s) => s.id !== 'discovery' && s.status !== 'not-observed' && s.status !== 'skipped');
  const broken = timeline.failedStepId ?? (timeline.failedStep !== null ? timeline.steps[timeline.failedStep]?.id : undefined) ?? null;
  const toggle = (sid: TimelineStepId): void => setOpen((o) => (o === sid ? null : sid));
  const close = (): void => {
    const sid = open;
    setOpen(null);
    if (sid !== null) document.getElementById(`${id}-step-${sid}`)?.focus();
  };
  const shown = open === null ? undefined : timeline.steps.find((s) => s.id === open);
  // Escape anywhere in the path (a step button or the open details) closes the details.
  const onKey = (e: KeyboardEvent): void => {
    if (e.key === 'Escape' && open !== null) {
      e.stopPropagation();
      close();
    }
  };
  return (
    <section className="sign-in-path card" aria-labelledby={`${id}-title`} onKeyDown={onKey}>
      <h2 id={`${id}-title`}>Sign-in path</h2>
      <p className="path-summary">{forWindow(timeline.summary)}</p>
      <ol className="path">
        {timeline.steps.map((s) => (
          <li key={s.id} className={`path-step ps-${s.status}${broken === s.id ? ' broken' : ''}`} data-step={s.id}>
            <button type="button" id={`${id}-step-${s.id}`} aria-expanded={open === s.id} onClick={() => toggle(s.id)}>
              <span className="path-title" title={s.title}><span className="mark" aria-hidden="true">{STATUS_MARK[s.status]}</span> {SHORT[s.id] ?? s.title}</span>
              <span className="path-status">{broken === s.id ? 'first broken step' : STATUS_TEXT[s.status]}</span>
            </button>
          </li>
        ))}
      </ol>
      {!observed ? <p className="hint">Nothing of the sign-in itself was observed: add the client's sign-in log or a SIP server under Diagnose → Advanced and run again.</p> : null}
      {shown ? <StepDetail step={shown} onClose={close} onArticle={onArticle} /> : null}
    </section>
  );
}
