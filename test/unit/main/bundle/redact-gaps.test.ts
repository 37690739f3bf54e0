/**
 * Session 10: gaps the previous session noticed and left — a leak (folded header values after a blank folded line,
 * private keys whose body is not on the lines after the header), data lost around JSON strings and in WinINET proxy
 * lists, and counts that did not follow the marks. Expected outputs were written from the formats before running the
 * code: RFC 7230 §3.2.4 (obs-fold = CRLF 1*(SP / HTAB): a folded line may hold only white space, and the value goes on
 * on the next folded line), RFC 7468 (PEM: header, base64 body, footer), RFC 8259 (JSON strings), the
 * WINHTTP_PROXY_INFO proxy list ("([<scheme>=][<scheme>"://"]<server>[":"<port>])" separated by semicolons or white
 * space). Secrets are synthetic.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { exportBundle } from '../../../../main/bundle/export';
import { findLeaks, redactText, redactValue } from '../../../../main/bundle/redact';
import type { RawArtifact } from '../../../../main/model/snapshot';
import { prng } from '../../../helpers/prng';
import { baseSnapshot } from '../../../helpers/snapshot';
import { KEYS, R, redact } from '../../../helpers/redact-check';

/**
 * A bound on one 1 MB hostile input: linear scans take 0.1-1 s here, a quadratic one hours. Generous, so a loaded
 * machine or mutation testing's instrumented code (many times slower) never fails it by accident.
 */
const SLOW_MS = 20_000;

const C = R('cookie');

test('a folded header value after a blank folded line goes whole (Set-Cookie, Cookie, Authorization; CRLF, LF, tab, JSON-escaped)', () => {
  const cases: Array<[string, string, Record<string, number>]> = [
    ['Set-Cookie:\r\n \r\n  id=COOKIESECRET1; Path=/\r\nHost: x', `Set-Cookie:\r\n \r\n  ${C}\r\nHost: x`, { cookie: 1 }],
    ['Set-Cookie: \n\t\n\tid=COOKIESECRET2\nX: y', `Set-Cookie: \n\t\n\t${C}\nX: y`, { cookie: 1 }],
    ['Cookie:\r\n \r\n \r\n  id=COOKIESECRET3\r\nHost: x', `Cookie:\r\n \r\n \r\n  ${C}\r\nHost: x`, { cookie: 1 }],
    // a blank folded line inside the value: the value goes on after it
    ['Cookie: a=1;\r\n \r\n  id=COOKIESECRET4\r\nHost: x', `Cookie: ${C}\r\nHost: x`, { cookie: 1 }],
    ['Authorization:\r\n \r\n  Basic QUxJQ0VTRUNSRVQ1OnB3\r\nHost: x', `Authorization:\r\n \r\n  Basic ${R('authorization')}\r\nHost: x`, { authorization: 1 }],
    ['Authorization: Negotiate\r\n \r\n  YIIBhwYGKwYBBQUCoIIBezCCAXegMDAu\r\nHost: x', `Authorization: Negotiate ${R('authorization')}\r\nHost: x`, { authorization: 1 }],
    // the same lines escaped in a string that is not JSON (the rules read the escapes)
    ['log "Set-Cookie:\\r\\n \\r\\n  id=COOKIESECRET6', `log "Set-Cookie:\\r\\n \\r\\n  ${C}`, { cookie: 1 }],
  ];
  for (const [input, out, counts] of cases) assert.deepEqual(redact(input), { out, counts }, JSON.stringify(input));
});

test('a Set-Cookie value after a blank folded line: the export succeeds, without the secret', async () => {
  const raw: RawArtifact[] = [{ collectorId: 'proxy', name: 'response.txt', content: 'HTTP/1.1 200 OK\r\nSet-Cookie:\r\n \r\n  MSISAuth=COOKIESECRET7; path=/\r\n\r\n' }];
  const b = await exportBundle({ snapshot: baseSnapshot({}), findings: [], raw }, { redaction: 'standard', now: () => new Date('2026-06-02T00:00:00Z') });
  assert.ok(!b.zip.includes('COOKIESECRET7'));
  assert.equal(b.manifest.redaction.removed.cookie, 1);
});

test('blank folded lines, 1 MB of them in hostile shapes: linear time (each redacted and guarded well under a second)', () => {
  const M = 1 << 20;
  for (const t of [`Set-Cookie:${'\r\n '.repeat(M / 3)}`, 'Cookie:\r\n \r\n'.repeat(M / 14), 'Authorization: Negotiate\n \n'.repeat(M / 28), `Authorization:${'\\n \\n'.repeat(M / 6)}`, 'Set-Cookie: \n\t\n'.repeat(M / 15)]) {
    const start = process.hrtime.bigint();
    assert.equal(redact(t).out, t); // (only white space after each name: nothing to take)
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    assert.ok(ms < SLOW_MS, `${JSON.stringify(t.slice(0, 16))}: ${ms} ms`);
  }
});

// RFC 7468 PEM blocks as openssl writes them (test/fixtures/keys): PKCS#8, PKCS#1 ("RSA PRIVATE KEY"), encrypted PKCS#8,
// traditional encrypted (Proc-Type/DEK-Info), SEC1 EC. No needle of the body may remain, whatever the field or layout.
const PEMS = ['test-rsa-12.pem', 'test-rsa-12.pkcs1.pem', 'test-rsa-12.encrypted.pem', 'test-rsa-12.traditional-encrypted.pem', 'test-ec-p384.pem'].map((f) => readFileSync(join(KEYS, f), 'utf8'));
const K = R('private-key');
/** Every 16-character piece of the body's base64 (the body is the secret; the header and footer are not). */
const needles = (pem: string): string[] => pem.split('\n').filter((l) => /^[A-Za-z0-9+/=]{16,}$/.test(l)).flatMap((l) => l.match(/.{16}/g) ?? []);
const noNeedle = (out: string, pem: string, label: string): void => {
  for (const n of needles(pem)) assert.ok(!out.includes(n), `${label}: ${n} left in ${out.slice(0, 200)}`);
};

test('precondition: each fixture is a PEM private key with a body', () => {
  for (const pem of PEMS) {
    assert.match(pem, /^-----BEGIN (?:RSA |EC |ENCRYPTED )?PRIVATE KEY-----\n/);
    assert.ok(needles(pem).length > 10);
  }
});

test('a PEM private key goes whole in any text field: raw text, CRLF, a Snapshot string, JSON-escaped, on one line, after trailing spaces', () => {
  for (const pem of PEMS) {
    const label = pem.slice(0, 40);
    assert.equal(redact(`before\n${pem}after`).out, `before\n${K}\nafter`, label);
    assert.equal(redact(`before\r\n${pem.replaceAll('\n', '\r\n')}after`).out, `before\r\n${K}\r\nafter`, label);
    assert.deepEqual(redactValue({ note: pem, keep: 'kept' }), { note: `${K}\n`, keep: 'kept' }, label);
    assert.equal(redact(JSON.stringify({ note: pem, keep: 'kept' })).out, JSON.stringify({ note: `${K}\n`, keep: 'kept' }), label);
    // flattened: the line breaks became spaces, or were dropped (a key pasted into one line)
    const spaced = pem.trim().replaceAll('\n', ' ');
    const { out: o1, counts } = redact(`key=${spaced} next=1`);
    assert.equal(o1, `key=${K} next=1`, label);
    assert.deepEqual(counts, { 'private-key': 1 }, label);
    const joined = pem.trim().replaceAll('\n', '');
    assert.equal(redact(`"${joined}"`).out, `"${K}"`, label);
    // white space after the header (or before the line break)
    const trailing = pem.replace(/-----\n/, '-----  \n');
    noNeedle(redact(`${trailing}after`).out, pem, `${label} (trailing spaces)`);
    assert.equal(redact(`${trailing}after`).out, `${K}\nafter`, label);
  }
});

test('text after a key header that is no key material stays', () => {
  assert.equal(redact('-----BEGIN PRIVATE KEY----- (removed by the admin)').out, `${K} (removed by the admin)`);
  assert.equal(redact('see -----BEGIN PRIVATE KEY-----, then the base64').out, `see ${K}, then the base64`);
});

test('private-key headers, 1 MB of them on one line with spaces or body-like text between: linear time, each header marked', () => {
  const h = '-----BEGIN PRIVATE KEY-----';
  for (const sep of [' ', ' Proc-Type: 4,x ', ' -----END']) {
    const text = `${h}${sep}`.repeat((1 << 20) / (h.length + sep.length));
    const start = process.hrtime.bigint();
    const out = redact(text).out;
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    assert.ok(ms < SLOW_MS, `${JSON.stringify(sep)}: ${ms} ms`);
    assert.ok(!out.includes('BEGIN'), JSON.stringify(sep));
  }
  // a flattened traditional encrypted key: its Proc-Type/DEK-Info on the header's line, the body on the next
  const pem = PEMS[3] as string;
  const flat = pem.replace('-----\nProc-Type: 4,ENCRYPTED\nDEK-Info', '----- Proc-Type: 4,ENCRYPTED DEK-Info');
  assert.notEqual(flat, pem);
  assert.equal(redact(`${flat}after`).out, `${K}\nafter`);
});

/** `inner` as a string nested `levels` times: each level a JSON object {"m": <the level below as a string>, "n": "keep"}. */
function nest(inner: unknown, levels: number): string {
  let v: unknown = inner;
  for (let i = 0; i < levels; i++) v = { m: JSON.stringify(v), n: 'keep' };
  return JSON.stringify(v);
}
/** Parses every level back (each must be valid JSON and keep its "n"); returns the innermost value. */
function unnest(text: string, levels: number): unknown {
  let v = JSON.parse(text) as { m: string; n: string };
  for (let i = 0; i < levels; i++) {
    assert.equal(v.n, 'keep', `level ${i}`);
    v = JSON.parse(v.m) as { m: string; n: string };
  }
  return v;
}

test('JSON nested in JSON strings stays valid JSON at every depth; a secret deeper than the strings are read goes with its subtree, marked too-deep', () => {
  const inners: Array<[unknown, string]> = [
    [{ s: 'Cookie: SESSION=COOKIESECRET8', keep: 'kept' }, 'COOKIESECRET8'],
    [{ s: 'Authorization: Basic QUxJQ0VTRUNSRVQ5OnB3', keep: 'kept' }, 'QUxJQ0VTRUNSRVQ5'],
    [{ password: 'PWSECRET10', keep: 'kept' }, 'PWSECRET10'],
    [{ Cookie: 'a=COOKIESECRET11', keep: 'kept' }, 'COOKIESECRET11'],
    [{ s: 'Set-Cookie:', keep: 'kept' }, '\0'],
  ];
  for (const [inner, secret] of inners) {
    for (let levels = 0; levels <= 12; levels++) {
      const label = `${JSON.stringify(inner).slice(0, 30)} at ${levels} levels`;
      const { out, counts } = redact(nest(inner, levels));
      assert.ok(!out.includes(secret), label);
      const got = unnest(out, Math.min(levels, 8)) as Record<string, unknown>;
      if (levels <= 8) {
        // read all the way down: the secret is marked, its neighbours stay
        assert.equal(got.keep, 'kept', label);
        assert.ok(!Object.keys(counts).includes('too-deep'), label);
      } else {
        // 8 levels of strings are read; the string holding the 9th level and below goes whole (it held more JSON strings)
        assert.equal(got.m, R('too-deep'), label);
        assert.deepEqual(counts, { 'too-deep': 1 }, label);
      }
    }
  }
});

test('a JSON string that ends right after a header name keeps the JSON after it (["Set-Cookie:", "next"])', () => {
  for (const t of ['["Set-Cookie:", "next"]', '["Cookie:","next",1]', '{"Set-Cookie:": "next"}', '{"a": "Cookie:"}\n{"b": "next"}', '"Cookie:"', '["Cookie:" ,\n "next"]', '{"h": "Authorization:", "next": "x"}', '{"a":["X-Ms-Credential:"],"b":"next"}', '[ "Set-Cookie: \\r\\n", "next" ]', '["Proxy-Authorization: Negotiate" , "next"]']) {
    assert.deepEqual(redact(t), { out: t, counts: {} }, t);
  }
  // many such strings around one with a value (each match is looked up among all the strings read)
  const many = JSON.stringify([...Array.from({ length: 500 }, (_, i) => ['Set-Cookie:', `n${i}`]).flat(), 'Cookie: a=COOKIESECRET17', ...Array.from({ length: 500 }, (_, i) => ['Authorization:', `m${i}`]).flat()]);
  const { out: manyOut, counts: manyCounts } = redact(many);
  assert.deepEqual(JSON.parse(manyOut), JSON.parse(many.replace('a=COOKIESECRET17', C)));
  assert.deepEqual(manyCounts, { cookie: 1 });
  // a value in the string still goes; what follows the string stays
  assert.deepEqual(redact('["Set-Cookie: a=COOKIESECRET12", "next"]'), { out: `["Set-Cookie: ${C}", "next"]`, counts: { cookie: 1 } });
  // a quote that does not close a JSON string (the header's own value holds it) does not stop the value
  assert.deepEqual(redact('log: Set-Cookie: id="COOKIESECRET13"; Path=/'), { out: `log: Set-Cookie: ${C}`, counts: { cookie: 1 } });
});

// WINHTTP_PROXY_INFO / WinINET ProxyServer: "([<scheme>=][<scheme>"://"]<server>[":"<port>])" entries separated by
// semicolons or white space. A password's raw "@" (the last "@" before the host ends it) never reaches into the next entry.
test('WinINET proxy lists: each entry keeps its host; only passwords go', () => {
  const P = R('url-password');
  const cases: Array<[string, string, number]> = [
    ['http=alice:Pw1@proxy.contoso.com:8080;https=alice@proxy.contoso.com:8443', `http=alice:${P}@proxy.contoso.com:8080;https=alice@proxy.contoso.com:8443`, 1],
    ['http=alice:Pw1@proxy.contoso.com:8080;https=bob:Pw2@proxy2.contoso.com:8443;ftp=ftp.contoso.com:21', `http=alice:${P}@proxy.contoso.com:8080;https=bob:${P}@proxy2.contoso.com:8443;ftp=ftp.contoso.com:21`, 2],
    ['HTTP=alice:P@ss@proxy.contoso.com:8080;SOCKS=carol@socks.contoso.com:1080', `HTTP=alice:${P}@proxy.contoso.com:8080;SOCKS=carol@socks.contoso.com:1080`, 1],
    ['alice:Pw1@proxy.contoso.com:8080;bob@proxy2.contoso.com:80', `alice:${P}@proxy.contoso.com:8080;bob@proxy2.contoso.com:80`, 1],
    ['http://alice:Pw1@proxy.contoso.com:8080;https=bob@proxy2.contoso.com:8443', `http://alice:${P}@proxy.contoso.com:8080;https=bob@proxy2.contoso.com:8443`, 1],
    ['http://alice:Pw1@proxy.contoso.com:8080;bob@proxy2.contoso.com:80', `http://alice:${P}@proxy.contoso.com:8080;bob@proxy2.contoso.com:80`, 1],
    ['ProxyServer    REG_SZ    http=CONTOSO\\alice:Pw1@proxy.contoso.com:8080;https=CONTOSO\\alice@proxy.contoso.com:8443', `ProxyServer    REG_SZ    http=CONTOSO\\alice:${P}@proxy.contoso.com:8080;https=CONTOSO\\alice@proxy.contoso.com:8443`, 1],
    // (already right: white space and "scheme://" end an entry)
    ['http=alice:Pw1@proxy.contoso.com:8080 https=bob@proxy2.contoso.com:8443', `http=alice:${P}@proxy.contoso.com:8080 https=bob@proxy2.contoso.com:8443`, 1],
    ['http=http://alice:Pw1@proxy.contoso.com:8080;https=https://bob@proxy2.contoso.com:8443', `http=http://alice:${P}@proxy.contoso.com:8080;https=https://bob@proxy2.contoso.com:8443`, 1],
    // a ";" inside a password that is not a list's next entry stays part of it
    ['http://alice:pa;ss@proxy.contoso.com:8080', `http://alice:${P}@proxy.contoso.com:8080`, 1],
    ['alice:p@ss;word@proxy.contoso.com:8080', `alice:${P}@proxy.contoso.com:8080`, 1],
  ];
  for (const [input, out, n] of cases) assert.deepEqual(redact(input), { out, counts: { 'url-password': n } }, input);
  // no password at all: a port, then the next entry with a user only
  for (const t of ['http=proxy.contoso.com:8080;bob@proxy2.contoso.com:80', 'proxy.contoso.com:8080;bob@proxy2.contoso.com:80', 'http://proxy.contoso.com:8080;bob@proxy2.contoso.com:80', 'http=proxy.contoso.com:8080;https=bob@proxy2.contoso.com:8443']) {
    assert.deepEqual(redact(t), { out: t, counts: {} }, t);
  }
});

/** The marks in a text, tallied by kind (what a reader of the bundle sees). */
function marks(text: string): Record<string, number> {
  const t: Record<string, number> = {};
  for (const m of text.matchAll(/\[REDACTED:([a-z-]+)\]/g)) t[m[1] as string] = (t[m[1] as string] ?? 0) + 1;
  return t;
}

test('a secret inside another secret is counted once, under the mark the bundle shows (the inner mark is gone with it)', () => {
  const key = (PEMS[0] as string).trim();
  const cases: Array<[string, string, Record<string, number>]> = [
    // the private-key pass runs first: its mark then lies inside the header's value, which goes whole
    [`X-MS-WebTicket: t${key}`, `X-MS-WebTicket: ${R('web-ticket')}`, { 'web-ticket': 1 }],
    // the Cookie rule runs before the Authorization rule, whose value runs to the line's end
    ['Authorization: Bearer abcdefghijklmnopqrstu1, Cookie: a=1', `Authorization: Bearer ${R('authorization')}`, { authorization: 1 }],
    ['password=hunter2TlRMTVNTUAABAAAA', `password=${R('password')}`, { password: 1 }],
    // in a JSON string read decoded, and an already marked value read again
    [JSON.stringify({ m: 'Authorization: Bearer abcdefghijklmnopqrstu1 X-MS-WebTicket: t' }), JSON.stringify({ m: `Authorization: Bearer ${R('authorization')}` }), { authorization: 1 }],
  ];
  for (const [input, out, counts] of cases) assert.deepEqual(redact(input), { out, counts }, input);
  // a mark the text held before (a collector's) that goes with a secret's value was never counted: nothing is taken back
  const held = `X-MS-WebTicket: t ${R('password')}`;
  assert.deepEqual(redact(held), { out: `X-MS-WebTicket: ${R('web-ticket')}`, counts: { 'web-ticket': 1 } });
  assert.deepEqual(findLeaks(held), ['web-ticket']);
});

test('counts equal the marks added on 5 000 seeded combinations of secrets, nested in JSON strings up to 3 deep', () => {
  const frags = ['Cookie: a=1', 'Set-Cookie: b=2', 'Authorization: Bearer abcdefghijklmnopqrstu1', 'password=hunter2', 'token=tok', 'http://u:p@h', 'u:p@proxy', 'sip:a:b@c', 'gssapi-data="YIIabcdefghijklmnopqrstuvwxyz0123456789"', 'response=0123456789abcdef0123', '<Assertion>x</Assertion>', 'eyJhbGciOi.eyJzdWIiOi.sig', 'TlRMTVNTUAABAAAA', (PEMS[4] as string).trim(), ' ', '\n', '"', ', ', 'X-MS-WebTicket: t', 'Basic dXNlcjpwYXNzd29yZA==', ': ', '='];
  const rnd = prng(10);
  for (let k = 0; k < 5_000; k++) {
    let s = '';
    for (let i = 0, n = 1 + Math.floor(rnd() * 5); i < n; i++) s += frags[Math.floor(rnd() * frags.length)];
    for (let d = 0, depth = Math.floor(rnd() * 4); d < depth; d++) s = rnd() < 0.5 ? JSON.stringify({ m: s }) : JSON.stringify([s, 'x']);
    const counts: Record<string, number> = {};
    const out = redactText(s, counts);
    assert.deepEqual(counts, marks(out), s);
  }
});

// RFC 6265 §4.1.1: cookie-value = *cookie-octet / ( DQUOTE *cookie-octet DQUOTE ). A quoted header line in a log holds
// such a value: the quote after "id=" does not close a JSON string (a JSON string is never followed by a letter).
test('a quoted cookie value inside a quoted log line goes whole (the quote before it is no JSON string end)', () => {
  const cases: Array<[string, string]> = [
    ['log: "Set-Cookie: id="COOKIESECRET14"; Path=/"', `log: "Set-Cookie: ${C}`],
    ['sent "Cookie: a=1; sid="COOKIESECRET15"" ok', `sent "Cookie: ${C}`],
  ];
  for (const [input, out] of cases) assert.deepEqual(redact(input), { out, counts: { cookie: 1 } }, input);
  // a quoted header line that ends its string keeps what follows
  assert.deepEqual(redact('INFO "Cookie: a=COOKIESECRET16" sent'), { out: `INFO "Cookie: ${C}" sent`, counts: { cookie: 1 } });
});

test('an unquoted Digest response in a JSON string: the string stays valid JSON (no quotes added around the mark)', () => {
  const t = JSON.stringify({ a: 'Digest username=alice, response=0123456789abcdef0123, nc=1', b: 'kept' });
  const { out, counts } = redact(t);
  assert.deepEqual(JSON.parse(out), { a: `Digest username=alice, response=${R('password')}, nc=1`, b: 'kept' });
  assert.deepEqual(counts, { password: 1 });
  assert.deepEqual(redact('{"a":"response=0123456789abcdef0123"}'), { out: `{"a":"response=${R('password')}"}`, counts: { password: 1 } });
});
