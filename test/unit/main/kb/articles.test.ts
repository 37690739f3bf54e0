import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fieldLine, loadArticles } from '../../../../main/kb/articles';

const FIXTURES = join(__dirname, '..', '..', '..', 'fixtures', 'kb', 'articles');
const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function article(id: string, extra: Record<string, string> = {}): string {
  const f: Record<string, string> = {
    id,
    title: `"Title of ${id}"`,
    research: '[]',
    cause: '"A cause."',
    fix: '\n  - step: "Do it."',
    fixSummary: '"Do it."',
    sources: '["test"]',
    verification: 'verified',
    related: '[]',
    ...extra,
  };
  return `---\n${Object.entries(f).filter(([, v]) => v !== '').map(([k, v]) => `${k}: ${v}`).join('\n')}\n---\n\nBody.\n`;
}

function folder(files: Record<string, string>): string {
  const d = mkdtempSync(join(tmpdir(), 'ld-kb-articles-'));
  dirs.push(d);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(d, name), text);
  return d;
}

test('the fixture articles load without problems', () => {
  const r = loadArticles(FIXTURES);
  assert.deepEqual(r.problems, []);
  assert.equal(r.articles.length, 5);
});

test('a missing required field fails with the file', () => {
  const d = folder({ 'a.md': article('a', { fixSummary: '' }) });
  const r = loadArticles(d);
  assert.equal(r.problems.length, 1);
  assert.equal(r.problems[0]?.file, join(d, 'a.md'));
  assert.match(r.problems[0]?.message ?? '', /missing required field "fixSummary"/);
});

test('a duplicate id fails with the file and the line of its id', () => {
  const d = folder({ 'a.md': article('a'), 'b.md': article('a') });
  const dup = loadArticles(d).problems.find((p) => /duplicate id "a"/.test(p.message));
  assert.ok(dup, 'duplicate reported');
  assert.equal(dup.file, join(d, 'b.md'));
  assert.equal(dup.line, 2);
});

test('a dangling related link fails with the file and the line of the link', () => {
  const d = folder({ 'a.md': article('a', { related: '\n  - b\n  - missing-one' }), 'b.md': article('b') });
  const p = loadArticles(d).problems;
  assert.equal(p.length, 1);
  assert.equal(p[0]?.file, join(d, 'a.md'));
  assert.match(p[0]?.message ?? '', /related article "missing-one" does not exist/);
  const lines = article('a', { related: '\n  - b\n  - missing-one' }).split('\n');
  assert.equal(lines[(p[0]?.line ?? 0) - 1], '  - missing-one');
});

test('a research id claimed by two articles fails at the second one', () => {
  const d = folder({ 'a.md': article('a', { research: '[SFB-KI-001]' }), 'b.md': article('b', { research: '[SFB-KI-002, SFB-KI-001]' }) });
  const p = loadArticles(d).problems;
  assert.equal(p.length, 1);
  assert.equal(p[0]?.file, join(d, 'b.md'));
  assert.match(p[0]?.message ?? '', /SFB-KI-001 is already covered/);
});

test('broken YAML points at its line; an unreadable folder is a problem, not a crash', () => {
  const d = folder({ 'a.md': '---\nid: a\ntitle: "unterminated\n---\nBody\n' });
  const p = loadArticles(d).problems;
  assert.equal(p.length, 1);
  assert.match(p[0]?.message ?? '', /invalid YAML/);
  assert.ok((p[0]?.line ?? 0) >= 2);
  const missing = loadArticles(join(d, 'nope'));
  assert.equal(missing.articles.length, 0);
  assert.match(missing.problems[0]?.message ?? '', /cannot read the articles folder/);
});

test('fieldLine finds a value inside a block list and stops at the next key', () => {
  const text = '---\nid: a\nrelated:\n  - x\n  - y\nsources: [y]\n---\n';
  assert.equal(fieldLine(text, 'related', 'y'), 5);
  assert.equal(fieldLine(text, 'related', 'z'), 3);
  assert.equal(fieldLine(text, 'id'), 2);
  assert.equal(fieldLine(undefined, 'id'), 2);
});
