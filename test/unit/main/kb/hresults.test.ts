import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { DEFAULT_HRESULTS_FILE, hresultKey, loadHresults, parseHresults } from '../../../../main/kb/hresults';
import { DEFAULT_MS_DIAGNOSTICS_FILE, loadMsDiagnostics } from '../../../../main/kb/ms-diagnostics';
import { HRESULT_NAMES } from '../../../../main/sip/hresults';

test('the project HRESULT table loads without problems', () => {
  const t = loadHresults();
  assert.deepEqual(t.problems, []);
  assert.ok(t.entries.size >= 100, `${t.entries.size} entries`);
});

test('the names the log reader prints (main/sip/hresults.ts) and the explained table are the same set', () => {
  const t = loadHresults();
  for (const [hex, name] of Object.entries(HRESULT_NAMES)) assert.equal(t.entries.get(`0x${hex}`)?.name, name, `0x${hex} is explained`);
  for (const e of t.entries.values()) assert.equal(HRESULT_NAMES[e.hresult.slice(2)], e.name, `${e.hresult} is named by the reader`);
});

test('Win32, Winsock and WinHTTP/WinINet values are HRESULT_FROM_WIN32 of their documented error number', () => {
  // Error numbers as documented (system error codes, Windows Sockets error codes, WinHTTP/WinINet errors).
  const win32: Record<string, number> = {
    'HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND)': 2, E_ACCESSDENIED: 5, E_OUTOFMEMORY: 14, E_INVALIDARG: 87, 'HRESULT_FROM_WIN32(ERROR_SEM_TIMEOUT)': 121,
    'HRESULT_FROM_WIN32(ERROR_NOT_FOUND)': 1168, 'HRESULT_FROM_WIN32(ERROR_CONNECTION_REFUSED)': 1225, 'HRESULT_FROM_WIN32(ERROR_NETWORK_UNREACHABLE)': 1231,
    'HRESULT_FROM_WIN32(ERROR_HOST_UNREACHABLE)': 1232, 'HRESULT_FROM_WIN32(ERROR_LOGON_FAILURE)': 1326, 'HRESULT_FROM_WIN32(ERROR_PASSWORD_EXPIRED)': 1330,
    'HRESULT_FROM_WIN32(ERROR_ACCOUNT_DISABLED)': 1331, 'HRESULT_FROM_WIN32(ERROR_TIMEOUT)': 1460, 'HRESULT_FROM_WIN32(RPC_S_SERVER_UNAVAILABLE)': 1722,
    'HRESULT_FROM_WIN32(ERROR_ACCOUNT_LOCKED_OUT)': 1909, 'HRESULT_FROM_WIN32(WSAENETDOWN)': 10050, 'HRESULT_FROM_WIN32(WSAENETUNREACH)': 10051,
    'HRESULT_FROM_WIN32(WSAECONNABORTED)': 10053, 'HRESULT_FROM_WIN32(WSAECONNRESET)': 10054, 'HRESULT_FROM_WIN32(WSAETIMEDOUT)': 10060,
    'HRESULT_FROM_WIN32(WSAECONNREFUSED)': 10061, 'HRESULT_FROM_WIN32(WSAEHOSTUNREACH)': 10065, 'HRESULT_FROM_WIN32(WSAHOST_NOT_FOUND)': 11001,
    'HRESULT_FROM_WIN32(WSATRY_AGAIN)': 11002, 'HRESULT_FROM_WIN32(WSANO_DATA)': 11004,
  };
  const t = loadHresults();
  const byName = new Map([...t.entries.values()].map((e) => [e.name, e]));
  for (const [name, n] of Object.entries(win32)) assert.equal(byName.get(name)?.hresult, `0x${(0x80070000 + n).toString(16).toUpperCase()}`, name);
  // WinHTTP / WinINet entries start their meaning with the documented error number ("12029: …").
  let checked = 0;
  for (const e of t.entries.values()) {
    const m = /^(12\d{3}):/.exec(e.meaning);
    if (!m) continue;
    checked++;
    assert.equal(e.hresult, `0x${(0x80070000 + Number(m[1])).toString(16).toUpperCase()}`, e.name);
  }
  assert.ok(checked >= 15);
});

test('hresultKey reads the spellings found in logs; anything else is not an HRESULT', () => {
  assert.equal(hresultKey('0x80090322'), '0x80090322');
  assert.equal(hresultKey('c3e93c5e'), '0xC3E93C5E');
  assert.equal(hresultKey('0x80090322L'), '0x80090322');
  for (const no of ['4005', '0x8009032', '0x800903222', 'SEC_E_WRONG_PRINCIPAL', '']) assert.equal(hresultKey(no), null, no);
});

test('a bad HRESULT entry is reported with its line; the good ones still load', () => {
  const text = JSON.stringify([
    { hresult: '0x80090322', name: 'SEC_E_WRONG_PRINCIPAL', meaning: 'm', likelyFix: 'f', evidence: 'microsoft', articleId: null, sources: ['s'] },
    { hresult: '0x8009032', name: 'X_E_Y', meaning: 'm', likelyFix: 'f', evidence: 'microsoft', articleId: null, sources: ['s'] },
    { hresult: '0x80090325', name: 'SEC_E_UNTRUSTED_ROOT', meaning: 'm', likelyFix: 'f', evidence: 'sure', articleId: null, sources: [] },
  ], null, 2);
  const r = parseHresults('t.json', text);
  assert.deepEqual([...r.entries.keys()], ['0x80090322']);
  assert.equal(r.problems.length, 3);
  assert.match(r.problems[0]?.message ?? '', /"hresult" must be/);
  assert.ok(r.problems.some((p) => /"evidence" must be one of/.test(p.message) && p.line > 1));
  assert.ok(r.problems.some((p) => /"sources" must list/.test(p.message)));
  assert.deepEqual(parseHresults('t.json', '{').entries.size, 0);
});

test('every ms-diagnostics row carries an explicit, consistent evidence mark; gap rows say they explain nothing', () => {
  const raw = JSON.parse(readFileSync(DEFAULT_MS_DIAGNOSTICS_FILE, 'utf8')) as Array<Record<string, unknown>>;
  for (const r of raw) {
    assert.ok(['microsoft', 'captures', 'inferred', 'gap'].includes(r.evidence as string), `${String(r.code)} has an evidence mark`);
    assert.equal(r.verified, r.evidence === 'microsoft', `${String(r.code)}: verified only when Microsoft documents it`);
    if (r.evidence === 'gap') assert.match(r.meaning as string, /not documented/i, `${String(r.code)}`);
    if (r.evidence === 'microsoft') assert.ok((r.sources as string[]).some((s) => /learn\.microsoft\.com|MicrosoftDocs|OfficeDev|Microsoft support article/.test(s)), `${String(r.code)} cites Microsoft`);
  }
  const t = loadMsDiagnostics();
  assert.deepEqual(t.problems, []);
  assert.ok(t.entries.length >= 100, `${t.entries.length} codes`);
});

test('the HRESULT table file is what the loader reads by default', () => {
  assert.match(DEFAULT_HRESULTS_FILE, /knowledge[\\/]hresults\.json$/);
});
