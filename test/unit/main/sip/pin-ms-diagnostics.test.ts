/**
 * Pins main/sip/ms-diagnostics.ts: table validation, family rows, header choice, value parsing ([MS-OCER]
 * 2.2.1.1: `ErrorId; reason="…" *(; name="value")`, quoted strings with backslash escapes as in RFC 3261),
 * advice from attributes, header kinds and the one-line description. Expected values are written from the
 * format and the functions' documented contracts, not copied from their output.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { MsDiagnostic } from '../../../../main/model/sip';
import { decodeCode, describeDiagnostic, diagnosticsOf, findRow, hresultOfAttribute, parseDiagnosticValue, refineByAttributes, tableFromJson } from '../../../../main/sip/ms-diagnostics';

const row = (o: Record<string, unknown>): Record<string, unknown> => ({ code: 1, header: 'ms-diagnostics', reason: 'r', meaning: 'm', likelyFix: 'f', context: 'c', research: [], articleId: null, verified: true, sources: ['s'], ...o });

test('tableFromJson: not an array, rows that are not objects, codes that are not numbers or families: each a problem with its row', () => {
  assert.deepEqual(tableFromJson({ rows: [] }), { rows: [], problems: ['ms-diagnostics table is not a JSON array'] });
  assert.deepEqual(tableFromJson(null).problems, ['ms-diagnostics table is not a JSON array']);
  const t = tableFromJson([null, 'x', 7, row({ code: 1.5 }), row({ code: -0.5 }), row({ code: 'x52' }), row({ code: '52x!' }), row({ code: '' }), row({ code: true }), row({ code: 4005 }), row({ code: '1033' }), row({ code: '52XXX' })]);
  assert.deepEqual(t.problems, ['row 0: not an object', 'row 1: not an object', 'row 2: not an object', 'row 3: code is not a number', 'row 4: code is not a number', 'row 5: code is not a number', 'row 6: code is not a number', 'row 7: code is not a number', 'row 8: code is not a number']);
  // A numeric string becomes a number; a family pattern stays a string.
  assert.deepEqual(t.rows.map((r) => r.code), [4005, 1033, '52XXX']);
});

test('tableFromJson: field defaults and fallbacks (header, reason, meaning, likely_fix, client_visible_context, lists, verified)', () => {
  const [bare] = tableFromJson([{ code: 9 }]).rows;
  assert.deepEqual(bare, { code: 9, header: 'ms-diagnostics', reason: null, meaning: '', likelyFix: '', context: '', research: [], articleId: null, verified: false, sources: [] });
  const [old] = tableFromJson([{ code: 9, likely_fix: 'old fix', client_visible_context: 'old context', reason: 42, research: ['SFB-KI-001', 3, null], sources: 'not a list', verified: 'true' }]).rows;
  assert.equal(old?.likelyFix, 'old fix');
  assert.equal(old?.context, 'old context');
  assert.equal(old?.reason, null);
  assert.deepEqual(old?.research, ['SFB-KI-001']);
  assert.deepEqual(old?.sources, []);
  assert.equal(old?.verified, false, 'only the boolean true verifies');
  const [both] = tableFromJson([{ code: 9, likelyFix: 'new', likely_fix: 'old', context: 'new c', client_visible_context: 'old c' }]).rows;
  assert.deepEqual([both?.likelyFix, both?.context], ['new', 'new c']);
});

test('family rows ("52xxx") match codes of the same length whose fixed digits agree; exact rows win', () => {
  const t = tableFromJson([row({ code: '52xxx', meaning: 'family' }), row({ code: 52017, meaning: 'exact' }), row({ code: '1x1', meaning: 'short' })]);
  assert.equal(findRow(t, 52017)?.meaning, 'exact');
  assert.equal(findRow(t, 52999)?.meaning, 'family');
  assert.equal(findRow(t, 52000)?.meaning, 'family');
  assert.equal(findRow(t, 53017), undefined, 'second digit differs');
  assert.equal(findRow(t, 5201), undefined, 'shorter');
  assert.equal(findRow(t, 520170), undefined, 'longer');
  assert.equal(findRow(t, 151)?.meaning, 'short');
  assert.equal(findRow(t, 152), undefined, 'the last fixed digit is compared too');
  assert.equal(findRow(t, 111)?.meaning, 'short');
});

test('several rows for one code: the header kind picks (its own name first, then HTTP vs SIP), none given: the first', () => {
  const t = tableFromJson([
    row({ code: 5, header: 'ms-diagnostics', meaning: 'sip' }),
    row({ code: 5, header: 'X-Ms-diagnostics (HTTP)', meaning: 'http' }),
    row({ code: 5, header: 'ms-diagnostics-public', meaning: 'public' }),
    row({ code: 6, header: 'ms-diagnostics-public', meaning: 'public6' }),
    row({ code: 6, header: 'Web ticket HTTP header', meaning: 'http6' }),
  ]);
  assert.equal(findRow(t, 5)?.meaning, 'sip');
  assert.equal(findRow(t, 5, 'ms-diagnostics')?.meaning, 'sip');
  assert.equal(findRow(t, 5, 'ms-diagnostics-public')?.meaning, 'public');
  assert.equal(findRow(t, 5, 'x-ms-diagnostics')?.meaning, 'http', 'its own name, case-insensitively');
  // No row named like the header: HTTP rows for X-Ms-diagnostics, SIP rows otherwise.
  assert.equal(findRow(t, 6, 'x-ms-diagnostics')?.meaning, 'http6');
  assert.equal(findRow(t, 6, 'ms-diagnostics')?.meaning, 'public6');
  // No header: the first row as written, even an HTTP one; nothing fits the header: the first row.
  const h = tableFromJson([row({ code: 8, header: 'X-Ms-diagnostics (HTTP)', meaning: 'http8' }), row({ code: 8, header: 'HTTP too', meaning: 'http8b' })]);
  assert.equal(findRow(h, 8)?.meaning, 'http8');
  assert.equal(findRow(h, 8, 'ms-diagnostics-public')?.meaning, 'http8');
  assert.equal(findRow(h, 9, 'ms-diagnostics'), undefined);
});

test("several rows for one code: the header's own row wins over a longer name written first (ms-diagnostics-public before ms-diagnostics)", () => {
  const t = tableFromJson([
    row({ code: 7, header: 'ms-diagnostics-public', meaning: 'public7' }),
    row({ code: 7, header: 'ms-diagnostics', meaning: 'sip7' }),
    row({ code: 7, header: 'X-Ms-diagnostics (HTTP)', meaning: 'http7' }),
  ]);
  assert.equal(findRow(t, 7, 'ms-diagnostics')?.meaning, 'sip7');
  assert.equal(findRow(t, 7, 'ms-diagnostics-public')?.meaning, 'public7');
  assert.equal(findRow(t, 7, 'x-ms-diagnostics')?.meaning, 'http7');
  // Only the longer name there: it is still the best SIP row for ms-diagnostics.
  const p = tableFromJson([row({ code: 7, header: 'X-Ms-diagnostics (HTTP)', meaning: 'http7' }), row({ code: 7, header: 'ms-diagnostics-public', meaning: 'public7' })]);
  assert.equal(findRow(p, 7, 'ms-diagnostics')?.meaning, 'public7');
});

test('decodeCode: status, reason, meaning and likely fix as the row has them; placeholders are no advice', () => {
  const t = tableFromJson([
    row({ code: 1, reason: 'R', meaning: 'M', likelyFix: 'F', research: ['SFB-KI-001'], articleId: 'a-b' }),
    row({ code: 2, reason: null, meaning: 'Not documented by any source' }),
    row({ code: 3, reason: null, meaning: 'no source found for this' }),
    row({ code: 4, reason: null, meaning: 'Known meaning' }),
    row({ code: 5, verified: false }),
    row({ code: 6, likelyFix: '-', meaning: '' }),
    row({ code: 7, likelyFix: '' }),
  ]);
  assert.deepEqual(decodeCode(t, 1), { status: 'documented', knownReason: 'R', meaning: 'M', likelyFix: 'F', research: ['SFB-KI-001'], articleId: 'a-b' });
  assert.equal(decodeCode(t, 2).status, 'unconfirmed', 'verified, but the row itself says nothing is documented');
  assert.equal(decodeCode(t, 3).status, 'unconfirmed');
  assert.equal(decodeCode(t, 4).status, 'documented', 'a verified row without a reason text is still documented');
  assert.equal(decodeCode(t, 5).status, 'unconfirmed');
  assert.deepEqual([decodeCode(t, 6).likelyFix, decodeCode(t, 6).meaning], [null, null]);
  assert.equal(decodeCode(t, 7).likelyFix, null);
  assert.deepEqual(decodeCode(t, 99), { status: 'not-documented', knownReason: null, meaning: null, likelyFix: null, research: [], articleId: null });
  // The research list is a copy: changing it does not change the table.
  (decodeCode(t, 1).research as string[]).push('x');
  assert.deepEqual(decodeCode(t, 1).research, ['SFB-KI-001']);
});

test('parse: quoted strings keep semicolons and backslash-escaped characters; a trailing backslash stays', () => {
  const t = tableFromJson([]);
  const d = parseDiagnosticValue('1010;reason="a \\"quoted\\" word; and more";Peer="x\\\\y"', 'ms-diagnostics', t);
  assert.equal(d.reason, 'a "quoted" word; and more');
  assert.deepEqual(d.attributes, { Peer: 'x\\y' });
  assert.equal(parseDiagnosticValue('1;reason="ends with \\', 'ms-diagnostics', t).reason, 'ends with \\');
  // Unquoted values and spaces around names and values.
  const u = parseDiagnosticValue(' 4005 ; reason = plain words ;  Domain =  contoso.com ', 'ms-diagnostics', t);
  assert.deepEqual([u.code, u.reason, u.attributes], [4005, 'plain words', { Domain: 'contoso.com' }]);
});

test('parse: the code is 1-9 digits alone; names are 1-64 characters; the first reason and the first of each attribute win', () => {
  const t = tableFromJson([]);
  assert.equal(parseDiagnosticValue('123456789;reason="x"', 'ms-diagnostics', t).code, 123456789);
  assert.equal(parseDiagnosticValue('1234567890;reason="x"', 'ms-diagnostics', t).code, null);
  assert.equal(parseDiagnosticValue('1010x;reason="x"', 'ms-diagnostics', t).code, null);
  assert.equal(parseDiagnosticValue('x1010;reason="x"', 'ms-diagnostics', t).code, null);
  assert.equal(parseDiagnosticValue('', 'ms-diagnostics', t).code, null);
  const name64 = 'N'.repeat(64);
  const d = parseDiagnosticValue(`1;=nameless;novalue;${name64}=kept;${'L'.repeat(65)}=dropped;Reason="first";reason="second";A=1;A=2;B==3`, 'ms-diagnostics', t);
  assert.equal(d.reason, 'first', 'the reason name is matched without regard to case');
  assert.deepEqual(d.attributes, { [name64]: 'kept', reason: 'second', A: '1', B: '=3' });
});

test('parse: a value over 4096 characters is cut to 4096 (raw and parsing); up to 4096 it is kept whole', () => {
  const t = tableFromJson([]);
  const exact = `1;reason="${'x'.repeat(4096 - 12)}"`;
  assert.equal(exact.length, 4096 - 1);
  assert.equal(parseDiagnosticValue(`${exact};`, 'ms-diagnostics', t).raw.length, 4096);
  const long = `1;reason="${'y'.repeat(5000)}";Late="z"`;
  const d = parseDiagnosticValue(long, 'ms-diagnostics', t);
  assert.equal(d.raw, long.slice(0, 4096));
  assert.equal(d.attributes.Late, undefined, 'what lies past the cut is not read');
});

test('hresultOfAttribute: 8 hex digits at the start, 0x optional, any case, spaces before; anything else is null', () => {
  assert.equal(hresultOfAttribute('0x80090322(SEC_E_WRONG_PRINCIPAL)'), '0x80090322');
  assert.equal(hresultOfAttribute('  c3e93c5e'), '0xC3E93C5E');
  assert.equal(hresultOfAttribute('0X80090322'), '0x80090322');
  assert.equal(hresultOfAttribute('800903221'), null, 'nine hex digits');
  assert.equal(hresultOfAttribute('8009032'), null);
  assert.equal(hresultOfAttribute('code 0x80090322'), null);
  assert.equal(hresultOfAttribute('-80090322'), null);
});

test('advice from attributes: names are matched without regard to case; the text names the attribute, tls-target and peer', () => {
  const base = decodeCode(tableFromJson([row({ code: 1010, likelyFix: 'Install the CA.' })]), 1010);
  const lower = refineByAttributes(base, { hresult: 'sec_e_wrong_principal' });
  assert.equal(lower.articleId, 'server-peer-certificate-name-mismatch', 'a lower-case constant name is the same HRESULT');
  assert.equal(lower.refinedBy, 'HRESULT=sec_e_wrong_principal');
  const cn = refineByAttributes(base, { HResult: '0x800B010F', 'TLS-Target': '  sip.contoso.com ', PeerServer: ' edge.fabrikam.com ' });
  assert.equal(cn.likelyFix, "The peer's certificate does not carry the name this server connected to (HRESULT=0x800B010F, tls-target sip.contoso.com, certificate of edge.fabrikam.com): reissue the certificate with that FQDN in its subject alternative names, or point DNS/SRV at a name the certificate covers. Installing a CA does not fix a name mismatch.");
  const byType = refineByAttributes(base, { ErrorType: 'The peer certificate does not contain a matching FQDN' });
  assert.equal(byType.refinedBy, 'ErrorType=The peer certificate does not contain a matching FQDN');
  assert.match(byType.likelyFix ?? '', /^The peer's certificate does not carry the name this server connected to \(ErrorType=The peer certificate does not contain a matching FQDN\): /);
  assert.equal(refineByAttributes(base, { errortype: 'Certificate name mismatch' }).articleId, 'server-peer-certificate-name-mismatch');
  const root = refineByAttributes(base, { HRESULT: '0x800B0109' });
  assert.deepEqual(root, { ...base, likelyFix: "The peer's certificate chain is not trusted (HRESULT=0x800B0109): install the issuing root/intermediate CA on the server that reported it.", articleId: 'server-certificate-untrusted-chain', refinedBy: 'HRESULT=0x800B0109' });
  assert.equal(refineByAttributes(base, { HRESULT: 'SEC_E_UNTRUSTED_ROOT' }).articleId, 'server-certificate-untrusted-chain');
  // Nothing telling: the decoding itself, unchanged.
  assert.equal(refineByAttributes(base, { ErrorType: 'Something else', Other: '0x80090322' }), base);
  assert.equal(refineByAttributes(base, {}), base);
});

test('diagnosticsOf: the four header kinds in any case; other headers, even with "diagnostics" in the name, are not read', () => {
  const t = tableFromJson([row({ code: 28020, header: 'X-Ms-diagnostics (HTTP)' }), row({ code: 52017, header: 'ms-client-diagnostics' })]);
  const headers = [
    { name: 'MS-Diagnostics', value: '1000;reason="a"' },
    { name: 'ms-diagnostics-public', value: '1000;reason="a"' },
    { name: 'X-MS-Diagnostics', value: '28020;reason="No valid security token."' },
    { name: 'Ms-Client-Diagnostics', value: '52017;reason="Encryption levels dont match"' },
    { name: 'X-Diagnostics-Extra', value: '1;reason="no"' },
    { name: 'ms-diagnostics-private', value: '2;reason="no"' },
    { name: 'Via', value: 'SIP/2.0/TLS ms-diagnostics' },
    // The parser's canonical name is what the quick filter reads: a header it names otherwise is skipped.
    { name: 'ms-diagnostics', canon: 'via', value: '3;reason="skipped"' },
  ];
  const ds = diagnosticsOf({ headers }, t);
  assert.deepEqual(ds.map((d) => [d.header, d.code]), [['ms-diagnostics', 1000], ['ms-diagnostics-public', 1000], ['x-ms-diagnostics', 28020], ['ms-client-diagnostics', 52017]]);
  assert.equal(ds[2]?.decoded.status, 'documented');
  assert.equal(ds[3]?.decoded.status, 'documented');
  // The same value under two headers is two readings, each with its own header (a cached one is not reused across headers).
  assert.notEqual(ds[0]?.header, ds[1]?.header);
  const again = diagnosticsOf({ headers: [{ name: 'ms-diagnostics-public', value: '1000;reason="a"' }, { name: 'ms-diagnostics', value: '1000;reason="a"' }] }, t);
  assert.deepEqual(again.map((d) => d.header), ['ms-diagnostics-public', 'ms-diagnostics']);
  // A very long value is read all the same.
  const long = diagnosticsOf({ headers: [{ name: 'ms-diagnostics', value: `1010;reason="${'z'.repeat(3000)}"` }] }, t);
  assert.equal(long[0]?.code, 1010);
  assert.equal(long[0]?.reason?.length, 3000);
});

test('describeDiagnostic: code or the unparsed value (60 characters), the reason written or known, and the status in words', () => {
  const t = tableFromJson([row({ code: 4005, reason: 'Destination URI either not enabled for SIP or does not exist.' }), row({ code: 5, verified: false, reason: null })]);
  const one = (value: string): MsDiagnostic => parseDiagnosticValue(value, 'ms-diagnostics', t);
  assert.equal(describeDiagnostic(one('4005;reason="As written"')), 'ms-diagnostics 4005 "As written" (documented)');
  assert.equal(describeDiagnostic(one('4005')), 'ms-diagnostics 4005 "Destination URI either not enabled for SIP or does not exist." (documented)');
  assert.equal(describeDiagnostic(one('5')), 'ms-diagnostics 5 (not confirmed by sources)');
  assert.equal(describeDiagnostic(one('77;reason="x"')), 'ms-diagnostics 77 "x" (not documented)');
  // Without a leading number the whole first part is the head, so no reason is read from it.
  const unparsed = `reason="${'q'.repeat(80)}"`;
  assert.equal(describeDiagnostic(one(unparsed)), `ms-diagnostics unparsed "${unparsed.slice(0, 60)}" (not documented)`);
  assert.equal(describeDiagnostic(one('abc;reason="said"')), 'ms-diagnostics unparsed "abc;reason="said"" "said" (not documented)');
  assert.equal(describeDiagnostic(parseDiagnosticValue('52017', 'ms-client-diagnostics', t)), 'ms-client-diagnostics 52017 (not documented)');
});
