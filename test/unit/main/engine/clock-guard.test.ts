import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EngineTime, MAX_AHEAD_MS, manualClock } from '../../../../main/engine/clock';
import { BEHIND_TOLERANCE_MS, ClockGuard, ClockImplausible, RELEASE_DATE, RELEASE_MS } from '../../../../main/engine/clock-guard';

const Y2000 = Date.UTC(2000, 0, 1);
const REAL = Date.UTC(2026, 11, 4, 18, 0, 0);

function setup(wallMs: number, newest: number | null) {
  const c = manualClock({ wallMs, monoMs: 5_000 });
  const time = new EngineTime(c, { notBeforeMs: RELEASE_MS });
  let newestRecord = newest;
  if (newest !== null) time.raiseFloor(newest);
  const guard = new ClockGuard(time, () => newestRecord);
  return { c, time, guard, record: (ms: number) => (newestRecord = ms) };
}

test('a clock at the newest record, or a little after, is plausible', () => {
  const { guard } = setup(REAL, REAL - 60_000);
  assert.deepEqual(guard.status(), { plausible: true, wallMs: REAL, engineMs: REAL, reason: null, newestRecordMs: REAL - 60_000 });
  assert.doesNotThrow(() => guard.assertPlausible());
});

test('a fresh terminal (no records) with a correct clock is plausible', () => {
  assert.equal(setup(REAL, null).guard.status().plausible, true);
});

test('behind the newest record: refused with CLOCK_IMPLAUSIBLE saying why and what to do; accepted once corrected, no restart', () => {
  const { c, guard } = setup(Y2000, REAL);
  const s = guard.status();
  assert.equal(s.plausible, false);
  assert.equal(s.reason, 'behind-records');
  assert.equal(s.engineMs, REAL, 'engine time stays on the floor');
  assert.throws(
    () => guard.assertPlausible(),
    (e: unknown) => {
      assert.ok(e instanceof ClockImplausible);
      assert.equal(e.code, 'CLOCK_IMPLAUSIBLE');
      assert.match(e.message, /2000-01-01T00:00:00\.000Z/);
      assert.match(e.message, /earlier than the newest record/);
      assert.match(e.message, /set the correct date and time/);
      assert.equal(e.details.reason, 'behind-records');
      return true;
    },
  );
  c.setWall(REAL + 30_000);
  assert.doesNotThrow(() => guard.assertPlausible());
  assert.equal(guard.status().engineMs, REAL + 30_000, 'engine time followed the correction');
});

test('a wall clock behind the newest record by less than the tolerance is plausible', () => {
  assert.equal(setup(REAL - BEHIND_TOLERANCE_MS + 1, REAL).guard.status().plausible, true);
  assert.equal(setup(REAL - BEHIND_TOLERANCE_MS - 1, REAL).guard.status().reason, 'behind-records');
});

test('a clock before the release date is implausible even on an empty database', () => {
  const { guard } = setup(Y2000, null);
  assert.equal(guard.status().reason, 'before-release');
  assert.throws(() => guard.assertPlausible(), new RegExp(`release of this sportello version \\(${RELEASE_DATE}\\)`));
});

test('a clock more than a year after the newest record is implausible and not followed', () => {
  const { c, guard } = setup(REAL + MAX_AHEAD_MS + 1, REAL);
  const s = guard.status();
  assert.equal(s.reason, 'far-ahead');
  assert.equal(s.engineMs, REAL);
  assert.throws(() => guard.assertPlausible(), /install the current sportello release/);
  c.setWall(REAL + 1_000 + 5_000);
  assert.equal(guard.status().plausible, true);
});

test('the guard re-checks as records are written: a clock set back an hour during a run is refused until corrected', () => {
  const { c, guard, record, time } = setup(REAL, REAL - 1_000);
  c.advance(10_000);
  record(time.now());
  c.jumpWall(-3_600_000);
  assert.equal(guard.status().reason, 'behind-records');
  c.jumpWall(3_600_000);
  assert.equal(guard.status().plausible, true);
});

test('a change of plausibility is reported once, by whichever check sees it, and the return to plausible too', () => {
  const { c, guard } = setup(Y2000, REAL);
  const seen: Array<boolean> = [];
  guard.onChange((s) => seen.push(s.plausible));
  const stop = guard.watch(60_000);
  assert.deepEqual(seen, [false], 'implausible at the first check is reported at once');
  assert.throws(() => guard.assertPlausible());
  assert.deepEqual(seen, [false], 'not again while nothing changed');
  c.setWall(REAL + 10_000);
  guard.assertPlausible();
  guard.status();
  assert.deepEqual(seen, [false, true]);
  stop();
});

test('a plausible clock at the first check is not news', () => {
  const { guard } = setup(REAL, REAL);
  const seen: boolean[] = [];
  guard.onChange((s) => seen.push(s.plausible));
  guard.watch(60_000)();
  assert.deepEqual(seen, []);
});
