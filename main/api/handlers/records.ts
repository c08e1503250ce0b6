/** What staff look up and repair: past sessions, the outbox, the journal. */
import { exportJournal } from '../../services/journal-export';
import { outboxMessageView, outboxStatus } from '../../services/outbox/view';
import { outboxMessage, resetOutcome, retryOutcome } from '../../services/outbox/repair';
import { openSessions } from '../../services/sessions';
import type { HandlerContext, Handlers } from './types';

type RecordCalls = Extract<keyof Handlers, `sessions.${string}` | `outbox.${string}` | `journal.${string}`>;

export function recordHandlers(ctx: HandlerContext): Handlers<RecordCalls> {
  const { db, config } = ctx.core;
  return {
    'sessions.list': (r) => ({ sessions: db.sessions.listRecent({ limit: r.limit ?? 50, ...(r.before ? { before: r.before } : {}) }) }),
    'sessions.open': () => ({ sessions: openSessions(ctx.core) }),
    'sessions.search': (r) => {
      if (r.noticeNumber) return { sessions: db.sessions.findByNoticeNumber(r.noticeNumber, r.limit ?? 20) };
      const found = db.sessions.findByPaymentToken(r.paymentToken ?? '');
      return { sessions: found ? [found] : [] };
    },
    'outbox.list': (r) => ({
      messages: db.outbox
        .list({
          limit: r.limit ?? 100,
          ...(r.states ? { states: r.states } : {}),
          ...(r.sessionId ? { sessionId: r.sessionId } : {}),
          ...(r.beforeId ? { beforeId: r.beforeId } : {}),
        })
        .map(outboxMessageView),
    }),
    'outbox.attempts': (r) => ({ attempts: db.outbox.attempts(outboxMessage(ctx.core, r.messageId).id) }),
    'outbox.retry': (r) => {
      const due = retryOutcome(ctx.core, r.messageId);
      ctx.outboxChanged();
      return outboxMessageView(due);
    },
    'outbox.reset': (r) => {
      const m = resetOutcome(ctx.core, r.messageId);
      ctx.outboxChanged();
      return outboxMessageView(m);
    },
    'outbox.status': () => outboxStatus(db),
    'journal.list': (r) => ({ entries: db.journal.list(r.afterSeq ?? 0, r.limit ?? 100) }),
    'journal.verify': () => db.journal.verify(),
    'journal.exportCsv': (r) => exportJournal(db, config.terminal.id, r),
  };
}
