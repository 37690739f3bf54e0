import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { analyzeLogFiles } from '../../../../main/logs/read';
import { validate } from '../../../../main/model/schema';
import { logsSchema, sipSchema } from '../../../../main/model/validate-sip';
import { loadMsDiagnosticsTable } from '../../../../main/sip/ms-diagnostics-file';
import { attempt, challenges, diag, NTLM, response, sipSection, TLS_DSK } from '../../../helpers/sip-snapshot';

const FIX = join(__dirname, '..', '..', '..', 'fixtures', 'logs');

test('sip section: a real shape passes; wrong types and a dangling finalAttempt are reported', () => {
  const good = sipSection([attempt('pool01.contoso.com', 5061, response(401, { challenges: challenges(NTLM, TLS_DSK), diagnostics: [diag('1033;reason="x"')] }))])!.data;
  assert.deepEqual(validate(good, sipSchema), []);
  const bad = JSON.parse(JSON.stringify(good)) as Record<string, unknown> & { attempts: Array<Record<string, unknown>> };
  bad.finalAttempt = 7;
  (bad.attempts[0] as { outcome: unknown }).outcome = 'exploded';
  (bad.attempts[0] as { response: { diagnostics: Array<{ code: unknown }> } }).response.diagnostics[0]!.code = 'not a number';
  const issues = validate(bad, sipSchema);
  assert.ok(issues.some((i) => /finalAttempt/.test(i)), issues.join('\n'));
  assert.ok(issues.some((i) => /outcome/.test(i)));
  assert.ok(issues.some((i) => /code/.test(i)));
  assert.ok(validate('nope', sipSchema).length > 0);
});

test('logs section: every fixture analysis passes; a broken one does not', async () => {
  const d = await analyzeLogFiles(['signin-tlsdsk-success.UccApilog', 'signin-ntlm-mismatch.UccApilog', 'signin-4005-truncated.UccApilog', 'certprov-fail.UccApilog', 'federation-1047.UccApilog', 'mac-microsoft-lync.log'].map((f) => ({ path: join(FIX, f), origin: 'given' as const })), loadMsDiagnosticsTable());
  assert.deepEqual(validate(JSON.parse(JSON.stringify(d)), logsSchema), []);
  const broken = { ...JSON.parse(JSON.stringify(d)), messages: [{ kind: 'request', line: -1 }] };
  assert.ok(validate(broken, logsSchema).length > 0);
});
