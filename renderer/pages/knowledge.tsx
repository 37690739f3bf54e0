/** Knowledge: as-you-type search with highlighted snippets, and the article view (works with no network). */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { CodeEvidence, KbCodeCard, KbHit, KbHresult } from '../../main/model/api';
import { useApp, type ArticleResult } from '../app';
import { EmptyState, ErrorNote, Snippet, Spinner } from '../components/common';
import { ArticleView } from '../components/article-view';

const DEBOUNCE_MS = 120;
/** What the API accepts of one paste (16 MB; the search reads its codes and failure lines). */
const MAX_PASTE = 16 * 1024 * 1024;
/** A paste over this length or of several lines is searched by its error lines and codes (said under the box). */
const PASTE_HINT_CHARS = 300;
const IDENTIFIER = /^(KB\d{6,7}|0x[0-9a-f]{8}|SFB-KI-\d{3}|\d{3,7}|[A-Z][A-Z0-9]{1,20}_E_[A-Z0-9_]{2,60})$/i;

/** How a code's meaning is known, in the words the CLI uses (the table's verification mark). */
const EVIDENCE_WORDS: Readonly<Record<CodeEvidence, string>> = {
  microsoft: 'documented by Microsoft',
  captures: 'seen in captures / third-party documents only',
  inferred: 'inferred (no source states it)',
  gap: 'not documented (no public source found)',
};

/** The verification mark of a code or HRESULT: a badge with the evidence in words. */
function EvidenceBadge({ evidence }: { readonly evidence: CodeEvidence | undefined }) {
  if (!evidence) return null;
  return <span className={`badge evidence-${evidence}`}>{EVIDENCE_WORDS[evidence]}</span>;
}

/** The sources of a code or HRESULT, as the table cites them (text, never markup). */
function SourceList({ sources }: { readonly sources: readonly string[] }) {
  if (!sources.length) return null;
  return (
    <details className="code-sources">
      <summary>Sources ({sources.length})</summary>
      <ul>{sources.map((s) => <li key={s}>{s}</li>)}</ul>
    </details>
  );
}

/** The code cards for what was typed or pasted (ms-diagnostics codes it names), debounced like the search. */
function useCodes(query: string): readonly KbCodeCard[] {
  const { api } = useApp();
  const [cards, setCards] = useState<readonly KbCodeCard[]>([]);
  useEffect(() => {
    const q = query.trim();
    let alive = true;
    if (!q) {
      setCards([]);
      return;
    }
    const t = window.setTimeout(() => {
      api.kbCodes(q).then((c) => alive && setCards(c), () => alive && setCards([]));
    }, DEBOUNCE_MS);
    return () => {
      alive = false;
      window.clearTimeout(t);
    };
  }, [api, query]);
  return cards;
}

/** One ms-diagnostics code card: what the code means, how that is known, the likely fix, the article. */
function CodeCard({ card, onArticle }: { readonly card: KbCodeCard; readonly onArticle: (id: string) => void }) {
  const e = card.entry;
  const family = card.form ?? (/^ms-client-diagnostics/i.test(e.header) ? 'ms-client-diagnostics' : 'ms-diagnostics');
  return (
    <div className="card msd">
      <h2>{family} {card.code}{card.documented ? '' : ' — not documented'}</h2>
      {card.documented ? <EvidenceBadge evidence={e.evidence} /> : null}
      {e.reason ? <p><strong>{e.header}</strong>: {e.reason}</p> : null}
      {!card.documented && card.raw ? <p className="as-written"><strong>As written:</strong> <code>{card.raw}</code></p> : null}
      <p>{e.meaning}</p>
      <p><strong>Likely fix:</strong> {e.likelyFix}</p>
      {card.documented ? <SourceList sources={e.sources} /> : null}
      {e.articleId ? <button type="button" className="link" onClick={() => onArticle(e.articleId as string)}>Open the article</button> : null}
    </div>
  );
}

/** One HRESULT card (a value or constant name typed or pasted alone): name, meaning, how that is known, fix, article. */
function HresultCard({ entry, onArticle }: { readonly entry: KbHresult; readonly onArticle: (id: string) => void }) {
  return (
    <div className="card msd hresult-card">
      <h2>HRESULT {entry.hresult} {entry.name}</h2>
      <EvidenceBadge evidence={entry.evidence} />
      <p>{entry.meaning}</p>
      <p><strong>Likely fix:</strong> {entry.likelyFix}</p>
      <SourceList sources={entry.sources} />
      {entry.articleId ? <button type="button" className="link" onClick={() => onArticle(entry.articleId as string)}>Open the article</button> : null}
    </div>
  );
}

function useSearch(query: string): { readonly hits: readonly KbHit[] | null; readonly busy: boolean; readonly error: unknown } {
  const { api } = useApp();
  const [state, setState] = useState<{ hits: readonly KbHit[] | null; busy: boolean; error: unknown }>({ hits: null, busy: false, error: null });
  const seq = useRef(0);
  useEffect(() => {
    const q = query.trim();
    const mine = ++seq.current;
    if (!q) {
      setState({ hits: null, busy: false, error: null });
      return;
    }
    setState((s) => ({ ...s, busy: true }));
    const t = window.setTimeout(() => {
      api.kbSearch(q, 20).then(
        (hits) => mine === seq.current && setState({ hits, busy: false, error: null }),
        (error: unknown) => mine === seq.current && setState({ hits: null, busy: false, error }),
      );
    }, DEBOUNCE_MS);
    return () => window.clearTimeout(t);
  }, [api, query]);
  return state;
}

function useArticleResult(id: string | undefined): { readonly result: ArticleResult | null; readonly error: unknown; readonly busy: boolean } {
  const { getArticle } = useApp();
  const [state, setState] = useState<{ result: ArticleResult | null; error: unknown; busy: boolean }>({ result: null, error: null, busy: false });
  useEffect(() => {
    if (!id) {
      setState({ result: null, error: null, busy: false });
      return;
    }
    let alive = true;
    setState({ result: null, error: null, busy: true });
    getArticle(id).then((result) => alive && setState({ result, error: null, busy: false }), (error: unknown) => alive && setState({ result: null, error, busy: false }));
    return () => {
      alive = false;
    };
  }, [getArticle, id]);
  return state;
}

export function KnowledgePage() {
  const { route, go, view } = useApp();
  const [query, setQuery] = useState('');
  const [cut, setCut] = useState(false);
  const search = useSearch(query);
  const codes = useCodes(query);
  const selected = route.article;
  const article = useArticleResult(selected);
  // Identifiers (KB numbers, HRESULTs, research ids, error numbers) also get a direct article lookup; codes get cards.
  const code = IDENTIFIER.test(query.trim()) ? query.trim() : undefined;
  const msd = useArticleResult(code);
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const pasted = query.length > PASTE_HINT_CHARS || query.trim().includes('\n');
  const rows = Math.min(8, Math.max(1, query.split('\n', 9).length));
  const fromFindings = useMemo(() => [...new Map((view?.findings ?? []).map((f) => [f.articleId, f.title])).entries()], [view]);

  const articleRef = useRef<HTMLDivElement>(null);
  const wasSelected = useRef(selected);
  useEffect(() => {
    // Opening an article moves to it (it may be below the results on a narrow window); closing returns to the search.
    if (selected && selected !== wasSelected.current) {
      articleRef.current?.scrollIntoView({ block: 'start' });
      articleRef.current?.focus({ preventScroll: true });
    } else if (!selected && wasSelected.current) inputRef.current?.focus();
    wasSelected.current = selected;
  }, [selected]);

  return (
    <section aria-labelledby="kb-title" className="knowledge">
      <h1 id="kb-title" tabIndex={-1}>Knowledge base</h1>
      <div className="search">
        <label htmlFor="kb-query">Search symptoms, error text, KB numbers, ms-diagnostics codes or HRESULTs — or paste a log excerpt</label>
        <div className="search-line kb17b-search-line">
          <textarea id="kb-query" ref={inputRef} data-autofocus rows={rows} autoComplete="off" spellCheck={false} value={query} aria-describedby="kb-query-hint"
            onChange={(e) => {
              const v = e.target.value;
              setCut(v.length > MAX_PASTE);
              setQuery(v.length > MAX_PASTE ? v.slice(0, MAX_PASTE) : v);
            }}
            onKeyDown={(e) => {
              if (e.key === 'Escape' && query) {
                e.preventDefault();
                setQuery('');
                setCut(false);
              }
            }}
            aria-controls="kb-results" />
          {search.busy ? <Spinner label="searching" /> : null}
        </div>
        <p id="kb-query-hint" className="hint kb17b-hint">
          {cut ? 'Only the first 16 MB of the paste were kept. ' : ''}
          {pasted ? 'Pasted text is searched by its error lines and codes (ms-diagnostics, HRESULTs, SIP/HTTP errors, reason=…).' : 'For example: cannot sign in iOS 9, ms-diagnostics 1033, lyncdiscover, KB2664650. Escape clears.'}
        </p>
      </div>
      <div className={selected ? 'kb-layout with-article' : 'kb-layout'}>
        <div id="kb-results" className="kb-results" aria-live="polite">
          {codes.length ? (
            <div className="kb17b-codes" aria-label="Codes in the text">
              {codes.map((c) => <CodeCard key={`${c.form ?? ''}${c.code}`} card={c} onArticle={(id) => go('knowledge', id)} />)}
            </div>
          ) : null}
          {msd.result?.hresult ? <HresultCard entry={msd.result.hresult} onArticle={(id) => go('knowledge', id)} /> : null}
          {msd.result?.article ? (
            <div className="card exact">
              <p className="hint">Direct match for {code}</p>
              <button type="button" className="link" onClick={() => go('knowledge', msd.result?.article?.id)}>{msd.result.article.title}</button>
            </div>
          ) : null}
          {search.error ? <ErrorNote error={search.error} /> : null}
          {search.hits && search.hits.length === 0 ? <p className="hint">No article matches “{query.trim()}”. Try fewer or different words, or the exact error text.</p> : null}
          {search.hits && search.hits.length > 0 ? (
            <ul className="hits">
              {search.hits.map((h) => (
                <li key={h.articleId}>
                  <button type="button" className={`hit${selected === h.articleId ? ' current' : ''}`} aria-current={selected === h.articleId ? 'true' : undefined} onClick={() => go('knowledge', h.articleId)}>
                    <span className="hit-title">{h.title}</span>
                    <span className="hit-snippet"><Snippet text={h.snippet} /></span>
                  </button>
                </li>
              ))}
            </ul>
          ) : null}
          {!search.hits && !search.error && !query.trim() ? (
            fromFindings.length ? (
              <div>
                <h2>Articles behind the current findings</h2>
                <ul className="hits">
                  {fromFindings.map(([id, title]) => (
                    <li key={id}><button type="button" className={`hit${selected === id ? ' current' : ''}`} onClick={() => go('knowledge', id)}><span className="hit-title">{title}</span><span className="hit-snippet">{id}</span></button></li>
                  ))}
                </ul>
              </div>
            ) : <p className="hint">Type to search. Everything is on this PC; no network is needed.</p>
          ) : null}
        </div>
        {selected ? (
          <div className="kb-article" ref={articleRef} tabIndex={-1} aria-label="Article">
            {article.busy ? <p><Spinner label="loading" /> Loading…</p> : null}
            {article.error ? <ErrorNote error={article.error} /> : null}
            {article.result && !article.result.article && !article.result.msDiagnostics ? (
              <EmptyState title="No such article"><p>There is no article “{selected}”.</p></EmptyState>
            ) : null}
            {article.result?.article ? <ArticleView article={article.result.article} onArticle={(id) => go('knowledge', id)} /> : null}
            <button type="button" className="secondary" onClick={() => go('knowledge')}>Close article</button>
          </div>
        ) : null}
      </div>
    </section>
  );
}
