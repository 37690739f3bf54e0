// Tables for the Windows output parsers' edge forms. Expected values from the formats' documentation:
// WinINET ProxyServer "[scheme=]host[:port]" lists separated by ";" (MS "Internet Settings" / netsh docs),
// ProxyOverride with "<local>", DefaultConnectionSettings byte 8 flags (1 direct, 2 proxy, 4 auto-config
// URL, 8 auto-detect), PowerShell 5.1 ConvertTo-Json output (nothing / object / array, BOM).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { classifyStoreError, parseCertExportJson } from '../../../../../main/collect/windows/parse-cert-json';
import { parseNetshWinHttp } from '../../../../../main/collect/windows/parse-netsh-winhttp';
import { parseRegQuery } from '../../../../../main/collect/windows/parse-reg-query';
import { parseBypassList, parseDefaultConnectionSettings, parseProxyServer, parseWinInet, regDword } from '../../../../../main/collect/windows/parse-wininet';

const PS: ReadonlyArray<readonly [string, Array<[string, string, number]>]> = [
  ['proxy.contoso.com:8080', [['all', 'proxy.contoso.com', 8080]]],
  ['proxy.contoso.com', [['all', 'proxy.contoso.com', 80]]],
  ['http=a:80;https=b:443', [['http', 'a', 80], ['https', 'b', 443]]],
  ['HTTPS=b:8443', [['https', 'b', 8443]]],
  ['http=http://a:81/', [['http', 'a', 81]]],
  ['https://b:444/path', [['all', 'b', 444]]],
  ['socks=s:1080 ftp=f:21', [['socks', 's', 1080], ['ftp', 'f', 21]]],
  ['gopher=g:70;https=b:443', [['https', 'b', 443]]],
  ['[2001:db8::1]:3128', [['all', '2001:db8::1', 3128]]],
  ['a:80:90', []],
  ['a:123456', []],
  ['', []],
];
for (const [value, want] of PS) {
  test(`parseProxyServer(${JSON.stringify(value)})`, () => assert.deepEqual(parseProxyServer(value), want.map(([scheme, host, port]) => ({ scheme, host, port }))));
}

const BYPASS: ReadonlyArray<readonly [string | null, string[], boolean]> = [
  [null, [], false],
  ['', [], false],
  ['<local>', [], true],
  ['*.contoso.local;<LOCAL>;10.*', ['*.contoso.local', '10.*'], true],
  ['a, b  c;;d', ['a', 'b', 'c', 'd'], false],
];
for (const [value, entries, local] of BYPASS) {
  test(`parseBypassList(${JSON.stringify(value)})`, () => assert.deepEqual(parseBypassList(value), { entries, local }));
}

const KEY = 'HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings';
const reg = (lines: string[]) => ['', KEY, ...lines.map((l) => `    ${l}`), '', `${KEY}\\Connections`, '    ProxyServer    REG_SZ    sub.key.ignored:1', ''].join('\r\n');

test('parseWinInet: values of the main key only, case-insensitive names, DWORD flags, empty strings are null', () => {
  assert.deepEqual(parseWinInet(reg(['proxyenable    REG_DWORD    0x1', 'ProxyServer    REG_SZ    p:8080', 'ProxyOverride    REG_SZ    <local>;*.corp', 'AutoConfigURL    REG_SZ    http://wpad/proxy.pac', 'AutoDetect    REG_DWORD    0x0'])), {
    proxyEnable: true, proxyServer: 'p:8080', servers: [{ scheme: 'all', host: 'p', port: 8080 }], bypass: ['*.corp'], bypassLocal: true, autoConfigUrl: 'http://wpad/proxy.pac', autoDetect: false,
  });
  assert.deepEqual(parseWinInet(reg(['ProxyEnable    REG_DWORD    0x2', 'ProxyServer    REG_SZ', 'AutoDetect    REG_DWORD    0x5'])), {
    proxyEnable: false, proxyServer: null, servers: [], bypass: [], bypassLocal: false, autoConfigUrl: null, autoDetect: true,
  });
  assert.deepEqual(parseWinInet(reg(['AutoDetect    REG_SZ    yes'])).autoDetect, null);
  assert.deepEqual(parseWinInet(''), { proxyEnable: false, proxyServer: null, servers: [], bypass: [], bypassLocal: false, autoConfigUrl: null, autoDetect: null });
});

const dcs = (byte8: string) => `\r\n${KEY}\\Connections\r\n    DefaultConnectionSettings    REG_BINARY    4600000005000000${byte8}000000\r\n`;
const DCS: ReadonlyArray<readonly [string, ReturnType<typeof parseDefaultConnectionSettings>]> = [
  [dcs('01'), { direct: true, proxy: false, autoConfig: false, autoDetect: false }],
  [dcs('03'), { direct: true, proxy: true, autoConfig: false, autoDetect: false }],
  [dcs('05'), { direct: true, proxy: false, autoConfig: true, autoDetect: false }],
  [dcs('09'), { direct: true, proxy: false, autoConfig: false, autoDetect: true }],
  [dcs('0f'), { direct: true, proxy: true, autoConfig: true, autoDetect: true }],
  [dcs('00'), { direct: false, proxy: false, autoConfig: false, autoDetect: false }],
  [`\r\n${KEY}\\Connections\r\n    DefaultConnectionSettings    REG_BINARY    46000000 05000000 0B\r\n`, { direct: true, proxy: true, autoConfig: false, autoDetect: true }],
  [`\r\n${KEY}\\Connections\r\n    DefaultConnectionSettings    REG_BINARY    460000000500000\r\n`, null],
  [`\r\n${KEY}\\Connections\r\n    DefaultConnectionSettings    REG_BINARY    4600000005000000ZZ\r\n`, null],
  [`\r\n${KEY}\\Connections\r\n    DefaultConnectionSettings    REG_SZ    460000000500000009\r\n`, null],
  ['', null],
];
DCS.forEach(([text, want], i) => test(`parseDefaultConnectionSettings case ${i}`, () => assert.deepEqual(parseDefaultConnectionSettings(text), want)));

test('regDword: by name, case-insensitive; absent or not a DWORD → null', () => {
  const t = `\r\nHKEY_CURRENT_USER\\Software\\Microsoft\\UCCPlatform\\Lync\r\n    EnableDetectProxyForAllConnections    REG_DWORD    0x1\r\n`;
  assert.equal(regDword(t, 'enabledetectproxyforallconnections'), 1);
  assert.equal(regDword(t, 'Other'), null);
  assert.equal(regDword(t.replace('0x1', '1'), 'EnableDetectProxyForAllConnections'), null);
  assert.equal(regDword(t.replace('0x1', '0xFFFFFFFF'), 'EnableDetectProxyForAllConnections'), 0xffffffff);
});

const J: ReadonlyArray<readonly [string, string, ReturnType<typeof parseCertExportJson>]> = [
  ['empty pipeline', '  \r\n', { kind: 'ok', certs: [] }],
  ['one object with BOM', '\uFEFF{"Store":"LyncCertStore","Thumbprint":"ab12","HasPrivateKey":true,"Der":"MII"}', { kind: 'ok', certs: [{ store: 'LyncCertStore', thumbprint: 'AB12', hasPrivateKey: true, derBase64: 'MII' }] }],
  ['array, odd fields', '[{"Thumbprint":5,"HasPrivateKey":"True","Der":null}, null, 3, {"Store":"My"}]', { kind: 'ok', certs: [{ store: 'My', thumbprint: null, hasPrivateKey: false, derBase64: null }, { store: 'My', thumbprint: null, hasPrivateKey: false, derBase64: null }] }],
];
for (const [label, text, want] of J) test(`parseCertExportJson: ${label}`, () => assert.deepEqual(parseCertExportJson(text), want));

test('parseCertExportJson: not JSON is an error naming the first bytes', () => {
  const r = parseCertExportJson('Get-ChildItem : oops');
  assert.equal(r.kind, 'error');
  assert.match(r.kind === 'error' ? r.reason : '', /^certificate export is not valid JSON \(.+\); first bytes: "Get-ChildItem : oops"$/);
});

const STORE_ERR: ReadonlyArray<readonly [string, string]> = [
  ["Get-ChildItem : Cannot find path 'Cert:\\CurrentUser\\LyncCertStore' because it does not exist.", 'absent'],
  ['+ FullyQualifiedErrorId : PathNotFound,Microsoft.PowerShell.Commands.GetChildItemCommand', 'absent'],
  ['Der Pfad "Cert:\\CurrentUser\\LyncCertStore" kann nicht gefunden werden, da er nicht vorhanden ist.', 'absent'],
  ['Access is denied.', 'access-denied'],
  // issue 15 decides by PowerShell's untranslated category first; the localized words are only a fallback and must be
  // Windows' own message ("Access is denied."), so a bare "access denied" in some other text is not guessed.
  ['access denied', 'error'],
  ['+ CategoryInfo : PermissionDenied, UnauthorizedAccessException', 'access-denied'],
  ['+ CategoryInfo : ObjectNotFound: (Cert:\\CurrentUser\\LyncCertStore:String) [Get-ChildItem], ItemNotFoundException', 'absent'],
  // the category wins over words in the message: a path-not-found whose text happens to say "Access is denied"
  ['Access is denied.\r\n+ FullyQualifiedErrorId : PathNotFound,Microsoft.PowerShell.Commands.GetChildItemCommand', 'absent'],
  ['Der Pfad ist nicht vorhanden.\r\n+ CategoryInfo : PermissionDenied', 'access-denied'],
  // ConstrainedLanguage refusals are an error for the store reading (the collector names the mode itself)
  ['+ FullyQualifiedErrorId : MethodInvocationNotSupportedInConstrainedLanguage', 'error'],
  ['Zugriff verweigert', 'access-denied'],
  ['The term powershell is not recognized', 'error'],
];
for (const [stderr, want] of STORE_ERR) test(`classifyStoreError → ${want}: ${stderr.slice(0, 40)}`, () => assert.equal(classifyStoreError(stderr), want));

// reg.exe layout (4-space indent, columns separated by 4 spaces, key lines unindented), edge forms
test('parseRegQuery: BOM, LF-only, trailing blanks, a value without data, key forms, sub-keys', () => {
  const text = '\uFEFF\nHKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Office\\16.0\\Lync\n    UseLyncCertStore    REG_DWORD    0x1   \n    EmptyValue    REG_SZ\n    (Default)    REG_SZ    a  b\nHKCU\n    X    REG_DWORD    0x0\nnot a value line    REG_SZ    y\n    Spaces Inside Name    REG_EXPAND_SZ    %PATH%\n';
  assert.deepEqual(parseRegQuery(text), [
    { keyPath: 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Office\\16.0\\Lync', name: 'UseLyncCertStore', type: 'REG_DWORD', data: '0x1' },
    { keyPath: 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Office\\16.0\\Lync', name: 'EmptyValue', type: 'REG_SZ', data: '' },
    { keyPath: 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Office\\16.0\\Lync', name: '(Default)', type: 'REG_SZ', data: 'a  b' },
    { keyPath: 'HKCU', name: 'X', type: 'REG_DWORD', data: '0x0' },
    { keyPath: 'HKCU', name: 'Spaces Inside Name', type: 'REG_EXPAND_SZ', data: '%PATH%' },
  ]);
  assert.deepEqual(parseRegQuery('    HKEY_CURRENT_USER    REG_SZ    v'), [{ keyPath: '', name: 'HKEY_CURRENT_USER', type: 'REG_SZ', data: 'v' }], 'an indented HKEY name is a value, not a key');
  assert.deepEqual(parseRegQuery('HKEY_USERS\n    a    REG_SZ    b').map((v) => v.keyPath), ['HKEY_USERS']);
});

test('parseNetshWinHttp: BOM, LF-only, full-width colon, "(none)" proxy with a bypass list, header without WinHTTP', () => {
  const proxy = '\uFEFF\nCurrent WinHTTP proxy settings:\n\n    Proxy Server(s) :  p.contoso.com:8080\n    Bypass List     :  <local>;*.corp\n';
  assert.deepEqual(parseNetshWinHttp(proxy), { direct: false, proxyServer: 'p.contoso.com:8080', servers: [{ scheme: 'all', host: 'p.contoso.com', port: 8080 }], bypass: ['*.corp'], bypassLocal: true });
  assert.deepEqual(parseNetshWinHttp('当前的 WinHTTP 代理服务器设置：\r\n    代理服务器：  p:1\r\n    绕过列表：  (无)\r\n'), { direct: false, proxyServer: 'p:1', servers: [{ scheme: 'all', host: 'p', port: 1 }], bypass: [], bypassLocal: false });
  assert.deepEqual(parseNetshWinHttp('Current WinHTTP proxy settings:\r\n    Proxy Server(s) :  (none)\r\n    Bypass List     :  *.x\r\n'), { direct: true, proxyServer: null, servers: [], bypass: ['*.x'], bypassLocal: false });
  assert.deepEqual(parseNetshWinHttp('Current WinHTTP proxy settings:\r\n    Proxy Server(s) :  p:1\r\n'), { direct: false, proxyServer: 'p:1', servers: [{ scheme: 'all', host: 'p', port: 1 }], bypass: [], bypassLocal: false }, 'no bypass line');
  assert.equal(parseNetshWinHttp('Current proxy settings:\r\n    Direct access (no proxy server).\r\n'), null);
  assert.equal(parseNetshWinHttp('WinHTTP is great\r\n    Direct access\r\n'), null, 'the header ends with a colon');
  assert.deepEqual(parseNetshWinHttp('Current WinHTTP proxy settings: \r\n    Direct access (no proxy server).\r\n')?.direct, true);
  assert.deepEqual(parseNetshWinHttp('Current WinHTTP proxy settings:\r\n    Proxy Server(s):p:1\r\n')?.direct, true, 'label and value need a space after the colon');
});
