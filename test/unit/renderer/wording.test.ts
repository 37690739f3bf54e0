import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { forWindow, withoutSourceNotes } from '../../../renderer/lib/wording';

const ARTICLES = join(__dirname, '..', '..', '..', 'knowledge', 'articles');

test('source notes are left out of article text in the window (the forms the articles really use)', () => {
  assert.equal(withoutSourceNotes('Background article. By default Lync writes its certificates'), 'By default Lync writes its certificates');
  assert.equal(withoutSourceNotes('is set to 1 (seed 002). After that'), 'is set to 1. After that');
  assert.equal(withoutSourceNotes('certificate (seed 002, seed 004). Those'), 'certificate. Those');
  assert.equal(withoutSourceNotes('Side effect (seed 001, KB2664650): the service'), 'Side effect (KB2664650): the service');
  assert.equal(withoutSourceNotes("retry (seed 004's author needed this)."), "retry (a field report's author needed this).");
  assert.equal(withoutSourceNotes('rests on one field write-up (seed 001) for Lync Attendee'), 'rests on one field write-up for Lync Attendee');
  assert.equal(withoutSourceNotes('per seed 001 these clients'), 'per a field report these clients');
  assert.equal(withoutSourceNotes('Nothing to remove (KB3096704).'), 'Nothing to remove (KB3096704).');
});

test('no article text keeps a seed number or "Background article." once cleaned', () => {
  for (const f of readdirSync(ARTICLES).filter((n) => n.endsWith('.md'))) {
    const cleaned = withoutSourceNotes(readFileSync(join(ARTICLES, f), 'utf8'));
    assert.doesNotMatch(cleaned, /\bseed \d{3}\b|Background article\./i, f);
  }
});

test('CLI flags in collector messages point to the inputs of the Diagnose page', () => {
  assert.equal(forWindow('No client log given: pass --log FILE (automatic discovery works on Windows only)'), 'No client log given: add the log under Diagnose → Advanced → Client logs (automatic discovery works on Windows only)');
  assert.match(forWindow('no SIP server to probe: x. Pass --server host:port to probe one directly.'), /Enter a SIP server under Diagnose → Advanced to probe one directly/);
  assert.match(forWindow('Log analysis stopped at the deadline (partial results; raise --timeout-ms)'), /raise the time limit under Diagnose → Advanced/);
  assert.doesNotMatch(forWindow('trusted here only through --ca-file; --proxy-pac and --proxy'), /--/);
});
