/** Parses the JSON our PowerShell certificate export prints (PS 5.1 ConvertTo-Json quirks included). */
import { classifyPowerShellError } from './messages';

export interface ExportedCert {
  readonly store: string;
  readonly thumbprint: string | null;
  readonly hasPrivateKey: boolean;
  readonly derBase64: string | null;
}

export type CertExportParse =
  | { readonly kind: 'ok'; readonly certs: readonly ExportedCert[] }
  | { readonly kind: 'error'; readonly reason: string };

export type StoreExport =
  | { readonly kind: 'ok'; readonly languageMode: string | null; readonly exists: boolean; readonly certs: readonly ExportedCert[] }
  | { readonly kind: 'error'; readonly reason: string };

/** PS 5.1 may wrap an array as {"value":[…],"Count":n}; unwrap it. */
function listOf(v: unknown): unknown[] {
  if (Array.isArray(v)) return v;
  if (v !== null && typeof v === 'object' && Array.isArray((v as Record<string, unknown>).value)) return (v as { value: unknown[] }).value;
  return v === null || v === undefined ? [] : [v];
}

/** Der as base64 (older exports) or as the byte array ConvertTo-Json prints for RawData (CLM-safe export). */
function derOf(v: unknown): string | null {
  if (typeof v === 'string') return /^[A-Za-z0-9+/]+={0,2}$/.test(v) ? v : null;
  const list = listOf(v);
  if (list.length === 0 || !list.every((b) => typeof b === 'number' && Number.isInteger(b) && b >= 0 && b <= 255)) return null;
  return Buffer.from(list as number[]).toString('base64');
}

function certOf(item: unknown, store: string): ExportedCert | null {
  if (item === null || typeof item !== 'object') return null;
  const o = item as Record<string, unknown>;
  return {
    store: typeof o.Store === 'string' ? o.Store : store,
    thumbprint: typeof o.Thumbprint === 'string' ? o.Thumbprint.toUpperCase() : null,
    hasPrivateKey: o.HasPrivateKey === true,
    derBase64: derOf(o.Der),
  };
}

function json(text: string): { ok: true; value: unknown } | { ok: false; reason: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (e) {
    return { ok: false, reason: `certificate export is not valid JSON (${(e as Error).message}); first bytes: ${JSON.stringify(text.slice(0, 60))}` };
  }
}

/**
 * The store export our script prints: {"LanguageMode":…,"Store":…,"Exists":bool,"Certs":[{Thumbprint,
 * HasPrivateKey,Der:[bytes]}]}. Older exports (a bare array or object of {Store,Thumbprint,HasPrivateKey,
 * Der:"base64"}; nothing for an empty store) are read too.
 */
export function parseStoreExport(text: string, store: string): StoreExport {
  const t = text.replace(/^\uFEFF/, '').trim();
  if (t === '') return { kind: 'ok', languageMode: null, exists: true, certs: [] };
  const j = json(t);
  if (!j.ok) return { kind: 'error', reason: j.reason };
  const v = j.value;
  if (v !== null && typeof v === 'object' && !Array.isArray(v) && 'Exists' in v) {
    const o = v as Record<string, unknown>;
    if (typeof o.Exists !== 'boolean') return { kind: 'error', reason: 'certificate export: "Exists" is not true or false' };
    const certs = listOf(o.Certs).map((c) => certOf(c, store)).filter((c): c is ExportedCert => c !== null);
    return { kind: 'ok', languageMode: typeof o.LanguageMode === 'string' ? o.LanguageMode : null, exists: o.Exists, certs };
  }
  const certs = listOf(v).map((c) => certOf(c, store)).filter((c): c is ExportedCert => c !== null);
  return { kind: 'ok', languageMode: null, exists: true, certs };
}

/** The older list-only reading (kept for callers and recorded outputs of earlier versions). */
export function parseCertExportJson(text: string): CertExportParse {
  const r = parseStoreExport(text, 'My');
  return r.kind === 'ok' ? { kind: 'ok', certs: r.certs } : r;
}

/** Recognises "store does not exist" and "access denied" from PowerShell's untranslated error categories. */
export function classifyStoreError(stderr: string): 'absent' | 'access-denied' | 'error' {
  const k = classifyPowerShellError(stderr);
  return k === 'absent' || k === 'access-denied' ? k : 'error';
}
