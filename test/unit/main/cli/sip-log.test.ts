// `lyncdoctor sip log` text report and the address it signs in with, on client logs written here line by line
// (the UccApilog trace format of test/fixtures/logs/README.md), so every expected line follows from the input.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { arch, release, tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { addressFromLog, refinedAdvice } from '../../../../main/cli/sip';
import type { LogsSection } from '../../../../main/model/logs';
import type { MsDiagnostic } from '../../../../main/model/sip';
import { SNAPSHOT_SCHEMA_VERSION, type Snapshot } from '../../../../main/model/snapshot';
import { TOOL_VERSION } from '../../../../main/version';
import { runCli } from '../../../helpers/cli';
import { startDnsLab } from '../../../helpers/dns-server';
import { makeCert } from '../../../helpers/forge-certs';
import { lync401, startMexServer, startSipServer } from '../../../helpers/sip-server';

const dir = mkdtempSync(join(tmpdir(), 'ld-sip-log-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const PEER = '192.0.2.10:443 (From Local Address: 10.1.2.3:50123) 300 bytes';
const at = (s: number): string => `09/10/2013|14:07:${String(s).padStart(2, '0')}.000 1F68:C14`;
/** One logged SIP message: the trace prefix on the packet markers and the start line, raw header lines. */
function packet(s: number, sent: boolean, start: string, headers: readonly string[]): string[] {
  const [open, close] = sent ? [`Sending Packet - ${PEER}:`, `End of Sending Packet - ${PEER}`] : [`Data Received - ${PEER.replace('From', 'To')}:`, `End of Data Received - ${PEER.replace('From', 'To')}`];
  return [`${at(s)} INFO  :: ${open}`, `${at(s)} INFO  :: ${start}`, ...headers, 'Content-Length: 0', '', `${at(s)} INFO  :: ${close}`];
}
const dialog = (from: string, cseq: string): string[] => [`From: <sip:${from}>;tag=1;epid=2`, `To: <sip:${from}>`, 'Call-ID: c0ffee', `CSeq: ${cseq}`];
function write(name: string, lines: readonly string[]): string {
  const path = join(dir, name);
  writeFileSync(path, `${lines.join('\r\n')}\r\n`);
  return path;
}

/** REGISTER → 401 NTLM; REGISTER with NTLM credentials → 404 with ms-diagnostics 4005; 16 web calls; two HRESULTs. */
const FULL = [
  ...packet(1, true, 'REGISTER sip:fabrikam.com SIP/2.0', dialog('Bob.Smith@Fabrikam.com', '1 REGISTER')),
  ...packet(2, false, 'SIP/2.0 401 Unauthorized', [...dialog('Bob.Smith@Fabrikam.com', '1 REGISTER'), 'WWW-Authenticate: NTLM realm="SIP Communications Service", targetname="pool01.fabrikam.com", version=4']),
  ...packet(3, true, 'REGISTER sip:fabrikam.com SIP/2.0', [...dialog('Bob.Smith@Fabrikam.com', '2 REGISTER'), 'Authorization: NTLM qop="auth", realm="SIP Communications Service", targetname="pool01.fabrikam.com", version=4, opaque="AB", crand="1", cnum="1", response="00"']),
  ...packet(4, false, 'SIP/2.0 404 Not Found', [...dialog('Bob.Smith@Fabrikam.com', '2 REGISTER'), 'ms-diagnostics: 4005;reason="Destination URI either not enabled for SIP or does not exist";source="pool01.fabrikam.com"']),
  ...Array.from({ length: 16 }, (_, i) => `${at(10 + i)} INFO  :: CWebTicketProvider::RequestTicket - TargetUri=https://webpool.fabrikam.com/WebTicket/WebTicketService.svc/mex?n=${i} status code ${i === 15 ? 'unknown' : 200}`),
  `${at(30)} ERROR :: CUccEndpoint::SignIn failed hr=0x80090322`,
  `${at(31)} ERROR :: CUccEndpoint::SignIn failed hr=0x80090322 again`,
  `${at(32)} ERROR :: Something else ${'x'.repeat(150)} status=0x8004BEEF`,
];

test('sip log text: files, message counts, authentication, ms-diagnostics, the last 15 web calls and the HRESULTs, from the log as written', async () => {
  const file = write('full.UccApilog', FULL);
  const r = await runCli(['sip', 'log', file]);
  assert.equal(r.code, 1, r.err); // ms-diagnostics 4005 on REGISTER is an error finding (LD-SIP-007)
  const lines = r.out.split('\n');
  // the address is the REGISTER's From, lower-cased
  assert.equal(lines[0], 'Lync Doctor 0.1.0 — client log analysis (bob.smith@fabrikam.com)');
  const section = (title: string): string[] => {
    const i = lines.indexOf(title);
    assert.ok(i > 0, `no "${title}" section in\n${r.out}`);
    assert.equal(lines[i - 1], '', `a blank line before "${title}"`);
    const end = lines.indexOf('', i);
    return lines.slice(i + 1, end);
  };
  const files = section('Files');
  assert.equal(files.length, 1);
  assert.match(files[0] as string, /^ {2}ok {12}\S+full\.UccApilog: \d+ line\(s\), \d+ byte\(s\) \(2013-09-10T14:07:01\.000 → 2013-09-10T14:07:32\.000\)$/);
  assert.deepEqual(section('SIP messages'), ['        2  REGISTER', '        1  REGISTER 401', '        1  REGISTER 404']);
  assert.ok(lines.includes('Authentication: offered NTLM; used NTLM'), r.out);
  const diag = section('ms-diagnostics');
  assert.match(diag[0] as string, /^ {6}1× ms-diagnostics 4005 "Destination URI either not enabled for SIP or does not exist" \(documented\) on REGISTER 404$/);
  assert.match(diag[1] as string, /^ {9}The target URI is not enabled for SIP or does not exist/);
  assert.equal(diag.length, 2, 'a documented code without attribute-chosen advice: no raw line, no advice line');
  const web = section('Web service calls');
  assert.equal(web.length, 15, 'the last 15 calls');
  assert.equal(web[0], '  2013-09-10T14:07:11.000 web-ticket: https://webpool.fabrikam.com/WebTicket/WebTicketService.svc/mex?n=1 → HTTP 200');
  assert.equal(web[14], '  2013-09-10T14:07:25.000 web-ticket: https://webpool.fabrikam.com/WebTicket/WebTicketService.svc/mex?n=15', 'no status logged: no arrow');
  const hr = section('HRESULTs');
  assert.equal(hr.length, 2);
  // a known value is named; counted per value; the sample is the first line's trace text
  assert.equal(hr[0], `  0x80090322 SEC_E_WRONG_PRINCIPAL ×2 (first line ${FULL.length - 2}): CUccEndpoint::SignIn failed hr=0x80090322`);
  // an unknown value has no name; the sample is cut at 120 characters
  const unknown = /^ {2}0x8004BEEF ×1 \(first line (\d+)\): (.*)$/.exec(hr[1] as string);
  assert.ok(unknown, hr[1]);
  assert.equal(Number(unknown[1]), FULL.length);
  assert.equal(unknown[2], `Something else ${'x'.repeat(150)} status=0x8004BEEF`.slice(0, 120));
});

test('sip log text: a log without challenges or credentials says "-" for both; more than 20 message kinds show the first 20', async () => {
  const codes = Array.from({ length: 21 }, (_, i) => 480 + i); // 21 distinct answers to OPTIONS
  const lines = codes.flatMap((c, i) => [
    ...packet(i, true, 'OPTIONS sip:fabrikam.com SIP/2.0', dialog('carol@fabrikam.com', `${i + 1} OPTIONS`)),
    ...packet(i, false, `SIP/2.0 ${c} Whatever`, dialog('carol@fabrikam.com', `${i + 1} OPTIONS`)),
  ]);
  const r = await runCli(['sip', 'log', write('kinds.UccApilog', lines)]);
  const out = r.out.split('\n');
  assert.ok(out.includes('Authentication: offered -; used -'), r.out);
  const i = out.indexOf('SIP messages');
  const shown = out.slice(i + 1, out.indexOf('', i));
  assert.equal(shown.length, 20, shown.join('\n'));
  assert.ok(shown.every((l) => /^ {8}1 {2}OPTIONS \d{3}$|^ {7}21 {2}OPTIONS$/.test(l)), shown.join('\n'));
  // the address of a log without REGISTER: the From of its newest request
  assert.equal(out[0], 'Lync Doctor 0.1.0 — client log analysis (carol@fabrikam.com)');
  assert.ok(!out.includes('ms-diagnostics') && !out.includes('Web service calls') && !out.includes('HRESULTs'), 'empty parts are left out');
});

test('sip log: --sip-address wins over the log; a log with no address at all signs in as unknown@unknown.invalid', async () => {
  const file = write('full2.UccApilog', FULL);
  const given = await runCli(['sip', 'log', file, '--sip-address', 'Someone@Example.com', '--json']);
  const j = JSON.parse(given.out) as { snapshot: { input: { sipAddress: string; sipDomain: string; logFiles: string[]; dnsServer: null; timeoutMs: number }; sections: { logs: { status: string; message: string } } } };
  assert.equal(j.snapshot.input.sipDomain, 'example.com');
  assert.deepEqual(j.snapshot.input.logFiles, [file]);
  assert.equal(j.snapshot.input.dnsServer, null);
  assert.equal(j.snapshot.sections.logs.status, 'ok');
  assert.equal(j.snapshot.sections.logs.message, '1 file(s) analysed');
  const none = write('none.UccApilog', [`${at(1)} INFO  :: CUccEndpoint::SignIn nothing SIP here`]);
  const n = await runCli(['sip', 'log', none, '--json']);
  assert.equal(n.code, 0, n.err);
  assert.equal((JSON.parse(n.out) as typeof j).snapshot.input.sipAddress, 'unknown@unknown.invalid');
  const bad = await runCli(['sip', 'log', file, '--sip-address', 'not-an-address']);
  assert.equal(bad.code, 2);
  assert.equal(bad.out, '');
  assert.match(bad.err, /^lyncdoctor sip: /);
});

test('sip log: a file that cannot be read ends with exit 2 and the reason in the logs section; one readable file of two is enough', async () => {
  const missing = join(dir, 'missing.UccApilog');
  const r = await runCli(['sip', 'log', missing, '--json']);
  assert.equal(r.code, 2);
  const j = JSON.parse(r.out) as { snapshot: { sections: { logs: { status: string; message: string } } } };
  assert.equal(j.snapshot.sections.logs.status, 'error');
  assert.match(j.snapshot.sections.logs.message, /does not exist/);
  // the text: the one line that matters and where client logs are, not a nine-step "not observed" timeline
  const text = await runCli(['sip', 'log', missing, dir]);
  assert.equal(text.code, 2);
  assert.deepEqual(text.out.trimEnd().split('\n').slice(1, 5), [
    '',
    'No log file could be read, so nothing was analysed:',
    `  absent        ${missing}: ${missing} does not exist`,
    `  error         ${dir}: ${dir} is not a file`,
  ]);
  assert.match(text.out, /Lync-UccApi-\*\.UccApilog/);
  assert.doesNotMatch(text.out, /Sign-in timeline|Findings|No known issue/);
  const two = await runCli(['sip', 'log', missing, write('ok.UccApilog', FULL), '--json']);
  assert.equal(two.code, 1, 'the readable file is analysed: its 4005 is an error finding');
  assert.equal((JSON.parse(two.out) as typeof j).snapshot.sections.logs.status, 'ok');
  const twoText = await runCli(['sip', 'log', missing, join(dir, 'ok.UccApilog')]);
  assert.equal(twoText.code, 1);
  assert.match(twoText.out, /Sign-in timeline/); // one readable file: the whole report
});

test('sip usage: help on stdout with exit 0; no or an unknown subcommand on stderr with exit 2', async () => {
  for (const h of ['--help', '-h', 'help']) {
    const r = await runCli(['sip', h]);
    assert.deepEqual([r.code, r.err], [0, ''], h);
    assert.match(r.out, /^usage: lyncdoctor sip probe --sip-address alice@contoso\.com \[--server host:port\]/);
    assert.match(r.out, /\n {7}lyncdoctor sip log FILE \[FILE…\] \[--sip-address alice@contoso\.com\] \[--json\]\n$/);
  }
  const none = await runCli(['sip']);
  assert.deepEqual([none.code, none.out], [2, '']);
  assert.match(none.err, /^lyncdoctor sip: missing subcommand\nusage: lyncdoctor sip probe/);
  const odd = await runCli(['sip', 'frob']);
  assert.match(odd.err, /^lyncdoctor sip: unknown subcommand "frob"\nusage:/);
  const noFile = await runCli(['sip', 'log']);
  assert.match(noFile.err, /^lyncdoctor sip: give at least one log file\nusage:/);
  const noAddr = await runCli(['sip', 'probe']);
  assert.deepEqual([noAddr.code, noAddr.out], [2, '']);
  assert.equal(noAddr.err, 'lyncdoctor sip: --sip-address is required, e.g. --sip-address alice@contoso.com\n');
  const badServer = await runCli(['sip', 'probe', '--sip-address', 'a@b.com', '--server', 'bad host']);
  assert.match(badServer.err, /^lyncdoctor sip: --server: /);
});

const msg = (over: Partial<LogsSection['messages'][number]>): LogsSection['messages'][number] =>
  ({ file: 'f', line: 1, timestamp: null, direction: 'sent', peer: null, kind: 'request', method: 'INVITE', requestUri: null, statusCode: null, reasonPhrase: null, callId: null, cseq: 1, cseqMethod: 'INVITE', from: null, credentialsScheme: null, challenges: [], diagnostics: [], contacts: [], date: null, ...over }) as LogsSection['messages'][number];
const section = (messages: LogsSection['messages']): LogsSection => ({ messages }) as unknown as LogsSection;

test('addressFromLog: the newest REGISTER request, then a REGISTER answer, then any request, then any message; lower-cased', () => {
  const reg = (from: string) => msg({ method: 'REGISTER', cseqMethod: 'REGISTER', from: `<sip:${from}>;tag=1` });
  assert.equal(addressFromLog(section([reg('old@a.com'), reg('New@A.com'), msg({ from: '<sip:invite@a.com>' })])), 'new@a.com');
  assert.equal(addressFromLog(section([msg({ from: '<sip:invite@a.com>' }), msg({ kind: 'response', method: null, cseqMethod: 'REGISTER', statusCode: 401, from: '"Ann" <sip:ann@b.com>;tag=2' }), msg({ from: '<sip:later@a.com>' })])), 'ann@b.com');
  assert.equal(addressFromLog(section([msg({ kind: 'response', method: null, statusCode: 200, from: '<sip:resp@c.com>' }), msg({ from: '<sip:req@c.com>' }), msg({ kind: 'response', method: null, statusCode: 200, from: '<sip:resp2@c.com>' })])), 'req@c.com');
  assert.equal(addressFromLog(section([msg({ kind: 'response', method: null, statusCode: 200, from: '<sip:only@d.com>' })])), 'only@d.com');
  // a REGISTER whose From holds no SIP address falls through to the next rule; a From without one is skipped
  assert.equal(addressFromLog(section([msg({ from: '<sip:x@e.com>' }), msg({ method: 'REGISTER', from: '<tel:+123>' })])), 'x@e.com');
  assert.equal(addressFromLog(section([msg({ from: null })])), null);
  assert.equal(addressFromLog(section([])), null);
  // the address stops at ">", ";" and white space, and its domain is letters, digits, dots and dashes
  assert.equal(addressFromLog(section([reg('u@pool-1.x.com;user=phone')])), 'u@pool-1.x.com');
  assert.equal(addressFromLog(section([msg({ method: 'REGISTER', from: 'sip:v@w.com tag' })])), 'v@w.com');
});

test('refinedAdvice: nothing when the table\'s advice stands; else the advice and the article, indented as asked', () => {
  const d = (decoded: Partial<MsDiagnostic['decoded']>): MsDiagnostic => ({ decoded }) as unknown as MsDiagnostic;
  assert.deepEqual(refinedAdvice(d({ likelyFix: 'x', articleId: 'a' }), '  '), []);
  assert.deepEqual(refinedAdvice(d({ refinedBy: 'HRESULT=0x1', likelyFix: 'Do this.', articleId: 'art-1' }), '> '), ['> advice (from HRESULT=0x1): Do this.', '> article: art-1']);
  assert.deepEqual(refinedAdvice(d({ refinedBy: 'HRESULT=0x1' }), '  '), ['  advice (from HRESULT=0x1):']);
});

test('sip probe --server: the probe report (head, trust note, collectors, each attempt and web service), progress on stderr only without --json', async () => {
  const cert = makeCert({ subjectCN: 'pool01.contoso.com', dnsNames: ['pool01.contoso.com'], ekus: ['serverAuth'] });
  const mex = await startMexServer(cert, { '/CertProv/CertProvisioningService.svc/mex': 200, '/WebTicket/WebTicketService.svc/mex': 200 });
  const sip = await startSipServer(cert, (req) => lync401(req, { stsUri: `https://127.0.0.1:${mex.port}/CertProv/CertProvisioningService.svc` }));
  try {
    const argv = ['sip', 'probe', '--sip-address', 'Alice@Contoso.com', '--server', `127.0.0.1:${sip.port}`];
    const text = await runCli(argv);
    // exit 1: the pool certificate names pool01.contoso.com, not 127.0.0.1 (LD-SIP-002, an error)
    assert.equal(text.code, 1, text.err + text.out);
    assert.match(text.out, /\[LD-SIP-002\]/);
    const out = text.out.split('\n');
    assert.match(out[0] as string, /^Lync Doctor 0\.1\.0 — SIP sign-in probe for alice@contoso\.com at \d{4}-\d\d-\d\dT/);
    assert.match(out[1] as string, /^Trust was not enforced for this probe/);
    assert.deepEqual(out.slice(2, 4), ['', 'Collectors']);
    // with --server no DNS lookup runs: the collectors are the certificates and the SIP probe
    assert.deepEqual(out.slice(4, 6).map((l) => l.split(/\s+/)[2]), ['certificates', 'sip']);
    assert.equal(out[6], '');
    const p = out.indexOf('Probe');
    assert.ok(p > 0, text.out);
    const probe = out.slice(p + 1, out.indexOf('', p));
    assert.equal(probe.length, 3, probe.join('\n')); // one REGISTER attempt, two web services
    assert.match(probe[0] as string, /^ {2}- \S/);
    assert.match(probe[1] as string, /^ {2}- cert-provisioning: \S/);
    assert.match(probe[2] as string, /^ {2}- web-ticket: \S/);
    // progress: one line per collector on stderr, as "  <collector>: <status> (<n> ms)"
    const progress = text.err.trimEnd().split('\n');
    assert.deepEqual(progress.map((l) => /^ {2}([a-z-]+): [a-z-]+ \(\d+ ms\)$/.exec(l)?.[1]).sort(), ['certificates', 'sip']);
    const json = await runCli([...argv, '--json']);
    assert.equal(json.err, '', '--json: nothing on stderr');
    const j = JSON.parse(json.out) as { snapshot: Snapshot; findings: unknown[]; timeline: { steps: unknown[] } };
    assert.deepEqual(Object.keys(j).sort(), ['findings', 'snapshot', 'timeline']);
    assert.deepEqual(Object.keys(j.snapshot.sections).sort(), ['certificates', 'sip']);
    assert.equal(j.snapshot.input.timeoutMs, 5000, 'the probe default');
    assert.equal(j.snapshot.input.dnsServer, null);
    assert.equal(j.snapshot.input.sipServer, `127.0.0.1:${sip.port}`);
    assert.equal(j.snapshot.input.sipAddress, 'alice@contoso.com');
  } finally {
    await sip.close();
    await mex.close();
  }
});

test('sip probe without --server asks DNS first: the dns collector runs and --dns-server / --timeout-ms reach the input', async () => {
  const dns = await startDnsLab({ records: [] }); // NXDOMAIN for everything: nothing to probe
  try {
    const r = await runCli(['sip', 'probe', '--sip-address', 'alice@contoso.com', '--dns-server', dns.address, '--timeout-ms', '2500', '--json']);
    const j = JSON.parse(r.out) as { snapshot: Snapshot; findings: Array<{ checkId: string; severity: string }> };
    assert.deepEqual(Object.keys(j.snapshot.sections).sort(), ['certificates', 'dns', 'sip']);
    assert.equal(j.snapshot.input.dnsServer, dns.address);
    assert.equal(j.snapshot.input.timeoutMs, 2500);
    // DNS answered that contoso.com has no SIP server at all: the probe asked nobody, which is the DNS error
    // LD-DNS-001 (README "Checks"), not "no known issue matched" with exit 0
    assert.deepEqual(j.findings.map((f) => [f.checkId, f.severity]), [['LD-DNS-001', 'error']]);
    assert.equal(r.code, 1);
  } finally {
    await dns.close();
  }
});

test('sip log of a sign-in that succeeded (401 NTLM, then 200 OK to the REGISTER with credentials): no finding, and the text says no known issue matched (a log read whole is no gap)', async () => {
  const file = write('clean.UccApilog', [
    ...packet(1, true, 'REGISTER sip:fabrikam.com SIP/2.0', dialog('bob@fabrikam.com', '1 REGISTER')),
    ...packet(2, false, 'SIP/2.0 401 Unauthorized', [...dialog('bob@fabrikam.com', '1 REGISTER'), 'WWW-Authenticate: NTLM realm="SIP Communications Service", targetname="pool01.fabrikam.com", version=4']),
    ...packet(3, true, 'REGISTER sip:fabrikam.com SIP/2.0', [...dialog('bob@fabrikam.com', '2 REGISTER'), 'Authorization: NTLM qop="auth", realm="SIP Communications Service", targetname="pool01.fabrikam.com", version=4, opaque="AB", crand="1", cnum="1", response="00"']),
    ...packet(4, false, 'SIP/2.0 200 OK', [...dialog('bob@fabrikam.com', '2 REGISTER'), 'Authentication-Info: NTLM rspauth="01", srand="2", snum="1", opaque="AB", qop="auth", targetname="pool01.fabrikam.com", realm="SIP Communications Service"']),
  ]);
  const r = await runCli(['sip', 'log', file]);
  assert.equal(r.code, 0, r.out);
  assert.match(r.out, /\nFindings: 0 error\(s\), 0 warning\(s\), 0 info\n {2}No known issue matched the collected facts\./);
  assert.doesNotMatch(r.out, /not everything could be checked/);
});

test('sip probe when DNS names no SIP server but lyncdiscover resolves: nothing probed, so the text says not everything could be checked, never "no known issue"', async () => {
  const dns = await startDnsLab({ records: [{ name: 'lyncdiscover.contoso.com', type: 'A', data: '127.0.0.1' }] });
  try {
    const r = await runCli(['sip', 'probe', '--sip-address', 'alice@contoso.com', '--dns-server', dns.address, '--timeout-ms', '2500']);
    assert.match(r.out, /\n {2}n\/a +sip +\d+ ms +No SIP server to probe: no SIP SRV record or sip host of contoso\.com resolved\./);
    // the discovery step is not shown as failed: lyncdiscover resolves, and the client would go through autodiscover
    assert.match(r.out, /\n {3}1\. -- {5}Discovery \(DNS\) {2}\(dns\)\n {8}No SIP SRV record or sip host of contoso\.com resolved, but lyncdiscover\.contoso\.com resolves: the client finds its SIP server through autodiscover, which this probe does not follow \(pass --server host:port\)\n/);
    assert.doesNotMatch(r.out, /FAILED/);
    assert.match(r.out, /\n {2}No finding, but not everything could be checked \(see the collectors above\)\./);
    assert.doesNotMatch(r.out, /No known issue matched/);
    assert.equal(r.code, 0, 'no finding: exit 0 (the contract: 1 only for errors)');
  } finally {
    await dns.close();
  }
});

test('sip log --json: the snapshot is a full one (schema, tool, not a demo, this host, no answers); an unreadable set joins each file\'s reason', async () => {
  const started = Date.now();
  const r = await runCli(['sip', 'log', write('full3.UccApilog', FULL), '--json']);
  const s = (JSON.parse(r.out) as { snapshot: Snapshot }).snapshot;
  assert.equal(s.schemaVersion, SNAPSHOT_SCHEMA_VERSION);
  assert.deepEqual(s.tool, { name: 'lync-doctor', version: TOOL_VERSION });
  assert.equal(s.demo, false);
  assert.deepEqual(s.host, { platform: process.platform, release: release(), arch: arch() });
  assert.deepEqual(s.answers, {});
  assert.ok(Date.parse(s.createdAt) >= started - 1000 && Date.parse(s.createdAt) <= Date.now());
  assert.equal(s.input.timeoutMs, 0);
  const logs = s.sections.logs as { durationMs: number };
  assert.ok(logs.durationMs >= 0 && logs.durationMs <= Date.now() - started, String(logs.durationMs));
  const a = join(dir, 'gone-a.UccApilog');
  const b = join(dir, 'gone-b.UccApilog');
  const two = JSON.parse((await runCli(['sip', 'log', a, b, '--json'])).out) as { snapshot: Snapshot };
  const message = (two.snapshot.sections.logs as { message: string }).message;
  const parts = message.split('; ');
  assert.equal(parts.length, 2, message);
  assert.ok(parts[0]?.includes('gone-a') && parts[1]?.includes('gone-b'), message);
});

test('sip log text: a log of trace lines only (no SIP message, no timestamp, 21 HRESULTs) has no message counts; the first 20 HRESULTs shown', async () => {
  const lines = Array.from({ length: 21 }, (_, i) => `CUccEndpoint::Step${i} failed hr=0x${(0x80070000 + i).toString(16).toUpperCase()}`);
  const r = await runCli(['sip', 'log', write('plain.UccApilog', lines)]);
  const out = r.out.split('\n');
  assert.ok(!out.includes('SIP messages'), r.out);
  const files = out.slice(out.indexOf('Files') + 1, out.indexOf('', out.indexOf('Files')));
  assert.equal(files.length, 1);
  assert.match(files[0] as string, /^ {2}ok {12}\S+plain\.UccApilog: 21 line\(s\), \d+ byte\(s\)$/, 'no timestamps: no time range');
  const h = out.indexOf('HRESULTs');
  assert.equal(out[h - 1], '');
  const hr = out.slice(h + 1).filter((l) => /^ {2}0x8007/.test(l));
  assert.equal(hr.length, 20, 'the first 20 distinct HRESULTs');
  assert.match(hr[0] as string, /^ {2}0x80070000 /);
});
