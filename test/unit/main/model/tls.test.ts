import assert from 'node:assert/strict';
import { test } from 'node:test';
import { authSchemes } from '../../../../main/model/proxy';
import { certificateCovers, dnsNameMatches } from '../../../../main/model/tls';

test('exact names, case and trailing dot', () => {
  assert.ok(dnsNameMatches('LyncDiscover.Contoso.com.', 'lyncdiscover.contoso.com'));
  assert.ok(!dnsNameMatches('lyncdiscover.contoso.com', 'lyncdiscoverinternal.contoso.com'));
});

test('wildcards: one whole left-most label only', () => {
  assert.ok(dnsNameMatches('lyncdiscover.contoso.com', '*.contoso.com'));
  assert.ok(!dnsNameMatches('contoso.com', '*.contoso.com'), 'does not cover the bare domain');
  assert.ok(!dnsNameMatches('a.b.contoso.com', '*.contoso.com'), 'does not span labels');
  assert.ok(!dnsNameMatches('lyncdiscover.contoso.com', 'lync*.contoso.com'), 'partial wildcard refused');
  assert.ok(!dnsNameMatches('x.com', '*.com'), 'no wildcard on a single-label suffix');
  assert.ok(!dnsNameMatches('a.contoso.com', 'a.*.com'));
  assert.ok(!dnsNameMatches('', '*.contoso.com'));
});

test('SAN wins over CN; CN used only without SAN DNS names; IP hosts need IP SANs', () => {
  const base = { dnsNames: ['sip.contoso.com'], ipAddresses: [], subjectCN: 'lyncdiscover.contoso.com' };
  assert.ok(!certificateCovers(base, 'lyncdiscover.contoso.com'));
  assert.ok(certificateCovers({ ...base, dnsNames: [] }, 'lyncdiscover.contoso.com'));
  assert.ok(certificateCovers({ dnsNames: [], ipAddresses: ['192.0.2.7'], subjectCN: '' }, '192.0.2.7'));
  assert.ok(!certificateCovers({ dnsNames: ['192.0.2.7'], ipAddresses: [], subjectCN: '192.0.2.7' }, '192.0.2.7'));
});

test('authentication schemes: names only, never tokens or parameters', () => {
  assert.deepEqual(authSchemes(['NTLM', 'Negotiate']), ['NTLM', 'Negotiate']);
  assert.deepEqual(authSchemes(['Negotiate TlRMTVNTUAABAAAAB4IIog==, NTLM']), ['Negotiate', 'NTLM']);
  assert.deepEqual(authSchemes(['Digest realm="lab, proxy", nonce="abc", qop="auth", Basic realm="x"']), ['Digest', 'Basic']);
  assert.deepEqual(authSchemes(['MsRtcOAuth href="https://a/WebTicket/oauthtoken",grant_type="urn:microsoft.rtc:windows,urn:microsoft.rtc:anonmeeting,password"']), ['MsRtcOAuth']);
  assert.deepEqual(authSchemes(['ntlm', 'NTLM']), ['ntlm']);
  assert.deepEqual(authSchemes(['', '   ', '=broken']), []);
  assert.ok(!JSON.stringify(authSchemes(['Negotiate YIIGhgYGKwYBBQUCoIIGejCCBnag'])).includes('YIIG'));
});
