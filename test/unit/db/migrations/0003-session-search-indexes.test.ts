// Migration 0003: the payment history's searches by operator and by amount use an index instead of
// reading every session (EXPLAIN QUERY PLAN through the repository's own statements' shape).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { migrate, MIGRATIONS } from '../../../../db/index';
import { tempDir } from '../../../support/tmp';

const plan = (db: Database.Database, where: string): string =>
  (
    db.prepare(`EXPLAIN QUERY PLAN SELECT * FROM payment_session WHERE ${where} ORDER BY created_at DESC, id DESC LIMIT 51`).all() as {
      detail: string;
    }[]
  )
    .map((r) => r.detail)
    .join(' | ');

test('0003 indexes sessions by operator and by both amounts; the searches use them', (t) => {
  const db = new Database(join(tempDir(t), 'm.db'));
  t.after(() => db.close());
  migrate(db, MIGRATIONS.slice(0, 3));
  const names = (
    db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'payment_session'`).all() as { name: string }[]
  ).map((r) => r.name);
  for (const n of ['payment_session_by_operator', 'payment_session_by_due', 'payment_session_by_notices_cents'])
    assert.ok(names.includes(n), n);

  assert.match(plan(db, `operator_id = 'mrossi'`), /payment_session_by_operator/);
  const amount = plan(db, `(tender_due_cents = 4700 OR tender_notices_cents = 4700)`);
  assert.match(amount, /payment_session_by_due/);
  assert.match(amount, /payment_session_by_notices_cents/);
  assert.doesNotMatch(amount, /SCAN payment_session(?! USING)/);
});
