/** The loopback bridge's gatekeeping rules: token, Host, Origin and fetch-site checks, and response headers. */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/**
 * Content Security Policy for the renderer wherever it is served (bridge header, Electron protocol
 * header, and the meta tag in index.html): own scripts and styles only, no eval, no remote anything.
 */
export const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

/** Headers every bridge response carries. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
};

/** A fresh random token for one run of the bridge (URL-safe). */
export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

/** Constant-time token comparison. */
export function tokenMatches(expected: string, given: string | null | undefined): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The token a request presents: `Authorization: Bearer …`, or `?token=` on a page/asset GET. */
export function presentedToken(headers: IncomingHttpHeaders, url: URL, allowQuery: boolean): string | null {
  const auth = headers.authorization;
  if (typeof auth === 'string') {
    const m = /^Bearer ([A-Za-z0-9_-]{1,200})$/.exec(auth);
    return m ? (m[1] as string) : null;
  }
  return allowQuery ? url.searchParams.get('token') : null;
}

/** Why a request is refused before its token is even looked at (DNS rebinding, cross-site calls), or null. */
export function refuseOrigin(headers: IncomingHttpHeaders, port: number): string | null {
  const hosts = [`127.0.0.1:${port}`, `localhost:${port}`];
  if (!headers.host || !hosts.includes(headers.host.toLowerCase())) return `unexpected Host header ${JSON.stringify(headers.host ?? null)}`;
  const origin = headers.origin;
  if (origin !== undefined && !hosts.some((h) => origin.toLowerCase() === `http://${h}`)) return `unexpected Origin ${JSON.stringify(origin)}`;
  const site = headers['sec-fetch-site'];
  if (typeof site === 'string' && site !== 'same-origin' && site !== 'none') return `cross-site request (${site})`;
  return null;
}
