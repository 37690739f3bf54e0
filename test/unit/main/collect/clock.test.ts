import assert from 'node:assert/strict';
import { test } from 'node:test';
import { clockCollector, clockObservations, medianSkew } from '../../../../main/collect/clock';
import { collect } from '../../../../main/diagnose';
import { attempt, fixedCollector, observation, proxyData, proxyProbe } from '../../../helpers/network-snapshot';

test('observations from autodiscover, proxy probes and the PAC server; unreadable dates skipped', () => {
  const obs = clockObservations({
    autodiscover: { status: 'ok', message: '', durationMs: 1, data: { sipAddress: 'a@contoso.com', attempts: [attempt({ serverDate: 'Mon, 01 Jun 2026 12:00:00 GMT', localDate: '2026-06-01T12:07:00.000Z' }), attempt({ serverDate: 'yesterday-ish', localDate: '2026-06-01T12:00:00Z' })] } },
    proxyAuth: { status: 'ok', message: '', durationMs: 1, data: { probes: [proxyProbe({ serverDate: 'Mon, 01 Jun 2026 12:00:00 GMT', localDate: '2026-06-01T12:06:58.000Z' })] } },
    proxy: { status: 'ok', message: '', durationMs: 1, data: proxyData({ pac: { source: 'http://wpad/proxy.pac', origin: 'cli', scheme: 'http', outcome: 'ok', message: '', bytes: 1, sha256: null, httpStatus: 200, durationMs: 1, serverDate: 'Mon, 01 Jun 2026 12:00:00 GMT', localDate: '2026-06-01T12:07:01.000Z' } }) },
  });
  assert.deepEqual(obs.map((o) => o.source), ['autodiscover', 'proxyAuth', 'proxy']);
  assert.deepEqual(obs.map((o) => o.skewMs), [420_000, 418_000, 421_000]);
  assert.equal(medianSkew(obs), 420_000);
});

test('median of an even count and of none', () => {
  assert.equal(medianSkew([observation(1000), observation(3000)]), 2000);
  assert.equal(medianSkew([]), null);
});

test('collector: not-applicable without any Date header; ok with the median otherwise', async () => {
  const none = await collect({ input: { sipAddress: 'a@contoso.com', sipDomain: 'contoso.com', dnsServer: null, timeoutMs: 500 }, collectors: [clockCollector] });
  assert.equal(none.snapshot.sections.clock?.status, 'not-applicable');
  const some = await collect({
    input: { sipAddress: 'a@contoso.com', sipDomain: 'contoso.com', dnsServer: null, timeoutMs: 500 },
    collectors: [fixedCollector('autodiscover', { sipAddress: 'a@contoso.com', attempts: [attempt({ serverDate: 'Mon, 01 Jun 2026 12:00:00 GMT', localDate: '2026-06-01T11:50:00.000Z' })] }), clockCollector],
  });
  assert.equal(some.snapshot.sections.clock?.status, 'ok');
  assert.equal(some.snapshot.sections.clock?.data?.skewMs, -600_000);
  assert.match(some.snapshot.sections.clock?.message ?? '', /600 s behind/);
});
