/**
 * Turns better-sqlite3's SqliteError into the typed errors of errors.ts, so that callers branch on
 * `code`/`reason` instead of SQLite's strings. Anything else passes through unchanged.
 */
import { accessSync, constants, statfsSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { ConstraintViolated, DatabaseCorrupt, DatabaseInUse, StorageUnavailable } from './errors';

export function isSqliteError(err: unknown): err is InstanceType<typeof Database.SqliteError> {
  return err instanceof Database.SqliteError;
}

/** Below this much free space an I/O error is taken for a full disk. */
const FULL_BELOW_BYTES = 1024 * 1024;

/**
 * SQLite reports ENOSPC as SQLITE_FULL when a page write fails, but as an I/O error when it sizes
 * the shared-memory file or syncs (e.g. SQLITE_IOERR_SHMSIZE when reopening on a full disk): the
 * free space on the file system tells the two apart.
 */
function diskIsFull(path: string): boolean {
  try {
    const fs = statfsSync(dirname(path));
    return fs.bavail * fs.bsize < FULL_BELOW_BYTES;
  } catch {
    return false;
  }
}

/**
 * Why the file or its folder cannot be written, if it cannot: a file system mounted read-only
 * (EROFS, refused even to root) or missing permissions. SQLite does not say so itself: on a
 * read-only mount it fails taking its lock (SQLITE_IOERR_LOCK) or creating the -shm file
 * (SQLITE_CANTOPEN), which would otherwise read as a failing disk.
 */
export function unwritable(path: string): 'read-only-file-system' | 'no-permission' | null {
  for (const target of [dirname(path), path]) {
    try {
      accessSync(target, constants.W_OK);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EROFS') return 'read-only-file-system';
      if (code === 'EACCES' || code === 'EPERM') return 'no-permission';
    }
  }
  return null;
}

export function readOnlyStorage(path: string, why: 'read-only-file-system' | 'no-permission', sqliteCode?: string): StorageUnavailable {
  const where =
    why === 'read-only-file-system' ? 'is on a file system mounted read-only' : "cannot be written with this user's permissions";
  return new StorageUnavailable(
    'read-only',
    `The data folder of ${path} ${where}: sportello cannot record anything, so it takes no payments. Make the folder writable (remount it read-write) and start again.`,
    { path, readOnly: why, ...(sqliteCode ? { sqliteCode } : {}) },
  );
}

export function toStorageError(err: unknown, path: string): unknown {
  if (!isSqliteError(err)) return err;
  const code = err.code;
  const is = (prefix: string) => code === prefix || code.startsWith(`${prefix}_`);
  if (is('SQLITE_FULL') || (is('SQLITE_IOERR') && diskIsFull(path))) {
    return new StorageUnavailable('disk-full', `The disk holding ${path} is full: nothing was recorded.`, { path, sqliteCode: code });
  }
  if (is('SQLITE_READONLY') || is('SQLITE_PERM') || is('SQLITE_AUTH')) {
    return new StorageUnavailable('read-only', `The database ${path} cannot be written (read-only): nothing was recorded.`, {
      path,
      sqliteCode: code,
    });
  }
  if (is('SQLITE_IOERR') || is('SQLITE_CANTOPEN') || is('SQLITE_NOLFS') || is('SQLITE_PROTOCOL')) {
    const why = unwritable(path);
    if (why) return readOnlyStorage(path, why, code);
    return new StorageUnavailable('io-error', `The disk holding ${path} failed (${code}): nothing was recorded.`, {
      path,
      sqliteCode: code,
    });
  }
  if (is('SQLITE_CORRUPT') || is('SQLITE_NOTADB')) {
    return new DatabaseCorrupt(path, 'integrity', err.message, { sqliteCode: code });
  }
  if (is('SQLITE_BUSY') || is('SQLITE_LOCKED')) return new DatabaseInUse(path, code);
  if (is('SQLITE_CONSTRAINT')) return new ConstraintViolated(code, err.message);
  return err;
}

/** Runs fn and rethrows SQLite failures as typed errors. */
export function mapStorageErrors<T>(path: string, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    throw toStorageError(err, path);
  }
}

/** Wraps every method of a repository object so that none of them leaks a raw SqliteError. */
export function guardMethods<T extends object>(path: string, repo: T): T {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(repo)) {
    out[key] =
      typeof value === 'function'
        ? (...args: unknown[]) => mapStorageErrors(path, () => (value as (...a: unknown[]) => unknown)(...args))
        : value;
  }
  return out as T;
}
