import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fuzzSip } from '../../../../scripts/fuzz-sip';

test('1000 fuzzed SIP messages and 1000 log chunks: zero crashes (npm run fuzz:sip runs 10 000)', () => {
  const r = fuzzSip(1000, 7);
  assert.deepEqual(r.crashes.map((c) => `${c.kind} #${c.index}: ${c.error.split('\n')[0]}`), []);
  assert.ok(r.parsed > 100, `only ${r.parsed} mutated inputs still parsed: the fuzzer must also reach the readers behind the parser`);
});
