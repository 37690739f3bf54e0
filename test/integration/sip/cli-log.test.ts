/** `lyncdoctor sip log` and `diagnose --log` end to end on the fixture logs. */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { startDnsLab } from '../../helpers/dns-server';
import type { SignInTimeline } from '../../../main/model/sip';
import type { Snapshot } from '../../../main/model/snapshot';
import { runCli } from '../../helpers/cli';

const FIX = join(__dirname, '..', '..', 'fixtures', 'logs');
interface LogJson {
  snapshot: Snapshot;
  findings: Array<{ checkId: string; severity: string; articleId: string; research: string[] }>;
  timeline: SignInTimeline;
}

test('sip log --json: NTLM mismatch → LD-SIP-006, result step failed, address read from the log, exit 1', async () => {
  const r = await runCli(['sip', 'log', join(FIX, 'signin-ntlm-mismatch.UccApilog'), '--json']);
  assert.equal(r.code, 1, r.err);
  const j = JSON.parse(r.out) as LogJson;
  assert.equal(j.snapshot.input.sipAddress, 'alice@contoso.com');
  assert.ok(j.findings.some((f) => f.checkId === 'LD-SIP-006' && f.research.includes('SFB-KI-032')));
  assert.equal(j.timeline.steps[j.timeline.failedStep!]?.id, 'result');
});

test('sip log text: timeline, decoded codes, "not documented" raw code, HRESULTs, exit 0 for a successful sign-in', async () => {
  const ok = await runCli(['sip', 'log', join(FIX, 'signin-tlsdsk-success.UccApilog')]);
  assert.equal(ok.code, 0, ok.out);
  assert.match(ok.out, /Sign-in completed \(200 OK\)/);
  const odd = await runCli(['sip', 'log', join(FIX, 'signin-4005-truncated.UccApilog'), join(FIX, 'certprov-fail.UccApilog')]);
  assert.match(odd.out, /52999 "Some component we have no source for" \(not documented\)/);
  assert.match(odd.out, /raw: 52999;reason=/);
  assert.match(odd.out, /0x80EF0191/);
  assert.match(odd.out, /\[LD-SIP-007\]/);
});

test('usage: missing file argument, unknown subcommand, missing file → exit 2 with a message', async () => {
  for (const argv of [['sip', 'log'], ['sip', 'nope'], ['sip'], ['sip', 'probe'], ['sip', 'probe', '--sip-address', 'alice@contoso.com', '--server', 'bad host']]) {
    const r = await runCli(argv);
    assert.equal(r.code, 2, argv.join(' '));
    assert.ok(r.err.length > 10);
  }
  const missing = await runCli(['sip', 'log', join(FIX, 'does-not-exist.UccApilog')]);
  assert.equal(missing.code, 2);
  assert.match(missing.out, /does not exist/);
});

test('diagnose --log adds the logs section and its findings, keeping the {snapshot, findings} contract', async () => {
  const dns = await startDnsLab({ records: [] }); // answers NXDOMAIN at once: no SIP server to probe
  let r;
  try {
    r = await runCli(['diagnose', '--sip-address', 'newuser@contoso.com', '--dns-server', dns.address, '--timeout-ms', '10000', '--log', join(FIX, 'signin-4005-truncated.UccApilog'), '--json']);
  } finally {
    await dns.close();
  }
  const j = JSON.parse(r.out) as { snapshot: Snapshot; findings: LogJson['findings']; timeline?: unknown };
  // the contract grows only additively: { snapshot, findings } plus the most likely cause (null when none)
  // The contract grows additively: `timeline` (issue 17) since a client log was read.
  assert.deepEqual(Object.keys(j).sort(), ['cause', 'findings', 'snapshot', 'timeline']);
  assert.equal(j.snapshot.sections.logs?.status, 'ok');
  assert.deepEqual(j.snapshot.input.logFiles, [join(FIX, 'signin-4005-truncated.UccApilog')]);
  assert.ok(j.findings.some((f) => f.checkId === 'LD-SIP-007'));
});

test('sip log text: advice chosen from the header attributes (1010 + SEC_E_WRONG_PRINCIPAL ⇒ a next hop name mismatch, between servers) is printed; --json keeps refinedBy', async () => {
  const file = join(__dirname, '..', '..', 'fixtures', 'sip', 'real', 'cisco-client-504-1010.txt');
  const r = await runCli(['sip', 'log', file, '--sip-address', 'alice@contoso.com']);
  assert.match(r.out, /advice \(from HRESULT=0x80090322\(SEC_E_WRONG_PRINCIPAL\)\): The peer's certificate does not carry the name/);
  assert.match(r.out, /Installing a CA does not fix a name mismatch\.\n\s+article: server-peer-certificate-name-mismatch/);
  const j = JSON.parse((await runCli(['sip', 'log', file, '--sip-address', 'alice@contoso.com', '--json'])).out) as LogJson;
  const d = j.snapshot.sections.logs?.data?.diagnostics.find((x) => x.diagnostic.code === 1010);
  assert.equal(d?.diagnostic.decoded.refinedBy, 'HRESULT=0x80090322(SEC_E_WRONG_PRINCIPAL)');
});
