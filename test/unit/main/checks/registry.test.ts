// The metadata every finding carries (README "Checks" table: research ids; articles; sections read) pinned
// per check, and the runner that turns drafts into findings.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ALL_CHECKS } from '../../../../main/checks';
import { runChecks } from '../../../../main/checks/run';
import type { Check } from '../../../../main/checks/types';
import type { ArticleRef } from '../../../../main/model/article';
import { baseSnapshot, NOW } from '../../../helpers/snapshot';

// id → severity, article, research, sections (families whose boundary tables live in this folder)
const META: Record<string, readonly [string, string, string[], string[]]> = {
  'LD-CERT-001': ['error', 'tls-dsk-certificates', ['SFB-KI-007'], ['certificates']],
  'LD-CERT-002': ['warning', 'tls-dsk-certificates', ['SFB-KI-006'], ['certificates']],
  'LD-CERT-003': ['warning', 'tls-dsk-certificate-personal-store-conflict', ['SFB-KI-006'], ['certificates', 'policy']],
  'LD-CERT-004': ['warning', 'lync-cert-store-policy', ['SFB-KI-006'], ['certificates', 'policy']],
  'LD-CERT-005': ['warning', 'certificate-provisioning-failed', ['SFB-KI-007'], ['certificates']],
  'LD-CERT-006': ['info', 'tls-dsk-certificates', [], ['certificates']],
  'LD-POL-001': ['warning', 'lync-cert-store-policy', ['SFB-KI-006'], ['policy']],
  'LD-MOB-001': ['error', 'ios9-language-region-sign-in', ['SFB-KI-001'], ['answers']],
  'LD-MOB-002': ['error', 'ios9-language-region-sign-in', ['SFB-KI-001'], ['answers']],
  'LD-PUSH-001': ['error', 'im-url-filter-breaks-push', ['SFB-KI-002'], ['answers']],
  'LD-PUSH-002': ['error', 'push-lync-com-not-federated', ['SFB-KI-003'], ['answers']],
  'LD-PROXY-001': ['warning', 'authenticating-proxy-blocks-meeting-join', ['SFB-KI-028'], ['proxyAuth']],
  'LD-PROXY-002': ['warning', 'mobile-authenticating-proxy-digest-only', ['SFB-KI-023'], ['proxyAuth']],
  'LD-PROXY-003': ['warning', 'pac-file-url-not-honoured', ['SFB-KI-024'], ['proxy']],
  'LD-PROXY-004': ['warning', 'wrong-proxy-office365-authentication', ['SFB-KI-026'], ['proxy']],
  'LD-PROXY-005': ['warning', 'direct-sip-instead-of-proxy', ['SFB-KI-025'], ['proxy', 'tls']],
  'LD-PROXY-006': ['warning', 'proxy-blocks-exchange-autodiscover', ['SFB-KI-027'], ['proxyAuth']],
  'LD-PROXY-007': ['error', 'proxy-configuration-broken', [], ['proxy']],
  'LD-PROXY-008': ['error', 'proxy-tls-interception', [], ['proxyAuth']],
  'LD-PROXY-009': ['warning', 'proxy-configuration-broken', [], ['proxyAuth']],
  'LD-AUTO-001': ['error', 'lyncdiscover-mobility-discovery', [], ['autodiscover']],
  'LD-AUTO-002': ['warning', 'trust-model-certificate-name-mismatch', ['SFB-KI-012'], ['autodiscover']],
  'LD-CLOCK-001': ['error', 'clock-skew-sign-in', ['SFB-KI-011'], ['clock']],
};

for (const [id, [severity, articleId, research, sections]] of Object.entries(META)) {
  test(`${id}: severity ${severity}, article ${articleId}, research [${research.join(', ')}], reads ${sections.join(', ')}`, () => {
    const c = ALL_CHECKS.find((x) => x.id === id);
    assert.ok(c, `${id} registered`);
    assert.deepEqual([c.severity, c.articleId, [...c.research], [...c.sections]], [severity, articleId, research, sections]);
    assert.match(c.title, /\w{3,}/);
    assert.match(c.description, /\w{3,}.*\w{3,}/);
  });
}

test('the clock and expiry descriptions state their thresholds', () => {
  assert.match(ALL_CHECKS.find((c) => c.id === 'LD-CLOCK-001')!.description, /within 5 minutes .*warning from 2 minutes/);
  assert.match(ALL_CHECKS.find((c) => c.id === 'LD-CERT-001')!.description, /more than 14 days/);
});

const check = (over: Partial<Check> & Pick<Check, 'id' | 'evaluate'>): Check => ({ title: `title ${over.id}`, severity: 'warning', articleId: 'art', research: ['SFB-KI-001'], sections: ['clock'], description: 'd', ...over });
const articles = (id: string): ArticleRef | undefined => (id === 'art' ? { id, title: 't', fixSummary: 'Do the fix.', verification: 'verified' as ArticleRef['verification'] } : undefined);

test('runChecks: drafts become findings with the check\'s metadata, default or overridden severity, the article\'s fix; sorted', () => {
  const r = runChecks(
    baseSnapshot(),
    [
      check({ id: 'LD-X-002', evaluate: () => [{ message: 'm1', evidence: [{ label: 'a', value: '1' }] }] }),
      check({ id: 'LD-X-001', articleId: 'missing', research: [], evaluate: () => [{ severity: 'error', message: 'm2', evidence: [] }, { severity: 'info', message: 'm3', evidence: [] }] }),
    ],
    articles,
    { now: NOW },
  );
  assert.deepEqual(r.failures, []);
  assert.deepEqual(r.findings, [
    { checkId: 'LD-X-001', severity: 'error', title: 'title LD-X-001', message: 'm2', evidence: [], articleId: 'missing', research: [], fix: 'See knowledge article missing.', sections: ['clock'] },
    { checkId: 'LD-X-002', severity: 'warning', title: 'title LD-X-002', message: 'm1', evidence: [{ label: 'a', value: '1' }], articleId: 'art', research: ['SFB-KI-001'], fix: 'Do the fix.', sections: ['clock'] },
    { checkId: 'LD-X-001', severity: 'info', title: 'title LD-X-001', message: 'm3', evidence: [], articleId: 'missing', research: [], fix: 'See knowledge article missing.', sections: ['clock'] },
  ]);
});

test('runChecks: a throwing check is reported as a failure and never hides the others; the env reaches the checks', () => {
  let seen: Date | undefined;
  const r = runChecks(
    baseSnapshot(),
    [
      check({ id: 'LD-X-001', evaluate: () => { throw new Error('boom'); } }),
      check({ id: 'LD-X-002', evaluate: (_s, env) => { seen = env.now; return [{ message: 'after', evidence: [] }]; } }),
    ],
    articles,
    { now: NOW },
  );
  assert.deepEqual(r.failures, [{ checkId: 'LD-X-001', error: 'boom' }]);
  assert.deepEqual(r.findings.map((f) => f.message), ['after']);
  assert.equal(seen, NOW);
});
