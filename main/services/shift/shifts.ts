/**
 * The counter's shift: open with a float, X report at any time, close with the counted cash (the
 * core computes what was expected and the difference, numbers the Z report and records the
 * journal's head), reports as CSV and on paper. One open shift per terminal (the schema enforces
 * it). Payments started at the counter while a shift is open belong to it (session.start), so
 * their tender rows add up here. Who acts is the caller the gate admitted: the drawer is the
 * signed-in operator's; another operator's drawer, or a cash difference, needs a supervisor.
 */
import type { ShiftRecord } from '../../../db';
import { formatOutput } from '../../../drivers/certificate/index';
import { PrinterUnavailable } from '../../../drivers/printer/index';
import type { Language } from '../../../drivers/certificate/index';
import type { Core } from '../../core/core';
import type { ReportKind, ShiftReport } from '../../contract/shift-schemas';
import { RoleRequired, SupervisorRequired } from '../access/errors';
import type { Principal } from '../access/principal';
import type { PrintService } from '../printer/service';
import { requirePrinter } from '../printer/setting';
import { ShiftAlreadyOpen, ShiftNotClosed, ShiftNotFound, ShiftNotOpen, ShiftPaymentOpen } from './errors';
import { shiftReportDocument, shiftReportTitle } from './print';
import { buildShiftReport, expectedCash, shiftReportCsv } from './report';

/** Sessions that hold tokens without the money taken yet. */
const UNPAID_WITH_TOKENS = ['activating', 'activated'];

export class Shifts {
  private readonly terminalId: string;

  constructor(
    private readonly core: Core,
    private readonly printing: PrintService,
  ) {
    this.terminalId = core.config.terminal.id;
  }

  current(): ShiftRecord | null {
    return this.core.db.shifts.current(this.terminalId);
  }

  open(r: { floatCents: number; operatorId?: string | undefined }, caller: Principal): ShiftRecord {
    const { db } = this.core;
    // The drawer is the signed-in operator's: a request cannot open it in someone else's name.
    const operatorId = caller.kind === 'operator' ? caller.operatorId : (r.operatorId ?? null);
    if (!operatorId || (r.operatorId !== undefined && r.operatorId !== operatorId)) throw new RoleRequired('shift.open', ['operator']);
    const open = this.current();
    if (open) throw new ShiftAlreadyOpen(this.terminalId, open.id, open.operatorId);
    return db.transaction(() => {
      const shift = db.shifts.open({ terminalId: this.terminalId, operatorId, floatCents: r.floatCents });
      db.journal.append('shift-opened', {
        shiftId: shift.id,
        operatorId: shift.operatorId,
        floatCents: shift.floatCents,
        by: caller.operatorId ?? caller.kind,
      });
      return shift;
    });
  }

  close(r: { shiftId: string; countedCashCents: number }, caller: Principal): ShiftReport {
    const { db } = this.core;
    const shift = db.shifts.get(r.shiftId);
    if (!shift) throw new ShiftNotFound(r.shiftId);
    if (shift.closedAt) throw new ShiftNotOpen(this.terminalId, shift.id);
    const supervisor = caller.roles.has('supervisor');
    // Another operator's drawer is closed only by a supervisor.
    if (!supervisor && shift.operatorId !== caller.operatorId)
      throw new SupervisorRequired('foreign-shift', { shiftId: shift.id, operatorId: shift.operatorId });
    const open = db.sessions
      .listByState(UNPAID_WITH_TOKENS)
      .filter((s) => s.shiftId === shift.id)
      .map((s) => s.id);
    if (open.length > 0) throw new ShiftPaymentOpen(shift.id, open);
    const closed = db.transaction(() => {
      const expected = expectedCash(shift.floatCents, db.tenders.totalsByShift(shift.id));
      // A cash difference is signed off by a supervisor (the operator counts, the supervisor approves).
      if (!supervisor && r.countedCashCents !== expected)
        throw new SupervisorRequired('cash-difference', { differenceCents: r.countedCashCents - expected });
      const c = db.shifts.close(shift.id, { countedCashCents: r.countedCashCents, expectedCashCents: expected });
      db.journal.append('shift-closed', {
        shiftId: c.id,
        zReportNumber: c.zReportNumber,
        expectedCashCents: c.expectedCashCents,
        countedCashCents: c.countedCashCents,
        differenceCents: c.differenceCents,
        closedBy: caller.operatorId ?? caller.kind,
        supervisor,
      });
      return c;
    });
    return this.report('z', closed);
  }

  /** The open shift's X report, or a closed shift's Z report (default: this terminal's latest). */
  reportOf(kind: ReportKind, shiftId?: string): ShiftReport {
    return kind === 'x' ? this.report('x', this.requireOpen()) : this.report('z', this.closedShift(shiftId));
  }

  csv(kind: ReportKind, shiftId?: string): { filename: string; csv: string } {
    const rep = this.reportOf(kind, shiftId);
    const name = rep.kind === 'x' ? `x-${rep.generatedAt.replace(/[:.]/g, '-')}` : `z-${rep.shift.zReportNumber}`;
    return { filename: `sportello-${this.terminalId}-${name}.csv`, csv: shiftReportCsv(rep) };
  }

  /**
   * Through the print queue like every paper the terminal prints: a report the printer refuses
   * (paper out, cover open) is kept with its reason and printed when the printer recovers, and the
   * caller hears PRINTER_UNAVAILABLE with `kept: true` and the job's id.
   */
  async print(
    kind: ReportKind,
    shiftId: string | undefined,
    locale: Language | undefined,
  ): Promise<{ output: string; warnings: string[] }> {
    const { output } = requirePrinter(this.core.db, this.core.dataDir);
    const rep = this.reportOf(kind, shiftId);
    const lang = locale ?? this.core.config.terminal.locale;
    const result = await this.printing.submit({
      sessionId: null,
      kind: 'report',
      title: shiftReportTitle(rep, lang),
      source: { type: 'document', document: shiftReportDocument(rep, lang) },
    });
    if (result.error) {
      throw new PrinterUnavailable(result.error.reason, result.error.message, {
        details: { ...result.error.details, jobId: result.job.id, kept: true },
        cause: result.error,
      });
    }
    return { output: formatOutput(output), warnings: [...result.warnings] };
  }

  private requireOpen(): ShiftRecord {
    const open = this.current();
    if (!open) throw new ShiftNotOpen(this.terminalId);
    return open;
  }

  private closedShift(shiftId: string | undefined): ShiftRecord {
    const { db } = this.core;
    if (shiftId) {
      const s = db.shifts.get(shiftId);
      if (!s) throw new ShiftNotFound(shiftId);
      if (!s.closedAt) throw new ShiftNotClosed(s.id);
      return s;
    }
    // the latest Z of this terminal
    const last = db.shifts.listRecent({ limit: 20 }).find((s) => s.terminalId === this.terminalId && s.closedAt !== null);
    if (!last) throw new ShiftNotFound('closed at this terminal');
    return last;
  }

  private report(kind: ReportKind, shift: ShiftRecord): ShiftReport {
    const { db, engine } = this.core;
    return buildShiftReport({
      kind,
      shift,
      totals: db.tenders.totalsByShift(shift.id),
      pendingOutcomes: db.outbox.pending().depth,
      lateOutcomes: db.notices.countInShift(shift.id, 'accepted-late'),
      generatedAtMs: engine.now(),
    });
  }
}
