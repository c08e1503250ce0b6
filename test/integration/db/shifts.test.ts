// Shifts, tenders and settings on a real file: one open shift per terminal, Z numbers, cash totals
// per shift, and the journal head recorded at close.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { AmountInvalid } from '../../../kernel/money';
import { ConstraintViolated, RecordNotFound, StateConflict } from '../../../db/index';
import { freshDb, T0 } from './fixture';

describe('shifts', () => {
  test('open, one at a time per terminal, close with the Z report number and the journal head', (t) => {
    const { db, clock } = freshDb(t);
    const first = db.shifts.open({ terminalId: 'T-01', operatorId: 'op-1', floatCents: 10_000 });
    assert.equal(first.openedAt, new Date(T0).toISOString());
    assert.deepEqual(db.shifts.current('T-01'), first);
    assert.throws(() => db.shifts.open({ terminalId: 'T-01', operatorId: 'op-2', floatCents: 0 }), StateConflict);
    const other = db.shifts.open({ terminalId: 'T-02', operatorId: 'op-2', floatCents: 0 });

    db.journal.append('shift-opened', { shiftId: first.id });
    const head = db.journal.append('cash-in', { cents: 500 });
    clock.advance(8 * 3_600_000);
    const closed = db.shifts.close(first.id, { countedCashCents: 14_950, expectedCashCents: 15_000 });
    assert.equal(closed.closedAt, new Date(T0 + 8 * 3_600_000).toISOString());
    assert.equal(closed.differenceCents, -50, 'fifty cents missing');
    assert.equal(closed.zReportNumber, 1);
    assert.equal(closed.journalSeq, head.seq);
    assert.equal(closed.journalHash, head.hash);
    assert.equal(db.shifts.current('T-01'), null);
    assert.throws(() => db.shifts.close(first.id, { countedCashCents: 0, expectedCashCents: 0 }), StateConflict);
    assert.throws(() => db.shifts.close('nope', { countedCashCents: 0, expectedCashCents: 0 }), RecordNotFound);

    assert.equal(db.shifts.close(other.id, { countedCashCents: 0, expectedCashCents: 0 }).zReportNumber, 2);
    const again = db.shifts.open({ terminalId: 'T-01', operatorId: 'op-1', floatCents: 5_000 });
    const recent = db.shifts.listRecent();
    assert.equal(recent.length, 3);
    assert.equal(recent[0]!.id, again.id, 'newest first');
    assert.deepEqual(
      db.shifts
        .listRecent({ before: again.openedAt })
        .map((s) => s.id)
        .sort(),
      [first.id, other.id].sort(),
    );
  });

  test('amounts must be integer cents', (t) => {
    const { db } = freshDb(t);
    assert.throws(() => db.shifts.open({ terminalId: 'T', operatorId: 'o', floatCents: 100.5 }), AmountInvalid);
    const s = db.shifts.open({ terminalId: 'T', operatorId: 'o', floatCents: 100 });
    assert.throws(() => db.shifts.close(s.id, { countedCashCents: 100, expectedCashCents: 99.99 }), AmountInvalid);
    assert.equal(db.shifts.current('T')!.closedAt, null);
  });
});

describe('tenders', () => {
  test('payments and refunds are totalled per shift, kind and method', (t) => {
    const { db } = freshDb(t);
    const shift = db.shifts.open({ terminalId: 'T-01', operatorId: 'op-1', floatCents: 10_000 });
    const s1 = db.sessions.create({ state: 'completed', kind: 'counter', terminalId: 'T-01', shiftId: shift.id });
    const s2 = db.sessions.create({ state: 'refunded', kind: 'counter', terminalId: 'T-01', shiftId: shift.id });
    const base = { terminalId: 'T-01', operatorId: 'op-1', shiftId: shift.id };
    db.tenders.record({
      ...base,
      sessionId: s1.id,
      method: 'cash',
      amountCents: 4_300,
      feeCents: 150,
      givenCents: 5_000,
      changeCents: 550,
    });
    db.tenders.record({ ...base, sessionId: s1.id, method: 'cash', amountCents: 1_000, feeCents: 150, givenCents: 1_150, changeCents: 0 });
    db.tenders.record({ ...base, sessionId: s2.id, method: 'card', amountCents: 2_000, feeCents: 0, reference: 'AUTH01' });
    db.tenders.record({ ...base, sessionId: s2.id, kind: 'refund', method: 'cash', amountCents: 2_000, feeCents: 0 });
    assert.deepEqual(db.tenders.totalsByShift(shift.id), [
      { kind: 'payment', method: 'card', count: 1, amountCents: 2_000, feeCents: 0 },
      { kind: 'payment', method: 'cash', count: 2, amountCents: 5_300, feeCents: 300 },
      { kind: 'refund', method: 'cash', count: 1, amountCents: 2_000, feeCents: 0 },
    ]);
    assert.deepEqual(
      db.tenders.listBySession(s2.id).map((x) => [x.kind, x.method, x.reference]),
      [
        ['payment', 'card', 'AUTH01'],
        ['refund', 'cash', null],
      ],
    );
  });

  test('change that does not match what was given is refused', (t) => {
    const { db } = freshDb(t);
    const s = db.sessions.create({ state: 'activated', kind: 'counter', terminalId: 'T-01' });
    assert.throws(
      () =>
        db.tenders.record({
          sessionId: s.id,
          terminalId: 'T-01',
          method: 'cash',
          amountCents: 1_000,
          feeCents: 0,
          givenCents: 2_000,
          changeCents: 500,
        }),
      ConstraintViolated,
    );
    assert.throws(
      () => db.tenders.record({ sessionId: 'missing', terminalId: 'T-01', method: 'card', amountCents: 1, feeCents: 0 }),
      ConstraintViolated,
    );
    assert.equal(db.tenders.listBySession(s.id).length, 0);
  });
});

describe('settings', () => {
  test('JSON values survive a reopen; missing keys are undefined', (t) => {
    const fx = freshDb(t);
    fx.db.settings.set('outbox.lastReset', { by: 'tech-1', at: '2026-11-23T09:00:00.000Z' });
    fx.db.settings.set('counter', 1);
    fx.db.settings.set('counter', 2);
    const db = fx.reopen();
    assert.deepEqual(db.settings.get('outbox.lastReset'), { at: '2026-11-23T09:00:00.000Z', by: 'tech-1' });
    assert.equal(db.settings.get('counter'), 2);
    assert.equal(db.settings.get('missing'), undefined);
    assert.deepEqual(Object.keys(db.settings.all()), ['counter', 'outbox.lastReset']);
    assert.equal(db.settings.remove('counter'), true);
    assert.equal(db.settings.remove('counter'), false);
  });
});
