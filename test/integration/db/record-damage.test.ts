// Damage inside a record: a row that breaks the schema's CHECK constraints, written into the file by
// another SQLite tool with ignore_check_constraints. SQLite's quick_check reports it only through a
// connection that could write (a read-only one does not even parse CHECK constraints), and the
// clean-close record must not vouch for a file another writer touched.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, readFileSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { DatabaseCorrupt, openDatabase, StorageUnavailable } from '../../../db/index';
import { lastCheckOfCleanClose } from '../../../db/file-check';
import { activatedSession, freshDb, T0 } from './fixture';

type T = Parameters<typeof freshDb>[0];

/** A terminal's file with one activated notice, closed cleanly (so `<file>.clean` vouches for it). */
function cleanFile(t: T) {
  const fx = freshDb(t);
  const { session } = activatedSession(fx.db, [{ token: 'TOKEN-DAMAGE', expiresAtMs: T0 + 600_000 }]);
  fx.db.close();
  return { ...fx, sessionId: session.id };
}

/** What another tool does: write a record the schema forbids (position must be >= 1). */
function breakCheck(path: string) {
  const other = new Database(path);
  other.pragma('ignore_check_constraints = 1');
  other.prepare('UPDATE session_notice SET position = 0').run();
  other.close();
}

const corruptIn = (table: string) => (err: unknown) =>
  err instanceof DatabaseCorrupt &&
  err.code === 'DB_CORRUPT' &&
  err.reason === 'integrity' &&
  err.details.table === table &&
  err.message.includes(table);

describe('a record breaking a CHECK constraint', () => {
  test('is refused at open as DB_CORRUPT naming the table, and the file is left byte-identical', (t) => {
    const { path } = cleanFile(t);
    breakCheck(path);
    const before = readFileSync(path);
    assert.throws(() => openDatabase(path), corruptIn('session_notice'));
    assert.ok(Buffer.compare(readFileSync(path), before) === 0);
  });

  test('is caught even when the other writer set the modification time back (the change time cannot be)', (t) => {
    const { path } = cleanFile(t);
    const { mtimeNs } = statSync(path, { bigint: true });
    breakCheck(path);
    const s = mtimeNs / 1_000_000_000n;
    const ns = String(mtimeNs % 1_000_000_000n).padStart(9, '0');
    execFileSync('touch', ['-m', '-d', `@${s}.${ns}`, path]);
    assert.equal(statSync(path, { bigint: true }).mtimeNs, mtimeNs, 'size, inode and mtime are as sportello left them');
    assert.equal(lastCheckOfCleanClose(path), null, 'the clean-close record no longer vouches for the file');
    assert.throws(() => openDatabase(path), corruptIn('session_notice'));
  });

  test('in a write-ahead log left by a crash: refused, the file and its log both untouched', (t) => {
    const fx = freshDb(t);
    activatedSession(fx.db, [{ token: 'TOKEN-WAL', expiresAtMs: T0 + 600_000 }]);
    fx.db.close();
    // Another tool writes the bad record; a copy taken before it closes is the file a crash leaves.
    const copy = `${fx.path}.copy`;
    const writer = new Database(fx.path);
    writer.pragma('wal_autocheckpoint = 0');
    writer.pragma('ignore_check_constraints = 1');
    writer.prepare('UPDATE session_notice SET position = 0').run();
    copyFileSync(fx.path, copy);
    copyFileSync(`${fx.path}-wal`, `${copy}-wal`);
    writer.close();
    const main = readFileSync(copy);
    const log = readFileSync(`${copy}-wal`);
    assert.ok(log.length > 0, 'the damage is only in the log');
    assert.throws(() => openDatabase(copy), corruptIn('session_notice'));
    assert.ok(Buffer.compare(readFileSync(copy), main) === 0, 'not checkpointed into the file');
    assert.ok(Buffer.compare(readFileSync(`${copy}-wal`), log) === 0, 'the log is kept as found');
  });

  test('readonly: true is the rescue mode: the intact rows can be read, nothing can be written', (t) => {
    const { path, sessionId } = cleanFile(t);
    breakCheck(path);
    const before = readFileSync(path);
    const rescue = openDatabase(path, { readonly: true });
    t.after(() => rescue.close());
    assert.equal(rescue.sessions.get(sessionId)?.id, sessionId);
    assert.throws(
      () => rescue.journal.append('x', {}),
      (err: unknown) => err instanceof StorageUnavailable && err.reason === 'read-only',
    );
    rescue.close();
    assert.ok(Buffer.compare(readFileSync(path), before) === 0);
  });
});
