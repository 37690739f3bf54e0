import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync, createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { analyzeLogFiles, CHUNK_BYTES, MAX_LINE_CHARS } from '../../../../main/logs/read';
import type { LogsSection } from '../../../../main/model/logs';
import { loadMsDiagnosticsTable } from '../../../../main/sip/ms-diagnostics-file';
import { lastSignIn } from '../../../../main/sip/signin-facts';

const FIX = join(__dirname, '..', '..', '..', 'fixtures', 'logs');
const table = loadMsDiagnosticsTable();
const dir = mkdtempSync(join(tmpdir(), 'ld-logs-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const analyse = (...paths: string[]): Promise<LogsSection> => analyzeLogFiles(paths.map((path) => ({ path, origin: 'given' as const })), table);
const fx = (name: string): string => join(FIX, name);

const REGISTER_PACKET = [
  '09/10/2013|14:07:51.000 1F68:C14 INFO  :: Sending Packet - 192.0.2.10:443 (From Local Address: 10.1.2.3:50123) 300 bytes:',
  '09/10/2013|14:07:51.000 1F68:C14 INFO  :: REGISTER sip:contoso.com SIP/2.0',
  'From: <sip:alice@contoso.com>;tag=1;epid=2',
  'To: <sip:alice@contoso.com>',
  'Call-ID: needle',
  'CSeq: 1 REGISTER',
  'Content-Length: 0',
  '',
  '09/10/2013|14:07:51.000 1F68:C14 INFO  :: End of Sending Packet - 192.0.2.10:443 (From Local Address: 10.1.2.3:50123) 300 bytes',
  '09/10/2013|14:07:51.100 1F68:C14 INFO  :: Data Received - 192.0.2.10:443 (To Local Address: 10.1.2.3:50123) 300 bytes:',
  '09/10/2013|14:07:51.100 1F68:C14 INFO  :: SIP/2.0 401 Unauthorized',
  'WWW-Authenticate: NTLM realm="SIP Communications Service", targetname="pool01.contoso.com", version=4',
  'Call-ID: needle',
  'CSeq: 1 REGISTER',
  'Content-Length: 0',
  '',
  '09/10/2013|14:07:51.100 1F68:C14 INFO  :: End of Data Received - 192.0.2.10:443 (To Local Address: 10.1.2.3:50123) 300 bytes',
];

test('TLS-DSK sign-in that succeeds (CRLF): REGISTER, 401 schemes, web calls, REGISTER with credentials, 200', async () => {
  const d = await analyse(fx('signin-tlsdsk-success.UccApilog'));
  assert.equal(d.files[0]?.outcome, 'ok');
  assert.equal(d.files[0]?.firstTimestamp, '2013-09-10T14:07:50.000');
  assert.deepEqual(d.messages.map((m) => m.kind === 'request' ? `${m.method} ${m.credentialsScheme ?? '-'}` : String(m.statusCode)), ['REGISTER -', '401', 'REGISTER TLS-DSK', '200']);
  assert.deepEqual(d.messages.map((m) => m.direction), ['sent', 'received', 'sent', 'received']);
  assert.equal(d.messages[0]?.peer, '192.0.2.10:443');
  assert.deepEqual([...d.schemesOffered].sort(), ['NTLM', 'TLS-DSK']);
  assert.deepEqual(d.schemesUsed, ['TLS-DSK']);
  assert.equal(d.messages[1]?.challenges[1]?.stsUri, 'https://webpool.contoso.com:443/CertProv/CertProvisioningService.svc');
  assert.deepEqual(d.webCalls.map((w) => [w.kind, w.httpStatus]), [['web-ticket', 200], ['cert-provisioning', 200]]);
  assert.equal(d.counts['REGISTER 200'], 1);
  assert.equal(lastSignIn(d).at(-1)?.statusCode, 200);
  assert.ok(!JSON.stringify(d).includes('1ae25e33e76918d931c5d65d2711d3a91506d79e'), 'credential values are never kept');
});

test('NTLM mismatch with CRLF/LF mixed: ms-diagnostics 1000 and HRESULT 0xC3E93EE4 named', async () => {
  const d = await analyse(fx('signin-ntlm-mismatch.UccApilog'));
  const diag = d.diagnostics.find((x) => x.diagnostic.code === 1000);
  assert.ok(diag);
  assert.equal(diag.diagnostic.attributes.HRESULT, '0xC3E93EE4(SIP_E_AUTH_NTLMMISMATCH)');
  assert.equal(diag.statusCode, 401);
  assert.deepEqual(d.errors.map((e) => [e.hresult, e.name]), [['0xC3E93EE4', 'SIP_E_AUTH_NTLMMISMATCH']]);
  assert.equal(d.messages.length, 4);
});

test('4005 at sign-in, undocumented code kept raw, non-UTF-8 bytes and a truncated last line', async () => {
  const d = await analyse(fx('signin-4005-truncated.UccApilog'));
  const f = d.files[0]!;
  assert.equal(f.outcome, 'ok');
  assert.equal(f.invalidUtf8, true);
  assert.equal(f.lastTimestamp, '2013-09-10T14:07:54.000', 'the unterminated last line is still read');
  const codes = d.diagnostics.map((x) => [x.diagnostic.code, x.diagnostic.decoded.status]);
  assert.deepEqual(codes.filter((c) => c[0] === 4005 || c[0] === 52999), [[4005, 'documented'], [52999, 'not-documented']]);
  assert.equal(d.diagnostics.find((x) => x.diagnostic.code === 52999)?.diagnostic.raw, '52999;reason="Some component we have no source for";Component="unknown"');
  assert.ok(d.messages.some((m) => m.cseqMethod === 'SUBSCRIBE' && m.statusCode === 500), 'failure responses of other methods kept');
  assert.equal(lastSignIn(d).at(-1)?.statusCode, 404);
});

test('federation 1047 on a SUBSCRIBE with a body; Mac log variant read', async () => {
  const d = await analyse(fx('federation-1047.UccApilog'), fx('mac-microsoft-lync.log'));
  assert.equal(d.counts.SUBSCRIBE, 1);
  assert.equal(d.diagnostics.find((x) => x.diagnostic.code === 1047)?.diagnostic.attributes.WinsockFailureCode, '10054(WSAECONNRESET)');
  const mac = d.messages.find((m) => m.file.endsWith('.log'));
  assert.equal(mac?.statusCode, 403);
  assert.equal(mac?.timestamp, '2012-05-18T08:32:29.001');
  assert.equal(mac?.diagnostics[0]?.code, 4003);
  assert.equal(d.files[1]?.firstTimestamp, '2012-05-18T08:32:28.602');
});

test('cert provisioning failure lines: HTTP 500 and status=0x80ef0191 recorded', async () => {
  const d = await analyse(fx('certprov-fail.UccApilog'));
  assert.ok(d.webCalls.some((w) => w.kind === 'cert-provisioning' && w.httpStatus === 500 && /WebTicket_Proof/.test(w.url)));
  assert.ok(d.errors.some((e) => e.hresult === '0x80EF0191'));
});

test('10 MB of noise around one REGISTER: exactly that exchange is found', async () => {
  const path = join(dir, 'noisy.UccApilog');
  const out = createWriteStream(path);
  const noise = (n: number): string => {
    let s = '';
    for (let i = 0; i < n; i++) s += `09/10/2013|14:07:${String(i % 60).padStart(2, '0')}.000 1F68:C14 TRACE :: CUccDataStore::Update - item ${i} value=0x0000${(i % 9999).toString(16)} ok\r\n`;
    return s;
  };
  const block = noise(10_000); // ~0.9 MB
  for (let i = 0; i < 6; i++) out.write(block);
  out.write(`${REGISTER_PACKET.join('\r\n')}\r\n`);
  for (let i = 0; i < 6; i++) out.write(block);
  await new Promise<void>((resolve) => out.end(resolve));
  const d = await analyse(path);
  assert.ok((d.files[0]?.bytes ?? 0) >= 10 * 1024 * 1024, `${d.files[0]?.bytes} bytes`);
  assert.deepEqual(d.messages.map((m) => m.callId), ['needle', 'needle']);
  assert.equal(d.counts.REGISTER, 1);
  assert.equal(d.counts['REGISTER 401'], 1);
  assert.equal(d.errors.length, 0, 'noise hex values are not HRESULTs');
});

test('a multi-byte character split across read chunks stays valid UTF-8; over-long lines are cut', async () => {
  const path = join(dir, 'boundary.UccApilog');
  const head = Buffer.from('x'.repeat(CHUNK_BYTES - 1));
  const long = Buffer.from(`\n${'y'.repeat(MAX_LINE_CHARS * 2)}\n`);
  writeFileSync(path, Buffer.concat([head, Buffer.from('ö\n'), long, Buffer.from(`${REGISTER_PACKET.join('\n')}\n`)]));
  const d = await analyse(path);
  assert.equal(d.files[0]?.invalidUtf8, false);
  assert.equal(d.files[0]?.longLines, 2);
  assert.equal(d.counts.REGISTER, 1, 'the message after the long lines is still found');
});

test('only the tail of a big file is read when asked; its partial first line is dropped', async () => {
  const path = join(dir, 'tail.UccApilog');
  writeFileSync(path, `${'z'.repeat(5000)}\n${REGISTER_PACKET.join('\n')}\n`);
  const d = await analyzeLogFiles([{ path, origin: 'given' }], table, { tailBytes: 3000 });
  assert.equal(d.counts.REGISTER, 1);
  assert.match(d.files[0]!.message, /only the last \d+ bytes were analysed/);
  assert.ok(d.files[0]!.lines < 30);
});

test('absent file, a folder, an empty file: reported, never thrown', async () => {
  const empty = join(dir, 'empty.UccApilog');
  writeFileSync(empty, '');
  const d = await analyse(join(dir, 'missing.UccApilog'), dir, empty);
  assert.deepEqual(d.files.map((f) => f.outcome), ['absent', 'error', 'ok']);
  assert.match(d.files[0]!.message, /does not exist/);
  assert.equal(d.files[2]!.lines, 0);
});
