/**
 * The counter's shift as it crosses the contract: the shift record, and the X/Z report built from
 * its tender rows. Browser-safe (zod only). Every amount is integer cents; the renderer only shows
 * them, the core computes them (expected cash, difference).
 */
import { z } from 'zod';
import type { ShiftRecord } from '../../db';
import { cents, tenderMethod } from './schemas';

export const shiftId = z.string().min(1).max(64);
export const operatorId = z.string().trim().min(1).max(64);

export const shiftSchema = z.object({
  id: shiftId,
  terminalId: z.string(),
  operatorId: z.string(),
  openedAt: z.string(),
  floatCents: cents,
  closedAt: z.string().nullable(),
  countedCashCents: cents.nullable(),
  expectedCashCents: z.number().int().nullable(),
  /** counted - expected: negative when cash is missing. */
  differenceCents: z.number().int().nullable(),
  zReportNumber: z.number().int().nullable(),
  journalSeq: z.number().int().nullable(),
  journalHash: z.string().nullable(),
});

export const reportKind = z.enum(['x', 'z']);

/** One line per kind of money movement and method: what went through the drawer or the card terminal. */
export const reportLineSchema = z.object({
  kind: z.enum(['payment', 'refund']),
  method: tenderMethod,
  count: z.number().int().nonnegative(),
  /** To the creditors (the notices' amounts). */
  amountCents: cents,
  feeCents: cents,
});

export const shiftReportSchema = z.object({
  /** x: the open shift so far (nothing changes); z: the closed shift, numbered. */
  kind: reportKind,
  shift: shiftSchema,
  /** ISO time the report was made. */
  generatedAt: z.string(),
  lines: z.array(reportLineSchema),
  payments: z.object({ count: z.number().int().nonnegative(), amountCents: cents, feeCents: cents, totalCents: cents }),
  cash: z.object({
    floatCents: cents,
    /** Cash payments, fee included (the change went back out of what was given). */
    inCents: cents,
    /** Cash refunds handed back. */
    outCents: cents,
    expectedCents: z.number().int(),
    /** z only: what the operator counted, and counted - expected. */
    countedCents: cents.nullable(),
    differenceCents: z.number().int().nullable(),
  }),
  /** Outcomes of this terminal still on their way to the node when the report was made. */
  pendingOutcomes: z.number().int().nonnegative(),
  lateOutcomes: z.number().int().nonnegative(),
});

export type ShiftView = z.output<typeof shiftSchema>;
export type ShiftReport = z.output<typeof shiftReportSchema>;
export type ReportKind = z.output<typeof reportKind>;

// The schema and the repository's record stay in step (a field added on one side fails tsc).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const agree = <T extends true>(): T => true as T;
agree<Same<ShiftView, ShiftRecord>>();
