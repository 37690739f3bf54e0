/**
 * The renderer's API client: the same LyncDoctorApi whether the preload exposed it (Electron) or the
 * page was served by the loopback bridge (token from the page URL). Failures become UiApiError.
 */
import type { ApiErrorCode, ApiReply, LyncDoctorApi, LyncDoctorTransport } from '../main/model/api';

/** The verbs (the renderer may import only types from main/, so the list is repeated and type-checked). */
export const VERBS = [
  'demo', 'startDiagnosis', 'runStatus', 'cancelRun', 'reanalyze', 'kbSearch', 'kbArticle', 'kbCodes',
  'bundlePreview', 'bundleExport', 'bundleImport', 'bundleCompare', 'fixList', 'fixPreview', 'fixApply', 'fixUndo',
  'historyList', 'historySave', 'historyOpen',
] as const satisfies ReadonlyArray<keyof LyncDoctorApi>;
type Verb = (typeof VERBS)[number];
type MissingVerbs = Exclude<keyof LyncDoctorApi, Verb>;
const everyVerbListed: [MissingVerbs] extends [never] ? true : MissingVerbs = true;
void everyVerbListed;

/** Error kinds the UI words; "unreachable" is the UI's own (the service did not answer at all). */
export type UiErrorCode = ApiErrorCode | 'unreachable';

export class UiApiError extends Error {
  override readonly name = 'UiApiError';
  constructor(readonly code: UiErrorCode, message: string) {
    super(message);
  }
}

declare global {
  interface Window {
    readonly lyncDoctor?: LyncDoctorTransport;
  }
}

const UNREACHABLE = "Lync Doctor's background service did not answer.";

type Call = (verb: Verb, args: readonly unknown[]) => Promise<ApiReply>;

function isReply(v: unknown): v is ApiReply {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as { ok?: unknown; error?: { code?: unknown; message?: unknown } };
  return r.ok === true || (r.ok === false && typeof r.error?.message === 'string' && typeof r.error.code === 'string');
}

/** Calls over the loopback bridge: POST /api/<verb>, authenticated by the page's HttpOnly session cookie (or a token, for tools). */
export function bridgeCall(token: string, fetchImpl: typeof fetch = fetch): Call {
  return async (verb, args) => {
    let res: Response;
    try {
      res = await fetchImpl(`/api/${verb}`, {
        method: 'POST',
        headers: token ? { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` } : { 'Content-Type': 'application/json' },
        credentials: 'same-origin',
        body: JSON.stringify({ args }),
        cache: 'no-store',
      });
    } catch {
      throw new UiApiError('unreachable', UNREACHABLE);
    }
    let body: unknown;
    try {
      body = await res.json();
    } catch {
      body = null;
    }
    if (isReply(body)) return body;
    return { ok: false, error: { code: 'failed', message: `The service answered HTTP ${res.status} without a result.` } };
  };
}

function electronCall(t: LyncDoctorTransport): Call {
  return async (verb, args) => {
    const f = t[verb] as (...a: readonly unknown[]) => Promise<unknown>;
    const reply = await f(...args);
    return isReply(reply) ? reply : { ok: false, error: { code: 'failed', message: 'The app answered without a result.' } };
  };
}

/** Wraps a transport into the typed API; a refused or failed call throws UiApiError. */
export function apiFrom(call: Call): LyncDoctorApi {
  const method = (verb: Verb) => async (...args: unknown[]): Promise<unknown> => {
    let reply: ApiReply;
    try {
      reply = await call(verb, args);
    } catch (e) {
      throw e instanceof UiApiError ? e : new UiApiError('unreachable', UNREACHABLE);
    }
    if (reply.ok) return reply.value;
    throw new UiApiError(reply.error.code, reply.error.message);
  };
  const api: Record<string, unknown> = {};
  for (const v of VERBS) api[v] = method(v);
  return api as unknown as LyncDoctorApi;
}

/** The API for this page: Electron's preload if present, else the bridge (its session cookie was set when the page opened). */
export function connect(): LyncDoctorApi {
  if (window.lyncDoctor) return apiFrom(electronCall(window.lyncDoctor));
  return apiFrom(bridgeCall(''));
}
