import assert from 'node:assert/strict';
import { test } from 'node:test';
import { classifyStoreError, parseCertExportJson } from '../../../../../main/collect/windows/parse-cert-json';
import { fixture } from '../../../../helpers/fixtures';

test('PowerShell array output with a BOM parses to every certificate', () => {
  const r = parseCertExportJson(fixture('windows', 'ps-cert-my-three.json'));
  assert.equal(r.kind, 'ok');
  if (r.kind === 'ok') {
    assert.equal(r.certs.length, 3);
    assert.equal(r.certs[0]?.store, 'My');
    assert.equal(r.certs[0]?.hasPrivateKey, true);
    assert.match(r.certs[0]?.thumbprint ?? '', /^[0-9A-F]{40}$/);
  }
});

test('a single certificate comes as a bare object (PS 5.1) and still parses', () => {
  const r = parseCertExportJson(fixture('windows', 'ps-cert-my-single.json'));
  assert.equal(r.kind === 'ok' && r.certs.length, 1);
});

test('an empty store prints nothing and parses as no certificates', () => {
  assert.deepEqual(parseCertExportJson(fixture('windows', 'ps-cert-my-empty.json')), { kind: 'ok', certs: [] });
});

test('non-JSON output is an error with a reason', () => {
  const r = parseCertExportJson('WARNING: something\r\n{ broken');
  assert.equal(r.kind, 'error');
  if (r.kind === 'error') assert.match(r.reason, /not valid JSON/);
});

test('store errors are classified', () => {
  assert.equal(classifyStoreError(fixture('windows', 'ps-cert-lyncstore-missing.stderr.txt')), 'absent');
  assert.equal(classifyStoreError(fixture('windows', 'ps-cert-my-denied.stderr.txt')), 'access-denied');
});
