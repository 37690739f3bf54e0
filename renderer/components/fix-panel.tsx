/** Automated fix for a finding: Preview (what will change), Apply after confirmation, Undo. */
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { DiagnosisView, FixInfo, FixOutcome, FixPreview } from '../../main/model/api';
import { useApp } from '../app';
import { ErrorNote, Spinner } from './common';

/** The fix service sends more than the FixPreview contract; these extras are shown when present. */
type Preview = FixPreview & { readonly mode?: 'live' | 'recorded'; readonly modeReason?: string; readonly notes?: readonly string[] };

type State =
  | { readonly step: 'idle' }
  | { readonly step: 'busy'; readonly what: string }
  | { readonly step: 'previewed'; readonly preview: Preview }
  | { readonly step: 'applied'; readonly outcome: FixOutcome }
  | { readonly step: 'undone'; readonly applied: FixOutcome; readonly outcome: FixOutcome };

/** A recorded (not run) outcome is never shown as a green "Applied": nothing changed on the PC. */
function Outcome({ outcome, label, recorded }: { readonly outcome: FixOutcome; readonly label: string; readonly recorded: boolean }) {
  const shownLabel = recorded ? `${label === 'Applied' ? 'Recorded, not run' : `${label} recorded, not run`}` : label;
  const text = outcome.message.toLowerCase().startsWith(shownLabel.toLowerCase()) || (recorded && /recorded, not run/i.test(outcome.message.slice(0, 40))) ? outcome.message : `${shownLabel}: ${outcome.message}`;
  return (
    <p className={recorded ? 'note' : outcome.ok ? 'note note-done' : 'note note-warn'} role="status" tabIndex={-1}>
      {text}
      {outcome.verified ? ` (re-check: ${outcome.verified.replace('-', ' ')})` : ''}
    </p>
  );
}

export function FixPanel({ fix, view, readOnly }: { readonly fix: FixInfo; readonly view: DiagnosisView; readonly readOnly: string | null }) {
  const { api } = useApp();
  const [state, setState] = useState<State>({ step: 'idle' });
  const [confirmed, setConfirmed] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [recorded, setRecorded] = useState(false);
  const panelRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    // After Preview / Apply / Undo the result gets the focus (not the page body).
    if (state.step === 'previewed') panelRef.current?.querySelector<HTMLElement>('.preview h5, .preview p')?.focus();
    if (state.step === 'applied' || state.step === 'undone') panelRef.current?.querySelector<HTMLElement>('[role="status"]:last-of-type')?.focus();
  }, [state.step]);

  const onKey = (e: KeyboardEvent): void => {
    // Escape closes the preview (back to the Preview button).
    if (e.key === 'Escape' && state.step === 'previewed') {
      e.stopPropagation();
      setState({ step: 'idle' });
      setConfirmed(false);
      panelRef.current?.querySelector<HTMLButtonElement>('button')?.focus();
    }
  };

  const act = async (what: string, f: () => Promise<State>): Promise<void> => {
    setError(null);
    setState({ step: 'busy', what });
    try {
      setState(await f());
    } catch (e) {
      setError(e);
      setState({ step: 'idle' });
    }
  };

  const canApply = state.step === 'previewed' && state.preview.applicable && !readOnly;
  return (
    <div className="fix-panel" ref={panelRef} onKeyDown={onKey}>
      <h4>Automated fix: {fix.title}</h4>
      {fix.needsAdmin ? <p className="hint">Needs administrator rights on this PC.</p> : null}
      {readOnly ? <p className="hint">{readOnly}</p> : null}
      <div className="actions">
        <button type="button" className="secondary" disabled={state.step === 'busy'}
          onClick={() => void act('Preparing the preview', async () => {
            const preview: Preview = await api.fixPreview(fix.fixId, view);
            setRecorded(preview.mode === 'recorded');
            setConfirmed(false);
            return { step: 'previewed', preview };
          })}>Preview</button>
      </div>
      {state.step === 'busy' ? <p><Spinner label={state.what} /> {state.what}…</p> : null}
      {state.step === 'previewed' ? (
        <div className="preview">
          {state.preview.mode === 'recorded' ? <p className="note note-warn" tabIndex={-1}><strong>Recorded, not run:</strong> {state.preview.modeReason ?? 'the commands are recorded; nothing changes on this PC.'}</p> : null}
          <p tabIndex={-1}>{state.preview.summary}</p>
          {state.preview.changes.length ? <><h5>What will change</h5><ul>{state.preview.changes.map((c, i) => <li key={i}>{c}</li>)}</ul></> : null}
          {state.preview.commands.length ? <><h5>Commands</h5><pre><code>{state.preview.commands.join('\n')}</code></pre></> : null}
          {state.preview.notes?.length ? <><h5>Good to know</h5><ul>{state.preview.notes.map((n, i) => <li key={i}>{n}</li>)}</ul></> : null}
          {state.preview.applicable ? (
            readOnly ? null : (
              <label className="confirm"><input type="checkbox" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} /> I have read what will change (the backup and the undo are described above).</label>
            )
          ) : <p className="hint">Not applicable here: {state.preview.reason ?? 'nothing to change'}.</p>}
        </div>
      ) : null}
      {canApply || (state.step === 'applied' && state.outcome.ok) ? (
        <div className="actions">
          {canApply ? (
            <button type="button" disabled={!confirmed}
              onClick={() => void act(recorded ? 'Recording' : 'Applying', async () => ({ step: 'applied', outcome: await api.fixApply(fix.fixId, view, true) }))}>{recorded ? 'Apply (recorded, not run)' : 'Apply'}</button>
          ) : null}
          {state.step === 'applied' && state.outcome.ok ? (
            <button type="button" className="secondary"
              onClick={() => void act('Undoing', async () => ({ step: 'undone', applied: state.outcome, outcome: await api.fixUndo(state.outcome.journalId) }))}>Undo</button>
          ) : null}
        </div>
      ) : null}
      {state.step === 'applied' || state.step === 'undone' ? <Outcome outcome={state.step === 'undone' ? state.applied : state.outcome} label="Applied" recorded={recorded} /> : null}
      {state.step === 'undone' ? <Outcome outcome={state.outcome} label="Undo" recorded={recorded} /> : null}
      {error ? <ErrorNote error={error} /> : null}
    </div>
  );
}
