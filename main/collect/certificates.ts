/** User certificate stores (Personal "My" and LyncCertStore) via PowerShell: public parts only. */
import type { CertificateInfo, CertificateParseError, CertificatesSection, CertStoreName, StoreReading } from '../model/certificates';
import { parseCertificate, pemOf } from './cert-parse';
import type { Collector, CollectorContext } from './types';
import { remainingMs } from './types';
import { classifyStoreError, parseCertExportJson } from './windows/parse-cert-json';

const STORES: readonly CertStoreName[] = ['My', 'LyncCertStore'];

/** PowerShell that prints each certificate's thumbprint, private-key flag and DER — never the key. */
export function exportScript(store: CertStoreName): string {
  return [
    "$ErrorActionPreference = 'Stop'",
    `Get-ChildItem -Path 'Cert:\\CurrentUser\\${store}' | ForEach-Object {`,
    `  [pscustomobject]@{ Store = '${store}'; Thumbprint = $_.Thumbprint; HasPrivateKey = $_.HasPrivateKey; Der = [Convert]::ToBase64String($_.RawData) }`,
    '} | ConvertTo-Json -Compress:$false',
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
): Promise<{ reading: StoreReading; certs: CertificateInfo[]; errors: CertificateParseError[] }> {
  const res = await ctx.run('powershell.exe', ['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-EncodedCommand', encodePowerShell(exportScript(store))], {
    timeoutMs: remainingMs(ctx),
    maxBytes: 16 * 1024 * 1024,
    signal: ctx.signal,
  });
  ctx.raw(`powershell-cert-${store}.json`, res.stdout);
  if (res.stderr.trim()) ctx.raw(`powershell-cert-${store}.stderr.txt`, res.stderr);
  if (res.spawnError) return { reading: { store, outcome: 'error', message: `PowerShell could not be started: ${res.spawnError}` }, certs: [], errors: [] };
  if (res.timedOut) return { reading: { store, outcome: 'error', message: 'PowerShell did not finish before the deadline' }, certs: [], errors: [] };
  if (res.code !== 0) {
    const outcome = classifyStoreError(res.stderr);
    const message = outcome === 'absent' ? `store ${store} does not exist for this user` : `PowerShell failed: ${res.stderr.trim().split(/\r?\n/)[0] ?? 'exit ' + String(res.code)}`;
    return { reading: { store, outcome, message }, certs: [], errors: [] };
  }
  const parsed = parseCertExportJson(res.stdout);
  if (parsed.kind === 'error') return { reading: { store, outcome: 'error', message: parsed.reason }, certs: [], errors: [] };
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
  return { reading: { store, outcome: 'ok', message: `${certs.length} certificate(s)` }, certs, errors };
}

export const certificatesCollector: Collector<'certificates'> = {
  id: 'certificates',
  title: 'User certificate stores',
  platforms: ['win32'],
  async collect(ctx) {
    ctx.progress('reading Cert:\\CurrentUser\\My and LyncCertStore');
    const results = await Promise.all(STORES.map((s) => readStore(ctx, s)));
    const data: CertificatesSection = {
      stores: results.map((r) => r.reading),
      certificates: results.flatMap((r) => r.certs),
      parseErrors: results.flatMap((r) => r.errors),
    };
    const my = results[0]?.reading;
    if (my && my.outcome !== 'ok') return { status: 'error', message: `Personal store could not be read: ${my.message}`, data };
    const dsk = data.certificates.filter((c) => c.tlsDsk).length;
    const bad = data.parseErrors.length ? `; ${data.parseErrors.length} could not be parsed` : '';
    // LyncCertStore that exists but could not be read: the certificates seen are facts, the rest is unknown.
    const unread = data.stores.filter((r) => r.outcome === 'error' || r.outcome === 'access-denied');
    if (unread.length) return { status: 'partial', message: `${data.certificates.length} certificate(s), ${dsk} TLS-DSK${bad}; could not read ${unread.map((r) => `${r.store} (${r.message})`).join(', ')}`, data };
    return { status: 'ok', message: `${data.certificates.length} certificate(s), ${dsk} TLS-DSK${bad}`, data };
  },
};
