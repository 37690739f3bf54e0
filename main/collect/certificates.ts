/** User certificate stores (Personal "My" and LyncCertStore) via PowerShell: public parts only. */
import type { CertificateInfo, CertificateParseError, CertificatesSection, CertStoreName, StoreReading } from '../model/certificates';
import { parseCertificate, pemOf } from './cert-parse';
import type { Collector, CollectorContext } from './types';
import { remainingMs } from './types';
import { firstErrorLine } from './windows/clixml';
import { classifyPowerShellError } from './windows/messages';
import { parseStoreExport } from './windows/parse-cert-json';

const STORES: readonly CertStoreName[] = ['My', 'LyncCertStore'];

/**
 * PowerShell that prints the store's certificates — thumbprint, private-key flag and DER — never the key.
 * ConstrainedLanguage-safe (AppLocker/WDAC PCs): only cmdlets, property reads, a [string] cast and
 * hashtables; RawData (a byte[] property) is printed by ConvertTo-Json as numbers, no [Convert] call.
 * A store that does not exist is a normal answer ("Exists": false), not an error. Needs PowerShell 3.0+.
 */
export function exportScript(store: CertStoreName): string {
  const path = `Cert:\\CurrentUser\\${store}`;
  return [
    "$ErrorActionPreference = 'Stop'",
    "$ProgressPreference = 'SilentlyContinue'",
    '$mode = [string]$ExecutionContext.SessionState.LanguageMode',
    `if (-not (Test-Path -LiteralPath '${path}')) { @{ LanguageMode = $mode; Store = '${store}'; Exists = $false; Certs = @() } | ConvertTo-Json -Compress; exit 0 }`,
    `$certs = @(Get-ChildItem -Path '${path}' | ForEach-Object { @{ Thumbprint = $_.Thumbprint; HasPrivateKey = $_.HasPrivateKey; Der = $_.RawData } })`,
    `@{ LanguageMode = $mode; Store = '${store}'; Exists = $true; Certs = $certs } | ConvertTo-Json -Compress -Depth 4`,
  ].join('\n');
}

/** Encodes a script for -EncodedCommand (UTF-16LE base64), so no quoting survives into cmd. */
export function encodePowerShell(script: string): string {
  return Buffer.from(script, 'utf16le').toString('base64');
}

/** Reads one store; returns its reading, parsed certificates and per-certificate errors. */
export async function readStore(
  ctx: CollectorContext,
  store: CertStoreName,
): Promise<{ reading: StoreReading; certs: CertificateInfo[]; errors: CertificateParseError[]; languageMode: string | null }> {
  const res = await ctx.run('powershell.exe', ['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-EncodedCommand', encodePowerShell(exportScript(store))], {
    timeoutMs: remainingMs(ctx),
    maxBytes: 16 * 1024 * 1024,
    signal: ctx.signal,
  });
  ctx.raw(`powershell-cert-${store}.json`, res.stdout);
  if (res.stderr.trim()) ctx.raw(`powershell-cert-${store}.stderr.txt`, res.stderr);
  if (res.spawnError) return { reading: { store, outcome: 'error', message: `PowerShell could not be started: ${res.spawnError}` }, certs: [], errors: [], languageMode: null };
  if (res.timedOut) return { reading: { store, outcome: 'error', message: 'PowerShell did not finish before the deadline' }, certs: [], errors: [], languageMode: null };
  if (res.code !== 0) {
    const kind = classifyPowerShellError(res.stderr);
    const line = firstErrorLine(res.stderr) || `exit ${String(res.code)}`;
    const why: Record<typeof kind, StoreReading['outcome']> = { absent: 'absent', 'access-denied': 'access-denied', 'constrained-language': 'error', 'no-json-cmdlet': 'error', error: 'error' };
    const message =
      kind === 'absent'
        ? `store ${store} does not exist for this user`
        : kind === 'constrained-language'
          ? `PowerShell runs in ConstrainedLanguage mode here (AppLocker / WDAC) and refused the certificate script: ${line}`
          : kind === 'no-json-cmdlet'
            ? 'PowerShell 3.0 or later is needed to read certificates (this PC has PowerShell 2.0, without ConvertTo-Json)'
            : `PowerShell failed: ${line}`;
    return { reading: { store, outcome: why[kind], message }, certs: [], errors: [], languageMode: null };
  }
  const parsed = parseStoreExport(res.stdout, store);
  if (parsed.kind === 'error') return { reading: { store, outcome: 'error', message: parsed.reason }, certs: [], errors: [], languageMode: null };
  if (!parsed.exists) return { reading: { store, outcome: 'absent', message: `store ${store} does not exist for this user` }, certs: [], errors: [], languageMode: parsed.languageMode };
  const certs: CertificateInfo[] = [];
  const errors: CertificateParseError[] = [];
  for (const c of parsed.certs) {
    if (!c.derBase64) {
      errors.push({ store, thumbprint: c.thumbprint, reason: 'no certificate data in the export' });
      continue;
    }
    const r = parseCertificate(c.derBase64, store, c.hasPrivateKey);
    if (r.ok) {
      certs.push(r.cert);
      ctx.raw(`certs/${store}-${r.cert.thumbprint}.pem`, pemOf(r.cert.derBase64));
    } else errors.push({ store, thumbprint: c.thumbprint, reason: r.reason });
  }
  return { reading: { store, outcome: 'ok', message: `${certs.length} certificate(s)` }, certs, errors, languageMode: parsed.languageMode };
}

export const certificatesCollector: Collector<'certificates'> = {
  id: 'certificates',
  title: 'User certificate stores',
  platforms: ['win32'],
  async collect(ctx) {
    ctx.progress('reading Cert:\\CurrentUser\\My and LyncCertStore');
    const results = await Promise.all(STORES.map((s) => readStore(ctx, s)));
    const languageMode = results.find((r) => r.languageMode)?.languageMode ?? null;
    const data: CertificatesSection = {
      stores: results.map((r) => r.reading),
      languageMode,
      certificates: results.flatMap((r) => r.certs),
      parseErrors: results.flatMap((r) => r.errors),
    };
    const my = results[0]?.reading;
    if (my && my.outcome !== 'ok') return { status: 'error', message: `Personal store could not be read: ${my.message}`, data };
    const dsk = data.certificates.filter((c) => c.tlsDsk).length;
    const bad = data.parseErrors.length ? `; ${data.parseErrors.length} could not be parsed` : '';
    const lync = data.stores.find((s) => s.store === 'LyncCertStore');
    const lyncNote = lync?.outcome === 'absent' ? '; no LyncCertStore (normal unless UseLyncCertStore is on)' : '';
    const modeNote = languageMode && languageMode !== 'FullLanguage' ? `; PowerShell in ${languageMode}` : '';
    // LyncCertStore that exists but could not be read: the certificates seen are facts, the rest is unknown.
    const unread = data.stores.filter((r) => r.outcome === 'error' || r.outcome === 'access-denied');
    if (unread.length) return { status: 'partial', message: `${data.certificates.length} certificate(s), ${dsk} TLS-DSK${bad}; could not read ${unread.map((r) => `${r.store} (${r.message})`).join(', ')}${modeNote}`, data };
    return { status: 'ok', message: `${data.certificates.length} certificate(s), ${dsk} TLS-DSK${bad}${lyncNote}${modeNote}`, data };
  },
};
