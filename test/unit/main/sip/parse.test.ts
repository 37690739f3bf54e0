import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cseqOf, header, headerValues, isStartLine, parseSipMessage, splitList, uriHostPort, startLineOffset } from '../../../../main/sip/parse';
import { SEED_401 } from '../../../helpers/sip-server';


test('parses the seed 401: status, folded headers, repeated WWW-Authenticate, CSeq', () => {
  const r = parseSipMessage(SEED_401);
  assert.ok(r.ok);
  const m = r.message;
  assert.equal(m.kind, 'response');
  assert.equal(m.statusCode, 401);
  assert.equal(m.reasonPhrase, 'unauthorized');
  assert.equal(headerValues(m, 'www-authenticate').length, 2);
  assert.match(headerValues(m, 'WWW-Authenticate')[1]!, /version=4, sts-uri="https:\/\/lync\.msxfaq\.de:443\/CertProv\/CertProvisioningService\.svc"$/);
  assert.match(header(m, 'ms-diagnostics')!, /; Domain="msxfaq.de";PeerServer/);
  assert.deepEqual(cseqOf(m), { seq: 9, method: 'REGISTER' });
  assert.equal(header(m, 'ms-user-logon-data'), 'RemoteUser');
});

test('requests: LF-only, compact header names, body cut to Content-Length, short body flagged', () => {
  const text = 'SUBSCRIBE sip:bob@fabrikam.com SIP/2.0\ni: abc\nm: <sip:10.0.0.1:5061;transport=tls>\nl: 5\nCSeq: 3 SUBSCRIBE\n\nhello world';
  const r = parseSipMessage(text);
  assert.ok(r.ok);
  assert.equal(r.message.method, 'SUBSCRIBE');
  assert.equal(r.message.requestUri, 'sip:bob@fabrikam.com');
  assert.equal(header(r.message, 'call-id'), 'abc');
  assert.equal(header(r.message, 'Contact'), '<sip:10.0.0.1:5061;transport=tls>');
  assert.equal(r.message.body, 'hello');
  assert.equal(r.message.bodyTruncated, false);
  const short = parseSipMessage('INVITE sip:a@b SIP/2.0\r\nContent-Length: 100\r\n\r\nv=0');
  assert.ok(short.ok && short.message.bodyTruncated);
});

test('garbage is an error result, never a throw', () => {
  for (const g of ['', '\r\n\r\n', 'hello world', 'SIP/2.0 99 Too Low', 'HTTP/1.1 200 OK\r\n\r\n', '\u0000\u0001\u00ff', 'REGISTER sip:x SIP/3.0', 'SIP/2.0 700 nope']) {
    const r = parseSipMessage(g);
    assert.equal(r.ok, false, JSON.stringify(g));
  }
  const noBlank = parseSipMessage('SIP/2.0 200 OK\r\nCall-ID: x\r\nbroken header line\r\n: empty name');
  assert.ok(noBlank.ok);
  assert.equal(noBlank.message.headers.length, 1);
});

test('start lines, list splitting and Contact host/port', () => {
  assert.ok(isStartLine('REGISTER sip:contoso.com SIP/2.0'));
  assert.ok(isStartLine('SIP/2.0 301 Redirect request to Home Server'));
  assert.ok(!isStartLine('Via: SIP/2.0/TLS 10.0.0.1'));
  assert.deepEqual(splitList('<sip:a@b>;q=1, "x, y" <sip:c@d>, <sip:e,f>'), ['<sip:a@b>;q=1', '"x, y" <sip:c@d>', '<sip:e,f>']);
  assert.deepEqual(uriHostPort('<sip:pool02.contoso.com:5061;transport=Tls>'), { host: 'pool02.contoso.com', port: 5061, transport: 'tls' });
  assert.deepEqual(uriHostPort('<sip:alice@[2001:db8::1]:443>'), { host: '2001:db8::1', port: 443, transport: null });
  assert.equal(uriHostPort('<mailto:x>'), null);
});

test('headers published with a leading space are headers, not one folded line (hand-written, after a Microsoft article)', () => {
  const r = parseSipMessage('SIP/2.0 500 Server Internal Error\n ms-user-logon-data: RemoteUser\n Call-ID: abc\n CSeq: 1 INVITE\n ms-diagnostics: 15000;reason="x";\n   source="pool"\n Content-Length: 0\n\n');
  assert.ok(r.ok);
  if (!r.ok) return;
  assert.equal(header(r.message, 'call-id'), 'abc');
  assert.deepEqual(cseqOf(r.message), { seq: 1, method: 'INVITE' });
  assert.equal(header(r.message, 'ms-diagnostics'), '15000;reason="x"; source="pool"');
});

test('a header run into the status line is split off the reason phrase; a template CSeq keeps its method', () => {
  const r = parseSipMessage('SIP/2.0 504 Server time-out Authentication-Info: TLS-DSK qop="auth"\nCall-ID: x\nCSeq: %d REGISTER\n\n');
  assert.ok(r.ok);
  if (!r.ok) return;
  assert.equal(r.message.reasonPhrase, 'Server time-out');
  assert.equal(header(r.message, 'authentication-info'), 'TLS-DSK qop="auth"');
  assert.deepEqual(cseqOf(r.message), { seq: null, method: 'REGISTER' });
});

test('start lines behind a prefix are found; references and Via lines are not', () => {
  assert.equal(startLineOffset(' |SIP/2.0 504 Server time-out Via: x'), 2);
  assert.equal(startLineOffset('Start-Line: OPTIONS sip:a@b.c SIP/2.0'), 12);
  assert.equal(startLineOffset('Via: SIP/2.0/TLS 10.0.0.1:5061'), -1);
  assert.equal(startLineOffset('the word SIP/2.0 alone'), -1);
});
