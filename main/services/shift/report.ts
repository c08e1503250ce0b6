/**
 * The X and Z reports of a counter shift, from the shift record and its tender rows. Pure: the
 * handler reads the database, this adds up. The drawer holds the float, plus every cash payment
 * (notices and fee: the change went back out of what the customer handed over), minus every cash
 * refund. Card and other tenders are listed but never expected in the drawer.
 */
import type { ShiftRecord, TenderTotals } from '../../../db';
import { csvField } from '../journal-export';
import type { ReportKind, ShiftReport } from '../../contract/shift-schemas';

export interface ReportInput {
  kind: ReportKind;
  shift: ShiftRecord;
  totals: readonly TenderTotals[];
  pendingOutcomes: number;
  /** OK outcomes the node took after the token expired: breaches of the time rule, shown to staff. */
  lateOutcomes: number;
  generatedAtMs: number;
}

/** The cash the drawer should hold: float + cash taken - cash refunded. */
export function expectedCash(floatCents: number, totals: readonly TenderTotals[]): number {
  let expected = floatCents;
  for (const t of totals) {
    if (t.method !== 'cash') continue;
    expected += (t.kind === 'payment' ? 1 : -1) * (t.amountCents + t.feeCents);
  }
  return expected;
}

export function buildShiftReport(i: ReportInput): ShiftReport {
  const payments = i.totals.filter((t) => t.kind === 'payment');
  const cashOf = (kind: 'payment' | 'refund') =>
    i.totals.filter((t) => t.kind === kind && t.method === 'cash').reduce((sum, t) => sum + t.amountCents + t.feeCents, 0);
  const amountCents = payments.reduce((s, t) => s + t.amountCents, 0);
  const feeCents = payments.reduce((s, t) => s + t.feeCents, 0);
  const closed = i.kind === 'z';
  return {
    kind: i.kind,
    shift: i.shift,
    generatedAt: new Date(i.generatedAtMs).toISOString(),
    lines: i.totals.map((t) => ({ kind: t.kind, method: t.method, count: t.count, amountCents: t.amountCents, feeCents: t.feeCents })),
    payments: { count: payments.reduce((s, t) => s + t.count, 0), amountCents, feeCents, totalCents: amountCents + feeCents },
    cash: {
      floatCents: i.shift.floatCents,
      inCents: cashOf('payment'),
      outCents: cashOf('refund'),
      // A closed shift keeps what was expected when it closed; an open one is counted now.
      expectedCents: closed && i.shift.expectedCashCents !== null ? i.shift.expectedCashCents : expectedCash(i.shift.floatCents, i.totals),
      countedCents: closed ? i.shift.countedCashCents : null,
      differenceCents: closed ? i.shift.differenceCents : null,
    },
    pendingOutcomes: i.pendingOutcomes,
    lateOutcomes: i.lateOutcomes,
  };
}

/** Cents as a plain decimal for spreadsheets ("-12.50"): string math, never floats. */
export function centsDecimal(value: number): string {
  const sign = value < 0 ? '-' : '';
  const digits = String(Math.abs(value)).padStart(3, '0');
  return `${sign}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

const csvCell = (v: string | number | null): string => csvField(v === null ? '' : String(v));

/** One row per fact ("section,item,count,amount"), so a spreadsheet can sum any column. */
export function shiftReportCsv(r: ShiftReport): string {
  const rows: (string | number | null)[][] = [['section', 'item', 'count', 'amount_eur']];
  const s = r.shift;
  rows.push(['report', r.kind === 'x' ? 'X' : `Z ${s.zReportNumber ?? ''}`.trim(), null, null]);
  rows.push(['shift', 'id', null, s.id], ['shift', 'terminal', null, s.terminalId], ['shift', 'operator', null, s.operatorId]);
  rows.push(
    ['shift', 'opened_at', null, s.openedAt],
    ['shift', 'closed_at', null, s.closedAt],
    ['shift', 'generated_at', null, r.generatedAt],
  );
  for (const l of r.lines) {
    rows.push([`${l.kind}_${l.method}`, 'amount', l.count, centsDecimal(l.amountCents)]);
    rows.push([`${l.kind}_${l.method}`, 'fee', l.count, centsDecimal(l.feeCents)]);
  }
  rows.push(['payments', 'amount', r.payments.count, centsDecimal(r.payments.amountCents)]);
  rows.push(['payments', 'fee', r.payments.count, centsDecimal(r.payments.feeCents)]);
  rows.push(['payments', 'total', r.payments.count, centsDecimal(r.payments.totalCents)]);
  rows.push(['cash', 'float', null, centsDecimal(r.cash.floatCents)]);
  rows.push(['cash', 'in', null, centsDecimal(r.cash.inCents)]);
  rows.push(['cash', 'out', null, centsDecimal(r.cash.outCents)]);
  rows.push(['cash', 'expected', null, centsDecimal(r.cash.expectedCents)]);
  if (r.cash.countedCents !== null) rows.push(['cash', 'counted', null, centsDecimal(r.cash.countedCents)]);
  if (r.cash.differenceCents !== null) rows.push(['cash', 'difference', null, centsDecimal(r.cash.differenceCents)]);
  rows.push(['outbox', 'pending_outcomes', r.pendingOutcomes, null]);
  rows.push(['outbox', 'late_outcomes', r.lateOutcomes, null]);
  if (s.journalSeq !== null) rows.push(['journal', 'head', s.journalSeq, s.journalHash]);
  return rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
