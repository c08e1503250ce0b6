import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backoffMs, MAX_ATTEMPTS, nextAttempt } from '../../../../main/engine/schedule';

const far = 10 * 60 * 60 * 1000;

test('SANP backoff: slot × (2^k − 1) for k = 1..4, then stalled after the 5th attempt', () => {
  assert.deepEqual(
    [1, 2, 3, 4, 5].map((k) => backoffMs(k)),
    [15_000, 45_000, 105_000, 225_000, 465_000],
  );
  for (let k = 1; k < MAX_ATTEMPTS; k++) {
    assert.deepEqual(nextAttempt({ attempts: k, unsentStreak: 0, failure: 'no-response', nowMs: 0, deadlineMs: far }), {
      kind: 'retry',
      atMs: backoffMs(k),
      newKey: false,
    });
  }
  assert.deepEqual(nextAttempt({ attempts: 5, unsentStreak: 0, failure: 'no-response', nowMs: 0, deadlineMs: far }), { kind: 'stalled' });
});

test('a lost response resends with the same key, an answered transient fault with a new one', () => {
  const a = nextAttempt({ attempts: 1, unsentStreak: 0, failure: 'no-response', nowMs: 0, deadlineMs: far });
  const b = nextAttempt({ attempts: 1, unsentStreak: 0, failure: 'retryable-fault', nowMs: 0, deadlineMs: far });
  assert.ok(a.kind === 'retry' && !a.newKey);
  assert.ok(b.kind === 'retry' && b.newKey);
});

test('requests that never left are retried sooner, are not counted, and never stall', () => {
  const waits = [1, 2, 3, 4, 5, 9].map((streak) => {
    const d = nextAttempt({ attempts: 5, unsentStreak: streak, failure: 'unsent', nowMs: 100, deadlineMs: far });
    assert.equal(d.kind, 'retry');
    return d.kind === 'retry' ? d.atMs - 100 : -1;
  });
  assert.deepEqual(waits, [1000, 2000, 4000, 5000, 5000, 5000]);
});

test('the wait is clamped so the next attempt still fits before the token deadline', () => {
  // 4th failure would wait 225 s, but the token ends in 100 s: try at deadline - slot.
  const d = nextAttempt({ attempts: 4, unsentStreak: 0, failure: 'no-response', nowMs: 1_000_000, deadlineMs: 1_100_000 });
  assert.deepEqual(d, { kind: 'retry', atMs: 1_085_000, newKey: false });
  // Past the point where a full exchange fits: keep the rule's wait (the late OK is still sent).
  const late = nextAttempt({ attempts: 2, unsentStreak: 0, failure: 'no-response', nowMs: 1_000_000, deadlineMs: 1_010_000 });
  assert.deepEqual(late, { kind: 'retry', atMs: 1_045_000, newKey: false });
});
