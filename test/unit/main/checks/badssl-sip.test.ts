/**
 * The SIP probe's view of the real badssl.com certificates (test/fixtures/tls/real): node's peer-certificate object
 * (the shape getPeerCertificate returns, made here with X509Certificate.toLegacyObject) read by certificateInfo and
 * nameCheck, then LD-SIP-002/003. Expected values come from expected.json (OpenSSL), not from our code.
 */
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import type { PeerCertificate } from 'node:tls';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { poolCertificateDates, poolCertificateName } from '../../../../main/checks/sip';
import { pemCertificates } from '../../../../main/collect/tls-chain';
import { certificateInfo, nameCheck } from '../../../../main/sip/tls-observe';
import { attempt, response, sipSection, tlsOk } from '../../../helpers/sip-snapshot';
import { baseSnapshot } from '../../../helpers/snapshot';

const DIR = join(__dirname, '..', '..', '..', 'fixtures', 'tls', 'real');
interface OsslFile {
  certificates: Array<{ subjectCNs: string[]; dnsNames: string[]; notBefore: string; notAfter: string; sha256: string; selfIssued: boolean }>;
  checkhost: Record<string, boolean>;
  insideValidity: string;
}
const expected = JSON.parse(readFileSync(join(DIR, 'expected.json'), 'utf8')) as { late: string; files: Record<string, OsslFile> };
const LATE = new Date(expected.late);

const peerOf = (f: string): PeerCertificate => new X509Certificate(pemCertificates(readFileSync(join(DIR, f), 'utf8'))[0] as string).toLegacyObject() as unknown as PeerCertificate;

for (const [f, e] of Object.entries(expected.files)) {
  test(`${f}: the SIP probe's certificate facts, name check and LD-SIP-002/003 agree with OpenSSL`, () => {
    const peer = peerOf(f);
    const leaf = e.certificates[0]!;
    const info = certificateInfo(peer);
    assert.ok(info);
    assert.equal(info.subjectCommonName, leaf.subjectCNs[0] ?? '');
    assert.deepEqual(info.dnsNames, leaf.dnsNames.map((n) => n.toLowerCase()));
    assert.equal(info.notBefore, leaf.notBefore);
    assert.equal(info.notAfter, leaf.notAfter);
    assert.equal(info.fingerprint256.replace(/:/g, ''), leaf.sha256);
    assert.equal(info.selfSigned, leaf.selfIssued);
    for (const [host, covered] of Object.entries(e.checkhost)) assert.equal(nameCheck(host, peer).nameMatches, covered, `${f} for ${host}`);

    const host = 'sip.pool.badssl.com';
    const a = attempt(host, 5061, response(401), { tls: tlsOk(host, 5061, { ...nameCheck(host, peer), certificate: info }) });
    const snap = baseSnapshot({ sip: sipSection([a]) });
    assert.equal(poolCertificateName.evaluate(snap, { now: new Date(e.insideValidity) }).length, e.checkhost[host] ? 0 : 1, 'LD-SIP-002');
    assert.deepEqual(poolCertificateDates.evaluate(snap, { now: new Date(e.insideValidity) }), [], 'LD-SIP-003 inside the validity OpenSSL read');
    const late = poolCertificateDates.evaluate(snap, { now: LATE });
    assert.equal(late.length, Date.parse(leaf.notAfter) <= LATE.getTime() ? 1 : 0, `LD-SIP-003 at ${expected.late}`);
    if (late[0]) assert.match(late[0].message, new RegExp(`expired on ${leaf.notAfter.slice(0, 10)}`));
  });
}
