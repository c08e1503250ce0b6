/**
 * Shifts: an operator's time at a terminal, from the opening float to the Z report. One open shift
 * per terminal (the schema enforces it). Closing numbers the Z report and records the journal's head,
 * which the report prints: a copy of the chain's end that lives outside the database file.
 */
import { AmountInvalid } from '../../kernel/money';
import type { Cents } from '../../kernel/money';
import { RecordNotFound, StateConflict } from '../errors';
import { cents, isoAt, statements } from './context';
import type { RepoContext } from './context';

export interface ShiftRecord {
  id: string;
  terminalId: string;
  operatorId: string;
  openedAt: string;
  floatCents: Cents;
  closedAt: string | null;
  countedCashCents: Cents | null;
  expectedCashCents: Cents | null;
  /** counted - expected: negative when cash is missing. */
  differenceCents: number | null;
  zReportNumber: number | null;
  journalSeq: number | null;
  journalHash: string | null;
}

interface Row {
  id: string;
  terminal_id: string;
  operator_id: string;
  opened_at: string;
  float_cents: number;
  closed_at: string | null;
  counted_cash_cents: number | null;
  expected_cash_cents: number | null;
  difference_cents: number | null;
  z_report_number: number | null;
  journal_seq: number | null;
  journal_hash: string | null;
}

const fromRow = (r: Row): ShiftRecord => ({
  id: r.id,
  terminalId: r.terminal_id,
  operatorId: r.operator_id,
  openedAt: r.opened_at,
  floatCents: r.float_cents,
  closedAt: r.closed_at,
  countedCashCents: r.counted_cash_cents,
  expectedCashCents: r.expected_cash_cents,
  differenceCents: r.difference_cents,
  zReportNumber: r.z_report_number,
  journalSeq: r.journal_seq,
  journalHash: r.journal_hash,
});

export function shiftRepository(ctx: RepoContext) {
  const q = statements(ctx.db, {
    insert: `INSERT INTO shift (id, terminal_id, operator_id, opened_at, float_cents)
             VALUES (@id, @terminal_id, @operator_id, @now, @float_cents)`,
    get: 'SELECT * FROM shift WHERE id = ?',
    current: 'SELECT * FROM shift WHERE terminal_id = ? AND closed_at IS NULL',
    nextZ: 'SELECT coalesce(max(z_report_number), 0) + 1 FROM shift',
    journalHead: 'SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1',
    close: `UPDATE shift SET closed_at = @now, counted_cash_cents = @counted, expected_cash_cents = @expected,
              difference_cents = @counted - @expected, z_report_number = @z, journal_seq = @seq, journal_hash = @hash
            WHERE id = @id AND closed_at IS NULL`,
    recent: 'SELECT * FROM shift WHERE opened_at < ? ORDER BY opened_at DESC LIMIT ?',
  });

  const get = (id: string): ShiftRecord | null => {
    const row = q.get.get(id) as Row | undefined;
    return row ? fromRow(row) : null;
  };
  const current = (terminalId: string): ShiftRecord | null => {
    const row = q.current.get(terminalId) as Row | undefined;
    return row ? fromRow(row) : null;
  };

  return {
    open(s: { terminalId: string; operatorId: string; floatCents: Cents; id?: string }): ShiftRecord {
      return ctx.db.transaction(() => {
        const open = current(s.terminalId);
        if (open)
          throw new StateConflict(`terminal ${s.terminalId} already has an open shift`, { shiftId: open.id, terminalId: s.terminalId });
        const id = s.id ?? ctx.newId();
        q.insert.run({
          id,
          terminal_id: s.terminalId,
          operator_id: s.operatorId,
          now: isoAt(ctx.now()),
          float_cents: cents(s.floatCents, 'floatCents'),
        });
        return get(id)!;
      })();
    },

    get,
    current,

    /** Closes with the cash counted and the cash the engine expected; numbers the Z report. */
    close(id: string, count: { countedCashCents: Cents; expectedCashCents: number }): ShiftRecord {
      if (!Number.isSafeInteger(count.expectedCashCents))
        throw new AmountInvalid(`expectedCashCents must be integer cents, got ${String(count.expectedCashCents)}`, {
          field: 'expectedCashCents',
        });
      return ctx.db.transaction(() => {
        const head = q.journalHead.get() as { seq: number; hash: string } | undefined;
        const r = q.close.run({
          id,
          now: isoAt(ctx.now()),
          counted: cents(count.countedCashCents, 'countedCashCents'),
          expected: count.expectedCashCents,
          z: q.nextZ.pluck().get() as number,
          seq: head?.seq ?? null,
          hash: head?.hash ?? null,
        });
        if (r.changes === 0) {
          if (!get(id)) throw new RecordNotFound('shift', id);
          throw new StateConflict(`shift ${id} is already closed`, { shiftId: id });
        }
        return get(id)!;
      })();
    },

    /** Newest first; pass the last openedAt seen as `before` to page back. */
    listRecent(opts: { limit?: number; before?: string } = {}): ShiftRecord[] {
      return (q.recent.all(opts.before ?? '9999', opts.limit ?? 50) as Row[]).map(fromRow);
    },
  };
}

export type ShiftRepository = ReturnType<typeof shiftRepository>;
