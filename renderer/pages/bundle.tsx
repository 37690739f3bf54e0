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
      {nothing ? <p className="note" role="status">No differences in findings or facts.</p> : null}
      {result ? (
        <div role="status">
          <FindingList title="New findings" list={result.appeared} />
          <FindingList title="Gone" list={result.disappeared} />
          {result.changed.length ? (
            <>
              <h3>Changed ({result.changed.length})</h3>
              <ul className="plain">{result.changed.map((c, i) => <li key={i}><code>{c.after.checkId}</code> {c.before.message} → {c.after.message}</li>)}</ul>
            </>
          ) : null}
          {result.facts.length ? (
            <div className="table-wrap">
              <table aria-label="Changed facts">
                <thead><tr><th scope="col">Area</th><th scope="col">Fact</th><th scope="col">Before</th><th scope="col">After</th></tr></thead>
                <tbody>{result.facts.map((f, i) => <tr key={i}><td>{f.area}</td><td>{f.key}</td><td>{f.before}</td><td>{f.after}</td></tr>)}</tbody>
              </table>
            </div>
          ) : null}
        </div>
      ) : null}
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

