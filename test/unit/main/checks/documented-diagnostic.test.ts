/**
 * LD-SIP-015: an ms-diagnostics code the knowledge base documents, but links to no known issue and no check of its
 * own, on a refused request other than the sign-in REGISTER (a warning) or logged without its answer (info).
 * Before it, the real excerpts ms-403-delegate-4268, ms-500-exum-15000 and ms-client-1017-split-domain ended
 * "No known issue matched the collected facts" although the log said why the request failed.
 * Expected values are written from the test table (test/helpers/sip-snapshot.ts: 4003 documented, no research, no
 * article; 1033 documented with an article, no research; 1013 research-linked; 4005 LD-SIP-007's; 1046 unconfirmed)
 * and from reading the real excerpts (their expert readings in the expected.json beside them).
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { documentedDiagnostic, PROGRESS_CODES, researchLinkedDiagnostic, researchLinkedHresult, sipChecks } from '../../../../main/checks/sip';
import { caseSteps } from '../../../../main/checks/case-steps';
import { runChecks } from '../../../../main/checks/run';
import type { Check } from '../../../../main/checks/types';
import type { LoggedError } from '../../../../main/model/logs';
import type { ArticleRef } from '../../../../main/model/article';
import { parseDiagnosticValue } from '../../../../main/sip/ms-diagnostics';
import { loadMsDiagnosticsTable } from '../../../../main/sip/ms-diagnostics-file';
import { runCli } from '../../../helpers/cli';
import { attempt, diag, logged, logsSection, resp, response, sipSection } from '../../../helpers/sip-snapshot';
import { baseSnapshot, NOW } from '../../../helpers/snapshot';

const env = { now: NOW };
const REMOTE = '4003;reason="From URI not enabled for remote access.";source="fe01.contoso.com"';
const ans = (statusCode: number, value: string, cseqMethod: string | null = 'INVITE', header: Parameters<typeof diag>[1] = 'ms-diagnostics-public') =>
  resp(7, statusCode, { cseqMethod, diagnostics: [diag(value, header)] });
const logs = (...messages: Parameters<typeof logsSection>[0]) => baseSnapshot({ logs: logsSection(messages) });

test('LD-SIP-015 a documented code on a refused INVITE: one warning with the method, status, code, meaning, fix and attributes', () => {
  const f = documentedDiagnostic.evaluate(logs(ans(403, REMOTE)), env);
  assert.equal(f.length, 1);
  assert.equal(f[0]!.severity, undefined); // the check's default
  assert.equal(documentedDiagnostic.severity, 'warning');
  assert.equal(f[0]!.message, 'INVITE was refused with 403 and ms-diagnostics-public 4003 "From URI not enabled for remote access." (documented): remote access off.');
  assert.deepEqual(
    f[0]!.evidence.map((e) => [e.label, e.value]),
    [
      ['ms-diagnostics-public', REMOTE],
      ['seen in', `log Lync-UccApi-0.UccApilog line ${f[0]!.evidence[1]!.value.match(/line (\d+)/)![1]} (INVITE 403)`],
      ['meaning', 'remote access off'],
      ['likely fix', 'enable remote access'],
      ['source', 'fe01.contoso.com'],
    ],
  );
  assert.equal(f[0]!.articleId, undefined); // 4003 has no article of its own: the check's (ms-diagnostics-failure-code)
  assert.equal(documentedDiagnostic.articleId, 'ms-diagnostics-failure-code');
});

test('LD-SIP-015 a documented code logged without its message: info, saying the message is not in the log', () => {
  const inline = baseSnapshot({ logs: logsSection([], { diagnostics: [{ diagnostic: diag(REMOTE, 'ms-diagnostics-public'), count: 2, firstFile: 'C:\\t\\Lync-UccApi-0.UccApilog', firstLine: 5, statusCode: null, cseqMethod: null }] }) });
  const f = documentedDiagnostic.evaluate(inline, env);
  assert.deepEqual(
    f.map((x) => [x.severity, x.message]),
    [['info', 'The client log records ms-diagnostics-public 4003 "From URI not enabled for remote access." (documented) without the SIP message it came with: remote access off.']],
  );
  assert.equal(f[0]!.evidence[1]!.value, 'log Lync-UccApi-0.UccApilog line 5, 2×');
});

const CASES: ReadonlyArray<readonly [string, ReturnType<typeof logs>, number]> = [
  ['400: the first failure status', logs(ans(400, REMOTE)), 1],
  ['399: a redirect-range answer is no failure', logs(ans(399, REMOTE)), 0],
  ['302 redirect: informational', logs(ans(302, REMOTE)), 0],
  ['200 OK: informational', logs(ans(200, REMOTE)), 0],
  ['183 progress: informational', logs(ans(183, REMOTE)), 0],
  ['401 challenge: not a failure', logs(ans(401, REMOTE)), 0],
  ['407 challenge: not a failure', logs(ans(407, REMOTE)), 0],
  ['408: a failure', logs(ans(408, REMOTE)), 1],
  ['500: a failure', logs(ans(500, REMOTE)), 1],
  ['603: a failure', logs(ans(603, REMOTE)), 1],
  ['REGISTER refused: LD-SIP-010 judges the sign-in', logs(ans(403, REMOTE, 'REGISTER')), 0],
  ['method not known: still a refused request', logs(ans(403, REMOTE, null)), 1],
  ['research-linked 1013: LD-SIP-009 reports it', logs(ans(403, '1013;reason="x"', 'INVITE', 'ms-diagnostics')), 0],
  ['4005 has a check of its own (LD-SIP-007)', logs(ans(404, '4005;reason="x"', 'INVITE', 'ms-diagnostics')), 0],
  ['undocumented 52999: LD-SIP-011 shows it raw', logs(ans(500, '52999;reason="x"', 'INVITE', 'ms-diagnostics')), 0],
  ['unconfirmed 1046: LD-SIP-011 says so', logs(ans(500, '1046;reason="x"', 'INVITE', 'ms-diagnostics')), 0],
  ['a header without a code', logs(ans(500, 'reason="x"', 'INVITE', 'ms-diagnostics')), 0],
  ['the same code on two answers: one finding', logs(ans(403, REMOTE), ans(480, REMOTE)), 1],
  ['a progress code (1033) beside a cause: the cause only', logs(ans(403, REMOTE), ans(480, '1033;reason="Previous hop server component did not report diagnostic information"', 'MESSAGE', 'ms-diagnostics')), 1],
  ['the same code in two headers (public and private): one finding each', logs(ans(403, REMOTE), ans(403, REMOTE, 'INVITE', 'ms-diagnostics')), 2],
  ['no logs, no probe', baseSnapshot({}), 0],
];
for (const [name, snap, n] of CASES) {
  test(`LD-SIP-015 ${name}`, () => {
    assert.equal(documentedDiagnostic.evaluate(snap, env).length, n);
  });
}

test('LD-SIP-015 wording: a request whose method is not known; a documented code without a meaning', () => {
  const [unknown] = documentedDiagnostic.evaluate(logs(ans(403, REMOTE, null)), env);
  assert.equal(unknown!.message, 'A request was refused with 403 and ms-diagnostics-public 4003 "From URI not enabled for remote access." (documented): remote access off.');
  const d = diag(REMOTE, 'ms-diagnostics-public');
  const bare = { ...d, decoded: { ...d.decoded, meaning: null, likelyFix: null } };
  const [warn] = documentedDiagnostic.evaluate(logs(resp(7, 403, { cseqMethod: 'INVITE', diagnostics: [bare] })), env);
  assert.equal(warn!.message, 'INVITE was refused with 403 and ms-diagnostics-public 4003 "From URI not enabled for remote access." (documented).');
  const [info] = documentedDiagnostic.evaluate(logs(logged({ kind: 'request', method: 'BYE', cseqMethod: 'BYE', diagnostics: [bare] })), env);
  assert.equal(info!.message, 'A BYE request carried ms-diagnostics-public 4003 "From URI not enabled for remote access." (documented).');
  assert.deepEqual(warn!.evidence.map((e) => e.label), ['ms-diagnostics-public', 'seen in', 'source']);
});

test('LD-SIP-015 codes that report progress, not a cause, give nothing even on a failed answer (real table)', () => {
  const table = loadMsDiagnosticsTable();
  const on = (value: string, status: number) => documentedDiagnostic.evaluate(baseSnapshot({ logs: logsSection([resp(3, status, { cseqMethod: 'INVITE', diagnostics: [parseDiagnosticValue(value, 'ms-diagnostics', table)] })]) }), env);
  // [MS-OCER]'s reasons, read before running: routing progress, privacy, the previous hop's silence, an app's own Bye/Ack
  for (const [code, reason] of [[1011, 'ms-diagnostics header not provided by previous hop.'], [12006, 'Trying next hop.'], [13004, 'Request was proxied to one or more registered endpoints.'], [13005, 'Request was proxied to one or more additional targets.'], [13006, 'Request forwarded, any previous branches cancelled.'], [13007, 'Request was proxied to an application.'], [13008, 'Diagnostic headers removed for privacy.'], [5009, 'x'], [5010, 'x'], [5011, 'x'], [21000, 'New sharer joined conference.']] as const) {
    assert.equal(table.rows.find((r) => r.code === code)?.verified, true, `${code} is documented in the table`);
    assert.deepEqual(on(`${code};reason="${reason}"`, 480), [], `${code} on a 480`);
  }
  // a cause on the same kind of answer is reported: 13000 "Call to self loop." (documented, unlinked)
  assert.equal(on('13000;reason="Call to self loop."', 482).length, 1);
  assert.deepEqual([...PROGRESS_CODES].sort(), [1011, 1033, 12006, 13004, 13005, 13006, 13007, 13008, 21000, 5009, 5010, 5011].sort());
});

test('LD-SIP-015 the probe is a REGISTER: a code on its refusal is LD-SIP-010\'s', () => {
  const probe = baseSnapshot({ sip: sipSection([attempt('pool01.contoso.com', 5061, response(403, { diagnostics: [diag(REMOTE, 'ms-diagnostics-public')] }))]) });
  assert.deepEqual(documentedDiagnostic.evaluate(probe, env), []);
});

test('LD-SIP-015 a documented code with an article of its own (real table: 12004 "No route found.") leads to that article', () => {
  const table = loadMsDiagnosticsTable();
  const d = parseDiagnosticValue('12004;reason="No route found."', 'ms-diagnostics', table);
  const [f] = documentedDiagnostic.evaluate(baseSnapshot({ logs: logsSection([resp(3, 404, { cseqMethod: 'INVITE', diagnostics: [d] })]) }), env);
  assert.equal(f!.articleId, 'voice-route-not-found');
  assert.match(f!.message, /^INVITE was refused with 404 and ms-diagnostics 12004 "No route found\." \(documented\): /);
});

test('LD-SIP-009 and LD-SIP-014 lead to the code\'s and the HRESULT\'s own article', () => {
  const [d9] = researchLinkedDiagnostic.evaluate(logs(ans(403, '1013;reason="x"', 'REGISTER', 'ms-diagnostics')), env);
  assert.equal(d9!.articleId, 'clock-skew-sign-in');
  const err: LoggedError = { hresult: '0x80090322', name: null, count: 1, firstLine: 1, firstFile: 'a.UccApilog', firstTimestamp: null, sample: 'hr=0x80090322', advice: { meaning: 'm', likelyFix: 'f', articleId: 'trust-model-certificate-name-mismatch' } };
  const [d14] = researchLinkedHresult.evaluate(baseSnapshot({ logs: logsSection([], { errors: [err] }) }), env);
  assert.equal(d14!.articleId, 'trust-model-certificate-name-mismatch');
});

test('the runner takes a finding\'s own article (title, fix summary, steps) when it exists, else the check\'s', () => {
  const article = (id: string, fixSummary: string): ArticleRef => ({ id, title: id, fixSummary, fix: [{ step: `step of ${id}` }] }) as unknown as ArticleRef;
  const known = new Map([['general', article('general', 'general fix')], ['specific', article('specific', 'specific fix')]]);
  const check: Check = {
    id: 'LD-TEST-001', title: 't', severity: 'warning', articleId: 'general', research: [], sections: ['logs'], description: 'a test check only',
    evaluate: () => [{ message: 'a', evidence: [], articleId: 'specific' }, { message: 'b', evidence: [], articleId: 'missing' }, { message: 'c', evidence: [] }],
  };
  const { findings } = runChecks(baseSnapshot({}), [check], (id) => known.get(id), env);
  assert.deepEqual(
    findings.map((f) => [f.message, f.articleId, f.fix, f.steps?.map((s) => s.text)]),
    [
      ['a', 'specific', 'specific fix', ['step of specific']],
      ['b', 'general', 'general fix', ['step of general']],
      ['c', 'general', 'general fix', ['step of general']],
    ],
  );
});

test('LD-SIP-015 a documented code on a request (a BYE\'s ms-client-diagnostics): info naming the request', () => {
  const bye = logged({ kind: 'request', method: 'BYE', cseqMethod: 'BYE', diagnostics: [diag(REMOTE, 'ms-diagnostics-public')] });
  assert.deepEqual(
    documentedDiagnostic.evaluate(logs(bye), env).map((x) => [x.severity, x.message]),
    [['info', 'A BYE request carried ms-diagnostics-public 4003 "From URI not enabled for remote access." (documented): remote access off.']],
  );
  // the sign-in REGISTER request is LD-SIP-010's like its answers
  assert.deepEqual(documentedDiagnostic.evaluate(logs(logged({ diagnostics: [diag(REMOTE, 'ms-diagnostics-public')] })), env), []);
});

test('LD-SIP-015 is in the SIP family, last', () => {
  assert.equal(sipChecks[sipChecks.length - 1], documentedDiagnostic);
});

const REAL = join(__dirname, '..', '..', '..', 'fixtures');
const REAL_CASES: ReadonlyArray<readonly [string, string, string, RegExp]> = [
  // 403 Forbidden to SERVICE (Client.Delegate): delegate and delegator homed in different deployments
  ['sip/real/ms-403-delegate-4268.txt', 'warning', 'ms-diagnostics-failure-code', /^SERVICE was refused with 403 and ms-diagnostics 4268 /],
  // 500 to INVITE from ExumRouting: the UM contact object's user properties could not be read
  ['sip/real/ms-500-exum-15000.txt', 'warning', 'ms-diagnostics-failure-code', /^INVITE was refused with 500 and ms-diagnostics 15000 /],
  // a header quoted alone from a client log: the split-domain routing refusal, its answer not in the excerpt
  ['logs/real/ms-client-1017-split-domain.txt', 'info', 'ms-diagnostics-failure-code', /^The client log records ms-diagnostics 1017 "Cannot route From and To domains in this combination" \(documented\) without the SIP message it came with: /],
];
for (const [file, severity, articleId, message] of REAL_CASES) {
  test(`the real excerpt ${file}: an LD-SIP-015 ${severity}, no longer "No known issue matched"`, async () => {
    const r = await runCli(['sip', 'log', join(REAL, file), '--json']);
    const j = JSON.parse(r.out) as { findings: Array<{ checkId: string; severity: string; articleId: string; message: string }> };
    assert.deepEqual(j.findings.map((f) => [f.checkId, f.severity, f.articleId]), [['LD-SIP-015', severity, articleId]]);
    assert.match(j.findings[0]!.message, message);
    assert.equal(r.code, 0); // a warning or info: exit 0 (only errors give 1)
    const text = await runCli(['sip', 'log', join(REAL, file)]);
    assert.doesNotMatch(text.out, /No known issue matched/);
  });
}

test('the case steps name the server the header says decided (source=), a host name only; else a placeholder', () => {
  const fix = [{ step: 'search', shell: 'powershell' as const, command: 'Search-CsClsLogging -Computers fe01.contoso.com -StartTime "t"\n' }];
  // the header's other attributes name servers too (PeerServer, Domain): only source= is the one that decided
  const finding = (source: string) => ({ checkId: 'LD-SIP-015', severity: 'warning' as const, title: 't', message: 'm', evidence: [{ label: 'PeerServer', value: 'pool01.tailspintoys.com' }, { label: 'source', value: source }, { label: 'Domain', value: 'tailspintoys.com' }], articleId: 'ms-diagnostics-failure-code', research: [], fix: 'f', sections: ['logs' as const] });
  const [named] = caseSteps('ms-diagnostics-failure-code', fix, finding('NASEAPOOLFE01.CONTOSO.COM'), baseSnapshot({}));
  assert.deepEqual([named!.command, named!.unfilled], ['Search-CsClsLogging -Computers NASEAPOOLFE01.CONTOSO.COM -StartTime "t"', undefined]);
  // a source that is no host name (a display text) is not pasted into a command
  const [odd] = caseSteps('ms-diagnostics-failure-code', fix, finding('pool01; Remove-Item C:\\'), baseSnapshot({}));
  assert.deepEqual([odd!.command, odd!.unfilled], ['Search-CsClsLogging -Computers <server named by source=> -StartTime "t"', ['<server named by source=>']]);
  const [spaced] = caseSteps('ms-diagnostics-failure-code', fix, finding('Front End fe01.contoso.com'), baseSnapshot({}));
  assert.equal(spaced!.command, 'Search-CsClsLogging -Computers <server named by source=> -StartTime "t"');
  // another article's command keeps its example
  const [other] = caseSteps('voice-route-not-found', fix, finding('fe09.contoso.com'), baseSnapshot({}));
  assert.equal(other!.command, 'Search-CsClsLogging -Computers fe01.contoso.com -StartTime "t"');
});

test('the real cisco 504 with 1009: LD-SIP-015 leads to the partner-domain SRV article, its steps filled from domain= and fqdn1=', async () => {
  // ms-diagnostics: 1009; reason ="No match for domain in DNS SRV results"; domain =" cms.steven.lab "; fqdn1 =" vcse.sub.cms.steven.lab :5061"
  const r = await runCli(['sip', 'log', join(REAL, 'sip/real/cisco-client-504-1010.txt'), '--json']);
  const j = JSON.parse(r.out) as { findings: Array<{ checkId: string; articleId: string; steps?: Array<{ command?: string; unfilled?: string[] }> }> };
  assert.deepEqual(j.findings.map((f) => [f.checkId, f.articleId]), [
    ['LD-SIP-009', 'server-peer-certificate-name-mismatch'], // 1010 with SEC_E_WRONG_PRINCIPAL: between servers
    ['LD-SIP-015', 'federation-srv-target-outside-partner-domain'],
  ]);
  const commands = (j.findings[1]!.steps ?? []).map((s) => s.command).filter(Boolean);
  assert.deepEqual(commands, ['Resolve-DnsName -Type SRV -Name "_sipfederationtls._tcp.cms.steven.lab"', 'New-CsAllowedDomain -Identity "cms.steven.lab" -ProxyFqdn "vcse.sub.cms.steven.lab"']);
});

test('the partner slots take host names only; without them the commands show placeholders', () => {
  const fix = [{ step: 's', shell: 'powershell' as const, command: 'New-CsAllowedDomain -Identity "contoso.com" -ProxyFqdn "sip.contoso.com"' }];
  const f = (evidence: Array<{ label: string; value: string }>) => ({ checkId: 'LD-SIP-015', severity: 'warning' as const, title: 't', message: 'm', evidence, articleId: 'federation-srv-target-outside-partner-domain', research: [], fix: 'f', sections: ['logs' as const] });
  const [none] = caseSteps('federation-srv-target-outside-partner-domain', fix, f([]), baseSnapshot({}));
  assert.deepEqual([none!.command, none!.unfilled], ['New-CsAllowedDomain -Identity "<partner SIP domain>" -ProxyFqdn "<partner proxy FQDN>"', ['<partner SIP domain>', '<partner proxy FQDN>']]);
  const [odd] = caseSteps('federation-srv-target-outside-partner-domain', fix, f([{ label: 'domain', value: 'a b' }, { label: 'fqdn1', value: 'edge.fabrikam.com; x' }, { label: 'Domain', value: ' Fabrikam.com ' }]), baseSnapshot({}));
  assert.deepEqual([odd!.command, odd!.unfilled], ['New-CsAllowedDomain -Identity "Fabrikam.com" -ProxyFqdn "<partner proxy FQDN>"', ['<partner proxy FQDN>']]);
  // a port written right after the name is dropped too; a colon inside the value is no port
  const [port] = caseSteps('federation-srv-target-outside-partner-domain', fix, f([{ label: 'fqdn1', value: 'edge.fabrikam.com:5061' }]), baseSnapshot({}));
  assert.match(port!.command ?? '', /-ProxyFqdn "edge\.fabrikam\.com"$/);
  const [inner] = caseSteps('federation-srv-target-outside-partner-domain', fix, f([{ label: 'fqdn1', value: 'edge:1x.fabrikam.com' }]), baseSnapshot({}));
  assert.match(inner!.command ?? '', /-ProxyFqdn "<partner proxy FQDN>"$/);
});
