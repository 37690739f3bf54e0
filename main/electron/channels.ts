/** IPC channel names: one per API verb (no generic channel exists). Shared by preload and main. */

export const CHANNEL_PREFIX = 'lyncdoctor:';

/** The channel that carries `verb`. */
export function channelFor(verb: string): string {
  return `${CHANNEL_PREFIX}${verb}`;
}

/** The app's own origin inside Electron (a privileged custom scheme serving dist/renderer). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'lyncdoctor';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** True only for a URL of exactly our origin (scheme and host compared, never a prefix: app://lyncdoctor.evil is not ours). */
export function isAppUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST && u.username === '' && u.password === '' && u.port === '';
  } catch {
    return false;
  }
}

/** True only for exactly our origin string (what Electron passes to permission checks). */
export function isAppOrigin(origin: string): boolean {
  return origin === APP_ORIGIN || origin === `${APP_ORIGIN}/`;
}
