import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { compilePac } from '../../../../main/collect/pac-engine';
import { pacTestEnv } from '../../../helpers/pac-env';

// Chromium's PAC test scripts with the answers Chromium's own unit test asserts (chromium/expected.json).
const dir = join(__dirname, '..', '..', '..', 'fixtures', 'pac', 'chromium-libpac');
type Call = { url: string; host: string; result?: string; nonString?: boolean; error?: string; alerts?: string[]; alertPrefixes?: string[]; noAlerts?: boolean };
const spec = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as { cases: Array<{ file: string; dns?: string[]; myIps?: string[]; compile?: 'not-pac' | 'script-error'; calls?: Call[] }> };

for (const k of spec.cases) {
  test(`Chromium PAC test script ${k.file}`, async () => {
    const { env, scope } = pacTestEnv();
    const dns = k.dns ?? [];
    const c = await compilePac(env, readFileSync(join(dir, k.file), 'utf8'), { myIps: k.myIps ?? ['192.0.2.5'], resolve: async () => dns, now: () => new Date(Date.UTC(2009, 2, 3, 3, 34, 1)), tzOffsetMin: 0 });
    if (k.compile) {
      assert.equal(c.ok, false);
      if (!c.ok) assert.equal(c.outcome, k.compile);
      scope.close();
      return;
    }
    assert.ok(c.ok, JSON.stringify(c));
    for (const call of k.calls ?? []) {
      const r = await c.engine.call(call.url, call.host);
      if (call.result !== undefined) assert.deepEqual(r, { ok: true, result: call.result }, `${call.url} (alerts: ${c.engine.alerts.join(' / ')})`);
      else if (call.nonString) assert.ok((r.ok && typeof r.result !== 'string') || (!r.ok && /not a string/.test(r.error)), JSON.stringify(r));
      else if (call.error) assert.ok(!r.ok && r.error.includes(call.error), JSON.stringify(r));
      if (call.alerts) assert.deepEqual(c.engine.alerts, call.alerts);
      if (call.noAlerts) assert.deepEqual(c.engine.alerts, []);
      if (call.alertPrefixes) assert.deepEqual(c.engine.alerts.map((a, i) => a.slice(0, call.alertPrefixes?.[i]?.length)), call.alertPrefixes);
    }
    c.engine.dispose();
    scope.close();
  });
}
