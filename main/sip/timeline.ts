/**
 * The sign-in timeline: discovery → TLS → REGISTER → 401 → certificate / web ticket → REGISTER with credentials → result,
 * built purely from a Snapshot (probe, client log, DNS and certificate sections), so the CLI and the UI show the same thing.
 */
import { hostPort } from '../model/endpoint';
import type { LoggedSipMessage, LogsSection } from '../model/logs';
import type { MsDiagnostic, SignInTimeline, SipAttempt, SipResponseInfo, SipSection, SipTarget, TimelineEvidence, TimelineStep } from '../model/sip';
import type { Snapshot } from '../model/snapshot';
import { describeDiagnostic } from './ms-diagnostics';
import { finalAttempt, lastSignIn, logsData, responseTo, sipData, validTlsDskCerts } from './signin-facts';
import { uriHostPort } from './parse';
import { targetsFromDns } from './targets';
import { autodiscoverStep, connectStep, tcpOfAttempt } from './timeline-network';
import { baseName, ev, FLOW_ARTICLE, proof, statusText, step } from './timeline-step';

export { FLOW_ARTICLE };

/** The article a failing answer points to: its first decoded ms-diagnostics article, else `fallback`. */
export function articleForDiagnostics(diags: readonly MsDiagnostic[], fallback: string): string {
  const meaningful = diags.find((d) => d.decoded.articleId && d.decoded.articleId !== FLOW_ARTICLE);
  return meaningful?.decoded.articleId ?? diags.find((d) => d.decoded.articleId)?.decoded.articleId ?? fallback;
}

/** The certificate as the TLS step quotes it: subject, names and end of validity. */
function certificateText(c: NonNullable<SipAttempt['tls']['certificate']>): string {
  return `${c.subject}; names ${c.dnsNames.join(', ') || '(none)'}; valid to ${c.notAfter}`;
}

function schemesText(r: Pick<SipResponseInfo, 'challenges'>): string {
  return r.challenges.map((c) => (c.stsUri ? `${c.scheme} (sts-uri ${c.stsUri})` : c.scheme)).join(', ');
}

function discoveryStep(s: Snapshot, sip: SipSection | undefined): TimelineStep {
  if (sip?.targets[0]?.source === 'override') {
    return step('discovery', { status: 'skipped', source: 'probe', detail: `SIP server given directly (${hostPort(sip.targets[0].host, sip.targets[0].port)}); DNS discovery not used` });
  }
  const dns = s.sections.dns;
  if (!dns?.data) return step('discovery', { status: 'not-observed', detail: dns ? `DNS discovery: ${dns.message}` : 'DNS discovery did not run' });
  const targets = sip?.targets ?? targetsFromDns(dns.data);
  if (targets.length === 0 && (dns.status === 'error' || dns.status === 'timeout' || dns.status === 'partial')) {
    return step('discovery', { status: 'not-observed', source: 'dns', detail: `DNS could not be asked, so whether the records exist is unknown: ${dns.message}`, articleId: 'diagnosis-facts-missing', evidence: dns.data.srv.map((r) => ev(r.name, r.outcome)) });
  }
  // No SIP server in DNS, but lyncdiscover(internal) resolves: the client learns its pool through autodiscover (Lync
  // 2013 and later look there first), which this probe does not follow — not a proof that discovery fails.
  const autodiscover = dns.data.names.filter((n) => (n.role === 'lyncdiscover' || n.role === 'lyncdiscoverinternal') && n.addresses.length > 0);
  if (targets.length === 0 && autodiscover.length > 0) {
    return step('discovery', {
      status: 'not-observed',
      source: 'dns',
      detail: `No SIP SRV record or sip host of ${dns.data.domain} resolved, but ${autodiscover.map((n) => n.name).join(' and ')} resolves: the client finds its SIP server through autodiscover, which this probe does not follow (pass --server host:port)`,
      evidence: [...autodiscover.map((n) => ev(n.name, n.addresses.join(', '))), ...dns.data.srv.map((r) => ev(r.name, r.outcome))],
    });
  }
  if (targets.length === 0) {
    return step('discovery', { status: 'failed', source: 'dns', detail: `No SIP SRV record or sip host of ${dns.data.domain} resolved`, articleId: 'dns-no-lync-server-found', evidence: [...dns.data.srv.map((r) => ev(r.name, r.outcome)), ev('dns', `${dns.data.domain}: no SIP SRV record and no sip/sipinternal host resolved`)] });
  }
  const first = targets[0] as SipTarget; // not empty here (the empty cases returned above)
  return step('discovery', {
    status: 'ok',
    source: 'dns',
    detail: `${targets.length} SIP server(s) found; the client tries ${hostPort(first.host, first.port)} first`,
    evidence: targets.map((t) => ev(t.source, `${hostPort(t.host, t.port)} → ${t.addresses.join(', ') || 'unresolved'}`)),
  });
}

/** TLS with the server the client ended on. When no TCP connection came up (the TCP step failed) it is "not observed". */
function tlsStep(sip: SipSection | undefined, logSignIn: readonly LoggedSipMessage[], now: Date): TimelineStep {
  if (sip) {
    const fin = finalAttempt(sip);
    const used = fin ?? sip.attempts.find((a) => a.tls.outcome === 'ok');
    // Only servers the client tries before the one that answered are on its path (the others were probed in parallel).
    const firstAnswer = sip.attempts.findIndex((a) => a.outcome === 'response');
    // Servers that refused the TCP connection are the TCP step's; here only handshakes that failed count.
    const failed = sip.attempts.slice(0, firstAnswer < 0 ? sip.attempts.length : firstAnswer).filter((a) => a.outcome === 'tls-failed' || (a.outcome === 'connect-failed' && tcpOfAttempt(a) === 'up'));
    if (!used || used.tls.outcome !== 'ok') {
      // Only connections that came up had a handshake to fail; the others are the TCP step's. When the client's
      // final server (a redirect target) never came up, no handshake with it was tried.
      if (fin && tcpOfAttempt(fin) !== 'up') return step('tls', { status: 'not-observed', source: 'probe', detail: `No TCP connection to ${hostPort(fin.target.host, fin.target.port)} came up, so no TLS handshake with it was tried` });
      const handshakes = (fin ? [fin] : sip.attempts).filter((a) => tcpOfAttempt(a) === 'up');
      if (handshakes.length === 0) return step('tls', { status: 'not-observed', source: 'probe', detail: 'No TCP connection came up, so no TLS handshake was tried' });
      return step('tls', {
        status: 'failed',
        source: 'probe',
        detail: 'TLS handshake with the SIP server failed',
        evidence: handshakes.map((a) => ev('tried', a.message)),
        articleId: FLOW_ARTICLE,
      });
    }
    const t = used.tls;
    const evidence: TimelineEvidence[] = [
      ev('server', `${hostPort(t.host, t.port)} (${t.address ?? '?'})`),
      ev('protocol', `${t.protocol ?? '?'} ${t.cipher ?? ''}`.trim()),
      ...(t.certificate ? [ev('certificate', certificateText(t.certificate))] : []),
      ...failed.map((a) => ev('tried first', a.message)),
      ev('trust', 'not enforced for this probe'),
    ];
    // On the client's path: the server that answered first (a director that redirects), every redirect hop, the final one.
    // (Each of them completed its handshake: the probe follows a redirect only from an answer, and stops at a hop that fails.)
    const path = sip.attempts.filter((a, i) => i === firstAnswer || a.target.source === 'redirect');
    const badName = [used, ...path].find((a) => a.tls.nameMatches === false);
    if (badName) {
      const c = badName.tls.certificate;
      const own = badName !== used && c ? [ev(`certificate of ${hostPort(badName.target.host, badName.target.port)}`, certificateText(c))] : [];
      return step('tls', { status: 'failed', source: 'probe', detail: `Certificate of ${badName.target.host} does not cover that name (${badName.tls.nameError ?? 'name mismatch'})`, evidence: [...evidence, ...own], articleId: 'trust-model-certificate-name-mismatch' });
    }
    const cert = t.certificate;
    // (expired from notAfter on, as LD-TLS-003 and LD-CERT-001 judge it: the path and the findings never disagree)
    if (cert && cert.notAfter && Date.parse(cert.notAfter) <= now.getTime()) {
      return step('tls', { status: 'failed', source: 'probe', detail: `Certificate of ${t.host} expired on ${cert.notAfter.slice(0, 10)}`, evidence, articleId: 'server-certificate-untrusted-chain' });
    }
    if (t.protocol === 'TLSv1' || t.protocol === 'TLSv1.1') {
      return step('tls', {
        status: 'warning',
        source: 'probe',
        detail: `${hostPort(t.host, t.port)} negotiated only ${t.protocol}: PCs or clients with TLS 1.0/1.1 disabled cannot connect`,
        evidence,
        articleId: 'tls10-11-disabled-old-clients',
      });
    }
    if (t.chainTrusted === false) {
      return step('tls', {
        status: 'warning',
        source: 'probe',
        detail: `Connected with ${t.protocol ?? 'TLS'}; the chain is not trusted by this tool's public CA list (${t.chainError ?? 'untrusted'}) — fine if Windows trusts your enterprise CA`,
        evidence,
        articleId: 'server-certificate-untrusted-chain',
      });
    }
    return step('tls', { status: failed.length ? 'warning' : 'ok', source: 'probe', detail: `Connected to ${hostPort(t.host, t.port)} with ${t.protocol ?? 'TLS'}${failed.length ? ` after ${failed.length} server(s) failed` : ''}`, evidence });
  }
  const sent = logSignIn.find((m) => m.kind === 'request');
  if (sent) return step('tls', { status: 'ok', source: 'log', detail: `The client sent REGISTER to ${sent.peer ?? 'the server'}, so its TLS connection came up`, at: sent.timestamp, evidence: [proof(sent)] });
  // no message here is a request (found above), so the first message is the first response
  const answered = logSignIn[0];
  if (answered) return step('tls', { status: 'ok', source: 'log', detail: 'The server answered a REGISTER, so the connection to it came up', at: answered.timestamp, evidence: [proof(answered)] });
  return step('tls', { status: 'not-observed', detail: 'No probe and no logged sign-in' });
}

function responseSteps(sip: SipSection | undefined, fin: SipAttempt | undefined): TimelineStep[] | null {
  if (!sip) return null;
  const redirects = sip.attempts.filter((a) => a.redirectTo);
  // Stryker disable next-line OptionalChaining: equivalent, redirectTo is set (filtered above) and the probe sets it only on an attempt that answered
  const chain = redirects.map((a) => ev('redirect', `${hostPort(a.target.host, a.target.port)} answered ${a.response?.statusCode} → ${a.redirectTo ? hostPort(a.redirectTo.host, a.redirectTo.port) : '?'}`));
  if (!fin?.response) {
    // After a redirect only the final server (the home pool) was sent the REGISTER the client acts on; without one,
    // any server that took the connection and stayed silent. (A final attempt without an answer exists only after a
    // redirect: without one the final attempt is the first that answered.)
    const onPath = fin ? [fin] : sip.attempts;
    const silent = onPath.find((a) => a.outcome === 'no-answer' || a.outcome === 'closed' || a.outcome === 'garbage');
    if (silent) {
      return [
        step('register', { status: 'failed', source: 'probe', detail: silent.message, evidence: [...chain, ev('probe', `${hostPort(silent.target.host, silent.target.port)}: ${silent.message}`)], articleId: 'dns-server-temporarily-unavailable' }),
        step('challenge', { status: 'not-observed', detail: 'No answer to read' }),
      ];
    }
    return [step('register', { status: 'not-observed', detail: 'No connection to send it on' }), step('challenge', { status: 'not-observed', detail: 'No answer to read' })];
  }
  const r = fin.response;
  const reg = step('register', {
    status: 'ok',
    source: 'probe',
    detail: `Sent to ${hostPort(fin.target.host, fin.target.port)}${redirects.length ? ` after ${redirects.length} redirect(s)` : ''}; answered ${statusText(r.statusCode, r.reasonPhrase)}`,
    evidence: [...chain, ...(r.server ? [ev('Server', r.server)] : []), ...(r.date ? [ev('Date', `${r.date} (skew ${r.clockSkewSeconds ?? '?'} s)`)] : [])],
  });
  if (r.statusCode === 401 || r.statusCode === 407) {
    return [
      reg,
      step('challenge', {
        status: r.challenges.length ? 'ok' : 'warning',
        source: 'probe',
        detail: r.challenges.length ? `Offers ${schemesText(r)}` : `${r.statusCode} without any WWW-Authenticate challenge`,
        evidence: [...r.challenges.map((c) => ev(c.scheme, `realm "${c.realm ?? ''}", targetname ${c.targetname ?? '-'}, version ${c.version ?? '-'}`)), ...(r.userLogonData ? [ev('ms-user-logon-data', r.userLogonData)] : [])],
        diagnostics: r.diagnostics,
        articleId: FLOW_ARTICLE,
      }),
    ];
  }
  const status = r.statusCode >= 300 ? 'failed' : 'warning';
  return [
    reg,
    step('challenge', {
      status,
      source: 'probe',
      detail: `${statusText(r.statusCode, r.reasonPhrase)} instead of a 401 challenge${r.diagnostics.length ? `: ${r.diagnostics.map(describeDiagnostic).join('; ')}` : ''}`,
      diagnostics: r.diagnostics,
      evidence: [ev('probe answer', `${hostPort(fin.target.host, fin.target.port)} answered ${statusText(r.statusCode, r.reasonPhrase)}`), ...(r.warning ? [ev('Warning', r.warning)] : [])],
      articleId: articleForDiagnostics(r.diagnostics, FLOW_ARTICLE),
    }),
  ];
}

// (Only a response has a status code: a request's is null.)
const isFinal = (m: LoggedSipMessage): boolean => (m.statusCode ?? 0) >= 200;
const isChallenge = (m: LoggedSipMessage): boolean => m.statusCode === 401 || m.statusCode === 407;
const isSecondLeg = (m: LoggedSipMessage): boolean => isChallenge(m) && m.challenges.some((c) => Boolean(c.params['gssapi-data']));
const isFirstLeg = (m: LoggedSipMessage): boolean => isChallenge(m) && m.challenges.length > 0 && !isSecondLeg(m);
const isRedirect = (m: LoggedSipMessage): boolean => m.statusCode === 301 || m.statusCode === 302;

function redirectTarget(m: LoggedSipMessage): string {
  const c = m.contacts[0];
  const hp = c ? uriHostPort(c) : null;
  return hp ? (hp.port ? hostPort(hp.host, hp.port) : hp.host) : (c ?? 'an address not given');
}

function logResponseSteps(signIn: readonly LoggedSipMessage[]): TimelineStep[] {
  const first = signIn.find((m) => m.kind === 'request' && !m.credentialsScheme);
  const firstLeg = signIn.find(isFirstLeg);
  const resp = first ? responseTo(signIn, first) : undefined;
  let reg: TimelineStep;
  if (first) {
    reg = resp
      ? step('register', { status: 'ok', source: 'log', detail: `${first.requestUri ?? 'REGISTER'} sent${first.peer ? ` to ${first.peer}` : ''}; answered ${statusText(resp.statusCode, resp.reasonPhrase)}`, at: first.timestamp, evidence: [proof(first), proof(resp)] })
      : step('register', { status: 'warning', source: 'log', detail: `${first.requestUri ?? 'REGISTER'} sent${first.peer ? ` to ${first.peer}` : ''}; no answer to it in the log (the excerpt may end here)`, at: first.timestamp, evidence: [proof(first)] });
  } else if (firstLeg) {
    reg = step('register', { status: 'ok', source: 'log', detail: `The REGISTER itself is not in the log; its ${firstLeg.statusCode} answer is`, at: firstLeg.timestamp, evidence: [proof(firstLeg)] });
  } else {
    reg = step('register', { status: 'not-observed', detail: 'No REGISTER without credentials and no first challenge in the log' });
  }
  if (firstLeg) {
    return [reg, step('challenge', { status: 'ok', source: 'log', detail: `Offers ${schemesText(firstLeg)}`, diagnostics: firstLeg.diagnostics, at: firstLeg.timestamp, articleId: FLOW_ARTICLE, evidence: [proof(firstLeg)] })];
  }
  if (resp && isRedirect(resp)) {
    return [reg, step('challenge', { status: 'ok', source: 'log', detail: `Redirected to ${redirectTarget(resp)} before any challenge (${statusText(resp.statusCode, resp.reasonPhrase)}); the client follows it`, at: resp.timestamp, evidence: [proof(resp)], diagnostics: resp.diagnostics })];
  }
  if (resp && (resp.statusCode ?? 0) >= 300 && !isChallenge(resp)) {
    return [reg, step('challenge', { status: 'failed', source: 'log', detail: `${statusText(resp.statusCode, resp.reasonPhrase)} instead of a 401 challenge${resp.diagnostics.length ? `: ${resp.diagnostics.map(describeDiagnostic).join('; ')}` : ''}`, diagnostics: resp.diagnostics, at: resp.timestamp, articleId: articleForDiagnostics(resp.diagnostics, FLOW_ARTICLE), evidence: [proof(resp)] })];
  }
  if (signIn.some(isSecondLeg)) return [reg, step('challenge', { status: 'not-observed', detail: 'The first 401 is not in the log (an NTLM second leg is)' })];
  return [reg, step('challenge', { status: 'not-observed', detail: 'No 401 challenge in the log' })];
}

/** What the challenges showed about TLS-DSK: offered (with the proving answer), not offered, or no challenge seen. */
type TlsDskOffer =
  | { readonly seen: false }
  | { readonly seen: true; readonly offered: boolean; readonly proof: TimelineEvidence | null; readonly usedProof: TimelineEvidence | null };

function certificateStep(s: Snapshot, offer: TlsDskOffer, sip: SipSection | undefined, logs: LogsSection | undefined, now: Date): TimelineStep {
  if (!offer.seen) return step('certificate', { status: 'not-observed', detail: 'No 401 challenge was seen, so whether TLS-DSK was offered is not known' });
  if (!offer.offered) return step('certificate', { status: 'skipped', source: offer.proof ? 'log' : 'probe', detail: 'TLS-DSK not offered in the 401 challenge: the client signs in with NTLM/Kerberos', evidence: offer.proof ? [offer.proof] : [] });
  // the proof: the challenge that offered TLS-DSK (when logged) and the message showing the client used it
  if (offer.usedProof) return step('certificate', { status: 'ok', source: 'log', detail: 'The client answered with TLS-DSK credentials, so it holds a valid TLS-DSK certificate', evidence: [...(offer.proof ? [offer.proof] : []), offer.usedProof] });
  const valid = validTlsDskCerts(s, now);
  const evidence: TimelineEvidence[] = [];
  if (valid?.length) {
    // Stryker disable next-line OptionalChaining: equivalent, valid is not empty here
    return step('certificate', { status: 'ok', source: 'certificates', detail: `A valid TLS-DSK certificate is present (${valid[0]?.thumbprint}, until ${valid[0]?.notAfter.slice(0, 10)}); no provisioning needed`, evidence: valid.map((c) => ev(c.store, `${c.thumbprint} until ${c.notAfter}`)) });
  }
  if (valid) evidence.push(ev('local TLS-DSK certificate', 'none valid for this address'));
  const web = sip?.webServices ?? [];
  const calls = (logs?.webCalls ?? []).filter((w) => w.kind === 'cert-provisioning' || w.kind === 'web-ticket');
  const webFail = web.find((w) => w.outcome !== 'ok' && w.kind === 'cert-provisioning') ?? web.find((w) => w.outcome !== 'ok' && w.outcome !== 'http-error');
  const logFail = [...calls].reverse().find((w) => (w.httpStatus ?? 0) >= 400 && w.httpStatus !== 401);
  const shown = calls.slice(-6);
  if (logFail && !shown.includes(logFail)) shown.unshift(logFail); // the failing call is quoted even when newer calls followed
  evidence.push(...web.map((w) => ev(w.kind, w.message)), ...shown.map((w) => ev(`log ${w.kind}`, `${baseName(w.file)}:${w.line} ${w.url}${w.httpStatus ? ` → HTTP ${w.httpStatus}` : ''}`)));
  if (webFail || logFail) {
    return step('certificate', {
      status: 'failed',
      source: webFail ? 'probe' : 'log',
      // Stryker disable next-line OptionalChaining: equivalent, without webFail logFail is set (the condition above)
      detail: webFail ? webFail.message : `${logFail?.url} answered HTTP ${logFail?.httpStatus}`,
      evidence,
      articleId: 'certificate-provisioning-failed',
      at: logFail?.timestamp ?? null,
    });
  }
  const webWarn = web.find((w) => w.outcome !== 'ok');
  if (webWarn) {
    return step('certificate', { status: 'warning', source: 'probe', detail: `Certificate provisioning answers, but ${webWarn.message}`, evidence, articleId: 'certificate-provisioning-failed' });
  }
  if (web.length || calls.length) {
    return step('certificate', { status: 'ok', source: web.length ? 'probe' : 'log', detail: web.length ? 'Certificate provisioning and web ticket services answer without credentials' : 'The client called the certificate provisioning / web ticket services', evidence });
  }
  return step('certificate', { status: 'not-observed', detail: valid ? 'No valid TLS-DSK certificate; the provisioning service was not probed' : 'Certificate stores not read on this OS and services not probed', evidence });
}

function authSteps(signIn: readonly LoggedSipMessage[], logs: LogsSection | undefined): TimelineStep[] {
  // (Only a request carries credentials (Authorization), only a response Authentication-Info.)
  const authReq = [...signIn].reverse().find((m) => Boolean(m.credentialsScheme));
  const pairedWithCreds = (r: LoggedSipMessage): boolean => signIn.some((q) => q.credentialsScheme && q.callId === r.callId && q.cseq === r.cseq);
  const secondLeg = [...signIn].reverse().find(isSecondLeg);
  const authAnswered = [...signIn].reverse().find((m) => Boolean(m.authInfoScheme));
  let auth: TimelineStep;
  if (authReq) {
    auth = step('register-auth', { status: 'ok', source: 'log', detail: `REGISTER with ${authReq.credentialsScheme} credentials (CSeq ${authReq.cseq ?? '?'})`, at: authReq.timestamp, evidence: [proof(authReq)] });
  } else if (authAnswered || secondLeg) {
    const by = (authAnswered ?? secondLeg) as LoggedSipMessage;
    // (without authAnswered, by is the second leg)
    // Stryker disable next-line StringLiteral: equivalent, the default is read only when by has no challenge: then by is authAnswered and the scheme goes unused (a second leg has a challenge)
    const legScheme = by.challenges[0]?.scheme ?? 'NTLM';
    const how = authAnswered ? `the server's authenticated answer (Authentication-Info ${authAnswered.authInfoScheme})` : `the server's ${legScheme} challenge leg (gssapi-data)`;
    auth = step('register-auth', { status: 'ok', source: 'log', detail: `The REGISTER with credentials is not in the log; ${how} shows the client sent them`, at: by.timestamp, evidence: [proof(by)] });
  } else {
    const why = logs ? 'The log shows no REGISTER with credentials for the newest sign-in' : "Only the client log shows this: the probe never sends credentials (pass --log, or diagnose on the user's PC)";
    return [step('register-auth', { status: 'not-observed', detail: why }), step('result', { status: 'not-observed', detail: logs ? 'No authenticated answer logged' : 'Needs the client log' })];
  }
  // The final answer: the newest response to an authenticated REGISTER that is not an authentication leg.
  // (a 1xx such as 100 Trying is provisional, RFC 3261 §8.1.3.2: it decides nothing)
  const finalAnswer = [...signIn].reverse().find((m) => isFinal(m) && !isSecondLeg(m) && (Boolean(m.authInfoScheme) || pairedWithCreds(m)));
  if (!finalAnswer) {
    if (authReq && !signIn.slice(signIn.indexOf(authReq) + 1).some(isFinal)) {
      return [auth, step('result', { status: 'warning', source: 'log', detail: 'No answer to the authenticated REGISTER in the log (the excerpt may end here)', at: authReq.timestamp, evidence: [proof(authReq)] })];
    }
    return [auth, step('result', { status: 'not-observed', detail: 'Authentication in progress; its final answer is not in the log' })];
  }
  const code = finalAnswer.statusCode ?? 0;
  // (the final answer is a final response, so at least 200)
  if (code < 300) return [auth, step('result', { status: 'ok', source: 'log', detail: `${statusText(code, finalAnswer.reasonPhrase)}: signed in`, diagnostics: finalAnswer.diagnostics, at: finalAnswer.timestamp, evidence: [proof(finalAnswer)] })];
  if (isRedirect(finalAnswer)) {
    return [auth, step('result', { status: 'not-observed', source: 'log', detail: `Authenticated and redirected to the home pool ${redirectTarget(finalAnswer)} (${statusText(code, finalAnswer.reasonPhrase)}, followed); the sign-in there is not in the log`, at: finalAnswer.timestamp, evidence: [proof(finalAnswer)], diagnostics: finalAnswer.diagnostics })];
  }
  // Stryker disable next-line OptionalChaining,ArrayDeclaration: equivalent, a logged answer means the logs were read
  const ntlm = (logs?.errors ?? []).some((e) => e.name === 'SIP_E_AUTH_NTLMMISMATCH');
  const article = ntlm ? 'ntlm-session-security-mismatch' : articleForDiagnostics(finalAnswer.diagnostics, FLOW_ARTICLE);
  return [
    auth,
    step('result', {
      status: 'failed',
      source: 'log',
      detail: `${statusText(code, finalAnswer.reasonPhrase)}${finalAnswer.diagnostics.length ? `: ${finalAnswer.diagnostics.map(describeDiagnostic).join('; ')}` : ''}`,
      diagnostics: finalAnswer.diagnostics,
      at: finalAnswer.timestamp,
      articleId: article,
      evidence: [proof(finalAnswer)],
    }),
  ];
}

/** A failed step must carry the line (or probe fact) that proves it; one without evidence is shown as a warning. */
export function requireProof(st: TimelineStep): TimelineStep {
  if (st.status !== 'failed' || st.evidence.length > 0) return st;
  return { ...st, status: 'warning', detail: `${st.detail} (no logged line or probe result proves a failure here)` };
}

/**
 * A failed certificate step when the client signed in anyway (a 2xx to its NTLM/Kerberos credentials): TLS-DSK was
 * only offered, so the provisioning failure is a warning (it matters when those schemes are not available), not the
 * place where sign-in breaks. (A sign-in with TLS-DSK credentials makes the certificate step ok, never failed.)
 */
function signedInWithout(cert: TimelineStep, result: TimelineStep, signIn: readonly LoggedSipMessage[]): TimelineStep {
  if (cert.status !== 'failed' || result.status !== 'ok') return cert;
  const used = [...signIn].reverse().find((m) => m.credentialsScheme || m.authInfoScheme);
  // Stryker disable next-line OptionalChaining,StringLiteral: equivalent, a sign-in result that is ok was answered to credentials, so used is set
  const scheme = used?.credentialsScheme ?? used?.authInfoScheme ?? 'NTLM/Kerberos';
  return { ...cert, status: 'warning', detail: `${cert.detail}; the client signed in with ${scheme} without it` };
}

/** Builds the timeline from whatever the Snapshot holds; steps without facts are "not-observed", never guessed. */
export function buildTimeline(s: Snapshot): SignInTimeline {
  const now = new Date(s.createdAt);
  const sip = sipData(s);
  const logs = logsData(s);
  // Stryker disable next-line ArrayDeclaration: equivalent, a stray non-message element matches no request, response or scheme test
  const signIn = logs ? lastSignIn(logs) : [];
  const fin = sip ? finalAttempt(sip) : undefined;
  const [register, challenge] = responseSteps(sip, fin) ?? logResponseSteps(signIn);
  const probeChallenge = fin?.response && fin.response.challenges.length > 0 ? fin.response : undefined;
  const logChallenge = signIn.find(isFirstLeg);
  const tlsDsk = (c: { scheme: string }): boolean => c.scheme.toLowerCase() === 'tls-dsk';
  const used = signIn.find((m) => m.credentialsScheme === 'TLS-DSK' || m.authInfoScheme === 'TLS-DSK');
  const usedProof = used ? proof(used) : null; // the client used TLS-DSK: the message that shows it
  const offer: TlsDskOffer = logChallenge
    ? { seen: true, offered: logChallenge.challenges.some(tlsDsk) || Boolean(probeChallenge?.challenges.some(tlsDsk)), proof: proof(logChallenge), usedProof }
    : probeChallenge
      ? { seen: true, offered: probeChallenge.challenges.some(tlsDsk), proof: null, usedProof }
      : usedProof
        ? { seen: true, offered: true, proof: null, usedProof }
        : // Stryker disable next-line ObjectLiteral: equivalent, {} has seen undefined, read as not seen
          { seen: false };
  const connect = requireProof(connectStep(s, sip, signIn, logs));
  const [registerAuth, result] = authSteps(signIn, logs) as [TimelineStep, TimelineStep];
  const steps: TimelineStep[] = [
    discoveryStep(s, sip),
    connect,
    tlsStep(sip, signIn, now),
    autodiscoverStep(s, logs),
    register as TimelineStep,
    challenge as TimelineStep,
    signedInWithout(certificateStep(s, offer, sip, logs, now), result, signIn),
    registerAuth,
    result,
  ].map(requireProof);
  const failedStep = steps.findIndex((x) => x.status === 'failed');
  const f: TimelineStep | undefined = steps[failedStep]; // (undefined for -1 too)
  const observed = steps.filter((x) => x.status !== 'not-observed').length;
  const summary = f
    ? `Sign-in breaks at "${f.title}": ${f.detail}`
    : // Stryker disable next-line OptionalChaining: equivalent, there are always nine steps
      steps[steps.length - 1]?.status === 'ok'
      ? 'Sign-in completed (200 OK) in the newest logged attempt'
      : `No step failed in what could be observed (${observed} of ${steps.length} steps observed)`;
  return { steps, failedStep: failedStep >= 0 ? failedStep : null, failedStepId: f?.id ?? null, summary };
}

const MARK: Record<TimelineStep['status'], string> = { ok: 'ok', warning: 'WARN', failed: 'FAILED', 'not-observed': '--', skipped: 'skip' };

/** The timeline as terminal text; the failing step is marked with ">>". */
export function renderTimeline(t: SignInTimeline): string {
  const lines = ['Sign-in timeline'];
  t.steps.forEach((st, i) => {
    const pointer = i === t.failedStep ? '>>' : '  ';
    lines.push(`${pointer} ${i + 1}. ${MARK[st.status].padEnd(6)} ${st.title}${st.at ? `  [${st.at}]` : ''}${st.source !== 'none' ? `  (${st.source})` : ''}`);
    lines.push(`        ${st.detail}`);
    for (const d of st.diagnostics) {
      lines.push(`        ${describeDiagnostic(d)}`);
      if (d.decoded.meaning) lines.push(`          meaning: ${d.decoded.meaning}`);
      if (d.decoded.refinedBy) lines.push(`          advice (from ${d.decoded.refinedBy}): ${d.decoded.likelyFix ?? ''}`.trimEnd());
    }
    for (const e of st.evidence) lines.push(`        - ${e.label}: ${e.value}`);
    if (st.articleId && (st.status === 'failed' || st.status === 'warning')) lines.push(`        article: ${st.articleId}`);
  });
  lines.push('', t.summary);
  return lines.join('\n');
}
