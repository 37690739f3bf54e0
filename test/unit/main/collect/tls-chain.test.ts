import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { buildTrustPath, describeCertificate, pemCertificates, trustStore } from '../../../../main/collect/tls-chain';
import { labPki } from '../../../helpers/lab-pki';

const pki = labPki('Unit');
const der = (pem: string): Buffer => new X509Certificate(pem).raw;
const withRoot = trustStore(null, [pki.root.pem]);
const noLab = trustStore(null);

test('node-forge reads an RSA certificate: names, SANs, validity, CA flag, fingerprint', () => {
  const c = pki.leaf(['lyncdiscover.contoso.com', '*.contoso.com']);
  const d = describeCertificate(der(c.certPems[0] as string));
  assert.ok(d);
  assert.equal(d.parsedWith, 'node-forge');
  assert.equal(d.subjectCN, 'lyncdiscover.contoso.com');
  assert.equal(d.issuerCN, 'Unit Issuing CA');
  assert.deepEqual(d.dnsNames, ['lyncdiscover.contoso.com', '*.contoso.com']);
  assert.equal(d.isCa, false);
  assert.equal(d.selfIssued, false);
  assert.equal(d.sha256, new X509Certificate(c.certPems[0] as string).fingerprint256.replace(/:/g, ''));
  assert.equal(describeCertificate(der(pki.root.pem))?.isCa, true);
});

test('an EC certificate (forge cannot read the key) falls back to node:crypto', () => {
  const pem = readFileSync(join(__dirname, '..', '..', '..', 'fixtures', 'tls', 'ec-p256-selfsigned.pem'), 'utf8');
  const d = describeCertificate(der(pem));
  assert.ok(d);
  assert.equal(d.parsedWith, 'node-crypto');
  assert.equal(d.keyType, 'ec');
  assert.equal(d.subjectCN, 'ec.contoso.com');
  assert.deepEqual(d.dnsNames, ['ec.contoso.com', '*.ec.contoso.com']);
  assert.deepEqual(d.ipAddresses, ['192.0.2.7']);
  assert.equal(d.selfIssued, true);
});

test('garbage DER is null, not an exception', () => {
  assert.equal(describeCertificate(Buffer.from('not a certificate')), null);
  assert.equal(describeCertificate(Buffer.alloc(0)), null);
});

test('complete chain to a supplied root is trusted', () => {
  const c = pki.leaf(['a.contoso.com']);
  const p = buildTrustPath(c.certPems.map(der), withRoot);
  assert.equal(p.trusted, true);
  assert.equal(p.problem, 'none');
  assert.equal(p.anchorSource, 'ca-file');
  assert.deepEqual(p.path, ['CN=a.contoso.com', 'CN=Unit Issuing CA', 'CN=Unit Root CA']);
  assert.equal(p.usedStoreIntermediate, false);
});

test('the same chain without the lab root in the store: complete up to a root nobody trusts (untrusted root, not incomplete)', () => {
  const p = buildTrustPath(pki.leaf(['a.contoso.com']).certPems.map(der), noLab);
  assert.equal(p.trusted, false);
  assert.equal(p.problem, 'untrusted-root');
  assert.equal(p.rootSent, false);
  assert.equal(p.missingIssuer, 'CN=Unit Root CA');
});

test('missing intermediate: names the issuer the server did not send', () => {
  const p = buildTrustPath(pki.leaf(['a.contoso.com'], { sendIntermediate: false }).certPems.map(der), withRoot);
  assert.equal(p.trusted, false);
  assert.equal(p.problem, 'issuer-missing');
  assert.equal(p.missingIssuer, 'CN=Unit Issuing CA');
});

test('intermediate found only in the store: trusted, flagged', () => {
  const store = trustStore(null, [pki.intermediate.pem]);
  const p = buildTrustPath(pki.leaf(['a.contoso.com'], { sendIntermediate: false }).certPems.map(der), store);
  assert.equal(p.trusted, true);
  assert.equal(p.usedStoreIntermediate, true);
});

test('self-signed leaf and untrusted sent root', () => {
  assert.equal(buildTrustPath(pki.selfSigned(['a.contoso.com']).certPems.map(der), withRoot).problem, 'self-signed');
  const sentRoot = [...pki.leaf(['a.contoso.com']).certPems, pki.root.pem].map(der);
  const p = buildTrustPath(sentRoot, noLab);
  assert.equal(p.problem, 'untrusted-root');
  assert.equal(p.path.length, 3);
  assert.equal(buildTrustPath(sentRoot, withRoot).trusted, true, 'a sent root that is also an anchor is trusted');
});

test('a 50-certificate chain is refused as too long, quickly', () => {
  const chain = pki.longChain(['a.contoso.com'], 50);
  const p = buildTrustPath(chain.certPems.map(der), noLab);
  assert.equal(p.problem, 'too-long');
  assert.equal(p.trusted, false);
});

test('unreadable leaf and empty chain', () => {
  assert.equal(buildTrustPath([Buffer.from('junk')], withRoot).problem, 'unparsable');
  assert.equal(buildTrustPath([], withRoot).problem, 'unparsable');
});

test('trust store info: built-in roots plus a CA file; empty or unreadable files explained', () => {
  assert.ok(noLab.info.anchors > 50, 'Node bundled roots are present');
  const s = trustStore({ path: '/x/ca.pem', text: `${pki.root.pem}\n${pki.intermediate.pem}` });
  assert.equal(s.info.anchors, noLab.info.anchors + 2);
  assert.equal(pemCertificates(`junk ${pki.root.pem} junk`).length, 1);
  assert.match(trustStore({ path: '/x/empty.pem', text: 'nothing here' }).info.caFileProblem ?? '', /no PEM certificate/);
  assert.equal(trustStore({ path: '/x/gone.pem', text: null, problem: 'could not be read' }).info.caFileProblem, 'could not be read');
});

test('an EC certificate (read by node:crypto) whose CN holds a comma: the CN without its RFC 4514 escape, as the user-store reader gives it', () => {
  // test/fixtures/certs/openssl-ec-cn-comma.der.b64 (made with openssl, see SOURCES.md): openssl -nameopt RFC2253 reads
  // "O=Lab,CN=pool01\, contoso", so the CN's value is "pool01, contoso"; node:crypto writes the escape in its text
  const raw = Buffer.from(readFileSync(join(__dirname, '..', '..', '..', 'fixtures', 'certs', 'openssl-ec-cn-comma.der.b64'), 'utf8'), 'base64');
  const d = describeCertificate(raw);
  assert.equal(d?.parsedWith, 'node-crypto');
  assert.equal(d?.subjectCN, 'pool01, contoso');
  assert.equal(d?.issuerCN, 'pool01, contoso');
});
