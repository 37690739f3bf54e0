import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { runCli } from '../../../helpers/cli';
import { recordedPc } from '../../../helpers/windows-pc';

const dir = mkdtempSync(join(tmpdir(), 'ld-replay-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('diagnose --replay PC.json runs the Windows collectors on the recorded (Japanese, CP932) PC as win32', async () => {
  const file = join(dir, 'pc-ja.json');
  writeFileSync(file, JSON.stringify(recordedPc({ codePage: 932, regAbsent: 'reg-absent.ja.cp932.txt', netsh64: 'netsh-winhttp-direct.ja.cp932.txt', netsh32: 'netsh-winhttp-proxy.ja.cp932.txt', officePlatform: 'x86' })));
  const r = await runCli(['diagnose', '--sip-address', 'alice@contoso.com', '--dns-server', '127.0.0.1:9', '--timeout-ms', '1500', '--json', '--replay', file]);
  const json = JSON.parse(r.out) as { snapshot: { host: { platform: string }; sections: Record<string, { status: string; message: string; data?: { winhttp?: { view?: string; proxyServer?: string | null } } }> } };
  assert.equal(json.snapshot.host.platform, 'win32');
  assert.equal(json.snapshot.sections.policy?.status, 'ok');
  assert.equal(json.snapshot.sections.policy?.message, '0 policy key(s) present, 0 value(s)');
  assert.equal(json.snapshot.sections.certificates?.status, 'ok');
  assert.equal(json.snapshot.sections.proxy?.data?.winhttp?.view, '32-bit');
  assert.equal(json.snapshot.sections.proxy?.data?.winhttp?.proxyServer, '1.2.3.4:5678');
});

test('--replay: a missing or malformed PC.json is a usage error (exit 2) naming the problem; fix apply with --replay is refused', async () => {
  const bad = join(dir, 'bad.json');
  writeFileSync(bad, JSON.stringify({ platform: 'linux', commands: [] }));
  const a = await runCli(['diagnose', '--sip-address', 'alice@contoso.com', '--replay', bad]);
  assert.equal(a.code, 2);
  assert.match(a.err, /--replay: .*bad\.json: "platform" must be "win32"/);
  const b = await runCli(['diagnose', '--sip-address', 'alice@contoso.com', '--replay', join(dir, 'nope.json')]);
  assert.equal(b.code, 2);
  assert.match(b.err, /--replay: cannot read .*nope\.json/);
  const good = join(dir, 'empty.json');
  writeFileSync(good, JSON.stringify({ platform: 'win32', commands: [] }));
  const c = await runCli(['fix', 'winhttp-import-ie-proxy', '--sip-address', 'alice@contoso.com', '--yes', '--replay', good]);
  assert.equal(c.code, 2);
  assert.match(c.err, /--replay works with "fix list" and "fix preview" only/);
});

test('fix preview --replay plans against the recorded PC and says it is a replay', async () => {
  const file = join(dir, 'pc-de.json');
  writeFileSync(file, JSON.stringify(recordedPc({ codePage: 850, regAbsent: 'reg-absent.de.cp850.txt', netsh64: 'netsh-winhttp-proxy.de.cp850.txt' })));
  const r = await runCli(['fix', 'preview', 'winhttp-import-ie-proxy', '--sip-address', 'alice@contoso.com', '--dns-server', '127.0.0.1:9', '--timeout-ms', '1500', '--replay', file]);
  assert.match(r.err, /^REPLAY: Windows commands are answered from .*pc-de\.json/m);
  // The recorded PC has no Internet Settings key (reg answers "not found" in German): not applicable, with that reason.
  assert.match(r.out, /Not applicable: cannot read the Internet Options proxy: FEHLER: Der angegebene Registrierungsschlüssel bzw\. Wert wurde nicht gefunden\./);
});

test('a replayed PC does not inherit this machine\'s OS release or architecture (LD-TLS-007 must not read a Linux kernel 6.1 as Windows 7)', async () => {
  const file = join(dir, 'pc-en.json');
  writeFileSync(file, JSON.stringify(recordedPc({ codePage: 437, regAbsent: 'reg-absent.en.cp437.txt' })));
  const r = await runCli(['diagnose', '--sip-address', 'alice@contoso.com', '--dns-server', '127.0.0.1:9', '--timeout-ms', '1500', '--json', '--replay', file]);
  const json = JSON.parse(r.out) as { snapshot: { host: { platform: string; release: string; arch: string } } };
  assert.deepEqual(json.snapshot.host, { platform: 'win32', release: 'unknown', arch: 'unknown' });
});
