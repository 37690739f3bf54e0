import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bestSnippet, passages } from '../../../../main/kb/snippet';

// A toy stemmer is enough here: the snippet logic only compares stems.
const stem = (w: string): string => w.replace(/(es|s|ing|ed)$/, '');

test('the passage with the most distinct query terms wins, matches wrapped in «» as written', () => {
  const ps = passages([
    { field: 'title', text: 'Certificates and more' },
    { field: 'symptoms', text: 'The sign-in certificate expired yesterday' },
    { field: 'body', text: 'Nothing to see here.' },
  ], stem);
  assert.equal(bestSnippet(ps, new Set(['certificate', 'expir']), stem), 'The sign-in «certificate» «expired» yesterday');
  assert.equal(bestSnippet(ps, new Set(['certificate']), stem), 'The sign-in «certificate» expired yesterday', 'a symptom beats the title on a tie');
  assert.equal(bestSnippet(ps, new Set(['absent']), stem), '');
});

test('a long passage is cut to a window around the matches, with ellipses', () => {
  const long = `${'alpha '.repeat(40)}the proxy answers 407 here ${'omega '.repeat(40)}`.trim();
  const sn = bestSnippet(passages([{ field: 'body', text: long }], stem), new Set(['proxy', '407']), stem, 10);
  assert.match(sn, /^…/);
  assert.match(sn, /…$/);
  assert.match(sn, /«proxy» answers «407»/);
  assert.ok(sn.split(' ').length <= 12);
});

test('markup-like text in articles is returned as text (the UI never renders it as HTML)', () => {
  const sn = bestSnippet(passages([{ field: 'body', text: '<b>proxy</b> & "quotes"' }], stem), new Set(['proxy']), stem);
  assert.equal(sn, '<b>«proxy»</b> & "quotes"');
});
