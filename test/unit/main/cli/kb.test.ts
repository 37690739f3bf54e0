import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { kbCommandDeps } from '../../../../main/cli/kb';
import { loadKnowledge } from '../../../../main/kb/default';
import { KnowledgeBase } from '../../../../main/kb/knowledge-base';
import type { KbHit } from '../../../../main/model/api';
import { runCliInProcess as runCli } from '../../../helpers/cli';

const FIX = join(__dirname, '..', '..', '..', 'fixtures', 'kb');
const kb = KnowledgeBase.build(loadKnowledge({ articlesDir: join(FIX, 'articles'), msDiagnosticsFile: join(FIX, 'ms-diagnostics.json') }));
const original = kbCommandDeps.knowledgeBase;
before(() => {
  kbCommandDeps.knowledgeBase = () => kb;
});
after(() => {
  kbCommandDeps.knowledgeBase = original;
  kb.close();
});

test('kb search --json: hits with articleId, research, title, score, snippet; --limit is honoured', async () => {
  const r = await runCli(['kb', 'search', 'certificates', '--json', '--limit', '1']);
  assert.equal(r.code, 0, r.err);
  const out = JSON.parse(r.out) as { query: string; hits: KbHit[]; msDiagnostics: unknown[] };
  assert.equal(out.query, 'certificates');
  assert.equal(out.hits.length, 1);
  assert.deepEqual(Object.keys(out.hits[0] ?? {}).sort(), ['articleId', 'research', 'score', 'snippet', 'title']);
  assert.equal(out.hits[0]?.articleId, 'fx-sfb-client-certificate');
  assert.match(out.hits[0]?.snippet ?? '', /«certificate»/);
});

test('kb search text output lists ranked articles and matching ms-diagnostics codes; several words form one query', async () => {
  const r = await runCli(['kb', 'search', 'final', 'handshake', 'failed']);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /^1\. fx-lync-sign-in-loop {2}\(SFB-KI-904\)/m);
  assert.match(r.out, /ms-diagnostics codes\n {2}1000 {2}"Final handshake failed\."/);
});

test('kb search with nothing found says so and exits 0; odd input never crashes', async () => {
  for (const q of ['zzzzqqq', '"', 'NEAR(', '*', '😀']) {
    const r = await runCli(['kb', 'search', q]);
    assert.equal(r.code, 0, `${q}: ${r.err}`);
    assert.match(r.out, /No article or ms-diagnostics code matches/);
  }
});

test('kb search usage errors exit 2', async () => {
  assert.equal((await runCli(['kb', 'search'])).code, 2);
  assert.equal((await runCli(['kb', 'search', 'x', '--limit', '0'])).code, 2);
  assert.equal((await runCli(['kb', 'search', 'x', '--limit', '1000'])).code, 2);
  assert.equal((await runCli(['kb', 'search', 'x', '--bogus'])).code, 2);
  assert.equal((await runCli(['kb', 'frobnicate'])).code, 2);
  assert.equal((await runCli(['kb'])).code, 2);
});

test('kb show resolves an article id, an SFB-KI id, a KB number and an ms-diagnostics code', async () => {
  const byId = await runCli(['kb', 'show', 'fx-proxy-auth']);
  assert.equal(byId.code, 0);
  assert.match(byId.out, /^Web proxy demands credentials from the meeting client/);
  assert.match(byId.out, /Fix\n {2}1\. Exempt the meeting host/);
  assert.match((await runCli(['kb', 'show', 'SFB-KI-902'])).out, /Phones receive no notification/);
  const byKb = await runCli(['kb', 'show', 'KB1234567']);
  assert.match(byKb.out, /^Skype for Business client certificate has expired/);
  assert.match(byKb.out, /Also about "KB1234567": fx-background-topic/);
  const code = await runCli(['kb', 'show', 'ms-diagnostics', '1000']);
  assert.equal(code.code, 0);
  assert.match(code.out, /^ms-diagnostics 1000\n {2}reason: {5}Final handshake failed\./);
  assert.match(code.out, /Lync desktop client loops at sign-in/);
});

test('kb show: an unknown code says "not documented" (exit 1); an unknown id says what to do (exit 1)', async () => {
  const u = await runCli(['kb', 'show', '9999']);
  assert.equal(u.code, 1);
  assert.match(u.out, /ms-diagnostics 9999 - not documented/);
  const none = await runCli(['kb', 'show', 'no-such-article']);
  assert.equal(none.code, 1);
  assert.match(none.err, /Nothing is known as "no-such-article"\. Search instead: npm run lyncdoctor -- kb search/);
});

test('kb show --json carries the article and the ms-diagnostics entry', async () => {
  const r = await runCli(['kb', 'show', '1000', '--json']);
  const out = JSON.parse(r.out) as { article: { id: string } | null; msDiagnostics: { code: number; context: string } | null; documented: boolean };
  assert.equal(out.article?.id, 'fx-lync-sign-in-loop');
  assert.equal(out.msDiagnostics?.code, 1000);
  assert.equal(out.msDiagnostics?.context, 'Response to REGISTER.');
  assert.equal(out.documented, true);
});

test('kb search --file reads a pasted log: the codes it names come first, the search uses its failure lines; --json adds `codes`', async () => {
  const log = join(__dirname, '..', '..', '..', 'fixtures', 'logs', 'signin-ntlm-mismatch.UccApilog');
  const text = await runCli(['kb', 'search', '--file', log, '--limit', '2']);
  assert.equal(text.code, 0, text.err);
  assert.match(text.out, /^Codes in the text\n {2}ms-diagnostics 1000 {2}"Final handshake failed\."/);
  assert.match(text.out, /^1\. fx-lync-sign-in-loop/m);
  const json = await runCli(['kb', 'search', '--file', log, '--json']);
  const out = JSON.parse(json.out) as { query: string; hits: KbHit[]; msDiagnostics: unknown[]; codes: Array<{ code: number; documented: boolean }> };
  assert.equal(out.query, `--file ${log}`);
  assert.deepEqual(out.codes.map((c) => c.code), [1000, 1033]);
  const missing = await runCli(['kb', 'search', '--file', join(FIX, 'no-such-file.log')]);
  assert.equal(missing.code, 2);
  assert.match(missing.err, /cannot read .*no-such-file\.log: ENOENT/);
  assert.equal((await runCli(['kb', 'search', 'x', '--file', log])).code, 2);
});
