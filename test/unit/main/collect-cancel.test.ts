import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Collector } from '../../../main/collect/types';
import { collect } from '../../../main/diagnose';
import { isGap } from '../../../main/model/status';

/** Waits for its signal; hands back what a collector does when aborted (the real ones say "timeout"). */
const slow: Collector = {
  id: 'dns',
  title: 'Slow',
  platforms: 'all',
  async collect(ctx) {
    try {
      await sleep(60_000, undefined, { signal: ctx.signal });
    } catch {
      return { status: 'timeout', message: 'aborted' };
    }
    return { status: 'ok', message: 'done' };
  },
};

test('a cancelled collection records "cancelled", not "timeout" (nothing was slow: the user stopped it)', async () => {
  const controller = new AbortController();
  const p = collect({ input: { sipAddress: 'a@contoso.com', sipDomain: 'contoso.com', dnsServer: null, timeoutMs: 60_000 }, collectors: [slow], signal: controller.signal, platform: 'linux' });
  await sleep(20);
  controller.abort();
  const { snapshot } = await p;
  assert.equal(snapshot.sections.dns?.status, 'cancelled');
  assert.equal(snapshot.sections.dns?.message, 'cancelled by the user');
  assert.equal(isGap('cancelled'), true, 'a cancelled section is a gap: its checks say "could not check"');
});

test('a collector that runs past its time limit is still a timeout', async () => {
  const { snapshot } = await collect({ input: { sipAddress: 'a@contoso.com', sipDomain: 'contoso.com', dnsServer: null, timeoutMs: 100 }, collectors: [slow], platform: 'linux', graceMs: 20 });
  assert.equal(snapshot.sections.dns?.status, 'timeout');
});
