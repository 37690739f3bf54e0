/** One sweep over every fix: ids, articles, check ids, collectors, guided steps from the articles. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ALL_CHECKS } from '../../../../main/checks';
import { ALL_COLLECTORS } from '../../../../main/collect';
import { ALL_FIXES } from '../../../../main/fix';
import { GUIDED_FIXES } from '../../../../main/fix/guided';
import { articlesById } from '../../../../main/kb/lookup';

const checkIds = new Set(ALL_CHECKS.map((c) => c.id));
const articles = articlesById();

test('fix ids are unique kebab-case; every fix names an existing article and existing checks', () => {
  const seen = new Set<string>();
  for (const f of ALL_FIXES) {
    assert.match(f.id, /^[a-z][a-z0-9-]{2,40}$/);
    assert.ok(!seen.has(f.id), `duplicate fix id ${f.id}`);
    seen.add(f.id);
    assert.ok(articles.has(f.articleId), `${f.id}: article ${f.articleId} is missing`);
    for (const id of [...f.resolves, ...(f.relevantTo ?? [])]) assert.ok(checkIds.has(id), `${f.id}: unknown check ${id}`);
    assert.ok(f.title.length > 10 && f.description.length > 10, f.id);
  }
});

test('automated fixes re-run collectors that exist; a fix that resolves checks re-runs something', () => {
  const collectors = new Set<string>(ALL_COLLECTORS.map((c) => c.id));
  for (const f of ALL_FIXES) {
    if (f.kind !== 'automated') continue;
    for (const c of f.collectors) assert.ok(collectors.has(c), `${f.id}: unknown collector ${c}`);
    if (f.resolves.length) assert.ok(f.collectors.length > 0, `${f.id} resolves checks but re-runs no collector`);
    else assert.ok(f.recheck, `${f.id}: no check covers it, so it must read its change back`);
  }
});

test('the five automated Windows fixes and the server guides asked for all exist', () => {
  const ids = ALL_FIXES.map((f) => f.id);
  for (const id of ['remove-stale-tls-dsk', 'lync-cert-store-user', 'lync-cert-store-machine', 'reset-sign-in-cache', 'flush-dns-cache', 'winhttp-import-ie-proxy', 'server-push-federation', 'server-im-url-filter', 'server-tls-dsk-validity']) assert.ok(ids.includes(id), id);
});

test('guided fixes take their commands from the articles: the server cmdlets are there, nothing is invented', () => {
  const want: Record<string, readonly string[]> = {
    'server-push-federation': ['New-CsHostingProvider', 'New-CsAllowedDomain', 'Set-CsPushNotificationConfiguration'],
    'server-im-url-filter': ['Get-CsImFilterConfiguration', 'Set-CsImFilterConfiguration'],
    'server-tls-dsk-validity': ['Set-CsWebServiceConfiguration', 'Get-CsClientCertificate', 'Revoke-CsClientCertificate'],
  };
  for (const g of GUIDED_FIXES) {
    const a = articles.get(g.articleId);
    assert.ok(a);
    const steps = g.steps(a);
    assert.ok(steps.length > 0, g.id);
    for (const s of steps) assert.ok(a.fix.includes(s), `${g.id}: a step not from the article`);
    const text = steps.map((s) => s.command ?? '').join('\n');
    for (const c of want[g.id] ?? []) assert.ok(text.includes(c), `${g.id} lacks ${c}`);
  }
});
