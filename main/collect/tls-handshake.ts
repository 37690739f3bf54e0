/** One bounded TLS handshake over a socket: protocol, cipher and the certificates exactly as the server sent them. */
import type { Socket } from 'node:net';
import { connect, type DetailedPeerCertificate, type SecureVersion, type TLSSocket } from 'node:tls';
import { NetError, type ProbeScope } from './proxy-net';

/** A chain longer than this is cut when read (the count is still reported). */
export const MAX_CHAIN_READ = 64;

export interface HandshakeOptions {
  readonly minVersion?: SecureVersion;
  readonly maxVersion?: SecureVersion;
  readonly ciphers?: string;
}

export interface Handshake {
  readonly socket: TLSSocket;
  readonly protocol: string | null;
  readonly cipher: string | null;
  /** DER of each certificate as sent, leaf first. */
  readonly chainDer: readonly Buffer[];
}

/** Walks getPeerCertificate(true); with an empty CA list Node adds nothing the server did not send. */
export function sentChain(peer: DetailedPeerCertificate | undefined): Buffer[] {
  const out: Buffer[] = [];
  const seen = new Set<DetailedPeerCertificate>();
  let c: DetailedPeerCertificate | undefined = peer;
  while (c && c.raw && !seen.has(c) && out.length < MAX_CHAIN_READ) {
    seen.add(c);
    out.push(c.raw);
    c = c.issuerCertificate && c.issuerCertificate !== c ? c.issuerCertificate : undefined;
  }
  return out;
}

function classify(e: NodeJS.ErrnoException, where: string): NetError {
  const msg = `${e.code ?? ''} ${e.message}`;
  if (/WRONG_VERSION_NUMBER|wrong version number|packet length too long|record layer failure/i.test(msg)) return new NetError('not-tls', `${where} does not speak TLS on this port (${e.code ?? e.message})`);
  if (/UNSUPPORTED_PROTOCOL|no protocols available|protocol version|TLSV1_ALERT_PROTOCOL_VERSION/i.test(msg)) return new NetError('handshake-failed', `${where} refused the offered TLS versions (${e.code ?? e.message})`);
  if (e.code === 'ECONNRESET' || e.code === 'EPIPE') return new NetError('reset', `${where} closed the connection during the TLS handshake`);
  return new NetError('handshake-failed', `${where}: TLS handshake failed (${e.code ?? e.message.split('\n')[0]})`);
}

/** Runs a TLS client handshake on `raw` (never verifying: trust is judged separately); SNI is set for names. */
export function tlsHandshake(scope: ProbeScope, raw: Socket, servername: string, timeoutMs: number, opts: HandshakeOptions = {}): Promise<Handshake> {
  return new Promise((resolve, reject) => {
    const where = servername;
    if (scope.expired || timeoutMs <= 0) {
      raw.destroy();
      reject(new NetError('timeout', `no time left for the TLS handshake with ${where}`));
      return;
    }
    const isIp = /^[0-9.]+$/.test(servername) || servername.includes(':');
    const s = scope.track(
      connect({
        socket: raw,
        ...(isIp ? {} : { servername }),
        rejectUnauthorized: false,
        ca: [],
        ...(opts.minVersion ? { minVersion: opts.minVersion } : {}),
        ...(opts.maxVersion ? { maxVersion: opts.maxVersion } : {}),
        ...(opts.ciphers ? { ciphers: opts.ciphers } : {}),
      }),
    );
    let done = false;
    const finish = (err: NetError | null): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      if (err) {
        s.destroy();
        raw.destroy();
        reject(err);
        return;
      }
      let chainDer: Buffer[] = [];
      try {
        chainDer = sentChain(s.getPeerCertificate(true));
      } catch {
        chainDer = [];
      }
      resolve({ socket: s, protocol: s.getProtocol() ?? null, cipher: s.getCipher()?.name ?? null, chainDer });
    };
    const timer = setTimeout(() => finish(new NetError('timeout', `${where} accepted the connection but did not complete a TLS handshake within ${timeoutMs} ms`)), timeoutMs);
    s.once('secureConnect', () => finish(null));
    s.on('error', (e: NodeJS.ErrnoException) => finish(classify(e, where)));
    s.once('close', () =>
      finish(scope.expired ? new NetError('timeout', `TLS handshake with ${where} cut at the deadline`) : new NetError('reset', `${where} closed the connection before the TLS handshake finished`)),
    );
  });
}
