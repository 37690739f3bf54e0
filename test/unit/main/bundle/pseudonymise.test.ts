/** Pseudonymisation: consistent tokens, relations kept (domains, address classes), public names kept. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Pseudonymiser, splitHost } from '../../../../main/bundle/pseudonymise';
import { inDomain } from '../../../../main/checks/dns';
import { makeCert } from '../../../helpers/forge-certs';

const KEY = Buffer.alloc(32, 7);

function run(texts: string[], opts: ConstructorParameters<typeof Pseudonymiser>[0] = {}): { out: string[]; p: Pseudonymiser } {
  const p = new Pseudonymiser({ key: KEY, ...opts });
  for (const t of texts) p.learn(t);
  return { out: texts.map((t) => p.apply(t)), p };
}

test('SIP addresses, domains and host names get consistent tokens; role labels stay readable', () => {
  const { out } = run([
    'sip:alice@contoso.com',
    'lyncdiscover.contoso.com → webext.contoso.com',
    '_sip._tls.Contoso.COM points to pool01.corp.contoso.com:5061',
    'alice@contoso.com again, and bob.smith@fabrikam.net',
  ]);
  assert.equal(out[0], 'sip:user1@domain1.example');
  assert.equal(out[1], 'lyncdiscover.domain1.example → webext.domain1.example');
  assert.equal(out[2], '_sip._tls.domain1.example points to name1.name2.domain1.example:5061');
  assert.equal(out[3], 'user1@domain1.example again, and user2@domain2.example');
});

test('domain relations survive, so DNS checks judge pseudonymised names the same way', () => {
  const pairs: Array<[string, string]> = [
    ['sip.contoso.com', 'contoso.com'],
    ['pool01.corp.contoso.com', 'contoso.com'],
    ['sip.contoso-hosting.net', 'contoso.com'],
    ['contoso.com.evil.net', 'contoso.com'],
    ['a.corp.contoso.com', 'corp.contoso.com'],
    ['b.contoso.com', 'corp.contoso.com'],
  ];
  const { out } = run(pairs.flat());
  for (let i = 0; i < pairs.length; i++) {
    const [host, domain] = pairs[i] as [string, string];
    assert.equal(inDomain(out[2 * i] as string, out[2 * i + 1] as string), inDomain(host, domain), `${host} in ${domain}`);
  }
});

test('public Microsoft and CA names are kept; tenant names under onmicrosoft.com are not', () => {
  const { out } = run(['sipfed.online.lync.com', 'push.lync.com', 'login.microsoftonline.com', 'contoso.onmicrosoft.com', 'crl3.digicert.com', 'contoso-com.mail.protection.outlook.com', 'contoso.com']);
  assert.deepEqual(out.slice(0, 3), ['sipfed.online.lync.com', 'push.lync.com', 'login.microsoftonline.com']);
  assert.match(out[3] as string, /^tenant\d+\.onmicrosoft\.com$/);
  assert.equal(out[4], 'crl3.digicert.com');
  assert.ok(!(out[5] as string).includes('contoso'), `organisation word inside a kept name: ${out[5]}`);
  assert.equal(splitHost('co.uk'), null);
  assert.equal(splitHost('shop.contoso.co.uk')?.root, 'contoso.co.uk');
});

test('IP addresses keep their class (private/public/loopback) and stay consistent', () => {
  const { out } = run(['10.0.0.5 and 10.0.0.5', '192.168.1.20', '172.20.1.1', '203.0.113.20', '8.8.8.8', '127.0.0.1:5300', 'Version=5.0.0.0', '100.64.1.1', '169.254.3.4']);
  assert.match(out[0] as string, /^(10\.\d+\.\d+\.\d+) and \1$/);
  assert.notEqual(out[0], '10.0.0.5 and 10.0.0.5');
  assert.match(out[1] as string, /^192\.168\./);
  assert.match(out[2] as string, /^172\.(1[6-9]|2\d|3[01])\./);
  assert.match(out[3] as string, /^(198\.51\.100|203\.0\.113|192\.0\.2)\.\d+$/);
  assert.notEqual(out[3], out[4]);
  assert.equal(out[5], '127.0.0.1:5300');
  assert.equal(out[6], 'Version=5.0.0.0');
  assert.match(out[7] as string, /^100\.(6[4-9]|[7-9]\d|1[01]\d|12[0-7])\./);
  assert.match(out[8] as string, /^169\.254\./);
});

test('IPv6 and MAC addresses are replaced by class; loopback and unspecified stay', () => {
  const { out } = run(['2001:4860:4860::8888', '[2001:4860:4860:0::8888]:443', 'fe80::1c2d:3e4f:5a6b:7c8d%12', 'fd12:3456::1', '::1', '::', '00-1A-2B-3C-4D-5E', '00:1a:2b:3c:4d:5e', 'at 09:15:00 today']);
  assert.match(out[0] as string, /^2001:db8:ffff::[0-9a-f]+$/);
  assert.equal(out[1], `[${out[0]}]:443`, 'two spellings of one address give one token');
  assert.match(out[2] as string, /^fe80::[0-9a-f]+%12$/);
  assert.match(out[3] as string, /^fd00::/);
  assert.equal(out[4], '::1');
  assert.equal(out[5], '::');
  assert.match(out[6] as string, /^02-00-5E-/i);
  assert.equal((out[7] as string).toLowerCase(), (out[6] as string).toLowerCase().replace(/-/g, ':'));
  assert.equal(out[8], 'at 09:15:00 today');
});

test('thumbprints are hashed with the key, consistently and in the same case', () => {
  const t = 'A41B19C69F5F142C61B4798E62E53D635DB887FE';
  const { out } = run([t, t.toLowerCase(), `certs/My-${t}.pem`]);
  assert.match(out[0] as string, /^[0-9A-F]{40}$/);
  assert.notEqual(out[0], t);
  assert.equal(out[1], (out[0] as string).toLowerCase());
  assert.equal(out[2], `certs/My-${out[0]}.pem`);
  const other = new Pseudonymiser({ key: Buffer.alloc(32, 8) });
  assert.notEqual(other.apply(t), out[0], 'another export key gives unlinkable tokens');
});

test('user names and computer names are replaced wherever they stand alone', () => {
  const { out } = run(['alice@contoso.com', 'C:\\Users\\alice\\AppData\\Local\\Microsoft\\Office\\16.0\\Lync', 'CN=Alice, OU=Users', 'host PC-ALICE01 by Contoso Issuing CA 01', 'malice and palace'], { computers: ['PC-ALICE01'] });
  assert.equal(out[1], 'C:\\Users\\user1\\AppData\\Local\\Microsoft\\Office\\16.0\\Lync');
  assert.equal(out[2], 'CN=user1, OU=Users');
  assert.equal(out[3], 'host name1 by domain1 Issuing CA 01');
  assert.equal(out[4], 'malice and palace');
});

test('a computer named like a common word is not replaced in prose; a real PC name still is', () => {
  // A PC (or CI host) called "server" or "localhost" must not turn "the server did not answer" into a token:
  // the same rule as for user names (a name under three letters, a stop word or a well-known label is skipped).
  const texts = ['the server did not answer', 'localhost refused', 'pool edge proxy', 'PC-ALICE01 answered'];
  const { out } = run(texts, { computers: ['server', 'localhost', 'Proxy', 'pc', 'PC-ALICE01'] });
  assert.deepEqual(out, ['the server did not answer', 'localhost refused', 'pool edge proxy', 'name1 answered']);
});

test('file names, versions and registry paths are not mistaken for host names', () => {
  const texts = ['dns-queries.txt', 'powershell-cert-My.json', 'notes.md', 'reg-query-HKCU-16.0.txt', 'Lync 15.0.4569.1503', 'HKEY_CURRENT_USER\\SOFTWARE\\Policies\\Microsoft\\Office\\16.0\\Lync'];
  const { out } = run(texts);
  assert.deepEqual(out, texts);
});

test('certificate bodies (PEM, DER base64) are removed: they carry the real names', () => {
  const c = makeCert({ subjectCN: 'sip.contoso.com', dnsNames: ['sip.contoso.com'] });
  const { out } = run([c.pem, `{"Der": "${c.derBase64}"}`]);
  assert.equal(out[0]?.trim(), '[REMOVED:pem]');
  assert.equal(out[1], '{"Der": "[REMOVED:der]"}');
});

test('the mapping lists every replacement, and nothing original is left behind', () => {
  const { out, p } = run(['alice@contoso.com at 10.1.2.3', 'sip.contoso.com_old', 'see .contoso.com']);
  const m = p.mapping();
  assert.ok(m.some((e) => e.kind === 'user' && e.original === 'alice' && e.token === 'user1'));
  assert.ok(m.some((e) => e.kind === 'domain' && e.original === 'contoso.com'));
  assert.ok(m.some((e) => e.kind === 'ip' && e.original === '10.1.2.3'));
  for (const o of out) {
    assert.ok(!/contoso|alice|10\.1\.2\.3/i.test(o), o);
    assert.deepEqual(p.residue(o), []);
  }
});
