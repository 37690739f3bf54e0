// `lyncdoctor diagnose` flags as README "The command line" gives them: the input they build, the usage errors (exit 2,
// message on stderr, nothing on stdout), --answers and --replay files, and the progress lines on stderr.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { parseArgs, UsageError } from '../../../../main/cli/args';
import { answersFromFlags, DEFAULT_TIMEOUT_MS, DIAGNOSE_FLAGS, inputFromFlags, replayFromFlags, timeoutFromFlags } from '../../../../main/cli/diagnose';
import { runCli } from '../../../helpers/cli';

const dir = mkdtempSync(join(tmpdir(), 'ld-diagnose-flags-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const flags = (...argv: string[]) => parseArgs(argv, DIAGNOSE_FLAGS);
const usage = (fn: () => unknown, message: string | RegExp): void => {
  assert.throws(fn, (e: unknown) => e instanceof UsageError && (typeof message === 'string' ? e.message === message : message.test(e.message)));
};

test('inputFromFlags: the SIP address and its domain, the DNS server (none by default), 3000 ms by default; log files only when given', () => {
  assert.equal(DEFAULT_TIMEOUT_MS, 3000);
  assert.deepEqual(inputFromFlags(flags('--sip-address', 'alice@contoso.com')), { sipAddress: 'alice@contoso.com', sipDomain: 'contoso.com', dnsServer: null, timeoutMs: 3000 });
  const ca = join(dir, 'roots.pem');
  writeFileSync(ca, '');
  const all = inputFromFlags(flags('--sip-address', 'bob@fabrikam.com', '--dns-server', '127.0.0.1:5300', '--timeout-ms', '120000', '--log', 'a.log', '--log', 'b.log', '--proxy', 'http://proxy.fabrikam.com:8080', '--proxy-pac', 'http://wpad/wpad.dat', '--connect-to', 'a.fabrikam.com:443:127.0.0.1:8443', '--ca-file', ca));
  assert.deepEqual(all, {
    sipAddress: 'bob@fabrikam.com', sipDomain: 'fabrikam.com', dnsServer: '127.0.0.1:5300', timeoutMs: 120000, logFiles: ['a.log', 'b.log'],
    proxy: 'http://proxy.fabrikam.com:8080', proxyPac: 'http://wpad/wpad.dat', connectTo: ['a.fabrikam.com:443:127.0.0.1:8443'], caFile: ca,
  });
});

test('inputFromFlags usage errors: no or a bad SIP address, a DNS server that is no IP address, a deadline over two minutes', () => {
  usage(() => inputFromFlags(flags()), '--sip-address is required, e.g. --sip-address alice@contoso.com');
  usage(() => inputFromFlags(flags('--sip-address', 'no-at-sign')), /\S/);
  usage(() => inputFromFlags(flags('--sip-address', 'a@contoso.com', '--dns-server', 'dns.contoso.com')), /^--dns-server: /);
  usage(() => inputFromFlags(flags('--sip-address', 'a@contoso.com', '--timeout-ms', '120001')), '--timeout-ms must be at most 120000');
  assert.equal(timeoutFromFlags(flags(), 5000), 5000);
  assert.equal(timeoutFromFlags(flags('--timeout-ms', '120000'), 5000), 120000);
});

test('answersFromFlags: none is {}; the file\'s answers when valid; unreadable, not JSON or not answers: usage errors naming the problem', () => {
  assert.deepEqual(answersFromFlags(flags()), {});
  const good = join(dir, 'answers.json');
  const answers = { mobile: { platform: 'ios', osVersion: '9.1' } };
  writeFileSync(good, JSON.stringify(answers));
  assert.deepEqual(answersFromFlags(flags('--answers', good)), answers);
  const missing = join(dir, 'missing.json');
  usage(() => answersFromFlags(flags('--answers', missing)), new RegExp(`^--answers: cannot read ${missing.replace(/[.\\/]/g, '\\$&')}: ENOENT`));
  const notJson = join(dir, 'not.json');
  writeFileSync(notJson, '{ nope');
  usage(() => answersFromFlags(flags('--answers', notJson)), new RegExp(`^--answers: ${notJson.replace(/[.\\/]/g, '\\$&')} is not valid JSON \\(.+\\)$`));
  const wrong = join(dir, 'wrong.json');
  writeFileSync(wrong, JSON.stringify({ mobile: { platform: 42 } }));
  usage(() => answersFromFlags(flags('--answers', wrong)), /^--answers: \S/);
});

test('answersFromFlags: a file saved as "UTF-8" by Windows PowerShell 5.1 or older Notepad (with a byte order mark) is read like one without', () => {
  const answers = { mobile: { platform: 'ios', osVersion: '9.1', language: 'English', region: 'Sweden' } };
  const bom = join(dir, 'answers-bom.json');
  writeFileSync(bom, `\uFEFF${JSON.stringify(answers, null, 2)}\r\n`);
  assert.deepEqual(answersFromFlags(flags('--answers', bom)), answers);
});

test('answersFromFlags: a file saved as "Unicode" by Notepad or by Windows PowerShell 5.1\'s Out-File (UTF-16LE with its mark) is read too, non-ASCII text included', () => {
  const answers = { mobile: { platform: 'android', osVersion: '14', language: 'Français', region: 'Côte d\'Ivoire' } };
  const utf16 = join(dir, 'answers-utf16.json');
  writeFileSync(utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${JSON.stringify(answers, null, 2)}\r\n`, 'utf16le')]));
  assert.deepEqual(answersFromFlags(flags('--answers', utf16)), answers);
  // and plain UTF-8 with the same accents, no mark
  const utf8 = join(dir, 'answers-utf8.json');
  writeFileSync(utf8, JSON.stringify(answers));
  assert.deepEqual(answersFromFlags(flags('--answers', utf8)), answers);
});

test('replayFromFlags: none is null; a recorded PC runs as win32; a bad file is a usage error', () => {
  assert.equal(replayFromFlags(flags()), null);
  const pc = join(dir, 'pc.json');
  writeFileSync(pc, JSON.stringify({ platform: 'win32', commands: [] }));
  const r = replayFromFlags(flags('--replay', pc));
  assert.equal(r?.platform, 'win32');
  assert.equal(typeof r?.run, 'function');
  usage(() => replayFromFlags(flags('--replay', join(dir, 'none.json'))), /^--replay: cannot read /);
});

test('diagnose: one progress line per collector on stderr in text mode, none with --json; a DNS server that never answers is a gap (exit 1)', async () => {
  const argv = ['diagnose', '--sip-address', 'alice@contoso.com', '--dns-server', '127.0.0.1:9', '--timeout-ms', '800'];
  const text = await runCli(argv);
  assert.equal(text.code, 1, text.err);
  const progress = text.err.trimEnd().split('\n');
  assert.ok(progress.length >= 5, text.err);
  for (const l of progress) assert.match(l, /^ {2}[A-Za-z-]+: (ok|partial|error|timeout|not-applicable) \(\d+ ms\)$/);
  assert.ok(progress.some((l) => l.startsWith('  dns: ')), text.err);
  assert.match(text.out, /\[LD-GAP-001\]/);
  const json = await runCli([...argv, '--json']);
  assert.deepEqual([json.code, json.err], [1, '']);
  const j = JSON.parse(json.out) as { snapshot: { input: { timeoutMs: number; dnsServer: string } }; findings: Array<{ checkId: string }> };
  assert.deepEqual([j.snapshot.input.timeoutMs, j.snapshot.input.dnsServer], [800, '127.0.0.1:9']);
  assert.ok(j.findings.some((f) => f.checkId === 'LD-GAP-001'));
});

test('diagnose usage errors: exit 2, the message on stderr after "lyncdoctor diagnose:", nothing on stdout', async () => {
  for (const [argv, message] of [
    [['--sip-address', 'a@contoso.com', '--timeout-ms', '999999'], '--timeout-ms must be at most 120000'],
    [['--sip-address', 'a@contoso.com', '--answers', join(dir, 'nope.json')], `--answers: cannot read ${join(dir, 'nope.json')}`],
    [['--sip-address', 'a@contoso.com', '--replay', join(dir, 'nope.json')], '--replay: cannot read'],
    [['--sip-address', 'a@contoso.com', '--dns-server', 'x y'], '--dns-server: '],
  ] as const) {
    const r = await runCli(['diagnose', ...argv]);
    assert.deepEqual([r.code, r.out], [2, ''], argv.join(' '));
    assert.ok(r.err.startsWith(`lyncdoctor diagnose: ${message}`), r.err);
  }
});
