// The text of `kb show` and `kb search`: every field of the fixture article / ms-diagnostics entry (values read
// from test/fixtures/kb by hand, see the files) in its place, optional lines only when the field has a value.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { kbCommandDeps } from '../../../../main/cli/kb';
import { loadKnowledge } from '../../../../main/kb/default';
import { KnowledgeBase } from '../../../../main/kb/knowledge-base';
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

test('kb show ms-diagnostics 1000: the code entry, then its article, every section in order', async () => {
  const r = await runCli(['kb', 'show', 'ms-diagnostics', '1000']);
  assert.equal(r.code, 0, r.err);
  const lines = r.out.replace(/\n$/, '').split('\n');
  // test/fixtures/kb/ms-diagnostics.json code 1000, then articles/fx-lync-sign-in-loop.md
  assert.deepEqual(lines.slice(0, 22), [
    'ms-diagnostics 1000',
    '  reason:     Final handshake failed.',
    '  meaning:    The authentication handshake never completed.',
    '  likely fix: Align the NTLM policy.',
    '  where:      Response to REGISTER.',
    '  verified:   yes (documented by Microsoft)', // verified without an evidence mark: derived as "microsoft"
    '  article:    fx-lync-sign-in-loop',
    '  source:     test fixture',
    '',
    'Lync desktop client loops at sign-in',
    '  id: fx-lync-sign-in-loop   category: auth   verification: verified',
    '  research: SFB-KI-904',
    '  products: Lync 2013',
    '',
    'Symptoms',
    '  - The desktop client keeps asking for the password and never finishes signing in',
    '',
    'Errors: ms-diagnostics 1000',
    '',
    'Cause',
    '  The handshake never completes.',
    '',
  ]);
  const fixAt = lines.indexOf('Fix');
  assert.deepEqual(lines.slice(fixAt, fixAt + 4), ['Fix', '  1. Align the NTLM policy.', '', 'In one line: Align the NTLM policy.']);
  assert.ok(lines.includes('Body.'));
  const srcAt = lines.indexOf('Sources');
  assert.deepEqual(lines.slice(srcAt, srcAt + 2), ['Sources', '  - test fixture']);
  // empty fields leave no line: no KB, versions, note, signals, related
  for (const absent of [/^ {2}KB: /, /^ {2}versions: /, /^ {2}note: /, /^What to look at$/, /^Related: /]) assert.ok(!lines.some((l) => absent.test(l)), String(absent));
});

test('kb show KB1234567: KB numbers, products, errors and related are listed; the other article on it is named', async () => {
  const r = await runCli(['kb', 'show', 'KB1234567']);
  assert.equal(r.code, 0, r.err);
  const lines = r.out.replace(/\n$/, '').split('\n');
  // articles/fx-sfb-client-certificate.md
  assert.deepEqual(lines.slice(0, 5), ['Skype for Business client certificate has expired', '  id: fx-sfb-client-certificate   category: certificates   verification: verified', '  research: SFB-KI-901', '  KB: KB1234567', '  products: Skype for Business 2016']);
  assert.ok(lines.includes('Errors: 0xC3E9FFFF'));
  assert.ok(lines.includes('Related: fx-phone-notification-delivery'));
  assert.equal(lines.at(-1), 'Also about "KB1234567": fx-background-topic');
});

test('kb search text: numbered hits (id, research, score; title; snippet), then the codes, then how to open one', async () => {
  const r = await runCli(['kb', 'search', 'final', 'handshake', 'failed']);
  assert.equal(r.code, 0, r.err);
  const lines = r.out.replace(/\n$/, '').split('\n');
  const hits = kb.search('final handshake failed', 10);
  assert.ok(hits.length >= 1);
  hits.forEach((h, i) => {
    assert.match(lines[i * 3]!, new RegExp(`^${i + 1}\\. ${h.articleId}${h.research.length ? ` {2}\\(${h.research.join(', ')}\\)` : ''} {2}score -?[0-9.]+$`));
    assert.equal(lines[i * 3 + 1], `   ${h.title}`);
    assert.equal(lines[i * 3 + 2], `   ${h.snippet}`);
  });
  const at = hits.length * 3;
  assert.deepEqual(lines.slice(at, at + 4), ['', 'ms-diagnostics codes', '  1000  "Final handshake failed."  [documented by Microsoft]', '     The authentication handshake never completed.  → article fx-lync-sign-in-loop']);
  assert.deepEqual(lines.slice(-2), ['', 'Open one with: npm run lyncdoctor -- kb show <articleId or code>']);
});

test('kb search text: each code carries its verification mark; a code the table lacks is shown as written', async () => {
  const r = await runCli(['kb', 'search', 'ms-diagnostics: 1000;reason="Final handshake failed." ms-client-diagnostics: 52999;reason="zzz odd";x="1"']);
  assert.equal(r.code, 0, r.err);
  const lines = r.out.split('\n');
  const at = lines.indexOf('Codes in the text');
  assert.ok(at >= 0, r.out);
  // The fixture row 1000 is verified (evidence derived: microsoft); 52999 is in no table.
  assert.equal(lines[at + 1], '  ms-diagnostics 1000  "Final handshake failed."  [documented by Microsoft]');
  assert.equal(lines[at + 3], '  ms-client-diagnostics 52999  (not documented)');
  assert.equal(lines[at + 4], '     as written: 52999;reason="zzz odd";x="1"');
});

test('kb search text: articles only (no code section); nothing found is one sentence', async () => {
  const r = await runCli(['kb', 'search', 'proxy', 'authentication']);
  assert.equal(r.code, 0, r.err);
  assert.ok(!r.out.includes('ms-diagnostics codes'));
  assert.match(r.out, /^1\. fx-proxy-auth {2}\(SFB-KI-903\) {2}score /);
  const none = await runCli(['kb', 'search', 'zzzzqqq']);
  assert.equal(none.out, 'No article or ms-diagnostics code matches "zzzzqqq". Try fewer or other words, an error code or a KB number.\n');
});

test('kb usage: "kb" alone is a usage error (usage on stderr, nothing on stdout, exit 2); --help / help exit 0; an unknown subcommand and missing texts name what is expected', async () => {
  const alone = await runCli(['kb']);
  assert.deepEqual([alone.code, alone.out], [2, '']);
  assert.match(alone.err, /^lyncdoctor kb: missing kb subcommand\nusage:\n {2}lyncdoctor kb search "<text>"/);
  for (const h of ['--help', 'help']) {
    const r = await runCli(['kb', h]);
    assert.equal(r.code, 0, h);
    assert.match(r.out, /^usage:\n {2}lyncdoctor kb search "<text>" \[--json\] \[--limit N\]/);
  }
  const unknown = await runCli(['kb', 'frobnicate']);
  assert.match(unknown.err, /^lyncdoctor kb: unknown kb subcommand "frobnicate"\nusage:/);
  assert.match((await runCli(['kb', 'search'])).err, /^lyncdoctor kb: kb search needs the text to look for\nusage:/);
  assert.match((await runCli(['kb', 'search', 'x', '--limit', '101'])).err, /--limit must be a whole number from 1 to 100/);
  assert.match((await runCli(['kb', 'show'])).err, /^lyncdoctor kb: kb show needs an article id, SFB-KI id, KB number or ms-diagnostics code\nusage:/);
  const none = await runCli(['kb', 'show', 'no "such" thing']);
  assert.match(none.err, /Search instead: npm run lyncdoctor -- kb search "no such thing"/);
});
