/** Refusals of the technician calls, typed so the screen can say what to do. */
import { SportelloError } from '../../../kernel/errors';

export class PinWrong extends SportelloError {
  declare readonly code: 'PIN_WRONG';
  constructor(attemptsLeft: number) {
    super('PIN_WRONG', `wrong technician PIN: ${attemptsLeft} attempts left before the lock-out`, { details: { attemptsLeft } });
  }
}

export class PinLocked extends SportelloError {
  declare readonly code: 'PIN_LOCKED';
  constructor(lockedUntilMs: number) {
    super('PIN_LOCKED', `technician mode is locked after repeated wrong PINs until ${new Date(lockedUntilMs).toISOString()}`, {
      details: { lockedUntilMs },
    });
  }
}

/** The technician token is missing, unknown or expired: unlock again. */
export class TechnicianLocked extends SportelloError {
  declare readonly code: 'TECHNICIAN_LOCKED';
  constructor() {
    super('TECHNICIAN_LOCKED', 'technician mode is locked: enter the PIN again');
  }
}

export class PinInvalid extends SportelloError {
  declare readonly code: 'PIN_INVALID';
  constructor(rule: string) {
    super('PIN_INVALID', `the new PIN ${rule}`, { details: { rule } });
  }
}

export class SettingsInvalid extends SportelloError {
  declare readonly code: 'SETTINGS_INVALID';
  constructor(field: string, reason: string) {
    super('SETTINGS_INVALID', `${field}: ${reason}`, { details: { field, reason } });
  }
}
