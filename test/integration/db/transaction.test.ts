// db.transaction: the tender, its OK outcomes and the journal entry land together or not at all
// (invariant 1), including when the failure is SQLite's own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConstraintViolated, StateConflict } from '../../../db/index';
import { activatedSession, freshDb, T0 } from './fixture';
import type { SportelloDatabase } from '../../../db/index';

function commitTender(
  db: SportelloDatabase,
  sessionId: string,
  notices: Array<{ id: number; activation: { paymentToken: string; expiresAtMs: number } | null }>,
  fail?: () => void,
) {
  return db.transaction(() => {
    const tender = db.tenders.record({
      sessionId,
      method: 'cash',
      amountCents: 2000,
      feeCents: 100,
      givenCents: 2500,
      changeCents: 400,
      terminalId: 'T-01',
      operatorId: 'op-1',
    });
    for (const n of notices) {
      db.outbox.enqueue({
        sessionId,
        noticeId: n.id,
        paymentToken: n.activation!.paymentToken,
        outcome: 'OK',
        details: { fee: '1.00' },
        deadlineMs: n.activation!.expiresAtMs,
      });
    }
    const session = db.sessions.require(sessionId);
    db.sessions.update(sessionId, session.version, { state: 'outcome-pending' });
    db.journal.append('tender-committed', { tenderId: tender.id, tokens: notices.map((n) => n.activation!.paymentToken) }, sessionId);
    fail?.();
    return tender;
  });
}

function nothingRecorded(db: SportelloDatabase, sessionId: string) {
  assert.equal(db.tenders.listBySession(sessionId).length, 0, 'no tender');
  assert.equal(db.outbox.pending().depth, 0, 'no outcome');
  assert.equal(db.journal.head(), null, 'no journal entry');
  assert.equal(db.sessions.get(sessionId)!.state, 'activated', 'session unchanged');
  assert.equal(db.sessions.get(sessionId)!.version, 1);
}

test('everything written in the transaction is committed together', (t) => {
  const { db } = freshDb(t);
  const { session, notices } = activatedSession(db, [
    { token: 'T-A', expiresAtMs: T0 + 60_000 },
    { token: 'T-B', expiresAtMs: T0 + 90_000 },
  ]);
  const tender = commitTender(db, session.id, notices);
  assert.equal(db.tenders.get(tender.id)!.changeCents, 400);
  assert.deepEqual(
    db.outbox.nextDue(T0).map((m) => m.paymentToken),
    ['T-A', 'T-B'],
  );
  assert.equal(db.sessions.get(session.id)!.state, 'outcome-pending');
  assert.deepEqual(db.journal.verify(), { ok: true, count: 1 });
});

test('a throw inside the transaction rolls back the tender, the outcomes, the session change and the journal entry', (t) => {
  const { db } = freshDb(t);
  const { session, notices } = activatedSession(db, [{ token: 'T-A', expiresAtMs: T0 + 60_000 }]);
  const boom = new Error('printer on fire');
  assert.throws(
    () =>
      commitTender(db, session.id, notices, () => {
        throw boom;
      }),
    (err: unknown) => err === boom,
  );
  nothingRecorded(db, session.id);
});

test('a constraint failure half-way (a second outcome for the same token) rolls back the earlier writes too', (t) => {
  const { db } = freshDb(t);
  const { session, notices } = activatedSession(db, [{ token: 'T-A', expiresAtMs: T0 + 60_000 }]);
  assert.throws(() => commitTender(db, session.id, [notices[0]!, notices[0]!]), ConstraintViolated);
  nothingRecorded(db, session.id);
});

test('a repository call refused half-way inside a transaction leaves none of its own writes behind', (t) => {
  const { db } = freshDb(t);
  const { session, notices } = activatedSession(db, [{ token: 'T-A', expiresAtMs: T0 + 60_000 }]);
  const m = db.outbox.enqueue({
    sessionId: session.id,
    noticeId: notices[0]!.id,
    paymentToken: 'T-A',
    outcome: 'OK',
    details: null,
    deadlineMs: T0,
  });
  db.outbox.markInFlight(m.id);
  const attempt = db.outbox.recordAttemptStart(m.id, 'PSP_0000000001');
  // Someone moved the message on while the request was out: finishing the attempt is written
  // first, then settling the message is refused, and the attempt must stay open.
  db.sqlite.prepare(`UPDATE outbox_message SET state = 'needs-decision' WHERE id = ?`).run(m.id);
  db.transaction(() => {
    assert.throws(() => db.outbox.recordAttemptResult(attempt, { result: 'accepted' }, { state: 'accepted' }), StateConflict);
    db.journal.append('note', { ok: true });
  });
  assert.equal(db.outbox.attempts(m.id)[0]!.finishedAt, null);
  assert.equal(db.journal.head()!.seq, 1, 'the outer transaction still committed its own write');
});

test('nested transactions are savepoints: an inner failure caught by the outer keeps the outer writes', (t) => {
  const { db } = freshDb(t);
  db.transaction(() => {
    db.journal.append('outer', { n: 1 });
    assert.throws(() =>
      db.transaction(() => {
        db.journal.append('inner', { n: 2 });
        throw new Error('inner');
      }),
    );
    db.journal.append('outer', { n: 3 });
  });
  assert.deepEqual(
    db.journal.list().map((e) => e.payload),
    [{ n: 1 }, { n: 3 }],
  );
  assert.deepEqual(db.journal.verify(), { ok: true, count: 2 });
});
