/** Snapshot pieces for SIP checks and timeline tests: probe attempts, responses, logged messages. */
import type { DiagnosticCount, LoggedSipMessage, LoggedWebCall, LogsSection } from '../../main/model/logs';
import type { MsDiagnostic, SipAttempt, SipChallenge, SipResponseInfo, SipSection, TlsObservation, WebServiceProbe } from '../../main/model/sip';
import type { Sections } from '../../main/model/snapshot';
import { parseChallengeValue } from '../../main/sip/auth';
import { parseDiagnosticValue, tableFromJson, type MsDiagnosticsTable } from '../../main/sip/ms-diagnostics';

/** A small table in the knowledge-file shape (codes the checks care about). */
export const TABLE: MsDiagnosticsTable = tableFromJson([
  { code: 1000, header: 'ms-diagnostics', reason: 'Final handshake failed.', meaning: 'NTLM mismatch', likelyFix: 'align NTLM', context: '', research: ['SFB-KI-032'], articleId: 'ntlm-session-security-mismatch', verified: true, sources: ['s'] },
  { code: 1013, header: 'ms-diagnostics', reason: 'Significant time skew detected during authentication.', meaning: 'clock', likelyFix: 'fix clock', context: '', research: ['SFB-KI-011'], articleId: 'clock-skew-sign-in', verified: true, sources: ['s'] },
  { code: 1033, header: 'ms-diagnostics', reason: 'Previous hop server component did not report diagnostic information', meaning: 'normal on 401', likelyFix: '-', context: '', research: [], articleId: 'sip-sign-in-flow', verified: true, sources: ['s'] },
  { code: 1046, header: 'ms-diagnostics', reason: null, meaning: 'NOT confirmed', likelyFix: '-', context: '', research: [], articleId: null, verified: false, sources: ['s'] },
  { code: 1047, header: 'ms-diagnostics', reason: 'Failed to complete TLS negotiation with a federated peer server', meaning: 'fed tls', likelyFix: 'trust CA', context: '', research: ['SFB-KI-047'], articleId: 'federation-tls-negotiation-failed', verified: true, sources: ['s'] },
  { code: 4003, header: 'ms-diagnostics-public', reason: 'From URI not enabled for remote access.', meaning: 'remote access off', likelyFix: 'enable remote access', context: '', research: [], articleId: null, verified: true, sources: ['s'] },
  { code: 4005, header: 'ms-diagnostics', reason: 'Destination URI either not enabled for SIP or does not exist.', meaning: 'unknown user', likelyFix: 'replicator', context: '', research: ['SFB-KI-037', 'SFB-KI-038'], articleId: 'user-replicator-ms-diagnostics-4005', verified: true, sources: ['s'] },
  { code: 17002, header: 'ms-diagnostics', reason: 'Invalid protocol client version.', meaning: 'blocked version', likelyFix: 'update', context: '', research: ['SFB-KI-059'], articleId: 'client-version-policy-block', verified: true, sources: ['s'] },
]);

export const diag = (value: string, header: MsDiagnostic['header'] = 'ms-diagnostics'): MsDiagnostic => parseDiagnosticValue(value, header, TABLE);
export const challenges = (...values: string[]): SipChallenge[] => values.flatMap((v) => parseChallengeValue(v));

export const NTLM = 'NTLM realm="SIP Communications Service", targetname="pool01.contoso.com", version=4';
export const KERBEROS = 'Kerberos realm="SIP Communications Service", targetname="sip/pool01.contoso.com", version=4';
export const TLS_DSK = 'TLS-DSK realm="SIP Communications Service", targetname="pool01.contoso.com", version=4, sts-uri="https://webpool.contoso.com/CertProv/CertProvisioningService.svc"';

export function tlsOk(host: string, port: number, over: Partial<TlsObservation> = {}): TlsObservation {
  return {
    host,
    port,
    address: '192.0.2.10',
    outcome: 'ok',
    error: null,
    protocol: 'TLSv1.2',
    cipher: 'ECDHE-RSA-AES256-GCM-SHA384',
    chainTrusted: true,
    chainError: null,
    nameMatches: true,
    nameError: null,
    certificate: { subject: `CN=${host}`, issuer: 'CN=Contoso CA', subjectCommonName: host, dnsNames: [host], notBefore: '2026-01-01T00:00:00.000Z', notAfter: '2027-01-01T00:00:00.000Z', fingerprint256: 'AA', serialNumber: '01', selfSigned: false },
    trustEnforced: false,
    durationMs: 5,
    ...over,
  };
}

export function response(statusCode: number, over: Partial<SipResponseInfo> = {}): SipResponseInfo {
  return { statusCode, reasonPhrase: statusCode === 401 ? 'Unauthorized' : 'Reason', challenges: [], diagnostics: [], server: 'RTC/7.0', date: null, clockSkewSeconds: 0, contacts: [], userLogonData: null, warning: null, ...over };
}

export function attempt(host: string, port: number, r: SipResponseInfo | null, over: Partial<SipAttempt> = {}): SipAttempt {
  return {
    target: { host, port, source: 'srv-internal', addresses: ['192.0.2.10'] },
    tls: tlsOk(host, port),
    outcome: r ? 'response' : 'no-answer',
    response: r,
    message: r ? `${host}:${port} answered ${r.statusCode}` : `${host}:${port}: no SIP answer`,
    redirectTo: null,
    durationMs: 10,
    ...over,
  };
}

export function sipSection(attempts: SipAttempt[], webServices: WebServiceProbe[] = [], finalAttempt?: number | null): Sections['sip'] {
  const fin = finalAttempt !== undefined ? finalAttempt : (() => {
    const i = attempts.map((a) => a.outcome).lastIndexOf('response');
    return i >= 0 ? i : null;
  })();
  const data: SipSection = { sipAddress: 'alice@contoso.com', targets: attempts.map((a) => a.target), attempts, finalAttempt: fin, webServices, trustEnforced: false, note: 'test' };
  return { status: 'ok', message: 'test', durationMs: 1, data };
}

let line = 0;
export function logged(over: Partial<LoggedSipMessage>): LoggedSipMessage {
  line += 10;
  return {
    file: 'C:\\Users\\alice\\AppData\\Local\\Microsoft\\Office\\16.0\\Lync\\Tracing\\Lync-UccApi-0.UccApilog',
    line,
    timestamp: '2026-05-31T09:00:00.000',
    direction: 'unknown',
    peer: '192.0.2.10:443',
    kind: 'request',
    method: null,
    requestUri: null,
    statusCode: null,
    reasonPhrase: null,
    callId: 'call-1',
    cseq: 1,
    cseqMethod: 'REGISTER',
    from: '<sip:alice@contoso.com>;tag=1',
    credentialsScheme: null,
    challenges: [],
    diagnostics: [],
    contacts: [],
    date: null,
    ...over,
  };
}

export const req = (cseq: number, credentialsScheme: string | null = null): LoggedSipMessage => logged({ kind: 'request', method: 'REGISTER', requestUri: 'sip:contoso.com', cseq, credentialsScheme, direction: 'sent' });
export const resp = (cseq: number, statusCode: number, over: Partial<LoggedSipMessage> = {}): LoggedSipMessage => logged({ kind: 'response', statusCode, reasonPhrase: 'x', cseq, direction: 'received', ...over });

export function logsSection(messages: LoggedSipMessage[], over: Partial<LogsSection> = {}): Sections['logs'] {
  const diagnostics: DiagnosticCount[] = messages.flatMap((m) => m.diagnostics.map((d) => ({ diagnostic: d, count: 1, firstFile: m.file, firstLine: m.line, statusCode: m.statusCode, cseqMethod: m.cseqMethod })));
  const data: LogsSection = { files: [], messages, droppedMessages: 0, counts: {}, diagnostics, webCalls: [], droppedWebCalls: 0, errors: [], schemesOffered: [], schemesUsed: [], ...over };
  return { status: 'ok', message: 'test', durationMs: 1, data };
}

export function webCall(kind: LoggedWebCall['kind'], url: string, httpStatus: number | null, text = `TargetUri=${url}`): LoggedWebCall {
  return { file: 'x.UccApilog', line: 5, timestamp: '2026-05-31T09:00:01.000', kind, url, httpStatus, text };
}
