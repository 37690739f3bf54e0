/** Certificate store facts: public parts only, never a private key. */

export type CertStoreName = 'My' | 'LyncCertStore';

/** A certificate as parsed from its DER (public data plus the has-private-key flag PowerShell gives). */
export interface CertificateInfo {
  readonly store: CertStoreName;
  readonly thumbprint: string;
  readonly subject: string;
  readonly issuer: string;
  readonly issuerCommonName: string;
  readonly subjectCommonName: string;
  readonly sans: readonly string[];
  readonly notBefore: string;
  readonly notAfter: string;
  readonly ekus: readonly string[];
  readonly serialNumber: string;
  readonly hasPrivateKey: boolean;
  /** True for TLS-DSK user certificates (issuer CN=Communications Server). */
  readonly tlsDsk: boolean;
  /** SIP address the TLS-DSK certificate was issued for (from subject/SAN), lower-case. */
  readonly sipAddress: string | null;
  /** Base64 DER of the certificate (public), kept for the bundle's raw/ PEM export. */
  readonly derBase64: string;
  /** Public key type (rsa, ec, ed25519, dsa…), size in bits and EC curve; absent in older snapshots. */
  readonly keyType?: string;
  readonly keyBits?: number | null;
  readonly keyCurve?: string;
  /** Signature algorithm of the issuer's signature (e.g. sha256WithRSAEncryption, ecdsa-with-SHA256). */
  readonly signatureAlgorithm?: string;
  /** Which parser read it: node-forge (RSA keys) or node:crypto (EC, Ed25519, DSA… that forge cannot read). */
  readonly parsedWith?: 'node-forge' | 'node-crypto';
}

/** A store entry that could not be parsed: reported, never fatal. */
export interface CertificateParseError {
  readonly store: CertStoreName;
  readonly thumbprint: string | null;
  readonly reason: string;
}

export interface StoreReading {
  readonly store: CertStoreName;
  readonly outcome: 'ok' | 'absent' | 'access-denied' | 'error';
  readonly message: string;
}

export interface CertificatesSection {
  readonly stores: readonly StoreReading[];
  /** PowerShell's language mode on the PC (FullLanguage, ConstrainedLanguage…); absent in older snapshots. */
  readonly languageMode?: string | null;
  readonly certificates: readonly CertificateInfo[];
  readonly parseErrors: readonly CertificateParseError[];
}
