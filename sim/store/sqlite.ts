/**
 * SQLite persistence (better-sqlite3, synchronous: a request's reads and writes happen in one
 * transaction with nothing interleaved). One table of JSON texts; the simulator's state is small.
 */
import Database from 'better-sqlite3';
import { SportelloError } from '../../kernel/errors';
import type { KvStore, RecordKind } from './types';

const SCHEMA_VERSION = 1;

export class SimDbError extends SportelloError {
  constructor(message: string, details: Record<string, unknown>, cause?: unknown) {
    super('SIM_DB', message, { details, cause });
  }
}

export function sqliteStore(path: string): KvStore {
  let db: Database.Database;
  try {
    db = new Database(path);
  } catch (e) {
    throw new SimDbError(`cannot open the simulator database ${path}: ${(e as Error).message}`, { path }, e);
  }
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > SCHEMA_VERSION) {
    db.close();
    throw new SimDbError(`the simulator database ${path} was written by a newer version (schema ${version})`, { path, version });
  }
  db.pragma('journal_mode = WAL');
  db.exec(`CREATE TABLE IF NOT EXISTS records (
    kind TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (kind, key))`);
  db.pragma(`user_version = ${SCHEMA_VERSION}`);

  const get = db.prepare<[string, string], { value: string }>('SELECT value FROM records WHERE kind = ? AND key = ?');
  const put = db.prepare(
    'INSERT INTO records (kind, key, value) VALUES (?, ?, ?) ON CONFLICT (kind, key) DO UPDATE SET value = excluded.value',
  );
  const list = db.prepare<[string], { value: string }>('SELECT value FROM records WHERE kind = ? ORDER BY rowid');
  const clear = db.prepare('DELETE FROM records');

  return {
    get: (kind: RecordKind, key: string) => get.get(kind, key)?.value,
    put: (kind, key, value) => void put.run(kind, key, value),
    list: (kind) => list.all(kind).map((r) => r.value),
    clear: () => void clear.run(),
    transaction: (fn) => (db.inTransaction ? fn() : db.transaction(fn)()),
    close: () => db.close(),
  };
}
