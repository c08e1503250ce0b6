/** Refusals about who may act (PINs, tokens, roles), typed so the screen can say what to do. */
import { SportelloError } from '../../../kernel/errors';
import type { Role } from '../../contract/roles';

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

export class RoleRequired extends SportelloError {
  declare readonly code: 'ROLE_REQUIRED';
  constructor(call: string, roles: readonly Role[]) {
    super('ROLE_REQUIRED', `${call} needs a signed-in ${roles.join(' or ')}`, {
      details: { call, roles: [...roles], messageKey: 'app:errors.ROLE_REQUIRED' },
    });
  }
}

export class PinChangeRequired extends SportelloError {
  declare readonly code: 'PIN_CHANGE_REQUIRED';
  constructor() {
    super('PIN_CHANGE_REQUIRED', 'the documented default PIN does not open a configured terminal: set a new technician PIN first');
  }
}

/** A rule of the data needs a supervisor: another operator's shift, a cash difference, a second duplicate. */
export class SupervisorRequired extends SportelloError {
  declare readonly code: 'SUPERVISOR_REQUIRED';
  constructor(reason: 'foreign-shift' | 'cash-difference' | 'reprint', details: Record<string, string | number> = {}) {
    super('SUPERVISOR_REQUIRED', `a supervisor must sign this off (${reason})`, {
      details: { reason, ...details, messageKey: `app:supervisor.${reason}` },
    });
  }
}
