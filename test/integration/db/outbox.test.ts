// The outbox on a real file: earliest-deadline-first scheduling, the attempt lifecycle (persisted
// before the send, answered after), resets, and recovery of attempts a crash left open.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConstraintViolated, openDatabase, StateConflict } from '../../../db/index';
import type { SportelloDatabase } from '../../../db/index';
import { tempDir } from '../../support/tmp';
import { activatedSession, freshDb, T0 } from './fixture';

const CHILD = fileURLToPath(new URL('./crash-child.ts', import.meta.url));

/** Runs crash-child.ts, which is killed with SIGKILL after its writes, and returns the db path. */
function crashedChild(t: Parameters<typeof tempDir>[0], mode: 'attempt-open' | 'tender-committed'): string {
  const path = join(tempDir(t), 'crashed.db');
  const r = spawnSync(process.execPath, ['--import', 'tsx', CHILD, path, mode], { encoding: 'utf8' });
  assert.equal(r.signal, 'SIGKILL', `the child died by SIGKILL (stderr: ${r.stderr})`);
  return path;
}

const MIN = 60_000;

function enqueueAll(db: SportelloDatabase, items: Array<{ token: string; deadline: number; next?: number }>) {
  const { session, notices } = activatedSession(
    db,
    items.map((i) => ({ token: i.token, expiresAtMs: i.deadline })),
  );
  return db.transaction(() =>
    items.map((item, i) =>
      db.outbox.enqueue({
        sessionId: session.id,
        noticeId: notices[i]!.id,
        paymentToken: item.token,
        outcome: 'OK',
        details: { fee: '1.50', paymentMethod: 'cash', paymentChannel: 'frontOffice', applicationDate: '2026-11-23' },
        deadlineMs: item.deadline,
        ...(item.next === undefined ? {} : { nextAttemptAtMs: item.next }),
      }),
    ),
  );
}

describe('outbox scheduling', () => {
  test('nextDue serves the earliest deadline first, then the longest waiting', (t) => {
    const { db } = freshDb(t);
    enqueueAll(db, [
      { token: 'LATE', deadline: T0 + 30 * MIN },
      { token: 'SOON', deadline: T0 + 5 * MIN },
      { token: 'MID-B', deadline: T0 + 15 * MIN, next: T0 - 1000 },
      { token: 'MID-A', deadline: T0 + 15 * MIN, next: T0 - 5000 },
      { token: 'NOT-YET', deadline: T0 + 1 * MIN, next: T0 + 10_000 },
    ]);
    assert.deepEqual(
      db.outbox.nextDue(T0, 10).map((m) => m.paymentToken),
      ['SOON', 'MID-A', 'MID-B', 'LATE'],
    );
    assert.deepEqual(
      db.outbox.nextDue(T0, 2).map((m) => m.paymentToken),
      ['SOON', 'MID-A'],
    );
    assert.deepEqual(
      db.outbox.nextDue(T0 + 10_000, 1).map((m) => m.paymentToken),
      ['NOT-YET'],
      'once due, the nearest deadline wins',
    );
    assert.equal(db.outbox.nextWakeAtMs(), T0 - 5000);
  });

  test('pending() reports depth and the oldest deadline; settled messages drop out', (t) => {
    const { db } = freshDb(t);
    assert.deepEqual(db.outbox.pending(), { depth: 0, inFlight: 0, stalled: 0, parked: 0, needsDecision: 0, oldestDeadlineMs: null });
    const [a, b] = enqueueAll(db, [
      { token: 'A', deadline: T0 + 20 * MIN },
      { token: 'B', deadline: T0 + 10 * MIN },
    ]);
    assert.deepEqual(db.outbox.pending(), {
      depth: 2,
      inFlight: 0,
      stalled: 0,
      parked: 0,
      needsDecision: 0,
      oldestDeadlineMs: T0 + 10 * MIN,
    });
    db.outbox.markInFlight(b!.id);
    const attempt = db.outbox.recordAttemptStart(b!.id, 'KEY_B000000001');
    db.outbox.recordAttemptResult(attempt, { result: 'accepted' }, { state: 'accepted' });
    assert.deepEqual(db.outbox.pending(), {
      depth: 1,
      inFlight: 0,
      stalled: 0,
      parked: 0,
      needsDecision: 0,
      oldestDeadlineMs: T0 + 20 * MIN,
    });
    db.outbox.markInFlight(a!.id);
    assert.deepEqual(db.outbox.pending(), {
      depth: 1,
      inFlight: 1,
      stalled: 0,
      parked: 0,
      needsDecision: 0,
      oldestDeadlineMs: T0 + 20 * MIN,
    });
  });

  test('one outcome per token: a second OK for the same token is refused', (t) => {
    const { db } = freshDb(t);
    const [m] = enqueueAll(db, [{ token: 'ONCE', deadline: T0 + MIN }]);
    assert.throws(
      () =>
        db.outbox.enqueue({
          sessionId: m!.sessionId,
          noticeId: m!.noticeId,
          paymentToken: 'ONCE',
          outcome: 'OK',
          details: null,
          deadlineMs: T0 + MIN,
        }),
      ConstraintViolated,
    );
  });

  test('an outcome for a token its notice does not hold is refused', (t) => {
    const { db } = freshDb(t);
    const [m] = enqueueAll(db, [{ token: 'REAL', deadline: T0 + MIN }]);
    assert.throws(
      () =>
        db.outbox.enqueue({
          sessionId: m!.sessionId,
          noticeId: m!.noticeId,
          paymentToken: 'INVENTED',
          outcome: 'KO',
          details: null,
          deadlineMs: T0 + MIN,
        }),
      (err: unknown) => err instanceof ConstraintViolated && /activated notice/.test(err.message),
    );
  });
});

describe('outbox attempts', () => {
  test('an attempt is on disk with its key before the send, and finished with the answer', (t) => {
    const fx = freshDb(t);
    const [m] = enqueueAll(fx.db, [{ token: 'TOK', deadline: T0 + 10 * MIN }]);
    fx.db.outbox.markInFlight(m!.id);
    const attemptId = fx.db.outbox.recordAttemptStart(m!.id, 'PSP_0000000001');
    // What a crash right now would leave behind: read through the file, not the handle's memory.
    const db = fx.reopen();
    assert.equal(db.outbox.get(m!.id)!.idempotencyKey, 'PSP_0000000001');
    assert.deepEqual(
      db.outbox.attempts(m!.id).map((a) => [a.id, a.attemptNo, a.idempotencyKey, a.finishedAt, a.result]),
      [[attemptId, 1, 'PSP_0000000001', null, null]],
    );
  });

  test('no response: back to pending with the same key, counted; then accepted for good', (t) => {
    const { db, clock } = freshDb(t);
    const [m] = enqueueAll(db, [{ token: 'TOK', deadline: T0 + 10 * MIN }]);
    db.outbox.markInFlight(m!.id);
    const first = db.outbox.recordAttemptStart(m!.id, 'PSP_0000000001');
    clock.advance(15_000);
    const after = db.outbox.recordAttemptResult(
      first,
      { result: 'no-response', detail: 'timeout after 15000 ms' },
      { state: 'pending', nextAttemptAtMs: T0 + 30_000 },
    );
    assert.equal(after.state, 'pending');
    assert.equal(after.attempts, 1);
    assert.equal(after.nextAttemptAtMs, T0 + 30_000);
    assert.equal(after.lastErrorCode, 'no-response');
    assert.equal(after.lastErrorMessage, 'timeout after 15000 ms');
    assert.deepEqual(db.outbox.nextDue(T0 + 29_999), [], 'not due before the backoff ends');
    assert.equal(db.outbox.nextDue(T0 + 30_000).length, 1);

    db.outbox.markInFlight(m!.id);
    const second = db.outbox.recordAttemptStart(m!.id, after.idempotencyKey!);
    const done = db.outbox.recordAttemptResult(second, { result: 'accepted', httpStatus: 200 }, { state: 'accepted' });
    assert.equal(done.state, 'accepted');
    assert.equal(done.attempts, 2);
    assert.equal(done.lastErrorCode, null);
    const attempts = db.outbox.attempts(m!.id);
    assert.deepEqual(
      attempts.map((a) => [a.attemptNo, a.idempotencyKey, a.result]),
      [
        [1, 'PSP_0000000001', 'no-response'],
        [2, 'PSP_0000000001', 'accepted'],
      ],
    );
    assert.ok(attempts.every((a) => a.finishedAt !== null));
    assert.throws(() => db.outbox.markInFlight(m!.id), StateConflict, 'an accepted outcome is never sent again');
    assert.throws(() => db.outbox.reset(m!.id), StateConflict);
  });

  test('a node fault is recorded with its code; a final fault ends delivery', (t) => {
    const { db } = freshDb(t);
    const [m] = enqueueAll(db, [{ token: 'TOK', deadline: T0 + 10 * MIN }]);
    db.outbox.markInFlight(m!.id);
    const a = db.outbox.recordAttemptStart(m!.id, 'PSP_0000000001');
    const failed = db.outbox.recordAttemptResult(
      a,
      { result: 'fault', faultCode: 'PPT_PAGAMENTO_DUPLICATO', detail: 'another payment closed the notice' },
      { state: 'failed-final' },
    );
    assert.equal(failed.state, 'failed-final');
    assert.equal(failed.lastErrorCode, 'PPT_PAGAMENTO_DUPLICATO');
    assert.equal(db.outbox.attempts(m!.id)[0]!.faultCode, 'PPT_PAGAMENTO_DUPLICATO');
    assert.equal(db.outbox.pending().depth, 0);
    assert.throws(() => db.outbox.reset(m!.id), StateConflict, 'a final answer is never re-sent');
  });

  test('an HTTP error shows its status as the last error code', (t) => {
    const { db } = freshDb(t);
    const [m] = enqueueAll(db, [{ token: 'TOK', deadline: T0 + 10 * MIN }]);
    db.outbox.markInFlight(m!.id);
    const a = db.outbox.recordAttemptStart(m!.id, 'PSP_0000000001');
    const after = db.outbox.recordAttemptResult(
      a,
      { result: 'http-error', httpStatus: 503 },
      { state: 'pending', nextAttemptAtMs: T0 + 1000 },
    );
    assert.equal(after.lastErrorCode, 'HTTP_503');
    assert.equal(db.outbox.attempts(m!.id)[0]!.httpStatus, 503);
  });

  test('impossible moves are refused', (t) => {
    const { db } = freshDb(t);
    const [m] = enqueueAll(db, [{ token: 'TOK', deadline: T0 + 10 * MIN }]);
    assert.throws(() => db.outbox.recordAttemptStart(m!.id, 'K'), StateConflict, 'not in flight yet');
    db.outbox.markInFlight(m!.id);
    assert.throws(() => db.outbox.markInFlight(m!.id), StateConflict, 'already in flight');
    const a = db.outbox.recordAttemptStart(m!.id, 'K1');
    assert.throws(() => db.outbox.recordAttemptStart(m!.id, 'K2'), StateConflict, 'one open attempt at a time');
    assert.throws(() => db.outbox.recordAttemptResult(a, { result: 'accepted' }, { state: 'pending', nextAttemptAtMs: 0 }), StateConflict);
    db.outbox.recordAttemptResult(a, { result: 'unreachable' }, { state: 'pending', nextAttemptAtMs: T0 });
    assert.throws(
      () => db.outbox.recordAttemptResult(a, { result: 'accepted' }, { state: 'accepted' }),
      StateConflict,
      'an attempt is answered once',
    );
    assert.throws(
      () => db.outbox.markInFlight(9999),
      (err: unknown) => err instanceof StateConflict && err.details.state === null,
    );
    assert.equal(db.outbox.attempts(m!.id).length, 1, 'refused moves wrote nothing');
    assert.equal(db.outbox.get(m!.id)!.idempotencyKey, 'K1');
  });

  test('reset puts a message waiting for a person back in line with attempts at 0 and the same key', (t) => {
    const { db, clock } = freshDb(t);
    const [m] = enqueueAll(db, [{ token: 'TOK', deadline: T0 + 10 * MIN }]);
    for (let i = 0; i < 5; i++) {
      db.outbox.markInFlight(m!.id);
      const a = db.outbox.recordAttemptStart(m!.id, 'PSP_0000000001');
      db.outbox.recordAttemptResult(
        a,
        { result: 'no-response' },
        i < 4 ? { state: 'pending', nextAttemptAtMs: T0 } : { state: 'needs-decision' },
      );
    }
    assert.equal(db.outbox.get(m!.id)!.attempts, 5);
    assert.deepEqual(db.outbox.pending(), {
      depth: 1,
      inFlight: 0,
      stalled: 0,
      parked: 0,
      needsDecision: 1,
      oldestDeadlineMs: T0 + 10 * MIN,
    });
    assert.deepEqual(db.outbox.nextDue(T0 + MIN), []);
    clock.advance(MIN);
    const reset = db.outbox.reset(m!.id);
    assert.equal(reset.state, 'pending');
    assert.equal(reset.attempts, 0);
    assert.equal(reset.nextAttemptAtMs, T0 + MIN);
    assert.equal(reset.idempotencyKey, 'PSP_0000000001');
    db.outbox.markInFlight(m!.id);
    const a = db.outbox.recordAttemptStart(m!.id, 'PSP_0000000001');
    assert.equal(db.outbox.attempts(m!.id).at(-1)!.attemptNo, 6, 'attempt numbers keep counting across a reset');
    assert.equal(db.outbox.get(m!.id)!.attempts, 1);
    assert.ok(a > 0);
  });

  test('stalled and parked are states of their own: never due, probed one at a time, released as a whole', (t) => {
    const { db, clock } = freshDb(t);
    const [s1, s2, p1] = enqueueAll(db, [
      { token: 'S1', deadline: T0 + 20 * MIN },
      { token: 'S2', deadline: T0 + 10 * MIN },
      { token: 'P1', deadline: T0 + 5 * MIN },
    ]);
    const answer = (id: number, next: { state: 'stalled' } | { state: 'parked' }) => {
      db.outbox.markInFlight(id);
      db.outbox.recordAttemptResult(db.outbox.recordAttemptStart(id, `K${id}00000000001`), { result: 'fault', faultCode: 'X' }, next);
    };
    answer(s1!.id, { state: 'stalled' });
    answer(s2!.id, { state: 'stalled' });
    answer(p1!.id, { state: 'parked' });
    assert.deepEqual(db.outbox.pending(), {
      depth: 3,
      inFlight: 0,
      stalled: 2,
      parked: 1,
      needsDecision: 0,
      oldestDeadlineMs: T0 + 5 * MIN,
    });
    clock.advance(MIN);
    assert.deepEqual(db.outbox.nextDue(Number.MAX_SAFE_INTEGER), [], 'nothing held is ever due by itself');
    assert.equal(db.outbox.nextWakeAtMs(), null);
    // The probe takes the stalled one whose token ends first, and only it.
    assert.equal(db.outbox.probeHeld('stalled'), s2!.id);
    assert.deepEqual(
      db.outbox.nextDue(Number.MAX_SAFE_INTEGER).map((m) => m.id),
      [s2!.id],
    );
    assert.equal(db.outbox.get(s2!.id)!.attempts, 1, 'a probe keeps the counter');
    assert.equal(db.outbox.releaseStalled(), 1);
    assert.equal(db.outbox.get(p1!.id)!.state, 'parked', 'a node answering again does not release a configuration refusal');
    assert.equal(db.outbox.releaseParked(), 1);
    assert.equal(db.outbox.get(p1!.id)!.attempts, 0, 'a new configuration starts a new schedule');
    assert.deepEqual(
      db.outbox
        .nextDue(Number.MAX_SAFE_INTEGER)
        .map((m) => m.id)
        .sort(),
      [s1!.id, s2!.id, p1!.id].sort(),
    );
  });

  test('a decided notice closes its unsettled messages; a closed message cannot be reset', (t) => {
    const { db } = freshDb(t);
    const [m] = enqueueAll(db, [{ token: 'DEC', deadline: T0 + 10 * MIN }]);
    db.outbox.markInFlight(m!.id);
    db.outbox.recordAttemptResult(
      db.outbox.recordAttemptStart(m!.id, 'PSP_0000000009'),
      { result: 'fault', faultCode: 'PPT_SEMANTICA' },
      { state: 'needs-decision' },
    );
    assert.equal(db.outbox.closeUnsettled(m!.noticeId), 1);
    assert.equal(db.outbox.get(m!.id)!.state, 'failed-final');
    assert.throws(() => db.outbox.reset(m!.id), /cannot be reset/);
  });

  test('a process killed after the tender commit leaves tender, outcome and journal entry on disk', (t) => {
    const path = crashedChild(t, 'tender-committed');
    const db = openDatabase(path, { clock: () => T0 });
    t.after(() => db.close());
    const [m] = db.outbox.nextDue(T0);
    assert.equal(m?.paymentToken, 'CRASH-TOKEN');
    assert.equal(m?.outcome, 'OK');
    assert.equal(db.tenders.listBySession(m!.sessionId).length, 1);
    assert.deepEqual(db.journal.verify(), { ok: true, count: 1 });
  });

  test('after a crash, open attempts become no-response and their messages are due again with the same key', (t) => {
    const path = crashedChild(t, 'attempt-open');
    const db = openDatabase(path, { clock: () => T0 + MIN });
    t.after(() => db.close());
    const [before] = db.outbox.list();
    assert.equal(before!.state, 'in-flight');
    assert.equal(db.outbox.attempts(before!.id)[0]!.finishedAt, null, 'the attempt was on disk before the (never sent) request');
    assert.equal(db.outbox.requeueInterrupted(), 1);
    const m = db.outbox.get(before!.id)!;
    assert.equal(m.state, 'pending');
    assert.equal(m.nextAttemptAtMs, T0 + MIN);
    assert.equal(m.idempotencyKey, 'PSP_CRASH00001', 'no answer came back: the same key is used again');
    assert.equal(db.outbox.attempts(m.id)[0]!.result, 'no-response');
    assert.deepEqual(
      db.outbox.nextDue(T0 + MIN).map((x) => x.paymentToken),
      ['CRASH-TOKEN'],
    );
    assert.equal(db.outbox.requeueInterrupted(), 0);
  });

  test('list filters by state and session and pages newest first', (t) => {
    const { db } = freshDb(t);
    const msgs = enqueueAll(db, [
      { token: 'A', deadline: T0 + MIN },
      { token: 'B', deadline: T0 + MIN },
      { token: 'C', deadline: T0 + MIN },
    ]);
    db.outbox.markInFlight(msgs[1]!.id);
    assert.deepEqual(
      db.outbox.list().map((m) => m.paymentToken),
      ['C', 'B', 'A'],
    );
    assert.deepEqual(
      db.outbox.list({ states: ['pending'] }).map((m) => m.paymentToken),
      ['C', 'A'],
    );
    assert.deepEqual(
      db.outbox.list({ limit: 1, beforeId: msgs[2]!.id }).map((m) => m.paymentToken),
      ['B'],
    );
    assert.equal(db.outbox.list({ sessionId: 'other' }).length, 0);
    assert.deepEqual(
      db.outbox.findByPaymentToken('B').map((m) => m.state),
      ['in-flight'],
    );
  });
});
