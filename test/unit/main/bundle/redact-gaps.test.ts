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
import { test } from 'node:test';
import { exportBundle } from '../../../../main/bundle/export';
import type { RawArtifact } from '../../../../main/model/snapshot';
import { baseSnapshot } from '../../../helpers/snapshot';
import { R, redact } from '../../../helpers/redact-check';

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
    assert.ok(ms < 3000, `${JSON.stringify(t.slice(0, 16))}: ${ms} ms`);
  }
});
