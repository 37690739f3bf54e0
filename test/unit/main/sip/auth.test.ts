import assert from 'node:assert/strict';
import { test } from 'node:test';
import { challengesOf, credentialsScheme, normaliseScheme, parseChallengeValue } from '../../../../main/sip/auth';
import { parseSipMessage } from '../../../../main/sip/parse';
import { SEED_401 } from '../../../helpers/sip-server';

test('seed 401: NTLM and TLS-DSK with realm, targetname, version and sts-uri', () => {
  const r = parseSipMessage(SEED_401);
  assert.ok(r.ok);
  const c = challengesOf(r.message);
  assert.deepEqual(c.map((x) => x.scheme), ['NTLM', 'TLS-DSK']);
  assert.equal(c[0]?.realm, 'SIP Communications Service');
  assert.equal(c[0]?.targetname, 'NAWLYNC001.msxfaq.de');
  assert.equal(c[1]?.version, '4');
  assert.equal(c[1]?.stsUri, 'https://lync.msxfaq.de:443/CertProv/CertProvisioningService.svc');
  assert.equal(c[0]?.stsUri, null);
});

test('several challenges in one header, unquoted values, escapes and junk', () => {
  const c = parseChallengeValue('Kerberos realm="SIP Communications Service", targetname="sip/pool.contoso.com", version=4, NTLM realm="a\\"b", opaque=ABC');
  assert.deepEqual(c.map((x) => x.scheme), ['Kerberos', 'NTLM']);
  assert.equal(c[1]?.realm, 'a"b');
  assert.equal(c[1]?.params.opaque, 'ABC');
  assert.deepEqual(parseChallengeValue(''), []);
  assert.deepEqual(parseChallengeValue('=== ,,, "unterminated').map((x) => x.scheme), []);
  assert.equal(parseChallengeValue('Digest realm=').length, 1);
});

test('credentials: the scheme only, never the value; schemes normalised', () => {
  const r = parseSipMessage('REGISTER sip:contoso.com SIP/2.0\r\nProxy-Authorization: TLS-DSK qop="auth", response="secret"\r\n\r\n');
  assert.ok(r.ok);
  assert.equal(credentialsScheme(r.message), 'TLS-DSK');
  const none = parseSipMessage('REGISTER sip:contoso.com SIP/2.0\r\n\r\n');
  assert.ok(none.ok);
  assert.equal(credentialsScheme(none.message), null);
  assert.equal(normaliseScheme('tls-dsk'), 'TLS-DSK');
  assert.equal(normaliseScheme('ntlm'), 'NTLM');
});
