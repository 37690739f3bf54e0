/**
 * Schema validation of every API verb's arguments, shared by the Electron IPC handlers and the loopback
 * bridge: whatever crosses the boundary is `unknown` until a hand-written validator has checked it.
 */
import type { QuestionnaireAnswers } from '../model/answers';
import { API_VERBS, SYMPTOMS, type Symptom, type BundleFile, type DiagnoseRequest, type DiagnosisView, type GuidedState, type LyncDoctorApi, type RedactionLevel, type UiState, type UploadedFile } from '../model/api';
import type { Finding } from '../model/finding';
import { validate as validateSchema } from '../model/schema';
import type { Snapshot } from '../model/snapshot';
import { validateAnswers } from '../model/validate-answers';
import { findingSchema, validateSnapshot } from '../model/validate-snapshot';

/** A verb of the API contract. */
export type ApiVerb = (typeof API_VERBS)[number];

// Compile-time guard: API_VERBS names every method of LyncDoctorApi (a new verb must be listed).
type MissingVerbs = Exclude<keyof LyncDoctorApi, ApiVerb>;
const everyVerbListed: [MissingVerbs] extends [never] ? true : MissingVerbs = true;
void everyVerbListed;

/** The checked argument tuple of each verb. */
export type ApiArgs = { [K in ApiVerb]: Parameters<LyncDoctorApi[K]> };

/** A call whose verb is known and whose arguments passed validation. */
export type ValidCall = { [K in ApiVerb]: { readonly verb: K; readonly args: ApiArgs[K] } }[ApiVerb];

/** Thrown by validators; the message names the offending path, e.g. `args[0].sipAddress`. */
export class ValidationError extends Error {
  override readonly name = 'ValidationError';
}

/** A validator: returns the value typed, or throws ValidationError naming `path`. */
export type Validator<T> = (value: unknown, path: string) => T;

const fail = (path: string, expected: string, value: unknown): never => {
  const got = value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
  throw new ValidationError(`${path}: expected ${expected}, got ${got}`);
};

/** Limits: generous for real data, small enough that a hostile payload cannot exhaust memory. */
export const LIMITS = {
  shortText: 320,
  text: 64 * 1024,
  bundleBase64: 64 * 1024 * 1024,
  findings: 2000,
  evidence: 500,
  /** A pasted excerpt searched in the knowledge base (a whole log page; the search reads its codes and failure lines). */
  pastedText: 16 * 1024 * 1024,
  sections: 64,
  listItems: 1000,
} as const;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function str(max: number = LIMITS.shortText, pattern?: RegExp, what?: string): Validator<string> {
  return (v, path) => {
    if (typeof v !== 'string') return fail(path, what ?? `a string`, v);
    if (v.length > max) throw new ValidationError(`${path}: longer than ${max} characters`);
    if (pattern && !pattern.test(v)) throw new ValidationError(`${path}: expected ${what ?? `text matching ${pattern}`}`);
    return v;
  };
}

export function int(min: number, max: number): Validator<number> {
  return (v, path) => {
    if (typeof v !== 'number' || !Number.isInteger(v)) return fail(path, 'an integer', v);
    if (v < min || v > max) throw new ValidationError(`${path}: must be between ${min} and ${max}, got ${v}`);
    return v;
  };
}

export function num(min: number, max: number): Validator<number> {
  return (v, path) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) return fail(path, 'a number', v);
    if (v < min || v > max) throw new ValidationError(`${path}: must be between ${min} and ${max}, got ${v}`);
    return v;
  };
}

export const bool: Validator<boolean> = (v, path) => (typeof v === 'boolean' ? v : fail(path, 'true or false', v));

export function oneOf<T extends string>(values: readonly T[]): Validator<T> {
  return (v, path) => {
    if (typeof v === 'string' && (values as readonly string[]).includes(v)) return v as T;
    throw new ValidationError(`${path}: expected one of ${values.join(', ')}, got ${JSON.stringify(v)?.slice(0, 60)}`);
  };
}

export function literal<T extends string | number>(value: T): Validator<T> {
  return (v, path) => {
    if (v === value) return value;
    throw new ValidationError(`${path}: expected ${JSON.stringify(value)}, got ${JSON.stringify(v)?.slice(0, 60)}`);
  };
}

export function nullable<T>(inner: Validator<T>): Validator<T | null> {
  return (v, path) => (v === null ? null : inner(v, path));
}

/** An optional property: absent/undefined passes as undefined. */
export function opt<T>(inner: Validator<T>): Validator<T | undefined> {
  return (v, path) => (v === undefined ? undefined : inner(v, path));
}

export function arr<T>(item: Validator<T>, max: number = LIMITS.listItems): Validator<readonly T[]> {
  return (v, path) => {
    if (!Array.isArray(v)) return fail(path, 'a list', v);
    if (v.length > max) throw new ValidationError(`${path}: more than ${max} items`);
    return v.map((x, i) => item(x, `${path}[${i}]`));
  };
}

/** An object with exactly these fields (unknown fields are refused, so typos surface). */
export function obj<T extends object>(fields: { readonly [K in keyof T]-?: Validator<T[K]> }): Validator<T> {
  return (v, path) => {
    if (!isRecord(v)) return fail(path, 'an object', v);
    for (const key of Object.keys(v)) {
      if (!Object.prototype.hasOwnProperty.call(fields, key)) throw new ValidationError(`${path}: unexpected field "${key.slice(0, 60)}"`);
    }
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(fields) as Array<keyof T & string>) {
      const checked = fields[key](v[key], `${path}.${key}`);
      if (checked !== undefined) out[key] = checked;
    }
    return out as T;
  };
}

/** A fixed-length argument list. */
export function tuple<T extends unknown[]>(...items: { readonly [I in keyof T]: Validator<T[I]> }): Validator<T> {
  return (v, path) => {
    if (!Array.isArray(v)) return fail(path, 'an argument list', v);
    if (v.length !== items.length) throw new ValidationError(`${path}: expected ${items.length} argument(s), got ${v.length}`);
    return (items as ReadonlyArray<Validator<unknown>>).map((item, i) => item(v[i], `${path}[${i}]`)) as T;
  };
}

const SECTION_ID = /^[A-Za-z][A-Za-z0-9-]{0,40}$/;

/** Questionnaire answers: the model's own validator (one set of rules for CLI, bundle and UI). */
export const questionnaireAnswers: Validator<QuestionnaireAnswers> = (v, path) => {
  const r = validateAnswers(v);
  if (!r.ok) throw new ValidationError(`${path}: ${r.error}`);
  return r.answers;
};

function fromIssues(path: string, issues: readonly string[]): never {
  const shown = issues.slice(0, 3).map((i) => i.replace(/^(snapshot|findings)\b/, path)).join('; ');
  throw new ValidationError(issues.length > 3 ? `${shown}; and ${issues.length - 3} more problem(s)` : shown);
}

/**
 * A Snapshot, by the model's structural rules (validate-snapshot.ts: envelope of every section, data
 * schema of the sections that have one, bounded JSON): the same rules an imported bundle passes.
 */
export const snapshot: Validator<Snapshot> = (v, path) => {
  const r = validateSnapshot(v);
  return r.ok ? r.value : fromIssues(path, r.issues);
};

export const finding: Validator<Finding> = (v, path) => {
  const issues = validateSchema(v, findingSchema, path);
  return issues.length ? fromIssues(path, issues) : (v as Finding);
};

/** A field the service derives itself (timeline, cause): accepted when the window sends its view back, then dropped. */
const derived = <T>(): Validator<T | undefined> => (v, path) => {
  if (v !== undefined && v !== null && !isRecord(v)) return fail(path, 'an object', v);
  return undefined;
};

export const diagnosisView: Validator<DiagnosisView> = obj<DiagnosisView>({
  snapshot,
  findings: arr(finding, LIMITS.findings),
  importedFrom: opt(str(1000)),
  timeline: derived(),
  cause: derived(),
});

/** A picked text file: a plain name (no folder) and its text, bounded. */
export function uploadedFile(maxChars: number): Validator<UploadedFile> {
  return obj<UploadedFile>({
    fileName: str(255, /^[^\\/:*?"<>|\u0000-\u001f]+$/, 'a file name without a folder'),
    text: str(maxChars),
  });
}

/** Client logs are read from their end (the sign-in of interest is last): 32 MB of text each is plenty. */
export const UPLOAD_LIMITS = { logChars: 32 * 1024 * 1024, logs: 8, pemChars: 1024 * 1024 } as const;

const guidedState: Validator<GuidedState> = obj<GuidedState>({ open: bool, done: arr(bool, 100) });

/** The window's state for one diagnosis: bounded keys and lists, booleans only (nothing free-form to leak). */
export const uiState: Validator<UiState> = (v, path) => {
  const base = obj<{ selected?: string; guided: Record<string, unknown> }>({
    selected: opt(str(400)),
    guided: (g, p) => {
      if (!isRecord(g)) return fail(p, 'an object', g);
      if (Object.keys(g).length > LIMITS.findings) throw new ValidationError(`${p}: more than ${LIMITS.findings} items`);
      return g;
    },
  })(v, path);
  const guided: Record<string, GuidedState> = {};
  for (const [k, g] of Object.entries(base.guided)) {
    if (k.length > 400) throw new ValidationError(`${path}.guided: a key longer than 400 characters`);
    guided[k] = guidedState(g, `${path}.guided[${JSON.stringify(k.slice(0, 40))}]`);
  }
  return { ...(base.selected !== undefined ? { selected: base.selected } : {}), guided };
};

export const diagnoseRequest: Validator<DiagnoseRequest> = obj<DiagnoseRequest>({
  sipAddress: str(),
  symptom: opt(oneOf<Symptom>(SYMPTOMS)),
  dnsServer: opt(str(100)),
  timeoutMs: opt(int(100, 120_000)),
  answers: opt(questionnaireAnswers),
  proxy: opt(str(2048)),
  proxyPac: opt(str(2048)),
  connectTo: opt(arr(str(600), 32)),
  caFile: opt(str(4096)),
  collectors: opt(arr(str(40, SECTION_ID, 'a collector id'), LIMITS.sections)),
  sipServer: opt(str(300)),
  logs: opt(arr(uploadedFile(UPLOAD_LIMITS.logChars), UPLOAD_LIMITS.logs)),
  caPem: opt(uploadedFile(UPLOAD_LIMITS.pemChars)),
});

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export const bundleFile: Validator<BundleFile> = obj<BundleFile>({
  fileName: str(255, /^[^\\/:*?"<>|\u0000-\u001f]+$/, 'a file name without a folder'),
  base64: (v, path) => {
    const s = str(LIMITS.bundleBase64)(v, path);
    if (s.length % 4 !== 0 || !BASE64.test(s)) throw new ValidationError(`${path}: not base64 data`);
    return s;
  },
});

const redaction: Validator<RedactionLevel> = oneOf<RedactionLevel>(['standard', 'pseudonymise']);
const RUN_ID = str(64, /^[a-z0-9-]{1,64}$/, 'a run id');
const ID = str(200, /^[A-Za-z0-9._:-]{1,200}$/, 'an id');
const HISTORY_ID = str(36, /^[a-f0-9-]{36}$/, 'a history id');

/** One validator per verb: its whole argument list. */
export const ARGS: { readonly [K in ApiVerb]: Validator<ApiArgs[K]> } = {
  demo: tuple<[]>(),
  startDiagnosis: tuple<[DiagnoseRequest]>(diagnoseRequest),
  runStatus: tuple<[string, number]>(RUN_ID, int(0, Number.MAX_SAFE_INTEGER)),
  cancelRun: tuple<[string]>(RUN_ID),
  reanalyze: tuple<[Snapshot, QuestionnaireAnswers]>(snapshot, questionnaireAnswers),
  kbSearch: tuple<[string, number]>(str(LIMITS.pastedText), int(1, 200)),
  kbArticle: tuple<[string]>(str(200)),
  kbCodes: tuple<[string]>(str(LIMITS.pastedText)),
  bundlePreview: tuple<[DiagnosisView, RedactionLevel]>(diagnosisView, redaction),
  bundleExport: tuple<[DiagnosisView, RedactionLevel]>(diagnosisView, redaction),
  bundleImport: tuple<[BundleFile]>(bundleFile),
  bundleCompare: tuple<[BundleFile, BundleFile]>(bundleFile, bundleFile),
  fixList: tuple<[DiagnosisView]>(diagnosisView),
  fixPreview: tuple<[string, DiagnosisView]>(ID, diagnosisView),
  fixApply: tuple<[string, DiagnosisView, boolean]>(ID, diagnosisView, bool),
  fixUndo: tuple<[string]>(ID),
  historyList: tuple<[]>(),
  historySave: tuple<[string | null, DiagnosisView, UiState]>(nullable(HISTORY_ID), diagnosisView, uiState),
  historyOpen: tuple<[string]>(HISTORY_ID),
};

/** True when `verb` is one of the API verbs (own property, so "toString" or "__proto__" never pass). */
export function isApiVerb(verb: unknown): verb is ApiVerb {
  return typeof verb === 'string' && (API_VERBS as readonly string[]).includes(verb);
}

/** Checks a verb name and its arguments; the result is either a typed call or a plain reason. */
export function validateCall(verb: unknown, args: unknown): { readonly ok: true; readonly call: ValidCall } | { readonly ok: false; readonly code: 'unknown-verb' | 'bad-request'; readonly message: string } {
  if (!isApiVerb(verb)) return { ok: false, code: 'unknown-verb', message: `unknown API verb ${JSON.stringify(verb)?.slice(0, 60) ?? String(verb)}` };
  try {
    const checked = ARGS[verb](args, 'args');
    return { ok: true, call: { verb, args: checked } as ValidCall };
  } catch (e) {
    if (e instanceof ValidationError) return { ok: false, code: 'bad-request', message: `${verb}: ${e.message}` };
    return { ok: false, code: 'bad-request', message: `${verb}: arguments could not be read` };
  }
}
