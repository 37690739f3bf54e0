/** Server certificate chains: fields read with node-forge (node:crypto for key types forge cannot read), trust paths to a root store. */
import { createHash, X509Certificate } from 'node:crypto';
import * as tls from 'node:tls';
import forge from 'node-forge';
import type { TlsCertificate, TrustPath, TrustStoreInfo } from '../model/tls';
import { certCryptoFacts, cnFromNode, dnFromNode, forgeCn, forgeDn } from './tls-cert-facts';

/** Certificates kept per probe in the Snapshot (the count of all sent is kept separately). */
export const MAX_RECORDED_CHAIN = 12;
/** A path longer than this from leaf to root is refused (real chains have 2-4 certificates). */
export const MAX_PATH = 10;

function sha256(der: Buffer): string {
  return createHash('sha256').update(der).digest('hex').toUpperCase();
}

function fromForge(der: Buffer): TlsCertificate {
  const cert = forge.pki.certificateFromAsn1(forge.asn1.fromDer(der.toString('binary')));
  const san = cert.getExtension('subjectAltName') as { altNames?: Array<{ type: number; value?: string; ip?: string }> } | null;
  const bc = cert.getExtension('basicConstraints') as { cA?: boolean } | null;
  const subject = forgeDn(cert.subject.attributes);
  const issuer = forgeDn(cert.issuer.attributes);
  return {
    subject,
    subjectCN: forgeCn(cert.subject.attributes),
    issuer,
    issuerCN: forgeCn(cert.issuer.attributes),
    dnsNames: (san?.altNames ?? []).filter((n) => n.type === 2).map((n) => String(n.value ?? '')),
    ipAddresses: (san?.altNames ?? []).filter((n) => n.type === 7 && n.ip).map((n) => String(n.ip)),
    notBefore: cert.validity.notBefore.toISOString(),
    notAfter: cert.validity.notAfter.toISOString(),
    serialNumber: cert.serialNumber,
    sha256: sha256(der),
    isCa: bc?.cA === true,
    selfIssued: subject === issuer,
    ...certCryptoFacts(der),
    parsedWith: 'node-forge',
  };
}

function fromNodeCrypto(der: Buffer): TlsCertificate {
  const x = new X509Certificate(der);
  const sans = (x.subjectAltName ?? '').split(/,\s*/).filter(Boolean);
  const subject = dnFromNode(x.subject);
  const issuer = dnFromNode(x.issuer);
  return {
    subject,
    subjectCN: cnFromNode(x.subject),
    issuer,
    issuerCN: cnFromNode(x.issuer),
    dnsNames: sans.filter((s) => s.startsWith('DNS:')).map((s) => s.slice(4).replace(/^"|"$/g, '')),
    ipAddresses: sans.filter((s) => s.startsWith('IP Address:')).map((s) => s.slice(11)),
    notBefore: new Date(x.validFrom).toISOString(),
    notAfter: new Date(x.validTo).toISOString(),
    serialNumber: x.serialNumber.toLowerCase(),
    sha256: sha256(der),
    isCa: x.ca,
    selfIssued: x.subject === x.issuer,
    ...certCryptoFacts(der, x),
    parsedWith: 'node-crypto',
  };
}

/** Reads one DER certificate; null when neither parser can read it. */
export function describeCertificate(der: Buffer): TlsCertificate | null {
  try {
    return fromForge(der);
  } catch {
    try {
      return fromNodeCrypto(der);
    } catch {
      return null;
    }
  }
}

export interface Anchor {
  readonly x509: X509Certificate;
  readonly source: 'node-roots' | 'system' | 'ca-file';
}

export interface TrustStore {
  readonly anchors: readonly Anchor[];
  readonly info: TrustStoreInfo;
}

/** Splits a PEM bundle into certificates. */
export function pemCertificates(text: string): string[] {
  return text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
}

function toAnchors(pems: readonly string[], source: Anchor['source']): Anchor[] {
  const out: Anchor[] = [];
  for (const p of pems) {
    try {
      out.push({ x509: new X509Certificate(p), source });
    } catch {
      /* an unreadable root is skipped */
    }
  }
  return out;
}

let builtIn: Anchor[] | undefined;

/** Node's bundled Mozilla roots, plus the OS store where this Node can read it (getCACertificates, Node ≥ 22.15). */
function builtInAnchors(): Anchor[] {
  if (!builtIn) {
    builtIn = toAnchors(tls.rootCertificates, 'node-roots');
    const get = (tls as unknown as { getCACertificates?: (kind: string) => string[] }).getCACertificates;
    if (typeof get === 'function') {
      try {
        builtIn.push(...toAnchors(get('system'), 'system'));
      } catch {
        /* no OS store access */
      }
    }
  }
  return builtIn;
}

/** The trust store: built-in roots plus an optional CA file's PEM text (an injectable list for labs). */
export function trustStore(caFile: { path: string; text: string | null; problem?: string } | null, extraPems: readonly string[] = []): TrustStore {
  const base = builtInAnchors();
  const filePems = caFile?.text ? pemCertificates(caFile.text) : [];
  const fromFile = toAnchors([...filePems, ...extraPems], 'ca-file');
  const sources = [...new Set(base.map((a) => a.source))].map((s) => (s === 'node-roots' ? `Node.js bundled roots (${base.filter((a) => a.source === s).length})` : `OS store (${base.filter((a) => a.source === s).length})`));
  if (caFile) sources.push(`${caFile.path} (${fromFile.length})`);
  let problem = caFile?.problem;
  if (caFile && !problem && fromFile.length === 0) problem = `${caFile.path} contains no PEM certificate`;
  return {
    anchors: [...base, ...fromFile],
    info: { sources, anchors: base.length + fromFile.length, caFile: caFile?.path ?? null, ...(problem ? { caFileProblem: problem } : {}) },
  };
}

function x509(der: Buffer): X509Certificate | null {
  try {
    return new X509Certificate(der);
  } catch {
    return null;
  }
}

/** The parent's key verifies the child's signature (no name or key-usage test). */
function signedBy(child: X509Certificate, parent: X509Certificate): boolean {
  try {
    return child.verify(parent.publicKey);
  } catch {
    return false;
  }
}

/** The parent issued the child: names and key usage match (checkIssued) and its key verifies the signature. */
function issuedBy(child: X509Certificate, parent: X509Certificate): boolean {
  try {
    return child.checkIssued(parent) && signedBy(child, parent);
  } catch {
    return false;
  }
}

/** Builds the path leaf → … → trust anchor from the certificates sent plus the store; says what breaks it. */
export function buildTrustPath(chainDer: readonly Buffer[], store: TrustStore): TrustPath {
  const sent = chainDer.map(x509);
  const leaf = sent[0];
  if (!leaf) return { trusted: false, problem: 'unparsable', path: [], anchor: null, anchorSource: null, usedStoreIntermediate: false };
  const isAnchor = (c: X509Certificate): Anchor | undefined => store.anchors.find((a) => a.x509.fingerprint256 === c.fingerprint256);
  const path: string[] = [];
  const visited = new Set<string>();
  let cur: X509Certificate = leaf;
  for (;;) {
    path.push(dnFromNode(cur.subject));
    visited.add(cur.fingerprint256);
    const asAnchor = isAnchor(cur);
    if (asAnchor) return { trusted: true, problem: 'none', path, anchor: dnFromNode(cur.subject), anchorSource: asAnchor.source, anchorIsRoot: cur.subject === cur.issuer, usedStoreIntermediate: false };
    if (path.length > MAX_PATH) return { trusted: false, problem: 'too-long', path: path.slice(0, MAX_PATH + 1), anchor: null, anchorSource: null, usedStoreIntermediate: false };
    const fromSent = sent.find((c): c is X509Certificate => c !== null && !visited.has(c.fingerprint256) && issuedBy(cur, c));
    if (fromSent) {
      cur = fromSent;
      continue;
    }
    const anchor = store.anchors.find((a) => issuedBy(cur, a.x509));
    if (anchor) {
      const a = anchor.x509;
      path.push(dnFromNode(a.subject));
      return { trusted: true, problem: 'none', path, anchor: dnFromNode(a.subject), anchorSource: anchor.source, anchorIsRoot: a.subject === a.issuer, usedStoreIntermediate: a.subject !== a.issuer };
    }
    // self-signed: its own name as issuer and its own key verifies it. Not issuedBy(cur, cur): checkIssued also asks the
    // "issuer" for keyCertSign, which a self-signed server certificate that is not a CA (badssl's wildcard-self-signed:
    // CA:FALSE, keyUsage without keyCertSign) lacks; OpenSSL still calls it self-signed (verify error 18).
    if (cur.subject === cur.issuer && signedBy(cur, cur)) {
      return { trusted: false, problem: path.length === 1 ? 'self-signed' : 'untrusted-root', path, anchor: null, anchorSource: null, rootSent: true, usedStoreIntermediate: false };
    }
    if (path.length > 1 && cur.ca) {
      // the server sent its intermediate(s); what is missing is the root, which servers rightly do not send:
      // the root is unknown to this trust store (the enterprise-CA case), the chain is not incomplete
      return { trusted: false, problem: 'untrusted-root', path, anchor: null, anchorSource: null, missingIssuer: dnFromNode(cur.issuer), rootSent: false, usedStoreIntermediate: false };
    }
    return { trusted: false, problem: 'issuer-missing', path, anchor: null, anchorSource: null, missingIssuer: dnFromNode(cur.issuer), usedStoreIntermediate: false };
  }
}
