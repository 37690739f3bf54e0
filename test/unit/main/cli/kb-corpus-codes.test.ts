import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { kbCommand } from '../../../../main/cli/kb';
import type { CliIo } from '../../../../main/cli/io';
import { runCli } from '../../../helpers/cli';
import type { DiagnosticHeader } from '../../../../main/model/sip';
import { decodeCode } from '../../../../main/sip/ms-diagnostics';
import { loadMsDiagnosticsTable } from '../../../../main/sip/ms-diagnostics-file';

const FIXTURES = join(__dirname, '..', '..', '..', 'fixtures');
const CORPORA = [join(FIXTURES, 'sip', 'real'), join(FIXTURES, 'logs', 'real'), join(FIXTURES, 'kb', 'real')];

/**
 * Every code written in the real corpora, found by a plain regular expression over the files (not by our
 * parser, so a code the parser misses is still asked about): ms-diagnostics / -public / ms-client-diagnostics
 * values, also folded onto the next line, and failure HRESULTs (0x8…–0xF…).
 */
function corpusCodes(): { diagnostics: Map<string, string>; hresults: Map<string, string> } {
  const diagnostics = new Map<string, string>();
  const hresults = new Map<string, string>();
  for (const dir of CORPORA) {
    for (const f of readdirSync(dir)) {
      if (/\.(md|json)$/.test(f)) continue;
      const text = readFileSync(join(dir, f), 'latin1');
      for (const m of text.matchAll(/\b(?:x-)?ms-(client-)?diagnostics(?:-public)?\s*:\s*(\d{1,7})\b/gi)) {
        diagnostics.set(`${m[1] ? 'ms-client-diagnostics' : 'ms-diagnostics'} ${m[2]}`, f);
      }
      // A value quoted on a line of its own without the header name (`54503;reason="…"`, as support articles print it).
      for (const m of text.matchAll(/^[ \t]*(\d{4,7})[ \t]*;[ \t]*reason[ \t]*=/gim)) diagnostics.set(`ms-diagnostics ${m[1]}`, f);
      for (const m of text.matchAll(/\b0x([89a-f][0-9a-f]{7})\b/gi)) hresults.set(`0x${(m[1] as string).toUpperCase()}`, f);
    }
  }
  return { diagnostics, hresults };
}

async function show(what: string): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = { out: (t) => void (out += `${t}\n`), err: (t) => void (err += `${t}\n`) };
  const code = await kbCommand(['show', what], io);
  return { code, out, err };
}

const { diagnostics, hresults } = corpusCodes();

test('the corpora hold the codes we know are in them (the enumeration itself works)', () => {
  for (const c of ['ms-diagnostics 4005', 'ms-diagnostics 1033', 'ms-diagnostics 15000', 'ms-diagnostics 4141', 'ms-client-diagnostics 51007', 'ms-client-diagnostics 52017', 'ms-diagnostics 54503', 'ms-diagnostics 54000', 'ms-client-diagnostics 23']) assert.ok(diagnostics.has(c), c);
  for (const h of ['0x80090322', '0xC3E93C5E']) assert.ok(hresults.has(h), h);
  assert.ok(diagnostics.size >= 11, [...diagnostics.keys()].join(', '));
});

test('kb show explains every ms-diagnostics / ms-client-diagnostics code written in the real corpora (all unexplained ones listed at once)', async () => {
  const table = loadMsDiagnosticsTable();
  const unexplained: string[] = [];
  for (const [label, file] of diagnostics) {
    const [family, code] = label.split(' ') as [string, string];
    const r = await show(code);
    const why = [
      r.code !== 0 && `exit ${r.code}`,
      !r.out.startsWith(`${family} ${code}\n`) && `first line "${r.out.split('\n')[0]}" does not name ${family}`,
      /not documented/i.test(r.out) && 'says not documented',
      !/\n {2}meaning: {4}\S/.test(r.out) && 'no meaning',
      !/\n {2}source: {5}\S/.test(r.out) && 'no source',
      !/\n {2}verified: {3}(yes|no) \(\S/.test(r.out) && 'no verification mark',
      // The SIP decoding reads the code with its header: the row must be of the same family.
      decodeCode(table, Number(code), family as DiagnosticHeader).status === 'not-documented' && 'the SIP decoding says not documented',
    ].filter(Boolean);
    if (why.length) unexplained.push(`${label} (from ${file}): ${why.join(', ')}`);
  }
  assert.deepEqual(unexplained, [], `codes of the real corpora that kb show does not explain:\n${unexplained.join('\n')}`);
});

test('kb show explains every HRESULT written in the real corpora, with its name', async () => {
  assert.ok(hresults.size >= 4);
  for (const [hr, file] of hresults) {
    const r = await show(hr);
    assert.equal(r.code, 0, `kb show ${hr} (from ${file}): ${r.err}`);
    assert.match(r.out, new RegExp(`^HRESULT ${hr} [A-Z][A-Z0-9_]+\\n {2}meaning: {4}\\S`), `kb show ${hr}`);
    assert.doesNotMatch(r.out, /not documented/i);
  }
});

test('the built CLI answers the same (one code and one HRESULT through dist/cli.js)', async () => {
  const code = await runCli(['kb', 'show', '4005']);
  assert.equal(code.code, 0, code.err);
  assert.match(code.out, /^ms-diagnostics 4005\n {2}reason: {5}Destination URI either not enabled for SIP or does not exist/);
  const hr = await runCli(['kb', 'show', '0x80090322', '--json']);
  assert.equal(hr.code, 0, hr.err);
  const j = JSON.parse(hr.out) as { hresult: { name: string; evidence: string }; documented: boolean };
  assert.equal(j.hresult.name, 'SEC_E_WRONG_PRINCIPAL');
  assert.equal(j.hresult.evidence, 'microsoft');
  assert.equal(j.documented, true);
});

test('a gap row and an unknown code say "not documented" and exit 1', async () => {
  const gap = await show('21006');
  assert.equal(gap.code, 1);
  assert.match(gap.out, /^ms-diagnostics 21006 - not documented\n/);
  const unknown = await show('10999');
  assert.equal(unknown.code, 1);
  assert.match(unknown.out, /not documented/);
  assert.match(unknown.out, /Mediation Server/, 'the range names the component');
  // A server id named as a client code is another code: not documented, exit 1 (its row used to answer).
  const otherFamily = await show('ms-client-diagnostics 1010');
  assert.equal(otherFamily.code, 1);
  assert.match(otherFamily.out, /^ms-client-diagnostics 1010 - not documented\n/);
  const hr = await show('0xC3E93FFF');
  assert.equal(hr.code, 1);
  assert.match(hr.err, /HRESULT 0xC3E93FFF \(Lync\/SfB SIP stack code \(facility 0x3E9\), name not in our table\) - not documented/);
});

test('kb search lists the HRESULTs of a pasted log line that the table explains (text and --json)', async () => {
  let out = '';
  const io: CliIo = { out: (t) => void (out += `${t}\n`), err: () => undefined };
  assert.equal(await kbCommand(['search', 'Exit - route headers from untrusted source. Result 0xC3E93C5E(SIPPROXY_E_ROUTING) 0xDEADBEEF'], io), 0);
  // Quoted with this name by a Microsoft support article (Test-CsFederatedPartner): the mark says so.
  assert.match(out, /\nHRESULTs\n {2}0xC3E93C5E SIPPROXY_E_ROUTING {2}\[documented by Microsoft\]\n/);
  assert.doesNotMatch(out, /0xDEADBEEF/);
  out = '';
  assert.equal(await kbCommand(['search', 'zzzqqq 0x80ee000c', '--json'], io), 0);
  const j = JSON.parse(out) as { hits: unknown[]; hresults: Array<{ hresult: string; name: string }> };
  assert.deepEqual(j.hresults.map((h) => [h.hresult, h.name]), [['0x80EE000C', 'UCC_E_SIP_TIMEOUT']]);
});
