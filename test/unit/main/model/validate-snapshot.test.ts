/** The Snapshot validator: real Snapshots pass, every kind of structural violation is named. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { demoSnapshot } from '../../../../main/demo/demo';
import { checkJsonTree, validate, obj, str, num, arr } from '../../../../main/model/schema';
import { SECTION_SCHEMAS, validateFindings, validateSnapshot } from '../../../../main/model/validate-snapshot';
import { makeCert } from '../../../helpers/forge-certs';
import { baseSnapshot, certInfo, certSection, dnsSection, name, policySection, srv } from '../../../helpers/snapshot';

const good = baseSnapshot({
  dns: dnsSection({ names: [name('sip', 'sip.contoso.com', ['192.0.2.1'])], srv: [srv('sip-tls', '_sip._tls.contoso.com', [['sip.contoso.com', 443]])] }),
  certificates: certSection([certInfo(makeCert({ subjectCN: 'alice@contoso.com', issuerCN: 'Communications Server' }))]),
  policy: policySection([{ name: 'EnableSIPHighSecurityMode', data: '0x1' }]),
});

const issues = (v: unknown): readonly string[] => {
  const r = validateSnapshot(v);
  return r.ok ? [] : r.issues;
};

test('real Snapshots are valid: the demo and a fixture with every registered section', () => {
  assert.deepEqual(issues(demoSnapshot()), []);
  assert.deepEqual(issues(good), []);
  assert.ok(Object.keys(SECTION_SCHEMAS).length >= 3);
});

test('sections without a registered schema pass with a sound envelope (new collectors need no code here)', () => {
  const s = { ...good, sections: { ...good.sections, futureThing: { status: 'ok', message: 'x', durationMs: 2, data: { anything: [1, 'two'] } } } };
  assert.deepEqual(issues(s), []);
  const bad = { ...good, sections: { futureThing: { status: 'ok', message: 'x', durationMs: -1 } } };
  assert.match(issues(bad).join(), /futureThing\.durationMs: must be ≥ 0/);
  assert.match(issues({ ...good, sections: { 'bad id!': { status: 'ok', message: '', durationMs: 0 } } }).join(), /not a collector id/);
});

test('partial status and the unreachable DNS outcome are valid (bundles with them import); an unknown status is not', () => {
  const dns = good.sections.dns!;
  const q = { name: 'sip.contoso.com', type: 'A', outcome: 'unreachable', answers: [], error: 'ECONNREFUSED', durationMs: 1 };
  assert.deepEqual(issues({ ...good, sections: { ...good.sections, dns: { ...dns, status: 'partial', data: { ...dns.data, queries: [q] } } } }), []);
  assert.match(issues({ ...good, sections: { dns: { ...dns, status: 'half' } } }).join(), /sections\.dns\.status: expected one of ok\|partial\|not-applicable\|error\|timeout\|cancelled, got "half"/);
  assert.match(issues({ ...good, sections: { dns: { ...dns, data: { ...dns.data, queries: [{ ...q, outcome: 'down' }] } } } }).join(), /queries\[0\]\.outcome: expected one of/);
});

test('violations name the exact place', () => {
  const cases: Array<[unknown, RegExp]> = [
    [null, /snapshot: expected an object/],
    [{ ...good, schemaVersion: 2 }, /schemaVersion: expected 1/],
    [{ ...good, tool: { name: 'evil', version: '1' } }, /tool\.name/],
    [{ ...good, createdAt: 'not a date' }, /createdAt: expected an ISO date/],
    [{ ...good, demo: 'yes' }, /demo: expected true\/false/],
    [{ ...good, input: { ...good.input, sipAddress: '<script>@x' } }, /input\.sipAddress/],
    [{ ...good, input: { ...good.input, timeoutMs: 'fast' } }, /input\.timeoutMs: expected a number/],
    [{ ...good, sections: [] }, /sections: expected an object/],
    [{ ...good, sections: { dns: { ...good.sections.dns, status: 'great' } } }, /sections\.dns\.status: expected one of/],
    [{ ...good, sections: { dns: { ...good.sections.dns, data: { ...good.sections.dns?.data, names: [{ role: 'sip' }] } } } }, /sections\.dns\.data\.names\[0\]\.name: expected a string/],
    [{ ...good, sections: { dns: { ...good.sections.dns, data: { ...good.sections.dns?.data, srv: [{ role: 'sip-tls', name: 'x', outcome: 'answer', records: [{ target: 'a', port: 70000, priority: 0, weight: 0 }] }] } } } }, /port: must be ≤ 65535/],
    [{ ...good, sections: { certificates: { ...good.sections.certificates, data: { stores: [], parseErrors: [], certificates: [{ ...good.sections.certificates?.data?.certificates[0], notAfter: 'soon' }] } } } }, /certificates\[0\]\.notAfter/],
    [{ ...good, sections: { policy: { ...good.sections.policy, data: { keys: [], values: [{ hive: 'HKXX' }] } } } }, /values\[0\]\.hive/],
    [{ ...good, answers: { mobile: { platform: 'toaster' } } }, /answers/],
    [JSON.parse(`{"__proto__": {"x": 1}, "schemaVersion": 1}`), /forbidden key "__proto__"/],
  ];
  for (const [value, re] of cases) assert.match(issues(value).join(' | '), re, JSON.stringify(value)?.slice(0, 120));
});

test('depth and size bombs are refused without recursion', () => {
  let deep: unknown = 'x';
  for (let i = 0; i < 100_000; i++) deep = [deep];
  const out: string[] = [];
  checkJsonTree(deep, 'x', out);
  assert.match(out.join(), /nested deeper/);
  assert.match(issues({ ...good, sections: { dns: { ...good.sections.dns, data: deep } } }).join(), /nested deeper/);
  const wide = Array.from({ length: 10 }, () => 'y');
  assert.deepEqual(validate(wide, arr(str(), 5)), ['(root): more than 5 items']);
});

test('the issue list is bounded', () => {
  const many = Array.from({ length: 500 }, () => ({ a: 1 }));
  const r = validate(many, arr(obj<{ a: string; b: number }>({ a: str(), b: num() })));
  assert.equal(r.length, 20);
});

test('findings: well-formed ones pass, malformed ones are named', () => {
  const f = { checkId: 'LD-DNS-001', severity: 'error', title: 't', message: 'm', evidence: [{ label: 'l', value: 'v' }], articleId: 'a', research: [], fix: 'f', sections: ['dns'] };
  assert.ok(validateFindings([f]).ok);
  const r = validateFindings([{ ...f, severity: 'fatal' }, { ...f, evidence: [{ label: 1 }] }]);
  assert.ok(!r.ok);
  assert.match(r.ok ? '' : r.issues.join(), /findings\[0\]\.severity.*findings\[1\]\.evidence\[0\]\.label/);
});
