// A really full disk: a tiny tmpfs filled to the last byte. Needs root and permission to mount
// (skipped otherwise; open.test.ts covers SQLITE_FULL portably through max_page_count).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase, readWitness, StorageUnavailable } from '../../../db/index';
import { fillUp, mountTinyTmpfs } from '../../support/tmpfs';

const diskFull = (err: unknown) => err instanceof StorageUnavailable && err.reason === 'disk-full';

test('a full file system: writes fail as disk-full, committed data survives, reopening says disk-full, and all is well once space is freed', (t) => {
  const dir = mountTinyTmpfs(t, '768k');
  if (!dir) {
    t.skip('needs root and mount (tmpfs)');
    return;
  }
  const ballast = join(dir, 'ballast');
  writeFileSync(ballast, Buffer.alloc(384 * 1024));
  const path = join(dir, 'sportello.db');

  // A page write hits ENOSPC: SQLite says SQLITE_FULL.
  let db = openDatabase(path);
  let written = 0;
  assert.throws(
    () => {
      for (;;) {
        db.journal.append('filler', { text: 'y'.repeat(1500) });
        written += 1;
      }
    },
    (err: unknown) => diskFull(err) && (err as StorageUnavailable).details.sqliteCode === 'SQLITE_FULL',
  );
  assert.ok(written > 0);
  assert.deepEqual(db.journal.verify(), { ok: true, count: written });
  db.close();

  // Restarting on a disk with no byte left: SQLite cannot size its shared-memory file and says
  // SQLITE_IOERR_SHMSIZE, which must still read as a full disk.
  const filler = join(dir, 'filler');
  fillUp(filler);
  assert.throws(() => openDatabase(path), diskFull);

  unlinkSync(filler);
  unlinkSync(ballast);
  db = openDatabase(path);
  assert.deepEqual(db.journal.verify(), { ok: true, count: written });
  db.journal.append('after-space-freed', { ok: true });
  db.close();
});

test('disk full while running: the refused write leaves the file intact and readable, and the same handle writes again once space is freed', (t) => {
  const dir = mountTinyTmpfs(t, '2m');
  if (!dir) {
    t.skip('needs root and mount (tmpfs): could not mount one');
    return;
  }
  const path = join(dir, 'sportello.db');
  // The witness is rewritten after every commit here, so it too meets the full disk.
  const db = openDatabase(path, { witnessEveryMs: 0 });
  t.after(() => db.close());
  const first = db.journal.append('tender-committed', { tokens: ['TOKEN-BEFORE-FULL'] });
  assert.equal(readWitness(path)?.journal.seq, first.seq, 'the witness was written before the disk filled');

  const filler = join(dir, 'filler');
  fillUp(filler);
  let written = 1;
  assert.throws(
    () => {
      for (;;) {
        db.transaction(() => db.journal.append('tender-committed', { text: 'y'.repeat(3000) }));
        written += 1;
      }
    },
    (err: unknown) => diskFull(err),
  );
  // Nothing half-written: every committed entry is readable, the chain and the pages are sound.
  assert.deepEqual(db.journal.get(1)?.payload, { tokens: ['TOKEN-BEFORE-FULL'] });
  assert.deepEqual(db.journal.verify(), { ok: true, count: written });
  assert.deepEqual(db.sqlite.pragma('quick_check', { simple: true }), 'ok');
  assert.ok(readWitness(path)!.journal.seq <= written, 'a witness that could not be rewritten stays behind, never ahead');

  unlinkSync(filler);
  const after = db.journal.append('after-space-freed', { ok: true });
  assert.equal(after.seq, written + 1, 'the same handle, without reopening');
  assert.deepEqual(db.journal.verify(), { ok: true, count: written + 1 });
  db.close();
  assert.ok(readFileSync(path).length > 0);
  const reopened = openDatabase(path);
  assert.deepEqual(reopened.journal.verify(), { ok: true, count: written + 1 });
  reopened.close();
});
