import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EngineTime, FOLLOW_TOLERANCE_MS, MAX_AHEAD_MS, manualClock } from '../../../../main/engine/clock';

const Y2000 = Date.UTC(2000, 0, 1);
const RELEASE = Date.UTC(2026, 10, 23);
const REAL = Date.UTC(2026, 11, 4, 18, 0, 0);

test('engine time never runs backwards when the wall clock is set back during a run', () => {
  const c = manualClock({ wallMs: REAL, monoMs: 5_000 });
  const t = new EngineTime(c, { notBeforeMs: RELEASE });
  const before = t.now();
  c.advance(60_000);
  c.jumpWall(-3_600_000); // someone set the clock back an hour
  assert.equal(t.now(), before + 60_000, 'advanced by the monotonic clock only');
  c.advance(1_000);
  assert.equal(t.now(), before + 61_000);
});

test('a clock far behind at start: engine time starts at the floor the database holds and runs from there', () => {
  const c = manualClock({ wallMs: Y2000, monoMs: 5_000 });
  const t = new EngineTime(c, { notBeforeMs: RELEASE });
  assert.equal(t.now(), RELEASE, 'never before the release, even before the database is read');
  t.raiseFloor(REAL);
  assert.equal(t.now(), REAL);
  c.advance(15_000);
  assert.equal(t.now(), REAL + 15_000, 'a retry 15 s after the last attempt becomes due 15 s later');
  t.raiseFloor(REAL - 1_000_000);
  assert.equal(t.now(), REAL + 15_000, 'a floor never lowers engine time');
});

test('a forward correction of the wall clock (NTP sync after start) is followed without a restart', () => {
  const c = manualClock({ wallMs: Y2000, monoMs: 5_000 });
  const t = new EngineTime(c, { notBeforeMs: RELEASE });
  t.raiseFloor(REAL - 86_400_000); // the newest record: yesterday
  c.advance(10_000);
  assert.equal(t.now(), REAL - 86_400_000 + 10_000);
  c.setWall(REAL); // NTP answered
  assert.equal(t.now(), REAL);
  c.advance(2_000);
  assert.equal(t.now(), REAL + 2_000);
});

test('wall clock drift within the tolerance does not make engine time jump', () => {
  const c = manualClock({ wallMs: REAL, monoMs: 5_000 });
  const t = new EngineTime(c, { notBeforeMs: RELEASE });
  c.jumpWall(FOLLOW_TOLERANCE_MS - 1);
  assert.equal(t.now(), REAL);
  c.jumpWall(2);
  assert.equal(t.now(), REAL + FOLLOW_TOLERANCE_MS + 1, 'beyond the tolerance the wall clock is followed');
});

test('a wall clock absurdly far ahead is not followed (it would stamp records in the future)', () => {
  const c = manualClock({ wallMs: REAL + MAX_AHEAD_MS + 86_400_000, monoMs: 5_000 });
  const t = new EngineTime(c, { notBeforeMs: RELEASE });
  t.raiseFloor(REAL);
  assert.equal(t.now(), REAL, 'at start: the floor, not the far-ahead wall');
  c.advance(1_000);
  assert.equal(t.now(), REAL + 1_000);
  c.setWall(REAL + 60_000); // corrected
  assert.equal(t.now(), REAL + 60_000);
});
