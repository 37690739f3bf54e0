import { test } from 'node:test';
import assert from 'node:assert/strict';
import { API_VERBS } from '../../../../main/model/api';
import { demoSnapshot } from '../../../../main/demo/demo';
import { ARGS, isApiVerb, validateCall } from '../../../../main/api/validate';
import type { Finding } from '../../../../main/model/finding';

const finding: Finding = {
  checkId: 'LD-DNS-002',
  severity: 'warning',
  title: 'lyncdiscover missing',
  message: 'lyncdiscover.contoso.com did not resolve',
  evidence: [{ label: 'lyncdiscover.contoso.com', value: 'nxdomain' }],
  articleId: 'mobile-lyncdiscover-cname-missing',
  research: ['SFB-KI-019'],
  fix: 'Create the CNAME.',
  sections: ['dns'],
};
const view = () => ({ snapshot: demoSnapshot(), findings: [finding] });

function refused(verb: unknown, args: unknown, pattern: RegExp, code = 'bad-request'): void {
  const r = validateCall(verb, args);
  assert.equal(r.ok, false, `expected ${String(verb)} with ${pattern} to be refused`);
  if (!r.ok) {
    assert.equal(r.code, code);
    assert.match(r.message, pattern);
  }
}

test('every verb of the contract has a validator, and nothing else does', () => {
  assert.deepEqual(Object.keys(ARGS).sort(), [...API_VERBS].sort());
});

test('unknown verbs are refused, including prototype names', () => {
  for (const v of ['deleteEverything', 'toString', '__proto__', 'constructor', '', 42, null, undefined]) {
    assert.equal(isApiVerb(v), false);
    refused(v, [], /unknown API verb/, 'unknown-verb');
  }
});

test('well-formed calls pass and come back typed', () => {
  const good: Array<[string, unknown[]]> = [
    ['demo', []],
    ['startDiagnosis', [{ sipAddress: 'alice@contoso.com' }]],
    ['startDiagnosis', [{ sipAddress: 'alice@contoso.com', dnsServer: '127.0.0.1:5300', timeoutMs: 2000, collectors: ['dns', 'proxyAuth'], answers: { mobile: { platform: 'ios' } } }]],
    ['startDiagnosis', [{ sipAddress: 'alice@contoso.com', connectTo: ['sip.contoso.com:5061:127.0.0.1:15061'], caFile: '/tmp/lab-root.pem', proxy: 'http://127.0.0.1:3128' }]],
    ['runStatus', ['0b7c8f2e-1d2a-4c59-9a8e-3c1f5b7d9e01', 0]],
    ['cancelRun', ['0b7c8f2e-1d2a-4c59-9a8e-3c1f5b7d9e01']],
    ['reanalyze', [demoSnapshot(), { mobile: { platform: 'ios', osVersion: '9.3', language: 'English', region: 'Sweden' } }]],
    ['kbSearch', ['cannot sign in', 20]],
    ['kbSearch', ['x'.repeat(5 * 1024 * 1024), 20]],
    ['kbCodes', ['ms-diagnostics: 1033;reason="x"\n'.repeat(200_000)]],
    ['kbArticle', ['ios9-language-region-sign-in']],
    ['bundlePreview', [view(), 'standard']],
    ['bundleExport', [view(), 'pseudonymise']],
    ['bundleImport', [{ fileName: 'bundle.zip', base64: 'UEsDBA==' }]],
    ['bundleCompare', [{ fileName: 'a.zip', base64: 'UEsDBA==' }, { fileName: 'b.zip', base64: '' }]],
    ['fixList', [view()]],
    ['fixPreview', ['remove-expired-tls-dsk', view()]],
    ['fixApply', ['remove-expired-tls-dsk', view(), true]],
    ['fixUndo', ['2026-03-02T09-15-00Z-remove-expired-tls-dsk']],
  ];
  for (const [verb, args] of good) {
    const r = validateCall(verb, args);
    assert.ok(r.ok, `${verb}: ${r.ok ? '' : r.message}`);
    if (r.ok) assert.equal(r.call.verb, verb);
  }
});

test('the demo snapshot passes unchanged (validation does not drop or alter data)', () => {
  const s = demoSnapshot();
  const r = validateCall('reanalyze', [s, {}]);
  assert.ok(r.ok);
  if (r.ok && r.call.verb === 'reanalyze') assert.deepEqual(r.call.args[0], s);
});

test('bad payloads are refused with the path of the problem', () => {
  refused('startDiagnosis', [], /expected 1 argument/);
  refused('startDiagnosis', {}, /expected an argument list/);
  refused('startDiagnosis', [{}], /args\[0\]\.sipAddress: expected a string/);
  refused('startDiagnosis', [{ sipAddress: 'a@b.c', timeoutMs: 5 }], /timeoutMs: must be between 100 and 120000/);
  refused('startDiagnosis', [{ sipAddress: 'a@b.c', timeoutMs: 1.5e3 + 0.5 }], /timeoutMs: expected an integer/);
  refused('startDiagnosis', [{ sipAddress: 'a@b.c', shell: 'rm -rf /' }], /unexpected field "shell"/);
  refused('startDiagnosis', [{ sipAddress: 'x'.repeat(10_000) }], /longer than/);
  refused('startDiagnosis', [{ sipAddress: 'a@b.c', collectors: ['../etc'] }], /collector id/);
  refused('startDiagnosis', [{ sipAddress: 'a@b.c', connectTo: 'sip.b.c:5061:127.0.0.1:5061' }], /connectTo: expected a list/);
  refused('startDiagnosis', [{ sipAddress: 'a@b.c', caFile: 42 }], /caFile: expected a string/);
  refused('startDiagnosis', [{ sipAddress: 'a@b.c', answers: { mobile: { platform: 'nokia' } } }], /platform/);
  refused('runStatus', ['run-1', -1], /since|between 0/);
  refused('runStatus', ['RUN; DROP', 0], /run id/);
  refused('kbSearch', ['x', 0], /between 1 and 200/);
  refused('kbSearch', [{ q: 'x' }, 5], /expected a string/);
  refused('kbSearch', ['x'.repeat(16 * 1024 * 1024 + 1), 5], /longer than/);
  refused('kbCodes', [42], /expected a string/);
  refused('bundleImport', [{ fileName: '../../evil.zip', base64: 'UEsDBA==' }], /file name/);
  refused('bundleImport', [{ fileName: 'a.zip', base64: 'not base64!' }], /not base64/);
  refused('bundlePreview', [view(), 'none'], /one of standard, pseudonymise/);
  refused('fixApply', ['x', view(), 'yes'], /true or false/);
  refused('fixApply', ['x', view()], /expected 3 argument/);
  refused('reanalyze', [{ ...demoSnapshot(), schemaVersion: 99 }, {}], /schemaVersion/);
  refused('reanalyze', [{ ...demoSnapshot(), sections: { dns: { status: 'great', message: '', durationMs: 1 } } }, {}], /status/);
  refused('fixList', [{ snapshot: demoSnapshot(), findings: [{ ...finding, checkId: 'DROP TABLE' }] }], /checkId/);
  refused('fixList', [{ snapshot: demoSnapshot(), findings: [], extra: 1 }], /unexpected field "extra"/);
});

test('hostile nesting is refused without blowing the stack', () => {
  let deep: unknown = 'x';
  for (let i = 0; i < 50_000; i++) deep = [deep];
  const s = { ...demoSnapshot(), sections: { dns: { status: 'ok', message: '', durationMs: 1, data: deep } } };
  refused('reanalyze', [s, {}], /deeper|nested|expected/);
});
