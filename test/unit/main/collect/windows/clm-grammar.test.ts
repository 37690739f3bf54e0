import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { certificatesCollector } from '../../../../../main/collect/certificates';
import { policyCollector } from '../../../../../main/collect/policy';
import { collect } from '../../../../../main/diagnose';
import { ALL_FIXES } from '../../../../../main/fix';
import { decodePowerShell } from '../../../../../main/fix/commands';
import { applyFix, undoFix } from '../../../../../main/fix/engine';
import { importScript, removeScript } from '../../../../../main/fix/tls-dsk-cleanup';
import { renameScript, restoreScript } from '../../../../../main/fix/sign-in-cache';
import { clmViolations } from '../../../../helpers/clm-check';
import { tlsDskCert } from '../../../../helpers/forge-certs';
import { NOW } from '../../../../helpers/snapshot';
import { fakeWindowsRunner } from '../../../../helpers/windows-pc';
import { fakePc, psCert } from '../../fix/fake-pc';
import { makeDeps, tempDir, viewOf } from '../../fix/setup';

const cleanups: Array<() => void> = [];
after(() => cleanups.forEach((c) => c()));

/** Every PowerShell script the project sends through the command-runner seam: collectors, and every fix applied and undone. */
async function allGeneratedScripts(): Promise<Map<string, string>> {
  const scripts = new Map<string, string>();
  const note = (calls: ReadonlyArray<{ command: string; args: readonly string[] }>): void => {
    for (const c of calls) {
      const s = /powershell/i.test(c.command) ? decodePowerShell(c.args) : null;
      if (s !== null) scripts.set(s, s);
    }
  };
  const win = fakeWindowsRunner({ my: [] });
  await collect({ input: { sipAddress: 'alice@contoso.com', sipDomain: 'contoso.com', dnsServer: null, timeoutMs: 5000 }, run: win, platform: 'win32', collectors: [certificatesCollector, policyCollector], now: () => NOW });
  note(win.calls);

  const DAY = 86_400_000;
  const at = (d: number): Date => new Date(NOW.getTime() + d * DAY);
  const expired = tlsDskCert('alice@contoso.com', at(-380), at(-200));
  const dup = tlsDskCert('alice@contoso.com', at(-150), at(30));
  const newest = tlsDskCert('alice@contoso.com', at(-10), at(170));
  for (const fix of ALL_FIXES) {
    if (fix.kind !== 'automated') continue;
    const t = tempDir();
    cleanups.push(t.cleanup);
    // A path with a quote and a space: quoting must survive into every script.
    const pc = fakePc({ my: [psCert(expired), psCert(dup), psCert(newest)], lyncCertStore: [], elevated: true, folders: new Set(['16.0\\sip_alice@contoso.com']) });
    const deps = makeDeps(`${t.dir}/O'Brien data`, pc.run);
    const view = await viewOf(pc.run);
    const r = await applyFix(fix, view, deps, true);
    if ('entry' in r && r.entry) await undoFix(ALL_FIXES, r.entry.journalId, { ...deps, now: () => new Date(NOW.getTime() + 60_000) }, true);
    note(pc.run.calls);
    for (const rec of deps.recorded) note(rec.calls);
  }
  return scripts;
}

test('the CLM checker refuses what ConstrainedLanguage refuses (the old scripts of issue 15)', async () => {
  const refused = [
    "Get-ChildItem Cert:\\CurrentUser\\My | ForEach-Object { [pscustomobject]@{ Der = [Convert]::ToBase64String($_.RawData) } }",
    "$s = New-Object System.Security.Cryptography.X509Certificates.X509Store -ArgumentList 'My', 'CurrentUser'",
    "$c = New-Object -TypeName System.Security.Cryptography.X509Certificates.X509Certificate2 -ArgumentList 'a.cer'",
    "$store.Open('ReadWrite')",
    "[Console]::Error.WriteLine('x')",
    "Add-Type -TypeDefinition 'public class A {}'",
    "$cert.FriendlyName = 'x'",
    "$w = New-Object -ComObject WScript.Shell",
    '[math]::Pow(2,10)',
    "if ($x -eq 1 { 'unclosed'",
  ];
  for (const s of refused) assert.ok((await clmViolations(s)).length > 0, `should be refused: ${s}`);
});

test('the CLM checker accepts ConstrainedLanguage constructs (cmdlets, property reads, core casts, hashtables)', async () => {
  const allowed = [
    "$mode = [string]$ExecutionContext.SessionState.LanguageMode",
    "@{ A = $_.RawData; B = [int]'3' } | ConvertTo-Json -Compress -Depth 4",
    "$x = New-Object -TypeName psobject",
    "$d = New-Object -ComObject Scripting.Dictionary",
    "'a'.ToString()",
    "if (-not (Test-Path -LiteralPath 'Cert:\\CurrentUser\\LyncCertStore')) { 'absent'; exit 0 }",
  ];
  for (const s of allowed) assert.deepEqual(await clmViolations(s), [], s);
});

test('every PowerShell script the project generates parses and is ConstrainedLanguage-safe', async () => {
  const scripts = await allGeneratedScripts();
  const all = [...scripts.values()];
  // The sweep must really have reached every generator (else this test could pass on nothing).
  for (const marker of ["Cert:\\CurrentUser\\My'", "Cert:\\CurrentUser\\LyncCertStore'", 'Remove-Item -LiteralPath $path', 'Import-Certificate', "'renamed'", "'restored'", "'not-reset'"]) {
    assert.ok(all.some((s) => s.includes(marker)), `no generated script contains ${marker}; seen ${all.length} script(s)`);
  }
  // Generators called directly with hostile values (quotes, unicode quotes, spaces, $ and backticks).
  const folder = { version: '16.0' as const, name: "sip_o'brien@contoso.com", backupName: "sip_o'brien@contoso.com.lyncdoctor-20260101-000000" };
  all.push(removeScript('My', 'A'.repeat(40)).join('\n'), importScript('LyncCertStore', 'B'.repeat(40), "C:\\Users\\O\u2019Brien $x `n\\b.cer").join('\n'), renameScript(folder).join('\n'), restoreScript(folder, '20260101-000001').join('\n'));
  for (const s of all) assert.deepEqual(await clmViolations(s), [], `CLM would refuse:\n${s}`);
});
