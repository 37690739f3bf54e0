/**
 * LD-SIP-014: an HRESULT the client log records whose knowledge/hresults.json entry links a known-issue article.
 * Expected values written from the table before running: 0x80090322 is SEC_E_WRONG_PRINCIPAL ("the target
 * principal name is incorrect": a certificate name mismatch) and links trust-model-certificate-name-mismatch;
 * 0x80072EE2 (a WinHTTP time-out) has no article; 0xC3E93EE4 is LD-SIP-006's own.
 * The log lines below are hand-written in the UccApilog format (labelled as such), since the real corpus holds these
 * HRESULTs only inside ms-diagnostics headers (the cisco excerpt), which LD-SIP-009 reports.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { researchLinkedHresult } from '../../../../main/checks/sip';
import { analyzeLogFiles } from '../../../../main/logs/read';
import type { LoggedError } from '../../../../main/model/logs';
import { validate } from '../../../../main/model/schema';
import { logsSchema } from '../../../../main/model/validate-sip';
import { loadMsDiagnosticsTable } from '../../../../main/sip/ms-diagnostics-file';
import { runCli } from '../../../helpers/cli';
import { diag, logsSection, resp } from '../../../helpers/sip-snapshot';
import { baseSnapshot, NOW } from '../../../helpers/snapshot';

const env = { now: NOW };
const WRONG_PRINCIPAL: LoggedError = {
  hresult: '0x80090322',
  name: 'SEC_E_WRONG_PRINCIPAL',
  count: 3,
  firstLine: 41,
  firstFile: 'C:\\Users\\alice\\AppData\\Local\\Microsoft\\Office\\16.0\\Lync\\Tracing\\Lync-UccApi-0.UccApilog',
  firstTimestamp: '2026-05-31T09:00:00.000',
  sample: 'CSIPAsyncSocket::OnConnect - TLS handshake failed hr=0x80090322',
  advice: { meaning: 'The name on the server certificate is not the name the client connected to.', likelyFix: 'Reissue the certificate with the FQDN.', articleId: 'trust-model-certificate-name-mismatch' },
};
const withErrors = (errors: LoggedError[], messages = [] as Parameters<typeof logsSection>[0]) => baseSnapshot({ logs: logsSection(messages, { errors }) });

test('LD-SIP-014 a linked HRESULT: one warning naming it, its meaning, count, first line, likely fix and article', () => {
  const f = researchLinkedHresult.evaluate(withErrors([WRONG_PRINCIPAL]), env);
  assert.equal(f.length, 1);
  assert.equal(f[0]!.severity, undefined); // the check's default: warning
  assert.equal(researchLinkedHresult.severity, 'warning');
  assert.equal(f[0]!.message, 'The log records HRESULT 0x80090322 (SEC_E_WRONG_PRINCIPAL) 3×: The name on the server certificate is not the name the client connected to. Article trust-model-certificate-name-mismatch.');
  assert.deepEqual(
    f[0]!.evidence.map((e) => [e.label, e.value]),
    [
      ['HRESULT 0x80090322', 'first at Lync-UccApi-0.UccApilog line 41 2026-05-31T09:00:00.000: CSIPAsyncSocket::OnConnect - TLS handshake failed hr=0x80090322'],
      ['likely fix', 'Reissue the certificate with the FQDN.'],
      ['article', 'trust-model-certificate-name-mismatch'],
    ],
  );
});

test('LD-SIP-014 without a name, a timestamp, a meaning or a fix: the sentence and evidence leave those parts out', () => {
  const bare: LoggedError = { ...WRONG_PRINCIPAL, hresult: '0x800B010A', name: null, count: 1, firstTimestamp: null, advice: { meaning: '', likelyFix: '', articleId: 'server-certificate-untrusted-chain' } };
  const [f] = researchLinkedHresult.evaluate(withErrors([bare]), env);
  assert.equal(f!.message, 'The log records HRESULT 0x800B010A 1×. Article server-certificate-untrusted-chain.');
  assert.deepEqual(
    f!.evidence.map((e) => [e.label, e.value]),
    [
      ['HRESULT 0x800B010A', 'first at Lync-UccApi-0.UccApilog line 41: CSIPAsyncSocket::OnConnect - TLS handshake failed hr=0x80090322'],
      ['article', 'server-certificate-untrusted-chain'],
    ],
  );
});

const CHAINING: LoggedError = { ...WRONG_PRINCIPAL, hresult: '0x800B010A', name: 'CERT_E_CHAINING', advice: { meaning: 'm', likelyFix: 'f', articleId: 'server-certificate-untrusted-chain' } };

const CASES: ReadonlyArray<readonly [string, ReturnType<typeof withErrors>, number]> = [
  ['no article in the table entry: nothing to link', withErrors([{ ...WRONG_PRINCIPAL, hresult: '0x80072EE2', advice: { meaning: 'time-out', likelyFix: 'x', articleId: null } }]), 0],
  ['no advice (a bundle from before the field): nothing', withErrors([{ ...WRONG_PRINCIPAL, advice: undefined }]), 0],
  ['0xC3E93EE4: LD-SIP-006 reports it', withErrors([{ ...WRONG_PRINCIPAL, hresult: '0xC3E93EE4', name: 'SIP_E_AUTH_NTLMMISMATCH', advice: { meaning: 'm', likelyFix: 'f', articleId: 'ntlm-session-security-mismatch' } }]), 0],
  // the HRESULT rides on an ms-diagnostics header a check judges (1013 is research-linked: LD-SIP-009 reports it)
  ['inside a judged ms-diagnostics header: not twice', withErrors([WRONG_PRINCIPAL], [resp(1, 401, { diagnostics: [diag('1013;reason="x";HRESULT="0x80090322(SEC_E_WRONG_PRINCIPAL)"')] })]), 0],
  ['inside a judged header, lower-case digits: not twice', withErrors([WRONG_PRINCIPAL], [resp(1, 401, { diagnostics: [diag('1013;reason="x";HRESULT="0x80090322"'.toLowerCase())] })]), 0],
  // an undocumented code (52999) gets only LD-SIP-011's info, which names no article: the HRESULT's own finding stays
  // hex letters written in lower case in the header (0x800b010a) are the same HRESULT as the table's 0x800B010A
  ['inside a judged header, lower-case hex letters: not twice', withErrors([CHAINING], [resp(1, 401, { diagnostics: [diag('1013;reason="x";HRESULT="0x800b010a"')] })]), 0],
  ['inside an undocumented header: reported', withErrors([WRONG_PRINCIPAL], [resp(1, 500, { diagnostics: [diag('52999;reason="x";HRESULT="0x80090322"')] })]), 1],
  ['a judged header carrying another HRESULT: reported', withErrors([WRONG_PRINCIPAL], [resp(1, 401, { diagnostics: [diag('1013;reason="x";HRESULT="0x80090324"')] })]), 1],
  ['two linked HRESULTs: one finding each', withErrors([WRONG_PRINCIPAL, { ...WRONG_PRINCIPAL, hresult: '0x80090325', name: 'SEC_E_UNTRUSTED_ROOT', advice: { meaning: 'm', likelyFix: 'f', articleId: 'server-certificate-untrusted-root' } }]), 2],
  ['no logs section: nothing', baseSnapshot({}), 0],
];
for (const [name, snapshot, want] of CASES) {
  test(`LD-SIP-014 ${name}`, () => {
    assert.equal(researchLinkedHresult.evaluate(snapshot, env).length, want);
  });
}

test('the analyzer attaches the table advice to a logged HRESULT (the real knowledge/hresults.json), and a bundle keeps only a plain article id', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ld-hr-'));
  try {
    const log = join(dir, 'Lync-UccApi-0.UccApilog');
    // hand-written UccApilog lines (format of the real corpus; the HRESULTs written as the client writes them)
    writeFileSync(
      log,
      [
        '05/31/2026|09:00:00.000 1F68:C14 ERROR :: CSIPAsyncSocket::OnConnect - TLS handshake with pool01.contoso.com failed hr=0x80090322',
        '05/31/2026|09:00:01.000 1F68:C14 ERROR :: CTransportRequestRetrialQueue::OnTransportError - hr=0x80072EE2',
        '',
      ].join('\r\n'),
    );
    const d = await analyzeLogFiles([{ path: log, origin: 'given' }], loadMsDiagnosticsTable());
    const byHr = new Map(d.errors.map((e) => [e.hresult, e]));
    assert.equal(byHr.get('0x80090322')?.advice?.articleId, 'trust-model-certificate-name-mismatch');
    assert.match(byHr.get('0x80090322')?.advice?.meaning ?? '', /\S/);
    assert.equal(byHr.get('0x80072EE2')?.advice?.articleId ?? null, null);
    assert.deepEqual(validate(d, logsSchema), []);
    const hostile = JSON.parse(JSON.stringify(d)) as { errors: Array<{ advice?: { articleId: string } }> };
    hostile.errors[0]!.advice!.articleId = '../../etc/passwd';
    assert.notDeepEqual(validate(hostile, logsSchema), []);

    // the CLI: one LD-SIP-014 warning for the linked HRESULT, none for the time-out
    const r = await runCli(['sip', 'log', log, '--json']);
    const j = JSON.parse(r.out) as { findings: Array<{ checkId: string; severity: string; message: string }> };
    const hits = j.findings.filter((f) => f.checkId === 'LD-SIP-014');
    assert.deepEqual(hits.map((f) => [f.severity, /0x80090322 \(SEC_E_WRONG_PRINCIPAL\) 1×/.test(f.message)]), [['warning', true]]);
    assert.equal(r.code, 0); // a warning: the exit code stays 0 (errors only give 1)
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the real cisco excerpt: 0x80090322 rides on ms-diagnostics 1010, which LD-SIP-009 reports; no LD-SIP-014 twin', async () => {
  const r = await runCli(['sip', 'log', join(__dirname, '..', '..', '..', 'fixtures', 'sip', 'real', 'cisco-client-504-1010.txt'), '--json']);
  const ids = (JSON.parse(r.out) as { findings: Array<{ checkId: string }> }).findings.map((f) => f.checkId);
  assert.ok(ids.includes('LD-SIP-009'), ids.join());
  assert.ok(!ids.includes('LD-SIP-014'), ids.join());
});
