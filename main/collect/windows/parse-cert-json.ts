/** Parses the JSON our PowerShell certificate export prints (PS 5.1 ConvertTo-Json quirks included). */

export interface ExportedCert {
  readonly store: string;
  readonly thumbprint: string | null;
  readonly hasPrivateKey: boolean;
  readonly derBase64: string | null;
}

export type CertExportParse =
  | { readonly kind: 'ok'; readonly certs: readonly ExportedCert[] }
  | { readonly kind: 'error'; readonly reason: string };

/**
 * PowerShell 5.1 prints nothing for an empty pipeline, a bare object for one item and an array for
 * several; it may prefix a UTF-8 BOM. Each item: { Store, Thumbprint, HasPrivateKey, Der }.
 */
export function parseCertExportJson(text: string): CertExportParse {
  const t = text.replace(/^\uFEFF/, '').trim();
  if (t === '') return { kind: 'ok', certs: [] };
  let value: unknown;
  try {
    value = JSON.parse(t);
  } catch (e) {
    return { kind: 'error', reason: `certificate export is not valid JSON (${(e as Error).message}); first bytes: ${JSON.stringify(t.slice(0, 60))}` };
  }
  const items = Array.isArray(value) ? value : [value];
  const certs: ExportedCert[] = [];
  for (const item of items) {
    if (item === null || typeof item !== 'object') continue;
    const o = item as Record<string, unknown>;
    certs.push({
      store: typeof o.Store === 'string' ? o.Store : 'My',
      thumbprint: typeof o.Thumbprint === 'string' ? o.Thumbprint.toUpperCase() : null,
      hasPrivateKey: o.HasPrivateKey === true,
      derBase64: typeof o.Der === 'string' ? o.Der : null,
    });
  }
  return { kind: 'ok', certs };
}

/** Recognises PowerShell's "store does not exist" and "access denied" errors, in English and German. */
export function classifyStoreError(stderr: string): 'absent' | 'access-denied' | 'error' {
  if (/cannot find path|does not exist|kann nicht gefunden werden|ist nicht vorhanden|PathNotFound/i.test(stderr)) return 'absent';
  if (/access (is )?denied|UnauthorizedAccess|Zugriff verweigert/i.test(stderr)) return 'access-denied';
  return 'error';
}
