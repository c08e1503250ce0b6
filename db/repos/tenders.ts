/**
 * Money that changed hands at the terminal. A payment row is written in the same transaction as the
 * OK outcomes it pays for (invariant 1); a refund row records cash handed back. Rows are never
 * changed afterwards: a correction is another row.
 */
import type { Cents } from '../../kernel/money';
import { RecordNotFound } from '../errors';
import { cents, centsOrNull, isoAt, statements } from './context';
import type { RepoContext } from './context';
import type { TenderMethod } from './sessions';

export type TenderKind = 'payment' | 'refund';

export interface TenderRecord {
  id: number;
  sessionId: string;
  kind: TenderKind;
  method: TenderMethod;
  /** What goes to the creditors (the notices' total). */
  amountCents: Cents;
  /** The terminal's fee on top. */
  feeCents: Cents;
  /** Cash handed over, when counted; change = given - amount - fee (the schema checks it). */
  givenCents: Cents | null;
  changeCents: Cents;
  operatorId: string | null;
  terminalId: string;
  shiftId: string | null;
  /** Card authorisation code or other external reference. */
  reference: string | null;
  createdAt: string;
}

export interface NewTender {
  sessionId: string;
  kind?: TenderKind;
  method: TenderMethod;
  amountCents: Cents;
  feeCents: Cents;
  givenCents?: Cents | null;
  changeCents?: Cents;
  operatorId?: string | null;
  terminalId: string;
  shiftId?: string | null;
  reference?: string | null;
}

export interface TenderTotals {
  kind: TenderKind;
  method: TenderMethod;
  count: number;
  amountCents: Cents;
  feeCents: Cents;
}

interface Row {
  id: number;
  session_id: string;
  kind: TenderKind;
  method: TenderMethod;
  amount_cents: number;
  fee_cents: number;
  given_cents: number | null;
  change_cents: number;
  operator_id: string | null;
  terminal_id: string;
  shift_id: string | null;
  reference: string | null;
  created_at: string;
}

const fromRow = (r: Row): TenderRecord => ({
  id: r.id,
  sessionId: r.session_id,
  kind: r.kind,
  method: r.method,
  amountCents: r.amount_cents,
  feeCents: r.fee_cents,
  givenCents: r.given_cents,
  changeCents: r.change_cents,
  operatorId: r.operator_id,
  terminalId: r.terminal_id,
  shiftId: r.shift_id,
  reference: r.reference,
  createdAt: r.created_at,
});

export function tenderRepository(ctx: RepoContext) {
  const q = statements(ctx.db, {
    insert: `INSERT INTO tender (session_id, kind, method, amount_cents, fee_cents, given_cents, change_cents,
               operator_id, terminal_id, shift_id, reference, created_at)
             VALUES (@session_id, @kind, @method, @amount_cents, @fee_cents, @given_cents, @change_cents,
               @operator_id, @terminal_id, @shift_id, @reference, @created_at)`,
    get: 'SELECT * FROM tender WHERE id = ?',
    bySession: 'SELECT * FROM tender WHERE session_id = ? ORDER BY id',
    totalsByShift: `SELECT kind, method, count(*) AS count, sum(amount_cents) AS amount_cents, sum(fee_cents) AS fee_cents
                    FROM tender WHERE shift_id = ? GROUP BY kind, method ORDER BY kind, method`,
  });

  const get = (id: number): TenderRecord | null => {
    const row = q.get.get(id) as Row | undefined;
    return row ? fromRow(row) : null;
  };

  return {
    record(t: NewTender): TenderRecord {
      const r = q.insert.run({
        session_id: t.sessionId,
        kind: t.kind ?? 'payment',
        method: t.method,
        amount_cents: cents(t.amountCents, 'amountCents'),
        fee_cents: cents(t.feeCents, 'feeCents'),
        given_cents: centsOrNull(t.givenCents, 'givenCents'),
        change_cents: cents(t.changeCents ?? 0, 'changeCents'),
        operator_id: t.operatorId ?? null,
        terminal_id: t.terminalId,
        shift_id: t.shiftId ?? null,
        reference: t.reference ?? null,
        created_at: isoAt(ctx.now()),
      });
      const id = Number(r.lastInsertRowid);
      const saved = get(id);
      if (!saved) throw new RecordNotFound('tender', id);
      return saved;
    },

    get,

    listBySession(sessionId: string): TenderRecord[] {
      return (q.bySession.all(sessionId) as Row[]).map(fromRow);
    },

    /** Per kind and method, for the X/Z reports and the expected cash at shift close. */
    totalsByShift(shiftId: string): TenderTotals[] {
      return (
        q.totalsByShift.all(shiftId) as Array<{
          kind: TenderKind;
          method: TenderMethod;
          count: number;
          amount_cents: number;
          fee_cents: number;
        }>
      ).map((r) => ({ kind: r.kind, method: r.method, count: r.count, amountCents: r.amount_cents, feeCents: r.fee_cents }));
    },
  };
}

export type TenderRepository = ReturnType<typeof tenderRepository>;
