/**
 * Who may use technician mode: the PIN check with its lock-out (access/pin-lock.ts, persisted) and
 * the short-lived tokens an unlock hands out. The gate (access/gate.ts) turns a token into the
 * technician role; nothing else checks it.
 *
 * The documented default PIN opens only a demo terminal. On a configured terminal it is refused as
 * a way in: the unlock answers a token that can do nothing but set a new PIN (`mustChangePin`), so
 * the first unlock makes the technician choose one. Saving settings (the step that makes a demo
 * terminal a configured one) also needs a PIN other than the default.
 */
import type { Json } from '../../../db';
import { MAX_PIN_FAILURES, PIN_LOCK_MS, PinLock } from './pin-lock';
import type { LockDb } from './pin-lock';
import { TokenStore } from './tokens';
import { PinInvalid, PinWrong } from './errors';
import { DEFAULT_PIN, hashPin, isStoredPin, PIN_RULE, pinMatches } from './pin';
import type { StoredPin } from './pin';

export { MAX_PIN_FAILURES, PIN_LOCK_MS };
/** A technician token lasts this long after its last use. */
export const TECHNICIAN_IDLE_MS = 15 * 60_000;

const PIN_KEY = 'technician.pin';
const LOCK_KEY = 'technician.pinLock';

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

export interface TechnicianSession {
  /** Unlocked with the default PIN on a configured terminal: only technician.changePin (and lock). */
  mustChangePin: boolean;
}

export class TechnicianAccess {
  private readonly tokens: TokenStore<TechnicianSession>;
  private readonly pins: PinLock;

  constructor(
    private readonly db: LockDb,
    private readonly now: () => number,
    private readonly demo: boolean,
  ) {
    this.tokens = new TokenStore(now, TECHNICIAN_IDLE_MS);
    this.pins = new PinLock(db, now);
  }

  status(): PinStatus {
    const lock = this.pins.state(LOCK_KEY);
    const defaultPinInUse = this.defaultPinInUse();
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

  defaultPinInUse(): boolean {
    const stored = this.db.settings.get(PIN_KEY);
    return !isStoredPin(stored) || stored.isDefault;
  }

  /** PIN_LOCKED while locked out (no check is made), PIN_WRONG with the attempts left, else a token. */
  async unlock(pin: string): Promise<{ auth: string; expiresAtMs: number; defaultPinInUse: boolean; mustChangePin: boolean }> {
    let isDefault = false;
    await this.pins.verify(
      LOCK_KEY,
      pin,
      async () => {
        const s = await this.storedPin();
        isDefault = s.isDefault;
        return s;
      },
      { prefix: 'technician', payload: {} },
      (afterFailures) => {
        this.db.journal.append('technician-unlocked', { afterFailures, ...(isDefault && !this.demo ? { mustChangePin: true } : {}) });
      },
    );
    const mustChangePin = isDefault && !this.demo;
    return { ...this.tokens.issue({ mustChangePin }), defaultPinInUse: isDefault, mustChangePin };
  }

  /** The session behind a current token (extended by this use unless `extend` is false), or null. */
  session(auth: string, extend = true): TechnicianSession | null {
    return extend ? this.tokens.use(auth) : this.tokens.peek(auth);
  }

  lock(auth: string): void {
    this.tokens.revoke(auth);
  }

  /** The current PIN is asked again, so a screen left unlocked cannot be used to take it over. */
  changePin(auth: string, currentPin: string, newPin: string): Promise<void> {
    if (!PIN_RULE.test(newPin)) return Promise.reject(new PinInvalid('must be 4 to 12 digits'));
    if (newPin === DEFAULT_PIN) return Promise.reject(new PinInvalid('must not be the documented default'));
    return this.pins.serial(async () => {
      const stored = await this.storedPin();
      if (!(await pinMatches(currentPin, stored))) throw new PinWrong(MAX_PIN_FAILURES - this.pins.state(LOCK_KEY).failures);
      const next = await hashPin(newPin);
      this.db.transaction(() => {
        this.db.settings.set(PIN_KEY, next as unknown as Json);
        this.db.journal.append('technician-pin-changed', {});
      });
      // Every other open technician screen must unlock with the new PIN; this one may now do everything.
      this.tokens.revokeWhere(() => true, auth);
      const mine = this.tokens.use(auth);
      if (mine) mine.mustChangePin = false;
    });
  }

  /** The stored hash; on first use the default PIN's, stored the same way. */
  private async storedPin(): Promise<StoredPin> {
    const raw = this.db.settings.get(PIN_KEY);
    if (isStoredPin(raw)) return raw;
    const made = await hashPin(DEFAULT_PIN, true);
    this.db.settings.set(PIN_KEY, made as unknown as Json);
    return made;
  }
}
