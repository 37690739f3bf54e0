/** host:port text for every layer: RFC 3986 §3.2.2 (IP-literal = "[" IPv6address "]") and RFC 5952 §6 ("[2001:db8::1]:80"). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bracketHost, hostPort } from '../../../../main/model/endpoint';

test('an IPv6 literal with a port is written in brackets (RFC 5952 §6 example)', () => {
  assert.equal(hostPort('2001:db8::1', 80), '[2001:db8::1]:80');
  assert.equal(hostPort('::1', 5061), '[::1]:5061');
  assert.equal(hostPort('2001:db8::10', '5061'), '[2001:db8::10]:5061');
  assert.equal(hostPort('::ffff:192.0.2.1', 443), '[::ffff:192.0.2.1]:443');
});

test('host names and IPv4 addresses are unchanged (the common case)', () => {
  assert.equal(hostPort('sip.contoso.com', 5061), 'sip.contoso.com:5061');
  assert.equal(hostPort('192.0.2.7', 443), '192.0.2.7:443');
  assert.equal(bracketHost('sip.contoso.com'), 'sip.contoso.com');
  assert.equal(bracketHost('192.0.2.7'), '192.0.2.7');
});

test('a host already in brackets is not bracketed twice', () => {
  assert.equal(hostPort('[::1]', 5061), '[::1]:5061');
  assert.equal(bracketHost('[2001:db8::10]'), '[2001:db8::10]');
  assert.equal(bracketHost('2001:db8::10'), '[2001:db8::10]');
});
