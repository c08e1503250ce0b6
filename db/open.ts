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
import {
  checkHeader,
  forgetCleanClose,
  FULL_CHECK_EVERY_MS,
  hasWalContent,
  lastCheckOfCleanClose,
  recordCleanClose,
  statDatabaseFile,
} from './file-check';
import { migrate, SPORTELLO_APPLICATION_ID } from './migrate';
import type { Migration, MigrationReport } from './migrate';
import { MIGRATIONS } from './migrations/index';
import { isSqliteError, mapStorageErrors, readOnlyStorage, toStorageError } from './sqlite-errors';
import { createRepositories } from './repositories';
import type { Repositories } from './repositories';
import {
  checkFileAgainstWitness,
  checkJournalAgainstWitness,
  checkSizeAgainstWitness,
  readWitness,
  WITNESS_EVERY_MS,
  WitnessKeeper,
} from './witness';
import type { Witness } from './witness';

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
  /**
   * Open without consulting `<file>.witness` (db/witness.ts): only for the technician's deliberate
   * acts (`sportello db start-afresh`, `adopt-restored`), which then rewrite it. Default false.
   */
  ignoreWitness?: boolean;
  /** How often, at most, commits refresh the witness; default WITNESS_EVERY_MS. Tests pass 0. */
  witnessEveryMs?: number;
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
function judge(path: string, conn: Database.Database, latest: number, fullCheck: boolean, witness: Witness | null): Inspection {
  const found = inspect(conn);
  const ours = found.applicationId === SPORTELLO_APPLICATION_ID;
  const blank = found.applicationId === 0 && found.objects === 0 && found.userVersion === 0;
  if (!ours && !blank) throw new DatabaseForeign(path, found.applicationId);
  if (found.userVersion > latest) throw new DatabaseTooNew(path, found.userVersion, latest);
  if (witness) checkJournalAgainstWitness(path, conn, witness);
  if (fullCheck) checkIntegrity(path, conn);
  return found;
}

/**
 * SQLite's quick_check: every page, every record's type (STRICT), NOT NULL and CHECK constraints.
 * Only through a connection that could write: on a read-only one SQLite does not even parse the
 * CHECK constraints, so a record that breaks them (written by another tool with
 * ignore_check_constraints) passes unseen.
 */
function checkIntegrity(path: string, conn: Database.Database): void {
  const problems = (conn.pragma('quick_check(5)') as Array<{ quick_check: string }>).map((r) => r.quick_check).filter((p) => p !== 'ok');
  if (problems.length === 0) return;
  const table = / in ([A-Za-z_][A-Za-z0-9_]*)/.exec(problems[0]!)?.[1];
  throw new DatabaseCorrupt(
    path,
    'integrity',
    table ? `${problems[0]!}: a record in table ${table} breaks the schema's rules` : problems[0]!,
    { problems, ...(table ? { table } : {}) },
  );
}

/**
 * Checks an existing file through a read-only connection, which can never write to it (not even
 * the checkpoint SQLite runs when the last writer closes). Returns false when a read-only
 * connection cannot do the job (a hot rollback journal, no shared-memory file): the writable
 * connection then checks before it writes anything.
 */
function precheck(
  path: string,
  latest: number,
  busyTimeoutMs: number,
  fullCheck: boolean,
  witness: Witness | null,
  readonly: boolean,
): boolean {
  let conn: Database.Database | undefined;
  try {
    conn = new Database(path, { readonly: true, fileMustExist: true, timeout: busyTimeoutMs });
    judge(path, conn, latest, false, witness);
    if (fullCheck) checkIntegrityWhileGuarded(path, conn, busyTimeoutMs, readonly);
    return true;
  } catch (err) {
    if (isSqliteError(err) && (err.code.startsWith('SQLITE_READONLY') || err.code.startsWith('SQLITE_CANTOPEN'))) return false;
    throw err;
  } finally {
    conn?.close();
  }
}

/**
 * quick_check through a second, writable connection opened while the read-only one (`guard`) holds
 * the file: the writable one then never writes, not even its checkpoint at close (it is not the last
 * connection, and the read-only one never checkpoints), so a refused file stays byte-identical, its
 * log included. Read-only opens (inspection, rescue) and read-only media check through the guard:
 * page damage is still found, CHECK constraints are not.
 */
function checkIntegrityWhileGuarded(path: string, guard: Database.Database, busyTimeoutMs: number, readonly: boolean): void {
  let writable: Database.Database | undefined;
  if (!readonly) {
    try {
      writable = new Database(path, { fileMustExist: true, timeout: busyTimeoutMs });
    } catch (err) {
      if (!(isSqliteError(err) && (err.code.startsWith('SQLITE_READONLY') || err.code.startsWith('SQLITE_CANTOPEN')))) throw err;
    }
  }
  try {
    checkIntegrity(path, writable ?? guard);
  } finally {
    writable?.close();
  }
}

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

/** Why the connection could not even be created: the folder says more than SQLite does. */
function cannotOpen(path: string, err: unknown, readonly: boolean): unknown {
  try {
    accessSync(dirname(path), readonly ? constants.R_OK : constants.W_OK);
  } catch (fsErr) {
    const code = (fsErr as NodeJS.ErrnoException).code;
    if (code === 'EROFS') return readOnlyStorage(path, 'read-only-file-system');
    if (code === 'EACCES' || code === 'EPERM') return readOnlyStorage(path, 'no-permission');
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
  // A terminal that has held records refuses a missing or emptied file instead of starting a new one.
  const witness = opts.ignoreWitness ? null : readWitness(path);
  if (witness) checkFileAgainstWitness(path, witness, existing);
  const lastCheck = existing.exists && existing.size > 0 ? lastCheckOfCleanClose(path) : null;
  const fullCheck = lastCheck === null || clock() - lastCheck >= FULL_CHECK_EVERY_MS || clock() < lastCheck;
  if (existing.exists && existing.size > 0) {
    checkHeader(path, existing.size);
    if (witness) checkSizeAgainstWitness(path, witness, existing.size, hasWalContent(path));
    checked = refusedWithoutTrace(path, () =>
      mapStorageErrors(path, () => precheck(path, latest, busyTimeoutMs, fullCheck, witness, readonly)),
    );
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
      if (!checked) judge(path, conn, latest, fullCheck, witness);
      if (readonly) {
        conn.pragma('query_only = ON');
      } else {
        const mode = conn.pragma('journal_mode = WAL', { simple: true });
        if (mode !== 'wal')
          throw new StorageUnavailable(
            'io-error',
            `The file system of ${path} does not support write-ahead logging (journal_mode ${String(mode)}).`,
            { path },
          );
        conn.pragma('synchronous = FULL');
        conn.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT}`);
      }
      conn.pragma('foreign_keys = ON');
      conn.pragma('trusted_schema = OFF');
      let migration: MigrationReport | null = null;
      if (readonly) {
        const version = conn.pragma('user_version', { simple: true }) as number;
        if (version < latest) {
          throw new StorageUnavailable(
            'read-only',
            `The database ${path} needs migrating (schema ${version}, code ${latest}) but was opened read-only.`,
            { path },
          );
        }
      } else {
        migration = migrate(conn, migrations);
      }
      return handle(path, conn, readonly, migration, opts, fullCheck ? clock() : lastCheck!, witness);
    });
  } catch (err) {
    conn.close();
    throw err;
  }
}

function handle(
  path: string,
  sqlite: Database.Database,
  readonly: boolean,
  migration: MigrationReport | null,
  opts: OpenOptions,
  checkedAtMs: number,
  witness: Witness | null,
): SportelloDatabase {
  const now = opts.clock ?? Date.now;
  const repos = createRepositories(path, { db: sqlite, now, newId: opts.newId ?? randomUUID });
  const keeper = readonly
    ? null
    : new WitnessKeeper(path, () => repos.journal.head(), now, opts.witnessEveryMs ?? WITNESS_EVERY_MS, witness);
  // Only committed data reaches the witness: a journal append inside a transaction waits for its commit.
  const committed = () => {
    if (keeper && !sqlite.inTransaction) keeper.afterCommit();
  };
  const journal = keeper
    ? {
        ...repos.journal,
        append(...args: Parameters<typeof repos.journal.append>) {
          const entry = repos.journal.append(...args);
          committed();
          return entry;
        },
      }
    : repos.journal;
  return {
    ...repos,
    journal,
    path,
    readonly,
    schemaVersion: sqlite.pragma('user_version', { simple: true }) as number,
    migration,
    sqlite,
    transaction<T>(fn: () => T): T {
      const result = mapStorageErrors(path, () => sqlite.transaction(fn).immediate());
      committed();
      return result;
    },
    close() {
      if (!sqlite.open) return;
      let head: { seq: number; hash: string } | null = null;
      try {
        head = keeper ? repos.journal.head() : null;
      } catch {
        // The witness then stays as it was: behind, never wrong.
      }
      mapStorageErrors(path, () => sqlite.close());
      if (!readonly) recordCleanClose(path, checkedAtMs);
      keeper?.refresh(head);
    },
  };
}
