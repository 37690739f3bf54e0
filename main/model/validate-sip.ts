/**
 * Data schemas for the `sip` and `logs` sections, so an imported bundle reaches the SIP checks and the
 * timeline only in the shape they expect. Register in validate-snapshot.ts SECTION_SCHEMAS: `sip: sipSchema, logs: logsSchema`.
 */
import type { DiagnosticCount, LogFileReading, LoggedError, LoggedSipMessage, LoggedWebCall, LogsSection } from './logs';
import { arr, bool, nullable, num, obj, oneOf, opt, record, str, type Validator } from './schema';
import type { DiagnosticDecoding, MsDiagnostic, PeerCertificateInfo, SipAttempt, SipChallenge, SipResponseInfo, SipSection, SipTarget, TlsObservation, WebServiceProbe } from './sip';

const name = str({ max: 1024 });
const text = str({ max: 64 * 1024 });
const int = (min = 0, max?: number): Validator => num({ int: true, min, ...(max !== undefined ? { max } : {}) });
const port = int(0, 65535);
const strings = (max = 1000): Validator => arr(text, max);

const challenge = obj<SipChallenge>({
  header: oneOf(['WWW-Authenticate', 'Proxy-Authenticate']),
  scheme: name,
  realm: nullable(text),
  targetname: nullable(text),
  version: nullable(text),
  stsUri: nullable(text),
  params: record(text, 200),
});

const decoding = obj<DiagnosticDecoding>({
  status: oneOf(['documented', 'unconfirmed', 'not-documented']),
  knownReason: nullable(text),
  meaning: nullable(text),
  likelyFix: nullable(text),
  research: arr(str({ max: 32 }), 50),
  articleId: nullable(name),
  refinedBy: opt(text),
});

export const diagnosticSchema = obj<MsDiagnostic>({
  header: oneOf(['ms-diagnostics', 'ms-diagnostics-public', 'x-ms-diagnostics', 'ms-client-diagnostics']),
  code: nullable(int()),
  reason: nullable(text),
  attributes: record(text, 200),
  raw: text,
  decoded: decoding,
});

const peerCert = obj<PeerCertificateInfo>({
  subject: text,
  issuer: text,
  subjectCommonName: text,
  dnsNames: strings(),
  notBefore: str({ max: 64 }),
  notAfter: str({ max: 64 }),
  fingerprint256: str({ max: 256 }),
  serialNumber: str({ max: 256 }),
  selfSigned: bool,
});

const tls = obj<TlsObservation>({
  host: name,
  port,
  address: nullable(name),
  outcome: oneOf(['ok', 'refused', 'unreachable', 'timeout', 'tls-error', 'error']),
  error: nullable(text),
  protocol: nullable(str({ max: 32 })),
  cipher: nullable(str({ max: 128 })),
  chainTrusted: nullable(bool),
  chainError: nullable(text),
  nameMatches: nullable(bool),
  nameError: nullable(text),
  certificate: nullable(peerCert),
  trustEnforced: bool,
  durationMs: num({ min: 0 }),
});

const target = obj<SipTarget>({
  host: name,
  port,
  source: oneOf(['srv-internal', 'srv-external', 'host', 'override', 'redirect']),
  addresses: arr(name, 100),
  redirectedFrom: opt(name),
});

const response = obj<SipResponseInfo>({
  statusCode: int(0, 999),
  reasonPhrase: text,
  challenges: arr(challenge, 100),
  diagnostics: arr(diagnosticSchema, 100),
  server: nullable(text),
  date: nullable(text),
  clockSkewSeconds: nullable(num()),
  contacts: strings(100),
  userLogonData: nullable(text),
  warning: nullable(text),
});

const attempt = obj<SipAttempt>({
  target,
  tls,
  outcome: oneOf(['response', 'no-answer', 'connect-failed', 'tls-failed', 'closed', 'garbage', 'skipped']),
  response: nullable(response),
  message: text,
  redirectTo: nullable(obj<{ host: string; port: number }>({ host: name, port })),
  durationMs: num({ min: 0 }),
});

const webService = obj<WebServiceProbe>({
  kind: oneOf(['cert-provisioning', 'web-ticket']),
  url: text,
  outcome: oneOf(['ok', 'http-error', 'unreachable', 'tls-failed', 'timeout', 'invalid-url']),
  httpStatus: nullable(int(0, 999)),
  tls: nullable(tls),
  message: text,
});

export const sipSchema: Validator = (v, path, issues) => {
  obj<SipSection>({
    sipAddress: name,
    targets: arr(target, 100),
    attempts: arr(attempt, 100),
    finalAttempt: nullable(int()),
    webServices: arr(webService, 10),
    trustEnforced: bool,
    note: text,
  })(v, path, issues);
  const d = v as Partial<SipSection> | null;
  if (d && typeof d === 'object' && typeof d.finalAttempt === 'number' && Array.isArray(d.attempts) && d.finalAttempt >= d.attempts.length) {
    issues.push(`${path}.finalAttempt: points past the ${d.attempts.length} attempt(s)`);
  }
};

const loggedMessage = obj<LoggedSipMessage>({
  file: name,
  line: int(),
  timestamp: nullable(str({ max: 64 })),
  direction: oneOf(['sent', 'received', 'unknown']),
  peer: nullable(name),
  kind: oneOf(['request', 'response']),
  method: nullable(str({ max: 32 })),
  requestUri: nullable(text),
  statusCode: nullable(int(0, 999)),
  reasonPhrase: nullable(text),
  callId: nullable(text),
  cseq: nullable(int()),
  cseqMethod: nullable(str({ max: 32 })),
  from: nullable(text),
  credentialsScheme: nullable(str({ max: 32 })),
  challenges: arr(challenge, 100),
  diagnostics: arr(diagnosticSchema, 100),
  contacts: strings(100),
  date: nullable(text),
  authInfoScheme: opt(nullable(str({ max: 32 }))),
  startLine: opt(text),
});

export const logsSchema = obj<LogsSection>({
  files: arr(
    obj<LogFileReading>({
      path: name,
      origin: oneOf(['auto', 'given']),
      outcome: oneOf(['ok', 'absent', 'access-denied', 'error']),
      message: text,
      bytes: int(),
      lines: int(),
      longLines: int(),
      invalidUtf8: bool,
      firstTimestamp: nullable(str({ max: 64 })),
      lastTimestamp: nullable(str({ max: 64 })),
      modifiedAt: nullable(str({ max: 64 })),
    }),
    100,
  ),
  messages: arr(loggedMessage, 2000),
  droppedMessages: int(),
  counts: record(int(), 1000),
  diagnostics: arr(obj<DiagnosticCount>({ diagnostic: diagnosticSchema, count: int(1), firstFile: name, firstLine: int(), statusCode: nullable(int(0, 999)), cseqMethod: nullable(str({ max: 32 })) }), 1000),
  webCalls: arr(obj<LoggedWebCall>({ file: name, line: int(), timestamp: nullable(str({ max: 64 })), kind: oneOf(['autodiscover', 'cert-provisioning', 'web-ticket', 'other']), url: text, httpStatus: nullable(int(0, 999)), text }), 2000),
  droppedWebCalls: int(),
  errors: arr(obj<LoggedError>({ hresult: str({ max: 16 }), name: nullable(str({ max: 128 })), count: int(1), firstLine: int(), firstFile: name, firstTimestamp: nullable(str({ max: 64 })), sample: text, advice: opt(obj<NonNullable<LoggedError['advice']>>({ meaning: text, likelyFix: text, articleId: nullable(str({ max: 128, pattern: /^[a-z0-9][a-z0-9-]*$/ })) })) }), 1000),
  schemesOffered: arr(str({ max: 32 }), 20),
  schemesUsed: arr(str({ max: 32 }), 20),
});
