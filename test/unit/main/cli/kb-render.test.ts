// `lyncdoctor kb show | search` over a stand-in knowledge base and HRESULT table whose every field is chosen here,
// so each optional line of the text (README "kb", the usage) is checked present when its field has a value and
// absent when not; what the command asks the knowledge base (query, limits) is recorded too.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, test } from 'node:test';
import { kbCommandDeps } from '../../../../main/cli/kb';
import type { HresultEntry } from '../../../../main/kb/hresults';
import type { KnowledgeBase, MsDiagHit, Resolved } from '../../../../main/kb/knowledge-base';
import type { MsDiagRecord } from '../../../../main/kb/ms-diagnostics';
import type { KbCodeCard, KbHit } from '../../../../main/model/api';
import type { Article } from '../../../../main/model/article';
import { runCliInProcess as runCli } from '../../../helpers/cli';

const dir = mkdtempSync(join(tmpdir(), 'ld-kb-render-'));

const FULL: Article = {
  id: 'art-full', title: 'Everything set', research: [], kb: ['KB111', 'KB222'], products: ['Lync 2010', 'Lync 2013'], versions: ['4.0', '15.0'], category: 'sign-in',
  symptoms: ['It fails', 'It loops'], errors: ['0x80090322', '407'], cause: 'A cause.', signals: { local: ['pc sign'], mobile: ['phone sign'], server: ['server sign'] },
  fix: [{ step: 'Do one.', command: 'First-Line\nSecond-Line' }, { step: 'Do two.' }] as Article['fix'], fixSummary: 'Summary.', sources: ['src A', 'src B'], verification: 'unverified' as Article['verification'],
  verificationNote: 'Only a forum says so.', related: ['art-min', 'art-x'], body: 'The body.',
};
const MIN: Article = {
  id: 'art-min', title: 'Nothing optional', research: ['SFB-KI-001', 'SFB-KI-002'], kb: [], products: [], versions: [], category: 'dns', symptoms: [], errors: [], cause: 'C.',
  signals: { local: [], mobile: [], server: [] }, fix: [{ step: 'Only step.' }] as Article['fix'], fixSummary: 'S.', sources: ['s'], verification: 'verified' as Article['verification'], verificationNote: '', related: [], body: '',
};
const CLIENT_CODE: MsDiagRecord = { code: 52001, header: 'ms-client-diagnostics', reason: null, meaning: 'Client meaning.', likelyFix: 'Client fix.', context: '', research: [], articleId: null, verified: false, evidence: 'captures', sources: ['s1', 's2'] };
const PUBLIC_CODE: MsDiagRecord = { code: 1034, header: 'ms-diagnostics-public', reason: 'Public reason', meaning: 'M.', likelyFix: 'F.', context: 'Where.', research: [], articleId: 'art-min', verified: true, evidence: 'microsoft', sources: [] };
const HR_KNOWN: HresultEntry = { hresult: '0x80090322', name: 'SEC_E_WRONG_PRINCIPAL', meaning: 'Wrong principal.', likelyFix: 'Fix the name.', evidence: 'microsoft', articleId: 'art-min', sources: ['hr src'] };
const HR_CAPTURED: HresultEntry = { hresult: '0x8004BEEF', name: 'E_BEEF', meaning: 'Beef.', likelyFix: 'Less beef.', evidence: 'captures', articleId: null, sources: [] };

interface State {
  hits: KbHit[];
  codes: MsDiagHit[];
  named: KbCodeCard[];
  resolved: Record<string, Resolved>;
  explains: number[];
}
const NONE: Resolved = { article: null, msDiagnostics: null, alsoMatches: [] };
let state: State;
const calls: string[] = [];
const fake = {
  search: (q: string, limit: number) => (calls.push(`search ${JSON.stringify(q)} ${limit}`), state.hits),
  codesIn: (q: string) => (calls.push(`codesIn ${JSON.stringify(q)}`), state.named),
  searchMsDiagnostics: (q: string, limit: number) => (calls.push(`codes ${JSON.stringify(q)} ${limit}`), state.codes),
  resolve: (w: string) => (calls.push(`resolve ${w}`), state.resolved[w] ?? NONE),
  article: (id: string) => [FULL, MIN].find((a) => a.id === id) ?? null,
  explainsCode: (code: number) => state.explains.includes(code),
} as unknown as KnowledgeBase;

const saved = { ...kbCommandDeps };
before(() => {
  kbCommandDeps.knowledgeBase = () => fake;
  kbCommandDeps.hresults = () => new Map([[HR_KNOWN.hresult, HR_KNOWN], [HR_CAPTURED.hresult, HR_CAPTURED]]);
});
after(() => {
  Object.assign(kbCommandDeps, saved);
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  state = { hits: [], codes: [], named: [], resolved: {}, explains: [] };
  calls.length = 0;
});
const linesOf = (out: string): string[] => out.replace(/\n$/, '').split('\n');

test('kb show: an article with every optional field prints each in its place', async () => {
  state.resolved['art-full'] = { article: FULL, msDiagnostics: null, alsoMatches: [] };
  const r = await runCli(['kb', 'show', 'art-full']);
  assert.deepEqual([r.code, r.err], [0, '']);
  assert.deepEqual(linesOf(r.out), [
    'Everything set',
    '  id: art-full   category: sign-in   verification: unverified',
    '  note: Only a forum says so.',
    '  KB: KB111, KB222',
    '  products: Lync 2010; Lync 2013',
    '  versions: 4.0; 15.0',
    '', 'Symptoms', '  - It fails', '  - It loops',
    '', 'Errors: 0x80090322, 407',
    '', 'Cause', '  A cause.',
    '', 'What to look at', '  - [pc] pc sign', '  - [mobile] phone sign', '  - [server] server sign',
    '', 'Fix', '  1. Do one.', '       First-Line', '       Second-Line', '  2. Do two.',
    '', 'In one line: Summary.',
    '', 'The body.',
    '', 'Sources', '  - src A', '  - src B',
    '', 'Related: art-min, art-x',
  ]);
});

test('kb show: an article without optional fields has none of their lines; other articles on the same key are named', async () => {
  state.resolved['art-min'] = { article: MIN, msDiagnostics: null, alsoMatches: ['art-full', 'art-x'] };
  const r = await runCli(['kb', 'show', 'art-min']);
  assert.equal(r.code, 0);
  assert.deepEqual(linesOf(r.out), [
    'Nothing optional', '  id: art-min   category: dns   verification: verified', '  research: SFB-KI-001, SFB-KI-002',
    '', 'Cause', '  C.', '', 'Fix', '  1. Only step.', '', 'In one line: S.', '', 'Sources', '  - s',
    '', 'Also about "art-min": art-full, art-x',
  ]);
});

test('kb show: a code card names its family, leaves out empty fields, says how it is known; "not documented" unless its row explains it', async () => {
  state.resolved['52001'] = { article: null, msDiagnostics: CLIENT_CODE, alsoMatches: [] };
  state.explains = [52001];
  const r = await runCli(['kb', 'show', '52001']);
  assert.equal(r.code, 0, 'a documented code alone is an answer');
  assert.deepEqual(linesOf(r.out), ['ms-client-diagnostics 52001', '  meaning:    Client meaning.', '  likely fix: Client fix.', '  verified:   no (seen in captures / third-party documents only)', '  source:     s1', '  source:     s2']);
  state.explains = [];
  const undocumented = await runCli(['kb', 'show', '52001']);
  assert.equal(undocumented.code, 1, 'a code the table does not explain is no answer');
  assert.equal(linesOf(undocumented.out)[0], 'ms-client-diagnostics 52001 - not documented');
  const j = JSON.parse((await runCli(['kb', 'show', '52001', '--json'])).out) as { documented: boolean };
  assert.equal(j.documented, false);
  // a "gap" row never counts as explained, even where the table has the code
  state.explains = [52001];
  state.resolved['52001'] = { article: null, msDiagnostics: { ...CLIENT_CODE, evidence: 'gap' }, alsoMatches: [] };
  const gap = await runCli(['kb', 'show', '52001', '--json']);
  assert.equal(gap.code, 1);
  assert.equal((JSON.parse(gap.out) as { documented: boolean }).documented, false);

  // another header of the family is shown; reason, context and article when present; no evidence mark: no words for it
  state.explains = [1034];
  state.resolved['1034'] = { article: MIN, msDiagnostics: { ...PUBLIC_CODE, evidence: undefined as unknown as MsDiagRecord['evidence'] }, alsoMatches: [] };
  const pub = await runCli(['kb', 'show', '1034']);
  assert.deepEqual(linesOf(pub.out).slice(0, 10), ['ms-diagnostics 1034', '  header:     ms-diagnostics-public', '  reason:     Public reason', '  meaning:    M.', '  likely fix: F.', '  where:      Where.', '  verified:   yes', '  article:    art-min', '', 'Nothing optional']);
});

test('kb show HRESULT: the table entry (verified only when Microsoft documents it), then the article it names; by constant name too', async () => {
  const r = await runCli(['kb', 'show', '0x80090322']);
  assert.deepEqual([r.code, r.err], [0, '']);
  const lines = linesOf(r.out);
  assert.deepEqual(lines.slice(0, 8), ['HRESULT 0x80090322 SEC_E_WRONG_PRINCIPAL', '  meaning:    Wrong principal.', '  likely fix: Fix the name.', '  verified:   yes (documented by Microsoft)', '  article:    art-min', '  source:     hr src', '', 'Nothing optional']);
  assert.deepEqual(calls, ['resolve 0x80090322'], 'asked as typed; the value is what was typed, so not asked again');
  calls.length = 0;
  const byName = await runCli(['kb', 'show', 'sec_e_wrong_principal']);
  assert.equal(byName.code, 0);
  assert.equal(linesOf(byName.out)[0], 'HRESULT 0x80090322 SEC_E_WRONG_PRINCIPAL');
  assert.deepEqual(calls, ['resolve sec_e_wrong_principal', 'resolve 0x80090322'], 'a name is looked up again by its value');

  // no article named by the table: the article listing the value among its errors
  state.resolved['0x8004BEEF'] = { article: FULL, msDiagnostics: null, alsoMatches: ['art-x'] };
  const captured = await runCli(['kb', 'show', 'E_BEEF']);
  const cl = linesOf(captured.out);
  assert.deepEqual(cl.slice(0, 6), ['HRESULT 0x8004BEEF E_BEEF', '  meaning:    Beef.', '  likely fix: Less beef.', '  verified:   no (seen in captures / third-party documents only)', '', 'Everything set']);
  assert.equal(cl.at(-1), 'Also about "E_BEEF": art-x');
  const j = JSON.parse((await runCli(['kb', 'show', 'E_BEEF', '--json'])).out) as Record<string, unknown>;
  assert.deepEqual(Object.keys(j).sort(), ['alsoMatches', 'article', 'documented', 'hresult', 'msDiagnostics']);
  assert.equal(j.documented, true);
  assert.equal((j.hresult as HresultEntry).name, 'E_BEEF');
  assert.equal((j.article as Article).id, 'art-full');

  // an article found directly wins; the HRESULT card is still shown
  state.resolved['0x80090322'] = { article: FULL, msDiagnostics: null, alsoMatches: [] };
  assert.equal(linesOf((await runCli(['kb', 'show', '0x80090322'])).out)[7], 'Everything set');
});

test('kb show of something unknown: the reason on stderr, nothing on stdout, exit 1; an HRESULT outside the table says so with its name when known', async () => {
  const none = await runCli(['kb', 'show', 'nothing', 'here']);
  assert.deepEqual([none.code, none.out], [1, '']);
  assert.equal(none.err, 'Nothing is known as "nothing here". Search instead: npm run lyncdoctor -- kb search "nothing here"\n');
  const jn = JSON.parse((await runCli(['kb', 'show', 'nothing', '--json'])).out) as Record<string, unknown>;
  assert.ok(!('documented' in jn) && !('hresult' in jn), 'neither a code nor an HRESULT: no verdict');
  const hr = await runCli(['kb', 'show', '0x80004005']);
  assert.deepEqual([hr.code, hr.out], [1, '']);
  assert.equal(hr.err, 'HRESULT 0x80004005 (E_FAIL) - not documented in Lync Doctor\'s table. Nothing is known as "0x80004005". Search instead: npm run lyncdoctor -- kb search "0x80004005"\n');
  const unnamed = await runCli(['kb', 'show', '0x8123ABCD']);
  assert.match(unnamed.err, /^HRESULT 0x8123ABCD - not documented in Lync Doctor's table\. Nothing is known as "0x8123ABCD"\./);
  const jh = JSON.parse((await runCli(['kb', 'show', '0x8123ABCD', '--json'])).out) as Record<string, unknown>;
  assert.equal(jh.documented, false);
});

test('kb search: asks for the words joined and trimmed, 10 hits by default and at most 5 codes; --limit lowers both', async () => {
  await runCli(['kb', 'search', ' two ', 'words ']);
  assert.deepEqual(calls, ['search "two  words" 10', 'codesIn "two  words"', 'codes "two  words" 5']);
  calls.length = 0;
  await runCli(['kb', 'search', 'x', '--limit', '3']);
  assert.deepEqual(calls, ['search "x" 3', 'codesIn "x"', 'codes "x" 3']);
  calls.length = 0;
  await runCli(['kb', 'search', 'x', '--limit', '100']);
  assert.deepEqual(calls, ['search "x" 100', 'codesIn "x"', 'codes "x" 5']);
  assert.equal((await runCli(['kb', 'search', 'x', '--limit', '2.5'])).code, 2);
});

const HIT: KbHit = { articleId: 'art-min', research: [], title: 'T', score: 7, snippet: 'snip' };
const CODE: MsDiagHit = { code: 1000, reason: null, meaning: 'Meaning.', articleId: null, documented: true, evidence: 'inferred', score: 1, snippet: '' };

test('kb search text: a hit without research has no parentheses; a code without reason or article has neither; codes named in the text are not listed twice', async () => {
  state.hits = [HIT, { articleId: 'art-x', research: ['SFB-KI-001', 'SFB-KI-002'], title: 'T2', score: 3, snippet: 's2' }];
  state.codes = [CODE, { ...CODE, code: 2000, documented: false }];
  state.named = [{ code: 2000, documented: true, entry: { code: 2000, header: 'ms-diagnostics', reason: null, meaning: 'Named.', likelyFix: '', research: [], articleId: null, verified: true, sources: [] } }];
  const r = await runCli(['kb', 'search', 'q']);
  // (a documented code without an evidence mark has no mark words: the line ends in the separator's spaces)
  assert.deepEqual(linesOf(r.out).map((l) => l.trimEnd()), [
    'Codes in the text', '  ms-diagnostics 2000', '     Named.', '',
    '1. art-min  score 7', '   T', '   snip',
    '2. art-x  (SFB-KI-001, SFB-KI-002)  score 3', '   T2', '   s2',
    '', 'ms-diagnostics codes', '  1000  [inferred (no source states it)]', '     Meaning.',
    '', 'Open one with: npm run lyncdoctor -- kb show <articleId or code>',
  ]);
});

test('kb search text: codes alone, or named codes alone, are an answer (not "nothing matches")', async () => {
  state.codes = [CODE];
  // no leading blank line when nothing comes before the codes
  assert.deepEqual(linesOf((await runCli(['kb', 'search', 'q'])).out), ['ms-diagnostics codes', '  1000  [inferred (no source states it)]', '     Meaning.', '', 'Open one with: npm run lyncdoctor -- kb show <articleId or code>']);
  state.codes = [];
  state.named = [{ code: 21006, documented: false, form: 'ms-client-diagnostics', raw: '21006;reason="x"', entry: { code: 21006, header: 'ms-diagnostics', reason: 'R', meaning: 'Not known.', likelyFix: '', research: [], articleId: 'art-min', verified: false, sources: [] } }];
  // exactly one blank line between the parts (it was doubled when named codes stood alone)
  assert.deepEqual(linesOf((await runCli(['kb', 'search', 'q'])).out), ['Codes in the text', '  ms-client-diagnostics 21006  "R"  (not documented)', '     as written: 21006;reason="x"', '     Not known.  → article art-min', '', 'Open one with: npm run lyncdoctor -- kb show <articleId or code>']);
  // named codes, then the other codes: one blank line between them (there were two)
  state.codes = [CODE];
  assert.deepEqual(linesOf((await runCli(['kb', 'search', 'q'])).out).slice(3, 8), ['     Not known.  → article art-min', '', 'ms-diagnostics codes', '  1000  [inferred (no source states it)]', '     Meaning.']);
});

test('kb search text with HRESULTs the table explains: listed after the rest, with mark and article; alone when nothing else matched', async () => {
  state.hits = [HIT];
  const r = await runCli(['kb', 'search', 'failed hr=0x80090322 then 0x8004beef and 0x80090322 again']);
  assert.deepEqual(linesOf(r.out), [
    '1. art-min  score 7', '   T', '   snip',
    '', 'HRESULTs',
    '  0x80090322 SEC_E_WRONG_PRINCIPAL  [documented by Microsoft]', '     Wrong principal.  → article art-min',
    '  0x8004BEEF E_BEEF  [seen in captures / third-party documents only]', '     Beef.',
    '', 'Open one with: npm run lyncdoctor -- kb show <articleId, code or HRESULT>',
  ]);
  state.hits = [];
  const alone = await runCli(['kb', 'search', '0x8004BEEF']);
  assert.deepEqual(linesOf(alone.out), ['HRESULTs', '  0x8004BEEF E_BEEF  [seen in captures / third-party documents only]', '     Beef.', '', 'Open one with: npm run lyncdoctor -- kb show <articleId, code or HRESULT>']);
  // codes alone, or named codes alone, still come before the HRESULTs
  state.codes = [CODE];
  assert.deepEqual(linesOf((await runCli(['kb', 'search', '0x8004BEEF'])).out).slice(0, 5), ['ms-diagnostics codes', '  1000  [inferred (no source states it)]', '     Meaning.', '', 'HRESULTs']);
  state.codes = [];
  state.named = [{ code: 2000, documented: true, entry: { code: 2000, header: 'ms-diagnostics', reason: null, meaning: 'Named.', likelyFix: '', research: [], articleId: null, verified: true, sources: [] } }];
  // a documented code without an evidence mark and without a reason: no trailing spaces
  assert.deepEqual(linesOf((await runCli(['kb', 'search', '0x8004BEEF'])).out).slice(0, 5), ['Codes in the text', '  ms-diagnostics 2000', '     Named.', '', 'HRESULTs']);
  state.named = [];
  const j = JSON.parse((await runCli(['kb', 'search', '0x8004BEEF', '--json'])).out) as Record<string, unknown>;
  assert.deepEqual(j, { query: '0x8004BEEF', hits: [], msDiagnostics: [], hresults: [HR_CAPTURED], codes: [] });
});

test('kb search --file: the file\'s text is the query (not echoed in --json); with text too, empty or unreadable: usage errors', async () => {
  const file = join(dir, 'paste.txt');
  writeFileSync(file, 'line one\nhr=0x80090322\n');
  const j = JSON.parse((await runCli(['kb', 'search', '--file', file, '--json'])).out) as Record<string, unknown>;
  assert.equal(j.query, `--file ${file}`);
  assert.deepEqual((j.hresults as HresultEntry[]).map((h) => h.hresult), ['0x80090322']);
  assert.equal(calls[0], `search ${JSON.stringify('line one\nhr=0x80090322\n')} 10`, 'the whole file, not trimmed');
  const nothing = join(dir, 'plain.txt');
  writeFileSync(nothing, 'zzz');
  assert.equal((await runCli(['kb', 'search', '--file', nothing])).out, `No article or ms-diagnostics code matches "the file ${nothing}". Try fewer or other words, an error code or a KB number.\n`);
  const both = await runCli(['kb', 'search', 'words', '--file', file]);
  assert.deepEqual([both.code, both.out], [2, '']);
  assert.match(both.err, /^lyncdoctor kb: kb search takes the text or --file, not both\nusage:/);
  const empty = join(dir, 'empty.txt');
  writeFileSync(empty, ' \n');
  assert.match((await runCli(['kb', 'search', '--file', empty])).err, new RegExp(`^lyncdoctor kb: kb search needs the text to look for \\(${empty.replace(/[.\\/]/g, '\\$&')} is empty\\)\\nusage:`));
  const missing = join(dir, 'missing.txt');
  assert.equal((await runCli(['kb', 'search', '--file', missing])).err, `lyncdoctor kb: cannot read ${missing}: ENOENT\n`);
});

test('kb check takes no options; kb show without a subject and unknown options are usage errors', async () => {
  const r = await runCli(['kb', 'check', '--bogus']);
  assert.deepEqual([r.code, r.out], [2, '']);
  assert.match(r.err, /^lyncdoctor kb: unknown option --bogus/);
  const show = await runCli(['kb', 'show', ' ']);
  assert.equal(show.code, 2);
  assert.match(show.err, /^lyncdoctor kb: kb show needs an article id/);
});
