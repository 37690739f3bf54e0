import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { test } from 'node:test';
import { decodeCode, describeDiagnostic, diagnosticsOf, parseDiagnosticValue, tableFromJson } from '../../../../main/sip/ms-diagnostics';
import { DEFAULT_MS_DIAGNOSTICS_FILE, loadMsDiagnosticsTable } from '../../../../main/sip/ms-diagnostics-file';
import { parseSipMessage } from '../../../../main/sip/parse';
import { SEED_401 } from '../../../helpers/sip-server';

const small = tableFromJson([
  { code: 4005, header: 'ms-diagnostics', reason: 'Destination URI either not enabled for SIP or does not exist.', meaning: 'm', likelyFix: 'f', context: '', research: ['SFB-KI-038'], articleId: 'user-replicator-ms-diagnostics-4005', verified: true, sources: ['s'] },
  { code: 1046, header: 'ms-diagnostics', reason: null, meaning: 'Commonly reported as … NOT confirmed', likelyFix: '-', context: '', research: [], articleId: null, verified: false, sources: ['s'] },
  { code: '52xxx', header: 'ms-diagnostics', reason: null, meaning: 'family', likelyFix: '-', context: '', research: [], articleId: null, verified: false, sources: [] },
  { code: 28020, header: 'X-Ms-diagnostics (HTTP)', reason: 'No valid security token.', meaning: 'web ticket', likelyFix: 'x', context: '', research: ['SFB-KI-057'], articleId: 'passive-auth-webticket-rejected', verified: true, sources: [] },
  'not an object',
  { code: 'abc' },
]);

test('table rows are validated: bad rows reported, not fatal', () => {
  assert.equal(small.rows.length, 4);
  assert.equal(small.problems.length, 2);
  assert.deepEqual(tableFromJson({}).rows, []);
});

test('decode: documented, unconfirmed, family, not documented (never dropped)', () => {
  const d = decodeCode(small, 4005);
  assert.equal(d.status, 'documented');
  assert.deepEqual(d.research, ['SFB-KI-038']);
  assert.equal(d.articleId, 'user-replicator-ms-diagnostics-4005');
  assert.equal(decodeCode(small, 1046).status, 'unconfirmed');
  assert.equal(decodeCode(small, 52123).meaning, 'family');
  assert.equal(decodeCode(small, 9999).status, 'not-documented');
  assert.equal(decodeCode(small, null).status, 'not-documented');
  assert.equal(decodeCode(small, 28020, 'x-ms-diagnostics').articleId, 'passive-auth-webticket-rejected');
});

test('parse: code, reason, attributes with quoted semicolons; raw kept; no code → null', () => {
  const d = parseDiagnosticValue('1047;reason="Failed; really";WinsockFailureCode="10054(WSAECONNRESET)";Domain="fabrikam.com"', 'ms-diagnostics', small);
  assert.equal(d.code, 1047);
  assert.equal(d.reason, 'Failed; really');
  assert.deepEqual(d.attributes, { WinsockFailureCode: '10054(WSAECONNRESET)', Domain: 'fabrikam.com' });
  assert.equal(d.decoded.status, 'not-documented');
  assert.match(describeDiagnostic(d), /1047 "Failed; really" \(not documented\)/);
  const bare = parseDiagnosticValue('reason="no number"', 'ms-diagnostics-public', small);
  assert.equal(bare.code, null);
  assert.equal(bare.raw, 'reason="no number"');
});

test('seed 401 ms-diagnostics and ms-diagnostics-public both read', () => {
  const r = parseSipMessage(SEED_401);
  assert.ok(r.ok);
  const ds = diagnosticsOf(r.message, small);
  assert.deepEqual(ds.map((d) => [d.header, d.code, d.attributes.PeerServer]), [['ms-diagnostics', 1033, 'nawlync001.msxfaq.de'], ['ms-diagnostics-public', 1033, 'nawlync001.msxfaq.de']]);
  assert.equal(ds[0]?.attributes.source, 'sip.msxfaq.de');
});

test('the product table (knowledge/ms-diagnostics.json) decodes the codes the checks rely on', () => {
  assert.ok(existsSync(DEFAULT_MS_DIAGNOSTICS_FILE), `${DEFAULT_MS_DIAGNOSTICS_FILE} is missing`);
  const t = loadMsDiagnosticsTable();
  assert.deepEqual(t.problems, []);
  for (const code of [1000, 1033, 4005, 1047, 1013, 17002]) assert.notEqual(decodeCode(t, code).status, 'not-documented', String(code));
  assert.equal(decodeCode(t, 424242).status, 'not-documented');
  assert.ok(decodeCode(t, 1000).research.includes('SFB-KI-032'));
  assert.ok(decodeCode(t, 4005).research.includes('SFB-KI-038'));
});

test('a missing table file is an empty table with the problem stated', () => {
  const t = loadMsDiagnosticsTable('/nonexistent/ms-diagnostics.json');
  assert.equal(t.rows.length, 0);
  assert.match(t.problems[0]!, /cannot read/);
});

test('a row explains its code only in its own header family (client codes and server ids are separate numberings)', () => {
  const t = tableFromJson([
    { code: 1010, header: 'ms-diagnostics', reason: 'Certificate trust with next-hop server could not be established.', meaning: 'server', likelyFix: 'f', research: [], articleId: null, verified: true, sources: ['s'] },
    { code: 23, header: 'ms-client-diagnostics', reason: 'Call failed to establish due to a media connectivity failure when one endpoint is internal and the other is remote', meaning: 'client', likelyFix: 'f', research: [], articleId: null, verified: true, sources: ['s'] },
    { code: 4141, header: 'ms-diagnostics-public', reason: 'User disabled', meaning: 'public', likelyFix: 'f', research: [], articleId: null, verified: false, sources: ['s'] },
  ]);
  // The only row of a code was returned whatever header the code came from: a client 1010 read as the server's 1010.
  assert.equal(decodeCode(t, 1010, 'ms-client-diagnostics').status, 'not-documented');
  assert.equal(decodeCode(t, 23, 'ms-diagnostics').status, 'not-documented');
  assert.equal(decodeCode(t, 23, 'ms-diagnostics-public').status, 'not-documented');
  assert.equal(decodeCode(t, 23, 'ms-client-diagnostics').meaning, 'client');
  // The server forms share one numbering: -public and X-Ms- read the ms-diagnostics rows and back.
  assert.equal(decodeCode(t, 1010, 'ms-diagnostics-public').meaning, 'server');
  assert.equal(decodeCode(t, 1010, 'x-ms-diagnostics').meaning, 'server');
  assert.equal(decodeCode(t, 4141, 'ms-diagnostics').meaning, 'public');
  assert.equal(decodeCode(t, 4141, 'ms-client-diagnostics').status, 'not-documented');
  // Without a header (a code typed alone) any row answers.
  assert.equal(decodeCode(t, 23).meaning, 'client');
  const d = parseDiagnosticValue('1010;reason="x"', 'ms-client-diagnostics', t);
  assert.equal(d.decoded.status, 'not-documented');
});

test('advice from an HRESULT attribute: the HRESULT table entry with an article chooses fix and article; the name-mismatch rule still comes first', () => {
  const hresults = new Map([
    ['0x80090324', { name: 'SEC_E_TIME_SKEW', meaning: 'clocks differ', likelyFix: 'Fix the clock.', articleId: 'clock-skew-sign-in' }],
    ['0x80090322', { name: 'SEC_E_WRONG_PRINCIPAL', meaning: 'wrong name', likelyFix: 'table text', articleId: 'some-other-article' }],
    ['0x80070005', { name: 'E_ACCESSDENIED', meaning: 'denied', likelyFix: 'x', articleId: null as string | null }],
  ]);
  const t = { ...tableFromJson([{ code: 1010, header: 'ms-diagnostics', reason: 'r', meaning: 'm', likelyFix: 'Install the CA.', research: [], articleId: null, verified: true, sources: ['s'] }]), hresults };
  const skew = parseDiagnosticValue('1010;reason="r";HRESULT="0x80090324(SEC_E_TIME_SKEW)"', 'ms-diagnostics', t);
  assert.equal(skew.decoded.articleId, 'clock-skew-sign-in');
  assert.equal(skew.decoded.refinedBy, 'HRESULT=0x80090324(SEC_E_TIME_SKEW)');
  assert.equal(skew.decoded.likelyFix, 'SEC_E_TIME_SKEW (HRESULT=0x80090324(SEC_E_TIME_SKEW)): Fix the clock.');
  assert.equal(skew.decoded.status, 'documented', 'the code stays documented; only the advice changes');
  // Without the 0x prefix, lower-case: the same entry.
  assert.equal(parseDiagnosticValue('1010;hresult="80090324"', 'ms-diagnostics', t).decoded.articleId, 'clock-skew-sign-in');
  // The name-mismatch rule is not overridden by the table.
  assert.equal(parseDiagnosticValue('1010;HRESULT="0x80090322(SEC_E_WRONG_PRINCIPAL)"', 'ms-diagnostics', t).decoded.articleId, 'server-peer-certificate-name-mismatch');
  // An entry without an article, an unknown HRESULT, or no table: the code's own advice.
  for (const v of ['1010;HRESULT="0x80070005"', '1010;HRESULT="0x80091234"', '1010;HRESULT="not hex"']) {
    const d = parseDiagnosticValue(v, 'ms-diagnostics', t).decoded;
    assert.deepEqual([d.likelyFix, d.articleId, d.refinedBy], ['Install the CA.', null, undefined], v);
  }
  const noTable = parseDiagnosticValue('1010;HRESULT="0x80090324"', 'ms-diagnostics', tableFromJson([]));
  assert.equal(noTable.decoded.articleId, null);
});

test('the product tables: an NTLM mismatch HRESULT in a header leads to the NTLM article (HRESULT table entry, Microsoft-quoted log)', () => {
  const t = loadMsDiagnosticsTable();
  assert.ok((t.hresults?.size ?? 0) > 50, 'the HRESULT table is attached');
  const d = parseDiagnosticValue('1000;reason="Final handshake failed";HRESULT="0xC3E93EE4(SIP_E_AUTH_NTLMMISMATCH)"', 'ms-diagnostics', t);
  assert.equal(d.decoded.articleId, 'ntlm-session-security-mismatch');
  assert.match(d.decoded.likelyFix ?? '', /^SIP_E_AUTH_NTLMMISMATCH \(HRESULT=0xC3E93EE4\(SIP_E_AUTH_NTLMMISMATCH\)\): /);
});
