/** A knowledge article: verification status, symptoms, cause, fix steps, body, sources and related links. */
import { useEffect, useMemo, useState } from 'react';
import { useApp } from '../app';
import type { Article } from '../../main/model/article';
import { CopyButton, VerificationBadge } from './common';
import { GuidedSteps } from './guided-fix';
import { MarkdownView } from './markdown-view';
import { withoutSourceNotes } from '../lib/wording';

/** A link to another article, named by its title once known (its id until then, or if it cannot be read). */
function RelatedLink({ id, onArticle }: { readonly id: string; readonly onArticle: (id: string) => void }) {
  const { getArticle } = useApp();
  const [title, setTitle] = useState(id);
  useEffect(() => {
    let alive = true;
    getArticle(id).then((r) => alive && r.article && setTitle(r.article.title), () => undefined);
    return () => {
      alive = false;
    };
  }, [getArticle, id]);
  return <button type="button" className="link" onClick={() => onArticle(id)}>{title}</button>;
}

export function ArticleView({ article, onArticle }: { readonly article: Article; readonly onArticle: (id: string) => void }) {
  const related = useMemo(() => new Set(article.related), [article.related]);
  return (
    <article className="article" aria-labelledby={`art-${article.id}`}>
      <h2 id={`art-${article.id}`}>{article.title}</h2>
      <p className="meta">
        <VerificationBadge verification={article.verification} />
        {article.products.length ? <span> {article.products.join(', ')}</span> : null}
        {article.versions.length ? <span> · {article.versions.join(', ')}</span> : null}
        {article.kb.length ? <span> · {article.kb.join(', ')}</span> : null}
      </p>
      {article.verificationNote ? <p className="note note-warn"><strong>What the sources could not confirm:</strong> {article.verificationNote}</p> : null}
      {article.symptoms.length ? (
        <>
          <h3>Symptoms</h3>
          <ul>{article.symptoms.map((s, i) => <li key={i}><q>{withoutSourceNotes(s)}</q></li>)}</ul>
        </>
      ) : null}
      {article.errors.length ? <p><strong>Error codes:</strong> {article.errors.join(', ')}</p> : null}
      <h3>Cause</h3>
      <p>{withoutSourceNotes(article.cause)}</p>
      <h3>Fix</h3>
      <GuidedSteps steps={article.fix} name={article.title} />
      <MarkdownView text={withoutSourceNotes(article.body)} onArticle={onArticle} articleIds={related} />
      <h3>Sources</h3>
      <ul className="sources">
        {article.sources.map((s, i) => <li key={i}><span className="source">{s}</span></li>)}
      </ul>
      {article.research.length ? <p className="hint">Research: {article.research.join(', ')}</p> : null}
      {article.related.length ? (
        <>
          <h3>Related articles</h3>
          <ul className="related">
            {article.related.map((id) => <li key={id}><RelatedLink id={id} onArticle={onArticle} /></li>)}
          </ul>
        </>
      ) : null}
      <CopyButton text={`${article.title}\n${article.fixSummary}\n(Lync Doctor article ${article.id})`} label="Copy summary" />
    </article>
  );
}
