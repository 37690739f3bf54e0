/** TLS-DSK certificate checks: expiry, duplicates, Personal-store conflicts, leftovers after the policy. */
import type { CertificateInfo } from '../model/certificates';
import type { Snapshot } from '../model/snapshot';
import { lyncCertStoreEnabled, useLyncCertStoreValues } from './policy-values';
import type { Check, FindingDraft } from './types';
import { ev } from './types';

export const EXPIRY_WARNING_DAYS = 14;
const DAY = 86_400_000;
const CLIENT_AUTH = '1.3.6.1.5.5.7.3.2';

function certs(s: Snapshot): readonly CertificateInfo[] | undefined {
  const c = s.sections.certificates;
  return c && (c.status === 'ok' || c.status === 'partial') && c.data ? c.data.certificates : undefined;
}

function certEvidence(c: CertificateInfo): FindingDraft['evidence'] {
  return [
    ev('thumbprint', c.thumbprint),
    ev('store', `Cert:\\CurrentUser\\${c.store}`),
    ev('subject', c.subject),
    ev('valid', `${c.notBefore} → ${c.notAfter}`),
  ];
}

export const tlsDskExpiry: Check = {
  id: 'LD-CERT-001',
  title: 'TLS-DSK certificate expired or about to expire',
  severity: 'error',
  articleId: 'tls-dsk-certificates',
  research: ['SFB-KI-007'],
  sections: ['certificates'],
  description: `Every TLS-DSK certificate (issuer CN=Communications Server) must be valid for more than ${EXPIRY_WARNING_DAYS} days.`,
  evaluate(s, env) {
    const list = certs(s);
    if (!list) return [];
    const now = env.now.getTime();
    const drafts: FindingDraft[] = [];
    for (const c of list.filter((x) => x.tlsDsk)) {
      const end = Date.parse(c.notAfter);
      if (end <= now) {
        drafts.push({ severity: 'error', message: `TLS-DSK certificate for ${c.sipAddress ?? c.subjectCommonName} expired on ${c.notAfter.slice(0, 10)} (${Math.floor((now - end) / DAY)} days ago).`, evidence: certEvidence(c) });
      } else if (end - now < EXPIRY_WARNING_DAYS * DAY) {
        drafts.push({ severity: 'warning', message: `TLS-DSK certificate for ${c.sipAddress ?? c.subjectCommonName} expires on ${c.notAfter.slice(0, 10)}, in ${Math.ceil((end - now) / DAY)} day(s) (warning threshold ${EXPIRY_WARNING_DAYS}).`, evidence: certEvidence(c) });
      }
    }
    return drafts;
  },
};

export const tlsDskDuplicates: Check = {
  id: 'LD-CERT-002',
  title: 'Several TLS-DSK certificates for the same SIP address',
  severity: 'warning',
  articleId: 'tls-dsk-certificates',
  research: ['SFB-KI-006'],
  sections: ['certificates'],
  description: 'One TLS-DSK certificate per SIP address is expected; stale ones accumulate and confuse certificate pickers.',
  evaluate(s) {
    const list = certs(s);
    if (!list) return [];
    const groups = new Map<string, CertificateInfo[]>();
    for (const c of list.filter((x) => x.tlsDsk)) {
      const key = c.sipAddress ?? `(no SIP address) ${c.subjectCommonName}`;
      groups.set(key, [...(groups.get(key) ?? []), c]);
    }
    return [...groups.entries()]
      .filter(([, g]) => g.length > 1)
      .map(([sip, g]) => ({
        // Stryker disable next-line OptionalChaining: a group here has at least two certificates
        message: `${g.length} TLS-DSK certificates exist for ${sip}; expected 1. The newest expires ${[...g].sort((a, b) => b.notAfter.localeCompare(a.notAfter))[0]?.notAfter.slice(0, 10)}.`,
        evidence: g.map((c) => ev(`${c.store} ${c.thumbprint}`, `valid ${c.notBefore.slice(0, 10)} → ${c.notAfter.slice(0, 10)}`)),
      }));
  },
};

/** Client-authentication-capable certificates that are not TLS-DSK (802.1X, VPN, smart card…). */
function otherClientAuth(list: readonly CertificateInfo[]): CertificateInfo[] {
  return list.filter((c) => c.store === 'My' && !c.tlsDsk && c.hasPrivateKey && (c.ekus.length === 0 || c.ekus.includes(CLIENT_AUTH)));
}

export const personalStoreConflict: Check = {
  id: 'LD-CERT-003',
  title: 'TLS-DSK certificate in the Personal store next to other client certificates, UseLyncCertStore not set',
  severity: 'warning',
  articleId: 'tls-dsk-certificate-personal-store-conflict',
  research: ['SFB-KI-006'],
  sections: ['certificates', 'policy'],
  description: 'With other client-auth certificates present (802.1X/VPN), TLS-DSK certificates should live in LyncCertStore via the UseLyncCertStore policy.',
  evaluate(s) {
    const list = certs(s);
    const policy = useLyncCertStoreValues(s);
    if (!list || !policy || lyncCertStoreEnabled(policy)) return [];
    const dsk = list.filter((c) => c.tlsDsk && c.store === 'My');
    const others = otherClientAuth(list);
    if (dsk.length === 0 || others.length === 0) return [];
    return [
      {
        message: `${dsk.length} TLS-DSK certificate(s) sit in Cert:\\CurrentUser\\My beside ${others.length} other client-authentication certificate(s); UseLyncCertStore is not set, so 802.1X Wi-Fi or VPN certificate selection may offer or pick the Lync certificate.`,
        evidence: [
          ...dsk.map((c) => ev('TLS-DSK', `${c.thumbprint} (${c.subject})`)),
          ...others.map((c) => ev('other client certificate', `${c.thumbprint} (${c.subject}, issuer ${c.issuerCommonName})`)),
          ev('policy UseLyncCertStore', policy.length ? policy.map((v) => `${v.keyPath} = ${v.data}`).join('; ') : 'not set under HKLM/HKCU ...\\Office\\{15.0,16.0}\\Lync'),
        ],
      },
    ];
  },
};

export const leftoversAfterPolicy: Check = {
  id: 'LD-CERT-004',
  title: 'UseLyncCertStore is set but TLS-DSK certificates remain in the Personal store',
  severity: 'warning',
  articleId: 'lync-cert-store-policy',
  research: ['SFB-KI-006'],
  sections: ['certificates', 'policy'],
  description: 'After UseLyncCertStore=1 the Personal store should hold no TLS-DSK certificates (left over from before the policy).',
  evaluate(s) {
    const list = certs(s);
    const policy = useLyncCertStoreValues(s);
    if (!list || !policy || !lyncCertStoreEnabled(policy)) return [];
    const left = list.filter((c) => c.tlsDsk && c.store === 'My');
    if (left.length === 0) return [];
    return [
      {
        message: `UseLyncCertStore is 1, yet ${left.length} TLS-DSK certificate(s) remain in Cert:\\CurrentUser\\My — left from before the policy; they still reach 802.1X/VPN certificate pickers.`,
        evidence: [...left.map((c) => ev('TLS-DSK in My', `${c.thumbprint} expires ${c.notAfter.slice(0, 10)}`)), ...policy.map((v) => ev('policy', `${v.keyPath}\\${v.name} = ${v.data}`))],
      },
    ];
  },
};

export const tlsDskWithoutKey: Check = {
  id: 'LD-CERT-005',
  title: 'TLS-DSK certificate without its private key',
  severity: 'warning',
  articleId: 'certificate-provisioning-failed',
  research: ['SFB-KI-007'],
  sections: ['certificates'],
  description: 'A TLS-DSK certificate is only usable with its private key (PowerShell HasPrivateKey).',
  evaluate(s, env) {
    const list = certs(s);
    if (!list) return [];
    return list
      .filter((c) => c.tlsDsk && !c.hasPrivateKey && Date.parse(c.notAfter) > env.now.getTime())
      .map((c) => ({ message: `TLS-DSK certificate ${c.thumbprint} for ${c.sipAddress ?? c.subjectCommonName} has no private key on this PC; the client cannot use it for sign-in.`, evidence: certEvidence(c) }));
  },
};

export const unreadableCertificates: Check = {
  id: 'LD-CERT-006',
  title: 'Certificate in the user store could not be parsed',
  severity: 'info',
  articleId: 'tls-dsk-certificates',
  research: [],
  sections: ['certificates'],
  description: 'Every certificate in My and LyncCertStore should parse as X.509; corrupt entries are reported.',
  evaluate(s) {
    const c = s.sections.certificates;
    if (!c?.data) return [];
    return c.data.parseErrors.map((e) => ({
      message: `A certificate in ${e.store} could not be read: ${e.reason}.`,
      evidence: [ev('store', `Cert:\\CurrentUser\\${e.store}`), ev('thumbprint', e.thumbprint ?? 'unknown'), ev('reason', e.reason)],
    }));
  },
};

export const certificateChecks: readonly Check[] = [tlsDskExpiry, tlsDskDuplicates, personalStoreConflict, leftoversAfterPolicy, tlsDskWithoutKey, unreadableCertificates];
