/** Refusals of the outbox calls, typed so staff screens can say what to do. */
import { SportelloError } from '../../../kernel/errors';

export class OutboxMessageNotFound extends SportelloError {
  declare readonly code: 'OUTBOX_MESSAGE_NOT_FOUND';
  constructor(messageId: number) {
    super('OUTBOX_MESSAGE_NOT_FOUND', `no outbox message ${messageId}`, { details: { messageId } });
  }
}

/** Only a pending message can be brought forward; one waiting for a decision needs a reset. */
export class OutboxNotPending extends SportelloError {
  declare readonly code: 'OUTBOX_NOT_PENDING';
  constructor(messageId: number, state: string) {
    super('OUTBOX_NOT_PENDING', `outbox message ${messageId} is ${state}: only a pending message can be retried`, {
      details: { messageId, state },
    });
  }
}
