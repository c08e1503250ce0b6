/** Refusals of the kiosk's card payment. */
import { SportelloError } from '../../../kernel/errors';

export class CardPaymentNotAllowed extends SportelloError {
  declare readonly code: 'CARD_PAYMENT_NOT_ALLOWED';
  constructor(sessionId: string, status: string) {
    super('CARD_PAYMENT_NOT_ALLOWED', `a card payment needs an activated session; ${sessionId} is ${status}`, {
      details: { sessionId, status },
    });
  }
}

/**
 * The card was charged, the core could not take the tender, and the terminal would not reverse the
 * charge: a person must refund it. The journal holds the terminal's transaction id.
 */
export class CardNotReversed extends SportelloError {
  declare readonly code: 'CARD_NOT_REVERSED';
  constructor(sessionId: string, transactionId: string, cause: unknown) {
    super('CARD_NOT_REVERSED', `card transaction ${transactionId} was approved but could not be tendered nor reversed: refund it by hand`, {
      details: { sessionId, transactionId },
      cause,
    });
  }
}

/**
 * The kiosk's receipt printer does not work and the technician chose to stop taking payments then:
 * no citizen pays without a receipt to keep.
 */
export class KioskOutOfService extends SportelloError {
  declare readonly code: 'KIOSK_OUT_OF_SERVICE';
  constructor(reason: string) {
    super('KIOSK_OUT_OF_SERVICE', `the kiosk takes no payment without a working receipt printer (${reason})`, {
      details: { reason, messageKey: 'kiosk:outOfService.text' },
    });
  }
}
