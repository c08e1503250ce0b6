/**
 * What the checker looks at after a trial, as plain data: the terminal's SQLite file (read after the
 * last child exited, read-only) and the node's side (the simulator's request log and the positions
 * the trial created). Reading is kept apart from judging so the checker can be fed doctored data.
 */
import { openDatabase } from '../../db';
import type { DeliveryAttempt, NoticeRecord, OutboxMessage, SessionRecord, TenderRecord } from '../../db';
import type { LogEntry } from '../../sim/log';
import type { Simulator } from '../../sim/simulator';
import type { NexoSimulator } from '../../sim/nexo/server';
import type { PositionView } from '../../sim/view';
import type { Json } from '../../db';
import { CARD_JOURNAL_KINDS } from '../../main/engine/card-holds';

export interface TerminalSnapshot {
  sessions: SessionRecord[];
  notices: NoticeRecord[];
  tenders: TenderRecord[];
  outbox: Array<OutboxMessage & { attemptRows: DeliveryAttempt[] }>;
  journal: { ok: boolean; kinds: Array<{ kind: string; sessionId: string | null }> };
  /** The card journal entries (main/engine/card-holds.ts), oldest first: what the card ledger is folded from. */
  cards?: Array<{ sessionId: string; kind: string; payload: Json }>;
  /**
   * The amount each notice was shown and confirmed at: what verifyPaymentNotice returned, or the
   * printed amount when verify was skipped (null: neither). The only amount money may be collected for.
   */
  verified: Array<{
    noticeId: number;
    sessionId: string;
    fiscalCode: string;
    noticeNumber: string;
    amountCents: number | null;
    source: 'verify' | 'printed' | 'none';
    /** A spontaneous payment's notice (issue 15): its printed amount is the demand's answer, which alone may never be charged. */
    service?: boolean;
  }>;
}

export interface NodeSnapshot {
  log: LogEntry[];
  /**
   * Only the positions the trial created (the seed's are not the trial's business): through the admin
   * API, and the creditors' positions its demands created (origin `demand`, spontaneous payments).
   */
  positions: PositionView[];
  clockOffsetMs: number;
  /** The nexo card terminal simulator's transactions (the card mixes): what was charged, and reversed. */
  cardTransactions?: Array<{ reference: string; poiTransactionId: string; approved: boolean; reversed: boolean }>;
}

/** One line of the child's crash-events.jsonl. */
export type ChildEvent = Record<string, unknown> & { life: number; event: string };

export function readTerminal(dbPath: string): TerminalSnapshot {
  const db = openDatabase(dbPath, { readonly: true });
  try {
    const sessions = db.sessions.listRecent({ limit: 100_000 });
    const journal = db.journal.list(0, 1_000_000);
    const notices = sessions.flatMap((s) => db.notices.listBySession(s.id));
    return {
      sessions,
      notices,
      verified: notices.map((n) => ({
        noticeId: n.id,
        sessionId: n.sessionId,
        fiscalCode: n.fiscalCode,
        noticeNumber: n.noticeNumber,
        amountCents: n.verification?.amountCents ?? n.payloadAmountCents,
        source: n.verification ? ('verify' as const) : n.payloadAmountCents !== null ? ('printed' as const) : ('none' as const),
        service: n.service !== null,
      })),
      tenders: sessions.flatMap((s) => db.tenders.listBySession(s.id)),
      outbox: db.outbox
        .list({ limit: 100_000 })
        .reverse()
        .map((m) => ({ ...m, attemptRows: db.outbox.attempts(m.id) })),
      journal: { ok: db.journal.verify().ok, kinds: journal.map((e) => ({ kind: e.kind, sessionId: e.sessionId })) },
      cards: journal
        .filter((e) => e.sessionId !== null && (CARD_JOURNAL_KINDS as readonly string[]).includes(e.kind))
        .map((e) => ({ sessionId: e.sessionId!, kind: e.kind, payload: e.payload })),
    };
  } finally {
    db.close();
  }
}

/** A terminal with nothing in it: what the checker judges when the file cannot be read at all. */
export function emptyTerminal(): TerminalSnapshot {
  return { sessions: [], notices: [], tenders: [], outbox: [], journal: { ok: true, kinds: [] }, verified: [] };
}

export function readNode(sim: Simulator, nexo?: NexoSimulator): NodeSnapshot {
  return {
    log: sim.log(),
    positions: sim.positions().filter((p) => p.origin === 'admin' || p.origin === 'demand'),
    clockOffsetMs: sim.clockOffsetMs(),
    ...(nexo
      ? {
          cardTransactions: nexo
            .transactions()
            .map((t) => ({ reference: t.reference, poiTransactionId: t.poiTransactionId, approved: t.approved, reversed: t.reversed })),
        }
      : {}),
  };
}
