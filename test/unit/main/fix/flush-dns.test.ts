import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Collector } from '../../../../main/collect/types';
import { applyFix, listFixes, undoFix } from '../../../../main/fix/engine';
import { ALL_FIXES } from '../../../../main/fix';
import { flushDnsCache } from '../../../../main/fix/flush-dns';
import { analyze } from '../../../../main/diagnose';
import { articleLookup } from '../../../../main/kb/lookup';
import type { DnsSection } from '../../../../main/model/dns';
import { baseSnapshot, dnsSection, name, srv } from '../../../helpers/snapshot';
import { callLines, fakePc } from './fake-pc';
import { makeDeps, tempDirsCleanedAfter } from './setup';

const tmp = tempDirsCleanedAfter();

const broken = dnsSection({ names: [name('sip', 'sip.contoso.com', ['192.0.2.11']), name('lyncdiscover', 'lyncdiscover.contoso.com')], srv: [srv('sip-tls', '_sip._tls.contoso.com', [['sip.contoso.com', 443]])] });
const healthy = dnsSection({ names: [name('sip', 'sip.contoso.com', ['192.0.2.11']), name('lyncdiscover', 'lyncdiscover.contoso.com', ['192.0.2.10'])], srv: [srv('sip-tls', '_sip._tls.contoso.com', [['sip.contoso.com', 443]])] });

/** A stand-in dns collector returning a fixed section (the real one is exercised in the integration test). */
function dnsCollector(section: typeof healthy): Collector {
  return { id: 'dns', title: 'DNS (test)', platforms: 'all', collect: async () => ({ status: 'ok', message: 'test', data: section?.data as DnsSection }) };
}

function view() {
  const snapshot = baseSnapshot({ dns: broken });
  return { snapshot, findings: analyze(snapshot, { articles: articleLookup() }).findings };
}

test('listed on request, never offered as the fix for a server-side DNS finding; the one exact command; undo is "not applicable"', async () => {
  const v = view();
  assert.ok(v.findings.some((f) => f.checkId === 'LD-DNS-002'));
  const pc = fakePc();
  const deps = makeDeps(tmp(), pc.run, { collectors: [dnsCollector(healthy)] });
  const { items } = await listFixes(ALL_FIXES, v, deps);
  const item = items.find((i) => i.fix.id === 'flush-dns-cache');
  assert.ok(item, 'listed as a technician\'s tool');
  assert.deepEqual(item.findings, [], 'not offered for LD-DNS-002: a flush cannot create the missing record');
  pc.run.calls.length = 0;
  const r = await applyFix(flushDnsCache, v, deps, true);
  assert.ok(r.kind === 'done' && r.ok, r.kind === 'done' ? r.message : r.message);
  assert.deepEqual(callLines(pc.run.calls), ['ipconfig.exe /flushdns']);
  assert.equal(pc.state.dnsFlushes, 1);
  assert.deepEqual(r.entry.backup, { files: [], data: {} });
  assert.match(r.message, /Undo: not applicable/);
  const u = await undoFix(ALL_FIXES, r.entry.journalId, deps, true);
  assert.equal(u.kind, 'refused');
  assert.match(u.message, /not applicable/);
  assert.equal(pc.run.calls.length, 1, 'undo ran nothing');
});

test('verify re-runs only the dns collector and the DNS checks: resolved when the records are right now, not when still wrong', async () => {
  const ok = await applyFix(flushDnsCache, view(), makeDeps(tmp(), fakePc().run, { collectors: [dnsCollector(healthy)] }), true);
  assert.ok(ok.kind === 'done');
  assert.equal(ok.verified?.result, 'resolved', ok.verified?.message);
  assert.match(ok.verified?.message ?? '', /re-ran dns and LD-DNS-001/);
  const still = await applyFix(flushDnsCache, view(), makeDeps(tmp(), fakePc().run, { collectors: [dnsCollector(broken)] }), true);
  assert.ok(still.kind === 'done');
  assert.equal(still.verified?.result, 'not-resolved');
  assert.match(still.verified?.message ?? '', /LD-DNS-002/);
});

test('a failing ipconfig is reported as failed', async () => {
  const pc = fakePc();
  pc.state.failWhen = (c) => (c === 'ipconfig.exe' ? { code: 1, stdout: '\r\nWindows IP Configuration\r\n\r\nCould not flush the DNS Resolver Cache: Function failed during execution.\r\n' } : undefined);
  const r = await applyFix(flushDnsCache, view(), makeDeps(tmp(), pc.run, { collectors: [dnsCollector(healthy)] }), true);
  assert.ok(r.kind === 'done');
  assert.equal(r.ok, false);
  assert.match(r.entry.steps[0]?.message ?? '', /Could not flush/);
});
