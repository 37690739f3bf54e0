/**
 * Diagnose: symptom first (it picks the collectors), the SIP address (remembered), advanced inputs (client
 * logs, SIP server, proxy/PAC, CA file), Run, a live row per collector, Cancel; the demo on first run; the
 * run history (reopen, compare two).
 */
import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { BundleFile, CompareResult, HistoryEntry, Symptom, UploadedFile } from '../../main/model/api';
import { useApp, type CollectorRow, type RunState } from '../app';
import { ErrorNote, Spinner, StatusBadge, Time } from '../components/common';
import { formatDate, formatMs, plural } from '../lib/format';
import { forWindow } from '../lib/wording';
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
      <td className="msg">{forWindow(row.message)}</td>
    </tr>
  );
}

/** True when a collector could not collect everything (partial, error, timeout). */
function gaps(snapshot: { readonly sections: object }): boolean {
  return Object.values(snapshot.sections).some((r) => ['partial', 'error', 'timeout', 'cancelled'].includes((r as { status?: string } | undefined)?.status ?? ''));
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

const SYMPTOM_CHOICES: ReadonlyArray<{ readonly id: Symptom; readonly label: string; readonly hint: string }> = [
  { id: 'sign-in', label: 'Cannot sign in', hint: 'The whole sign-in path: DNS, TLS, autodiscover, the SIP server, certificates, proxy, clock, client logs.' },
  { id: 'push', label: 'No push notifications on the phone', hint: 'Autodiscover, web services and the proxy; then the mobile-device questions (iOS version, language/region, IM URL filter).' },
  { id: 'meetings', label: 'Cannot join meetings', hint: 'Web services, TLS, the proxy and its authentication, client policy.' },
  { id: 'proxy-password', label: 'Proxy asks for a password', hint: 'How this PC reaches the proxy (PAC, WinINET) and which schemes it asks for (407).' },
];

/** The questionnaire part each symptom needs (main/api/symptoms.ts questionnaireForSymptom says the same), with why. */
const NEXT_QUESTIONS: Record<Symptom, { readonly part: 'mobile' | 'server'; readonly text: string } | null> = {
  'sign-in': { part: 'server', text: 'If the user still cannot sign in, answer the server questions of the questionnaire (facts this PC cannot see).' },
  push: { part: 'mobile', text: 'Push problems often rest on facts the PC cannot see: answer the mobile-device questions of the questionnaire.' },
  meetings: null,
  'proxy-password': null,
};

/** Reads the picked files' text in the window; the service checks and stages them. */
async function readPicked(files: FileList | null, maxBytes: number): Promise<UploadedFile[]> {
  const out: UploadedFile[] = [];
  for (const f of Array.from(files ?? [])) {
    if (f.size > maxBytes) throw new Error(`${f.name} is larger than ${Math.round(maxBytes / 1024 / 1024)} MB; pick the newest log (or cut it to the sign-in attempt).`);
    out.push({ fileName: f.name, text: await f.text() });
  }
  return out;
}

function History() {
  const { api, historyId, historyVersion, openHistory, view } = useApp();
  const [list, setList] = useState<{ entries: readonly HistoryEntry[] } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [pick, setPick] = useState<readonly string[]>([]);
  const [compare, setCompare] = useState<{ busy: boolean; result?: CompareResult; names?: readonly [string, string]; error?: unknown }>({ busy: false });
  const resultRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    let alive = true;
    api.historyList().then((l) => alive && setList(l), (e: unknown) => alive && setError(e));
    return () => {
      alive = false;
    };
  }, [api, historyVersion]);
  useEffect(() => {
    if (compare.result) resultRef.current?.focus();
  }, [compare.result]);
  if (error) return <ErrorNote error={error} />;
  if (!list || list.entries.length === 0) return null;
  const toggle = (id: string, on: boolean): void => setPick((p) => (on ? [...p.filter((x) => x !== id), id].slice(-2) : p.filter((x) => x !== id)));
  const runCompare = async (): Promise<void> => {
    const [a, b] = pick;
    if (!a || !b) return;
    setCompare({ busy: true });
    try {
      // Older first; each is exported as a standard bundle and handed to the bundle compare.
      const [first, second] = [a, b].map((id) => list.entries.find((e) => e.id === id)).sort((x, y) => (x?.createdAt ?? '').localeCompare(y?.createdAt ?? ''));
      const views = await Promise.all([first, second].map((e) => api.historyOpen(e?.id ?? '')));
      const files = await Promise.all(views.map((v) => api.bundleExport(v.view, 'standard')));
      const result = await api.bundleCompare(files[0] as BundleFile, files[1] as BundleFile);
      setCompare({ busy: false, result, names: [formatDate(first?.createdAt ?? '', true), formatDate(second?.createdAt ?? '', true)] });
    } catch (e) {
      setCompare({ busy: false, error: e });
    }
  };
  return (
    <section className="card history" aria-labelledby="history-title">
      <h2 id="history-title">Earlier diagnoses</h2>
      <p className="hint">Kept on this PC for your user only (no passwords or tokens). Open one to look at it again, or tick two to compare them.</p>
      <div className="table-wrap">
        <table>
          <thead><tr><th scope="col">Compare</th><th scope="col">Made</th><th scope="col">User</th><th scope="col">Source</th><th scope="col">Findings</th><th scope="col">Most likely cause</th><th scope="col"><span className="offscreen">Open</span></th></tr></thead>
          <tbody>
            {list.entries.map((e) => (
              <tr key={e.id} className={e.id === historyId ? 'current' : undefined}>
                <td><input type="checkbox" aria-label={`Compare the diagnosis of ${formatDate(e.createdAt)}`} checked={pick.includes(e.id)} onChange={(ev) => toggle(e.id, ev.target.checked)} /></td>
                <td className="num"><Time iso={e.createdAt} seconds /></td>
                <td>{e.sipAddress}</td>
                <td>{e.source === 'demo' ? 'Demo' : e.source === 'imported' ? 'Imported bundle' : 'This PC'}</td>
                <td className="num">{plural(e.errors, 'error')}, {plural(e.warnings, 'warning')}</td>
                <td className="cause-cell">{e.cause ? e.cause.replace(/^Most likely cause: /, '') : '—'}</td>
                <td>{e.id === historyId && view ? <span className="hint">On screen</span> : <button type="button" className="secondary" onClick={() => void openHistory(e.id).catch((err: unknown) => setError(err))}>Open</button>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="actions">
        <button type="button" className="secondary" disabled={pick.length !== 2 || compare.busy} onClick={() => void runCompare()}>{compare.busy ? 'Comparing…' : 'Compare the two ticked'}</button>
      </div>
      {compare.error ? <ErrorNote error={compare.error} /> : null}
      {compare.result && compare.names ? (
        <div className="compare-result">
          <h3 ref={resultRef} tabIndex={-1}>{compare.names[0]} → {compare.names[1]}</h3>
          {compare.result.appeared.length + compare.result.disappeared.length + compare.result.changed.length === 0 ? <p>The same findings in both.</p> : null}
          {compare.result.appeared.length ? <><h4>New</h4><ul>{compare.result.appeared.map((f, i) => <li key={i}>{f.title} <code className="check-id">{f.checkId}</code></li>)}</ul></> : null}
          {compare.result.disappeared.length ? <><h4>No longer reported</h4><ul>{compare.result.disappeared.map((f, i) => <li key={i}>{f.title} <code className="check-id">{f.checkId}</code></li>)}</ul></> : null}
          {compare.result.changed.length ? <><h4>Changed</h4><ul>{compare.result.changed.map((c, i) => <li key={i}>{c.after.title} <code className="check-id">{c.after.checkId}</code></li>)}</ul></> : null}
          <p className="hint">{plural(compare.result.facts.length, 'collected fact')} differ; the Bundle page compares two saved bundles fact by fact.</p>
        </div>
      ) : null}
    </section>
  );
}

export function DiagnosePage() {
  const { run, startDiagnosis, cancelDiagnosis, openDemo, demoError, view, go } = useApp();
  const [sip, setSip] = useState(() => recall('sipAddress'));
  const [symptom, setSymptom] = useState<Symptom>(() => (SYMPTOM_CHOICES.find((c) => c.id === recall('symptom'))?.id ?? 'sign-in'));
  const [dnsServer, setDnsServer] = useState(() => recall('dnsServer'));
  const [sipServer, setSipServer] = useState(() => recall('sipServer'));
  const [proxy, setProxy] = useState(() => recall('proxy'));
  const [proxyPac, setProxyPac] = useState(() => recall('proxyPac'));
  const [timeoutMs, setTimeoutMs] = useState(() => recall('timeoutMs') || '3000');
  const [logFiles, setLogFiles] = useState<FileList | null>(null);
  const [caFile, setCaFile] = useState<FileList | null>(null);
  const [firstRun] = useState(() => !recall('sipAddress'));
  const [formError, setFormError] = useState('');
  const advancedRef = useRef<HTMLDetailsElement>(null);
  const resultRef = useRef<HTMLDivElement>(null);
  const busy = run.phase === 'running' || run.phase === 'cancelling';
  const now = useTicker(busy);
  const ended = run.phase === 'done' || run.phase === 'cancelled' || run.phase === 'failed';

  useEffect(() => {
    // Nothing remembered in this window (new profile, or the service came back on another address): start from the last diagnosis of this PC.
    if (!view || view.snapshot.demo || view.importedFrom || sip) return;
    const i = view.snapshot.input;
    setSip(i.sipAddress);
    if (i.dnsServer) setDnsServer(i.dnsServer);
    if (i.sipServer) setSipServer(i.sipServer);
    if (i.proxy) setProxy(i.proxy);
    if (i.proxyPac && /^https?:/i.test(i.proxyPac)) setProxyPac(i.proxyPac);
    setTimeoutMs(String(i.timeoutMs));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only when a diagnosis arrives
  }, [view]);

  useEffect(() => {
    // After Run (or Cancel), keyboard and screen-reader users land on the result, not on the page body.
    if (ended) resultRef.current?.focus();
  }, [ended]);

  const onSubmit = async (e: FormEvent): Promise<void> => {
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
    let logs: UploadedFile[];
    let ca: UploadedFile[];
    try {
      logs = await readPicked(logFiles, 32 * 1024 * 1024);
      ca = await readPicked(caFile, 1024 * 1024);
    } catch (err) {
      setFormError((err as Error).message);
      return;
    }
    setFormError('');
    remember('sipAddress', address);
    remember('symptom', symptom);
    remember('dnsServer', dnsServer.trim());
    remember('sipServer', sipServer.trim());
    remember('proxy', proxy.trim());
    remember('proxyPac', proxyPac.trim());
    remember('timeoutMs', String(timeout));
    startDiagnosis({
      sipAddress: address,
      symptom,
      timeoutMs: timeout,
      ...(dnsServer.trim() ? { dnsServer: dnsServer.trim() } : {}),
      ...(sipServer.trim() ? { sipServer: sipServer.trim() } : {}),
      ...(proxy.trim() ? { proxy: proxy.trim() } : {}),
      ...(proxyPac.trim() ? { proxyPac: proxyPac.trim() } : {}),
      ...(logs.length ? { logs } : {}),
      ...(ca[0] ? { caPem: ca[0] } : {}),
    });
  };

  const onAdvancedKey = (e: KeyboardEvent): void => {
    if (e.key === 'Escape' && advancedRef.current?.open) {
      e.stopPropagation();
      advancedRef.current.open = false;
      advancedRef.current.querySelector('summary')?.focus();
    }
  };
  const next = run.symptom ? NEXT_QUESTIONS[run.symptom] : null;

  return (
    <section aria-labelledby="diagnose-title">
      <h1 id="diagnose-title" tabIndex={-1}>Diagnose</h1>
      <p className="lead">Start from what the user reports. Lync Doctor collects what matters for it on this PC and explains what it finds, most likely cause first.</p>

      {firstRun && !view ? (
        <div className="welcome">
          <h2>New here? Start with the demo</h2>
          <p>The demo runs the same checks on a recorded snapshot of a broken PC, so you can see real findings and guided fixes before diagnosing anyone.</p>
          <button type="button" onClick={() => void openDemo()}>Open the demo</button>
          {demoError ? <ErrorNote error={demoError} /> : null}
        </div>
      ) : null}

      <form className="card run-form" onSubmit={(e) => void onSubmit(e)} noValidate>
        <fieldset className="symptoms" disabled={busy}>
          <legend className="offscreen">What does the user report?</legend>
          {SYMPTOM_CHOICES.map((c) => (
            <label key={c.id} className="symptom">
              <input type="radio" name="symptom" value={c.id} checked={symptom === c.id} onChange={() => setSymptom(c.id)} />
              <span><strong>{c.label}</strong><span className="hint">{c.hint}</span></span>
            </label>
          ))}
        </fieldset>
        <div className="field">
          <label htmlFor="sip">SIP address of the user</label>
          <input id="sip" name="sip" type="text" inputMode="email" autoComplete="off" spellCheck={false} placeholder="e.g. alice@contoso.com"
            value={sip} onChange={(e) => setSip(e.target.value)} aria-describedby={formError ? 'form-error' : undefined} disabled={busy} />
        </div>
        <details className="advanced" ref={advancedRef} onKeyDown={onAdvancedKey}>
          <summary>Advanced: client logs, SIP server, proxy, CA file</summary>
          <div className="grid">
            <div className="field">
              <label htmlFor="log-files">Client logs (Lync-UccApi-*.UccApilog)</label>
              <input id="log-files" type="file" multiple accept=".uccapilog,.log,.txt" onChange={(e) => setLogFiles(e.target.files)} disabled={busy} aria-describedby="log-files-hint" />
              <span className="hint" id="log-files-hint">From %LOCALAPPDATA%\Microsoft\Office\16.0\Lync\Tracing of the user&apos;s PC, after reproducing the sign-in. On Windows the PC&apos;s own logs are found without this.</span>
            </div>
            <div className="field">
              <label htmlFor="sip-server">SIP server (optional, host or host:port)</label>
              <input id="sip-server" type="text" spellCheck={false} placeholder="e.g. sip.contoso.com:443" value={sipServer} onChange={(e) => setSipServer(e.target.value)} disabled={busy} />
            </div>
            <div className="field">
              <label htmlFor="proxy">Proxy (optional, http://host:port, no password)</label>
              <input id="proxy" type="text" spellCheck={false} placeholder="the PC's own settings" value={proxy} onChange={(e) => setProxy(e.target.value)} disabled={busy} />
            </div>
            <div className="field">
              <label htmlFor="proxy-pac">Proxy PAC URL (optional)</label>
              <input id="proxy-pac" type="text" spellCheck={false} placeholder="e.g. http://wpad.contoso.com/wpad.dat" value={proxyPac} onChange={(e) => setProxyPac(e.target.value)} disabled={busy} />
            </div>
            <div className="field">
              <label htmlFor="ca-file">Extra trusted CA certificate (optional, PEM)</label>
              <input id="ca-file" type="file" accept=".pem,.crt,.cer" onChange={(e) => setCaFile(e.target.files)} disabled={busy} />
            </div>
            <div className="field">
              <label htmlFor="dns-server">DNS server (optional, host or host:port)</label>
              <input id="dns-server" type="text" spellCheck={false} placeholder="the PC's own resolver" value={dnsServer} onChange={(e) => setDnsServer(e.target.value)} disabled={busy} />
            </div>
            <div className="field">
              <label htmlFor="timeout">Time limit per collector (ms)</label>
              <input id="timeout" type="number" min={100} max={120000} step={100} value={timeoutMs} onChange={(e) => setTimeoutMs(e.target.value)} disabled={busy} />
            </div>
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
          <div ref={resultRef} tabIndex={-1} className="run-result">
            <RunSummary run={run} />
            {run.phase === 'done' && next ? (
              <p className="note">{next.text} <button type="button" className="secondary" onClick={() => go('questionnaire', next.part)}>Answer the {next.part === 'mobile' ? 'mobile-device' : 'server'} questions</button></p>
            ) : null}
          </div>
        </div>
      ) : null}

      <History />
    </section>
  );
}
