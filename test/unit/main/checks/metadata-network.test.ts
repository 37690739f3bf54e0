// The metadata of the gap, DNS, TLS and SIP checks pinned per check (registry.test.ts holds the other families):
// severity, article, research ids (README "Checks" table for DNS; the research file for the others) and the
// sections each reads (a re-check re-runs those collectors). Imports the families, not the registry, to stay light.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dnsChecks } from '../../../../main/checks/dns';
import { gapChecks } from '../../../../main/checks/gaps';
import { sipChecks } from '../../../../main/checks/sip';
import { tlsChecks } from '../../../../main/checks/tls';

const META: Record<string, readonly [string, string, string[], string[]]> = {
  'LD-GAP-001': ['error', 'diagnosis-facts-missing', [], ['dns', 'sip', 'autodiscover', 'tls', 'proxy', 'proxyAuth', 'clock', 'certificates', 'policy', 'logs']],
  'LD-DNS-001': ['error', 'dns-no-lync-server-found', ['SFB-KI-015'], ['dns']],
  'LD-DNS-002': ['warning', 'mobile-lyncdiscover-cname-missing', ['SFB-KI-019', 'SFB-KI-020'], ['dns']],
  'LD-DNS-003': ['warning', 'dns-lyncdiscoverinternal-missing', ['SFB-KI-017'], ['dns']],
  'LD-DNS-004': ['error', 'dns-srv-target-outside-sip-domain', ['SFB-KI-018'], ['dns']],
  'LD-DNS-005': ['error', 'dns-srv-target-does-not-resolve', [], ['dns']],
  'LD-DNS-006': ['error', 'dns-cname-chain-broken', [], ['dns']],
  'LD-TLS-001': ['error', 'lyncdiscover-certificate-name-mismatch', ['SFB-KI-058'], ['tls']],
  'LD-TLS-002': ['error', 'trust-model-certificate-name-mismatch', ['SFB-KI-012'], ['tls']],
  'LD-TLS-003': ['error', 'server-certificate-untrusted-chain', ['SFB-KI-008'], ['tls']],
  'LD-TLS-004': ['error', 'server-certificate-untrusted-chain', ['SFB-KI-008'], ['tls']],
  'LD-TLS-005': ['info', 'mobile-enterprise-root-not-trusted', ['SFB-KI-014'], ['tls']],
  'LD-TLS-006': ['error', 'tls10-11-disabled-old-clients', ['SFB-KI-030'], ['tls']],
  'LD-TLS-007': ['error', 'tls12-winhttp-windows7-12029', ['SFB-KI-029'], ['tls', 'proxy']],
  'LD-TLS-008': ['info', 'tls10-11-disabled-old-clients', ['SFB-KI-030'], ['tls']],
  'LD-TLS-009': ['warning', 'network-endpoint-unreachable', [], ['tls']],
  'LD-TLS-010': ['error', 'server-certificate-untrusted-root', [], ['tls']],
  'LD-TLS-011': ['warning', 'server-certificate-weak-signature', [], ['tls']],
  'LD-TLS-012': ['warning', 'server-certificate-weak-rsa-key', [], ['tls']],
  'LD-TLS-013': ['warning', 'server-certificate-no-san', [], ['tls']],
  'LD-SIP-001': ['error', 'dns-server-temporarily-unavailable', ['SFB-KI-016'], ['sip']],
  'LD-SIP-002': ['error', 'trust-model-certificate-name-mismatch', ['SFB-KI-012'], ['sip']],
  'LD-SIP-003': ['error', 'server-certificate-untrusted-chain', ['SFB-KI-008'], ['sip']],
  'LD-SIP-004': ['warning', 'certificate-provisioning-failed', ['SFB-KI-007'], ['sip', 'logs', 'certificates']],
  'LD-SIP-005': ['warning', 'sip-sign-in-flow', [], ['sip', 'certificates', 'dns']],
  'LD-SIP-006': ['error', 'ntlm-session-security-mismatch', ['SFB-KI-032'], ['sip', 'logs']],
  'LD-SIP-007': ['error', 'user-replicator-ms-diagnostics-4005', ['SFB-KI-038'], ['sip', 'logs']],
  'LD-SIP-008': ['warning', 'federation-tls-negotiation-failed', ['SFB-KI-047'], ['sip', 'logs']],
  'LD-SIP-009': ['warning', 'sip-sign-in-flow', [], ['sip', 'logs']],
  'LD-SIP-010': ['error', 'sip-sign-in-flow', [], ['sip', 'logs']],
  'LD-SIP-011': ['info', 'sip-sign-in-flow', [], ['sip', 'logs']],
  'LD-SIP-012': ['error', 'clock-skew-sign-in', ['SFB-KI-011'], ['sip', 'clock']],
  'LD-SIP-013': ['error', 'certificate-provisioning-failed', ['SFB-KI-007'], ['logs']],
  'LD-SIP-014': ['warning', 'sip-sign-in-flow', [], ['logs']],
  'LD-SIP-015': ['warning', 'ms-diagnostics-failure-code', [], ['sip', 'logs']],
};
const CHECKS = [...gapChecks, ...dnsChecks, ...tlsChecks, ...sipChecks];

test('every gap/DNS/TLS/SIP check is in the table, once, in family order', () => {
  assert.deepEqual(CHECKS.map((c) => c.id), Object.keys(META));
});

for (const [id, [severity, articleId, research, sections]] of Object.entries(META)) {
  test(`${id}: severity ${severity}, article ${articleId}, research [${research.join(', ')}], reads ${sections.join(', ')}`, () => {
    const c = CHECKS.find((x) => x.id === id)!;
    assert.deepEqual([c.severity, c.articleId, [...c.research], [...c.sections]], [severity, articleId, research, sections]);
    assert.match(c.title, /\w{3,}.*\w{3,}/);
    assert.match(c.description, /\w{3,}.*\w{3,}.*\w{3,}/);
  });
}

test('descriptions that carry a threshold state it', () => {
  const d = (id: string) => CHECKS.find((c) => c.id === id)!.description;
  assert.match(d('LD-TLS-003'), /more than 30 days/);
  assert.match(d('LD-SIP-012'), /within 300 s/);
  assert.match(d('LD-DNS-006'), /longer than 8 hops/);
  assert.match(d('LD-TLS-012'), /at least 2048 bits/);
});
