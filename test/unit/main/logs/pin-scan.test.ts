// What the log reader finds outside SIP messages, and its bounds, through the whole reader (file → section):
// web-service calls (URL kind, HTTP status forms), HRESULTs (forms, one count per event), inline
// ms-diagnostics, and the caps on kept messages, web calls and distinct codes. Lines are hand-written in the
// UccApilog format (labelled); the forms are those test/fixtures/logs/README.md lists from its sources
// (TargetUri …/CertProv/…, `status=0x80ef0191`, `HTTP/1.1 NNN`, `status code NNN`, `StatusCode=NNN`).
// Expected values read off each line by hand.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { MAX_ERROR_CODES, MAX_KEPT_REGISTER, MAX_WEB_CALLS } from '../../../../main/logs/analyzer';
import { analyzeLogFiles } from '../../../../main/logs/read';
import type { LogsSection } from '../../../../main/model/logs';
import { loadMsDiagnosticsTable } from '../../../../main/sip/ms-diagnostics-file';

const table = loadMsDiagnosticsTable();
const dir = mkdtempSync(join(tmpdir(), 'ld-scan-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const read = async (lines: string[]): Promise<LogsSection> => {
  const p = join(dir, `s${n++}.UccApilog`);
  writeFileSync(p, lines.join('\r\n') + '\r\n');
  return analyzeLogFiles([{ path: p, origin: 'given' }], table);
};
const T = '09/10/2013|14:07:52.250 1F68:C14 INFO  :: ';
const E = '09/10/2013|14:07:52.250 1F68:C14 ERROR :: ';

// line → web calls found (kind, url, status)
const WEB: ReadonlyArray<readonly [string, Array<[string, string, number | null]>]> = [
  [`${T}TargetUri=https://webpool.contoso.com/CertProv/CertProvisioningService.svc/WebTicket_Proof status code 500`, [['cert-provisioning', 'https://webpool.contoso.com/CertProv/CertProvisioningService.svc/WebTicket_Proof', 500]]],
  [`${T}Response HTTP/1.1 401 from https://webpool.contoso.com/WebTicket/WebTicketService.svc`, [['web-ticket', 'https://webpool.contoso.com/WebTicket/WebTicketService.svc', 401]]],
  [`${T}GET https://lyncdiscover.contoso.com/?sipuri=alice@contoso.com StatusCode=404`, [['autodiscover', 'https://lyncdiscover.contoso.com/?sipuri=alice@contoso.com', 404]]],
  [`${T}GET https://webpool.contoso.com/Autodiscover/AutodiscoverService.svc/root http status: 503`, [['autodiscover', 'https://webpool.contoso.com/Autodiscover/AutodiscoverService.svc/root', 503]]],
  [`${T}(see https://webpool.contoso.com/certprov/certprovisioningservice.svc).`, [['cert-provisioning', 'https://webpool.contoso.com/certprov/certprovisioningservice.svc', null]]],
  [`${T}"http://webpool.contoso.com/CertProv/x";`, [['cert-provisioning', 'http://webpool.contoso.com/CertProv/x', null]]],
  [`${T}https://www.contoso.com/index.html HTTP/1.1 200`, []],
  [`${T}status code 500 but no address`, []],
  [`${T}TargetUri=https://a.contoso.com/CertProv/ and https://a.contoso.com/WebTicket/ HTTP/1.1 200`, [['cert-provisioning', 'https://a.contoso.com/CertProv/', 200], ['web-ticket', 'https://a.contoso.com/WebTicket/', 200]]],
  [`${T}https://a.contoso.com/CertProv/x status 999`, [['cert-provisioning', 'https://a.contoso.com/CertProv/x', null]]],
];
for (const [line, want] of WEB) {
  test(`web calls: ${line.slice(T.length, T.length + 80)}`, async () => {
    const d = await read([line]);
    assert.deepEqual(d.webCalls.map((w) => [w.kind, w.url, w.httpStatus]), want);
    for (const w of d.webCalls) assert.deepEqual([w.line, w.timestamp], [1, '2013-09-10T14:07:52.250']);
  });
}

// line(s) → HRESULT counts
const HR: ReadonlyArray<readonly [string, string[], Record<string, number>]> = [
  ['status=0x forms', [`${T}GetAndPublishCert FAIL status=0x80ef0191`], { '0x80EF0191': 1 }],
  ['hr= without 0x', [`${T}CUccSession::Fail hr=80ef0191`], { '0x80EF0191': 1 }],
  ['HR: with 0x, upper case', [`${T}Something HR: 0xc3e93ee4`], { '0xC3E93EE4': 1 }],
  ['hresult = form', [`${T}result hresult = 0x80072efd`], { '0x80072EFD': 1 }],
  ['a success code (0x0…) is not an error', [`${T}Operation done hr=0x00000000`], {}],
  ['an 0x number that is no HRESULT on an INFO line', [`${T}handle 0x0D1A2B30 sent`], {}],
  ['ERROR line with a bare 8-digit code after 0x', [`${E}Connect failed 0x80072746`], { '0x80072746': 1 }],
  ['two codes on one line count once each', [`${T}first 0x80ef0191 then 0xC3E93EE4`], { '0x80EF0191': 1, '0xC3E93EE4': 1 }],
  ['the same code twice in one trace entry counts once', [`${T}hr=0x80ef0191`, 'continuation hr=0x80ef0191'], { '0x80EF0191': 1 }],
  ['the same code in two trace entries counts twice', [`${T}hr=0x80ef0191`, `${T}again hr=0x80ef0191`], { '0x80EF0191': 2 }],
  ['a blank line ends the event', [`${T}hr=0x80ef0191`, '', 'continuation hr=0x80ef0191'], { '0x80EF0191': 2 }],
];
for (const [label, lines, want] of HR) {
  test(`HRESULTs: ${label}`, async () => {
    const d = await read(lines);
    assert.deepEqual(Object.fromEntries(d.errors.map((e) => [e.hresult, e.count])), want);
  });
}

test('HRESULT record: first line, timestamp, sample and a name written on the line', async () => {
  const d = await read([`${T}noise`, `${E}Register failed 0xC3E93C5E(SIPPROXY_E_ROUTING)`]);
  assert.deepEqual(d.errors.map((e) => [e.hresult, e.name, e.count, e.firstLine, e.firstTimestamp]), [['0xC3E93C5E', 'SIPPROXY_E_ROUTING', 1, 2, '2013-09-10T14:07:52.250']]);
  assert.equal(d.errors[0]!.sample, 'Register failed 0xC3E93C5E(SIPPROXY_E_ROUTING)');
});

test('inline ms-diagnostics on a trace line are counted by header and code', async () => {
  const d = await read([`${T}Response ms-diagnostics: 4005;reason="Destination URI either not enabled for SIP or does not exist"`, `${T}ms-client-diagnostics: 52017;reason="Encryption levels dont match"`]);
  assert.deepEqual(d.diagnostics.map((x) => [x.diagnostic.header, x.diagnostic.code, x.count, x.firstLine]), [['ms-diagnostics', 4005, 1, 1], ['ms-client-diagnostics', 52017, 1, 2]]);
});

const REG = (i: number): string[] => [`${T}Sending Packet - 192.0.2.10:443 (From Local Address: 10.1.2.3:50123) 300 bytes:`, `${T}REGISTER sip:contoso.com SIP/2.0`, `Call-ID: r${i}`, `CSeq: ${i} REGISTER`, 'Content-Length: 0', ''];

test(`kept REGISTER messages: the newest ${MAX_KEPT_REGISTER}, the older counted as dropped; every one counted`, async () => {
  assert.equal(MAX_KEPT_REGISTER, 300);
  const d = await read(Array.from({ length: 302 }, (_, i) => REG(i + 1)).flat());
  assert.equal(d.messages.length, 300);
  assert.equal(d.droppedMessages, 2);
  assert.equal(d.messages[0]!.callId, 'r3');
  assert.equal(d.messages[299]!.callId, 'r302');
  assert.equal(d.counts.REGISTER, 302);
});

test(`exactly ${MAX_KEPT_REGISTER} REGISTER messages: none dropped`, async () => {
  const d = await read(Array.from({ length: 300 }, (_, i) => REG(i + 1)).flat());
  assert.deepEqual([d.messages.length, d.droppedMessages, d.messages[0]!.callId], [300, 0, 'r1']);
});

test(`web calls: at most ${MAX_WEB_CALLS}, the rest counted`, async () => {
  assert.equal(MAX_WEB_CALLS, 300);
  const d = await read(Array.from({ length: 301 }, (_, i) => `${T}TargetUri=https://webpool.contoso.com/CertProv/${i} status code 500`));
  assert.deepEqual([d.webCalls.length, d.droppedWebCalls, d.webCalls[299]!.url], [300, 1, 'https://webpool.contoso.com/CertProv/299']);
});

test(`distinct HRESULTs: at most ${MAX_ERROR_CODES} kept (the first ones), repeats still counted`, async () => {
  assert.equal(MAX_ERROR_CODES, 200);
  const code = (i: number): string => `0x8${i.toString(16).toUpperCase().padStart(7, '0')}`;
  const d = await read([...Array.from({ length: 201 }, (_, i) => `${E}failure ${code(i)}`), `${E}again ${code(0)}`]);
  assert.equal(d.errors.length, 200);
  assert.equal(d.errors.some((e) => e.hresult === code(200)), false);
  assert.equal(d.errors.find((e) => e.hresult === code(0))?.count, 2);
});
