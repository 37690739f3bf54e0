/** TLS facts per endpoint: certificate chain as sent, trust path, names, protocol versions. */
import type { EndpointRole } from './proxy';

/** One certificate as presented by a server (public data only). */
export interface TlsCertificate {
  readonly subject: string;
  readonly subjectCN: string;
  readonly issuer: string;
  readonly issuerCN: string;
  /** SAN dNSName entries, as written (wildcards kept). */
  readonly dnsNames: readonly string[];
  readonly ipAddresses: readonly string[];
  readonly notBefore: string;
  readonly notAfter: string;
  readonly serialNumber: string;
  /** SHA-256 over the DER, upper-case hex. */
  readonly sha256: string;
  readonly isCa: boolean;
  /** Subject equals issuer (a root or a self-signed leaf). */
  readonly selfIssued: boolean;
  /** Public key type as node:crypto names it: rsa, rsa-pss, ec, ed25519, ed448, dsa ('unknown' when unreadable). */
  readonly keyType: string;
  /** RSA/DSA modulus bits, EC curve bits, 255/448 for EdDSA (absent in snapshots before format 2 of this section, null when unknown). */
  readonly keyBits?: number | null;
  /** Named curve of an EC key. */
  readonly keyCurve?: string;
  /** Signature algorithm of the issuer's signature on this certificate (e.g. sha256WithRSAEncryption). */
  readonly signatureAlgorithm?: string;
  /** Which parser read it: node-forge, or node:crypto when forge cannot read the key type (EC…). */
  readonly parsedWith: 'node-forge' | 'node-crypto';
}

/**
 * What went wrong building a path from the leaf to a trusted root. issuer-missing: a certificate's issuer is
 * neither sent nor trusted and could be an intermediate; untrusted-root: the chain is complete up to a root
 * this trust store does not hold (sent by the server or, correctly, not sent).
 */
export type ChainProblem = 'none' | 'self-signed' | 'issuer-missing' | 'untrusted-root' | 'too-long' | 'unparsable';

export interface TrustPath {
  readonly trusted: boolean;
  readonly problem: ChainProblem;
  /** Subjects from the leaf up to the anchor (or as far as the path went). */
  readonly path: readonly string[];
  /** Trust anchor reached: its subject and where it came from. */
  readonly anchor: string | null;
  readonly anchorSource: 'node-roots' | 'system' | 'ca-file' | null;
  /** Issuer named by the last certificate when no issuer could be found. */
  readonly missingIssuer?: string;
  /** The anchor reached is a self-issued root (false: an intermediate placed in the trust store, e.g. with --ca-file). */
  readonly anchorIsRoot?: boolean;
  /** untrusted-root: whether the server sent the root itself (false: the root is only named as the issuer of the last certificate sent). */
  readonly rootSent?: boolean;
  /** The anchor was found only because a certificate the server did not send was in the trust store. */
  readonly usedStoreIntermediate: boolean;
}

export type TlsOutcome =
  | 'ok'
  | 'timeout'
  | 'refused'
  | 'unreachable'
  | 'dns-failed'
  | 'reset'
  | 'not-tls'
  | 'handshake-failed'
  | 'proxy-auth-required'
  | 'proxy-refused'
  | 'proxy-failed'
  | 'skipped';

/** Whether a handshake restricted to some versions worked. */
export type VersionSupport = 'yes' | 'no' | 'not-tested';

export interface TlsProbe {
  readonly host: string;
  readonly port: number;
  readonly roles: readonly EndpointRole[];
  /** Address actually connected to (ip:port), when connected directly. */
  readonly address: string | null;
  /** Proxy used (host:port) or null for direct. */
  readonly via: string | null;
  readonly outcome: TlsOutcome;
  readonly message: string;
  readonly durationMs: number;
  readonly protocol: string | null;
  readonly cipher: string | null;
  /** Certificates as sent, leaf first (at most MAX_RECORDED_CHAIN kept). */
  readonly chain: readonly TlsCertificate[];
  /** How many certificates the server sent. */
  readonly chainLength: number;
  readonly trust: TrustPath | null;
  readonly tls12: VersionSupport;
  /** TLS 1.0/1.1 accepted (old clients). */
  readonly legacy: VersionSupport;
  /** TLS 1.3 accepted. */
  readonly tls13: VersionSupport;
}

export interface TrustStoreInfo {
  readonly sources: readonly string[];
  readonly anchors: number;
  readonly caFile: string | null;
  readonly caFileProblem?: string;
}

export interface TlsSection {
  readonly trustStore: TrustStoreInfo;
  readonly probes: readonly TlsProbe[];
}

function clean(name: string): string {
  return name.trim().toLowerCase().replace(/\.$/, '');
}

/** RFC 6125 match of one presented DNS name (wildcard only as the whole left-most label). */
export function dnsNameMatches(host: string, pattern: string): boolean {
  const h = clean(host);
  const p = clean(pattern);
  if (!p || !h) return false;
  if (!p.includes('*')) return h === p;
  const labels = p.split('.');
  if (labels[0] !== '*' || labels.slice(1).some((l) => l.includes('*'))) return false; // partial wildcards are refused
  if (labels.length < 3) return false; // "*.com" covers nothing
  const suffix = p.slice(1); // ".contoso.com"
  if (!h.endsWith(suffix)) return false;
  const first = h.slice(0, h.length - suffix.length);
  return first.length > 0 && !first.includes('.');
}

/** Whether a certificate's names cover `host`: SAN dNSNames (or IPs) if any, else the subject CN. */
export function certificateCovers(cert: Pick<TlsCertificate, 'dnsNames' | 'ipAddresses' | 'subjectCN'>, host: string): boolean {
  const h = clean(host);
  if (/^[0-9.]+$/.test(h) || h.includes(':')) return cert.ipAddresses.some((ip) => clean(ip) === h);
  if (cert.dnsNames.length > 0) return cert.dnsNames.some((n) => dnsNameMatches(h, n));
  return cert.subjectCN !== '' && dnsNameMatches(h, cert.subjectCN);
}

/** The hash inside a signature algorithm name, lower-case ('sha1', 'md5', 'sha256'…; 'eddsa' for Ed25519/Ed448, 'pss' for RSASSA-PSS). */
export function signatureHash(alg: string): string {
  const a = alg.toLowerCase();
  if (a.startsWith('ed25519') || a.startsWith('ed448')) return 'eddsa';
  const m = /(md2|md5|sha1|sha224|sha256|sha384|sha512)/.exec(a.replace(/sha-/g, 'sha'));
  if (m) return m[1] as string;
  return a === 'rsassa-pss' ? 'pss' : 'unknown';
}
