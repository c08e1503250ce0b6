// The journal: chained appends, triggers that refuse changes through SQL, and verify() finding
// changes made behind SQLite's back (a second raw connection with the triggers dropped, the way
// someone editing the file with the sqlite3 shell would).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { ConstraintViolated, DatabaseEmptied, entryHash, GENESIS_HASH, JournalPayloadInvalid, openDatabase } from '../../../db/index';
import { freshDb } from './fixture';
import type { Fixture } from './fixture';

function withEntries(t: Parameters<typeof freshDb>[0], n: number): Fixture {
  const fx = freshDb(t);
  for (let i = 1; i <= n; i++) {
    fx.clock.advance(1000);
    fx.db.journal.append(i % 2 ? 'tender' : 'outcome-accepted', { n: i, amountCents: i * 100 }, i % 2 ? `session-${i}` : null);
  }
  return fx;
}

/**
 * Changes the closed file through a raw connection without the append-only triggers, then opens it
 * past the witness (as `sportello db adopt-restored` would): a journal cut at its end is refused at
 * a normal open (witness.test.ts); here verify() must still say where.
 */
function tamper(fx: Fixture, sql: string, ...params: unknown[]) {
  fx.db.close();
  const raw = new Database(fx.path);
  raw.exec('DROP TRIGGER journal_no_update; DROP TRIGGER journal_no_delete;');
  raw.prepare(sql).run(...params);
  raw.close();
  return fx.reopen({ ignoreWitness: true });
}

describe('journal append', () => {
  test('chains each entry to the one before', (t) => {
    const { db } = withEntries(t, 3);
    const [a, b, c] = db.journal.list();
    assert.equal(a!.prevHash, GENESIS_HASH);
    assert.equal(b!.prevHash, a!.hash);
    assert.equal(c!.prevHash, b!.hash);
    assert.equal(c!.hash, entryHash(b!.hash, { at: c!.at, kind: c!.kind, sessionId: c!.sessionId, payload: c!.payload }));
    assert.deepEqual(db.journal.head(), { seq: 3, hash: c!.hash });
    assert.deepEqual(db.journal.verify(), { ok: true, count: 3 });
  });

  test('stores the payload in canonical form and finds entries by session', (t) => {
    const { db } = freshDb(t);
    db.journal.append('tender', { z: 1, a: { y: 2, b: 3 } }, 'S-1');
    db.journal.append('other', {}, 'S-2');
    const text = db.sqlite.prepare('SELECT payload FROM journal WHERE seq = 1').pluck().get();
    assert.equal(text, '{"a":{"b":3,"y":2},"z":1}');
    assert.deepEqual(
      db.journal.bySession('S-1').map((e) => e.kind),
      ['tender'],
    );
  });

  test('refuses payloads that have no canonical JSON, writing nothing', (t) => {
    const { db } = freshDb(t);
    assert.throws(() => db.journal.append('bad', { amount: Number.NaN }), JournalPayloadInvalid);
    assert.equal(db.journal.head(), null);
  });

  test('an empty journal verifies', (t) => {
    const { db } = freshDb(t);
    assert.deepEqual(db.journal.verify(), { ok: true, count: 0 });
  });
});

describe('journal is append-only through SQL', () => {
  test('UPDATE and DELETE are refused by triggers, as typed errors through the handle', (t) => {
    const { db } = withEntries(t, 2);
    const update = () => db.transaction(() => db.sqlite.prepare(`UPDATE journal SET payload = '{"n":999}' WHERE seq = 1`).run());
    const remove = () => db.transaction(() => db.sqlite.prepare('DELETE FROM journal WHERE seq = 2').run());
    assert.throws(update, (err: unknown) => err instanceof ConstraintViolated && /append-only/.test(err.message));
    assert.throws(remove, (err: unknown) => err instanceof ConstraintViolated && /append-only/.test(err.message));
    assert.deepEqual(db.journal.verify(), { ok: true, count: 2 });
  });
});

describe('journal verify finds tampering and says where', () => {
  test('an edited payload', (t) => {
    const fx = withEntries(t, 6);
    const db = tamper(fx, `UPDATE journal SET payload = '{"amountCents":1,"n":4}' WHERE seq = 4`);
    assert.deepEqual(db.journal.verify(), { ok: false, brokenAt: 4, reason: 'edited' });
  });

  test('an edited timestamp or kind', (t) => {
    const fx = withEntries(t, 6);
    const db = tamper(fx, `UPDATE journal SET kind = 'refund' WHERE seq = 2`);
    assert.deepEqual(db.journal.verify(), { ok: false, brokenAt: 2, reason: 'edited' });
  });

  test('an edit whose hash was recomputed is still found, at the edited entry', (t) => {
    const fx = withEntries(t, 6);
    const row = fx.db.journal.get(3)!;
    const payload = { ...(row.payload as Record<string, number>), amountCents: 1 };
    const forged = entryHash(row.prevHash, { at: row.at, kind: row.kind, sessionId: row.sessionId, payload });
    const db = tamper(fx, 'UPDATE journal SET payload = ?, hash = ? WHERE seq = 3', JSON.stringify(payload), forged);
    assert.deepEqual(db.journal.verify(), { ok: false, brokenAt: 3, reason: 'edited' });
  });

  test('a deleted entry in the middle', (t) => {
    const fx = withEntries(t, 6);
    const db = tamper(fx, 'DELETE FROM journal WHERE seq = 3');
    assert.deepEqual(db.journal.verify(), { ok: false, brokenAt: 3, reason: 'deleted' });
  });

  test('deleted entries at the end', (t) => {
    const fx = withEntries(t, 6);
    fx.db.close();
    const raw = new Database(fx.path);
    raw.exec('DROP TRIGGER journal_no_delete; DELETE FROM journal WHERE seq >= 5;');
    raw.close();
    assert.throws(
      () => openDatabase(fx.path),
      (err: unknown) => err instanceof DatabaseEmptied && err.reason === 'journal-behind',
      'a normal open refuses it',
    );
    const db = fx.reopen({ ignoreWitness: true });
    assert.deepEqual(db.journal.verify(), { ok: false, brokenAt: 5, reason: 'deleted' });
  });

  test('the whole journal deleted', (t) => {
    const fx = withEntries(t, 3);
    const db = tamper(fx, 'DELETE FROM journal');
    assert.deepEqual(db.journal.verify(), { ok: false, brokenAt: 1, reason: 'deleted' });
  });

  test('two entries swapped', (t) => {
    const fx = withEntries(t, 6);
    fx.db.close();
    const raw = new Database(fx.path);
    raw.exec(`DROP TRIGGER journal_no_update;
              UPDATE journal SET seq = -1 WHERE seq = 4;
              UPDATE journal SET seq = 4 WHERE seq = 5;
              UPDATE journal SET seq = 5 WHERE seq = -1;`);
    raw.close();
    const db = fx.reopen();
    assert.deepEqual(db.journal.verify(), { ok: false, brokenAt: 4, reason: 'reordered' });
  });

  test('a deleted entry with the rest renumbered to hide the gap', (t) => {
    const fx = withEntries(t, 6);
    fx.db.close();
    const raw = new Database(fx.path);
    raw.exec(`DROP TRIGGER journal_no_update; DROP TRIGGER journal_no_delete;
              DELETE FROM journal WHERE seq = 3;
              UPDATE journal SET seq = seq - 1 WHERE seq > 3;`);
    raw.close();
    const db = fx.reopen({ ignoreWitness: true });
    assert.deepEqual(db.journal.verify(), { ok: false, brokenAt: 3, reason: 'deleted' });
  });

  test('appending after a verified journal keeps it verifiable', (t) => {
    const fx = withEntries(t, 3);
    const db = fx.reopen();
    db.journal.append('after-restart', { ok: true });
    assert.deepEqual(db.journal.verify(), { ok: true, count: 4 });
  });
});
