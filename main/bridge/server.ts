/**
 * The loopback bridge: serves the built renderer and the API on 127.0.0.1 (random port), for the
 * no-Electron mode and the E2E tests. The browser is given a one-time code (on its command line, readable in
 * `ps`), which the first page load exchanges for an HttpOnly, SameSite=Strict session cookie; the code then
 * expires. Every other request needs that cookie (or, for tools in this process, the session token as a
 * Bearer header); other Hosts/Origins are refused; the body size, the requests in flight and (in the API)
 * the diagnoses running at once are capped.
 */
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join } from 'node:path';
import { dispatch } from '../api/dispatch';
import type { ApiErrorCode, ApiReply, LyncDoctorApi } from '../model/api';
import { LoginCodes, newToken, presentedToken, refuseOrigin, SECURITY_HEADERS, SESSION_COOKIE, sessionCookie, sessionFromCookie, tokenMatches } from './security';

export interface BridgeOptions {
  readonly api: LyncDoctorApi;
  /** Folder of the built renderer (index.html, app.js, app.css). */
  readonly rendererDir: string;
  readonly token?: string;
  readonly port?: number;
  /** Largest accepted API request body (bundles travel base64 inside JSON). */
  readonly maxBodyBytes?: number;
  /** API requests handled at once; more are answered 429 (default 16). */
  readonly maxInFlight?: number;
  /** How long a one-time login code stays valid (default 2 minutes). */
  readonly codeTtlMs?: number;
  /** Unexpected failures inside a verb (for a log); refusals are not reported here. */
  readonly onError?: (verb: string, e: unknown) => void;
}

export interface Bridge {
  /** Page URL with a one-time login code: what the browser opens (the code works once, then expires). */
  readonly url: string;
  readonly origin: string;
  readonly port: number;
  /** The session secret (never printed or put on a command line): the cookie's value, or a Bearer token for in-process tools. */
  readonly token: string;
  /** A fresh one-time login URL (another window, or an address to print). */
  loginUrl(ttlMs?: number): string;
  close(): Promise<void>;
}

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

const ASSET = /^\/([A-Za-z0-9_-][A-Za-z0-9._-]{0,100})$/;
const API = /^\/api\/([A-Za-z]{1,40})$/;

const STATUS: Readonly<Record<ApiErrorCode, number>> = {
  busy: 429,
  'bad-request': 400,
  'unknown-verb': 404,
  'not-found': 404,
  refused: 403,
  'not-available': 501,
  failed: 500,
};

function send(res: ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': type, 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

function sendReply(res: ServerResponse, reply: ApiReply): void {
  send(res, reply.ok ? 200 : STATUS[reply.error.code], 'application/json; charset=utf-8', JSON.stringify(reply));
}

function refuse(res: ServerResponse, status: number, code: ApiErrorCode, message: string): void {
  const reply: ApiReply = { ok: false, error: { code, message } };
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(reply));
}

function readBody(req: IncomingMessage, max: number): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > max) over = true;
      else chunks.push(c);
    });
    req.on('end', () => resolve(over ? 'too-large' : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Starts the bridge on 127.0.0.1 (port 0 = random). */
export async function startBridge(opts: BridgeOptions): Promise<Bridge> {
  const token = opts.token ?? newToken();
  const maxBody = opts.maxBodyBytes ?? 96 * 1024 * 1024;
  const maxInFlight = opts.maxInFlight ?? 16;
  const codes = new LoginCodes(opts.codeTtlMs ?? 120_000);
  let inFlight = 0;
  let port = 0;

  /** The session cookie, or a Bearer header with the session token. */
  const authorised = (req: IncomingMessage): boolean => tokenMatches(token, sessionFromCookie(req.headers.cookie)) || tokenMatches(token, presentedToken(req.headers));

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const why = refuseOrigin(req.headers, port);
    if (why) return refuse(res, 403, 'refused', `Refused: ${why}.`);
    let url: URL;
    try {
      url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
      decodeURIComponent(url.pathname);
    } catch {
      return send(res, 400, 'text/plain; charset=utf-8', 'Bad request.');
    }
    const api = API.exec(url.pathname);
    if (api) {
      if (req.method !== 'POST') return refuse(res, 405, 'bad-request', 'API calls are POST requests.');
      if (!authorised(req)) return refuse(res, 403, 'refused', 'Refused: this window is not signed in to Lync Doctor. Reopen the app from the address printed when it started.');
      if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) return refuse(res, 415, 'bad-request', 'API calls must send JSON (Content-Type: application/json).');
      const declared = Number(req.headers['content-length'] ?? NaN);
      if (declared > maxBody) {
        res.setHeader('Connection', 'close');
        return refuse(res, 413, 'bad-request', `The request is larger than ${Math.round(maxBody / 1048576)} MB.`);
      }
      if (inFlight >= maxInFlight) return refuse(res, 429, 'busy', `Lync Doctor is handling ${inFlight} requests already; try again in a moment.`);
      inFlight++;
      try {
        return await handleApi(req, res, api[1] as string);
      } finally {
        inFlight--;
      }
    }
    if (req.method !== 'GET') return refuse(res, 405, 'bad-request', 'Only GET for pages and POST for /api/<verb>.');
    const code = url.searchParams.get('code');
    if (url.pathname === '/' && code !== null) {
      // The one-time code becomes the session cookie, then the address is replaced by one without it.
      if (codes.redeem(code)) {
        res.writeHead(303, { ...SECURITY_HEADERS, Location: '/', 'Set-Cookie': sessionCookie(token), 'Content-Length': 0 });
        return void res.end();
      }
      if (authorised(req)) {
        res.writeHead(303, { ...SECURITY_HEADERS, Location: '/', 'Content-Length': 0 });
        return void res.end();
      }
      return send(res, 403, 'text/plain; charset=utf-8', 'Lync Doctor: this address was already used or has expired. Start the app again (npm start) for a new one.');
    }
    if (!authorised(req)) {
      return send(res, 403, 'text/plain; charset=utf-8', `Lync Doctor: open the app from the address printed when it started (this window has no ${SESSION_COOKIE} session).`);
    }
    const file = url.pathname === '/' ? 'index.html' : ASSET.exec(url.pathname)?.[1];
    const type = file ? TYPES[extname(file)] : undefined;
    if (!file || !type) return send(res, 404, 'text/plain; charset=utf-8', 'Not found.');
    let content: Buffer;
    try {
      content = await readFile(join(opts.rendererDir, file));
    } catch {
      return send(res, 404, 'text/plain; charset=utf-8', file === 'index.html' ? 'The user interface is not built: run `npm run build:renderer`.' : 'Not found.');
    }
    return send(res, 200, type, content);
  };

  const handleApi = async (req: IncomingMessage, res: ServerResponse, verb: string): Promise<void> => {
    {
      const body = await readBody(req, maxBody);
      if (body === 'too-large') return refuse(res, 413, 'bad-request', `The request is larger than ${Math.round(maxBody / 1048576)} MB.`);
      let parsed: unknown;
      try {
        parsed = JSON.parse(body.toString('utf8'));
      } catch {
        return refuse(res, 400, 'bad-request', 'The request body is not valid JSON.');
      }
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed) || Object.keys(parsed).some((k) => k !== 'args')) {
        return refuse(res, 400, 'bad-request', 'The request body must be {"args": [...]}.');
      }
      const reply = await dispatch(opts.api, verb, (parsed as { args?: unknown }).args ?? [], opts.onError);
      return sendReply(res, reply);
    }
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', 'Internal error.');
      else res.destroy();
    });
  });
  server.headersTimeout = 10_000;
  server.requestTimeout = 120_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  const loginUrl = (ttlMs?: number): string => `${origin}/?code=${encodeURIComponent(codes.issue(ttlMs))}`;
  return {
    url: loginUrl(),
    origin,
    port,
    token,
    loginUrl,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
