/**
 * A real SIP-over-TLS peer on loopback for tests: answers REGISTER the way a Lync pool does (401 with NTLM /
 * Kerberos / TLS-DSK challenges and ms-diagnostics, 301 redirect to another pool, 403), or stays silent,
 * hangs up, or sends garbage. Also an HTTPS server for the CertProv / WebTicket …/mex endpoints.
 * Framing here is deliberately independent of main/sip (a plain header-end search), so tests do not
 * check our parser with itself.
 */
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { createServer, type Server, type TlsOptions, type TLSSocket } from 'node:tls';
import type { MadeCert } from './forge-certs';

/** A received request: raw text and a few headers, read with simple string work. */
export interface ReceivedRequest {
  readonly raw: string;
  readonly startLine: string;
  header(name: string): string | undefined;
}

export type Answer = string | { readonly kind: 'silence' } | { readonly kind: 'close' } | { readonly kind: 'garbage'; readonly bytes?: Buffer };

export type Behaviour = (req: ReceivedRequest) => Answer;

export interface SipLab {
  readonly port: number;
  readonly requests: ReceivedRequest[];
  close(): Promise<void>;
}

function received(raw: string): ReceivedRequest {
  const lines = raw.split(/\r?\n/);
  return {
    raw,
    startLine: lines[0] ?? '',
    header(name: string) {
      const want = name.toLowerCase();
      const l = lines.find((x) => x.toLowerCase().startsWith(`${want}:`));
      return l ? l.slice(l.indexOf(':') + 1).trim() : undefined;
    },
  };
}

/** Builds a response to `req` with the dialog headers copied (CRLF, Content-Length 0 unless a body is given). */
export function reply(req: ReceivedRequest, status: number, reason: string, extra: readonly string[] = [], body = ''): string {
  const copy = ['Via', 'From', 'Call-ID', 'CSeq'].map((h) => `${h}: ${req.header(h) ?? ''}`);
  const to = `To: ${req.header('To') ?? ''};tag=5A1B2C3D4E5F`;
  return [`SIP/2.0 ${status} ${reason}`, ...extra, copy[1], to, copy[2], copy[3], copy[0], 'Server: RTC/7.0', `Content-Length: ${Buffer.byteLength(body)}`, '', body].join('\r\n');
}

/** Starts a TLS SIP server with the given certificate; `behaviour` answers each request; `tls` e.g. pins an old protocol; `host` is the loopback address (::1 for IPv6). */
export async function startSipServer(cert: MadeCert, behaviour: Behaviour, tls: TlsOptions = {}, host = '127.0.0.1'): Promise<SipLab> {
  const requests: ReceivedRequest[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer({ key: cert.keyPem, cert: cert.pem, ...tls }, (socket: TLSSocket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    let buf = '';
    socket.on('data', (chunk: Buffer) => {
      buf += chunk.toString('utf8');
      for (;;) {
        const end = buf.indexOf('\r\n\r\n');
        if (end < 0) return;
        const raw = buf.slice(0, end + 4);
        buf = buf.slice(end + 4);
        const req = received(raw);
        requests.push(req);
        const a = behaviour(req);
        if (typeof a === 'string') socket.write(a);
        else if (a.kind === 'close') socket.destroy();
        else if (a.kind === 'garbage') socket.write(a.bytes ?? Buffer.from('\x16\x03\x01 this is not SIP at all \x00\xff\r\n\r\n'));
        // silence: read and never answer
      }
    });
  });
  server.on('tlsClientError', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  return {
    port: (server.address() as AddressInfo).port,
    requests,
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

export interface MexLab {
  readonly port: number;
  readonly paths: string[];
  readonly headers: Array<Record<string, string | string[] | undefined>>;
  close(): Promise<void>;
}

/** HTTPS server answering GET <path> with the status from `routes` (404 otherwise) and a small WSDL-like body. */
export async function startMexServer(cert: MadeCert, routes: Readonly<Record<string, number>>): Promise<MexLab> {
  const paths: string[] = [];
  const headers: MexLab['headers'] = [];
  const server: HttpsServer = createHttpsServer({ key: cert.keyPem, cert: cert.pem }, (req, res) => {
    paths.push(req.url ?? '');
    headers.push({ ...req.headers });
    const status = routes[req.url ?? ''] ?? 404;
    res.writeHead(status, { 'Content-Type': 'application/soap+xml; charset=utf-8' });
    res.end(status === 200 ? '<wsdl:definitions name="CertProvisioningService"/>' : 'not here');
  });
  server.on('tlsClientError', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    paths,
    headers,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The 401 a Lync pool sends to the first REGISTER, as in the recorded exchange (seed 002), with our sts-uri. */
export function lync401(req: ReceivedRequest, opts: { stsUri: string; schemes?: ReadonlyArray<'NTLM' | 'Kerberos' | 'TLS-DSK'>; remoteUser?: boolean; date?: Date; extraDiag?: string }): string {
  const schemes = opts.schemes ?? ['NTLM', 'Kerberos', 'TLS-DSK'];
  const lines: string[] = [];
  if (opts.remoteUser) lines.push('ms-user-logon-data: RemoteUser');
  lines.push(`Date: ${(opts.date ?? new Date()).toUTCString()}`);
  for (const s of schemes) {
    if (s === 'TLS-DSK') lines.push(`WWW-Authenticate: TLS-DSK realm="SIP Communications Service", targetname="pool01.contoso.com", version=4,`, `                sts-uri="${opts.stsUri}"`);
    else lines.push(`WWW-Authenticate: ${s} realm="SIP Communications Service", targetname="${s === 'Kerberos' ? 'sip/pool01.contoso.com' : 'pool01.contoso.com'}", version=4`);
  }
  lines.push(
    'ms-diagnostics: 1033;reason="Previous hop server component did not report diagnostic information";',
    '   Domain="contoso.com";PeerServer="pool01.contoso.com";source="sip.contoso.com"',
    'ms-diagnostics-public: 1033;reason="Previous hop server component did not report diagnostic information";',
    '   Domain="contoso.com";PeerServer="pool01.contoso.com"',
  );
  if (opts.extraDiag) lines.push(`ms-diagnostics: ${opts.extraDiag}`);
  return reply(req, 401, 'Unauthorized', lines);
}

/** The 401 of seed 002 (msxfaq, Lync 2013 client from outside), as printed there. */
export const SEED_401 = `SIP/2.0 401 unauthorized
ms-User-logon-data: RemoteUser
Date: Tue, 10 Sep 2013 14:07:51 GMT
WWW-Authenticate: NTLM realm="SIP Communications Service", targetname="NAWLYNC001.msxfaq.de", version=4
WWW-Authenticate: TLS-DSK realm="SIP Communications Service", targetname="NAWLYNC001.msxfaq.de", version=4, 
                sts-uri="https://lync.msxfaq.de:443/CertProv/CertProvisioningService.svc"
From: <sip:User1@msxfaq.de>;tag=c5e826a828;epid=2385f4c267
To: <sip:User1@msxfaq.de>;tag=56F569001EB609644C7C3179016F5D0B
Call-ID: c7311426f0604bc3b2517cf72dbe956c
CSeq: 9 REGISTER
Via: SIP/2.0/TLS 2.200.56.245:36299;ms-received-port=36299;ms-received-cid=7079900
Server: RTC/5.0
Content-Length: 0
ms-diagnostics: 1033;reason="Previous hop server component did not report diagnostic information";
   Domain="msxfaq.de";PeerServer="nawlync001.msxfaq.de";source="sip.msxfaq.de"
ms-diagnostics-public: 1033;reason="Previous hop server component did not report diagnostic information";
   Domain="msxfaq.de";PeerServer="nawlync001.msxfaq.de"
`;
