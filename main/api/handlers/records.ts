/** What staff look up and repair: past sessions, the outbox, the journal. */
import { exportJournal } from '../../services/journal-export';
import { outboxMessageView, outboxStatus } from '../../services/outbox/view';
import { outboxMessage, resetOutcome, retryOutcome } from '../../services/outbox/repair';
import { openSessions } from '../../services/sessions';
import type { Core } from '../../core/core';
import type { SessionSearchRequest } from '../../contract/history-schemas';
import type { HandlerContext, Handlers } from './types';

type RecordCalls = Extract<keyof Handlers, `sessions.${string}` | `outbox.${string}` | `journal.${string}`>;

export function recordHandlers(ctx: HandlerContext): Handlers<RecordCalls> {
  const { db, config } = ctx.core;
  return {
    'sessions.list': (r) => ({ sessions: db.sessions.listRecent({ limit: r.limit ?? 50, ...(r.before ? { before: r.before } : {}) }) }),
    'sessions.open': () => ({ sessions: openSessions(ctx.core) }),
    'sessions.search': (r) => searchHistory(db, r),
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

/**
 * The payment history (sessions.search): the filters go to the db's indexed query; one row more than
 * asked tells whether an older page exists. Times are normalised to the stored spelling
 * (`toISOString`), since the stored ISO text is compared as text.
 */
function searchHistory(db: Core['db'], r: SessionSearchRequest) {
  const limit = r.limit ?? 50;
  const iso = (t: string | undefined) => (t === undefined ? undefined : new Date(t).toISOString());
  const cursor = r.before?.split('|');
  const rows = db.sessions.search({
    ...(r.noticeNumber !== undefined ? { noticeNumber: r.noticeNumber } : {}),
    ...(r.paymentToken !== undefined ? { paymentToken: r.paymentToken } : {}),
    ...(r.amountCents !== undefined ? { amountCents: r.amountCents } : {}),
    ...(r.operatorId !== undefined ? { operatorId: r.operatorId } : {}),
    ...(r.from !== undefined ? { from: iso(r.from)! } : {}),
    ...(r.to !== undefined ? { to: iso(r.to)! } : {}),
    ...(r.paymentsOnly ? { paymentsOnly: true } : {}),
    ...(cursor ? { before: { createdAt: iso(cursor[0])!, id: cursor[1]! } } : {}),
    limit: limit + 1,
  });
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    sessions: page.map((s) => ({
      ...s,
      notices: db.notices.listBySession(s.id).map((n) => ({
        noticeNumber: n.noticeNumber,
        fiscalCode: n.fiscalCode,
        companyName: n.activation?.companyName ?? n.verification?.companyName ?? null,
        amountCents: n.activation?.totalAmountCents ?? n.verification?.amountCents ?? n.payloadAmountCents,
        paymentToken: n.activation?.paymentToken ?? null,
      })),
    })),
    next: rows.length > limit && last ? `${last.createdAt}|${last.id}` : null,
  };
}
