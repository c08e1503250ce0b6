/**
 * What figure 10 times on a terminal's database, each the way the core does it: the X report of
 * the open shift (the shift.xReport handler's reads and arithmetic), a search by notice number or
 * paymentToken (sessions.search), and the journal verified for one day: the entries between two Z
 * reports, each rehashed and linked to its predecessor from the head printed on the earlier Z
 * report to the head printed on the later one (what journal.verify does for the whole chain).
 */
import { entryHash, type SportelloDatabase } from '../../db';
import { buildShiftReport } from '../../main/services/shift/report';
import type { ShiftReport } from '../../main/contract/shift-schemas';
import type { ClosedShiftAnchor } from './generate';

export function xReport(db: SportelloDatabase, terminalId: string): ShiftReport {
  const shift = db.shifts.current(terminalId);
  if (!shift) throw new Error(`terminal ${terminalId} has no open shift`);
  return buildShiftReport({
    kind: 'x',
    shift,
    totals: db.tenders.totalsByShift(shift.id),
    pendingOutcomes: db.outbox.pending().depth,
    lateOutcomes: db.notices.countInShift(shift.id, 'accepted-late'),
    generatedAtMs: Date.now(),
  });
}

export type DayVerification =
  { ok: true; count: number } | { ok: false; brokenAt: number; reason: 'deleted' | 'edited' | 'reordered' | 'head' };

export function verifyDay(db: SportelloDatabase, day: ClosedShiftAnchor): DayVerification {
  let prev = day.fromHash;
  let expected = day.fromSeq + 1;
  for (let after = day.fromSeq; after < day.toSeq;) {
    const page = db.journal.list(after, 1_000);
    if (page.length === 0) break;
    for (const e of page) {
      if (e.seq > day.toSeq) break;
      if (e.seq !== expected) return { ok: false, brokenAt: expected, reason: 'deleted' };
      if (e.prevHash !== prev) return { ok: false, brokenAt: e.seq, reason: 'reordered' };
      if (entryHash(prev, e) !== e.hash) return { ok: false, brokenAt: e.seq, reason: 'edited' };
      prev = e.hash;
      expected++;
    }
    after = page[page.length - 1]!.seq;
  }
  if (expected - 1 !== day.toSeq || prev !== day.toHash) return { ok: false, brokenAt: expected, reason: 'head' };
  return { ok: true, count: day.toSeq - day.fromSeq };
}
