/**
 * The counter's shift: open with a float, X report at any time, close with the counted cash (the
 * core computes what was expected and the difference, numbers the Z report and records the
 * journal's head), reports as CSV and on paper. One open shift per terminal (the schema enforces
 * it). Payments started at the counter while a shift is open belong to it (session.start), so
 * their tender rows add up here.
 */
import type { ShiftRecord } from '../../../db';
import { deliver, formatOutput } from '../../../drivers/certificate/index';
import { requirePrinter } from '../../services/printer/setting';
import { buildShiftReport, expectedCash, shiftReportCsv } from '../../services/shift/report';
import { shiftReportDocument } from '../../services/shift/print';
import type { ReportKind, ShiftReport } from '../../contract/shift-schemas';
import { ShiftAlreadyOpen, ShiftNotClosed, ShiftNotFound, ShiftNotOpen, ShiftPaymentOpen } from '../../services/shift/errors';
import { RoleRequired, SupervisorRequired } from '../../services/access/errors';
import type { HandlerContext, Handlers } from './types';

type ShiftCalls = Extract<keyof Handlers, `shift.${string}`>;

/** Sessions that hold tokens without the money taken yet. */
const UNPAID_WITH_TOKENS = ['activating', 'activated'];

export function shiftHandlers(ctx: HandlerContext): Handlers<ShiftCalls> {
  const { db, config, engine } = ctx.core;
  const terminalId = config.terminal.id;

  const current = (): ShiftRecord => {
    const open = db.shifts.current(terminalId);
    if (!open) throw new ShiftNotOpen(terminalId);
    return open;
  };
  const closedShift = (shiftId: string | undefined): ShiftRecord => {
    if (shiftId) {
      const s = db.shifts.get(shiftId);
      if (!s) throw new ShiftNotFound(shiftId);
      if (!s.closedAt) throw new ShiftNotClosed(s.id);
      return s;
    }
    // the latest Z of this terminal
    const last = db.shifts.listRecent({ limit: 20 }).find((s) => s.terminalId === terminalId && s.closedAt !== null);
    if (!last) throw new ShiftNotFound('closed at this terminal');
    return last;
  };
  const report = (kind: ReportKind, shift: ShiftRecord): ShiftReport =>
    buildShiftReport({ kind, shift, totals: db.tenders.totalsByShift(shift.id), pendingOutcomes: db.outbox.pending().depth, lateOutcomes: db.notices.countInShift(shift.id, 'accepted-late'), generatedAtMs: engine.now() });
  const reportOf = (kind: ReportKind, shiftId: string | undefined): ShiftReport => (kind === 'x' ? report('x', current()) : report('z', closedShift(shiftId)));

  return {
    'shift.open': (r, caller) => {
      // The drawer is the signed-in operator's: a request cannot open it in someone else's name.
      const operatorId = caller.kind === 'operator' ? caller.operatorId : (r.operatorId ?? null);
      if (!operatorId || (r.operatorId !== undefined && r.operatorId !== operatorId)) throw new RoleRequired('shift.open', ['operator']);
      const open = db.shifts.current(terminalId);
      if (open) throw new ShiftAlreadyOpen(terminalId, open.id, open.operatorId);
      return db.transaction(() => {
        const shift = db.shifts.open({ terminalId, operatorId, floatCents: r.floatCents });
        db.journal.append('shift-opened', { shiftId: shift.id, operatorId: shift.operatorId, floatCents: shift.floatCents, by: caller.operatorId ?? caller.kind });
        return shift;
      });
    },
    'shift.current': () => ({ shift: db.shifts.current(terminalId) }),
    'shift.close': (r, caller) => {
      const shift = db.shifts.get(r.shiftId);
      if (!shift) throw new ShiftNotFound(r.shiftId);
      if (shift.closedAt) throw new ShiftNotOpen(terminalId, shift.id);
      const supervisor = caller.roles.has('supervisor');
      // Another operator's drawer is closed only by a supervisor.
      if (!supervisor && shift.operatorId !== caller.operatorId) throw new SupervisorRequired('foreign-shift', { shiftId: shift.id, operatorId: shift.operatorId });
      const open = db.sessions.listByState(UNPAID_WITH_TOKENS).filter((s) => s.shiftId === shift.id).map((s) => s.id);
      if (open.length > 0) throw new ShiftPaymentOpen(shift.id, open);
      const closed = db.transaction(() => {
        const expected = expectedCash(shift.floatCents, db.tenders.totalsByShift(shift.id));
        // A cash difference is signed off by a supervisor (the operator counts, the supervisor approves).
        if (!supervisor && r.countedCashCents !== expected) throw new SupervisorRequired('cash-difference', { differenceCents: r.countedCashCents - expected });
        const c = db.shifts.close(shift.id, { countedCashCents: r.countedCashCents, expectedCashCents: expected });
        db.journal.append('shift-closed', {
          shiftId: c.id, zReportNumber: c.zReportNumber, expectedCashCents: c.expectedCashCents, countedCashCents: c.countedCashCents, differenceCents: c.differenceCents,
          closedBy: caller.operatorId ?? caller.kind, supervisor,
        });
        return c;
      });
      return report('z', closed);
    },
    'shift.xReport': () => report('x', current()),
    'shift.zReport': (r) => report('z', closedShift(r.shiftId)),
    'shift.reportCsv': (r) => {
      const rep = reportOf(r.kind, r.shiftId);
      const name = rep.kind === 'x' ? `x-${rep.generatedAt.replace(/[:.]/g, '-')}` : `z-${rep.shift.zReportNumber}`;
      return { filename: `sportello-${terminalId}-${name}.csv`, csv: shiftReportCsv(rep) };
    },
    'shift.printReport': async (r) => {
      const { choice, output } = requirePrinter(db, ctx.core.dataDir);
      const rep = reportOf(r.kind, r.shiftId);
      const delivery = await deliver(shiftReportDocument(rep, r.locale ?? config.terminal.locale), output, { paper: choice.paper });
      return { output: formatOutput(output), warnings: [...delivery.warnings] };
    },
  };
}
