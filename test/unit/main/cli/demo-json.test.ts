/**
 * Issue 17's list for the demo (what `npm start` opens first), checked one item at a time on the output of
 * `lyncdoctor demo --json`: the three named known issues, TLS and SIP sections, a sign-in path that breaks at
 * a step, a root cause with its consequence folded under it, a questionnaire answered for an iPhone.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { runCliInProcess as runCli } from '../../../helpers/cli';

interface Evidence { readonly label: string; readonly value: string }
interface JFinding { readonly checkId: string; readonly severity: string; readonly causedBy?: string; readonly evidence: readonly Evidence[] }
interface DemoJson {
  readonly snapshot: { readonly demo?: boolean; readonly sections: Record<string, { status: string } | undefined>; readonly answers: { mobile?: Record<string, string> } };
  readonly findings: readonly JFinding[];
  readonly cause: { readonly checkId: string; readonly consequences: number } | null;
  readonly timeline?: { readonly failedStep: number | null; readonly steps: ReadonlyArray<{ readonly id: string; readonly status: string }> };
}

let out: DemoJson;
let code = -1;
before(async () => {
  const r = await runCli(['demo', '--json']);
  code = r.code;
  out = JSON.parse(r.out) as DemoJson;
});
const finding = (id: string): JFinding | undefined => out.findings.find((f) => f.checkId === id);
const ev = (f: JFinding | undefined, label: string): string | undefined => f?.evidence.find((e) => e.label === label)?.value;

test('the demo is marked as one and exits 1 (it has error findings)', () => {
  assert.equal(out.snapshot.demo, true);
  assert.equal(code, 1);
});

test('known issue 1: Lync 2013 on iOS 9 with language and region that do not match (LD-MOB-001)', () => {
  const f = finding('LD-MOB-001');
  assert.equal(f?.severity, 'error');
  assert.equal(ev(f, 'language'), 'English');
  assert.equal(ev(f, 'region'), 'Sweden');
  assert.match(ev(f, 'platform') ?? '', /^iOS 9\./);
});

test('known issue 2: the IM URL filter breaks push notifications (LD-PUSH-001)', () => {
  const f = finding('LD-PUSH-001');
  assert.equal(f?.severity, 'error');
  assert.ok(f?.evidence.some((e) => e.label === 'IM URL filter'), JSON.stringify(f?.evidence));
});

test('known issue 3: an authenticating proxy answering 407 with its schemes (LD-PROXY-001)', () => {
  const f = finding('LD-PROXY-001');
  assert.ok(f);
  assert.equal(ev(f, 'Proxy-Authenticate schemes'), 'Negotiate, NTLM');
  assert.ok(f.evidence.some((e) => e.label.startsWith('CONNECT ') && /^407 /.test(e.value)), JSON.stringify(f.evidence));
  assert.equal(out.snapshot.sections.proxyAuth?.status, 'ok');
});

test('TLS and SIP sections were collected and have findings of their own', () => {
  assert.equal(out.snapshot.sections.tls?.status, 'ok');
  assert.equal(out.snapshot.sections.sip?.status, 'ok');
  assert.ok(out.findings.some((f) => f.checkId.startsWith('LD-TLS-')));
  assert.ok(out.findings.some((f) => f.checkId.startsWith('LD-SIP-')));
});

test('the sign-in timeline breaks at one step (certificate provisioning); the steps before it are not failed', () => {
  const t = out.timeline;
  assert.ok(t, 'demo --json carries the timeline');
  assert.equal(typeof t.failedStep, 'number');
  const i = t.failedStep as number;
  assert.deepEqual([t.steps[i]?.id, t.steps[i]?.status], ['certificate', 'failed']);
  assert.ok(t.steps.slice(0, i).every((s) => s.status !== 'failed'), JSON.stringify(t.steps));
  assert.ok(t.steps.slice(0, i).some((s) => s.status === 'ok'));
});

test('a root cause first, with a consequence folded under it (causedBy), named as the most likely cause', () => {
  assert.equal(out.cause?.checkId, 'LD-PROXY-001');
  const folded = out.findings.filter((f) => f.causedBy === out.cause?.checkId);
  assert.ok(folded.length >= 1);
  assert.equal(folded.length, out.cause?.consequences);
  assert.equal(finding('LD-PROXY-001')?.causedBy, undefined);
  assert.equal(out.findings[0]?.checkId, 'LD-PROXY-001');
});

test('the questionnaire is answered for an iPhone', () => {
  const m = out.snapshot.answers.mobile ?? {};
  assert.equal(m.platform, 'ios');
  assert.match(m.app ?? '', /iPhone/);
  assert.ok(m.osVersion && m.language && m.region);
});
