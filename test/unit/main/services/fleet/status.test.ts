// Today's money per creditor, from the journal's tender entries of the Europe/Rome day: an entry of
// 23:30 UTC belongs to the next Rome day (summer time), one of yesterday is left out, and each
// notice counts as one payment to its own creditor.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { openDatabase } from '../../../../../db/index';
import { todayByCreditor } from '../../../../../main/services/fleet/status';
import { tempDir } from '../../../../support/tmp';

test('per creditor, the Rome calendar day only', (t) => {
  let now = Date.parse('2026-06-01T21:30:00.000Z'); // 23:30 in Rome, June 1st
  const db = openDatabase(join(tempDir(t), 'sportello.db'), { clock: () => now });
  t.after(() => db.close());
  const tender = (notices: Array<[string, number]>) =>
    db.journal.append('tender-submitted', { notices: notices.map(([fiscalCode, amountCents]) => ({ fiscalCode, amountCents })) });
  tender([['11111111111', 1_000]]); // June 1st in Rome
  now = Date.parse('2026-06-01T22:30:00.000Z'); // 00:30 on June 2nd in Rome
  tender([
    ['22222222222', 4_550],
    ['11111111111', 12_000],
  ]);
  db.journal.append('notice-added', { fiscalCode: '33333333333', amountCents: 99 }); // not money
  now = Date.parse('2026-06-02T15:00:00.000Z');
  tender([['22222222222', 450]]);
  assert.deepEqual(todayByCreditor(db, now), [
    { fiscalCode: '11111111111', payments: 1, cents: 12_000 },
    { fiscalCode: '22222222222', payments: 2, cents: 5_000 },
  ]);
});
