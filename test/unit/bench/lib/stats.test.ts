// bench/lib/stats.ts: the percentile definition every figure's medians and p95/p99 rest on.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { median, percentile, percentileSorted, summarize } from '../../../../bench/lib/stats';

describe('percentiles (linear between the nearest ranks)', () => {
  test('the median of an odd count is the middle value, of an even count the mean of the middle two', () => {
    assert.equal(median([5, 1, 3]), 3);
    assert.equal(median([4, 1, 3, 2]), 2.5);
  });

  test('p0 and p100 are the extremes; in between interpolates', () => {
    const xs = [10, 20, 30, 40, 50];
    assert.equal(percentile(xs, 0), 10);
    assert.equal(percentile(xs, 100), 50);
    assert.equal(percentile(xs, 90), 46);
    assert.equal(percentile(xs, 95), 48);
  });

  test("does not reorder the caller's array", () => {
    const xs = [3, 1, 2];
    percentile(xs, 50);
    assert.deepEqual(xs, [3, 1, 2]);
  });

  test('a single sample is every percentile', () => {
    assert.equal(percentileSorted([7], 0), 7);
    assert.equal(percentileSorted([7], 99), 7);
  });

  test('no samples, or a percentile outside 0..100, is an error, not a figure', () => {
    assert.throws(() => percentile([], 50), RangeError);
    assert.throws(() => summarize([]), RangeError);
    assert.throws(() => percentile([1, 2], 101), RangeError);
    assert.throws(() => percentile([1, 2], Number.NaN), RangeError);
  });
});

test('summarize gives n, extremes, mean and the percentiles of the same samples', () => {
  const xs = Array.from({ length: 101 }, (_, i) => 100 - i);
  const s = summarize(xs);
  assert.deepEqual(s, { n: 101, min: 0, median: 50, p90: 90, p95: 95, p99: 99, max: 100, mean: 50 });
});
