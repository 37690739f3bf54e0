/** The window: navigation, the diagnosis being looked at, and the shared services pages use. */
import { Component, createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { Article } from '../main/model/article';
import type { DiagnoseRequest, DiagnosisView, FixInfo, GuidedState, HistoryEntry, KbHresult, LyncDoctorApi, MsDiagnosticsEntry, RunEvent, Symptom, UiState } from '../main/model/api';
import type { Finding } from '../main/model/finding';
import type { Snapshot } from '../main/model/snapshot';
import type { CollectorStatus } from '../main/model/status';
import { UiApiError } from './api';
import { ErrorNote } from './components/common';
import { startRun } from './run';
import { BundlePage } from './pages/bundle';
import { DiagnosePage } from './pages/diagnose';
import { FindingsPage } from './pages/findings';
import { KnowledgePage } from './pages/knowledge';
import { QuestionnairePage } from './pages/questionnaire';

export type Page = 'diagnose' | 'findings' | 'questionnaire' | 'knowledge' | 'bundle';
const PAGES: ReadonlyArray<{ readonly id: Page; readonly label: string }> = [
  { id: 'diagnose', label: 'Diagnose' },
  { id: 'findings', label: 'Findings' },
  { id: 'questionnaire', label: 'Questionnaire' },
  { id: 'knowledge', label: 'Knowledge' },
  { id: 'bundle', label: 'Bundle' },
];

export interface Route {
  readonly page: Page;
  /** Knowledge: the article (or ms-diagnostics code) shown. */
  readonly article?: string;
}

/** "#knowledge/some-article" → route; anything unknown → Diagnose. */
export function parseRoute(hash: string): Route {
  const [page, ...rest] = hash.replace(/^#\/?/, '').split('/');
  const known = PAGES.find((p) => p.id === page);
  if (!known) return { page: 'diagnose' };
  const article = rest.join('/');
  return article ? { page: known.id, article: decodeURIComponent(article) } : { page: known.id };
}

export interface CollectorRow {
  readonly id: string;
  readonly title: string;
  readonly status: CollectorStatus | 'running';
  readonly message: string;
  /** Window clock when the row started (for the live elapsed time). */
  readonly startedAt: number;
  readonly durationMs?: number;
}

export interface RunState {
  readonly phase: 'idle' | 'running' | 'cancelling' | 'done' | 'cancelled' | 'failed';
  readonly rows: readonly CollectorRow[];
  readonly startedAt?: number;
  readonly finishedAt?: number;
  readonly error?: unknown;
  readonly result?: DiagnosisView;
  /** The symptom the run was started for (the Diagnose page offers its questionnaire part next). */
  readonly symptom?: Symptom;
}

export type ArticleResult = { readonly article: Article | null; readonly msDiagnostics: MsDiagnosticsEntry | null; readonly hresult?: KbHresult };

export type FixesState =
  | { readonly status: 'none' | 'loading' | 'unavailable' }
  | { readonly status: 'ready'; readonly fixes: readonly FixInfo[] }
  | { readonly status: 'error'; readonly error: unknown };

export interface AppServices {
  readonly api: LyncDoctorApi;
  readonly route: Route;
  go(page: Page, article?: string): void;
  readonly view: DiagnosisView | null;
  setView(view: DiagnosisView | null): void;
  openDemo(): Promise<void>;
  readonly demoError: unknown;
  readonly run: RunState;
  startDiagnosis(req: DiagnoseRequest): void;
  cancelDiagnosis(): void;
  /** Re-runs the collectors a finding read, then all checks; says whether the finding is gone. */
  recheck(f: Finding): Promise<string>;
  getArticle(id: string): Promise<ArticleResult>;
  readonly fixes: FixesState;
  /** The window's state for this diagnosis (selected finding, guided fixes), kept with it in the history. */
  readonly ui: UiState;
  selectFinding(key: string): void;
  setGuided(key: string, state: GuidedState): void;
  /** True until the last diagnosis has been brought back after a reload or restart. */
  readonly restoring: boolean;
  /** The kept diagnosis being looked at (history id), once saved. */
  readonly historyId: string | null;
  /** Bumped after every save (the history list re-reads). */
  readonly historyVersion: number;
  openHistory(id: string): Promise<void>;
  readonly saveError: unknown;
}

/** A key for a finding that survives re-analysis: its check id and which of that check's findings it is. */
export function findingKey(f: Finding, all: readonly Finding[]): string {
  const same = all.filter((x) => x.checkId === f.checkId);
  return `${f.checkId}#${Math.max(0, same.indexOf(f))}`;
}

/** The same diagnosis (re-analysed, answers added) or another one (new run, demo, import). */
function diagnosisKey(v: DiagnosisView): string {
  return `${v.snapshot.createdAt}|${v.snapshot.input.sipAddress}|${v.importedFrom ?? ''}|${v.snapshot.demo ? 'demo' : ''}`;
}

export type { HistoryEntry };

const AppContext = createContext<AppServices | null>(null);

export function useApp(): AppServices {
  const s = useContext(AppContext);
  if (!s) throw new Error('useApp outside <App>');
  return s;
}

/** Whether a view may be changed on this PC (the demo and imported bundles are read-only). */
export function isLive(view: DiagnosisView): boolean {
  return !view.snapshot.demo && !view.importedFrom;
}

function applyEvent(rows: readonly CollectorRow[], e: RunEvent): CollectorRow[] {
  const now = performance.now();
  const i = rows.findIndex((r) => r.id === e.collectorId);
  const prev = i >= 0 ? rows[i] : undefined;
  const next: CollectorRow =
    e.phase === 'done'
      ? { id: e.collectorId, title: e.title, status: e.status ?? 'ok', message: e.message, startedAt: prev?.startedAt ?? now, ...(e.durationMs !== undefined ? { durationMs: e.durationMs } : {}) }
      : { id: e.collectorId, title: e.title, status: 'running', message: e.phase === 'start' ? 'working…' : e.message, startedAt: prev?.startedAt ?? now };
  if (i < 0) return [...rows, next];
  const copy = [...rows];
  copy[i] = next;
  return copy;
}

class PageBoundary extends Component<{ readonly children: ReactNode; readonly page: Page }, { readonly error: unknown }> {
  override state: { readonly error: unknown } = { error: null };
  static getDerivedStateFromError(error: unknown): { error: unknown } {
    return { error };
  }
  override componentDidUpdate(prev: { readonly page: Page }): void {
    if (prev.page !== this.props.page && this.state.error) this.setState({ error: null });
  }
  override render(): ReactNode {
    if (this.state.error) return <ErrorNote error={new UiApiError('failed', `This page could not be shown (${(this.state.error as Error).message ?? 'unknown problem'}). Other pages still work.`)} />;
    return this.props.children;
  }
}

export function App({ api }: { readonly api: LyncDoctorApi }) {
  const [route, setRoute] = useState<Route>(() => parseRoute(window.location.hash));
  const [view, setViewState] = useState<DiagnosisView | null>(null);
  const [run, setRun] = useState<RunState>({ phase: 'idle', rows: [] });
  const [demoError, setDemoError] = useState<unknown>(null);
  const [fixes, setFixes] = useState<FixesState>({ status: 'none' });
  const runId = useRef<string | null>(null);
  const articles = useRef(new Map<string, Promise<ArticleResult>>());
  const mainRef = useRef<HTMLElement>(null);
  const firstRender = useRef(true);
  const [ui, setUi] = useState<UiState>({ guided: {} });
  const [restoring, setRestoring] = useState(true);
  const [historyId, setHistoryId] = useState<string | null>(null);
  const [historyVersion, setHistoryVersion] = useState(0);
  const [saveError, setSaveError] = useState<unknown>(null);
  // What the kept entry refers to: saves are chained so a new diagnosis is kept once, then updated.
  const saved = useRef<{ key: string; id: string } | null>(null);
  const saveChain = useRef<Promise<void>>(Promise.resolve());

  useEffect(() => {
    // Brings back the diagnosis last looked at (after a reload or an app restart), with its guided fixes.
    let alive = true;
    api.historyList()
      .then((l) => (l.current ? api.historyOpen(l.current) : null))
      .then((r) => {
        if (!alive || !r) return;
        saved.current = { key: diagnosisKey(r.view), id: r.entry.id };
        setHistoryId(r.entry.id);
        setViewState((v) => v ?? r.view);
        setUi(r.ui);
      })
      .catch(() => undefined) // no history (not in this build, unreadable): start empty
      .finally(() => alive && setRestoring(false));
    return () => {
      alive = false;
    };
  }, [api]);

  // A change not yet kept (the window waits 300 ms for more); kept at once when the window goes away.
  const pendingSave = useRef<(() => void) | null>(null);

  useEffect(() => {
    if (!view || restoring) return;
    const key = diagnosisKey(view);
    const save = (): void => {
      pendingSave.current = null;
      saveChain.current = saveChain.current.then(async () => {
        const id = saved.current?.key === key ? saved.current.id : null;
        try {
          const e = await api.historySave(id, view, ui);
          saved.current = { key, id: e.id };
          setHistoryId(e.id);
          setHistoryVersion((n) => n + 1);
          setSaveError(null);
        } catch (err) {
          if (err instanceof UiApiError && err.code === 'not-found') saved.current = null;
          setSaveError(err);
        }
      });
    };
    pendingSave.current = save;
    const t = window.setTimeout(save, saved.current?.key === key ? 300 : 0);
    return () => window.clearTimeout(t);
  }, [api, view, ui, restoring]);

  useEffect(() => {
    const flush = (): void => pendingSave.current?.();
    window.addEventListener('pagehide', flush);
    return () => window.removeEventListener('pagehide', flush);
  }, []);

  useEffect(() => {
    // Marks the first painted frame of the app (read by bench/ui.bench.ts): two frames after mount.
    requestAnimationFrame(() => requestAnimationFrame(() => performance.mark('lyncdoctor:first-render')));
  }, []);

  useEffect(() => {
    const onHash = (): void => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  useEffect(() => {
    // Keyboard and screen-reader users land on the new page's heading.
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    // A page may name the control to start at (e.g. the search box); otherwise its heading.
    (mainRef.current?.querySelector<HTMLElement>('[data-autofocus]') ?? mainRef.current?.querySelector<HTMLElement>('h1'))?.focus();
  }, [route.page]);

  const go = useCallback((page: Page, article?: string) => {
    const hash = `#${page}${article ? `/${encodeURIComponent(article)}` : ''}`;
    if (window.location.hash !== hash) window.location.hash = hash;
    else setRoute(parseRoute(hash));
  }, []);

  const setView = useCallback((v: DiagnosisView | null) => {
    setViewState((old) => {
      // Another diagnosis starts with its own state; the same one re-analysed keeps its guided fixes.
      if (!v || !old || diagnosisKey(v) !== diagnosisKey(old)) setUi({ guided: {} });
      return v;
    });
  }, []);

  const selectFinding = useCallback((key: string) => setUi((u) => ({ ...u, selected: key })), []);
  const setGuided = useCallback((key: string, state: GuidedState) => setUi((u) => ({ ...u, guided: { ...u.guided, [key]: state } })), []);

  const openHistory = useCallback(async (id: string) => {
    const r = await api.historyOpen(id);
    saved.current = { key: diagnosisKey(r.view), id: r.entry.id };
    setHistoryId(r.entry.id);
    setViewState(r.view);
    setUi(r.ui);
    go('findings');
  }, [api, go]);

  useEffect(() => {
    if (!view) {
      setFixes({ status: 'none' });
      return;
    }
    let alive = true;
    setFixes({ status: 'loading' });
    api.fixList(view).then(
      (list) => alive && setFixes({ status: 'ready', fixes: list }),
      (e: unknown) => alive && setFixes(e instanceof UiApiError && e.code === 'not-available' ? { status: 'unavailable' } : { status: 'error', error: e }),
    );
    return () => {
      alive = false;
    };
  }, [api, view]);

  const openDemo = useCallback(async () => {
    setDemoError(null);
    try {
      setView(await api.demo());
      go('findings');
    } catch (e) {
      setDemoError(e);
    }
  }, [api, go, setView]);

  const startDiagnosis = useCallback((req: DiagnoseRequest) => {
    const startedAt = performance.now();
    setRun({ phase: 'running', rows: [], startedAt, ...(req.symptom ? { symptom: req.symptom } : {}) });
    startRun(api, req, (e) => setRun((r) => ({ ...r, rows: applyEvent(r.rows, e) })))
      .then(async (h) => {
        runId.current = h.runId;
        const st = await h.finished;
        runId.current = null;
        const finishedAt = performance.now();
        if (st.state === 'done' && st.result) {
          setView(st.result);
          setRun((r) => ({ ...r, phase: 'done', finishedAt, result: st.result }));
        } else if (st.state === 'cancelled') setRun((r) => ({ ...r, phase: 'cancelled', finishedAt }));
        else setRun((r) => ({ ...r, phase: 'failed', finishedAt, error: new UiApiError('failed', st.error ?? 'The diagnosis did not finish.') }));
      })
      .catch((e: unknown) => {
        runId.current = null;
        setRun((r) => ({ ...r, phase: 'failed', finishedAt: performance.now(), error: e }));
      });
  }, [api, setView]);

  const cancelDiagnosis = useCallback(() => {
    const id = runId.current;
    if (!id) return;
    setRun((r) => ({ ...r, phase: 'cancelling' }));
    api.cancelRun(id).catch((e: unknown) => setRun((r) => ({ ...r, error: e })));
  }, [api]);

  const recheck = useCallback(async (f: Finding): Promise<string> => {
    const v = view;
    if (!v || !isLive(v)) throw new UiApiError('bad-request', 'Re-check needs a live diagnosis of this PC (the demo and imported bundles are read-only).');
    const input = v.snapshot.input;
    // A finding may also rest on questionnaire answers ("answers"): only real collectors are re-run.
    const collectors = f.sections.filter((s) => s in v.snapshot.sections);
    let merged: Snapshot = v.snapshot;
    if (collectors.length > 0) {
      const h = await startRun(api, {
        sipAddress: input.sipAddress,
        ...(input.dnsServer ? { dnsServer: input.dnsServer } : {}),
        ...(input.proxy ? { proxy: input.proxy } : {}),
        ...(input.proxyPac ? { proxyPac: input.proxyPac } : {}),
        ...(input.sipServer ? { sipServer: input.sipServer } : {}),
        timeoutMs: input.timeoutMs,
        collectors,
      }, () => undefined);
      const st = await h.finished;
      if (st.state !== 'done' || !st.result) throw new UiApiError('failed', st.error ?? 'The re-check did not finish.');
      merged = { ...v.snapshot, createdAt: st.result.snapshot.createdAt, sections: { ...v.snapshot.sections, ...st.result.snapshot.sections } };
    }
    const next = await api.reanalyze(merged, v.snapshot.answers);
    setViewState(next);
    const still = next.findings.some((x) => x.checkId === f.checkId);
    const what = collectors.length ? collectors.join(', ') : 'the checks';
    return still ? `${f.checkId} is still present after re-checking ${what}.` : `${f.checkId} is resolved: it no longer appears after re-checking ${what}.`;
  }, [api, view]);

  const getArticle = useCallback((id: string): Promise<ArticleResult> => {
    let p = articles.current.get(id);
    if (!p) {
      p = api.kbArticle(id);
      articles.current.set(id, p);
      p.catch(() => articles.current.delete(id));
    }
    return p;
  }, [api]);

  const services = useMemo<AppServices>(() => ({
    api, route, go, view, setView, openDemo, demoError, run, startDiagnosis, cancelDiagnosis, recheck, getArticle, fixes,
    ui, selectFinding, setGuided, restoring, historyId, historyVersion, openHistory, saveError,
  }), [api, route, go, view, setView, openDemo, demoError, run, startDiagnosis, cancelDiagnosis, recheck, getArticle, fixes,
    ui, selectFinding, setGuided, restoring, historyId, historyVersion, openHistory, saveError]);

  const findingCount = view?.findings.length ?? 0;
  return (
    <AppContext.Provider value={services}>
      <div className="app">
        <button type="button" className="skip" onClick={() => mainRef.current?.querySelector<HTMLElement>('h1')?.focus()}>Skip to content</button>
        <nav className="sidebar" aria-label="Sections">
          <div className="brand">Lync Doctor</div>
          <ul>
            {PAGES.map((p) => (
              <li key={p.id}>
                <button type="button" className="nav" aria-current={route.page === p.id ? 'page' : undefined} onClick={() => go(p.id)}>
                  {p.label}
                  {p.id === 'findings' && view ? <span className="count" aria-label={`${findingCount} findings`}>{findingCount}</span> : null}
                  {p.id === 'diagnose' && (run.phase === 'running' || run.phase === 'cancelling') ? <span className="dot" aria-label="running" /> : null}
                </button>
              </li>
            ))}
          </ul>
          {view ? <div className="sidebar-source">{view.snapshot.demo ? 'Demo snapshot' : view.importedFrom ? 'Imported bundle' : view.snapshot.input.sipAddress}</div> : null}
        </nav>
        <main ref={mainRef} className="content">
          <PageBoundary page={route.page}>
            {route.page === 'diagnose' ? <DiagnosePage /> : null}
            {route.page === 'findings' ? <FindingsPage /> : null}
            {route.page === 'questionnaire' ? <QuestionnairePage /> : null}
            {route.page === 'knowledge' ? <KnowledgePage /> : null}
            {route.page === 'bundle' ? <BundlePage /> : null}
          </PageBoundary>
        </main>
      </div>
    </AppContext.Provider>
  );
}
