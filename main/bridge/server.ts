/**
 * The loopback bridge: serves the built renderer and the API on 127.0.0.1 (random port), for the
 * no-Electron mode and the E2E tests. Every request needs the per-run token; other Hosts/Origins are refused.
 */
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join } from 'node:path';
import { dispatch } from '../api/dispatch';
import type { ApiErrorCode, ApiReply, LyncDoctorApi } from '../model/api';
import { newToken, presentedToken, refuseOrigin, SECURITY_HEADERS, tokenMatches } from './security';

export interface BridgeOptions {
  readonly api: LyncDoctorApi;
  /** Folder of the built renderer (index.html, app.js, app.css). */
  readonly rendererDir: string;
  readonly token?: string;
  readonly port?: number;
  /** Largest accepted API request body (bundles travel base64 inside JSON). */
  readonly maxBodyBytes?: number;
  /** Unexpected failures inside a verb (for a log); refusals are not reported here. */
  readonly onError?: (verb: string, e: unknown) => void;
}

export interface Bridge {
  /** Page URL including the token: what the browser opens. */
  readonly url: string;
  readonly origin: string;
  readonly port: number;
  readonly token: string;
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

/** Adds the token to the page's own asset references, so every follow-up request carries it. */
export function withToken(html: string, token: string): string {
  return html.replace(/\b(src|href)="\.\/([A-Za-z0-9._-]+)"/g, (_m, attr: string, file: string) => `${attr}="./${file}?token=${encodeURIComponent(token)}"`);
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
  let port = 0;

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const why = refuseOrigin(req.headers, port);
    if (why) return refuse(res, 403, 'refused', `Refused: ${why}.`);
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    const api = API.exec(url.pathname);
    if (api) {
      if (req.method !== 'POST') return refuse(res, 405, 'bad-request', 'API calls are POST requests.');
      if (!tokenMatches(token, presentedToken(req.headers, url, false))) return refuse(res, 403, 'refused', 'Refused: missing or wrong token. Reopen the app from the address printed when it started.');
      if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) return refuse(res, 415, 'bad-request', 'API calls must send JSON (Content-Type: application/json).');
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
      const reply = await dispatch(opts.api, api[1], (parsed as { args?: unknown }).args ?? [], opts.onError);
      return sendReply(res, reply);
    }
    if (req.method !== 'GET') return refuse(res, 405, 'bad-request', 'Only GET for pages and POST for /api/<verb>.');
    if (!tokenMatches(token, presentedToken(req.headers, url, true))) {
      return send(res, 403, 'text/plain; charset=utf-8', 'Lync Doctor: this address needs the token printed when the app started (open the full URL from the console).');
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
    if (file === 'index.html') return send(res, 200, type, withToken(content.toString('utf8'), token));
    return send(res, 200, type, content);
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
  return {
    url: `${origin}/?token=${encodeURIComponent(token)}`,
    origin,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
