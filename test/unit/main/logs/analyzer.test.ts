import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LogAnalyzer, MAX_KEPT_REGISTER, webCallKind } from '../../../../main/logs/analyzer';
import { splitTraceLine, uccTimestamp } from '../../../../main/logs/trace-line';
import { tableFromJson } from '../../../../main/sip/ms-diagnostics';
import { SEED_401 } from '../../../helpers/sip-server';

const table = tableFromJson([]);
const run = (lines: string[]) => {
  const a = new LogAnalyzer(table);
  a.beginFile('t.log');
  lines.forEach((l, i) => a.line(l, i + 1));
  a.endFile();
  return a.section([]);
};

test('trace prefixes: UccApilog and Mac; raw lines are not prefixed', () => {
  const t = splitTraceLine('04/16/2013|03:17:30.168 1F68:C14 INFO  :: End of Sending Packet - 1.2.3.4:5061');
  assert.deepEqual([t?.timestamp, t?.level, t?.text], ['2013-04-16T03:17:30.168', 'INFO', 'End of Sending Packet - 1.2.3.4:5061']);
  assert.equal(splitTraceLine('04/16/2013|03:17:30.168 1F68:C14 ERROR :: x')?.level, 'ERROR');
  const mac = splitTraceLine('2012/05/18 08:32:28.604 SIPService::Logon');
  assert.deepEqual([mac?.timestamp, mac?.level, mac?.text], ['2012-05-18T08:32:28.604', null, 'SIPService::Logon']);
  assert.equal(splitTraceLine('Via: SIP/2.0/TLS 10.0.0.1:5061'), null);
  assert.equal(splitTraceLine('12345678901234567890 but not a trace'), null);
  assert.equal(uccTimestamp('4/6/2013|3:17:30.1'), '2013-04-06T03:17:30.1');
});

test('a SIP message pasted raw (no markers) is found: the seed 401', () => {
  const d = run(['some text', ...SEED_401.split('\n'), 'after']);
  assert.equal(d.messages.length, 1);
  assert.equal(d.messages[0]?.statusCode, 401);
  assert.equal(d.messages[0]?.direction, 'unknown');
  assert.deepEqual(d.schemesOffered, ['NTLM', 'TLS-DSK']);
  assert.equal(d.diagnostics.length, 2);
});

test('a marker not followed by SIP is dropped; a new trace entry ends an unterminated message', () => {
  const d = run([
    '09/10/2013|14:07:51.000 1F68:C14 INFO  :: Data Received - 1.2.3.4:443 (To Local Address: 10.0.0.1:5) 9 bytes:',
    'binary junk', 'more junk', 'and more', 'REGISTER sip:late SIP/2.0',
    '09/10/2013|14:07:52.000 1F68:C14 INFO  :: Sending Packet - 1.2.3.4:443 (From Local Address: 10.0.0.1:5) 9 bytes:',
    '09/10/2013|14:07:52.000 1F68:C14 INFO  :: SIP/2.0 403 Forbidden',
    'CSeq: 2 REGISTER',
    'ms-diagnostics: 4003;reason="From URI not enabled for remote access"',
    '09/10/2013|14:07:53.000 1F68:C14 INFO  :: something else entirely',
  ]);
  assert.deepEqual(d.messages.map((m) => m.statusCode ?? m.method), ['REGISTER', 403]);
  assert.equal(d.messages[1]?.diagnostics[0]?.code, 4003);
});

test('REGISTERs are kept in a bounded ring: the newest stay, the rest are counted', () => {
  const lines: string[] = [];
  for (let i = 0; i < MAX_KEPT_REGISTER * 3; i++) lines.push(`REGISTER sip:contoso.com SIP/2.0`, `Call-ID: c${i}`, `CSeq: ${i} REGISTER`, 'Content-Length: 0', '');
  const d = run(lines);
  assert.equal(d.messages.length, MAX_KEPT_REGISTER);
  assert.equal(d.droppedMessages, MAX_KEPT_REGISTER * 2);
  assert.equal(d.messages.at(-1)?.callId, `c${MAX_KEPT_REGISTER * 3 - 1}`);
  assert.equal(d.counts.REGISTER, MAX_KEPT_REGISTER * 3);
});

test('outside messages: inline ms-diagnostics, HRESULTs (hr=, 0x, status=), web-service URLs', () => {
  const d = run([
    '09/10/2013|14:07:51.000 1F68:C14 ERROR :: CSipStack::Fail - ms-diagnostics: 1013;reason="Significant time skew detected during authentication."',
    '09/10/2013|14:07:51.000 1F68:C14 ERROR :: Logon failed hr=80ef01f4',
    '09/10/2013|14:07:51.000 1F68:C14 INFO  :: GET https://lyncdiscover.contoso.com/autodiscover/autodiscoverservice.svc/root?originalDomain=contoso.com HTTP/1.1 200',
    '09/10/2013|14:07:51.000 1F68:C14 INFO  :: POST https://webpool.contoso.com/WebTicket/oauthtoken StatusCode=400',
    '09/10/2013|14:07:51.000 1F68:C14 INFO  :: https://www.example.com/ is not a Lync service',
  ]);
  assert.equal(d.diagnostics[0]?.diagnostic.code, 1013);
  assert.deepEqual(d.errors.map((e) => e.hresult), ['0x80EF01F4']);
  assert.deepEqual(d.webCalls.map((w) => [w.kind, w.httpStatus]), [['autodiscover', 200], ['web-ticket', 400]]);
  assert.equal(webCallKind('https://x/CertProv/CertProvisioningService.svc'), 'cert-provisioning');
  assert.equal(webCallKind('https://x/other'), null);
});

test('CLS/OCSLogger text: a TF_PROTOCOL record is a SIP message; a diagnostic record counts its HRESULT once (hand-written)', () => {
  const d = run([
    'TL_INFO(TF_PROTOCOL) [0]06E4.0EB4::01/18/2012-05:00:43.101.00005386 (SIPStack,SIPAdminLog::TraceProtocolRecord:SIPAdminLog.cpp(125))$$begin_record',
    'Direction: outgoing;source="local"',
    'Peer: pool01.contoso.com:5061',
    'Message-Type: response',
    'Start-Line: SIP/2.0 403 Forbidden',
    'CSeq: 2 REGISTER',
    'Call-ID: c1',
    'ms-diagnostics: 4005;reason="x"',
    'Message-Body: -',
    '$$end_record',
    'TL_ERROR(TF_DIAG) [0]0860.0CDC::01/18/2012-05:07:42.622.000d0b31 (SIPStack) Result 0xC3E93C5E(SIPPROXY_E_ROUTING) $$begin_record',
    'Result-Code: 0xc3e93c5e SIPPROXY_E_ROUTING',
    'SIP-Start-Line: OPTIONS sip:a@b.c SIP/2.0',
    '$$end_record',
  ]);
  assert.deepEqual(d.counts, { 'REGISTER 403': 1 });
  assert.equal(d.messages[0]?.direction, 'sent');
  assert.equal(d.messages[0]?.peer, 'pool01.contoso.com:5061');
  assert.equal(d.messages[0]?.timestamp, '2012-01-18T05:00:43.101');
  assert.deepEqual(d.errors.map((e) => [e.hresult, e.name, e.count]), [['0xC3E93C5E', 'SIPPROXY_E_ROUTING', 1]]);
});

test('syslog #015/#012 escapes and CR-only line ends still yield whole messages (hand-written)', () => {
  const d = run(['Nov 20 10:49:01 host sbc[1]: message=<SIP/2.0 486 Busy Here#015#012CSeq: 1 INVITE#015#012Call-ID: x#015#012ms-client-diagnostics: 52017;reason="y"#015#012#015#012>', 'SIP/2.0 404 Not Found\rCSeq: 3 INVITE\rCall-ID: z\r\r']);
  assert.deepEqual(d.counts, { 'INVITE 486': 1, 'INVITE 404': 1 });
  assert.deepEqual(d.diagnostics.map((x) => [x.diagnostic.header, x.diagnostic.code]), [['ms-client-diagnostics', 52017]]);
});

test('the same HRESULT twice in one trace entry is one event; on two entries it is two (hand-written)', () => {
  const d = run([
    '04/16/2013|03:17:30.168 1F68:C14 ERROR :: CSipEndpoint::Fail hr=0xC3E93EE4 (SIP_E_AUTH_NTLMMISMATCH) status=0xC3E93EE4',
    '04/16/2013|03:17:31.168 1F68:C14 ERROR :: CSipEndpoint::Fail hr=0xC3E93EE4',
  ]);
  assert.deepEqual(d.errors.map((e) => [e.hresult, e.name, e.count]), [['0xC3E93EE4', 'SIP_E_AUTH_NTLMMISMATCH', 2]]);
});
