/**
 * The bundle end to end on the CLI against a real DNS server on loopback: diagnose → --bundle →
 * analyze gives identical findings; pseudonymised bundles re-analyse to the same findings with no
 * real name inside and the map kept outside; compare tells what changed; bad bundles exit 2.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { importBundle } from '../../../main/bundle/import';
import type { CompareResult } from '../../../main/model/api';
import type { Finding } from '../../../main/model/finding';
import type { Snapshot } from '../../../main/model/snapshot';
import { runCli } from '../../helpers/cli';
import { healthyZone, startDnsLab, type DnsLab, type ZoneRecord } from '../../helpers/dns-server';

const dir = mkdtempSync(join(tmpdir(), 'ld-bundle-'));
const labs: DnsLab[] = [];
after(async () => {
  await Promise.all(labs.map((l) => l.close()));
  rmSync(dir, { recursive: true, force: true });
});

interface Out {
  snapshot: Snapshot;
  findings: Finding[];
}

/** A zone with problems: SRV target outside the SIP domain, lyncdiscover missing outside. */
function brokenZone(): ZoneRecord[] {
  return [
    { name: 'sip.contoso.com', type: 'A', data: '127.0.20.11' },
    { name: '_sip._tls.contoso.com', type: 'SRV', data: { target: 'sip.contoso-hosting.net', port: 443 } },
    { name: 'sip.contoso-hosting.net', type: 'A', data: '127.0.50.50' },
  ];
}

async function diagnose(records: ZoneRecord[], extra: string[]): Promise<{ code: number; out: Out; err: string }> {
  const lab = await startDnsLab({ records });
  labs.push(lab);
  const r = await runCli(['diagnose', '--sip-address', 'alice@contoso.com', '--dns-server', lab.address, '--timeout-ms', '1500', '--json', ...extra]);
  return { code: r.code, out: JSON.parse(r.out) as Out, err: r.err };
}

let broken: { code: number; out: Out } | undefined;
const zipA = join(dir, 'before.zip');

test('diagnose → --bundle → analyze: identical snapshot and findings, same exit code', async () => {
  const d = await diagnose(brokenZone(), ['--bundle', zipA]);
  broken = d;
  assert.equal(d.code, 1);
  assert.match(d.err, /bundle written: .*before\.zip/);
  assert.ok(d.out.findings.some((f) => f.checkId === 'LD-DNS-004'));
  const a = await runCli(['analyze', zipA, '--json']);
  assert.equal(a.code, d.code, a.err);
  const back = JSON.parse(a.out) as Out;
  assert.deepEqual(back.findings, d.out.findings);
  assert.deepEqual(back.snapshot, d.out.snapshot);
  const text = await runCli(['analyze', zipA]);
  assert.equal(text.code, 1);
  assert.match(text.out, /^Imported .*before\.zip: exported .* redaction standard/);
  assert.match(text.out, /\[LD-DNS-004\]/);
});

test('pseudonymised: no real name in the zip, the map beside it, findings re-analyse the same', async () => {
  const zipP = join(dir, 'pseudo.zip');
  const d = await diagnose(brokenZone(), ['--bundle', zipP, '--pseudonymise']);
  const mapPath = join(dir, 'pseudo.map.json');
  assert.ok(existsSync(mapPath), 'the pseudonym map is written next to the zip');
  const map = JSON.parse(readFileSync(mapPath, 'utf8')) as { entries: Array<{ kind: string; original: string; token: string }> };
  assert.ok(map.entries.some((e) => e.original === 'contoso.com'));
  const zip = readFileSync(zipP);
  const imported = await importBundle(zip);
  const everything = [JSON.stringify(imported.snapshot), JSON.stringify(imported.findings), imported.reportHtml ?? '', ...imported.raw.map((r) => r.content + r.name)].join('\n');
  // The lab's addresses are loopback (tests reach only 127.0.0.0/8), which pseudonymisation keeps by design; IPs are covered in pseudonymise.test.ts.
  for (const real of ['contoso', 'alice']) assert.ok(!everything.toLowerCase().includes(real), `${real} is still in the bundle`);
  assert.ok(!imported.raw.some((r) => r.name.includes('map')), 'the map is not inside');
  const a = await runCli(['analyze', zipP, '--json']);
  const back = JSON.parse(a.out) as Out;
  assert.equal(a.code, d.code);
  // Bundles keep the facts, not the derived case steps (re-derived on import from the article and the evidence).
  assert.deepEqual(back.findings.map(({ steps: _s, ...f }) => f), imported.findings, 're-analysis equals the exported (pseudonymised) findings');
  assert.deepEqual(back.findings.map((f) => `${f.checkId}/${f.severity}`), d.out.findings.map((f) => `${f.checkId}/${f.severity}`));
  // both sides above are our own output: the zone's known fault (SRV target outside the SIP domain) must still be
  // found on the tokens, as an error naming the tokenised SRV record
  const srvOut = back.findings.find((f) => f.checkId === 'LD-DNS-004');
  assert.equal(srvOut?.severity, 'error');
  assert.ok(srvOut?.evidence.some((e) => e.label === 'SRV record' && !/contoso/i.test(e.value) && /:443$/.test(e.value)), JSON.stringify(srvOut?.evidence));
  const token = map.entries.find((e) => e.original === 'contoso.com')?.token as string;
  assert.equal(back.snapshot.input.sipDomain, token);
});

test('compare before/after a DNS fix: findings gone, records differ; a bundle against itself is the same', async () => {
  assert.ok(broken);
  const zipB = join(dir, 'after.zip');
  await diagnose(healthyZone('contoso.com'), ['--bundle', zipB]);
  const r = await runCli(['compare', zipA, zipB, '--json']);
  assert.equal(r.code, 1, r.err);
  const c = JSON.parse(r.out) as CompareResult;
  assert.ok(c.disappeared.some((f) => f.checkId === 'LD-DNS-004'), JSON.stringify(c.disappeared.map((f) => f.checkId)));
  assert.ok(c.facts.some((f) => f.area === 'dns' && f.key === 'data.names[lyncdiscover].outcome' && f.after === 'answer'), JSON.stringify(c.facts.filter((f) => f.area === 'dns').slice(0, 5)));
  assert.ok(c.facts.some((f) => f.area === 'dns' && f.key.startsWith('data.srv[sip-tls].records')));
  const text = await runCli(['compare', zipA, zipB]);
  assert.match(text.out, /Findings: \d+ new, \d+ no longer reported, \d+ changed/);
  assert.match(text.out, /- gone {5}\[LD-DNS-004\]/);
  const same = await runCli(['compare', zipA, zipA]);
  assert.equal(same.code, 0);
  assert.match(same.out, /The two diagnoses are the same/);
});

test('bad bundles and bad paths exit 2 with the reason', async () => {
  const junk = join(dir, 'junk.zip');
  writeFileSync(junk, 'definitely not a zip');
  const a = await runCli(['analyze', junk]);
  assert.equal(a.code, 2);
  assert.match(a.err, /lyncdoctor analyze: not a readable zip file/);
  const missing = await runCli(['analyze', join(dir, 'nope.zip')]);
  assert.equal(missing.code, 2);
  assert.match(missing.err, /no such file/);
  const c = await runCli(['compare', zipA, junk]);
  assert.equal(c.code, 2);
  assert.match(c.err, /junk\.zip: not a readable zip/);
  assert.equal((await runCli(['analyze'])).code, 2);
  assert.equal((await runCli(['compare', zipA])).code, 2);
  const lab = await startDnsLab({ records: [] });
  labs.push(lab);
  const w = await runCli(['diagnose', '--sip-address', 'alice@contoso.com', '--dns-server', lab.address, '--timeout-ms', '800', '--bundle', join(dir, 'no', 'such', 'dir', 'x.zip')]);
  assert.equal(w.code, 2);
  assert.match(w.err, /--bundle: could not write .*the folder does not exist/);
});

test('bundle export-demo and inspect', async () => {
  const demo = join(dir, 'demo.zip');
  const e = await runCli(['bundle', 'export-demo', demo]);
  assert.equal(e.code, 0, e.err);
  const i = await runCli(['bundle', 'inspect', demo]);
  assert.equal(i.code, 0);
  assert.match(i.out, /verified \(every entry matches its SHA-256\)/);
  assert.match(i.out, /snapshot\.json \(\d+ bytes\)/);
  const a = await runCli(['analyze', demo]);
  assert.equal(a.code, 1);
  assert.match(a.out, /DEMO/);
  assert.equal((await runCli(['bundle', 'frobnicate'])).code, 2);
});
