/** The questionnaire's before/after diff: a finding is never listed as both new and no longer reported. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Finding } from '../../../../main/model/finding';
import { diffFindings } from '../../../../renderer/lib/finding-diff';

const f = (checkId: string, message: string, severity: Finding['severity'] = 'error'): Finding => ({ checkId, severity, title: checkId, message, evidence: [], articleId: 'a', research: [], fix: 'x', sections: [] });

test('an answer that changes a finding\'s text makes it "changed", not both "new" and "no longer reported"', () => {
  // LD-MOB-001 with region Sweden, then with region Germany: same check, new text.
  const before = [f('LD-MOB-001', 'language (English) does not belong to its region (Sweden)'), f('LD-DNS-002', 'no lyncdiscover', 'warning')];
  const after = [f('LD-MOB-001', 'language (English) does not belong to its region (Germany)'), f('LD-DNS-002', 'no lyncdiscover', 'warning')];
  const d = diffFindings(before, after);
  assert.deepEqual(d.added, []);
  assert.deepEqual(d.removed, []);
  assert.deepEqual(d.changed.map((c) => [c.before.message.slice(-8), c.after.message.slice(-8)]), [['(Sweden)', 'Germany)']]);
});

test('new and gone checks, and a surplus of one check, are listed once each; nothing in two lists', () => {
  const before = [f('LD-PUSH-001', 'a'), f('LD-TLS-009', 'x:443'), f('LD-TLS-009', 'y:443')];
  const after = [f('LD-MOB-001', 'b'), f('LD-TLS-009', 'x:443'), f('LD-TLS-009', 'z:443'), f('LD-TLS-009', 'w:443')];
  const d = diffFindings(before, after);
  assert.deepEqual(d.added.map((x) => `${x.checkId} ${x.message}`), ['LD-TLS-009 w:443', 'LD-MOB-001 b']);
  assert.deepEqual(d.removed.map((x) => x.checkId), ['LD-PUSH-001']);
  assert.deepEqual(d.changed.map((c) => [c.before.message, c.after.message]), [['y:443', 'z:443']]);
  const listed = [...d.added, ...d.removed, ...d.changed.flatMap((c) => [c.before, c.after])];
  assert.equal(new Set(listed).size, listed.length);
  assert.deepEqual(diffFindings(after, after), { added: [], removed: [], changed: [] });
});
