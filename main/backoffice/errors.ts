/** The back office's typed errors: each names what went wrong with a stable code. */
import { SportelloError } from '../../kernel/errors';

export class BackOfficeError extends SportelloError {}

export class BackOfficeNotMigrated extends BackOfficeError {
  constructor(pending: number[]) {
    super(
      'FLEET_DB_NOT_MIGRATED',
      `the database lacks migrations ${pending.join(', ')}: run \`sportello fleet migrate --database URL\` first`,
      {
        details: { pending },
      },
    );
  }
}

export class BackOfficeConfigInvalid extends BackOfficeError {
  constructor(message: string) {
    super('FLEET_CONFIG_INVALID', message);
  }
}
