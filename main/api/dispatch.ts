/**
 * One place where a call that crossed a boundary (IPC or loopback HTTP) meets the API: validate, invoke,
 * and turn any outcome into the ApiReply envelope (a plain message, never a stack trace).
 */
import type { ApiErrorCode, ApiReply, LyncDoctorApi } from '../model/api';
import { assertNever } from '../model/status';
import { validateCall, type ValidCall } from './validate';

/** An error with a code the UI can word (thrown by API implementations). */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(readonly code: ApiErrorCode, message: string) {
    super(message);
  }
}

/** The error a verb throws when its capability is not part of this build. */
export function notAvailable(verb: string, what: string): ApiError {
  return new ApiError('not-available', `${what} is not available in this build (${verb}).`);
}

/** Calls the verb of a validated call (exhaustive: a new verb must be added here). */
export function invoke(api: LyncDoctorApi, call: ValidCall): Promise<unknown> {
  switch (call.verb) {
    case 'demo': return api.demo();
    case 'startDiagnosis': return api.startDiagnosis(...call.args);
    case 'runStatus': return api.runStatus(...call.args);
    case 'cancelRun': return api.cancelRun(...call.args);
    case 'reanalyze': return api.reanalyze(...call.args);
    case 'kbSearch': return api.kbSearch(...call.args);
    case 'kbArticle': return api.kbArticle(...call.args);
    case 'kbCodes': return api.kbCodes(...call.args);
    case 'bundlePreview': return api.bundlePreview(...call.args);
    case 'bundleExport': return api.bundleExport(...call.args);
    case 'bundleImport': return api.bundleImport(...call.args);
    case 'bundleCompare': return api.bundleCompare(...call.args);
    case 'fixList': return api.fixList(...call.args);
    case 'fixPreview': return api.fixPreview(...call.args);
    case 'fixApply': return api.fixApply(...call.args);
    case 'fixUndo': return api.fixUndo(...call.args);
    case 'historyList': return api.historyList();
    case 'historySave': return api.historySave(...call.args);
    case 'historyOpen': return api.historyOpen(...call.args);
    default: return assertNever(call, 'API verb');
  }
}

/** Turns anything thrown by an implementation into a reply error (message only; first line, bounded). */
export function errorReply(e: unknown): ApiReply<never> {
  if (e instanceof ApiError) return { ok: false, error: { code: e.code, message: e.message } };
  const message = e instanceof Error ? e.message : String(e);
  return { ok: false, error: { code: 'failed', message: message.split('\n')[0]?.slice(0, 2000) || 'the operation failed' } };
}

/** Validates then invokes; never throws. `onError` sees unexpected failures (for a log), not refusals. */
export async function dispatch(api: LyncDoctorApi, verb: unknown, args: unknown, onError?: (verb: string, e: unknown) => void): Promise<ApiReply> {
  const v = validateCall(verb, args);
  if (!v.ok) return { ok: false, error: { code: v.code, message: v.message } };
  try {
    const value = await invoke(api, v.call);
    return { ok: true, value: value === undefined ? null : value };
  } catch (e) {
    if (!(e instanceof ApiError)) onError?.(v.call.verb, e);
    return errorReply(e);
  }
}
