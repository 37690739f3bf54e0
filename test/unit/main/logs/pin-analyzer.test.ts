/**
 * Pins the analyzer's reading through its public entry points (LogAnalyzer fed by a LineFeeder, in place and
 * line by line): each case is a rule of the log format or an edge (blank lines, case of header names, caps),
 * checked against what the rule says, on both reading paths and with the text cut into pieces.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { LogsSection } from '../../../../main/model/logs';
import { loadMsDiagnosticsTable } from '../../../../main/sip/ms-diagnostics-file';
import { readInChunks } from '../../../helpers/chunked-log-read';

const table = loadMsDiagnosticsTable();
const TS = '09/10/2013|14:07:51.000 1F68:C14 INFO  :: ';

/** The section, read in place, line by line, whole-parse and cut every 7 characters: all four must agree. */
function read(text: string): LogsSection {
  const ref = readInChunks(table, 'x.UccApilog', text, [], false, true) as { section: LogsSection };
  for (const [inPlace, cuts] of [[false, []], [true, []], [true, Array.from({ length: Math.floor(text.length / 7) }, (_, i) => (i + 1) * 7)]] as const) {
    const got = readInChunks(table, 'x.UccApilog', text, cuts, inPlace) as { section: LogsSection };
    assert.deepEqual(JSON.parse(JSON.stringify(got.section)), JSON.parse(JSON.stringify(ref.section)), `inPlace=${inPlace} cuts=${cuts.length}`);
  }
  return ref.section;
}

test('an uppercase inline "MS-DIAGNOSTICS:" header is counted like the lowercase one (header names are case-insensitive, RFC 3261 7.3.5)', () => {
  for (const name of ['MS-DIAGNOSTICS', 'ms-diagnostics', 'Ms-Diagnostics', 'X-MS-DIAGNOSTICS', 'MS-DIAGNOSTICS-PUBLIC', 'MS-CLIENT-DIAGNOSTICS']) {
    for (const prefix of [TS, '']) {
      const d = read(`${prefix}${name}: 4005;reason="Destination URI either not enabled for SIP or does not exist"\n`);
      assert.equal(d.diagnostics.length, 1, `${prefix}${name}`);
      assert.equal(d.diagnostics[0]?.diagnostic.code, 4005);
      assert.equal(d.diagnostics[0]?.diagnostic.header, name.toLowerCase());
      assert.equal(d.diagnostics[0]?.statusCode, null);
    }
  }
});

test('a blank line of any length (spaces, tabs) ends an HRESULT event, as an empty line does', () => {
  for (const blank of ['', ' ', '  ', '   ', '\t\t\t', '        ', ' \t \t ']) {
    const d = read(`hr=0x80004005 first\n${blank}\nhr=0x80004005 again\n`);
    assert.equal(d.errors[0]?.count, 2, JSON.stringify(blank));
  }
  // without the blank line both lines are one event: counted once
  assert.equal(read('hr=0x80004005 first\nhr=0x80004005 again\n').errors[0]?.count, 1);
  // a line with text between them is still the same event
  assert.equal(read('hr=0x80004005 first\n   x\nhr=0x80004005 again\n').errors[0]?.count, 1);
});

test('web-service URLs are found whatever the case of the scheme ("HTTPS://", "Http://"), on trace lines and plain lines', () => {
  for (const scheme of ['https', 'HTTPS', 'Https', 'http', 'HTTP']) {
    for (const prefix of [TS, 'GET ']) {
      const d = read(`${prefix}${scheme}://webpool.contoso.com/CertProv/CertProvisioningService.svc HTTP/1.1 200 OK\n`);
      assert.deepEqual(d.webCalls.map((w) => [w.kind, w.url, w.httpStatus]), [['cert-provisioning', `${scheme}://webpool.contoso.com/CertProv/CertProvisioningService.svc`, 200]], `${prefix}${scheme}`);
    }
  }
});
