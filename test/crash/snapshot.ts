/**
 * What the checker looks at after a trial, as plain data: the terminal's SQLite file (read after the
 * last child exited, read-only) and the node's side (the simulator's request log and the positions
 * the trial created). Reading is kept apart from judging so the checker can be fed doctored data.
 */
import { openDatabase } from '../../db';
import type { DeliveryAttempt, NoticeRecord, OutboxMessage, SessionRecord, TenderRecord } from '../../db';
import type { LogEntry } from '../../sim/log';
import type { Simulator } from '../../sim/simulator';
import type { PositionView } from '../../sim/view';

export interface TerminalSnapshot {
  sessions: SessionRecord[];
  notices: NoticeRecord[];
  tenders: TenderRecord[];
  outbox: Array<OutboxMessage & { attemptRows: DeliveryAttempt[] }>;
  journal: { ok: boolean; kinds: Array<{ kind: string; sessionId: string | null }> };
}

export interface NodeSnapshot {
  log: LogEntry[];
  /** Only the positions the trial created (the seed's are not the trial's business). */
  positions: PositionView[];
  clockOffsetMs: number;
}

/** One line of the child's crash-events.jsonl. */
export type ChildEvent = Record<string, unknown> & { life: number; event: string };

export function readTerminal(dbPath: string): TerminalSnapshot {
  const db = openDatabase(dbPath, { readonly: true });
  try {
    const sessions = db.sessions.listRecent({ limit: 100_000 });
    const journal = db.journal.list(0, 1_000_000);
    return {
      sessions,
      notices: sessions.flatMap((s) => db.notices.listBySession(s.id)),
      tenders: sessions.flatMap((s) => db.tenders.listBySession(s.id)),
      outbox: db.outbox.list({ limit: 100_000 }).reverse().map((m) => ({ ...m, attemptRows: db.outbox.attempts(m.id) })),
      journal: { ok: db.journal.verify().ok, kinds: journal.map((e) => ({ kind: e.kind, sessionId: e.sessionId })) },
    };
  } finally {
    db.close();
  }
}

export function readNode(sim: Simulator): NodeSnapshot {
  return {
    log: sim.log(),
    positions: sim.positions().filter((p) => p.origin === 'admin'),
    clockOffsetMs: sim.clockOffsetMs(),
  };
}
