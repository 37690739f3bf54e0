/** Turns DER certificates into CertificateInfo with node-forge, or node:crypto for keys forge cannot read (EC, Ed25519, DSA): public fields only, never throws. */
import { X509Certificate } from 'node:crypto';
import forge from 'node-forge';
import type { CertificateInfo, CertStoreName } from '../model/certificates';
import { certCryptoFacts, cnFromNode, dnFromNode, forgeCn, forgeDn } from './tls-cert-facts';

const TLS_DSK_ISSUER_CN = 'communications server';

const EKU_NAMES: Record<string, string> = {
  serverAuth: '1.3.6.1.5.5.7.3.1',
  clientAuth: '1.3.6.1.5.5.7.3.2',
  codeSigning: '1.3.6.1.5.5.7.3.3',
  emailProtection: '1.3.6.1.5.5.7.3.4',
};

/** SHA-1 over the DER, upper-case hex: the Windows thumbprint. */
export function thumbprintOf(der: string): string {
  const md = forge.md.sha1.create();
  md.update(der);
  return md.digest().toHex().toUpperCase();
}

/** Extracts a SIP address from "sip:alice@contoso.com", "alice@contoso.com" or a CN. */
export function sipAddressFrom(values: readonly string[]): string | null {
  for (const v of values) {
    const m = /(?:sip:)?([A-Za-z0-9._%+'-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,})/i.exec(v);
    if (m) return (m[1] as string).toLowerCase();
  }
  return null;
}

export type CertParseResult = { readonly ok: true; readonly cert: CertificateInfo } | { readonly ok: false; readonly reason: string };

/** Parses base64 DER into CertificateInfo; garbage gives a reason, not an exception. */
export function parseCertificate(derBase64: string, store: CertStoreName, hasPrivateKey: boolean): CertParseResult {
  // Stryker disable next-line Regex: equivalent — removing each blank or each run of blanks gives the same text
  const clean = derBase64.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.length === 0) return { ok: false, reason: 'certificate data is not base64' };
  let der: string;
  // Stryker disable all: defensive — forge's decode64 does not throw for text that passed the base64 pattern above
  try {
    der = forge.util.decode64(clean);
  } catch {
    return { ok: false, reason: 'certificate data is not base64' };
  }
  // Stryker restore all
  let asn1: forge.asn1.Asn1;
  try {
    asn1 = forge.asn1.fromDer(der, { strict: true, parseAllBytes: true } as unknown as boolean);
  } catch (e) {
    return { ok: false, reason: `not a valid X.509 certificate (${(e as Error).message.split('\n')[0]})` };
  }
  let cert: forge.pki.Certificate;
  try {
    cert = forge.pki.certificateFromAsn1(asn1);
  } catch (e) {
    // node-forge reads RSA keys only; node:crypto (OpenSSL) reads EC, Ed25519, Ed448, DSA and RSA-PSS
    const viaNode = parseWithNode(Buffer.from(der, 'binary'), clean, store, hasPrivateKey);
    return viaNode ?? { ok: false, reason: `not a valid X.509 certificate (${(e as Error).message.split('\n')[0]})` };
  }
  try {
    const sans: string[] = [];
    const san = cert.getExtension('subjectAltName') as { altNames?: Array<{ type: number; value?: string; ip?: string }> } | null;
    // Stryker disable next-line ArrayDeclaration: equivalent — a non-object entry has no type and is skipped like an empty list
    for (const n of san?.altNames ?? []) {
      // Stryker disable next-line StringLiteral: equivalent — node-forge always gives a value for DNS, e-mail and URI names
      if (n.type === 2 || n.type === 6 || n.type === 1) sans.push(String(n.value ?? ''));
      else if (n.type === 7 && n.ip) sans.push(n.ip);
    }
    const ekuExt = cert.getExtension('extKeyUsage') as Record<string, unknown> | null;
    const ekus: string[] = [];
    if (ekuExt) {
      for (const [name, oid] of Object.entries(EKU_NAMES)) if (ekuExt[name] === true) ekus.push(oid);
    }
    const issuerCommonName = forgeCn(cert.issuer.attributes);
    const subjectCommonName = forgeCn(cert.subject.attributes);
    const tlsDsk = issuerCommonName.trim().toLowerCase() === TLS_DSK_ISSUER_CN;
    return {
      ok: true,
      cert: {
        store,
        thumbprint: thumbprintOf(der),
        subject: forgeDn(cert.subject.attributes),
        issuer: forgeDn(cert.issuer.attributes),
        issuerCommonName,
        subjectCommonName,
        sans,
        notBefore: cert.validity.notBefore.toISOString(),
        notAfter: cert.validity.notAfter.toISOString(),
        ekus,
        serialNumber: cert.serialNumber,
        hasPrivateKey,
        tlsDsk,
        sipAddress: tlsDsk ? sipAddressFrom([...sans, subjectCommonName]) : null,
        derBase64: clean,
        ...certCryptoFacts(Buffer.from(der, 'binary')),
        parsedWith: 'node-forge',
      },
    };
  } catch (e) {
    // defensive: no certificate node-forge accepts is known to make the field reads above throw (left as no-coverage mutants)
    return { ok: false, reason: `certificate fields could not be read (${(e as Error).message.split('\n')[0]})` };
  }
}

/** Splits node:crypto's subjectAltName text ("DNS:a, email:b, IP Address:1.2.3.4, othername:…") into values. */
function sansFromNode(text: string | undefined): string[] {
  const out: string[] = [];
  // Stryker disable Regex,MethodExpression: equivalent — node:crypto separates entries with ", " before a "Kind:" word, so the
  // lookahead variants, the anchors and the trim never decide
  for (const part of (text ?? '').split(/,\s*(?=[A-Za-z][A-Za-z ]*:)/)) {
    const m = /^(DNS|email|URI|IP Address|othername):\s*(.*)$/i.exec(part.trim());
    // Stryker restore Regex,MethodExpression
    if (!m) continue;
    const kind = (m[1] as string).toLowerCase();
    let value = (m[2] as string).replace(/^"|"$/g, '');
    if (kind === 'othername') {
      // UPN (1.3.6.1.4.1.311.20.2.3) as OpenSSL prints it: "UPN:user@contoso.com" or "<unsupported>"
      // Stryker disable next-line Regex: equivalent — OpenSSL prints the othername kind first and the value to the end of the entry
      const upn = /^(?:UPN|1\.3\.6\.1\.4\.1\.311\.20\.2\.3)(?:::|:|;)(?:UTF8:)?(.*)$/i.exec(value);
      if (!upn) continue;
      value = upn[1] as string;
    }
    out.push(value);
  }
  return out;
}

/** Extended key usage OIDs straight from the DER (node:crypto in Node 20 exposes only keyUsage for leaves). */
function ekusFromAsn1(der: Buffer): string[] {
  try {
    const cert = forge.asn1.fromDer(der.toString('binary'));
    const tbs = (cert.value as forge.asn1.Asn1[])[0];
    const exts = (tbs?.value as forge.asn1.Asn1[]).find((n) => n.tagClass === forge.asn1.Class.CONTEXT_SPECIFIC && n.type === 3);
    // Stryker disable next-line ArrayDeclaration: equivalent — a string entry has no parts, the read throws and ends as "no EKU" like an empty list
    const list = ((exts?.value as forge.asn1.Asn1[] | undefined)?.[0]?.value as forge.asn1.Asn1[] | undefined) ?? [];
    for (const ext of list) {
      const parts = ext.value as forge.asn1.Asn1[];
      if (forge.asn1.derToOid(parts[0]?.value as string) !== '2.5.29.37') continue;
      const octets = parts[parts.length - 1]?.value as string;
      const seq = forge.asn1.fromDer(octets);
      return (seq.value as forge.asn1.Asn1[]).map((o) => forge.asn1.derToOid(o.value as string));
    }
  } catch {
    /* no readable EKU extension */
  }
  return [];
}

/** Reads a certificate node-forge refused (non-RSA key) with node:crypto; null when OpenSSL refuses it too. */
function parseWithNode(der: Buffer, clean: string, store: CertStoreName, hasPrivateKey: boolean): CertParseResult | null {
  let x: X509Certificate;
  try {
    x = new X509Certificate(der);
  } catch {
    return null;
  }
  const sans = sansFromNode(x.subjectAltName);
  const issuerCommonName = cnFromNode(x.issuer);
  const subjectCommonName = cnFromNode(x.subject);
  const tlsDsk = issuerCommonName.trim().toLowerCase() === TLS_DSK_ISSUER_CN;
  return {
    ok: true,
    cert: {
      store,
      thumbprint: x.fingerprint.replace(/:/g, '').toUpperCase(),
      subject: dnFromNode(x.subject),
      issuer: dnFromNode(x.issuer),
      issuerCommonName,
      subjectCommonName,
      sans,
      notBefore: new Date(x.validFrom).toISOString(),
      notAfter: new Date(x.validTo).toISOString(),
      ekus: ekusFromAsn1(der),
      serialNumber: x.serialNumber.toLowerCase(),
      hasPrivateKey,
      tlsDsk,
      sipAddress: tlsDsk ? sipAddressFrom([...sans, subjectCommonName]) : null,
      derBase64: clean,
      ...certCryptoFacts(der, x),
      parsedWith: 'node-crypto',
    },
  };
}

/** PEM of a certificate from its base64 DER (public part only). */
export function pemOf(derBase64: string): string {
  const lines = derBase64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}
