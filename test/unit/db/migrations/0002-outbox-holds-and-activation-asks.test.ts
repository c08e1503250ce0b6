// Migration 0002 on a file that already holds payments at schema 1: stalled messages (pending at the
// old magic time) become `stalled`, everything else keeps its state, delivery attempts keep naming
// their message, the notice gains its activation-ask columns, and the new states are accepted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { migrate, MIGRATIONS } from '../../../../db/index';
import { tempDir } from '../../../support/tmp';

const OLD_STALLED_AT = 8_000_000_000_000_000;

function v1WithPayments(t: Parameters<typeof tempDir>[0]) {
  const db = new Database(join(tempDir(t), 'm.db'));
  db.pragma('foreign_keys = ON');
  t.after(() => db.close());
  migrate(db, MIGRATIONS.slice(0, 1));
  const now = '2026-12-04T10:00:00.000Z';
  db.prepare(
    `INSERT INTO payment_session (id, state, kind, terminal_id, created_at, updated_at) VALUES ('s1', 'outcome-pending', 'counter', 'T1', ?, ?)`,
  ).run(now, now);
  const notice =
    db.prepare(`INSERT INTO session_notice (session_id, position, payload_kind, fiscal_code, notice_number, phase, payment_token, token_expires_at_ms, token_duration_ms, activate_idempotency_key, created_at, updated_at)
    VALUES ('s1', ?, 'qr', '77777777777', ?, 'ok-queued', ?, 1790000000000, 1800000, ?, ?, ?)`);
  notice.run(1, '301000000000000001', 'tok1', '77777777777_aaaaaaaaaa', now, now);
  notice.run(2, '301000000000000002', 'tok2', '77777777777_bbbbbbbbbb', now, now);
  const msg =
    db.prepare(`INSERT INTO outbox_message (session_id, notice_id, payment_token, outcome, state, attempts, next_attempt_at_ms, deadline_ms, created_at, updated_at)
    VALUES ('s1', ?, ?, 'OK', ?, ?, ?, 1790000000000, ?, ?)`);
  msg.run(1, 'tok1', 'pending', 5, OLD_STALLED_AT, now, now);
  msg.run(2, 'tok2', 'pending', 1, 1789000000000, now, now);
  db.prepare(
    `INSERT INTO delivery_attempt (message_id, attempt_no, idempotency_key, started_at, finished_at, result) VALUES (1, 1, 'k1', ?, ?, 'no-response')`,
  ).run(now, now);
  return db;
}

test('0002 turns the magic stalled time into the stalled state and keeps every attempt attached', (t) => {
  const db = v1WithPayments(t);
  const report = migrate(db, MIGRATIONS.slice(0, 2));
  assert.deepEqual(report.applied, ['0002-outbox-holds-and-activation-asks']);
  const rows = db.prepare('SELECT id, state, attempts, next_attempt_at_ms AS next FROM outbox_message ORDER BY id').all();
  assert.deepEqual(rows, [
    { id: 1, state: 'stalled', attempts: 5, next: 0 },
    { id: 2, state: 'pending', attempts: 1, next: 1789000000000 },
  ]);
  assert.deepEqual(db.pragma('foreign_key_check'), []);
  assert.equal((db.prepare('SELECT count(*) AS n FROM delivery_attempt WHERE message_id = 1').get() as { n: number }).n, 1);
  // The trigger came back with the table: an outcome for a token no notice holds is still refused.
  assert.throws(
    () =>
      db
        .prepare(
          `INSERT INTO outbox_message (session_id, notice_id, payment_token, outcome, next_attempt_at_ms, deadline_ms, created_at, updated_at)
    VALUES ('s1', 1, 'someone-else', 'KO', 0, 0, 'x', 'x')`,
        )
        .run(),
    /activated notice/,
  );
});

test('0002 accepts parked and stalled, refuses other states, and adds the activation-ask columns', (t) => {
  const db = v1WithPayments(t);
  migrate(db, MIGRATIONS.slice(0, 2));
  db.prepare(`UPDATE outbox_message SET state = 'parked' WHERE id = 2`).run();
  assert.throws(() => db.prepare(`UPDATE outbox_message SET state = 'waiting' WHERE id = 2`).run(), /CHECK/);
  const cols = (db.pragma('table_xinfo(session_notice)') as Array<{ name: string }>).map((c) => c.name);
  for (const c of ['activate_sent_at_ms', 'activate_last_sent_at_ms', 'activate_asks', 'activate_next_ask_at_ms'])
    assert.ok(cols.includes(c), `session_notice has ${c}`);
  assert.throws(() => db.prepare('UPDATE session_notice SET activate_asks = -1 WHERE id = 1').run(), /CHECK/);
});
