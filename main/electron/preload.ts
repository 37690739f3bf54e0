/**
 * Preload (sandboxed, context-isolated): exposes exactly the API verbs as `window.lyncDoctor`, each
 * forwarding its arguments on its own channel. No ipcRenderer, no Node, nothing generic crosses over.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { API_VERBS, type LyncDoctorTransport } from '../model/api';
import { channelFor } from './channels';

/** The minimum of Electron's preload modules this file uses (so tests can hand in fakes). */
export interface PreloadElectron {
  readonly contextBridge: { exposeInMainWorld(key: string, api: unknown): void };
  readonly ipcRenderer: { invoke(channel: string, ...args: unknown[]): Promise<unknown> };
}

/** Builds the transport object: one function per verb, nothing else. */
export function buildTransport(invoke: PreloadElectron['ipcRenderer']['invoke']): LyncDoctorTransport {
  const api: Record<string, (...args: unknown[]) => Promise<unknown>> = {};
  for (const verb of API_VERBS) {
    const channel = channelFor(verb);
    api[verb] = (...args: unknown[]) => invoke(channel, ...args);
  }
  return Object.freeze(api) as unknown as LyncDoctorTransport;
}

/** Exposes the transport in the page's world as `window.lyncDoctor`. */
export function exposeApi(electron: PreloadElectron): void {
  const { ipcRenderer: ipc } = electron;
  electron.contextBridge.exposeInMainWorld('lyncDoctor', buildTransport((channel, ...args) => ipc.invoke(channel, ...args)));
}

exposeApi({ contextBridge, ipcRenderer });
