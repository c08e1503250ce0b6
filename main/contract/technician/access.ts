/**
 * Who may use technician mode: the PIN check with its lock-out, and the short-lived tokens an unlock
 * hands out. The lock-out is persisted in the database (a reload or a restart does not reset it);
 * checks run one at a time, so firing many guesses at once counts every one of them.
 */
import { randomBytes } from 'node:crypto';
import type { Json, SportelloDatabase } from '../../../db';
import { PinInvalid, PinLocked, PinWrong, TechnicianLocked } from './errors';
import { DEFAULT_PIN, hashPin, isStoredPin, PIN_RULE, pinMatches } from './pin';
import type { StoredPin } from './pin';

export const MAX_PIN_FAILURES = 5;
export const PIN_LOCK_MS = 5 * 60_000;
/** A technician token lasts this long after its last use. */
export const TECHNICIAN_IDLE_MS = 15 * 60_000;

const PIN_KEY = 'technician.pin';
const LOCK_KEY = 'technician.pinLock';

interface LockState {
  failures: number;
  lockedUntilMs: number | null;
}

export interface PinStatus {
  locked: boolean;
  lockedUntilMs: number | null;
  failures: number;
  maxFailures: number;
  lockMinutes: number;
  defaultPinInUse: boolean;
  /** Only in demo mode while the default is in use: the lock screen shows it. */
  demoPin: string | null;
}

type Db = Pick<SportelloDatabase, 'settings' | 'journal' | 'transaction'>;

export class TechnicianAccess {
  private readonly tokens = new Map<string, number>();
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly db: Db,
    private readonly now: () => number,
    private readonly demo: boolean,
  ) {}

  status(): PinStatus {
    const lock = this.lockState();
    const stored = this.db.settings.get(PIN_KEY);
    const defaultPinInUse = !isStoredPin(stored) || stored.isDefault;
    return {
      locked: lock.lockedUntilMs !== null,
      lockedUntilMs: lock.lockedUntilMs,
      failures: lock.failures,
      maxFailures: MAX_PIN_FAILURES,
      lockMinutes: PIN_LOCK_MS / 60_000,
      defaultPinInUse,
      demoPin: this.demo && defaultPinInUse ? DEFAULT_PIN : null,
    };
  }

  /** PIN_LOCKED while locked out (no check is made), PIN_WRONG with the attempts left, else a token. */
  unlock(pin: string): Promise<{ auth: string; expiresAtMs: number; defaultPinInUse: boolean }> {
    return this.serial(async () => {
      const before = this.lockState();
      if (before.lockedUntilMs !== null) throw new PinLocked(before.lockedUntilMs);
      const stored = await this.storedPin();
      if (await pinMatches(pin, stored)) {
        this.db.transaction(() => {
          this.db.settings.set(LOCK_KEY, { failures: 0, lockedUntilMs: null });
          this.db.journal.append('technician-unlocked', { afterFailures: before.failures });
        });
        const auth = randomBytes(24).toString('base64url');
        const expiresAtMs = this.now() + TECHNICIAN_IDLE_MS;
        this.tokens.set(auth, expiresAtMs);
        return { auth, expiresAtMs, defaultPinInUse: stored.isDefault };
      }
      const failures = before.failures + 1;
      if (failures >= MAX_PIN_FAILURES) {
        const lockedUntilMs = this.now() + PIN_LOCK_MS;
        this.db.transaction(() => {
          this.db.settings.set(LOCK_KEY, { failures: 0, lockedUntilMs });
          this.db.journal.append('technician-locked-out', { failures, lockedUntilMs });
        });
        throw new PinLocked(lockedUntilMs);
      }
      this.db.transaction(() => {
        this.db.settings.set(LOCK_KEY, { failures, lockedUntilMs: null });
        this.db.journal.append('technician-pin-wrong', { failures });
      });
      throw new PinWrong(MAX_PIN_FAILURES - failures);
    });
  }

  /** Throws TECHNICIAN_LOCKED unless the token is current; each use extends it. */
  check(auth: string): void {
    const expires = this.tokens.get(auth);
    const now = this.now();
    if (expires === undefined || expires <= now) {
      this.tokens.delete(auth);
      throw new TechnicianLocked();
    }
    this.tokens.set(auth, now + TECHNICIAN_IDLE_MS);
  }

  lock(auth: string): void {
    this.tokens.delete(auth);
  }

  /** The current PIN is asked again, so a screen left unlocked cannot be used to take it over. */
  changePin(auth: string, currentPin: string, newPin: string): Promise<void> {
    this.check(auth);
    if (!PIN_RULE.test(newPin)) return Promise.reject(new PinInvalid('must be 4 to 12 digits'));
    if (newPin === DEFAULT_PIN) return Promise.reject(new PinInvalid('must not be the documented default'));
    return this.serial(async () => {
      const stored = await this.storedPin();
      if (!(await pinMatches(currentPin, stored))) throw new PinWrong(MAX_PIN_FAILURES - this.lockState().failures);
      const next = await hashPin(newPin);
      this.db.transaction(() => {
        this.db.settings.set(PIN_KEY, next as unknown as Json);
        this.db.journal.append('technician-pin-changed', {});
      });
      // Every other open technician screen must unlock with the new PIN.
      for (const t of [...this.tokens.keys()]) if (t !== auth) this.tokens.delete(t);
    });
  }

  private lockState(): LockState {
    const raw = this.db.settings.get(LOCK_KEY) as Partial<LockState> | undefined;
    const failures = typeof raw?.failures === 'number' ? raw.failures : 0;
    const until = typeof raw?.lockedUntilMs === 'number' ? raw.lockedUntilMs : null;
    // A lock-out that has run out starts a fresh count.
    if (until !== null && until <= this.now()) return { failures: 0, lockedUntilMs: null };
    return { failures, lockedUntilMs: until };
  }

  /** The stored hash; on first use the default PIN's, stored the same way. */
  private async storedPin(): Promise<StoredPin> {
    const raw = this.db.settings.get(PIN_KEY);
    if (isStoredPin(raw)) return raw;
    const made = await hashPin(DEFAULT_PIN, true);
    this.db.settings.set(PIN_KEY, made as unknown as Json);
    return made;
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }
}
