/** Client log facts: SIP transactions, auth schemes, ms-diagnostics, web-service calls and HRESULTs. */
import type { MsDiagnostic, SipChallenge } from './sip';

export type LogFileOrigin = 'auto' | 'given';

/** One log file and how reading it went. */
export interface LogFileReading {
  readonly path: string;
  readonly origin: LogFileOrigin;
  readonly outcome: 'ok' | 'absent' | 'access-denied' | 'error';
  readonly message: string;
  readonly bytes: number;
  readonly lines: number;
  /** Lines longer than the per-line cap (cut, never fatal). */
  readonly longLines: number;
  /** Bytes that were not valid UTF-8 (replaced, never fatal). */
  readonly invalidUtf8: boolean;
  readonly firstTimestamp: string | null;
  readonly lastTimestamp: string | null;
  readonly modifiedAt: string | null;
}

/** A SIP message found in a trace. `withCredentials`: a request carrying Authorization / Proxy-Authorization. */
export interface LoggedSipMessage {
  readonly file: string;
  /** 1-based line of the message's first line. */
  readonly line: number;
  readonly timestamp: string | null;
  readonly direction: 'sent' | 'received' | 'unknown';
  readonly peer: string | null;
  readonly kind: 'request' | 'response';
  readonly method: string | null;
  readonly requestUri: string | null;
  readonly statusCode: number | null;
  readonly reasonPhrase: string | null;
  readonly callId: string | null;
  readonly cseq: number | null;
  readonly cseqMethod: string | null;
  readonly from: string | null;
  /** Scheme of the Authorization / Proxy-Authorization header, when the request carried credentials (never the value). */
  readonly credentialsScheme: string | null;
  readonly challenges: readonly SipChallenge[];
  readonly diagnostics: readonly MsDiagnostic[];
  readonly contacts: readonly string[];
  readonly date: string | null;
  /** Scheme of Authentication-Info on a response: the server authenticated the request it answers. */
  readonly authInfoScheme?: string | null;
  /** The message's start line as read (the line that proves a step). */
  readonly startLine?: string;
}

export type WebCallKind = 'autodiscover' | 'cert-provisioning' | 'web-ticket' | 'other';

/** A web-service URL the client logged (autodiscover, CertProv, WebTicket), with the HTTP status where logged. */
export interface LoggedWebCall {
  readonly file: string;
  readonly line: number;
  readonly timestamp: string | null;
  readonly kind: WebCallKind;
  readonly url: string;
  readonly httpStatus: number | null;
  readonly text: string;
}

/** An error line carrying an HRESULT, grouped by code. */
export interface LoggedError {
  readonly hresult: string;
  /** Symbolic name where the sources give one (e.g. SIP_E_AUTH_NTLMMISMATCH). */
  readonly name: string | null;
  readonly count: number;
  readonly firstLine: number;
  readonly firstFile: string;
  readonly firstTimestamp: string | null;
  readonly sample: string;
  /**
   * What knowledge/hresults.json says of it, when it has an entry (added when the log was read; absent in older
   * bundles): its meaning, what to do, and the article of the known issue it is linked to.
   */
  readonly advice?: { readonly meaning: string; readonly likelyFix: string; readonly articleId: string | null };
}

/** Every ms-diagnostics code seen, grouped by code and header. */
export interface DiagnosticCount {
  readonly diagnostic: MsDiagnostic;
  readonly count: number;
  readonly firstFile: string;
  readonly firstLine: number;
  /** Status code of the response that carried it first (null for a request or HTTP line). */
  readonly statusCode: number | null;
  readonly cseqMethod: string | null;
}

export interface LogsSection {
  readonly files: readonly LogFileReading[];
  /** REGISTER messages and every failure response (capped; `dropped` counts what did not fit). */
  readonly messages: readonly LoggedSipMessage[];
  readonly droppedMessages: number;
  /** Count of SIP messages by method (requests) or "status NNN" (responses). */
  readonly counts: Readonly<Record<string, number>>;
  readonly diagnostics: readonly DiagnosticCount[];
  readonly webCalls: readonly LoggedWebCall[];
  readonly droppedWebCalls: number;
  readonly errors: readonly LoggedError[];
  /** Authentication schemes the server offered in 401/407 responses. */
  readonly schemesOffered: readonly string[];
  /** Schemes the client answered with (Authorization / Proxy-Authorization). */
  readonly schemesUsed: readonly string[];
}
