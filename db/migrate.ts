/**
 * Schema migrations: an explicit, ordered list of numbered modules, applied in ONE transaction that
 * also moves `PRAGMA user_version`. Either every pending migration lands or none does, so a crash or
 * a full disk in the middle leaves the file at its previous version.
 */
import type Database from 'better-sqlite3';
import { MigrationFailed, MigrationRegistryInvalid } from './errors';
import { isSqliteError } from './sqlite-errors';

/** "SPRT" in ASCII: written into the file header so sportello recognises its own databases. */
export const SPORTELLO_APPLICATION_ID = 0x53505254;

export interface Migration {
  readonly version: number;
  /** kebab-case, the file name after the number: `0001-initial.ts` -> `initial`. */
  readonly name: string;
  up(db: Database.Database): void;
}

export interface MigrationReport {
  from: number;
  to: number;
  applied: string[];
}

const NAME_RE = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** Versions must be exactly 1..N in order, with unique kebab-case names. */
export function checkRegistry(migrations: readonly Migration[]): void {
  const names = new Set<string>();
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) {
      throw new MigrationRegistryInvalid(`migration at position ${i + 1} has version ${m.version}: versions must be 1..N without gaps`, {
        position: i + 1,
        version: m.version,
      });
    }
    if (!NAME_RE.test(m.name))
      throw new MigrationRegistryInvalid(`migration ${m.version} has an invalid name ${JSON.stringify(m.name)}`, { version: m.version });
    if (names.has(m.name)) throw new MigrationRegistryInvalid(`migration name ${m.name} is used twice`, { version: m.version });
    names.add(m.name);
  });
}

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Applies migrations[current..] to db. The caller has already refused a file newer than the list
 * (DatabaseTooNew) and foreign files; this function only moves forward.
 */
export function migrate(db: Database.Database, migrations: readonly Migration[]): MigrationReport {
  checkRegistry(migrations);
  const from = schemaVersion(db);
  const pending = migrations.slice(from);
  if (pending.length === 0) return { from, to: from, applied: [] };
  const run = db.transaction(() => {
    if (from === 0) db.pragma(`application_id = ${SPORTELLO_APPLICATION_ID}`);
    for (const m of pending) {
      try {
        m.up(db);
      } catch (err) {
        // A full or failing disk is not the migration's fault: let the storage mapping name it.
        throw isSqliteError(err) && !err.code.startsWith('SQLITE_ERROR') && !err.code.startsWith('SQLITE_CONSTRAINT')
          ? err
          : new MigrationFailed(m.version, m.name, err);
      }
    }
    const broken = db.pragma('foreign_key_check') as unknown[];
    if (broken.length > 0) {
      const last = pending[pending.length - 1]!;
      throw new MigrationFailed(last.version, last.name, new Error(`${broken.length} rows break a foreign key after migrating`));
    }
    db.pragma(`user_version = ${migrations.length}`);
  });
  // SQLite's way to rebuild a table that others reference: foreign keys off around the transaction
  // (the pragma is a no-op inside one), then foreign_key_check before the commit (above).
  const enforced = db.pragma('foreign_keys', { simple: true }) === 1;
  if (enforced) db.pragma('foreign_keys = OFF');
  try {
    run.immediate();
  } finally {
    if (enforced) db.pragma('foreign_keys = ON');
  }
  return { from, to: migrations.length, applied: pending.map((m) => `${String(m.version).padStart(4, '0')}-${m.name}`) };
}
