/** TLS connections that record trust and name problems instead of refusing: the probe must see past them. */
import { isIP } from 'node:net';
import { checkServerIdentity, connect, type DetailedPeerCertificate, type PeerCertificate, type TLSSocket } from 'node:tls';
import type { PeerCertificateInfo, TlsObservation } from '../model/sip';

export interface TlsTarget {
  readonly host: string;
  readonly port: number;
  /** Address to connect to (from our DNS); null lets the OS resolve `host`. */
  readonly address: string | null;
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
  /** Port to connect to when it differs from `port` (a --connect-to rule); `port` stays the one reported. */
  readonly connectPort?: number;
  /** Trusted roots to judge the chain against (public roots plus --ca-file); Node's public roots when absent. */
  readonly ca?: readonly string[];
}

function dn(o: unknown): string {
  if (!o || typeof o !== 'object') return '';
  return Object.entries(o as Record<string, unknown>)
    .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('+') : String(v)}`)
    .join(', ');
}

function firstOf(v: unknown): string {
  return Array.isArray(v) ? String(v[0] ?? '') : typeof v === 'string' ? v : '';
}

function iso(text: string | undefined): string {
  const t = text ? Date.parse(text) : NaN;
  return Number.isFinite(t) ? new Date(t).toISOString() : '';
}

/** Public facts of a peer certificate (never throws). */
export function certificateInfo(cert: PeerCertificate | DetailedPeerCertificate | null | undefined): PeerCertificateInfo | null {
  // Stryker disable next-line ConditionalExpression: equivalent, a non-object has no fingerprint256 either
  if (!cert || typeof cert !== 'object' || !cert.fingerprint256) return null;
  // Stryker disable next-line StringLiteral: equivalent, any text without "DNS:" gives no names
  const dnsNames = (cert.subjectaltname ?? '')
    .split(/,\s*/)
    .filter((s) => s.startsWith('DNS:'))
    .map((s) => s.slice(4).toLowerCase());
  const detailed = cert as DetailedPeerCertificate;
  const issuerCert = detailed.issuerCertificate;
  const subject = dn(cert.subject);
  const issuer = dn(cert.issuer);
  return {
    subject,
    issuer,
    subjectCommonName: firstOf((cert.subject as unknown as Record<string, unknown> | undefined)?.CN),
    dnsNames,
    notBefore: iso(cert.valid_from),
    notAfter: iso(cert.valid_to),
    fingerprint256: cert.fingerprint256,
    serialNumber: cert.serialNumber ?? '',
    selfSigned: issuerCert ? issuerCert.fingerprint256 === cert.fingerprint256 : subject === issuer,
  };
}

/** Name check as clients do it (RFC 6125 rules of node's checkServerIdentity). */
export function nameCheck(host: string, cert: PeerCertificate | null): { nameMatches: boolean | null; nameError: string | null } {
  if (!cert || !cert.fingerprint256) return { nameMatches: null, nameError: null };
  try {
    const err = checkServerIdentity(host, cert);
    return err ? { nameMatches: false, nameError: err.message } : { nameMatches: true, nameError: null };
  } catch (e) {
    return { nameMatches: false, nameError: (e as Error).message };
  }
}

/** Reads what the handshake showed from a connected socket. */
export function observeSocket(socket: TLSSocket, target: Pick<TlsTarget, 'host' | 'port'>, started: number): TlsObservation {
  let cert: DetailedPeerCertificate | null = null;
  try {
    const c = socket.getPeerCertificate(true);
    // Stryker disable next-line ConditionalExpression,LogicalOperator: equivalent, nameCheck and certificateInfo treat a certificate without fingerprint as none
    cert = c && c.fingerprint256 ? c : null;
  } catch {
    cert = null;
  }
  const names = nameCheck(target.host, cert);
  const authErr = socket.authorizationError as unknown;
  // Node checks the name only once the chain verified, and reports a mismatch as the authorization error:
  // the chain is trusted then (the name is judged apart, in nameMatches).
  const chainTrusted = socket.authorized || authErr === 'ERR_TLS_CERT_ALTNAME_INVALID';
  return {
    host: target.host,
    port: target.port,
    address: socket.remoteAddress ?? null,
    outcome: 'ok',
    error: null,
    protocol: socket.getProtocol() ?? null,
    // Stryker disable next-line OptionalChaining: equivalent, a connected TLS socket always has a cipher
    cipher: socket.getCipher()?.name ?? null,
    chainTrusted,
    chainError: chainTrusted ? null : authErr ? String(authErr instanceof Error ? authErr.message : authErr) : 'not trusted',
    ...names,
    certificate: certificateInfo(cert),
    trustEnforced: false,
    durationMs: Date.now() - started,
  };
}

/**
 * Client TLS options of the probe: old protocols allowed (Lync 2010 pools on Windows Server 2008 R2 speak only
 * TLS 1.0), trust not enforced; the negotiated protocol is recorded so old servers are visible, not invisible.
 */
export const PROBE_TLS_OPTIONS = { rejectUnauthorized: false, minVersion: 'TLSv1', ciphers: 'DEFAULT:@SECLEVEL=0' } as const;

/** A failed observation: no handshake happened. */
export function failedObservation(target: Pick<TlsTarget, 'host' | 'port' | 'address'>, outcome: TlsObservation['outcome'], error: string, started: number): TlsObservation {
  return {
    host: target.host,
    port: target.port,
    address: target.address,
    outcome,
    error,
    protocol: null,
    cipher: null,
    chainTrusted: null,
    chainError: null,
    nameMatches: null,
    nameError: null,
    certificate: null,
    trustEnforced: false,
    durationMs: Date.now() - started,
  };
}

/** Maps socket errors to outcomes; `tcpUp` tells a TLS failure from a TCP one. */
export function classifyError(e: NodeJS.ErrnoException, tcpUp: boolean): TlsObservation['outcome'] {
  // Stryker disable next-line StringLiteral: equivalent, any text that is not one of the codes below classifies alike
  const code = e.code ?? '';
  if (code === 'ECONNREFUSED') return 'refused';
  if (['ENETUNREACH', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EADDRNOTAVAIL', 'EAI_FAIL'].includes(code)) return 'unreachable';
  if (code === 'ETIMEDOUT') return 'timeout';
  if (tcpUp || code.startsWith('ERR_SSL') || code === 'EPROTO' || /ssl|tls|handshake|wrong version/i.test(e.message)) return 'tls-error';
  return 'error';
}

/**
 * Opens a TLS connection without enforcing trust (rejectUnauthorized: false) and reports what it saw.
 * The caller owns the returned socket and must destroy it.
 */
export function openTls(target: TlsTarget): Promise<{ socket: TLSSocket | null; tls: TlsObservation }> {
  const started = Date.now();
  return new Promise((resolve) => {
    let settled = false;
    let tcpUp = false;
    let socket: TLSSocket | undefined;
    const finish = (r: { socket: TLSSocket | null; tls: TlsObservation }): void => {
      // Stryker disable next-line ConditionalExpression: equivalent, after the first finish no listener or timer is left to call it again
      if (settled) return;
      // Stryker disable next-line BooleanLiteral: equivalent, see above
      settled = true;
      clearTimeout(timer);
      target.signal?.removeEventListener('abort', onAbort);
      if (!r.socket) socket?.destroy();
      resolve(r);
    };
    const onAbort = (): void => finish({ socket: null, tls: failedObservation(target, 'timeout', 'cancelled at the deadline', started) });
    const timer = setTimeout(
      () => finish({ socket: null, tls: failedObservation(target, 'timeout', `${tcpUp ? 'TLS handshake' : 'TCP connection'} did not complete within ${target.timeoutMs} ms`, started) }),
      Math.max(1, target.timeoutMs),
    );
    if (target.signal?.aborted) {
      onAbort();
      return;
    }
    // Stryker disable next-line ObjectLiteral,BooleanLiteral: equivalent, finish removes the listener anyway
    target.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      socket = connect({
        host: target.address ?? target.host,
        port: target.connectPort ?? target.port,
        servername: isIP(target.host) ? undefined : target.host,
        ...PROBE_TLS_OPTIONS,
        ...(target.ca ? { ca: [...target.ca] } : {}),
      });
    } catch (e) {
      finish({ socket: null, tls: failedObservation(target, 'error', (e as Error).message, started) });
      return;
    }
    const s = socket;
    s.once('connect', () => {
      tcpUp = true;
    });
    s.once('secureConnect', () => {
      // Stryker disable next-line StringLiteral: equivalent, the once-handler left would only call finish, which is settled
      s.removeAllListeners('error');
      s.on('error', () => undefined); // later errors are the caller's, never unhandled
      finish({ socket: s, tls: observeSocket(s, target, started) });
    });
    s.once('error', (e: NodeJS.ErrnoException) => {
      finish({ socket: null, tls: failedObservation(target, classifyError(e, tcpUp), `${e.code ? `${e.code}: ` : ''}${e.message}`, started) });
    });
  });
}
