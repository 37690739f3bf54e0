/**
 * Table-driven leak test: every common secret shape (issue 13's 28) is planted in every place a PC keeps
 * one — environment, PAC URL, client log, SIP headers, a proxy's 407, autodiscover answers — and in raw
 * entry names; the bundle (standard and pseudonymised) is unzipped with plain yauzl and every entry's bytes
 * and name are searched. Secrets are hand-written or made from a seeded key (labelled as such).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import forge from 'node-forge';
import { exportBundle } from '../../../../main/bundle/export';
import { findLeaks, redactText } from '../../../../main/bundle/redact';
import type { RawArtifact, Sections } from '../../../../main/model/snapshot';
import { makeCert } from '../../../helpers/forge-certs';
import { PLANTED_PROXIES } from '../../../helpers/planted-proxy-credentials';
import { prng } from '../../../helpers/prng';
import { seededKeys } from '../../../helpers/seeded-keys';
import { baseSnapshot } from '../../../helpers/snapshot';
import { unzipPlain as unzip } from '../../../helpers/unzip-plain';

const keys = seededKeys(28);
const cert = makeCert({ subjectCN: 'alice@contoso.com', keys, serial: '0c0ffee1', notBefore: new Date('2026-01-01T00:00:00Z'), notAfter: new Date('2027-01-01T00:00:00Z') });
const pkcs8 = forge.util.encode64(forge.asn1.toDer(forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(keys.privateKey))).getBytes());
/** A PKCS#12 file made deterministic: forge's salt and IV come from a seeded PRNG while it is built. */
function seededPkcs12(): string {
  const next = prng(1212);
  const random = forge.random as unknown as { getBytes: (n: number) => string; getBytesSync: (n: number) => string };
  const original = { getBytes: random.getBytes, getBytesSync: random.getBytesSync };
  const seeded = (n: number): string => String.fromCharCode(...Array.from({ length: n }, () => Math.floor(next() * 256)));
  random.getBytes = seeded;
  random.getBytesSync = seeded;
  try {
    return forge.util.encode64(forge.asn1.toDer(forge.pkcs12.toPkcs12Asn1(keys.privateKey, [cert.cert], 'pfxpw', { algorithm: '3des' })).getBytes());
  } finally {
    random.getBytes = original.getBytes;
    random.getBytesSync = original.getBytesSync;
  }
}
const p12 = seededPkcs12();
const p12Lines = p12.match(/.{1,76}/g) ?? [];
const keyLines = cert.keyPem.trim().split(/\r?\n/);
/** Lines of the key's private half (the start holds the public modulus, which the certificate carries). */
const privateNeedles = keyLines.filter((l) => /^[A-Za-z0-9+/]{64}$/.test(l)).slice(-3).map((l) => l.slice(0, 40));

interface Shape {
  readonly label: string;
  readonly text: string;
  readonly needles: readonly string[];
}

const JWT = 'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJKd3RTdWJqIn0.SigJwtLl3sig';
const SHAPES: readonly Shape[] = [
  ...PLANTED_PROXIES.map((p) => ({ label: `proxy ${p.label}`, text: p.value, needles: p.needles })),
  ...['pass', 'pw', 'pwd', 'password', 'key', 'auth', 'code', 'token', 'secret', 'sig', 'apikey', 'access_token', 'session', 'cwt', 'proxyPassword'].map((n, i) => ({
    label: `query ${n}=`,
    text: `https://lyncweb.contoso.com/path?x=1&${n}=Q${i}SecretMm${i}&y=2`,
    needles: [`Q${i}SecretMm${i}`],
  })),
  { label: 'PEM private key with a log prefix on every line', text: keyLines.map((l) => `09:15:02.123 [7] INFO :: ${l}`).join('\n'), needles: [...privateNeedles, 'PRIVATE KEY-----'] },
  { label: 'PKCS#8 key in base64 without armour', text: `key blob ${pkcs8} end`, needles: [pkcs8.slice(300, 340)] },
  { label: 'PKCS#12 (.pfx) in base64, wrapped', text: `pfx blob:\n${p12Lines.join('\n')}`, needles: [(p12Lines[5] as string).slice(0, 40), (p12Lines[p12Lines.length - 2] as string).slice(0, 40)] },
  { label: 'PKCS#12 (.pfx) in base64, one line', text: `"Pfx": "${p12}"`, needles: [p12.slice(400, 440), p12.slice(-60, -20)] },
  { label: 'Authorization: Negotiate (Kerberos)', text: 'Authorization: Negotiate YIIGhgYGKwYBBQUCoIIGejCCBnagMDAuBgkqhkiC9xIBAgIGCSqGSIb3EgECAg==', needles: ['YIIGhgYGKwYBBQUCoIIGej'] },
  { label: 'Proxy-Authorization: NTLM', text: 'Proxy-Authorization: NTLM TlRMTVNTUAADAAAAGAAYAIgAAAAYABgAoAAAAA4ADgBYAAAA', needles: ['TlRMTVNTUAADAAAAGAAY'] },
  { label: 'Authorization: Basic', text: 'Authorization: Basic YWxpY2U6QmFzaWNQd05uNA==', needles: ['YWxpY2U6QmFzaWNQd05uNA'] },
  { label: 'Bearer JWT', text: `Authorization: Bearer ${JWT}`, needles: ['eyJzdWIiOiJKd3RTdWJqIn0', 'SigJwtLl3sig'] },
  { label: 'SIP gssapi-data (Kerberos)', text: 'WWW-Authenticate: Kerberos realm="SIP Communications Service", targetname="sip/pool01.contoso.com", version=4, gssapi-data="oYG2MIGzoAMKAQChCwYJKoZIgvcSAQICooGeBIGbGssOo5"', needles: ['oYG2MIGzoAMKAQChCwYJ', 'GssOo5'] },
  { label: 'SIP gssapi-data (NTLM)', text: 'Authorization: NTLM qop="auth", realm="SIP Communications Service", opaque="2E6B1A4C", gssapi-data="TlRMTVNTUAADAAAAGAAYAHgAAPp6", targetname="pool01.contoso.com", version=4', needles: ['TlRMTVNTUAADAAAAGAAYAHgAAPp6'] },
  { label: 'Proxy-Authenticate: Negotiate challenge token', text: 'Proxy-Authenticate: Negotiate oRQwEqADCgEBoQsGCSqGSIb3EgECAgChQq7', needles: ['oRQwEqADCgEBoQsGCSqGSIb3EgECAgChQq7'] },
  { label: 'Cookie', text: 'Cookie: MRHSession=CookieRr8Secret; LastMRH_Session=1', needles: ['CookieRr8Secret'] },
  { label: 'Set-Cookie', text: 'Set-Cookie: ASP.NET_SessionId=SetCookieSs9; path=/; HttpOnly', needles: ['SetCookieSs9'] },
  { label: 'X-MS-WebTicket header', text: 'X-MS-WebTicket: opaque=WebTicketTt0Secret', needles: ['WebTicketTt0Secret'] },
  { label: 'web ticket in XML', text: '<UserToken>WebTicketXmlUu1</UserToken>', needles: ['WebTicketXmlUu1'] },
  { label: 'SAML assertion', text: '<saml:Assertion ID="a1">SamlAssertVv2</saml:Assertion>', needles: ['SamlAssertVv2'] },
  { label: 'command-line password', text: 'Set-CsProxy -Password "CliPwWw3"', needles: ['CliPwWw3'] },
  { label: 'URL-encoded whole URL', text: 'redirect=http%3A%2F%2Falice%3AWholeEncXx4%40proxy.contoso.com%3A8080', needles: ['WholeEncXx4'] },
];

/** The places, each as a raw output (name and how the shape sits in it) and as a Snapshot string. */
const PLACES: ReadonlyArray<{ readonly place: string; readonly collectorId: string; readonly name: string; readonly wrap: (s: string) => string }> = [
  { place: 'env', collectorId: 'proxy', name: 'env.txt', wrap: (s) => `HTTPS_PROXY=${s}\nNO_PROXY=sipinternal` },
  { place: 'PAC URL', collectorId: 'proxy', name: 'pac-reading.json', wrap: (s) => JSON.stringify({ source: `http://wpad.contoso.com/proxy.pac?v=1 ${s}`, message: `PAC file could not be fetched: ${s}` }) },
  { place: 'client log', collectorId: 'logs', name: 'Lync-UccApi-0.UccApilog', wrap: (s) => `03/02/2026|09:15:02.123 1A2C:0B10 INFO  :: Data Sent -\n${s}\n03/02/2026|09:15:02.200 INFO :: done` },
  { place: 'SIP headers', collectorId: 'sip', name: 'register-401.txt', wrap: (s) => `SIP/2.0 401 Unauthorized\r\nFrom: <sip:alice@contoso.com>;tag=1\r\n${s}\r\nContent-Length: 0\r\n\r\n` },
  { place: 'proxy 407', collectorId: 'proxy', name: 'connect-407.txt', wrap: (s) => `HTTP/1.1 407 Proxy Authentication Required\r\nServer: squid\r\n${s}\r\nContent-Length: 0\r\n\r\n` },
  { place: 'autodiscover answer', collectorId: 'autodiscover', name: 'lyncdiscover-user.json', wrap: (s) => JSON.stringify({ _links: { self: { href: 'https://lyncdiscover.contoso.com/' }, note: s } }, null, 2) },
];

function planted(): { raw: RawArtifact[]; sections: Sections } {
  const raw: RawArtifact[] = [];
  const sectionData: Record<string, string[]> = {};
  for (const p of PLACES) {
    for (const [i, s] of SHAPES.entries()) {
      raw.push({ collectorId: p.collectorId, name: `${i}-${p.name}`, content: p.wrap(s.text) });
      (sectionData[p.place] ??= []).push(p.wrap(s.text));
    }
  }
  // Entry names carrying the single-line shapes.
  for (const [i, s] of SHAPES.entries()) if (!s.text.includes('\n')) raw.push({ collectorId: 'proxy', name: `name-${i}-${s.text}.txt`, content: 'x' });
  const sections = { plantedPlaces: { status: 'ok', message: SHAPES.map((s) => s.text).join(' | '), durationMs: 1, data: sectionData } } as unknown as Sections;
  return { raw, sections };
}

test('the planted shapes are what they claim: each needle is in its text, private needles are not public', () => {
  assert.equal(p12, seededPkcs12(), 'the PKCS#12 blob is the same on every run');
  assert.ok(SHAPES.length >= 28, `${SHAPES.length} shapes`);
  for (const s of SHAPES) for (const n of s.needles) assert.ok(s.text.includes(n), `${s.label}: needle ${n} not planted`);
  for (const n of privateNeedles) assert.ok(!cert.pem.replace(/\n/g, '').includes(n));
});

test('every shape is redacted on its own, in every place, and the leak guard sees it before redaction', () => {
  for (const s of SHAPES) {
    for (const p of PLACES) {
      const text = p.wrap(s.text);
      const out = redactText(text);
      for (const n of s.needles) assert.ok(!out.includes(n), `${s.label} in ${p.place}: "${n}" survived:\n${out}`);
      assert.deepEqual(findLeaks(out), [], `${s.label} in ${p.place}: the guard still objects to ${out}`);
      assert.notDeepEqual(findLeaks(text), [], `${s.label} in ${p.place}: the leak guard does not recognise it`);
    }
  }
});

for (const level of ['standard', 'pseudonymise'] as const) {
  test(`no planted shape survives in any entry or entry name of a ${level} bundle`, async () => {
    const { raw, sections } = planted();
    const snapshot = baseSnapshot(sections, { input: { sipAddress: 'alice@contoso.com', sipDomain: 'contoso.com', dnsServer: null, timeoutMs: 3000, proxyPac: 'http://wpad.contoso.com/proxy.pac?key=InputPacKeyYy5' } });
    const b = await exportBundle({ snapshot, findings: [], raw }, { redaction: level, now: () => new Date('2026-06-02T00:00:00Z') });
    const entries = await unzip(b.zip);
    assert.equal(entries.length, 5 + raw.length);
    const needles = [...SHAPES.flatMap((s) => s.needles), 'InputPacKeyYy5'];
    for (const e of entries) {
      const text = e.data.toString('utf8');
      for (const n of needles) {
        assert.ok(!text.includes(n), `${n} found in ${e.name}`);
        assert.ok(!e.name.includes(n), `${n} found in the entry name ${e.name}`);
      }
    }
  });
}
