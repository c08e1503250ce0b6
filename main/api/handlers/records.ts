/** What staff look up and repair: past sessions, the outbox, the journal. */
import { journalCsv } from '../../services/journal-export';
import { outboxMessageView, outboxStatus } from '../../services/outbox/view';
import { OutboxMessageNotFound, OutboxNotPending } from '../../services/outbox/errors';
import type { SessionState, SessionStatus } from '../../engine';
import type { HandlerContext, Handlers } from './types';

type RecordCalls = Extract<keyof Handlers, `sessions.${string}` | `outbox.${string}` | `journal.${string}`>;

/**
 * Where a payment is still the screen's business: notices in the cart, tokens being taken or held,
 * a KO or OK on its way. Ended sessions and those waiting for a supervisor's decision are not.
 */
const OPEN_STATES: readonly SessionStatus[] = ['cart', 'activating', 'activated', 'needs-decision', 'outcome-pending', 'cancelling', 'token-expired'];

function stillOpen(s: SessionState): boolean {
  // An empty cart holds nothing worth resuming; needs-decision only for an activation left without
  // a tender (resumed with a tender or closed with a KO, as the engine allows).
  if (s.status === 'cart') return s.notices.length > 0;
  if (s.status === 'needs-decision') return s.tender === null && s.decisionReason === 'abandoned-activation';
  return true;
}

export function recordHandlers(ctx: HandlerContext): Handlers<RecordCalls> {
  const { db, outbox, config } = ctx.core;
  const message = (id: number) => {
    const m = db.outbox.get(id);
    if (!m) throw new OutboxMessageNotFound(id);
    return m;
  };
  return {
    'sessions.list': (r) => ({ sessions: db.sessions.listRecent({ limit: r.limit ?? 50, ...(r.before ? { before: r.before } : {}) }) }),
    'sessions.open': () => {
      // The screens' own sessions on this terminal (a CLI run drives its own), newest first.
      const mine = db.sessions.listByState(OPEN_STATES).filter((rec) => rec.terminalId === config.terminal.id && rec.kind !== 'cli').reverse();
      return { sessions: mine.map((rec) => ctx.core.engine.get(rec.id)).filter(stillOpen) };
    },
    'sessions.search': (r) => {
      if (r.noticeNumber) return { sessions: db.sessions.findByNoticeNumber(r.noticeNumber, r.limit ?? 20) };
      const found = db.sessions.findByPaymentToken(r.paymentToken ?? '');
      return { sessions: found ? [found] : [] };
    },
    'outbox.list': (r) => ({
      messages: db.outbox
        .list({ limit: r.limit ?? 100, ...(r.states ? { states: r.states } : {}), ...(r.sessionId ? { sessionId: r.sessionId } : {}), ...(r.beforeId ? { beforeId: r.beforeId } : {}) })
        .map(outboxMessageView),
    }),
    'outbox.attempts': (r) => ({ attempts: db.outbox.attempts(message(r.messageId).id) }),
    'outbox.retry': (r) => {
      const m = message(r.messageId);
      if (m.state !== 'pending' && m.state !== 'stalled' && m.state !== 'parked') throw new OutboxNotPending(m.id, m.state);
      const due = db.outbox.retryNow(m.id);
      outbox.kick();
      ctx.outboxChanged();
      return outboxMessageView(due);
    },
    'outbox.reset': (r) => {
      // Through the engine: a notice waiting for a person is queued again in the same transaction.
      const m = ctx.core.engine.resetOutcome(message(r.messageId).id);
      outbox.kick();
      ctx.outboxChanged();
      return outboxMessageView(m);
    },
    'outbox.status': () => outboxStatus(db),
    'journal.list': (r) => ({ entries: db.journal.list(r.afterSeq ?? 0, r.limit ?? 100) }),
    'journal.verify': () => db.journal.verify(),
    'journal.exportCsv': (r) => {
      const entries = db.journal.list(r.afterSeq ?? 0, r.limit ?? 100_000);
      const first = entries[0]?.seq ?? null;
      const last = entries.at(-1)?.seq ?? null;
      const range = first === null ? 'empty' : `${first}-${last}`;
      return { filename: `sportello-journal-${config.terminal.id}-${range}.csv`, csv: journalCsv(entries), count: entries.length, lastSeq: last };
    },
  };
}
