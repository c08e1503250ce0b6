// The witness (db/witness.ts): a terminal that has held records refuses a missing, emptied or
// replaced database instead of silently creating a new one, never refuses its own file because the
// witness lagged behind, and gets out of a refusal only by a deliberate, journaled technician act.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync, readFileSync, statSync, truncateSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import {
  adoptRestored,
  DatabaseEmptied,
  DatabaseMissing,
  DatabaseNotRefused,
  openDatabase,
  readWitness,
  startAfresh,
  witnessPath,
} from '../../../db/index';
import type { SportelloDatabase } from '../../../db/index';
import { writeWitness } from '../../../db/witness';
import { tempDir } from '../../support/tmp';
import { activatedSession, T0 } from './fixture';

const CHILD = fileURLToPath(new URL('./witness-child.ts', import.meta.url));

/** A terminal's database that has held a payment whose OK is still queued, closed cleanly. */
function terminalWithQueuedOk(t: Parameters<typeof tempDir>[0]): { path: string; dir: string } {
  const dir = tempDir(t, 'sportello-witness-');
  const path = join(dir, 'sportello.db');
  const db = openDatabase(path, { clock: () => T0 });
  queueOk(db, 'TOKEN-QUEUED-1');
  db.close();
  return { path, dir };
}

function queueOk(db: SportelloDatabase, token: string) {
  const { session, notices } = activatedSession(db, [{ token, expiresAtMs: T0 + 600_000 }]);
  db.transaction(() => {
    db.tenders.record({ sessionId: session.id, method: 'card', amountCents: 1000, feeCents: 0, terminalId: 'T-01' });
    db.outbox.enqueue({
      sessionId: session.id,
      noticeId: notices[0]!.id,
      paymentToken: token,
      outcome: 'OK',
      details: null,
      deadlineMs: T0 + 600_000,
    });
    db.journal.append('tender-committed', { tokens: [token] }, session.id);
  });
}

const emptied = (reason: string) => (err: unknown) =>
  err instanceof DatabaseEmptied &&
  err.code === 'DB_EMPTIED' &&
  err.reason === reason &&
  /sportello db start-afresh --confirm/.test(err.message) &&
  /copy the latest backup/.test(err.message);

describe('the witness refuses a database that is not the one this terminal used', () => {
  test('a database cut to 0 bytes is refused as DB_EMPTIED, stays 0 bytes, and nothing is created', (t) => {
    const { path } = terminalWithQueuedOk(t);
    truncateSync(path, 0);
    assert.throws(() => openDatabase(path), emptied('empty-file'));
    assert.equal(statSync(path).size, 0, 'the file is left as found');
    assert.equal(existsSync(`${path}-wal`), false);
  });

  test('a deleted database is refused as DB_MISSING and not re-created', (t) => {
    const { path } = terminalWithQueuedOk(t);
    unlinkSync(path);
    assert.throws(
      () => openDatabase(path),
      (err: unknown) =>
        err instanceof DatabaseMissing && err.code === 'DB_MISSING' && /sportello db start-afresh --confirm/.test(err.message),
    );
    assert.equal(existsSync(path), false);
  });

  test('an empty SQLite file put in its place is refused (no journal)', (t) => {
    const { path } = terminalWithQueuedOk(t);
    unlinkSync(path);
    const blank = new Database(path);
    blank.pragma('journal_mode = WAL'); // writes the header: a valid, empty SQLite file
    blank.close();
    const size = statSync(path).size;
    assert.ok(size > 0);
    assert.throws(
      () => openDatabase(path),
      (err: unknown) => err instanceof DatabaseEmptied && ['shrunk', 'no-journal'].includes(err.reason),
    );
    // Even with a floor it meets, it has no journal.
    writeWitness(path, { seq: readWitness(`${path}`)!.journal.seq, hash: readWitness(path)!.journal.hash }, T0);
    assert.throws(() => openDatabase(path), emptied('no-journal'));
    assert.equal(statSync(path).size, size);
  });

  test("an older copy is refused as journal-behind; another terminal's file as journal-differs", (t) => {
    const { path, dir } = terminalWithQueuedOk(t);
    const older = join(dir, 'older.db');
    copyFileSync(path, older);
    let db = openDatabase(path, { clock: () => T0, witnessEveryMs: 0 });
    queueOk(db, 'TOKEN-QUEUED-2');
    db.close();
    const before = readFileSync(older);
    copyFileSync(older, path);
    assert.throws(() => openDatabase(path), emptied('journal-behind'));
    assert.ok(Buffer.compare(readFileSync(path), before) === 0, 'the refused copy is byte-identical');

    const otherDir = tempDir(t);
    const other = openDatabase(join(otherDir, 'x.db'), { clock: () => T0 + 1 });
    queueOk(other, 'OTHER-1');
    queueOk(other, 'OTHER-2');
    queueOk(other, 'OTHER-3');
    other.close();
    copyFileSync(join(otherDir, 'x.db'), path);
    assert.throws(() => openDatabase(path), emptied('journal-differs'));
    db = openDatabase(join(otherDir, 'x.db'));
    db.close();
  });

  test('a terminal that never held records still creates its database (no witness, no refusal)', (t) => {
    const path = join(tempDir(t), 'sportello.db');
    openDatabase(path).close();
    assert.equal(readWitness(path), null, 'no records, no witness');
    unlinkSync(path);
    openDatabase(path).close();
  });
});

describe('the witness is kept cheaply and never causes a false refusal', () => {
  test('written 0600 at the first journal entry, then not at every commit, and brought up to date at close', (t) => {
    const path = join(tempDir(t), 'sportello.db');
    const db = openDatabase(path, { clock: () => T0 });
    assert.equal(readWitness(path), null);
    const first = db.journal.append('session-started', {});
    const w1 = readWitness(path);
    assert.deepEqual(w1?.journal, { seq: first.seq, hash: first.hash }, 'the first entry is witnessed at once');
    assert.equal(statSync(witnessPath(path)).mode & 0o777, 0o600);
    db.journal.append('session-started', {});
    const third = db.journal.append('session-started', {});
    assert.equal(readWitness(path)?.journal.seq, first.seq, 'no witness write per commit');
    db.close();
    assert.deepEqual(readWitness(path)?.journal, { seq: third.seq, hash: third.hash });
  });

  test('a rolled-back transaction never reaches the witness', (t) => {
    const path = join(tempDir(t), 'sportello.db');
    const db = openDatabase(path, { clock: () => T0, witnessEveryMs: 0 });
    assert.throws(
      () =>
        db.transaction(() => {
          db.journal.append('tender-committed', {});
          throw new Error('tender failed');
        }),
      /tender failed/,
    );
    assert.equal(readWitness(path), null, 'nothing committed, nothing witnessed');
    db.close();
    openDatabase(path).close();
  });

  test('after a crash the witness is behind the file: the terminal opens normally', (t) => {
    const path = join(tempDir(t), 'sportello.db');
    const r = spawnSync(process.execPath, ['--import', 'tsx', CHILD, path, '5'], { encoding: 'utf8' });
    assert.equal(r.signal, 'SIGKILL', r.stderr);
    assert.equal(readWitness(path)?.journal.seq, 1, 'the witness lags behind the 5 entries');
    const db = openDatabase(path);
    assert.equal(db.journal.head()?.seq, 5);
    db.close();
    assert.equal(readWitness(path)?.journal.seq, 5);
  });

  test('a witness behind the file by a restart is accepted, a witness of a later entry is not', (t) => {
    const { path } = terminalWithQueuedOk(t);
    const db = openDatabase(path, { clock: () => T0 });
    const head = db.journal.head()!;
    db.close();
    writeWitness(path, { seq: head.seq, hash: head.hash }, T0);
    openDatabase(path).close();
    writeWitness(path, { seq: head.seq + 1, hash: 'f'.repeat(64) }, T0);
    assert.throws(() => openDatabase(path), emptied('journal-behind'));
  });
});

describe("the technician's deliberate ways out", () => {
  test('start-afresh moves the emptied file aside, journals the old head in the new journal, and rewrites the witness', (t) => {
    const { path, dir } = terminalWithQueuedOk(t);
    const old = readWitness(path)!;
    truncateSync(path, 0);
    const report = startAfresh(path, { clock: () => T0 + 5 });
    assert.equal(report.refused.code, 'DB_EMPTIED');
    assert.ok(existsSync(join(report.setAsideTo, 'sportello.db')), 'the old file is kept, set aside');
    assert.equal(statSync(join(report.setAsideTo, 'sportello.db')).size, 0);
    assert.ok(existsSync(join(report.setAsideTo, 'sportello.db.witness')), 'so is the old witness');
    assert.ok(readdirSync(dir).some((f) => f.startsWith('set-aside-')));
    const db = openDatabase(path);
    const entry = db.journal.get(1)!;
    assert.equal(entry.kind, 'database-started-afresh');
    assert.deepEqual((entry.payload as { previous: unknown }).previous, {
      seq: old.journal.seq,
      hash: old.journal.hash,
      writtenAt: old.writtenAt,
    });
    assert.equal(db.outbox.pending().depth, 0);
    db.close();
    assert.equal(readWitness(path)?.journal.hash, entry.hash);
  });

  test('start-afresh and adopt-restored refuse a database that opens normally, and move nothing', (t) => {
    const { path, dir } = terminalWithQueuedOk(t);
    const files = () =>
      readdirSync(dir)
        .filter((f) => !f.endsWith('-shm'))
        .sort();
    const before = files();
    assert.throws(
      () => startAfresh(path),
      (err: unknown) => err instanceof DatabaseNotRefused && /1 outcome\(s\) queued/.test(err.message),
    );
    assert.throws(() => adoptRestored(path), DatabaseNotRefused);
    assert.deepEqual(files(), before);
    const db = openDatabase(path);
    assert.equal(db.outbox.pending().depth, 1, 'the queued OK is still there');
    db.close();
  });

  test('adopt-restored accepts an older copy with both heads journaled; start-afresh would not be needed', (t) => {
    const { path, dir } = terminalWithQueuedOk(t);
    const older = join(dir, 'backup.db');
    copyFileSync(path, older);
    let db = openDatabase(path, { clock: () => T0, witnessEveryMs: 0 });
    queueOk(db, 'TOKEN-AFTER-BACKUP');
    db.close();
    const lost = readWitness(path)!;
    copyFileSync(older, path);
    assert.throws(() => openDatabase(path), emptied('journal-behind'));
    const report = adoptRestored(path, { clock: () => T0 + 9 });
    assert.equal(report.refused.reason, 'journal-behind');
    db = openDatabase(path);
    const entry = db.journal.get(db.journal.head()!.seq)!;
    assert.equal(entry.kind, 'database-restored');
    assert.deepEqual((entry.payload as { previous: { seq: number } }).previous.seq, lost.journal.seq);
    assert.equal(db.outbox.pending().depth, 1, "the backup's queued OK is kept and will be sent");
    db.close();
    assert.ok(
      readdirSync(dir).some((f) => f.startsWith('sportello.db.witness.replaced-')),
      'the old witness is kept aside',
    );
  });

  test('adopt-restored does not accept a missing or emptied file: that is start-afresh', (t) => {
    const { path } = terminalWithQueuedOk(t);
    truncateSync(path, 0);
    assert.throws(() => adoptRestored(path), emptied('empty-file'));
    unlinkSync(path);
    assert.throws(() => adoptRestored(path), DatabaseMissing);
    writeFileSync(path, '');
  });
});
