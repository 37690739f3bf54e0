/** Diagnose: the SIP address (remembered), Run, a live row per collector, Cancel; the demo on first run. */
import { useEffect, useState, type FormEvent } from 'react';
import { useApp, type CollectorRow, type RunState } from '../app';
import { ErrorNote, Spinner, StatusBadge } from '../components/common';
import { formatMs, plural } from '../lib/format';
import { recall, remember } from '../lib/storage';

function useTicker(active: boolean): number {
  const [now, setNow] = useState(() => performance.now());
  useEffect(() => {
    if (!active) return;
    const t = window.setInterval(() => setNow(performance.now()), 100);
    return () => window.clearInterval(t);
  }, [active]);
  return now;
}

function Row({ row, now }: { readonly row: CollectorRow; readonly now: number }) {
  const running = row.status === 'running';
  const elapsed = row.durationMs ?? Math.max(0, now - row.startedAt);
  return (
    <tr className={`row-${row.status}`}>
      <th scope="row">{row.title}</th>
      <td>
        {running ? <Spinner label={`${row.title} running`} /> : null}
        <StatusBadge status={row.status} />
      </td>
      <td className="num">{formatMs(elapsed)}</td>
      <td className="msg">{row.message}</td>
    </tr>
  );
}

/** True when a collector could not collect everything (partial, error, timeout). */
function gaps(snapshot: { readonly sections: object }): boolean {
  return Object.values(snapshot.sections).some((r) => ['partial', 'error', 'timeout'].includes((r as { status?: string } | undefined)?.status ?? ''));
}

function RunSummary({ run }: { readonly run: RunState }) {
  const { go } = useApp();
  if (run.phase === 'done' && run.result) {
    const f = run.result.findings;
    const count = (s: string): number => f.filter((x) => x.severity === s).length;
    const took = run.finishedAt !== undefined && run.startedAt !== undefined ? ` in ${formatMs(run.finishedAt - run.startedAt)}` : '';
    return (
      <div className="note note-done" role="status">
        <p>
          <strong>Diagnosis finished{took}:</strong>{' '}
          {f.length === 0 && gaps(run.result.snapshot) ? 'no finding, but not everything could be checked (see the collectors).' : f.length === 0 ? 'no known issue matched the collected facts.' : `${plural(count('error'), 'error')}, ${plural(count('warning'), 'warning')}, ${count('info')} info.`}
        </p>
        <button type="button" onClick={() => go('findings')}>See the findings</button>
      </div>
    );
  }
  if (run.phase === 'cancelled') {
    return <div className="note" role="status">Cancelled. The collectors were stopped; nothing was changed on this PC.</div>;
  }
  if (run.phase === 'failed') return <ErrorNote error={run.error} />;
  return null;
}

export function DiagnosePage() {
  const { run, startDiagnosis, cancelDiagnosis, openDemo, demoError, view } = useApp();
  const [sip, setSip] = useState(() => recall('sipAddress'));
  const [dnsServer, setDnsServer] = useState(() => recall('dnsServer'));
  const [timeoutMs, setTimeoutMs] = useState(() => recall('timeoutMs') || '3000');
  const [firstRun] = useState(() => !recall('sipAddress'));
  const [formError, setFormError] = useState('');
  const busy = run.phase === 'running' || run.phase === 'cancelling';
  const now = useTicker(busy);

  const onSubmit = (e: FormEvent): void => {
    e.preventDefault();
    const address = sip.trim();
    if (!/^(sip:)?[^@\s]+@[^@\s]+\.[^@\s]+$/i.test(address)) {
      setFormError('Enter the SIP address of the user, like alice@contoso.com.');
      return;
    }
    const timeout = Number(timeoutMs);
    if (!Number.isInteger(timeout) || timeout < 100 || timeout > 120000) {
      setFormError('The timeout must be a whole number of milliseconds between 100 and 120000.');
      return;
    }
    setFormError('');
    remember('sipAddress', address);
    remember('dnsServer', dnsServer.trim());
    remember('timeoutMs', String(timeout));
    startDiagnosis({ sipAddress: address, timeoutMs: timeout, ...(dnsServer.trim() ? { dnsServer: dnsServer.trim() } : {}) });
  };

  return (
    <section aria-labelledby="diagnose-title">
      <h1 id="diagnose-title" tabIndex={-1}>Diagnose sign-in</h1>
      <p className="lead">Lync Doctor checks DNS discovery, certificates and client policy on this PC for one user and explains what it finds.</p>

      {firstRun && !view ? (
        <div className="welcome">
          <h2>New here? Start with the demo</h2>
          <p>The demo runs the same checks on a recorded snapshot of a broken PC, so you can see real findings and guided fixes before diagnosing anyone.</p>
          <button type="button" onClick={() => void openDemo()}>Open the demo</button>
          {demoError ? <ErrorNote error={demoError} /> : null}
        </div>
      ) : null}

      <form className="card run-form" onSubmit={onSubmit} noValidate>
        <div className="field">
          <label htmlFor="sip">SIP address of the user</label>
          <input id="sip" name="sip" type="text" inputMode="email" autoComplete="off" spellCheck={false} placeholder="alice@contoso.com"
            value={sip} onChange={(e) => setSip(e.target.value)} aria-describedby={formError ? 'form-error' : undefined} disabled={busy} />
        </div>
        <details className="advanced">
          <summary>Advanced</summary>
          <div className="field">
            <label htmlFor="dns-server">DNS server (optional, host or host:port)</label>
            <input id="dns-server" type="text" spellCheck={false} placeholder="the PC's own resolver" value={dnsServer} onChange={(e) => setDnsServer(e.target.value)} disabled={busy} />
          </div>
          <div className="field">
            <label htmlFor="timeout">Time limit per collector (ms)</label>
            <input id="timeout" type="number" min={100} max={120000} step={100} value={timeoutMs} onChange={(e) => setTimeoutMs(e.target.value)} disabled={busy} />
          </div>
        </details>
        {formError ? <p id="form-error" className="field-error" role="alert">{formError}</p> : null}
        <div className="actions">
          <button type="submit" disabled={busy}>{busy ? 'Running…' : 'Run diagnosis'}</button>
          {busy ? <button type="button" className="danger" onClick={cancelDiagnosis} disabled={run.phase === 'cancelling'}>{run.phase === 'cancelling' ? 'Cancelling…' : 'Cancel'}</button> : null}
          {!firstRun || view ? <button type="button" className="secondary" onClick={() => void openDemo()} disabled={busy}>Open the demo</button> : null}
        </div>
        {!firstRun && demoError ? <ErrorNote error={demoError} /> : null}
      </form>

      {run.phase !== 'idle' ? (
        <div className="card">
          <h2>Collectors</h2>
          {run.rows.length === 0 && busy ? <p><Spinner label="starting" /> Starting…</p> : null}
          {run.rows.length > 0 ? (
            <div className="table-wrap">
              <table className="collectors">
                <thead><tr><th scope="col">Collector</th><th scope="col">Status</th><th scope="col">Time</th><th scope="col">Details</th></tr></thead>
                <tbody>{run.rows.map((r) => <Row key={r.id} row={r} now={now} />)}</tbody>
              </table>
            </div>
          ) : null}
          <RunSummary run={run} />
        </div>
      ) : null}
    </section>
  );
}
