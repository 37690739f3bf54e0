import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { certificatesCollector } from '../../../../../main/collect/certificates';
import { policyCollector } from '../../../../../main/collect/policy';
import { readWinHttp } from '../../../../../main/collect/proxy-windows';
import type { Collector } from '../../../../../main/collect/types';
import { loadReplayPc, parseReplayPc, replayRawRunner, type ReplayPc } from '../../../../../main/collect/windows/replay';
import { decodingRunner } from '../../../../../main/collect/windows/runner';
import { encodePowerShell } from '../../../../../main/collect/certificates';
import { collect } from '../../../../../main/diagnose';
import { tlsDskCert } from '../../../../helpers/forge-certs';
import { NOW } from '../../../../helpers/snapshot';
import { realCapture, recordedPc } from '../../../../helpers/windows-pc';

const INPUT = { sipAddress: 'alice@contoso.com', sipDomain: 'contoso.com', dnsServer: null, timeoutMs: 5000 };
const cert = tlsDskCert('alice@contoso.com', new Date(NOW.getTime() - 10 * 86_400_000), new Date(NOW.getTime() + 170 * 86_400_000));
const thumb = createHash('sha1').update(Buffer.from(cert.derBase64, 'base64')).digest('hex').toUpperCase();
const MY = [{ derBase64: cert.derBase64, thumbprint: thumb, hasPrivateKey: true }];

async function diagnoseRecorded(pc: ReplayPc, collectors: readonly Collector[] = [certificatesCollector, policyCollector]) {
  const run = decodingRunner(replayRawRunner(pc));
  return collect({ input: INPUT, run, platform: 'win32', collectors, now: () => NOW });
}

test('replay: first matching entry answers, case-insensitively, against the decoded -EncodedCommand script', async () => {
  const raw = replayRawRunner({ platform: 'win32', commands: [{ match: 'GET-CHILDITEM', exitCode: 0, stdout: 'first' }, { match: 'get-childitem', exitCode: 0, stdout: 'second' }] });
  const r = await raw('powershell.exe', ['-NoProfile', '-EncodedCommand', encodePowerShell("Get-ChildItem -Path 'Cert:\\CurrentUser\\My'")], { timeoutMs: 1000 });
  assert.equal(r.stdout.toString(), 'first');
});

test('replay: a command with no entry behaves like cmd.exe\'s "not recognized" (exit 9009)', async () => {
  const run = decodingRunner(replayRawRunner({ platform: 'win32', commands: [] }), 437);
  const r = await run('netsh.exe', ['winhttp', 'show', 'proxy'], { timeoutMs: 1000 });
  assert.equal(r.code, 9009);
  assert.equal(r.stderr, "'netsh' is not recognized as an internal or external command,\r\noperable program or batch file.\r\n");
});

test('replay: base64 bytes are decoded in the PC\'s OEM code page, asked once through reg query OEMCP', async () => {
  const raw = replayRawRunner(recordedPc({ codePage: 932, regAbsent: 'reg-absent.ja.cp932.txt' }));
  const run = decodingRunner(raw);
  const a = await run('reg.exe', ['query', 'HKCU\\Software\\Nope'], { timeoutMs: 1000 });
  const b = await run('reg.exe', ['query', 'HKCU\\Software\\Nope2'], { timeoutMs: 1000 });
  assert.equal(a.stderr, 'エラー: 指定されたレジストリ キーまたは値が見つかりませんでした\r\n');
  assert.equal(b.stderr, a.stderr);
  assert.equal(raw.calls.filter((c) => /OEMCP/.test(c)).length, 1);
});

test('replay: PC.json problems are named (platform, match, exitCode, base64, both text and base64)', () => {
  const bad: Array<[unknown, RegExp]> = [
    [[], /one JSON object/],
    [{ platform: 'linux', commands: [] }, /platform/],
    [{ platform: 'win32' }, /commands/],
    [{ platform: 'win32', commands: [{ match: '', exitCode: 0 }] }, /commands\[0\]\.match/],
    [{ platform: 'win32', commands: [{ match: 'x', exitCode: '1' }] }, /exitCode/],
    [{ platform: 'win32', commands: [{ match: 'x', exitCode: 0, stdoutBase64: 'not base64!' }] }, /stdoutBase64 is not base64/],
    [{ platform: 'win32', commands: [{ match: 'x', exitCode: 0, stderr: 'a', stderrBase64: 'YQ==' }] }, /not both/],
  ];
  for (const [json, re] of bad) {
    const r = parseReplayPc(json);
    assert.equal(r.ok, false);
    assert.match((r as { error: string }).error, re);
  }
  assert.throws(() => loadReplayPc('pc.json', () => '{nope'), /pc\.json is not valid JSON/);
  assert.throws(() => loadReplayPc('missing.json', () => { throw new Error('ENOENT'); }), /cannot read missing\.json/);
});

// Whole collectors on recorded PCs in seven display languages and both code-page families.
const LANGS = [
  { lang: 'en', codePage: 437, regAbsent: 'reg-absent.en.cp437.txt' },
  { lang: 'de', codePage: 850, regAbsent: 'reg-absent.de.cp850.txt' },
  { lang: 'fr', codePage: 850, regAbsent: 'reg-absent.fr.cp850.txt' },
  { lang: 'es', codePage: 850, regAbsent: 'reg-absent.es.cp850.txt' },
  { lang: 'ru', codePage: 866, regAbsent: 'reg-absent.ru.cp866.txt' },
  { lang: 'ja', codePage: 932, regAbsent: 'reg-absent.ja.cp932.txt' },
  { lang: 'zh-CN', codePage: 936, regAbsent: 'reg-absent.zh-CN.cp936.txt' },
];

/** What a technician would be told, stripped of nothing: status, message and per-key outcomes. */
function verdicts(c: Awaited<ReturnType<typeof diagnoseRecorded>>) {
  const pol = c.snapshot.sections.policy;
  const certs = c.snapshot.sections.certificates;
  return {
    policy: { status: pol?.status, message: pol?.message, keys: pol?.data?.keys.map((k) => `${k.hive} ${k.version} ${k.outcome} ${k.message}`) },
    certificates: { status: certs?.status, message: certs?.message, stores: certs?.data?.stores.map((s) => `${s.store} ${s.outcome}`), thumbs: certs?.data?.certificates.map((x) => x.thumbprint), tlsDsk: certs?.data?.certificates.map((x) => x.tlsDsk) },
  };
}

test('recorded PCs in en, de, fr, es, ru, ja and zh-CN get the same verdicts: no policy key (normal), one TLS-DSK certificate, LyncCertStore absent (normal)', async () => {
  const english = verdicts(await diagnoseRecorded(recordedPc({ ...LANGS[0]!, my: MY })));
  // Written down before running: all four policy keys absent = "no policy set", which is the normal case.
  assert.deepEqual(english.policy, {
    status: 'ok',
    message: '0 policy key(s) present, 0 value(s)',
    keys: ['HKLM 15.0 absent key not present (no policy set)', 'HKLM 16.0 absent key not present (no policy set)', 'HKCU 15.0 absent key not present (no policy set)', 'HKCU 16.0 absent key not present (no policy set)'],
  });
  assert.deepEqual(english.certificates, { status: 'ok', message: '1 certificate(s), 1 TLS-DSK; no LyncCertStore (normal unless UseLyncCertStore is on)', stores: ['My ok', 'LyncCertStore absent'], thumbs: [thumb], tlsDsk: [true] });
  for (const l of LANGS.slice(1)) {
    const v = verdicts(await diagnoseRecorded(recordedPc({ ...l, my: MY })));
    assert.deepEqual(v, english, l.lang);
  }
});

test('the raw reg outputs a recorded PC gives are decoded without U+FFFD in every language', async () => {
  for (const l of LANGS) {
    const c = await diagnoseRecorded(recordedPc({ ...l, my: MY }));
    for (const r of c.raw) assert.ok(!r.content.includes('\uFFFD'), `${l.lang} ${r.name}`);
  }
});

for (const [lang, cp, direct, proxy, server] of [
  ['ja', 932, 'netsh-winhttp-direct.ja.cp932.txt', 'netsh-winhttp-proxy.ja.cp932.txt', '1.2.3.4:5678'],
  ['zh-CN', 936, 'netsh-winhttp-direct.zh-CN.cp936.txt', 'netsh-winhttp-proxy.zh-CN.cp936.txt', '127.0.0.1:1088'],
] as const) {
  test(`WinHTTP (${lang}): a 32-bit client is judged on the 32-bit view (SysWOW64\\netsh), a 64-bit client on the 64-bit one; both views kept, labelled`, async () => {
    const ctx = (pc: ReplayPc) => ({ run: decodingRunner(replayRawRunner(pc)), signal: new AbortController().signal, deadline: Date.now() + 5000, raw: () => undefined });
    const x86 = await readWinHttp(ctx(recordedPc({ codePage: cp, regAbsent: `reg-absent.${lang}.cp${cp}.txt`, netsh64: direct, netsh32: proxy, officePlatform: 'x86' })));
    assert.deepEqual([x86.view, x86.clientBitness, x86.direct, x86.proxyServer], ['32-bit', '32-bit', false, server]);
    assert.deepEqual(x86.views?.map((v) => `${v.view} ${v.outcome} ${v.direct ? 'direct' : v.proxyServer}`), ['64-bit ok direct', `32-bit ok ${server}`]);
    assert.match(x86.message, /the 64-bit view differs: direct access/);
    const x64 = await readWinHttp(ctx(recordedPc({ codePage: cp, regAbsent: `reg-absent.${lang}.cp${cp}.txt`, netsh64: direct, netsh32: proxy, officePlatform: 'x64' })));
    assert.deepEqual([x64.view, x64.clientBitness, x64.direct, x64.proxyServer], ['64-bit', '64-bit', true, null]);
    const unknown = await readWinHttp(ctx(recordedPc({ codePage: cp, regAbsent: `reg-absent.${lang}.cp${cp}.txt`, netsh64: direct, netsh32: null })));
    assert.deepEqual([unknown.view, unknown.clientBitness, unknown.direct, unknown.views?.[1]?.outcome], ['64-bit', null, true, 'absent']);
  });
}

test('a ConstrainedLanguage PC (real CLM errors for every refused construct) still yields the certificate facts', async () => {
  const clm = { exitCode: 1, stderrBase64: realCapture('ps-clm-method.clixml.cp437.txt') };
  const pc = recordedPc({ ...LANGS[1]!, my: MY, languageMode: 'ConstrainedLanguage', first: [{ match: '[Convert]::', ...clm }, { match: 'New-Object', ...clm }, { match: 'Add-Type', ...clm }, { match: '[Console]::', ...clm }] });
  const c = await diagnoseRecorded(pc, [certificatesCollector]);
  const s = c.snapshot.sections.certificates;
  assert.equal(s?.status, 'ok');
  assert.deepEqual(s?.data?.certificates.map((x) => x.thumbprint), [thumb]);
  assert.equal(s?.data?.languageMode, 'ConstrainedLanguage');
  assert.match(s?.message ?? '', /PowerShell in ConstrainedLanguage/);
});

test('when ConstrainedLanguage refuses the certificate script itself, the reason says so in plain text (no CLIXML)', async () => {
  const pc: ReplayPc = { platform: 'win32', commands: [{ match: 'Cert:\\CurrentUser', exitCode: 1, stderrBase64: realCapture('ps-clm-method.clixml.cp437.txt') }] };
  const c = await diagnoseRecorded(pc, [certificatesCollector]);
  const s = c.snapshot.sections.certificates;
  assert.equal(s?.status, 'error');
  assert.equal(s?.message, 'Personal store could not be read: PowerShell runs in ConstrainedLanguage mode here (AppLocker / WDAC) and refused the certificate script: Cannot invoke method. Method invocation is supported only on core types in this language mode.');
});

test('access denied on every policy key reads the same in en, es, ja and zh-CN: "could not be read", with the readable message', async () => {
  const outcomes = [];
  for (const [file, cp, text] of [
    ['reg-denied.en.cp437.txt', 437, 'ERROR: Access is denied.'],
    ['reg-denied.es.cp850.txt', 850, 'ERROR: Acceso denegado.'],
    ['reg-denied.ja.cp932.txt', 932, 'エラー: アクセスが拒否されました。'],
    ['reg-denied.zh-CN.cp936.txt', 936, '错误: 拒绝访问。'],
  ] as const) {
    const c = await diagnoseRecorded(recordedPc({ codePage: cp, regAbsent: file }), [policyCollector]);
    const p = c.snapshot.sections.policy;
    assert.equal(p?.status, 'error', file);
    assert.equal(p?.message, `no policy key could be read: ${text}`, file);
    outcomes.push(p?.data?.keys.map((k) => k.outcome));
  }
  for (const o of outcomes) assert.deepEqual(o, ['access-denied', 'access-denied', 'access-denied', 'access-denied']);
});
