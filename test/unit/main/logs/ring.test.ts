/**
 * Ring (main/logs/ring.ts): the newest `max` items, oldest first, and how many older ones were dropped — the rule
 * the analyzer's kept REGISTERs and failures follow (README: "the newest 300 … the older counted as dropped").
 * Expected values are computed from that rule (the last `max` of what was pushed), not from the ring.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Ring } from '../../../../main/logs/ring';

const range = (a: number, b: number): number[] => Array.from({ length: b - a }, (_, i) => a + i);

test('an empty ring holds nothing and dropped nothing', () => {
  const r = new Ring<number>(3);
  assert.deepEqual(r.values(), []);
  assert.equal(r.dropped, 0);
});

test('up to max items: all held in order, none dropped', () => {
  for (let n = 1; n <= 3; n++) {
    const r = new Ring<number>(3);
    for (const x of range(0, n)) r.push(x);
    assert.deepEqual(r.values(), range(0, n), `${n} pushed`);
    assert.equal(r.dropped, 0, `${n} pushed`);
  }
});

test('past max: the newest max items, oldest first, at every count (the circle wraps more than once)', () => {
  for (const max of [1, 2, 3, 5]) {
    const r = new Ring<number>(max);
    for (let n = 1; n <= 4 * max + 2; n++) {
      r.push(n - 1);
      const held = Math.min(n, max);
      assert.deepEqual(r.values(), range(n - held, n), `max ${max}, ${n} pushed`);
      assert.equal(r.dropped, n - held, `max ${max}, ${n} pushed`);
    }
  }
});

test('values() is a copy: reading it twice, or changing what it returned, changes nothing; pushing goes on after a read', () => {
  const r = new Ring<string>(2);
  for (const x of ['a', 'b', 'c']) r.push(x);
  const v = r.values();
  assert.deepEqual(v, ['b', 'c']);
  v.push('z');
  v[0] = 'y';
  assert.deepEqual(r.values(), ['b', 'c']);
  assert.equal(r.dropped, 1);
  r.push('d');
  assert.deepEqual(r.values(), ['c', 'd']);
  assert.equal(r.dropped, 2);
});

test('a ring of 0 holds nothing and counts every push as dropped', () => {
  const r = new Ring<number>(0);
  for (const x of range(0, 4)) r.push(x);
  assert.deepEqual(r.values(), []);
  assert.equal(r.dropped, 4);
});

test('the same object pushed twice is held twice (items are not keyed)', () => {
  const o = { k: 1 };
  const r = new Ring<object>(3);
  r.push(o);
  r.push(o);
  assert.deepEqual(r.values(), [o, o]);
  assert.equal(r.values()[0], o);
});
