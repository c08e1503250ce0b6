/**
 * openDatabase: the one way the core gets its storage. It refuses, before writing a single byte,
 * a file that is not a healthy sportello database (corrupt, foreign, or from a newer sportello),
 * then sets the durability pragmas, migrates, and hands back typed repositories.
 */
import { accessSync, constants, existsSync, statSync, unlinkSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { DatabaseCorrupt, DatabaseForeign, DatabaseInUse, DatabaseTooNew, StorageUnavailable } from './errors';
import { checkHeader, forgetCleanClose, FULL_CHECK_EVERY_MS, lastCheckOfCleanClose, recordCleanClose, statDatabaseFile } from './file-check';
import { migrate, SPORTELLO_APPLICATION_ID } from './migrate';
import type { Migration, MigrationReport } from './migrate';
import { MIGRATIONS } from './migrations/index';
import { isSqliteError, mapStorageErrors, toStorageError } from './sqlite-errors';
import { createRepositories } from './repositories';
import type { Repositories } from './repositories';

/** After a checkpoint the write-ahead log is cut back to this size, so one burst does not keep disk space. */
const WAL_SIZE_LIMIT = 16 * 1024 * 1024;

export interface OpenOptions {
  /** Inspection only (diagnostics, a copied file): no migration, every write fails as read-only. */
  readonly?: boolean;
  /** How long a statement waits for a lock held elsewhere. Default 5000 ms. */
  busyTimeoutMs?: number;
  /**
   * Hold the file locked for as long as it is open, so a second sportello process cannot run a
   * second outbox on the same data (it gets DatabaseInUse). Default true for writable opens.
   */
  exclusive?: boolean;
  /** The migration list; tests pass a prefix of MIGRATIONS to build a database at an older version. */
  migrations?: readonly Migration[];
  /** Wall-clock epoch ms; injected so tests control time. */
  clock?: () => number;
  /** Id source for sessions and shifts; injected so tests get deterministic ids. */
  newId?: () => string;
}

export interface SportelloDatabase extends Repositories {
  readonly path: string;
  readonly readonly: boolean;
  /** `PRAGMA user_version` after opening. */
  readonly schemaVersion: number;
  /** What opening migrated, for the startup log; null for read-only opens. */
  readonly migration: MigrationReport | null;
  /** The raw connection, for diagnostics and tests. The core goes through the repositories. */
  readonly sqlite: Database.Database;
  /**
   * Runs fn in ONE transaction (nested calls become savepoints): everything fn wrote is committed
   * together or, if fn throws, rolled back together. SQLite failures surface as typed errors.
   */
  transaction<T>(fn: () => T): T;
  close(): void;
}

interface Inspection {
  applicationId: number;
  userVersion: number;
  objects: number;
}

function inspect(conn: Database.Database): Inspection {
  return {
    applicationId: conn.pragma('application_id', { simple: true }) as number,
    userVersion: conn.pragma('user_version', { simple: true }) as number,
    objects: conn.prepare('SELECT count(*) FROM sqlite_schema').pluck().get() as number,
  };
}

/**
 * Foreign and too-new are decided from the header fields; integrity by SQLite's quick_check, which
 * reads every page: it runs unless the file is exactly as sportello's last clean close left it and
 * was checked within FULL_CHECK_EVERY_MS (file-check.ts), since on years of payments it takes seconds.
 */
function judge(path: string, conn: Database.Database, latest: number, fullCheck: boolean): Inspection {
  const found = inspect(conn);
  const ours = found.applicationId === SPORTELLO_APPLICATION_ID;
  const blank = found.applicationId === 0 && found.objects === 0 && found.userVersion === 0;
  if (!ours && !blank) throw new DatabaseForeign(path, found.applicationId);
  if (found.userVersion > latest) throw new DatabaseTooNew(path, found.userVersion, latest);
  if (!fullCheck) return found;
  const problems = (conn.pragma('quick_check(5)') as Array<{ quick_check: string }>).map((r) => r.quick_check).filter((p) => p !== 'ok');
  if (problems.length > 0) throw new DatabaseCorrupt(path, 'integrity', problems[0]!, { problems });
  return found;
}

/**
 * Checks an existing file through a read-only connection, which can never write to it (not even
 * the checkpoint SQLite runs when the last writer closes). Returns false when a read-only
 * connection cannot do the job (a hot rollback journal, no shared-memory file): the writable
 * connection then checks before it writes anything.
 */
function precheck(path: string, latest: number, busyTimeoutMs: number, fullCheck: boolean): boolean {
  let conn: Database.Database | undefined;
  try {
    conn = new Database(path, { readonly: true, fileMustExist: true, timeout: busyTimeoutMs });
    judge(path, conn, latest, fullCheck);
    return true;
  } catch (err) {
    if (isSqliteError(err) && (err.code.startsWith('SQLITE_READONLY') || err.code.startsWith('SQLITE_CANTOPEN'))) return false;
    throw err;
  } finally {
    conn?.close();
  }
}

/** Why the connection could not even be created: the folder says more than SQLite does. */
/**
 * A read-only connection to a WAL database creates `-wal` and `-shm` next to it. When the file is
 * then refused, those it created (the log only if still empty) are removed: the folder is left as
 * it was found. Not when another process holds the file: the files are that process's.
 */
function refusedWithoutTrace(path: string, check: () => boolean): boolean {
  const existed = { wal: existsSync(`${path}-wal`), shm: existsSync(`${path}-shm`) };
  try {
    return check();
  } catch (err) {
    if (!(err instanceof DatabaseInUse)) {
      try {
        if (!existed.shm && existsSync(`${path}-shm`)) unlinkSync(`${path}-shm`);
        if (!existed.wal && existsSync(`${path}-wal`) && statSync(`${path}-wal`).size === 0) unlinkSync(`${path}-wal`);
      } catch {
        // Cleaning up is a courtesy; the refusal is what matters.
      }
    }
    throw err;
  }
}

function cannotOpen(path: string, err: unknown, readonly: boolean): unknown {
  try {
    accessSync(dirname(path), readonly ? constants.R_OK : constants.W_OK);
  } catch (fsErr) {
    const code = (fsErr as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
      return new StorageUnavailable('read-only', `The folder of ${path} cannot be written: the database cannot be opened.`, { path });
    }
    return new StorageUnavailable('io-error', `The folder of ${path} is not usable (${code ?? 'unknown'}).`, { path });
  }
  return toStorageError(err, path);
}

export function openDatabase(file: string, opts: OpenOptions = {}): SportelloDatabase {
  const path = resolve(file);
  const readonly = opts.readonly ?? false;
  const migrations = opts.migrations ?? MIGRATIONS;
  const busyTimeoutMs = opts.busyTimeoutMs ?? 5000;
  const latest = migrations.length;

  const clock = opts.clock ?? Date.now;
  let checked = false;
  const existing = statDatabaseFile(path);
  const lastCheck = existing.exists && existing.size > 0 ? lastCheckOfCleanClose(path) : null;
  const fullCheck = lastCheck === null || clock() - lastCheck >= FULL_CHECK_EVERY_MS || clock() < lastCheck;
  if (existing.exists && existing.size > 0) {
    checkHeader(path, existing.size);
    checked = refusedWithoutTrace(path, () => mapStorageErrors(path, () => precheck(path, latest, busyTimeoutMs, fullCheck)));
  }
  if (!readonly) forgetCleanClose(path);

  let conn: Database.Database;
  try {
    conn = new Database(path, { readonly, fileMustExist: readonly, timeout: busyTimeoutMs });
  } catch (err) {
    throw cannotOpen(path, err, readonly);
  }
  try {
    return mapStorageErrors(path, () => {
      if (!readonly && (opts.exclusive ?? true)) conn.pragma('locking_mode = EXCLUSIVE');
      if (!checked) judge(path, conn, latest, fullCheck);
      if (readonly) {
        conn.pragma('query_only = ON');
      } else {
        const mode = conn.pragma('journal_mode = WAL', { simple: true });
        if (mode !== 'wal') throw new StorageUnavailable('io-error', `The file system of ${path} does not support write-ahead logging (journal_mode ${String(mode)}).`, { path });
        conn.pragma('synchronous = FULL');
        conn.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT}`);
      }
      conn.pragma('foreign_keys = ON');
      conn.pragma('trusted_schema = OFF');
      let migration: MigrationReport | null = null;
      if (readonly) {
        const version = conn.pragma('user_version', { simple: true }) as number;
        if (version < latest) {
          throw new StorageUnavailable('read-only', `The database ${path} needs migrating (schema ${version}, code ${latest}) but was opened read-only.`, { path });
        }
      } else {
        migration = migrate(conn, migrations);
      }
      return handle(path, conn, readonly, migration, opts, fullCheck ? clock() : lastCheck!);
    });
  } catch (err) {
    conn.close();
    throw err;
  }
}

function handle(path: string, sqlite: Database.Database, readonly: boolean, migration: MigrationReport | null, opts: OpenOptions, checkedAtMs: number): SportelloDatabase {
  const repos = createRepositories(path, { db: sqlite, now: opts.clock ?? Date.now, newId: opts.newId ?? randomUUID });
  return {
    ...repos,
    path,
    readonly,
    schemaVersion: sqlite.pragma('user_version', { simple: true }) as number,
    migration,
    sqlite,
    transaction<T>(fn: () => T): T {
      return mapStorageErrors(path, () => sqlite.transaction(fn).immediate());
    },
    close() {
      if (!sqlite.open) return;
      mapStorageErrors(path, () => sqlite.close());
      if (!readonly) recordCleanClose(path, checkedAtMs);
    },
  };
}
