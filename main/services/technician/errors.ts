/** Refusals of the technician's settings, typed so the screen can say what to do. */
import { SportelloError } from '../../../kernel/errors';

export class SettingsInvalid extends SportelloError {
  declare readonly code: 'SETTINGS_INVALID';
  constructor(field: string, reason: string) {
    super('SETTINGS_INVALID', `${field}: ${reason}`, { details: { field, reason } });
  }
}
