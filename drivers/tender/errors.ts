/** Refusals of the tender drivers: programming errors, not customer outcomes (those are results). */
import { SportelloError } from '../../kernel/errors';

export class TenderRequestInvalid extends SportelloError {
  declare readonly code: 'TENDER_REQUEST_INVALID';
  constructor(message: string, details: Record<string, unknown>) {
    super('TENDER_REQUEST_INVALID', message, { details });
  }
}

/** The driver's configuration cannot work (bad URL, plain HTTP off loopback, no key): a technician fixes it. */
export class TenderConfigInvalid extends SportelloError {
  declare readonly code: 'TENDER_CONFIG_INVALID';
  constructor(message: string, details: Record<string, unknown>) {
    super('TENDER_CONFIG_INVALID', message, { details });
  }
}

/** A nexo envelope that does not open: wrong key, wrong HMAC, garbage. Never believed, never approved. */
export class NexoEnvelopeInvalid extends SportelloError {
  declare readonly code: 'TENDER_ENVELOPE_INVALID';
  readonly reason: 'format' | 'key-mismatch' | 'decrypt' | 'hmac';
  constructor(reason: 'format' | 'key-mismatch' | 'decrypt' | 'hmac', message: string, details: Record<string, unknown> = {}) {
    super('TENDER_ENVELOPE_INVALID', message, { details: { ...details, reason } });
    this.reason = reason;
  }
}

/** The terminal refused our message before reading it (it could not open our envelope): the key is wrong. */
export class TenderKeyRejected extends SportelloError {
  declare readonly code: 'TENDER_KEY_REJECTED';
  constructor(message: string, details: Record<string, unknown>) {
    super('TENDER_KEY_REJECTED', message, { details });
  }
}

/**
 * The terminal's answer could not be believed (bad HMAC, garbage, another transaction, another amount)
 * and asking for the transaction's status did not settle it either. Nothing is approved; `details`
 * says what was seen, and whether an approval of a wrong amount was reversed.
 */
export class TenderAnswerRejected extends SportelloError {
  declare readonly code: 'TENDER_ANSWER_REJECTED';
  constructor(message: string, details: Record<string, unknown>) {
    super('TENDER_ANSWER_REJECTED', message, { details });
  }
}

/**
 * The request reached the terminal but its outcome could not be learned (answer lost, status still in
 * progress after the bounded polls, terminal gone). Money may have moved: the core must not treat it as
 * declined; it asks `resolve(reference)` later.
 */
export class TenderOutcomeUnknown extends SportelloError {
  declare readonly code: 'TENDER_OUTCOME_UNKNOWN';
  constructor(message: string, details: Record<string, unknown>) {
    super('TENDER_OUTCOME_UNKNOWN', message, { retryable: true, details });
  }
}
