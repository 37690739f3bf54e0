/** Turns DER certificates into CertificateInfo with node-forge: public fields only, never throws. */
import forge from 'node-forge';
import type { CertificateInfo, CertStoreName } from '../model/certificates';

const TLS_DSK_ISSUER_CN = 'communications server';

const EKU_NAMES: Record<string, string> = {
  serverAuth: '1.3.6.1.5.5.7.3.1',
  clientAuth: '1.3.6.1.5.5.7.3.2',
  codeSigning: '1.3.6.1.5.5.7.3.3',
  emailProtection: '1.3.6.1.5.5.7.3.4',
};

function dn(attrs: forge.pki.CertificateField[]): string {
  return attrs.map((a) => `${a.shortName ?? a.name ?? a.type}=${String(a.value)}`).join(', ');
}

function cn(attrs: forge.pki.CertificateField[]): string {
  const f = attrs.find((a) => a.shortName === 'CN' || a.name === 'commonName');
  return f ? String(f.value) : '';
}

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
  const clean = derBase64.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.length === 0) return { ok: false, reason: 'certificate data is not base64' };
  let der: string;
  try {
    der = forge.util.decode64(clean);
  } catch {
    return { ok: false, reason: 'certificate data is not base64' };
  }
  let cert: forge.pki.Certificate;
  try {
    const asn1 = forge.asn1.fromDer(der, { strict: true, parseAllBytes: true } as unknown as boolean);
    cert = forge.pki.certificateFromAsn1(asn1);
  } catch (e) {
    return { ok: false, reason: `not a valid X.509 certificate (${(e as Error).message.split('\n')[0]})` };
  }
  try {
    const sans: string[] = [];
    const san = cert.getExtension('subjectAltName') as { altNames?: Array<{ type: number; value?: string; ip?: string }> } | null;
    for (const n of san?.altNames ?? []) {
      if (n.type === 2 || n.type === 6 || n.type === 1) sans.push(String(n.value ?? ''));
      else if (n.type === 7 && n.ip) sans.push(n.ip);
    }
    const ekuExt = cert.getExtension('extKeyUsage') as Record<string, unknown> | null;
    const ekus: string[] = [];
    if (ekuExt) {
      for (const [name, oid] of Object.entries(EKU_NAMES)) if (ekuExt[name] === true) ekus.push(oid);
    }
    const issuerCommonName = cn(cert.issuer.attributes);
    const subjectCommonName = cn(cert.subject.attributes);
    const tlsDsk = issuerCommonName.trim().toLowerCase() === TLS_DSK_ISSUER_CN;
    return {
      ok: true,
      cert: {
        store,
        thumbprint: thumbprintOf(der),
        subject: dn(cert.subject.attributes),
        issuer: dn(cert.issuer.attributes),
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
      },
    };
  } catch (e) {
    return { ok: false, reason: `certificate fields could not be read (${(e as Error).message.split('\n')[0]})` };
  }
}

/** PEM of a certificate from its base64 DER (public part only). */
export function pemOf(derBase64: string): string {
  const lines = derBase64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}
