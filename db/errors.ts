/**
 * What the storage layer throws. The engine refuses to activate payments on any of the first five
 * (a payment must never start when its outcome could not be recorded); the rest are programming or
 * concurrency faults in the caller. Details carry paths and SQLite codes, never row contents.
 */
import { SportelloError } from '../main/errors';

export type CorruptReason = 'not-sqlite' | 'truncated' | 'bad-header' | 'integrity';

/** The file is not a SQLite database or is damaged. It was left exactly as found. */
export class DatabaseCorrupt extends SportelloError {
  declare readonly code: 'DB_CORRUPT';
  readonly reason: CorruptReason;

  constructor(path: string, reason: CorruptReason, problem: string, extra: Record<string, unknown> = {}) {
    super(
      'DB_CORRUPT',
      `The database file ${path} is damaged (${problem}). sportello left it untouched: restore it from a backup or move it aside.`,
      { details: { path, reason, problem, ...extra } },
    );
    this.reason = reason;
  }
}

/** A SQLite database that belongs to some other program. */
export class DatabaseForeign extends SportelloError {
  declare readonly code: 'DB_FOREIGN';

  constructor(path: string, applicationId: number) {
    super(
      'DB_FOREIGN',
      `The file ${path} is a SQLite database of another program (application_id ${applicationId}); sportello will not use or change it.`,
      { details: { path, applicationId } },
    );
  }
}

/** Written by a newer sportello: this code does not know its schema and must not touch it. */
export class DatabaseTooNew extends SportelloError {
  declare readonly code: 'DB_TOO_NEW';

  constructor(path: string, fileVersion: number, codeVersion: number) {
    super(
      'DB_TOO_NEW',
      `The database ${path} has schema version ${fileVersion}, newer than this sportello knows (${codeVersion}). Install the newer sportello again; the file was left untouched.`,
      { details: { path, fileVersion, codeVersion } },
    );
  }
}

/** Another connection holds the database: sportello has exactly one owner of its storage. */
export class DatabaseInUse extends SportelloError {
  declare readonly code: 'DB_IN_USE';

  constructor(path: string, sqliteCode: string) {
    super('DB_IN_USE', `The database ${path} is in use by another sportello process.`, {
      retryable: true,
      details: { path, sqliteCode },
    });
  }
}

export type StorageUnavailableReason = 'disk-full' | 'read-only' | 'io-error';

/** The disk refused: full, read-only, or failing. Nothing was written by the failed statement. */
export class StorageUnavailable extends SportelloError {
  declare readonly code: 'STORAGE_UNAVAILABLE';
  readonly reason: StorageUnavailableReason;

  constructor(reason: StorageUnavailableReason, message: string, details: Record<string, unknown> = {}) {
    super('STORAGE_UNAVAILABLE', message, { details: { reason, ...details } });
    this.reason = reason;
  }
}

/** The migration list itself is wrong (a gap, a duplicate, out of order): a build defect. */
export class MigrationRegistryInvalid extends SportelloError {
  declare readonly code: 'DB_MIGRATIONS_INVALID';

  constructor(message: string, details: Record<string, unknown> = {}) {
    super('DB_MIGRATIONS_INVALID', message, { details });
  }
}

/** A migration threw; its transaction was rolled back and the file keeps its previous version. */
export class MigrationFailed extends SportelloError {
  declare readonly code: 'DB_MIGRATION_FAILED';

  constructor(version: number, name: string, cause: unknown) {
    super('DB_MIGRATION_FAILED', `migration ${version} (${name}) failed: ${cause instanceof Error ? cause.message : String(cause)}`, {
      details: { version, name },
      cause,
    });
  }
}

export class RecordNotFound extends SportelloError {
  declare readonly code: 'DB_NOT_FOUND';

  constructor(table: string, id: string | number) {
    super('DB_NOT_FOUND', `no ${table} row with id ${String(id)}`, { details: { table, id } });
  }
}

/** Optimistic check failed: someone changed the row since the caller read it. */
export class VersionConflict extends SportelloError {
  declare readonly code: 'DB_VERSION_CONFLICT';

  constructor(table: string, id: string | number, expected: number, actual: number) {
    super('DB_VERSION_CONFLICT', `${table} ${String(id)} is at version ${actual}, not ${expected}`, {
      details: { table, id, expected, actual },
    });
  }
}

/** The row is not in a state that allows the requested change (e.g. resetting an accepted outcome). */
export class StateConflict extends SportelloError {
  declare readonly code: 'DB_STATE_CONFLICT';

  constructor(message: string, details: Record<string, unknown>) {
    super('DB_STATE_CONFLICT', message, { details });
  }
}

/** A constraint of the schema refused the write (duplicate token, sixth notice, journal edit...). */
export class ConstraintViolated extends SportelloError {
  declare readonly code: 'DB_CONSTRAINT';

  constructor(sqliteCode: string, message: string) {
    super('DB_CONSTRAINT', message, { details: { sqliteCode } });
  }
}

/** A journal payload that has no single canonical JSON form (NaN, a Date, a function...). */
export class JournalPayloadInvalid extends SportelloError {
  declare readonly code: 'JOURNAL_PAYLOAD_INVALID';

  constructor(message: string, details: Record<string, unknown> = {}) {
    super('JOURNAL_PAYLOAD_INVALID', message, { details });
  }
}
