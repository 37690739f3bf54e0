/** Credential-less GETs of the CertProvisioning and WebTicket service descriptions (…/mex) a TLS-DSK challenge points to. */
import { request } from 'node:https';
import { isIP } from 'node:net';
import type { TLSSocket } from 'node:tls';
import type { SipChallenge, TlsObservation, WebServiceKind, WebServiceProbe } from '../model/sip';
import { classifyError, failedObservation, observeSocket, PROBE_TLS_OPTIONS } from './tls-observe';

export interface WebServiceTarget {
  readonly kind: WebServiceKind;
  readonly url: string;
}

/** The …/mex URLs to probe for a TLS-DSK sts-uri: CertProvisioning's own, and WebTicket's on the same web services. */
export function webServiceTargets(challenges: readonly SipChallenge[]): WebServiceTarget[] {
  const sts = challenges.find((c) => c.scheme.toLowerCase() === 'tls-dsk' && c.stsUri)?.stsUri;
  if (!sts) return [];
  let u: URL;
  try {
    u = new URL(sts);
  } catch {
    return [{ kind: 'cert-provisioning', url: sts }];
  }
  const base = `${u.protocol}//${u.host}`;
  const path = u.pathname.replace(/\/+$/, '');
  return [
    { kind: 'cert-provisioning', url: `${base}${path}/mex` },
    { kind: 'web-ticket', url: `${base}/WebTicket/WebTicketService.svc/mex` },
  ];
}

export interface WebProbeOptions {
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
  readonly userAgent: string;
  /** Addresses for a host from our DNS (empty: let the OS resolve). */
  readonly resolve: (host: string) => Promise<readonly string[]>;
  /** Never hand an unresolved name to the OS resolver (a --dns-server lab). */
  readonly resolverOnly?: boolean;
}

/** GETs one …/mex URL with no credentials, trust not enforced; records status and certificate. */
export async function probeWebService(t: WebServiceTarget, opts: WebProbeOptions): Promise<WebServiceProbe> {
  let u: URL;
  try {
    u = new URL(t.url);
    if (u.protocol !== 'https:') throw new Error('not an https URL');
  } catch (e) {
    return { kind: t.kind, url: t.url, outcome: 'invalid-url', httpStatus: null, tls: null, message: `sts-uri is not a usable https URL (${(e as Error).message})` };
  }
  const host = u.hostname.replace(/^\[|\]$/g, '');
  const port = u.port ? Number(u.port) : 443;
  const started = Date.now();
  const addresses = isIP(host) ? [host] : await opts.resolve(host).catch(() => [] as string[]);
  const address = addresses[0] ?? null;
  if (address === null && opts.resolverOnly) {
    return { kind: t.kind, url: t.url, outcome: 'unreachable', httpStatus: null, tls: null, message: `${host} does not resolve via the DNS server in use` };
  }
  return new Promise<WebServiceProbe>((resolve) => {
    let tls: TlsObservation | null = null;
    let tcpUp = false;
    let settled = false;
    const done = (p: Omit<WebServiceProbe, 'kind' | 'url' | 'tls'>): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      req.destroy();
      resolve({ kind: t.kind, url: t.url, tls, ...p });
    };
    const onAbort = (): void => done({ outcome: 'timeout', httpStatus: null, message: 'cancelled at the deadline' });
    const req = request({
      host: address ?? host,
      port,
      path: `${u.pathname}${u.search}`,
      method: 'GET',
      servername: isIP(host) ? undefined : host,
      ...PROBE_TLS_OPTIONS,
      agent: false,
      headers: { Host: u.host, 'User-Agent': opts.userAgent, Accept: '*/*' },
    });
    const timer = setTimeout(() => {
      tls ??= failedObservation({ host, port, address }, 'timeout', `no answer within ${opts.timeoutMs} ms`, started);
      done({ outcome: 'timeout', httpStatus: null, message: `${u.host} did not answer within ${opts.timeoutMs} ms` });
    }, Math.max(1, opts.timeoutMs));
    if (opts.signal?.aborted) {
      onAbort();
      return;
    }
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    req.on('socket', (s) => {
      s.once('connect', () => {
        tcpUp = true;
      });
      s.once('secureConnect', () => {
        tls = observeSocket(s as TLSSocket, { host, port }, started);
      });
    });
    req.on('response', (res) => {
      const status = res.statusCode ?? 0;
      let bytes = 0;
      res.on('data', (c: Buffer) => {
        bytes += c.length;
        if (bytes > 64 * 1024) res.destroy();
      });
      res.on('error', () => undefined);
      const ok = status >= 200 && status < 400;
      done({
        outcome: ok ? 'ok' : 'http-error',
        httpStatus: status,
        message: ok ? `${t.url} answered HTTP ${status} without credentials` : `${t.url} answered HTTP ${status} ${res.statusMessage ?? ''}`.trim(),
      });
    });
    req.on('error', (e: NodeJS.ErrnoException) => {
      const outcome = classifyError(e, tcpUp);
      tls ??= failedObservation({ host, port, address }, outcome, `${e.code ? `${e.code}: ` : ''}${e.message}`, started);
      done({ outcome: outcome === 'tls-error' ? 'tls-failed' : outcome === 'timeout' ? 'timeout' : 'unreachable', httpStatus: null, message: `${u.host}:${port} could not be reached: ${e.code ?? e.message}` });
    });
    req.end();
  });
}
