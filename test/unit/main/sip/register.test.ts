import assert from 'node:assert/strict';
import { test } from 'node:test';
import { credentialsScheme } from '../../../../main/sip/auth';
import { cseqOf, header, parseSipMessage } from '../../../../main/sip/parse';
import { buildRegister } from '../../../../main/sip/register';

const ids = { callId: 'c1', tag: 't1', epid: 'e1', branch: 'z9hG4bKb1', instance: 'UUID-1' };

test('REGISTER like the client\'s first one: CRLF, Content-Length 0, no credentials at all', () => {
  const text = buildRegister({ sipAddress: 'sip:Alice@Contoso.com', localAddress: '10.1.2.3', localPort: 50123, userAgent: 'LyncDoctor/test', ids });
  assert.ok(text.endsWith('\r\n\r\n'));
  assert.ok(!/\n(?!\r?$)[^\r]*(?<!\r)\n/.test(text.replace(/\r\n/g, '')), 'only CRLF line ends');
  assert.doesNotMatch(text, /authorization/i);
  const r = parseSipMessage(text);
  assert.ok(r.ok);
  assert.equal(r.message.method, 'REGISTER');
  assert.equal(r.message.requestUri, 'sip:contoso.com');
  assert.equal(header(r.message, 'From'), '<sip:alice@contoso.com>;tag=t1;epid=e1');
  assert.equal(header(r.message, 'To'), '<sip:alice@contoso.com>');
  assert.equal(header(r.message, 'Content-Length'), '0');
  assert.equal(header(r.message, 'Event'), 'registration');
  assert.deepEqual(cseqOf(r.message), { seq: 1, method: 'REGISTER' });
  assert.equal(credentialsScheme(r.message), null);
  assert.match(header(r.message, 'Via')!, /^SIP\/2\.0\/TLS 10\.1\.2\.3:50123;branch=z9hG4bKb1$/);
});

test('IPv6 local addresses are bracketed; ids are random when not given', () => {
  const a = buildRegister({ sipAddress: 'alice@contoso.com', localAddress: '::1', localPort: 5, userAgent: 'x' });
  const b = buildRegister({ sipAddress: 'alice@contoso.com', localAddress: '::ffff:127.0.0.1', localPort: 5, userAgent: 'x' });
  assert.match(a, /Via: SIP\/2\.0\/TLS \[::1\]:5;/);
  assert.match(b, /Via: SIP\/2\.0\/TLS 127\.0\.0\.1:5;/);
  const callId = (t: string): string | undefined => /Call-ID: (\S+)/.exec(t)?.[1];
  assert.notEqual(callId(a), callId(b));
});
