/** ms-diagnostics headers: parse code/reason/attributes, decode against the knowledge table (pure). */
import type { DiagnosticDecoding, DiagnosticHeader, MsDiagnostic } from '../model/sip';
import { canonicalName, type SipMessage } from './parse';

/** One row of knowledge/ms-diagnostics.json. `code` may be a family like "52xxx". */
export interface MsDiagnosticsRow {
  readonly code: number | string;
  readonly header: string;
  readonly reason: string | null;
  readonly meaning: string;
  readonly likelyFix: string;
  readonly context: string;
  readonly research: readonly string[];
  readonly articleId: string | null;
  readonly verified: boolean;
  readonly sources: readonly string[];
}

/** What the HRESULT table (knowledge/hresults.json) says to do about one HRESULT, for advice from a header's attributes. */
export interface HresultAdvice {
  readonly name: string;
  /** The table's meaning in our words. */
  readonly meaning: string;
  readonly likelyFix: string;
  readonly articleId: string | null;
}

/** The table, indexed for lookups. */
export interface MsDiagnosticsTable {
  readonly rows: readonly MsDiagnosticsRow[];
  /** Problems met while reading it (shown, never fatal). */
  readonly problems: readonly string[];
  /** HRESULTs by "0x" + 8 upper-case hex digits: an HRESULT attribute with an article here chooses the advice. */
  readonly hresults?: ReadonlyMap<string, HresultAdvice>;
}

export const EMPTY_TABLE: MsDiagnosticsTable = { rows: [], problems: ['no ms-diagnostics table loaded'] };

function str(v: unknown): string | null {
  return typeof v === 'string' ? v : null;
}

/** Validates parsed JSON into a table: bad rows are reported and skipped. */
export function tableFromJson(json: unknown): MsDiagnosticsTable {
  if (!Array.isArray(json)) return { rows: [], problems: ['ms-diagnostics table is not a JSON array'] };
  const rows: MsDiagnosticsRow[] = [];
  const problems: string[] = [];
  json.forEach((raw: unknown, i) => {
    if (!raw || typeof raw !== 'object') {
      problems.push(`row ${i}: not an object`);
      return;
    }
    const r = raw as Record<string, unknown>;
    const code = typeof r.code === 'number' && Number.isInteger(r.code) ? r.code : typeof r.code === 'string' && /^\d[\dx]*$/i.test(r.code) ? r.code : null;
    if (code === null) {
      problems.push(`row ${i}: code is not a number`);
      return;
    }
    const list = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
    rows.push({
      code: typeof code === 'string' && /^\d+$/.test(code) ? Number(code) : code,
      header: str(r.header) ?? 'ms-diagnostics',
      reason: str(r.reason),
      meaning: str(r.meaning) ?? '',
      likelyFix: str(r.likelyFix) ?? str(r.likely_fix) ?? '',
      context: str(r.context) ?? str(r.client_visible_context) ?? '',
      research: list(r.research),
      articleId: str(r.articleId),
      verified: r.verified === true,
      sources: list(r.sources),
    });
  });
  return { rows, problems };
}

function familyMatches(pattern: string, code: number): boolean {
  const c = String(code);
  if (pattern.length !== c.length) return false;
  for (let i = 0; i < c.length; i++) {
    const p = pattern[i]!.toLowerCase();
    if (p !== 'x' && p !== c[i]) return false;
  }
  return true;
}

/**
 * Whether a row may explain a code written in `header`: ms-client-diagnostics codes (sent by clients) and the
 * server's ms-diagnostics / -public / X-Ms-diagnostics ids are separate numberings, so a row documented for
 * one family never explains the same number written in the other.
 */
function sameFamily(row: MsDiagnosticsRow, header: DiagnosticHeader | null): boolean {
  return header === null || /^ms-client/i.test(row.header) === (header === 'ms-client-diagnostics');
}

/** The table row for a code: the exact code first, then a family ("52xxx"); header kind breaks ties. */
export function findRow(table: MsDiagnosticsTable, code: number, header: DiagnosticHeader | null = null): MsDiagnosticsRow | undefined {
  const exact = table.rows.filter((r) => r.code === code && sameFamily(r, header));
  const pick = (rows: MsDiagnosticsRow[]): MsDiagnosticsRow | undefined => {
    if (!header) return rows[0];
    const http = header === 'x-ms-diagnostics';
    // Its own name first (the row header's first word: "X-Ms-diagnostics (HTTP)" names x-ms-diagnostics), then a
    // longer name starting with it, so ms-diagnostics never takes an ms-diagnostics-public row written before its own.
    const named = (r: MsDiagnosticsRow): string => r.header.toLowerCase().split(/[\s(]/)[0] ?? '';
    return rows.find((r) => named(r) === header) ?? rows.find((r) => r.header.toLowerCase().startsWith(header)) ?? rows.find((r) => /http/i.test(r.header) === http) ?? rows[0];
  };
  return pick(exact) ?? pick(table.rows.filter((r) => typeof r.code === 'string' && familyMatches(r.code, code) && sameFamily(r, header)));
}

const NOT_DOCUMENTED: DiagnosticDecoding = { status: 'not-documented', knownReason: null, meaning: null, likelyFix: null, research: [], articleId: null };

/** What the knowledge base says about a code; unknown codes are "not-documented", never dropped. */
export function decodeCode(table: MsDiagnosticsTable, code: number | null, header: DiagnosticHeader | null = null): DiagnosticDecoding {
  if (code === null) return NOT_DOCUMENTED;
  const row = findRow(table, code, header);
  if (!row) return NOT_DOCUMENTED;
  const unconfirmed = !row.verified || (row.reason === null && /not documented|no source/i.test(row.meaning));
  return {
    status: unconfirmed ? 'unconfirmed' : 'documented',
    knownReason: row.reason,
    meaning: row.meaning || null,
    likelyFix: row.likelyFix && row.likelyFix !== '-' ? row.likelyFix : null,
    research: [...row.research],
    articleId: row.articleId,
  };
}

/** Splits `code;reason="…";Name="…"` on semicolons outside quotes. */
function splitParams(value: string): string[] {
  const parts: string[] = [];
  let cur = '';
  let quote = false;
  for (let i = 0; i < value.length; i++) {
    const ch = value[i] as string;
    if (quote) {
      if (ch === '\\' && i + 1 < value.length) {
        cur += value[++i];
        continue;
      }
      if (ch === '"') quote = false;
      else cur += ch;
      continue;
    }
    if (ch === '"') quote = true;
    else if (ch === ';') {
      parts.push(cur);
      cur = '';
    } else cur += ch;
  }
  parts.push(cur);
  return parts;
}

/** Parses one ms-diagnostics value; code is null when the header did not start with a number. */
export function parseDiagnosticValue(value: string, header: DiagnosticHeader, table: MsDiagnosticsTable): MsDiagnostic {
  const raw = value.slice(0, 4096);
  const parts = splitParams(raw);
  const head = (parts.shift() ?? '').trim();
  const codeText = /^\d{1,9}$/.test(head) ? head : null;
  const code = codeText === null ? null : Number(codeText);
  let reason: string | null = null;
  const attributes: Record<string, string> = {};
  for (const p of parts) {
    const eq = p.indexOf('=');
    // Stryker disable next-line EqualityOperator: "=value" (eq 0) gives an empty name, which the next check skips too
    if (eq <= 0) continue;
    const name = p.slice(0, eq).trim();
    const v = p.slice(eq + 1).trim();
    if (!name || name.length > 64) continue;
    if (name.toLowerCase() === 'reason' && reason === null) reason = v;
    else if (!(name in attributes)) attributes[name] = v;
  }
  return { header, code, reason, attributes, raw, decoded: refineByAttributes(decodeCode(table, code, header), attributes, table.hresults) };
}

function attr(attributes: Readonly<Record<string, string>>, name: string): string | null {
  const k = Object.keys(attributes).find((x) => x.toLowerCase() === name);
  return k ? (attributes[k] as string) : null;
}

/** "0x80090322" from an HRESULT attribute as servers write it ("0x80090322(SEC_E_WRONG_PRINCIPAL)", "80090322"), else null. */
export function hresultOfAttribute(value: string): string | null {
  const m = /^\s*(?:0x)?([0-9a-f]{8})\b/i.exec(value);
  return m ? `0x${(m[1] as string).toUpperCase()}` : null;
}

/**
 * Advice chosen from the header's own attributes: an HRESULT or ErrorType naming a certificate NAME problem
 * (SEC_E_WRONG_PRINCIPAL 0x80090322, CERT_E_CN_NO_MATCH, "does not contain a matching FQDN") points to the
 * servers' peer-name article, an untrusted root (SEC_E_UNTRUSTED_ROOT, CERT_E_UNTRUSTEDROOT) to the chain article;
 * any other HRESULT the HRESULT table links to an article (SEC_E_TIME_SKEW → clock, SIP_E_AUTH_NTLMMISMATCH →
 * NTLM session security, CERT_E_CHAINING → chain…) gets that entry's fix and article.
 */
export function refineByAttributes(d: DiagnosticDecoding, attributes: Readonly<Record<string, string>>, hresults?: ReadonlyMap<string, HresultAdvice>): DiagnosticDecoding {
  const hr = (attr(attributes, 'hresult') ?? '').toUpperCase();
  const errorType = attr(attributes, 'errortype') ?? '';
  if (/80090322|WRONG_PRINCIPAL|800B010F|CN_NO_MATCH/.test(hr) || /matching fqdn|name mismatch/i.test(errorType)) {
    const by = hr ? `HRESULT=${attr(attributes, 'hresult')}` : `ErrorType=${errorType}`;
    return {
      ...d,
      likelyFix: `The peer's certificate does not carry the name this server connected to (${by}${attr(attributes, 'tls-target') ? `, tls-target ${attr(attributes, 'tls-target')?.trim()}` : ''}${attr(attributes, 'peerserver') ? `, certificate of ${attr(attributes, 'peerserver')?.trim()}` : ''}): reissue the certificate with that FQDN in its subject alternative names, or point DNS/SRV at a name the certificate covers. Installing a CA does not fix a name mismatch.`,
      // a next hop's certificate, between servers: the client's trust-model article does not apply
      articleId: 'server-peer-certificate-name-mismatch',
      refinedBy: by,
    };
  }
  if (/80090325|UNTRUSTED_ROOT|800B0109|UNTRUSTEDROOT/.test(hr)) {
    return { ...d, likelyFix: `The peer's certificate chain is not trusted (HRESULT=${attr(attributes, 'hresult')}): install the issuing root/intermediate CA on the server that reported it.`, articleId: 'server-certificate-untrusted-chain', refinedBy: `HRESULT=${attr(attributes, 'hresult')}` };
  }
  const key = hr ? hresultOfAttribute(hr) : null;
  const known = key ? hresults?.get(key) : undefined;
  if (known?.articleId) {
    const by = `HRESULT=${attr(attributes, 'hresult')}`;
    return { ...d, likelyFix: `${known.name} (${by}): ${known.likelyFix}`, articleId: known.articleId, refinedBy: by };
  }
  return d;
}

function headerKind(name: string): DiagnosticHeader | null {
  const n = canonicalName(name);
  if (n === 'ms-diagnostics') return 'ms-diagnostics';
  if (n === 'ms-diagnostics-public') return 'ms-diagnostics-public';
  if (n === 'x-ms-diagnostics') return 'x-ms-diagnostics';
  if (n === 'ms-client-diagnostics') return 'ms-client-diagnostics';
  return null;
}

const DIAG_CACHE = new WeakMap<MsDiagnosticsTable, Map<string, MsDiagnostic>>();

/** parseDiagnosticValue, memoised per table (bounded): a trace repeats the same header value many times. Shared results: never mutate. */
function cachedDiagnostic(value: string, header: DiagnosticHeader, table: MsDiagnosticsTable): MsDiagnostic {
  // Stryker disable next-line ConditionalExpression,EqualityOperator: only whether a long value is cached; the reading is the same
  if (value.length > 2048) return parseDiagnosticValue(value, header, table);
  let cache = DIAG_CACHE.get(table);
  // Stryker disable next-line ConditionalExpression: a fresh cache each call only loses the memo, not the result
  if (!cache) {
    cache = new Map();
    DIAG_CACHE.set(table, cache);
  }
  let hit = cache.get(value);
  // Stryker disable next-line ConditionalExpression: always re-parsing gives the same result (only the memo is lost); reusing across headers is tested
  if (!hit || hit.header !== header) {
    hit = parseDiagnosticValue(value, header, table);
    // Stryker disable next-line ConditionalExpression,EqualityOperator: when the memo is emptied changes memory use, not results
    if (cache.size >= 256) cache.clear();
    cache.set(value, hit);
  }
  return hit;
}

/** Every ms-diagnostics / ms-diagnostics-public / ms-client-diagnostics / X-Ms-diagnostics header of a message, decoded. */
export function diagnosticsOf(msg: Pick<SipMessage, 'headers'>, table: MsDiagnosticsTable): MsDiagnostic[] {
  const out: MsDiagnostic[] = [];
  for (const h of msg.headers) {
    const n = h.canon ?? canonicalName(h.name);
    // Stryker disable next-line EqualityOperator: equivalent, `<= 0` also skips a name that starts with "diagnostics", which headerKind rejects anyway
    if (n.indexOf('diagnostics') < 0) continue;
    const kind = headerKind(h.name);
    if (kind) out.push(cachedDiagnostic(h.value, kind, table));
  }
  return out;
}

/** One-line text for a diagnostic: "4005 Destination URI… (documented)" / "(not documented)". */
export function describeDiagnostic(d: MsDiagnostic): string {
  const code = d.code === null ? `unparsed "${d.raw.slice(0, 60)}"` : String(d.code);
  const reason = d.reason ?? d.decoded.knownReason ?? '';
  const status = d.decoded.status === 'not-documented' ? 'not documented' : d.decoded.status === 'unconfirmed' ? 'not confirmed by sources' : 'documented';
  return `${d.header} ${code}${reason ? ` "${reason}"` : ''} (${status})`;
}
