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

/** The token a request presents as `Authorization: Bearer …` (never in a URL: URLs end up in history and logs). */
export function presentedToken(headers: IncomingHttpHeaders): string | null {
  const auth = headers.authorization;
  if (typeof auth !== 'string') return null;
  const m = /^Bearer ([A-Za-z0-9_-]{1,200})$/.exec(auth);
  return m ? (m[1] as string) : null;
}

/** The session cookie's name. */
export const SESSION_COOKIE = 'ld_session';

/** Set-Cookie for the session: HttpOnly (no script reads it), SameSite=Strict (no other site sends it), this origin only. */
export function sessionCookie(token: string): string {
  return `${SESSION_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`;
}

/** The session value from a Cookie header, or null. */
export function sessionFromCookie(header: string | undefined): string | null {
  if (typeof header !== 'string' || header.length > 8192) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === SESSION_COOKIE) return part.slice(eq + 1).trim();
  }
  return null;
}

/**
 * One-time login codes: what the browser gets on its command line (visible to other local users in `ps`).
 * A code is exchanged once for the session cookie and then, or after its time-to-live, no longer works.
 */
export class LoginCodes {
  private readonly codes = new Map<string, number>();

  constructor(private readonly ttlMs: number, private readonly now: () => number = Date.now) {}

  /** A fresh code valid once within `ttlMs`. */
  issue(ttlMs = this.ttlMs): string {
    const code = randomBytes(24).toString('base64url');
    this.codes.set(code, this.now() + ttlMs);
    for (const [c, until] of this.codes) if (until < this.now()) this.codes.delete(c);
    return code;
  }

  /** True once for a valid, unexpired code; the code is spent either way. */
  redeem(code: string): boolean {
    for (const [c, until] of this.codes) {
      if (tokenMatches(c, code)) {
        this.codes.delete(c);
        return until >= this.now();
      }
    }
    return false;
  }
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
