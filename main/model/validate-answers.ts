/** Validates questionnaire answers from untrusted JSON (CLI file, IPC, bundle): unknown keys rejected. */
import type { MobileDeviceAnswers, QuestionnaireAnswers, ServerAnswers } from './answers';

export type AnswersResult = { readonly ok: true; readonly answers: QuestionnaireAnswers } | { readonly ok: false; readonly error: string };

const PLATFORMS = ['ios', 'android', 'windows-phone', 'other'];
const TRI = ['yes', 'no', 'unknown'];
const ACTIONS = ['allow', 'warn', 'convert-to-text', 'block', 'unknown'];
const MAX = 200;

function obj(v: unknown, where: string): Record<string, unknown> | string {
  if (v === undefined) return {};
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return `${where} must be an object`;
  return v as Record<string, unknown>;
}

function pick(o: Record<string, unknown>, where: string, spec: Record<string, readonly string[] | 'text'>): Record<string, string> | string {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(o)) {
    const allowed = spec[k];
    if (!allowed) return `${where}.${k} is not a known question`;
    if (v === undefined || v === null || v === '') continue;
    if (typeof v !== 'string' || v.length > MAX) return `${where}.${k} must be a string of at most ${MAX} characters`;
    if (allowed !== 'text' && !allowed.includes(v)) return `${where}.${k} must be one of ${allowed.join(', ')}`;
    out[k] = v;
  }
  return out;
}

/** Checks shape and values; returns a clean copy or a message naming the offending field. */
export function validateAnswers(value: unknown): AnswersResult {
  const root = obj(value, 'answers');
  if (typeof root === 'string') return { ok: false, error: root };
  for (const k of Object.keys(root)) if (k !== 'mobile' && k !== 'server') return { ok: false, error: `answers.${k} is not a known section (mobile, server)` };
  const m = obj(root.mobile, 'answers.mobile');
  if (typeof m === 'string') return { ok: false, error: m };
  const s = obj(root.server, 'answers.server');
  if (typeof s === 'string') return { ok: false, error: s };
  const mobile = pick(m, 'answers.mobile', { platform: PLATFORMS, osVersion: 'text', app: 'text', appVersion: 'text', language: 'text', region: 'text' });
  if (typeof mobile === 'string') return { ok: false, error: mobile };
  const server = pick(s, 'answers.server', { imUrlFilterEnabled: TRI, imUrlFilterAction: ACTIONS, pushNotificationsConfigured: TRI, pushLyncComFederated: TRI });
  if (typeof server === 'string') return { ok: false, error: server };
  const answers: QuestionnaireAnswers = {
    ...(Object.keys(mobile).length ? { mobile: mobile as MobileDeviceAnswers } : {}),
    ...(Object.keys(server).length ? { server: server as ServerAnswers } : {}),
  };
  return { ok: true, answers };
}
