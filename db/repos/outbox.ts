/**
 * The durable outbox of payment outcomes (invariants 1-4). A message is enqueued in the caller's
 * transaction, next to the tender it reports; each send is an attempt row written BEFORE the request
 * leaves and finished when the answer is in, so a crash in between is visible on restart as an
 * attempt without a result (a lost response: resend with the same key). Which key and when to retry
 * is the delivery policy's decision; this module records it and refuses impossible moves.
 */
import { StateConflict } from '../errors';
import { canonicalJson, parseJsonColumn } from '../json';
import type { Json } from '../json';
import { isoAt, statements } from './context';
import type { RepoContext } from './context';
import { attemptStatements, attemptFromRow, lastError } from './outbox-attempts';
import type { AttemptAnswer, AttemptRow, DeliveryAttempt } from './outbox-attempts';

export type { AttemptAnswer, AttemptResult, DeliveryAttempt } from './outbox-attempts';

export type OutboxOutcome = 'OK' | 'KO';
/**
 * pending: due at next_attempt_at_ms; in-flight: an attempt is out; stalled: the retry schedule is spent,
 * sent again only as the one probe or after a reset; parked: the node refused it for a configuration
 * reason before changing anything, sent again when the configuration changes (or probed slowly);
 * accepted / failed-final: the node settled it; needs-decision: a person must.
 */
export type OutboxState = 'pending' | 'in-flight' | 'stalled' | 'parked' | 'accepted' | 'failed-final' | 'needs-decision';

export interface OutboxMessage {
  id: number;
  sessionId: string;
  noticeId: number;
  paymentToken: string;
  outcome: OutboxOutcome;
  /** sendPaymentOutcomeV2 details (fee, payment method, channel, payer, dates). */
  details: Json | null;
  state: OutboxState;
  /** Attempts since enqueue or the last reset: what the retry limit counts. */
  attempts: number;
  nextAttemptAtMs: number;
  /** The token's expiry (epoch ms). */
  deadlineMs: number;
  /** The key of the latest attempt: reused when no response came back. */
  idempotencyKey: string | null;
  lastErrorCode: string | null;
  lastErrorMessage: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface NewOutboxMessage {
  sessionId: string;
  noticeId: number;
  paymentToken: string;
  outcome: OutboxOutcome;
  details: Json | null;
  deadlineMs: number;
  /** Defaults to now: due at once. */
  nextAttemptAtMs?: number;
}

/** Where the message goes after an answer (or the lack of one). */
export type NextStep =
  | { state: 'accepted' }
  | { state: 'pending'; nextAttemptAtMs: number }
  | { state: 'stalled' }
  | { state: 'parked' }
  | { state: 'failed-final' }
  | { state: 'needs-decision' };

export interface OutboxDepth {
  /** Messages not yet settled: pending, in flight, or waiting for a person. */
  depth: number;
  inFlight: number;
  /** Retry schedule spent: one probe at a time until the node answers again. */
  stalled: number;
  /** Refused for a configuration reason: waiting for the technician. */
  parked: number;
  needsDecision: number;
  /** The earliest token expiry among them; null when the outbox is empty. */
  oldestDeadlineMs: number | null;
}

interface Row {
  id: number;
  session_id: string;
  notice_id: number;
  payment_token: string;
  outcome: OutboxOutcome;
  details: string | null;
  state: OutboxState;
  attempts: number;
  next_attempt_at_ms: number;
  deadline_ms: number;
  idempotency_key: string | null;
  last_error_code: string | null;
  last_error_message: string | null;
  created_at: string;
  updated_at: string;
}

const fromRow = (r: Row): OutboxMessage => ({
  id: r.id,
  sessionId: r.session_id,
  noticeId: r.notice_id,
  paymentToken: r.payment_token,
  outcome: r.outcome,
  details: parseJsonColumn(r.details),
  state: r.state,
  attempts: r.attempts,
  nextAttemptAtMs: r.next_attempt_at_ms,
  deadlineMs: r.deadline_ms,
  idempotencyKey: r.idempotency_key,
  lastErrorCode: r.last_error_code,
  lastErrorMessage: r.last_error_message,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const UNSETTLED = `('pending', 'in-flight', 'stalled', 'parked', 'needs-decision')`;

export function outboxRepository(ctx: RepoContext) {
  const q = statements(ctx.db, {
    insert: `INSERT INTO outbox_message (session_id, notice_id, payment_token, outcome, details, next_attempt_at_ms,
               deadline_ms, created_at, updated_at)
             VALUES (@session_id, @notice_id, @payment_token, @outcome, @details, @next, @deadline, @now, @now)`,
    get: 'SELECT * FROM outbox_message WHERE id = ?',
    byToken: 'SELECT * FROM outbox_message WHERE payment_token = ? ORDER BY id',
    // Earliest deadline first (invariant 4), then whichever has waited longest.
    due: `SELECT * FROM outbox_message WHERE state = 'pending' AND next_attempt_at_ms <= ?
          ORDER BY deadline_ms, next_attempt_at_ms, id LIMIT ?`,
    nextWake: `SELECT min(next_attempt_at_ms) FROM outbox_message WHERE state = 'pending'`,
    markInFlight: `UPDATE outbox_message SET state = 'in-flight', updated_at = @now WHERE id = @id AND state = 'pending'`,
    startAttempt: `UPDATE outbox_message SET attempts = attempts + 1, idempotency_key = @key, updated_at = @now
                   WHERE id = @id AND state = 'in-flight'`,
    settle: `UPDATE outbox_message SET state = @state, next_attempt_at_ms = @next, last_error_code = @code,
               last_error_message = @message, updated_at = @now
             WHERE id = @id AND state = 'in-flight'`,
    reset: `UPDATE outbox_message SET attempts = 0, state = 'pending', next_attempt_at_ms = @now_ms, updated_at = @now
            WHERE id = @id AND state IN ('pending', 'stalled', 'parked', 'needs-decision')`,
    retryNow: `UPDATE outbox_message SET state = 'pending', next_attempt_at_ms = @now_ms, updated_at = @now
               WHERE id = @id AND state IN ('pending', 'stalled', 'parked')`,
    release: `UPDATE outbox_message SET state = 'pending', next_attempt_at_ms = @now_ms, updated_at = @now WHERE state = 'stalled'`,
    releaseParked: `UPDATE outbox_message SET state = 'pending', attempts = 0, next_attempt_at_ms = @now_ms, updated_at = @now WHERE state = 'parked'`,
    // The probe: the held message whose token ends first.
    firstHeld: `SELECT id FROM outbox_message WHERE state = @state ORDER BY deadline_ms, id LIMIT 1`,
    requeue: `UPDATE outbox_message SET state = 'pending', next_attempt_at_ms = @now_ms, updated_at = @now WHERE state = 'in-flight'`,
    closeUnsettled: `UPDATE outbox_message SET state = 'failed-final', updated_at = @now
                     WHERE notice_id = @notice_id AND state IN ('pending', 'stalled', 'parked', 'needs-decision')`,
    requeueOne: `UPDATE outbox_message SET state = 'pending', next_attempt_at_ms = @now_ms, updated_at = @now WHERE id = @id AND state = 'in-flight'`,
    depth: `SELECT count(*) AS depth, coalesce(sum(state = 'in-flight'), 0) AS in_flight,
              coalesce(sum(state = 'stalled'), 0) AS stalled, coalesce(sum(state = 'parked'), 0) AS parked,
              coalesce(sum(state = 'needs-decision'), 0) AS needs_decision, min(deadline_ms) AS oldest
            FROM outbox_message WHERE state IN ${UNSETTLED}`,
    list: `SELECT * FROM outbox_message
           WHERE (@states IS NULL OR state IN (SELECT value FROM json_each(@states)))
             AND (@session_id IS NULL OR session_id = @session_id) AND id < @before
           ORDER BY id DESC LIMIT @limit`,
  });
  const a = attemptStatements(ctx.db);
  const now = () => isoAt(ctx.now());

  const get = (id: number): OutboxMessage | null => {
    const row = q.get.get(id) as Row | undefined;
    return row ? fromRow(row) : null;
  };
  const refuse = (id: number, wanted: string): never => {
    const m = get(id);
    throw new StateConflict(m ? `outbox message ${id} is ${m.state}: cannot ${wanted}` : `no outbox message ${id}: cannot ${wanted}`, {
      messageId: id,
      state: m?.state ?? null,
    });
  };

  return {
    /** Call inside the transaction that records the tender (or the cancellation) it reports. */
    enqueue(m: NewOutboxMessage): OutboxMessage {
      const nowMs = ctx.now();
      const r = q.insert.run({
        session_id: m.sessionId,
        notice_id: m.noticeId,
        payment_token: m.paymentToken,
        outcome: m.outcome,
        details: m.details === null ? null : canonicalJson(m.details),
        next: m.nextAttemptAtMs ?? nowMs,
        deadline: m.deadlineMs,
        now: isoAt(nowMs),
      });
      return get(Number(r.lastInsertRowid))!;
    },

    get,

    findByPaymentToken(paymentToken: string): OutboxMessage[] {
      return (q.byToken.all(paymentToken) as Row[]).map(fromRow);
    },

    /** Pending messages due at nowMs, earliest deadline first, then the longest waiting. */
    nextDue(nowMs: number, limit = 10): OutboxMessage[] {
      return (q.due.all(nowMs, limit) as Row[]).map(fromRow);
    },

    /** When the next pending message becomes due (epoch ms), or null when none is pending. */
    nextWakeAtMs(): number | null {
      return (q.nextWake.pluck().get() as number | null | undefined) ?? null;
    },

    markInFlight(messageId: number): OutboxMessage {
      if (q.markInFlight.run({ id: messageId, now: now() }).changes === 0) refuse(messageId, 'be sent now');
      return get(messageId)!;
    },

    /** Persists the attempt and its key; returns the attempt id. Call before the request leaves. */
    recordAttemptStart(messageId: number, idempotencyKey: string): number {
      return ctx.db.transaction(() => {
        if (a.openForMessage.get(messageId) !== undefined) refuse(messageId, 'start a second attempt while one is open');
        if (q.startAttempt.run({ id: messageId, key: idempotencyKey, now: now() }).changes === 0)
          refuse(messageId, 'start an attempt (mark it in flight first)');
        const attemptNo = (a.lastNo.pluck().get(messageId) as number) + 1;
        const r = a.insert.run({ message_id: messageId, attempt_no: attemptNo, key: idempotencyKey, now: now() });
        return Number(r.lastInsertRowid);
      })();
    },

    /** Persists the answer, then moves the message on. Call before acting on the answer. */
    recordAttemptResult(attemptId: number, answer: AttemptAnswer, next: NextStep): OutboxMessage {
      return ctx.db.transaction(() => {
        const attempt = a.get.get(attemptId) as AttemptRow | undefined;
        if (!attempt || attempt.finished_at !== null) {
          throw new StateConflict(`attempt ${attemptId} is ${attempt ? 'already finished' : 'unknown'}`, { attemptId });
        }
        if (answer.result === 'accepted' && next.state !== 'accepted') {
          throw new StateConflict('an accepted outcome is never sent again', { attemptId, next: next.state });
        }
        a.finish.run({
          id: attemptId,
          now: now(),
          result: answer.result,
          fault_code: answer.faultCode ?? null,
          http_status: answer.httpStatus ?? null,
          detail: answer.detail ?? null,
        });
        const current = get(attempt.message_id)!;
        const err = next.state === 'accepted' ? { code: null, message: null } : lastError(answer);
        const settled = q.settle.run({
          id: attempt.message_id,
          state: next.state,
          next: next.state === 'pending' ? next.nextAttemptAtMs : current.nextAttemptAtMs,
          code: err.code,
          message: err.message,
          now: now(),
        });
        if (settled.changes === 0) refuse(attempt.message_id, 'take an answer');
        return get(attempt.message_id)!;
      })();
    },

    /**
     * A technician's reset after the retry limit: attempts back to 0 and due now. Only for messages
     * the node has not answered for good; the idempotency key is kept (no answer means same key).
     */
    reset(messageId: number): OutboxMessage {
      const nowMs = ctx.now();
      if (q.reset.run({ id: messageId, now_ms: nowMs, now: isoAt(nowMs) }).changes === 0) refuse(messageId, 'be reset');
      return get(messageId)!;
    },

    /** Due now, attempt counter unchanged (an operator's "retry now"). */
    retryNow(messageId: number): OutboxMessage {
      const nowMs = ctx.now();
      if (q.retryNow.run({ id: messageId, now_ms: nowMs, now: isoAt(nowMs) }).changes === 0) refuse(messageId, 'be retried now');
      return get(messageId)!;
    },

    /**
     * Stalled messages become due now, counter unchanged (so each gets one attempt before it stalls
     * again): the node was seen settling an outcome. Returns how many moved.
     */
    releaseStalled(): number {
      const nowMs = ctx.now();
      return q.release.run({ now_ms: nowMs, now: isoAt(nowMs) }).changes;
    },

    /** Parked messages become due now with a fresh schedule: the configuration changed. Returns how many moved. */
    releaseParked(): number {
      const nowMs = ctx.now();
      return q.releaseParked.run({ now_ms: nowMs, now: isoAt(nowMs) }).changes;
    },

    /** A person decided the notice's outcome: its unsettled messages become final (never sent again). */
    closeUnsettled(noticeRowId: number): number {
      return q.closeUnsettled.run({ notice_id: noticeRowId, now: now() }).changes;
    },

    /** The one probe: the stalled (or parked) message whose token ends first becomes due now; its id, or null. */
    probeHeld(state: 'stalled' | 'parked'): number | null {
      const id = q.firstHeld.pluck().get({ state }) as number | undefined;
      if (id === undefined) return null;
      const nowMs = ctx.now();
      q.retryNow.run({ id, now_ms: nowMs, now: isoAt(nowMs) });
      return id;
    },

    /**
     * One message whose answer could not be recorded (disk full, I/O error) while this process runs:
     * its open attempt is finished as 'no-response' and it is due again, to be resent with the same key.
     */
    requeueMessage(messageId: number): boolean {
      return ctx.db.transaction(() => {
        const nowMs = ctx.now();
        a.finishOpenOne.run({ id: messageId, now: isoAt(nowMs), detail: 'the answer could not be recorded (storage)' });
        return q.requeueOne.run({ id: messageId, now_ms: nowMs, now: isoAt(nowMs) }).changes > 0;
      })();
    },

    /**
     * After a restart: attempts left open by a crash are finished as 'no-response' and their
     * messages are due again, to be resent with the same key. Returns how many messages moved.
     */
    requeueInterrupted(): number {
      return ctx.db.transaction(() => {
        const nowMs = ctx.now();
        a.finishOpen.run({ now: isoAt(nowMs), detail: 'sportello stopped before the answer was recorded' });
        return q.requeue.run({ now_ms: nowMs, now: isoAt(nowMs) }).changes;
      })();
    },

    /** Queue depth and the nearest token expiry, for the operator's and technician's screens. */
    pending(): OutboxDepth {
      const r = q.depth.get() as {
        depth: number;
        in_flight: number;
        stalled: number;
        parked: number;
        needs_decision: number;
        oldest: number | null;
      };
      return {
        depth: r.depth,
        inFlight: r.in_flight,
        stalled: r.stalled,
        parked: r.parked,
        needsDecision: r.needs_decision,
        oldestDeadlineMs: r.oldest,
      };
    },

    /** Newest first; page with `beforeId`. */
    list(opts: { states?: readonly OutboxState[]; sessionId?: string; limit?: number; beforeId?: number } = {}): OutboxMessage[] {
      return (
        q.list.all({
          states: opts.states ? JSON.stringify(opts.states) : null,
          session_id: opts.sessionId ?? null,
          before: opts.beforeId ?? Number.MAX_SAFE_INTEGER,
          limit: opts.limit ?? 100,
        }) as Row[]
      ).map(fromRow);
    },

    attempts(messageId: number): DeliveryAttempt[] {
      return (a.byMessage.all(messageId) as AttemptRow[]).map(attemptFromRow);
    },
  };
}

export type OutboxRepository = ReturnType<typeof outboxRepository>;
