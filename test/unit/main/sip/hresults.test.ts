import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hresultName, hresultsOnLine, normaliseHresult } from '../../../../main/sip/hresults';

test('the name written on the line wins; the table names known codes; the SIP facility is recognised', () => {
  assert.deepEqual(hresultsOnLine('Exit - route headers from untrusted source. Result 0xC3E93C5E(SIPPROXY_E_ROUTING)'), [{ hresult: '0xC3E93C5E', written: 'SIPPROXY_E_ROUTING' }]);
  assert.deepEqual(hresultsOnLine('Result-Code: 0xc3e93d67 SIPPROXY_E_ROUTING_MSG_CERT_MISMATCH'), [{ hresult: '0xC3E93D67', written: 'SIPPROXY_E_ROUTING_MSG_CERT_MISMATCH' }]);
  assert.deepEqual(hresultsOnLine('state=0x0000abcd ok'), []);
  assert.equal(hresultName('0x80090322'), 'SEC_E_WRONG_PRINCIPAL');
  assert.equal(hresultName('0x80072F8F'), 'ERROR_WINHTTP_SECURE_FAILURE');
  assert.equal(hresultName('0xC3E93D6F', 'SIPPROXY_E_EPROUTING_MSG_ALLOWED_DOMAIN_NO_SRV_MATCH'), 'SIPPROXY_E_EPROUTING_MSG_ALLOWED_DOMAIN_NO_SRV_MATCH');
  assert.match(hresultName('0xC3E90001') ?? '', /facility 0x3E9/);
  assert.equal(hresultName('0x8EADBEEF'), null);
  assert.equal(normaliseHresult('80090322'), '0x80090322');
  assert.equal(normaliseHresult('0x123'), null);
});
