/** TLS checks: certificate names, expiry, trust path, private roots for mobiles, TLS versions, unreachable endpoints. */
import type { EndpointRole } from '../model/proxy';
import type { Snapshot } from '../model/snapshot';
import { certificateCovers, signatureHash, type TlsCertificate, type TlsProbe, type TlsSection, type TrustPath } from '../model/tls';
import type { Check, FindingDraft } from './types';
import { hostPort } from '../model/endpoint';
import { ev } from './types';

export const CERT_EXPIRY_WARNING_DAYS = 30;
const DAY = 86_400_000;
/** SCHANNEL_PROTOCOL flag for TLS 1.2 in WinHTTP DefaultSecureProtocols (KB3140245). */
const WINHTTP_TLS12 = 0x800;

function tlsData(s: Snapshot): TlsSection | undefined {
  const r = s.sections.tls;
  return r && (r.status === 'ok' || r.status === 'timeout') ? r.data : undefined;
}

const DISCOVER: readonly EndpointRole[] = ['lyncdiscover', 'lyncdiscoverinternal'];
const isDiscover = (p: TlsProbe): boolean => p.roles.some((r) => DISCOVER.includes(r));
// Stryker disable next-line ArrayDeclaration: a non-empty fallback array has no probe whose outcome is 'ok' either
const ok = (s: Snapshot): TlsProbe[] => (tlsData(s)?.probes ?? []).filter((p) => p.outcome === 'ok');
/** The trust store's sources; only called for probes, which exist only with TLS data. */
const storeText = (s: Snapshot): string => (tlsData(s) as TlsSection).trustStore.sources.join('; ');
const where = (p: TlsProbe): string => `${hostPort(p.host, p.port)}${p.via ? ` via proxy ${p.via}` : ''}`;

function leafEvidence(p: TlsProbe, leaf: TlsCertificate): FindingDraft['evidence'] {
  return [
    ev('endpoint', where(p)),
    ev('roles', p.roles.join(', ')),
    ev('certificate subject', leaf.subject),
    ev('SAN DNS names', leaf.dnsNames.join(', ') || '(none)'),
    ev('SHA-256', leaf.sha256),
  ];
}

function nameMismatches(s: Snapshot, discover: boolean): FindingDraft[] {
  const drafts: FindingDraft[] = [];
  for (const p of ok(s).filter((x) => isDiscover(x) === discover)) {
    const leaf = p.chain[0];
    if (!leaf || certificateCovers(leaf, p.host)) continue;
    const names = leaf.dnsNames.length ? leaf.dnsNames.join(', ') : `CN=${leaf.subjectCN}`;
    drafts.push({
      message: discover
        ? `The certificate presented for ${p.host} names ${names}, which does not cover ${p.host}; mobile and Lync 2013+ desktop autodiscover fail with a certificate error. Expected: ${p.host} (or *.${p.host.split('.').slice(1).join('.')}) in the SAN.`
        : `The certificate presented for ${p.host} (${p.roles.join(', ')}) names ${names}, which does not cover ${p.host}; the client shows the "cannot verify that the server is trusted for your sign-in address" prompt or refuses the connection. Expected: ${p.host} in the SAN.`,
      evidence: [...leafEvidence(p, leaf), ev('expected name', p.host)],
    });
  }
  return drafts;
}

export const lyncdiscoverNameMismatch: Check = {
  id: 'LD-TLS-001',
  title: 'lyncdiscover certificate does not carry the lyncdiscover name',
  severity: 'error',
  articleId: 'lyncdiscover-certificate-name-mismatch',
  research: ['SFB-KI-058'],
  sections: ['tls'],
  description: 'The certificate served for lyncdiscover(internal).<domain>:443 must cover that name (SAN or wildcard).',
  evaluate: (s) => nameMismatches(s, true),
};

export const serverNameMismatch: Check = {
  id: 'LD-TLS-002',
  title: 'Server certificate does not cover the pool, SIP or web services name',
  severity: 'error',
  articleId: 'trust-model-certificate-name-mismatch',
  research: ['SFB-KI-012'],
  sections: ['tls'],
  description: 'Every SIP-TLS and web services endpoint must present a certificate whose SAN (or CN) covers the host name the client connects to.',
  evaluate: (s) => nameMismatches(s, false),
};

export const certificateExpiry: Check = {
  id: 'LD-TLS-003',
  title: 'Server certificate expired, not yet valid, or about to expire',
  severity: 'error',
  articleId: 'server-certificate-untrusted-chain',
  research: ['SFB-KI-008'],
  sections: ['tls'],
  description: `Every certificate a server sends must be valid now; the leaf should stay valid for more than ${CERT_EXPIRY_WARNING_DAYS} days.`,
  evaluate(s, env) {
    const now = env.now.getTime();
    const drafts: FindingDraft[] = [];
    for (const p of ok(s)) {
      p.chain.forEach((c, i) => {
        const end = Date.parse(c.notAfter);
        const start = Date.parse(c.notBefore);
        const what = i === 0 ? 'server certificate' : `chain certificate ${i} (${c.subjectCN || c.subject})`;
        const evidence = [ev('endpoint', where(p)), ev('certificate', c.subject), ev('valid', `${c.notBefore} → ${c.notAfter}`), ev('SHA-256', c.sha256)];
        if (end <= now) drafts.push({ message: `The ${what} of ${hostPort(p.host, p.port)} expired on ${c.notAfter.slice(0, 10)} (${Math.floor((now - end) / DAY)} day(s) ago); clients refuse the connection.`, evidence });
        else if (start > now) drafts.push({ message: `The ${what} of ${hostPort(p.host, p.port)} is not valid before ${c.notBefore.slice(0, 10)}; either it was installed too early or this PC's clock is behind.`, evidence });
        else if (i === 0 && end - now < CERT_EXPIRY_WARNING_DAYS * DAY) drafts.push({ severity: 'warning', message: `The server certificate of ${hostPort(p.host, p.port)} expires on ${c.notAfter.slice(0, 10)}, in ${Math.ceil((end - now) / DAY)} day(s).`, evidence });
      });
    }
    return drafts;
  },
};

const PROBLEM_TEXT: Record<string, string> = {
  'self-signed': 'the server presents a self-signed certificate that is not in the trust store',
  'issuer-missing': 'the chain is incomplete or ends in an unknown root: the server does not send the certificate of its issuer, and the issuer is not in the trust store (an intermediate the server must send, or a root this PC does not trust)',
  'too-long': 'the chain is implausibly long',
  unparsable: 'the server certificate cannot be read',
};

export const untrustedChain: Check = {
  id: 'LD-TLS-004',
  title: 'Server certificate chain untrusted or incomplete',
  severity: 'error',
  articleId: 'server-certificate-untrusted-chain',
  research: ['SFB-KI-008'],
  sections: ['tls'],
  description: 'Each endpoint must send a chain that builds to a trusted root; servers must send their intermediates.',
  evaluate(s) {
    const drafts: FindingDraft[] = [];
    for (const p of ok(s)) {
      const tr = p.trust;
      if (!tr) continue;
      const leaf = p.chain[0];
      const base = [ev('endpoint', where(p)), ev('path', tr.path.join(' → ') || '(none)'), ev('certificates sent', p.chainLength), ...(leaf ? [ev('server certificate', `${leaf.subject}, issuer ${leaf.issuer}`)] : []), ev('trust store', storeText(s))];
      if (!tr.trusted && tr.problem === 'untrusted-root') continue; // LD-TLS-010
      if (!tr.trusted) {
        drafts.push({
          message: `${hostPort(p.host, p.port)}: ${PROBLEM_TEXT[tr.problem] ?? tr.problem}${tr.missingIssuer ? ` (missing: ${tr.missingIssuer})` : ''}. Clients show "There was a problem verifying the certificate from the server".`,
          evidence: [...base, ...(tr.missingIssuer ? [ev('missing issuer', tr.missingIssuer)] : [])],
        });
      } else if (tr.usedStoreIntermediate) {
        drafts.push({
          severity: 'warning',
          message: `${hostPort(p.host, p.port)} does not send its intermediate certificate (${tr.anchor}); it validates here only because that intermediate is in the local trust store. Devices without it (mobiles, other PCs) fail.`,
          evidence: base,
        });
      }
    }
    return drafts;
  },
};

export const privateRootForMobile: Check = {
  id: 'LD-TLS-005',
  title: 'Autodiscover / web services certificate chains to a private root (mobile devices need it installed)',
  severity: 'info',
  articleId: 'mobile-enterprise-root-not-trusted',
  research: ['SFB-KI-014'],
  sections: ['tls'],
  description: 'lyncdiscover and web services certificates trusted only through a supplied enterprise CA must have that root on every mobile device.',
  evaluate(s) {
    const hits = ok(s).filter((p): p is TlsProbe & { trust: TrustPath } => p.roles.some((r) => ['lyncdiscover', 'web-services'].includes(r)) && p.trust?.trusted === true && p.trust.anchorSource === 'ca-file');
    if (hits.length === 0) return [];
    const roots = [...new Set(hits.map((p) => p.trust.anchor))];
    return [
      {
        message: `${hits.map((p) => p.host).join(', ')} chain${hits.length === 1 ? 's' : ''} to ${roots.join(', ')}, ${hits.some((p) => p.trust.anchorIsRoot === false) ? 'a CA certificate (an intermediate, not a root) given with --ca-file' : 'a root trusted here only through --ca-file'} (not a public root). Lync/Skype for Business mobile clients show "Can't verify the certificate from the server" unless that root is installed on the device.`,
        evidence: hits.map((p) => ev(where(p), p.trust.path.join(' → '))),
      },
    ];
  },
};

export const noTls12: Check = {
  id: 'LD-TLS-006',
  title: 'Endpoint does not accept TLS 1.2',
  severity: 'error',
  articleId: 'tls10-11-disabled-old-clients',
  research: ['SFB-KI-030'],
  sections: ['tls'],
  description: 'Every Lync endpoint must accept TLS 1.2, the one version all supported clients and servers share.',
  evaluate(s) {
    return ok(s)
      .filter((p) => p.tls12 === 'no')
      .map((p) => ({
        message:
          p.tls13 === 'yes' && p.legacy !== 'yes'
            ? `${hostPort(p.host, p.port)} accepts only TLS 1.3; Lync and Skype for Business clients on Windows (Schannel without TLS 1.3) cannot connect. Expected: TLS 1.2 enabled.`
            : `${hostPort(p.host, p.port)} negotiates only ${p.protocol ?? 'an old protocol'} (TLS 1.0/1.1); clients and services with TLS 1.0/1.1 disabled (Office 365, hardened servers) cannot connect. Expected: TLS 1.2 enabled.`,
        evidence: [ev('endpoint', where(p)), ev('negotiated', p.protocol ?? 'none'), ev('TLS 1.2', p.tls12), ev('TLS 1.3', p.tls13), ev('TLS 1.0/1.1', p.legacy)],
      }));
  },
};

export const windows7WinHttpTls12: Check = {
  id: 'LD-TLS-007',
  title: 'Windows 7 WinHTTP cannot reach servers that refuse TLS 1.0/1.1 (error 12029)',
  severity: 'error',
  articleId: 'tls12-winhttp-windows7-12029',
  research: ['SFB-KI-029'],
  sections: ['tls', 'proxy'],
  description: 'On Windows 7 / 2008 R2, WinHTTP DefaultSecureProtocols must include TLS 1.2 (0x800) when servers refuse TLS 1.0/1.1.',
  evaluate(s) {
    if (s.host.platform !== 'win32' || !/^6\.1\./.test(s.host.release)) return [];
    const refusing = ok(s).filter((p) => p.legacy === 'no');
    if (refusing.length === 0) return [];
    const w = s.sections.proxy?.data?.winhttp;
    const hex = (v: number | null): string => (v === null ? 'absent' : `0x${v.toString(16)}`);
    // The client's WinHTTP view when its bitness is known (the collector put it in the main fields);
    // otherwise every view this PC has (64-bit and WOW6432Node keys both matter then).
    // Stryker disable next-line ArrayDeclaration: a one-element fallback is not "more than one view" either
    const present = (w?.views ?? []).filter((v) => v.outcome !== 'absent');
    const judged = w && w.clientBitness === null && present.length > 1 ? present.map((v) => ({ label: ` (${v.view} view, ${v.keyPath})`, dsp: v.defaultSecureProtocols })) : [{ label: w?.view ? ` (${w.view} view${w.clientBitness ? `, used by the ${w.clientBitness} client` : ''})` : '', dsp: w?.defaultSecureProtocols ?? null }];
    const bad = judged.find((j) => ((j.dsp ?? 0) & WINHTTP_TLS12) === 0); // absent: no TLS 1.2 bit
    if (!bad) return [];
    const dsp = bad.dsp;
    return [
      {
        message: `This PC runs Windows ${s.host.release} (Windows 7 / 2008 R2), whose WinHTTP offers only TLS 1.0 by default, and DefaultSecureProtocols${bad.label} is ${dsp === null ? 'not set' : `0x${dsp.toString(16)} (no TLS 1.2)`}; ${refusing.map((p) => hostPort(p.host, p.port)).join(', ')} refuse TLS 1.0/1.1, so WinHTTP-based requests (meeting join, Sign-In Assistant) fail with error 12029.`,
        evidence: [ev('OS release', s.host.release), ...judged.map((j) => ev(`WinHTTP DefaultSecureProtocols${j.label}`, hex(j.dsp))), ...refusing.map((p) => ev(where(p), 'refuses TLS 1.0/1.1'))],
      },
    ];
  },
};

export const legacyClientsLockedOut: Check = {
  id: 'LD-TLS-008',
  title: 'Servers refuse TLS 1.0/1.1: clients without TLS 1.2 support cannot connect',
  severity: 'info',
  articleId: 'tls10-11-disabled-old-clients',
  research: ['SFB-KI-030'],
  sections: ['tls'],
  description: 'Reports endpoints that accept only TLS 1.2+, so old clients (Lync 2010, Lync Phone Edition, Lync 2013 mobile, builds before the TLS 1.2 minimums) are known not to work there.',
  evaluate(s) {
    const refusing = ok(s).filter((p) => p.legacy === 'no' && p.tls12 === 'yes');
    if (refusing.length === 0) return [];
    return [
      {
        message: `${refusing.map((p) => hostPort(p.host, p.port)).join(', ')} accept TLS 1.2 or later only. Clients below the TLS 1.2-capable builds (Lync 2010, Lync for Mac 2011, Lync Phone Edition, Lync 2013 mobile apps, older Skype for Business builds) cannot connect to them.`,
        evidence: refusing.map((p) => ev(where(p), `negotiated ${p.protocol ?? '?'}; TLS 1.0/1.1 refused`)),
      },
    ];
  },
};

const UNREACHABLE = ['timeout', 'refused', 'unreachable', 'dns-failed', 'reset', 'not-tls', 'handshake-failed'];

export const endpointUnreachable: Check = {
  id: 'LD-TLS-009',
  title: 'Discovered Lync endpoint cannot be reached over TLS',
  severity: 'warning',
  articleId: 'network-endpoint-unreachable',
  research: [],
  sections: ['tls'],
  description: 'Every endpoint DNS (or autodiscover) names must accept a TCP connection and complete a TLS handshake.',
  evaluate(s) {
    // Stryker disable next-line ArrayDeclaration: a fallback of non-probes has no unreachable outcome either, so nothing is reported
    const all = tlsData(s)?.probes ?? [];
    const bad = all.filter((p) => UNREACHABLE.includes(p.outcome));
    if (bad.length === all.length && bad.length > 1) {
      // Nothing answered: one finding for the one cause, listing every endpoint (not one card per endpoint).
      return [
        {
          severity: 'error' as const,
          message: `No discovered endpoint completed a TLS handshake (${bad.length} tried): ${bad.map((p) => `${where(p)} (${p.roles.join(', ')}): ${p.message}`).join('; ')}. The servers that DNS names do not accept connections from here: they are down, not listening on these ports, or a firewall rejects the traffic.`,
          evidence: bad.flatMap((p) => [ev(where(p), `${p.outcome} after ${p.durationMs} ms`)]),
          affected: bad.map(where),
        },
      ];
    }
    const none = bad.length === all.length;
    return bad.map((p) => ({
      severity: none ? ('error' as const) : ('warning' as const),
      message: `${where(p)} (${p.roles.join(', ')}): ${p.message}${none ? '. No discovered endpoint completed a TLS handshake.' : '.'}`,
      evidence: [ev('endpoint', where(p)), ev('outcome', p.outcome), ev('time spent', `${p.durationMs} ms`)],
    }));
  },
};

/** Certificates of a chain below its root (the root's own self-signature is never checked by clients). */
function belowRoot(p: TlsProbe): Array<{ c: TlsCertificate; i: number }> {
  return p.chain.map((c, i) => ({ c, i })).filter(({ c, i }) => !(i > 0 && c.selfIssued));
}

const label = (c: TlsCertificate, i: number): string => (i === 0 ? `server certificate (${c.subjectCN || c.subject})` : `intermediate ${c.subjectCN || c.subject}`);

export const untrustedRoot: Check = {
  id: 'LD-TLS-010',
  title: 'Server certificate chains to a root this PC does not trust',
  severity: 'error',
  articleId: 'server-certificate-untrusted-root',
  research: [],
  sections: ['tls'],
  description: 'The chain a server sends is complete but ends in a root CA absent from the trust store (typical for an enterprise CA whose root is not deployed); distinct from an incomplete chain.',
  evaluate(s) {
    const drafts: FindingDraft[] = [];
    for (const p of ok(s)) {
      const tr = p.trust;
      if (!tr || tr.trusted || tr.problem !== 'untrusted-root') continue;
      const sent = tr.rootSent !== false;
      const rootName = sent ? tr.path[tr.path.length - 1] : tr.missingIssuer;
      const root = rootName === undefined ? 'a root' : `the root ${rootName}`;
      // Wording from the article server-certificate-untrusted-root: the chain is complete, the server needs no
      // change, the root must be trusted on the client (group policy on a domain PC, or --ca-file for this run).
      const fix = `The chain is not incomplete and the server needs no change: deploy the root to Trusted Root Certification Authorities (on a domain PC through group policy), or pass it with --ca-file if this PC is not the client's. Clients show "There was a problem verifying the certificate from the server".`;
      drafts.push({
        message: sent
          ? `${where(p)} sends a chain ending in ${root}, which is not in this PC's trust store; sending the root does not make it trusted. ${fix}`
          : `${where(p)} sends its full chain up to ${tr.path[tr.path.length - 1] ?? 'its last intermediate'}, issued by ${root}, which is not in this PC's trust store (servers need not send the root). ${fix}`,
        evidence: [ev('endpoint', where(p)), ev('path', tr.path.join(' → ')), ev('untrusted root', rootName ?? '(not named)'), ev('root sent by the server', sent ? 'yes' : 'no'), ev('trust store', storeText(s))],
      });
    }
    return drafts;
  },
};

export const weakSignature: Check = {
  id: 'LD-TLS-011',
  title: 'A certificate in the server chain is signed with SHA-1 or MD5',
  severity: 'warning',
  articleId: 'server-certificate-weak-signature',
  research: [],
  sections: ['tls'],
  description: 'Certificates below the root must be signed with SHA-2 (or better): Windows refuses MD5, and iOS/macOS and browsers refuse SHA-1 for TLS server certificates.',
  evaluate(s) {
    const drafts: FindingDraft[] = [];
    for (const p of ok(s)) {
      for (const { c, i } of belowRoot(p)) {
        // Stryker disable next-line StringLiteral: any fallback text names no hash ('unknown'), like ''
        const hash = signatureHash(c.signatureAlgorithm ?? '');
        if (hash !== 'sha1' && hash !== 'md5' && hash !== 'md2') continue;
        const md5 = hash !== 'sha1';
        drafts.push({
          severity: md5 ? 'error' : 'warning',
          message: md5
            ? `${hostPort(p.host, p.port)}: the ${label(c, i)} is signed with ${c.signatureAlgorithm}; Windows has refused MD5-signed certificates since 2013, so Lync/Skype for Business clients cannot trust this chain. Reissue it with SHA-256.`
            : `${hostPort(p.host, p.port)}: the ${label(c, i)} is signed with ${c.signatureAlgorithm}. Lync/Skype for Business on Windows still accepts it when the chain ends in an enterprise root, but iOS 13+/macOS 10.15+ (the mobile and Mac clients) and current browsers refuse SHA-1 server certificates, and public roots no longer accept it. Reissue it with SHA-256.`,
          evidence: [ev('endpoint', where(p)), ev('certificate', c.subject), ev('position', i === 0 ? 'server (leaf)' : `chain certificate ${i}`), ev('signature algorithm', c.signatureAlgorithm ?? 'unknown'), ev('SHA-256', c.sha256)],
        });
      }
    }
    return drafts;
  },
};

export const weakRsaKey: Check = {
  id: 'LD-TLS-012',
  title: 'A certificate in the server chain has an RSA key shorter than 2048 bits',
  severity: 'warning',
  articleId: 'server-certificate-weak-rsa-key',
  research: [],
  sections: ['tls'],
  description: 'RSA keys of server and intermediate certificates must be at least 2048 bits: Windows blocks keys under 1024 bits, iOS/macOS and current TLS libraries refuse keys under 2048 bits.',
  evaluate(s) {
    const drafts: FindingDraft[] = [];
    for (const p of ok(s)) {
      for (const { c, i } of belowRoot(p)) {
        if (!c.keyType.startsWith('rsa') || typeof c.keyBits !== 'number' || c.keyBits >= 2048) continue;
        const blocked = c.keyBits < 1024;
        drafts.push({
          severity: blocked ? 'error' : 'warning',
          message: blocked
            ? `${hostPort(p.host, p.port)}: the ${label(c, i)} has a ${c.keyBits}-bit RSA key; Windows blocks RSA keys under 1024 bits (since KB2661254), so clients cannot use this certificate. Reissue it with a 2048-bit (or larger) key.`
            : `${hostPort(p.host, p.port)}: the ${label(c, i)} has a ${c.keyBits}-bit RSA key. Lync/Skype for Business on Windows still accepts 1024-bit keys, but iOS 13+/macOS 10.15+ and OpenSSL-based clients at their default security level refuse keys under 2048 bits. Reissue it with a 2048-bit (or larger) key.`,
          evidence: [ev('endpoint', where(p)), ev('certificate', c.subject), ev('position', i === 0 ? 'server (leaf)' : `chain certificate ${i}`), ev('key', `${c.keyType} ${c.keyBits} bits`), ev('SHA-256', c.sha256)],
        });
      }
    }
    return drafts;
  },
};

export const noSubjectAltName: Check = {
  id: 'LD-TLS-013',
  title: 'Server certificate has no subjectAltName (name only in the CN)',
  severity: 'warning',
  articleId: 'server-certificate-no-san',
  research: [],
  sections: ['tls'],
  description: 'A server certificate must list its names in the subjectAltName extension: RFC 6125 and current browsers, iOS and macOS ignore the subject CN; Windows still falls back to it.',
  evaluate(s) {
    const drafts: FindingDraft[] = [];
    for (const p of ok(s)) {
      const leaf = p.chain[0];
      if (!leaf || leaf.dnsNames.length > 0 || leaf.ipAddresses.length > 0) continue;
      const cnCovers = certificateCovers(leaf, p.host);
      drafts.push({
        message: `${hostPort(p.host, p.port)}: the server certificate has no subjectAltName; its name is only in the subject CN (${leaf.subjectCN || 'empty'}). Lync/Skype for Business on Windows (Schannel) still matches the CN${cnCovers ? ', so the Windows client accepts it' : ', which does not cover this host either'}, but the iOS/Android/Mac clients and browsers ignore the CN (RFC 6125) and refuse the certificate. Reissue it with the names in the SAN.`,
        evidence: [...leafEvidence(p, leaf), ev('subject CN', leaf.subjectCN || '(none)'), ev('CN covers the host', cnCovers ? 'yes' : 'no')],
      });
    }
    return drafts;
  },
};

export const tlsChecks: readonly Check[] = [lyncdiscoverNameMismatch, serverNameMismatch, certificateExpiry, untrustedChain, privateRootForMobile, noTls12, windows7WinHttpTls12, legacyClientsLockedOut, endpointUnreachable, untrustedRoot, weakSignature, weakRsaKey, noSubjectAltName];
