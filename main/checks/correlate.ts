/**
 * Root-cause correlation: merges per-endpoint repeats of one check into one finding listing the endpoints,
 * then folds consequences under their cause (causedBy) by a rule table. Pure: findings in, findings out.
 */
import { rootsFirst, type Evidence, type Finding } from '../model/finding';

/** cause → consequence: when `root` is present, a `consequence` finding whose hosts the root covers is folded under it. */
export interface CauseRule {
  readonly root: string;
  readonly consequence: string;
  /** hosts: every host the consequence names (endpoint/URL/server) must appear in the root's evidence; any: the root's presence suffices. */
  readonly link: 'hosts' | 'any';
  /** Why, in one line (documentation for the table and its test). */
  readonly why: string;
}

/** The rule table (order matters only for a consequence two roots could claim: the first rule wins). */
export const CAUSE_RULES: readonly CauseRule[] = [
  { root: 'LD-DNS-005', consequence: 'LD-TLS-009', link: 'hosts', why: 'an SRV target without an address cannot be connected to' },
  { root: 'LD-DNS-005', consequence: 'LD-SIP-001', link: 'hosts', why: 'the REGISTER has nowhere to go when the SRV target does not resolve' },
  { root: 'LD-DNS-006', consequence: 'LD-TLS-009', link: 'hosts', why: 'a CNAME loop leaves the name without an address' },
  { root: 'LD-PROXY-009', consequence: 'LD-TLS-009', link: 'hosts', why: 'the proxy refuses to carry the connection' },
  { root: 'LD-PROXY-009', consequence: 'LD-AUTO-001', link: 'hosts', why: 'autodiscover goes through the proxy that does not carry Lync traffic' },
  { root: 'LD-PROXY-001', consequence: 'LD-AUTO-001', link: 'hosts', why: 'the proxy answers 407 before autodiscover reaches the server' },
  { root: 'LD-PROXY-008', consequence: 'LD-TLS-004', link: 'hosts', why: 'the intercepting proxy replaces the server certificate with its own' },
  { root: 'LD-PROXY-008', consequence: 'LD-TLS-002', link: 'hosts', why: 'the intercepting proxy presents a certificate for another name' },
  { root: 'LD-PROXY-008', consequence: 'LD-TLS-001', link: 'hosts', why: 'the intercepting proxy presents a certificate for another name' },
  { root: 'LD-TLS-009', consequence: 'LD-AUTO-001', link: 'hosts', why: 'autodiscover cannot get an answer from a server that does not accept the connection' },
  { root: 'LD-TLS-009', consequence: 'LD-SIP-001', link: 'hosts', why: 'the REGISTER cannot be sent to servers that do not accept the connection' },
  { root: 'LD-TLS-004', consequence: 'LD-AUTO-001', link: 'hosts', why: 'autodiscover over HTTPS fails on the untrusted certificate' },
  { root: 'LD-TLS-003', consequence: 'LD-AUTO-001', link: 'hosts', why: 'autodiscover over HTTPS fails on the expired certificate' },
  { root: 'LD-TLS-003', consequence: 'LD-SIP-003', link: 'hosts', why: 'the same expired certificate, seen again by the SIP probe' },
  { root: 'LD-TLS-002', consequence: 'LD-SIP-002', link: 'hosts', why: 'the same certificate name mismatch, seen again by the SIP probe' },
  { root: 'LD-TLS-001', consequence: 'LD-AUTO-001', link: 'hosts', why: 'autodiscover over HTTPS fails on the certificate name' },
  { root: 'LD-SIP-013', consequence: 'LD-SIP-004', link: 'any', why: 'certificate provisioning failing is why the PC has no TLS-DSK certificate' },
];

/** Evidence labels that name where a consequence happened (its hosts must all be covered by the root). */
const WHERE_LABELS = new Set(['endpoint', 'URL', 'server', 'through proxy']);

const HOST = /\[([0-9a-f]*:[0-9a-f:.]*)\]|\b((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}|\d{1,3}(?:\.\d{1,3}){3})\b/gi;

/** Host names, IPv4 addresses and IPv6 addresses in brackets ([::1]:5061 → ::1) in a text (an e-mail's domain counts; "alice@contoso.com" → contoso.com). */
export function hostsIn(text: string): string[] {
  return [...text.matchAll(HOST)].map((m) => (m[1] ?? (m[2] as string)).toLowerCase());
}

/** Hosts of the places a finding is about: its endpoint/URL/server evidence (and affected list). */
export function whereHosts(f: Finding): Set<string> {
  const out = new Set<string>();
  for (const e of f.evidence) if (WHERE_LABELS.has(e.label)) for (const h of hostsIn(e.value.replace(/\?.*$/, ''))) out.add(h);
  for (const a of f.affected ?? []) for (const h of hostsIn(a.replace(/\?.*$/, ''))) out.add(h);
  return out;
}

/** Every host a finding mentions anywhere (what a root covers). */
export function allHosts(f: Finding): Set<string> {
  const out = new Set<string>(hostsIn(f.message));
  for (const e of f.evidence) for (const h of hostsIn(`${e.label} ${e.value}`)) out.add(h);
  for (const a of f.affected ?? []) for (const h of hostsIn(a)) out.add(h);
  return out;
}

/** Evidence labels naming the one place or thing a per-item finding is about, and what to call several of them. */
const ITEM_LABELS: Readonly<Record<string, string>> = { endpoint: 'endpoints', URL: 'endpoints', thumbprint: 'certificates' };

/** The one endpoint (or certificate) a per-item finding is about (its single endpoint/URL/thumbprint evidence), or null. */
function itemOf(f: Finding): Evidence | null {
  const where = f.evidence.filter((e) => e.label in ITEM_LABELS);
  return where.length === 1 ? (where[0] as Evidence) : null;
}
const endpointOf = (f: Finding): string | null => itemOf(f)?.value ?? null;

const keyOf = (f: Finding): string => JSON.stringify([f.checkId, f.severity, f.message, f.evidence]);

/** Drops exact repeats (same check, severity, message, evidence) and merges one check's per-endpoint (or per-certificate) findings into one. */
export function mergeRepeats(findings: readonly Finding[]): Finding[] {
  const seen = new Set<string>();
  const unique = findings.filter((f) => {
    const k = keyOf(f);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  const groups = new Map<string, Finding[]>();
  for (const f of unique) {
    if (endpointOf(f) === null) continue;
    const k = `${f.checkId}|${f.severity}`;
    groups.set(k, [...(groups.get(k) ?? []), f]);
  }
  const out: Finding[] = [];
  const done = new Set<string>();
  for (const f of unique) {
    const k = `${f.checkId}|${f.severity}`;
    const group = endpointOf(f) === null ? undefined : groups.get(k);
    if (!group || group.length < 2) {
      out.push(f);
      continue;
    }
    if (done.has(k)) continue;
    done.add(k);
    const affected = group.map((g) => endpointOf(g) as string);
    const noun = ITEM_LABELS[(itemOf(f) as Evidence).label] as string;
    out.push({
      ...f,
      message: `Seen ${noun === 'certificates' ? 'for' : 'at'} ${group.length} ${noun}: ${group.map((g) => g.message.trim().replace(/\.?$/, '.')).join(' ')}`,
      evidence: group.flatMap((g) => g.evidence),
      affected,
    });
  }
  return out;
}

function covers(root: Finding, consequence: Finding, rule: CauseRule): boolean {
  if (rule.link === 'any') return true;
  // Stryker disable next-line ConditionalExpression,BooleanLiteral: only reached by a link kind the type does not allow; it makes a misspelt "hosts" row fold nothing (so the table tests see it)
  if (rule.link !== 'hosts') return false;
  const need = whereHosts(consequence);
  if (need.size === 0) return false;
  const have = allHosts(root);
  return [...need].every((h) => have.has(h));
}

/** Sets causedBy by the rule table, following chains to the top root (DNS-005 → TLS-009 → AUTO-001 gives AUTO-001 causedBy DNS-005). */
export function foldConsequences(findings: readonly Finding[], rules: readonly CauseRule[] = CAUSE_RULES): Finding[] {
  const parent = new Map<Finding, Finding>();
  for (const f of findings) {
    for (const rule of rules.filter((r) => r.consequence === f.checkId)) {
      const root = findings.find((r) => r !== f && r.checkId === rule.root && covers(r, f, rule));
      if (root) {
        parent.set(f, root);
        break;
      }
    }
  }
  // A rule cycle (A caused by B caused by A, possible with a caller's rule table or two findings of one check)
  // has no root: its members stay unfolded, and a finding whose chain runs into the cycle points at the member
  // it reaches first (shown as a root). Without a cycle: the last finding of the chain.
  // f itself when f has no cause or is in a cycle (then it keeps no causedBy).
  const top = (f: Finding): Finding => {
    const chain = [f];
    let cur = parent.get(f);
    while (cur !== undefined && !chain.includes(cur)) {
      chain.push(cur);
      cur = parent.get(cur);
    }
    return cur ?? (chain[chain.length - 1] as Finding);
  };
  return findings.map((f) => {
    const root = top(f);
    if (root.checkId === f.checkId) {
      const { causedBy: _drop, ...rest } = f;
      return rest;
    }
    return { ...f, causedBy: root.checkId };
  });
}

/** The whole correlation: merge repeats, fold consequences, roots first. */
export function correlate(findings: readonly Finding[], rules: readonly CauseRule[] = CAUSE_RULES): Finding[] {
  return rootsFirst(foldConsequences(mergeRepeats(findings), rules));
}
