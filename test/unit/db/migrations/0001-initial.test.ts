// Migration 0001 on an empty file: the tables, columns, indexes and triggers it creates, and the
// constraints that keep money and states honest at the SQL level.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { migrate, MIGRATIONS, SPORTELLO_APPLICATION_ID } from '../../../../db/index';
import { tempDir } from '../../../support/tmp';

function migrated(t: Parameters<typeof tempDir>[0]) {
  const db = new Database(join(tempDir(t), 'm.db'));
  db.pragma('foreign_keys = ON');
  t.after(() => db.close());
  const report = migrate(db, MIGRATIONS.slice(0, 1));
  return { db, report };
}

const columns = (db: Database.Database, table: string) =>
  (db.pragma(`table_xinfo(${table})`) as Array<{ name: string; type: string; notnull: number }>).map(
    (c) => `${c.name}:${c.type}${c.notnull ? '!' : ''}`,
  );

test('0001 creates every table as STRICT, stamps the file and sets user_version 1', (t) => {
  const { db, report } = migrated(t);
  assert.deepEqual(report, { from: 0, to: 1, applied: ['0001-initial'] });
  assert.equal(db.pragma('user_version', { simple: true }), 1);
  assert.equal(db.pragma('application_id', { simple: true }), SPORTELLO_APPLICATION_ID);
  const tables = (db.pragma('table_list') as Array<{ name: string; schema: string; strict: number }>)
    .filter((r) => r.schema === 'main' && !r.name.startsWith('sqlite_'))
    .map((r) => [r.name, r.strict] as const)
    .sort();
  assert.deepEqual(tables, [
    ['delivery_attempt', 1],
    ['journal', 1],
    ['outbox_message', 1],
    ['payment_session', 1],
    ['session_notice', 1],
    ['setting', 1],
    ['shift', 1],
    ['tender', 1],
  ]);
});

test('0001 columns: money in INTEGER cents, times as TEXT, deadlines as INTEGER ms', (t) => {
  const { db } = migrated(t);
  const sessions = columns(db, 'payment_session');
  for (const c of [
    'id:TEXT!',
    'state:TEXT!',
    'kind:TEXT!',
    'terminal_id:TEXT!',
    'operator_id:TEXT',
    'created_at:TEXT!',
    'updated_at:TEXT!',
    'tender_due_cents:INTEGER',
    'refund_required:INTEGER!',
    'operator_decision:TEXT',
    'decision_note:TEXT',
    'version:INTEGER!',
  ]) {
    assert.ok(sessions.includes(c), `payment_session has ${c}`);
  }
  const notices = columns(db, 'session_notice');
  for (const c of [
    'position:INTEGER!',
    'payload_kind:TEXT!',
    'payload_amount_cents:INTEGER',
    'fiscal_code:TEXT!',
    'notice_number:TEXT!',
    'verify_amount_cents:INTEGER',
    'verify_standin:INTEGER',
    'verified_at:TEXT',
    'payment_token:TEXT',
    'token_expires_at_ms:INTEGER',
    'token_duration_ms:INTEGER',
    'activated_at:TEXT',
    'creditor_reference_id:TEXT',
    'total_amount_cents:INTEGER',
    'transfers:TEXT',
    'suggested_user_fee_cents:INTEGER',
    'outcome_state:TEXT!',
    'activate_idempotency_key:TEXT',
  ]) {
    assert.ok(notices.includes(c), `session_notice has ${c}`);
  }
  const outbox = columns(db, 'outbox_message');
  for (const c of [
    'payment_token:TEXT!',
    'outcome:TEXT!',
    'details:TEXT',
    'state:TEXT!',
    'attempts:INTEGER!',
    'next_attempt_at_ms:INTEGER!',
    'deadline_ms:INTEGER!',
    'idempotency_key:TEXT',
    'last_error_code:TEXT',
    'last_error_message:TEXT',
  ]) {
    assert.ok(outbox.includes(c), `outbox_message has ${c}`);
  }
  assert.deepEqual(columns(db, 'delivery_attempt'), [
    'id:INTEGER',
    'message_id:INTEGER!',
    'attempt_no:INTEGER!',
    'idempotency_key:TEXT!',
    'started_at:TEXT!',
    'finished_at:TEXT',
    'result:TEXT',
    'fault_code:TEXT',
    'http_status:INTEGER',
    'error_detail:TEXT',
  ]);
  assert.deepEqual(columns(db, 'journal'), [
    'seq:INTEGER',
    'at:TEXT!',
    'kind:TEXT!',
    'session_id:TEXT',
    'payload:TEXT!',
    'prev_hash:TEXT!',
    'hash:TEXT!',
  ]);
  const tender = columns(db, 'tender');
  for (const c of [
    'method:TEXT!',
    'amount_cents:INTEGER!',
    'fee_cents:INTEGER!',
    'given_cents:INTEGER',
    'change_cents:INTEGER!',
    'terminal_id:TEXT!',
    'created_at:TEXT!',
  ]) {
    assert.ok(tender.includes(c), `tender has ${c}`);
  }
  const shift = columns(db, 'shift');
  for (const c of [
    'float_cents:INTEGER!',
    'counted_cash_cents:INTEGER',
    'expected_cash_cents:INTEGER',
    'difference_cents:INTEGER',
    'z_report_number:INTEGER',
  ]) {
    assert.ok(shift.includes(c), `shift has ${c}`);
  }
});

test('0001 indexes: searching by notice number and token, the outbox by state and deadline', (t) => {
  const { db } = migrated(t);
  const indexed = (table: string) =>
    (db.pragma(`index_list(${table})`) as Array<{ name: string }>).map((i) =>
      (db.pragma(`index_info(${i.name})`) as Array<{ name: string }>).map((c) => c.name).join(','),
    );
  assert.ok(indexed('session_notice').includes('notice_number,fiscal_code'));
  assert.ok(indexed('session_notice').includes('payment_token'));
  assert.ok(indexed('session_notice').includes('activate_idempotency_key'));
  assert.ok(indexed('outbox_message').includes('state,deadline_ms'));
  assert.ok(indexed('outbox_message').includes('payment_token,outcome'));
  const triggers = db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'trigger' ORDER BY name`).pluck().all() as string[];
  assert.deepEqual(triggers, ['journal_no_delete', 'journal_no_update', 'outbox_message_names_its_notice', 'session_notice_at_most_five']);
});

test('0001 constraints refuse floats for cents, unknown enumerations and inconsistent tenders', (t) => {
  const { db } = migrated(t);
  const now = '2026-11-23T09:00:00.000Z';
  db.prepare(
    `INSERT INTO payment_session (id, state, kind, terminal_id, created_at, updated_at) VALUES ('s1', 'cart', 'counter', 'T', ?, ?)`,
  ).run(now, now);
  const tender =
    db.prepare(`INSERT INTO tender (session_id, method, amount_cents, fee_cents, given_cents, change_cents, terminal_id, created_at)
                             VALUES ('s1', ?, ?, ?, ?, ?, 'T', ?)`);
  assert.throws(() => tender.run('cash', 10.5, 0, null, 0, now), /cannot store REAL value in INTEGER column/);
  assert.throws(() => tender.run('cheque', 1000, 0, null, 0, now), /CHECK constraint failed/);
  assert.throws(() => tender.run('cash', 1000, 100, 2000, 500, now), /CHECK constraint failed/, 'change must be given - amount - fee');
  tender.run('cash', 1000, 100, 2000, 900, now);
  assert.throws(
    () =>
      db
        .prepare(
          `UPDATE payment_session SET tender_method = 'card', tender_notices_cents = 100, tender_fee_cents = 10, tender_due_cents = 100, tender_change_cents = 0 WHERE id = 's1'`,
        )
        .run(),
    /CHECK constraint failed/,
  );
  assert.throws(() => db.prepare(`UPDATE payment_session SET kind = 'atm' WHERE id = 's1'`).run(), /CHECK constraint failed/);
  assert.throws(
    () =>
      db
        .prepare(`INSERT INTO tender (session_id, method, amount_cents, terminal_id, created_at) VALUES ('nope', 'cash', 1, 'T', ?)`)
        .run(now),
    /FOREIGN KEY/,
  );
});

test("0001 triggers: at most five notices per session, outcomes only for a notice's own token", (t) => {
  const { db } = migrated(t);
  const now = '2026-11-23T09:00:00.000Z';
  db.prepare(
    `INSERT INTO payment_session (id, state, kind, terminal_id, created_at, updated_at) VALUES ('s1', 'cart', 'counter', 'T', ?, ?)`,
  ).run(now, now);
  const notice =
    db.prepare(`INSERT INTO session_notice (session_id, position, payload_kind, fiscal_code, notice_number, phase, created_at, updated_at,
                               payment_token, token_expires_at_ms, token_duration_ms)
                             VALUES ('s1', ?, 'qr', '77777777777', '302000100000009407', 'activated', ?, ?, ?, 1, 1000)`);
  for (let p = 1; p <= 5; p++) notice.run(p, now, now, `tok-${p}`);
  assert.throws(() => notice.run(6, now, now, 'tok-6'), /at most 5 notices/);
  const outbox =
    db.prepare(`INSERT INTO outbox_message (session_id, notice_id, payment_token, outcome, next_attempt_at_ms, deadline_ms, created_at, updated_at)
                             VALUES ('s1', ?, ?, 'OK', 0, 0, ?, ?)`);
  assert.throws(() => outbox.run(1, 'tok-2', now, now), /activated notice of its session/);
  outbox.run(1, 'tok-1', now, now);
  assert.throws(() => outbox.run(1, 'tok-1', now, now), /UNIQUE constraint failed/);
});

test('0001 journal triggers make the table append-only', (t) => {
  const { db } = migrated(t);
  db.prepare(`INSERT INTO journal (at, kind, payload, prev_hash, hash) VALUES ('t', 'k', '{}', ?, ?)`).run('0'.repeat(64), 'a'.repeat(64));
  assert.throws(() => db.prepare(`UPDATE journal SET kind = 'other'`).run(), /append-only/);
  assert.throws(() => db.prepare('DELETE FROM journal').run(), /append-only/);
  assert.equal(db.prepare('SELECT count(*) FROM journal').pluck().get(), 1);
});
