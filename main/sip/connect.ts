/** The connection options the SIP probe shares with the other probes: --connect-to, --ca-file, --proxy. */

/** A --connect-to rule: connections for host:port go to toHost:toPort (same shape as the collectors' ConnectTo). */
export interface ConnectRule {
  readonly host: string;
  readonly port: number;
  readonly toHost: string;
  readonly toPort: number;
}

/** The connection options every probe shares (--connect-to, --ca-file, --proxy), so the SIP probe sees what the TLS probe sees. */
export interface ProbeConnectOptions {
  readonly connectTo?: readonly ConnectRule[];
  /** Trusted roots: the public ones plus --ca-file's certificates (PEM); absent: Node's public roots. */
  readonly ca?: readonly string[];
  /** HTTP proxy for the HTTPS web-service requests (SIP itself goes direct, as the client first tries). */
  readonly proxy?: { readonly host: string; readonly port: number };
}

/** Where a connection for host:port really goes, after --connect-to. */
export function mapConnect(rules: readonly ConnectRule[] | undefined, host: string, port: number): { address: string; port: number } | null {
  const r = rules?.find((x) => x.host === host.toLowerCase() && x.port === port);
  return r ? { address: r.toHost, port: r.toPort } : null;
}
