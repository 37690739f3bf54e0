import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { proxyCollector } from '../../../../main/collect/proxy';
import { analyze, collect } from '../../../../main/diagnose';
import { applyFix, listFixes, previewFix, undoFix } from '../../../../main/fix/engine';
import { articleLookup } from '../../../../main/kb/lookup';
import { ALL_FIXES } from '../../../../main/fix';
import { restoreCommand, winHttpImportIe } from '../../../../main/fix/winhttp-proxy';
import { fixture } from '../../../helpers/fixtures';
import { callLines, fakePc, mutating } from './fake-pc';
import { NOW, makeDeps, tempDirsCleanedAfter, viewOf } from './setup';

const tmp = tempDirsCleanedAfter();

test('restore commands: reset for direct access, set proxy with server and ;-joined bypass list otherwise', () => {
  assert.equal(restoreCommand({ kind: 'direct' }).display, 'netsh.exe winhttp reset proxy');
  const c = restoreCommand({ kind: 'proxy', server: 'proxy.contoso.com:8080', bypass: '<local> *.contoso.com' });
  assert.deepEqual(c.args, ['winhttp', 'set', 'proxy', 'proxy-server=proxy.contoso.com:8080', 'bypass-list=<local>;*.contoso.com']);
  assert.equal(c.display, 'netsh.exe winhttp set proxy proxy-server="proxy.contoso.com:8080" bypass-list="<local>;*.contoso.com"');
  assert.deepEqual(restoreCommand({ kind: 'proxy', server: 'p:1', bypass: '' }).args, ['winhttp', 'set', 'proxy', 'proxy-server=p:1']);
});

test('not applicable when the two already agree, or Internet Options use only a PAC file', async () => {
  const agree = fakePc({ winhttp: { kind: 'proxy', server: 'proxy.contoso.com:8080', bypass: '<local>;*.contoso.com' } });
  const p = await previewFix(winHttpImportIe, await viewOf(agree.run), makeDeps(tmp(), agree.run));
  assert.equal(p.applicable, false);
  assert.match(p.reason ?? '', /already agree/);
  const pac = fakePc({ winhttp: { kind: 'proxy', server: 'old:3128', bypass: '' }, internetSettings: fixture('fix', 'reg-query-internet-settings-pac.en.txt') });
  const q = await previewFix(winHttpImportIe, await viewOf(pac.run), makeDeps(tmp(), pac.run));
  assert.equal(q.applicable, false);
  assert.match(q.reason ?? '', /PAC file .* would set WinHTTP to direct access/);
});

test('not elevated: hand-over with the one-line elevated command and its undo; WinHTTP untouched, no journal entry', async () => {
  const pc = fakePc();
  const view = await viewOf(pc.run);
  const deps = makeDeps(tmp(), pc.run);
  pc.run.calls.length = 0;
  const r = await applyFix(winHttpImportIe, view, deps, true);
  assert.ok(r.kind === 'handoff');
  assert.deepEqual(r.handoff.commands, ['netsh winhttp import proxy source=ie']);
  assert.deepEqual(r.handoff.undoCommands, ['netsh winhttp reset proxy']);
  assert.equal(readFileSync(join(r.exportDir, 'winhttp-before.txt'), 'utf8'), fixture('fix', 'netsh-winhttp-direct.en.txt'));
  assert.deepEqual(mutating(pc.run.calls), []);
  assert.deepEqual(pc.state.winhttp, { kind: 'direct' });
  assert.deepEqual(deps.journal.list().entries, []);
});

test('elevated: backup of the previous setting, the exact import, read-back verify, undo restores proxy and bypass list', async () => {
  const pc = fakePc({ elevated: true, winhttp: { kind: 'proxy', server: 'old-proxy:3128', bypass: '<local>' } });
  const view = await viewOf(pc.run);
  const deps = makeDeps(tmp(), pc.run);
  pc.run.calls.length = 0;
  const r = await applyFix(winHttpImportIe, view, deps, true);
  assert.ok(r.kind === 'done' && r.ok, r.kind === 'done' ? r.message : r.kind);
  assert.deepEqual(mutating(pc.run.calls), ['netsh.exe winhttp import proxy source=ie']);
  assert.deepEqual(r.entry.backup?.data, { previous: { kind: 'proxy', server: 'old-proxy:3128', bypass: '<local>' } });
  assert.equal(r.verified?.result, 'resolved', r.verified?.message);
  assert.deepEqual(pc.state.winhttp, { kind: 'proxy', server: 'proxy.contoso.com:8080', bypass: '<local>;*.contoso.com' });
  pc.run.calls.length = 0;
  const u = await undoFix(ALL_FIXES, r.entry.journalId, deps, true);
  assert.ok(u.kind === 'done' && u.ok, u.message);
  assert.deepEqual(callLines(pc.run.calls), ['netsh.exe winhttp set proxy proxy-server=old-proxy:3128 bypass-list=<local>']);
  assert.deepEqual(pc.state.winhttp, { kind: 'proxy', server: 'old-proxy:3128', bypass: '<local>' });
});

test('"Access is denied" from netsh (elevation lost) fails cleanly: nothing changed, undo has nothing to do', async () => {
  const pc = fakePc({ elevated: true });
  const view = await viewOf(pc.run);
  const deps = makeDeps(tmp(), pc.run);
  pc.state.failWhen = (c, a) => (c === 'netsh.exe' && a[1] === 'import' ? { code: 1, stdout: fixture('fix', 'netsh-winhttp-import-denied.en.txt') } : undefined);
  const r = await applyFix(winHttpImportIe, view, deps, true);
  assert.ok(r.kind === 'done' && !r.ok);
  assert.match(r.entry.steps[0]?.message ?? '', /Access is denied/);
  assert.match(r.message, /Nothing was changed/);
});

test('with the proxy collector: LD-PROXY-004 asks for the fix, and verify re-runs it (plus the read-back)', async () => {
  const pc = fakePc({ elevated: true });
  const collectors = [proxyCollector];
  const c = await collect({ input: { sipAddress: 'alice@contoso.com', sipDomain: 'contoso.com', dnsServer: null, timeoutMs: 5000 }, run: pc.run, platform: 'win32', collectors, now: () => NOW });
  const view = { snapshot: c.snapshot, findings: analyze(c.snapshot, { articles: articleLookup() }).findings };
  assert.ok(view.findings.some((f) => f.checkId === 'LD-PROXY-004'), JSON.stringify(c.snapshot.sections.proxy?.message));
  const deps = makeDeps(tmp(), pc.run, { collectors });
  const { items } = await listFixes(ALL_FIXES, view, deps);
  assert.ok(items.some((i) => i.fix.id === 'winhttp-import-ie-proxy' && i.findings.includes('LD-PROXY-004')));
  const r = await applyFix(winHttpImportIe, view, deps, true);
  assert.ok(r.kind === 'done' && r.ok, r.kind === 'done' ? r.message : r.kind);
  assert.equal(r.verified?.result, 'resolved', r.verified?.message);
  assert.match(r.verified?.message ?? '', /re-ran proxy and LD-PROXY-004/);
});

test('a 32-bit Lync/Office client: the fix reads, changes, backs up and restores the 32-bit WinHTTP view (SysWOW64\\netsh)', async () => {
  const { NETSH_WOW64 } = await import('../../../../main/collect/proxy-windows.js');
  const pc = fakePc({ elevated: true, winhttp: { kind: 'proxy', server: 'old-proxy:3128', bypass: '<local>' } });
  const base = await viewOf(pc.run);
  const proxy = { status: 'ok' as const, message: 'x', durationMs: 1, data: { winhttp: { view: '32-bit' } } };
  const view = { ...base, snapshot: { ...base.snapshot, sections: { ...base.snapshot.sections, proxy } } } as unknown as typeof base;
  // The PC answers SysWOW64\netsh like netsh.exe (the fake PC has one WinHTTP state).
  const run: typeof pc.run = Object.assign((c: string, a: readonly string[], o: Parameters<typeof pc.run>[2]) => pc.run(c === NETSH_WOW64 ? 'netsh.exe' : c, a, o), { calls: pc.run.calls });
  const deps = makeDeps(tmp(), run);
  const p = await previewFix(winHttpImportIe, view, deps);
  assert.equal(p.applicable, true);
  assert.deepEqual(p.commands.map((c) => c.display), [`${NETSH_WOW64} winhttp import proxy source=ie`]);
  assert.match(p.changes.join(' '), /32-bit view, SysWOW64\\netsh/);
  const u = restoreCommand({ kind: 'direct' }, '32-bit');
  assert.equal(u.command, NETSH_WOW64);
});
