/** One sweep over every check and collector: ids, descriptions, articles, platforms, dependencies. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ALL_CHECKS } from '../../main/checks';
import { ALL_COLLECTORS } from '../../main/collect';
import { loadArticles } from '../../main/kb/articles';

const articles = new Map(loadArticles().articles.map((a) => [a.id, a]));

test('check ids are unique and well-formed', () => {
  const seen = new Set<string>();
  for (const c of ALL_CHECKS) {
    assert.match(c.id, /^LD-[A-Z]+-\d{3}$/, c.id);
    assert.ok(!seen.has(c.id), `duplicate check id ${c.id}`);
    seen.add(c.id);
  }
});

test('every check has a title, description, sections and an existing article', () => {
  for (const c of ALL_CHECKS) {
    assert.ok(c.title.length > 10, `${c.id} title`);
    assert.ok(c.description.length > 10, `${c.id} description`);
    assert.ok(c.sections.length > 0, `${c.id} sections`);
    assert.ok(articles.has(c.articleId), `${c.id} points to missing article ${c.articleId}`);
  }
});

test("every research id a check names is covered by an article", () => {
  const covered = new Set([...articles.values()].flatMap((a) => a.research));
  for (const c of ALL_CHECKS) for (const r of c.research) assert.ok(covered.has(r), `${c.id}: ${r} has no article`);
});

test('collectors: unique ids, titles, known platforms, dependencies that exist and do not cycle', () => {
  const ids = new Set(ALL_COLLECTORS.map((c) => c.id));
  assert.equal(ids.size, ALL_COLLECTORS.length);
  for (const c of ALL_COLLECTORS) {
    assert.ok(c.title.length > 3);
    if (c.platforms !== 'all') for (const p of c.platforms) assert.ok(['win32', 'linux', 'darwin'].includes(p));
    for (const d of c.after ?? []) assert.ok(ids.has(d), `${c.id} depends on unknown ${d}`);
  }
  const visiting = new Set<string>();
  const visit = (id: string, depth = 0): void => {
    assert.ok(depth <= ALL_COLLECTORS.length, `dependency cycle through ${id}`);
    visiting.add(id);
    for (const d of ALL_COLLECTORS.find((c) => c.id === id)?.after ?? []) visit(d, depth + 1);
  };
  for (const c of ALL_COLLECTORS) visit(c.id);
});

test('every check section names a collector', () => {
  const ids = new Set<string>(ALL_COLLECTORS.map((c) => c.id));
  ids.add('answers');
  for (const c of ALL_CHECKS) for (const s of c.sections) assert.ok(ids.has(s), `${c.id} reads unknown section ${s}`);
});
