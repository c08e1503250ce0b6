// A data folder on a file system mounted read-only: SQLite fails taking its lock
// (SQLITE_IOERR_LOCK) or creating its -shm file (SQLITE_CANTOPEN), which must reach the technician
// as read-only, not as a failing disk. Needs root and mount (a real tmpfs remounted read-only).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, StorageUnavailable } from '../../../db/index';

function mountTmpfs(): string | null {
  if (process.getuid?.() !== 0) return null;
  const dir = mkdtempSync(join(tmpdir(), 'sportello-ro-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', dir], { stdio: 'ignore' });
    return dir;
  } catch {
    rmSync(dir, { recursive: true, force: true });
    return null;
  }
}

const readOnly = (err: unknown) =>
  err instanceof StorageUnavailable &&
  err.reason === 'read-only' &&
  err.details.readOnly === 'read-only-file-system' &&
  /mounted read-only/.test(err.message);

test('a data folder mounted read-only is reported as read-only, for the existing file, a read-only open and a new file', (t) => {
  const dir = mountTmpfs();
  if (!dir) {
    t.skip('needs root and mount (tmpfs): could not mount one');
    return;
  }
  t.after(() => {
    execFileSync('umount', [dir], { stdio: 'ignore' });
    rmSync(dir, { recursive: true, force: true });
  });
  const path = join(dir, 'sportello.db');
  const db = openDatabase(path);
  db.journal.append('session-started', {});
  db.close();
  execFileSync('mount', ['-o', 'remount,ro', dir], { stdio: 'ignore' });

  assert.throws(() => openDatabase(path), readOnly);
  assert.throws(() => openDatabase(path, { readonly: true }), readOnly);
  assert.throws(() => openDatabase(join(dir, 'other.db')), readOnly);
});
