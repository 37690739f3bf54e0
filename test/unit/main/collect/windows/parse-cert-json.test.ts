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

test('parseStoreExport: the CLM-safe export (Der as byte numbers), PS 5.1 {"value":[…]} wrapping, an absent store, bad bytes', async () => {
  const { parseStoreExport } = await import('../../../../../main/collect/windows/parse-cert-json.js');
  const der = [48, 130, 1, 2];
  const b64 = Buffer.from(der).toString('base64');
  const one = parseStoreExport(`\uFEFF{"LanguageMode":"ConstrainedLanguage","Store":"My","Exists":true,"Certs":[{"Thumbprint":"ab12","HasPrivateKey":true,"Der":[${der.join(',')}]}]}\r\n`, 'My');
  assert.deepEqual(one, { kind: 'ok', languageMode: 'ConstrainedLanguage', exists: true, certs: [{ store: 'My', thumbprint: 'AB12', hasPrivateKey: true, derBase64: b64 }] });
  const wrapped = parseStoreExport(`{"LanguageMode":"FullLanguage","Store":"My","Exists":true,"Certs":{"value":[{"Thumbprint":"CD","HasPrivateKey":false,"Der":{"value":[${der.join(',')}],"Count":4}}],"Count":1}}`, 'My');
  assert.ok(wrapped.kind === 'ok');
  assert.deepEqual(wrapped.certs.map((c) => c.derBase64), [b64]);
  assert.deepEqual(parseStoreExport('{"LanguageMode":"FullLanguage","Store":"LyncCertStore","Exists":false,"Certs":[]}', 'LyncCertStore'), { kind: 'ok', languageMode: 'FullLanguage', exists: false, certs: [] });
  const bad = parseStoreExport('{"Exists":true,"Certs":[{"Thumbprint":"EF","Der":[1,256,3]},{"Thumbprint":"AA","Der":"System.Byte[]"}]}', 'My');
  assert.ok(bad.kind === 'ok');
  assert.deepEqual(bad.certs.map((c) => c.derBase64), [null, null], 'out-of-range bytes and a depth-truncated "System.Byte[]" are no certificate data');
  assert.equal(parseStoreExport('{"Exists":"yes"}', 'My').kind, 'error');
  assert.equal(parseStoreExport('#< CLIXML', 'My').kind, 'error');
});
