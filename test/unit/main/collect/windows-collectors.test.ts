/** Certificate and policy collectors through the command-runner seam with real-format outputs. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { certificatesCollector } from '../../../../main/collect/certificates';
import { policyCollector } from '../../../../main/collect/policy';
import { collect } from '../../../../main/diagnose';
import type { CommandRunner } from '../../../../main/collect/windows/runner';
import { fixture } from '../../../helpers/fixtures';
import { fakeWindowsRunner } from '../../../helpers/windows-pc';
import { recordingRunner } from '../../../../main/collect/windows/runner';

const input = { sipAddress: 'bob@fabrikam.com', sipDomain: 'fabrikam.com', dnsServer: null, timeoutMs: 2000 };

async function run(runner: CommandRunner, platform = 'win32') {
  const { snapshot, raw } = await collect({ input, run: runner, platform, collectors: [certificatesCollector, policyCollector] });
  return { s: snapshot.sections, raw };
}

test('certificates: recorded PowerShell output parses; missing LyncCertStore is absent, not an error', async () => {
  const runner = recordingRunner((cmd, args) => {
    const script = Buffer.from(args[args.indexOf('-EncodedCommand') + 1] ?? '', 'base64').toString('utf16le');
    if (script.includes('LyncCertStore')) return { code: 1, stderr: fixture('windows', 'ps-cert-lyncstore-missing.stderr.txt') };
    return { stdout: fixture('windows', 'ps-cert-my-three.json') };
  });
  const { s, raw } = await run(runner);
  assert.equal(s.certificates?.status, 'ok');
  assert.equal(s.certificates?.data?.certificates.length, 3);
  assert.equal(s.certificates?.data?.certificates.filter((c) => c.tlsDsk).length, 2);
  assert.deepEqual(s.certificates?.data?.stores.map((x) => x.outcome), ['ok', 'absent']);
  assert.ok(raw.some((r) => r.name.endsWith('.pem') && r.content.startsWith('-----BEGIN CERTIFICATE-----')));
  assert.ok(!raw.some((r) => /PRIVATE KEY/.test(r.content)), 'no private key material anywhere');
  const ps = runner.calls.filter((c) => c.command === 'powershell.exe');
  assert.equal(ps.length, 2);
  const script = Buffer.from(ps[0]!.args.at(-1)!, 'base64').toString('utf16le');
  assert.match(script, /RawData/);
  assert.doesNotMatch(script, /\.PrivateKey\b|Export-PfxCertificate|ExportParameters|\.Export\(/i, 'the script never touches the private key');
});

test('certificates: corrupt and truncated entries are reported per certificate, the rest still parse', async () => {
  const runner = recordingRunner(() => ({ stdout: fixture('windows', 'ps-cert-my-corrupt.json') }));
  const { s } = await run(runner);
  assert.equal(s.certificates?.status, 'ok');
  assert.equal(s.certificates?.data?.certificates.length, 2, 'the good one in each store');
  assert.equal(s.certificates?.data?.parseErrors.length, 4);
});

test('certificates: access denied is an error with the reason; not-applicable off Windows', async () => {
  const { s } = await run(fakeWindowsRunner({ accessDenied: true }));
  assert.equal(s.certificates?.status, 'error');
  assert.match(s.certificates?.message ?? '', /Access is denied/);
  const linux = await run(fakeWindowsRunner({}), 'linux');
  assert.equal(linux.s.certificates?.status, 'not-applicable');
  assert.equal(linux.s.policy?.status, 'not-applicable');
});

test('certificates: LyncCertStore present but unreadable is partial (the Personal store facts still count)', async () => {
  const runner = recordingRunner((cmd, args) => {
    const script = Buffer.from(args[args.indexOf('-EncodedCommand') + 1] ?? '', 'base64').toString('utf16le');
    if (script.includes('LyncCertStore')) return { code: 1, stderr: "Get-ChildItem : Access is denied.\r\n    + CategoryInfo          : PermissionDenied: (:) [Get-ChildItem], UnauthorizedAccessException\r\n" };
    return { stdout: fixture('windows', 'ps-cert-my-three.json') };
  });
  const { s } = await run(runner);
  assert.equal(s.certificates?.status, 'partial');
  assert.equal(s.certificates?.data?.certificates.length, 3);
  assert.match(s.certificates?.message ?? '', /^3 certificate\(s\), 2 TLS-DSK; could not read LyncCertStore \(/);
});

test('policy: one key unreadable (access denied), the others absent: partial, never "no policy set"', async () => {
  const runner = recordingRunner((cmd, args) => {
    if (/^HKCU\\.*16\.0/.test(args[1] ?? '')) return { code: 1, stderr: 'ERROR: Access is denied.\r\n' };
    return { code: 1, stderr: 'ERROR: The system was unable to find the specified registry key or value.\r\n' };
  });
  const { s } = await run(runner);
  assert.equal(s.policy?.status, 'partial');
  assert.deepEqual(s.policy?.data?.keys.map((k) => k.outcome).sort(), ['absent', 'absent', 'absent', 'access-denied']);
  assert.match(s.policy?.message ?? '', /^0 policy key\(s\) present, 0 value\(s\); could not read HKCU\\SOFTWARE\\Policies\\Microsoft\\Office\\16\.0\\Lync \(/);
});

test('policy: values from HKLM 16.0, absent keys told apart, German messages understood', async () => {
  const runner = recordingRunner((cmd, args) => {
    const key = args[1] ?? '';
    if (key === 'HKLM\\SOFTWARE\\Policies\\Microsoft\\Office\\16.0\\Lync') return { stdout: fixture('windows', 'reg-query-lync-16-set.txt') };
    return { code: 1, stderr: fixture('windows', 'reg-query-absent.de.stderr.txt') };
  });
  const { s } = await run(runner);
  assert.equal(s.policy?.status, 'ok');
  assert.deepEqual(s.policy?.data?.keys.map((k) => k.outcome), ['absent', 'ok', 'absent', 'absent']);
  const v = s.policy?.data?.values.find((x) => x.name === 'UseLyncCertStore');
  assert.equal(v?.data, '0x1');
  assert.equal(v?.hive, 'HKLM');
});

test('a runner that never returns in time gives a timeout status within the deadline', async () => {
  const slow: CommandRunner = (command, args, o) =>
    new Promise((resolve) => {
      const t = setTimeout(() => resolve({ command, args, code: 0, stdout: '', stderr: '', timedOut: false, truncated: false }), 60_000);
      o.signal?.addEventListener('abort', () => {
        clearTimeout(t);
        resolve({ command, args, code: null, stdout: '', stderr: '', timedOut: true, truncated: false });
      });
    });
  const { snapshot } = await collect({ input: { ...input, timeoutMs: 200 }, run: slow, platform: 'win32', collectors: [policyCollector] });
  assert.notEqual(snapshot.sections.policy?.status, 'ok');
  assert.match(snapshot.sections.policy?.message ?? '', /deadline|did not finish/);
});
