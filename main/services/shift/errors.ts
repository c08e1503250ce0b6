/** Refusals of the shift calls, typed so the counter screens can say what to do (app:errors.<code>). */
import { SportelloError } from '../../../kernel/errors';

export class ShiftNotOpen extends SportelloError {
  declare readonly code: 'SHIFT_NOT_OPEN';
  constructor(terminalId: string, shiftId?: string) {
    super('SHIFT_NOT_OPEN', shiftId ? `shift ${shiftId} is not open` : `terminal ${terminalId} has no open shift`, {
      details: { terminalId, ...(shiftId ? { shiftId } : {}) },
    });
  }
}

export class ShiftAlreadyOpen extends SportelloError {
  declare readonly code: 'SHIFT_ALREADY_OPEN';
  constructor(terminalId: string, shiftId: string, operatorId: string) {
    super('SHIFT_ALREADY_OPEN', `terminal ${terminalId} already has shift ${shiftId} open (operator ${operatorId})`, {
      details: { terminalId, shiftId, operatorId },
    });
  }
}

export class ShiftNotFound extends SportelloError {
  declare readonly code: 'SHIFT_NOT_FOUND';
  constructor(what: string) {
    super('SHIFT_NOT_FOUND', `no shift ${what}`, { details: { shift: what } });
  }
}

/** A Z report is made when the shift closes; an open shift has only its X report. */
export class ShiftNotClosed extends SportelloError {
  declare readonly code: 'SHIFT_NOT_CLOSED';
  constructor(shiftId: string) {
    super('SHIFT_NOT_CLOSED', `shift ${shiftId} is still open: its Z report is made when it closes`, { details: { shiftId } });
  }
}

/** Tokens held without the money taken: pay or cancel them before counting the drawer. */
export class ShiftPaymentOpen extends SportelloError {
  declare readonly code: 'SHIFT_PAYMENT_OPEN';
  constructor(shiftId: string, sessionIds: string[]) {
    super('SHIFT_PAYMENT_OPEN', `shift ${shiftId} has ${sessionIds.length} payment(s) in progress: finish or cancel them first`, {
      details: { shiftId, sessionIds },
    });
  }
}
