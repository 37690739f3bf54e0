/**
 * Test certificates made with node-forge at test time, deterministic: keys are committed fixtures
 * (test/fixtures/keys) and serial numbers come from a seeded PRNG, so every run signs the same bytes.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import forge from 'node-forge';
import { prng } from './prng';

const KEY_DIR = join(__dirname, '..', 'fixtures', 'keys');

/** Fixture key `n` (1–12) of test/fixtures/keys as a forge key pair. */
export function fixtureKeys(n: number): forge.pki.rsa.KeyPair {
  const pem = readFileSync(join(KEY_DIR, `test-rsa-${String(n).padStart(2, '0')}.pem`), 'utf8');
  const priv = forge.pki.privateKeyFromPem(pem) as forge.pki.rsa.PrivateKey;
  return { privateKey: priv, publicKey: forge.pki.setRsaPublicKey(priv.n, priv.e) };
}

let sharedKeys: forge.pki.rsa.KeyPair | undefined;

/** The shared 2048-bit RSA key pair (fixture key 01). */
export function testKeys(): forge.pki.rsa.KeyPair {
  sharedKeys ??= fixtureKeys(1);
  return sharedKeys;
}

const serialRandom = prng(0x5e71a1);

export interface CertSpec {
  readonly subjectCN: string;
  readonly issuerCN?: string;
  readonly dnsNames?: readonly string[];
  readonly uris?: readonly string[];
  readonly emails?: readonly string[];
  readonly notBefore?: Date;
  readonly notAfter?: Date;
  readonly ekus?: ReadonlyArray<'serverAuth' | 'clientAuth'>;
  readonly ca?: boolean;
  readonly serial?: string;
  /** Issuer's key (defaults to the shared key: self-signed-looking but with the given issuer DN). */
  readonly signingKey?: forge.pki.rsa.PrivateKey;
  readonly keys?: forge.pki.rsa.KeyPair;
}

export interface MadeCert {
  readonly cert: forge.pki.Certificate;
  readonly der: string;
  readonly derBase64: string;
  readonly pem: string;
  readonly keyPem: string;
}

/** Builds and signs one certificate from a spec. */
export function makeCert(spec: CertSpec): MadeCert {
  const keys = spec.keys ?? testKeys();
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = spec.serial ?? `0${Math.floor(serialRandom() * 1e15).toString(16)}`;
  cert.validity.notBefore = spec.notBefore ?? new Date(Date.now() - 86_400_000);
  cert.validity.notAfter = spec.notAfter ?? new Date(Date.now() + 180 * 86_400_000);
  cert.setSubject([{ name: 'commonName', value: spec.subjectCN }]);
  cert.setIssuer([{ name: 'commonName', value: spec.issuerCN ?? spec.subjectCN }]);
  const altNames = [
    ...(spec.dnsNames ?? []).map((value) => ({ type: 2, value })),
    ...(spec.uris ?? []).map((value) => ({ type: 6, value })),
    ...(spec.emails ?? []).map((value) => ({ type: 1, value })),
  ];
  const exts: object[] = [{ name: 'basicConstraints', cA: spec.ca === true }];
  if (altNames.length) exts.push({ name: 'subjectAltName', altNames });
  if (spec.ekus?.length) exts.push({ name: 'extKeyUsage', ...Object.fromEntries(spec.ekus.map((e) => [e, true])) });
  if (spec.ca) exts.push({ name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true });
  cert.setExtensions(exts);
  cert.sign(spec.signingKey ?? keys.privateKey, forge.md.sha256.create());
  const der = forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes();
  return { cert, der, derBase64: forge.util.encode64(der), pem: forge.pki.certificateToPem(cert), keyPem: forge.pki.privateKeyToPem(keys.privateKey) };
}

/** A TLS-DSK user certificate as Lync Server issues it (issuer CN=Communications Server). */
export function tlsDskCert(sip: string, notBefore: Date, notAfter: Date): MadeCert {
  return makeCert({ subjectCN: sip, issuerCN: 'Communications Server', uris: [`sip:${sip}`], notBefore, notAfter, ekus: ['clientAuth'] });
}
