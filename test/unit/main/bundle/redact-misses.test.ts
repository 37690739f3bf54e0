/**
 * Issue 18: secrets the redaction pass used to miss (or mark under the wrong kind), each on input shaped as
 * the real thing: an openssl-made PKCS#8 / encrypted PKCS#8 PEM (test/fixtures/keys), HTTP and SIP headers as
 * RFC 7230 / RFC 3261 write them (folded lines, CRLF), a HAR file as Chrome's DevTools writes it (HAR 1.2:
 * request.headers[{name,value}], response.content.text holding the body as a string), an OAuth 2.0 token
 * response (RFC 6749 §5.1) and log lines serialised as JSON. All secrets are synthetic (labelled *SECRET* or
 * random-looking test values; the keys are test-only fixtures). The expected outputs were written from those
 * formats before running the code: the secret goes, the mark names its kind, the count follows the mark, and
 * everything around it (other headers, JSON structure) stays byte for byte.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { exportBundle } from '../../../../main/bundle/export';
import { findLeaks, redactText, redactValue } from '../../../../main/bundle/redact';
import type { RawArtifact, Snapshot } from '../../../../main/model/snapshot';
import { baseSnapshot } from '../../../helpers/snapshot';
import { KEYS, R, redact } from '../../../helpers/redact-check';

const PKCS8 = readFileSync(join(KEYS, 'test-rsa-12.pem'), 'utf8');
const ENCRYPTED = readFileSync(join(KEYS, 'test-rsa-12.encrypted.pem'), 'utf8');
const bodyLines = (pem: string) => pem.split('\n').filter((l) => /^[A-Za-z0-9+/=]+$/.test(l));

/** The marks in a text, tallied by kind (what a reader of the bundle sees). */
function marks(text: string): Record<string, number> {
  const t: Record<string, number> = {};
  for (const m of text.matchAll(/\[REDACTED:([a-z-]+)\]/g)) t[m[1] as string] = (t[m[1] as string] ?? 0) + 1;
  return t;
}

test('precondition: the fixture keys have the shapes the cases need', () => {
  assert.match(PKCS8, /^-----BEGIN PRIVATE KEY-----\nMIIEv[A-Za-z0-9+/]IBADAN/);
  assert.match(ENCRYPTED, /^-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIF/);
  // the encrypted body does not start like an unencrypted DER key, so only the PEM rules can take it
  assert.doesNotMatch(bodyLines(ENCRYPTED)[0] as string, /^MII[A-Za-z0-9+/]{2}[AQgw]IBA/);
  assert.ok(bodyLines(PKCS8).length > 20 && bodyLines(ENCRYPTED).length > 20);
});

test('a private key cut off inside its body goes whole, its short last piece included', () => {
  for (const pem of [PKCS8, ENCRYPTED]) {
    const lines = pem.split('\n');
    // cut 10 characters into the 6th body line (a log capped at a size, a copy that stopped)
    const cut = `${lines.slice(0, 6).join('\n')}\n${(lines[6] as string).slice(0, 10)}`;
    const piece = (lines[6] as string).slice(0, 10);
    assert.deepEqual(redact(`certificate and key:\n${cut}`), { out: `certificate and key:\n${R('private-key')}`, counts: { 'private-key': 1 } });
    // …inside a JSON string (a snapshot field, a HAR text)
    const json = JSON.stringify({ key: cut, other: 'kept' });
    const r = redact(json);
    assert.deepEqual(JSON.parse(r.out), { key: R('private-key'), other: 'kept' });
    assert.ok(!r.out.includes(piece));
    // …with CRLF line ends
    assert.equal(redact(cut.replace(/\n/g, '\r\n')).out, R('private-key'));
    // …and cut in a log, where the next entry follows the short piece: the piece goes, the next entry stays
    const logged = `${cut}\n2026-03-02 09:15:03.000 INFO :: certificate store closed`;
    assert.equal(redact(logged).out, `${R('private-key')}\n2026-03-02 09:15:03.000 INFO :: certificate store closed`);
  }
});

test('a blank line right after the BEGIN line (or double-spaced lines) does not end the key', () => {
  for (const pem of [PKCS8, ENCRYPTED]) {
    const body = bodyLines(pem);
    const header = pem.split('\n')[0] as string;
    const footer = header.replace('BEGIN', 'END');
    const shapes = [
      `${header}\n\n${body.join('\n')}\n${footer}\n`, // a writer that puts a blank line after the header
      `${header}\r\r\n${body.join('\r\r\n')}\r\r\n${footer}\r\r\n`, // CRLF written through a text-mode stream on Windows
      `${header}\n\n${body.join('\n\n')}\n\n${footer}\n`, // double-spaced
    ];
    for (const shape of shapes) {
      const { out, counts } = redact(`before\n${shape}after`);
      assert.equal(out.replace(/[\r\n]+/g, '|'), `before|${R('private-key')}|after`, JSON.stringify(out.slice(0, 120)));
      assert.deepEqual(counts, { 'private-key': 1 });
      for (const l of body) assert.ok(!out.includes(l.slice(0, 24)));
    }
  }
});

test('an empty Set-Cookie (or a header with nothing on its line) is neither redacted nor counted, and never takes the next header', () => {
  // RFC 7230 §3.2: field-value may be empty; the next line is the next header
  const response = 'HTTP/1.1 302 Found\r\nSet-Cookie: \r\nSet-Cookie: MRHSession=SESSIONSECRET0123; path=/; secure\r\nLocation: /my.policy\r\nContent-Length: 0\r\n\r\n';
  assert.deepEqual(redact(response), {
    out: `HTTP/1.1 302 Found\r\nSet-Cookie: \r\nSet-Cookie: ${R('cookie')}\r\nLocation: /my.policy\r\nContent-Length: 0\r\n\r\n`,
    counts: { cookie: 1 },
  });
  for (const t of ['Set-Cookie:\r\nContent-Type: text/html', 'Cookie:\nHost: lyncweb.contoso.com', 'Authorization:\r\nContent-Length: 0', 'Proxy-Authorization: Negotiate\r\nContent-Length: 0', 'X-MS-WebTicket:   \r\nAccept: */*']) {
    assert.deepEqual(redact(t), { out: t, counts: {} }, t);
  }
});

test('folded header lines (obs-fold, SIP LWS) go with their header', () => {
  const http = 'GET /ucwa/v1/applications HTTP/1.1\r\nHost: lyncweb.contoso.com\r\nCookie: MRHSession=abc123;\r\n LastMRH_Session=FOLDEDSECRET01\r\nAccept: application/json\r\n\r\n';
  assert.deepEqual(redact(http), { out: `GET /ucwa/v1/applications HTTP/1.1\r\nHost: lyncweb.contoso.com\r\nCookie: ${R('cookie')}\r\nAccept: application/json\r\n\r\n`, counts: { cookie: 1 } });
  // SIP (RFC 3261 §7.3.1): a header may continue on lines starting with a space or tab, also right after the scheme
  const sip = 'REGISTER sip:contoso.com SIP/2.0\r\nProxy-Authorization: TLS-DSK qop="auth", realm="SIP Communications Service",\r\n\topaque="FOLDOPAQUESECRET", crand="1a2b3c4d", cnum="7",\r\n\ttargetname="pool01.contoso.com", response="FOLDRESPONSESECRET"\r\nContent-Length: 0\r\n';
  assert.deepEqual(redact(sip), { out: `REGISTER sip:contoso.com SIP/2.0\r\nProxy-Authorization: TLS-DSK ${R('authorization')}\r\nContent-Length: 0\r\n`, counts: { authorization: 1 } });
  const scheme = 'Authorization: NTLM\r\n TlRMTVNTUAABAAAAt7II4gkACQAxAAAACQAJACgAAAAGAbEdAAAAD1BDLUFMSUNFQ09OVE9TTw==\r\nHost: x';
  assert.deepEqual(redact(scheme), { out: `Authorization: NTLM ${R('authorization')}\r\nHost: x`, counts: { authorization: 1 } });
});

test('header values escaped inside JSON strings: CRLF escapes, escaped quotes; the JSON stays valid and the rest stays', () => {
  const request = [
    'POST /ucwa/oauth/v1/applications HTTP/1.1',
    'Host: lyncweb.contoso.com',
    'Authorization: Digest username="alice", realm="SIP Communications Service", nonce="5f2a9c", uri="/ucwa", response="6629fae49393a05397450978507c4ef1", opaque="OPAQUESECRET42"',
    'Cookie: MRHSession="QUOTEDSECRET 1"; LastMRH_Session=COOKIESECRET2',
    'X-MS-WebTicket: opaque=WEBTICKETSECRET3',
    'Content-Type: application/json',
    '',
    '',
  ].join('\r\n');
  const logged = JSON.stringify({ time: '2026-03-02T09:15:02Z', request, status: 401 });
  const { out, counts } = redact(logged);
  const parsed = JSON.parse(out) as { time: string; request: string; status: number };
  assert.equal(parsed.time, '2026-03-02T09:15:02Z');
  assert.equal(parsed.status, 401);
  assert.equal(
    parsed.request,
    ['POST /ucwa/oauth/v1/applications HTTP/1.1', 'Host: lyncweb.contoso.com', `Authorization: Digest ${R('authorization')}`, `Cookie: ${R('cookie')}`, `X-MS-WebTicket: ${R('web-ticket')}`, 'Content-Type: application/json', '', ''].join('\r\n'),
  );
  assert.deepEqual(counts, { authorization: 1, cookie: 1, 'web-ticket': 1 });
  // a header as a whole JSON string, without escapes: the value ends with the string, the next field stays
  const short = JSON.stringify({ header: 'Cookie: ASP.NET_SessionId=UNESCAPEDSECRET', next: 'kept' });
  assert.deepEqual(JSON.parse(redact(short).out), { header: `Cookie: ${R('cookie')}`, next: 'kept' });
  const bearer = JSON.stringify(['Authorization: Bearer cwt=AAEBHAEFAAAAAAAFFQAAAC8Jx2pn', 'Accept: */*']);
  assert.deepEqual(JSON.parse(redact(bearer).out), [`Authorization: Bearer ${R('authorization')}`, 'Accept: */*']);
});

test('HAR: Authorization and X-MS-WebTicket header values are marked as what they are; JSON in response.content.text is redacted too', () => {
  // OAuth 2.0 token response (RFC 6749 §5.1) as the body text of a HAR entry: opaque tokens, not JWTs
  const tokenResponse = JSON.stringify({ token_type: 'Bearer', expires_in: 3599, access_token: 'EwBwA8l6BAAUACCESSSECRET0123456789', refresh_token: 'M.R3_BAY.REFRESHSECRET-0123456789!', scope: 'https://webdir.online.lync.com/.default' });
  const har = {
    log: {
      version: '1.2',
      creator: { name: 'WebInspector', version: '537.36' },
      entries: [
        {
          request: {
            method: 'POST',
            url: 'https://lyncweb.contoso.com/WebTicket/oauthtoken',
            headers: [
              { name: 'Host', value: 'lyncweb.contoso.com' },
              { name: 'Authorization', value: 'Bearer HARBEARERSECRET0123456789' },
              { name: 'X-MS-WebTicket', value: 'opaque=HARTICKETSECRET' },
              { value: 'MRHSession=HARCOOKIESECRET', name: 'Cookie' },
            ],
            cookies: [],
          },
          response: { status: 200, headers: [{ name: 'Content-Type', value: 'application/json' }], content: { size: tokenResponse.length, mimeType: 'application/json', text: tokenResponse } },
        },
      ],
    },
  };
  for (const text of [JSON.stringify(har), JSON.stringify(har, null, 2)]) {
    const { out, counts } = redact(text);
    const got = JSON.parse(out) as typeof har;
    const entry = got.log.entries[0] as (typeof har)['log']['entries'][0];
    assert.deepEqual(entry.request.headers, [
      { name: 'Host', value: 'lyncweb.contoso.com' },
      { name: 'Authorization', value: R('authorization') },
      { name: 'X-MS-WebTicket', value: R('web-ticket') },
      { value: R('cookie'), name: 'Cookie' },
    ]);
    assert.deepEqual(JSON.parse(entry.response.content.text), { token_type: 'Bearer', expires_in: 3599, access_token: R('token'), refresh_token: R('token'), scope: 'https://webdir.online.lync.com/.default' });
    assert.deepEqual(counts, { authorization: 1, 'web-ticket': 1, cookie: 1, token: 2 });
    assert.ok(!/SECRET/.test(out), out);
  }
  // JSON in a JSON string in a JSON string (a log line holding the HAR text) still loses the tokens
  const twice = JSON.stringify({ line: JSON.stringify({ body: tokenResponse }) });
  assert.ok(!/SECRET/.test(redact(twice).out));
});

test('api_key (and other API-key spellings) is a token, in JSON fields, query strings and headers', () => {
  const c: Record<string, number> = {};
  assert.deepEqual(redactValue({ api_key: 'APIKEYSECRET1', apiKey: 'APIKEYSECRET2', private_key: 'x', keyUsage: 'digitalSignature' }, c), { api_key: R('token'), apiKey: R('token'), private_key: R('private-key'), keyUsage: 'digitalSignature' });
  assert.deepEqual(c, { token: 2, 'private-key': 1 });
  assert.deepEqual(redact('GET https://graph.contoso.com/v1/users?api_key=APIKEYSECRET3&$top=1 HTTP/1.1'), { out: `GET https://graph.contoso.com/v1/users?api_key=${R('token')}&$top=1 HTTP/1.1`, counts: { token: 1 } });
  assert.deepEqual(redact('x_api_key=APIKEYSECRET4 user=alice'), { out: `x_api_key=${R('token')} user=alice`, counts: { token: 1 } });
  assert.deepEqual(redact('X-Api-Key: APIKEYSECRET5'), { out: `X-Api-Key: ${R('token')}`, counts: { token: 1 } });
});

test("the manifest's counts are by the kind each mark names", async () => {
  const raw: RawArtifact[] = [
    { collectorId: 'proxy', name: 'response.txt', content: 'HTTP/1.1 200 OK\r\nX-MS-WebTicket: opaque=TICKETSECRET\r\nSet-Cookie: a=COOKIESECRET\r\nSet-Cookie: \r\n\r\n' },
    { collectorId: 'proxy', name: 'session.har', content: JSON.stringify({ headers: [{ name: 'Authorization', value: 'NTLM xyz' }], note: 'api_key=APIKEYSECRET' }) },
    { collectorId: 'certificates', name: 'key.pem', content: ENCRYPTED },
  ];
  // (answers hold what the user typed: any shape may arrive, so the key names are planted there)
  const snapshot = baseSnapshot({}, { answers: { mobile: { token: 'TOKENSECRET', password: 'PWSECRET' } } as unknown as Snapshot['answers'] });
  const b = await exportBundle({ snapshot, findings: [], raw }, { redaction: 'standard', now: () => new Date('2026-06-02T00:00:00Z') });
  const removed = b.manifest.redaction.removed as Record<string, number>;
  // one X-MS-WebTicket, one cookie (the empty Set-Cookie is not one), one HAR Authorization, one API key, one key,
  // and in the snapshot one token and one password (answers are also exported on their own: counted there too)
  assert.equal(removed['web-ticket'], 1);
  assert.equal(removed.cookie, 1);
  assert.equal(removed.authorization, 1);
  assert.equal(removed['private-key'], 1);
  assert.ok((removed.token ?? 0) >= 2, JSON.stringify(removed));
  assert.ok((removed.password ?? 0) >= 1, JSON.stringify(removed));
  assert.deepEqual(Object.keys(removed).sort(), ['authorization', 'cookie', 'password', 'private-key', 'token', 'web-ticket']);
});

test('counts always equal the marks added, over every case of this file', () => {
  const texts = [
    `${PKCS8}\n${ENCRYPTED}`,
    'Set-Cookie: a=1\r\nX-MS-WebTicket: t\r\nAuthorization: Bearer abcdefghijklmnop1\r\nX-Auth-Token: q\r\n',
    JSON.stringify({ headers: [{ name: 'Proxy-Authorization', value: 'Basic x' }, { value: 'x', name: 'X-MS-WebTicket' }, { name: 'Set-Cookie2', value: 'x' }] }),
    'cwt=AAEC&SAMLResponse=PHNh&access_token=x&password=y&sessionToken=z&proxy_password=w',
  ];
  for (const t of texts) {
    const { out, counts } = redact(t);
    assert.deepEqual(counts, marks(out), out);
  }
});
