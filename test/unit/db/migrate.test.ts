import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { checkRegistry, migrate, MIGRATIONS, MigrationFailed, MigrationRegistryInvalid, SPORTELLO_APPLICATION_ID } from '../../../db/index';
import type { Migration } from '../../../db/index';
import { tempDir } from '../../support/tmp';

const m = (version: number, name: string, sql = `CREATE TABLE t${version} (x INTEGER) STRICT`): Migration => ({
  version,
  name,
  up: (db) => void db.exec(sql),
});

test('the shipped registry is 1..N without gaps', () => {
  assert.doesNotThrow(() => checkRegistry(MIGRATIONS));
  MIGRATIONS.forEach((mig, i) => assert.equal(mig.version, i + 1));
});

test('a registry with a gap, a wrong order, a duplicate or a bad name is refused', () => {
  assert.throws(() => checkRegistry([m(1, 'a'), m(3, 'c')]), MigrationRegistryInvalid);
  assert.throws(() => checkRegistry([m(2, 'b'), m(1, 'a')]), MigrationRegistryInvalid);
  assert.throws(() => checkRegistry([m(1, 'a'), m(2, 'a')]), MigrationRegistryInvalid);
  assert.throws(() => checkRegistry([m(1, 'Not Kebab')]), MigrationRegistryInvalid);
  assert.throws(() => checkRegistry([m(0, 'zero')]), MigrationRegistryInvalid);
  assert.doesNotThrow(() => checkRegistry([m(1, 'a'), m(2, 'b-c')]));
});

function rawDb(t: Parameters<typeof tempDir>[0]) {
  const db = new Database(join(tempDir(t), 'raw.db'));
  t.after(() => db.close());
  return db;
}

test('migrations run in order and only the pending ones run on the next call', (t) => {
  const db = rawDb(t);
  const order: number[] = [];
  const tracked = (v: number) => ({
    ...m(v, `step-${v}`),
    up: (d: Database.Database) => {
      order.push(v);
      d.exec(`CREATE TABLE t${v} (x INTEGER)`);
    },
  });
  assert.deepEqual(migrate(db, [tracked(1), tracked(2)]), { from: 0, to: 2, applied: ['0001-step-1', '0002-step-2'] });
  assert.deepEqual(migrate(db, [tracked(1), tracked(2), tracked(3)]), { from: 2, to: 3, applied: ['0003-step-3'] });
  assert.deepEqual(order, [1, 2, 3]);
  assert.equal(db.pragma('user_version', { simple: true }), 3);
  assert.equal(db.pragma('application_id', { simple: true }), SPORTELLO_APPLICATION_ID);
});

test('a failing migration rolls back every migration of the run, user_version and application_id included', (t) => {
  const db = rawDb(t);
  const broken: Migration = {
    version: 2,
    name: 'broken',
    up: (d) => void d.exec('CREATE TABLE oops (x INTEGER); SELECT * FROM no_such_table'),
  };
  assert.throws(
    () => migrate(db, [m(1, 'first'), broken]),
    (err: unknown) => err instanceof MigrationFailed && err.details.version === 2,
  );
  assert.equal(db.pragma('user_version', { simple: true }), 0);
  assert.equal(db.pragma('application_id', { simple: true }), 0);
  assert.equal(db.prepare(`SELECT count(*) FROM sqlite_schema`).pluck().get(), 0, 'not even migration 1 is left');
});

test('a migration that leaves a broken foreign key is refused', (t) => {
  const db = rawDb(t);
  const parent = m(1, 'parent', 'CREATE TABLE p (id INTEGER PRIMARY KEY); CREATE TABLE c (p_id INTEGER REFERENCES p (id))');
  const orphan = m(2, 'orphan', 'INSERT INTO c VALUES (99)');
  assert.throws(() => migrate(db, [parent, orphan]), MigrationFailed);
  assert.equal(db.pragma('user_version', { simple: true }), 0);
});
