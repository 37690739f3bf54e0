/**
 * IPC handlers: one `handle` per API verb. Each checks the sender is our window's top frame on our
 * origin, validates the payload and calls the same API the bridge and CLI use. No electron import
 * at runtime here (types only), so it is tested with a fake ipcMain.
 */
import { dispatch } from '../api/dispatch';
import { API_VERBS, type ApiReply, type LyncDoctorApi } from '../model/api';
import { APP_ORIGIN, channelFor } from './channels';

/** What a handler sees of Electron's IpcMainInvokeEvent. */
export interface InvokeEventLike {
  readonly sender: { readonly id: number };
  readonly senderFrame: { readonly url: string; readonly parent: unknown } | null;
}

/** What registration needs of Electron's ipcMain. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => Promise<ApiReply>): void;
  removeHandler(channel: string): void;
}

/** True when the call comes from the top frame of our window, showing our own page. */
export function isTrustedSender(event: InvokeEventLike, windowContentsId: number | null, origin: string = APP_ORIGIN): boolean {
  if (windowContentsId === null || event.sender.id !== windowContentsId) return false;
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null) return false;
  try {
    // Compare scheme and host: URL.origin is "null" for custom schemes, so it cannot be used here.
    const got = new URL(frame.url);
    const want = new URL(origin);
    return got.protocol === want.protocol && got.host === want.host && got.username === '' && got.password === '';
  } catch {
    return false;
  }
}

/** Registers a handler per verb; returns a function that removes them. */
export function registerIpc(
  ipcMain: IpcMainLike,
  api: LyncDoctorApi,
  windowContentsId: () => number | null,
  onError?: (verb: string, e: unknown) => void,
): () => void {
  for (const verb of API_VERBS) {
    ipcMain.handle(channelFor(verb), async (event, ...args) => {
      if (!isTrustedSender(event, windowContentsId())) {
        return { ok: false, error: { code: 'refused', message: 'Refused: the request did not come from the Lync Doctor window.' } };
      }
      return dispatch(api, verb, args, onError);
    });
  }
  return () => {
    for (const verb of API_VERBS) ipcMain.removeHandler(channelFor(verb));
  };
}
