/** Autodiscover checks: lyncdiscover asked but no usable answer; links pointing outside the SIP domain. */
import { linkHosts, type AutodiscoverAttempt, type AutodiscoverSection } from '../model/autodiscover';
import type { Snapshot } from '../model/snapshot';
import type { Check, FindingDraft } from './types';
import { ev } from './types';

/** Domains Lync trusts by default in its trust model (no TrustModelData needed). */
export const DEFAULT_TRUSTED_DOMAINS = ['lync.com', 'outlook.com', 'lync.glbdns.microsoft.com', 'microsoftonline.com'];

function data(s: Snapshot): AutodiscoverSection | undefined {
  const r = s.sections.autodiscover;
  return r && r.status !== 'error' ? r.data : undefined;
}

function inDomain(host: string, domain: string): boolean {
  const h = host.toLowerCase().replace(/\.$/, '');
  const d = domain.toLowerCase().replace(/\.$/, '');
  return h === d || h.endsWith(`.${d}`);
}

function attemptEvidence(a: AutodiscoverAttempt): FindingDraft['evidence'] {
  return [
    ev('URL', a.url),
    ev('outcome', a.outcome),
    ...(a.status !== null ? [ev('HTTP status', a.status)] : []),
    ...(a.hops.length > 1 ? [ev('requests', a.hops.join(' → '))] : []),
    ...(a.via ? [ev('through proxy', a.via)] : []),
    ev('detail', a.message),
  ];
}

export const autodiscoverFailed: Check = {
  id: 'LD-AUTO-001',
  title: 'Autodiscover (lyncdiscover) gives no usable answer',
  severity: 'error',
  articleId: 'lyncdiscover-mobility-discovery',
  research: [],
  sections: ['autodiscover'],
  description: 'When lyncdiscover(internal) resolves, GET /?sipuri=<address> must return an autodiscover document with a User link.',
  evaluate(s) {
    const d = data(s);
    if (!d) return [];
    const asked = d.attempts.filter((a) => a.outcome !== 'not-resolved');
    const usable = asked.filter((a) => a.outcome === 'ok' && a.userUrl);
    const drafts: FindingDraft[] = [];
    for (const a of asked) {
      if (a.outcome === 'ok' && a.userUrl) continue;
      const why = a.outcome === 'ok' ? 'the answer has no User link' : a.message;
      drafts.push({
        severity: usable.length ? 'warning' : 'error',
        message: `${a.role}: ${why}.${usable.length ? ` (${usable.map((u) => u.role).join(', ')} answers, so only clients that use ${a.role} are affected.)` : ' Mobile, Windows Store and newer desktop clients cannot discover the pool this way.'}`,
        evidence: attemptEvidence(a),
      });
    }
    return drafts;
  },
};

export const autodiscoverForeignLinks: Check = {
  id: 'LD-AUTO-002',
  title: 'Autodiscover points to servers outside the SIP domain',
  severity: 'warning',
  articleId: 'trust-model-certificate-name-mismatch',
  research: ['SFB-KI-012'],
  sections: ['autodiscover'],
  description: 'Web services and pool FQDNs returned by autodiscover should end with the SIP domain (or a domain Lync trusts by default).',
  evaluate(s) {
    const d = data(s);
    if (!d) return [];
    const domain = d.sipAddress.split('@')[1] ?? s.input.sipDomain;
    const drafts: FindingDraft[] = [];
    for (const a of d.attempts.filter((x) => x.outcome === 'ok')) {
      const foreign = linkHosts(a.links).filter((h) => !inDomain(h, domain) && !DEFAULT_TRUSTED_DOMAINS.some((t) => inDomain(h, t)));
      if (foreign.length === 0) continue;
      drafts.push({
        message: `${a.role} for ${domain} returns links to ${foreign.join(', ')}, outside ${domain}; Lync shows "cannot verify that the server is trusted for your sign-in address" unless the server domain is in the TrustModelData policy.`,
        evidence: [ev('SIP domain', domain), ev('link hosts outside it', foreign.join(', ')), ...a.links.slice(0, 6).map((l) => ev(`link ${l.token}`, l.href))],
      });
    }
    return drafts;
  },
};

export const autodiscoverChecks: readonly Check[] = [autodiscoverFailed, autodiscoverForeignLinks];
