/** Key and signature facts of an X.509 certificate read without node-forge's RSA-only model: the signature algorithm from the DER, the key from node:crypto. */
import { X509Certificate, type KeyObject } from 'node:crypto';
import forge from 'node-forge';

/** Signature algorithm OIDs → the names RFC 5280 / RFC 8410 profiles use. */
const SIGNATURE_NAMES: Readonly<Record<string, string>> = {
  '1.2.840.113549.1.1.2': 'md2WithRSAEncryption',
  '1.2.840.113549.1.1.4': 'md5WithRSAEncryption',
  '1.2.840.113549.1.1.5': 'sha1WithRSAEncryption',
  '1.2.840.113549.1.1.10': 'RSASSA-PSS',
  '1.2.840.113549.1.1.11': 'sha256WithRSAEncryption',
  '1.2.840.113549.1.1.12': 'sha384WithRSAEncryption',
  '1.2.840.113549.1.1.13': 'sha512WithRSAEncryption',
  '1.2.840.113549.1.1.14': 'sha224WithRSAEncryption',
  '1.3.14.3.2.29': 'sha1WithRSASignature',
  '1.2.840.10045.4.1': 'ecdsa-with-SHA1',
  '1.2.840.10045.4.3.1': 'ecdsa-with-SHA224',
  '1.2.840.10045.4.3.2': 'ecdsa-with-SHA256',
  '1.2.840.10045.4.3.3': 'ecdsa-with-SHA384',
  '1.2.840.10045.4.3.4': 'ecdsa-with-SHA512',
  '1.2.840.10040.4.3': 'dsa-with-sha1',
  '2.16.840.1.101.3.4.3.1': 'dsa-with-sha224',
  '2.16.840.1.101.3.4.3.2': 'dsa-with-sha256',
  '1.3.101.112': 'Ed25519',
  '1.3.101.113': 'Ed448',
};

/**
 * The text of a name attribute as node-forge read it: forge leaves UTF8String and BMPString values as their raw
 * bytes, so "ѕрооғ.badssl.com" or "UbiquiTLS™" would come out as mojibake; decoded here (raw bytes kept when they
 * are not valid UTF-8 / UTF-16).
 */
export function forgeAttributeText(a: { readonly value?: unknown; readonly valueTagClass?: number }): string {
  const raw = String(a.value);
  if (a.valueTagClass === forge.asn1.Type.UTF8) {
    try {
      return forge.util.decodeUtf8(raw);
    } catch {
      return raw;
    }
  }
  if (a.valueTagClass === forge.asn1.Type.BMPSTRING && raw.length % 2 === 0) return Buffer.from(raw, 'binary').swap16().toString('utf16le');
  return raw;
}

/** A node-forge name as "CN=a, O=b" (ours). */
export function forgeDn(attrs: readonly forge.pki.CertificateField[]): string {
  return attrs.map((a) => `${a.shortName ?? a.name ?? a.type}=${forgeAttributeText(a)}`).join(', ');
}

/** The CN value of a node-forge name ('' without one). */
export function forgeCn(attrs: readonly forge.pki.CertificateField[]): string {
  // Stryker disable next-line LogicalOperator,ConditionalExpression,StringLiteral: equivalent — node-forge sets both shortName 'CN' and name 'commonName' on a common name
  const f = attrs.find((a) => a.shortName === 'CN' || a.name === 'commonName');
  return f ? forgeAttributeText(f) : '';
}

/** "CN=a\nO=b" (node:crypto's form) → "CN=a, O=b" (ours); multi-valued lines kept as they are. */
export function dnFromNode(s: string | undefined): string {
  // Stryker disable next-line MethodExpression: equivalent — node:crypto's name text has no empty lines
  return (s ?? '').split('\n').filter(Boolean).join(', ');
}

/**
 * The CN value from node:crypto's name text, with its RFC 4514 escapes undone ("\ COMMUNICATIONS SERVER\ " → " COMMUNICATIONS SERVER ").
 * node:crypto writes one RDN per line and the parts of a multi-valued RDN on one line joined by " + "
 * ("OU=Lync + CN=Communications Server"); a "+" inside a value is escaped ("\+"), so only " + " separates parts.
 */
export function cnFromNode(s: string | undefined): string {
  // node:crypto gives undefined for an empty subject (no-subject.badssl.com)
  // Stryker disable next-line StringLiteral: equivalent, any text without "CN=" gives '' as '' does
  for (const line of (s ?? '').split('\n')) {
    const part = line.split(' + ').find((p) => p.startsWith('CN='));
    if (part !== undefined) return part.slice(3).replace(/\\([ ,+"\\<>;#=])/g, '$1');
  }
  return '';
}

/** Key size of a named curve in bits (the figure compared with RSA sizes is not the same scale, so kept apart). */
const CURVE_BITS: Readonly<Record<string, number>> = { prime256v1: 256, secp256r1: 256, secp384r1: 384, secp521r1: 521, secp224r1: 224, secp256k1: 256, prime192v1: 192 };

export interface CertCryptoFacts {
  /** Signature algorithm name (or its OID when unknown). */
  readonly signatureAlgorithm: string;
  /** rsa, rsa-pss, ec, ed25519, ed448, dsa… (node:crypto's asymmetricKeyType), 'unknown' when unreadable. */
  readonly keyType: string;
  /** RSA/DSA modulus bits, EC curve bits, 255/448 for EdDSA; null when unknown. */
  readonly keyBits: number | null;
  /** Named curve of an EC key. */
  readonly keyCurve?: string;
}

/** The signature algorithm named in the outer Certificate SEQUENCE (works for any key type). */
export function signatureAlgorithmOf(der: Buffer): string {
  try {
    const a = forge.asn1.fromDer(der.toString('binary'));
    const algId = (a.value as forge.asn1.Asn1[])[1];
    const oidNode = (algId?.value as forge.asn1.Asn1[] | undefined)?.[0];
    if (!oidNode || typeof oidNode.value !== 'string') return 'unknown';
    const oid = forge.asn1.derToOid(oidNode.value);
    return SIGNATURE_NAMES[oid] ?? oid;
  } catch {
    return 'unknown';
  }
}

/** Key type, size and curve of a public key. */
export function keyFacts(key: KeyObject): Pick<CertCryptoFacts, 'keyType' | 'keyBits' | 'keyCurve'> {
  const type = key.asymmetricKeyType ?? 'unknown';
  const d = key.asymmetricKeyDetails ?? {};
  if (d.modulusLength) return { keyType: type, keyBits: d.modulusLength };
  if (d.namedCurve) return { keyType: type, keyBits: CURVE_BITS[d.namedCurve] ?? null, keyCurve: d.namedCurve };
  if (type === 'ed25519' || type === 'x25519') return { keyType: type, keyBits: 255 };
  if (type === 'ed448' || type === 'x448') return { keyType: type, keyBits: 448 };
  return { keyType: type, keyBits: null };
}

/** Signature algorithm and key facts of a DER certificate (key facts 'unknown' when node:crypto cannot read it). */
export function certCryptoFacts(der: Buffer, x509?: X509Certificate): CertCryptoFacts {
  const signatureAlgorithm = signatureAlgorithmOf(der);
  try {
    const x = x509 ?? new X509Certificate(der);
    return { signatureAlgorithm, ...keyFacts(x.publicKey) };
  } catch {
    return { signatureAlgorithm, keyType: 'unknown', keyBits: null };
  }
}
