/**
 * What the storage layer throws. The engine refuses to activate payments on any of the first five
 * (a payment must never start when its outcome could not be recorded); the rest are programming or
 * concurrency faults in the caller. Details carry paths and SQLite codes, never row contents.
 */
import { SportelloError } from '../kernel/errors';

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

/** How a technician gets out of a DB_MISSING / DB_EMPTIED refusal: said the same way in both. */
function restoreAdvice(path: string, witnessPath: string, seq: number): string {
  return (
    `To restore: stop sportello, copy the latest backup of this file (with its -wal file, if the backup has one) back to ${path} and start again; ` +
    `if that copy is older than the witness (journal entry ${seq}), accept it deliberately with \`sportello db adopt-restored --confirm\`. ` +
    `To start afresh instead (the old file's queued outcomes will NOT be sent): \`sportello db start-afresh --confirm\`, which moves what is left aside (never deletes it) and journals the act. ` +
    `The witness is ${witnessPath}.`
  );
}

/**
 * The witness (a small record kept next to the file, db/witness.ts) says this terminal held records
 * in a database at this path, and the file is gone. sportello will not create an empty one in its
 * place: that would silently forget every queued outcome.
 */
export class DatabaseMissing extends SportelloError {
  declare readonly code: 'DB_MISSING';

  constructor(path: string, witnessPath: string, witness: { seq: number; hash: string; writtenAt: string }) {
    super(
      'DB_MISSING',
      `The database ${path} is missing, but this terminal has held payments in it (last known journal entry ${witness.seq}, recorded ${witness.writtenAt}). ` +
        `sportello will not create an empty one in its place. ${restoreAdvice(path, witnessPath, witness.seq)}`,
      { details: { path, witnessPath, witnessSeq: witness.seq, witnessHash: witness.hash, witnessWrittenAt: witness.writtenAt } },
    );
  }
}

/** Why a file that exists is still not the database the witness speaks of. */
export type EmptiedReason = 'empty-file' | 'shrunk' | 'no-journal' | 'journal-behind' | 'journal-differs';

const EMPTIED_WHY: Record<EmptiedReason, string> = {
  'empty-file': 'it is 0 bytes long',
  shrunk: 'it is smaller than this terminal ever left it',
  'no-journal': 'it holds no sportello records',
  'journal-behind': 'its journal ends before the last entry this terminal recorded',
  'journal-differs': 'its journal entry at the last recorded position is not the one this terminal wrote',
};

/**
 * The file exists but is not (or no longer) the database this terminal wrote: emptied, cut, replaced
 * by an older copy or by another terminal's file. Left untouched.
 */
export class DatabaseEmptied extends SportelloError {
  declare readonly code: 'DB_EMPTIED';
  readonly reason: EmptiedReason;

  constructor(
    path: string,
    witnessPath: string,
    reason: EmptiedReason,
    witness: { seq: number; hash: string; writtenAt: string },
    found: Record<string, unknown> = {},
  ) {
    super(
      'DB_EMPTIED',
      `The database ${path} is not the one this terminal last used: ${EMPTIED_WHY[reason]} (last known journal entry ${witness.seq}, recorded ${witness.writtenAt}). ` +
        `sportello left it untouched. ${restoreAdvice(path, witnessPath, witness.seq)}`,
      {
        details: {
          path,
          witnessPath,
          reason,
          witnessSeq: witness.seq,
          witnessHash: witness.hash,
          witnessWrittenAt: witness.writtenAt,
          ...found,
        },
      },
    );
    this.reason = reason;
  }
}

/** `sportello db start-afresh` / `adopt-restored` on a database that is not refused for that reason. */
export class DatabaseNotRefused extends SportelloError {
  declare readonly code: 'DB_NOT_REFUSED';

  constructor(path: string, act: string, why: string) {
    super('DB_NOT_REFUSED', `${act} refused for ${path}: ${why}. Nothing was moved or changed.`, { details: { path, act } });
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
