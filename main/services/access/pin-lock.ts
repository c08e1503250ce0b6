/**
 * The lock-out every PIN shares (technician and each operator account): failures counted in the
 * database, so a reload or a restart does not reset them; after MAX_PIN_FAILURES the PIN is not
 * even checked until the lock runs out. Checks run one at a time, so guesses fired at once are
 * each counted.
 */
import type { SportelloDatabase } from '../../../db';
import { PinLocked, PinWrong } from './errors';
import { pinMatches } from './pin';
import type { StoredPin } from './pin';

export const MAX_PIN_FAILURES = 5;
export const PIN_LOCK_MS = 5 * 60_000;

export type LockDb = Pick<SportelloDatabase, 'settings' | 'journal' | 'transaction'>;

export interface LockState {
  failures: number;
  lockedUntilMs: number | null;
}

/** Journal kinds for one PIN: `<prefix>-pin-wrong`, `<prefix>-locked-out`. */
export class PinLock {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly db: LockDb,
    private readonly now: () => number,
  ) {}

  state(key: string): LockState {
    const raw = this.db.settings.get(key) as Partial<LockState> | undefined;
    const failures = typeof raw?.failures === 'number' ? raw.failures : 0;
    const until = typeof raw?.lockedUntilMs === 'number' ? raw.lockedUntilMs : null;
    // A lock-out that has run out starts a fresh count.
    if (until !== null && until <= this.now()) return { failures: 0, lockedUntilMs: null };
    return { failures, lockedUntilMs: until };
  }

  /**
   * PIN_LOCKED while locked out (no check is made), PIN_WRONG with the attempts left, else resolves
   * after `onMatch` ran in the same transaction as the reset of the count. `stored` null (no such
   * account) is checked against a dummy hash, so a wrong name costs the same as a wrong PIN.
   */
  verify(
    key: string,
    pin: string,
    stored: () => Promise<StoredPin | null>,
    journal: { prefix: string; payload: Record<string, string> },
    onMatch: (failuresBefore: number) => void,
  ): Promise<void> {
    return this.serial(async () => {
      const before = this.state(key);
      if (before.lockedUntilMs !== null) throw new PinLocked(before.lockedUntilMs);
      const s = await stored();
      const matched = s !== null && (await pinMatches(pin, s));
      if (matched) {
        this.db.transaction(() => {
          this.db.settings.set(key, { failures: 0, lockedUntilMs: null });
          onMatch(before.failures);
        });
        return;
      }
      const failures = before.failures + 1;
      if (failures >= MAX_PIN_FAILURES) {
        const lockedUntilMs = this.now() + PIN_LOCK_MS;
        this.db.transaction(() => {
          this.db.settings.set(key, { failures: 0, lockedUntilMs });
          this.db.journal.append(`${journal.prefix}-locked-out`, { ...journal.payload, failures, lockedUntilMs });
        });
        throw new PinLocked(lockedUntilMs);
      }
      this.db.transaction(() => {
        this.db.settings.set(key, { failures, lockedUntilMs: null });
        this.db.journal.append(`${journal.prefix}-pin-wrong`, { ...journal.payload, failures });
      });
      throw new PinWrong(MAX_PIN_FAILURES - failures);
    });
  }

  serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }
}
