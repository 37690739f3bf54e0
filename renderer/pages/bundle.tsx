/** Bundle: export (redaction level, preview of the contents first), import read-only, compare two bundles. */
import { useState } from 'react';
import type { BundleEntryInfo, BundleFile, CompareResult, RedactionLevel } from '../../main/model/api';
import type { Finding } from '../../main/model/finding';
import { useApp } from '../app';
import { ErrorNote, SeverityBadge, Spinner } from '../components/common';
import { SourceBanner } from '../components/source-banner';
import { formatBytes } from '../lib/format';

const MAX_BUNDLE_BYTES = 24 * 1024 * 1024;

/** Reads a chosen file as base64 (bounded in size). */
function readBundle(file: File): Promise<BundleFile> {
  if (file.size > MAX_BUNDLE_BYTES) return Promise.reject(new Error(`${file.name} is ${formatBytes(file.size)}; a Lync Doctor bundle is at most ${formatBytes(MAX_BUNDLE_BYTES)}.`));
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onerror = () => reject(new Error(`${file.name} could not be read.`));
    r.onload = () => {
      const url = String(r.result);
      resolve({ fileName: file.name.replace(/^.*[\\/]/, ''), base64: url.slice(url.indexOf(',') + 1) });
    };
    r.readAsDataURL(file);
  });
}

/** Offers the bundle for saving (the browser's or Electron's save dialog). */
function saveBundle(file: BundleFile): void {
  const bin = atob(file.base64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  const url = URL.createObjectURL(new Blob([bytes], { type: 'application/zip' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = file.fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

const REDACTION: ReadonlyArray<{ readonly level: RedactionLevel; readonly label: string; readonly help: string }> = [
  { level: 'standard', label: 'Standard', help: 'Removes secrets (passwords, tokens, private keys). Names, addresses and server names stay readable for the server team.' },
  { level: 'pseudonymise', label: 'Pseudonymise', help: 'Also replaces user names, domains, host names and IP addresses with consistent placeholders, for sharing outside the company.' },
];

function ExportCard() {
  const { api, view, go } = useApp();
  const [level, setLevel] = useState<RedactionLevel>('standard');
  const [entries, setEntries] = useState<{ level: RedactionLevel; list: readonly BundleEntryInfo[] } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState<string | null>(null);
  if (!view) {
    return (
      <div className="card">
        <h2>Export</h2>
        <p>Nothing to export yet: run a diagnosis or open the demo first.</p>
        <button type="button" onClick={() => go('diagnose')}>Go to Diagnose</button>
      </div>
    );
  }
  const run = async (what: string, f: () => Promise<void>): Promise<void> => {
    setBusy(what);
    setError(null);
    try {
      await f();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };
  const previewed = entries && entries.level === level ? entries.list : null;
  return (
    <div className="card">
      <h2>Export</h2>
      <SourceBanner view={view} />
      <fieldset className="radios">
        <legend>Redaction</legend>
        {REDACTION.map((r) => (
          <label key={r.level} className="radio">
            <input type="radio" name="redaction" value={r.level} checked={level === r.level} onChange={() => { setLevel(r.level); setSaved(null); }} />
            <span><strong>{r.label}</strong> — {r.help}</span>
          </label>
        ))}
      </fieldset>
      <div className="actions">
        <button type="button" className="secondary" disabled={busy !== null} onClick={() => void run('Preparing the list', async () => setEntries({ level, list: await api.bundlePreview(view, level) }))}>Show what will be included</button>
        <button type="button" disabled={busy !== null || !previewed} title={previewed ? undefined : 'Look at the contents first'}
          onClick={() => void run('Building the bundle', async () => {
            const file = await api.bundleExport(view, level);
            saveBundle(file);
            setSaved(`${file.fileName} (${formatBytes(Math.floor((file.base64.length * 3) / 4))})${file.mapPath ? ` — the pseudonym map (keep it on this PC, never send it) is ${file.mapPath}` : ''}`);
          })}>Save bundle…</button>
      </div>
      {busy ? <p><Spinner label={busy} /> {busy}…</p> : null}
      {previewed ? (
        <div className="table-wrap">
          <table className="entries" aria-label="Bundle contents">
            <thead><tr><th scope="col">File in the bundle</th><th scope="col">Size</th></tr></thead>
            <tbody>{previewed.map((e) => <tr key={e.name}><td><code>{e.name}</code></td><td className="num">{formatBytes(e.bytes)}</td></tr>)}</tbody>
          </table>
        </div>
      ) : <p className="hint">You see the list of files before anything is saved.</p>}
      {saved ? <p className="note note-done" role="status">Saved {saved}. Check your downloads folder.</p> : null}
      {error ? <ErrorNote error={error} /> : null}
    </div>
  );
}

function ImportCard() {
  const { api, setView, go } = useApp();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const onFile = async (file: File | undefined): Promise<void> => {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      const view = await api.bundleImport(await readBundle(file));
      setView({ ...view, importedFrom: view.importedFrom ?? file.name });
      go('findings');
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="card">
      <h2>Import</h2>
      <p>Open a bundle saved on another PC. It opens read-only in Findings, judged as of the time it was captured.</p>
      <label htmlFor="import-file" className="file-label">Bundle file (.zip)</label>
      <input id="import-file" type="file" accept=".zip,application/zip" disabled={busy} onChange={(e) => void onFile(e.target.files?.[0])} />
      {busy ? <p><Spinner label="importing" /> Importing…</p> : null}
      {error ? <ErrorNote error={error} /> : null}
    </div>
  );
}

function FindingList({ title, list }: { readonly title: string; readonly list: readonly Finding[] }) {
  if (list.length === 0) return null;
  return (
    <>
      <h3>{title} ({list.length})</h3>
      <ul className="plain">{list.map((f, i) => <li key={i}><SeverityBadge severity={f.severity} /> {f.title} <code>{f.checkId}</code></li>)}</ul>
    </>
  );
}

function CompareCard() {
  const { api } = useApp();
  const [before, setBefore] = useState<File | undefined>();
  const [after, setAfter] = useState<File | undefined>();
  const [result, setResult] = useState<CompareResult | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const compare = async (): Promise<void> => {
    if (!before || !after) return;
    setBusy(true);
    setError(null);
    try {
      setResult(await api.bundleCompare(await readBundle(before), await readBundle(after)));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const nothing = result && !result.appeared.length && !result.disappeared.length && !result.changed.length && !result.facts.length;
  return (
    <div className="card">
      <h2>Compare</h2>
      <p>What changed between two bundles, e.g. before and after a fix, or a working PC and a broken one.</p>
      <div className="grid">
        <div className="field"><label htmlFor="cmp-before">Before</label><input id="cmp-before" type="file" accept=".zip,application/zip" onChange={(e) => setBefore(e.target.files?.[0])} /></div>
        <div className="field"><label htmlFor="cmp-after">After</label><input id="cmp-after" type="file" accept=".zip,application/zip" onChange={(e) => setAfter(e.target.files?.[0])} /></div>
      </div>
      <button type="button" disabled={!before || !after || busy} onClick={() => void compare()}>Compare</button>
      {busy ? <p><Spinner label="comparing" /> Comparing…</p> : null}
      {error ? <ErrorNote error={error} /> : null}
      {nothing ? <p className="note" role="status">No differences in findings or facts.{result.unchanged ? ` ${result.unchanged} facts compared.` : ''}</p> : null}
      {result && !nothing ? <CompareView result={result} /> : null}
      {result?.matchedBy === 'pseudonym' ? <p className="hint">One bundle is pseudonymised: names, addresses, users and thumbprints were compared by kind, so the same finding is matched whatever its pseudonym (a renamed host is not seen).</p> : null}
    </div>
  );
}

/** Facts of one area in a table: what (in words), before, after. */
function FactTable({ area, facts }: { readonly area: string; readonly facts: CompareResult['facts'] }) {
  return (
    <table className="cmp17b-facts" aria-label={`${area}: facts that differ`}>
      <colgroup><col className="cmp17b-what" /><col className="cmp17b-val" /><col className="cmp17b-val" /></colgroup>
      <thead><tr><th scope="col">What</th><th scope="col">Before</th><th scope="col">After</th></tr></thead>
      <tbody>
        {facts.map((f, i) => {
          const what = f.label.includes(' · ') ? f.label.slice(f.label.indexOf(' · ') + 3) : f.label;
          return <tr key={i}><th scope="row" title={f.key}>{what}</th><td>{f.before}</td><td>{f.after}</td></tr>;
        })}
      </tbody>
    </table>
  );
}

/** Areas with more differing facts than this start folded. */
const OPEN_ROWS = 8;

/** The comparison: findings first (new, no longer reported, changed), then the differing facts by area; the same facts only counted. */
function CompareView({ result }: { readonly result: CompareResult }) {
  const areas = new Map<string, { title: string; facts: Array<CompareResult['facts'][number]> }>();
  for (const f of result.facts) {
    const a = areas.get(f.area) ?? { title: f.label.split(' · ')[0] ?? f.area, facts: [] };
    a.facts.push(f);
    areas.set(f.area, a);
  }
  const unchanged = result.unchanged ?? 0;
  return (
    <div role="status" className="cmp17b">
      <p className="cmp17b-summary">
        Findings: <strong>{result.appeared.length}</strong> new, <strong>{result.disappeared.length}</strong> no longer reported, <strong>{result.changed.length}</strong> changed.
        {' '}Facts: <strong>{result.facts.length}</strong> differ{unchanged ? <>, {unchanged} unchanged (not shown)</> : null}.
      </p>
      <FindingList title="New findings" list={result.appeared} />
      <FindingList title="No longer reported" list={result.disappeared} />
      {result.changed.length ? (
        <>
          <h3>Changed ({result.changed.length})</h3>
          <ul className="plain cmp17b-changed">{result.changed.map((c, i) => <li key={i}><code>{c.after.checkId}</code> <span className="cmp17b-before">{c.before.message}</span> → <span>{c.after.message}</span></li>)}</ul>
        </>
      ) : null}
      {[...areas.entries()].map(([id, a]) => (
        <details key={id} className="cmp17b-area" open={a.facts.length <= OPEN_ROWS}>
          <summary><strong>{a.title}</strong>: {a.facts.length} {a.facts.length === 1 ? 'fact differs' : 'facts differ'}</summary>
          <FactTable area={a.title} facts={a.facts} />
        </details>
      ))}
    </div>
  );
}

export function BundlePage() {
  return (
    <section aria-labelledby="bundle-title">
      <h1 id="bundle-title" tabIndex={-1}>Bundle</h1>
      <p className="lead">A bundle is a zip of the diagnosis (facts, findings and raw outputs, redacted) to attach to a ticket or open on another PC.</p>
      <ExportCard />
      <ImportCard />
      <CompareCard />
    </section>
  );
}

