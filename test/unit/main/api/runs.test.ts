import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { resolve } from 'node:path';
import { createRuns, inputForRequest, selectCollectors } from '../../../../main/api/runs';
import { ApiError } from '../../../../main/api/dispatch';
import type { Collector } from '../../../../main/collect/types';
import { demoSnapshot } from '../../../../main/demo/demo';
import { articleLookup } from '../../../../main/kb/lookup';
import type { RunStatus } from '../../../../main/model/api';
import type { SectionId } from '../../../../main/model/snapshot';

const articles = articleLookup();

/** A collector that reports progress, then waits `ms` (aborted early by its signal). */
function fake(id: SectionId, ms: number, seen?: { aborted?: boolean }, after?: SectionId[]): Collector {
  return {
    id,
    title: `Fake ${id}`,
    platforms: 'all',
    ...(after ? { after } : {}),
    async collect(ctx) {
      ctx.progress('half way');
      try {
        await sleep(ms, undefined, { signal: ctx.signal });
      } catch {
        if (seen) seen.aborted = true;
        return { status: 'timeout', message: 'aborted' };
      }
      return { status: 'error', message: `${id} has nothing to say (fake)` };
    },
  };
}

/** A collector that ignores cancellation entirely (the worst case for Cancel). */
const stubborn: Collector = { id: 'certificates', title: 'Stubborn', platforms: 'all', collect: () => new Promise(() => undefined) };

async function until(runs: ReturnType<typeof createRuns>, runId: string, pred: (s: RunStatus) => boolean): Promise<RunStatus> {
  for (let i = 0; i < 500; i++) {
    const s = await runs.runStatus(runId, 0);
    if (pred(s)) return s;
    await sleep(10);
  }
  throw new Error('run did not reach the expected state within 5 s');
}

test('a run reports numbered events per collector and ends with the diagnosis', async () => {
  const runs = createRuns({ articles, collectors: [fake('dns', 5), fake('policy', 15)] });
  const { runId } = await runs.startDiagnosis({ sipAddress: 'alice@contoso.com', timeoutMs: 5000 });
  const done = await until(runs, runId, (s) => s.state !== 'running');
  assert.equal(done.state, 'done');
  assert.deepEqual(done.events.map((e) => e.seq), done.events.map((_, i) => i + 1));
  for (const id of ['dns', 'policy']) {
    const mine = done.events.filter((e) => e.collectorId === id).map((e) => e.phase);
    assert.deepEqual(mine, ['start', 'progress', 'done']);
  }
  assert.equal(done.events.find((e) => e.collectorId === 'dns' && e.phase === 'done')?.status, 'error');
  assert.ok(done.result);
  assert.equal(done.result.snapshot.input.sipAddress, 'alice@contoso.com');
  assert.deepEqual(Object.keys(done.result.snapshot.sections), ['dns', 'policy']);
  // `since` returns only newer events.
  const later = await runs.runStatus(runId, 4);
  assert.deepEqual(later.events.map((e) => e.seq), done.events.filter((e) => e.seq > 4).map((e) => e.seq));
});

test('cancel ends the run at once, aborts cooperative collectors and closes every open row', async () => {
  const seen: { aborted?: boolean } = {};
  const runs = createRuns({ articles, collectors: [fake('dns', 60_000, seen), stubborn] });
  const { runId } = await runs.startDiagnosis({ sipAddress: 'alice@contoso.com', timeoutMs: 60_000 });
  await until(runs, runId, (s) => s.events.filter((e) => e.phase === 'start').length === 2);
  await runs.cancelRun(runId);
  const s = await runs.runStatus(runId, 0);
  assert.equal(s.state, 'cancelled');
  assert.equal(s.result, undefined);
  for (const id of ['dns', 'certificates']) {
    const last = s.events.filter((e) => e.collectorId === id).at(-1);
    assert.equal(last?.phase, 'done', `${id} has a final row`);
    assert.equal(last?.status, 'cancelled');
    assert.equal(last?.message, 'cancelled by the user');
  }
  await until(runs, runId, () => seen.aborted === true);
  // Nothing arrives after the cancel, even when the cooperative collector hands back its result.
  await sleep(20);
  assert.equal((await runs.runStatus(runId, 0)).events.length, s.events.length);
  await runs.cancelRun(runId); // idempotent
});

test('bad requests are refused with wording for the window, not for the CLI', async () => {
  const runs = createRuns({ articles, collectors: [fake('dns', 1)] });
  await assert.rejects(runs.startDiagnosis({ sipAddress: 'not an address' }), (e: unknown) => e instanceof ApiError && e.code === 'bad-request' && /not a SIP address/.test(e.message));
  await assert.rejects(runs.startDiagnosis({ sipAddress: '' }), (e: unknown) => e instanceof ApiError && /Enter the SIP address/.test(e.message));
  await assert.rejects(runs.startDiagnosis({ sipAddress: 'a@contoso.com', dnsServer: 'not a server:99999' }), (e: unknown) => e instanceof ApiError && /^DNS server:/.test(e.message));
  await assert.rejects(runs.startDiagnosis({ sipAddress: 'a@contoso.com', collectors: ['nosuch'] }), /unknown collector/);
  await assert.rejects(runs.runStatus('no-such-run', 0), (e: unknown) => e instanceof ApiError && e.code === 'not-found');
  await assert.rejects(runs.cancelRun('no-such-run'), (e: unknown) => e instanceof ApiError && e.code === 'not-found');
});

test('inputForRequest applies the CLI defaults and rules', () => {
  const i = inputForRequest({ sipAddress: ' SIP:Alice@Contoso.COM ' });
  assert.equal(i.sipAddress, 'alice@contoso.com');
  assert.equal(i.sipDomain, 'contoso.com');
  assert.equal(i.dnsServer, null);
  assert.equal(i.timeoutMs, 3000);
  assert.equal(inputForRequest({ sipAddress: 'a@contoso.com', dnsServer: '  ' }).dnsServer, null);
});

test('inputForRequest carries --connect-to and --ca-file, validated by the CLI rules', () => {
  const ca = resolve('package.json'); // any existing file: existence is the rule here (tests run from the root)
  const i = inputForRequest({ sipAddress: 'a@contoso.com', connectTo: [' sip.contoso.com:5061:127.0.0.1:15061 ', ''], caFile: ca, proxy: 'http://127.0.0.1:3128' });
  assert.deepEqual(i.connectTo, ['sip.contoso.com:5061:127.0.0.1:15061']);
  assert.equal(i.caFile, ca);
  assert.equal(i.proxy, 'http://127.0.0.1:3128');
  assert.throws(() => inputForRequest({ sipAddress: 'a@contoso.com', connectTo: ['sip.contoso.com:5061'] }), (e: unknown) => e instanceof ApiError && e.code === 'bad-request' && /^Connect-to override: "sip\.contoso\.com:5061" is not HOST:PORT:ADDRESS:PORT/.test(e.message));
  assert.throws(() => inputForRequest({ sipAddress: 'a@contoso.com', caFile: '/nonexistent/roots.pem' }), (e: unknown) => e instanceof ApiError && /^CA file: \/nonexistent\/roots\.pem does not exist/.test(e.message));
});

test('a re-check runs only the asked collectors plus what they wait for', () => {
  const all = [fake('dns', 1), fake('certificates', 1), fake('tls', 1, undefined, ['dns']), fake('policy', 1)];
  assert.deepEqual(selectCollectors(all, ['tls']).map((c) => c.id), ['dns', 'tls']);
  assert.deepEqual(selectCollectors(all, ['policy']).map((c) => c.id), ['policy']);
  assert.equal(selectCollectors(all, undefined), all);
});

test('reanalyze adds the questionnaire answers and runs the same checks', async () => {
  const runs = createRuns({ articles, collectors: [] });
  const snap = demoSnapshot();
  const before = await runs.reanalyze(snap, {});
  const after = await runs.reanalyze(snap, { mobile: { platform: 'ios', osVersion: '9.3.5', app: 'Lync 2013 for iPhone', appVersion: '5.6', language: 'English', region: 'Sweden' } });
  assert.deepEqual(after.snapshot.answers.mobile?.region, 'Sweden');
  assert.ok(!before.findings.some((f) => f.checkId === 'LD-MOB-001'));
  assert.ok(after.findings.some((f) => f.checkId === 'LD-MOB-001'), 'the iOS 9 language/region finding appears');
  // The demo's own findings are judged as of its capture time both times.
  assert.ok(before.findings.every((f) => after.findings.some((g) => g.checkId === f.checkId)));
});
