/**
 * An imported bundle tells the same sign-in path as the live run it came from (issue 17: "the same model for live
 * runs, imported bundles and logs"): the bundle keeps the facts, the timeline is re-derived from them on import, so
 * the connect and autodiscover steps — their status, evidence and the first broken step — survive a standard export
 * unchanged, and a pseudonymised one with the same statuses on tokens.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { exportBundle } from '../../../../main/bundle/export';
import { importBundle } from '../../../../main/bundle/import';
import { demoSnapshot } from '../../../../main/demo/demo';
import { analyze } from '../../../../main/diagnose';
import { articleLookup } from '../../../../main/kb/lookup';
import type { SipAttempt, SipSection, TimelineStepId } from '../../../../main/model/sip';
import type { Snapshot } from '../../../../main/model/snapshot';
import { buildTimeline } from '../../../../main/sip/timeline';

const now = () => new Date('2026-06-02T00:00:00Z');
const key = Buffer.alloc(32, 7);
const status = (s: Snapshot): Array<[TimelineStepId, string]> => buildTimeline(s).steps.map((x) => [x.id, x.status]);

/** The demo PC with its pool refusing too: every SIP server refused the TCP connection. */
function everyServerRefuses(): Snapshot {
  const s = demoSnapshot();
  const sip = s.sections.sip?.data as SipSection;
  const refused = sip.attempts[1] as SipAttempt;
  const first = sip.attempts[0] as SipAttempt;
  const pool: SipAttempt = { ...refused, target: first.target, tls: { ...refused.tls, host: first.target.host, port: first.target.port }, message: `${first.target.host}:${first.target.port}: could not connect (connection refused)` };
  const data: SipSection = { ...sip, attempts: [pool, ...sip.attempts.slice(1)], finalAttempt: null, webServices: [] };
  return { ...s, sections: { ...s.sections, sip: { ...(s.sections.sip as NonNullable<Snapshot['sections']['sip']>), data } } };
}

async function roundTrip(snapshot: Snapshot, redaction: 'standard' | 'pseudonymise'): Promise<Snapshot> {
  const findings = analyze(snapshot, { articles: articleLookup() }).findings;
  const b = await exportBundle({ snapshot, findings }, { redaction, now, pseudonym: { key } });
  return (await importBundle(b.zip)).snapshot;
}

test('demo: the imported bundle gives the very same timeline (connect ok to pool01:5061, autodiscover 407 warning, broken at certificate provisioning)', async () => {
  const live = buildTimeline(demoSnapshot());
  const back = buildTimeline(await roundTrip(demoSnapshot(), 'standard'));
  assert.deepEqual(back, live);
  const by = (id: TimelineStepId) => back.steps.find((s) => s.id === id);
  assert.equal(by('connect')?.status, 'ok');
  assert.ok(by('connect')?.evidence.some((e) => e.label === 'connected' && e.value === 'pool01.tailspintoys.com:5061 (192.0.2.10)'));
  assert.equal(by('autodiscover')?.status, 'warning');
  assert.ok(by('autodiscover')?.evidence.some((e) => e.label === 'proxy answer' && /answered 407 to CONNECT lyncdiscover\.tailspintoys\.com:443/.test(e.value)));
  assert.equal(back.failedStepId, 'certificate');
});

test('a PC where every SIP server refuses: the bundle keeps the failed connect as the first broken step, with its evidence', async () => {
  const snap = everyServerRefuses();
  const live = buildTimeline(snap);
  assert.equal(live.failedStepId, 'connect');
  assert.equal(live.steps.find((s) => s.id === 'tls')?.status, 'not-observed');
  const back = buildTimeline(await roundTrip(snap, 'standard'));
  assert.deepEqual(back, live);
  assert.deepEqual(
    back.steps.find((s) => s.id === 'connect')?.evidence.map((e) => e.value.split(' ')[0]),
    ['pool01.tailspintoys.com:5061', 'sip.tailspintoys-hosting.net:443', 'sip.tailspintoys.com:5061', 'sip.tailspintoys.com:443'],
  );
});

test('pseudonymised bundles: the same steps with the same statuses and the same first broken step, on tokens', async () => {
  for (const snap of [demoSnapshot(), everyServerRefuses()]) {
    const live = buildTimeline(snap);
    const imported = await roundTrip(snap, 'pseudonymise');
    const back = buildTimeline(imported);
    assert.deepEqual(status(imported), status(snap));
    assert.equal(back.failedStepId, live.failedStepId);
    assert.deepEqual(back.steps.map((s) => s.evidence.length), live.steps.map((s) => s.evidence.length));
    assert.ok(!JSON.stringify(back).includes('tailspintoys'), 'no real name left in the re-derived timeline');
  }
});
