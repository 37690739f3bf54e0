// reg query and netsh winhttp readers, pinned on the REAL captures of test/fixtures/windows/real (sources in
// its SOURCES.md) in the forms a program receives them: as captured, LF-only, with a BOM (Out-File / a UTF-8
// console), with trailing blanks, two queries in one output, cut after some lines. Expected values are the
// hand readings of expected.json (written from the captures), adjusted by hand for each cut; the reg.exe
// layout (unindented key line, 4-space indented "name    REG_TYPE    data") from the captures themselves.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { decodeConsole } from '../../../../../main/collect/windows/codepage';
import { parseNetshWinHttp, type NetshWinHttp } from '../../../../../main/collect/windows/parse-netsh-winhttp';
import { parseRegQuery, type RegQueryValue } from '../../../../../main/collect/windows/parse-reg-query';

const DIR = join(process.cwd(), 'test', 'fixtures', 'windows', 'real');
const real = (f: string): string => decodeConsole(readFileSync(join(DIR, f)), Number(/\.cp(\d+)\.txt$/.exec(f)?.[1]));
const lf = (s: string): string => s.replace(/\r\n/g, '\n');
const dropLeadingBlank = (s: string): string => s.replace(/^\r?\n/, '');

const DE = real('reg-query-longpaths.de.cp850.txt');
const JA = real('reg-query-au.ja.cp932.txt');
const DE_V: RegQueryValue = { keyPath: 'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\FileSystem', name: 'LongPathsEnabled', type: 'REG_DWORD', data: '0x1' };
const JA_V: RegQueryValue = { keyPath: 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate\\AU', name: 'DetectionFrequency', type: 'REG_DWORD', data: '0x10' };

const REG: ReadonlyArray<readonly [string, string, RegQueryValue[]]> = [
  ['German capture as received', DE, [DE_V]],
  ['German capture, LF only', lf(DE), [DE_V]],
  ['German capture, BOM right before the key line (no leading blank line)', `\uFEFF${dropLeadingBlank(DE)}`, [DE_V]],
  ['German capture, trailing blanks after the key and the value', DE.replace('FileSystem\r\n', 'FileSystem   \r\n').replace('0x1\r\n', '0x1 \t \r\n'), [DE_V]],
  ['Japanese capture as received', JA, [JA_V]],
  ['two queries in one output: each value under its own key', DE + JA, [DE_V, JA_V]],
  ['cut after the key line: no value', DE.slice(0, DE.indexOf('    LongPaths')), []],
  ['cut inside the value line after the type: value without data', DE.slice(0, DE.indexOf('REG_DWORD') + 'REG_DWORD'.length), [{ ...DE_V, data: '' }]],
  ['value line with a single-space indent is not reg.exe output', DE.replace('    LongPaths', ' LongPaths'), []],
  ['value line with tab separators is not reg.exe output', DE.replace('    LongPathsEnabled    REG_DWORD    0x1', '\tLongPathsEnabled\tREG_DWORD\t0x1'), []],
];
for (const [label, text, want] of REG) {
  test(`parseRegQuery (real): ${label}`, () => {
    assert.deepEqual(parseRegQuery(text), want);
  });
}

// reg.exe prints full hive names; reg accepts and some tools print the short ones (reg /? "ROOTKEY").
const HIVES = ['HKLM\\SOFTWARE\\Policies\\Microsoft\\Office\\16.0\\Lync', 'HKCU\\Software\\Microsoft\\Office\\16.0\\Lync', 'HKCR\\.UccApilog', 'HKU\\S-1-5-18\\Software', 'HKCC\\System', 'HKEY_CURRENT_CONFIG\\System', 'HKEY_CLASSES_ROOT'];
for (const key of HIVES) {
  test(`parseRegQuery: key line "${key}" names the key of the values below it`, () => {
    assert.deepEqual(parseRegQuery(`\r\n${key}\r\n    ServerAddressInternal    REG_SZ    pool01.contoso.com\r\n\r\n`), [{ keyPath: key, name: 'ServerAddressInternal', type: 'REG_SZ', data: 'pool01.contoso.com' }]);
  });
}
test('parseRegQuery: an unknown hive word is not a key line', () => {
  assert.deepEqual(parseRegQuery('HKXX\\Software\r\n    A    REG_SZ    b\r\n').map((v) => v.keyPath), ['']);
});

// netsh: the three real proxy captures and the direct one, in received and altered forms.
const JA_BYPASS = real('netsh-winhttp-proxy-bypass.ja.cp932.txt');
const ZH = real('netsh-winhttp-proxy.zh-CN.cp936.txt');
const DE_N = real('netsh-winhttp-proxy.de.cp850.txt');
const EN_DIRECT = real('netsh-winhttp-direct.en.cp437.txt');
const JA_WANT: NetshWinHttp = { direct: false, proxyServer: 'proxy_address:8080', servers: [{ scheme: 'all', host: 'proxy_address', port: 8080 }], bypass: ['test.com', '*.test.com', 'sts.federation.com'], bypassLocal: true };
const ZH_WANT: NetshWinHttp = { direct: false, proxyServer: '127.0.0.1:1088', servers: [{ scheme: 'all', host: '127.0.0.1', port: 1088 }], bypass: ['niuza.com', 'guancha.cn', 'jandan.net'], bypassLocal: true };
const DE_WANT: NetshWinHttp = { direct: false, proxyServer: 'http://bcpxy.nycnet:8080', servers: [{ scheme: 'all', host: 'bcpxy.nycnet', port: 8080 }], bypass: [], bypassLocal: false };
const DIRECT: NetshWinHttp = { direct: true, proxyServer: null, servers: [], bypass: [], bypassLocal: false };
const cutAfter = (s: string, needle: string): string => s.slice(0, s.indexOf(needle) + needle.length);

const NETSH: ReadonlyArray<readonly [string, string, NetshWinHttp | null]> = [
  ['Japanese, bypass list with <local> (3-space indent)', JA_BYPASS, JA_WANT],
  ['Japanese, LF only', lf(JA_BYPASS), JA_WANT],
  ['Japanese, with a BOM', `\uFEFF${JA_BYPASS}`, JA_WANT],
  ['Japanese, cut after the proxy line: no bypass list', cutAfter(JA_BYPASS, 'proxy_address:8080'), { ...JA_WANT, bypass: [], bypassLocal: false }],
  ['Japanese, cut after the header: not a reading', cutAfter(JA_BYPASS, 'WinHTTP プロキシ設定:'), null],
  ['Japanese, cut inside the indentation of the first value line: not a reading', cutAfter(JA_BYPASS, 'WinHTTP プロキシ設定:\r\n   '), null],
  ['Chinese, cut after the blank line\'s CRLF and the next indentation: not a reading', cutAfter(ZH, '设置:\r\n\r\n    '), null],
  ['Chinese, blank line after the header', ZH, ZH_WANT],
  ['Chinese, header and values with blank lines removed', ZH.replace(/\r\n\r\n/g, '\r\n'), ZH_WANT],
  ['German, "(Keine)" bypass list', DE_N, DE_WANT],
  ['English direct access', EN_DIRECT, DIRECT],
  ['English direct access, LF only, no leading blank line', dropLeadingBlank(lf(EN_DIRECT)), DIRECT],
  ['English direct access cut after the header', cutAfter(EN_DIRECT, 'settings:'), null],
  ['only the body lines (header lost)', DE_N.slice(DE_N.indexOf('    Proxyserver')), null],
];
for (const [label, text, want] of NETSH) {
  test(`parseNetshWinHttp (real): ${label}`, () => {
    assert.deepEqual(parseNetshWinHttp(text), want);
  });
}
