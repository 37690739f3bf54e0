/**
 * Rows of knowledge/ms-diagnostics.json checked against what their sources say (written down from the
 * sources before the rows were added, not copied from the table): the reason text as the source quotes it,
 * the header family, the evidence mark, and advice that fits the source's resolution.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadMsDiagnostics, type MsDiagRecord } from '../../../../main/kb/ms-diagnostics';

const rows = new Map(loadMsDiagnostics().entries.map((e) => [e.code, e]));
const row = (code: number): MsDiagRecord => {
  const r = rows.get(code);
  assert.ok(r, `row ${code}`);
  return r;
};

test('54503 and 54000: Microsoft support article (online users presenting in on-premises meetings, hybrid)', () => {
  const dns = row(54503);
  // Quoted by the article from the client tracing log.
  assert.equal(dns.reason, 'Connection to the Web Conferencing Server could not be established due to client DNS configuration');
  assert.equal(dns.evidence, 'microsoft');
  assert.equal(dns.verified, true);
  assert.match(dns.likelyFix, /DNS A record/i, 'the article resolves it with A records for the Edge web conferencing FQDN');
  assert.match(dns.likelyFix, /Edge/);
  assert.ok(dns.sources.some((s) => /present content in on-premises hosted meetings/.test(s)));
  const wrongIp = row(54000);
  assert.equal(wrongIp.reason, 'Connection to the Web Conferencing Server could not be established');
  assert.equal(wrongIp.evidence, 'microsoft');
  assert.match(wrongIp.meaning, /wrong address/, 'the article: A records exist but resolve to the wrong IP address');
});

test('ms-client-diagnostics 22 and 23: media connectivity failures, header family and honest marks', () => {
  const remote = row(23);
  assert.equal(remote.header, 'ms-client-diagnostics');
  assert.equal(remote.reason, 'Call failed to establish due to a media connectivity failure when one endpoint is internal and the other is remote');
  assert.equal(remote.evidence, 'microsoft', 'quoted by a Microsoft support article (desktop sharing in Skype for Business Online)');
  assert.match(remote.meaning, /Cannot start Desktop\/Application Sharing due to network issues/);
  const internal = row(22);
  assert.equal(internal.header, 'ms-client-diagnostics');
  assert.equal(internal.reason, 'Call failed to establish due to a media connectivity failure when both endpoints are internal');
  assert.equal(internal.evidence, 'captures', 'only a community post quotes it');
  assert.equal(internal.verified, false);
});

test('1010 without attributes: the advice asks for the HRESULT first and names the name mismatch before the CA', () => {
  const fix = row(1010).likelyFix;
  const nameAt = fix.search(/SEC_E_WRONG_PRINCIPAL/);
  const caAt = fix.search(/install the issuing root/i);
  assert.ok(nameAt >= 0 && caAt > nameAt, fix);
  assert.match(fix, /^Read the header's HRESULT/);
  assert.match(fix, /0x80090322/);
  assert.match(fix, /0x80090325/);
});
