/** One bounded HTTP/1.1 exchange over a socket we opened (direct, tunnelled or TLS): capped body, timed, never throws raw. */
import { request, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { NetError, type ProbeScope } from './proxy-net';

export const USER_AGENT = 'LyncDoctor/0.1 (network probe; no credentials)';

/** Reason phrase kept: bounded, yet long enough for ISA/TMG's "407 Proxy Authentication Required ( … is denied.  )" (138 characters). */
const REASON_MAX = 200;

export interface HttpAsk {
  readonly method: 'GET' | 'HEAD' | 'CONNECT';
  /** Request target: "/path?query" or, for CONNECT, "host:port". */
  readonly path: string;
  /** Host header value. */
  readonly host: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** Body bytes kept; the exchange stops (truncated) past this. */
  readonly maxBody: number;
  readonly timeoutMs: number;
  /** Who answers, as error messages name it (default: the Host value; for CONNECT the proxy answers, not the host). */
  readonly answerer?: string;
}

export interface HttpAnswer {
  readonly status: number;
  readonly statusText: string;
  readonly headers: IncomingHttpHeaders;
  readonly rawHeaders: readonly string[];
  readonly body: Buffer;
  /** Body bytes received (up to the cap + one chunk). */
  readonly bodyBytes: number;
  readonly truncated: boolean;
  /** The connection ended before the body was complete. */
  readonly incomplete: boolean;
  /** Local clock when the status line arrived (for the Date comparison). */
  readonly localDate: Date;
  /** CONNECT answered 2xx: the tunnel socket (caller owns it). */
  readonly tunnel?: Socket;
}

/** Every value of one header from rawHeaders (case-insensitive), in order. */
export function headerValues(raw: readonly string[], name: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) if ((raw[i] as string).toLowerCase() === name.toLowerCase()) out.push(raw[i + 1] as string);
  return out;
}

/** Sends one request on `socket` and reads the answer within `ask.timeoutMs`. */
export function httpExchange(scope: ProbeScope, socket: Duplex, ask: HttpAsk, now: () => Date): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    let done = false;
    const finish = (err: NetError | null, answer?: HttpAnswer): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      if (err) {
        req.destroy();
        socket.destroy();
        reject(err);
      } else resolve(answer as HttpAnswer);
    };
    if (scope.expired || ask.timeoutMs <= 0) {
      socket.destroy();
      reject(new NetError('timeout', 'no time left to send the request'));
      return;
    }
    const who = ask.answerer ?? ask.host;
    const req = request({
      method: ask.method,
      path: ask.path,
      setHost: false,
      headers: { Host: ask.host, 'User-Agent': USER_AGENT, Connection: 'close', ...(ask.headers ?? {}) },
      createConnection: () => socket as Socket,
    });
    const timer = setTimeout(
      () => finish(new NetError('timeout', `${who} accepted the connection but sent no complete answer within ${ask.timeoutMs} ms`)),
      ask.timeoutMs,
    );
    req.on('error', (e: NodeJS.ErrnoException) => {
      if (scope.expired) finish(new NetError('timeout', `${who}: no complete answer before the deadline`));
      else if (typeof e.code === 'string' && e.code.startsWith('HPE_')) {
        finish(new NetError('not-http', `${who} answered with something that is not HTTP (${e.code}: ${e.message.split('\n')[0]})`));
      } else if (e.code === 'ECONNRESET' || e.code === 'EPIPE') {
        finish(new NetError('reset', `${who} closed the connection without an HTTP answer`));
      } else finish(new NetError('timeout', `${who}: ${e.code ?? e.message}`));
    });
    req.on('connect', (res: IncomingMessage, tunnel: Socket, head: Buffer) => {
      const localDate = now();
      const ok = (res.statusCode ?? 0) >= 200 && (res.statusCode ?? 0) < 300;
      if (ok && head.length) tunnel.unshift(head);
      if (!ok) tunnel.destroy();
      else scope.track(tunnel);
      finish(null, {
        status: res.statusCode ?? 0,
        statusText: (res.statusMessage ?? '').slice(0, REASON_MAX),
        headers: res.headers,
        rawHeaders: res.rawHeaders,
        body: Buffer.alloc(0),
        bodyBytes: 0,
        truncated: false,
        incomplete: false,
        localDate,
        ...(ok ? { tunnel } : {}),
      });
    });
    req.on('response', (res: IncomingMessage) => {
      const localDate = now();
      const chunks: Buffer[] = [];
      let bytes = 0;
      let truncated = false;
      const answer = (): HttpAnswer => ({
        status: res.statusCode ?? 0,
        statusText: (res.statusMessage ?? '').slice(0, REASON_MAX),
        headers: res.headers,
        rawHeaders: res.rawHeaders,
        body: Buffer.concat(chunks),
        bodyBytes: bytes,
        truncated,
        incomplete: false,
        localDate,
      });
      res.on('data', (c: Buffer) => {
        if (done) return;
        bytes += c.length;
        if (bytes > ask.maxBody) {
          truncated = true;
          chunks.push(c.subarray(0, Math.max(0, ask.maxBody - (bytes - c.length))));
          const a = answer();
          done = true;
          clearTimeout(timer);
          res.destroy();
          socket.destroy();
          resolve(a);
          return;
        }
        chunks.push(c);
      });
      res.on('end', () => finish(null, answer()));
      res.on('error', () => finish(null, { ...answer(), incomplete: true }));
      res.on('aborted', () => finish(null, { ...answer(), incomplete: true }));
    });
    req.end();
  });
}
