/** Renders parsed article Markdown as React elements (text nodes only; links to other articles become buttons). */
import { Fragment, useMemo, type ReactNode } from 'react';
import { parseMarkdown, type Block, type Inline } from '../lib/markdown';

export interface MarkdownProps {
  readonly text: string;
  /** Opens another article; `code` spans and links naming one of `articleIds` become buttons. */
  readonly onArticle?: (id: string) => void;
  readonly articleIds?: ReadonlySet<string>;
}

function articleTarget(href: string, ids: ReadonlySet<string> | undefined): string | null {
  const id = href.replace(/^\.\//, '').replace(/\.md$/, '');
  return ids?.has(id) ? id : null;
}

function inlineNodes(nodes: readonly Inline[], p: MarkdownProps): ReactNode[] {
  return nodes.map((n, i) => {
    switch (n.kind) {
      case 'text':
        return <Fragment key={i}>{n.text}</Fragment>;
      case 'code': {
        const target = p.onArticle ? articleTarget(n.text, p.articleIds) : null;
        if (target && p.onArticle) {
          const open = p.onArticle;
          return <button key={i} type="button" className="link" onClick={() => open(target)}>{n.text}</button>;
        }
        return <code key={i}>{n.text}</code>;
      }
      case 'strong':
        return <strong key={i}>{inlineNodes(n.children, p)}</strong>;
      case 'em':
        return <em key={i}>{inlineNodes(n.children, p)}</em>;
      case 'link': {
        const target = p.onArticle ? articleTarget(n.href, p.articleIds) : null;
        if (target && p.onArticle) {
          const open = p.onArticle;
          return <button key={i} type="button" className="link" onClick={() => open(target)}>{inlineNodes(n.children, p)}</button>;
        }
        // External addresses are shown, not followed: the app loads no remote content.
        return <span key={i}>{inlineNodes(n.children, p)} <span className="href">({n.href})</span></span>;
      }
    }
  });
}

function blockNodes(blocks: readonly Block[], p: MarkdownProps, tight = false): ReactNode[] {
  return blocks.map((b, i) => {
    switch (b.kind) {
      case 'heading':
        return b.level <= 2 ? <h3 key={i}>{inlineNodes(b.inline, p)}</h3> : b.level === 3 ? <h4 key={i}>{inlineNodes(b.inline, p)}</h4> : <h5 key={i}>{inlineNodes(b.inline, p)}</h5>;
      case 'paragraph':
        return tight ? <Fragment key={i}>{inlineNodes(b.inline, p)}</Fragment> : <p key={i}>{inlineNodes(b.inline, p)}</p>;
      case 'list': {
        const items = b.items.map((item, j) => (
          <li key={j}>{blockNodes(item, p, item.length === 1 || (item[0]?.kind === 'paragraph' && item.slice(1).every((x) => x.kind === 'list')))}</li>
        ));
        return b.ordered ? <ol key={i} start={b.start}>{items}</ol> : <ul key={i}>{items}</ul>;
      }
      case 'code':
        return <pre key={i}><code>{b.text}</code></pre>;
      case 'quote':
        return <blockquote key={i}>{blockNodes(b.blocks, p)}</blockquote>;
      case 'table':
        return (
          <div key={i} className="table-wrap">
            <table>
              <thead><tr>{b.header.map((c, j) => <th key={j} scope="col">{inlineNodes(c, p)}</th>)}</tr></thead>
              <tbody>{b.rows.map((r, j) => <tr key={j}>{r.map((c, k) => <td key={k}>{inlineNodes(c, p)}</td>)}</tr>)}</tbody>
            </table>
          </div>
        );
      case 'rule':
        return <hr key={i} />;
    }
  });
}

/** Article body text as safe React content. */
export function MarkdownView(p: MarkdownProps) {
  const blocks = useMemo(() => parseMarkdown(p.text), [p.text]);
  return <div className="markdown">{blockNodes(blocks, p)}</div>;
}
