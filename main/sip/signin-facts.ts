/** Pure readers over the Snapshot shared by the SIP checks and the sign-in timeline. */
import type { CertificateInfo } from '../model/certificates';
import type { LoggedSipMessage, LogsSection } from '../model/logs';
import type { SipAttempt, SipSection } from '../model/sip';
import type { Snapshot } from '../model/snapshot';

/** The sip section's data, whether the probe finished or stopped at the deadline. */
export function sipData(s: Snapshot): SipSection | undefined {
  const r = s.sections.sip;
  return r && (r.status === 'ok' || r.status === 'partial' || r.status === 'timeout') ? r.data : undefined;
}

export function logsData(s: Snapshot): LogsSection | undefined {
  const r = s.sections.logs;
  return r && (r.status === 'ok' || r.status === 'partial' || r.status === 'timeout') ? r.data : undefined;
}

/** The attempt the client would act on (after redirects), or undefined. */
export function finalAttempt(d: SipSection): SipAttempt | undefined {
  // Stryker disable next-line ConditionalExpression: equivalent, attempts[null] is undefined too
  return d.finalAttempt !== null ? d.attempts[d.finalAttempt] : undefined;
}

/** Valid TLS-DSK certificates for the user: issuer Communications Server, private key, in validity, matching address. */
export function validTlsDskCerts(s: Snapshot, now: Date): CertificateInfo[] | undefined {
  const c = s.sections.certificates;
  if (!c || c.status !== 'ok' || !c.data) return undefined;
  const t = now.getTime();
  const me = s.input.sipAddress.toLowerCase();
  return c.data.certificates.filter((x) => x.tlsDsk && x.hasPrivateKey && Date.parse(x.notBefore) <= t && t < Date.parse(x.notAfter) && (x.sipAddress === null || x.sipAddress === me));
}

/** True when the attempt reached the pool through an Edge / from outside (ms-user-logon-data: RemoteUser, or DNS says outside). */
export function viaEdge(s: Snapshot, a: SipAttempt): boolean {
  if (a.response?.userLogonData && /remoteuser/i.test(a.response.userLogonData)) return true;
  const dns = s.sections.dns?.data;
  return a.target.source === 'srv-external' || (dns?.location === 'outside' && a.target.source !== 'override');
}

/** The client's newest sign-in in the log: REGISTERs (and their responses) of the last Call-ID that began without credentials. */
export function lastSignIn(logs: LogsSection): LoggedSipMessage[] {
  const reg = logs.messages.filter((m) => m.method === 'REGISTER' || m.cseqMethod === 'REGISTER');
  // Stryker disable next-line ConditionalExpression: equivalent, with no REGISTER the fallback below returns [] as well
  if (reg.length === 0) return [];
  let startIdx = -1;
  for (let i = reg.length - 1; i >= 0; i--) {
    const m = reg[i] as LoggedSipMessage;
    if (m.kind === 'request' && !m.credentialsScheme) {
      startIdx = i;
      break;
    }
  }
  if (startIdx < 0) return reg.slice(-50); // the excerpt starts mid-sign-in: every REGISTER answer it holds
  // Stryker disable next-line OptionalChaining: equivalent, startIdx is a found index here
  const callId = reg[startIdx]?.callId ?? null;
  return reg.slice(startIdx).filter((m) => callId === null || m.callId === callId);
}

/** The final response (≥ 200; a 1xx such as 100 Trying is provisional, RFC 3261 §17.1.1) to a request in the same sign-in (same Call-ID and CSeq), if logged. */
export function responseTo(list: readonly LoggedSipMessage[], req: LoggedSipMessage): LoggedSipMessage | undefined {
  const from = list.indexOf(req);
  // Stryker disable next-line ConditionalExpression: equivalent, a request has no status code so the >= 200 test drops it too
  return list.slice(from + 1).find((m) => m.kind === 'response' && (m.statusCode ?? 0) >= 200 && m.callId === req.callId && m.cseq === req.cseq);
}
