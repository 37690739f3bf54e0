/** Real loopback servers for the network-path tests: TLS/HTTPS, HTTP proxies (tunnel, 407, refuse, garbage, silent), black holes. */
import { createServer as createHttpServer, type IncomingMessage, type Server as HttpServer, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { connect as netConnect, createServer as createNetServer, type AddressInfo, type Server, type Socket } from 'node:net';
import type { SecureVersion } from 'node:tls';
import type { ServerCert } from './lab-pki';

export interface LabServer {
  readonly port: number;
  /** Connections accepted so far. */
  readonly connections: () => number;
  /** Connections still open on the server side. */
  readonly open: () => number;
  close(): Promise<void>;
}

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** Listens on loopback: 127.0.0.1 unless a test asks for ::1 (IPv6 endpoints). */
function listen(server: Server | HttpServer, host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve) => server.listen(0, host, () => resolve((server.address() as AddressInfo).port)));
}

/** Wraps a server so close() also destroys every open socket (no test waits on keep-alive). */
function track(server: Server | HttpServer, port: number, event: 'connection' | 'secureConnection' = 'connection'): LabServer {
  const sockets = new Set<Socket>();
  let count = 0;
  server.on(event, (s: Socket) => {
    count++;
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  if (event !== 'connection') server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  return {
    port,
    connections: () => count,
    open: () => sockets.size,
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

export interface TlsServerOptions {
  readonly cert: ServerCert;
  readonly minVersion?: SecureVersion;
  readonly maxVersion?: SecureVersion;
  readonly ciphers?: string;
  /** HTTP handler; default answers 200 "ok" with a Date header. */
  readonly handler?: Handler;
  /** Loopback address to listen on (default 127.0.0.1; "::1" for IPv6). */
  readonly listenHost?: string;
}

/** An HTTPS server presenting exactly the given chain (also serves as a SIP-TLS endpoint: the handshake is what counts). */
export async function startTlsServer(opts: TlsServerOptions): Promise<LabServer> {
  const server = createHttpsServer(
    {
      cert: opts.cert.certPems.join('\n'),
      key: opts.cert.keyPem,
      ...(opts.minVersion ? { minVersion: opts.minVersion } : {}),
      ...(opts.maxVersion ? { maxVersion: opts.maxVersion } : {}),
      ...(opts.ciphers ? { ciphers: opts.ciphers } : {}),
    },
    opts.handler ??
      ((_req, res) => {
        res.writeHead(200, { 'Content-Type': 'text/plain' });
        res.end('ok');
      }),
  );
  server.on('tlsClientError', () => undefined);
  const port = await listen(server, opts.listenHost);
  return track(server, port, 'secureConnection');
}

/** A plain HTTP server (PAC files, huge answers…). */
export async function startHttpServer(handler: Handler): Promise<LabServer> {
  const server = createHttpServer(handler);
  const port = await listen(server);
  return track(server, port);
}

/** A raw TCP server running `onConnection` for each client (garbage answers, early closes…). */
export async function startRawServer(onConnection: (s: Socket) => void): Promise<LabServer> {
  const server = createNetServer((s) => {
    s.on('error', () => undefined);
    onConnection(s);
  });
  const port = await listen(server);
  return track(server, port);
}

/** Accepts connections and never sends a byte. */
export async function startBlackhole(): Promise<LabServer> {
  const server = createNetServer((s) => {
    s.on('error', () => undefined);
    s.resume();
  });
  const port = await listen(server);
  return track(server, port);
}

export type ProxyMode = 'tunnel' | 'auth' | 'refuse' | 'garbage' | 'silent';

export interface ProxyOptions {
  readonly mode: ProxyMode;
  /** Proxy-Authenticate header values for mode "auth" (one header each). */
  readonly schemes?: readonly string[];
  /** Where a CONNECT host:port really goes (default: refuse unknown targets with 502). */
  readonly resolve?: (host: string, port: number) => { host: string; port: number } | null;
  /** Modes per target ("host:port"), overriding `mode`. */
  readonly perTarget?: Readonly<Record<string, ProxyMode>>;
  /** Exact bytes to answer a CONNECT to a target ("host:port") with, then close (e.g. a real squid error captured from squid). */
  readonly replay?: Readonly<Record<string, Buffer>>;
  /** Loopback address to listen on (default 127.0.0.1; "::1" for IPv6). */
  readonly listenHost?: string;
}

export interface LabProxy extends LabServer {
  /** Every request head received (request line + headers). */
  readonly heads: string[];
}

/** An HTTP proxy that only speaks CONNECT, with the behaviour a test asks for. */
export async function startProxy(opts: ProxyOptions): Promise<LabProxy> {
  const heads: string[] = [];
  const server = createNetServer((client) => {
    client.on('error', () => undefined);
    let buf = Buffer.alloc(0);
    const onData = (chunk: Buffer): void => {
      buf = Buffer.concat([buf, chunk]);
      const end = buf.indexOf('\r\n\r\n');
      if (end < 0) {
        if (buf.length > 65536) client.destroy();
        return;
      }
      client.off('data', onData);
      const head = buf.subarray(0, end).toString('latin1');
      const rest = buf.subarray(end + 4);
      heads.push(head);
      const m = /^CONNECT\s+(\S+):(\d+)\s+HTTP\/1\.[01]/i.exec(head);
      const target = m ? `${(m[1] as string).toLowerCase()}:${m[2]}` : '';
      const replayed = opts.replay?.[target];
      if (replayed) {
        client.end(replayed);
        return;
      }
      const mode = opts.perTarget?.[target] ?? opts.mode;
      const date = `Date: ${new Date().toUTCString()}\r\n`;
      if (mode === 'silent') return;
      if (mode === 'garbage') {
        client.end('SSH-2.0-OpenSSH_9.6p1 Ubuntu-3ubuntu13\r\n');
        return;
      }
      if (!m) {
        client.end(`HTTP/1.1 405 Method Not Allowed\r\n${date}Content-Length: 0\r\nConnection: close\r\n\r\n`);
        return;
      }
      if (mode === 'auth') {
        const auth = (opts.schemes ?? ['NTLM', 'Negotiate']).map((s) => `Proxy-Authenticate: ${s}\r\n`).join('');
        client.end(`HTTP/1.1 407 Proxy Authentication Required\r\n${date}Server: LabProxy/1.0\r\n${auth}Content-Type: text/html\r\nContent-Length: 20\r\nConnection: close\r\n\r\n<html>denied</html>\n`);
        return;
      }
      if (mode === 'refuse') {
        client.end(`HTTP/1.1 403 Forbidden\r\n${date}Server: LabProxy/1.0\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`);
        return;
      }
      const to = opts.resolve?.(m[1] as string, Number(m[2]));
      if (!to) {
        client.end(`HTTP/1.1 502 Bad Gateway\r\n${date}Content-Length: 0\r\nConnection: close\r\n\r\n`);
        return;
      }
      const upstream = netConnect({ host: to.host, port: to.port }, () => {
        client.write(`HTTP/1.1 200 Connection established\r\n${date}\r\n`);
        if (rest.length) upstream.write(rest);
        client.pipe(upstream);
        upstream.pipe(client);
      });
      upstream.on('error', () => client.destroy());
      client.on('close', () => upstream.destroy());
    };
    client.on('data', onData);
  });
  const port = await listen(server, opts.listenHost);
  const t = track(server, port);
  return { ...t, heads };
}

/** Forwards TCP to a target, delaying every chunk by `oneWayMs` in each direction (a slow WAN in front of a lab server). */
export async function startLatencyShim(targetPort: number, oneWayMs: number): Promise<LabServer> {
  const server = createNetServer((client) => {
    client.on('error', () => undefined);
    const upstream = netConnect({ host: '127.0.0.1', port: targetPort });
    upstream.on('error', () => client.destroy());
    const delayed = (from: Socket, to: Socket): void => {
      from.on('data', (c: Buffer) => {
        setTimeout(() => {
          if (!to.destroyed) to.write(c);
        }, oneWayMs);
      });
      from.on('end', () => setTimeout(() => to.end(), oneWayMs));
      from.on('close', () => setTimeout(() => to.destroy(), oneWayMs));
    };
    delayed(client, upstream);
    delayed(upstream, client);
  });
  const port = await listen(server);
  return track(server, port);
}

/** Closes every lab server given (ignores ones already closed). */
export async function closeAll(servers: ReadonlyArray<{ close(): Promise<void> }>): Promise<void> {
  await Promise.all(servers.map((s) => s.close().catch(() => undefined)));
}
