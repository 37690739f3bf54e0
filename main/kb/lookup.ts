/** Article lookup for findings: loaded once from knowledge/articles. */
import { existsSync, readFileSync } from 'node:fs';
import type { ArticleLookup } from '../checks/run';
import type { Article } from '../model/article';
import { BUILT, PREBUILT_ARTICLES } from '../built';
import { DEFAULT_ARTICLES_DIR, loadArticles } from './articles';

const cache = new Map<string, ReadonlyMap<string, Article>>();

/** All valid articles of `dir`, by id (cached per folder). */
export function articlesById(dir = DEFAULT_ARTICLES_DIR): ReadonlyMap<string, Article> {
  let m = cache.get(dir);
  if (!m) {
    // Built code (dist/) reads the articles the build compiled (dist/articles.json): no YAML parsing at start.
    const prebuilt = BUILT && dir === DEFAULT_ARTICLES_DIR && existsSync(PREBUILT_ARTICLES);
    const list = prebuilt ? (JSON.parse(readFileSync(PREBUILT_ARTICLES, 'utf8')) as Article[]) : loadArticles(dir).articles;
    m = new Map(list.map((a) => [a.id, a]));
    cache.set(dir, m);
  }
  return m;
}

/** The lookup `analyze` needs: id → title, fix summary, verification. */
export function articleLookup(dir = DEFAULT_ARTICLES_DIR): ArticleLookup {
  const m = articlesById(dir);
  return (id) => {
    const a = m.get(id);
    return a ? { id: a.id, title: a.title, fixSummary: a.fixSummary, verification: a.verification, fix: a.fix } : undefined;
  };
}
