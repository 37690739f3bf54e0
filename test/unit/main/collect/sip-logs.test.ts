import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { logFilesFor, logsCollector } from '../../../../main/collect/logs';
import { plannedTargets, sipCollector } from '../../../../main/collect/sip';
import type { CollectorContext } from '../../../../main/collect/types';
import { recordingRunner } from '../../../../main/collect/windows/runner';
import type { DiagnoseInput, Sections } from '../../../../main/model/snapshot';
import { traceFolders } from '../../../../main/logs/discover';
import { dnsSection, name, srv } from '../../../helpers/snapshot';

const FIX = join(__dirname, '..', '..', '..', 'fixtures', 'logs');
const root = mkdtempSync(join(tmpdir(), 'ld-collect-'));
after(() => rmSync(root, { recursive: true, force: true }));

function ctx(input: Partial<DiagnoseInput> = {}, platform = 'linux', sections: Sections = {}): CollectorContext {
  return {
    input: { sipAddress: 'alice@contoso.com', sipDomain: 'contoso.com', dnsServer: null, timeoutMs: 2000, ...input },
    signal: new AbortController().signal,
    deadline: Date.now() + 2000,
    platform,
    run: recordingRunner(),
    now: () => new Date(),
    progress: () => undefined,
    raw: () => undefined,
    sections,
  };
}

test('sip collector: --server wins; DNS targets otherwise; no target → not-applicable with advice', async () => {
  assert.deepEqual(plannedTargets(ctx({ sipServer: '10.0.0.5:443' })).targets, [{ host: '10.0.0.5', port: 443, source: 'override', addresses: ['10.0.0.5'] }]);
  const dns = dnsSection({ srv: [srv('sip-tls', '_sip._tls.contoso.com', [['sip.contoso.com', 443]])], srvTargets: [name('srv-target', 'sip.contoso.com', ['192.0.2.11'])] });
  assert.deepEqual(plannedTargets(ctx({}, 'linux', { dns })).targets.map((t) => `${t.host}:${t.port}`), ['sip.contoso.com:443']);
  const none = await sipCollector.collect(ctx({}, 'linux', { dns: dnsSection({}) }));
  assert.equal(none.status, 'not-applicable');
  assert.match(none.message, /--server host:port/);
  const bad = await sipCollector.collect(ctx({ sipServer: 'not a server' }));
  assert.equal(bad.status, 'error');
  assert.deepEqual(sipCollector.after, ['dns']);
});

test('logs collector: auto-discovery only on Windows; --log on every OS; nothing → not-applicable', async () => {
  const [, v16] = traceFolders(root);
  mkdirSync(v16!, { recursive: true });
  const auto = join(v16!, 'Lync-UccApi-0.UccApilog');
  writeFileSync(auto, 'x\n');
  const given = join(FIX, 'signin-ntlm-mismatch.UccApilog');
  assert.deepEqual(logFilesFor(ctx({ logFiles: [given] }, 'win32'), { LOCALAPPDATA: root }), [{ path: auto, origin: 'auto' }, { path: given, origin: 'given' }]);
  assert.deepEqual(logFilesFor(ctx({ logFiles: [given] }, 'linux'), { LOCALAPPDATA: root }), [{ path: given, origin: 'given' }]);
  const na = await logsCollector.collect(ctx());
  assert.equal(na.status, 'not-applicable');
  assert.match(na.message, /--log FILE/);
  const r = await logsCollector.collect(ctx({ logFiles: [given] }));
  assert.equal(r.status, 'ok');
  assert.ok(r.data?.diagnostics.some((d) => d.diagnostic.code === 1000));
  assert.match(r.message, /ms-diagnostics .*1000/);
  const missing = await logsCollector.collect(ctx({ logFiles: [join(root, 'nope.UccApilog')] }));
  assert.equal(missing.status, 'error');
  assert.match(missing.message, /does not exist/);
  // One readable, one missing: the read one is judged, the missing one is a stated gap (partial), not silence.
  const both = await logsCollector.collect(ctx({ logFiles: [given, join(root, 'nope.UccApilog')] }));
  assert.equal(both.status, 'partial');
  assert.ok(both.data?.diagnostics.some((d) => d.diagnostic.code === 1000));
  assert.match(both.message, /; could not read .*nope\.UccApilog.*does not exist/);
});
