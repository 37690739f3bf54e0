/** Collection gaps: facts that could not be collected, said once, so "no finding" is never mistaken for "no problem". */
import { dnsUnasked, isDnsFact } from '../model/dns';
import type { SectionId, Snapshot } from '../model/snapshot';
import { isGap, type CollectorStatus } from '../model/status';
import type { Check, FindingDraft } from './types';
import { ev } from './types';

/** What each section contributes, in the words of the finding ("… could not be checked"). */
const FACTS: Readonly<Record<SectionId, string>> = {
  dns: 'the Lync discovery records (lyncdiscover, SIP SRV, sip hosts)',
  certificates: 'the certificates in the user\'s stores',
  policy: 'the Lync policy registry values',
  sip: 'the SIP servers\' answer to a sign-in REGISTER',
  logs: 'the client log files',
  proxy: 'the proxy settings and the route per endpoint',
  proxyAuth: 'what the proxy answers for each endpoint',
  autodiscover: 'the lyncdiscover (autodiscover) answer',
  tls: 'the server certificates and TLS versions',
  clock: 'the local clock against the servers\'',
};

/** One section that could not collect everything its checks need. */
export interface CollectionGap {
  readonly section: string;
  readonly status: CollectorStatus;
  readonly facts: string;
  readonly why: string;
}

/**
 * Every gap in a Snapshot: a section whose status is partial/error/timeout, and a dns section with queries that
 * could not be asked even when an older Lync Doctor recorded it as `ok` (bundles from before `partial` existed).
 */
export function collectionGaps(s: Snapshot): CollectionGap[] {
  const out: CollectionGap[] = [];
  for (const [id, r] of Object.entries(s.sections)) {
    if (!r) continue;
    const facts = FACTS[id as SectionId] ?? `the ${id} facts`;
    // Stryker disable next-line OptionalChaining: id 'dns' means s.sections.dns is r, checked above
    if (id === 'dns' && s.sections.dns?.data) {
      const u = dnsUnasked(s.sections.dns.data);
      if (u.unasked > 0 || isGap(r.status)) {
        const why = isGap(r.status) ? r.message : `${u.unasked} of ${u.total} DNS queries could not be asked: ${u.why}`;
        // Some answered: name the records that are unknown, not the whole discovery.
        const names = [...new Set(s.sections.dns.data.queries.filter((q) => !isDnsFact(q.outcome)).map((q) => q.name))];
        const some = u.unasked < u.total && names.length > 0 ? `the DNS records of ${names.slice(0, 5).join(', ')}${names.length > 5 ? ` and ${names.length - 5} more` : ''}` : facts;
        out.push({ section: id, status: r.status === 'ok' ? 'partial' : r.status, facts: some, why });
      }
      continue;
    }
    if (isGap(r.status)) out.push({ section: id, status: r.status, facts, why: r.message });
  }
  return out;
}

const STATUS_WORD: Readonly<Record<CollectorStatus, string>> = {
  // Stryker disable next-line StringLiteral: no gap has status ok (the record is complete for the type)
  ok: 'ok',
  partial: 'partly collected',
  // Stryker disable next-line StringLiteral: no gap has status not-applicable (the record is complete for the type)
  'not-applicable': 'not applicable',
  error: 'could not be collected',
  timeout: 'timed out',
  cancelled: 'cancelled',
};

export const collectionGap: Check = {
  id: 'LD-GAP-001',
  title: 'Some facts could not be collected, so part of the diagnosis could not be made',
  severity: 'error',
  articleId: 'diagnosis-facts-missing',
  research: [],
  sections: ['dns', 'sip', 'autodiscover', 'tls', 'proxy', 'proxyAuth', 'clock', 'certificates', 'policy', 'logs'],
  description: 'Every collector a check depends on must have collected its facts; a collector that could not ask (refused, timeout, SERVFAIL, error) is reported instead of being read as "no problem".',
  evaluate(s) {
    const gaps = collectionGaps(s);
    if (gaps.length === 0) return [];
    // DNS is the root of the others (no names, nothing to probe): when it failed, its reason is the reason.
    const dns = gaps.find((g) => g.section === 'dns');
    const cause = dns ? dns.why : gaps.map((g) => `${g.section}: ${g.why}`).join('; ');
    const draft: FindingDraft = {
      message: `Not everything could be checked (missing: ${gaps.map((g) => g.facts).join('; ')}). ${cause.replace(/\.?$/, '.')} Checks that need these facts were not run, so no finding about them means nothing either way; fix the cause and diagnose again.`,
      evidence: gaps.map((g) => ev(`${g.section} (${STATUS_WORD[g.status]})`, g.why)),
    };
    return [draft];
  },
};

export const gapChecks: readonly Check[] = [collectionGap];
