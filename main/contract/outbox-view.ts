/** The outbox as staff see it: its depth, nearest deadline and stalled count, and each message without its outcome details. */
import type { OutboxMessage, SportelloDatabase } from '../../db';
import { STALLED_AT_MS } from '../engine/delivery';
import type { OutboxStatus } from './events';

export function isStalled(m: OutboxMessage): boolean {
  return m.state === 'pending' && m.nextAttemptAtMs >= STALLED_AT_MS;
}

export function outboxMessageView(m: OutboxMessage) {
  const { details: _details, ...rest } = m;
  return { ...rest, stalled: isStalled(m) };
}

export function outboxStatus(db: SportelloDatabase): OutboxStatus {
  const p = db.outbox.pending();
  // Every unsettled message is looked at once: the depth is what a counter holds offline, not millions.
  const stalled = p.depth === 0 ? 0 : db.outbox.list({ states: ['pending'], limit: p.depth }).filter(isStalled).length;
  return { depth: p.depth, inFlight: p.inFlight, needsDecision: p.needsDecision, oldestDeadlineMs: p.oldestDeadlineMs, stalled };
}
