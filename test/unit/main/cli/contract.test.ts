// The CLI's stable contract (README "The command line"): exit 0 when no finding is an error, 1 when any is,
// 2 on usage or internal error (message on stderr); and the --json shape of each command, checked by a
// hand-written type guard written from the README, not by comparing with a recording of our own output.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { main } from '../../../../main/cli';
import { analyze } from '../../../../main/diagnose';
import { exportBundle } from '../../../../main/bundle/export';
import { articleLookup } from '../../../../main/kb/lookup';
import type { Snapshot } from '../../../../main/model/snapshot';
import { runCli } from '../../../helpers/cli';
import { observation, ok } from '../../../helpers/network-snapshot';
import { baseSnapshot } from '../../../helpers/snapshot';

const dir = mkdtempSync(join(tmpdir(), 'ld-contract-'));
after(() => rmSync(dir, { recursive: true, force: true }));

// ---- hand-written schema of the --json output (README) ----
type Guard = (v: unknown, path: string) => void;
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str: Guard = (v, p) => assert.equal(typeof v, 'string', `${p} must be a string`);
const num: Guard = (v, p) => assert.ok(typeof v === 'number' && Number.isFinite(v), `${p} must be a number`);
const boolean: Guard = (v, p) => assert.equal(typeof v, 'boolean', `${p} must be a boolean`);
const nullable = (g: Guard): Guard => (v, p) => (v === null ? undefined : g(v, p));
const oneOf = (...values: string[]): Guard => (v, p) => assert.ok(values.includes(v as string), `${p} must be one of ${values.join('|')}, got ${JSON.stringify(v)}`);
const match = (re: RegExp): Guard => (v, p) => assert.ok(typeof v === 'string' && re.test(v), `${p} must match ${re}, got ${JSON.stringify(v)}`);
const arrayOf = (g: Guard): Guard => (v, p) => {
  assert.ok(Array.isArray(v), `${p} must be an array`);
  v.forEach((x, i) => g(x, `${p}[${i}]`));
};
const object = (fields: Record<string, Guard>, optional: Record<string, Guard> = {}): Guard => (v, p) => {
  assert.ok(isObj(v), `${p} must be an object`);
  for (const [k, g] of Object.entries(fields)) {
    assert.ok(k in v, `${p}.${k} is missing`);
    g(v[k], `${p}.${k}`);
  }
  for (const [k, g] of Object.entries(optional)) if (k in v && v[k] !== undefined) g(v[k], `${p}.${k}`);
};
const recordOf = (g: Guard): Guard => (v, p) => {
  assert.ok(isObj(v), `${p} must be an object`);
  for (const [k, x] of Object.entries(v)) g(x, `${p}.${k}`);
};
const SEVERITY = oneOf('error', 'warning', 'info');
const evidence = object({ label: str, value: str });
/** A finding as README promises: checkId, severity, title, message, evidence, articleId, research, fix, sections. */
const finding = object({
  checkId: match(/^LD-[A-Z]+-\d{3}$/),
  severity: SEVERITY,
  title: match(/\S/),
  message: match(/\S/),
  evidence: arrayOf(evidence),
  articleId: match(/^[a-z0-9-]+$/),
  research: arrayOf(match(/^SFB-KI-\d{3}$/)),
  fix: match(/\S/),
  sections: arrayOf(str),
});
const section = object({ status: oneOf('ok', 'not-applicable', 'error', 'timeout'), message: str, durationMs: num });
const snapshot = object({
  schemaVersion: num,
  tool: object({ name: str, version: str }),
  createdAt: match(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/),
  demo: boolean,
  host: object({ platform: str, release: str, arch: str }),
  input: object({ sipAddress: match(/^[^@\s]+@[^@\s]+$/), sipDomain: str, dnsServer: nullable(str), timeoutMs: num }),
  sections: recordOf(section),
  answers: recordOf((v, p) => assert.ok(isObj(v), `${p} must be an object`)),
});
const diagnosis = object({ snapshot, findings: arrayOf(finding) });
const parseJson = (out: string): unknown => JSON.parse(out);

// ---- snapshots whose findings we know from the rules (README "Checks"), not from running them ----
const clock = (skewMs: number) => ok<'clock'>({ observations: [observation(skewMs)], skewMs, resolutionMs: 1000 });
const CASES: ReadonlyArray<readonly [string, Snapshot, 'none' | 'info' | 'warning' | 'error', number]> = [
  ['no finding', baseSnapshot(), 'none', 0],
  ['info only (LD-CERT-006: unreadable certificate)', baseSnapshot({ certificates: { status: 'ok', message: 'm', durationMs: 1, data: { stores: [], certificates: [], parseErrors: [{ store: 'My', thumbprint: 'AB', reason: 'bad DER' }] } } }), 'info', 0],
  ['warning only (LD-CLOCK-001: 3 minutes)', baseSnapshot({ clock: clock(180_000) }), 'warning', 0],
  ['warning + info', baseSnapshot({ clock: clock(180_000), certificates: { status: 'ok', message: 'm', durationMs: 1, data: { stores: [], certificates: [], parseErrors: [{ store: 'My', thumbprint: 'AB', reason: 'bad DER' }] } } }), 'warning', 0],
  ['an error (LD-CLOCK-001: 7 minutes)', baseSnapshot({ clock: clock(420_000) }), 'error', 1],
];

async function bundleOf(s: Snapshot, name: string): Promise<string> {
  const findings = analyze(s, { articles: articleLookup() }).findings;
  const b = await exportBundle({ snapshot: s, findings }, { redaction: 'standard', now: () => new Date(s.createdAt) });
  const file = join(dir, `${name}.zip`);
  writeFileSync(file, b.zip);
  return file;
}

for (const [label, s, worst, code] of CASES) {
  test(`analyze: ${label} → exit ${code}, in text and --json`, async () => {
    const file = await bundleOf(s, label.replace(/\W+/g, '-'));
    const json = await runCli(['analyze', file, '--json']);
    assert.equal(json.code, code, json.err);
    const out = parseJson(json.out);
    diagnosis(out, 'analyze');
    const sevs = (out as { findings: Array<{ severity: string }> }).findings.map((f) => f.severity);
    if (worst === 'none') assert.deepEqual(sevs, []);
    else assert.ok(sevs.includes(worst) && !sevs.some((x) => ['error', 'warning', 'info'].indexOf(x) < ['error', 'warning', 'info'].indexOf(worst)), sevs.join());
    const text = await runCli(['analyze', file]);
    assert.equal(text.code, code, text.err);
    assert.equal(text.err, '');
  });
}

test('demo --json: the documented shape; a broken PC has an error finding and exits 1', async () => {
  const r = await runCli(['demo', '--json']);
  const out = parseJson(r.out);
  diagnosis(out, 'demo');
  const o = out as { snapshot: { demo: boolean }; findings: Array<{ severity: string }> };
  assert.equal(o.snapshot.demo, true);
  assert.ok(o.findings.some((f) => f.severity === 'error'));
  assert.equal(r.code, 1);
  assert.equal((await runCli(['demo'])).code, 1);
});

test('sip log --json: { snapshot, findings, timeline }; exit follows the findings', async () => {
  const file = join(__dirname, '..', '..', '..', 'fixtures', 'logs', 'signin-tlsdsk-success.UccApilog');
  const r = await runCli(['sip', 'log', file, '--json', '--sip-address', 'alice@contoso.com']);
  const out = parseJson(r.out);
  object({ snapshot, findings: arrayOf(finding), timeline: (v, p) => assert.ok(isObj(v) || Array.isArray(v), `${p} must be structured`) })(out, 'sip log');
  const errors = (out as { findings: Array<{ severity: string }> }).findings.filter((f) => f.severity === 'error').length;
  assert.equal(r.code, errors > 0 ? 1 : 0);
});

test('compare --json: appeared/disappeared/changed findings and facts; exit 0 same, 1 different', async () => {
  const a = await bundleOf(baseSnapshot({ clock: clock(180_000) }), 'cmp-a');
  const b = await bundleOf(baseSnapshot({ clock: clock(420_000) }), 'cmp-b');
  const same = await runCli(['compare', a, a, '--json']);
  assert.equal(same.code, 0, same.err);
  const shape = object({ appeared: arrayOf(finding), disappeared: arrayOf(finding), changed: arrayOf(object({ before: finding, after: finding })), facts: arrayOf(object({ area: str, key: str, before: str, after: str })) });
  shape(parseJson(same.out), 'compare');
  const diff = await runCli(['compare', a, b, '--json']);
  assert.equal(diff.code, 1, diff.err);
  const d = parseJson(diff.out) as { changed: Array<{ before: { severity: string }; after: { severity: string } }> };
  shape(d, 'compare');
  assert.deepEqual(d.changed.map((c) => [c.before.severity, c.after.severity]), [['warning', 'error']]);
});

test('bundle inspect --json: manifest, migrations, raw entries', async () => {
  const file = await bundleOf(baseSnapshot(), 'inspect');
  const r = await runCli(['bundle', 'inspect', file, '--json']);
  assert.equal(r.code, 0, r.err);
  object({
    manifest: object({ formatVersion: num, createdAt: str, tool: object({ name: str, version: str }), redaction: object({ level: oneOf('standard', 'pseudonymise') }), entries: arrayOf(object({ name: str, bytes: num })) }),
    migrations: arrayOf(str),
    raw: arrayOf(object({ collectorId: str, name: str, chars: num })),
  })(parseJson(r.out), 'inspect');
});

// ---- exit 2: usage and internal errors, message on stderr, nothing on stdout ----
const USAGE: ReadonlyArray<readonly [string, string[], RegExp]> = [
  ['no command', [], /^usage: lyncdoctor <command>/],
  ['unknown command', ['frobnicate'], /unknown command "frobnicate"/],
  ['analyze without a file', ['analyze'], /usage: lyncdoctor analyze/],
  ['analyze with two files', ['analyze', 'a.zip', 'b.zip'], /usage: lyncdoctor analyze/],
  ['an unknown flag', ['demo', '--no-such-flag'], /no-such-flag/],
  ['a missing file', ['analyze', join(dir, 'missing.zip')], /missing\.zip/],
  ['compare with one file', ['compare', 'a.zip'], /usage: lyncdoctor compare/],
  ['bundle without subcommand', ['bundle'], /usage: lyncdoctor bundle/],
  ['diagnose without a SIP address', ['diagnose'], /sip-address/],
];
for (const [label, argv, msg] of USAGE) {
  test(`exit 2 on ${label}`, async () => {
    const r = await runCli(argv);
    assert.equal(r.code, 2);
    assert.match(r.err, msg);
    assert.doesNotMatch(r.err, /internal error/, 'a usage error is not reported as an internal one');
    if (argv.length) assert.equal(r.out, '');
  });
}

test('exit 2 on a corrupt bundle', async () => {
  const file = join(dir, 'corrupt.zip');
  writeFileSync(file, 'PK\u0003\u0004 not really a zip');
  const r = await runCli(['analyze', file]);
  assert.equal(r.code, 2);
  assert.notEqual(r.err, '');
});

test('exit 2 on an internal error, with the message on stderr', async () => {
  let err = '';
  const code = await main(['demo', '--json'], {
    out: () => {
      throw new Error('EPIPE: stdout closed');
    },
    err: (t) => (err += t),
  });
  assert.equal(code, 2);
  assert.match(err, /lyncdoctor demo: internal error: Error: EPIPE: stdout closed\n\s+at /, 'with the stack, for the escalation');
});

test('help exits 0 and prints usage on stdout', async () => {
  for (const h of ['--help', '-h', 'help']) {
    const r = await runCli([h]);
    assert.equal(r.code, 0);
    assert.match(r.out, /^usage: lyncdoctor <command>/);
    assert.match(r.out, /commands: diagnose, demo, analyze, compare, bundle, kb, sip, fix/);
  }
});
