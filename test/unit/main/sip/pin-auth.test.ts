// WWW-Authenticate / Proxy-Authenticate reading pinned as a table. Expected values from the grammar
// (RFC 3261 §25.1 challenge = ("Digest" LWS digest-cln *(COMMA digest-cln)) / other-challenge;
// other-challenge = auth-scheme LWS auth-param *(COMMA auth-param); auth-param = name EQUAL (token / quoted-string);
// quoted-pair "\" escapes one character; names are case-insensitive) and [MS-SIPAE] §2.2.2 (the Lync schemes
// NTLM, Kerberos, TLS-DSK with realm, targetname, version, sts-uri), written before running the code.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { challengesOf, credentialsScheme, normaliseScheme, parseChallengeValue } from '../../../../main/sip/auth';
import type { SipHeader } from '../../../../main/sip/parse';

type C = [scheme: string, params: Record<string, string>];

const CHALLENGES: ReadonlyArray<readonly [string, C[]]> = [
  ['NTLM realm="SIP Communications Service", targetname="pool01.contoso.com", version=4', [['NTLM', { realm: 'SIP Communications Service', targetname: 'pool01.contoso.com', version: '4' }]]],
  // several challenges in one value: a bare token followed by a space starts the next
  ['NTLM realm="a", version=3, Kerberos realm="b", TLS-DSK sts-uri="https://web/CertProv/CertProvisioningService.svc"', [['NTLM', { realm: 'a', version: '3' }], ['Kerberos', { realm: 'b' }], ['TLS-DSK', { 'sts-uri': 'https://web/CertProv/CertProvisioningService.svc' }]]],
  ['Negotiate', [['Negotiate', {}]]],
  ['NTLM realm="a", Kerberos', [['NTLM', { realm: 'a' }], ['Kerberos', {}]]],
  // names are case-insensitive (kept lower-case); the first of a repeated parameter counts
  ['NTLM Realm="a", TargetName="t", VERSION=4, realm="b"', [['NTLM', { realm: 'a', targetname: 't', version: '4' }]]],
  // blanks around '=' and tabs between scheme and parameters; an unquoted value ends at the comma, trimmed
  ['NTLM\trealm = "a" ,\tversion =  4  , opaque=x y', [['NTLM', { realm: 'a', version: '4', opaque: 'x y' }]]],
  // quoted-pair: the escaped character is kept, the backslash dropped; a comma inside quotes belongs to the value
  ['Digest realm="a\\"b\\\\c", nonce="1,2"', [['Digest', { realm: 'a"b\\c', nonce: '1,2' }]]],
  ['Digest realm="unterminated', [['Digest', { realm: 'unterminated' }]]],
  ['Digest realm="x\\', [['Digest', { realm: 'x\\' }]]],
  ['Digest realm=', [['Digest', { realm: '' }]]],
  ['Digest realm=""', [['Digest', { realm: '' }]]],
  // a parameter before any scheme is skipped with its value; a quoted string or '=' where a token belongs too
  ['realm="SIP", NTLM version=4', [['NTLM', { version: '4' }]]],
  ['realm=abc, NTLM version=4', [['NTLM', { version: '4' }]]],
  ['realm=abc', []],
  // separators are skipped in one step: a long run of them does not use up the parser's turn limit
  [`${' ,'.repeat(6000)}NTLM version=4`, [['NTLM', { version: '4' }]]],
  ['"junk, more" NTLM version=4', [['NTLM', { version: '4' }]]],
  ['"unterminated junk', []],
  ['= NTLM version=4', [['NTLM', { version: '4' }]]],
  ['==NTLM version=4', [['NTLM', { version: '4' }]]],
  ['', []],
  [' ,\t, ', []],
];

test('parseChallengeValue: schemes and parameters per the auth-param grammar', () => {
  for (const [value, expected] of CHALLENGES) {
    const got = parseChallengeValue(value).map((c): C => [c.scheme, c.params]);
    assert.deepEqual(got, expected, value);
  }
});

test('parseChallengeValue: the named fields and the header', () => {
  const [c] = parseChallengeValue('TLS-DSK realm="SIP Communications Service", targetname="pool01.contoso.com", version=4, sts-uri="https://web/cp"', 'Proxy-Authenticate');
  assert.deepEqual(c, {
    header: 'Proxy-Authenticate',
    scheme: 'TLS-DSK',
    realm: 'SIP Communications Service',
    targetname: 'pool01.contoso.com',
    version: '4',
    stsUri: 'https://web/cp',
    params: { realm: 'SIP Communications Service', targetname: 'pool01.contoso.com', version: '4', 'sts-uri': 'https://web/cp' },
  });
  const [bare] = parseChallengeValue('Kerberos');
  assert.deepEqual([bare?.header, bare?.realm, bare?.targetname, bare?.version, bare?.stsUri], ['WWW-Authenticate', null, null, null, null]);
});

const h = (name: string, value: string, canon?: string): SipHeader => (canon ? { name, value, canon } : { name, value });

test('challengesOf: WWW-Authenticate first, then Proxy-Authenticate, in order; names in any case', () => {
  const headers = [h('Proxy-Authenticate', 'NTLM realm="p1"'), h('www-authenticate', 'Kerberos realm="w1"'), h('Via', 'x'), h(' WWW-AUTHENTICATE ', 'TLS-DSK realm="w2"'), h('x', 'NTLM realm="p2"', 'proxy-authenticate')];
  const c = challengesOf({ headers });
  assert.deepEqual(c.map((x) => `${x.header} ${x.scheme} ${x.realm}`), ['WWW-Authenticate Kerberos w1', 'WWW-Authenticate TLS-DSK w2', 'Proxy-Authenticate NTLM p1', 'Proxy-Authenticate NTLM p2']);
  assert.deepEqual(challengesOf({ headers: [h('Proxy-Authenticate', 'NTLM realm="p"')] }).map((x) => x.header), ['Proxy-Authenticate']);
  assert.deepEqual(challengesOf({ headers: [h('Server', 'RTC/7.0')] }), []);
});

test('challengesOf: a value is read once (shared result) while the cache holds < 256 values; a full cache is cleared', () => {
  const once = (v: string) => challengesOf({ headers: [h('WWW-Authenticate', v)] })[0];
  // bring the module's cache to a known state: fill until a sentinel is evicted (the clear), then it holds 2 values
  const z = 'NTLM realm="sentinel"';
  const z0 = once(z);
  let i = 0;
  while (once(z) === z0 && i < 300) once(`NTLM realm="sync-${i++}"`);
  assert.ok(i > 0 && i <= 256, `a clear within 256 values (${i})`);
  const a = 'NTLM realm="cache-a", version=4';
  const a0 = once(a); // 3 values
  for (let k = 0; k < 253; k++) once(`NTLM realm="fill-${k}"`); // 256 values
  assert.equal(once(a), a0, 'still cached with 256 values');
  once('NTLM realm="one more"'); // full: cleared before this one is kept
  const a1 = once(a);
  assert.notEqual(a1, a0, 'read again after the clear');
  assert.deepEqual(a1, a0, 'to the same result');
  const long = `NTLM realm="${'x'.repeat(2036)}"`;
  assert.equal(long.length, 2049);
  assert.notEqual(once(long), once(long), 'over 2 KiB: not cached');
  assert.equal(once(long)?.realm, 'x'.repeat(2036));
  const edge = `NTLM realm="${'y'.repeat(2035)}"`;
  assert.equal(edge.length, 2048);
  assert.equal(once(edge), once(edge), 'exactly 2 KiB: cached');
  // WWW and Proxy caches are apart: the same value keeps its own header
  const v = 'Kerberos realm="both"';
  assert.equal(challengesOf({ headers: [h('WWW-Authenticate', v)] })[0]?.header, 'WWW-Authenticate');
  assert.equal(challengesOf({ headers: [h('Proxy-Authenticate', v)] })[0]?.header, 'Proxy-Authenticate');
});

const SCHEMES: ReadonlyArray<readonly [string, string]> = [
  ['tls-dsk', 'TLS-DSK'],
  [' TLS-Dsk ', 'TLS-DSK'],
  ['ntlm', 'NTLM'],
  ['NTLM', 'NTLM'],
  ['KERBEROS', 'Kerberos'],
  ['negotiate', 'Negotiate'],
  ['DIGEST', 'Digest'],
  ['basic', 'Basic'],
  [' Bearer ', 'Bearer'],
  ['x-Custom', 'x-Custom'],
];

test('normaliseScheme: the known schemes in their usual spelling, others trimmed as given', () => {
  for (const [input, want] of SCHEMES) assert.equal(normaliseScheme(input), want, input);
});

test('credentialsScheme: Proxy-Authorization before Authorization; the scheme token only', () => {
  const cases: ReadonlyArray<readonly [SipHeader[], string | null]> = [
    [[h('Authorization', 'NTLM qop="auth", response="secret"')], 'NTLM'],
    [[h('Authorization', 'Kerberos x'), h('Proxy-Authorization', 'tls-dsk y')], 'TLS-DSK'],
    [[h('authorization', '   negotiate token')], 'Negotiate'],
    [[h('Authorization', 'My_Scheme-2 x')], 'My_Scheme-2'],
    [[h('Authorization', '"quoted" x')], 'unknown'],
    [[h('Authorization', '')], null],
    [[h('Via', 'x')], null],
  ];
  for (const [headers, want] of cases) assert.equal(credentialsScheme({ headers }), want, JSON.stringify(headers));
});
