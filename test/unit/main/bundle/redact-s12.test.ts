/**
 * Session 12: tests for mutants that `// Stryker disable` comments of main/bundle/redact.ts hid although a test can
 * kill them (the third disable audit; README, mutation table). Expected outputs come from the inputs: a quoted value
 * keeps its own quotes around the mark, a token after a certificate's END line is no part of the certificate, a
 * space ends the userinfo's run of characters. Secrets are synthetic.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PASSWORD_MAX } from '../../../../main/bundle/redact';
import { R, redact } from '../../../helpers/redact-check';

test('a double-quoted command-line password whose last character is a backslash keeps its plain quotes', () => {
  // "[^"\r\n]*" reads `"abc\"` whole: it ends with \" but starts with a plain quote, so the plain quotes stay.
  assert.deepEqual(redact('run.exe -Password "abc\\" next'), { out: `run.exe -Password "${R('password')}" next`, counts: { password: 1 } });
});

test('a double-quoted gssapi-data value whose last character is a backslash keeps its plain quotes', () => {
  assert.deepEqual(redact('WWW-Authenticate: Negotiate gssapi-data="abc\\", realm="x"'), {
    out: `WWW-Authenticate: Negotiate gssapi-data="${R('kerberos')}", realm="x"`,
    counts: { kerberos: 1 },
  });
});

test('a Kerberos token right after a public PEM block\'s END line is no part of the block: it is redacted', () => {
  const pem = '-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIU\n-----END CERTIFICATE-----';
  assert.deepEqual(redact(`${pem}YII${'A'.repeat(40)}`), { out: `${pem}${R('kerberos')}`, counts: { kerberos: 1 } });
});

test('an over-long scheme-less password: a space ends its run, so the words before it stay', () => {
  const long = 'p'.repeat(PASSWORD_MAX + 1);
  assert.deepEqual(redact(`time: 10 user:${long}@host`), { out: `time: 10 user:${R('url-password')}@host`, counts: { 'url-password': 1 } });
});

test('a private key of 400 body lines is read to its END line (the scan stops after 401 lines, far above any real key)', () => {
  // (a 16 384-bit RSA key in PEM has about 170 lines; 400 lines of 64 base64 characters is over twice that)
  const body = Array.from({ length: 400 }, (_, i) => `${String(i % 10).repeat(4)}${'Q'.repeat(60)}`).join('\n');
  const key = `-----BEGIN PRIVATE KEY-----\n${body}\n-----END PRIVATE KEY-----`;
  assert.deepEqual(redact(`before\n${key}\nafter`), { out: `before\n${R('private-key')}\nafter`, counts: { 'private-key': 1 } });
});
