// Journal timestamps across restarts with the wall clock set back: a real core (demo mode, its own
// simulator) on a real SQLite file, restarted with clocks tests move by hand.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startCore } from '../../../main/core/core';
import type { Core } from '../../../main/core/core';
import { manualClock } from '../../../main/engine/clock';
import { ClockImplausible } from '../../../main/engine/clock-guard';
import { tempDir } from '../../support/tmp';

const REAL = Date.UTC(2026, 11, 4, 18, 0, 0);
const HOUR = 3_600_000;

function journalTimes(core: Core): Array<{ at: string; kind: string }> {
  return core.db.sqlite.prepare('SELECT at, kind FROM journal ORDER BY seq').all() as Array<{ at: string; kind: string }>;
}

function assertNeverBackwards(rows: Array<{ at: string; kind: string }>): void {
  for (let i = 1; i < rows.length; i++) {
    assert.ok(
      rows[i]!.at >= rows[i - 1]!.at,
      `entry ${i + 1} (${rows[i]!.kind}, ${rows[i]!.at}) is earlier than entry ${i} (${rows[i - 1]!.at})`,
    );
  }
}

test('journal timestamps never go backwards across restarts with the clock set back', async (t) => {
  const env = { SPORTELLO_DATA_DIR: tempDir(t) };

  // First run on the right time: a payment is started.
  const first = await startCore({ env, clock: manualClock({ wallMs: REAL, monoMs: 1_000 }) });
  first.engine.startSession('cli');
  const before = journalTimes(first);
  await first.close();
  assert.ok(before.length > 0);
  const newest = before.at(-1)!.at;

  // Restarted with the clock a day behind: new payments are refused, and what is written (the
  // refusal itself, whatever recovery does with the first run's cart) is stamped no earlier.
  const behind = manualClock({ wallMs: REAL - 24 * HOUR, monoMs: 1_000 });
  const second = await startCore({ env, clock: behind });
  assert.throws(
    () => second.engine.startSession('cli'),
    (e: unknown) => e instanceof ClockImplausible && e.code === 'CLOCK_IMPLAUSIBLE' && /earlier than the newest record/.test(e.message),
  );
  behind.advance(1_000);
  second.db.journal.append('test-marker', { run: 2 });
  const afterBehind = journalTimes(second);
  assertNeverBackwards(afterBehind);
  assert.ok(
    afterBehind.some((r) => r.kind === 'clock-implausible'),
    'the refusal is journaled',
  );
  assert.ok(afterBehind.at(-1)!.at >= newest);
  assert.ok(second.db.journal.verify().ok);
  await second.close();

  // Restarted with the clock two minutes behind the newest entry (within the tolerance): payments
  // go ahead, and are still stamped after everything already journaled.
  const slightly = manualClock({ wallMs: Date.parse(afterBehind.at(-1)!.at) - 2 * 60_000, monoMs: 1_000 });
  const third = await startCore({ env, clock: slightly });
  third.engine.startSession('cli');
  const afterSlightly = journalTimes(third);
  assertNeverBackwards(afterSlightly);
  assert.ok(afterSlightly.length > afterBehind.length);
  assert.ok(third.db.journal.verify().ok);
  await third.close();
});
