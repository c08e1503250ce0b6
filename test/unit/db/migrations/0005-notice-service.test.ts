// Migration 0005: a demanded notice keeps its catalogue service and entered data as JSON; paper
// notices keep null; the column refuses text that is not JSON.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { migrate, MIGRATIONS } from '../../../../db/index';
import { tempDir } from '../../../support/tmp';

test('0005: session_notice.service holds JSON or null, nothing else', (t) => {
  const db = new Database(join(tempDir(t), 'm.db'));
  t.after(() => db.close());
  migrate(db, MIGRATIONS.slice(0, 5));
  db.exec(`PRAGMA foreign_keys = OFF`);
  const insert = db.prepare(
    `INSERT INTO session_notice (session_id, position, payload_kind, fiscal_code, notice_number, phase, created_at, updated_at, service)
     VALUES ('s', ?, 'service', '77777777777', '302000000000000017', 'verifying', 'now', 'now', ?)`,
  );
  insert.run(1, JSON.stringify({ idSoggettoServizio: '00301', data: [{ path: 'targa', name: 'targa', value: 'AB123CD' }] }));
  insert.run(2, null);
  assert.throws(() => insert.run(3, 'not json'), /CHECK/);
  const rows = db.prepare('SELECT position, service FROM session_notice ORDER BY position').all() as { service: string | null }[];
  assert.equal(JSON.parse(rows[0]!.service!).idSoggettoServizio, '00301');
  assert.equal(rows[1]!.service, null);
});
