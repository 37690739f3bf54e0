/** Shared by the redaction pin tests: redact a text and hold what every redaction must (idempotent, leak guard clean). */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { findLeaks, redactText } from '../../main/bundle/redact';

/** The mark a redaction leaves for a kind of secret. */
export const R = (k: string): string => `[REDACTED:${k}]`;
/** test/fixtures/keys: openssl-made test keys (see its README). */
export const KEYS = join(__dirname, '../fixtures/keys');

/** Redacts, returns the text and its counts; asserts that a second pass changes nothing and the leak guard sees nothing. */
export function redact(text: string): { out: string; counts: Record<string, number> } {
  const counts: Record<string, number> = {};
  const out = redactText(text, counts);
  assert.equal(redactText(out), out, `not idempotent: ${out}`);
  assert.deepEqual(findLeaks(out), [], `the leak guard still sees something in: ${out}`);
  return { out, counts };
}
