/** The outbox as staff see it: its depth, nearest deadline and stalled count, and each message without its outcome details. */
import type { OutboxMessage, SportelloDatabase } from '../../../db';
import type { OutboxStatus } from '../../contract/events';

/** A stalled message is not being retried (one probe at a time); one being retried is pending. */
export function isStalled(m: OutboxMessage): boolean {
  return m.state === 'stalled';
}

export function outboxMessageView(m: OutboxMessage) {
  const { details: _details, ...rest } = m;
  return { ...rest, stalled: isStalled(m) };
}

export function outboxStatus(db: SportelloDatabase): OutboxStatus {
  const p = db.outbox.pending();
  return {
    depth: p.depth,
    inFlight: p.inFlight,
    needsDecision: p.needsDecision,
    oldestDeadlineMs: p.oldestDeadlineMs,
    stalled: p.stalled,
    parked: p.parked,
  };
}
