/** Refusals of the tender drivers: programming errors, not customer outcomes (those are results). */
import { SportelloError } from '../../kernel/errors';

export class TenderRequestInvalid extends SportelloError {
  declare readonly code: 'TENDER_REQUEST_INVALID';
  constructor(message: string, details: Record<string, unknown>) {
    super('TENDER_REQUEST_INVALID', message, { details });
  }
}
