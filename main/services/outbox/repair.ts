/**
 * A technician's repairs of the outbox: bring a waiting message forward (its attempt counter kept),
 * or reset it (counter to 0; through the engine, so a notice waiting for a person is queued again in
 * the same transaction). Either way the worker is woken at once.
 */
import type { OutboxMessage } from '../../../db';
import type { Core } from '../../core/core';
import { OutboxMessageNotFound, OutboxNotPending } from './errors';

export function outboxMessage(core: Core, id: number): OutboxMessage {
  const m = core.db.outbox.get(id);
  if (!m) throw new OutboxMessageNotFound(id);
  return m;
}

/** A pending, stalled or parked message becomes due now; one in flight or decided is refused. */
export function retryOutcome(core: Core, id: number): OutboxMessage {
  const m = outboxMessage(core, id);
  if (m.state !== 'pending' && m.state !== 'stalled' && m.state !== 'parked') throw new OutboxNotPending(m.id, m.state);
  const due = core.db.outbox.retryNow(m.id);
  core.outbox.kick();
  return due;
}

export function resetOutcome(core: Core, id: number): OutboxMessage {
  const m = core.engine.resetOutcome(outboxMessage(core, id).id);
  core.outbox.kick();
  return m;
}
