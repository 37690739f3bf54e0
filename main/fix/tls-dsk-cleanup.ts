/**
 * Fix: remove expired and duplicate TLS-DSK certificates (issuer CN=Communications Server) of the
 * signed-in SIP address — and, with UseLyncCertStore on, the leftovers in the Personal store. Backup:
 * each certificate's public part as <thumbprint>.cer; the private key is never exported.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { lyncCertStoreEnabled, useLyncCertStoreValues } from '../checks/policy-values';
import type { CertificateInfo, CertStoreName } from '../model/certificates';
import type { Finding } from '../model/finding';
import { arr, nullable, obj, oneOf, str } from '../model/schema';
import { judgeStatusWord, powershell, psQuote } from './commands';
import { lyncNotRunning } from './parse-tasklist';
import { defineFix, type Step } from './types';

type Reason = 'expired' | 'duplicate' | 'leftover';

export interface CertTarget {
  readonly store: CertStoreName;
  readonly thumbprint: string;
  readonly subject: string;
  readonly notAfter: string;
  readonly reason: Reason;
  readonly file: string;
}

export interface TlsDskData {
  readonly sipAddress: string;
  readonly keep: { readonly store: CertStoreName; readonly thumbprint: string; readonly notAfter: string } | null;
  readonly targets: readonly CertTarget[];
}

export interface TlsDskBackup {
  readonly certs: ReadonlyArray<{ readonly thumbprint: string; readonly file: string }>;
}

const THUMB = /^[0-9A-F]{40}$/;
const store = oneOf(['My', 'LyncCertStore']);
const dataSchema = obj<TlsDskData>({
  sipAddress: str({ max: 320 }),
  keep: nullable(obj<NonNullable<TlsDskData['keep']>>({ store, thumbprint: str({ pattern: THUMB }), notAfter: str({ max: 40 }) })),
  targets: arr(obj<CertTarget>({ store, thumbprint: str({ pattern: THUMB }), subject: str({ max: 2000 }), notAfter: str({ max: 40 }), reason: oneOf(['expired', 'duplicate', 'leftover']), file: str({ pattern: /^[0-9A-F]{40}\.cer$/ }) }), 1000),
});
const backupSchema = obj<TlsDskBackup>({ certs: arr(obj<TlsDskBackup['certs'][number]>({ thumbprint: str({ pattern: THUMB }), file: str({ pattern: /^[0-9A-F]{40}\.cer$/ }) }), 1000) });

const certPath = (s: CertStoreName, thumbprint: string): string => `Cert:\\CurrentUser\\${s}\\${thumbprint}`;

/** Removes one certificate by thumbprint, after checking again that Communications Server issued it. */
export function removeScript(s: CertStoreName, thumbprint: string): string[] {
  return [
    "$ErrorActionPreference = 'Stop'",
    `$path = ${psQuote(certPath(s, thumbprint))}`,
    "if (-not (Test-Path -LiteralPath $path)) { 'absent'; exit 0 }",
    '$cert = Get-Item -LiteralPath $path',
    "if ($cert.Issuer -ne 'CN=Communications Server') { 'not removed: issuer is ' + $cert.Issuer; exit 3 }",
    'Remove-Item -LiteralPath $path',
    "'removed'",
  ];
}

/**
 * Re-imports a backed-up .cer (public part only) into the store it came from. ConstrainedLanguage-safe:
 * cmdlets only (Get-PfxCertificate reads the file's thumbprint, Import-Certificate — Windows 8 / Server
 * 2012 and later — adds it; New-Item creates LyncCertStore if it is gone). No .NET types are created.
 */
export function importScript(s: CertStoreName, thumbprint: string, file: string): string[] {
  const store = `Cert:\\CurrentUser\\${s}`;
  return [
    "$ErrorActionPreference = 'Stop'",
    "$ProgressPreference = 'SilentlyContinue'",
    `$file = ${psQuote(file)}`,
    '$onDisk = Get-PfxCertificate -FilePath $file',
    `if ($onDisk.Thumbprint -ne ${psQuote(thumbprint)}) { 'backup file holds ' + $onDisk.Thumbprint; exit 3 }`,
    `if (-not (Test-Path -LiteralPath ${psQuote(store)})) { New-Item -Path ${psQuote(store)} | Out-Null }`,
    `Import-Certificate -FilePath $file -CertStoreLocation ${psQuote(store)} | Out-Null`,
    "'imported'",
  ];
}

/** SHA-1 of the DER = the Windows thumbprint: proves the Snapshot's copy is the certificate to remove. */
function thumbprintOf(derBase64: string): string {
  return createHash('sha1').update(Buffer.from(derBase64, 'base64')).digest('hex').toUpperCase();
}

function usable(c: CertificateInfo, at: number): boolean {
  return c.hasPrivateKey && Date.parse(c.notBefore) <= at && Date.parse(c.notAfter) > at;
}

/** Picks the certificate to keep and the ones to remove (pure: the Snapshot and the time of judgement). */
export function chooseTargets(mine: readonly CertificateInfo[], at: number, policyOn: boolean): { keep: CertificateInfo | null; targets: Array<{ cert: CertificateInfo; reason: Reason }> } {
  const candidates = mine.filter((c) => usable(c, at));
  const keep =
    [...candidates].sort(
      (a, b) =>
        Number(policyOn && b.store === 'LyncCertStore') - Number(policyOn && a.store === 'LyncCertStore') ||
        b.notAfter.localeCompare(a.notAfter) ||
        b.notBefore.localeCompare(a.notBefore) ||
        a.thumbprint.localeCompare(b.thumbprint),
    )[0] ?? null;
  const targets: Array<{ cert: CertificateInfo; reason: Reason }> = [];
  for (const c of mine) {
    if (Date.parse(c.notAfter) <= at) targets.push({ cert: c, reason: 'expired' });
    else if (policyOn && c.store === 'My') targets.push({ cert: c, reason: 'leftover' });
    else if (keep && c !== keep) targets.push({ cert: c, reason: 'duplicate' });
  }
  return { keep, targets };
}

function mentions(f: Finding, thumbs: readonly string[]): boolean {
  const text = f.evidence.map((e) => `${e.label} ${e.value}`).join(' ').toUpperCase();
  return thumbs.some((t) => text.includes(t));
}

const REASON_TEXT: Record<Reason, string> = {
  expired: 'expired',
  duplicate: 'duplicate of the certificate kept',
  leftover: 'left in the Personal store although UseLyncCertStore is on',
};

export const removeStaleTlsDsk = defineFix<TlsDskData, TlsDskBackup>({
  kind: 'automated',
  id: 'remove-stale-tls-dsk',
  title: 'Remove expired and duplicate Lync sign-in (TLS-DSK) certificates',
  description: 'Removes the expired, duplicate (and, with UseLyncCertStore on, Personal-store) TLS-DSK certificates of the signed-in SIP address.',
  articleId: 'tls-dsk-certificates',
  resolves: ['LD-CERT-001', 'LD-CERT-002', 'LD-CERT-004'],
  needsAdmin: false,
  collectors: ['certificates', 'policy'],
  dataSchema,
  backupSchema,

  async plan(view) {
    const s = view.snapshot;
    const sec = s.sections.certificates;
    if (!sec || sec.status !== 'ok' || !sec.data) return { applicable: false, reason: `this diagnosis has no certificate data (certificates: ${sec ? `${sec.status}, ${sec.message}` : 'not collected'})` };
    const sip = s.input.sipAddress.toLowerCase();
    const mine = sec.data.certificates.filter((c) => c.tlsDsk && c.sipAddress === sip);
    if (mine.length === 0) return { applicable: false, reason: `no TLS-DSK certificate for ${sip} in this diagnosis` };
    const at = Date.parse(s.createdAt);
    const policy = useLyncCertStoreValues(s);
    const policyOn = policy ? lyncCertStoreEnabled(policy) : false;
    const { keep, targets: chosen } = chooseTargets(mine, at, policyOn);
    const notes: string[] = [];
    const targets: CertTarget[] = [];
    for (const { cert, reason } of chosen) {
      if (!THUMB.test(cert.thumbprint) || !cert.derBase64 || thumbprintOf(cert.derBase64) !== cert.thumbprint) {
        notes.push(`Not removing ${cert.thumbprint}: its public copy in this diagnosis does not match the thumbprint, so it could not be backed up.`);
        continue;
      }
      targets.push({ store: cert.store, thumbprint: cert.thumbprint, subject: cert.subject, notAfter: cert.notAfter, reason, file: `${cert.thumbprint}.cer` });
    }
    if (targets.length === 0) return { applicable: false, reason: keep ? `nothing to remove: ${sip} has one usable TLS-DSK certificate (${keep.thumbprint}, valid until ${keep.notAfter.slice(0, 10)})` : `nothing to remove for ${sip}${notes.length ? ` (${notes.join(' ')})` : ''}` };
    const untouched = mine.filter((c) => c !== keep && !targets.some((t) => t.thumbprint === c.thumbprint));
    if (!keep && untouched.length) notes.push(`${untouched.length} other certificate(s) are left alone: none of ${sip}'s certificates is usable (valid, with its private key); see certificate-provisioning-failed.`);
    const removesValid = targets.some((t) => t.reason !== 'expired');
    const steps: Step[] = targets.map((t) => ({
      id: t.thumbprint,
      label: `remove ${certPath(t.store, t.thumbprint)}`,
      command: powershell(removeScript(t.store, t.thumbprint)),
      judge: judgeStatusWord({ removed: 'ok', absent: 'no-change' }),
    }));
    return {
      applicable: true,
      plan: {
        summary: `Remove ${targets.length} TLS-DSK certificate(s) of ${sip}${keep && !targets.some((t) => t.thumbprint === keep.thumbprint) ? `; keep ${keep.thumbprint} (valid until ${keep.notAfter.slice(0, 10)})` : ''}. The client requests a new certificate at its next sign-in.`,
        changes: targets.map((t) => `Remove ${certPath(t.store, t.thumbprint)} (${t.subject}, issuer CN=Communications Server, valid until ${t.notAfter.slice(0, 10)}): ${REASON_TEXT[t.reason]}.`),
        steps,
        backup: 'The public part of each certificate (DER, from this diagnosis) saved as <thumbprint>.cer in the backup folder. The private key is never exported or kept.',
        undo: 'Re-imports each .cer into the store it came from. Honestly: the private key is not restored (it was never exported), so a restored certificate cannot be used to sign in; the client provisions a fresh one at its next sign-in anyway. Undo restores the certificate entry for the record, and may bring back a duplicate.',
        notes: [
          'The next sign-in needs a normal password or Kerberos sign-in to get a new certificate; if the Edge rejects NTLM from outside, sign in on the corporate network first.',
          'Each removal checks again, on the PC, that the certificate is issued by CN=Communications Server; anything else is left alone.',
          ...(removesValid ? ['A still-valid certificate is removed, so Lync must not be running (checked with tasklist before applying).'] : []),
          ...notes,
        ],
        ...(removesValid ? { preflight: lyncNotRunning() } : {}),
        data: { sipAddress: sip, keep: keep ? { store: keep.store, thumbprint: keep.thumbprint, notAfter: keep.notAfter } : null, targets },
      },
    };
  },

  async backup(plan, ctx) {
    const all = ctx.view.snapshot.sections.certificates?.data?.certificates ?? [];
    const files = [];
    const certs = [];
    for (const t of plan.data.targets) {
      const c = all.find((x) => x.thumbprint === t.thumbprint && x.store === t.store);
      if (!c || thumbprintOf(c.derBase64) !== t.thumbprint) throw new Error(`no public copy of ${t.thumbprint} to back up`);
      files.push(ctx.writeFile(t.file, Buffer.from(c.derBase64, 'base64'), `public certificate ${t.thumbprint} (${t.subject}), DER`));
      certs.push({ thumbprint: t.thumbprint, file: t.file });
    }
    return { data: { certs }, files };
  },

  undo(input) {
    const removed = new Set(input.applied.filter((a) => a.outcome === 'ok' || a.outcome === 'unknown' || a.outcome === 'recorded').map((a) => a.id));
    const steps: Step[] = input.data.targets
      .filter((t) => removed.has(t.thumbprint))
      .map((t) => ({
        id: t.thumbprint,
        label: `re-import ${t.file} into Cert:\\CurrentUser\\${t.store}`,
        command: powershell(importScript(t.store, t.thumbprint, join(input.backupDir, t.file))),
        judge: judgeStatusWord({ imported: 'ok' }),
      }));
    return {
      available: true,
      steps,
      message: 'The certificate entries are back, without their private keys (never exported): they cannot sign in, and the client provisions a new certificate at its next sign-in.',
    };
  },

  stillFound(findings, data) {
    const thumbs = data.targets.map((t) => t.thumbprint);
    return findings.filter((f) => mentions(f, thumbs));
  },
});
