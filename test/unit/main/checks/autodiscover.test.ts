import assert from 'node:assert/strict';
import { test } from 'node:test';
import { autodiscoverFailed, autodiscoverForeignLinks } from '../../../../main/checks/autodiscover';
import type { AutodiscoverAttempt } from '../../../../main/model/autodiscover';
import { attempt, ok } from '../../../helpers/network-snapshot';
import { baseSnapshot, NOW } from '../../../helpers/snapshot';

const env = { now: NOW };
const snap = (attempts: AutodiscoverAttempt[]) => baseSnapshot({ autodiscover: ok<'autodiscover'>({ sipAddress: 'alice@contoso.com', attempts }) });
const notResolved = attempt({ role: 'lyncdiscoverinternal', outcome: 'not-resolved', hops: [], status: null, links: [], userUrl: null });

test('LD-AUTO-001: every asked name failing is an error; a working one passes', () => {
  const [f] = autodiscoverFailed.evaluate(snap([notResolved, attempt({ outcome: 'http-error', status: 503, links: [], userUrl: null, message: 'answered 503 Service Unavailable' })]), env);
  assert.equal(f!.severity, 'error');
  assert.match(f!.message, /503/);
  assert.deepEqual(autodiscoverFailed.evaluate(snap([notResolved, attempt()]), env), []);
  assert.deepEqual(autodiscoverFailed.evaluate(snap([notResolved]), env), [], 'nothing asked: the DNS checks cover it');
});

test('LD-AUTO-001: one of two failing is a warning; an answer without a User link fails', () => {
  const mixed = autodiscoverFailed.evaluate(snap([attempt({ role: 'lyncdiscoverinternal', outcome: 'timeout', message: 'no answer', links: [], userUrl: null }), attempt()]), env);
  assert.equal(mixed[0]!.severity, 'warning');
  const noUser = autodiscoverFailed.evaluate(snap([attempt({ userUrl: null, links: [{ token: 'xframe', href: 'https://x/' }] })]), env);
  assert.match(noUser[0]!.message, /no User link/);
});

test('LD-AUTO-002: links outside the SIP domain warn; own domain and Microsoft defaults pass', () => {
  const [f] = autodiscoverForeignLinks.evaluate(snap([attempt({ links: [{ token: 'user', href: 'https://lyncweb.fabrikam.net/Autodiscover/x' }] })]), env);
  assert.match(f!.message, /lyncweb\.fabrikam\.net, outside contoso\.com/);
  assert.deepEqual(autodiscoverForeignLinks.evaluate(snap([attempt()]), env), []);
  assert.deepEqual(autodiscoverForeignLinks.evaluate(snap([attempt({ links: [{ token: 'user', href: 'https://webdir1a.online.lync.com/x' }] })]), env), []);
});
