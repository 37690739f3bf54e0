import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { compilePac } from '../../../../main/collect/pac-engine';
import { pacTestEnv, tableResolver } from '../../../helpers/pac-env';

// Real and reference PAC files evaluated by our engine and compared with Debian's pacparser, recorded by
// scripts/pac-reference/record-pacparser.sh (same DNS table, client address and pinned clock), except where
// reference-overrides.json says why pacparser differs from WinHTTP/Chromium.
const dir = join(__dirname, '..', '..', '..', 'fixtures', 'pac');
const cases = JSON.parse(readFileSync(join(dir, 'reference-cases.json'), 'utf8')) as { clientIp: string; now: string; hosts: Record<string, string[]>; urls: string[]; files: string[] };
const expected = JSON.parse(readFileSync(join(dir, 'reference-expected.json'), 'utf8')) as {
  results: Record<string, { compile: 'ok'; answers: Record<string, { result?: string; error?: string }> } | { compile: 'error'; message: string }>;
};
const overrides = JSON.parse(readFileSync(join(dir, 'reference-overrides.json'), 'utf8')) as { files: Record<string, { answers: Record<string, string> }> };

/** The host as pactester passes it: taken from the URL text as written (no lower-casing), port removed. */
function hostOf(url: string): string {
  const authority = (url.split('://')[1] ?? '').split('/')[0] ?? '';
  return authority.replace(/:\d+$/, '');
}

for (const file of cases.files) {
  test(`PAC reference: ${file} answers as the reference engine`, async () => {
    const { env, scope } = pacTestEnv();
    const text = readFileSync(join(dir, file), 'utf8');
    const c = await compilePac(env, text, { myIps: [cases.clientIp], resolve: tableResolver(cases.hosts), now: () => new Date(`${cases.now.replace(' ', 'T')}Z`), tzOffsetMin: 0 });
    const ref = expected.results[file];
    assert.ok(ref, `no recorded answer for ${file}`);
    if (ref.compile === 'error') {
      assert.equal(c.ok, false, `${file}: pacparser refused it (${ref.message}); so must we`);
      if (!c.ok) assert.equal(c.outcome, 'script-error');
      scope.close();
      return;
    }
    assert.ok(c.ok, `${file} should load: ${JSON.stringify(c)}`);
    const over = overrides.files[file]?.answers;
    const mismatches: string[] = [];
    for (const url of cases.urls) {
      const want = over ? (over[url] ?? over['*']) : ref.answers[url]?.result;
      const got = await c.engine.call(url, hostOf(url));
      const gotText = got.ok ? String(got.result) : `error: ${got.error}`;
      if (gotText !== want) mismatches.push(`${url}: ours ${JSON.stringify(gotText)}, reference ${JSON.stringify(want)}`);
    }
    c.engine.dispose();
    scope.close();
    assert.deepEqual(mismatches, []);
  });
}

test("pacparser's own expectations for its tests/proxy.pac", async () => {
  const upstream = JSON.parse(readFileSync(join(dir, 'pacparser', 'expected-upstream.json'), 'utf8')) as { cases: Array<{ clientIp: string; url: string; result: string }> };
  const text = readFileSync(join(dir, 'pacparser', 'proxy.pac'), 'utf8');
  for (const k of upstream.cases) {
    const { env, scope } = pacTestEnv();
    const c = await compilePac(env, text, { myIps: [k.clientIp], resolve: tableResolver({}) });
    assert.ok(c.ok);
    assert.deepEqual(await c.engine.call(k.url, hostOf(k.url)), { ok: true, result: k.result }, k.url);
    c.engine.dispose();
    scope.close();
  }
});
