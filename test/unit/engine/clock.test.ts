import { test } from 'node:test';
import assert from 'node:assert/strict';
import { anchorDeadline, deadlineMono, manualClock, systemClock } from '../../../main/engine/clock';

test('a wall-clock jump does not move a deadline within one boot', () => {
  const c = manualClock();
  const a = anchorDeadline(c, 1_800_000);
  c.advance(60_000);
  c.jumpWall(-3_600_000); // someone set the clock back an hour
  assert.equal(deadlineMono(a, c) - c.monoMs(), 1_740_000);
});

test('after a reboot the remaining time comes from the wall clock', () => {
  const before = manualClock({ wallMs: 1_000_000_000, monoMs: 50_000 }, 'boot-a');
  const a = anchorDeadline(before, 1_800_000);
  const after = manualClock({ wallMs: 1_000_000_000 + 600_000, monoMs: 7_000 }, 'boot-b');
  assert.equal(deadlineMono(a, after) - after.monoMs(), 1_200_000);
});

test('the system clock is monotonic and knows its boot', () => {
  const a = systemClock.monoMs();
  const b = systemClock.monoMs();
  assert.ok(b >= a);
  assert.ok(systemClock.bootId.length > 0);
});
