/** Automated fix for a finding: Preview (what will change), Apply after confirmation, Undo. */
import { useState } from 'react';
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

function Outcome({ outcome, label }: { readonly outcome: FixOutcome; readonly label: string }) {
  const text = outcome.message.toLowerCase().startsWith(label.toLowerCase()) ? outcome.message : `${label}: ${outcome.message}`;
  return (
    <p className={outcome.ok ? 'note note-done' : 'note note-warn'} role="status">
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

  return (
    <div className="fix-panel">
      <h4>Automated fix: {fix.title}</h4>
      {fix.needsAdmin ? <p className="hint">Needs administrator rights on this PC.</p> : null}
      {readOnly ? <p className="hint">{readOnly}</p> : null}
      <div className="actions">
        <button type="button" className="secondary" disabled={state.step === 'busy'}
          onClick={() => void act('Preparing the preview', async () => ({ step: 'previewed', preview: await api.fixPreview(fix.fixId, view) }))}>Preview</button>
        {state.step === 'previewed' && state.preview.applicable && !readOnly ? (
          <button type="button" disabled={!confirmed}
            onClick={() => void act('Applying', async () => ({ step: 'applied', outcome: await api.fixApply(fix.fixId, view, true) }))}>Apply</button>
        ) : null}
        {state.step === 'applied' && state.outcome.ok ? (
          <button type="button" className="secondary"
            onClick={() => void act('Undoing', async () => ({ step: 'undone', applied: state.outcome, outcome: await api.fixUndo(state.outcome.journalId) }))}>Undo</button>
        ) : null}
      </div>
      {state.step === 'busy' ? <p><Spinner label={state.what} /> {state.what}…</p> : null}
      {state.step === 'previewed' ? (
        <div className="preview">
          {state.preview.mode === 'recorded' ? <p className="note note-warn"><strong>Recorded, not run:</strong> {state.preview.modeReason ?? 'the commands are recorded; nothing changes on this PC.'}</p> : null}
          <p>{state.preview.summary}</p>
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
      {state.step === 'applied' || state.step === 'undone' ? <Outcome outcome={state.step === 'undone' ? state.applied : state.outcome} label="Applied" /> : null}
      {state.step === 'undone' ? <Outcome outcome={state.outcome} label="Undo" /> : null}
      {error ? <ErrorNote error={error} /> : null}
    </div>
  );
}
