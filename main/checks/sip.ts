/** SIP sign-in checks: reachability, pool certificates, auth methods vs local certificates, ms-diagnostics, clock. */
import type { MsDiagnostic, SipAttempt, SipResponseInfo } from '../model/sip';
import type { Snapshot } from '../model/snapshot';
import { normaliseScheme } from '../sip/auth';
import { describeDiagnostic } from '../sip/ms-diagnostics';
import { finalAttempt, lastSignIn, logsData, sipData, validTlsDskCerts, viaEdge } from '../sip/signin-facts';
import { baseName, statusText } from '../sip/timeline-step';
import type { Check, FindingDraft } from './types';
import { hostPort } from '../model/endpoint';
import { ev } from './types';

export const CLOCK_SKEW_LIMIT_S = 300;

/** Codes with a check of their own (LD-SIP-006/007/008); a header without a code (null) has none. */
const OWN_CHECK_CODES: ReadonlySet<number | null> = new Set([1000, 4005, 1046, 1047]);

interface DiagSite {
  readonly d: MsDiagnostic;
  readonly source: 'probe' | 'log';
  readonly statusCode: number | null;
  readonly method: string | null;
  readonly where: string;
}

/** A challenge (401/407) asks for credentials: a code on it does not explain a failure. */
const isChallenge = (status: number | null): boolean => status === 401 || status === 407;

/** Every ms-diagnostics header the probe and the logs saw, with where it came from. */
export function diagnosticSites(s: Snapshot): DiagSite[] {
  const out: DiagSite[] = [];
  // Stryker disable next-line ArrayDeclaration: equivalent, an element of the fallback has no response and is skipped below
  for (const a of sipData(s)?.attempts ?? []) {
    const r = a.response;
    if (!r) continue;
    for (const d of r.diagnostics) out.push({ d, source: 'probe', statusCode: r.statusCode, method: 'REGISTER', where: `probe ${hostPort(a.target.host, a.target.port)} → ${r.statusCode}` });
  }
  for (const c of logsData(s)?.diagnostics ?? []) {
    out.push({ d: c.diagnostic, source: 'log', statusCode: c.statusCode, method: c.cseqMethod, where: `log ${baseName(c.firstFile)} line ${c.firstLine}${c.statusCode ? ` (${c.cseqMethod ? `${c.cseqMethod} ` : ''}${c.statusCode})` : ''}${c.count > 1 ? `, ${c.count}×` : ''}` });
  }
  return out;
}

function diagEvidence(x: DiagSite): FindingDraft['evidence'] {
  return [
    ev(x.d.header, x.d.raw),
    ev('seen in', x.where),
    ...(x.d.decoded.meaning ? [ev('meaning', x.d.decoded.meaning)] : []),
    ...(x.d.decoded.likelyFix ? [ev('likely fix', x.d.decoded.likelyFix)] : []),
  ];
}

const byCode = (sites: readonly DiagSite[], codes: readonly (number | null)[]): DiagSite[] => sites.filter((x) => codes.includes(x.d.code));

/** One site per code+header+source, so a log full of repeats gives one finding. */
function unique(sites: readonly DiagSite[]): DiagSite[] {
  const seen = new Set<string>();
  return sites.filter((x) => {
    const k = `${x.source}|${x.d.header}|${x.d.code ?? x.d.raw}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** The knowledge base's meanings are sentences ending in a full stop; inside a sentence of ours it is dropped. */
const withoutFullStop = (text: string): string => text.replace(/\.$/, '');

/** Where a log line is: file name, line number and its timestamp when it has one. */
const logLine = (m: { readonly file: string; readonly line: number; readonly timestamp: string | null }): string => `${baseName(m.file)} line ${m.line}${m.timestamp ? ` ${m.timestamp}` : ''}`;

function attemptEvidence(a: SipAttempt): FindingDraft['evidence'] {
  return [ev('server', `${hostPort(a.target.host, a.target.port)} (${a.target.source}${a.target.redirectedFrom ? ` from ${a.target.redirectedFrom}` : ''})`), ev('result', a.message)];
}

/** No answer because of silence (no SIP answer, or no TCP/TLS connection before the time limit), as opposed to a refusal. */
const isTimeout = (a: SipAttempt): boolean => a.outcome === 'no-answer' || a.tls.outcome === 'timeout';

export const sipUnreachable: Check = {
  id: 'LD-SIP-001',
  title: 'No SIP server answered the sign-in REGISTER',
  severity: 'error',
  articleId: 'dns-server-temporarily-unavailable',
  research: ['SFB-KI-016'],
  sections: ['sip'],
  description: 'At least one discovered SIP server must accept TLS and answer a REGISTER (a 401 challenge is the expected answer), and so must the pool a 301/302 redirect sends the sign-in to.',
  evaluate(s) {
    const d = sipData(s);
    if (!d) return [];
    const fin = finalAttempt(d);
    if (fin) {
      // A 301/302 puts its target on the path: the probe ends on that pool, and when it refuses the connection or
      // stays silent the client cannot sign in although the first server answered. Not tried (deadline): not judged.
      if (fin.outcome === 'response' || fin.outcome === 'skipped') return [];
      const timedOut = isTimeout(fin);
      return [
        {
          severity: timedOut ? 'warning' : 'error',
          message: `The sign-in was redirected to ${hostPort(fin.target.host, fin.target.port)}${fin.target.redirectedFrom ? ` by ${fin.target.redirectedFrom}` : ''}, and that server did not answer: ${fin.message}. The client shows "server temporarily unavailable"${timedOut ? ' (a time-out: a firewall dropping packets, or a too short --timeout-ms)' : ''}.`,
          evidence: [...d.attempts.filter((a) => a.redirectTo !== null).flatMap(attemptEvidence), ...attemptEvidence(fin)],
        },
      ];
    }
    const tried = d.attempts.filter((a) => a.outcome !== 'skipped');
    if (tried.length === 0) return [];
    const onlyTimeouts = tried.every(isTimeout);
    return [
      {
        severity: onlyTimeouts ? 'warning' : 'error',
        message: `None of ${tried.length} SIP server(s) answered: ${tried.map((a) => a.message).join('; ')}. The client shows "server temporarily unavailable"${onlyTimeouts ? ' (only time-outs: a firewall dropping packets, or a too short --timeout-ms)' : ''}.`,
        evidence: tried.flatMap(attemptEvidence),
      },
    ];
  },
};

export const poolCertificateName: Check = {
  id: 'LD-SIP-002',
  title: 'SIP pool certificate does not cover the name the client connects to',
  severity: 'error',
  articleId: 'trust-model-certificate-name-mismatch',
  research: ['SFB-KI-012'],
  sections: ['sip'],
  description: 'The certificate of every SIP server and of every pool a 301 redirect points to must name that server (SAN/CN).',
  evaluate(s) {
    const d = sipData(s);
    if (!d) return [];
    return d.attempts
      .filter((a) => a.tls.outcome === 'ok' && a.tls.nameMatches === false)
      .map((a) => ({
        message:
          a.target.source === 'redirect'
            ? `${a.target.redirectedFrom} redirected the sign-in to pool ${a.target.host}, but that pool's certificate does not cover ${a.target.host}; the client refuses or warns about the pool.`
            : `The certificate of ${hostPort(a.target.host, a.target.port)} does not cover ${a.target.host}; the client refuses or warns about the server.`,
        evidence: [
          ...attemptEvidence(a),
          ev('certificate subject', a.tls.certificate?.subject ?? '?'),
          ev('certificate names', a.tls.certificate?.dnsNames.join(', ') || '(no DNS names)'),
          ev('expected', `a SAN (or CN) matching ${a.target.host}`),
          ev('note', 'trust was not enforced for this probe; the REGISTER was still sent'),
        ],
      }));
  },
};

export const poolCertificateDates: Check = {
  id: 'LD-SIP-003',
  title: 'SIP server certificate expired or not yet valid',
  severity: 'error',
  articleId: 'server-certificate-untrusted-chain',
  research: ['SFB-KI-008'],
  sections: ['sip'],
  description: 'Every SIP server certificate seen by the probe must be inside its validity period.',
  evaluate(s, env) {
    const d = sipData(s);
    if (!d) return [];
    const now = env.now.getTime();
    return d.attempts
      // Expired at notAfter itself, as LD-CERT-001 and LD-TLS-003 judge it (the same certificate gets one verdict).
      .filter((a) => a.tls.certificate && (Date.parse(a.tls.certificate.notAfter) <= now || Date.parse(a.tls.certificate.notBefore) > now))
      .map((a) => {
        const c = a.tls.certificate!;
        const expired = Date.parse(c.notAfter) <= now;
        return {
          message: `The certificate of ${hostPort(a.target.host, a.target.port)} ${expired ? `expired on ${c.notAfter.slice(0, 10)}` : `is valid only from ${c.notBefore.slice(0, 10)}`}; the client reports a problem verifying the certificate from the server.`,
          evidence: [...attemptEvidence(a), ev('certificate', c.subject), ev('valid', `${c.notBefore} → ${c.notAfter}`), ev('checked at', env.now.toISOString())],
        };
      });
  },
};

/** Where TLS-DSK was offered (the probe's final answer first, else the client log's last sign-in), or undefined. */
function tlsDskOffered(s: Snapshot): { stsUri: string | null; source: string } | undefined {
  const d = sipData(s);
  const fin = d ? finalAttempt(d) : undefined;
  const probe = fin?.response?.challenges.find((c) => normaliseScheme(c.scheme) === 'TLS-DSK');
  if (fin && probe) return { stsUri: probe.stsUri, source: `probe ${hostPort(fin.target.host, fin.target.port)}` };
  const logs = logsData(s);
  const logged = logs ? lastSignIn(logs).flatMap((m) => m.challenges).find((c) => normaliseScheme(c.scheme) === 'TLS-DSK') : undefined;
  return logged ? { stsUri: logged.stsUri, source: 'client log' } : undefined;
}

export const tlsDskWithoutCertificate: Check = {
  id: 'LD-SIP-004',
  title: 'Pool offers TLS-DSK but this PC has no valid TLS-DSK certificate',
  severity: 'warning',
  articleId: 'certificate-provisioning-failed',
  research: ['SFB-KI-007'],
  sections: ['sip', 'logs', 'certificates'],
  description: 'When the 401 offers TLS-DSK, a valid "CN=Communications Server" certificate should exist, or the certificate provisioning service must be reachable to issue one.',
  evaluate(s, env) {
    const offer = tlsDskOffered(s);
    const valid = validTlsDskCerts(s, env.now);
    if (!offer || !valid || valid.length > 0) return [];
    // Stryker disable next-line ArrayDeclaration: equivalent, an element of the fallback has no kind and is not found
    const cp = (sipData(s)?.webServices ?? []).find((w) => w.kind === 'cert-provisioning');
    const broken = cp && cp.outcome !== 'ok';
    return [
      {
        severity: broken ? 'error' : offer.stsUri ? 'info' : 'warning',
        message: broken
          ? `The pool offers TLS-DSK and no valid TLS-DSK certificate for ${s.input.sipAddress} is on this PC, and the certificate provisioning service is not usable (${cp.message}): the client cannot obtain one ("There was a problem acquiring a personal certificate…").`
          : offer.stsUri
            ? `The pool offers TLS-DSK and no valid TLS-DSK certificate for ${s.input.sipAddress} is on this PC; the client must request one from ${offer.stsUri} at sign-in${cp ? ' (reachable without credentials)' : ''}.`
            : `The pool offers TLS-DSK without an sts-uri and no valid TLS-DSK certificate for ${s.input.sipAddress} is on this PC; the client has no URL to obtain one.`,
        evidence: [ev('TLS-DSK offered by', offer.source), ev('sts-uri', offer.stsUri ?? '(none)'), ev('valid TLS-DSK certificates', 0), ...(cp ? [ev(cp.url, cp.message)] : [])],
      },
    ];
  },
};

export const edgeWithoutNtlm: Check = {
  id: 'LD-SIP-005',
  title: 'Only TLS-DSK offered through the Edge: first sign-in must get its certificate first',
  severity: 'warning',
  articleId: 'sip-sign-in-flow',
  research: [],
  sections: ['sip', 'certificates', 'dns'],
  description: 'From outside, a 401 offering neither NTLM nor Kerberos means a client without a TLS-DSK certificate must obtain one before it can sign in (often: sign in once inside the network).',
  evaluate(s, env) {
    const d = sipData(s);
    const fin = d ? finalAttempt(d) : undefined;
    if (!fin?.response || (fin.response.statusCode !== 401 && fin.response.statusCode !== 407) || !viaEdge(s, fin)) return [];
    const r = fin.response;
    const schemes = r.challenges.map((c) => normaliseScheme(c.scheme));
    if (!schemes.includes('TLS-DSK') || schemes.some((x) => x === 'NTLM' || x === 'Kerberos' || x === 'Negotiate')) return [];
    const valid = validTlsDskCerts(s, env.now);
    if (valid && valid.length > 0) return [];
    return [
      {
        severity: valid ? 'warning' : 'info',
        message: `${hostPort(fin.target.host, fin.target.port)} (reached from outside${r.userLogonData ? `, ms-user-logon-data ${r.userLogonData}` : ''}) offers only TLS-DSK — NTLM is not offered at the Edge. ${valid ? 'This PC has no valid TLS-DSK certificate, so the user' : 'A user without a valid TLS-DSK certificate'} must first obtain one (sign in once inside the corporate network, or through the web ticket service if it accepts the credentials).`,
        evidence: [...attemptEvidence(fin), ev('schemes offered', schemes.join(', ')), ev('valid TLS-DSK certificates', valid ? valid.length : 'unknown (stores not read)')],
      },
    ];
  },
};

export const ntlmMismatch: Check = {
  id: 'LD-SIP-006',
  title: 'NTLM session-security mismatch: "Final handshake failed" (ms-diagnostics 1000)',
  severity: 'error',
  articleId: 'ntlm-session-security-mismatch',
  research: ['SFB-KI-032'],
  sections: ['sip', 'logs'],
  description: 'ms-diagnostics 1000 or HRESULT 0xC3E93EE4 (SIP_E_AUTH_NTLMMISMATCH) means client, pool and domain controllers disagree on NTLM minimum session security.',
  evaluate(s) {
    const sites = unique(byCode(diagnosticSites(s), [1000]));
    const hr = (logsData(s)?.errors ?? []).filter((e) => e.hresult.toUpperCase() === '0XC3E93EE4');
    const inAttr = diagnosticSites(s).filter((x) => x.d.code !== 1000 && /C3E93EE4/i.test(x.d.raw));
    if (sites.length === 0 && hr.length === 0 && inAttr.length === 0) return [];
    return [
      {
        message: `The sign-in's authentication handshake failed${sites.length ? ' with ms-diagnostics 1000 "Final handshake failed"' : ''}${hr[0] ? `; the client log shows HRESULT 0xC3E93EE4 (SIP_E_AUTH_NTLMMISMATCH) ${hr[0].count}×` : ''}. Users then hear their password is wrong although it is right.`,
        evidence: [...sites.flatMap(diagEvidence), ...inAttr.flatMap(diagEvidence), ...hr.map((e) => ev(`HRESULT ${e.hresult}`, `${e.name ? `${e.name} ` : ''}first at ${baseName(e.firstFile)} line ${e.firstLine}: ${e.sample}`))],
      },
    ];
  },
};

export const userReplicator4005: Check = {
  id: 'LD-SIP-007',
  title: 'ms-diagnostics 4005: the address is not enabled for SIP or does not exist on the pool',
  severity: 'error',
  articleId: 'user-replicator-ms-diagnostics-4005',
  research: ['SFB-KI-038'],
  sections: ['sip', 'logs'],
  description: 'ms-diagnostics 4005 on the user\'s own sign-in means the pool does not know the user (new users when User Replicator misses a domain).',
  evaluate(s) {
    return unique(byCode(diagnosticSites(s), [4005])).map((x) => ({
      severity: x.method === 'REGISTER' || x.method === 'SUBSCRIBE' ? 'error' : 'warning',
      message:
        x.method === 'REGISTER' || x.method === 'SUBSCRIBE'
          ? `The pool answered${x.statusCode ? ` ${x.statusCode}` : ''} with ms-diagnostics 4005 during sign-in: it does not know ${s.input.sipAddress} as a SIP-enabled user (typical for newly created users when User Replicator does not read their domain).`
          : `A ${x.method ?? 'SIP'} request was answered with ms-diagnostics 4005: the destination is not SIP-enabled or does not exist.`,
      evidence: diagEvidence(x),
    }));
  },
};

export const federationTls: Check = {
  id: 'LD-SIP-008',
  title: 'Federation TLS failure with a partner (ms-diagnostics 1046/1047)',
  severity: 'warning',
  articleId: 'federation-tls-negotiation-failed',
  research: ['SFB-KI-047'],
  sections: ['sip', 'logs'],
  description: 'ms-diagnostics 1047 (and the related 1046) mean the Edge could not complete TLS with a federated partner: presence unknown, messages undelivered.',
  evaluate(s) {
    return unique(byCode(diagnosticSites(s), [1046, 1047])).map((x) => ({
      message: `ms-diagnostics ${x.d.code}${x.d.reason ? ` "${x.d.reason}"` : ''}${x.d.attributes.Domain ? ` for partner domain ${x.d.attributes.Domain}` : ''}: your Edge and the partner's Edge could not complete TLS (usually the partner does not trust the CA of your Edge certificate).${x.d.decoded.status !== 'documented' ? ' The meaning of this code is not confirmed by the sources.' : ''}`,
      evidence: diagEvidence(x),
    }));
  },
};

export const researchLinkedDiagnostic: Check = {
  id: 'LD-SIP-009',
  title: 'ms-diagnostics code linked to a known issue',
  severity: 'warning',
  articleId: 'sip-sign-in-flow',
  research: [],
  sections: ['sip', 'logs'],
  description: 'Any ms-diagnostics code whose knowledge-base entry names known-issue research ids is reported with that entry\'s article.',
  evaluate(s) {
    return unique(diagnosticSites(s))
      .filter((x) => !OWN_CHECK_CODES.has(x.d.code) && x.d.decoded.research.length > 0)
      .map((x) => ({
        // a REGISTER refused (4xx-6xx, the 401/407 challenge included: a code there explains it) breaks the sign-in;
        // a 3xx redirect is a step the client follows (to its home pool), so a code on it stays a warning
        severity: x.method === 'REGISTER' && (x.statusCode ?? 0) >= 400 ? 'error' : 'warning',
        message: `${describeDiagnostic(x.d)}: ${withoutFullStop(x.d.decoded.meaning ?? 'see the article')}. Known issue ${x.d.decoded.research.join(', ')}${x.d.decoded.articleId ? `, article ${x.d.decoded.articleId}` : ''}.`,
        evidence: [...diagEvidence(x), ev('research', x.d.decoded.research.join(', ')), ev('article', x.d.decoded.articleId ?? '(none yet)')],
        ...(x.d.decoded.articleId ? { articleId: x.d.decoded.articleId } : {}),
      }));
  },
};

export const signInRefused: Check = {
  id: 'LD-SIP-010',
  title: 'The pool refused the sign-in REGISTER',
  severity: 'error',
  articleId: 'sip-sign-in-flow',
  research: [],
  sections: ['sip', 'logs'],
  description: 'A REGISTER answered with a final failure (other than the expected 401/407 challenge to a credential-less REGISTER), unless a more specific check explains its ms-diagnostics.',
  evaluate(s) {
    const drafts: FindingDraft[] = [];
    const explained = (ds: readonly MsDiagnostic[]): boolean => ds.length > 0 && ds.every((d) => OWN_CHECK_CODES.has(d.code) || d.decoded.research.length > 0);
    const d = sipData(s);
    const fin = d ? finalAttempt(d) : undefined;
    const refused = (r: SipResponseInfo): boolean => r.statusCode >= 400 && !isChallenge(r.statusCode) && !explained(r.diagnostics);
    if (fin?.response && refused(fin.response)) {
      const r = fin.response;
      drafts.push({
        message: `${hostPort(fin.target.host, fin.target.port)} answered the REGISTER for ${s.input.sipAddress} with ${r.statusCode} ${r.reasonPhrase}${r.diagnostics.length ? ` (${r.diagnostics.map(describeDiagnostic).join('; ')})` : ' and no ms-diagnostics'}; expected a 401 challenge.`,
        evidence: [...attemptEvidence(fin), ...r.diagnostics.map((x) => ev(x.header, `${x.raw}${x.decoded.meaning ? ` — ${x.decoded.meaning}` : ''}`)), ...(r.warning ? [ev('Warning', r.warning)] : [])],
      });
    }
    const logs = logsData(s);
    if (logs) {
      const signIn = lastSignIn(logs);
      signIn.forEach((resp, i) => {
        const code = resp.statusCode ?? 0;
        // A request has no status code (0 here), so the >= 400 test leaves only failed responses.
        if (code < 400 || explained(resp.diagnostics)) return;
        const req = signIn.slice(0, i).reverse().find((m) => m.kind === 'request' && m.callId === resp.callId && m.cseq === resp.cseq);
        if (isChallenge(code) && !req?.credentialsScheme) return; // the expected challenge
        drafts.push({
          message: `The client log shows REGISTER${req?.credentialsScheme ? ` with ${req.credentialsScheme} credentials` : ''} answered ${statusText(code, resp.reasonPhrase)}${resp.diagnostics.length ? ` (${resp.diagnostics.map(describeDiagnostic).join('; ')})` : ''}.`,
          evidence: [
            ...(req ? [ev('request', logLine(req))] : []),
            ev('response', `${logLine(resp)}: ${statusText(code, resp.reasonPhrase)}`),
            ...resp.diagnostics.map((x) => ev(x.header, `${x.raw}${x.decoded.meaning ? ` — ${x.decoded.meaning}` : ''}`)),
          ],
        });
      });
    }
    return drafts;
  },
};

export const undocumentedDiagnostic: Check = {
  id: 'LD-SIP-011',
  title: 'ms-diagnostics code not documented in the knowledge base',
  severity: 'info',
  articleId: 'sip-sign-in-flow',
  research: [],
  sections: ['sip', 'logs'],
  description: 'Codes missing from knowledge/ms-diagnostics.json (or unconfirmed there) are shown raw, never dropped.',
  evaluate(s) {
    return unique(diagnosticSites(s))
      .filter((x) => x.d.decoded.status !== 'documented' && !OWN_CHECK_CODES.has(x.d.code))
      .map((x) => ({
        message: `${describeDiagnostic(x.d)} — ${x.d.decoded.status === 'not-documented' ? 'not documented: the raw header is kept for escalation' : `its meaning is not confirmed by the sources${x.d.decoded.meaning ? ` (${withoutFullStop(x.d.decoded.meaning)})` : ''}`}.`,
        evidence: [ev(x.d.header, x.d.raw), ev('seen in', x.where), ...Object.entries(x.d.attributes).map(([k, v]) => ev(k, v))],
      }));
  },
};

export const sipClockSkew: Check = {
  id: 'LD-SIP-012',
  title: 'PC clock differs from the SIP server by five minutes or more',
  severity: 'error',
  articleId: 'clock-skew-sign-in',
  research: ['SFB-KI-011'],
  sections: ['sip', 'clock'],
  description: `The Date header of the SIP server's answer must be within ${CLOCK_SKEW_LIMIT_S} s of the PC clock (authentication rejects larger skew).`,
  evaluate(s) {
    // One finding per skewed clock: when the HTTP Date headers already show it, LD-CLOCK-001 reports it.
    const clock = s.sections.clock;
    if (clock?.status === 'ok' && clock.data?.skewMs != null && Math.abs(clock.data.skewMs) >= CLOCK_SKEW_LIMIT_S * 1000) return [];
    const d = sipData(s);
    const hit = d?.attempts.find((a) => a.response?.clockSkewSeconds != null && Math.abs(a.response.clockSkewSeconds) >= CLOCK_SKEW_LIMIT_S);
    if (!hit?.response) return [];
    const skew = hit.response.clockSkewSeconds as number;
    // Stryker disable next-line StringLiteral: equivalent, the skew is computed from the Date header, so it is never missing here
    const date = hit.response.date ?? '';
    return [
      {
        // Stryker disable next-line EqualityOperator: equivalent, the skew here is at least 300 s either way, never 0
        message: `This PC's clock is ${Math.abs(skew)} s ${skew > 0 ? 'ahead of' : 'behind'} ${hit.target.host} (Date: ${date}); sign-in fails from about ${CLOCK_SKEW_LIMIT_S} s.`,
        evidence: [ev('server Date', date), ev('skew (s, PC minus server)', skew), ev('limit (s)', CLOCK_SKEW_LIMIT_S), ...attemptEvidence(hit)],
      },
    ];
  },
};

export const loggedCertProvisioningFailure: Check = {
  id: 'LD-SIP-013',
  title: 'Client log shows certificate provisioning / web ticket failing',
  severity: 'error',
  articleId: 'certificate-provisioning-failed',
  research: ['SFB-KI-007'],
  sections: ['logs'],
  description: 'Calls to CertProvisioningService / WebTicketService in the client log must not fail (HTTP error other than the 401 challenge, or a logged FAIL).',
  evaluate(s) {
    // Stryker disable next-line ArrayDeclaration: equivalent, an element of the fallback has no kind and is filtered out
    const calls = (logsData(s)?.webCalls ?? []).filter((w) => (w.kind === 'cert-provisioning' || w.kind === 'web-ticket') && (((w.httpStatus ?? 0) >= 400 && w.httpStatus !== 401) || /\bFAIL(?:ED|URE)?\b/.test(w.text)));
    if (calls.length === 0) return [];
    const last = calls[calls.length - 1]!;
    return [
      {
        message: `The client could not obtain its TLS-DSK certificate: ${last.url}${last.httpStatus ? ` answered HTTP ${last.httpStatus}` : ' failed'} (${calls.length} failing call(s) logged). The user sees "There was a problem acquiring a personal certificate required to sign in".`,
        evidence: calls.slice(-5).map((w) => ev(logLine(w), w.text)),
      },
    ];
  },
};

/**
 * Documented codes whose reason ([MS-OCER]) reports what a server did on the way, never why a request failed: no
 * diagnostic from the previous hop (1011, 1033), routing progress (12006 "Trying next hop", 13004-13007 "Request was
 * proxied…"), 13008 "Diagnostic headers removed for privacy", an application's own Bye/Ack handling (5009-5011),
 * 21000 "New sharer joined conference". On a failed answer they say nothing about its cause.
 */
export const PROGRESS_CODES: ReadonlySet<number | null> = new Set([1011, 1033, 12006, 13004, 13005, 13006, 13007, 13008, 5009, 5010, 5011, 21000]);

export const documentedDiagnostic: Check = {
  id: 'LD-SIP-015',
  title: 'A documented ms-diagnostics code explains a failed request',
  severity: 'warning',
  articleId: 'ms-diagnostics-failure-code',
  research: [],
  sections: ['sip', 'logs'],
  description:
    'An ms-diagnostics code the knowledge base documents (but links to no known issue and no check of its own) on a refused request other than the sign-in REGISTER, or logged without its answer, is reported with its documented meaning and fix.',
  evaluate(s) {
    return unique(diagnosticSites(s))
      .filter((x) => x.d.decoded.status === 'documented' && x.d.decoded.research.length === 0 && !OWN_CHECK_CODES.has(x.d.code) && !PROGRESS_CODES.has(x.d.code))
      // the sign-in REGISTER's refusals are LD-SIP-010's (with the same meanings); a 1xx-3xx answer or a challenge
      // carries informational codes ("request was proxied", "previous hop did not report"), not a failure's cause
      .filter((x) => x.method !== 'REGISTER' && (x.statusCode === null || (x.statusCode >= 400 && !isChallenge(x.statusCode))))
      .map((x) => {
        // (describeDiagnostic quotes the reason already: without a meaning the sentence ends there)
        const meaning = withoutFullStop(x.d.decoded.meaning ?? '');
        const evidence = [...diagEvidence(x), ...Object.entries(x.d.attributes).map(([k, v]) => ev(k, v))];
        // a code with an article of its own (e.g. 12004: voice-route-not-found) leads there
        const article = x.d.decoded.articleId ? { articleId: x.d.decoded.articleId } : {};
        if (x.statusCode === null)
          return {
            // on a request (a BYE's ms-client-diagnostics) or quoted alone in a log line, no answer says whether a
            // request failed: shown, not judged
            severity: 'info' as const,
            message: `${x.method ? `A ${x.method} request carried` : 'The client log records'} ${describeDiagnostic(x.d)}${x.method ? '' : ' without the SIP message it came with'}${meaning ? `: ${meaning}` : ''}.`,
            evidence,
            ...article,
          };
        return {
          message: `${x.method ?? 'A request'} was refused with ${x.statusCode} and ${describeDiagnostic(x.d)}${meaning ? `: ${meaning}` : ''}.`,
          evidence,
          ...article,
        };
      });
  },
};

/** HRESULTs with a check of their own: 0xC3E93EE4 (SIP_E_AUTH_NTLMMISMATCH) is LD-SIP-006's. */
const OWN_CHECK_HRESULTS: ReadonlySet<string> = new Set(['0xC3E93EE4']);

export const researchLinkedHresult: Check = {
  id: 'LD-SIP-014',
  title: 'HRESULT in the log linked to a known issue',
  severity: 'warning',
  articleId: 'sip-sign-in-flow',
  research: [],
  sections: ['logs'],
  description: 'An HRESULT the client log records whose entry in knowledge/hresults.json links a known-issue article (e.g. SEC_E_WRONG_PRINCIPAL: a certificate name mismatch) is reported with that article, unless an ms-diagnostics finding already names it.',
  evaluate(s) {
    // an HRESULT carried by an ms-diagnostics header that a check judges (its code is linked or has a check) is
    // reported there, with the header's own advice (LD-SIP-009 and the code checks): not twice
    const judged = diagnosticSites(s).filter((x) => OWN_CHECK_CODES.has(x.d.code) || x.d.decoded.research.length > 0);
    const inJudged = (hr: string): boolean => judged.some((x) => x.d.raw.toUpperCase().includes(hr.slice(2)));
    // Stryker disable next-line ArrayDeclaration: equivalent, an element of the fallback has no advice and is filtered out
    return (logsData(s)?.errors ?? [])
      .filter((e) => e.advice?.articleId && !OWN_CHECK_HRESULTS.has(e.hresult) && !inJudged(e.hresult))
      .map((e) => {
        const a = e.advice as NonNullable<typeof e.advice>;
        return {
          message: `The log records HRESULT ${e.hresult}${e.name ? ` (${e.name})` : ''} ${e.count}×${a.meaning ? `: ${withoutFullStop(a.meaning)}` : ''}. Article ${a.articleId}.`,
          evidence: [
            ev(`HRESULT ${e.hresult}`, `first at ${baseName(e.firstFile)} line ${e.firstLine}${e.firstTimestamp ? ` ${e.firstTimestamp}` : ''}: ${e.sample}`),
            ...(a.likelyFix ? [ev('likely fix', a.likelyFix)] : []),
            ev('article', a.articleId as string),
          ],
          articleId: a.articleId as string,
        };
      });
  },
};

export const sipChecks: readonly Check[] = [
  sipUnreachable,
  poolCertificateName,
  poolCertificateDates,
  tlsDskWithoutCertificate,
  edgeWithoutNtlm,
  ntlmMismatch,
  userReplicator4005,
  federationTls,
  researchLinkedDiagnostic,
  signInRefused,
  undocumentedDiagnostic,
  sipClockSkew,
  loggedCertProvisioningFailure,
  researchLinkedHresult,
  documentedDiagnostic,
];
