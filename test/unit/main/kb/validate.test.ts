import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { ALL_CHECKS } from '../../../../main/checks';
import type { Check } from '../../../../main/checks/types';
import { loadArticles } from '../../../../main/kb/articles';
import { coverageProblems, DEFAULT_RESEARCH_FILE, formatProblem, researchIds, validateKnowledge } from '../../../../main/kb/validate';

const FIX = join(__dirname, '..', '..', '..', 'fixtures', 'kb');
const RESEARCH_COPY = join(FIX, 'known-issues-ids.json');
const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
function tmp(): string {
  const d = mkdtempSync(join(tmpdir(), 'ld-kb-validate-'));
  dirs.push(d);
  return d;
}

const fakeCheck = (id: string, articleId: string): Check => ({
  id, title: 'A fake check for the validator', severity: 'error', articleId, research: [], sections: ['dns'], description: 'fake', evaluate: () => [],
});

test('kb:check on the project: knowledge/, the ms-diagnostics table and every check are consistent', () => {
  const report = validateKnowledge({ checks: ALL_CHECKS, researchFile: null });
  assert.deepEqual(report.problems.map((p) => formatProblem(p)), []);
  assert.ok(report.articles > 0);
});

test('every check points to an existing article (a finding never links nowhere)', () => {
  const ids = new Set(loadArticles().articles.map((a) => a.id));
  const missing = ALL_CHECKS.filter((c) => !ids.has(c.articleId)).map((c) => `${c.id} → ${c.articleId}`);
  assert.deepEqual(missing, []);
});

test('every research id of the register is covered by exactly one article', () => {
  // The register lives outside the repository; a copy of its ids is kept with the tests (and compared below).
  const text = readFileSync(RESEARCH_COPY, 'utf8');
  assert.equal(researchIds(text).length, 59);
  const items = loadArticles().articles.map((article) => ({ article, file: `knowledge/articles/${article.id}.md` }));
  assert.deepEqual(coverageProblems(RESEARCH_COPY, text, items).map((p) => formatProblem(p)), []);
});

test('the copy of the research ids matches the register when the register is present', (t) => {
  if (!existsSync(DEFAULT_RESEARCH_FILE)) {
    t.skip(`${DEFAULT_RESEARCH_FILE} is not present (fresh clone)`);
    return;
  }
  const register = (JSON.parse(readFileSync(DEFAULT_RESEARCH_FILE, 'utf8')) as Array<{ id: string }>).map((r) => r.id);
  const copy = (JSON.parse(readFileSync(RESEARCH_COPY, 'utf8')) as { issues: Array<{ id: string }> }).issues.map((r) => r.id);
  assert.deepEqual(copy, register);
});

test('coverage rule: an uncovered id, a doubly covered id and an unknown id are each reported', () => {
  const text = JSON.stringify([{ id: 'SFB-KI-001' }, { id: 'SFB-KI-002' }, { id: 'SFB-KI-003' }], null, 2);
  const art = (id: string, research: string[]) => ({ article: { id, research } as never, file: `${id}.md`, text: `---\nid: ${id}\nresearch: [${research.join(', ')}]\n---\n` });
  const p = coverageProblems('r.json', text, [art('a', ['SFB-KI-001', 'SFB-KI-002']), art('b', ['SFB-KI-002', 'SFB-KI-777'])]);
  const msgs = p.map((x) => formatProblem(x, '/'));
  assert.ok(msgs.some((m) => /^r\.json:\d+: research id SFB-KI-003 is not covered/.test(m)), msgs.join('\n'));
  assert.ok(msgs.some((m) => /SFB-KI-002 is covered by 2 articles \(a, b\)/.test(m)));
  assert.ok(msgs.some((m) => /^b\.md:3: research id SFB-KI-777 is not in r\.json/.test(m)));
  // A merge (one article listing two ids) is fine.
  assert.ok(!msgs.some((m) => /SFB-KI-001/.test(m)));
});

test('a check naming a missing article fails with the check file and the line of its articleId', () => {
  const checksDir = tmp();
  writeFileSync(join(checksDir, 'fake.ts'), "export const c = {\n  id: 'LD-FAKE-001',\n  title: 'x',\n  articleId: 'no-such-article',\n};\n");
  const r = validateKnowledge({ articlesDir: join(FIX, 'articles'), msDiagnosticsFile: join(FIX, 'ms-diagnostics.json'), checks: [fakeCheck('LD-FAKE-001', 'no-such-article'), fakeCheck('LD-FAKE-002', 'fx-proxy-auth')], checksDir, researchFile: null });
  assert.equal(r.problems.length, 1);
  assert.equal(formatProblem(r.problems[0]!, checksDir), 'fake.ts:4: check LD-FAKE-001 names article "no-such-article", which does not exist in test/fixtures/kb/articles');
});

test('an ms-diagnostics entry linking to a missing article fails at its articleId line', () => {
  const d = tmp();
  const file = join(d, 'ms.json');
  const text = readFileSync(join(FIX, 'ms-diagnostics.json'), 'utf8').replace('"articleId": "fx-lync-sign-in-loop"', '"articleId": "gone-article"');
  writeFileSync(file, text);
  const r = validateKnowledge({ articlesDir: join(FIX, 'articles'), msDiagnosticsFile: file, researchFile: null });
  assert.equal(r.problems.length, 1);
  const line = text.split('\n')[(r.problems[0]?.line ?? 0) - 1] ?? '';
  assert.match(line, /"articleId": "gone-article"/);
});

test('rules that cannot run are said, not silently passed', () => {
  const r = validateKnowledge({ articlesDir: join(FIX, 'articles'), msDiagnosticsFile: join(FIX, 'ms-diagnostics.json'), researchFile: '/nonexistent/known-issues.json' });
  assert.deepEqual(r.problems, []);
  assert.match(r.skipped.join(), /research coverage \(\/nonexistent\/known-issues\.json not found\)/);
});
