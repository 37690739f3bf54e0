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
