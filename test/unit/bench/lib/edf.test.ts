// bench/lib/edf.ts: the backlog figure's check that outcomes reached the node earliest deadline first.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { edfBatchesHold } from '../../../../bench/lib/edf';

test('sorted deadlines hold; any order inside a batch of 4 holds too', () => {
  assert.deepEqual(edfBatchesHold([1, 2, 3, 4, 5, 6, 7, 8, 9], 4), { ok: true, firstBreak: null, inversions: 0 });
  const v = edfBatchesHold([4, 1, 3, 2, 8, 5, 7, 6, 9], 4);
  assert.equal(v.ok, true);
  assert.equal(v.inversions, 4);
});

test('a later batch holding an earlier deadline breaks it, at that batch', () => {
  assert.deepEqual(edfBatchesHold([1, 2, 3, 9, 4, 5, 6, 7], 4), { ok: false, firstBreak: 4, inversions: 1 });
  assert.equal(edfBatchesHold([1, 2, 3, 4, 5, 6, 7, 8, 2], 4).firstBreak, 8);
});

test('equal deadlines across a batch boundary are fine; an unknown (NaN) deadline is not', () => {
  assert.equal(edfBatchesHold([1, 1, 2, 2, 2, 3], 2).ok, true);
  assert.equal(edfBatchesHold([1, 2, Number.NaN, 4], 2).ok, false);
});

test('a batch size that is not a positive integer is refused', () => {
  assert.throws(() => edfBatchesHold([1], 0), RangeError);
});
