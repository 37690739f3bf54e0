/** Lync autodiscover (lyncdiscover / lyncdiscoverinternal) answers: links returned, or why none came. */

export type AutodiscoverOutcome =
  | 'ok'
  | 'not-resolved'
  | 'http-error'
  | 'redirect-loop'
  | 'bad-answer'
  | 'too-large'
  | 'timeout'
  | 'unreachable'
  | 'tls-failed'
  | 'proxy-auth-required'
  | 'proxy-failed';

/** One link of the answer: token (XML / Root.Links) or rel (_links JSON) and its URL. */
export interface AutodiscoverLink {
  readonly token: string;
  readonly href: string;
}

export interface AutodiscoverAttempt {
  readonly role: 'lyncdiscoverinternal' | 'lyncdiscover';
  /** First URL asked. */
  readonly url: string;
  /** Every URL asked, in order (redirects and Redirect links followed). */
  readonly hops: readonly string[];
  readonly via: string | null;
  readonly outcome: AutodiscoverOutcome;
  readonly status: number | null;
  readonly contentType: string | null;
  readonly format: 'json' | 'xml' | null;
  readonly accessLocation: string | null;
  readonly links: readonly AutodiscoverLink[];
  /** The User link, when present. */
  readonly userUrl: string | null;
  /** What the User link answered without credentials (401 expected) and the schemes it offered. */
  readonly user?: { readonly status: number | null; readonly authSchemes: readonly string[]; readonly message: string };
  readonly message: string;
  readonly durationMs: number;
  /** Leaf certificate SHA-256 of the server that answered the first request. */
  readonly leafSha256: string | null;
  readonly serverDate?: string;
  readonly localDate?: string;
}

export interface AutodiscoverSection {
  readonly sipAddress: string;
  readonly attempts: readonly AutodiscoverAttempt[];
}

/** Host names of every link (lower-case, unique). */
export function linkHosts(links: readonly AutodiscoverLink[]): string[] {
  const hosts = new Set<string>();
  for (const l of links) {
    const m = /^https?:\/\/([^/:?#]+)/i.exec(l.href);
    if (m) hosts.add((m[1] as string).toLowerCase());
  }
  return [...hosts];
}
