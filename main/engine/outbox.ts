/**
 * The outcome outbox worker: delivers every queued sendPaymentOutcomeV2, one token per call,
 * earliest deadline first. It runs in the core whether or not a UI is open.
 *
 * Per attempt: the attempt and its idempotency key are persisted BEFORE the bytes leave; the answer is
 * persisted, and the session updated, in one transaction BEFORE anything acts on it. The key is new for
 * the first attempt and after an answered fault, and reused after no answer (invariant 2).
 *
 * Held messages: `stalled` ones (retry schedule spent) get one probe at a time, the one whose token
 * ends first, every probe interval; `parked` ones (configuration refusals) are released when the
 * configuration changes and probed at a slower pace meanwhile.
 *
 * Storage failures (a full disk, an I/O error) never escape: the worker records the fault, tells its
 * listeners, backs off and tries again; a message whose answer could not be recorded is resent with
 * the same key once storage works again (the node replays its answer).
 */
import type { DeliveryAttempt, OutboxMessage } from '../../db';
import type { OutcomeDetailsV2 } from '../protocol';
import { SportelloError } from '../../kernel/errors';
import { judgeDelivery } from './delivery';
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
  /** How often a stalled outcome is probed (one request); default one retry slot. */
  probeIntervalMs?: number;
  /** How often a parked outcome is probed while the configuration is unchanged; default 4 probe intervals. */
  parkedProbeIntervalMs?: number;
}

/** What went wrong with storage last, while it lasts: shown on the status bar and to the technician. */
export interface OutboxHealth {
  storageFault: { code: string; message: string; sinceMs: number } | null;
}

/** The key for this attempt, derived from what was persisted about the previous ones. */
export function keyFor(message: OutboxMessage, attempts: DeliveryAttempt[], fresh: () => string): string {
  const last = attempts.at(-1);
  if (!last || !message.idempotencyKey) return fresh();
  return last.result === 'fault' ? fresh() : message.idempotencyKey;
}

export class Outbox {
  private timer: NodeJS.Timeout | null = null;
  private probeTimer: NodeJS.Timeout | null = null;
  private running = false;
  private again = false;
  private stopped = true;
  private draining: Promise<void> | null = null;
  private probes = 0;
  /** Messages sent whose answer could not be recorded: requeued (same key) once storage works. */
  private readonly unrecorded = new Set<number>();
  private storageBackoffMs = 0;
  readonly health: OutboxHealth = { storageFault: null };
  private readonly concurrency: number;
  private readonly maxSleepMs: number;
  private readonly retrySlotMs: number | undefined;
  private readonly probeIntervalMs: number;
  private readonly parkedEvery: number;

  constructor(
    private readonly engine: PaymentEngine,
    opts: OutboxOptions = {},
  ) {
    this.concurrency = opts.concurrency ?? 4;
    this.maxSleepMs = opts.maxSleepMs ?? 5_000;
    this.retrySlotMs = opts.retrySlotMs;
    this.probeIntervalMs = opts.probeIntervalMs ?? Math.max(250, opts.retrySlotMs ?? OUTCOME_SLOT_MS);
    this.parkedEvery = Math.max(1, Math.round((opts.parkedProbeIntervalMs ?? this.probeIntervalMs * 4) / this.probeIntervalMs));
    engine.on('outbox-changed', () => this.kick());
  }

  start(): void {
    this.stopped = false;
    this.probeTimer = setInterval(() => this.probe(), this.probeIntervalMs);
    this.probeTimer.unref();
    this.kick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.probeTimer) clearInterval(this.probeTimer);
    this.timer = null;
    this.probeTimer = null;
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

  /** The configuration changed (node credentials, channel): parked outcomes go again with a fresh schedule. */
  configurationChanged(): number {
    const moved = this.guard(() => this.engine.db.outbox.releaseParked()) ?? 0;
    if (moved > 0) this.kick();
    return moved;
  }

  /** One held message goes out when nothing else is due: stalled every interval, parked every few. */
  private probe(): void {
    if (this.stopped || this.running) return;
    this.probes++;
    const outbox = this.engine.db.outbox;
    const moved = this.guard(() => {
      const wake = outbox.nextWakeAtMs();
      if (wake !== null && wake <= this.engine.now()) return null; // real work first
      return outbox.probeHeld('stalled') ?? (this.probes % this.parkedEvery === 0 ? outbox.probeHeld('parked') : null);
    });
    if (typeof moved === 'number') this.kick();
  }

  private schedule(): void {
    if (this.stopped) return;
    if (this.again) {
      this.again = false;
      this.kick();
      return;
    }
    let delay = this.maxSleepMs;
    if (this.health.storageFault) {
      delay = this.storageBackoffMs;
    } else {
      const wake = this.guard(() => this.engine.db.outbox.nextWakeAtMs());
      if (typeof wake === 'number') delay = Math.max(0, Math.min(this.maxSleepMs, wake - this.engine.now()));
    }
    this.timer = setTimeout(() => this.kick(), delay);
  }

  /** Runs a storage step; a storage failure is recorded (never thrown) and answers undefined. */
  private guard<T>(step: () => T): T | undefined {
    try {
      const r = step();
      if (this.health.storageFault) {
        this.health.storageFault = null;
        this.storageBackoffMs = 0;
        this.engine.emit('storage-health', null);
      }
      return r;
    } catch (e) {
      this.storageFailed(e);
      return undefined;
    }
  }

  private storageFailed(e: unknown): void {
    const code = e instanceof SportelloError ? e.code : 'INTERNAL';
    const message = e instanceof Error ? e.message : String(e);
    if (!this.health.storageFault) this.health.storageFault = { code, message, sinceMs: this.engine.now() };
    this.storageBackoffMs = Math.min(this.maxSleepMs, Math.max(250, this.storageBackoffMs * 2));
    this.engine.emit('storage-health', this.health.storageFault);
    this.engine.log('error', 'outbox-storage-fault', { code, message });
  }

  /** Sends everything due now; resolves when the queue has nothing due (or storage refuses). Never rejects. */
  async drain(): Promise<void> {
    this.running = true;
    try {
      for (const id of [...this.unrecorded]) {
        if (this.guard(() => this.engine.db.outbox.requeueMessage(id)) === undefined) return;
        this.unrecorded.delete(id);
      }
      for (;;) {
        const due = this.guard(() => this.engine.db.outbox.nextDue(this.engine.now(), this.concurrency));
        if (!due || due.length === 0 || this.stopped) return;
        const results = await Promise.all(
          due.map((m) =>
            this.deliver(m).then(
              () => true,
              (e: unknown) => {
                this.storageFailed(e);
                return false;
              },
            ),
          ),
        );
        if (results.includes(false)) return;
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
    try {
      await this.settle(message, previous, attemptId, result);
    } catch (e) {
      // Sent, answer not recorded: the message stays in flight here and is resent with its key later.
      this.unrecorded.add(message.id);
      throw e;
    }
  }

  private async settle(
    message: OutboxMessage,
    previous: DeliveryAttempt[],
    attemptId: number,
    result: { ok: true } | { ok: false; error: unknown },
  ): Promise<void> {
    const { db } = this.engine;
    // Attempts since the last reset that may have reached the node, and the run of unsent ones.
    const sinceReset = previous.slice(previous.length - message.attempts);
    let unsentStreak = 1;
    for (let i = sinceReset.length - 1; i >= 0 && sinceReset[i]!.result === 'unreachable'; i--) unsentStreak++;
    const notice = db.notices.get(message.noticeId);
    const verdict = judgeDelivery(
      {
        message,
        countedAttempts: sinceReset.filter((a) => a.result !== 'unreachable').length + 1,
        unsentStreak,
        nowMs: this.engine.now(),
        noticeId: notice?.position ?? 0,
        ...(this.retrySlotMs ? { slotMs: this.retrySlotMs } : {}),
      },
      result,
    );
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
        db.journal.append(
          verdict.notable,
          {
            messageId: message.id,
            paymentToken: message.paymentToken,
            outcome: message.outcome,
            deadlineMs: message.deadlineMs,
            at: this.engine.now(),
            ...(verdict.answer.faultCode ? { faultCode: verdict.answer.faultCode } : {}),
          },
          message.sessionId,
        );
      }
    });
    crashPoint('attempt-result-persisted');
    this.engine.log(verdict.answer.result === 'accepted' ? 'info' : 'warn', 'outcome-delivery', {
      messageId: message.id,
      sessionId: message.sessionId,
      outcome: message.outcome,
      result: verdict.answer.result,
      faultCode: verdict.answer.faultCode ?? null,
      next: verdict.next.state,
    });
    if (verdict.event) this.engine.emit('session', this.engine.get(message.sessionId));
    await this.engine.performEffects(message.sessionId, after);
    // Stalled outcomes go again only when the node settled this one (accepted or a final answer):
    // a node still answering transient faults is not back, and releasing then would loop.
    const nodeBack =
      verdict.nodeAnswered && verdict.next.state !== 'pending' && verdict.next.state !== 'stalled' && verdict.next.state !== 'parked';
    if (nodeBack && db.outbox.releaseStalled() > 0) this.again = true;
    this.engine.emit('outbox-changed');
  }
}
