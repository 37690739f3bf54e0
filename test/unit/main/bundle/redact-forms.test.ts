/**
 * Credential forms as Windows, SIP and command lines write them (issue 18 pins, from reviewing the rules): proxy
 * credentials in registry values and WinINET lists, URL-encoded, IPv6 hosts; SIP gssapi-data in its three quotings;
 * command-line password switches. Secrets are synthetic. Expected outputs written from the formats (RFC 3986
 * userinfo, MS-SIPAE gssapi-data, PowerShell/cmd switch syntax) before running the code.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findLeaks, redactText } from '../../../../main/bundle/redact';

const R = (k: string) => `[REDACTED:${k}]`;
const CASES: ReadonlyArray<readonly [string, string, Record<string, number>]> = [
  ['ProxyServer    REG_SZ    CONTOSO\\alice:Winter2026!@proxy.contoso.com:8080', `ProxyServer    REG_SZ    CONTOSO\\alice:${R('url-password')}@proxy.contoso.com:8080`, { 'url-password': 1 }],
  ['http%3A%2F%2Fbob%3AS3cret%40proxy.contoso.com%3A8080', `http%3A%2F%2Fbob%3A${R('url-password')}%40proxy.contoso.com%3A8080`, { 'url-password': 1 }],
  ['bob%3AS3cret%40proxy.contoso.com', `bob%3A${R('url-password')}%40proxy.contoso.com`, { 'url-password': 1 }],
  ['CONTOSO%5Calice%3AS3cret%40proxy.contoso.com', `CONTOSO%5Calice%3A${R('url-password')}%40proxy.contoso.com`, { 'url-password': 1 }],
  ['socks5://carol:Pa55@[2001:db8::1]:1080', `socks5://carol:${R('url-password')}@[2001:db8::1]:1080`, { 'url-password': 1 }],
  ['proxy=https://dave:x%40y@proxy.contoso.com:3128/', `proxy=https://dave:${R('url-password')}@proxy.contoso.com:3128/`, { 'url-password': 1 }],
  // URIs that look like user:…@host but are not credentials
  ['From: <sip:alice@contoso.com>;tag=1', 'From: <sip:alice@contoso.com>;tag=1', {}],
  ['sips:alice@contoso.com tel:+14255550100@gw mailto:alice@contoso.com urn:x:y@z C:alice@x', 'sips:alice@contoso.com tel:+14255550100@gw mailto:alice@contoso.com urn:x:y@z C:alice@x', {}],
  // SIP gssapi-data: quoted, JSON-escaped quoted, unquoted; empty stays
  ['WWW-Authenticate: Kerberos realm="SIP Communications Service", targetname="sip/pool01.contoso.com", gssapi-data="Zm9vYmFyYmF6cXV4", version=4', `WWW-Authenticate: Kerberos realm="SIP Communications Service", targetname="sip/pool01.contoso.com", gssapi-data="${R('kerberos')}", version=4`, { kerberos: 1 }],
  ['Authentication-Info: TLS-DSK qop="auth", gssapi-data=Zm9vYmFyYmF6cXV4, version=4', `Authentication-Info: TLS-DSK qop="auth", gssapi-data=${R('kerberos')}, version=4`, { kerberos: 1 }],
  ['{"h":"gssapi-data=\\"Zm9vYmFyYmF6cXV4\\", version=4"}', `{"h":"gssapi-data=\\"${R('kerberos')}\\", version=4"}`, { kerberos: 1 }],
  ['WWW-Authenticate: NTLM realm="SIP Communications Service", gssapi-data="", version=4', 'WWW-Authenticate: NTLM realm="SIP Communications Service", gssapi-data="", version=4', {}],
  // command lines
  ['Set-CsUser -Password "Winter 2026!" -Identity alice', `Set-CsUser -Password "${R('password')}" -Identity alice`, { password: 1 }],
  ['runas /user:alice /password:Sekr3t cmd', `runas /user:alice /password:${R('password')} cmd`, { password: 1 }],
  ['tool -pwd:Sekr3t -v', `tool -pwd:${R('password')} -v`, { password: 1 }],
  ['net use \\\\fs01\\share /user:CONTOSO\\alice /pass:Sekr3t', `net use \\\\fs01\\share /user:CONTOSO\\alice /pass:${R('password')}`, { password: 1 }],
  ['cmd.exe /c "tool.exe -Password \\"Sekr3t x\\" -Force"', `cmd.exe /c "tool.exe -Password \\"${R('password')}\\" -Force"`, { password: 1 }],
];

for (const [input, want, counts] of CASES) {
  test(`redactText(${JSON.stringify(input.slice(0, 60))})`, () => {
    const c: Record<string, number> = {};
    const out = redactText(input, c);
    assert.equal(out, want);
    assert.deepEqual(c, counts);
    assert.equal(redactText(out), out);
    assert.deepEqual(findLeaks(out), []);
  });
}

test('a WinINET per-protocol list with a raw "@" in the passwords loses both passwords', () => {
  const out = redactText('http=bob:p@ss1@proxy.contoso.com:8080;https=bob:p@ss2@proxy.contoso.com:8443');
  assert.ok(!out.includes('p@ss') && !out.includes('ss1') && !out.includes('ss2'), out);
  assert.ok(out.startsWith('http=bob:[REDACTED:url-password]@'), out);
  assert.ok(out.endsWith('proxy.contoso.com:8443'), out);
});
