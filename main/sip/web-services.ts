/** Credential-less GETs of the CertProvisioning and WebTicket service descriptions (…/mex) a TLS-DSK challenge points to. */
import { hostPort } from '../model/endpoint';
import { request } from 'node:https';
import { isIP } from 'node:net';
import { mapConnect, type ProbeConnectOptions } from './connect';
import { connect as netConnect, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { connect as tlsConnect, type TLSSocket } from 'node:tls';
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
  /** --connect-to, --ca-file and --proxy as every probe applies them. */
  readonly connect?: ProbeConnectOptions;
}

/**
 * Opens a CONNECT tunnel through an HTTP proxy (no credentials); rejects with the proxy's status line otherwise, and at
 * once when the proxy hangs up before answering. Resolves with the socket paused: bytes the proxy sent right after its
 * 2xx (RFC 9110 §9.3.6: they belong to the tunnel) stay in it for the consumer (a TLS wrap reads them first).
 */
export function proxyTunnel(proxy: { host: string; port: number }, target: string, timeoutMs: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = netConnect({ host: proxy.host, port: proxy.port });
    let head = Buffer.alloc(0);
    let settled = false;
    const fail = (e: Error): void => {
      // Stryker disable next-line ConditionalExpression,BooleanLiteral: equivalent, a second fail repeats idempotent steps (clearTimeout, destroy, reject of a settled promise)
      if (settled) return;
      // Stryker disable next-line BooleanLiteral: equivalent, see above
      settled = true;
      clearTimeout(timer);
      s.destroy();
      reject(e);
    };
    const timer = setTimeout(() => fail(new Error(`proxy ${hostPort(proxy.host, proxy.port)} did not answer CONNECT ${target} within ${timeoutMs} ms`)), Math.max(1, timeoutMs));
    const onHangUp = (): void => fail(new Error(`proxy ${hostPort(proxy.host, proxy.port)} closed the connection before answering CONNECT ${target}`));
    s.once('error', (e) => fail(e));
    // Stryker disable next-line StringLiteral: equivalent, a 'close' always follows the 'end' (no half-open sockets here)
    s.once('end', onHangUp);
    // Stryker disable next-line StringLiteral: equivalent, the 'end' before it reports the hang-up (a reset is an 'error')
    s.once('close', onHangUp);
    s.once('connect', () => s.write(`CONNECT ${target} HTTP/1.1\r\nHost: ${target}\r\n\r\n`));
    const onData = (chunk: Buffer): void => {
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) {
        if (head.length > 16 * 1024) fail(new Error(`proxy ${hostPort(proxy.host, proxy.port)} sent an over-long answer to CONNECT`));
        return;
      }
      s.off('data', onData);
      const status = /^HTTP\/1\.[01] (\d{3})([^\r\n]*)/.exec(head.subarray(0, end).toString('latin1'));
      // Stryker disable next-line OptionalChaining: equivalent, the group is always set when the line matched
      if (!status || !status[1]?.startsWith('2')) {
        fail(new Error(`proxy ${hostPort(proxy.host, proxy.port)} refused CONNECT ${target}${status ? ` (${status[1]}${status[2]})` : ''}`));
        return;
      }
      // Stryker disable next-line BooleanLiteral: equivalent, no listener or timer is left to call fail after this
      settled = true;
      clearTimeout(timer);
      // Stryker disable next-line StringLiteral: equivalent, a handler left behind would only call fail, which is settled
      s.removeAllListeners('error');
      // Stryker disable next-line StringLiteral: equivalent, see above
      s.off('end', onHangUp);
      // Stryker disable next-line StringLiteral: equivalent, see above
      s.off('close', onHangUp);
      // Paused before handing over: without a 'data' listener a flowing socket would drop what follows the 200.
      s.pause();
      // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent, unshifting an empty buffer adds nothing
      if (head.length > end + 4) s.unshift(head.subarray(end + 4));
      resolve(s);
    };
    s.on('data', onData);
  });
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
  // Stryker disable next-line Regex: equivalent, URL puts brackets only around a whole IPv6 hostname
  const host = u.hostname.replace(/^\[|\]$/g, '');
  const port = u.port ? Number(u.port) : 443;
  const started = Date.now();
  const proxy = opts.connect?.proxy;
  const mapped = mapConnect(opts.connect?.connectTo, host, port);
  let dnsProblem: string | undefined;
  const addresses = mapped
    ? [mapped.address]
    : isIP(host) || proxy
      ? [host]
      : await opts.resolve(host).catch((e: Error) => {
          dnsProblem = e.message;
          return [] as string[];
        });
  const address = addresses[0] ?? null;
  if (address === null && opts.resolverOnly) {
    return { kind: t.kind, url: t.url, outcome: 'unreachable', httpStatus: null, tls: null, message: dnsProblem ?? `${host} does not resolve via the DNS server in use` };
  }
  return new Promise<WebServiceProbe>((resolve) => {
    if (opts.signal?.aborted) {
      // Before any connection: a request made and destroyed at once would only raise "socket hang up".
      resolve({ kind: t.kind, url: t.url, tls: null, outcome: 'timeout', httpStatus: null, message: 'cancelled at the deadline' });
      return;
    }
    let tls: TlsObservation | null = null;
    let tcpUp = false;
    let settled = false;
    const done = (p: Omit<WebServiceProbe, 'kind' | 'url' | 'tls'>): void => {
      // Stryker disable next-line ConditionalExpression,BooleanLiteral: equivalent, a second done repeats idempotent steps (clearTimeout, destroy, resolve of a settled promise)
      if (settled) return;
      // Stryker disable next-line BooleanLiteral: equivalent, see above
      settled = true;
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      req.destroy();
      resolve({ kind: t.kind, url: t.url, tls, ...p });
    };
    const onAbort = (): void => done({ outcome: 'timeout', httpStatus: null, message: 'cancelled at the deadline' });
    const servername = isIP(host) ? undefined : host;
    const tlsOptions = { ...PROBE_TLS_OPTIONS, ...(opts.connect?.ca ? { ca: [...opts.connect.ca] } : {}) };
    // Through --proxy: a CONNECT tunnel to the (mapped) target, then TLS inside it, as the client's WinINET does.
    const viaProxy = proxy
      ? {
          createConnection: (_o: unknown, cb: (err: Error | null, s: Duplex) => void): undefined => {
            proxyTunnel(proxy, hostPort(mapped?.address ?? host, mapped?.port ?? port), opts.timeoutMs).then(
              (raw) => cb(null, tlsConnect({ socket: raw, servername, ...tlsOptions })),
              (e: Error) => cb(e, undefined as unknown as Duplex),
            );
            return undefined;
          },
        }
      : {};
    const req = request({
      host: address ?? host,
      port: mapped?.port ?? port,
      path: `${u.pathname}${u.search}`,
      // Stryker disable next-line StringLiteral: equivalent, node's default method is GET
      method: 'GET',
      servername,
      ...tlsOptions,
      // No agent with the tunnel (an agent would use its own connection and ignore createConnection).
      // Stryker disable next-line ObjectLiteral: equivalent for one request: no agent option is the global agent, as undefined is, and a pooled connection is not reused here
      ...(proxy ? { agent: undefined } : { agent: false as const }),
      ...viaProxy,
      headers: { Host: u.host, 'User-Agent': opts.userAgent, Accept: '*/*' },
    });
    const timer = setTimeout(() => {
      tls ??= failedObservation({ host, port, address }, 'timeout', `no answer within ${opts.timeoutMs} ms`, started);
      done({ outcome: 'timeout', httpStatus: null, message: `${u.host} did not answer within ${opts.timeoutMs} ms` });
    }, Math.max(1, opts.timeoutMs));
    // Stryker disable next-line ObjectLiteral,BooleanLiteral: equivalent, done removes the listener anyway
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
      // The status is all we read: done() destroys the request (and its body) at once.
      res.on('error', () => undefined);
      // Stryker disable next-line ConditionalExpression: equivalent, node hands 1xx over as 'information', never as the response
      const ok = status >= 200 && status < 400;
      done({
        outcome: ok ? 'ok' : 'http-error',
        httpStatus: status,
        // Stryker disable next-line StringLiteral: equivalent, a client response always has a statusMessage (maybe empty)
        message: ok ? `${t.url} answered HTTP ${status} without credentials` : `${t.url} answered HTTP ${status} ${res.statusMessage ?? ''}`.trim(),
      });
    });
    req.on('error', (e: NodeJS.ErrnoException) => {
      const outcome = classifyError(e, tcpUp);
      tls ??= failedObservation({ host, port, address }, outcome, `${e.code ? `${e.code}: ` : ''}${e.message}`, started);
      done({ outcome: outcome === 'tls-error' ? 'tls-failed' : outcome === 'timeout' ? 'timeout' : 'unreachable', httpStatus: null, message: `${hostPort(host, port)} could not be reached: ${e.code ?? e.message}` });
    });
    req.end();
  });
}
