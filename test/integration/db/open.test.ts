// openDatabase against real files: what it sets, what it refuses, and that a refused file is left
// exactly as it was found.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, truncateSync, writeFileSync, chmodSync, mkdirSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import {
  DatabaseCorrupt,
  DatabaseForeign,
  DatabaseInUse,
  DatabaseTooNew,
  LATEST_VERSION,
  MIGRATIONS,
  SPORTELLO_APPLICATION_ID,
  StorageUnavailable,
  openDatabase,
} from '../../../db/index';
import { tempDir } from '../../support/tmp';
import { activatedSession, freshDb } from './fixture';

/** A closed, real sportello database with some rows in it (so it spans many pages). */
function populatedFile(t: Parameters<typeof freshDb>[0]): string {
  const fx = freshDb(t);
  for (let i = 0; i < 300; i++) fx.db.journal.append('filler', { i, text: 'x'.repeat(200) });
  fx.db.close();
  return fx.path;
}

function assertUntouched(path: string, before: Buffer) {
  assert.ok(Buffer.compare(readFileSync(path), before) === 0, 'the refused file must be byte-identical');
  assert.deepEqual(
    readdirSync(dirname(path)).filter((f) => f.startsWith(`${basename(path)}-`)),
    [],
    'no -wal or -shm left next to it',
  );
}

describe('openDatabase: a healthy file', () => {
  test('creates a new database with the durability pragmas set', (t) => {
    const { db } = freshDb(t);
    assert.equal(db.sqlite.pragma('journal_mode', { simple: true }), 'wal');
    assert.equal(db.sqlite.pragma('synchronous', { simple: true }), 2, 'synchronous=FULL');
    assert.equal(db.sqlite.pragma('foreign_keys', { simple: true }), 1);
    assert.equal(db.sqlite.pragma('busy_timeout', { simple: true }), 5000);
    assert.equal(db.sqlite.pragma('locking_mode', { simple: true }), 'exclusive');
    assert.equal(db.sqlite.pragma('journal_size_limit', { simple: true }), 16 * 1024 * 1024);
    assert.equal(db.sqlite.pragma('trusted_schema', { simple: true }), 0);
    assert.equal(db.sqlite.pragma('application_id', { simple: true }), SPORTELLO_APPLICATION_ID);
    assert.equal(db.schemaVersion, LATEST_VERSION);
    assert.deepEqual(db.migration, {
      from: 0,
      to: LATEST_VERSION,
      applied: MIGRATIONS.map((m) => `${String(m.version).padStart(4, '0')}-${m.name}`),
    });
  });

  test('keeps data across close and reopen, and does not migrate twice', (t) => {
    const fx = freshDb(t);
    const s = fx.db.sessions.create({ state: 'cart', kind: 'kiosk', terminalId: 'K-1' });
    fx.db.journal.append('session-opened', { id: s.id }, s.id);
    const db = fx.reopen();
    assert.deepEqual(db.migration, { from: LATEST_VERSION, to: LATEST_VERSION, applied: [] });
    assert.equal(db.sessions.get(s.id)?.kind, 'kiosk');
    assert.deepEqual(db.journal.verify(), { ok: true, count: 1 });
    assert.equal(db.sqlite.pragma('synchronous', { simple: true }), 2, 'pragmas are per connection: set again on reopen');
  });

  test('a custom busy timeout reaches SQLite', (t) => {
    const fx = freshDb(t, { busyTimeoutMs: 1234 });
    assert.equal(fx.db.sqlite.pragma('busy_timeout', { simple: true }), 1234);
  });

  test('a second owner is refused while the first holds the file', (t) => {
    const fx = freshDb(t, { busyTimeoutMs: 50 });
    assert.throws(() => openDatabase(fx.path, { busyTimeoutMs: 50 }), DatabaseInUse);
    fx.db.close();
    const again = openDatabase(fx.path);
    again.close();
  });

  test('an empty existing file is treated as a new database', (t) => {
    const dir = tempDir(t);
    const path = join(dir, 'empty.db');
    writeFileSync(path, '');
    const db = openDatabase(path);
    assert.equal(db.schemaVersion, LATEST_VERSION);
    db.close();
  });
});

describe('openDatabase: files it must refuse without changing them', () => {
  test('garbage that is not a SQLite file', (t) => {
    const path = join(tempDir(t), 'garbage.db');
    writeFileSync(path, Buffer.from('this is a shopping list, not a database\n'.repeat(200)));
    const before = readFileSync(path);
    assert.throws(
      () => openDatabase(path),
      (err: unknown) => err instanceof DatabaseCorrupt && err.reason === 'not-sqlite' && /left it untouched/.test(err.message),
    );
    assertUntouched(path, before);
  });

  test('a real database cut in half', (t) => {
    const path = populatedFile(t);
    truncateSync(path, Math.floor(statSync(path).size / 2 / 4096) * 4096);
    const before = readFileSync(path);
    assert.throws(
      () => openDatabase(path),
      (err: unknown) => err instanceof DatabaseCorrupt && err.reason === 'truncated',
    );
    assertUntouched(path, before);
  });

  test('a real database cut in the middle of a page', (t) => {
    const path = populatedFile(t);
    truncateSync(path, statSync(path).size - 1000);
    const before = readFileSync(path);
    assert.throws(
      () => openDatabase(path),
      (err: unknown) => err instanceof DatabaseCorrupt && err.reason === 'truncated',
    );
    assertUntouched(path, before);
  });

  test('a real database cut inside its header', (t) => {
    const path = populatedFile(t);
    truncateSync(path, 60);
    const before = readFileSync(path);
    assert.throws(
      () => openDatabase(path),
      (err: unknown) => err instanceof DatabaseCorrupt && err.reason === 'truncated',
    );
    assertUntouched(path, before);
  });

  test('a database with damaged pages fails quick_check', (t) => {
    const path = populatedFile(t);
    const bytes = readFileSync(path);
    // Overwrite a whole page in the middle of the file (journal rows) with noise; the header stays valid.
    const page = Math.floor(bytes.length / 4096 / 2);
    for (let i = page * 4096; i < (page + 1) * 4096; i++) bytes[i] = (i * 7919) & 0xff;
    writeFileSync(path, bytes);
    const before = readFileSync(path);
    assert.throws(
      () => openDatabase(path),
      (err: unknown) => err instanceof DatabaseCorrupt && err.reason === 'integrity',
    );
    assertUntouched(path, before);
  });

  test('a SQLite database of another program', (t) => {
    const path = join(tempDir(t), 'other.db');
    const other = new Database(path);
    other.exec("CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('Ada')");
    other.close();
    const before = readFileSync(path);
    assert.throws(() => openDatabase(path), DatabaseForeign);
    assertUntouched(path, before);
  });

  test('an empty SQLite database that another program stamped with its application_id', (t) => {
    const path = join(tempDir(t), 'stamped.db');
    const other = new Database(path);
    other.pragma('application_id = 42');
    other.close();
    const before = readFileSync(path);
    assert.throws(
      () => openDatabase(path),
      (err: unknown) => err instanceof DatabaseForeign && err.details.applicationId === 42,
    );
    assertUntouched(path, before);
  });

  test('a database written by a newer sportello', (t) => {
    const fx = freshDb(t);
    fx.db.close();
    const raw = new Database(fx.path);
    raw.pragma(`user_version = ${LATEST_VERSION + 1}`);
    raw.close();
    const before = readFileSync(fx.path);
    assert.throws(
      () => openDatabase(fx.path),
      (err: unknown) =>
        err instanceof DatabaseTooNew && err.details.fileVersion === LATEST_VERSION + 1 && err.details.codeVersion === LATEST_VERSION,
    );
    assertUntouched(fx.path, before);
  });

  test('code that knows fewer migrations than the file refuses it as too new', (t) => {
    const fx = freshDb(t);
    fx.db.close();
    assert.throws(() => openDatabase(fx.path, { migrations: MIGRATIONS.slice(0, LATEST_VERSION - 1) }), DatabaseTooNew);
  });
});

describe('openDatabase: storage that cannot take writes', () => {
  test('a read-only open serves reads and refuses writes with a typed error', (t) => {
    const fx = freshDb(t);
    const s = fx.db.sessions.create({ state: 'cart', kind: 'counter', terminalId: 'T-01' });
    fx.db.close();
    // Root ignores file permissions, so the read-only file is simulated with a read-only connection.
    const ro = openDatabase(fx.path, { readonly: true });
    t.after(() => ro.close());
    assert.equal(ro.sessions.get(s.id)?.id, s.id);
    assert.throws(
      () => ro.sessions.create({ state: 'cart', kind: 'counter', terminalId: 'T-01' }),
      (err: unknown) => err instanceof StorageUnavailable && err.reason === 'read-only' && err.code === 'STORAGE_UNAVAILABLE',
    );
  });

  test('PRAGMA query_only (a disk turned read-only under a running terminal) gives read-only', (t) => {
    const { db } = freshDb(t);
    db.sqlite.pragma('query_only = ON');
    assert.throws(
      () => db.journal.append('x', {}),
      (err: unknown) => err instanceof StorageUnavailable && err.reason === 'read-only',
    );
  });

  test('a full disk gives disk-full and the failed write leaves nothing behind', (t) => {
    const { db } = freshDb(t);
    // SQLite's max_page_count makes it report SQLITE_FULL exactly as a full disk does.
    const pages = db.sqlite.pragma('page_count', { simple: true }) as number;
    db.sqlite.pragma(`max_page_count = ${pages + 2}`);
    let written = 0;
    assert.throws(
      () => {
        for (;;) {
          db.journal.append('filler', { text: 'y'.repeat(1500) });
          written += 1;
        }
      },
      (err: unknown) => err instanceof StorageUnavailable && err.reason === 'disk-full',
    );
    assert.equal(db.journal.verify().ok, true);
    assert.equal(db.journal.head()?.seq ?? 0, written, 'only the appends that succeeded are there');
  });

  test('a read-only open of a database that still needs migrating is refused', (t) => {
    const fx = freshDb(t, { migrations: [] });
    fx.db.close();
    assert.throws(
      () => openDatabase(fx.path, { readonly: true }),
      (err: unknown) => err instanceof StorageUnavailable && err.reason === 'read-only',
    );
  });

  test(
    'a folder without write permission gives read-only',
    { skip: process.getuid?.() === 0 ? 'root ignores permissions' : false },
    (t) => {
      const dir = join(tempDir(t), 'locked');
      mkdirSync(dir);
      chmodSync(dir, 0o555);
      t.after(() => chmodSync(dir, 0o755));
      assert.throws(
        () => openDatabase(join(dir, 'x.db')),
        (err: unknown) => err instanceof StorageUnavailable && err.reason === 'read-only',
      );
    },
  );

  test('a folder that does not exist gives io-error', (t) => {
    const path = join(tempDir(t), 'missing', 'x.db');
    assert.throws(
      () => openDatabase(path),
      (err: unknown) => err instanceof StorageUnavailable && err.reason === 'io-error',
    );
  });

  test('a disk-full error inside a payment transaction rolls the whole payment back', (t) => {
    const { db } = freshDb(t);
    const { session, notices } = activatedSession(db, [{ token: 'TOKEN-FULL', expiresAtMs: Date.now() + 60_000 }]);
    const pages = db.sqlite.pragma('page_count', { simple: true }) as number;
    db.sqlite.pragma(`max_page_count = ${pages}`);
    assert.throws(
      () =>
        db.transaction(() => {
          db.tenders.record({ sessionId: session.id, method: 'card', amountCents: 1000, feeCents: 0, terminalId: 'T-01' });
          db.outbox.enqueue({
            sessionId: session.id,
            noticeId: notices[0]!.id,
            paymentToken: 'TOKEN-FULL',
            outcome: 'OK',
            details: null,
            deadlineMs: 1,
          });
          db.journal.append('tender', { big: 'z'.repeat(20_000) }, session.id);
        }),
      (err: unknown) => err instanceof StorageUnavailable && err.reason === 'disk-full',
    );
    assert.equal(db.tenders.listBySession(session.id).length, 0);
    assert.equal(db.outbox.pending().depth, 0);
    assert.equal(db.journal.head(), null);
  });
});
