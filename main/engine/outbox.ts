/**
 * The outcome outbox worker: delivers every queued sendPaymentOutcomeV2, one token per call,
 * earliest deadline first. It runs in the core whether or not a UI is open.
 *
 * Per attempt: the attempt and its idempotency key are persisted BEFORE the bytes leave; the answer is
 * persisted, and the session updated, in one transaction BEFORE anything acts on it. The key is new for
 * the first attempt and after an answered transient fault, and reused after no answer (invariant 2).
 */
import type { DeliveryAttempt, OutboxMessage } from '../../db';
import type { OutcomeDetailsV2 } from '../protocol';
import { judgeDelivery, STALLED_AT_MS } from './delivery';
import { OUTCOME_SLOT_MS } from './schedule';
import type { PaymentEngine } from './engine';
import { crashPoint } from './crash-points';

export interface OutboxOptions {
  /** Messages sent at the same time (different tokens). */
  concurrency?: number;
  /** Longest sleep between looks at the queue, so a clock or timer hiccup never parks it. */
  maxSleepMs?: number;
  /** SANP's slot time for the backoff: the outcome timeout (15 s). Tests shorten it. */
  retrySlotMs?: number;
  /** How often a queue of only stalled outcomes probes the node (one request); default one retry slot. */
  probeIntervalMs?: number;
}

/** The key for this attempt, derived from what was persisted about the previous ones. */
export function keyFor(message: OutboxMessage, attempts: DeliveryAttempt[], fresh: () => string): string {
  const last = attempts.at(-1);
  if (!last || !message.idempotencyKey) return fresh();
  return last.result === 'fault' ? fresh() : message.idempotencyKey;
}

export class Outbox {
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private stopped = true;
  private draining: Promise<void> | null = null;
  private readonly concurrency: number;
  private readonly maxSleepMs: number;
  private readonly retrySlotMs: number | undefined;
  private readonly probeIntervalMs: number;

  constructor(private readonly engine: PaymentEngine, opts: OutboxOptions = {}) {
    this.concurrency = opts.concurrency ?? 4;
    this.maxSleepMs = opts.maxSleepMs ?? 5_000;
    this.retrySlotMs = opts.retrySlotMs;
    this.probeIntervalMs = opts.probeIntervalMs ?? Math.max(250, opts.retrySlotMs ?? OUTCOME_SLOT_MS);
    engine.on('outbox-changed', () => this.kick());
  }

  start(): void {
    this.stopped = false;
    this.kick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.draining;
  }

  /** Look at the queue now (new message, node seen answering, manual retry). */
  kick(): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.running) {
      this.again = true;
      return;
    }
    this.draining = this.drain().finally(() => {
      this.draining = null;
      this.schedule();
    });
  }

  private again = false;

  private schedule(): void {
    if (this.stopped) return;
    if (this.again) {
      this.again = false;
      this.kick();
      return;
    }
    const wake = this.engine.db.outbox.nextWakeAtMs();
    if (wake === null) {
      this.timer = setTimeout(() => this.kick(), this.maxSleepMs);
      return;
    }
    if (wake >= STALLED_AT_MS) {
      // Only stalled messages are left: probe the node with the one whose token ends first. If the
      // node answers, the delivery releases every stalled message; if not, it stays stalled.
      this.timer = setTimeout(() => {
        const [first] = this.engine.db.outbox.nextDue(Number.MAX_SAFE_INTEGER, 1);
        if (first && first.nextAttemptAtMs >= STALLED_AT_MS) this.engine.db.outbox.retryNow(first.id);
        this.kick();
      }, this.probeIntervalMs);
      return;
    }
    const delay = Math.max(0, Math.min(this.maxSleepMs, wake - this.engine.now()));
    this.timer = setTimeout(() => this.kick(), delay);
  }

  /** Sends everything due now; resolves when the queue has nothing due. */
  async drain(): Promise<void> {
    this.running = true;
    try {
      for (;;) {
        const due = this.engine.db.outbox.nextDue(this.engine.now(), this.concurrency);
        if (due.length === 0 || this.stopped) return;
        await Promise.all(due.map((m) => this.deliver(m)));
      }
    } finally {
      this.running = false;
    }
  }

  private async deliver(message: OutboxMessage): Promise<void> {
    const { db, node } = this.engine;
    const previous = db.outbox.attempts(message.id);
    const key = keyFor(message, previous, () => node.newIdempotencyKey());
    // One commit (one fsync) for both: the attempt and its key are on disk before the bytes leave.
    const attemptId = db.transaction(() => {
      db.outbox.markInFlight(message.id);
      return db.outbox.recordAttemptStart(message.id, key);
    });
    crashPoint('attempt-persisted');
    let result: { ok: true } | { ok: false; error: unknown };
    try {
      await node.sendPaymentOutcomeV2({
        idempotencyKey: key,
        paymentTokens: [message.paymentToken],
        outcome: message.outcome,
        ...(message.details ? { details: message.details as unknown as OutcomeDetailsV2 } : {}),
      });
      result = { ok: true };
    } catch (error) {
      result = { ok: false, error };
    }
    crashPoint('outcome-answered');
    // Attempts since the last reset that may have reached the node, and the run of unsent ones.
    const sinceReset = previous.slice(previous.length - message.attempts);
    let unsentStreak = 1;
    for (let i = sinceReset.length - 1; i >= 0 && sinceReset[i]!.result === 'unreachable'; i--) unsentStreak++;
    const notice = db.notices.findByPaymentToken(message.paymentToken);
    const verdict = judgeDelivery({
      message,
      countedAttempts: sinceReset.filter((a) => a.result !== 'unreachable').length + 1,
      unsentStreak,
      nowMs: this.engine.now(),
      noticeId: notice?.position ?? 0,
      ...(this.retrySlotMs ? { slotMs: this.retrySlotMs } : {}),
    }, result);
    let after: Parameters<PaymentEngine['performEffects']>[1] = [];
    db.transaction(() => {
      db.outbox.recordAttemptResult(attemptId, verdict.answer, verdict.next);
      if (verdict.event) {
        try {
          after = this.engine.applyInTransaction(message.sessionId, verdict.event).after;
        } catch (e) {
          db.journal.append('outcome-answer-unapplied', { messageId: message.id, reason: (e as Error).message }, message.sessionId);
        }
      }
      if (verdict.notable) {
        db.journal.append(verdict.notable, { messageId: message.id, paymentToken: message.paymentToken, outcome: message.outcome, deadlineMs: message.deadlineMs, at: this.engine.now() }, message.sessionId);
      }
    });
    crashPoint('attempt-result-persisted');
    if (verdict.event) this.engine.emit('session', this.engine.get(message.sessionId));
    await this.engine.performEffects(message.sessionId, after);
    // Stalled outcomes go again only when the node settled this one (accepted or a final answer):
    // a node still answering transient faults is not back, and releasing then would loop.
    const nodeBack = verdict.nodeAnswered && verdict.next.state !== 'pending';
    if (nodeBack && db.outbox.releaseStalled(STALLED_AT_MS) > 0) this.again = true;
    this.engine.emit('outbox-changed');
  }
}
