/** SIP facts: the unauthenticated sign-in probe, decoded ms-diagnostics, and the sign-in timeline. */

/** One authentication challenge (WWW-Authenticate / Proxy-Authenticate), parameters as sent. */
export interface SipChallenge {
  readonly header: 'WWW-Authenticate' | 'Proxy-Authenticate';
  /** Scheme as sent, e.g. "NTLM", "Kerberos", "TLS-DSK". */
  readonly scheme: string;
  readonly realm: string | null;
  readonly targetname: string | null;
  readonly version: string | null;
  /** TLS-DSK certificate-provisioning URL (sts-uri), when offered. */
  readonly stsUri: string | null;
  /** Every parameter, names lower-cased. */
  readonly params: Readonly<Record<string, string>>;
}

/** What the knowledge base says about an ms-diagnostics code (knowledge/ms-diagnostics.json). */
export interface DiagnosticDecoding {
  /** documented: an entry exists; unconfirmed: an entry exists but the sources did not confirm it; not-documented: no entry. */
  readonly status: 'documented' | 'unconfirmed' | 'not-documented';
  /** Reason text the knowledge base records for the code. */
  readonly knownReason: string | null;
  readonly meaning: string | null;
  readonly likelyFix: string | null;
  readonly research: readonly string[];
  readonly articleId: string | null;
  /** Set when the header's own attributes (HRESULT, ErrorType…) changed the advice, saying which attribute did. */
  readonly refinedBy?: string;
}

export type DiagnosticHeader = 'ms-diagnostics' | 'ms-diagnostics-public' | 'x-ms-diagnostics' | 'ms-client-diagnostics';

/** One ms-diagnostics header: code, reason and attributes as sent, plus its decoding. */
export interface MsDiagnostic {
  readonly header: DiagnosticHeader;
  /** Null when the header carried no leading number (shown raw). */
  readonly code: number | null;
  readonly reason: string | null;
  /** Attributes other than reason (Domain, PeerServer, source, HRESULT…), names as sent. */
  readonly attributes: Readonly<Record<string, string>>;
  readonly raw: string;
  readonly decoded: DiagnosticDecoding;
}

/** The server certificate as the TLS handshake showed it (public data only). */
export interface PeerCertificateInfo {
  readonly subject: string;
  readonly issuer: string;
  readonly subjectCommonName: string;
  /** DNS names from subjectAltName. */
  readonly dnsNames: readonly string[];
  readonly notBefore: string;
  readonly notAfter: string;
  readonly fingerprint256: string;
  readonly serialNumber: string;
  readonly selfSigned: boolean;
}

/** A TLS handshake done without enforcing trust, recording every trust and name problem it saw. */
export interface TlsObservation {
  readonly host: string;
  readonly port: number;
  /** Address actually connected to (from DNS), or null when the connection failed before. */
  readonly address: string | null;
  readonly outcome: 'ok' | 'refused' | 'unreachable' | 'timeout' | 'tls-error' | 'error';
  readonly error: string | null;
  readonly protocol: string | null;
  readonly cipher: string | null;
  /** Chain verification against Node's CA list (not the Windows store): null when no handshake. */
  readonly chainTrusted: boolean | null;
  readonly chainError: string | null;
  /** Whether the certificate covers `host` (null when no certificate was seen or host is an address). */
  readonly nameMatches: boolean | null;
  readonly nameError: string | null;
  readonly certificate: PeerCertificateInfo | null;
  /** Always false: the probe reads past trust problems (like "ignore trust for SSL" in Remote Connectivity Analyzer). */
  readonly trustEnforced: false;
  readonly durationMs: number;
}

export type SipTargetSource = 'srv-internal' | 'srv-external' | 'host' | 'override' | 'redirect';

export interface SipTarget {
  readonly host: string;
  readonly port: number;
  readonly source: SipTargetSource;
  /** Addresses known from DNS for this host (empty: resolved at connect time). */
  readonly addresses: readonly string[];
  /** For redirects: the host:port that sent the 301/302. */
  readonly redirectedFrom?: string;
}

/** A SIP response, reduced to what diagnosis needs. */
export interface SipResponseInfo {
  readonly statusCode: number;
  readonly reasonPhrase: string;
  readonly challenges: readonly SipChallenge[];
  readonly diagnostics: readonly MsDiagnostic[];
  readonly server: string | null;
  /** Date header as sent. */
  readonly date: string | null;
  /** Local clock minus the server's Date, in seconds (positive: this PC is ahead); null without a usable Date. */
  readonly clockSkewSeconds: number | null;
  readonly contacts: readonly string[];
  /** ms-user-logon-data (e.g. RemoteUser: the request came through an Edge). */
  readonly userLogonData: string | null;
  readonly warning: string | null;
}

export type SipAttemptOutcome = 'response' | 'no-answer' | 'connect-failed' | 'tls-failed' | 'closed' | 'garbage' | 'skipped';

/** One connection to one SIP server: TLS, the credential-less REGISTER and what came back. */
export interface SipAttempt {
  readonly target: SipTarget;
  readonly tls: TlsObservation;
  readonly outcome: SipAttemptOutcome;
  readonly response: SipResponseInfo | null;
  /** Human summary of the attempt. */
  readonly message: string;
  /** Where a 301/302 pointed, when it did. */
  readonly redirectTo: { readonly host: string; readonly port: number } | null;
  readonly durationMs: number;
}

export type WebServiceKind = 'cert-provisioning' | 'web-ticket';

/** A credential-less GET of a CertProvisioning / WebTicket service description (…/mex). */
export interface WebServiceProbe {
  readonly kind: WebServiceKind;
  readonly url: string;
  readonly outcome: 'ok' | 'http-error' | 'unreachable' | 'tls-failed' | 'timeout' | 'invalid-url';
  readonly httpStatus: number | null;
  readonly tls: TlsObservation | null;
  readonly message: string;
}

export interface SipSection {
  readonly sipAddress: string;
  /** Servers the probe planned to try, in the client's order. */
  readonly targets: readonly SipTarget[];
  readonly attempts: readonly SipAttempt[];
  /** Index into attempts of the answer the client would act on (first answering target, after redirects), or null. */
  readonly finalAttempt: number | null;
  readonly webServices: readonly WebServiceProbe[];
  /** Always false; said plainly in every report. */
  readonly trustEnforced: false;
  readonly note: string;
}

/** Step of the sign-in as Lync performs it (connect: the TCP connection to the SIP server; autodiscover: lyncdiscover(internal)). */
export type TimelineStepId = 'discovery' | 'connect' | 'tls' | 'autodiscover' | 'register' | 'challenge' | 'certificate' | 'register-auth' | 'result';

export type TimelineStatus = 'ok' | 'warning' | 'failed' | 'not-observed' | 'skipped';

export interface TimelineEvidence {
  readonly label: string;
  readonly value: string;
}

export interface TimelineStep {
  readonly id: TimelineStepId;
  readonly title: string;
  readonly status: TimelineStatus;
  /** Where the facts came from (network: the TLS / autodiscover / proxy sections of the diagnosis). */
  readonly source: 'dns' | 'probe' | 'network' | 'log' | 'certificates' | 'none';
  readonly detail: string;
  readonly evidence: readonly TimelineEvidence[];
  /** Knowledge article explaining this step's failure (or the flow). */
  readonly articleId: string | null;
  readonly diagnostics: readonly MsDiagnostic[];
  /** Timestamp as found in a log, when the step came from one. */
  readonly at: string | null;
}

export interface SignInTimeline {
  readonly steps: readonly TimelineStep[];
  /** Index of the step where sign-in broke (first failed step), or null. */
  readonly failedStep: number | null;
  /** Id of that step (the same step as `failedStep`, by id), or null. */
  readonly failedStepId: TimelineStepId | null;
  readonly summary: string;
}
